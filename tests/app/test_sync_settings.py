"""The sync settings the counter refuses, in the officer's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.sync_ops import SyncSettingRefused, configure_sync
from db.store import Store


def test_an_offline_warning_under_a_minute_is_refused(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    try:
        with pytest.raises(SyncSettingRefused) as refused:
            configure_sync(store, offline_warning_minutes=0)
    finally:
        store.close()
    assert str(refused.value) == (
        "số phút mất kết nối trước khi cảnh báo: phải từ 1 phút trở lên (đã nhập 0)"
    )
    assert refused.value.text("en") == (
        "minutes offline before the warning: must be 1 minute or more (got 0)"
    )
