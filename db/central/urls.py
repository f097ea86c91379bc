"""Connection URLs: libpq's ``postgresql://`` form, as IT staff write them.

The same URL serves psycopg (sync) and SQLAlchemy (migrations, which need the
driver named in the scheme). TLS options (``sslmode=verify-full``,
``sslrootcert``, ``sslcert``, ``sslkey``) travel in the query string untouched.
"""

from __future__ import annotations

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
