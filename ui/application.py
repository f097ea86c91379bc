"""Starting the counter window: Qt application, language, catalogue, main window."""

from __future__ import annotations

import datetime as dt
import sys

from app.catalogue.loader import CatalogueError, load_catalogue_for
from ui.main_window import MainWindow
from ui.qt import QApplication, QCoreApplication, QMessageBox
from ui.qt_logging import route_qt_messages_to_logging
from ui.translation import DEFAULT_LANGUAGE, install_language

EXIT_BAD_CATALOGUE = 3


def create_application(argv: list[str], language: str = DEFAULT_LANGUAGE) -> QApplication:
    route_qt_messages_to_logging()
    app = QApplication(argv)
    app.setApplicationName("motcua")
    app.setOrganizationName("motcua")
    install_language(app, language)
    return app


def run_counter_window() -> int:
    app = create_application(sys.argv)
    try:
        catalogue = load_catalogue_for(dt.date.today())
    except CatalogueError as error:
        title = QCoreApplication.translate("application", "The catalogue cannot be used")
        QMessageBox.critical(None, title, str(error))
        print(f"motcua: {error}", file=sys.stderr)
        return EXIT_BAD_CATALOGUE
    window = MainWindow(catalogue)
    window.show()
    return app.exec()
