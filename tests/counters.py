"""A counter's data folder as after its first start: set up, its store holding an account."""

from __future__ import annotations

from pathlib import Path

from app.settings import Settings, save_settings
from app.store_ops import open_store
from tests.accounts import IT_ADMIN, add_officers

# What the set-up assistant asks for, filled as a counter of Ho Chi Minh City fills it.
SET_UP: dict[str, str | int] = {
    "agency_code": "000.17.22.H56",
    "receiving_point": "252 Lý Chính Thắng, phường 9, quận 3",
    "counter_number": 1,
    "agency_name": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
    "place_name": "Thành phố Hồ Chí Minh",
}


def set_up_counter(data_dir: Path) -> Settings:
    """``data_dir``'s settings saved as set up; its store not made yet."""
    settings = Settings.defaults().with_values(SET_UP)
    save_settings(data_dir, settings)
    return settings


def counter_with_an_account(data_dir: Path) -> Settings:
    """``data_dir`` set up, its store made and holding IT staff's account (``IT_ADMIN``)."""
    settings = set_up_counter(data_dir)
    store = open_store(data_dir, settings)
    try:
        add_officers(store, IT_ADMIN, quick=True)
    finally:
        store.close()
    return settings
