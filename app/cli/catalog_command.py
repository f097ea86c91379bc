"""``motcua catalog``: the procedures of the catalogue version in force; and the tools of
the people who write a decision into data: ``catalog validate DIR`` (every problem of a
version folder, loaded as the counter loads it) and ``catalog diff OLD NEW`` (what changed
between two version folders, from the loaded models: ``app.catalogue.diff``)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.catalogue.diff import CatalogueDiff, ChangeKind, FieldChange, diff_catalogues
from app.catalogue.loader import MANIFEST_NAME, CatalogueError, CatalogueProblem, load_catalogue
from app.catalogue.model import Catalogue, Procedure
from app.cli.options import add_catalogue_options, catalogue_from
from app.cli.output import EXIT_BAD_CATALOGUE, EXIT_OK, UsageError, fail, print_json
from app.i18n import Message

UNKNOWN_PROCEDURE = Message(
    "PROCEDURE_ID: không có thủ tục '{procedure}'; các thủ tục: {known}",
    "PROCEDURE_ID: unknown procedure '{procedure}'; known: {known}",
)
# The catalogue's names and texts are the decision's Vietnamese; the frame follows the language.
VERSION_LINE = Message("{source} (phiên bản {version})", "{source} (version {version})")
PROCEDURE_LINE = Message("{days} ngày làm việc, lệ phí {fee}", "{days} working days, fee {fee}")
CONDITION = Message("Điều kiện [{id}]: {source}", "Condition [{id}]: {source}")

VALIDATE = "validate"
DIFF = "diff"
FOLDERS_NEEDED = Message(
    "catalog {action}: cần {count} thư mục phiên bản danh mục ({usage}); đã cho {given}",
    "catalog {action}: needs {count} catalogue version folders ({usage}); {given} given",
)
FOLDERS_UNEXPECTED = Message(
    "{given}: thừa; catalog PROCEDURE_ID chỉ nhận một mã thủ tục",
    "{given}: unexpected; catalog PROCEDURE_ID takes one procedure id",
)
OPTION_NOT_HERE = Message(
    "{option}: không dùng với catalog {action}, lệnh này đọc đúng thư mục được chỉ",
    "{option}: not for catalog {action}, which reads exactly the folders given",
)
# Validation: one line per problem, then the summary.
PROBLEM_LINE = Message("{file}: {path}: {rule}", "{file}: {path}: {rule}")
WHOLE_FILE = Message("(cả tệp)", "(whole file)")
VALID = Message(
    "{folder}: hợp lệ — phiên bản {version}, {count} thủ tục",
    "{folder}: valid — version {version}, {count} procedures",
)
INVALID = Message(
    "{folder}: phiên bản danh mục không dùng được — {count} lỗi trong {files} tệp",
    "{folder}: the catalogue version cannot be used — {count} problems in {files} files",
)
# Comparison. Paths are the keys of the files, with the id of a listed element.
COMPARING = Message("So sánh {old} → {new}", "Comparing {old} → {new}")
NO_DIFFERENCE = Message("không có khác biệt", "no difference")
MANIFEST_CHANGED = Message("Phiên bản ({file}):", "The version ({file}):")
PROCEDURE_ADDED = Message("Thủ tục thêm mới: {id} — {name}", "Procedure added: {id} — {name}")
PROCEDURE_REMOVED = Message("Thủ tục bị bỏ: {id} — {name}", "Procedure removed: {id} — {name}")
PROCEDURE_CHANGED = Message("Thủ tục sửa đổi: {id} — {name}", "Procedure changed: {id} — {name}")
FIELD_ADDED = Message("thêm {path}{label}", "added {path}{label}")
FIELD_REMOVED = Message("bỏ {path}{label}", "removed {path}{label}")
FIELD_CHANGED = Message("sửa {path}{label}: {old} → {new}", "changed {path}{label}: {old} → {new}")
CHANGE_LINES = {
    ChangeKind.ADDED: FIELD_ADDED,
    ChangeKind.REMOVED: FIELD_REMOVED,
    ChangeKind.CHANGED: FIELD_CHANGED,
}


class _IntermixedParser(argparse.ArgumentParser):
    """A parser whose positionals and options may come in any order (argparse's own
    intermixed parsing, used when the parser is reached as a subcommand)."""

    _intermixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._intermixing:  # parse_known_intermixed_args calls back here, twice
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "catalog",
        help="list the procedures, or show one; validate a version folder; compare two",
        description="catalog [PROCEDURE_ID]: the procedures in force, or one in full. "
        "catalog validate DIR: every problem of a catalogue version folder (exit 3 when any). "
        "catalog diff OLD NEW: what changed between two version folders.",
    )
    # Options may stand between the folders (catalog diff --json OLD NEW): argparse matches
    # optional positionals in one go before the first option unless parsing is intermixed.
    parser.__class__ = _IntermixedParser
    parser.add_argument("procedure", nargs="?", metavar="PROCEDURE_ID|validate|diff")
    parser.add_argument("folders", nargs="*", metavar="DIR", help="validate DIR; diff OLD NEW")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_catalogue_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.procedure == VALIDATE:
        (folder,) = _folders(args, VALIDATE, "validate DIR", 1)
        return validate(folder, args.json, args.command)
    if args.procedure == DIFF:
        old, new = _folders(args, DIFF, "diff OLD NEW", 2)
        return compare(old, new, args.json)
    if args.folders:
        raise UsageError(FOLDERS_UNEXPECTED(given=" ".join(args.folders)))
    catalogue = catalogue_from(args)
    if args.procedure is None:
        if args.json:
            print_json(
                {
                    "catalogue_version": catalogue.version,
                    "source": catalogue.manifest.source,
                    "valid_from": catalogue.manifest.valid_from.isoformat(),
                    "procedures": [_summary(p) for p in catalogue.procedures.values()],
                }
            )
        else:
            _print_table(catalogue)
        return EXIT_OK
    if args.procedure not in catalogue.procedures:
        known = ", ".join(catalogue.procedures)
        raise UsageError(UNKNOWN_PROCEDURE(procedure=args.procedure, known=known))
    procedure = catalogue.procedure(args.procedure)
    if args.json:
        print_json(procedure)
    else:
        _print_procedure(procedure)
    return EXIT_OK


def _summary(procedure: Procedure) -> dict[str, Any]:
    return {
        "id": procedure.id,
        "name": procedure.name,
        "subcases": procedure.subcase_ids(),
        "channels": [
            {"id": str(c.id), "working_days": c.working_days, "fee_vnd": c.fee_vnd}
            for c in procedure.channels
        ],
    }


def _print_table(catalogue: Catalogue) -> None:
    print(VERSION_LINE(source=catalogue.manifest.source, version=catalogue.version))
    for procedure in catalogue.procedures.values():
        channel = procedure.channels[0]
        cases = f" [{', '.join(procedure.subcase_ids())}]" if procedure.subcases else ""
        terms = PROCEDURE_LINE(days=channel.working_days, fee=channel.fee_text)
        print(f"  {procedure.id:<15} {procedure.name}{cases} — {terms}")


def _print_procedure(procedure: Procedure) -> None:
    print(f"{procedure.id}: {procedure.name}")
    groups = (
        [("", procedure.items or [])]
        if procedure.subcases is None
        else [(f"{case.id}. {case.name}", case.items) for case in procedure.subcases]
    )
    for title, items in groups:
        if title:
            print(f"  {title}")
        for item in items:
            note = f" ({item.condition_text})" if item.condition_text else ""
            print(f"    {item.number}. {item.name} — {item.quantity:02d} {item.form_text}{note}")
    for condition in procedure.conditions:
        print(f"  {CONDITION(id=condition.id, source=condition.source)}")
    for channel in procedure.channels:
        print(f"  {channel.name}: {channel.processing_text}; {channel.fee_text}")


def _folders(args: argparse.Namespace, action: str, usage: str, count: int) -> list[Path]:
    """The version folders the tool reads; the options choosing a version in force have
    no meaning here, and are refused rather than silently ignored."""
    for option, value in (("--on", args.on), ("--catalogue-dir", args.catalogue_dir)):
        if value is not None:
            raise UsageError(OPTION_NOT_HERE(option=option, action=action))
    if len(args.folders) != count:
        given = len(args.folders)
        raise UsageError(FOLDERS_NEEDED(action=action, count=count, usage=usage, given=given))
    return [Path(folder) for folder in args.folders]


def validate(folder: Path, as_json: bool, command: str) -> int:
    """Every problem of the version in ``folder``, found by the counter's own loader."""
    try:
        catalogue = load_catalogue(folder)
    except CatalogueError as error:
        return report_problems(folder, error.problems, as_json, command)
    if as_json:
        print_json({"folder": str(folder), "valid": True, "catalogue_version": catalogue.version})
    else:
        print(VALID(folder=folder, version=catalogue.version, count=len(catalogue.procedures)))
    return EXIT_OK


def report_problems(
    folder: Path, problems: list[CatalogueProblem], as_json: bool, command: str
) -> int:
    if as_json:
        listed = [{"file": p.file, "path": p.path, "rule": p.rule} for p in problems]
        print_json({"folder": str(folder), "valid": False, "problems": listed})
    else:
        for problem in problems:
            path = problem.path or WHOLE_FILE()
            print(PROBLEM_LINE(file=problem.file, path=path, rule=problem.rule))
    files = len({problem.file for problem in problems})
    return fail(
        command, INVALID(folder=folder, count=len(problems), files=files), EXIT_BAD_CATALOGUE
    )


def compare(old_folder: Path, new_folder: Path, as_json: bool) -> int:
    """What changed from one version folder to the other; both must load."""
    old, new = _load_both(old_folder, new_folder)
    difference = diff_catalogues(old, new)
    if as_json:
        print_json(difference.as_json())
    else:
        _print_difference(difference)
    return EXIT_OK


def _load_both(old_folder: Path, new_folder: Path) -> tuple[Catalogue, Catalogue]:
    """Both versions, or one error naming the problems of each that cannot be used."""
    loaded: list[Catalogue] = []
    problems: list[CatalogueProblem] = []
    for folder in (old_folder, new_folder):
        try:
            loaded.append(load_catalogue(folder))
        except CatalogueError as error:
            problems.extend(error.problems)
    if problems:
        raise CatalogueError(problems)
    old, new = loaded
    return old, new


def _print_difference(difference: CatalogueDiff) -> None:
    print(COMPARING(old=difference.old_version, new=difference.new_version))
    if difference.no_difference:
        print(NO_DIFFERENCE())
        return
    if difference.manifest:
        print(MANIFEST_CHANGED(file=MANIFEST_NAME))
        _print_changes(difference.manifest)
    for procedure in difference.removed:
        print(PROCEDURE_REMOVED(id=procedure.id, name=procedure.name))
    for procedure in difference.added:
        print(PROCEDURE_ADDED(id=procedure.id, name=procedure.name))
    for changed in difference.changed:
        print(PROCEDURE_CHANGED(id=changed.id, name=changed.name))
        _print_changes(changed.changes)


def _print_changes(changes: list[FieldChange]) -> None:
    for change in changes:
        label = f" «{change.label}»" if change.label else ""
        line = CHANGE_LINES[change.kind]
        print(
            "  "
            + line(path=change.path, label=label, old=_shown(change.old), new=_shown(change.new))
        )


def _shown(value: Any) -> str:
    """A value as one line: text quoted, anything else as JSON."""
    return json.dumps(value, ensure_ascii=False)
