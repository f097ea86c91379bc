"""BM 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Circular 01/2018/TT-VPCP, form 02).

Everything the applicant must still bring, at once (Decree 61/2018 art. 15):
each item from the evaluation with the number still owed in the form asked
for, and the reason the officer gave, so that one more visit is enough.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from app.catalogue.model import RequiredForm
from app.dossier.evaluation import ItemCheck, ItemStatus
from printing.model import Office, PaperSize, SlipData
from printing.official_paper import PageSpec, bordered_table, styles, text
from printing.slip_parts import WHILE_COMPLETING, OnePageSlip, render_one_page_slip
from printing.wording import two_digits

TITLE = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
BM02 = OnePageSlip("BM 02", TITLE, help_opening=WHILE_COMPLETING, signer="Người hướng dẫn")

# The table's quantity columns, and which required form each one counts. A copy
# shown with its original is a plain copy (bản chụp) to the applicant: the
# original is only looked at and handed back.
COLUMNS: tuple[tuple[str, frozenset[RequiredForm]], ...] = (
    ("Bản chính", frozenset({RequiredForm.ORIGINAL})),
    ("Bản sao có chứng thực", frozenset({RequiredForm.CERTIFIED_COPY})),
    ("Bản chụp", frozenset({RequiredForm.COPY_WITH_ORIGINAL, RequiredForm.COPY})),
)


class NothingMissing(ValueError):
    """BM 02 lists what is missing; a round with nothing missing has no BM 02."""


def render_bm02(slip: SlipData, office: Office, paper: PaperSize = "A5") -> bytes:
    if not slip.evaluation.missing:
        raise NothingMissing("BM 02 needs a round with papers missing")
    return render_one_page_slip(
        slip, office, paper, BM02, received_from="Hồ sơ của", body=lambda spec: _body(slip, spec)
    )


def _body(slip: SlipData, spec: PageSpec) -> list[Flowable]:
    s = styles(spec.font_size)
    missing = slip.evaluation.missing
    return [
        text("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", s.body),
        _items(missing, spec),
        text("Lý do:", s.body),
        *(
            text(f"- Giấy tờ số {index}: {item.reason or ''}", s.body)
            for index, item in enumerate(missing, start=1)
        ),
    ]


def owed(item: ItemCheck) -> int:
    """How many the applicant must still bring: the rest, when too few were handed in."""
    if item.status is ItemStatus.TOO_FEW:
        return item.quantity - item.presented_count
    return item.quantity


def _items(missing: list[ItemCheck], spec: PageSpec) -> Table:
    rows = []
    for index, item in enumerate(missing, start=1):
        counts = [two_digits(owed(item)) if set(item.forms) & forms else "" for _, forms in COLUMNS]
        # Where either of two forms will do, the decision's words say so ("… hoặc …").
        name = item.name if len(item.forms) == 1 else f"{item.name} ({item.form_text.lower()})"
        rows.append([str(index), name, *counts])
    return bordered_table(
        spec,
        [["TT", "Tên giấy tờ", "Số lượng", "", ""], ["", "", *(label for label, _ in COLUMNS)]],
        rows,
        [0.07, 0.57, 0.12, 0.12, 0.12],
        centred_columns=(0, 2, 3, 4),
        spans=[((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (4, 0))],
    )
