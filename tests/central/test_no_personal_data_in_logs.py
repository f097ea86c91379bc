"""Nothing personal in the logs: a dossier received with its photo, its BM 01 printed and
synced to the real central database, every logger at DEBUG into a file; the file holds
neither the applicant's name, nor the ID number, nor the photo's bytes, nor the central
password."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.main import main
from app.reception import receive
from db.central.urls import password_in, without_password
from db.store import STORE_FILE, Store
from tests.accounts import IT_ADMIN, OFFICER, PASSWORDS, add_officers, sign_in_args
from tests.central.conftest import AGENCY, Central
from tests.db.conftest import counter, example_request
from tests.db.workers import DAY, prepared

NAME, ID_NUMBER = "Trần Thị Bích Ngọc", "079199012345"


def _photo_record() -> dict[str, object]:
    jpeg = b"\xff\xd8\xff\xe0" + os.urandom(4096) + b"\xff\xd9"  # unique, findable bytes
    original = b"\x89PNG\r\n\x1a\n" + os.urandom(4096)
    return {
        "photo_jpeg": jpeg,
        "photo_sha256": hashlib.sha256(jpeg).hexdigest(),
        "original": original,
        "original_media_type": "image/png",
        "original_sha256": hashlib.sha256(original).hexdigest(),
        "original_width": 640,
        "original_height": 480,
        "source": "camera",
        "background": "light",
        "checks": [],
        "overridden_checks": [],
        "override_reason": None,
        "captured_at": DAY.isoformat(),
    }


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    """Every logger, the libraries' too, at DEBUG into one file."""
    path = tmp_path / "debug.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    handler.close()
    root.setLevel(previous)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_a_dossier_end_to_end_leaves_nothing_personal_in_the_log(
    central: Central, tmp_path: Path, debug_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    options = ["--data-dir", str(data)]
    for name, value in (
        ("agency_code", AGENCY),
        ("agency_name", "Sở Xây dựng"),
        ("place_name", "TP. Hồ Chí Minh"),
    ):
        assert main(["settings", "set", name, value, *options]) == 0
    photo = _photo_record()
    catalogue, timetable = prepared()
    store = Store.in_data_dir(data)
    add_officers(store)
    request = example_request(full_name=NAME)
    document = request.applicant.identity_document.model_copy(update={"number": ID_NUMBER})
    request = request.model_copy(
        update={"applicant": request.applicant.model_copy(update={"identity_document": document})}
    )
    receipt = receive(
        request,
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=DAY,
        photo=photo,
    )
    store.close()
    with sqlite3.connect(data / STORE_FILE) as stored:  # what the log must not show is stored
        dump = "\n".join(stored.iterdump())
    stored.close()
    assert NAME in dump and ID_NUMBER in dump
    code = receipt.code
    assert code is not None
    as_officer = sign_in_args(tmp_path, OFFICER)
    assert (
        main(["print", "bm01", code, "-o", str(tmp_path / "bm01.pdf"), *as_officer, *options]) == 0
    )

    url = central.add_point("q3")
    password = password_in(url)
    assert password is not None
    given = tmp_path / "password.txt"
    given.write_text(password, encoding="utf-8")
    sync = ["sync", "--once", "--url", without_password(url), "--password-from", str(given)]
    assert main([*sync, *sign_in_args(tmp_path, IT_ADMIN), *options]) == 0, capsys.readouterr().err
    with central.admin() as connection:
        sent = connection.execute("SELECT count(*) FROM motcua.photo").fetchone()
    assert sent == (2,)  # the photos reached the centre: the round did carry them

    log = debug_log.read_bytes()
    assert b"sync round" in log  # the log did capture the round
    for secret in (NAME, ID_NUMBER, password, PASSWORDS[OFFICER.login], PASSWORDS[IT_ADMIN.login]):
        assert secret.encode() not in log, secret
    for content in (photo["photo_jpeg"], photo["original"]):
        assert isinstance(content, bytes)
        assert content[4:36] not in log and content[4:36].hex().encode() not in log
