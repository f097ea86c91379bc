"""Handing a result back: one screen, keyboard first (Decree 61/2018 arts. 18-20).

The search box takes what the applicant brings: BM 01 scanned (its barcode or QR
types the code and Enter), a code typed, or an identity document number
(``app.late_results.locate_for_hand_over``); a code this counter does not hold is
asked of the centre (another counter of the point received it: read into the store;
another point did: said which). The dossier is shown with its status,
its due date and what is handed back (``app.papers.returns.hand_back_items``: the
result, the originals taken in); a dossier that cannot be handed over says why at
once, in the rules' own words. The collector's ID card QR (or the number typed) is
read into one field; the operation checks it against the applicant. A proxy adds a
name, an authorisation reference, its date and whether it is certified; by post, the
recipient, address, phone, postal service and item number. BM 01 is presented unless
the officer unticks it and gives the reason.

One key (F9) hands it over (``app.status_changes.hand_over``), then previews the
receipt when the settings ask for one (``receipt_wanted``), and always the Phiếu gửi
for post. A refusal is shown in place, and the cursor goes to the field to fix.

The originals taken in are listed ticked (handed back); one unticked (Space) is kept,
with the reason, printed on the receipt. For a ready dossier handed to the applicant,
the keys beyond the two scans (BM 01, the ID card) are Ctrl+4 (this screen), F9 and
Enter on the preview: ``tests/ui/test_hand_back.py`` counts them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from app.catalogue.model import Catalogue
from app.changes import DOSSIER_STORED, NOTHING, Changes, Done
from app.counter import CounterSession
from app.dates import parse_date
from app.dossier.request import IdentityType
from app.dossier_queries import StoredDossier
from app.dossier_status import (
    BM01_LOST_REASON,
    IDENTITY_MISMATCH,
    METHOD_NAMES,
    NO_DUE_DATE,
    POST_INCOMPLETE,
    PROXY_INCOMPLETE,
    STATUS_NAMES,
    Collector,
    HandOver,
    HandOverRefused,
    Original,
    Postal,
    Proxy,
    ReturnMethod,
    Status,
    check_returnable,
)
from app.i18n import Refusal
from app.idcard import PayloadError, parse_payload
from app.late_results import locate_for_hand_over
from app.papers import print_preferences
from app.papers.returns import (
    RETURN_PAPER_NAMES,
    HandBackItems,
    hand_back_items,
    receipt_wanted,
    return_paper_pdf,
)
from app.permissions import Authority
from app.status_changes import current_statuses, hand_over, history, state_of
from ui.operations import Operations, officer_message
from ui.print_preview import PrintPreviewDialog
from ui.qt import (
    QAction,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QShowEvent,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)

KEY_HAND_OVER = "F9"
KEY_RESULTS_IN = "Ctrl+Shift+R"
KEY_FORWARD = "Ctrl+Shift+F"
MOST_CODES_SHOWN = 8
OK_STYLE = "color: #2e7d32;"
WARNING_STYLE = "color: #ef6c00;"
ERROR_STYLE = "color: #c62828;"


@dataclass(frozen=True)
class Loaded:
    """A dossier on the hand-back screen: its status, what is handed back, and why it
    cannot be handed over (empty: it can)."""

    dossier: StoredDossier
    status: Status
    items: HandBackItems
    blocked: str


@dataclass(frozen=True)
class Found:
    """What the search found: one dossier loaded, or several to choose from."""

    loaded: Loaded | None
    choices: list[tuple[StoredDossier, Status]]
    said: str = ""  # why there is none to show (another point's code)


@dataclass(frozen=True)
class Handed:
    """A hand-over stored, and its paper: made, not wanted (None), or not made (the
    reason; the hand-over stays stored)."""

    code: str
    method: ReturnMethod
    receiver: str
    at: dt.datetime
    paper: tuple[str, bytes] | None
    paper_failed: Exception | None = None


@dataclass(frozen=True)
class CardRead:
    name: str
    number: str


def load(session: CounterSession, dossier: StoredDossier) -> Loaded:
    """The dossier's status, what is handed back, and the rules' reason it may not be
    (``dossier`` with its history, as ``find_for_hand_over`` gives it)."""
    found = history(session.store, dossier.id)
    state = state_of(found)
    blocked = ""
    try:
        check_returnable(state, session.settings.receiving_point)
    except HandOverRefused as refused:
        blocked = str(refused)
    return Loaded(dossier, state.status, hand_back_items(dossier, found.changes), blocked)


def find(session: CounterSession, text: str) -> Done[Found]:
    """What the search box names (``locate_for_hand_over``: a code this store does not
    hold is asked of the centre), one dossier loaded or several to choose from."""
    store = session.store
    try:
        located = locate_for_hand_over(store, text)
    except HandOverRefused as refused:  # another point's code: where it was received
        return Done(Found(None, [], str(refused)), NOTHING)
    matches = located.dossiers
    # A dossier read from the centre is new in the store: the lists show it too.
    changes = Changes(dossiers=True) if located.fetched else NOTHING
    if len(matches) == 1:
        return Done(Found(load(session, matches[0]), []), changes)
    statuses = current_statuses(store, [dossier.id for dossier in matches])
    return Done(Found(None, [(dossier, statuses[dossier.id]) for dossier in matches]), changes)


class HandBackPage(QWidget):
    """The hand-back screen; ``results_in_requested`` and ``forward_requested`` open the
    window's dialogs (their keys are the window's)."""

    results_in_requested = Signal()
    forward_requested = Signal()

    def __init__(
        self,
        session: CounterSession,
        operations: Operations,
        catalogue: Catalogue | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.operations, self.catalogue = session, operations, catalogue
        self._clock = now
        self.loaded: Loaded | None = None
        self.card: CardRead | None = None
        self.preview: PrintPreviewDialog | None = None
        self.handed: Handed | None = None  # the last hand-over done here

        self.search = QLineEdit()
        self.search.setObjectName("handBackSearch")
        self.search.setPlaceholderText(
            self.tr("Scan BM 01 (barcode or QR), type the code, or the ID document number")
        )
        self.search.returnPressed.connect(self.look_for)
        self.results_in = QPushButton(
            self.tr("Results from the processing unit…") + f"  [{_shown(KEY_RESULTS_IN)}]"
        )
        self.results_in.setObjectName("resultsInButton")
        self.results_in.clicked.connect(self.results_in_requested.emit)
        self.forward = QPushButton(
            self.tr("Forward to the processing unit…") + f"  [{_shown(KEY_FORWARD)}]"
        )
        self.forward.setObjectName("forwardButton")
        self.forward.clicked.connect(self.forward_requested.emit)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.results_in)
        top.addWidget(self.forward)

        # Results the centre set ready, pulled by the last sync round.
        self.ready_note = QLabel()
        self.ready_note.setObjectName("becameReady")
        self.ready_note.setWordWrap(True)
        self.ready_note.setStyleSheet("color: #2e7d32; font-weight: bold;")
        self.ready_note.hide()
        self.choices = QListWidget()
        self.choices.setObjectName("handBackChoices")
        self.choices.setMaximumHeight(110)
        self.choices.hide()
        self.choices.itemActivated.connect(self._chosen)
        self.found: list[StoredDossier] = []

        self.detail = QTextBrowser()
        self.detail.setObjectName("handBackDetail")
        self.detail.setTabChangesFocus(True)
        self.detail.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.method = QComboBox()
        self.method.setObjectName("handBackMethod")
        for method in ReturnMethod:
            self.method.addItem(METHOD_NAMES[method](), str(method))
        self.method.currentIndexChanged.connect(self._method_changed)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("collectorId")
        self.id_number.setPlaceholderText(
            self.tr("Scan the QR code on the ID card, or type the number")
        )
        self.id_number.returnPressed.connect(self._id_entered)
        self.id_number.textEdited.connect(self._id_typed)
        self.card_note = QLabel()
        self.card_note.setObjectName("collectorNote")
        self.card_note.setWordWrap(True)
        self.proxy_name = QLineEdit()
        self.proxy_name.setObjectName("proxyName")
        self.authorisation = QLineEdit()
        self.authorisation.setObjectName("authorisation")
        self.authorisation.setPlaceholderText(self.tr("Number or reference of the authorisation"))
        self.authorisation_date = QLineEdit()
        self.authorisation_date.setObjectName("authorisationDate")
        self.authorisation_date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.certified = QCheckBox(self.tr("Certi&fied (notarised or authenticated)"))
        self.certified.setObjectName("certified")
        self.recipient = QLineEdit()
        self.recipient.setObjectName("postRecipient")
        self.address = QLineEdit()
        self.address.setObjectName("postAddress")
        self.phone = QLineEdit()
        self.phone.setObjectName("postPhone")
        self.service = QLineEdit()
        self.service.setObjectName("postService")
        self.service.setPlaceholderText(self.tr("e.g. VNPost"))
        self.item_number = QLineEdit()
        self.item_number.setObjectName("postItem")
        # The originals taken in: ticked, handed back; unticked (Space), kept with the reason.
        self.originals = QListWidget()
        self.originals.setObjectName("originals")
        lines = self.originals.fontMetrics().lineSpacing()
        self.originals.setMinimumHeight(2 * lines + 8)  # an exchange's one or two licences
        self.originals.setMaximumHeight(3 * lines + 8)
        self.originals.itemChanged.connect(self._originals_changed)
        self.kept_reason = QLineEdit()
        self.kept_reason.setObjectName("keptReason")
        self.kept_reason.setPlaceholderText(self.tr("Why the unticked originals are kept"))
        self.bm01 = QCheckBox(self.tr("&BM 01 presented"))
        self.bm01.setObjectName("bm01Presented")
        self.bm01.setChecked(True)
        self.bm01.toggled.connect(self._bm01_toggled)
        self.lost_reason = QLineEdit()
        self.lost_reason.setObjectName("bm01LostReason")
        self.lost_reason.setPlaceholderText(self.tr("Why BM 01 is not presented"))
        self.lost_reason.setEnabled(False)

        self.form = QFormLayout()
        self.form.addRow(self.tr("Ha&nded to:"), self.method)
        self.form.addRow(self.tr("Collector's &ID document:"), self.id_number)
        self.form.addRow("", self.card_note)
        self.form.addRow(self.tr("&Proxy's name:"), self.proxy_name)
        self.form.addRow(self.tr("&Authorisation:"), self.authorisation)
        self.form.addRow(self.tr("Authorisation dat&e:"), self.authorisation_date)
        self.form.addRow("", self.certified)
        self.form.addRow(self.tr("Recipient's na&me:"), self.recipient)
        self.form.addRow(self.tr("Addre&ss:"), self.address)
        self.form.addRow(self.tr("P&hone:"), self.phone)
        self.form.addRow(self.tr("Postal ser&vice:"), self.service)
        self.form.addRow(self.tr("Postal item n&umber:"), self.item_number)
        self.form.addRow(self.tr("Originals handed back:"), self.originals)
        self.form.addRow(self.tr("Reason kept:"), self.kept_reason)
        self.form.addRow("", self.bm01)
        self.form.addRow(self.tr("Reason BM 01 is missin&g:"), self.lost_reason)
        self.message = QLabel()
        self.message.setObjectName("handBackMessage")
        self.message.setWordWrap(True)
        self.hand_over_action = QAction(self.tr("Hand over"), self)
        self.hand_over_action.setObjectName("handOver")
        self.hand_over_action.setShortcut(QKeySequence(KEY_HAND_OVER))
        self.hand_over_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hand_over_action.triggered.connect(self.complete)
        self.addAction(self.hand_over_action)
        self.hand_over_button = QPushButton(
            self.tr("Hand over and print") + f"  [{_shown(KEY_HAND_OVER)}]"
        )
        self.hand_over_button.setObjectName("handOverButton")
        self.hand_over_button.clicked.connect(self.hand_over_action.trigger)
        self.hand_over_action.enabledChanged.connect(self.hand_over_button.setEnabled)

        right = QVBoxLayout()
        right.addLayout(self.form)
        right.addWidget(self.message)
        right.addStretch(1)
        right.addWidget(self.hand_over_button)
        middle = QHBoxLayout()
        middle.addWidget(self.detail, 1)
        middle.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.ready_note)
        layout.addWidget(self.choices)
        layout.addLayout(middle, 1)
        self.setTabOrder(self.search, self.method)
        self.setTabOrder(self.method, self.id_number)
        self._method_changed()
        self._show(None)
        operations.changed.connect(self._changed)

    def now(self) -> dt.datetime:
        return self._clock().replace(second=0, microsecond=0)

    def clear(self) -> None:
        """Nothing of the last applicant stays on screen (signed out, another officer)."""
        self.search.clear()
        self._choices([])
        self._show(None)

    def show_became_ready(self, codes: tuple[str, ...]) -> None:
        """The codes whose result the processing unit set at the centre (by sync)."""
        shown = ", ".join(codes[:MOST_CODES_SHOWN])
        if len(codes) > MOST_CODES_SHOWN:
            shown += self.tr(" and {n} more").format(n=len(codes) - MOST_CODES_SHOWN)
        self.ready_note.setText(
            self.tr("Results set ready by the processing unit ({n}): {codes}").format(
                n=len(codes), codes=shown
            )
        )
        self.ready_note.show()

    def _changed(self, changes: Changes) -> None:
        """A dossier changed (a result scanned in, a sync): the one on screen that could
        not be handed over is read again, where the officer left the cursor."""
        loaded = self.loaded
        if not changes.dossiers or loaded is None or not loaded.blocked:
            return
        session, dossier = self.session, loaded.dossier
        self.operations.query(
            self,
            lambda: load(session, dossier),
            lambda fresh: self._show(fresh, move_focus=False),
            failure=lambda _error: None,
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.search.setFocus()

    # ------------------------------------------------------------ finding

    def look_for(self) -> None:
        """Look up what was scanned or typed; one dossier is shown, several are listed."""
        text = self.search.text().strip()
        if not text:
            return
        self._show(None)  # the dossier before is gone; its form with it
        self.search.setFocus()
        session = self.session

        self.operations.change(
            self, lambda: find(session, text), self._found, failure=self._failed_to_find
        )

    def _found(self, found: Found) -> None:
        self.search.selectAll()
        if found.loaded is not None:
            self._choices([])
            self._show(found.loaded)
            return
        self._show(None)
        self._choices(found.choices)
        if found.said:
            self._say(found.said, ERROR_STYLE)
            return
        if not found.choices:
            self._say(self.tr("No dossier found for what was scanned or typed."), ERROR_STYLE)
            return
        self._say(self.tr("Several dossiers: choose one (arrows, then Enter)."), WARNING_STYLE)
        self.choices.setFocus()

    def _choices(self, dossiers: list[tuple[StoredDossier, Status]]) -> None:
        self.found = [dossier for dossier, _status in dossiers]
        self.choices.clear()
        for dossier, status in dossiers:
            line = "   ".join(
                (
                    dossier.code or "—",
                    STATUS_NAMES[status](),
                    dossier.applicant_name,
                    self.procedure_name(dossier.procedure_id),
                    _minute(dossier.received_at),
                )
            )
            self.choices.addItem(QListWidgetItem(line))
        self.choices.setVisible(bool(dossiers))
        if dossiers:
            self.choices.setCurrentRow(0)

    def _chosen(self, item: QListWidgetItem) -> None:
        row = self.choices.row(item)
        if not 0 <= row < len(self.found):
            return
        session, dossier = self.session, self.found[row]
        self.operations.query(
            self, lambda: load(session, dossier), self._picked, failure=self._failed_to_find
        )

    def _picked(self, loaded: Loaded) -> None:
        self._choices([])
        self._show(loaded)

    def _failed_to_find(self, error: Exception) -> None:
        self._show(None)
        self._say(officer_message(error), ERROR_STYLE)
        self.search.setFocus()
        self.search.selectAll()

    def procedure_name(self, procedure_id: str) -> str:
        procedure = self.catalogue.procedures.get(procedure_id) if self.catalogue else None
        return procedure.name if procedure is not None else procedure_id

    # ------------------------------------------------------------ showing

    def _show(self, loaded: Loaded | None, move_focus: bool = True) -> None:
        """The dossier and what is handed back; the form made ready for it."""
        self.loaded = loaded
        self._clear_form()
        self.hand_over_action.setEnabled(loaded is not None and not loaded.blocked)
        if loaded is None:
            self.detail.setPlainText(
                self.tr(
                    "Scan the applicant's BM 01, or type its code or the applicant's ID"
                    " document number, then Enter."
                )
            )
            self._say("", OK_STYLE)
            return
        dossier = loaded.dossier
        due = _minute(dossier.due_at) if dossier.due_at else NO_DUE_DATE()
        lines = [
            f"{dossier.code or '—'} — {dossier.applicant_name}",
            self.procedure_name(dossier.procedure_id),
            self.tr("Received: {moment}").format(moment=_minute(dossier.received_at)),
            self.tr("Status: {status}").format(status=STATUS_NAMES[loaded.status]()),
            self.tr("Result due: {moment}").format(moment=due),
            "",
            self.tr("To hand back:"),
            "  " + self.tr("Result: {result}").format(result=loaded.items.result),
        ]
        if dossier.result_delivery == "post":
            lines.append(self.tr("The applicant asked for the result by post."))
        self.detail.setPlainText("\n".join(lines))
        by_post = dossier.result_delivery == "post"
        method = ReturnMethod.POST if by_post else ReturnMethod.IN_PERSON
        self.method.setCurrentIndex(self.method.findData(str(method)))
        self.recipient.setText(dossier.applicant_name)
        self.address.setText(dossier.delivery_address)
        self.phone.setText(str(json.loads(dossier.applicant_json).get("phone") or ""))
        if loaded.blocked:
            self._say(loaded.blocked, ERROR_STYLE)
            if move_focus:
                self.search.setFocus()
                self.search.selectAll()
            return
        self._say_ready()
        if move_focus:
            self._first_to_fill().setFocus()

    def _clear_form(self) -> None:
        self.card = None
        for line in (
            self.id_number,
            self.proxy_name,
            self.authorisation,
            self.authorisation_date,
            self.recipient,
            self.address,
            self.phone,
            self.service,
            self.item_number,
            self.lost_reason,
        ):
            line.clear()
        self.certified.setChecked(False)
        self.bm01.setChecked(True)
        self.card_note.clear()
        self.kept_reason.clear()
        self.originals.blockSignals(True)
        self.originals.clear()
        originals = self.loaded.items.originals if self.loaded is not None else ()
        for original in originals:
            item = QListWidgetItem(original.document)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = original.handed_back
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.originals.addItem(item)
        self.originals.blockSignals(False)
        self.form.setRowVisible(self.originals, bool(originals))
        self._originals_changed()

    def _kept(self) -> list[int]:
        """The rows of the originals unticked: kept, not handed back."""
        return [
            row
            for row in range(self.originals.count())
            if self.originals.item(row).checkState() != Qt.CheckState.Checked
        ]

    def _originals_changed(self) -> None:
        self.form.setRowVisible(self.kept_reason, bool(self._kept()))

    def _method(self) -> ReturnMethod:
        return ReturnMethod(str(self.method.currentData()))

    def _method_changed(self) -> None:
        method = self._method()
        person = method is not ReturnMethod.POST
        proxy = method is ReturnMethod.PROXY
        for widget, shown in (
            (self.id_number, person),
            (self.card_note, person),
            (self.proxy_name, proxy),
            (self.authorisation, proxy),
            (self.authorisation_date, proxy),
            (self.certified, proxy),
            (self.recipient, not person),
            (self.address, not person),
            (self.phone, not person),
            (self.service, not person),
            (self.item_number, not person),
        ):
            self.form.setRowVisible(widget, shown)
        if self.loaded is not None and not self.loaded.blocked:
            self._say_ready()
        self._check_card()

    def _say_ready(self) -> None:
        """What to do next for this way of handing over."""
        key = _shown(KEY_HAND_OVER)
        if self._method() is ReturnMethod.POST:
            text = self.tr(
                "By post: the recipient, address, postal service and item number, then {key}."
            )
        else:
            text = self.tr("Ready to hand over. Scan the collector's ID card, then {key}.")
        self._say(text.format(key=key), OK_STYLE)

    def _first_to_fill(self) -> QWidget:
        method = self._method()
        if method is ReturnMethod.POST:
            order = [self.recipient, self.address, self.phone, self.service, self.item_number]
            return next((line for line in order if not line.text().strip()), self.item_number)
        if method is ReturnMethod.PROXY and self.card is not None:
            order = [self.proxy_name, self.authorisation]
            return next((line for line in order if not line.text().strip()), self.authorisation)
        return self.id_number

    def _bm01_toggled(self, presented: bool) -> None:
        self.lost_reason.setEnabled(not presented)
        if not presented:
            self.lost_reason.setFocus()

    # ------------------------------------------------------------ the collector

    def _id_typed(self, _text: str) -> None:
        self.card = None
        self.card_note.clear()

    def _id_entered(self) -> None:
        """A card's QR scanned (its text has ``|``): its number and name are read; a number
        typed stays as it is."""
        text = self.id_number.text()
        if "|" not in text:
            self.card = None
            self._check_card()
            return
        try:
            reading = parse_payload(text, self.now().date())
        except PayloadError as error:
            self.card = None
            self.id_number.selectAll()
            self._note(str(error), ERROR_STYLE)
            return
        card = reading.card
        self.card = CardRead(card.full_name, card.id_number)
        self.id_number.setText(card.id_number)
        if self._method() is ReturnMethod.PROXY and not self.proxy_name.text().strip():
            self.proxy_name.setText(card.full_name)
        self._check_card()
        if self._method() is ReturnMethod.PROXY:
            self._first_to_fill().setFocus()

    def _check_card(self) -> None:
        """Says whether the card read (or the number typed) is the applicant's; the
        operation decides."""
        loaded, card = self.loaded, self.card
        number = card.number if card is not None else self.id_number.text().strip()
        if loaded is None or not number:
            return
        who = card.name if card is not None else number
        if _id(number) == _id(loaded.dossier.applicant_id_number):
            self._note(
                self.tr("{who}: the applicant's identity document.").format(who=who), OK_STYLE
            )
            self._say(
                self.tr("{key}: hand the result over.").format(key=_shown(KEY_HAND_OVER)),
                OK_STYLE,
            )
        elif self._method() is ReturnMethod.PROXY:
            self._note(self.tr("{who}: the proxy's identity document.").format(who=who), OK_STYLE)
        else:
            text = self.tr(
                "{who}: not the applicant's identity document. Choose “to a proxy” under"
                " Handed to, or check it."
            ).format(who=who)
            self._note(text, WARNING_STYLE)

    def _note(self, text: str, style: str) -> None:
        self.card_note.setText(text)
        self.card_note.setStyleSheet(style)

    # ------------------------------------------------------------ handing over

    def given(self) -> HandOver:
        """The hand-over as the screen records it."""
        loaded = self.loaded
        assert loaded is not None
        method = self._method()
        presented = self.bm01.isChecked()
        reason = "" if presented else self.lost_reason.text().strip()
        collector, proxy, post = None, None, None
        if method is ReturnMethod.POST:
            post = Postal(
                service=self.service.text().strip(),
                item_number=self.item_number.text().strip(),
                recipient=self.recipient.text().strip(),
                address=self.address.text().strip(),
                phone=self.phone.text().strip(),
            )
        else:
            number = self.id_number.text().strip()
            read_by = "qr" if self.card is not None else "typed"
            if method is ReturnMethod.PROXY:
                name = self.proxy_name.text().strip()
                dated = parse_date(self.authorisation_date.text(), today=self.now().date())
                proxy = Proxy(self.authorisation.text().strip(), dated, self.certified.isChecked())
            else:
                name = self.card.name if self.card is not None else loaded.dossier.applicant_name
            collector = Collector(name, number, _id_type(number, loaded.dossier), read_by)
        return HandOver(
            method,
            collector=collector,
            proxy=proxy,
            post=post,
            result=loaded.items.result,
            bm01_presented=presented,
            bm01_lost_reason=reason,
            originals=self._originals(loaded.items.originals),
        )

    def _originals(self, taken: tuple[Original, ...]) -> tuple[Original, ...]:
        """The originals as the officer ticked them: handed back, or kept with the reason."""
        kept, reason = self._kept(), self.kept_reason.text().strip()
        return tuple(
            Original(o.document, False, reason) if row in kept else Original(o.document, True)
            for row, o in enumerate(taken)
        )

    def complete(self) -> None:
        """F9: hand the result over as recorded; then the receipt or the Phiếu gửi."""
        loaded = self.loaded
        if loaded is None or loaded.blocked:
            return
        if self._method() is ReturnMethod.PROXY and (
            self.authorisation_date.text().strip()
            and parse_date(self.authorisation_date.text(), today=self.now().date()) is None
        ):
            self._say(self.tr("Authorisation date: type day/month/year."), ERROR_STYLE)
            self.authorisation_date.setFocus()
            return
        if self._kept() and not self.kept_reason.text().strip():
            self._say(
                self.tr("Originals kept: the reason is required (it is printed on the receipt)."),
                ERROR_STYLE,
            )
            self.kept_reason.setFocus()
            return
        given, session, at = self.given(), self.session, self.now()
        key = loaded.dossier.code or loaded.dossier.id
        point = session.settings.receiving_point

        settings = session.settings
        wanted = given.method is ReturnMethod.POST or receipt_wanted(settings)

        def run(authority: Authority | None) -> Done[Handed]:
            who = session.authority(authority)
            change = hand_over(session.store, key, given, who, at, point)
            paper, failed = None, None
            if wanted:
                try:  # stored already: a paper that cannot be made is said, not undone
                    paper = return_paper_pdf(session.store, change, settings)
                except Exception as error:  # shown to the officer, below
                    failed = error
            handed = Handed(key, given.method, given.receiver, change.changed_at, paper, failed)
            return Done(handed, DOSSIER_STORED)

        self.hand_over_action.setEnabled(False)
        self._say(self.tr("Handing over…"), OK_STYLE)
        self.operations.change_approved(self, run, self._handed, failure=self._refused)

    def _handed(self, handed: Handed) -> None:
        self.handed = handed
        self._show(None)
        self.search.clear()
        self._say(
            self.tr("Handed over: {code}, {method}, {receiver}, at {moment}.").format(
                code=handed.code,
                method=METHOD_NAMES[handed.method](),
                receiver=handed.receiver,
                moment=_minute(handed.at),
            ),
            OK_STYLE,
        )
        self.search.setFocus()
        if handed.paper_failed is not None:
            self._say(
                self.tr("Handed over: {code}. The paper could not be made: {reason}").format(
                    code=handed.code, reason=officer_message(handed.paper_failed)
                ),
                WARNING_STYLE,
            )
        elif handed.paper is not None:
            self._preview(handed.paper)

    def _preview(self, paper: tuple[str, bytes]) -> None:
        kind, pdf = paper
        preferences = print_preferences(self.session.settings, kind)
        title = RETURN_PAPER_NAMES[kind]()
        # The one before freed itself when it closed (PrintPreviewDialog deletes on close).
        self.preview = PrintPreviewDialog(pdf, preferences, title, self)
        self.preview.open()

    def _refused(self, error: Exception) -> None:
        """The operation's reason in place; the cursor on the field to fix."""
        self.hand_over_action.setEnabled(self.loaded is not None and not self.loaded.blocked)
        self._say(officer_message(error), ERROR_STYLE)
        message = error.message if isinstance(error, Refusal) else None
        if message == IDENTITY_MISMATCH:
            self.id_number.setFocus()
            self.id_number.selectAll()
        elif message == PROXY_INCOMPLETE:
            order = [self.proxy_name, self.id_number, self.authorisation]
            next((line for line in order if not line.text().strip()), self.proxy_name).setFocus()
        elif message == POST_INCOMPLETE:
            order = [self.recipient, self.address, self.service, self.item_number]
            next((line for line in order if not line.text().strip()), self.item_number).setFocus()
        elif message == BM01_LOST_REASON:
            self.lost_reason.setFocus()
        else:
            self.search.setFocus()
            self.search.selectAll()

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)


def _id(number: str) -> str:
    return "".join(number.split()).upper()


def _id_type(number: str, dossier: StoredDossier) -> str:
    """The kind of identity document a number is: the applicant's own kind for their
    number, else a citizen ID (12 digits), an old ID (9) or a passport."""
    if _id(number) == _id(dossier.applicant_id_number):
        document = json.loads(dossier.applicant_json).get("identity_document") or {}
        return str(document.get("type") or IdentityType.CITIZEN_ID)
    digits = _id(number)
    if digits.isascii() and digits.isdigit() and len(digits) in (9, 12):
        return IdentityType.CITIZEN_ID if len(digits) == 12 else IdentityType.OLD_ID
    return IdentityType.PASSPORT


def _shown(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def _minute(moment: dt.datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""
