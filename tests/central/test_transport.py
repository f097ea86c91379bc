"""Connecting to the centre: the password joined only at connect time, never in a URL; a
centre on another machine reached only with its certificate checked, unless allowed."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from db.central.urls import password_in, without_password
from db.sync.connection import CentralAccess, UnverifiedCentre, check_transport, connect, use_access
from tests.central.conftest import Central


@pytest.fixture(autouse=True)
def no_access_left() -> Iterator[None]:
    yield
    use_access(None)


def test_the_password_is_given_to_libpq_apart_from_the_url(central: Central) -> None:
    url = central.add_point("q3")
    password = password_in(url)
    assert password is not None
    bare = without_password(url)
    asked: list[str] = []

    def access(asked_for: str) -> CentralAccess:
        asked.append(asked_for)
        return CentralAccess(password=password)

    use_access(access)
    with connect(bare) as connection:
        assert connection.execute("SELECT current_user").fetchone() == (central.role("q3"),)
        assert connection.info.password == password
        assert password not in connection.info.dsn
    assert asked == [bare]  # the source never sees a password either


def test_a_remote_centre_without_verify_full_is_refused_before_any_network() -> None:
    remote = "postgresql://point@192.0.2.7:5432/centre"  # TEST-NET-1: nothing answers there
    for url in (remote, remote + "?sslmode=require", remote + "?sslmode=verify-ca"):
        with pytest.raises(UnverifiedCentre, match="sslmode=verify-full"):
            connect(url)
    use_access(lambda url: CentralAccess(unverified_host="192.0.2.8"))
    with pytest.raises(UnverifiedCentre, match=re.escape("--allow-unverified-host 192.0.2.7")):
        connect(remote)  # allowed for another host only
    check_transport(remote, "192.0.2.7")  # IT staff's allowance for that host
    check_transport(remote + "?sslmode=verify-full", None)
    for local in ("127.0.0.1", "[::1]", "localhost", "%2Fvar%2Frun%2Fpostgresql"):
        check_transport(f"postgresql://point@{local}/centre", None)
