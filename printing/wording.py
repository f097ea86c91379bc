"""How the papers write dates, times and a few fixed values in Vietnamese.

Every text a paper shows passes through ``printing.printable.printable``, which
also composes it (NFC): a name typed with combining accents (some keyboards and
scanners send them) would otherwise print as a letter with a loose mark and
would not be found by a search of the PDF.
"""

from __future__ import annotations

import datetime as dt

from app.i18n import Message

# A field left for the applicant to fill in by hand.
BLANK = "…………………"


def official_date(day: dt.date) -> str:
    """``ngày 05 tháng 01 năm 2026``: the date line of an official document.

    Decree 30/2020/NĐ-CP, Appendix I: a day below 10 and a month below 3 are
    written with a leading zero (so that nobody can add a digit in front).
    """
    return f"ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def bilingual_date(day: dt.date) -> str:
    """``ngày (date) 05 tháng (month) 01 năm (year) 2026``, as the bilingual forms ask."""
    return f"ngày (date) {day.day:02d} tháng (month) {_month(day.month)} năm (year) {day.year}"


def place_and_date(place: str, day: dt.date) -> str:
    return f"{place}, {official_date(day)}"


def clock_and_date(moment: dt.datetime) -> str:
    """``09 giờ 10 phút, ngày 23 tháng 11 năm 2026``: received at / due at on BM 01."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {official_date(moment.date())}"


def short_date(day: dt.date | None) -> str:
    return BLANK if day is None else f"{day:%d/%m/%Y}"


def two_digits(count: int) -> str:
    """Quantities on the papers are written as in the decision: 01, 02 …"""
    return f"{count:02d}"


def _month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


SEX = {"male": "Nam", "female": "Nữ"}

# Nationalities are stored as ISO codes; the papers name the common ones and
# print the code of any other (the applicant can correct it by hand).
NATIONALITIES: dict[str, Message] = {
    "VN": Message("Việt Nam", "Viet Nam"),
    "KR": Message("Hàn Quốc", "Republic of Korea"),
    "JP": Message("Nhật Bản", "Japan"),
    "CN": Message("Trung Quốc", "China"),
    "TW": Message("Đài Loan (Trung Quốc)", "Taiwan (China)"),
    "US": Message("Hoa Kỳ", "United States of America"),
    "GB": Message("Vương quốc Anh", "United Kingdom"),
    "FR": Message("Pháp", "France"),
    "DE": Message("Đức", "Germany"),
    "AU": Message("Ô-xtrây-li-a", "Australia"),
    "RU": Message("Liên bang Nga", "Russian Federation"),
    "SG": Message("Xinh-ga-po", "Singapore"),
    "TH": Message("Thái Lan", "Thailand"),
    "LA": Message("Lào", "Laos"),
    "KH": Message("Cam-pu-chia", "Cambodia"),
}


def nationality(code: str) -> str:
    """The nationality as the papers write it (Vietnamese)."""
    label = NATIONALITIES.get(code.upper())
    return label.text("vi") if label else code.upper()


def nationality_bilingual(code: str) -> str:
    """``Hàn Quốc (Republic of Korea)``, as the bilingual forms ask."""
    code = code.upper()
    label = NATIONALITIES.get(code)
    return f"{label.text('vi')} ({label.text('en')})" if label else code
