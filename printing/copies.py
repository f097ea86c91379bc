"""Copies of a paper that differ only in one line, laid out and drawn once.

BM 01 prints two copies, one per sheet, the same but for their label (Liên 1: Lưu,
Liên 2: Giao người nộp hồ sơ). Platypus would lay out and draw the second copy again,
word by word; here the first copy is drawn into a PDF form XObject, which every
sheet places (the PDF holds its drawing once), and each sheet draws its own label
where the first copy's label was laid out. The labels must take the same height
(the caller checks): everything below a label is placed by the first copy's layout.

The markers are ``frameAction`` flowables: the frame runs them in the flow without
placing them, so they change no position and no spacing of the story around them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable


class CopyTooLong(Exception):
    """The copy went on past its sheet, so it cannot be placed whole on each sheet: the
    build is stopped there, and the caller lays each copy out on its own."""


class OneLayout:
    """The markers of one copy's story: ``begin()``, ``label_place()``, ``end()``, and
    ``again(index)`` on each further sheet. The build raises ``CopyTooLong`` when the
    copy does not fit one sheet.

    What comes before the label and what comes after are two forms, and each sheet draws
    the first, its label, then the second: the page's content is in the order a copy laid
    out on its own would have, which is the order a text extractor or a screen reader
    reads an untagged PDF in.
    """

    def __init__(self, name: str, labels: Sequence[Flowable]) -> None:
        self.forms = (f"{name}-head", f"{name}-body")
        self.labels = list(labels)
        self.first_page: int | None = None
        # Where the frame placed the label of the first copy: drawOn's x, y and _sW,
        # and the room it had (every label is wrapped in the same before it is drawn).
        self.place: tuple[float, float, float] | None = None
        self.room: tuple[float, float] = (0, 0)

    def begin(self) -> Flowable:
        return _Action(self._begin)

    def label_place(self) -> Flowable:
        return _LabelPlace(self, self.labels[0])

    def end(self) -> Flowable:
        return _Action(self._end)

    def again(self, index: int) -> Flowable:
        return _Action(lambda canvas: self._show(canvas, index))

    def _begin(self, canvas: Any) -> None:
        self.first_page = canvas.getPageNumber()
        # The forms have the page's size and origin: what the frame draws into them lands
        # where it would have landed on the page.
        canvas.beginForm(self.forms[0])

    def label_placed(self, canvas: Any, place: tuple[float, float, float]) -> None:
        """The frame reached the first label (``label_place()``) and placed it at ``place``."""
        self._check_page(canvas)
        canvas.endForm()
        self.place = place
        canvas.beginForm(self.forms[1])

    def _end(self, canvas: Any) -> None:
        self._check_page(canvas)
        canvas.endForm()
        self._show(canvas, 0)

    def _check_page(self, canvas: Any) -> None:
        # A copy taller than a sheet went on to another page inside a form (reportlab
        # has closed the form's stream as that page): nothing of this PDF is usable, and
        # stopping here spares laying out the rest and writing the file.
        if canvas.getPageNumber() != self.first_page:
            raise CopyTooLong(self.forms[0])

    def _show(self, canvas: Any, index: int) -> None:
        assert self.place is not None  # the label comes before the end of the copy
        head, body = self.forms
        canvas.doForm(head)
        x, y, spare_width = self.place
        label = self.labels[index]
        label.wrap(*self.room)
        label.drawOn(canvas, x, y, _sW=spare_width)
        canvas.doForm(body)


class _Action(Flowable):  # type: ignore[misc]
    """Something done to the canvas at this point of the flow, taking no room."""

    def __init__(self, action: Callable[[Any], None]) -> None:
        super().__init__()
        self.action = action

    def frameAction(self, _frame: Any) -> None:  # noqa: N802 - reportlab's name
        # The frame sets ``canv`` on every flowable before asking for its frameAction.
        self.action(self.canv)


class _LabelPlace(Flowable):  # type: ignore[misc]
    """The room of the first label, which is drawn between the forms (each sheet its own)."""

    def __init__(self, copies: OneLayout, label: Flowable) -> None:
        super().__init__()
        self.copies = copies
        self.label = label

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.copies.room = (available_width, available_height)
        size: tuple[float, float] = self.label.wrap(available_width, available_height)
        self.width, self.height = size
        return size

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.label.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.label.getSpaceAfter())

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        # Not Flowable.drawOn, which would wrap this in a saved graphics state: one form
        # ends here and the next begins.
        self.copies.label_placed(canvas, (x, y, _sW))
