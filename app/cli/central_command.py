"""``motcua central init|add-point``: setting up the department's central database (IT staff)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.output import EXIT_OK, UsageError, fail, print_json
from app.i18n import Message

EXIT_CENTRAL_FAILED = 5

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
RESERVE_TOP_RULE = Message(
    "--reserve-top: phải là một số thứ tự từ 0 đến 9999 (đã nhập {value})",
    "--reserve-top: must be a serial from 0 to 9999 (got {value})",
)
EMPTY_PASSWORD = Message(
    "--password-stdin: mật khẩu đọc được là chuỗi trống", "--password-stdin: the password is empty"
)
# The database's own words stay as it said them (they name its objects).
CENTRAL_FAILED = Message(
    "cơ sở dữ liệu trung tâm không thực hiện được: {reason}",
    "the central database could not do it: {reason}",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("central", help="set up the central database (IT staff)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="create or upgrade the central schema and its roles")
    init.add_argument("--url", required=True, help="postgresql:// URL of an administrator")
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
        type=int,
        default=None,
        help="serials 1..N of each day are the agency's counters' offline reserves "
        "(counters × serial_block_size; default 2000 for a new agency)",
    )
    point.add_argument(
        "--password-stdin",
        action="store_true",
        help="read a password for the role from stdin (default: none, log in by certificate)",
    )
    point.set_defaults(run=run_add_point)


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
        return _failed(error)
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

    if args.reserve_top is not None and not 0 <= args.reserve_top <= 9999:
        raise UsageError(RESERVE_TOP_RULE(value=args.reserve_top))
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
        return _failed(error)
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


def _failed(error: Exception) -> int:
    return fail("central", CENTRAL_FAILED(reason=error), EXIT_CENTRAL_FAILED)
