"""Expiry dates from the validity rules of both laws, on both sides of every boundary: the age
at issue (45/50), the age reached (55/60), 29 February births and issues, 10 and 5 years."""

from __future__ import annotations

import datetime as dt

import pytest

from app.dossier.sex import Sex
from app.licence_classes.dates import is_over_age, reaches_age_on, years_after
from app.licence_classes.loader import shipped_class_data
from app.licence_classes.model import ClassSystem
from app.licence_classes.validity import ClassNotInSystem, IssuedBeforeBirth, expiry_of

D = dt.date
WOMAN, MAN = Sex.FEMALE, Sex.MALE
ANYONE = D(1990, 5, 20)  # a birth date for the classes whose validity ignores it


def _old() -> ClassSystem:
    return shipped_class_data().system("law-23-2008")


def _new() -> ClassSystem:
    return shipped_class_data().system("law-36-2024")


@pytest.mark.parametrize("code", ["A1", "A", "B1"])
def test_unlimited_classes_of_law_36(code: str) -> None:
    assert expiry_of(code, D(2025, 3, 10), ANYONE, MAN, _new()) is None


@pytest.mark.parametrize("code", ["B", "C1"])
def test_ten_year_classes_of_law_36(code: str) -> None:
    assert expiry_of(code, D(2025, 3, 10), ANYONE, WOMAN, _new()) == D(2035, 3, 10)


@pytest.mark.parametrize("code", ["C", "D1", "D2", "D", "BE", "C1E", "CE", "D1E", "D2E", "DE"])
def test_five_year_classes_of_law_36(code: str) -> None:
    assert expiry_of(code, D(2025, 3, 10), ANYONE, MAN, _new()) == D(2030, 3, 10)


@pytest.mark.parametrize("code", ["A1", "A2", "A3"])
def test_unlimited_classes_of_law_23(code: str) -> None:
    assert expiry_of(code, D(2020, 8, 1), ANYONE, WOMAN, _old()) is None


@pytest.mark.parametrize("code", ["A4", "B2"])
def test_ten_year_classes_of_law_23(code: str) -> None:
    assert expiry_of(code, D(2020, 8, 1), ANYONE, MAN, _old()) == D(2030, 8, 1)


@pytest.mark.parametrize("code", ["C", "D", "E", "FB2", "FC", "FD", "FE"])
def test_five_year_classes_of_law_23(code: str) -> None:
    assert expiry_of(code, D(2020, 8, 1), ANYONE, MAN, _old()) == D(2025, 8, 1)


@pytest.mark.parametrize(
    ("issued", "expiry"),
    [
        (D(2010, 1, 10), D(2034, 6, 15)),  # aged 30: until she reaches 55
        (D(2024, 6, 14), D(2034, 6, 15)),  # the day before her 45th birthday: until 55
        (D(2024, 6, 15), D(2034, 6, 15)),  # her 45th birthday: 45, not over it; until 55
        (D(2024, 6, 16), D(2034, 6, 16)),  # the day after: over 45, 10 years from issue
    ],
)
@pytest.mark.parametrize("code", ["B1", "B1-automatic"])
def test_b1_for_a_woman_around_45(code: str, issued: dt.date, expiry: dt.date) -> None:
    assert expiry_of(code, issued, D(1979, 6, 15), WOMAN, _old()) == expiry


@pytest.mark.parametrize(
    ("issued", "expiry"),
    [
        (D(2010, 1, 10), D(2034, 6, 15)),  # aged 36: until he reaches 60
        (D(2024, 6, 14), D(2034, 6, 15)),  # the day before his 50th birthday
        (D(2024, 6, 15), D(2034, 6, 15)),  # his 50th birthday: 50, not over it
        (D(2024, 6, 16), D(2034, 6, 16)),  # over 50: 10 years from issue
    ],
)
@pytest.mark.parametrize("code", ["B1", "B1-automatic"])
def test_b1_for_a_man_around_50(code: str, issued: dt.date, expiry: dt.date) -> None:
    assert expiry_of(code, issued, D(1974, 6, 15), MAN, _old()) == expiry


def test_b1_ends_on_the_55th_or_60th_birthday_itself() -> None:
    born = D(1970, 3, 1)
    assert expiry_of("B1", D(2000, 5, 5), born, WOMAN, _old()) == D(2025, 3, 1)
    assert expiry_of("B1", D(2000, 5, 5), born, MAN, _old()) == D(2030, 3, 1)


def test_the_same_age_at_issue_differs_by_sex() -> None:
    """At 47 a woman is over 45 (10 years); a man is not over 50 (until 60)."""
    born, issued = D(1977, 1, 1), D(2024, 6, 1)
    assert expiry_of("B1", issued, born, WOMAN, _old()) == D(2034, 6, 1)
    assert expiry_of("B1", issued, born, MAN, _old()) == D(2037, 1, 1)


@pytest.mark.parametrize(
    ("issued", "expiry"),
    [
        (D(2021, 2, 27), D(2031, 2, 28)),  # before her 45th birthday: until 55 (28/2/2031)
        (D(2021, 2, 28), D(2031, 2, 28)),  # 28/2/2021 is her 45th birthday: not over 45
        (D(2021, 3, 1), D(2031, 3, 1)),  # over 45: 10 years from issue
    ],
)
def test_b1_for_a_woman_born_on_29_february(issued: dt.date, expiry: dt.date) -> None:
    assert expiry_of("B1", issued, D(1976, 2, 29), WOMAN, _old()) == expiry


def test_a_29_february_birthday_is_kept_in_a_leap_year() -> None:
    born = D(1972, 2, 29)  # reaches 50 on 28/2/2022 and 60 on 29/2/2032
    assert expiry_of("B1", D(2022, 2, 28), born, MAN, _old()) == D(2032, 2, 29)
    assert expiry_of("B1", D(2022, 3, 1), born, MAN, _old()) == D(2032, 3, 1)


@pytest.mark.parametrize(
    ("code", "system", "expiry"),
    [
        ("B2", "law-23-2008", D(2034, 2, 28)),
        ("C", "law-23-2008", D(2029, 2, 28)),
        ("B", "law-36-2024", D(2034, 2, 28)),
        ("CE", "law-36-2024", D(2029, 2, 28)),
    ],
)
def test_an_issue_on_29_february_ends_on_28_february(
    code: str, system: str, expiry: dt.date
) -> None:
    assert (
        expiry_of(code, D(2024, 2, 29), ANYONE, MAN, shipped_class_data().system(system)) == expiry
    )


def test_b1_issued_on_29_february_to_a_woman_over_45() -> None:
    assert expiry_of("B1", D(2024, 2, 29), D(1970, 1, 1), WOMAN, _old()) == D(2034, 2, 28)


def test_a_class_of_the_other_law_is_refused() -> None:
    with pytest.raises(ClassNotInSystem) as error:
        expiry_of("B2", D(2025, 3, 10), ANYONE, MAN, _new())
    assert error.value.text("vi") == "không có hạng B2 trong Luật 36/2024"
    assert error.value.text("en") == "there is no class B2 in Law 36/2024"


def test_an_issue_before_birth_is_refused() -> None:
    with pytest.raises(IssuedBeforeBirth) as error:
        expiry_of("B", D(1989, 1, 1), ANYONE, MAN, _new())
    assert error.value.text("vi") == "ngày cấp 01/01/1989 trước ngày sinh 20/05/1990"


def test_years_after_keeps_the_day_and_moves_29_february_to_28() -> None:
    assert years_after(D(2025, 12, 31), 5) == D(2030, 12, 31)
    assert years_after(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert years_after(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert years_after(D(2023, 2, 28), 1) == D(2024, 2, 28)


def test_reaching_and_being_over_an_age() -> None:
    born = D(2000, 2, 29)
    assert reaches_age_on(born, 18) == D(2018, 2, 28)
    assert reaches_age_on(born, 20) == D(2020, 2, 29)
    assert not is_over_age(born, 18, D(2018, 2, 28))
    assert is_over_age(born, 18, D(2018, 3, 1))
    assert not is_over_age(D(1979, 6, 15), 45, D(2024, 6, 15))
    assert is_over_age(D(1979, 6, 15), 45, D(2024, 6, 16))
