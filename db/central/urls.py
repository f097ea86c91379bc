"""Connection URLs: libpq's ``postgresql://`` form, as IT staff write them.

The same URL serves psycopg (sync) and SQLAlchemy (migrations, which need the
driver named in the scheme). TLS options (``sslmode=verify-full``,
``sslrootcert``, ``sslcert``, ``sslkey``) travel in the query string untouched.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

_SCHEMES = ("postgresql", "postgres")


class UrlError(ValueError):
    pass


def check_url(url: str) -> str:
    """The URL, trimmed, when it is one libpq takes; ``UrlError`` for anything else
    (never another exception: IT staff type these, and a bad one must be told, not crash).

    Python's parser checks the form, scheme, host and port; libpq's own
    (``conninfo_to_dict``) the rest: percent escapes, IPv6 brackets, option names.
    """
    text = url.strip()
    if any(ord(char) < 0x20 or char == "\x7f" for char in text):
        raise _needed()  # libpq would cut the URL at a NUL
    try:
        parts = urlsplit(text)
        host, _port = parts.hostname, parts.port  # .port: a number from 0 to 65535
        conninfo_to_dict(text)
    except (ValueError, psycopg.Error) as error:  # UnicodeError (a lone surrogate) included
        raise _needed() from error
    if parts.scheme not in _SCHEMES or not host:
        raise _needed()
    return text


def _needed() -> UrlError:
    return UrlError(
        "a PostgreSQL URL postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=verify-full&...] "
        "is needed"
    )


def sqlalchemy_url(url: str) -> str:
    parts = urlsplit(check_url(url))
    return urlunsplit(parts._replace(scheme="postgresql+psycopg"))


def redacted(url: str) -> str:
    """The URL without its password, for messages and status screens."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}:***@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=f"{user}{host}{port}"))


def password_in(url: str) -> str | None:
    """The password written in the URL (libpq's reading: percent escapes decoded), if any."""
    found = conninfo_to_dict(url).get("password")
    return str(found) if found else None


def without_password(url: str) -> str:
    """The URL with any password taken out: what the store keeps and the logs may show."""
    parts = urlsplit(url)
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not pair.startswith("password=")
    )
    userinfo, at, host_port = parts.netloc.rpartition("@")
    user = userinfo.partition(":")[0]
    netloc = f"{user}@{host_port}" if at else host_port
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def account_of(url: str) -> str:
    """``user@host:port/database``: which central account a password belongs to (the key of
    the credential store), the password left out."""
    info = conninfo_to_dict(url)
    return (
        f"{info.get('user', '')}@{info.get('host', '')}:{info.get('port', '5432')}"
        f"/{info.get('dbname', '')}"
    )


def hosts_of(url: str) -> tuple[str, ...]:
    """Every address libpq may connect to for this URL (``host`` and ``hostaddr``, each a
    comma-separated list)."""
    info = conninfo_to_dict(url)
    found = [
        host.strip()
        for key in ("host", "hostaddr")
        for host in str(info.get(key, "")).split(",")
        if host.strip()
    ]
    return tuple(found) or ("localhost",)  # libpq's default: the local socket


def is_loopback(host: str) -> bool:
    """A Unix socket folder, ``localhost`` or a loopback address: nothing leaves the PC."""
    if host.startswith("/") or host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def verifies_server(url: str) -> bool:
    """TLS with the server's certificate and host name checked (libpq ``verify-full``)."""
    return conninfo_to_dict(url).get("sslmode") == "verify-full"


def remote_host(url: str) -> str | None:
    """The first address of the URL that is not this PC; None when all are loopback."""
    return next((host for host in hosts_of(url) if not is_loopback(host)), None)


def unverified_host(url: str) -> str | None:
    """The host a connection to ``url`` would reach without TLS checks: a non-loopback host
    without ``sslmode=verify-full``; None when the connection is verified or local."""
    return None if verifies_server(url) else remote_host(url)
