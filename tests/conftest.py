"""Shared test setup: offscreen Qt, PySide6 for pyqtgraph, throwaway QSettings."""

import os

# Must run before anything imports Qt: without a screen Qt would abort the run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

try:
    from PySide6.QtCore import QCoreApplication, QSettings
except ImportError:  # engine-only environments have no Qt
    QSettings = None


@pytest.fixture(autouse=True)
def english_locale(monkeypatch) -> None:
    """The command line follows the locale (LANG=zh_CN speaks Chinese): tests read English unless they ask."""
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> None:
    """Point every QSettings of the test at a fresh folder, never the user's real settings."""
    if QSettings is None:
        return
    QCoreApplication.setOrganizationName("gdviz-tests")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    for scope in (QSettings.UserScope, QSettings.SystemScope):
        QSettings.setPath(QSettings.IniFormat, scope, str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot):
    """The real main window, shown and exposed; closed at the end."""
    from gdviz.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1600, 950)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.controller.pause()
    w.close()


@pytest.fixture
def chinese(qapp):
    """The zh_CN translators installed for one test, removed afterwards."""
    from gdviz.ui import i18n
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield qapp
    i18n.remove(qapp)
    i18n.use_cjk_font(qapp, False)
