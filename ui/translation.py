"""Loading the interface language: Vietnamese by default, English on request.

Source strings in the code are English; ``ui/i18n/motcua_vi.ts`` holds the
Vietnamese text, compiled to ``.qm`` by ``dev.py`` (and by the installer).
"""

from __future__ import annotations

import logging
from pathlib import Path

from ui.qt import QApplication, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).with_name("i18n")
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


def install_language(app: QApplication, language: str) -> QTranslator | None:
    """Install the translator for ``language``; English needs none."""
    if language == "en":
        return None
    translator = QTranslator(app)
    compiled = I18N_DIR / f"motcua_{language}.qm"
    if not translator.load(str(compiled)):
        log.warning("interface translation %s is missing; showing English", compiled.name)
        return None
    app.installTranslator(translator)
    return translator
