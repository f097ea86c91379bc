"""Every input of the receiving screen refuses a bad value in words the officer reads:
the field's label and what is expected, never the validation library's text nor a
field path, in the window's language; and nothing refused is stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier.evaluation import Verdict
from app.dossier.problems import field_label
from app.dossier_queries import dossiers_of_applicant, dossiers_received_on
from app.i18n import Language, choose_language
from camera.sources import FrameSource
from tests.ui.conftest import CARD_QR, MONDAY_0910
from ui.fields import Field
from ui.operations import Operations
from ui.qt import QLineEdit
from ui.reception_page import ReceptionPage
from ui.worker import Worker

LIBRARY_WORDS = (
    "Field required",
    "Input should",
    "String should",
    "Value should",
    "Value error",
    "List should",
    "validation error",
    "type=",
)
PATH_MARKS = ("[0]", "applicant.", "licences.", "licences:", "service_end.", "instructor_")
TOO_LONG = "Nguyễn " * 60

# (procedure showing the field, field path, refused values: malformed, too long, out of range)
CASES: list[tuple[str, str, list[str]]] = [
    ("doi-gtvt", "applicant.full_name", ["Nguyễn Văn 3", "An@home", TOO_LONG, "  "]),
    ("doi-gtvt", "applicant.date_of_birth", ["31/02/1985", "15/3", "1" * 40, "01/01/1850"]),
    ("doi-gtvt", "applicant.date_of_birth", ["01/01/2030"]),
    ("doi-gtvt", "applicant.nationality", ["XX", "Việt", "V" * 300]),
    ("doi-gtvt", "applicant.identity_document.number", ["0790800012", "07908000123A", "0" * 40]),
    ("doi-gtvt", "applicant.identity_document.issue_date", ["32/01/2020", "01/01/1850"]),
    ("doi-gtvt", "applicant.residence_address", ["a\tb", "x" * 301]),
    ("doi-gtvt", "applicant.phone", ["abc", "0903", "0903-123-456", "9" * 31]),
    ("doi-gtvt", "applicant.email", ["an@@gmail.com", "an", "a" * 250 + "@gmail.com"]),
    ("doi-gtvt", "number", ["79✓0123", "9" * 41]),
    ("doi-gtvt", "classes", ["1B", "B " * 21]),
    ("doi-gtvt", "issue_date", ["99/99/99", "01/01/1850"]),
    ("doi-gtvt", "expiry_date", ["30/02/2030", "01/01/2200", "01/01/2017"]),
    ("doi-gtvt", "requested_classes", ["1B"]),
    ("doi-du-lich", "country", ["Atlantis", "ZZ", "K" * 200]),
    ("doi-quan-su", "service_end.decision_date", ["31/02/2020", "01/01/1850"]),
    ("gv-cap-lai", "instructor_certificate.number", ["GV✓1", "9" * 41]),
    ("gv-cap-lai", "instructor_certificate.issue_date", ["00/00/00"]),
]


@pytest.fixture(params=["vi", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[Language]:
    chosen = choose_language(request.param)
    yield chosen
    choose_language("vi")


@pytest.fixture
def page(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
) -> Iterator[ReceptionPage]:
    shown = ReceptionPage(
        catalogue, session, Operations(worker), now=lambda: MONDAY_0910, camera=camera
    )
    qtbot.addWidget(shown)
    yield shown
    shown.photo_panel.shutdown()


def _fields(page: ReceptionPage) -> dict[str, Field]:
    fields = {field.path: field for field in page.applicant.fields + page.case.fields}
    fields.update({field.path: field for field in page.licence.licence_fields})
    fields["requested_classes"] = page.licence.requested
    return fields


def _request_path(path: str) -> str:
    """The licence panel's fields fill the first licence."""
    return f"licences[0].{path}" if "." not in path and path != "requested_classes" else path


def _start(page: ReceptionPage, procedure: str) -> dict[str, Field]:
    """The applicant whose card was read and whose licence is typed: a valid screen."""
    page.clear()
    page.picker.choose(procedure)
    page.idcard.submit(CARD_QR)
    fields = _fields(page)
    fields["number"].set_value("790123456789")
    fields["classes"].set_value(["B2"])
    fields["issue_date"].set_value("10/01/2017")
    # A B2 licence is time-limited: left empty, the expiry reads "no time limit", which no
    # exchange of a B2 takes (a refusal the officer caused by not typing it yet).
    fields["expiry_date"].set_value("10/01/2027")
    page.reassess()
    return fields


def _stored_nothing(page: ReceptionPage, session: CounterSession) -> None:
    for act in (page.accept, page.supplement, page.refuse):
        act.trigger()  # F9, F10, F11: disabled while a field is refused
    assert not page.storing and page.saved is None
    assert dossiers_received_on(session.store, MONDAY_0910.date()) == []
    assert dossiers_of_applicant(session.store, "079080001234") == []


@pytest.mark.parametrize(("procedure", "path", "values"), CASES, ids=[c[1] for c in CASES])
def test_each_field_refuses_in_words(
    page: ReceptionPage,
    session: CounterSession,
    language: Language,
    procedure: str,
    path: str,
    values: list[str],
) -> None:
    fields = _start(page, procedure)
    field = fields[path]
    assert isinstance(field.widget, QLineEdit)
    assert field.problem() == ""  # the screen starts in order
    label = field_label(_request_path(path), language, numbered=False)
    for value in values:
        field.widget.setText(value)
        page.reassess()
        shown = field.problem()
        assert shown.startswith(f"{label}: "), (value, shown)
        assert len(shown) > len(label) + 4, (value, shown)  # and what is expected
        assert not field.widget.isHidden() and field.widget.toolTip() == shown
        assert shown in page.verdict.details.toPlainText()
        for words in LIBRARY_WORDS + PATH_MARKS:
            assert words not in shown, (value, shown)
            assert words not in page.verdict.details.toPlainText(), (value, words)
        assert page.verdict.verdict is None
        _stored_nothing(page, session)


def test_dates_are_taken_as_typed_and_shown_back_whole(page: ReceptionPage) -> None:
    fields = _start(page, "doi-gtvt")
    birth, expiry = fields["applicant.date_of_birth"], fields["expiry_date"]
    for typed in ("04.05.1980", "04051980", "4/5/80", "1980-05-04"):
        assert isinstance(birth.widget, QLineEdit)
        birth.widget.setText(typed)
        birth.widget.editingFinished.emit()
        assert birth.widget.text() == "04/05/1980"
        assert birth.value() == "1980-05-04"
    assert isinstance(expiry.widget, QLineEdit)
    expiry.widget.setText("10.1.27")
    expiry.widget.editingFinished.emit()
    assert expiry.widget.text() == "10/01/2027"
    page.reassess()
    assert fields["expiry_date"].problem() == ""


def test_the_issuer_follows_the_procedure_until_the_officer_chooses(
    page: ReceptionPage, session: CounterSession
) -> None:
    """With the card read and the licence typed, no procedure's first verdict is a refusal
    the officer did not cause; the issuing country is asked only of a foreign licence."""
    expected = {
        "gv-cap": "gtvt",
        "gv-cap-lai": "gtvt",
        "doi-gtvt": "gtvt",
        "doi-cong-an": "cong-an",
        "doi-quan-su": "quan-su",
        "doi-nuoc-ngoai": "nuoc-ngoai",
        "doi-du-lich": "nuoc-ngoai",
        "idp-cap": "gtvt",
        "idp-cap-lai": "gtvt",
    }
    for procedure, issuer in expected.items():
        page.clear()
        page.picker.choose(procedure)
        page.idcard.submit(CARD_QR)
        page.reassess()
        assert page.verdict.verdict in (None, Verdict.SUPPLEMENT), procedure
        fields = _start(page, procedure)
        assert fields["issuer"].value() == issuer, procedure
        assert page.verdict.verdict in (None, Verdict.SUPPLEMENT), procedure
        needed = page.verdict.details.toPlainText().splitlines()
        assert len(needed) == len(set(needed)), needed  # each field once
        country_shown = not page.licence.country.cell.isHidden()
        assert country_shown == (issuer == "nuoc-ngoai"), procedure
    _stored_nothing(page, session)

    # A foreign licence: the country typed ahead by name, stored by its code.
    fields = _start(page, "doi-du-lich")
    fields["country"].widget.setFocus()
    assert isinstance(fields["country"].widget, QLineEdit)
    fields["country"].widget.setText("Hàn Quốc")
    assert page.request_data()["licences"][0]["country"] == "KR"
    fields["country"].set_value("DE")
    assert fields["country"].widget.text() == "Đức (DE)"
    assert page.request_data()["licences"][0]["country"] == "DE"
    # The officer's choice stays when the procedure changes; the next applicant starts afresh.
    combo = page.licence.issuer.combo
    combo.setCurrentIndex(combo.findData("gtvt"))
    combo.activated.emit(combo.currentIndex())
    page.picker.choose("doi-nuoc-ngoai")
    assert page.licence.issuer.value() == "gtvt"
    assert "country" not in page.request_data()["licences"][0]
    page.clear()
    page.picker.choose("doi-nuoc-ngoai")
    assert page.licence.issuer.value() == "nuoc-ngoai"


def test_a_class_of_the_new_law_is_named_at_the_classes(
    page: ReceptionPage, session: CounterSession, language: Language
) -> None:
    fields = _start(page, "doi-gtvt")
    fields["classes"].set_value(["B"])
    fields["requested_classes"].set_value(["B2"])
    page.reassess()
    label = field_label("licences[0].classes", language, numbered=False)
    rule = {
        "vi": "hạng B theo Luật 36/2024; quy trình này áp dụng hạng của Luật 23/2008",
        "en": "class B under Law 36/2024; this procedure applies the classes of Law 23/2008",
    }[language]
    assert fields["classes"].problem() == f"{label}: {rule}"
    assert page.verdict.verdict is None  # never a refusal about class E
    _stored_nothing(page, session)


def test_the_national_licence_of_the_police_is_an_issuer_to_choose(page: ReceptionPage) -> None:
    fields = _start(page, "doi-gtvt")
    combo = page.licence.issuer.combo
    combo.setCurrentIndex(combo.findData("bo-cong-an"))
    combo.activated.emit(combo.currentIndex())
    assert combo.currentText().startswith(("Ministry of Public Security", "Bộ Công an"))
    fields["issue_date"].set_value("28/02/2025")
    page.reassess()
    assert "01/03/2025" in fields["issue_date"].problem()
    fields["issue_date"].set_value("01/05/2025")
    page.reassess()
    assert fields["issue_date"].problem() == ""
    assert page.verdict.verdict is Verdict.REFUSE
    assert "Bộ Công an cấp từ 01/03/2025" in page.verdict.details.toPlainText()
