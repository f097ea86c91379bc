"""Memory over a day at the counter: RSS growth per reception with a photo, in the real window.

The main window (offscreen) receives applicants as tests/ui/test_window_memory.py does:
keyboard, the card's QR, the photo from the recorded webcam (F5, F6), F9, BM 01 printed
to a PDF file from its preview, Ctrl+N. After a few receptions that make what is made
once a day (fonts, the printer setup, caches), the resident set is read before and after
50 more: what each reception keeps is the growth divided by 50. No baseline: the goal
(issue 19) is an absolute 0.2 MB, the size of a few rows and not of a preview's pages.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from pathlib import Path

# Before Qt is imported: the window is measured without a display, as the tests run it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The receptions are the tests' own (tests/ui): the repository's tests package, first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import emit
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from app.catalogue.loader import load_catalogue_for
from app.counter import CounterSession
from app.settings import Settings, save_settings
from camera.sources import video_file
from db.store import Store
from tests.accounts import SUPERVISOR, add_officers
from tests.camera.portraits import write_clip
from tests.ui.conftest import MONDAY_0910
from tests.ui.test_whole_dossiers import WatchedOfficer
from tests.ui.test_window_memory import SCREEN, receive_one
from ui.main_window import MainWindow
from ui.qt import QApplication

WARM_UP = 5
RECEPTIONS = 50


def rss_mb() -> float:
    """The process's resident set now (Linux /proc; the bench machine's), in MB."""
    resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    # What pytest-qt's plugin does when pytest starts (the library is untyped).
    qt_api.set_qt_api("pyside6")  # type: ignore[no-untyped-call]
    app = QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        settings = (
            Settings.defaults()
            .with_value("agency_code", "000.17.22.H56")
            .with_value("agency_name", "Sở Giao thông vận tải Thành phố Hồ Chí Minh")
            .with_value("place_name", "Thành phố Hồ Chí Minh")
        )
        save_settings(folder, settings)
        store = Store.in_data_dir(folder)
        add_officers(store, quick=True)
        session = CounterSession(folder, settings, SUPERVISOR, store)
        clip = write_clip(folder / "applicant.avi", frames=90)
        catalogue = load_catalogue_for(MONDAY_0910.date())
        window = MainWindow(
            catalogue, session, now=lambda: MONDAY_0910, camera=lambda _device: video_file(clip)
        )
        window.show()
        window.resize(*SCREEN)
        window.activateWindow()
        # pytest-qt's bot outside pytest: its key clicks and waits need no fixture request.
        bot = QtBot(None)  # type: ignore[arg-type]
        bot.waitUntil(lambda: QApplication.activeWindow() is window)
        officer = WatchedOfficer(bot, window)
        out = folder / "bm01.pdf"
        for _ in range(WARM_UP):
            receive_one(officer, catalogue, out)
        gc.collect()
        before = rss_mb()
        for _ in range(RECEPTIONS):
            receive_one(officer, catalogue, out)
        gc.collect()
        after = rss_mb()
        emit(
            f"RSS growth per reception with photo ({RECEPTIONS}, window)",
            (after - before) / RECEPTIONS,
            "MB",
        )
        emit("RSS after the warm-up receptions", before, "MB")
        # Ctrl+N keeps the procedure for the next applicant: nothing on screen, the window
        # closes without asking (a question box would wait forever offscreen).
        window.reception.picker.reset()
        window.close()
        store.close()
    del app


if __name__ == "__main__":
    main()
