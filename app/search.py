"""Matching what an officer types against Vietnamese text, with or without diacritics.

"doi gplx", "đổi gplx" and "ĐỔI" all find "Đổi Giấy phép lái xe …": officers
type fast, often without Telex/VNI tone marks. Folding is NFD + dropping the
combining marks + đ→d, all in the standard library; a transliteration
package would add nothing for Vietnamese.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def fold(text: str) -> str:
    """Lower-case text without diacritics: "Đổi GPLX" → "doi gplx"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d")


def matches(query: str, text: str) -> bool:
    """Every word of the query starts a word of the text (after folding).

    A query typed with its marks must match them ("đổi" does not find "đời"),
    a bare one matches any marks ("doi" finds both).
    """
    words = fold(text).split()
    originals = unicodedata.normalize("NFC", text.casefold()).split()
    for word in unicodedata.normalize("NFC", query.casefold()).split():
        bare = fold(word)
        exact = word != bare  # the officer typed marks: respect them
        candidates = originals if exact else words
        if not any(candidate.startswith(word if exact else bare) for candidate in candidates):
            return False
    return True


def search(query: str, entries: Iterable[tuple[T, Sequence[str]]]) -> list[T]:
    """The entries any of whose texts match: those containing the words in a row first
    ("cap lai" puts "Cấp lại …" before "Cấp giấy phép lái xe …"), otherwise in order."""
    phrase = f" {fold(query).strip()}"
    found = [
        (0 if any(phrase in f" {fold(text)}" for text in texts) else 1, index, key)
        for index, (key, texts) in enumerate(entries)
        if any(matches(query, text) for text in texts)
    ]
    return [key for _rank, _index, key in sorted(found, key=lambda entry: entry[:2])]
