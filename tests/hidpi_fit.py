"""Run by tests/test_views_fit.py in a child process with QT_SCALE_FACTOR=2: the whole window at
1920×1080 logical pixels is a 3840×2160 screen at device pixel ratio 2. Exits 0 when every view's title,
axis labels and legend fit (check_fits), in the normal window and in presentation mode at zoom 1.5."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from gdviz.engine import Run, RunConfig
from gdviz.ui.app import make_app
from gdviz.ui.main_window import MainWindow
from tests.test_views_fit import check_fits


def main() -> int:
    app = make_app()
    window = MainWindow(Run(RunConfig(data="linear")))
    window.resize(1920, 1080)
    window.show()
    window.controller.step_forward(5)
    if window.devicePixelRatioF() != 2:
        print("device pixel ratio", window.devicePixelRatioF())
        return 2
    for presenting in (False, True):
        if presenting:
            window.set_presentation(True)
            window.set_zoom(1.5)
            window.setGeometry(0, 0, 1920, 1080)  # the offscreen screen is smaller than the one pretended
        for _ in range(3):
            app.processEvents()
        for view in (window.data_view, window.loss_view, window.surface, *window.sections.plots):
            view.grab()
            check_fits(view)
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
