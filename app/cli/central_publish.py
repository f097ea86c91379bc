"""``motcua central publish catalogue DIR|holidays FILE``: IT staff publish a catalogue version
or the table of days off and swapped working days at the centre; every counter uses it from
its next sync round (``app.reference_data``).

What is published is checked first exactly as a counter checks it (the catalogue's loader,
the override table's parser): a broken one is refused with the same problem lines as
``motcua catalog validate DIR`` gives, exit 3, before the administrator's password is asked
for, and nothing is stored. Published again unchanged, nothing changes (the counters do not
pull it again); changed under the same version id, it replaces what was published.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.catalogue.loader import CatalogueError, load_version
from app.cli.catalog_command import report_problems
from app.cli.central_command import CENTRAL_FAILED, add_admin_options, admin_login
from app.cli.output import EXIT_OK, print_json
from app.cli.secrets import SecretReader
from app.datafiles import read_text
from app.failures import CentralFailure
from app.i18n import Message
from app.reference_data import CATALOGUE, HOLIDAYS, HOLIDAYS_KEY, overrides_hash
from app.workdays import OverrideError, OverrideProblem, parse_overrides

if TYPE_CHECKING:
    from db.central.reference_data import Published

COMMAND = "central publish"
CATALOGUE_SAID = {
    "new": Message(
        "đã ban hành danh mục {key} ({short}) ở trung tâm; các quầy dùng nó từ lần đồng bộ"
        " tiếp theo",
        "the catalogue {key} ({short}) is published at the centre; the counters use it from"
        " their next sync",
    ),
    "unchanged": Message(
        "danh mục {key} ({short}) đã được ban hành với đúng nội dung này; không có gì thay đổi",
        "the catalogue {key} ({short}) is published with this very content already; nothing"
        " changed",
    ),
    "replaced": Message(
        "danh mục {key}: nội dung mới ({short}) thay cho nội dung đã ban hành trước ({previous});"
        " các quầy dùng nó từ lần đồng bộ tiếp theo",
        "the catalogue {key}: this content ({short}) replaces the one published before"
        " ({previous}); the counters use it from their next sync",
    ),
}
HOLIDAYS_SAID = {
    "new": Message(
        "đã ban hành bảng ngày nghỉ {key} ({short}) ở trung tâm; các quầy dùng nó từ lần đồng"
        " bộ tiếp theo",
        "the days-off table {key} ({short}) is published at the centre; the counters use it"
        " from their next sync",
    ),
    "unchanged": Message(
        "bảng ngày nghỉ {key} ({short}) đã được ban hành với đúng nội dung này; không có gì"
        " thay đổi",
        "the days-off table {key} ({short}) is published with this very content already;"
        " nothing changed",
    ),
    "replaced": Message(
        "bảng ngày nghỉ {key} ({short}) thay cho bảng đã ban hành trước ({previous}); các quầy"
        " dùng nó từ lần đồng bộ tiếp theo",
        "the days-off table {key} ({short}) replaces the one published before ({previous});"
        " the counters use it from their next sync",
    ),
}


def register_publish(actions: Any) -> None:
    publish = actions.add_parser(
        "publish", help="publish a catalogue version or the days-off table to every counter"
    )
    kinds = publish.add_subparsers(dest="publish_kind", metavar="KIND", required=True)
    catalogue = kinds.add_parser(
        "catalogue", help="a catalogue version folder, checked as the counters check it"
    )
    catalogue.add_argument("folder", type=Path, metavar="DIR", help="the version's folder")
    add_admin_options(catalogue)
    catalogue.set_defaults(run=run_catalogue)
    holidays = kinds.add_parser(
        "holidays", help="the table of days off and swapped working days (overrides.toml)"
    )
    holidays.add_argument("file", type=Path, metavar="FILE", help="the override table")
    add_admin_options(holidays)
    holidays.set_defaults(run=run_holidays)


def run_catalogue(args: argparse.Namespace) -> int:
    try:
        catalogue, files = load_version(args.folder)
    except CatalogueError as error:
        return report_problems(args.folder, error.problems, False, f"{COMMAND} catalogue")
    valid_from = catalogue.manifest.valid_from.isoformat()
    payload: dict[str, Any] = {
        "files": files,
        "content_hash": catalogue.content_hash,
        "valid_from": valid_from,
    }
    published = _publish(args, CATALOGUE, catalogue.version, payload)
    return _said(published, CATALOGUE_SAID, catalogue.version, {"valid_from": valid_from})


def run_holidays(args: argparse.Namespace) -> int:
    problems: list[OverrideProblem] = []
    text = read_text(args.file, problems)
    if text is None:
        raise OverrideError(problems)  # exit 3, as a counter says it
    table = parse_overrides(text, str(args.file))
    payload = {"text": text, "content_hash": overrides_hash(text), "version": table.version}
    published = _publish(args, HOLIDAYS, HOLIDAYS_KEY, payload)
    return _said(published, HOLIDAYS_SAID, table.version, {"table_version": table.version})


def _publish(args: argparse.Namespace, kind: str, key: str, payload: dict[str, Any]) -> Published:
    from db.central.reference_data import PublishError, publish

    admin = admin_login(args, SecretReader())
    try:
        return publish(admin, kind, key, payload)
    except PublishError as error:
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error


def _said(published: Published, said: dict[str, Message], name: str, extra: dict[str, str]) -> int:
    """The outcome in a sentence on stderr (``name``: the version as people know it), and
    as JSON on stdout."""
    previous = (published.previous_hash or "")[:12]
    sentence = said[str(published.outcome)]
    print(
        sentence(key=name, short=published.content_hash[:12], previous=previous),
        file=sys.stderr,
    )
    print_json(
        {
            "kind": published.kind,
            "key": published.key,
            "outcome": str(published.outcome),
            "content_hash": published.content_hash,
            "previous_hash": published.previous_hash,
            "version": published.version,
            "published_at": published.published_at.isoformat(timespec="seconds"),
            **extra,
        }
    )
    return EXIT_OK
