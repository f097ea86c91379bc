"""The counter's settings: options declared once, stored as ``settings.json`` in the data folder.

- ``options.py``: the declarations (how to add an option is at its top), the
  ``Settings`` model and ``SettingError``;
- ``rules.py``: the rules, each a check with the sentence that states it;
- ``storage.py``: the file, its version and the numbered upgrades;
- ``setup.py``: what a counter needs before its first dossier, and what is missing;
- ``docs.py``: writes docs/settings.md from the declarations.

The command line (``motcua settings``), the settings window
(``ui/settings_dialog.py``) and docs/settings.md are all built from ``OPTIONS``.
"""

from __future__ import annotations

from app.dossier_code import SerialBlock, counter_block
from app.settings.options import (
    GROUPS,
    OPTIONS,
    Applies,
    Option,
    SettingError,
    Settings,
    effective_now,
    option,
)
from app.settings.rules import (
    CAMERA_KINDS,
    CameraChoice,
    CameraSource,
    Clock,
    OneOf,
    PathName,
    Pattern,
    PrinterName,
    Sessions,
    Value,
    WholeNumber,
    parse_clock,
    parse_sessions,
)
from app.settings.setup import STEPS, SetupStep, missing_steps
from app.settings.storage import (
    SETTINGS_VERSION,
    VERSION_KEY,
    SettingsFileError,
    Upgrade,
    change_setting,
    load_settings,
    save_settings,
    settings_path,
)
from app.workdays import DueRule, OfficeHours


def office_hours_and_rule(settings: Settings) -> tuple[OfficeHours, DueRule]:
    """What ``app.workdays.compute_due`` needs from the settings."""
    cutoff = settings.afternoon_cutoff
    hours = OfficeHours(
        weekday=parse_sessions(settings.office_hours_weekday),
        saturday=parse_sessions(settings.office_hours_saturday),
        morning_cutoff=parse_clock(settings.morning_cutoff),
        afternoon_cutoff=parse_clock(cutoff) if cutoff else None,
    )
    return hours, DueRule(settings.due_rule)


def camera_choice(settings: Settings) -> CameraChoice:
    """The ``camera_source`` setting as its kind and target (``camera.sources.camera_for``)."""
    declared = option("camera_source")
    assert isinstance(declared.rule, CameraSource)
    return declared.rule.choice(settings.camera_source)


def serial_block(settings: Settings) -> SerialBlock:
    """The dossier serials this counter may hand out offline each day.

    Counter n reserves ``(n-1)*size+1 .. n*size``, so counters that cannot reach
    the central database never give two dossiers the same serial.
    """
    return counter_block(settings.counter_number, settings.serial_block_size)


__all__ = [
    "CAMERA_KINDS",
    "GROUPS",
    "OPTIONS",
    "SETTINGS_VERSION",
    "STEPS",
    "VERSION_KEY",
    "Applies",
    "CameraChoice",
    "CameraSource",
    "Clock",
    "OneOf",
    "Option",
    "PathName",
    "Pattern",
    "PrinterName",
    "Sessions",
    "SettingError",
    "Settings",
    "SettingsFileError",
    "SetupStep",
    "Upgrade",
    "Value",
    "WholeNumber",
    "camera_choice",
    "change_setting",
    "effective_now",
    "load_settings",
    "missing_steps",
    "office_hours_and_rule",
    "option",
    "parse_clock",
    "parse_sessions",
    "save_settings",
    "serial_block",
    "settings_path",
]
