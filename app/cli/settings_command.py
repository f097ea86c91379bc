"""``motcua settings show|set``: the counter's settings, for the IT person setting it up.

``show`` (and the window's reading of them) needs no sign-in; ``set`` is IT staff's
(``Permission.CHANGE_SETTINGS``): they sign in with ``--officer`` once the counter's
store has an account, and the change is recorded in the audit trail with their login
and the option's name, never its value.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.options import add_data_dir_option, data_dir_from, settings_from
from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.signing import actor_of, add_sign_in_options, authorised
from app.i18n import Message, current_language
from app.settings import (
    OPTIONS,
    SETTINGS_VERSION,
    Applies,
    SettingError,
    Settings,
    SettingsFileError,
    change_setting,
    load_settings,
    option,
    settings_path,
)

FILE_LABEL = Message("Tệp cài đặt", "Settings file")
NOT_SAVED = Message("chưa lưu, đang dùng giá trị mặc định", "not saved yet, defaults")
EMPTY = Message("(trống)", "(empty)")
# What the centre registered a counter's offline reserve by (app.sync_ops).
RESERVE_OPTIONS = ("counter_number", "serial_block_size")
NEXT_START = Message(
    "(có hiệu lực từ lần mở chương trình sau)", "(applies the next time the program starts)"
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("settings", help="show or change the counter's settings")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print every setting")
    show.add_argument("--json", action="store_true", help="print JSON")
    add_data_dir_option(show)
    show.set_defaults(run=run_show)
    change = actions.add_parser("set", help="change one setting (checked before it is saved)")
    change.add_argument("name", metavar="NAME")
    change.add_argument("value", metavar="VALUE", help='the new value; "" for an empty one')
    add_sign_in_options(change, required=False, purpose=" (IT staff)")
    add_data_dir_option(change)
    change.set_defaults(run=run_set)


def run_show(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    file = settings_path(data_dir)
    if args.json:
        print_json(
            {
                "file": str(file),
                "saved": file.is_file(),
                "settings_version": SETTINGS_VERSION,
                "settings": settings.as_dict(),
            }
        )
        return EXIT_OK
    language = current_language()  # chosen from these settings before the command ran
    if file.is_file():
        print(f"{FILE_LABEL.text(language)}: {file}")
    else:
        print(f"{FILE_LABEL.text(language)}: {file} ({NOT_SAVED.text(language)})")
    empty = EMPTY.text(language)
    width = max(len(declared.name) for declared in OPTIONS)
    for declared in OPTIONS:
        value = settings.value(declared.name)
        shown = empty if value == "" else str(value)
        print(f"  {declared.name:<{width}}  {shown:<24}  {declared.label_in(language)}")
    return EXIT_OK


def _check_reserve(data_dir: Path, settings: Settings) -> None:
    """A registered counter keeps the number and reserve size the centre registered (exit 7)."""
    from app.sync_ops import check_reserve_settings  # not at import: it loads the sync

    check_reserve_settings(data_dir, settings)


def run_set(args: argparse.Namespace) -> int:
    """Change one option, signed in as IT staff; a refused value is told by label and rule
    in the counter's language."""
    from app.audit import record_settings_change
    from app.permissions import Permission
    from app.store_ops import open_store
    from db.store import STORE_FILE

    data_dir = data_dir_from(args)
    # Before the counter has a store (setting it up) nobody can sign in, and there is no
    # trail to write to yet: the change is not recorded.
    store = None
    if (data_dir / STORE_FILE).exists():
        store = open_store(data_dir, settings_from(data_dir), daily_backup=False)
    try:
        officer = None if store is None else authorised(args, store, Permission.CHANGE_SETTINGS)
        try:
            if args.name in RESERVE_OPTIONS:
                _check_reserve(data_dir, load_settings(data_dir).with_text(args.name, args.value))
            settings = change_setting(data_dir, args.name, args.value)
        except (SettingError, SettingsFileError) as error:
            raise UsageError(str(error)) from error
        if store is not None:
            record_settings_change(store, actor_of(officer), [args.name])
    finally:
        if store is not None:
            store.close()
    note = f"  {NEXT_START()}" if option(args.name).applies is Applies.NEXT_START else ""
    print(f"{args.name} = {settings.value(args.name)}{note}")
    return EXIT_OK
