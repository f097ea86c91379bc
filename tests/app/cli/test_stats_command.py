"""``motcua stats``: the official report of a period from a real store, as PDF, XLSX and JSON with
the same numbers, and the day's summary; read-only, no sign-in; each refusal named.

The numbers themselves, cell by cell over a month of dossiers, are checked in
tests/app/statistics; here, that what the officer files and keeps says what the store holds."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from app.statistics.model import COLUMN_KEYS
from tests.app.cli.running import run_motcua
from tests.app.cli.test_status_commands import counter_folder, motcua, receive, signed
from tests.app.dossier.conftest import EXAMPLES
from tests.printing.papers import page_texts, text_of
from tests.printing.test_report06 import check_rows, form_lines, numbers

NOVEMBER = ("--from", "2026-11-01", "--to", "2026-11-30")
# From December to today: the result and the withdrawal, made today, fall inside it.
SINCE = ("--from", "2026-12-01", "--to", dt.date.today().isoformat())
FORM_COLUMNS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)
COUNT_KEYS = {
    3: "received_total",
    7: "resolved_total",
    11: "in_progress_total",
    4: "received_online",
    5: "received_in_person",
    6: "carried_over",
    8: "resolved_early",
    9: "resolved_on_time",
    10: "resolved_late",
    12: "in_progress_within",
    13: "in_progress_overdue",
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A counter with its settings and officers, as the status commands' tests have it."""
    return counter_folder(tmp_path)


def online(tmp_path: Path) -> Path:
    """The exchange example, registered through the portal."""
    request = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    file = tmp_path / "online.json"
    file.write_text(json.dumps(request | {"channel": "online"}), encoding="utf-8")
    return file


@pytest.fixture
def month(data_dir: Path, tmp_path: Path) -> dict[str, str]:
    """November: an exchange in person and one online, a permit; the permit's result is
    ready afterwards (today), and the online exchange is then withdrawn."""
    codes = {
        "exchange": receive(data_dir, "doi-gtvt", "2026-11-23 09:10"),
        "permit": receive(data_dir, "idp-cap", "2026-11-24 10:00"),
    }
    ran = signed(data_dir, "receive", str(online(tmp_path)), "--at", "2026-11-25 08:30")
    assert ran.code == 0, ran.err
    codes["online"] = json.loads(ran.out)["code"]
    assert signed(data_dir, "forward").code == 0
    assert signed(data_dir, "results", "ready", codes["permit"]).code == 0
    ran = signed(data_dir, "withdraw", codes["online"], "--reason", "Người nộp xin rút")
    assert ran.code == 0, ran.err
    return codes


def report(data_dir: Path, out: Path, *period: str) -> Path:
    ran = motcua(data_dir, "stats", "report", *period, "-o", str(out))
    assert ran.code == 0, ran.err
    assert ran.out.strip() == str(out)
    return out


def columns(counts: dict[str, int]) -> tuple[int, ...]:
    return tuple(counts[COUNT_KEYS[column]] for column in FORM_COLUMNS)


def test_the_report_as_json_pdf_and_xlsx_says_the_same_numbers(
    data_dir: Path,
    month: dict[str, str],
    tmp_path: Path,
) -> None:
    found = json.loads(report(data_dir, tmp_path / "nov.json", *NOVEMBER).read_text("utf-8"))
    assert (found["first_day"], found["last_day"]) == ("2026-11-01", "2026-11-30")
    assert found["cut_off"] == "2026-12-01T00:00"
    rows = {row["procedure"]: row for row in found["rows"]}
    exchange, permit = rows["doi-gtvt"], rows["idp-cap"]
    # Received in November; no result before its end (the permit's came later): in progress.
    assert exchange["counts"]["received_in_person"] == 1
    assert exchange["counts"]["received_online"] == 1
    assert exchange["counts"]["in_progress_total"] == 2
    assert exchange["dossiers"]["received_online"] == [month["online"]]
    assert permit["counts"]["received_in_person"] == 1
    assert permit["counts"]["in_progress_total"] == 1
    assert permit["dossiers"]["received_in_person"] == [month["permit"]]
    assert found["total"]["received_total"] == 3
    assert all(row["counts"]["residue"] == 0 for row in found["rows"])

    # The PDF prints each procedure's line with the same 11 numbers.
    (page,) = page_texts(report(data_dir, tmp_path / "nov.pdf", *NOVEMBER).read_bytes())
    for row in found["rows"]:
        assert f"{row['procedure_name']} {numbers(columns(row['counts']))}" in " ".join(
            page.split()
        ), row["procedure"]
    assert f"Tổng cộng {numbers(columns(found['total']))}" in page

    # The workbook's lines, formulas worked out, are the same.
    book = openpyxl.load_workbook(
        BytesIO(report(data_dir, tmp_path / "nov.xlsx", *NOVEMBER).read_bytes())
    )
    lines = form_lines(book)
    for number, row in enumerate(found["rows"], start=1):
        assert lines[f"{number} {row['procedure_name']}"] == columns(row["counts"])
    assert lines["Tổng cộng"] == columns(found["total"])
    assert all(line[-1] == "Khớp" for line in check_rows(book))


def test_next_periods_carried_over_is_this_periods_in_progress(
    data_dir: Path,
    month: dict[str, str],
    tmp_path: Path,
) -> None:
    november = json.loads(report(data_dir, tmp_path / "n.json", *NOVEMBER).read_text("utf-8"))
    december = json.loads(report(data_dir, tmp_path / "d.json", *SINCE).read_text("utf-8"))
    before = {row["procedure"]: row["counts"]["in_progress_total"] for row in november["rows"]}
    after = {row["procedure"]: row["counts"]["carried_over"] for row in december["rows"]}
    assert after == before
    assert december["total"]["carried_over"] == 3
    # The withdrawal (today) is its own column, kept out of (7) and (11) by default.
    assert december["total"]["withdrawn"] == 1
    assert december["withdrawn_in_resolved"] is False
    for row in (*december["rows"], december["total"]):
        counts = row.get("counts", row)
        assert set(COLUMN_KEYS) <= set(counts)
        assert counts["residue"] == 0


def test_the_days_summary_as_text_json_and_pdf(
    data_dir: Path,
    month: dict[str, str],
    tmp_path: Path,
) -> None:
    ran = motcua(data_dir, "stats", "day", "--date", "2026-11-23", "--json")
    assert ran.code == 0, ran.err
    day = json.loads(ran.out)
    assert (day["day"], day["applicants"], day["accepted"]) == ("2026-11-23", 1, 1)
    assert [line["who"] for line in day["per_officer"]] == ["Nguyễn Thị Lan"]
    assert [(p["procedure"], p["accepted"]) for p in day["by_procedure"]] == [("doi-gtvt", 1)]

    text = motcua(data_dir, "stats", "day", "--date", "2026-11-23")
    assert text.code == 0, text.err
    assert "Tổng hợp ngày 23/11/2026" in text.out
    assert "Nguyễn Thị Lan" in text.out

    out = tmp_path / "day.pdf"
    ran = motcua(data_dir, "stats", "day", "--date", "2026-11-23", "-o", str(out))
    assert ran.code == 0, ran.err
    paper = text_of(out.read_bytes())
    assert "BÁO CÁO TỔNG HỢP TIẾP NHẬN VÀ TRẢ KẾT QUẢ TRONG NGÀY" in paper
    assert "Hồ sơ được tiếp nhận (BM 01) 1" in paper
    assert "1 Nguyễn Thị Lan 1 0 0 1 0" in paper


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("report", *NOVEMBER, "-o", "{tmp}/report.docx"),
            "stats: -o: tên tệp phải có đuôi .pdf, .xlsx, .json",
        ),
        (
            ("report", "--from", "2026-11-30", "--to", "2026-11-01", "-o", "{tmp}/r.pdf"),
            "stats: --to: ngày cuối 01/11/2026 ở trước ngày đầu 30/11/2026",
        ),
        (("report", "--from", "2026-13-01", "--to", "2026-12-01", "-o", "{tmp}/r.pdf"), "--from"),
        (("report", *NOVEMBER, "--point", "", "-o", "{tmp}/r.pdf"), "--point"),
        (("day", "-o", "{tmp}/day.xlsx"), "stats: -o: tên tệp phải có đuôi .pdf"),
        (("day", "--date", "23/11/2026"), "--date"),
    ],
)
def test_what_the_command_refuses_is_named(
    data_dir: Path,
    tmp_path: Path,
    arguments: tuple[str, ...],
    message: str,
) -> None:
    ran = motcua(data_dir, "stats", *(a.format(tmp=tmp_path) for a in arguments))
    assert ran.code == 2
    assert message in ran.err
    assert "Traceback" not in ran.err


def test_a_paper_needs_the_agencys_name(tmp_path: Path) -> None:
    """A new counter without its agency's name: the PDF is refused naming the setting."""
    folder = tmp_path / "new"
    folder.mkdir()
    ran = run_motcua(
        ["stats", "report", *NOVEMBER, "-o", str(tmp_path / "r.pdf"), "--data-dir", str(folder)]
    )
    assert ran.code == 2
    assert "agency_name" in ran.err
    assert not (tmp_path / "r.pdf").exists()
