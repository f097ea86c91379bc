"""What a counter needs before its first dossier, and which of it is still missing.

The set-up assistant (``ui/setup_assistant.py``) shows one page per step with
the step's missing options only, and the program starts it until nothing is
missing: with it, no dossier is typed at a counter that could not store it.

A text option is missing while it is empty; a number (the counter number) is
missing until it has been written to ``settings.json`` (its default is only a
guess). Later steps (passwords, the central database) are added to ``STEPS``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from app.i18n import Message
from app.settings.options import Option, Settings, option
from app.settings.storage import settings_path


@dataclass(frozen=True)
class SetupStep:
    """One page of the assistant: its title, what it is for, the options it asks for."""

    title: Message
    intro: Message
    names: tuple[str, ...]

    @property
    def options(self) -> tuple[Option, ...]:
        return tuple(option(name) for name in self.names)


POINT = SetupStep(
    Message("Điểm tiếp nhận", "The receiving point"),
    Message(
        "Mã định danh cơ quan đứng đầu mỗi mã hồ sơ; điểm tiếp nhận và số quầy được ghi trên "
        "giấy tiếp nhận. Hỏi cán bộ CNTT của Sở nếu chưa biết.",
        "The agency code starts every dossier code; the receiving point and the counter number "
        "are printed on the receipts. Ask the department's IT staff if you do not know them.",
    ),
    ("agency_code", "receiving_point", "counter_number"),
)
PAPERS = SetupStep(
    Message("Tên trên giấy tờ", "On the papers"),
    Message(
        "Tên cơ quan in ở đầu giấy tiếp nhận và địa danh ghi trước ngày tháng: không có chúng "
        "thì không in được giấy tiếp nhận, nên hồ sơ chưa lưu được.",
        "The agency's name at the head of the receipts and the place name before the date: "
        "without them no receipt can be printed, so no dossier can be stored.",
    ),
    ("agency_name", "place_name"),
)
STEPS: tuple[SetupStep, ...] = (POINT, PAPERS)


def written_names(data_dir: Path) -> frozenset[str]:
    """The options ``settings.json`` holds; none when it was never written (or is unreadable:
    ``load_settings`` says why)."""
    try:
        data = json.loads(settings_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return frozenset()
    return frozenset(data) if isinstance(data, dict) else frozenset()


def missing_steps(
    data_dir: Path, settings: Settings, steps: tuple[SetupStep, ...] = STEPS
) -> list[SetupStep]:
    """The steps with something missing, each narrowed to its missing options."""
    written = written_names(data_dir)
    missing: list[SetupStep] = []
    for step in steps:
        names = tuple(
            name
            for name in step.names
            if settings.value(name) == ""
            or (isinstance(settings.value(name), int) and name not in written)
        )
        if names:
            missing.append(SetupStep(step.title, step.intro, names))
    return missing
