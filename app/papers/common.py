"""What every paper needs: the refusals, the counter's print settings, the agency."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from app.dossier.evaluation import Verdict
from app.dossier_queries import DOSSIER_VOIDED, NO_SUCH_DOSSIER, dossier_key, voided_values
from app.i18n import Language, Message, Refusal, current_language
from app.settings import Settings
from db.papers import SlipBook
from db.records import StoredDossier
from printing.model import Office, PaperSize

_FIELD_RULE = Message("{field}: {reason}", "{field}: {reason}")
NOT_SET = Message(
    "{what} chưa được đặt; cán bộ IT đặt bằng lệnh: motcua settings set {name} VĂN_BẢN",
    "{what} is not set; IT staff set it with: motcua settings set {name} TEXT",
)
AGENCY_NAME = Message("tên cơ quan in ở đầu giấy", "the agency's name for the head of the papers")
PLACE_NAME = Message(
    "địa danh ghi trước ngày tháng (“…, ngày … tháng … năm …”)",
    'the place name written before the date on the papers ("<place>, day … month … year …")',
)


class PrintRefused(Refusal):
    """A paper cannot be made; ``field`` is what to fix (a setting, the dossier, an option).

    ``reason`` is a ``Message`` (with ``values``) said in the chosen language.
    """

    def __init__(self, field: str, reason: Message, /, **values: object) -> None:
        self.field = field
        super().__init__(reason, **values)

    def reason_text(self, language: Language) -> str:
        return super().text(language)

    def text(self, language: Language) -> str:
        return _FIELD_RULE.text(language, field=self.field, reason=self.reason_text(language))

    @property
    def reason(self) -> str:
        """Why, without the field, in the chosen language."""
        return self.reason_text(current_language())


class DossierNotFound(PrintRefused):
    """No dossier has the code or id the paper is asked for."""


class DossierVoided(PrintRefused):
    """The dossier was voided: no paper is printed for it."""


@dataclass(frozen=True)
class PrintPreferences:
    """How a kind of paper goes to the printer, from the counter's settings."""

    paper: PaperSize
    copies: int
    printer: str  # "" = the system's default printer
    landscape: bool = False


# Papers without options of their own go to the printer as the paper they stand beside:
# Mẫu 04 (the apology and new appointment), the hand-over receipt and the Phiếu gửi hồ sơ
# are handed over at the counter like BM 01; the hand-over list is filed like the register.
SETTINGS_OF_KIND = {
    "mau04": "bm01",
    "result-receipt": "bm01",
    "postal-slip": "bm01",
    "handover-list": "register",
}
# Lists with a line per dossier: A4 whatever the settings (the register also landscape).
A4_ONLY = frozenset({"register", "handover-list"})


def print_preferences(settings: Settings, kind: str) -> PrintPreferences:
    """``kind``: bm01, bm02, bm03, mau04, form, register, handover-list, result-receipt
    or postal-slip."""
    return PrintPreferences(
        paper="A4" if kind in A4_ONLY else paper_size(settings, kind),
        copies=int(settings.value(f"copies_{SETTINGS_OF_KIND.get(kind, kind)}")),
        printer=str(settings.value(f"printer_{SETTINGS_OF_KIND.get(kind, kind)}")),
        landscape=kind == "register",
    )


def office_of(settings: Settings) -> Office:
    """The agency the papers speak for; a paper without its name or place is refused."""
    for name, what in (("agency_name", AGENCY_NAME), ("place_name", PLACE_NAME)):
        if not settings.value(name):
            raise PrintRefused(name, NOT_SET, what=what, name=name)
    return settings_office(settings)


def settings_office(settings: Settings, fallback: Office | None = None) -> Office:
    """The agency as the settings have it; a blank is ``fallback``'s value when given."""
    values = {field.name: getattr(settings, field.name) for field in fields(Office)}
    if fallback is not None:
        values = {name: value or getattr(fallback, name) for name, value in values.items()}
    return Office(**values)


def paper_size(settings: Settings, kind: str) -> PaperSize:
    kind = SETTINGS_OF_KIND.get(kind, kind)
    return "A4" if settings.value(f"paper_{kind}") == "A4" else "A5"


def procedure_name(dossier: StoredDossier) -> str:
    """The procedure's name as the accepted round's evaluation gave it (its id otherwise)."""
    accepted = [r.record for r in dossier.rounds if r.record.verdict == Verdict.ACCEPT]
    evaluation = json.loads(accepted[-1].evaluation_json) if accepted else {}
    return str(evaluation.get("procedure_name", dossier.procedure_id))


def dossier_of(book: SlipBook, key: str) -> StoredDossier:
    """The dossier a paper is asked for by code or id, with its history; none is printed
    for a voided dossier."""
    found = book.dossier(dossier_key(key))
    if found is None:
        raise DossierNotFound("DOSSIER", NO_SUCH_DOSSIER, key=key.strip())
    if found.voided is not None:
        raise DossierVoided("DOSSIER", DOSSIER_VOIDED, **voided_values(found))
    return found
