"""Start-up: the window to its sign-in dialog and to its main window, and the light commands.

Whole processes, as an officer starts them, each timed from launch to the moment it says
so: a window when its dialog is first painted (it prints a line; the time the line arrives
is taken), a command when it exits. The baselines run interleaved with the measured
processes, so a busy machine slows both: a bare PySide6 QMainWindow with one label for the
windows, ``python -c "import pydantic"`` for the commands (issue 19's table).

The windows run offscreen (``QT_QPA_PLATFORM``). The probe of a window is this file run
with ``--probe signin|window``: it starts the counter window as ``motcua`` does, with an
event filter that notices the first paint of the sign-in dialog, and for ``window`` signs
in (typing the bench's officer into the dialog) and notices the main window's first paint.
Nothing in the program knows it is measured.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from harness import emit

REPEAT = 5
GIVE_UP_SECONDS = 120
PAINTED = "painted"
LOGIN = "bench.it"
PASSWORD = "mat-khau-cua-bench-2026"
DUE = ["due", "--procedure", "doi-gtvt", "--received", "2026-02-13 10:00"]

BARE_WINDOW = f"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("motcua"))


class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is window:
            print("{PAINTED}", flush=True)
            os._exit(0)
        return False


probe = Probe()
app.installEventFilter(probe)
window.show()
app.exec()
"""
MOTCUA = "import sys; from app.cli.main import main; sys.exit(main())"


def probe(mode: str) -> None:
    """In the probe's process: the counter window, as ``motcua`` with no command starts it."""
    import ui.application
    from ui.qt import QEvent, QObject, QTimer

    class Probe(QObject):
        signing_in = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() != QEvent.Type.Paint:
                return False
            # By class name: importing the main window here would load it before its time.
            painted = type(watched).__name__
            if painted == "SignInDialog" and mode == "signin":
                done()
            elif painted == "SignInDialog" and not self.signing_in:
                self.signing_in = True
                dialog = watched
                QTimer.singleShot(0, lambda: sign_in(dialog))
            elif painted == "MainWindow":
                done()
            return False

    def sign_in(dialog: QObject) -> None:
        form = dialog.form  # type: ignore[attr-defined]
        form.login.setText(LOGIN)
        form.password.setText(PASSWORD)
        form.attempt()

    def done() -> None:
        print(PAINTED, flush=True)
        os._exit(0)  # the time to the paint is measured, not the shutdown

    create = ui.application.create_application

    def create_watched(argv: list[str], language: str) -> object:
        app = create(argv, language)
        app.installEventFilter(watcher)
        return app

    watcher = Probe()
    ui.application.create_application = create_watched  # type: ignore[assignment]
    sys.exit(ui.application.run_counter_window())


def until_painted(argv: list[str], environ: dict[str, str]) -> float:
    """Seconds from launching ``argv`` to its line saying it painted."""
    start = time.perf_counter()
    with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=environ) as process:
        # A window that never paints (a dialog the probe does not expect) is ended, and said.
        watchdog = threading.Timer(GIVE_UP_SECONDS, process.kill)
        watchdog.start()
        try:
            assert process.stdout is not None
            for line in process.stdout:
                if line.strip() == PAINTED:
                    elapsed = time.perf_counter() - start
                    process.kill()
                    return elapsed
        finally:
            watchdog.cancel()
        raise RuntimeError(f"{argv[1:4]} ended without painting (exit {process.wait()})")


def until_exit(argv: list[str], environ: dict[str, str]) -> float:
    """Seconds from launching ``argv`` to its exit (0 expected)."""
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, env=environ, check=True)
    return time.perf_counter() - start


def counter_folder(folder: Path) -> Path:
    """A counter set up, with its store and one IT account, as after the first start."""
    import datetime as dt

    from app.officers.accounts import add_account
    from app.officers.identity import Role
    from app.settings import Settings, save_settings
    from app.store_ops import open_store

    settings = Settings.defaults().with_values(
        {
            "agency_code": "000.17.22.H56",
            "receiving_point": "252 Lý Chính Thắng, phường 9, quận 3",
            "counter_number": 1,
            "agency_name": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
            "place_name": "Thành phố Hồ Chí Minh",
        }
    )
    folder.mkdir()
    save_settings(folder, settings)
    store = open_store(folder, settings)
    try:
        add_account(
            store,
            None,
            LOGIN,
            "Cán bộ đo",
            Role.IT,
            PASSWORD,
            minimum_length=settings.password_min_length,
            now=dt.datetime.now(),
        )
    finally:
        store.close()
    return folder


Timer = Callable[[list[str], dict[str, str]], float]


def medians(rows: dict[str, tuple[Timer, list[str]]], environ: dict[str, str]) -> dict[str, float]:
    """The median of ``REPEAT`` runs of each row, the rows taking turns in every round."""
    times: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(REPEAT):
        for name, (timer, argv) in rows.items():
            times[name].append(timer(argv, environ))
    return {name: statistics.median(found) for name, found in times.items()}


def main() -> None:
    python = sys.executable
    here = str(Path(__file__).resolve())
    with tempfile.TemporaryDirectory(prefix="motcua-bench-startup-") as temporary:
        folder = counter_folder(Path(temporary) / "counter")
        fresh = Path(temporary) / "fresh"  # a folder without a store yet
        fresh.mkdir()
        environ = {
            **os.environ,
            "MOTCUA_DATA_DIR": str(folder),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONUTF8": "1",
        }
        found = medians(
            {
                "bare window": (until_painted, [python, "-c", BARE_WINDOW]),
                "sign-in": (until_painted, [python, here, "--probe", "signin"]),
                "main window": (until_painted, [python, here, "--probe", "window"]),
                "pydantic": (until_exit, [python, "-c", "import pydantic"]),
                "catalog": (until_exit, [python, "-c", MOTCUA, "catalog"]),
                "due": (until_exit, [python, "-c", MOTCUA, *DUE]),
                "due, no store": (
                    until_exit,
                    [python, "-c", MOTCUA, *DUE, "--data-dir", str(fresh)],
                ),
            },
            environ,
        )
    window, pydantic = found["bare window"], found["pydantic"]
    for name, row, baseline in (
        ("start to the sign-in dialog painted (vs a bare window)", "sign-in", window),
        (
            "start to the main window painted after sign-in (vs a bare window)",
            "main window",
            window,
        ),
        ("motcua catalog, whole process (vs import pydantic)", "catalog", pydantic),
        ("motcua due, whole process (vs import pydantic)", "due", pydantic),
        (
            "motcua due, a folder without a store yet (vs import pydantic)",
            "due, no store",
            pydantic,
        ),
    ):
        emit(name, found[row], "s", baseline)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--probe"]:
        probe(sys.argv[2])
    else:
        main()
