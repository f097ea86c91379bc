"""The register (Sổ theo dõi hồ sơ, BM 06): its columns, shared by the PDF and the workbook.

Columns as the one-stop regulation lists them (Circular 01/2018/TT-VPCP, the
"Sổ theo dõi hồ sơ"): one line per dossier received, numbered on from the
start of the year's book.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from printing.model import RegisterPeriod, RegisterRow

TITLE = "Sổ theo dõi hồ sơ"
DELIVERY = {"counter": "Trực tiếp", "post": "Bưu chính công ích"}

Cell = str | int | dt.datetime | None
PROXY = "được ủy quyền"


@dataclass(frozen=True)
class Column:
    heading: str
    share: float  # of the PDF table's width
    xlsx_width: float  # in characters
    value: Callable[[RegisterRow], Cell]


def _contact(row: RegisterRow) -> str:
    return "; ".join(part for part in (row.address, row.phone) if part)


def _notes(row: RegisterRow) -> str:
    notes = []
    if row.returned_to:
        proxy = f" ({PROXY})" if row.by_proxy else ""
        notes.append(f"Người nhận kết quả: {row.returned_to}{proxy}")
        if row.postal_item:
            notes.append(f"Số hiệu bưu gửi: {row.postal_item}")
    if row.result_delivery == "post" and row.delivery_address:
        notes.append(f"Địa chỉ nhận kết quả: {row.delivery_address}")
    if row.reappointment_reason:
        notes.append(f"Hẹn lại: {row.reappointment_reason}")
    return "; ".join(notes)


COLUMNS: tuple[Column, ...] = (
    Column("TT", 0.04, 6, lambda row: row.serial),
    Column("Mã hồ sơ", 0.145, 26, lambda row: row.code),
    Column("Tên thủ tục hành chính", 0.12, 40, lambda row: row.procedure_name),
    Column("Tên cá nhân, tổ chức", 0.09, 26, lambda row: row.applicant_name),
    Column("Địa chỉ, số điện thoại", 0.12, 40, _contact),
    Column("Cơ quan chủ trì giải quyết", 0.08, 30, lambda row: row.handling_agency),
    Column("Ngày, tháng, năm nhận hồ sơ", 0.07, 17, lambda row: row.received_at),
    Column("Ngày, tháng, năm hẹn trả kết quả", 0.07, 17, lambda row: row.due_at),
    Column("Ngày, tháng, năm trả kết quả", 0.07, 17, lambda row: row.returned_at),
    Column(
        "Hình thức trả kết quả (trực tiếp/bưu chính)",
        0.07,
        18,
        lambda row: DELIVERY.get(row.result_delivery, row.result_delivery),
    ),
    Column("Ký nhận trả kết quả", 0.06, 16, lambda row: None),
    Column("Ghi chú", 0.065, 30, _notes),
)


def book_label(period: RegisterPeriod) -> str:
    """One book a year: the year, or both years when the period spans a new year."""
    first, last = period.first_day.year, period.last_day.year
    return str(first) if first == last else f"{first}–{last}"


def period_label(period: RegisterPeriod) -> str:
    return f"Từ ngày {period.first_day:%d/%m/%Y} đến ngày {period.last_day:%d/%m/%Y}"


def as_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return f"{cell:%d/%m/%Y %H:%M}"
    return str(cell)
