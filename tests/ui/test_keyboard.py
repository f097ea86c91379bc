"""The receiving screen by keyboard alone, at a 1366×768 counter screen: Tab in reading order,
the checklist one stop with its own keys, the picker that keeps its procedure, and each of the
nine procedures from the ID card's QR to the accepted BM 01 with the keys counted."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier.evaluation import Verdict
from app.dossier.request import PresentedForm
from app.reception_draft import LICENCE_INPUTS
from camera.sources import FrameSource
from tests.ui.conftest import CARD_QR, MONDAY_0910, Dialogs, print_to_file, take_photo, type_text
from ui.fields import CheckField, ChoiceField, DateField, Field, NumberField, TextField
from ui.operations import Operations
from ui.qt import QApplication, QComboBox, QLineEdit, QSpinBox, Qt, QWidget
from ui.reception_page import ReceptionPage
from ui.worker import Worker

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
PROCEDURES = [
    "gv-cap",
    "gv-cap-lai",
    "doi-gtvt",
    "doi-cong-an",
    "doi-quan-su",
    "doi-nuoc-ngoai",
    "doi-du-lich",
    "idp-cap",
    "idp-cap-lai",
]
MOST_TABS = 80  # a hang guard for "Tab until there": the whole screen has fewer stops


def _first_letter(combo: QComboBox, target: int) -> Qt.Key | None:
    """The letter that takes the combo from its entry to ``target`` in one press, if any."""
    initial = combo.itemText(target)[:1].upper()
    if not ("A" <= initial <= "Z"):
        return None
    count = combo.count()
    for step in range(1, count):
        index = (combo.currentIndex() + step) % count
        if combo.itemText(index)[:1].upper() == initial:
            return Qt.Key(ord(initial)) if index == target else None
    return None


def _key_name(key: Qt.Key, modifier: Qt.KeyboardModifier, focus: QWidget) -> str:
    prefix = "Ctrl+" if modifier & Qt.KeyboardModifier.ControlModifier else ""
    prefix += "Shift+" if modifier & Qt.KeyboardModifier.ShiftModifier else ""
    where = focus.objectName() or type(focus).__name__
    return f"{prefix}{key.name.removeprefix('Key_')}@{where}"


def _tab_stops(start: QWidget, backwards: bool) -> list[QWidget]:
    """The widgets Tab (or Shift+Tab) visits from ``start``, once round the window."""
    stops: list[QWidget] = []
    widget = start
    for _ in range(2000):
        following = widget.previousInFocusChain() if backwards else widget.nextInFocusChain()
        if following is None or following is start:
            break
        widget = following
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if takes_tab and widget.isVisible() and widget.isEnabled():
            stops.append(widget)
    return stops


class Officer:
    """Presses keys where the focus is, counting them. The applicant's own data (licence
    number, classes, dates, the card's QR from the scanner) is typed and not counted; every
    key that moves, chooses or acts is (Enter to go on, Tab, a letter in a list, F9…)."""

    def __init__(self, qtbot: QtBot, page: ReceptionPage) -> None:
        self.qtbot = qtbot
        self.page = page
        self.keys = 0
        self.log: list[str] = []  # what each counted key was, for the report

    @staticmethod
    def focus() -> QWidget:
        focus = QApplication.focusWidget()
        assert focus is not None
        return focus

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.log.append(_key_name(key, modifier, self.focus()))
        self.qtbot.keyClick(self.focus(), key, modifier)
        self.keys += 1

    def ctrl(self, key: Qt.Key) -> None:
        self.press(key, Qt.KeyboardModifier.ControlModifier)

    def type_command(self, text: str) -> None:
        self.log.append(repr(text))
        self.qtbot.keyClicks(self.focus(), text)
        self.keys += len(text)

    def type_data(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)

    def go_to(self, widget: QWidget) -> None:
        """Enter when the screen's next field to fill is the one wanted (the officer sees the
        empty and red fields), otherwise Tab or Shift+Tab, whichever is fewer presses."""
        if self.focus() is widget:
            return
        here = self.page.next_field._by_widget.get(self.focus())
        if here is not None and self.page.next_field.next_stop(here) is widget:
            self.press(Qt.Key.Key_Return)
            assert self.focus() is widget
            return
        ahead = _tab_stops(self.focus(), backwards=False)
        behind = _tab_stops(self.focus(), backwards=True)
        back = widget in behind and (
            widget not in ahead or behind.index(widget) < ahead.index(widget)
        )
        for _ in range(MOST_TABS):
            if self.focus() is widget:
                return
            if back:
                self.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
            else:
                self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {widget.objectName() or widget}")

    def fill(self, field: Field, value: Any) -> None:
        """Go to a field and give it the value: typed if it is data, chosen if not."""
        if field.value() == value:
            return
        self.go_to(field.widget)
        if isinstance(field, ChoiceField):
            combo = field.combo
            target = combo.findData(value)
            assert target >= 0, (field.path, value)
            steps = target - combo.currentIndex()
            letter = _first_letter(combo, target)
            if letter is not None:
                self.press(letter)  # the combo goes to the next entry with that letter
            else:
                for _ in range(abs(steps)):
                    self.press(Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
        elif isinstance(field, NumberField):
            field.spin.selectAll()
            self.type_data(str(value))
        elif isinstance(field, CheckField):
            self.press(Qt.Key.Key_Space)
        elif isinstance(field, DateField):
            self.type_data(dt.date.fromisoformat(value).strftime("%d/%m/%Y"))
        else:
            assert isinstance(field, TextField), field
            self.type_data(" ".join(value) if isinstance(value, list) else str(value))
        assert field.value() == value, (field.path, field.value(), value)


@pytest.fixture
def page(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
) -> ReceptionPage:
    """The receiving screen alone on a 1366×768 counter screen, active, as after sign-in."""
    shown = ReceptionPage(
        catalogue, session, Operations(worker), now=lambda: MONDAY_0910, camera=camera
    )
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


def _choose(officer: Officer, page: ReceptionPage, typed: str) -> None:
    """Ctrl+P (unless the picker has the focus already), the procedure's number, Enter."""
    if officer.focus() is not page.picker.query:
        officer.ctrl(Qt.Key.Key_P)
    assert officer.focus() is page.picker.query
    officer.type_command(typed)
    officer.press(Qt.Key.Key_Return)


def _stops(page: ReceptionPage) -> list[QWidget]:
    """Every widget Tab visits from the picker's query until it comes back to it."""
    page.picker.query.setFocus()
    visited: list[QWidget] = []
    for _ in range(MOST_TABS * 2):
        QApplication.processEvents()
        focus = QApplication.focusWidget()
        assert focus is not None
        if visited and focus is page.picker.query:
            return visited
        visited.append(focus)
        QtBot.keyClick(focus, Qt.Key.Key_Tab)
    raise AssertionError("Tab never came back to the picker")


def test_tab_follows_reading_order_and_leaves_the_checklist(page: ReceptionPage) -> None:
    page.picker.query.setFocus()
    type_text(page.picker.query, "4b")  # doi-cong-an, case B: every panel and the photo
    QtBot.keyClick(page.picker.query, Qt.Key.Key_Return)
    assert page.picker.procedure is not None and page.picker.procedure.id == "doi-cong-an"
    assert page.picker.subcase.currentData() == "B"
    stops = _stops(page)

    def usable(widget: QWidget) -> bool:
        return widget.isVisible() and widget.isEnabled()

    panels: dict[str, list[QWidget]] = {
        "picker": [page.picker.query, page.picker.subcase, page.picker.channel],
        "id card": [page.idcard.line],
        "applicant": [f.widget for f in page.applicant.fields],
        "licence": [f.widget for f in page.licence.fields],
        "case": [f.widget for f in page.case.fields],
        "checklist": [page.checklist],
        "photo": page.photo_panel.controls_in_order(),
        "actions": [
            button
            for act in page.actions()
            if act.objectName()
            and (button := page.findChild(QWidget, f"{act.objectName()}Button")) is not None
        ],
    }
    expected = [(name, w) for name, widgets in panels.items() for w in widgets if usable(w)]
    assert {name for name, _w in expected} == set(panels)  # every panel has a stop here
    positions = [stops.index(widget) for _name, widget in expected if widget in stops]
    missing = [(name, w.objectName()) for name, w in expected if w not in stops]
    assert missing == []
    assert positions == sorted(positions), "Tab leaves reading order"
    # The checklist is one stop: none of its combo boxes, counts or notes is visited.
    assert stops.count(page.checklist) == 1
    inside = [w for w in stops if w is not page.checklist and page.checklist.isAncestorOf(w)]
    assert inside == []
    # Nothing else on the way but what the officer reads (the verdict's text).
    known = {id(w) for _name, w in expected}
    others = [type(w).__name__ for w in stops if id(w) not in known]
    assert others in ([], ["QTextBrowser"]), others


def test_checklist_keys_set_the_form_and_the_count(page: ReceptionPage, qtbot: QtBot) -> None:
    officer = Officer(qtbot, page)
    _choose(officer, page, "4b")
    page.checklist.setFocus()
    table = page.checklist
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    rows = [i for i in range(table.rowCount()) if not table.isRowHidden(i)]
    assert len(rows) == 5 and table.currentRow() == rows[0]
    header = table.horizontalHeaderItem(2)
    assert header is not None and "G original" in header.text() and "N none" in header.text()

    def form(row: int) -> str:
        combo = table.cellWidget(row, 2)
        assert isinstance(combo, QComboBox)
        return str(combo.currentData())

    def count(row: int) -> int:
        spin = table.cellWidget(row, 3)
        assert isinstance(spin, QSpinBox)
        return spin.value()

    officer.press(Qt.Key.Key_G)
    assert form(rows[0]) == PresentedForm.ORIGINAL
    officer.press(Qt.Key.Key_Down)
    officer.press(Qt.Key.Key_P)
    officer.press(Qt.Key.Key_2)
    assert (form(rows[1]), count(rows[1])) == (PresentedForm.PHOTOCOPY, 2)
    officer.press(Qt.Key.Key_Up)
    officer.press(Qt.Key.Key_Up)  # round the top: the last row
    assert table.currentRow() == rows[-1]
    officer.press(Qt.Key.Key_S)
    assert form(rows[-1]) == PresentedForm.COPY_WITH_ORIGINAL
    officer.press(Qt.Key.Key_T)
    assert form(rows[-1]) == PresentedForm.CERTIFIED_COPY
    officer.press(Qt.Key.Key_D)
    assert form(rows[-1]) == PresentedForm.ELECTRONIC_CERTIFIED_COPY
    officer.press(Qt.Key.Key_N)
    assert form(rows[-1]) == PresentedForm.NOTHING
    # The note: Enter to type it, Enter back to the table's keys.
    officer.press(Qt.Key.Key_Return)
    note = table.cellWidget(rows[-1], 4)
    assert isinstance(note, QLineEdit) and officer.focus() is note
    officer.type_data("nop sau")
    officer.press(Qt.Key.Key_Return)
    assert officer.focus() is table and note.text() == "nop sau"
    presented = table.presented()
    assert presented[table.rows[rows[1]].item.id] == {"form": "photocopy", "count": 2, "note": ""}
    assert table.rows[rows[-1]].item.id not in presented


def test_one_paper_missing_after_all_handed_in_takes_three_keys_at_most(
    page: ReceptionPage, qtbot: QtBot
) -> None:
    officer = Officer(qtbot, page)
    _choose(officer, page, "4b")
    table = page.checklist
    rows = [i for i in range(table.rowCount()) if not table.isRowHidden(i)]
    for target in range(len(rows)):
        page.checklist.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
        officer.ctrl(Qt.Key.Key_D)  # every paper handed in
        assert len(table.presented()) == len(rows)
        officer.keys = 0  # from here: the checklist has the focus
        home = rows.index(table.currentRow())
        down, up = (target - home) % len(rows), (home - target) % len(rows)
        for _ in range(min(down, up)):
            officer.press(Qt.Key.Key_Down if down <= up else Qt.Key.Key_Up)
        officer.press(Qt.Key.Key_N)
        assert officer.keys <= 3
        assert sorted(table.presented()) == sorted(
            table.rows[row].item.id for row in rows if row != rows[target]
        )
        officer.press(Qt.Key.Key_G)  # back again, for the next row
        officer.press(Qt.Key.Key_Home)


def test_ctrl_p_selects_the_query_so_typing_replaces_it(page: ReceptionPage, qtbot: QtBot) -> None:
    officer = Officer(qtbot, page)
    _choose(officer, page, "3")
    assert page.picker.procedure is not None and page.picker.procedure.id == "doi-gtvt"
    assert officer.focus() is page.idcard.line
    officer.ctrl(Qt.Key.Key_P)
    query = page.picker.query
    assert officer.focus() is query and query.selectedText() == query.text() != ""
    officer.type_command("idp cap lai")
    assert query.text() == "idp cap lai"
    officer.press(Qt.Key.Key_Return)
    assert page.picker.procedure.id == "idp-cap-lai"


def test_the_procedure_stays_after_next_applicant_and_a_new_round(
    page: ReceptionPage, qtbot: QtBot, dialogs: Dialogs
) -> None:
    officer = Officer(qtbot, page)
    _choose(officer, page, "3")
    dialogs.expect("question", "Discard")  # nothing typed yet but the procedure: yes
    officer.ctrl(Qt.Key.Key_N)
    picker = page.picker
    assert picker.procedure is not None and picker.procedure.id == "doi-gtvt"
    current = picker.matches.currentItem()
    assert current is not None and current.data(Qt.ItemDataRole.UserRole) == "doi-gtvt"
    officer.ctrl(Qt.Key.Key_P)
    officer.press(Qt.Key.Key_Return)
    assert picker.procedure.id == "doi-gtvt"
    # A returning applicant: a round of a doi-cong-an dossier, case B.
    request = json.loads((EXAMPLES / "doi-cong-an.json").read_text(encoding="utf-8"))
    page.complete_dossier("an-earlier-dossier", request)
    officer.ctrl(Qt.Key.Key_P)
    officer.press(Qt.Key.Key_Return)
    assert picker.procedure.id == "doi-cong-an" and picker.subcase.currentData() == "B"


def not_asked(page: ReceptionPage, path: str) -> bool:
    """A licence's fact that no rule of the procedure (in its case) reads, so the screen
    does not show its field (the register look-up for gv-cap, the material for doi-cong-an)."""
    name = path.removeprefix("licences.0.")
    return name in LICENCE_INPUTS and name not in page.licence.read


def _fields(page: ReceptionPage) -> dict[str, Field]:
    """Every input of the licence and case panels by the path it fills in the request."""
    found = {f"licences.0.{f.path}": f for f in page.licence.licence_fields}
    found["none_held"] = page.licence.none_held
    found["requested_classes"] = page.licence.requested
    found.update({f.path: f for f in page.case.fields})
    return found


def _wanted(example: dict[str, Any]) -> list[tuple[str, Any]]:
    """What the example says beyond the applicant's card, by request path, in reading order."""
    flat: dict[str, Any] = {}

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}.{key}" if prefix else key, value)
        else:
            flat[prefix] = node

    if example.get("licences") == []:
        flat["none_held"] = True
    for index, licence in enumerate(example.get("licences", [])[:1]):
        walk(f"licences.{index}", licence)
    if "instructor_certificate" in example and example["instructor_certificate"] is None:
        flat["instructor_certificate.none"] = True
    for key in ("requested_classes", "service_end", "instructor_certificate"):
        if example.get(key) is not None:
            walk(key, example[key])
    for key in ("qualification", "residence_permit_months", "months_abroad"):
        if key in example["applicant"]:
            flat[f"applicant.{key}"] = example["applicant"][key]
    return list(flat.items())


# The card read is a Vietnamese citizen's: what the rules then ask beyond the example
# (whose applicant is a foreigner with a residence permit, which a citizen does not have).
CITIZEN_FACTS: dict[str, list[tuple[str, Any]]] = {
    "doi-nuoc-ngoai": [("applicant.months_abroad", 24)],
}
NOT_A_CITIZENS = {"applicant.residence_permit_months"}


COUNTS: dict[str, int] = {}
MOST_KEYS = 10  # issue 11: a complete applicant, the first of a session included


@pytest.mark.parametrize("procedure_id", PROCEDURES)
def test_each_procedure_by_keyboard_from_the_card_to_bm01(
    procedure_id: str,
    page: ReceptionPage,
    qtbot: QtBot,
    catalogue: Catalogue,
    tmp_path: Path,
) -> None:
    example = json.loads((EXAMPLES / f"{procedure_id}.json").read_text(encoding="utf-8"))
    procedure = catalogue.procedure(procedure_id)
    officer = Officer(qtbot, page)
    typed = str(list(catalogue.procedures).index(procedure_id) + 1)
    if example.get("subcase") and example["subcase"] != procedure.first_subcase():
        typed += example["subcase"].lower()
    _choose(officer, page, typed)
    assert page.picker.procedure is not None and page.picker.procedure.id == procedure_id
    assert page.picker.subcase.currentData() == example.get("subcase")

    # The scanner types the card's QR and Enter: data, not the officer's keys.
    assert officer.focus() is page.idcard.line
    type_text(page.idcard.line, CARD_QR)
    qtbot.keyClick(page.idcard.line, Qt.Key.Key_Return)
    fields = _fields(page)
    order = list(fields)  # reading order, as Tab goes
    wanted = [w for w in _wanted(example) if w[0] not in NOT_A_CITIZENS]
    wanted += CITIZEN_FACTS.get(procedure_id, [])
    for path, value in sorted(
        (w for w in wanted if w[0] in fields), key=lambda w: order.index(w[0])
    ):
        held = fields["licences.0.classes"].value()
        if not fields[path].widget.isVisible():
            assert not_asked(page, path), path
            continue
        if not (path == "requested_classes" and value == held):
            officer.fill(fields[path], value)
    officer.ctrl(Qt.Key.Key_D)  # every paper handed in
    page.reassess()
    assert page.verdict.verdict is Verdict.ACCEPT, page.verdict.details.toPlainText()
    if procedure.photo is not None and procedure.photo.at_counter:
        take_photo(qtbot, page, officer.press)  # F5, F6
    qtbot.waitUntil(page.accept.isEnabled)
    officer.press(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.saved is not None and page.saved.code is not None
    assert page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "bm01.pdf")
    officer.keys += 1  # Enter on the preview's Print button
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in printed
    COUNTS[procedure_id] = officer.keys
    print(f"\nkeys beyond the applicant's data, {procedure_id}: {officer.keys}: {officer.log}")
    assert officer.keys <= MOST_KEYS, officer.log
