"""Catalogue versions and days off published at the centre (``motcua central publish …``),
checked there as a counter checks them, and used by a counter from its next dossier after
one sync round: the stored dossier names the version and hash that evaluated it. Without a
publication, or with one this program cannot read, the shipped data serve."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import psycopg
import pytest

from app.catalogue.loader import load_catalogue_for, shipped_catalogue_dir
from app.reference_data import reference_data_of
from app.workdays import WorkCalendar
from app.workdays.overrides import shipped_overrides_path
from db.store import Store
from db.sync.round import sync_round
from tests.accounts import OFFICER, add_officers, sign_in_args
from tests.app.cli.running import Ran, run_motcua
from tests.app.dossier.conftest import EXAMPLES
from tests.central.conftest import AGENCY, Central, counter_store, pull_past

SHIPPED = "qd-4225-2021"
CHANGED_NAME = "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp (bản trung tâm ban hành)"
RECEIVED = "2026-12-01 09:10"  # a Tuesday
DAY_OFF = "2026-12-02"  # the day after: within the 5 working days of doi-gtvt


def _version(tmp_path: Path, version_id: str = SHIPPED, valid_from: str = "") -> Path:
    """A copy of the shipped version with the name of procedure doi-gtvt changed."""
    folder = tmp_path / f"published-{version_id}"
    shutil.copytree(shipped_catalogue_dir() / SHIPPED, folder)
    procedure = folder / "doi-gtvt.toml"
    text = procedure.read_text(encoding="utf-8")
    old_name = 'name = "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp"\n'
    assert text.count(old_name) == 1
    procedure.write_text(text.replace(old_name, f'name = "{CHANGED_NAME}"\n'), encoding="utf-8")
    manifest = folder / "catalogue.toml"
    text = manifest.read_text(encoding="utf-8").replace(
        f'id = "{SHIPPED}"', f'id = "{version_id}"', 1
    )
    if valid_from:
        text = text.replace("valid_from = 2021-12-17", f"valid_from = {valid_from}", 1)
    manifest.write_text(text, encoding="utf-8")
    return folder


def _counter(central: Central, tmp_path: Path) -> Path:
    """A counter's data folder: its settings, its officers, registered at the centre."""
    folder = tmp_path / "counter"
    set_agency = ["settings", "set", "agency_code", AGENCY, "--data-dir", str(folder)]
    assert run_motcua(set_agency).code == 0
    store = counter_store(folder, central.add_point("q3"))
    add_officers(store)
    store.close()
    return folder


def _publish(central: Central, tmp_path: Path, kind: str, what: Path) -> Ran:
    return run_motcua(["central", "publish", kind, str(what), *central.admin_options(tmp_path)])


def _one_round(central: Central, folder: Path) -> None:
    """One sync round of the counter, and more only while the centre's watermark is held
    back by a transaction elsewhere on the server (``pull_past``)."""
    with central.admin() as admin:
        row = admin.execute(
            "SELECT xid::text FROM motcua.change_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row is not None
    store = Store.in_data_dir(folder)
    try:
        pull_past(store, int(row[0]), lambda: sync_round(store).pulled.applied)
    finally:
        store.close()


def _receive(folder: Path) -> dict[str, object]:
    ran = run_motcua(
        [
            "receive",
            str(EXAMPLES / "doi-gtvt.json"),
            *sign_in_args(folder, OFFICER),
            "--at",
            RECEIVED,
            "--data-dir",
            str(folder),
        ]
    )
    assert ran.code == 0, ran.err
    receipt = json.loads(ran.out)
    shown = run_motcua(["show", str(receipt["dossier_id"]), "--data-dir", str(folder)])
    assert shown.code == 0, shown.err
    stored: dict[str, object] = json.loads(shown.out)
    return stored


def _stored_evaluation(folder: Path, dossier_id: str) -> dict[str, object]:
    """The evaluation as the counter's SQLite store keeps it for the dossier's round."""
    store = Store.in_data_dir(folder)
    try:
        with store.reading() as session:
            from sqlalchemy import select

            from db.models import ReceptionRound

            (text,) = session.execute(
                select(ReceptionRound.evaluation_json).where(
                    ReceptionRound.dossier_id == dossier_id
                )
            ).one()
    finally:
        store.close()
    evaluation: dict[str, object] = json.loads(text)
    return evaluation


@pytest.mark.parametrize(
    ("version_id", "valid_from"),
    [(SHIPPED, ""), ("qd-4225-2021-trung-tam", "2021-12-18")],
    ids=["same id as shipped", "a new version"],
)
def test_a_version_published_at_the_centre_evaluates_the_next_dossier(
    central: Central, tmp_path: Path, version_id: str, valid_from: str
) -> None:
    folder = _counter(central, tmp_path)
    shipped = load_catalogue_for(dt.date(2026, 12, 1))
    # Nothing published: the shipped version, by its id and hash.
    before = _receive(folder)
    assert (before["catalogue_version"], before["catalogue_hash"]) == (
        SHIPPED,
        shipped.content_hash,
    )

    published = _version(tmp_path, version_id, valid_from)
    ran = _publish(central, tmp_path, "catalogue", published)
    assert ran.code == 0, ran.err
    said = json.loads(ran.out)
    assert (said["kind"], said["key"], said["outcome"]) == ("catalogue", version_id, "new")
    assert said["content_hash"] != shipped.content_hash
    # The same content again changes nothing, and says so.
    again = _publish(central, tmp_path, "catalogue", published)
    assert again.code == 0 and json.loads(again.out)["outcome"] == "unchanged"
    assert "không có gì thay đổi" in again.err

    _one_round(central, folder)
    after = _receive(folder)
    assert (after["catalogue_version"], after["catalogue_hash"]) == (
        version_id,
        said["content_hash"],
    )
    evaluation = _stored_evaluation(folder, str(after["dossier_id"]))
    assert (evaluation["catalogue_version"], evaluation["catalogue_hash"]) == (
        version_id,
        said["content_hash"],
    )
    assert evaluation["procedure_name"] == CHANGED_NAME
    # The dossier received before keeps the version that evaluated it.
    assert (
        _stored_evaluation(folder, str(before["dossier_id"]))["catalogue_hash"]
        == shipped.content_hash
    )


def test_a_changed_content_under_the_same_id_replaces_the_one_published(
    central: Central, tmp_path: Path
) -> None:
    published = _version(tmp_path)
    first = json.loads(_publish(central, tmp_path, "catalogue", published).out)
    procedure = published / "gv-cap.toml"
    procedure.write_text(procedure.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")
    ran = _publish(central, tmp_path, "catalogue", published)
    assert ran.code == 0, ran.err
    second = json.loads(ran.out)
    assert second["outcome"] == "replaced"
    assert second["previous_hash"] == first["content_hash"] != second["content_hash"]
    assert first["content_hash"][:12] in ran.err and second["content_hash"][:12] in ran.err
    with central.admin() as admin:
        rows = admin.execute(
            "SELECT key, version, payload ->> 'content_hash', payload ->> 'published_by' "
            "FROM motcua.reference_item WHERE kind = 'catalogue'"
        ).fetchall()
    assert [row[:3] for row in rows] == [(SHIPPED, 2, second["content_hash"])]
    assert rows[0][3]  # the login that published it


def test_a_broken_version_is_refused_with_the_counters_own_words_and_nothing_is_stored(
    central: Central, tmp_path: Path
) -> None:
    broken = _version(tmp_path)
    manifest = broken / "catalogue.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("issued_on = 2021-12-17", "issued_on = 1", 1),
        encoding="utf-8",
    )
    (broken / "gv-cap.toml").write_text('id = "gv-cap"\nname = \n', encoding="utf-8")
    validated = run_motcua(["catalog", "validate", str(broken)])
    published = _publish(central, tmp_path, "catalogue", broken)
    assert validated.code == published.code == 3
    assert published.out == validated.out
    assert "catalogue.toml: issued_on:" in published.out and "gv-cap.toml" in published.out
    # The same summary, after each command's own name.
    assert published.err.removeprefix("motcua central publish catalogue: ") == (
        validated.err.removeprefix("motcua catalog: ")
    )
    with central.admin() as admin:
        assert admin.execute("SELECT count(*) FROM motcua.reference_item").fetchone() == (0,)


def test_a_day_off_published_at_the_centre_moves_the_due_date_after_one_round(
    central: Central, tmp_path: Path
) -> None:
    folder = _counter(central, tmp_path)
    due = ["due", "--procedure", "doi-gtvt", "--received", RECEIVED, "--json"]

    def due_at() -> dict[str, object]:
        ran = run_motcua([*due, "--data-dir", str(folder)])
        assert ran.code == 0, ran.err
        found: dict[str, object] = json.loads(ran.out)
        return found

    before = due_at()
    table = tmp_path / "overrides.toml"
    text = shipped_overrides_path().read_text(encoding="utf-8")
    text = text.replace('version = "', 'version = "trung-tam-', 1)
    text += (
        f'\n[[override]]\ndate = {DAY_OFF}\nkind = "day-off"\n'
        'name = "Nghỉ thêm do Ủy ban nhân dân Thành phố công bố"\n'
        'source = "Thông báo thử nghiệm của Ủy ban nhân dân Thành phố"\n'
    )
    table.write_text(text, encoding="utf-8")
    ran = _publish(central, tmp_path, "holidays", table)
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["outcome"] == "new"
    # Not at the counter before its round.
    assert due_at()["due_at"] == before["due_at"]
    _one_round(central, folder)
    after = due_at()
    was = dt.datetime.fromisoformat(str(before["due_at"]))
    moved = WorkCalendar.default().next_working_day(was.date())
    assert after["due_at"] == f"{moved.isoformat()}T{was:%H:%M}"
    assert "Nghỉ thêm do Ủy ban nhân dân Thành phố công bố" in json.dumps(
        after["explanation"], ensure_ascii=False
    )
    store = Store.in_data_dir(folder)
    try:
        reference = reference_data_of(store)
    finally:
        store.close()
    assert reference.overrides.version.startswith("trung-tam-")
    assert str(reference.overrides_origin) == "centre"


def test_a_publication_this_program_cannot_read_is_reported_and_the_shipped_one_used(
    central: Central, tmp_path: Path
) -> None:
    folder = _counter(central, tmp_path)
    newer = _version(tmp_path)
    # What a newer program would know: a fact this one does not.
    procedure = newer / "gv-cap.toml"
    text = procedure.read_text(encoding="utf-8")
    procedure.write_text(text.replace('fact = "', 'fact = "future.', 1), encoding="utf-8")
    files = {file.name: file.read_text(encoding="utf-8") for file in newer.glob("*.toml")}
    from app.catalogue.loader import content_hash

    payload = {"files": files, "content_hash": content_hash(files), "valid_from": "2021-12-17"}
    with psycopg.connect(central.admin_url, autocommit=True) as admin:
        admin.execute(
            "INSERT INTO motcua.reference_item (kind, key, payload) VALUES ('catalogue', %s, %s)",
            [SHIPPED, json.dumps(payload)],
        )
    _one_round(central, folder)
    status = run_motcua(["sync", "--status", "--data-dir", str(folder)])
    assert status.code == 0, status.err
    reference = json.loads(status.out)["reference"]
    assert reference["catalogue"]["origin"] == "shipped"
    assert (
        reference["catalogue"]["content_hash"] == load_catalogue_for(dt.date.today()).content_hash
    )
    [unusable] = reference["unusable"]
    assert (unusable["kind"], unusable["key"]) == ("catalogue", SHIPPED)
    assert any("unknown fact 'future." in problem for problem in unusable["problems"])
    assert "cần cập nhật chương trình" in status.err
    assert (
        _receive(folder)["catalogue_hash"] == load_catalogue_for(dt.date(2026, 12, 1)).content_hash
    )
