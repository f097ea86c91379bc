"""Which data folder the counter uses: --data-dir, then MOTCUA_DATA_DIR, then the platform's."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from app import datadir
from app.datadir import ENV_VAR, DataDirError, default_data_dir, resolve_data_dir


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stands in for the platform folder, so no test writes to the real one."""
    folder = tmp_path / "user-data" / "motcua"
    monkeypatch.setattr(datadir, "default_data_dir", lambda: folder)
    return folder


def test_the_option_wins_over_the_environment(tmp_path: Path, user_dir: Path) -> None:
    chosen = resolve_data_dir(tmp_path / "option", {ENV_VAR: str(tmp_path / "env")})
    assert chosen == tmp_path / "option"
    assert chosen.is_dir()
    assert not (tmp_path / "env").exists()
    assert not user_dir.exists()


def test_the_environment_wins_over_the_platform_folder(tmp_path: Path, user_dir: Path) -> None:
    chosen = resolve_data_dir(None, {ENV_VAR: str(tmp_path / "env" / "nested")})
    assert chosen == tmp_path / "env" / "nested"
    assert chosen.is_dir()
    assert not user_dir.exists()


def test_the_process_environment_is_read_when_none_is_given(
    tmp_path: Path, user_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert resolve_data_dir(None) == tmp_path / "from-env"


@pytest.mark.parametrize("environ", [{}, {ENV_VAR: ""}, {ENV_VAR: "   "}])
def test_without_option_or_variable_the_platform_folder_is_created(
    environ: dict[str, str], user_dir: Path
) -> None:
    # An empty variable is how a .bat file clears it: it means "not set".
    assert resolve_data_dir(None, environ) == user_dir
    assert user_dir.is_dir()


def test_the_platform_folder_is_the_per_user_data_folder() -> None:
    assert default_data_dir() == platformdirs.user_data_path("motcua", appauthor=False)
    assert default_data_dir().name == "motcua"


def test_a_relative_or_home_path_becomes_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_dir: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir(Path("relative")) == tmp_path / "relative"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))  # what Windows expands ~ with
    assert resolve_data_dir(None, {ENV_VAR: "~/counter"}) == tmp_path / "home" / "counter"


def test_an_existing_folder_is_used_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    assert resolve_data_dir(tmp_path) == tmp_path
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "x"


def test_a_file_in_the_way_is_reported_with_where_the_path_came_from(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DataDirError) as caught:
        resolve_data_dir(None, {ENV_VAR: str(blocker)})
    assert str(caught.value) == (
        f"{blocker} (lấy từ {ENV_VAR}): đường dẫn này là một tệp chứ không phải thư mục; "
        "hãy chỉ định thư mục khác hoặc chuyển tệp đó đi"
    )
    assert caught.value.text("en") == (
        f"{blocker} (from {ENV_VAR}): exists but is not a folder; "
        "give another folder or move that file away"
    )
    with pytest.raises(DataDirError, match=r"\(lấy từ --data-dir\): không tạo được thư mục"):
        resolve_data_dir(blocker / "below")
