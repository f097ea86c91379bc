"""Comparing two catalogue versions names exactly what changed, by id and label."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.catalogue.diff import ChangeKind, FieldChange, diff_catalogues
from app.catalogue.loader import load_catalogue, shipped_catalogue_dir

SHIPPED = shipped_catalogue_dir() / "qd-4225-2021"
OLD_NAME = "Đơn đề nghị đổi Giấy phép lái xe (theo mẫu)"
NEW_NAME = "Đơn đề nghị cấp đổi giấy phép lái xe (theo mẫu)"


def _edit(file: Path, old: str, new: str, after: str = "") -> None:
    """Replace the first ``old`` that follows ``after`` in ``file``."""
    text = file.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    at = text.index(old, start)
    file.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def _compared_with_shipped(copy: Path) -> list[tuple[str, list[FieldChange]]]:
    difference = diff_catalogues(load_catalogue(SHIPPED), load_catalogue(copy))
    assert difference.manifest == []
    assert difference.added == []
    assert difference.removed == []
    return [(procedure.id, procedure.changes) for procedure in difference.changed]


def test_the_shipped_version_against_itself_has_no_difference() -> None:
    shipped = load_catalogue(SHIPPED)
    assert diff_catalogues(shipped, shipped).no_difference


def test_one_item_renamed_names_exactly_that_item(catalogue_copy: Path) -> None:
    _edit(catalogue_copy / "doi-gtvt.toml", f'name = "{OLD_NAME}"', f'name = "{NEW_NAME}"')
    assert _compared_with_shipped(catalogue_copy) == [
        (
            "doi-gtvt",
            [
                FieldChange(
                    "items[don-de-nghi].name",
                    ChangeKind.CHANGED,
                    f"01. {NEW_NAME}",
                    OLD_NAME,
                    NEW_NAME,
                )
            ],
        )
    ]


def test_comments_and_layout_of_the_files_are_no_difference(catalogue_copy: Path) -> None:
    file = catalogue_copy / "doi-gtvt.toml"
    _edit(file, 'quantity = 1\nforms = ["original"]', 'forms = ["original"] # moved\nquantity = 1')
    shipped = load_catalogue(SHIPPED)
    assert diff_catalogues(shipped, load_catalogue(catalogue_copy)).no_difference


def test_one_procedure_removed_is_named_and_nothing_else(catalogue_copy: Path) -> None:
    _edit(catalogue_copy / "catalogue.toml", '    "doi-du-lich",\n', "")
    (catalogue_copy / "doi-du-lich.toml").unlink()
    shipped = load_catalogue(SHIPPED)
    difference = diff_catalogues(shipped, load_catalogue(catalogue_copy))
    assert [(p.id, p.name) for p in difference.removed] == [
        ("doi-du-lich", shipped.procedure("doi-du-lich").name)
    ]
    assert (difference.manifest, difference.added, difference.changed) == ([], [], [])


def test_one_fee_changed_is_named_by_its_channel(catalogue_copy: Path) -> None:
    file = catalogue_copy / "doi-gtvt.toml"
    _edit(file, "fee_vnd = 135000", "fee_vnd = 115000", after='id = "online"')
    [(procedure, [change])] = _compared_with_shipped(catalogue_copy)
    assert procedure == "doi-gtvt"
    assert (change.path, change.kind, change.old, change.new) == (
        "channels[online].fee_vnd",
        ChangeKind.CHANGED,
        135000,
        115000,
    )
    assert change.label == load_catalogue(SHIPPED).procedure("doi-gtvt").channels[1].name


def test_an_item_removed_does_not_shift_the_items_after_it(catalogue_copy: Path) -> None:
    file = catalogue_copy / "doi-gtvt.toml"
    text = file.read_text(encoding="utf-8")
    start = text.index('[[items]]\nid = "giay-chung-nhan-suc-khoe"')
    end = text.index("[[items]]", start + 1)
    file.write_text(text[:start] + text[end:], encoding="utf-8")
    [(procedure, [change])] = _compared_with_shipped(catalogue_copy)
    assert (procedure, change.path, change.kind) == (
        "doi-gtvt",
        "items[giay-chung-nhan-suc-khoe]",
        ChangeKind.REMOVED,
    )
    assert change.label.startswith("02. Giấy chứng nhận sức khỏe")
    assert change.new is None


def test_a_change_of_the_version_itself_is_reported_apart(catalogue_copy: Path) -> None:
    _edit(
        catalogue_copy / "catalogue.toml",
        "valid_from = 2021-12-17",
        "valid_from = 2022-03-01",
    )
    difference = diff_catalogues(load_catalogue(SHIPPED), load_catalogue(catalogue_copy))
    assert difference.manifest == [
        FieldChange("valid_from", ChangeKind.CHANGED, "", "2021-12-17", "2022-03-01")
    ]
    assert (difference.added, difference.removed, difference.changed) == ([], [], [])


def test_the_json_form_names_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "v"
    shutil.copytree(SHIPPED, copy)
    _edit(copy / "doi-gtvt.toml", f'name = "{OLD_NAME}"', f'name = "{NEW_NAME}"')
    data = diff_catalogues(load_catalogue(SHIPPED), load_catalogue(copy)).as_json()
    assert data["no_difference"] is False
    [procedure] = data["procedures_changed"]
    assert procedure["changes"] == [
        {
            "path": "items[don-de-nghi].name",
            "kind": "changed",
            "label": f"01. {NEW_NAME}",
            "old": OLD_NAME,
            "new": NEW_NAME,
        }
    ]
