"""The installers name what the frozen build makes: the Inno Setup script (which cannot be
built here), the Linux menu entry and install script, and ``dev.py build``'s tarball."""

from __future__ import annotations

import re
import tarfile
import tomllib
from pathlib import Path, PureWindowsPath

import dev

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"
ISS = INSTALLERS / "motcua.iss"
SPEC = INSTALLERS / "motcua.spec"
LINUX = INSTALLERS / "linux"
# PyInstaller 6 puts everything but the executables in this folder of a one-folder build.
CONTENTS = "_internal"


def iss_sections(text: str) -> dict[str, list[str]]:
    """Each [Section]'s lines, comments and blank lines left out (the [Code] is kept whole)."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        heading = re.fullmatch(r"\[(\w+)\]", stripped)
        if heading:
            current = heading.group(1)
            sections[current] = []
        elif current and stripped and not stripped.startswith(";"):
            sections[current].append(stripped)
    return sections


def iss_entry(line: str) -> dict[str, str]:
    """``Name: "x"; Flags: a b`` → {"Name": "x", "Flags": "a b"} ("" inside quotes is ")."""
    fields = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
    return {key: value.strip().strip('"').replace('""', '"') for key, value in fields}


def spec_executables() -> set[str]:
    """The Windows executables the spec builds: ``NAME`` and ``NAME-window``."""
    text = SPEC.read_text(encoding="utf-8")
    name = re.search(r'^NAME = "([^"]+)"', text, re.MULTILINE)
    assert name, "the spec names its program"
    assert "executable(NAME, console=True)" in text
    assert 'executable(f"{NAME}-window", console=False)' in text
    assert "contents_directory" not in text  # the default, _internal
    return {f"{name.group(1)}.exe", f"{name.group(1)}-window.exe"}


def test_the_inno_setup_script_installs_the_whole_frozen_folder() -> None:
    sections = iss_sections(ISS.read_text(encoding="utf-8"))
    executables = spec_executables()
    installed: set[str] = set()
    for line in sections["Files"]:
        entry = iss_entry(line)
        source = PureWindowsPath(entry["Source"])
        # Relative to the script: ..\dist\motcua\<what the spec's COLLECT wrote>.
        assert source.parts[:3] == ("..", "dist", "motcua"), source
        inside = PureWindowsPath(*source.parts[3:])
        if inside.name == "*":
            assert inside.parent == PureWindowsPath(CONTENTS)
            assert "recursesubdirs" in entry["Flags"].split()
            assert entry["DestDir"] == rf"{{app}}\{CONTENTS}"
            installed.add(CONTENTS)
        else:
            assert str(inside) in executables, inside
            assert entry["DestDir"] == "{app}"
            installed.add(str(inside))
    # Every executable and the contents folder, and nothing the build does not make.
    assert installed == executables | {CONTENTS}
    # The program's data is inside _internal, where the spec puts it: the package data
    # pyproject.toml declares (the catalogue, both migration trees…) and the translations.
    spec = SPEC.read_text(encoding="utf-8")
    assert "*package_data()," in spec and 'tree("ui/i18n", "*.qm")' in spec
    with (ROOT / "pyproject.toml").open("rb") as stream:
        declared = tomllib.load(stream)["tool"]["setuptools"]["package-data"]
    assert "data/*/*.toml" in declared["app.catalogue"]
    assert {"migrations/versions/*.py", "central/migrations/versions/*.py"} <= set(declared["db"])


def test_the_start_menu_starts_what_is_installed() -> None:
    sections = iss_sections(ISS.read_text(encoding="utf-8"))
    executables = spec_executables()
    targets = [iss_entry(line)["Filename"] for line in sections["Icons"]]
    program_targets = [target for target in targets if target.startswith("{app}")]
    assert program_targets, targets
    for target in program_targets:
        assert PureWindowsPath(target).name in executables
    # The window without a console; the self-test in a console that stays open.
    assert targets[0] == r"{app}\motcua-window.exe"
    selftest = [iss_entry(line) for line in sections["Icons"] if "selftest" in line]
    assert selftest and selftest[0]["Parameters"] == r'/k "{app}\motcua.exe" selftest'
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert (INSTALLERS / setup["SetupIconFile"]).is_file()
    assert setup["PrivilegesRequired"] == "admin"  # per machine
    assert setup["DefaultDirName"] == r"{autopf}\motcua"


def test_uninstalling_keeps_the_data_unless_asked() -> None:
    code = "\n".join(iss_sections(ISS.read_text(encoding="utf-8"))["Code"])
    assert r"ExpandConstant('{localappdata}\motcua')" in code
    assert "MB_DEFBUTTON2" in code  # "No" is the default answer
    assert "{param:DELETEDATA|no}" in code
    assert "not UninstallSilent" in code


def test_the_linux_menu_entry_and_install_script_agree() -> None:
    desktop = dict(
        line.split("=", 1)
        for line in (LINUX / "motcua.desktop").read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    script = (LINUX / "install.sh").read_text(encoding="utf-8")
    prefix = re.search(r"^PREFIX=(\S+)$", script, re.MULTILINE)
    assert prefix
    assert desktop["Exec"] == f"{prefix.group(1)}/motcua"
    assert (LINUX / f"{desktop['Icon']}.png").is_file()
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"


def test_the_tarball_holds_the_frozen_folder_and_the_desktop_files(tmp_path: Path) -> None:
    """``dev.py build``'s last step, on a stand-in for the frozen folder."""
    frozen = tmp_path / "dist" / "motcua"
    (frozen / CONTENTS).mkdir(parents=True)
    (frozen / "motcua").write_bytes(b"\x7fELF")
    (frozen / CONTENTS / "libQt6Core.so.6").write_bytes(b"x" * 10)
    (frozen / CONTENTS / "libQt6Core.so").symlink_to("libQt6Core.so.6")
    tarball = dev.make_tarball(ROOT, frozen)
    version = dev.project_version(ROOT)
    assert tarball.name.startswith(f"motcua-{version}-linux-") and tarball.name.endswith(".tar.gz")
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
        install = archive.getmember("motcua/install.sh")
    assert {"motcua/motcua", "motcua/motcua.desktop", "motcua/motcua.png"} <= names
    assert install.mode & 0o111  # still executable once unpacked
    # A symbolic link is counted once in the size the build reports.
    assert dev.folder_size(frozen) == 4 + 10
