"""``motcua settings show|set``: the counter's settings, for the IT person setting it up."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.output import EXIT_OK, UsageError, print_json
from app.datadir import DataDirError, resolve_data_dir
from app.settings import (
    OPTIONS,
    SETTINGS_VERSION,
    SettingError,
    Settings,
    SettingsFileError,
    change_setting,
    load_settings,
    settings_path,
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
    add_data_dir_option(change)
    change.set_defaults(run=run_set)


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="the counter's data folder (default: $MOTCUA_DATA_DIR, else the user data folder)",
    )


def data_dir_from(args: argparse.Namespace) -> Path:
    try:
        return resolve_data_dir(args.data_dir)
    except DataDirError as error:
        raise UsageError(f"data folder: {error}") from error


def settings_from(data_dir: Path) -> Settings:
    """The saved settings; a corrupt file stops the command with its problems."""
    try:
        return load_settings(data_dir)
    except SettingsFileError as error:
        raise UsageError(str(error)) from error


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
    english = settings.language == "en"
    if file.is_file():
        print(f"{'Settings file' if english else 'Tệp cài đặt'}: {file}")
    else:
        note = "not saved yet, defaults" if english else "chưa lưu, đang dùng giá trị mặc định"
        print(f"{'Settings file' if english else 'Tệp cài đặt'}: {file} ({note})")
    empty = "(empty)" if english else "(trống)"
    width = max(len(option.name) for option in OPTIONS)
    for option in OPTIONS:
        value = settings.value(option.name)
        shown = empty if value == "" else str(value)
        print(f"  {option.name:<{width}}  {shown:<24}  {option.label(settings.language)}")
    return EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    try:
        settings = change_setting(data_dir, args.name, args.value)
    except (SettingError, SettingsFileError) as error:
        raise UsageError(str(error)) from error
    print(f"{args.name} = {settings.value(args.name)}")
    return EXIT_OK
