"""The serif font every paper is set in: Liberation Serif, embedded in each PDF.

Official documents are set in Times New Roman, which may not be shipped;
Liberation Serif (SIL Open Font License, licence file beside the fonts) has the
same metrics, so lines break where they would in Times, and it has every
precomposed Vietnamese letter (ộ, ặ, ữ …). reportlab embeds a subset of each
TrueType font it uses, with the map back to Unicode that lets pdftotext and a
screen reader get the exact text out again.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).with_name("fonts")
FAMILY = "LiberationSerif"
REGULAR = "LiberationSerif-Regular"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"

# (font name, bold, italic): the <b> and <i> of a paragraph pick the face from this.
_FACES = ((REGULAR, 0, 0), (BOLD, 1, 0), (ITALIC, 0, 1), (BOLD_ITALIC, 1, 1))


@functools.cache
def register_fonts() -> str:
    """Make the family known to reportlab (once per process); returns its name."""
    for name, bold, italic in _FACES:
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
        addMapping(FAMILY, bold, italic, name)
    return FAMILY


def has_glyph(char: str) -> bool:
    """Whether the regular face can draw ``char`` (a paper never shows a blank box)."""
    register_fonts()
    face = pdfmetrics.getFont(REGULAR).face
    return ord(char) in face.charToGlyph
