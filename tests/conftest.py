"""Settings every test shares: Qt runs offscreen, and no test reads the real clock's catalogue."""

from __future__ import annotations

import os

# Before any Qt import: the tests run without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
