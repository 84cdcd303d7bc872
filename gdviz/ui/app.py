"""Start the window."""
from __future__ import annotations

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


def run_gui(args=None) -> int:
    """Open the window (with the command line's settings when given) and run the event loop."""
    app = make_app()
    from .main_window import MainWindow
    run = None
    if args is not None:
        from ..cli import build_run
        run = build_run(args)
    window = MainWindow(run)
    window.resize(1600, 950)
    from PySide6.QtCore import QSettings
    geometry = QSettings().value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    window.show()
    return app.exec()
