"""Publishing reference data at the centre: the SQL of ``motcua central publish …``.

A catalogue version is a ``reference_item`` of kind ``catalogue``, key its version id,
payload ``{"files": {name: text}, "content_hash", "valid_from", "published_at",
"published_by"}``; the working-day override table is kind ``holidays``, key ``overrides``,
payload ``{"text", "content_hash", "version", "published_at", "published_by"}``. Every
change bumps the item's version and is logged for the counters' pull (c0001's triggers),
which keeps it in the counter's ``sync_reference_item``.

What is published was checked by the caller with the counter's own rules; here it is
only stored. The same content (by its hash) again changes nothing, so the counters do not
pull it again; another content under the same key replaces the item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from db.central.admin import Target, connect_admin
from db.central.schema import SCHEMA, first_line

CATALOGUE = "catalogue"
HOLIDAYS = "holidays"
HOLIDAYS_KEY = "overrides"  # the one override table the centre publishes


class PublishError(Exception):
    """The database refused or failed: its first line."""


class Outcome(StrEnum):
    NEW = "new"  # nothing was published under this key
    UNCHANGED = "unchanged"  # the same content is published already: nothing done
    REPLACED = "replaced"  # another content was published under this key; this one replaces it


@dataclass(frozen=True)
class Published:
    kind: str
    key: str
    outcome: Outcome
    content_hash: str
    previous_hash: str | None  # the content replaced (or the same, when unchanged)
    version: int  # the item's version at the centre
    published_at: dt.datetime


def publish(target: Target, kind: str, key: str, payload: dict[str, Any]) -> Published:
    """Store ``payload`` (with its ``content_hash``) as the item ``kind``/``key``, stamped
    with the time and the login that published it, unless the same content is there."""
    content_hash = str(payload["content_hash"])
    try:
        with connect_admin(target) as connection, connection.transaction():
            held = connection.execute(
                f"SELECT payload ->> 'content_hash', withdrawn, version, updated_at "
                f"FROM {SCHEMA}.reference_item WHERE kind = %s AND key = %s FOR UPDATE",
                [kind, key],
            ).fetchone()
            if held is not None and held[0] == content_hash and not held[1]:
                return Published(kind, key, Outcome.UNCHANGED, content_hash, held[0], *held[2:])
            row = connection.execute(
                f"INSERT INTO {SCHEMA}.reference_item (kind, key, payload) "
                "VALUES (%s, %s, %s || jsonb_build_object('published_at', now(), "
                "'published_by', session_user::text)) "
                "ON CONFLICT (kind, key) DO UPDATE "
                "SET payload = EXCLUDED.payload, withdrawn = false "
                "RETURNING version, updated_at",
                [kind, key, Jsonb(payload)],
            ).fetchone()
    except psycopg.Error as error:
        raise PublishError(first_line(error)) from error
    assert row is not None
    outcome = Outcome.NEW if held is None else Outcome.REPLACED
    previous = None if held is None else held[0]
    return Published(kind, key, outcome, content_hash, previous, row[0], row[1])
