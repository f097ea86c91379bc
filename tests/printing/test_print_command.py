"""``motcua print`` as IT staff and scripts use it: files out, clear refusals, samples."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.papers import SAMPLE_KINDS, PrintPreferences, print_preferences
from app.settings import Settings
from tests.accounts import OFFICER, sign_in_args
from tests.printing.conftest import Receive, without
from tests.printing.papers import codes_on_page, fonts, page_texts


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_print_bm01_writes_the_slip_and_records_the_print(
    capsys: pytest.CaptureFixture[str], data_dir: Path, received: Receive, tmp_path: Path
) -> None:
    code = received("doi-gtvt").code
    assert code is not None
    out = tmp_path / "bm01.pdf"
    folder = str(data_dir)
    signed = sign_in_args(data_dir, OFFICER)
    result = _run(capsys, "print", "bm01", code, "-o", str(out), *signed, "--data-dir", folder)
    assert result == (0, f"{out}\n", "")
    assert f"Mã hồ sơ: {code}" in page_texts(out.read_bytes())[0]
    again = _run(
        capsys,
        "print",
        "bm01",
        code,
        "-o",
        str(out),
        *signed,
        "--data-dir",
        folder,
    )
    assert again[0] == 0
    assert page_texts(out.read_bytes())[1].startswith("BẢN IN LẠI (lần in thứ 2)")
    shown = json.loads(_run(capsys, "show", code, "--data-dir", folder)[1])
    assert [slip["print_number"] for slip in shown["slips"]] == [1, 2]


def test_print_refuses_clearly(
    capsys: pytest.CaptureFixture[str], data_dir: Path, received: Receive, tmp_path: Path
) -> None:
    sent_back = received(without("doi-gtvt", "giay-chung-nhan-suc-khoe")).dossier_id
    folder = str(data_dir)
    out = str(tmp_path / "x.pdf")
    signed = sign_in_args(data_dir, OFFICER)
    code, _, err = _run(
        capsys, "print", "bm01", sent_back, "-o", out, *signed, "--data-dir", folder
    )
    assert code == 2
    assert err == (
        f"motcua print: DOSSIER: hồ sơ {sent_back} đang ở trạng thái “Chờ bổ sung”; BM 01 (Giấy "
        "tiếp nhận hồ sơ và hẹn trả kết quả) chỉ được in cho hồ sơ đã được tiếp nhận và cấp mã hồ "
        "sơ\n"
    )
    code, _, err = _run(
        capsys, "print", "bm02", sent_back, "-o", "x.docx", *signed, "--data-dir", folder
    )
    assert (code, err) == (2, "motcua print: -o: tên tệp phải có đuôi .pdf (đã nhập 'x.docx')\n")
    code, _, err = _run(
        capsys,
        "print",
        "bm02",
        "000.17.22.H56-261123-0099",
        "-o",
        out,
        *signed,
        "--data-dir",
        folder,
    )
    assert code == 4
    assert err == "motcua print: không có hồ sơ nào có mã hoặc mã số '000.17.22.H56-261123-0099'\n"
    code, _, err = _run(
        capsys, "print", "register", "--from", "2026-11-31", "--to", "2026-12-01", "-o", out,
        "--data-dir", folder,
    )  # fmt: skip
    assert (code, err) == (
        2,
        "motcua print: --from: phải là một ngày dạng YYYY-MM-DD (đã nhập '2026-11-31')\n",
    )
    assert not Path(out).exists()


def test_print_without_the_agency_name_names_the_setting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = str(tmp_path / "counter")
    code, _, err = _run(
        capsys, "print", "register", "--from", "2026-11-23", "--to", "2026-11-23",
        "-o", str(tmp_path / "r.pdf"), "--data-dir", folder,
    )  # fmt: skip
    assert code == 2
    assert err.startswith("motcua print: agency_name: tên cơ quan in ở đầu giấy chưa được đặt")
    assert not (tmp_path / "counter" / "motcua.sqlite3").exists()


def test_print_form_and_register(
    capsys: pytest.CaptureFixture[str], data_dir: Path, received: Receive, tmp_path: Path
) -> None:
    receipt = received("doi-nuoc-ngoai")
    folder = str(data_dir)
    form = tmp_path / "don.pdf"
    assert (
        _run(capsys, "print", "form", receipt.dossier_id, "-o", str(form), "--data-dir", folder)[0]
        == 0
    )
    assert "Tôi là (Full name): Kim Min-jun" in page_texts(form.read_bytes())[0]
    book = tmp_path / "so.xlsx"
    args = ["print", "register", "--from", "2026-11-23", "--to", "2026-11-23", "-o", str(book)]
    assert _run(capsys, *args, "--data-dir", folder)[0] == 0
    rows = list(openpyxl.load_workbook(book).active.iter_rows(min_row=6, values_only=True))
    assert [row[1] for row in rows] == [receipt.code]


@pytest.mark.parametrize("kind", SAMPLE_KINDS)
def test_every_sample_prints_without_a_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    out = tmp_path / f"{kind}.pdf"
    folder = tmp_path / "fresh"
    assert _run(capsys, "print", "sample", kind, "-o", str(out), "--data-dir", str(folder)) == (
        0,
        f"{out}\n",
        "",
    )
    text = " ".join(page_texts(out.read_bytes()))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert all(font["emb"] == "yes" for font in fonts(out.read_bytes()))
    assert not (folder / "motcua.sqlite3").exists()
    if kind == "bm01":
        assert codes_on_page(out.read_bytes(), 1) == [
            ("Code128", "000.17.22.H56-261123-0042"),
            ("QRCode", "000.17.22.H56-261123-0042"),
        ]


def test_a_sample_uses_the_counters_own_agency_when_set(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    folder = str(data_dir)
    assert (
        _run(
            capsys,
            "settings",
            "set",
            "agency_name",
            "Sở Xây dựng tỉnh Cà Mau",
            "--data-dir",
            folder,
        )[0]
        == 0
    )
    out = tmp_path / "bm03.pdf"
    assert _run(capsys, "print", "sample", "bm03", "-o", str(out), "--data-dir", folder)[0] == 0
    assert page_texts(out.read_bytes())[0].startswith("SỞ XÂY DỰNG TỈNH CÀ MAU")
    code, _, err = _run(capsys, "print", "sample", "bm04", "-o", str(out), "--data-dir", folder)
    assert code == 2 and err.startswith("motcua print: KIND: không có mẫu 'bm04'; các mẫu: bm01")


def test_each_kind_of_paper_has_its_printer_settings() -> None:
    settings = Settings.defaults().with_value("printer_register", "HP LaserJet tầng 2")
    settings = settings.with_value("copies_bm02", 2).with_value("paper_bm03", "A4")
    assert print_preferences(settings, "bm01") == PrintPreferences("A5", 1, "")
    assert print_preferences(settings, "bm02") == PrintPreferences("A5", 2, "")
    assert print_preferences(settings, "bm03") == PrintPreferences("A4", 1, "")
    assert print_preferences(settings, "form") == PrintPreferences("A4", 1, "")
    assert print_preferences(settings, "register") == PrintPreferences(
        "A4", 1, "HP LaserJet tầng 2", landscape=True
    )
