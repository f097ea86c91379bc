"""``motcua central init|add-point|set-reserve-top|release-counter``: setting up the
department's central database (IT staff)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from app.cli.options import bounded_int
from app.cli.output import EXIT_OK, UsageError, print_json
from app.dossier_code import AGENCY_CODE_PATTERN, MAX_SERIAL
from app.failures import CentralFailure
from app.i18n import Message

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
EMPTY_PASSWORD = Message(
    "--password-stdin: mật khẩu đọc được là chuỗi trống", "--password-stdin: the password is empty"
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
_AGENCY = re.compile(AGENCY_CODE_PATTERN, re.ASCII)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("central", help="set up the central database (IT staff)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="create or upgrade the central schema and its roles")
    init.add_argument("--url", required=True, help="postgresql:// URL of a superuser")
    init.add_argument(
        "--role-prefix",
        default="motcua",
        help="prefix of the roles this database creates (roles are cluster-wide)",
    )
    init.set_defaults(run=run_init)

    point = actions.add_parser("add-point", help="create the login role of a receiving point")
    point.add_argument("point", metavar="POINT", help="the point's id: a-z, 0-9, _")
    point.add_argument("--url", required=True, help="postgresql:// URL of an administrator")
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
        "--password-stdin",
        action="store_true",
        help="read a password for the role from stdin (default: none, log in by certificate)",
    )
    point.set_defaults(run=run_add_point)

    top = actions.add_parser(
        "set-reserve-top", help="move the agency's zone of counters' offline reserves"
    )
    top.add_argument("agency", metavar="AGENCY", help="the agency code")
    top.add_argument("reserve_top", metavar="N", type=bounded_int(0, MAX_SERIAL))
    top.add_argument("--url", required=True, help="postgresql:// URL of an administrator")
    top.set_defaults(run=run_set_reserve_top)

    release = actions.add_parser(
        "release-counter",
        help="let a new PC take a counter (and its reserve) of a point: the old PC is gone",
    )
    release.add_argument("point", metavar="POINT", help="the point's id")
    release.add_argument("counter", metavar="COUNTER", type=bounded_int(1, 99))
    release.add_argument("--url", required=True, help="postgresql:// URL of an administrator")
    release.set_defaults(run=run_release_counter)


def run_init(args: argparse.Namespace) -> int:
    from db.central.roles import RoleNameError
    from db.central.schema import CentralSchemaError, init_central
    from db.central.urls import UrlError

    try:
        info = init_central(args.url, args.role_prefix)
    except RoleNameError as error:
        raise UsageError(ROLE_PREFIX_RULE(text=args.role_prefix)) from error
    except UrlError as error:
        raise UsageError(URL_NEEDED()) from error
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
    from db.central.urls import UrlError

    _check_agency("--agency", args.agency)
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    if password == "":
        raise UsageError(EMPTY_PASSWORD())
    try:
        point = add_point(
            args.url,
            args.point,
            agency_code=args.agency,
            name=args.name,
            reserve_top=args.reserve_top,
            password=password,
        )
    except RoleNameError as error:
        raise UsageError(POINT_RULE(text=args.point)) from error
    except UrlError as error:
        raise UsageError(URL_NEEDED()) from error
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
    from db.central.urls import UrlError

    _check_agency("AGENCY", args.agency)
    try:
        top = set_reserve_top(args.url, args.agency, args.reserve_top)
    except UrlError as error:
        raise UsageError(URL_NEEDED()) from error
    except PointError as error:
        raise CentralFailure(CENTRAL_FAILED, reason=error) from error
    print_json({"agency": args.agency, "reserve_top": top})
    return EXIT_OK


def run_release_counter(args: argparse.Namespace) -> int:
    from db.central.points import PointError, release_counter
    from db.central.roles import RoleNameError
    from db.central.urls import UrlError

    try:
        first, last = release_counter(args.url, args.point, args.counter)
    except RoleNameError as error:
        raise UsageError(POINT_RULE(text=args.point)) from error
    except UrlError as error:
        raise UsageError(URL_NEEDED()) from error
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
