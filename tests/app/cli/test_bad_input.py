"""The bad inputs that crashed commands with a traceback (issue 12, findings 6 and 7), each
refused now with one sentence naming the file or option, and exit 2; nothing is stored."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.reception import CLOCK_TOLERANCE, ReceiptTimeRefused, check_receipt_time
from tests.app.cli.running import Ran, run_motcua
from tests.app.dossier.conftest import EXAMPLES

AGENCY = "000.17.22.H56"
REQUEST = str(EXAMPLES / "doi-gtvt.json")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "counter"
    for name, value in (
        ("agency_code", AGENCY),
        ("agency_name", "Sở Giao thông vận tải"),
        ("place_name", "Hà Nội"),
    ):
        assert run_motcua(["settings", "set", name, value, "--data-dir", str(folder)]).code == 0
    return folder


def _refused(ran: Ran, message: str) -> None:
    assert (ran.code, ran.out, ran.err) == (2, "", message + "\n")


def _nothing_stored(data_dir: Path) -> None:
    listed = run_motcua(["list", "--date", "2026-11-23", "--json", "--data-dir", str(data_dir)])
    assert json.loads(listed.out) == []


# ------------------------------------------------------------------ request files and stdin

BAD_JSON = [
    ("deep", b"[" * 100_000, "JSON lồng nhau quá sâu (tối đa 32 cấp)"),
    ("deep-object", b'{"a":' * 50_000, "JSON lồng nhau quá sâu (tối đa 32 cấp)"),
    ("huge-int", b'{"schema_version": ' + b"1" * 5000 + b"}", "có một số dài hơn 30 chữ số"),
    ("invalid-utf8", b'{"procedure": "doi-gtvt\xff"}', "không phải văn bản UTF-8"),
    (
        "lone-surrogate",
        b'{"procedure": "doi-gtvt", "applicant": {"full_name": "\\udc80"}}',
        "có mã \\u không ứng với ký tự nào (nửa cặp UTF-16 đứng riêng)",
    ),
    ("too-large", b" " * (2 << 20) + b"{}", "tệp quá lớn (tối đa 1024 KB); hãy kiểm tra lại có"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_JSON, ids=[b[0] for b in BAD_JSON])
def test_a_request_file_that_would_break_the_parser_is_refused(
    tmp_path: Path, data_dir: Path, name: str, content: bytes, message: str
) -> None:
    request = tmp_path / f"{name}.json"
    request.write_bytes(content)
    ran = run_motcua(["check", str(request)])
    assert ran.code == 2 and ran.out == ""
    assert ran.err.startswith(f"motcua check: {request}: {message}")
    ran = run_motcua(["receive", str(request), "--officer", "lan", "--data-dir", str(data_dir)])
    assert ran.code == 2 and ran.err.startswith(f"motcua receive: {request}: {message}")
    ran = run_motcua(
        [
            "correct",
            f"{AGENCY}-261123-0001",
            "--file",
            str(request),
            "--reason",
            "sai tên",
            "--officer",
            "hoa",
            "--data-dir",
            str(data_dir),
        ]
    )
    assert ran.code == 2 and ran.err.startswith(f"motcua correct: {request}: {message}")
    _nothing_stored(data_dir)


@pytest.mark.parametrize(("name", "content", "message"), BAD_JSON, ids=[b[0] for b in BAD_JSON])
def test_the_same_on_stdin_is_refused(name: str, content: bytes, message: str) -> None:
    ran = run_motcua(["check", "-"], stdin=content)
    assert ran.code == 2 and ran.err.startswith(f"motcua check: -: {message}")


def test_a_request_saved_by_notepad_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    request = tmp_path / "bom.json"
    request.write_bytes(b"\xef\xbb\xbf" + Path(REQUEST).read_bytes())
    ran = run_motcua(["check", str(request)])
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["verdict"] == "accept"


def test_a_folder_given_as_the_request_is_named(tmp_path: Path) -> None:
    _refused(
        run_motcua(["check", str(tmp_path)]),
        f"motcua check: {tmp_path}: đây là một thư mục, cần một tệp",
    )


# ------------------------------------------------------------------ arguments


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["show", "\udcff"], "CODE_OR_ID"),
        (["list", "--id-number", "07908\udcff"], "--id-number"),
        (
            ["print", "bm01", "\udcff\udcfe", "-o", "x.pdf", "--officer", "lan"],
            "DOSSIER_ID_OR_CODE",
        ),
        (["settings", "set", "agency_name", "S\udcf6 GTVT"], "VALUE"),
        (["receive", REQUEST, "--officer", "Ho\udce0"], "--officer"),
    ],
)
def test_bytes_that_are_not_utf8_in_an_argument_are_refused_naming_it(
    data_dir: Path, args: list[str], option: str
) -> None:
    """sys.argv carries such bytes as lone surrogates (surrogateescape)."""
    ran = run_motcua([*args, "--data-dir", str(data_dir)])
    _refused(
        ran,
        f"motcua {args[0]}: {option}: giá trị có byte không phải văn bản UTF-8;"
        " hãy gõ lại giá trị này",
    )


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--procedure", "doi-gtvt", "--received", "9999-12-31 10:00"],
        ["list", "--date", "9999-12-31"],
        ["print", "register", "--from", "9999-12-30", "--to", "9999-12-31", "-o", "r.pdf"],
        ["print", "register", "--from", "2026-11-01", "--to", "9999-12-31", "-o", "r.xlsx"],
        ["check", REQUEST, "--on", "9999-12-31"],
        ["receive", REQUEST, "--officer", "lan", "--at", "1899-12-31 10:00"],
    ],
)
def test_days_outside_1900_to_2100_are_refused(
    data_dir: Path, tmp_path: Path, args: list[str]
) -> None:
    ran = run_motcua([*args, "--data-dir", str(data_dir)], cwd=tmp_path)
    assert (ran.code, ran.out) == (2, "")
    assert "ngày phải trong khoảng 01/01/1900 đến 31/12/2100" in ran.err
    assert "Traceback" not in ran.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["due", "--procedure", "doi-gtvt", "--received", "٢٠٢٦-١١-٢٣ ٠٩:١٠"],
            'motcua due: --received: phải là giờ địa phương "YYYY-MM-DD HH:MM", ví dụ'
            " \"2026-11-23 09:10\" (đã nhập '٢٠٢٦-١١-٢٣ ٠٩:١٠')",
        ),
        (
            ["receive", REQUEST, "--officer", "lan", "--at", "２０２６-１１-２３ ０９:１０"],
            'motcua receive: --at: phải là giờ địa phương "YYYY-MM-DD HH:MM", ví dụ'
            " \"2026-11-23 09:10\" (đã nhập '２０２６-１１-２３ ０９:１０')",
        ),
        (
            ["list", "--date", "٢٠٢٦-١١-٢٣"],
            "motcua list: --date: phải là một ngày dạng YYYY-MM-DD (đã nhập '٢٠٢٦-١١-٢٣')",
        ),
    ],
)
def test_digits_other_than_0_to_9_are_no_time(
    data_dir: Path, args: list[str], message: str
) -> None:
    """Python's int() and strptime read Arabic-Indic and full-width digits as numbers."""
    _refused(run_motcua([*args, "--data-dir", str(data_dir)]), message)
    _nothing_stored(data_dir)


def test_reappoint_takes_ascii_days_within_the_bound(data_dir: Path) -> None:
    ran = run_motcua(
        [
            "reappoint",
            f"{AGENCY}-261123-0001",
            "--days",
            "٣",
            "--reason",
            "x",
            "--officer",
            "hoa",
            "--data-dir",
            str(data_dir),
        ]
    )
    assert ran.code == 2
    assert "--days: phải là một số nguyên từ 1 đến 60 (đã nhập '٣')" in ran.err
    ran = run_motcua(
        [
            "reappoint",
            f"{AGENCY}-261123-0001",
            "--days",
            "9" * 5000,
            "--reason",
            "x",
            "--officer",
            "hoa",
            "--data-dir",
            str(data_dir),
        ]
    )
    assert ran.code == 2 and "--days: phải là một số nguyên từ 1 đến 60" in ran.err


# ------------------------------------------------------------------ the time of receipt


def test_a_time_of_receipt_still_to_come_is_refused_and_no_code_issued(data_dir: Path) -> None:
    ran = run_motcua(
        [
            "receive",
            REQUEST,
            "--officer",
            "lan",
            "--at",
            "2030-01-01 10:00",
            "--data-dir",
            str(data_dir),
        ]
    )
    assert (ran.code, ran.out) == (2, "")
    assert ran.err.startswith(
        "motcua receive: --at: thời điểm tiếp nhận 10:00 01/01/2030 ở sau thời điểm hiện tại ("
    )
    assert ran.err.endswith("); chỉ nhập được thời điểm đã qua\n")
    listed = run_motcua(["list", "--date", "2030-01-01", "--json", "--data-dir", str(data_dir)])
    assert json.loads(listed.out) == []


# ------------------------------------------------------------------ free text stored


@pytest.mark.parametrize(
    ("address", "rule"),
    [
        ("x" * 100_000, "dài tối đa 300 ký tự"),
        ("12 Lê Lợi\x07", "có ký tự không in được (xuống dòng, tab); nhập lại trên một dòng"),
        ("12 Lê Lợi\nQuận 1", "có ký tự không in được (xuống dòng, tab); nhập lại trên một dòng"),
    ],
    ids=["long", "bell", "newline"],
)
def test_a_delivery_address_is_held_to_the_rule_of_the_requests_text(
    data_dir: Path, address: str, rule: str
) -> None:
    ran = run_motcua(
        [
            "receive",
            REQUEST,
            "--officer",
            "lan",
            "--at",
            "2026-11-23 09:10",
            "--delivery",
            "post",
            "--address",
            address,
            "--data-dir",
            str(data_dir),
        ]
    )
    _refused(ran, f"motcua receive: --address: {rule}")
    _nothing_stored(data_dir)


# ------------------------------------------------------------------ folders and files


@pytest.mark.parametrize("command", [["catalog"], ["check", REQUEST]])
def test_a_catalogue_folder_that_is_missing_or_a_file_is_named(
    tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "none"
    ran = run_motcua([*command, "--catalogue-dir", str(missing)])
    assert ran.code == 2
    assert ran.err.endswith(
        f"motcua {command[0]}: error: argument --catalogue-dir: '{missing}': không có thư mục này\n"
    )
    ran = run_motcua([*command, "--catalogue-dir", REQUEST])
    assert ran.code == 2
    assert ran.err.endswith(f"'{REQUEST}': đây là một tệp, cần một thư mục\n")


def test_a_catalogue_folder_holding_no_version_is_an_invalid_catalogue(tmp_path: Path) -> None:
    ran = run_motcua(["catalog", "--catalogue-dir", str(tmp_path)])
    assert ran.code == 3
    assert ran.err == (
        "motcua catalog: the procedure catalogue is invalid:\n"
        f"  {tmp_path}: holds no catalogue version (a folder with its catalogue.toml)\n"
    )


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("{tmp}", "-o: {tmp} là một thư mục; hãy ghi cả tên tệp"),
        (
            "{tmp}/" + "a" * 300 + ".pdf",
            "-o: tên tệp dài 304 byte, tối đa 255 byte ({tmp}/" + "a" * 300 + ".pdf)",
        ),
        ("{tmp}/none/x.pdf", "-o: không có thư mục {tmp}/none"),
        ("/proc/self/x.pdf", "-o: không ghi được /proc/self/x.pdf (No such file or directory)"),
    ],
    ids=["folder", "long-name", "no-folder", "proc"],
)
def test_an_output_that_cannot_be_a_file_is_named(
    data_dir: Path, tmp_path: Path, output: str, message: str
) -> None:
    out = output.format(tmp=tmp_path)
    for args in (
        ["print", "sample", "bm01"],
        ["print", "register", "--from", "2026-11-01", "--to", "2026-11-30"],
    ):
        ran = run_motcua([*args, "-o", out, "--data-dir", str(data_dir)])
        _refused(ran, f"motcua print: {message.format(tmp=tmp_path)}")


def test_a_folder_given_as_the_photo_output_is_named(tmp_path: Path) -> None:
    image = tmp_path / "x.png"
    image.write_bytes(b"")
    _refused(
        run_motcua(["photo", "crop", str(image), "-o", str(tmp_path)]),
        f"motcua photo: -o: {tmp_path} là một thư mục; hãy ghi cả tên tệp",
    )


# ------------------------------------------------------------------ in English


def test_the_same_refusals_in_english_on_an_english_counter(data_dir: Path) -> None:
    assert run_motcua(["settings", "set", "language", "en", "--data-dir", str(data_dir)]).code == 0
    _refused(
        run_motcua(["show", "\udcff", "--data-dir", str(data_dir)]),
        "motcua show: CODE_OR_ID: the value has bytes that are not UTF-8 text; type it again",
    )
    _refused(
        run_motcua(["list", "--date", "9999-12-31", "--data-dir", str(data_dir)]),
        "motcua list: --date: the day must be between 01/01/1900 and 31/12/2100 (got '9999-12-31')",
    )
    ran = run_motcua(
        [
            "receive",
            REQUEST,
            "--officer",
            "lan",
            "--at",
            "2030-01-01 10:00",
            "--data-dir",
            str(data_dir),
        ]
    )
    assert ran.code == 2
    assert ran.err.startswith("motcua receive: --at: the time of receipt 10:00 01/01/2030 is later")


def test_the_clocks_tolerance_is_the_only_future_allowed() -> None:
    """The rule itself, which the window's receiving goes through too (``receive``)."""
    now = dt.datetime(2026, 11, 23, 9, 10)
    assert check_receipt_time(now + CLOCK_TOLERANCE, now) == now + CLOCK_TOLERANCE
    assert check_receipt_time(dt.datetime(1990, 1, 1), now) == dt.datetime(1990, 1, 1)
    with pytest.raises(ReceiptTimeRefused) as refused:
        check_receipt_time(now + CLOCK_TOLERANCE + dt.timedelta(minutes=1), now)
    assert refused.value.text("en") == (
        "the time of receipt 09:16 23/11/2026 is later than now (09:10 23/11/2026);"
        " only a time already past can be entered"
    )
