"""Sync as the window and the command line use it: status, sync now, background sync.

``sync_status`` reads only the local store, so the window can call it as often
as it likes without touching the network. ``BackgroundSync`` runs rounds on its
own thread with back-off; ``sync_now`` only wakes it. Rejected operations are
listed with the centre's reason for the supervisor, who can put them back in
the queue once the cause is fixed (``retry_rejected``).

The centre allocates each counter's offline reserve when the counter registers
(every round does); ``check_reserve_settings`` refuses settings that would no
longer match it, and ``numbering_refusal`` says why a counter with a central
database but no usable reserve cannot number.

The central password is never part of the URL kept: ``configure_sync`` refuses a URL
that holds one and keeps a password given apart (``app.central_secret``); every round
asks that secret store for it. A centre on another machine must be reached with its
certificate checked (``sslmode=verify-full``) unless IT staff allowed its host.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.central_secret import CentralSecrets, secrets_of, use_for_connections
from app.failures import CentralFailure, PolicyRefusal
from app.i18n import Message, Refusal, current_language
from app.settings import Settings, option
from db.central.urls import check_url, password_in, redacted, unverified_host
from db.photos import photo_source
from db.store import STORE_FILE, Store
from db.sync.clashes import Clash
from db.sync.compat import check_compatible
from db.sync.connection import connect
from db.sync.errors import CENTRAL_ERRORS, describe
from db.sync.local import (
    configure_central,
    local_sync_state,
    registered_reserve_in,
    retry_rejected_operations,
)
from db.sync.outbox import Rejected
from db.sync.photos import PhotoSource
from db.sync.point_dossiers import Fetched, OtherPoint, fetch_dossier
from db.sync.round import CounterIdentity, RoundReport, sync_round
from db.sync.serials import ReserveUnavailable
from db.sync.worker import Backoff, SyncWorker

DEFAULT_INTERVAL_S = 60.0
# Longer than any counter stays offline on purpose; bounded so the threshold stays a time.
MAX_OFFLINE_WARNING_MINUTES = 30 * 24 * 60

OFFLINE_WARNING_TOO_SHORT = Message(
    "số phút mất kết nối trước khi cảnh báo: phải từ 1 phút trở lên (đã nhập {value})",
    "minutes offline before the warning: must be 1 minute or more (got {value})",
)
OFFLINE_WARNING_TOO_LONG = Message(
    "số phút mất kết nối trước khi cảnh báo: tối đa {most} phút (30 ngày) (đã nhập {value})",
    "minutes offline before the warning: at most {most} minutes (30 days) (got {value})",
)
RESERVE_SETTING_REFUSED = Message(
    "{label}: quầy này đã được cơ sở dữ liệu trung tâm đăng ký là quầy {counter} với dải số"
    " dự phòng {first:04d}–{last:04d} ({size} số); số quầy và số hồ sơ dành sẵn phải giữ"
    " đúng như vậy (đã nhập {value})",
    "{label}: the central database registered this counter as counter {counter} with the"
    " reserve of serials {first:04d}–{last:04d} ({size} serials); its counter number and"
    " reserve size must stay so (got {value})",
)
NO_RESERVE_REGISTERED = Message(
    "Mã hồ sơ: cơ sở dữ liệu trung tâm chưa cấp dải số dự phòng cho quầy này (cơ quan"
    " {agency}), và không còn số nào trung tâm đã cấp cho ngày {day}; chưa thể cấp mã cho hồ"
    " sơ. Cán bộ IT chạy lệnh: motcua sync --once",
    "Dossier code: the central database has not allocated this counter's reserve of serials"
    " yet (agency {agency}), and no serial leased from it for {day} is left; no dossier can be"
    " given a code. IT staff run: motcua sync --once",
)
RESERVE_NOT_YET_VALID = Message(
    "Mã hồ sơ: dải số dự phòng trung tâm cấp cho quầy này chưa dùng được cho ngày {day} (cơ"
    " quan {agency}), và không còn số nào trung tâm đã cấp cho ngày đó; chưa thể cấp mã cho"
    " hồ sơ. Cán bộ IT kiểm tra ngày giờ của máy và chạy lệnh: motcua sync --once",
    "Dossier code: the reserve of serials the centre allocated to this counter cannot be used"
    " for {day} (agency {agency}), and no serial leased for that day is left; no dossier can"
    " be given a code. IT staff check the PC's date and run: motcua sync --once",
)
RESERVE_WITHDRAWN = Message(
    "Mã hồ sơ: trung tâm đã từ chối một mã trong dải số dự phòng của quầy này ngày {day} (cơ"
    " quan {agency}), nên quầy không cấp tiếp từ dải đó trong ngày, và không còn số nào trung"
    " tâm đã cấp; chưa thể cấp mã cho hồ sơ. Cán bộ IT xem lý do (motcua sync --status) và"
    " chạy lệnh: motcua sync --once",
    "Dossier code: the centre refused a code of this counter's reserve of serials on {day}"
    " (agency {agency}), so the counter numbers no more from it that day, and no leased"
    " serial is left; no dossier can be given a code. IT staff read why (motcua sync"
    " --status) and run: motcua sync --once",
)
_NUMBERING_REFUSALS = {
    ReserveUnavailable.NOT_REGISTERED: NO_RESERVE_REGISTERED,
    ReserveUnavailable.BEFORE_VALID: RESERVE_NOT_YET_VALID,
    ReserveUnavailable.WITHDRAWN: RESERVE_WITHDRAWN,
}


PASSWORD_IN_URL = Message(
    "--url: URL không được chứa mật khẩu (mật khẩu sẽ nằm lộ trong cơ sở dữ liệu của quầy"
    " và trong lịch sử lệnh); bỏ mật khẩu khỏi URL và lưu nó bằng lệnh:"
    " motcua sync --url URL --password-from TỆP (hoặc --password-from - để gõ vào hoặc đọc"
    " từ đầu vào chuẩn)",
    "--url: the URL must not hold the password (it would lie in clear in the counter's"
    " store and in the command history); take it out of the URL and store it with:"
    " motcua sync --url URL --password-from FILE (or --password-from - to type it or read"
    " it from standard input)",
)
UNVERIFIED_CENTRE = Message(
    "--url: cơ sở dữ liệu trung tâm ở máy {host} phải được kết nối qua TLS có kiểm tra"
    " chứng chỉ và tên máy: thêm ?sslmode=verify-full&sslrootcert=TỆP_CA vào URL; hoặc,"
    " nếu cán bộ IT chấp nhận rủi ro, cho phép riêng máy đó: --allow-unverified-host {host}",
    "--url: the central database at {host} must be reached over TLS with its certificate"
    " and host name checked: add ?sslmode=verify-full&sslrootcert=CA_FILE to the URL; or, if"
    " IT staff accept the risk, allow that host alone: --allow-unverified-host {host}",
)
NO_URL_FOR_PASSWORD = Message(
    "--password-from: chưa đặt cơ sở dữ liệu trung tâm; đưa kèm --url URL",
    "--password-from: no central database configured; give --url URL with it",
)


FETCH_FAILED = Message(
    "không lấy được hồ sơ {code} từ cơ sở dữ liệu trung tâm: {reason}",
    "dossier {code} could not be fetched from the central database: {reason}",
)


class SyncSettingRefused(Refusal, ValueError):
    """A sync setting the counter cannot use; the message names it and what is expected."""


class ReserveSettingRefused(PolicyRefusal):
    """A counter setting that no longer matches the reserve the centre registered."""


class NoOfflineReserve(PolicyRefusal):
    """The counter may not number from its offline reserve now; the message says why."""


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    central: str | None  # the central database's URL, password hidden
    pending: int  # operations not yet at the centre
    held: int  # of those, waiting behind a rejected operation of the same dossier
    rejected: tuple[Rejected, ...]  # refused by the centre, with its reason
    last_success_at: dt.datetime | None  # server time (UTC) of the last good round
    last_error: str | None
    last_error_at: dt.datetime | None  # the counter's clock
    offline_for: dt.timedelta | None  # since the last good round; None: never synced
    offline_warning: bool  # offline longer than offline_warning_minutes
    # The centre is on another machine and reached without its certificate checked
    # (allowed by IT staff): the status bar says so.
    unverified: bool = False
    # The offline reserve the centre registered for this counter: number, first, last.
    reserve: tuple[int, int, int] | None = None
    # Status changes of a dossier another counter (or the centre) made too, met by sync and
    # recorded for the supervisor (``hand-over-clash`` in the trail); never merged. Read
    # only when asked for (``sync_status(with_clashes=True)``).
    clashes: tuple[Clash, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["offline_for_minutes"] = (
            None if self.offline_for is None else int(self.offline_for.total_seconds() // 60)
        )
        del data["offline_for"]
        return data


def configure_sync(
    store: Store,
    *,
    url: str | None = None,
    offline_warning_minutes: int | None = None,
    password: str | None = None,
    allow_unverified_host: str | None = None,
    secrets: CentralSecrets | None = None,
) -> str | None:
    """Set the central database (a ``postgresql://`` URL without password), its password
    (kept in ``secrets``, by default the data folder's), the one host allowed without TLS
    checks, and the offline warning threshold. Returns where the password was kept."""
    if url is not None:
        check_url(url)
        if password_in(url) is not None:
            raise SyncSettingRefused(PASSWORD_IN_URL)
    state = local_sync_state(store)
    target = url if url is not None else state.central_url
    allowed = allow_unverified_host if allow_unverified_host is not None else state.unverified_host
    if url is not None and unverified_host(url) not in (None, allowed):
        raise SyncSettingRefused(UNVERIFIED_CENTRE, host=unverified_host(url))
    if offline_warning_minutes is not None and offline_warning_minutes < 1:
        raise SyncSettingRefused(OFFLINE_WARNING_TOO_SHORT, value=offline_warning_minutes)
    if (
        offline_warning_minutes is not None
        and offline_warning_minutes > MAX_OFFLINE_WARNING_MINUTES
    ):
        raise SyncSettingRefused(
            OFFLINE_WARNING_TOO_LONG,
            most=MAX_OFFLINE_WARNING_MINUTES,
            value=offline_warning_minutes,
        )
    kept_in = None
    if password is not None:
        if target is None:
            raise SyncSettingRefused(NO_URL_FOR_PASSWORD)
        kept_in = (secrets or secrets_of(store)).save(target, password)
    configure_central(
        store,
        url=url,
        offline_warning_minutes=offline_warning_minutes,
        unverified_host=allow_unverified_host,
    )
    return kept_in


def sync_status(
    store: Store, now: dt.datetime | None = None, *, with_clashes: bool = False
) -> SyncStatus:
    """Local only: never waits for the network. ``with_clashes``: list the clashes too (the
    supervisor's view; they are read from the audit trail)."""
    now = now or dt.datetime.now()
    state = local_sync_state(store, with_clashes=with_clashes)
    offline_for = (
        max(now - state.last_success_local, dt.timedelta()) if state.last_success_local else None
    )
    threshold = dt.timedelta(minutes=state.offline_warning_minutes)
    configured = bool(state.central_url)
    warning = configured and (
        offline_for > threshold if offline_for is not None else state.counts.pending > 0
    )
    return SyncStatus(
        configured=configured,
        central=redacted(state.central_url) if state.central_url else None,
        pending=state.counts.pending,
        held=state.counts.held,
        rejected=state.rejected,
        last_success_at=state.last_success_at,
        last_error=state.last_error,
        last_error_at=state.last_error_local,
        offline_for=offline_for,
        offline_warning=warning,
        unverified=configured
        and state.central_url is not None
        and unverified_host(state.central_url) is not None,
        reserve=None
        if state.reserve is None
        else (state.reserve.counter_number, state.reserve.first, state.reserve.last),
        clashes=state.clashes,
    )


def counter_identity(settings: Settings) -> CounterIdentity:
    """What the counter registers as: its counter number and the size of reserve it asks for."""
    return CounterIdentity(
        settings.agency_code, settings.counter_number, settings.serial_block_size
    )


def check_reserve_settings(data_dir: Path, settings: Settings) -> None:
    """Refuse counter settings that no longer match the reserve the centre registered for
    this counter (its number and size); nothing to check before it registered.

    Reads the store read-only (``motcua settings set`` and the settings window call it
    before saving), so checking never creates or upgrades a store.
    """
    reserve = registered_reserve_in(data_dir / STORE_FILE)
    if reserve is None:
        return
    for name, registered in (
        ("counter_number", reserve.counter_number),
        ("serial_block_size", reserve.size),
    ):
        value = settings.value(name)
        if value != registered:
            raise ReserveSettingRefused(
                RESERVE_SETTING_REFUSED,
                label=option(name).label_in(current_language()),
                counter=reserve.counter_number,
                first=reserve.first,
                last=reserve.last,
                size=reserve.size,
                value=value,
            )


def numbering_refusal(error: ReserveUnavailable) -> NoOfflineReserve:
    """What to tell the officer when numbering meets ``ReserveUnavailable``:
    ``raise numbering_refusal(error) from error``."""
    return NoOfflineReserve(
        _NUMBERING_REFUSALS[error.reason], agency=error.agency, day=f"{error.day:%d/%m/%Y}"
    )


def sync_once(store: Store, settings: Settings, photos: PhotoSource | None = None) -> RoundReport:
    """One round now (the command line's ``--once``); raises when it fails, recorded."""
    use_for_connections(store)
    return sync_round(
        store, counter=counter_identity(settings), photos=photos or photo_source(store)
    )


def fetch_point_dossier(store: Store, code: str) -> Fetched | OtherPoint | None:
    """A dossier of this point that another of its counters received, read from the centre
    into the store (``Fetched``); ``OtherPoint`` names the point that received it when it
    is not this point's; None: no central database, or no dossier has this code there.
    ``CentralFailure`` when the centre cannot be reached (nothing written)."""
    state = local_sync_state(store)
    if not state.central_url:
        return None
    use_for_connections(store)
    try:
        with connect(state.central_url, application_name="motcua-fetch") as connection:
            check_compatible(connection)
            return fetch_dossier(connection, store, code)
    except CENTRAL_ERRORS as error:
        raise CentralFailure(FETCH_FAILED, code=code, reason=describe(error)) from error


def retry_rejected(store: Store, op_ids: Sequence[str] | None = None) -> int:
    return retry_rejected_operations(store, op_ids)


class BackgroundSync:
    """Rounds on a daemon thread: at start, every ``interval`` seconds, and on ``sync_now``."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        photos: PhotoSource | None = None,
        interval: float = DEFAULT_INTERVAL_S,
        backoff: Backoff | None = None,
        on_round: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        # Codes whose result became ready (or not granted) by the last good round's pull:
        # what the window tells the officer when ``on_round`` calls it (replaced, never
        # changed in place, so reading it from another thread is safe).
        self.became_ready: tuple[str, ...] = ()
        use_for_connections(store)
        identity = counter_identity(settings)
        source = photos or photo_source(store)

        def run() -> None:
            try:
                report = sync_round(store, counter=identity, photos=source)
                self.became_ready = tuple(report.pulled.became_ready)
            finally:
                if on_round is not None:
                    on_round()  # e.g. the window refreshes its status line

        self._worker = SyncWorker(run, interval=interval, backoff=backoff)

    def start(self) -> None:
        self._worker.start()

    def sync_now(self) -> None:
        self._worker.sync_now()

    def status(self) -> SyncStatus:
        return sync_status(self.store)

    def stop(self, timeout: float | None = 5.0) -> bool:
        return self._worker.stop(timeout)
