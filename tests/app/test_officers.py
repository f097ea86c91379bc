"""Officers' accounts, passwords, the throttle, signing in and the permission table, on a real
store: what IT staff and officers meet, with the clock given (``now=``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.audit import show_trail
from app.failures import NotFound, PolicyRefusal
from app.officers.accounts import (
    AccountRefused,
    accounts,
    add_account,
    change_own_password,
    disable_account,
    enable_account,
    has_accounts,
    reset_password,
)
from app.officers.identity import Officer, Role
from app.officers.outcomes import SignInRefused, SignInWait
from app.officers.passwords import (
    PasswordRefused,
    check_new_password,
    common_passwords,
    hash_password,
    verify_password,
)
from app.officers.sign_in import approve, sign_in, throttle
from app.officers.throttle import MAX_WAIT
from app.permissions import MAY, Authority, Permission, RoleRefused, require
from db.audit import AuditAction
from db.officers import CENTRAL, AccountRow, apply_central_accounts
from db.store import Store
from tests.accounts import IT_ADMIN, OFFICER, PASSWORDS, SUPERVISOR, add_officers

NOW = dt.datetime(2026, 3, 2, 9, 0)
MINIMUM = 12
WRONG = "not the right password at all"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.in_data_dir(tmp_path)
    add_officers(opened)
    yield opened
    opened.close()


def _failed_attempts(store: Store, login: str) -> list[dict[str, object]]:
    rows = show_trail(store, actor=login, action=AuditAction.SIGN_IN_FAILED)
    return [json.loads(row.subject_json) for row in rows]


# ------------------------------------------------------------------ passwords


def test_a_password_is_stored_as_an_argon2id_hash_that_verifies_only_itself() -> None:
    hashed = hash_password("a long phrase to remember")
    assert hashed.startswith("$argon2id$")
    assert "a long phrase" not in hashed
    assert verify_password(hashed, "a long phrase to remember")
    assert not verify_password(hashed, "a long phrase to forget")


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("short one", "Password: at least 12 characters are needed"),
        ("123QWEASDZXC", "Password: this is a common password attackers try first"),
        ("matkhau123456", "Password: this is a common password attackers try first"),
        ("ANHYEUEMMAIMAI", "Password: this is a common password attackers try first"),
        ("lan.nguyen.01", "Password: it must not be the login"),
        ("x" * 129, "Password: at most 128 characters"),
    ],
)
def test_a_short_common_or_login_password_is_refused(password: str, expected: str) -> None:
    with pytest.raises(PasswordRefused) as refused:
        check_new_password(password, "lan.nguyen.01", MINIMUM)
    assert refused.value.text("en").startswith(expected)


def test_no_composition_rule_a_long_phrase_of_lower_case_words_is_accepted() -> None:
    check_new_password("bún chả hà nội ngon", "lan", MINIMUM)


def test_the_common_list_is_a_real_one_of_long_entries_with_its_source() -> None:
    listed = common_passwords()
    assert len(listed) > 2000
    assert {"password123", "qwertyuiop", "1qaz2wsx3edc", "matkhau123", "anhyeuem123"} <= listed
    assert min(len(entry) for entry in listed) >= 8
    text = (Path(__file__).parents[2] / "app/officers/common_passwords.txt").read_text("utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("SecLists" in line and "MIT" in line for line in header)


# ------------------------------------------------------------------- accounts


def test_the_first_account_of_an_empty_store_must_be_it_staff(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    try:
        assert not has_accounts(store)
        with pytest.raises(AccountRefused) as refused:
            add_account(
                store, None, "lan", "Nguyễn Thị Lan", Role.OFFICER, PASSWORDS["lan"],
                minimum_length=MINIMUM, now=NOW,
            )  # fmt: skip
        assert "IT staff" in refused.value.text("en")
        add_account(
            store, None, "it.admin", "Trần Quốc Tuấn", Role.IT, PASSWORDS["it.admin"],
            minimum_length=MINIMUM, now=NOW,
        )  # fmt: skip
        # Its password was chosen by the one who uses it: no change asked.
        assert not sign_in(store, "it.admin", PASSWORDS["it.admin"], now=NOW).must_change
        with pytest.raises(PolicyRefusal):  # only the first one is added without signing in
            add_account(
                store, None, "it.two", "Phạm Văn Hai", Role.IT, "another long phrase",
                minimum_length=MINIMUM, now=NOW,
            )  # fmt: skip
        assert [row.login for row in accounts(store)] == ["it.admin"]
    finally:
        store.close()


def test_a_password_set_by_it_must_be_changed_at_the_first_sign_in(store: Store) -> None:
    add_account(
        store, IT_ADMIN, "minh", "Đỗ Văn Minh", Role.OFFICER, "set by it staff today",
        minimum_length=MINIMUM, now=NOW,
    )  # fmt: skip
    first = sign_in(store, "minh", "set by it staff today", now=NOW)
    assert first.must_change
    change_own_password(store, first.officer, "minh chooses his own", minimum_length=12, now=NOW)
    assert not sign_in(store, "minh", "minh chooses his own", now=NOW).must_change
    with pytest.raises(SignInRefused):
        sign_in(store, "minh", "set by it staff today", now=NOW)
    reset_password(store, IT_ADMIN, "minh", "reset by it once more", minimum_length=12, now=NOW)
    assert sign_in(store, "minh", "reset by it once more", now=NOW).must_change


def test_only_it_staff_manage_accounts(store: Store) -> None:
    with pytest.raises(RoleRefused) as refused:
        disable_account(store, SUPERVISOR, "lan", NOW)
    assert refused.value.text("en") == (
        "only IT staff may manage officer accounts; hoa is signed in as supervisor"
    )
    with pytest.raises(NotFound):
        disable_account(store, IT_ADMIN, "nobody", NOW)


def test_a_disabled_account_cannot_sign_in_until_enabled(store: Store) -> None:
    disable_account(store, IT_ADMIN, "lan", NOW)
    with pytest.raises(SignInRefused) as refused:
        sign_in(store, "lan", PASSWORDS["lan"], now=NOW)
    assert "disabled" in refused.value.text("en")
    enable_account(store, IT_ADMIN, "lan", NOW)
    assert sign_in(store, "lan", PASSWORDS["lan"], now=NOW).officer == OFFICER


def test_an_account_of_the_centre_is_refused_locally_and_follows_the_next_sync(
    store: Store,
) -> None:
    central = AccountRow(
        "tam", "Vũ Thị Tâm", "officer", hash_password("tam works at the centre"),
        False, False, CENTRAL, 1, NOW,
    )  # fmt: skip
    with store.transaction() as session:
        apply_central_accounts(session, [central])
    with pytest.raises(PolicyRefusal) as refused:
        disable_account(store, IT_ADMIN, "tam", NOW)
    assert "motcua central officer" in refused.value.text("en")
    # Disabled at the centre: it signs in here until the sync brings the change.
    assert sign_in(store, "tam", "tam works at the centre", now=NOW).officer.login == "tam"
    with store.transaction() as session:
        apply_central_accounts(
            session, [AccountRow(**{**central.__dict__, "disabled": True, "central_version": 2})]
        )
    with pytest.raises(SignInRefused):
        sign_in(store, "tam", "tam works at the centre", now=NOW)


# ------------------------------------------------------------ signing in, throttle


def test_a_wrong_password_is_refused_recorded_and_throttled_with_a_growing_wait(
    store: Store,
) -> None:
    at = NOW
    for _ in range(3):  # the first failures cost nothing but their record
        with pytest.raises(SignInRefused) as refused:
            sign_in(store, "lan", WRONG, now=at)
        assert refused.value.text("en") == "The login or the password is not right"
    waits = []
    for _ in range(4):
        wait = throttle(store, "lan", at).wait
        waits.append(wait)
        with pytest.raises(SignInWait) as waiting:  # even the right password waits
            sign_in(store, "lan", PASSWORDS["lan"], now=at)
        assert waiting.value.seconds == int(wait.total_seconds())
        at += wait
        with pytest.raises(SignInRefused):
            sign_in(store, "lan", WRONG, now=at)
    assert waits == sorted(waits) and waits[0] < waits[-1]
    failures = _failed_attempts(store, "lan")
    assert len(failures) == 7 and all(f["reason"] == "password" for f in failures)
    # After the wait, the right password signs in: the throttle never locks anyone out.
    at += throttle(store, "lan", at).wait
    assert sign_in(store, "lan", PASSWORDS["lan"], now=at).officer == OFFICER
    assert throttle(store, "lan", at).wait == dt.timedelta(0)


def test_the_wait_never_exceeds_a_minute(store: Store) -> None:
    at = NOW
    for _ in range(30):
        with pytest.raises((SignInRefused, SignInWait)):
            sign_in(store, "hoa", WRONG, now=at)
        assert throttle(store, "hoa", at).wait <= MAX_WAIT
        at += throttle(store, "hoa", at).wait
    assert dt.timedelta(seconds=60) == MAX_WAIT
    assert throttle(store, "hoa", at - dt.timedelta(seconds=1)).wait <= MAX_WAIT


def test_an_unknown_login_is_refused_like_a_wrong_password(store: Store) -> None:
    with pytest.raises(SignInRefused) as refused:
        sign_in(store, "nobody", WRONG, now=NOW)
    assert refused.value.text("en") == "The login or the password is not right"
    assert _failed_attempts(store, "nobody")[0]["reason"] == "unknown-login"


# --------------------------------------------------------------- permissions


@pytest.mark.parametrize(
    "permission",
    [Permission.REPRINT_AGAIN, Permission.REAPPOINT, Permission.CHANGE_SETTINGS,
     Permission.CLOSE_DAY, Permission.VOID, Permission.CORRECT],
)  # fmt: skip
def test_an_officer_may_not_do_what_a_supervisor_or_it_does(permission: Permission) -> None:
    with pytest.raises(RoleRefused):
        require(OFFICER, permission)


def test_each_role_may_do_what_the_table_says() -> None:
    for role, officer in ((Role.OFFICER, OFFICER), (Role.SUPERVISOR, SUPERVISOR),
                          (Role.IT, IT_ADMIN)):  # fmt: skip
        for permission in Permission:
            allowed = permission in MAY[role]
            try:
                require(officer, permission)
            except RoleRefused:
                assert not allowed, (role, permission)
            else:
                assert allowed, (role, permission)


def test_a_supervisor_approves_one_action_at_an_officers_counter(store: Store) -> None:
    authority = approve(store, OFFICER, "hoa", PASSWORDS["hoa"], Permission.REAPPOINT, now=NOW)
    assert authority == Authority(OFFICER, SUPERVISOR)
    assert authority.audit_subject() == {"approved_by": "hoa"}
    with pytest.raises(RoleRefused):  # IT staff cannot approve a counter action
        approve(store, OFFICER, "it.admin", PASSWORDS["it.admin"], Permission.REAPPOINT, now=NOW)


def test_an_officer_refused_settings_is_told_only_it_staff_may() -> None:
    with pytest.raises(RoleRefused) as refused:
        require(Officer("lan", "Nguyễn Thị Lan", Role.OFFICER), Permission.CHANGE_SETTINGS)
    assert refused.value.text("en") == (
        "only IT staff may change the settings; lan is signed in as counter officer"
    )
    assert refused.value.text("vi") == (
        "chỉ cán bộ IT được thay đổi cài đặt; lan đang đăng nhập với vai trò cán bộ tiếp nhận"
    )
