"""Reading a paper back as a person would check it: its text, fonts, page sizes and codes.

Every helper runs the poppler tools (pdftotext, pdffonts, pdfinfo, pdftoppm)
on the PDF bytes, and zxing-cpp on the pages rasterised at 200 dpi.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from PIL import Image

A5 = (419.53, 595.28)  # points, portrait
A4 = (595.28, 841.89)


def _with_file(pdf: bytes, *command: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "paper.pdf"
        file.write_bytes(pdf)
        result = subprocess.run(
            [*command, str(file), *(["-"] if command[0] == "pdftotext" else [])],
            capture_output=True,
            check=True,
        )
        return result.stdout.decode("utf-8")


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, runs of white space (line breaks too) made single spaces.

    In the order it is drawn (``-raw``): the left column of the head before the
    right one, a table row by row, as a reader takes them in. A field's value
    may wrap to the next line; a reader reads on, and so does this.
    """
    pages = _with_file(pdf, "pdftotext", "-raw", "-enc", "UTF-8").split("\f")
    return [" ".join(page.split()) for page in pages if page.strip()]


def text_of(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts' table: name, type, emb (embedded), uni (has a map back to Unicode)."""
    lines = _with_file(pdf, "pdffonts").splitlines()[2:]
    found = []
    for line in lines:
        name, *_, emb, sub, uni, _object, _generation = line.split()
        found.append({"name": name, "emb": emb, "sub": sub, "uni": uni})
    return found


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    output = _with_file(pdf, "pdfinfo", "-f", "1", "-l", "999")
    sizes = []
    for line in output.splitlines():
        if line.startswith("Page") and "size:" in line:
            words = line.split("size:")[1].split()
            sizes.append((round(float(words[0]), 2), round(float(words[2]), 2)))
    return sizes


def codes_on_page(pdf: bytes, page: int, dpi: int = 200) -> list[tuple[str, str]]:
    """(format, text) of every barcode and QR code zxing-cpp reads on the page at ``dpi``."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "paper.pdf"
        file.write_bytes(pdf)
        prefix = Path(folder) / "page"
        pages = ["-f", str(page), "-l", str(page)]
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), *pages, "-png", str(file), str(prefix)], check=True
        )
        (image_file,) = Path(folder).glob("page*.png")
        with Image.open(image_file) as image:
            return sorted((code.format.name, code.text) for code in zxingcpp.read_barcodes(image))


@dataclass(frozen=True)
class Word:
    text: str
    x: float  # left edge, points
    y: float  # top edge, points from the top of the page


def words(pdf: bytes, page: int = 1) -> list[Word]:
    """Every word of a page with where it stands (``pdftotext -bbox``): to check columns."""
    output = _with_file(pdf, "pdftotext", "-bbox", "-f", str(page), "-l", str(page))
    found = []
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', output):
        found.append(Word(html.unescape(match[3]), float(match[1]), float(match[2])))
    return found
