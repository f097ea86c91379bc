"""Connection URLs: libpq's ``postgresql://`` form, as IT staff write them.

The same URL serves psycopg (sync) and SQLAlchemy (migrations, which need the
driver named in the scheme). TLS options (``sslmode=verify-full``,
``sslrootcert``, ``sslcert``, ``sslkey``) travel in the query string untouched.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

_SCHEMES = ("postgresql", "postgres")


class UrlError(ValueError):
    pass


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in _SCHEMES or not parts.hostname:
        raise UrlError(
            "a PostgreSQL URL postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=verify-full&...] "
            "is needed"
        )
    return url.strip()


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
