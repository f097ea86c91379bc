"""The set-up assistant: what a new counter still needs, asked for before anyone signs in.

The program opens it when ``app.settings.missing_steps`` finds something
missing (the agency code, the receiving point, the counter number, the names on
the papers): one page per step, each with only the options still missing, each
a typed widget of its declared rule (``ui/settings_widgets.py``, as in the
settings window), checked as it is typed with the option's label and rule. An
empty value is refused too: the counter needs it. Finish saves the settings file
on the store worker thread (nobody is signed in yet: these are only the options
still empty); then the officer signs in. Later steps (the central database) come
as more ``SetupStep`` declarations, and pages of their own kind where an option's
widget is not enough.

A store with no officer account at all gets one more page: the first IT staff
account (login, full name, password twice; ``app.officers.accounts.add_account``
with nobody signed in, which only an empty store accepts); then IT staff sign in
with it like anyone else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from app.changes import NOTHING, SETTINGS_SAVED, Done
from app.i18n import Language
from app.officers.accounts import AccountRefused, check_full_name, check_login
from app.officers.identity import Officer
from app.settings import (
    SettingError,
    Settings,
    SettingsFileError,
    SetupStep,
    Value,
    save_settings,
)
from ui.change_password import PasswordPair
from ui.operations import Operations, officer_message
from ui.qt import QFormLayout, QLabel, QLineEdit, QWidget, QWizard, QWizardPage
from ui.settings_dialog import with_mnemonic
from ui.settings_widgets import OptionField, field_for


class StepPage(QWizardPage):
    """The missing options of one step, each checked as it is typed."""

    def __init__(self, assistant: SetupAssistant, step: SetupStep, number: int, count: int) -> None:
        super().__init__()
        self.assistant = assistant
        self.step = step
        language = assistant.language
        self.setObjectName(f"step_{step.names[0]}")
        self.setTitle(
            self.tr("Step {n} of {count}: {title}")
            .replace("{n}", str(number))
            .replace("{count}", str(count))
            .replace("{title}", step.title.text(language))
        )
        self.setSubTitle(step.intro.text(language))
        self.fields: dict[str, OptionField] = {}
        self.touched: set[str] = set()
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        used: set[str] = set()
        for optional in step.options:
            # Asked for because it is missing: "" is not an answer, nor offered as one.
            declared = replace(optional, rule=optional.rule.required())
            field = field_for(
                declared,
                assistant.settings.value(declared.name),
                language,
                lambda number: str(number),
            )
            field.on_change(partial(self._edited, declared.name))
            label = QLabel(with_mnemonic(declared.label_in(language), used))
            label.setBuddy(field.focus_widget)
            form.addRow(label, field)
            self.fields[declared.name] = field
        self.problem = QLabel()
        self.problem.setObjectName("setupProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        form.addRow(self.problem)
        self._complete = False
        self._recheck()

    def values(self) -> dict[str, Value]:
        """The values as typed; SettingError for one that breaks its rule or is empty."""
        values: dict[str, Value] = {}
        for name, field in self.fields.items():
            value = field.value()
            if value == "":
                declared = field.declared
                raise SettingError(name, declared.label, declared.rule.describe(), value)
            values[name] = value
        return values

    def _edited(self, name: str) -> None:
        self.touched.add(name)
        self._recheck()

    def _recheck(self) -> None:
        for field in self.fields.values():
            field.show_problem(False)
        problem: SettingError | None = None
        try:
            # Checked with what the earlier pages hold: the rules across options too.
            self.assistant.edited(upto=self)
        except SettingError as error:
            problem = error
        # An untouched empty field is not wrong yet, only not done: no red until it is edited.
        shown = problem is not None and (problem.name in self.touched or problem.value != "")
        if problem is not None and shown and problem.name in self.fields:
            self.fields[problem.name].show_problem(True)
        if problem is not None and shown:
            self.problem.setText(self._say(problem))
        else:
            self.problem.clear()
        complete = problem is None
        if complete != self._complete:
            self._complete = complete
            self.completeChanged.emit()

    def _say(self, problem: SettingError) -> str:
        if problem.value == "" and problem.label is not None:
            return self.tr("{label}: needed before the first dossier").replace(
                "{label}", problem.label.text(self.assistant.language)
            )
        return problem.text(self.assistant.language)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        # The rules across options depend on what the earlier pages now hold.
        self._recheck()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self._complete and not self.assistant.saving


# Adds the first IT account of an empty store: (login, full name, password, now).
FirstAccount = Callable[[str, str, str, dt.datetime], Officer]


class AccountPage(QWizardPage):
    """The counter's first account, IT staff's: checked as it is typed."""

    def __init__(self, assistant: SetupAssistant, number: int, count: int) -> None:
        super().__init__()
        self.assistant = assistant
        self.setObjectName("step_first_account")
        self.setTitle(
            self.tr("Step {n} of {count}: {title}")
            .replace("{n}", str(number))
            .replace("{count}", str(count))
            .replace("{title}", self.tr("The first IT staff account"))
        )
        self.setSubTitle(
            self.tr(
                "Nobody can sign in at this counter yet. Create the account of the IT staff"
                " member setting it up; they then add the officers' accounts."
            )
        )
        self.login = QLineEdit()
        self.login.setObjectName("accountLogin")
        self.login.setMaxLength(40)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("accountName")
        self.full_name.setMaxLength(100)
        self.pair = PasswordPair(
            lambda: self.login.text().strip(), assistant.settings.password_min_length
        )
        self.problem = QLabel()
        self.problem.setObjectName("setupProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        login_label = QLabel(self.tr("&Login"))
        login_label.setBuddy(self.login)
        name_label = QLabel(self.tr("&Full name"))
        name_label.setBuddy(self.full_name)
        form.addRow(login_label, self.login)
        form.addRow(name_label, self.full_name)
        form.addRow(self.pair)
        form.addRow(self.problem)
        for edit in (self.login, self.full_name, self.pair.first, self.pair.second):
            edit.textChanged.connect(self._recheck)
        self._complete = False

    def _field_problems(self) -> tuple[str | None, str | None]:
        """What is wrong with the login and with the name, as typed."""
        found: list[str | None] = []
        for check, text in (
            (check_login, self.login.text().strip()),
            (check_full_name, self.full_name.text()),
        ):
            try:
                check(text)
            except AccountRefused as refused:
                found.append(str(refused))
            else:
                found.append(None)
        return found[0], found[1]

    def _recheck(self) -> None:
        login, name = self._field_problems()
        # Each field's rule once it is typed in; the password's under the password.
        shown = (login if self.login.text() else None) or (name if self.full_name.text() else None)
        self.problem.setText(shown or "")
        complete = login is None and name is None and self.pair.problem_now() is None
        if complete != self._complete:
            self._complete = complete
            self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self._complete and not self.assistant.saving


class SetupAssistant(QWizard):
    """Asks for what the counter is missing; ``settings`` holds what was saved once accepted."""

    def __init__(
        self,
        data_dir: Path,
        settings: Settings,
        steps: list[SetupStep],
        language: str,
        operations: Operations,
        parent: QWidget | None = None,
        first_account: FirstAccount | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Setting up this counter"))
        self.setObjectName("setupAssistant")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.data_dir, self.settings, self.operations = data_dir, settings, operations
        self.language: Language = "en" if language == "en" else "vi"
        self.saving = False
        self.step_pages: list[StepPage] = []
        self.first_account, self.now = first_account, now
        self.account_page: AccountPage | None = None
        self.officer: Officer | None = None  # the account created, once accepted
        for text, button in (
            (self.tr("&Next >"), QWizard.WizardButton.NextButton),
            (self.tr("< &Back"), QWizard.WizardButton.BackButton),
            (self.tr("&Finish"), QWizard.WizardButton.FinishButton),
            (self.tr("Cancel"), QWizard.WizardButton.CancelButton),
        ):
            self.setButtonText(button, text)
        count = len(steps) + (first_account is not None)
        for number, step in enumerate(steps, 1):
            page = StepPage(self, step, number, count)
            self.step_pages.append(page)
            self.addPage(page)
        if first_account is not None:
            self.account_page = AccountPage(self, count, count)
            self.addPage(self.account_page)
        self.resize(720, 460)

    def edited(self, upto: StepPage | None = None) -> Settings:
        """The settings with the values typed (on every page, or up to ``upto``)."""
        changes: dict[str, Value] = {}
        for page in self.step_pages:
            if page is upto:
                break
            changes.update(page.values())
        if upto is not None:  # (a page being built is not listed yet)
            changes.update(upto.values())
        return self.settings.with_values(changes)

    def accept(self) -> None:
        """Finish: save, then close once the file is written."""
        if self.saving:
            return
        try:
            settings = self.edited()
        except SettingError as error:
            self.step_pages[-1].problem.setText(error.text(self.language))
            return
        data_dir, save = self.data_dir, bool(self.step_pages)
        self._saving(True)

        def saved() -> Done[Settings]:
            if not save:
                return Done(settings, NOTHING)
            save_settings(data_dir, settings)
            return Done(settings, SETTINGS_SAVED)

        self.operations.change(self, saved, self._saved, failure=self._refused)

    def _saving(self, saving: bool) -> None:
        self.saving = saving
        pages: list[QWizardPage] = [*self.step_pages]
        if self.account_page is not None:
            pages.append(self.account_page)
        for page in pages:
            page.completeChanged.emit()
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not saving)

    def _saved(self, settings: Settings) -> None:
        self.settings = settings
        page, add = self.account_page, self.first_account
        if page is None or add is None:
            self._saving(False)
            super().accept()
            return
        login, name, password = (
            page.login.text().strip(),
            page.full_name.text(),
            page.pair.password(),
        )
        at = self.now()
        self.operations.change(
            self,
            lambda: Done(add(login, name, password, at), NOTHING),
            self._account_added,
            failure=self._refused,
        )

    def _account_added(self, officer: Officer) -> None:
        self.officer = officer
        self._saving(False)
        super().accept()

    def _refused(self, error: Exception) -> None:
        self._saving(False)
        text = (
            error.text(self.language)
            if isinstance(error, SettingsFileError)
            else officer_message(error)
        )
        last = self.account_page or self.step_pages[-1]
        last.problem.setText(text)
