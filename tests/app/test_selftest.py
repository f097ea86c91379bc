"""``motcua selftest`` from source: what IT staff run after installing, in its own process.

The frozen program runs the same command in CI (``.ci/run`` after ``dev.py build``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.i18n import Message
from app.selftest import (
    EXIT_SELFTEST_FAILED,
    Step,
    StepFailed,
    run_steps,
    use_offscreen_without_display,
)

STEPS = ["window", "store", "procedures", "bm01", "photo"]


def selftest(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a person runs it on a PC without a display (no ``DISPLAY``, no
    ``QT_QPA_PLATFORM``): the command chooses Qt's offscreen platform itself."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["MOTCUA_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", "selftest", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def test_every_step_passes_from_source(tmp_path: Path) -> None:
    done = selftest(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("motcua ") and lines[0].endswith(": tự kiểm tra")
    steps = [line.split()[1] for line in lines[1:-1]]
    assert steps == STEPS
    assert all(line.startswith("✓ ") for line in lines[1:-1]), done.stdout
    # Each step says its time and what it found.
    window, store, procedures, bm01, photo = lines[1:-1]
    assert " s  Mở và đóng cửa sổ chính: nền tảng offscreen, ngôn ngữ vi" in window
    assert "lược đồ " in store
    assert "9 thủ tục của danh mục qd-4225-2021" in procedures
    assert "Code 128 và QR đọc được 000.17.22.H56-261123-0042" in bm01
    assert photo.endswith("phép kiểm tra đều đạt")
    assert lines[-1].startswith("Đạt: 5/5 bước")
    # The counter's own data folder is not touched.
    assert list(tmp_path.iterdir()) == []


def test_a_failed_step_fails_the_command_and_the_others_still_run(tmp_path: Path) -> None:
    # A photo with nobody in it: the photo step fails, deterministically.
    empty = tmp_path / "empty.jpg"
    backdrop = np.full((540, 720, 3), (220, 160, 60), np.uint8)
    assert cv2.imwrite(str(empty), backdrop)
    done = selftest(tmp_path / "data", "--photo", str(empty), "--json")
    assert done.returncode == EXIT_SELFTEST_FAILED == 8
    report = json.loads(done.stdout)
    assert report["passed"] is False
    outcome = {step["step"]: step["passed"] for step in report["steps"]}
    assert outcome == {
        "window": True,
        "store": True,
        "procedures": True,
        "bm01": True,
        "photo": False,
    }
    photo = report["steps"][-1]
    assert photo["detail"] == f"{empty}: cần đúng một khuôn mặt, thấy 0"
    assert all(step["seconds"] >= 0 for step in report["steps"])
    assert done.stderr.endswith("motcua selftest: bước không đạt: photo\n")


def test_a_photo_that_is_not_there_is_bad_input(tmp_path: Path) -> None:
    done = selftest(tmp_path, "--photo", str(tmp_path / "none.jpg"))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"motcua selftest: --photo: {tmp_path / 'none.jpg'}: không có tệp này\n"


def test_a_step_that_breaks_is_named_with_the_kind_of_fault() -> None:
    def broken(folder: Path) -> str:
        raise ImportError("no module", name="PySide6.QtPrintSupport")

    def refused(folder: Path) -> str:
        raise StepFailed(Message("thiếu {file}", "{file} is missing").text("vi", file="x.qm"))

    reported: list[str] = []
    results = run_steps(
        [Step("one", Message("Một", "One"), broken), Step("two", Message("Hai", "Two"), refused)],
        lambda result: reported.append(result.name),
    )
    assert reported == ["one", "two"]
    assert [(r.passed, r.detail) for r in results] == [
        (False, "lỗi ImportError: PySide6.QtPrintSupport"),
        (False, "thiếu x.qm"),
    ]


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({}, "offscreen"),
        ({"DISPLAY": ":0"}, None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, None),
        ({"QT_QPA_PLATFORM": "xcb"}, "xcb"),
    ],
)
def test_offscreen_only_when_no_display_is_given(
    environ: dict[str, str], platform: str | None
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("a Windows PC always has its display")
    use_offscreen_without_display(environ)
    assert environ.get("QT_QPA_PLATFORM") == platform
