"""``motcua print``: the papers of a dossier, the register, and samples, as PDF (or XLSX) files.

    motcua print bm01|bm02|bm03 DOSSIER_ID_OR_CODE -o FILE.pdf --officer LOGIN
    motcua print mau04 DOSSIER_ID_OR_CODE -o FILE.pdf --officer LOGIN
    motcua print form DOSSIER_ID_OR_CODE -o FILE.pdf
    motcua print register --from YYYY-MM-DD --to YYYY-MM-DD -o FILE.pdf|FILE.xlsx
    motcua print sample KIND -o FILE.pdf

Printing a slip, or Mẫu 04 (the apology and new appointment of a
re-appointed dossier), records the print (a reprint says "BẢN IN LẠI"); the officer
signs in for it, and a reprint after the first needs a supervisor
(``app.papers.print_permission``). No paper is printed for a voided dossier. The papers
are made by reportlab, which ``app.papers`` imports only when a paper is made,
so ``motcua --help`` stays quick; files are written with ``app.files.write_atomically``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import papers
from app.cli.dossier_commands import counter_store
from app.cli.options import (
    add_data_dir_option,
    cannot_write,
    data_dir_from,
    day_option,
    output_file,
    settings_from,
)
from app.cli.output import EXIT_OK, UsageError
from app.cli.signing import add_sign_in_options, signed_in
from app.failures import NotFound
from app.files import write_atomically
from app.i18n import Message
from app.settings import Settings
from db.store import Store

WRONG_SUFFIX = Message(
    "-o: tên tệp phải có đuôi {suffixes} (đã nhập '{path}')",
    "-o: the file must end in {suffixes} (got '{path}')",
)
OR = Message(" hoặc ", " or ")
NO_SAMPLE = Message(
    "KIND: không có mẫu '{kind}'; các mẫu: {known}", "KIND: no sample '{kind}'; known: {known}"
)
LAST_DAY_FIRST = Message(
    "--to: ngày cuối {last} ở trước ngày đầu {first}",
    "--to: the last day {last} is before the first day {first}",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "print",
        help="print BM 01/02/03, Mẫu 04, an application form, the register or a sample to a file",
    )
    kinds = parser.add_subparsers(dest="paper", metavar="PAPER", required=True)
    for kind in papers.PAPER_KINDS:
        what = (
            "Mẫu 04, the apology and new appointment of a re-appointed dossier"
            if kind == "mau04"
            else f"the {kind.upper()} slip of a dossier"
        )
        slip = kinds.add_parser(kind, help=what)
        slip.add_argument("key", metavar="DOSSIER_ID_OR_CODE")
        _output(slip, ".pdf")
        add_sign_in_options(slip)
        add_data_dir_option(slip)
        slip.set_defaults(run=run_slip)

    form = kinds.add_parser("form", help="the application form(s), pre-filled from a dossier")
    form.add_argument("key", metavar="DOSSIER_ID_OR_CODE")
    _output(form, ".pdf")
    add_data_dir_option(form)
    form.set_defaults(run=run_form)

    book = kinds.add_parser("register", help="the register (sổ theo dõi hồ sơ) of a period")
    book.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
    book.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
    _output(book, ".pdf or .xlsx")
    add_data_dir_option(book)
    book.set_defaults(run=run_register)

    sample = kinds.add_parser("sample", help="a realistic sample paper, without a database")
    sample.add_argument("kind", metavar="KIND", help=" | ".join(papers.SAMPLE_KINDS))
    _output(sample, ".pdf (.xlsx for the register)")
    add_data_dir_option(sample)
    sample.set_defaults(run=run_sample)


def _output(parser: argparse.ArgumentParser, kinds: str) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help=kinds)


def _out(args: argparse.Namespace, *suffixes: str) -> Path:
    out = output_file(args, "-o")
    if out.suffix.lower() not in suffixes:
        raise UsageError(WRONG_SUFFIX(suffixes=OR().join(suffixes), path=out))
    return out


def _form(out: Path) -> papers.RegisterFormat:
    return "xlsx" if out.suffix.lower() == ".xlsx" else "pdf"


def _settings(args: argparse.Namespace) -> tuple[Path, Settings]:
    """The data folder and its settings, refused before the store is opened when a paper
    could not name its agency."""
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    try:
        papers.office_of(settings)
    except papers.PrintRefused as error:
        raise UsageError(str(error)) from error
    return data_dir, settings


def _print(args: argparse.Namespace, make: Callable[[Store, Settings], Path]) -> int:
    """Make a paper from the counter's store: the file's path on stdout, or why not."""
    data_dir, settings = _settings(args)
    store = counter_store(data_dir, settings)
    try:
        return _done(args, lambda: make(store, settings))
    except papers.DossierNotFound as error:
        raise NotFound(error.message, **error.values) from error
    except papers.PrintRefused as error:
        raise UsageError(str(error)) from error
    finally:
        store.close()


def _done(args: argparse.Namespace, write: Callable[[], Path]) -> int:
    """Write the paper; its path on stdout. A file the system refuses after all (a full
    disk, a folder that takes no new file) is the output option's problem, named."""
    try:
        out = write()
    except OSError as error:
        raise cannot_write("-o", args.output, error) from error
    print(out)
    return EXIT_OK


def run_slip(args: argparse.Namespace) -> int:
    out = _out(args, ".pdf")
    return _print(
        args,
        # The officer signs in once the store is open (a password file's faults are named
        # as --officer-password-from's, never as -o's).
        lambda store, settings: papers.print_slip(
            store, args.key, args.paper, signed_in(args, store), out, settings=settings
        ),
    )


def run_form(args: argparse.Namespace) -> int:
    out = _out(args, ".pdf")
    return _print(
        args,
        lambda store, settings: write_atomically(
            out, papers.render_form(store, args.key, settings)
        ),
    )


def run_register(args: argparse.Namespace) -> int:
    out = _out(args, ".pdf", ".xlsx")
    first, last = day_option(args.first, "--from"), day_option(args.last, "--to")
    if last < first:
        raise UsageError(LAST_DAY_FIRST(first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}"))
    return _print(
        args,
        lambda store, settings: write_atomically(
            out, papers.render_register(store, first, last, settings, _form(out))
        ),
    )


def run_sample(args: argparse.Namespace) -> int:
    if args.kind not in papers.SAMPLE_KINDS:
        raise UsageError(NO_SAMPLE(kind=args.kind, known=", ".join(papers.SAMPLE_KINDS)))
    out = _out(args, ".pdf", ".xlsx") if args.kind == "register" else _out(args, ".pdf")
    settings = settings_from(data_dir_from(args))
    try:
        return _done(
            args,
            lambda: write_atomically(out, papers.render_sample(args.kind, settings, _form(out))),
        )
    except papers.PrintRefused as error:
        raise UsageError(str(error)) from error
