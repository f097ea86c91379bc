"""``motcua central init|add-point|set-reserve-top|release-counter|officer|set-status|publish``:
setting up the department's central database (IT staff), and marking results ready there
for the processing unit (``set-status``).

Every one takes ``--url`` without a password: one written in it is refused (it would stay
in the shell's history and in every process list). The administrator's password is read
with ``--admin-password-from FILE`` (``-``: a prompt at a console, else a line of standard
input), or libpq finds it in the pgpass file (``PGPASSFILE``, by default ``~/.pgpass``).
A centre on another machine needs ``sslmode=verify-full`` in the URL, or
``--allow-unverified-host HOST``: the rule sync follows (``db.central.admin``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.options import bounded_int, text_option
from app.cli.output import EXIT_OK, UsageError, print_json
from app.cli.secrets import SecretReader
from app.dossier_code import AGENCY_CODE_PATTERN, MAX_SERIAL, parse_code
from app.failures import CentralFailure, NotFound, PolicyRefusal
from app.i18n import Message

if TYPE_CHECKING:
    from db.central.admin import AdminLogin
    from db.central.statuses import Refused

URL_NEEDED = Message(
    "--url: cần một URL PostgreSQL dạng"
    " postgresql://NGƯỜI_DÙNG@MÁY_CHỦ[:CỔNG]/CƠ_SỞ_DỮ_LIỆU[?sslmode=verify-full&...]",
    "--url: a PostgreSQL URL postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=verify-full&...]"
    " is needed",
)
ROLE_PREFIX_RULE = Message(
    "--role-prefix: một chữ cái thường, rồi tối đa 23 chữ cái thường, chữ số hoặc _"
    " (đã nhập '{text}')",
    "--role-prefix: a lowercase letter, then up to 23 lowercase letters, digits or _"
    " (got '{text}')",
)
POINT_RULE = Message(
    "POINT: từ 1 đến 30 chữ cái thường, chữ số hoặc _ (dùng làm tên vai trò; đã nhập '{text}')",
    "POINT: 1 to 30 lowercase letters, digits or _ (it becomes a role name; got '{text}')",
)
AGENCY_RULE = Message(
    "{option}: mã cơ quan gồm chữ in hoa và chữ số, các phần cách nhau bằng dấu chấm, ví dụ"
    " 000.17.22.H56 (đã nhập '{text}')",
    "{option}: an agency code is capital letters and digits in parts separated by dots, e.g."
    " 000.17.22.H56 (got '{text}')",
)
ADMIN_PASSWORD_IN_URL = Message(
    "--url: URL không được chứa mật khẩu (mật khẩu sẽ nằm lộ trong lịch sử lệnh và danh sách"
    " tiến trình); bỏ mật khẩu khỏi URL và đưa nó bằng --admin-password-from TỆP (hoặc"
    " --admin-password-from - để gõ vào hoặc đọc từ đầu vào chuẩn), hoặc ghi nó vào tệp"
    " pgpass (biến môi trường PGPASSFILE, mặc định ~/.pgpass)",
    "--url: the URL must not hold the password (it would lie in clear in the command history"
    " and the process list); take it out of the URL and give it with --admin-password-from"
    " FILE (or --admin-password-from - to type it or read it from standard input), or keep"
    " it in a pgpass file (the PGPASSFILE environment variable, by default ~/.pgpass)",
)
ADMIN_PASSWORD_PROMPT = Message(
    "Mật khẩu quản trị cơ sở dữ liệu trung tâm (không hiện khi gõ): ",
    "Central database administrator's password (not shown): ",
)
POINT_PASSWORD_PROMPT = Message(
    "Mật khẩu của vai trò điểm tiếp nhận (không hiện khi gõ): ",
    "Password of the receiving point's role (not shown): ",
)
# The database's own words stay as it said them (they name its objects).
CENTRAL_FAILED = Message(
    "cơ sở dữ liệu trung tâm không thực hiện được: {reason}",
    "the central database could not do it: {reason}",
)
COUNTER_RELEASED = Message(
    "quầy {counter} của điểm {point} (dải số {first:04d}–{last:04d}) đã được giải phóng: máy"
    " đăng ký tiếp theo với số quầy này sẽ nhận nó",
    "counter {counter} of point {point} (serials {first:04d}–{last:04d}) is released: the next"
    " PC to register with this counter number takes it",
)
NOT_A_CODE = Message(
    "CODE: mã hồ sơ dạng MÃ_CƠ_QUAN-YYMMDD-NNNN, ví dụ 000.17.22.H56-261123-0001"
    " (đã nhập '{text}')",
    "CODE: a dossier code AGENCY-YYMMDD-NNNN, e.g. 000.17.22.H56-261123-0001 (got '{text}')",
)
STATUS_NOT_SET = Message(
    "không ghi trạng thái cho hồ sơ nào: {problems}",
    "no dossier's status was recorded: {problems}",
)
STATUS_PROBLEMS = {
    "unknown": Message(
        "{code}: không có hồ sơ nào mang mã này tại cơ sở dữ liệu trung tâm (quầy đã đồng bộ"
        " chưa?)",
        "{code}: no dossier has this code at the central database (has its counter synced?)",
    ),
    "not-accepted": Message(
        "{code}: hồ sơ chưa được tiếp nhận", "{code}: the dossier was not accepted"
    ),
    "voided": Message("{code}: hồ sơ đã bị hủy", "{code}: the dossier was voided"),
    "withdrawn": Message(
        "{code}: người nộp đã rút hồ sơ", "{code}: the applicant withdrew the dossier"
    ),
    "returned": Message(
        "{code}: kết quả đã được trả cho người nộp",
        "{code}: its result was already handed over",
    ),
    "already": Message(
        "{code}: hồ sơ đã ở trạng thái «{status}»", "{code}: the dossier is already {status}"
    ),
}
_AGENCY = re.compile(AGENCY_CODE_PATTERN, re.ASCII)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("central", help="set up the central database (IT staff)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="create or upgrade the central schema and its roles")
    add_admin_options(init, "postgresql:// URL of a superuser, without password")
    init.add_argument(
        "--role-prefix",
        default="motcua",
        help="prefix of the roles this database creates (roles are cluster-wide)",
    )
    init.set_defaults(run=run_init)

    point = actions.add_parser("add-point", help="create the login role of a receiving point")
    point.add_argument("point", metavar="POINT", help="the point's id: a-z, 0-9, _")
    add_admin_options(point)
    point.add_argument("--agency", required=True, help="the agency code the point numbers for")
    point.add_argument("--name", default="", help="the point's name, for people")
    point.add_argument(
        "--reserve-top",
        type=bounded_int(0, MAX_SERIAL),
        default=None,
        metavar="N",
        help="serials 1..N of each day are the agency's counters' offline reserves, allocated "
        "by the centre as counters register (default 2000 for a new agency)",
    )
    point.add_argument(
        "--point-password-from",
        type=Path,
        metavar="FILE",
        help="a password for the role, from FILE ('-': typed at a prompt, or the next line of"
        " standard input; default: none, the point logs in by certificate)",
    )
    point.set_defaults(run=run_add_point)

    top = actions.add_parser(
        "set-reserve-top", help="move the agency's zone of counters' offline reserves"
    )
    top.add_argument("agency", metavar="AGENCY", help="the agency code")
    top.add_argument("reserve_top", metavar="N", type=bounded_int(0, MAX_SERIAL))
    add_admin_options(top)
    top.set_defaults(run=run_set_reserve_top)

    release = actions.add_parser(
        "release-counter",
        help="let a new PC take a counter (and its reserve) of a point: the old PC is gone",
    )
    release.add_argument("point", metavar="POINT", help="the point's id")
    release.add_argument("counter", metavar="COUNTER", type=bounded_int(1, 99))
    add_admin_options(release)
    release.set_defaults(run=run_release_counter)

    status = actions.add_parser(
        "set-status",
        help="the processing unit's result: mark dossiers result-ready or not-granted at the"
        " centre (their counters get it at their next sync)",
    )
    status.add_argument("codes", metavar="CODE", nargs="+", help="dossier codes")
    status.add_argument(
        "--status",
        required=True,
        choices=("result-ready", "not-granted"),
        help="result-ready: the licence is ready; not-granted: the result is a refusal letter",
    )
    status.add_argument("--note", default="", help="e.g. the refusal letter's number")
    status.add_argument(
        "--officer", default="", help="the name kept with it (default: the login of --url)"
    )
    add_admin_options(status)
    status.set_defaults(run=run_set_status)

    from app.cli.central_officers import register_officer
    from app.cli.central_publish import register_publish

    register_officer(actions)
    register_publish(actions)


def add_admin_options(
    parser: argparse.ArgumentParser,
    url_help: str = "postgresql:// URL of an administrator, without password",
    *,
    required: bool = True,
) -> None:
    """``--url`` and how the administrator's password and TLS go with it."""
    parser.add_argument("--url", required=required, help=url_help)
    parser.add_argument(
        "--admin-password-from",
        type=Path,
        metavar="FILE",
        help="the administrator's password from FILE ('-': typed at a prompt, or the next line"
        " of standard input; default: the pgpass file, PGPASSFILE or ~/.pgpass)",
    )
    parser.add_argument(
        "--allow-unverified-host",
        metavar="HOST",
        help="allow this host to be reached without sslmode=verify-full (IT staff's risk)",
    )


def admin_login(args: argparse.Namespace, secrets: SecretReader) -> AdminLogin:
    """The URL and password of ``--url`` and ``--admin-password-from`` (read first, before any
    other password the command reads); refuses a URL holding a password, and a centre on
    another machine reached without TLS checks (exit 2)."""
    from app.sync_ops import UNVERIFIED_CENTRE
    from db.central.admin import AdminLogin
    from db.central.urls import UrlError, check_url, password_in, unverified_host

    try:
        url = check_url(args.url)
    except UrlError as error:
        raise UsageError(URL_NEEDED()) from error
    if password_in(url) is not None:
        raise UsageError(ADMIN_PASSWORD_IN_URL())
    host = unverified_host(url)
    if host is not None and host != args.allow_unverified_host:
        raise UsageError(UNVERIFIED_CENTRE(host=host))
    password = None
    if args.admin_password_from is not None:
        password = secrets.read(
            args.admin_password_from, ADMIN_PASSWORD_PROMPT, "--admin-password-from"
        )
    return AdminLogin(url, password, args.allow_unverified_host)


def run_init(args: argparse.Namespace) -> int:
    from db.central.roles import RoleNameError
    from db.central.schema import CentralSchemaError, init_central

    admin = admin_login(args, SecretReader())
    try:
        info = init_central(admin, args.role_prefix)
    except RoleNameError as error:
        raise UsageError(ROLE_PREFIX_RULE(text=args.role_prefix)) from error
    except CentralSchemaError as error:  # CentralDatabaseError: the database's first line
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error
    print_json(
        {
            "revision": info.revision,
            "schema_version": info.schema_version,
            "min_client_protocol": info.min_client_protocol,
            "role_prefix": info.role_prefix,
        }
    )
    return EXIT_OK


def run_add_point(args: argparse.Namespace) -> int:
    from db.central.points import PointError, add_point
    from db.central.roles import RoleNameError

    _check_agency("--agency", args.agency)
    secrets = SecretReader()
    admin = admin_login(args, secrets)
    password = None
    if args.point_password_from is not None:
        password = secrets.read(
            args.point_password_from, POINT_PASSWORD_PROMPT, "--point-password-from"
        )
    try:
        point = add_point(
            admin,
            args.point,
            agency_code=args.agency,
            name=args.name,
            reserve_top=args.reserve_top,
            password=password,
        )
    except RoleNameError as error:
        raise UsageError(POINT_RULE(text=args.point)) from error
    except PointError as error:  # the database's own failures too, in one line
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error
    print_json(
        {
            "point": point.id,
            "role": point.role,
            "agency": point.agency_code,
            "reserve_top": point.reserve_top,
            "pg_hba_line": f"hostssl  <database>  {point.role}  <counter network>  cert",
        }
    )
    return EXIT_OK


def run_set_reserve_top(args: argparse.Namespace) -> int:
    from db.central.points import PointError, set_reserve_top

    _check_agency("AGENCY", args.agency)
    admin = admin_login(args, SecretReader())
    try:
        top = set_reserve_top(admin, args.agency, args.reserve_top)
    except PointError as error:
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error
    print_json({"agency": args.agency, "reserve_top": top})
    return EXIT_OK


def run_release_counter(args: argparse.Namespace) -> int:
    from db.central.points import PointError, release_counter
    from db.central.roles import RoleNameError

    admin = admin_login(args, SecretReader())
    try:
        first, last = release_counter(admin, args.point, args.counter)
    except RoleNameError as error:
        raise UsageError(POINT_RULE(text=args.point)) from error
    except PointError as error:
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error
    print(
        COUNTER_RELEASED(counter=args.counter, point=args.point, first=first, last=last),
        file=sys.stderr,
    )
    print_json({"point": args.point, "counter": args.counter, "first": first, "last": last})
    return EXIT_OK


def _check_agency(option: str, text: str) -> None:
    if not _AGENCY.fullmatch(text):
        raise UsageError(AGENCY_RULE(option=option, text=text))


def run_set_status(args: argparse.Namespace) -> int:
    """Every code checked first: one refused, none recorded (exit 4 when a code is unknown at
    the centre, else 7)."""
    from db.central.statuses import StatusError, StatusesRefused, set_status

    for code in args.codes:
        if parse_code(code.strip()) is None:
            raise UsageError(NOT_A_CODE(text=code))
    note = text_option(args.note, "--note") if args.note else ""
    officer = text_option(args.officer, "--officer") if args.officer else ""
    admin = admin_login(args, SecretReader())
    try:
        made = set_status(admin, args.codes, args.status, note=note, officer=officer)
    except StatusesRefused as refused:
        problems = "; ".join(_problem_text(r) for r in refused.refused)
        kind = NotFound if any(r.problem == "unknown" for r in refused.refused) else PolicyRefusal
        raise kind(STATUS_NOT_SET, problems=problems) from refused
    except StatusError as error:
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error
    print_json(
        [
            {
                "code": change.code,
                "status": change.status,
                "change_id": change.change_id,
                "changed_at": change.changed_at.isoformat(timespec="seconds"),
            }
            for change in made
        ]
    )
    return EXIT_OK


def _problem_text(refused: Refused) -> str:
    from app.dossier_status import STATUS_NAMES, Status

    status = STATUS_NAMES[Status(refused.status)] if refused.status else ""
    return STATUS_PROBLEMS[str(refused.problem)](code=refused.code, status=status)
