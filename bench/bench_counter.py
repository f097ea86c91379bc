"""The counter's own time from "accept" to the BM 01 PDF ready, against the render alone.

"Accept" does what the window's worker does on F9: evaluate, compute the due
date, number and commit the dossier (one transaction, fsync'd), then render
BM 01 from what was committed. The baseline renders the same BM 01 from the
same committed dossier, in the same run; the ratio is what receiving adds.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from harness import emit, median_seconds

from app.catalogue.loader import load_catalogue_for
from app.counter import CounterSession
from app.dossier.request import DossierRequest
from app.officers.identity import Officer, Role
from app.papers import render_slip
from app.reception import receive
from app.settings import Settings
from db.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "doi-gtvt.json"
DAY = dt.datetime(2026, 11, 23, 9, 0)
ROUNDS = 30

OFFICER = Officer("hoa.nt", "Nguyễn Thị Hoa", Role.OFFICER)


def main() -> None:
    settings = (
        Settings.defaults()
        .with_value("agency_code", "000.17.22.H56")
        .with_value("agency_name", "Sở Giao thông vận tải Thành phố Hồ Chí Minh")
        .with_value("place_name", "Thành phố Hồ Chí Minh")
    )
    request = DossierRequest.model_validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    catalogue = load_catalogue_for(DAY.date())
    with tempfile.TemporaryDirectory() as folder:
        store = Store.in_data_dir(Path(folder))
        session = CounterSession(Path(folder), settings, OFFICER, store)
        minute = iter(range(10_000))
        dossiers: list[str] = []

        def accept_to_pdf() -> None:
            for _ in range(ROUNDS):
                receipt = receive(
                    request,
                    catalogue=catalogue,
                    timetable=session.timetable(),
                    counter=session.counter(),
                    store=store,
                    received_at=DAY + dt.timedelta(minutes=next(minute)),
                )
                render_slip(store, receipt.dossier_id, "bm01", settings)
                dossiers.append(receipt.dossier_id)

        def render_only() -> None:
            for dossier in dossiers[:ROUNDS]:
                render_slip(store, dossier, "bm01", settings)

        accept = median_seconds(accept_to_pdf, repeat=3, warmup=1) / ROUNDS
        render = median_seconds(render_only, repeat=3, warmup=1) / ROUNDS
        emit("accept to BM 01 ready", accept * 1000, "ms", render * 1000)
        store.close()


if __name__ == "__main__":
    main()
