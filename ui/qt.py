"""Every Qt import of the program, in one place.

Widgets import Qt names from here, so a change of binding or version touches
one file, and ``app/``, ``db/`` and the rest can be checked never to import Qt.
"""

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QSettings,
    Qt,
    QtMsgType,
    QTranslator,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "QAction",
    "QApplication",
    "QCoreApplication",
    "QFont",
    "QHBoxLayout",
    "QKeySequence",
    "QLabel",
    "QLibraryInfo",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QMainWindow",
    "QMessageBox",
    "QMessageLogContext",
    "QSettings",
    "QSplitter",
    "QTextBrowser",
    "QTranslator",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "QtMsgType",
    "Signal",
    "Slot",
    "qInstallMessageHandler",
]
