"""The counter's options, each declared once: type, default, label, rule, when it applies.

How to add an option
--------------------
1. Add a field to ``Settings`` below, in the group where the window should show it::

       queue_display: Annotated[str, Option(
           GROUP_COUNTER,
           Message("Màn hình gọi số", "Queue display"),
           OneLine(empty=Message("không có", "none")),
           Applies.AT_ONCE,
       )] = ""

   The type is ``str`` or ``int`` (the JSON type in ``settings.json``); the
   default follows ``=`` and must obey the rule. The rule comes from
   ``app/settings/rules.py`` (add one there when none fits: its check and its
   description in both languages, and a widget for it in
   ``ui/settings_widgets.py``). ``Applies.AT_ONCE`` only when every reader of
   the option reads it afresh from ``CounterSession.settings``; else
   ``Applies.NEXT_START``.
2. Run ``python -m app.settings.docs`` to regenerate ``docs/settings.md``.
3. When an existing option is renamed or changes meaning, bump
   ``SETTINGS_VERSION`` in ``app/settings/storage.py`` and add the numbered
   step to ``UPGRADES`` there, with a test reading a file of the old version.

Everything else (``motcua settings``, the settings window, the file, the
documentation, the messages when a value is refused) is derived from these
declarations.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.catalogue.not_current_policy import SETTING_LABEL, NotCurrentPolicy
from app.dossier_code import AGENCY_CODE_PATTERN, MAX_SERIAL, BlockOutOfRange, counter_block
from app.i18n import Language, Message, OfficerError, current_language
from app.settings.rules import (
    CameraSource,
    Clock,
    OneLine,
    OneOf,
    PathName,
    Pattern,
    PrinterName,
    Rule,
    RuleBroken,
    Sessions,
    Value,
    WholeNumber,
)
from app.workdays import DueRule


class Applies(enum.Enum):
    """When a changed value takes effect in a running counter window."""

    AT_ONCE = Message("ngay khi lưu", "at once")
    NEXT_START = Message("lần mở chương trình sau", "at the next start")


@dataclass(frozen=True)
class Option:
    """One declared setting: the metadata of a ``Settings`` field."""

    group: Message
    label: Message
    rule: Rule
    applies: Applies
    name: str = ""  # filled from the field by ``OPTIONS``
    default: Value = ""

    def label_in(self, language: Language) -> str:
        return self.label.text(language)

    def check(self, value: Value) -> Value:
        """The value in its stored spelling, or SettingError with the label and the rule."""
        try:
            return self.rule.check(value)
        except RuleBroken as error:
            raise SettingError(self.name, self.label, self.rule.describe(), value) from error

    def parse(self, text: str) -> Value:
        """A value typed by a person (command line, settings window)."""
        try:
            return self.rule.parse(text)
        except RuleBroken as error:
            # The value as far as it was read: 120 for "120", the text otherwise.
            value = error.args[0] if error.args else text
            raise SettingError(self.name, self.label, self.rule.describe(), value) from error


_GOT = Message(" (đã nhập: {value})", " (got {value})")
_NAMED = Message("{label}: {rule}", "{label}: {rule}")
_NO_SUCH = Message(
    "không có cài đặt “{option}”; các cài đặt là: {known}",
    'no setting "{option}"; the settings are: {known}',
)


class SettingError(OfficerError, ValueError):
    """A value breaks its option's rule, or names no option.

    ``str()`` is the option's label and its rule in the chosen language
    (``text(language)`` for another), never pydantic's text or a field path.
    """

    def __init__(
        self,
        name: str,
        label: Message | None,
        rule: Message,
        value: object = None,
        **values: object,
    ) -> None:
        self.name, self.label, self.rule, self.value, self.values = name, label, rule, value, values
        super().__init__(self.text(current_language()))

    def text(self, language: Language) -> str:
        rule = self.rule.text(language, **self.values)
        got = "" if self.value is None else _GOT.text(language, value=_shown(self.value))
        if self.label is None:
            return rule + got
        return _NAMED.text(language, label=self.label.text(language), rule=rule) + got

    def __str__(self) -> str:
        return self.text(current_language())


def _shown(value: object) -> str:
    # JSON spelling: a typed line break shows as \n, not as a broken message.
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


# ----------------------------------------------------------------------- groups

GROUP_COUNTER = Message("Quầy", "Counter")
GROUP_HOURS = Message("Giờ làm việc", "Office hours")
GROUP_PAPERS = Message("Giấy tờ", "Papers")
GROUP_PRINTING = Message("In", "Printing")
GROUP_SECURITY = Message("Đăng nhập", "Signing in")
GROUPS = (GROUP_COUNTER, GROUP_HOURS, GROUP_PAPERS, GROUP_PRINTING, GROUP_SECURITY)

# The papers a counter prints, each with its own paper size, copies and printer.
PAPER_KINDS = ("bm01", "bm02", "bm03", "form", "register")
_KIND_NAMES = {
    "bm01": Message("BM 01", "BM 01"),
    "bm02": Message("BM 02", "BM 02"),
    "bm03": Message("BM 03", "BM 03"),
    "form": Message("đơn đề nghị", "application forms"),
    "register": Message("sổ theo dõi", "register"),
}
# Printing reads these afresh for every paper, so a change applies at once.
_PAPER = OneOf(("A5", "A4"))
_COPIES = WholeNumber(1, 20)
_PRINTER = PrinterName(
    empty=Message("máy in mặc định của hệ thống", "the system's default printer")
)


def _per_kind(kind: str, vi: str, en: str, rule: Rule) -> Option:
    name = _KIND_NAMES[kind]
    label = Message(vi.format(kind=name.vi), en.format(kind=name.en))
    return Option(GROUP_PRINTING, label, rule, Applies.AT_ONCE)


def paper(kind: str) -> Option:
    return _per_kind(kind, "Khổ giấy in {kind}", "Paper size for {kind}", _PAPER)


def copies(kind: str) -> Option:
    return _per_kind(kind, "Số bản in {kind}", "Copies of {kind}", _COPIES)


def printer(kind: str) -> Option:
    return _per_kind(kind, "Máy in cho {kind}", "Printer for {kind}", _PRINTER)


_LINE = OneLine()
_NEEDED = Message("chưa đặt; cần để in", "not configured; needed to print")


def _counter(label: Message, rule: Rule) -> Option:
    # The sign-in list, the dossier codes and the sync thread take these when
    # the program starts.
    return Option(GROUP_COUNTER, label, rule, Applies.NEXT_START)


def _hours(label: Message, rule: Rule) -> Option:
    # Each due date reads the timetable afresh from the session's settings.
    return Option(GROUP_HOURS, label, rule, Applies.AT_ONCE)


def _papers(label: Message, rule: Rule) -> Option:
    # Each paper is rendered from the session's settings when it is printed.
    return Option(GROUP_PAPERS, label, rule, Applies.AT_ONCE)


def _security(label: Message, rule: Rule) -> Option:
    # The idle timer and the password rule read the running settings each time.
    return Option(GROUP_SECURITY, label, rule, Applies.AT_ONCE)


_CLOSED_SATURDAY = Message("không tiếp nhận thứ Bảy", "closed on Saturdays")


# --------------------------------------------------------------------- settings


class Settings(BaseModel):
    """Every option's value; the fields are the options, in the order shown.

    A ``Settings`` always holds valid values (checked on construction), so what
    is derived from it (office hours, serials) cannot fail. Build one with
    ``defaults()``, ``with_value`` or ``from_values``: they raise ``SettingError``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    agency_code: Annotated[
        str,
        _counter(
            Message("Mã định danh cơ quan", "Agency code"),
            Pattern(
                AGENCY_CODE_PATTERN,
                Message(
                    "mã định danh theo chuẩn quốc gia: các nhóm chữ số và chữ in hoa cách nhau "
                    "bằng dấu chấm",
                    "an agency code of the national standard: groups of digits and capital "
                    "letters separated by dots",
                ),
                example="000.17.22.H56",
                empty=Message("chưa đặt", "not configured"),
            ),
        ),
    ] = ""
    receiving_point: Annotated[
        str, _counter(Message("Điểm tiếp nhận", "Receiving point"), _LINE)
    ] = ""
    counter_number: Annotated[
        int, _counter(Message("Số quầy", "Counter number"), WholeNumber(1, 99))
    ] = 1
    serial_block_size: Annotated[
        int,
        _counter(
            Message(
                "Số hồ sơ dành sẵn cho mỗi quầy mỗi ngày",
                "Dossier serials reserved per counter per day",
            ),
            WholeNumber(1, MAX_SERIAL),
        ),
    ] = 500
    office_hours_weekday: Annotated[
        str,
        _hours(
            Message("Giờ làm việc thứ Hai – thứ Sáu", "Office hours Monday–Friday"),
            Sessions(example="07:30-11:30,13:00-17:00"),
        ),
    ] = "07:30-11:30,13:00-17:00"
    office_hours_saturday: Annotated[
        str,
        _hours(
            Message(
                "Giờ tiếp nhận thứ Bảy (trống: không tiếp nhận)",
                "Saturday opening hours (empty: closed)",
            ),
            Sessions(empty=_CLOSED_SATURDAY, example="07:30-11:30"),
        ),
    ] = ""
    morning_cutoff: Annotated[
        str,
        _hours(
            Message(
                "Giờ chốt buổi sáng (trả kết quả trong ngày)", "Morning cut-off (same-day result)"
            ),
            Clock(example="11:30"),
        ),
    ] = "11:30"
    afternoon_cutoff: Annotated[
        str,
        _hours(
            Message(
                "Giờ chốt buổi chiều (trống: giờ kết thúc làm việc)",
                "Afternoon cut-off (empty: closing time)",
            ),
            Clock(
                empty=Message("giờ kết thúc làm việc ngày thường", "the weekday closing time"),
                example="16:30",
            ),
        ),
    ] = ""
    due_rule: Annotated[
        str,
        _hours(
            Message("Cách tính ngày hẹn trả kết quả", "Due-date rule"),
            OneOf(
                tuple(str(rule) for rule in DueRule),
                {
                    str(DueRule.HOURS): Message(
                        "đủ số giờ làm việc (hours)", "full working hours (hours)"
                    ),
                    str(DueRule.END_OF_DAY): Message(
                        "cuối ngày làm việc (end-of-day)", "end of the working day (end-of-day)"
                    ),
                },
            ),
        ),
    ] = str(DueRule.HOURS)
    language: Annotated[
        str,
        # Every window is built in one language; a new one needs a restart.
        _counter(
            Message("Ngôn ngữ", "Language"),
            OneOf(
                ("vi", "en"),
                {"vi": Message("Tiếng Việt", "Tiếng Việt"), "en": Message("English", "English")},
            ),
        ),
    ] = "vi"
    camera_source: Annotated[
        str,
        # The photo panel switches to the new source as soon as the settings are saved.
        Option(
            GROUP_COUNTER,
            Message("Nguồn ảnh chụp chân dung", "Camera source"),
            CameraSource(),
            Applies.AT_ONCE,
        ),
    ] = "webcam:1"
    # Where the store's backups go and how long they are kept (docs/store.md): read when
    # the store is opened.
    backup_folder: Annotated[
        str,
        _counter(
            Message("Thư mục chứa bản sao lưu kho hồ sơ", "Folder for the dossier store's backups"),
            PathName(
                folders=True,
                empty=Message(
                    "thư mục backups trong thư mục dữ liệu", "the backups folder in the data folder"
                ),
            ),
        ),
    ] = ""
    backup_keep_days: Annotated[
        int,
        _counter(
            Message("Số ngày giữ bản sao lưu kho hồ sơ", "Days to keep the store's backups"),
            WholeNumber(1, 3650),
        ),
    ] = 30
    # The department's choice for a day on which the catalogue version in force may no longer
    # apply (past its end, or a change of the law recorded with it: app.catalogue.currency).
    # Receiving reads it afresh from the session's settings for every dossier.
    catalogue_not_current: Annotated[
        str,
        Option(
            GROUP_COUNTER,
            SETTING_LABEL,
            OneOf(
                tuple(str(policy) for policy in NotCurrentPolicy),
                {
                    str(NotCurrentPolicy.WARN): Message(
                        "vẫn tiếp nhận, kèm cảnh báo (warn)", "receive, with the warning"
                    ),
                    str(NotCurrentPolicy.REFUSE): Message(
                        "không tiếp nhận (refuse)", "refuse to receive"
                    ),
                },
            ),
            Applies.AT_ONCE,
        ),
    ] = str(NotCurrentPolicy.WARN)
    # What the papers say about the agency (docs/printing.md).
    agency_name: Annotated[
        str,
        _papers(
            Message("Tên cơ quan (in trên giấy tờ)", "Agency name (printed on the papers)"),
            OneLine(empty=_NEEDED, example="Sở Giao thông vận tải Thành phố Hồ Chí Minh"),
        ),
    ] = ""
    parent_agency: Annotated[
        str,
        _papers(
            Message(
                "Cơ quan chủ quản (dòng trên tên cơ quan, nếu có)",
                "Parent agency (line above the agency's name, if any)",
            ),
            OneLine(empty=Message("không có", "none")),
        ),
    ] = ""
    place_name: Annotated[
        str,
        _papers(
            Message("Địa danh ghi trước ngày tháng", "Place name before the date"),
            OneLine(empty=_NEEDED, example="Thành phố Hồ Chí Minh"),
        ),
    ] = ""
    help_website: Annotated[
        str,
        _papers(
            Message("Trang thông tin hướng dẫn (BM 02, BM 03)", "Help website (BM 02, BM 03)"),
            OneLine(empty=Message("bỏ trống trên giấy", "left out")),
        ),
    ] = ""
    help_officer: Annotated[
        str,
        _papers(
            Message(
                "Người/bộ phận hướng dẫn (BM 02, BM 03)", "Who helps applicants (BM 02, BM 03)"
            ),
            OneLine(empty=Message("để trống, điền tay", "a blank to fill in by hand")),
        ),
    ] = ""
    help_phone: Annotated[
        str,
        _papers(
            Message("Số điện thoại hướng dẫn (BM 02, BM 03)", "Help phone number (BM 02, BM 03)"),
            OneLine(empty=Message("để trống, điền tay", "a blank to fill in by hand")),
        ),
    ] = ""
    # The results' return (issue 14, docs/printing.md): who signs the day's hand-over list,
    # and whether a hand-over at the counter prints its receipt.
    processing_unit: Annotated[
        str,
        _papers(
            Message(
                "Phòng chuyên môn nhận hồ sơ (in trên danh sách bàn giao)",
                "Processing unit receiving the dossiers (printed on the hand-over list)",
            ),
            OneLine(
                empty=Message("để trống, điền tay", "a blank to fill in by hand"),
                example="Phòng Quản lý phương tiện và người lái",
            ),
        ),
    ] = ""
    print_result_receipt: Annotated[
        str,
        _papers(
            Message(
                "In phiếu giao nhận kết quả khi trả tại quầy",
                "Print the hand-over receipt when a result is handed over at the counter",
            ),
            OneOf(
                ("yes", "no"),
                {
                    "yes": Message("có (yes)", "yes"),
                    "no": Message(
                        "không; phiếu gửi hồ sơ qua bưu chính vẫn được in (no)",
                        "no; the postal dispatch slip is still printed",
                    ),
                },
            ),
        ),
    ] = "yes"
    # The official report's conventions (app/statistics/official.py; the domain notes'
    # statistics.md §4): read afresh by every report, so a change applies to the next one.
    report_compare_by: Annotated[
        str,
        _papers(
            Message(
                "Báo cáo: so sánh ngày có kết quả với hạn giải quyết theo",
                "Report: compare a result with its due date by",
            ),
            OneOf(
                ("day", "timestamp"),
                {
                    "day": Message(
                        "ngày (kết quả trong ngày hẹn là đúng hạn) (day)",
                        "day (a result on the due day is on time)",
                    ),
                    "timestamp": Message(
                        "thời điểm (kết quả sau giờ hẹn là quá hạn) (timestamp)",
                        "timestamp (a result after the due time is late)",
                    ),
                },
            ),
        ),
    ] = "day"
    report_withdrawn: Annotated[
        str,
        _papers(
            Message("Báo cáo: hồ sơ công dân rút", "Report: dossiers withdrawn by the applicant"),
            OneOf(
                ("apart", "resolved"),
                {
                    "apart": Message(
                        "cột riêng, không tính vào đã giải quyết (apart)",
                        "a column of their own, not counted as resolved",
                    ),
                    "resolved": Message(
                        "tính vào đã giải quyết, cột đúng hạn (resolved)",
                        "counted as resolved, in the on-time column",
                    ),
                },
            ),
        ),
    ] = "apart"
    # The queue-speed goal (issue 15): the statistics tab draws 60 / goal applicants per
    # counter hour as a line on its "applicants per hour" chart and sets the day's median
    # time per applicant (procedure picked to slip printed) against it.
    queue_goal_minutes: Annotated[
        int,
        _papers(
            Message(
                "Thống kê: số phút mục tiêu cho mỗi người nộp hồ sơ",
                "Statistics: the goal in minutes per applicant",
            ),
            WholeNumber(1, 60),
        ),
    ] = 10
    # Slips are A5 (Circular 01/2018); the application forms are A4 as the decision
    # prints them. The register is always A4 landscape, so it has no paper option.
    paper_bm01: Annotated[str, paper("bm01")] = "A5"
    paper_bm02: Annotated[str, paper("bm02")] = "A5"
    paper_bm03: Annotated[str, paper("bm03")] = "A5"
    paper_form: Annotated[str, paper("form")] = "A4"
    copies_bm01: Annotated[int, copies("bm01")] = 1
    copies_bm02: Annotated[int, copies("bm02")] = 1
    copies_bm03: Annotated[int, copies("bm03")] = 1
    copies_form: Annotated[int, copies("form")] = 1
    copies_register: Annotated[int, copies("register")] = 1
    printer_bm01: Annotated[str, printer("bm01")] = ""
    printer_bm02: Annotated[str, printer("bm02")] = ""
    printer_bm03: Annotated[str, printer("bm03")] = ""
    printer_form: Annotated[str, printer("form")] = ""
    printer_register: Annotated[str, printer("register")] = ""
    # ASVS 5.0 V6.2.1 asks for at least 8 characters and recommends 15; 12 lets an officer
    # use a short phrase. No composition rule (app/officers/passwords.py).
    password_min_length: Annotated[
        int,
        _security(
            Message(
                "Độ dài tối thiểu của mật khẩu (ký tự)", "Minimum password length (characters)"
            ),
            WholeNumber(8, 64),
        ),
    ] = 12
    idle_lock_minutes: Annotated[
        int,
        _security(
            Message(
                "Khóa màn hình sau số phút không thao tác",
                "Lock the window after this many idle minutes",
            ),
            WholeNumber(2, 120),
        ),
    ] = 10

    @field_validator("*", mode="after")
    @classmethod
    def _obeys_its_rule(cls, value: Value, info: ValidationInfo) -> Value:
        assert info.field_name is not None
        try:
            return OPTIONS_BY_NAME[info.field_name].rule.check(value)
        except RuleBroken:
            raise PydanticCustomError("setting_rule", "breaks its rule") from None

    @model_validator(mode="after")
    def _serials_fit(self) -> Settings:
        # The one rule across options: the counter's block of serials must fit
        # the 4 digits of a dossier code, or reception would fail at the counter.
        try:
            counter_block(self.counter_number, self.serial_block_size)
        except BlockOutOfRange:
            raise PydanticCustomError("serials_fit", "serials do not fit") from None
        return self

    # ------------------------------------------------------------- building

    @classmethod
    def defaults(cls) -> Settings:
        return cls()

    @classmethod
    def from_values(cls, values: Mapping[str, Any], changed: tuple[str, ...] = ()) -> Settings:
        """Settings from option values; the first problem as ``SettingError``.

        ``changed`` names the options being changed: a rule across options is
        reported on the first of them that it involves, the one the person can
        fix now.
        """
        problems = settings_problems(values, changed)
        if problems:
            raise problems[0]
        return cls.model_validate(dict(values))

    def value(self, name: str) -> Value:
        value: Value = getattr(self, option(name).name)
        return value

    def with_value(self, name: str, value: Value) -> Settings:
        return self.with_values({name: value})

    def with_values(self, changes: Mapping[str, Value]) -> Settings:
        """These settings with some options changed, all checked together."""
        for name in changes:
            option(name)
        # A StrEnum member (DueRule) is stored as its plain value.
        plain = {
            name: str(value) if isinstance(value, str) else value for name, value in changes.items()
        }
        return Settings.from_values({**self.as_dict(), **plain}, tuple(changes))

    def with_text(self, name: str, text: str) -> Settings:
        """The settings with ``name`` set from text typed by a person."""
        return self.with_value(name, option(name).parse(text))

    def as_dict(self) -> dict[str, Value]:
        return {name: getattr(self, name) for name in OPTIONS_BY_NAME}


SERIALS_FIT = Message(
    "quầy {counter} với khối {size} số cần đến số thứ tự {last}; số thứ tự trong ngày chỉ có "
    "4 chữ số (tối đa {most})",
    "counter {counter} with blocks of {size} would need serials up to {last}; a daily serial "
    "has 4 digits (at most {most})",
)
# The rules across options, with the options each involves (docs/settings.md lists them).
CROSS_RULES: tuple[tuple[Message, tuple[str, ...]], ...] = (
    (
        Message(
            "số quầy × số hồ sơ dành sẵn không quá {most} (4 chữ số của số thứ tự)",
            "counter number × serials reserved at most {most} (the 4 digits of a serial)",
        ),
        ("counter_number", "serial_block_size"),
    ),
)


def settings_problems(
    values: Mapping[str, Any], changed: tuple[str, ...] = ()
) -> list[SettingError]:
    """Every problem of these option values, each naming its option; [] when they are valid.

    Pydantic checks the JSON type (strictly: ``"2"`` is no number, ``true``
    no count) and the rule of each option; its own text is never shown, each
    error is turned into the option's label and rule.
    """
    problems: list[SettingError] = [
        SettingError(str(name), None, _NO_SUCH, option=name, known=", ".join(OPTIONS_BY_NAME))
        for name in values
        if name not in OPTIONS_BY_NAME
    ]
    try:
        Settings.model_validate({k: v for k, v in values.items() if k in OPTIONS_BY_NAME})
    except ValidationError as error:
        for detail in error.errors():
            if detail["loc"]:
                declared = OPTIONS_BY_NAME[str(detail["loc"][0])]
                problems.append(
                    SettingError(
                        declared.name,
                        declared.label,
                        declared.rule.describe(),
                        values.get(declared.name),
                    )
                )
            else:
                problems.append(_serials_problem(values, changed))
    return problems


def _serials_problem(values: Mapping[str, Any], changed: tuple[str, ...]) -> SettingError:
    involved = CROSS_RULES[0][1]
    name = next((name for name in changed if name in involved), involved[0])
    counter, size = values.get("counter_number", 1), values.get("serial_block_size", 500)
    return SettingError(
        name,
        OPTIONS_BY_NAME[name].label,
        SERIALS_FIT,
        counter=counter,
        size=size,
        last=counter * size,
        most=MAX_SERIAL,
    )


def _declared() -> tuple[Option, ...]:
    options: list[Option] = []
    for name, info in Settings.model_fields.items():
        declared = next(item for item in info.metadata if isinstance(item, Option))
        options.append(
            Option(
                declared.group, declared.label, declared.rule, declared.applies, name, info.default
            )
        )
    return tuple(options)


OPTIONS: tuple[Option, ...] = _declared()
OPTIONS_BY_NAME: Mapping[str, Option] = {declared.name: declared for declared in OPTIONS}


def option(name: str) -> Option:
    found = OPTIONS_BY_NAME.get(name)
    if found is None:
        raise SettingError(name, None, _NO_SUCH, option=name, known=", ".join(OPTIONS_BY_NAME))
    return found


def effective_now(running: Settings, saved: Settings) -> Settings:
    """What a running counter uses after ``saved`` was written: the options that
    apply at once from ``saved``, the others as the program started with them.

    Every rule across options involves only options applied at the next start,
    so the mix is valid.
    """
    changes = {
        declared.name: saved.value(declared.name)
        for declared in OPTIONS
        if declared.applies is Applies.AT_ONCE
    }
    return running.with_values(changes)
