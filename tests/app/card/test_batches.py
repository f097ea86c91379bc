"""The card data as the officer and the supervisor use it, on the command line and a real
store: which records are ready, one batch exported and verified, nothing exported twice, the
operator's answers (a rejected record back on the list with the reason), the next batch
chained to the first, and a supervisor's release.

The dossiers are received into the data folder's store with a portrait through the real
capture path (``tests.app.card.conftest``); every step after that is the ``motcua card``
command, as IT staff and supervisors run it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.catalogue.model import Catalogue
from app.cli.main import main
from app.reception import Timetable
from db.store import Store
from tests.accounts import OFFICER, SUPERVISOR, add_officers, sign_in_args
from tests.app.card.conftest import exchange_request, receive_exchange
from tests.app.cli.running import run_motcua

SETTINGS = {
    "agency_code": "000.17.22.H56",
    "receiving_point": "252 Lý Chính Thắng, phường 9, quận 3",
    "agency_name": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
    "place_name": "Thành phố Hồ Chí Minh",
}


@pytest.fixture
def folder(
    tmp_path: Path,
    catalogue: Catalogue,
    timetable: Timetable,
    photo_record: dict[str, Any],
) -> dict[str, Any]:
    """A counter's data folder: two exchanges ready, one without its class choice."""
    data = tmp_path / "counter"
    data.mkdir()
    for name, value in SETTINGS.items():
        assert main(["settings", "set", name, value, "--data-dir", str(data)]) == 0
    store = Store.in_data_dir(data)
    try:
        add_officers(store, quick=True)
        codes = [
            receive_exchange(
                store, catalogue, timetable, photo_record, exchange_request(class_choices=choice)
            ).dossier.code
            for choice in ({"B2": "B"}, {"B2": "C1"}, {})
        ]
    finally:
        store.close()
    out = tmp_path / "batches"
    out.mkdir()
    return {"data": data, "codes": codes, "out": out}


def _card(folder: dict[str, Any], *args: str, who: Any = None) -> tuple[int, str, str]:
    data: Path = folder["data"]
    signing = sign_in_args(data, who) if who is not None else []
    ran = run_motcua(["card", *args, *signing, "--data-dir", str(data)])
    return ran.code, ran.out, ran.err


def _states(folder: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    code, out, err = _card(folder, "list", "--json")
    assert code == 0, err
    return {line["code"]: (line["state"], line["reason"]) for line in json.loads(out)}


def test_a_batch_is_exported_once_verified_answered_and_chained(folder: dict[str, Any]) -> None:
    first, second, no_choice = folder["codes"]
    listed = json.loads(_card(folder, "list", "--json")[1])
    failing = next(line for line in listed if line["code"] == no_choice)
    assert failing["state"] == "failing"
    assert any("B2" in problem and "C1" in problem for problem in failing["problems"])
    assert _states(folder)[first] == ("ready", None)

    code, out, err = _card(folder, "export", "-o", str(folder["out"]), who=OFFICER)
    assert code == 0, err
    exported = json.loads(out)
    assert exported["records"] == 2
    assert [line["code"] for line in exported["left_out"]] == [no_choice]
    batch = Path(exported["folder"])
    assert batch.name.startswith("GPLX_000.17.22.H56_") and batch.name.endswith("_Q01_001")
    records = json.loads((batch / "data" / "records.json").read_text(encoding="utf-8"))
    assert [record["dossier_code"] for record in records] == [first, second]
    assert {p.name for p in (batch / "data" / "photos").iterdir()} == {
        f"{first}.jpg",
        f"{second}.jpg",
    }
    code, out, err = _card(folder, "verify", str(batch))
    assert code == 0, err
    assert "nguyên vẹn" in out and "2 bản ghi" in out

    # Nothing is exported twice: the two are exported, the third still fails.
    assert _states(folder)[first] == ("exported", None)
    code, _, err = _card(folder, "export", "-o", str(folder["out"]), who=OFFICER)
    assert code == 4 and "không có hồ sơ nào sẵn sàng" in err

    # The operator acknowledges one and rejects the other, with its reason.
    answers = folder["data"] / "answers.csv"
    answers.write_text(
        f"code,result,reason\n{first},acknowledged,\n{second},rejected,Ảnh bị mờ\n",
        encoding="utf-8-sig",
    )
    code, out, err = _card(folder, "ack", str(answers), who=OFFICER)
    assert code == 0, err
    assert json.loads(out) == {
        "batch": batch.name,
        "acknowledged": [first],
        "rejected": [second],
        "already": [],
    }
    states = _states(folder)
    assert states[first] == ("acknowledged", None)
    assert states[second] == ("ready", "Ảnh bị mờ")  # back on the list, with the reason

    # The rejected one goes into the next batch, chained to the first.
    code, out, err = _card(folder, "export", "-o", str(folder["out"]), who=OFFICER)
    assert code == 0, err
    again = json.loads(out)
    assert again["records"] == 1 and again["batch"].endswith("_Q01_002")
    assert _card(folder, "verify", again["folder"])[0] == 0

    # Exporting an acknowledged record again is a supervisor's decision, with a reason.
    code, _, err = _card(folder, "release", first, "--reason", "Thẻ in lỗi", who=OFFICER)
    assert code == 7
    code, _, err = _card(folder, "release", first, "--reason", "Thẻ in lỗi", who=SUPERVISOR)
    assert code == 0, err
    assert _states(folder)[first][0] == "ready"


def test_verify_names_what_was_changed(folder: dict[str, Any]) -> None:
    code, out, err = _card(folder, "export", "-o", str(folder["out"]), who=OFFICER)
    assert code == 0, err
    batch = Path(json.loads(out)["folder"])
    photo = next((batch / "data" / "photos").iterdir())
    content = bytearray(photo.read_bytes())
    content[len(content) // 2] ^= 0x01
    photo.write_bytes(bytes(content))
    code, _, err = _card(folder, "verify", str(batch))
    assert code == 7
    assert photo.name in err
    # A folder that is no batch of this counter.
    stranger = folder["out"] / "GPLX_000.17.22.H56_20260101_Q09_001"
    stranger.mkdir()
    code, _, err = _card(folder, "verify", str(stranger))
    assert code == 4 and stranger.name in err


def test_an_answer_file_that_is_not_one_is_refused_naming_the_line(
    folder: dict[str, Any],
) -> None:
    assert _card(folder, "export", "-o", str(folder["out"]), who=OFFICER)[0] == 0
    answers = folder["data"] / "answers.csv"
    answers.write_text(f"{folder['codes'][0]}\n", encoding="utf-8")
    code, _, err = _card(folder, "ack", str(answers), who=OFFICER)
    assert code == 2 and "dòng 1" in err
    answers.write_text(f"{folder['codes'][2]},acknowledged\n", encoding="utf-8")
    code, _, err = _card(folder, "ack", str(answers), who=OFFICER)
    assert code == 2 and "không hồ sơ nào trong tệp" in err


def test_a_counter_without_its_point_is_told_which_setting(folder: dict[str, Any]) -> None:
    settings_file = folder["data"] / "settings.json"
    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    saved["receiving_point"] = ""  # as a counter set up before its point was named
    settings_file.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    code, _, err = _card(folder, "export", "-o", str(folder["out"]), who=OFFICER)
    assert code == 2
    assert "Điểm tiếp nhận chưa được đặt" in err and "receiving_point" in err
    assert not any(folder["out"].iterdir())
