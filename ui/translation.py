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


# Qt's own strings (standard buttons, context menus); PySide6 ships no qtbase_vi.qm.
QT_CATALOGUE = "qt"


def install_language(app: QApplication, language: str) -> QTranslator | None:
    """Install the translators for ``language``: the window's strings (returned) and Qt's
    own (standard buttons: "OK" → "Đồng ý", a child of the first). English needs none."""
    if language == "en":
        return None
    translator = QTranslator(app)
    compiled = I18N_DIR / f"motcua_{language}.qm"
    if not translator.load(str(compiled)):
        log.warning("interface translation %s is missing; showing English", compiled.name)
        return None
    app.installTranslator(translator)
    qt_strings = QTranslator(translator)
    qt_compiled = I18N_DIR / f"{QT_CATALOGUE}_{language}.qm"
    if qt_strings.load(str(qt_compiled)):
        app.installTranslator(qt_strings)
    else:
        log.warning("Qt's translation %s is missing; standard buttons in English", qt_compiled.name)
    return translator


def remove_language(app: QApplication, translator: QTranslator | None) -> None:
    """Undo ``install_language``: the window's strings and Qt's own (a test switching back)."""
    if translator is None:
        return
    for installed in [translator, *translator.findChildren(QTranslator)]:
        app.removeTranslator(installed)
