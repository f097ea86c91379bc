"""The completeness and eligibility check of one dossier (step B1 of every procedure).

``evaluate`` answers what the officer must decide at the counter: which items
this applicant must hand in, what is missing or in the wrong form (worded for
BM 02), which conditions fail (worded for BM 03), and the verdict. A request
that cannot be evaluated raises ``RequestError`` naming each field and rule; a
field a rule needs that was left empty stops it too ("needed to decide"), unless
a condition already certainly fails: then the refusal is the verdict and such
fields are listed in ``Evaluation.not_needed``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from app.catalogue.currency import NotCurrent, not_current
from app.catalogue.model import (
    Catalogue,
    Channel,
    DossierItem,
    PhotoBackground,
    Procedure,
    RequiredForm,
)
from app.dossier.facts import Context, MissingInformation
from app.dossier.held_classes import held_class_problems, requestable_classes
from app.dossier.predicates import FactCache, holds
from app.dossier.problems import RequestError, RequestProblem
from app.dossier.request import DossierRequest, PresentedForm, PresentedItem
from app.i18n import Language, Message, current_language

EVALUATION_SCHEMA_VERSION: Literal[1] = 1

# Which requirement each presented form meets: the one place the form handed in is
# compared with the form asked. An electronic certified copy has the legal value of
# a certified copy (Decree 23/2015/NĐ-CP as amended by Decree 45/2020/NĐ-CP); any
# copy will do where the decision asks for "Bản sao". A certified copy, paper or
# electronic, also meets "Bản sao kèm bản chính để đối chiếu": it may be used in
# place of the original (Decree 23/2015/NĐ-CP art. 3(2)) and the receiving agency
# may not ask for the original to compare it with (art. 6(2)). An original alone
# is not a copy: the office keeps the copy and hands the original back, so "copy
# with the original shown" needs both; a plain photocopy without the original
# does not meet it either.
_CERTIFIED_COPY_MEETS = frozenset(
    {RequiredForm.CERTIFIED_COPY, RequiredForm.COPY_WITH_ORIGINAL, RequiredForm.COPY}
)
SATISFIES: dict[PresentedForm, frozenset[RequiredForm]] = {
    PresentedForm.NOTHING: frozenset(),
    PresentedForm.ORIGINAL: frozenset({RequiredForm.ORIGINAL}),
    PresentedForm.COPY_WITH_ORIGINAL: frozenset(
        {RequiredForm.COPY_WITH_ORIGINAL, RequiredForm.COPY}
    ),
    PresentedForm.CERTIFIED_COPY: _CERTIFIED_COPY_MEETS,
    PresentedForm.ELECTRONIC_CERTIFIED_COPY: _CERTIFIED_COPY_MEETS,
    PresentedForm.PHOTOCOPY: frozenset({RequiredForm.COPY}),
}

# What the applicant handed in, as the checklist and BM 01 name it.
PRESENTED_LABELS: dict[PresentedForm, Message] = {
    PresentedForm.NOTHING: Message("không có", "nothing"),
    PresentedForm.ORIGINAL: Message("bản chính", "the original"),
    PresentedForm.COPY_WITH_ORIGINAL: Message(
        "bản sao kèm bản chính để đối chiếu", "a copy with the original shown"
    ),
    PresentedForm.CERTIFIED_COPY: Message("bản sao có chứng thực", "a certified copy"),
    PresentedForm.ELECTRONIC_CERTIFIED_COPY: Message(
        "bản sao điện tử có chứng thực", "an electronic certified copy"
    ),
    PresentedForm.PHOTOCOPY: Message("bản chụp", "a photocopy"),
}
# What an item asks for; in Vietnamese the catalogue's own words (``form_text``) are used.
REQUIRED_LABELS: dict[RequiredForm, Message] = {
    RequiredForm.ORIGINAL: Message("bản chính", "original"),
    RequiredForm.COPY_WITH_ORIGINAL: Message(
        "bản sao kèm bản chính để đối chiếu", "copy with the original shown"
    ),
    RequiredForm.CERTIFIED_COPY: Message("bản sao có chứng thực", "certified copy"),
    RequiredForm.COPY: Message("bản sao", "copy"),
}
OR = Message(" hoặc ", " or ")
IF_ANY = Message("nếu có", "if any")
REQUIRED_FORMS = Message("{quantity:02d} {forms}", "{quantity} × {forms}")

NOT_HANDED_IN = Message("Chưa nộp; cần {required}.", "Not handed in; {required} required.")
WRONG_FORM_HANDED_IN = Message(
    "Đã nộp {presented}; cần {forms}.", "Handed in {presented}; {forms} required."
)
TOO_FEW_HANDED_IN = Message(
    "Đã nộp {count:02d}; cần {required}.", "Handed in {count}; {required} required."
)
# How the dossier arrives (the catalogue's channel ids); the catalogue's own names are Vietnamese.
CHANNEL_LABELS: dict[str, Message] = {
    "direct": Message("Nộp hồ sơ trực tiếp", "Handed in at the counter"),
    "online": Message("Đăng ký hồ sơ trực tuyến", "Registered online"),
    "post": Message("Nộp hồ sơ qua bưu chính", "Sent by post"),
}
VERDICT_LABELS: dict[str, Message] = {
    "accept": Message("Tiếp nhận", "Accept"),
    "supplement": Message("Bổ sung hồ sơ", "Supplement"),
    "refuse": Message("Từ chối", "Refuse"),
}
PROCESSING_TIME = Message("Không quá {days:02d} ngày làm việc", "At most {days} working days")
FEE = Message("lệ phí {fee} đồng", "fee {fee} VND")
NO_FEE = Message("không thu lệ phí", "no fee")

UNKNOWN_PROCEDURE = Message(
    "không có thủ tục '{procedure}'; các thủ tục: {known}",
    "no procedure '{procedure}'; the procedures: {known}",
)
SUBCASE_NEEDED = Message(
    "thủ tục {procedure} cần chọn một trường hợp: {subcases}",
    "{procedure} needs one of the cases {subcases}",
)
NO_SUBCASES = Message("thủ tục {procedure} không chia trường hợp", "{procedure} has no cases")
CHANNEL_NOT_OFFERED = Message(
    "thủ tục {procedure} chỉ nhận theo hình thức: {offered}",
    "{procedure} is received only by: {offered}",
)
NO_SUCH_ITEM = Message(
    "thủ tục {procedure} không có giấy tờ này; các giấy tờ: {items}",
    "{procedure} has no such paper; its papers: {items}",
)
UNKNOWN_CLASS = Message(
    "không có hạng '{value}'; các hạng: {classes}", "no class '{value}'; the classes: {classes}"
)
NEEDED_FOR_ITEM = Message(
    "cần điền để xác định có phải nộp '{item}' không",
    "needed to decide whether '{item}' must be handed in",
)
NEEDED_FOR_CONDITION = Message(
    "cần điền để xét điều kiện '{condition}' của thủ tục",
    "needed to decide the procedure's condition '{condition}'",
)
# A fact left empty once a condition certainly fails: the refusal stands whatever it says.
NOT_NEEDED = Message(
    "chưa điền; không cần để quyết định vì hồ sơ đã không đáp ứng điều kiện: {conditions}",
    "not filled in; not needed to decide, the dossier already fails the condition: {conditions}",
)


class Verdict(StrEnum):
    ACCEPT = "accept"  # BM 01: receipt and appointment
    SUPPLEMENT = "supplement"  # BM 02: what to add
    REFUSE = "refuse"  # BM 03: refusal


class ItemStatus(StrEnum):
    OK = "ok"
    MISSING = "missing"
    WRONG_FORM = "wrong-form"
    TOO_FEW = "too-few"


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class ItemCheck(_Result):
    item: str
    number: str
    name: str
    quantity: int
    forms: list[RequiredForm]
    form_text: str
    presence: Literal["required", "conditional", "optional"]
    presented_form: PresentedForm
    presented_count: int
    status: ItemStatus
    reason: str | None = None  # Vietnamese, as BM 02 prints it
    reason_en: str | None = None

    def reason_in(self, language: Language | None = None) -> str | None:
        """Why the item is not in order, in ``language`` (default: the chosen one)."""
        return self.reason_en if (language or current_language()) == "en" else self.reason


class Refusal(_Result):
    condition: str
    reason: str
    source: str


class NotNeeded(_Result):
    """A request field a rule reads, left empty, that cannot change the verdict: a
    condition certainly fails, so the dossier is refused whatever the field would say.
    Listed apart from the fields "needed to decide", which stop the evaluation."""

    field: str  # the request path, as RequestProblem names it ("licences[0].issue_date")
    reason: str  # Vietnamese
    reason_en: str

    def reason_in(self, language: Language | None = None) -> str:
        return self.reason_en if (language or current_language()) == "en" else self.reason


class Evaluation(_Result):
    schema_version: Literal[1] = EVALUATION_SCHEMA_VERSION
    catalogue_version: str
    # The sha256 of the version's files (Catalogue.content_hash); older records lack it.
    catalogue_hash: str = ""
    # Why that version may no longer apply to the day of receipt (its end, the changes of the
    # law recorded with it): stored with the dossier; empty when current, and in older records.
    catalogue_not_current: list[NotCurrent] = []
    procedure: str
    procedure_name: str
    subcase: str | None
    channel: str
    received_on: dt.date
    verdict: Verdict
    items: list[ItemCheck]
    missing: list[ItemCheck]
    refusals: list[Refusal]
    # Fields left empty that no longer matter (a refusal is certain); older records lack it.
    not_needed: list[NotNeeded] = []
    processing_text: str
    working_days: int
    fee_vnd: int
    fee_text: str
    photo_at_counter: bool
    photo_background: PhotoBackground | None

    def time_and_fee(self, language: Language | None = None) -> str:
        """The processing time and the fee: the catalogue's words in Vietnamese."""
        language = language or current_language()
        if language == "vi":
            return f"{self.processing_text}; {self.fee_text}"
        fee = FEE.text(language, fee=f"{self.fee_vnd:,}") if self.fee_vnd else NO_FEE.text(language)
        return f"{PROCESSING_TIME.text(language, days=self.working_days)}; {fee}"


def evaluate(request: DossierRequest, catalogue: Catalogue, today: dt.date) -> Evaluation:
    """Check one dossier; ``today`` is the day of receipt unless the request says."""
    procedure, channel = _resolve(request, catalogue)
    received_on = request.received_on or today
    facts = FactCache(Context(request=request, received_on=received_on))
    problems: list[RequestProblem] = []

    items: list[ItemCheck] = []
    for item in procedure.items_for(request.subcase):
        try:
            if _is_required(item, facts):
                items.append(check_item(item, request.presented.get(item.id)))
        except MissingInformation as missing:
            problems.append(_missing_problem(missing, NEEDED_FOR_ITEM, item=item.name))

    refusals: list[Refusal] = []
    for condition in procedure.conditions:
        try:
            applies = condition.applies_when is None or holds(condition.applies_when, facts)
            if applies and not holds(condition.require, facts):
                refusals.append(
                    Refusal(
                        condition=condition.id,
                        reason=condition.refusal_reason,
                        source=condition.source,
                    )
                )
        except MissingInformation as missing:
            problems.append(_missing_problem(missing, NEEDED_FOR_CONDITION, condition=condition.id))
    # A fact left empty stops the evaluation only while it could change the verdict:
    # once a condition certainly fails the dossier is refused whatever it says.
    if problems and not refusals:
        raise RequestError(problems)
    not_needed = _not_needed(problems, refusals)

    missing_items = [check for check in items if check.status is not ItemStatus.OK]
    verdict = (
        Verdict.REFUSE if refusals else Verdict.SUPPLEMENT if missing_items else Verdict.ACCEPT
    )
    return Evaluation(
        catalogue_version=catalogue.version,
        catalogue_hash=catalogue.content_hash,
        catalogue_not_current=not_current(catalogue, received_on),
        procedure=procedure.id,
        procedure_name=procedure.name,
        subcase=request.subcase,
        channel=str(channel.id),
        received_on=received_on,
        verdict=verdict,
        items=items,
        missing=missing_items,
        refusals=refusals,
        not_needed=not_needed,
        processing_text=channel.processing_text,
        working_days=channel.working_days,
        fee_vnd=channel.fee_vnd,
        fee_text=channel.fee_text,
        photo_at_counter=bool(procedure.photo and procedure.photo.at_counter),
        photo_background=procedure.photo.background if procedure.photo else None,
    )


def _resolve(request: DossierRequest, catalogue: Catalogue) -> tuple[Procedure, Channel]:
    """The procedure and channel asked for, or every reason they cannot be used."""
    if request.procedure not in catalogue.procedures:
        known = ", ".join(catalogue.procedures)
        values = {"procedure": request.procedure, "known": known}
        raise RequestError([RequestProblem("procedure", UNKNOWN_PROCEDURE, values)])
    procedure = catalogue.procedure(request.procedure)
    problems: list[RequestProblem] = []
    subcases = procedure.subcase_ids()
    if subcases and request.subcase not in subcases:
        values = {"procedure": procedure.id, "subcases": ", ".join(subcases)}
        problems.append(RequestProblem("subcase", SUBCASE_NEEDED, values))
    elif not subcases and request.subcase is not None:
        problems.append(RequestProblem("subcase", NO_SUBCASES, {"procedure": procedure.id}))
    offered = [str(channel.id) for channel in procedure.channels]
    if str(request.channel) not in offered:
        values = {"procedure": procedure.id, "offered": ", ".join(offered)}
        problems.append(RequestProblem("channel", CHANNEL_NOT_OFFERED, values))
    if not problems:
        item_ids = {item.id for item in procedure.items_for(request.subcase)}
        values = {"procedure": procedure.id, "items": ", ".join(sorted(item_ids))}
        problems.extend(
            RequestProblem(f"presented.{key}", NO_SUCH_ITEM, values)
            for key in request.presented
            if key not in item_ids
        )
    problems.extend(held_class_problems(request, catalogue))
    classes = requestable_classes(catalogue)
    problems.extend(
        RequestProblem(
            f"requested_classes[{index}]",
            UNKNOWN_CLASS,
            {"value": value, "classes": ", ".join(classes)},
        )
        for index, value in enumerate(request.requested_classes)
        if value not in classes
    )
    if problems:
        raise RequestError(problems)
    return procedure, procedure.channel(request.channel)


def _is_required(item: DossierItem, facts: FactCache) -> bool:
    if item.presence == "optional":
        return False
    return item.required_when is None or holds(item.required_when, facts)


def check_item(item: DossierItem, presented: PresentedItem | None) -> ItemCheck:
    """How what was handed in for a required item reads against what the item asks:
    the forms compared through ``SATISFIES``, then the count."""
    form = presented.form if presented else PresentedForm.NOTHING
    count = presented.count if presented and form is not PresentedForm.NOTHING else 0
    status: ItemStatus = ItemStatus.OK
    reason: Message | None = None
    values: dict[str, object] = {}
    if form is PresentedForm.NOTHING or count == 0:
        status, reason = ItemStatus.MISSING, NOT_HANDED_IN
    elif not SATISFIES[form] & set(item.forms):
        status, reason = ItemStatus.WRONG_FORM, WRONG_FORM_HANDED_IN
        values = {"presented": PRESENTED_LABELS[form]}
    elif count < item.quantity:
        status, reason, values = ItemStatus.TOO_FEW, TOO_FEW_HANDED_IN, {"count": count}

    def render(language: Language) -> str | None:
        if reason is None:
            return None
        forms = _forms(item.forms, item.form_text, language, lower=True)
        required = REQUIRED_FORMS.text(language, quantity=item.quantity, forms=forms)
        return reason.text(language, required=required, forms=forms, **values)

    return ItemCheck(
        item=item.id,
        number=item.number,
        name=item.name,
        quantity=item.quantity,
        forms=item.forms,
        form_text=item.form_text,
        presence=item.presence,
        presented_form=form,
        presented_count=count,
        status=status,
        reason=render("vi"),
        reason_en=render("en"),
    )


def _forms(
    forms: list[RequiredForm], form_text: str, language: Language, lower: bool = False
) -> str:
    if language == "vi":
        return form_text[:1].lower() + form_text[1:] if lower else form_text
    return OR.text(language).join(REQUIRED_LABELS[f].text(language) for f in forms)


def required_text(
    quantity: int, forms: list[RequiredForm], form_text: str, language: Language | None = None
) -> str:
    """What an item asks for: "01 Bản chính" (the catalogue's words) or "1 × original"."""
    language = language or current_language()
    return REQUIRED_FORMS.text(
        language, quantity=quantity, forms=_forms(forms, form_text, language)
    )


def optional_text(condition_text: str | None, language: Language | None = None) -> str:
    """An optional item's condition: the catalogue's words in Vietnamese ("nếu có")."""
    language = language or current_language()
    if language == "vi" and condition_text:
        return condition_text
    return IF_ANY.text(language)


def _missing_problem(
    missing: MissingInformation, needed_for: Message, **values: object
) -> RequestProblem:
    return RequestProblem(missing.field, needed_for, values, needs_information=True)


def _not_needed(problems: list[RequestProblem], refusals: list[Refusal]) -> list[NotNeeded]:
    """Each field still empty, once, marked as not needed because of ``refusals``."""
    conditions = ", ".join(refusal.condition for refusal in refusals)
    return [
        NotNeeded(
            field=field,
            reason=NOT_NEEDED.text("vi", conditions=conditions),
            reason_en=NOT_NEEDED.text("en", conditions=conditions),
        )
        for field in dict.fromkeys(problem.field for problem in problems)
    ]
