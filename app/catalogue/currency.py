"""Whether the catalogue version in force on a day of receipt is still known to be current.

A version applies from its ``valid_from`` and is the one chosen for every later day until
another version starts (``app.catalogue.loader.load_catalogue_for``). The law may move before
anyone writes that next version: the manifest then records the version's end (``valid_until``,
``replaced_by``) or the changes of the law after which it may no longer apply
(``[[changes]]``). ``not_current`` says, for one day, each of those the day is past; the
evaluation keeps them (``Evaluation.catalogue_not_current``), the window shows them in a
banner and the command line on stderr. Whether such a day may still be received is the
department's setting (``catalogue_not_current``): ``check_receivable`` is the one place that
refuses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from app.catalogue.model import Catalogue
from app.catalogue.not_current_policy import SETTING_LABEL, NotCurrentPolicy
from app.failures import PolicyRefusal
from app.i18n import Language, Message, current_language

ENDED = Message(
    "Danh mục thủ tục {name} ({version}) đã hết hiệu lực sau ngày {on}{replaced}; có thể không"
    " còn áp dụng cho hồ sơ nhận ngày {day}.",
    "The procedure catalogue {name} ({version}) ended after {on}{replaced}; it may no longer"
    " apply to a dossier received on {day}.",
)
REPLACED_BY = Message(", được thay bằng {what}", ", replaced by {what}")
CHANGED = Message(
    "Danh mục thủ tục {name} ({version}) có thể không còn áp dụng cho hồ sơ nhận ngày {day},"
    " vì từ ngày {on}: {what} ({source}).",
    "The procedure catalogue {name} ({version}) may no longer apply to a dossier received on"
    " {day}, because from {on}: {what} ({source}).",
)
REFUSED = Message(
    "Không tiếp nhận hồ sơ trong ngày này (cài đặt “{setting}”: không tiếp nhận). {reasons}",
    "No dossier is received on this day (setting “{setting}”: refuse). {reasons}",
)


# The receiving screen's banner: the version and each reason in a few words, so that it fits
# above the forms on 1280×720; the whole sentences are in the verdict's details.
BANNER = Message(
    "Danh mục thủ tục {name} ({version}) có thể không còn áp dụng cho hồ sơ nhận ngày {day}:"
    " {reasons}.",
    "The procedure catalogue {name} ({version}) may no longer apply to a dossier received on"
    " {day}: {reasons}.",
)
BANNER_ENDED = Message("hết hiệu lực sau ngày {on}", "it ended after {on}")
BANNER_CHANGED = Message("từ ngày {on} theo {source}", "from {on} under {source}")


# The catalogue page's lines on the version's period (ui/catalogue_page.py).
PERIOD_ENDS = Message("Áp dụng đến hết ngày {until}{replaced}.", "Applies until {until}{replaced}.")
PERIOD_CHANGE = Message(
    "Thay đổi của pháp luật từ ngày {on}: {what} ({source}).",
    "A change of the law from {on}: {what} ({source}).",
)


class NotCurrentKind(StrEnum):
    """Why a version may no longer apply."""

    ENDED = "ended"  # the day is past the version's last day (``valid_until``)
    CHANGED = "changed"  # the day is on or after a change of the law recorded with it


class NotCurrent(BaseModel):
    """One reason the version that evaluated a dossier may no longer apply to its day of
    receipt, as data: stored with the evaluation, so a dossier says it whatever the
    catalogue says later.

    ``on`` is the version's last day (ended) or the change's first day (changed); ``what`` /
    ``what_en`` what changed (ended: what replaced it, in the manifest's words, or empty);
    ``source`` the legal text that made the change (ended: empty). ``version`` and
    ``version_name`` (the source the version transcribes) name the version in the sentence.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: NotCurrentKind
    on: dt.date
    what: str
    what_en: str
    source: str
    version: str
    version_name: str

    def briefly(self, language: Language) -> str:
        """The reason in a few words, for the banner."""
        on = f"{self.on:%d/%m/%Y}"
        if self.kind is NotCurrentKind.ENDED:
            return BANNER_ENDED.text(language, on=on)
        return BANNER_CHANGED.text(language, on=on, source=self.source)

    def sentence(self, day: dt.date, language: Language | None = None) -> str:
        """The reason in one plain sentence, for a dossier received on ``day``."""
        language = language or current_language()
        values = {
            "name": self.version_name,
            "version": self.version,
            "on": f"{self.on:%d/%m/%Y}",
            "day": f"{day:%d/%m/%Y}",
        }
        what = self.what_en if language == "en" else self.what
        if self.kind is NotCurrentKind.ENDED:
            replaced = REPLACED_BY.text(language, what=what) if what else ""
            return ENDED.text(language, replaced=replaced, **values)
        return CHANGED.text(language, what=what, source=self.source, **values)


def not_current(catalogue: Catalogue, day: dt.date) -> list[NotCurrent]:
    """Why ``catalogue`` may no longer apply to a dossier received on ``day``: past its end,
    and each recorded change that came into force after the version started and on or
    before ``day``, oldest first. Empty: the version is current as far as it records."""
    manifest = catalogue.manifest
    named = {"version": manifest.id, "version_name": manifest.name or manifest.source}
    reasons: list[NotCurrent] = []
    if manifest.valid_until is not None and day > manifest.valid_until:
        replaced = manifest.replaced_by or ""
        reasons.append(
            NotCurrent(
                kind=NotCurrentKind.ENDED,
                on=manifest.valid_until,
                what=replaced,
                what_en=replaced,
                source="",
                **named,
            )
        )
    reasons.extend(
        NotCurrent(
            kind=NotCurrentKind.CHANGED,
            on=change.on,
            what=change.what,
            what_en=change.what_en,
            source=change.source,
            **named,
        )
        for change in manifest.changes
        if manifest.valid_from < change.on <= day
    )
    return reasons


def sentences(
    reasons: Sequence[NotCurrent], day: dt.date, language: Language | None = None
) -> list[str]:
    """One sentence per reason, in the chosen language unless ``language`` says."""
    return [reason.sentence(day, language) for reason in reasons]


class CatalogueNotCurrent(PolicyRefusal):
    """Receiving is refused on this day: the version in force may no longer apply and the
    department's setting refuses such days. The message names the version and each reason."""

    def __init__(self, reasons: Sequence[NotCurrent], day: dt.date) -> None:
        self.reasons, self.day = tuple(reasons), day
        said = Message(*(" ".join(sentences(reasons, day, language)) for language in ("vi", "en")))
        super().__init__(REFUSED, setting=SETTING_LABEL, reasons=said)


def receiving_refused(
    reasons: Sequence[NotCurrent], day: dt.date, policy: NotCurrentPolicy
) -> CatalogueNotCurrent | None:
    """The refusal receiving on ``day`` meets under ``policy``, or None when it may go on:
    what ``check_receivable`` raises and what the window says before F9 is pressed."""
    if policy is NotCurrentPolicy.REFUSE and reasons:
        return CatalogueNotCurrent(reasons, day)
    return None


def check_receivable(reasons: Sequence[NotCurrent], day: dt.date, policy: NotCurrentPolicy) -> None:
    """Refuse (``CatalogueNotCurrent``) a dossier received on ``day`` when the version may no
    longer apply and the department refuses such days; called by ``app.reception.receive``
    before anything is stored or numbered."""
    refusal = receiving_refused(reasons, day, policy)
    if refusal is not None:
        raise refusal


@dataclass(frozen=True)
class DayNotice:
    """What the receiving screen says of the catalogue version on a day of receipt: the
    banner's text ("" when the version is current) and, when the department's setting
    refuses such days, the refusal ``receive`` would raise."""

    text: str
    refusal: CatalogueNotCurrent | None


def day_notice(catalogue: Catalogue, day: dt.date, policy: NotCurrentPolicy) -> DayNotice:
    """The banner for ``day`` in the chosen language, from the same reasons and the same
    refusal as ``evaluate`` and ``receive``."""
    reasons = not_current(catalogue, day)
    if not reasons:
        return DayNotice("", None)
    language = current_language()
    manifest = catalogue.manifest
    text = BANNER.text(
        language,
        name=manifest.name or manifest.source,
        version=manifest.id,
        day=f"{day:%d/%m/%Y}",
        reasons="; ".join(reason.briefly(language) for reason in reasons),
    )
    refusal = receiving_refused(reasons, day, policy)
    if refusal is not None:
        text = REFUSED.text(language, setting=SETTING_LABEL, reasons=text)
    return DayNotice(text, refusal)


def period_lines(catalogue: Catalogue) -> list[str]:
    """The version's end (when known) and each change of the law recorded with it, one line
    each in the chosen language: what the catalogue page shows under the version."""
    language = current_language()
    manifest = catalogue.manifest
    lines: list[str] = []
    if manifest.valid_until is not None:
        replaced = manifest.replaced_by
        lines.append(
            PERIOD_ENDS.text(
                language,
                until=f"{manifest.valid_until:%d/%m/%Y}",
                replaced=REPLACED_BY.text(language, what=replaced) if replaced else "",
            )
        )
    lines.extend(
        PERIOD_CHANGE.text(
            language,
            on=f"{change.on:%d/%m/%Y}",
            what=change.what_en if language == "en" else change.what,
            source=change.source,
        )
        for change in manifest.changes
    )
    return lines
