"""``motcua due``: the appointment date for a dossier received at a given time, and why.

The number of working days (and the online same-day hour) come from the
catalogue version in force on the day of receipt; the office hours and the
counting rule come from the counter's settings.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.catalogue.currency import not_current
from app.catalogue.model import ChannelId
from app.cli.options import (
    add_catalogue_dir_option,
    add_data_dir_option,
    catalogue_on,
    data_dir_from,
    local_minute,
    reference_for,
    settings_from,
)
from app.cli.output import EXIT_OK, UsageError, not_current_json, print_json, warn_not_current
from app.i18n import Message
from app.settings import office_hours_and_rule
from app.workdays import DueDate, compute_due

_MINUTE = "%Y-%m-%dT%H:%M"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "due", help="the due date (hẹn trả kết quả) of a dossier, with its explanation"
    )
    parser.add_argument("--procedure", required=True, metavar="ID", help="procedure id")
    parser.add_argument(
        "--channel",
        default=str(ChannelId.DIRECT),
        metavar="|".join(ChannelId),
        help="how the dossier arrived (default: direct)",
    )
    parser.add_argument(
        "--received",
        required=True,
        metavar='"YYYY-MM-DD HH:MM"',
        help="time of receipt, local time (Asia/Ho_Chi_Minh)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_catalogue_dir_option(parser)
    add_data_dir_option(parser)
    parser.set_defaults(run=run)


UNKNOWN_PROCEDURE = Message(
    "--procedure: danh mục {version} không có thủ tục '{procedure}'; các thủ tục: {known}",
    "--procedure: unknown procedure '{procedure}' in catalogue {version}; known: {known}",
)
CHANNEL_NOT_OFFERED = Message(
    "--channel: thủ tục {procedure} không nhận hồ sơ theo hình thức '{channel}';"
    " các hình thức: {offered}",
    "--channel: procedure {procedure} has no '{channel}' channel; its channels: {offered}",
)
UNKNOWN_CHANNEL = Message(
    "--channel: phải là một trong {known} (đã nhập '{text}')",
    "--channel: must be one of {known} (got '{text}')",
)


def run(args: argparse.Namespace) -> int:
    received_at = local_minute(args.received, "--received")
    channel_id = _channel_id(args.channel)
    data_dir = data_dir_from(args)
    settings = settings_from(data_dir)
    hours, rule = office_hours_and_rule(settings)
    reference = reference_for(data_dir)  # the centre's catalogue and days off, when published
    catalogue = catalogue_on(received_at.date(), args.catalogue_dir, "--received", reference)
    if args.procedure not in catalogue.procedures:
        known = ", ".join(catalogue.procedures)
        raise UsageError(
            UNKNOWN_PROCEDURE(procedure=args.procedure, version=catalogue.version, known=known)
        )
    procedure = catalogue.procedure(args.procedure)
    offered = [str(c.id) for c in procedure.channels]
    if str(channel_id) not in offered:
        raise UsageError(
            CHANNEL_NOT_OFFERED(
                procedure=procedure.id, channel=channel_id, offered=", ".join(offered)
            )
        )
    channel = procedure.channel(channel_id)
    reasons = not_current(catalogue, received_at.date())
    due = compute_due(
        received_at,
        channel.working_days,
        reference.calendar,
        hours,
        rule,
        same_day_return_at=channel.same_day_return_at,
    )
    if args.json:
        print_json(
            {
                "procedure": procedure.id,
                "channel": str(channel_id),
                "catalogue_version": catalogue.version,
                "catalogue_not_current": not_current_json(reasons),
                **due_json(due),
            }
        )
    else:
        print(due.explanation.text())
    warn_not_current(reasons, received_at.date())
    return EXIT_OK


def due_json(due: DueDate) -> dict[str, Any]:
    """The due date as JSON: local times to the minute, the rule applied, the explanation."""
    explanation = due.explanation
    return {
        "received_at": explanation.received_at.strftime(_MINUTE),
        "due_at": due.due_at.strftime(_MINUTE),
        "working_days": explanation.working_days,
        # The rule applied: the setting, or "same-day" for the online channel.
        "rule": str(explanation.method),
        "explanation": explanation.to_dict(),
    }


def _channel_id(text: str) -> ChannelId:
    try:
        return ChannelId(text)
    except ValueError as error:
        known = ", ".join(ChannelId)
        raise UsageError(UNKNOWN_CHANNEL(known=known, text=text)) from error
