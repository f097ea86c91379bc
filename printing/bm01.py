"""BM 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Circular 01/2018/TT-VPCP, form 01).

Two copies on two pages, identical but for their label: one stays with the
dossier, one goes to the applicant, who brings it back to collect the result.
The dossier code is printed as text, as a Code 128 barcode and as a QR code,
so that the counter can find the dossier with a scanner.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from app.dossier.evaluation import PRESENTED_LABELS
from printing.codes import Barcode128, QrCode, code128_modules, qr_rows
from printing.model import Office, PaperSize, SlipData
from printing.official_paper import (
    ONE_STOP_SECTION,
    Marks,
    PageSpec,
    Section,
    Signature,
    agency_levels,
    bold,
    bordered_table,
    field_line,
    header,
    layout_table,
    markup,
    new_page,
    page_spec,
    plain,
    render_fitted,
    signatures,
    styles,
    text,
    title,
)
from printing.slip_parts import applicant_lines
from printing.wording import BLANK, clock_and_date, place_and_date, two_digits

TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")
BRING_THE_SLIP = (
    "Người nộp hồ sơ mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả này khi đến nhận kết quả."
)


class NotAccepted(ValueError):
    """BM 01 is only for an accepted dossier: it needs the code and the due date."""


def render_bm01(slip: SlipData, office: Office, paper: PaperSize = "A5") -> bytes:
    if slip.code is None or slip.due_at is None:
        raise NotAccepted("BM 01 needs an accepted dossier, with its code and due date")

    # The code's symbols, computed once for the slip: both copies and every fitting pass
    # print the same ones (the QR code's encoding was a tenth of the slip's render).
    symbols = _Symbols(slip.code)

    def sections(spec: PageSpec) -> list[Section]:
        story: list[Flowable] = []
        for index, copy in enumerate(COPIES):
            if index:
                story.append(new_page())
            story += _copy(slip, office, spec, copy, symbols)
        return [Section(spec, story)]

    # One sheet per copy: each copy is handed over or filed on its own.
    return render_fitted(
        sections,
        page_spec(paper),
        pages=len(COPIES),
        title=f"BM 01 – {TITLE}",
        author=office.agency_name,
        marks=Marks(print_number=slip.print_number),
    )


class _Symbols:
    """The dossier code's Code 128 modules and QR modules."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.bars = code128_modules(code)
        self.qr = qr_rows(code)


def _copy(
    slip: SlipData, office: Office, spec: PageSpec, copy: str, symbols: _Symbols
) -> list[Flowable]:
    s = styles(spec.font_size)
    assert slip.code is not None and slip.due_at is not None  # checked by render_bm01
    return [
        header(
            spec,
            agency_levels(office),
            date_line=place_and_date(office.place_name, slip.received_at.date()),
        ),
        *title(spec, TITLE),
        text(f"({copy})", s.italic_center),
        _code_block(symbols, spec),
        *applicant_lines(slip, spec, received_from="Tiếp nhận hồ sơ của"),
        text("1. Thành phần hồ sơ nộp gồm:", s.body),
        _documents(slip, spec),
        Spacer(1, s.size * 0.3),
        text("2. Số lượng hồ sơ: 01 (bộ).", s.body),
        field_line(s.body, ("3. Thời gian giải quyết hồ sơ theo quy định", _processing(slip))),
        field_line(s.body, ("4. Thời gian nhận hồ sơ", clock_and_date(slip.received_at))),
        field_line(
            s.body, ("5. Thời gian trả kết quả giải quyết hồ sơ", clock_and_date(slip.due_at))
        ),
        field_line(s.body, ("6. Đăng ký nhận kết quả tại", _collection(slip, office))),
        field_line(s.body, ("7. Lệ phí", _fee(slip))),
        _register_line(slip, spec),
        signatures(
            spec,
            Signature("Người nộp hồ sơ", name=slip.request.applicant.full_name),
            Signature("Người tiếp nhận hồ sơ", name=slip.officer),
            space=9 * mm,
        ),
        # Each copy names itself (Liên 1, Liên 2), so the note is the applicant's only.
        markup(f"{bold('Ghi chú:')} {plain(BRING_THE_SLIP)}", s.small),
    ]


def _code_block(symbols: _Symbols, spec: PageSpec) -> Table:
    """The code in bold over its barcode, the QR code beside them."""
    s = styles(spec.font_size)
    code = symbols.code
    barcode = Barcode128(code, module=0.3 * mm, height=7.5 * mm, modules=symbols.bars)
    qr = QrCode(code, size=16 * mm, rows=symbols.qr)
    left = [markup(f"Mã hồ sơ: {bold(code)}", s.center), barcode]
    return layout_table([left, qr], [barcode.width + 4 * mm, qr.width], valign="MIDDLE")


def _documents(slip: SlipData, spec: PageSpec) -> Table:
    rows = [
        [
            str(index),
            item.name,
            PRESENTED_LABELS[item.presented_form].text("vi").capitalize(),
            two_digits(item.presented_count),
        ]
        for index, item in enumerate(slip.evaluation.items, start=1)
    ]
    return bordered_table(
        spec,
        [["TT", "Tên giấy tờ", "Hình thức (bản chính, bản sao hoặc bản chụp)", "Số lượng"]],
        rows,
        [0.06, 0.62, 0.21, 0.11],
        centred_columns=(0, 2, 3),
    )


def _processing(slip: SlipData) -> str:
    text_ = slip.evaluation.processing_text.rstrip(".")
    return f"{text_}."


def _collection(slip: SlipData, office: Office) -> str:
    if slip.result_delivery == "post":
        return f"qua dịch vụ bưu chính công ích, địa chỉ: {slip.delivery_address or BLANK}."
    place = slip.receiving_point or office.agency_name
    return f"Bộ phận tiếp nhận và trả kết quả, {place}." if place else f"{ONE_STOP_SECTION}."


def _fee(slip: SlipData) -> str:
    evaluation = slip.evaluation
    if evaluation.fee_vnd == 0:
        return "Không."
    return evaluation.fee_text


def _register_line(slip: SlipData, spec: PageSpec) -> Flowable:
    s = styles(spec.font_size)
    place = slip.register_place
    book = str(place.book) if place else BLANK
    serial = str(place.serial) if place else BLANK
    return text(f"Vào Sổ theo dõi hồ sơ, Quyển số: {book}, Số thứ tự: {serial}.", s.body)
