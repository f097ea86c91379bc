"""``motcua print``: the papers of a dossier, the register, and samples, as PDF (or XLSX) files.

    motcua print bm01|bm02|bm03 DOSSIER_ID_OR_CODE -o FILE.pdf [--officer NAME]
    motcua print form DOSSIER_ID_OR_CODE -o FILE.pdf
    motcua print register --from YYYY-MM-DD --to YYYY-MM-DD -o FILE.pdf|FILE.xlsx
    motcua print sample KIND -o FILE.pdf

Printing a slip records the print (a reprint says "BẢN IN LẠI"). The papers
are made by reportlab, which ``app.papers`` imports only when a paper is made,
so ``motcua --help`` stays quick; files are written with ``app.files.write_atomically``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from app.cli.dossier_commands import EXIT_NOT_FOUND
from app.cli.options import day_option
from app.cli.output import EXIT_OK, UsageError
from app.cli.settings_command import add_data_dir_option, data_dir_from, settings_from
from app.files import write_atomically
from app.papers import (
    SAMPLE_KINDS,
    SLIP_KINDS,
    DossierNotFound,
    PrintRefused,
    RegisterFormat,
    office_of,
    print_slip,
    render_form,
    render_register,
    render_sample,
)
from app.settings import Settings
from db.store import Store


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "print", help="print BM 01/02/03, an application form, the register or a sample to a file"
    )
    papers = parser.add_subparsers(dest="paper", metavar="PAPER", required=True)
    for kind in SLIP_KINDS:
        slip = papers.add_parser(kind, help=f"the {kind.upper()} slip of a dossier")
        slip.add_argument("key", metavar="DOSSIER_ID_OR_CODE")
        _output(slip, ".pdf")
        slip.add_argument(
            "--officer",
            default=None,
            metavar="NAME",
            help="who prints, recorded with the print (default: the computer's user name)",
        )
        add_data_dir_option(slip)
        slip.set_defaults(run=run_slip)

    form = papers.add_parser("form", help="the application form(s), pre-filled from a dossier")
    form.add_argument("key", metavar="DOSSIER_ID_OR_CODE")
    _output(form, ".pdf")
    add_data_dir_option(form)
    form.set_defaults(run=run_form)

    book = papers.add_parser("register", help="the register (sổ theo dõi hồ sơ) of a period")
    book.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
    book.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
    _output(book, ".pdf or .xlsx")
    add_data_dir_option(book)
    book.set_defaults(run=run_register)

    sample = papers.add_parser("sample", help="a realistic sample paper, without a database")
    sample.add_argument("kind", metavar="KIND", help=" | ".join(SAMPLE_KINDS))
    _output(sample, ".pdf (.xlsx for the register)")
    add_data_dir_option(sample)
    sample.set_defaults(run=run_sample)


def _output(parser: argparse.ArgumentParser, kinds: str) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help=kinds)


def _out(args: argparse.Namespace, *suffixes: str) -> Path:
    out: Path = args.output
    if out.suffix.lower() not in suffixes:
        raise UsageError(f"-o: the file must end in {' or '.join(suffixes)} (got '{out}')")
    if not out.parent.is_dir():
        raise UsageError(f"-o: the folder {out.parent} does not exist")
    return out


def _form(out: Path) -> RegisterFormat:
    return "xlsx" if out.suffix.lower() == ".xlsx" else "pdf"


def _settings(args: argparse.Namespace) -> tuple[Path, Settings]:
    """The data folder and its settings, refused before the store is opened when a paper
    could not name its agency."""
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    try:
        office_of(settings)
    except PrintRefused as error:
        raise UsageError(str(error)) from error
    return data_dir, settings


def _done(out: Path) -> int:
    print(out)
    return EXIT_OK


def run_slip(args: argparse.Namespace) -> int:
    out = _out(args, ".pdf")
    officer = (args.officer or getpass.getuser()).strip()
    if not officer:
        raise UsageError("--officer: the name of the officer who prints is required")
    data_dir, settings = _settings(args)
    store = Store.in_data_dir(data_dir)
    try:
        return _done(print_slip(store, args.key, args.paper, officer, out, settings=settings))
    except DossierNotFound as error:
        return _not_found(error)
    except PrintRefused as error:
        raise UsageError(str(error)) from error
    finally:
        store.close()


def run_form(args: argparse.Namespace) -> int:
    out = _out(args, ".pdf")
    data_dir, settings = _settings(args)
    store = Store.in_data_dir(data_dir)
    try:
        return _done(write_atomically(out, render_form(store, args.key, settings)))
    except DossierNotFound as error:
        return _not_found(error)
    except PrintRefused as error:
        raise UsageError(str(error)) from error
    finally:
        store.close()


def run_register(args: argparse.Namespace) -> int:
    out = _out(args, ".pdf", ".xlsx")
    first, last = day_option(args.first, "--from"), day_option(args.last, "--to")
    data_dir, settings = _settings(args)
    store = Store.in_data_dir(data_dir)
    try:
        register = render_register(store, first, last, settings, _form(out))
        return _done(write_atomically(out, register))
    except PrintRefused as error:
        raise UsageError(str(error)) from error
    finally:
        store.close()


def run_sample(args: argparse.Namespace) -> int:
    if args.kind not in SAMPLE_KINDS:
        raise UsageError(f"KIND: no sample '{args.kind}'; known: {', '.join(SAMPLE_KINDS)}")
    out = _out(args, ".pdf", ".xlsx") if args.kind == "register" else _out(args, ".pdf")
    settings = settings_from(data_dir_from(args))
    try:
        return _done(write_atomically(out, render_sample(args.kind, settings, _form(out))))
    except PrintRefused as error:
        raise UsageError(str(error)) from error


def _not_found(error: PrintRefused) -> int:
    print(f"motcua print: {error.reason}", file=sys.stderr)
    return EXIT_NOT_FOUND
