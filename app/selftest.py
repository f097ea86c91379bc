"""``motcua selftest``: does this installation do the counter's work, on this PC?

IT staff run it after installing (support asks for its output): each step does for
real what the counter does, in a temporary folder that is removed afterwards, and
touches nothing of the counter's own data folder:

- ``window``: the main window opens and closes (offscreen when no display is given),
  with the compiled translation of the window;
- ``store``: a new dossier store is made and migrated to the newest schema;
- ``procedures``: the example request of every procedure of the catalogue in force is
  evaluated;
- ``bm01``: BM 01 is rendered, rasterised the way the print preview does it (PDFium), and
  its Code 128 barcode and QR code are read back as the dossier code;
- ``photo``: every photo check passes on a portrait shipped with the program (or on
  the image IT staff give with ``--photo``).

Each step is timed and reported as it ends; a failed step does not stop the others.
Nothing from Qt is imported at the top of this module: only the window step needs it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.i18n import Message, OfficerError
from app.settings import Settings, save_settings

# A step failed: documented in docs/exit-codes.md.
EXIT_SELFTEST_FAILED = 8

PACKAGE_DIR = Path(__file__).resolve().parent
# The program's folder: the work tree from source, the unpacked bundle when frozen.
PROGRAM_DIR = PACKAGE_DIR.parent
EXAMPLES_DIR = PROGRAM_DIR / "docs" / "examples"
SELFTEST_PORTRAIT = PACKAGE_DIR / "selftest_data" / "portrait.jpg"

WINDOW = Message("Mở và đóng cửa sổ chính", "Open and close the main window")
STORE = Message("Tạo và nâng cấp kho hồ sơ mới", "Create and migrate a new dossier store")
PROCEDURES = Message("Kiểm tra hồ sơ mẫu của từng thủ tục", "Check each procedure's example")
BM01 = Message("In BM 01 và đọc lại mã vạch, mã QR", "Render BM 01, read its barcode and QR back")
PHOTO = Message("Kiểm tra ảnh chân dung mẫu", "Run the photo checks on a portrait")

WINDOW_DONE = Message(
    "nền tảng {platform}, ngôn ngữ {interface}", "platform {platform}, language {interface}"
)
WINDOW_NOT_SHOWN = Message("cửa sổ chính không hiện ra", "the main window did not show")
TRANSLATION_MISSING = Message(
    "thiếu bản dịch đã biên dịch {file}", "the compiled translation {file} is missing"
)
STORE_DONE = Message("lược đồ {revision}", "schema revision {revision}")
STORE_NOT_READ = Message(
    "không đọc được lược đồ của kho vừa tạo {path}",
    "the schema revision of the new store {path} cannot be read",
)
PROCEDURES_DONE = Message(
    "{count} thủ tục của danh mục {version}: {verdicts}",
    "{count} procedures of catalogue {version}: {verdicts}",
)
NO_EXAMPLE = Message(
    "thiếu hồ sơ mẫu {file} của thủ tục {procedure}",
    "the example {file} of procedure {procedure} is missing",
)
EXAMPLE_REFUSED = Message("{file}: hồ sơ mẫu bị từ chối: {reason}", "{file}: refused: {reason}")
BM01_DONE = Message("Code 128 và QR đọc được {code}", "Code 128 and QR read back as {code}")
BM01_CODES_WRONG = Message(
    "mã đọc lại {found}, cần Code 128 và QR đều là {code}",
    "read back {found}; Code 128 and QR should both be {code}",
)
PHOTO_DONE = Message("{count} phép kiểm tra đều đạt", "all {count} checks passed")
PHOTO_FAILED = Message("chưa đạt: {checks}", "failed: {checks}")
PHOTO_FACES = Message(
    "{path}: cần đúng một khuôn mặt, thấy {count}", "{path}: one face needed, found {count}"
)
FAULT = Message("lỗi {kind}{where}", "fault {kind}{where}")

HEADER = Message("motcua {version}: tự kiểm tra", "motcua {version}: self-test")
SUMMARY_PASSED = Message(
    "Đạt: {passed}/{total} bước ({seconds:.1f} giây)",
    "Passed: {passed} of {total} steps ({seconds:.1f} s)",
)
SUMMARY_FAILED = Message(
    "KHÔNG ĐẠT: {failed}/{total} bước ({seconds:.1f} giây)",
    "FAILED: {failed} of {total} steps ({seconds:.1f} s)",
)


class StepFailed(OfficerError):
    """What a step found wrong, in the chosen language."""


@dataclass(frozen=True)
class Step:
    name: str  # stable, for scripts and support: window, store, procedures, bm01, photo
    title: Message
    # Does the work in the given empty folder; returns what it found, raises when it failed.
    run: Callable[[Path], str]


@dataclass(frozen=True)
class StepResult:
    name: str
    title: str
    passed: bool
    seconds: float
    detail: str

    def as_dict(self) -> dict[str, object]:
        return {
            "step": self.name,
            "passed": self.passed,
            "seconds": round(self.seconds, 3),
            "detail": self.detail,
        }


def default_steps(photo: Path | None = None) -> list[Step]:
    """The five steps, in order; ``photo``: the image for the photo checks, if not the
    shipped portrait."""
    return [
        Step("window", WINDOW, window_step),
        Step("store", STORE, store_step),
        Step("procedures", PROCEDURES, procedures_step),
        Step("bm01", BM01, bm01_step),
        Step("photo", PHOTO, lambda folder: photo_step(photo or SELFTEST_PORTRAIT)),
    ]


def run_steps(
    steps: Sequence[Step],
    report: Callable[[StepResult], None],
    clock: Callable[[], float] = time.perf_counter,
) -> list[StepResult]:
    """Run every step, each in its own temporary folder, reporting each as it ends."""
    results = []
    for step in steps:
        start = clock()
        try:
            # A file Windows still holds open must not turn a passed step into a failed one.
            with tempfile.TemporaryDirectory(
                prefix=f"motcua-selftest-{step.name}-", ignore_cleanup_errors=True
            ) as folder:
                detail, passed = step.run(Path(folder)), True
        except Exception as error:  # a failed step is reported, and the next one runs
            detail, passed = describe(error), False
        result = StepResult(step.name, step.title(), passed, clock() - start, detail)
        report(result)
        results.append(result)
    return results


def describe(error: Exception) -> str:
    """A step's failure for IT staff: the program's own sentence, or the fault's kind with
    the module or file it concerns (what a frozen build most often lacks)."""
    if isinstance(error, OfficerError):
        return str(error)
    where = ""
    if isinstance(error, ImportError) and error.name:
        where = f": {error.name}"
    elif isinstance(error, OSError) and error.filename:
        where = f": {error.filename}"
    return FAULT(kind=type(error).__name__, where=where)


# ------------------------------------------------------------------------------- steps


def _counter_settings() -> Settings:
    """A counter set up as the set-up assistant would leave it (the papers need its names)."""
    return (
        Settings.defaults()
        .with_value("agency_code", "000.00.00.H00")
        .with_value("agency_name", "Sở Giao thông vận tải (tự kiểm tra)")
        .with_value("place_name", "Hà Nội")
    )


def store_step(folder: Path) -> str:
    from app.about import store_revision
    from app.store_ops import open_store
    from db.store import STORE_FILE

    settings = _counter_settings()
    save_settings(folder, settings)
    # Opening migrates the new store to the newest schema this program has, or raises.
    open_store(folder, settings).close()
    revision = store_revision(folder / STORE_FILE)
    if revision is None:
        raise StepFailed(STORE_NOT_READ(path=folder / STORE_FILE))
    return STORE_DONE(revision=revision)


def window_step(folder: Path) -> str:
    from app.catalogue.loader import load_catalogue_for
    from app.counter import CounterSession
    from app.i18n import current_language
    from app.officers.identity import Officer, Role
    from app.store_ops import open_store

    use_offscreen_without_display()
    # Qt is imported only here: every other step runs where Qt cannot.
    from ui.main_window import MainWindow
    from ui.qt import QApplication
    from ui.qt_logging import route_qt_messages_to_logging
    from ui.translation import install_language, remove_language

    language = current_language()
    qt_app = QApplication.instance()
    if not isinstance(qt_app, QApplication):
        route_qt_messages_to_logging()
        qt_app = QApplication([sys.argv[0]])
    # The window's language as the counter starts it; taken off again afterwards, so that
    # a program running the self-test inside its own QApplication keeps its language.
    translator = install_language(qt_app, language)
    try:
        if language != "en" and translator is None:
            raise StepFailed(TRANSLATION_MISSING(file=f"ui/i18n/motcua_{language}.qm"))
        settings = _counter_settings()
        save_settings(folder, settings)
        store = open_store(folder, settings)
        try:
            officer = Officer("selftest", "Tự kiểm tra", Role.IT)
            session = CounterSession(folder, settings, officer, store)
            window = MainWindow(load_catalogue_for(dt.date.today()), session)
            try:
                window.show()
                QApplication.processEvents()
                if not window.isVisible():
                    raise StepFailed(WINDOW_NOT_SHOWN)
            finally:
                window.close()
                QApplication.processEvents()
                window.deleteLater()
        finally:
            store.close()
    finally:
        remove_language(qt_app, translator)
    return WINDOW_DONE(platform=QApplication.platformName(), interface=language)


def use_offscreen_without_display(environ: dict[str, str] | None = None) -> None:
    """Qt's offscreen platform when no display is given (a server, CI, an SSH session):
    a Linux PC with no ``DISPLAY`` nor ``WAYLAND_DISPLAY`` and no ``QT_QPA_PLATFORM``
    chosen. With a display the window really opens, so the platform plugin and the
    system libraries it loads are checked too."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"


def procedures_step(folder: Path) -> str:
    from app.catalogue.loader import load_catalogue_for
    from app.dossier.checking import check_request_text
    from app.dossier.problems import RequestError

    today = dt.date.today()
    catalogue = load_catalogue_for(today)
    verdicts = []
    for procedure in catalogue.procedures:
        example = EXAMPLES_DIR / f"{procedure}.json"
        if not example.is_file():
            raise StepFailed(NO_EXAMPLE(file=example, procedure=procedure))
        try:
            evaluation = check_request_text(example.read_text(encoding="utf-8"), today=today)
        except RequestError as error:
            reason = "; ".join(str(problem) for problem in error.problems)
            raise StepFailed(EXAMPLE_REFUSED(file=example.name, reason=reason)) from error
        verdicts.append(f"{procedure} {evaluation.verdict}")
    return PROCEDURES_DONE(
        count=len(verdicts), version=catalogue.version, verdicts=", ".join(verdicts)
    )


def bm01_step(folder: Path) -> str:
    import numpy as np
    import zxingcpp

    from app.papers.samples import SAMPLE_CODE, render_sample
    from printing.pages import page_images

    settings = _counter_settings()
    pdf = render_sample("bm01", settings)
    (folder / "bm01.pdf").write_bytes(pdf)  # a real file, as a print would be
    # The print preview's rasteriser (PDFium, bundled as a wheel): no poppler on a counter.
    page = next(page_images(pdf, dpi=200))
    found = sorted(
        (code.format.name, code.text) for code in zxingcpp.read_barcodes(np.asarray(page))
    )
    if found != [("Code128", SAMPLE_CODE), ("QRCode", SAMPLE_CODE)]:
        shown = ", ".join(f"{kind} {text}" for kind, text in found) or "—"
        raise StepFailed(BM01_CODES_WRONG(found=shown, code=SAMPLE_CODE))
    return BM01_DONE(code=SAMPLE_CODE)


def photo_step(image: Path) -> str:
    from app.catalogue.model import PhotoBackground
    from camera.analysis import analyse_photo
    from camera.images import read_image_file

    _, frame = read_image_file(image)
    analysis = analyse_photo(frame, PhotoBackground.BLUE)
    if len(analysis.faces) != 1:
        raise StepFailed(PHOTO_FACES(path=image, count=len(analysis.faces)))
    if not analysis.passed:
        failed = "; ".join(f"{check.title()}: {check.message()}" for check in analysis.failed)
        raise StepFailed(PHOTO_FAILED(checks=failed))
    return PHOTO_DONE(count=len(analysis.checks))


# ----------------------------------------------------------------------------- report


def format_result(result: StepResult, width: int) -> str:
    mark = "✓" if result.passed else "✗"
    return f"{mark} {result.name:<{width}} {result.seconds:6.2f} s  {result.title}: {result.detail}"


def summary(results: Sequence[StepResult]) -> str:
    seconds = sum(result.seconds for result in results)
    failed = sum(not result.passed for result in results)
    if failed:
        return SUMMARY_FAILED(failed=failed, total=len(results), seconds=seconds)
    return SUMMARY_PASSED(passed=len(results), total=len(results), seconds=seconds)


def header() -> str:
    from app.about import program_version

    return HEADER(version=program_version())
