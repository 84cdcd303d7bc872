"""Start the window."""
from __future__ import annotations

import logging
import os
import sys

from . import theme  # noqa: F401  (sets the pyqtgraph binding before pyqtgraph loads)
from PySide6.QtGui import QFont, QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def make_app() -> QApplication:
    """The QApplication with gdviz's names, icon and a large default font."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("gdviz")
    app.setApplicationName("gdviz")
    font = QFont(app.font())
    font.setPointSize(12)
    app.setFont(font)
    try:
        from ..resources import resource_path
        app.setWindowIcon(QIcon(str(resource_path("gdviz.svg"))))
    except FileNotFoundError:
        pass
    return app


def quiet_offscreen_notes() -> None:
    """Qt's own warnings on stderr, without the offscreen platform's note about size hints (printed for
    every dock shown: hundreds of lines in a recording or a benchmark)."""
    from PySide6.QtCore import qInstallMessageHandler
    qInstallMessageHandler(_qt_message)


def _qt_message(_kind, _context, message: str) -> None:
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def run_gui(args=None) -> int:
    """Open the window (with the command line's settings when given) and run the event loop."""
    app = make_app()
    configure_logging()
    from .i18n import install
    # --lang for this start (not remembered), else the remembered language, else the system's
    install(app, getattr(args, "lang", None) if args is not None else None)
    from .main_window import MainWindow
    run = None
    if args is not None:
        from ..cli.options import build_run
        run = build_run(args)
    window = MainWindow(run)
    window.fit_to_screen()  # first start: at most 90 % of the screen
    from PySide6.QtCore import QSettings
    geometry = QSettings().value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    window.show()
    return app.exec()


class _OneLine(logging.Formatter):
    """Log lines for the terminal: the message only, never a traceback (those go to the log file)."""

    def format(self, record: logging.LogRecord) -> str:
        return "gdviz: " + record.getMessage().splitlines()[0]


def configure_logging() -> None:
    """One line per problem on stderr; the whole story in gdviz.log in the user's cache folder."""
    log = logging.getLogger("gdviz")
    if log.handlers:
        return
    log.setLevel(logging.INFO)
    log.propagate = False
    terminal = logging.StreamHandler()
    terminal.setFormatter(_OneLine())
    terminal.setLevel(logging.WARNING)
    log.addHandler(terminal)
    from PySide6.QtCore import QStandardPaths
    folder = QStandardPaths.writableLocation(QStandardPaths.CacheLocation)
    try:
        os.makedirs(folder, exist_ok=True)
        handler = logging.FileHandler(os.path.join(folder, "gdviz.log"), encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
