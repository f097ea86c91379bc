"""The countries of ISO 3166-1 by their two-letter code, named in Vietnamese and English.

The request stores the code ("KR"); the officer types a code or a name, in either
language, with or without diacritics, and ``find_country`` says which country it
is. The list itself is ``app.country_table`` (where it came from is said there).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.country_table import COUNTRY_ROWS
from app.i18n import Language, current_language


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    vi: str
    en: str

    def name(self, language: Language | None = None) -> str:
        return self.en if (language or current_language()) == "en" else self.vi

    def choice(self, language: Language | None = None) -> str:
        """What the type-ahead list shows and puts in the field: "Hàn Quốc (KR)"."""
        return f"{self.name(language)} ({self.code})"


COUNTRIES: dict[str, Country] = {code: Country(code, vi, en) for code, vi, en in COUNTRY_ROWS}


def fold(text: str) -> str:
    """Lower case without diacritics ("Hàn Quốc" -> "han quoc"; đ -> d)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in COUNTRIES.values():
        for key in (
            country.code,
            country.vi,
            country.en,
            country.choice("vi"),
            country.choice("en"),
        ):
            index.setdefault(fold(key), country.code)
    return index


_BY_KEY = _index()


def is_country_code(code: str) -> bool:
    return code in COUNTRIES


def find_country(text: str) -> Country | None:
    """The country ``text`` names: its code, its name in either language, or a choice of
    the type-ahead list; None when it names none."""
    code = _BY_KEY.get(fold(text))
    return COUNTRIES[code] if code else None
