"""BM 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Circular 01/2018/TT-VPCP, form 01).

Two copies on two pages, identical but for their label: one stays with the
dossier, one goes to the applicant, who brings it back to collect the result.
The dossier code is printed as text, as a Code 128 barcode and as a QR code,
so that the counter can find the dossier with a scanner.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.dossier.evaluation import PRESENTED_LABELS
from printing.codes import Barcode128, QrCode, code128_modules, qr_rows
from printing.copies import CopyTooLong, OneLayout
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
    fitting_sizes,
    header,
    layout_table,
    markup,
    new_page,
    page_spec,
    plain,
    render,
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
    spec = page_spec(paper)
    name, author = f"BM 01 – {TITLE}", office.agency_name
    marks = Marks(print_number=slip.print_number)

    def each_copy_on_its_own(spec: PageSpec) -> list[Section]:
        story: list[Flowable] = []
        for index, label in enumerate(_labels(spec)):
            if index:
                story.append(new_page())
            story += _copy(slip, office, spec, label, symbols)
        return [Section(spec, story)]

    def laid_out_once(spec: PageSpec) -> bytes | None:
        """Both copies from one layout of the first; None when a copy needs more than one
        sheet at this size (``printing.copies``)."""
        copy = OneLayout(f"bm01-copy-{symbols.code}", _labels(spec))
        story: list[Flowable] = [
            copy.begin(),
            *_copy(slip, office, spec, copy.label_place(), symbols),
            copy.end(),
        ]
        for index in range(1, len(COPIES)):
            story += [new_page(), copy.again(index)]
        try:
            return render([Section(spec, story)], title=name, author=author, marks=marks)
        except CopyTooLong:
            return None

    # One sheet per copy: each copy is handed over or filed on its own. The copies differ
    # only in their label, so a copy is laid out and drawn once and placed on each sheet
    # (laying out and drawing the second again was a third of the slip's render), at the
    # sizes render_fitted would try, largest first: the copies fit one sheet each at a size
    # exactly when the first does, and a try that does not fit stops at the overflow.
    for smaller in fitting_sizes(spec):
        if not _labels_alike(smaller):
            return render_fitted(
                each_copy_on_its_own,
                spec,
                pages=len(COPIES),
                title=name,
                author=author,
                marks=marks,
            )
        pdf = laid_out_once(smaller)
        if pdf is not None:
            return pdf
    # As render_fitted does when no size fits: full size, each copy over more sheets.
    return render(each_copy_on_its_own(spec), title=name, author=author, marks=marks)


def _labels_alike(spec: PageSpec) -> bool:
    """Whether the labels take the same height: what follows a label is placed by the
    first copy's layout on every sheet. They do (one line each at every size), but a
    label that wrapped differently would otherwise print over what follows it."""
    heights = {label.wrap(spec.frame_width, spec.text_height)[1] for label in _labels(spec)}
    return len(heights) == 1


def _labels(spec: PageSpec) -> list[Paragraph]:
    """What names each copy, under the title."""
    s = styles(spec.font_size)
    return [text(f"({copy})", s.italic_center) for copy in COPIES]


class _Symbols:
    """The dossier code's Code 128 modules and QR modules."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.bars = code128_modules(code)
        self.qr = qr_rows(code)


def _copy(
    slip: SlipData, office: Office, spec: PageSpec, label: Flowable, symbols: _Symbols
) -> list[Flowable]:
    """One copy of the slip; ``label`` names it (Liên 1, Liên 2)."""
    s = styles(spec.font_size)
    assert slip.code is not None and slip.due_at is not None  # checked by render_bm01
    return [
        header(
            spec,
            agency_levels(office),
            date_line=place_and_date(office.place_name, slip.received_at.date()),
        ),
        *title(spec, TITLE),
        label,
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
