"""The official report read at the centre: every counter of the point, or every point.

A counter's store holds only what it received (and the dossiers it fetched to hand back), so
its own report is the counter's. The point's report, counting every counter of the point, is
read at the centre with the counter's sync login (the centre's row-level security shows it its
point's rows); the department's, counting every point, with a login of the central office
(``motcua stats report --url``). Same query, same conventions, same report as the store's
(``app.statistics.official``); only where the cells are counted differs.

Kept apart from ``official`` so the window and ``stats report`` load the central database's
driver only when a report from the centre is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager

from app.catalogue.model import Catalogue
from app.central_secret import use_for_connections
from app.failures import CentralFailure
from app.i18n import Message
from app.settings.options import Settings
from app.statistics.model import OfficialReport
from app.statistics.official import compare_by_of, period_bounds, report_of_cells
from db.central.admin import AdminLogin, connect_admin
from db.central.statistics import central_report_cells, visible_points
from db.store import Store
from db.sync.compat import check_compatible
from db.sync.connection import Connection, connect
from db.sync.errors import CENTRAL_ERRORS, describe
from db.sync.local import local_sync_state

NO_CENTRE = Message(
    "quầy này chưa được đặt cơ sở dữ liệu trung tâm (cán bộ IT đặt bằng lệnh: motcua sync"
    " --url URL), nên chỉ có số liệu của riêng quầy này",
    "this counter has no central database set (IT staff set it with: motcua sync --url URL),"
    " so only this counter's own numbers are available",
)
REPORT_NOT_READ = Message(
    "không đọc được số liệu từ cơ sở dữ liệu trung tâm: {reason}",
    "the numbers could not be read from the central database: {reason}",
)

# Opens a connection to the centre, as one login; closed when the block ends.
OpenCentre = Callable[[], AbstractContextManager[Connection]]


def counter_login(store: Store) -> OpenCentre:
    """The centre as this counter's sync login sees it: every counter of its point.
    ``CentralFailure`` (``NO_CENTRE``) when the counter does not sync with a centre."""
    url = local_sync_state(store).central_url
    if not url:
        raise CentralFailure(NO_CENTRE)
    use_for_connections(store)  # the login's password, from the counter's secret store
    return lambda: connect(url, application_name="motcua-report")


def office_login(login: AdminLogin) -> OpenCentre:
    """The centre as a login of the central office (or its administrator) sees it."""
    return lambda: connect_admin(login)


def centre_report(
    centre: OpenCentre,
    first_day: dt.date,
    last_day: dt.date,
    settings: Settings,
    catalogue: Catalogue,
    *,
    points: Sequence[str] | None = None,
    generated_at: dt.datetime | None = None,
) -> OfficialReport:
    """Biểu 06 for the days ``first_day`` to ``last_day`` (both included) over the dossiers
    the login sees at the centre, at ``points`` (None: every point it sees).
    ``CentralFailure`` when the centre cannot be reached or read (nothing is written)."""
    start, end = period_bounds(first_day, last_day)
    try:
        with centre() as connection:
            check_compatible(connection)
            cells = central_report_cells(
                connection, start, end, points=points, compare_by=compare_by_of(settings)
            )
    except CENTRAL_ERRORS as error:
        raise CentralFailure(REPORT_NOT_READ, reason=describe(error)) from error
    return report_of_cells(
        cells,
        first_day,
        last_day,
        settings,
        catalogue,
        points=points,
        generated_at=generated_at,
        source="centre",
    )


def centre_points(centre: OpenCentre) -> list[str]:
    """The receiving points whose dossiers the login sees at the centre."""
    try:
        with centre() as connection:
            return visible_points(connection)
    except CENTRAL_ERRORS as error:
        raise CentralFailure(REPORT_NOT_READ, reason=describe(error)) from error
