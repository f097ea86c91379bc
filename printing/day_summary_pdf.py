"""The day's counter summary as a PDF (A4 portrait): what a point did in one working day.

Made from ``app.statistics.model.DaySummary`` (computed from the dossiers' facts): the day's
figures (applicants, BM 01 / BM 02 / BM 03 given, results handed back, dossiers handed to the
processing unit, reprints, re-appointments, withdrawals, the time per applicant when the window
recorded it), then tables per officer, per counter, per procedure and per channel, and the
applicants of each hour of the office day. Signed by whoever made it and the head of the section,
so it can be filed with the day's register page when the day is closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.statistics.model import DaySummary, PeopleLine, VerdictCounts
from printing.model import Office
from printing.official_paper import (
    Marks,
    PageSpec,
    Section,
    Signature,
    agency_levels,
    bold,
    bordered_table,
    header,
    markup,
    page_spec,
    render,
    signatures,
    styles,
    text,
    title,
)
from printing.wording import place_and_date

TITLE = "Báo cáo tổng hợp tiếp nhận và trả kết quả trong ngày"
ALL_POINTS = "tất cả các điểm tiếp nhận"
CHANNELS = {"direct": "Trực tiếp", "online": "Trực tuyến", "post": "Dịch vụ bưu chính"}
VERDICT_HEADS = ("Tiếp nhận (BM 01)", "Yêu cầu bổ sung (BM 02)", "Từ chối (BM 03)", "Tổng số")
SUM_LABEL = "Cộng"
MAKER = "Người lập"
HEAD_OF_SECTION = "Trưởng bộ phận"


def duration(seconds: float | None) -> str:
    """``4 phút 05 giây``; "chưa ghi nhận" (not recorded) when the window recorded none."""
    if seconds is None:
        return "chưa ghi nhận"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} phút {rest:02d} giây"


def _verdicts(counts: VerdictCounts) -> list[str]:
    return [str(counts.accepted), str(counts.supplement), str(counts.refused), str(counts.total)]


def figures(summary: DaySummary) -> list[tuple[str, int | str]]:
    """The day's figures, as the summary's first part lists them."""
    total = summary.total
    return [
        ("Số lượt người nộp hồ sơ", summary.applicants),
        ("Hồ sơ được tiếp nhận (BM 01)", total.accepted),
        ("Hồ sơ yêu cầu bổ sung, hoàn thiện (BM 02)", total.supplement),
        ("Hồ sơ từ chối tiếp nhận (BM 03)", total.refused),
        ("Kết quả đã trả", summary.handed_back),
        ("Hồ sơ đã bàn giao cho đơn vị giải quyết", summary.forwarded),
        ("Phiếu in lại", summary.reprints),
        ("Hồ sơ hẹn lại ngày trả kết quả", summary.reappointments),
        ("Hồ sơ công dân xin rút", summary.withdrawn),
        ("Thời gian phục vụ một người (trung vị)", duration(summary.median_seconds)),
        ("Thời gian phục vụ một người (90% số người không quá)", duration(summary.p90_seconds)),
        ("Mục tiêu thời gian phục vụ một người", goal(summary)),
    ]


def goal(summary: DaySummary) -> str:
    """The queue-speed goal, and whether the day's median met it."""
    if summary.goal_minutes is None:
        return "–"
    within = summary.within_goal
    verdict = "" if within is None else (" – đạt" if within else " – chưa đạt")
    return f"không quá {summary.goal_minutes} phút{verdict}"


def render_day_summary_pdf(summary: DaySummary, office: Office) -> bytes:
    # Smaller than a form's 13 pt: a day's tables fit one sheet, as the register's page it is
    # filed with.
    spec = replace(page_spec("A4"), font_size=10)
    point = summary.point or ALL_POINTS
    story: list[Flowable] = [
        header(
            spec, agency_levels(office), date_line=place_and_date(office.place_name, summary.day)
        ),
        *title(spec, TITLE, f"Ngày {summary.day:%d/%m/%Y} – Điểm tiếp nhận: {point}"),
        _part(
            spec,
            "1. Số liệu trong ngày",
            _figures_table(spec, figures(summary)),
        ),
        _part(
            spec,
            "2. Số lượt người nộp hồ sơ theo giờ",
            _hours_table(spec, summary.applicants_per_hour),
        ),
        _part(spec, "3. Theo cán bộ tiếp nhận", _people_table(spec, "Cán bộ", summary.per_officer)),
        _part(spec, "4. Theo quầy", _people_table(spec, "Quầy", summary.per_counter)),
        _part(
            spec,
            "5. Theo thủ tục hành chính",
            _verdict_table(
                spec, "Thủ tục", [(name, counts) for _, name, counts in summary.by_procedure]
            ),
        ),
        _part(
            spec,
            "6. Theo hình thức nộp hồ sơ",
            _verdict_table(
                spec,
                "Hình thức",
                [
                    (CHANNELS.get(channel, channel), counts)
                    for channel, counts in summary.by_channel
                ],
            ),
        ),
        signatures(spec, Signature(MAKER), Signature(HEAD_OF_SECTION), space=12 * mm),
    ]
    return render(
        [Section(spec, story)],
        title=f"{TITLE} {summary.day:%d/%m/%Y}",
        author=office.agency_name,
        marks=Marks(page_numbers=True),
    )


def _part(spec: PageSpec, words: str, table: Flowable) -> Flowable:
    """A numbered part: its heading never ends a page without its table."""
    s = styles(spec.font_size)
    return KeepTogether([Spacer(1, s.size * 0.4), markup(bold(words), s.body), table])


def _figures_table(spec: PageSpec, lines: Sequence[tuple[str, int | str]]) -> Flowable:
    """The figures two to a row, so that the day fits one sheet."""
    half = (len(lines) + 1) // 2
    cells = [[name, str(value)] for name, value in lines] + [["", ""]] * (len(lines) % 2)
    rows = [[*cells[i], *cells[i + half]] for i in range(half)]
    head = ["Nội dung", "Số lượng", "Nội dung", "Số lượng"]
    return bordered_table(spec, [head], rows, (0.36, 0.14, 0.36, 0.14), centred_columns=(1, 3))


def _people_table(spec: PageSpec, who: str, lines: Sequence[PeopleLine]) -> Flowable:
    rows = [
        [str(i), line.who, *_verdicts(line.counts), str(line.handed_back)]
        for i, line in enumerate(lines, start=1)
    ]
    total = sum((line.counts for line in lines), VerdictCounts())
    handed = sum(line.handed_back for line in lines)
    rows.append(["", SUM_LABEL, *_verdicts(total), str(handed)])
    return bordered_table(
        spec,
        [["TT", who, *VERDICT_HEADS, "Trả kết quả"]],
        rows,
        (0.07, 0.27, 0.14, 0.14, 0.14, 0.12, 0.12),
        centred_columns=(0, 2, 3, 4, 5, 6),
    )


def _verdict_table(
    spec: PageSpec, what: str, lines: Sequence[tuple[str, VerdictCounts]]
) -> Flowable:
    rows = [[str(i), name, *_verdicts(counts)] for i, (name, counts) in enumerate(lines, 1)]
    total = sum((counts for _, counts in lines), VerdictCounts())
    rows.append(["", SUM_LABEL, *_verdicts(total)])
    return bordered_table(
        spec,
        [["TT", what, *VERDICT_HEADS]],
        rows,
        (0.07, 0.39, 0.15, 0.15, 0.12, 0.12),
        centred_columns=(0, 2, 3, 4, 5),
    )


def _hours_table(spec: PageSpec, per_hour: Sequence[tuple[int, int]]) -> Flowable:
    if not per_hour:
        return text("Không có người nộp hồ sơ.", styles(spec.font_size).body)
    share = 0.86 / len(per_hour)
    return bordered_table(
        spec,
        [["Giờ", *(f"{hour}h" for hour, _ in per_hour)]],
        [["Số người", *(str(count) for _, count in per_hour)]],
        (0.14, *(share,) * len(per_hour)),
        centred_columns=tuple(range(1, len(per_hour) + 1)),
    )
