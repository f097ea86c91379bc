"""Which catalogue version and days-off table a counter uses, from the shipped files and the
centre's publications as its store holds them (``app.reference_data``)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.catalogue.loader import (
    NoCatalogueInForce,
    content_hash,
    load_catalogue_for,
    read_catalogue_files,
    shipped_catalogue_dir,
)
from app.catalogue.model import CatalogueOrigin
from app.reference_data import overrides_hash, reference_data
from app.workdays import DayKind, load_shipped_overrides
from app.workdays.overrides import shipped_overrides_path
from db.sync.reference_items import Publication

SHIPPED = "qd-4225-2021"
DAY = dt.date(2026, 12, 1)
AT = dt.datetime(2026, 11, 30, 2, 0)


def _files(**changes: tuple[str, str]) -> dict[str, str]:
    """The shipped version's files, each named one with one text replaced."""
    files = read_catalogue_files(shipped_catalogue_dir() / SHIPPED, [])
    for name, (old, new) in changes.items():
        assert old in files[f"{name}.toml"]
        files[f"{name}.toml"] = files[f"{name}.toml"].replace(old, new, 1)
    return files


def _catalogue(key: str, files: dict[str, str], **payload: object) -> Publication:
    body = {"files": files, "content_hash": content_hash(files), **payload}
    return Publication("catalogue", key, json.dumps(body, ensure_ascii=False), 1, AT)


def _holidays(text: str, **payload: object) -> Publication:
    body = {"text": text, "content_hash": overrides_hash(text), "version": "x", **payload}
    return Publication("holidays", "overrides", json.dumps(body, ensure_ascii=False), 1, AT)


def test_without_publications_the_shipped_data_serve() -> None:
    reference = reference_data(())
    catalogue = reference.catalogue_for(DAY)
    assert catalogue.content_hash == load_catalogue_for(DAY).content_hash
    assert catalogue.origin is CatalogueOrigin.SHIPPED
    assert reference.overrides == load_shipped_overrides()
    assert reference.overrides_origin is CatalogueOrigin.SHIPPED
    assert reference.unusable == ()
    with pytest.raises(NoCatalogueInForce):
        reference.catalogue_for(dt.date(2021, 12, 16))


def test_the_centres_version_replaces_the_shipped_one_of_its_id_and_wins_a_tie() -> None:
    renamed = _files(**{"doi-gtvt": ('giao thông vận tải cấp"', 'giao thông vận tải cấp (TT)"')})
    same_id = reference_data([_catalogue(SHIPPED, renamed)])
    catalogue = same_id.catalogue_for(DAY)
    assert (catalogue.version, catalogue.origin) == (SHIPPED, CatalogueOrigin.CENTRE)
    assert catalogue.procedure("doi-gtvt").name.endswith("(TT)")
    assert len(same_id.catalogues) == 1
    # Another id from the same day: one more version, and the centre's is in force.
    other = _files(catalogue=(f'id = "{SHIPPED}"', 'id = "qd-4225-2021-tt"'))
    both = reference_data([_catalogue("qd-4225-2021-tt", other)])
    assert [c.version for c in both.catalogues] == [SHIPPED, "qd-4225-2021-tt"]
    assert both.catalogue_for(DAY).origin is CatalogueOrigin.CENTRE


def test_each_content_is_checked_once() -> None:
    published = [_catalogue(SHIPPED, _files(**{"gv-cap": ("\n", "\n# sửa\n")}))]
    assert reference_data(published).catalogue_for(DAY) is reference_data(published).catalogue_for(
        DAY
    )


@pytest.mark.parametrize(
    ("payload", "rule"),
    [
        ("[]", "not in the form of a publication"),
        (json.dumps({"files": {"catalogue.toml": 1}}), "not in the form of a publication"),
        (
            json.dumps({"files": _files(), "content_hash": "0" * 64}),
            "the content does not match its published hash",
        ),
    ],
    ids=["not an object", "files not text", "hash mismatch"],
)
def test_a_publication_not_in_its_form_is_reported_and_not_used(payload: str, rule: str) -> None:
    reference = reference_data([Publication("catalogue", SHIPPED, payload, 3, AT)])
    assert reference.catalogue_for(DAY).origin is CatalogueOrigin.SHIPPED
    [unusable] = reference.unusable
    assert (unusable.kind, unusable.key, unusable.version) == ("catalogue", SHIPPED, 3)
    assert [problem.rule for problem in unusable.problems] == [rule]
    assert "cần cập nhật chương trình" in unusable.sentence()


def test_a_version_this_program_cannot_read_is_reported_with_the_loaders_problems() -> None:
    newer = _files(**{"gv-cap": ('fact = "', 'fact = "future.')})
    reference = reference_data([_catalogue(SHIPPED, newer)])
    assert reference.catalogue_for(DAY).origin is CatalogueOrigin.SHIPPED
    [unusable] = reference.unusable
    assert unusable.problems[0].file == f"centre/catalogue/{SHIPPED}/gv-cap.toml"
    assert "unknown fact 'future." in unusable.problems[0].rule


def test_the_centres_days_off_replace_the_shipped_table() -> None:
    text = (
        shipped_overrides_path()
        .read_text(encoding="utf-8")
        .replace('version = "', 'version = "tt-', 1)
    )
    text += (
        '\n[[override]]\ndate = 2026-12-02\nkind = "day-off"\nname = "Nghỉ thêm"\n'
        'source = "Thông báo"\n'
    )
    reference = reference_data([_holidays(text)])
    assert reference.overrides_origin is CatalogueOrigin.CENTRE
    assert reference.overrides.version.startswith("tt-")
    assert reference.calendar.day_status(dt.date(2026, 12, 2)).kind is DayKind.EXTRA_DAY_OFF
    assert "tt-" in reference.in_use(DAY)

    broken = reference_data([_holidays(text.replace("format = 1", "format = 2", 1))])
    assert broken.overrides_origin is CatalogueOrigin.SHIPPED
    assert broken.calendar.day_status(dt.date(2026, 12, 2)).kind is DayKind.WORKING_DAY
    [unusable] = broken.unusable
    assert unusable.kind == "holidays"
    assert [problem.rule for problem in unusable.problems] == ["'format' must be 1"]
