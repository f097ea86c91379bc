from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.dossier.request import DossierRequest
from app.dossier_code import counter_block
from app.officers.identity import Officer, Role
from app.permissions import Authority
from app.reception import Counter, Timetable
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
AGENCY = "000.17.22.H56"


def example_request(name: str = "doi-gtvt", **applicant: str) -> DossierRequest:
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    data["applicant"].update(applicant)
    return DossierRequest.model_validate(data)


# The officer who receives in these tests: the name printed, the login recorded.
RECEIVING_OFFICER = Officer("hoa.nt", "Nguyễn Thị Hoa", Role.OFFICER)


def counter(
    number: int = 1, block_size: int = 500, officer: Officer = RECEIVING_OFFICER
) -> Counter:
    return Counter(
        agency_code=AGENCY,
        receiving_point="252 Lý Chính Thắng, phường 9, quận 3",
        counter_number=number,
        authority=Authority(officer),
        serials=counter_block(number, block_size),
    )


@pytest.fixture(scope="session")
def timetable() -> Timetable:
    return Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.in_data_dir(tmp_path)
    yield opened
    opened.close()
