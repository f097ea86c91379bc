"""A day on which Decision 4225's version may no longer apply, on the command line: a warning
a line on stderr from ``check``, ``receive`` and ``due``, the reasons stored with the dossier
(read back from the counter's SQLite store), and, with the refuse setting, nothing received."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.catalogue.loader import load_catalogue_for
from db.store import Store
from tests.accounts import IT_ADMIN, OFFICER, add_officers, sign_in_args
from tests.app.cli.running import run_motcua
from tests.app.dossier.conftest import EXAMPLES

AGENCY = "000.17.22.H56"
VERSION = "(qd-4225-2021)"
# Each day of the issue with the changes recorded since 17/12/2021 in force on it.
DAYS = {
    "2025-03-05": ["01/01/2025", "01/03/2025"],
    "2026-03-10": ["01/01/2025", "01/03/2025", "01/07/2025", "01/01/2026"],
    "2026-11-23": ["01/01/2025", "01/03/2025", "01/07/2025", "01/01/2026", "01/07/2026"],
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "counter"
    assert (
        run_motcua(["settings", "set", "agency_code", AGENCY, "--data-dir", str(folder)]).code == 0
    )
    store = Store.in_data_dir(folder)
    add_officers(store)
    store.close()
    return folder


def _request(tmp_path: Path, received_on: str) -> Path:
    request = json.loads((EXAMPLES / "gv-cap.json").read_text(encoding="utf-8"))
    request["received_on"] = received_on
    file = tmp_path / f"gv-cap-{received_on}.json"
    file.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    return file


def _warned_days(err: str) -> list[str]:
    """The change date each warning line names, checking each names the version."""
    lines = err.splitlines()
    assert all(line.startswith("cảnh báo: Danh mục thủ tục Quyết định 4225") for line in lines)
    assert all(VERSION in line for line in lines)
    return [line.split("vì từ ngày ")[1][:10] for line in lines]


def _receive(data_dir: Path, day: str) -> tuple[int, str, str]:
    ran = run_motcua(
        [
            "receive",
            str(EXAMPLES / "doi-gtvt.json"),
            *sign_in_args(data_dir, OFFICER),
            "--at",
            f"{day} 09:10",
            "--data-dir",
            str(data_dir),
        ]
    )
    return ran.code, ran.out, ran.err


@pytest.mark.parametrize("day", list(DAYS))
def test_receive_warns_and_the_store_keeps_the_reasons(data_dir: Path, day: str) -> None:
    code, out, err = _receive(data_dir, day)
    assert code == 0, err
    assert _warned_days(err) == DAYS[day]
    receipt = json.loads(out)
    assert [reason["on"] for reason in receipt["catalogue_not_current"]] == [
        dt.datetime.strptime(on, "%d/%m/%Y").date().isoformat() for on in DAYS[day]
    ]
    # Read back from the counter's store: the version's hash and the reasons, as evaluated.
    shown = run_motcua(["show", receipt["dossier_id"], "--data-dir", str(data_dir)])
    dossier = json.loads(shown.out)
    catalogue = load_catalogue_for(dt.date.fromisoformat(day))
    assert dossier["catalogue_hash"] == catalogue.content_hash
    assert dossier["catalogue_not_current"] == receipt["catalogue_not_current"]
    assert dossier["rounds"][0]["catalogue_not_current"] == receipt["catalogue_not_current"]
    moved = dossier["catalogue_not_current"][1]
    assert (moved["kind"], moved["source"]) == ("changed", "Thông tư số 12/2025/TT-BCA")


def test_the_refuse_setting_receives_nothing_and_issues_no_code(data_dir: Path) -> None:
    it = [*sign_in_args(data_dir, IT_ADMIN), "--data-dir", str(data_dir)]
    set_to = ["settings", "set", "catalogue_not_current"]
    assert run_motcua([*set_to, "refuse", *it]).code == 0
    code, out, err = _receive(data_dir, "2026-11-23")
    assert (code, out) == (7, "")
    assert err.startswith(
        "motcua receive: Không tiếp nhận hồ sơ trong ngày này (cài đặt “Khi danh mục thủ tục có"
        " thể không còn áp dụng”: không tiếp nhận). Danh mục thủ tục Quyết định 4225"
    )
    assert err.count(VERSION) == 5 and "từ ngày 01/07/2026: Thông tư số 108/2026/TT-BCA" in err
    listed = run_motcua(["list", "--date", "2026-11-23", "--json", "--data-dir", str(data_dir)])
    assert json.loads(listed.out) == []
    # A day before the first change is received; and back to "warn", the first code of the
    # day is still free: the refused dossier took none.
    code, out, err = _receive(data_dir, "2024-12-31")
    assert (code, err) == (0, "")
    assert json.loads(out)["catalogue_not_current"] == []
    assert run_motcua([*set_to, "warn", *it]).code == 0
    code, out, _ = _receive(data_dir, "2026-11-23")
    assert code == 0 and json.loads(out)["code"] == f"{AGENCY}-261123-0001"


@pytest.mark.parametrize("day", list(DAYS))
def test_check_warns_on_stderr_and_says_it_in_json(tmp_path: Path, day: str) -> None:
    ran = run_motcua(["check", str(_request(tmp_path, day))])
    assert ran.code == 0, ran.err
    assert _warned_days(ran.err) == DAYS[day]
    evaluation = json.loads(ran.out)
    assert evaluation["verdict"] == "accept"
    assert len(evaluation["catalogue_not_current"]) == len(DAYS[day])


def test_check_before_the_first_change_says_nothing(tmp_path: Path) -> None:
    ran = run_motcua(["check", str(_request(tmp_path, "2024-12-31"))])
    assert (ran.code, ran.err) == (0, "")
    assert json.loads(ran.out)["catalogue_not_current"] == []


@pytest.mark.parametrize("day", list(DAYS))
def test_due_warns_on_stderr(day: str) -> None:
    command = ["due", "--procedure", "gv-cap", "--received", f"{day} 09:10"]
    text = run_motcua(command)
    assert text.code == 0 and _warned_days(text.err) == DAYS[day]
    assert text.out.startswith("Tiếp nhận lúc 09:10")  # stdout as before
    as_json = run_motcua([*command, "--json"])
    assert _warned_days(as_json.err) == DAYS[day]
    assert len(json.loads(as_json.out)["catalogue_not_current"]) == len(DAYS[day])


def test_due_before_the_first_change_says_nothing() -> None:
    ran = run_motcua(["due", "--procedure", "gv-cap", "--received", "2024-12-31 09:10"])
    assert (ran.code, ran.err) == (0, "")


def test_the_warning_in_english(tmp_path: Path) -> None:
    folder = tmp_path / "english"
    assert run_motcua(["settings", "set", "language", "en", "--data-dir", str(folder)]).code == 0
    ran = run_motcua(
        [
            "due",
            "--procedure",
            "gv-cap",
            "--received",
            "2025-03-05 09:10",
            "--data-dir",
            str(folder),
        ]
    )
    assert ran.err.splitlines()[1].endswith(
        "(qd-4225-2021) may no longer apply to a dossier received on 05/03/2025, because from"
        " 01/03/2025: Licence exchange and international driving permits move to the Ministry"
        " of Public Security (Thông tư số 12/2025/TT-BCA)."
    )
    assert ran.err.startswith("warning: The procedure catalogue Quyết định 4225")
