"""The central password: never in the store, settings or the command line; kept in the
credential store when one answers, else in a 0600 file of the data folder."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from alembic import command
from jaraco.classes.properties import classproperty
from keyring.backend import KeyringBackend
from keyring.errors import PasswordSetError

from app.central_secret import CentralSecrets, platform_backend
from app.cli.main import main
from app.sync_ops import SyncSettingRefused, configure_sync, sync_status
from db.migrate import _config
from db.store import STORE_FILE, Store
from db.sync.passfile import PASSFILE

URL = "postgresql://point@127.0.0.1:5432/centre"
PASSWORD = "Mật:khẩu\\bí-mật-9f2c"  # a colon and a backslash: escaped in libpq's format


class MemoryKeyring(KeyringBackend):
    """A credential store of the test's own (the platform's is injected the same way)."""

    @classproperty
    def priority(cls) -> float:  # noqa: N805 (a class property)
        raise RuntimeError("a test's own: keyring never chooses it by itself")

    def __init__(self, refuse: bool = False) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.kept: dict[tuple[str, str], str] = {}
        self.refuse = refuse

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.refuse:
            raise PasswordSetError("locked")
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_this_machine_has_no_credential_store_so_the_file_is_used(tmp_path: Path) -> None:
    assert platform_backend() is None  # keyring's fail backend on a server without a session
    secrets = CentralSecrets(tmp_path, platform_backend())
    assert secrets.save(URL, PASSWORD) == str(tmp_path / PASSFILE)
    assert _mode(tmp_path / PASSFILE) == 0o600
    assert secrets.password(URL) == PASSWORD
    assert secrets.password(URL.replace("point", "other")) is None


def test_a_credential_store_is_preferred_and_takes_over_the_file(tmp_path: Path) -> None:
    CentralSecrets(tmp_path, None).save(URL, PASSWORD)  # as migration 0007 leaves it
    backend = MemoryKeyring()
    secrets = CentralSecrets(tmp_path, backend)
    assert secrets.password(URL) == PASSWORD
    assert backend.kept == {("motcua-central", "point@127.0.0.1:5432/centre"): PASSWORD}
    assert not (tmp_path / PASSFILE).exists()  # moved, not copied
    secrets.save(URL, "new")
    assert secrets.password(URL) == "new" and not (tmp_path / PASSFILE).exists()


def test_a_locked_credential_store_falls_back_to_the_file(tmp_path: Path) -> None:
    secrets = CentralSecrets(tmp_path, MemoryKeyring(refuse=True))
    assert secrets.save(URL, PASSWORD) == str(tmp_path / PASSFILE)
    assert secrets.password(URL) == PASSWORD


def test_the_store_refuses_a_url_with_a_password_and_keeps_it_apart(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    with pytest.raises(SyncSettingRefused, match="--password-from"):
        configure_sync(store, url="postgresql://point:pw@127.0.0.1/centre")
    kept = configure_sync(store, url=URL, password=PASSWORD, secrets=CentralSecrets(tmp_path))
    assert kept == str(tmp_path / PASSFILE)
    assert sync_status(store).central == URL
    store.close()
    _assert_no_password_in_store(tmp_path, PASSWORD)


def test_a_remote_centre_needs_verify_full_or_an_allowance(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    remote = "postgresql://point@centre.example/motcua"
    with pytest.raises(SyncSettingRefused, match="sslmode=verify-full") as refused:
        configure_sync(store, url=remote)
    assert "--allow-unverified-host centre.example" in str(refused.value)
    configure_sync(store, url=remote + "?sslmode=verify-full&sslrootcert=ca.pem")
    assert not sync_status(store).unverified
    configure_sync(store, url=remote + "?sslmode=require", allow_unverified_host="centre.example")
    assert sync_status(store).unverified
    with pytest.raises(SyncSettingRefused):  # the allowance is for that host only
        configure_sync(store, url="postgresql://point@other.example/motcua")
    store.close()


def test_sync_url_with_a_password_is_refused_saying_how_to_store_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["sync", "--url", "postgresql://point:pw@127.0.0.1/c", "--data-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "--password-from" in err and "pw" not in err.replace("password", "")
    assert not (tmp_path / STORE_FILE).exists()  # refused before the store was opened
    code = main(["sync", "--url", "postgresql://p@centre.example/c", "--data-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "sslmode=verify-full" in err and "--allow-unverified-host" in err


def test_sync_password_from_a_file_goes_to_the_secret_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = tmp_path / "given.txt"
    given.write_text(f"{PASSWORD}\n", encoding="utf-8")
    data = tmp_path / "data"
    args = ["sync", "--status", "--url", URL, "--password-from", str(given)]
    assert main([*args, "--data-dir", str(data)]) == 0
    assert str(data / PASSFILE) in capsys.readouterr().err
    assert CentralSecrets(data).password(URL) == PASSWORD
    _assert_no_password_in_store(data, PASSWORD)


def test_an_older_store_with_a_password_in_its_url_is_cleaned_by_the_upgrade(
    tmp_path: Path,
) -> None:
    """Migration 0007 moves the password to the 0600 file; ``.dump`` shows no trace of it."""
    store = Store.in_data_dir(tmp_path)
    config = _config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")  # a counter installed before issue 13
    store.close()
    with sqlite3.connect(tmp_path / STORE_FILE) as old:
        old.execute(
            "UPDATE sync_state SET central_url = ?",
            ["postgresql://point:s3cr%3At@127.0.0.1:5432/centre?sslmode=disable"],
        )
    old.close()

    store = Store.in_data_dir(tmp_path)
    status = sync_status(store)
    store.close()
    assert status.central == "postgresql://point@127.0.0.1:5432/centre?sslmode=disable"
    assert _mode(tmp_path / PASSFILE) == 0o600
    assert CentralSecrets(tmp_path).password(status.central) == "s3cr:t"
    _assert_no_password_in_store(tmp_path, "s3cr")


def _assert_no_password_in_store(data_dir: Path, password: str) -> None:
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        dump = "\n".join(connection.iterdump())
    connection.close()
    assert password not in dump and ":***@" not in dump
    for path in data_dir.glob(f"{STORE_FILE}*"):
        assert password.encode() not in path.read_bytes(), path.name
