"""Issue 12 and 13 in the window: save and open sessions, drag and drop, live recording, and a window
rebuilt around the same run (a language change)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from gdviz.engine import LiveSettings, RunConfig


def history(run):
    h = run.history
    return {k: h.column(k).copy() for k in ("step", "params", "train_loss")}


def same_run(a, b) -> None:
    assert a.step == b.step
    np.testing.assert_array_equal(a.params, b.params)
    for key, col in history(a).items():
        np.testing.assert_array_equal(col, history(b)[key])


def test_save_then_open_restores_the_run_and_the_view(window, tmp_path) -> None:
    c = window.controller
    c.step_forward(20)
    c.set_live(learning_rate=0.3)
    c.step_forward(15)
    c.step_back(5)  # a ghost
    window.panel.log_scale.setChecked(True)
    window.data_view.set_pinned_steps([10, 20])
    saved = c.run.copy()
    path = tmp_path / "l.gdviz"
    assert window.write_session(str(path))
    c.load(RunConfig(data="beans"))
    window.panel.log_scale.setChecked(False)
    assert window.open_session(str(path))
    same_run(c.run, saved)
    assert c.run.live.learning_rate == 0.3 and len(c.ghosts) == 1
    assert window.panel.log_scale.isChecked() and window.data_view.pinned_steps == [10, 20]
    assert c.can_undo  # opening is a restart like any other


def test_a_file_that_is_not_a_session_changes_nothing(window, tmp_path) -> None:
    c = window.controller
    c.step_forward(4)
    before = c.run
    bad = tmp_path / "bad.gdviz"
    bad.write_text('{"format": "gdviz-session", "version": 99}', encoding="utf-8")
    assert not window.open_session(str(bad))
    assert c.run is before and c.run.step == 4
    assert window.banner.isVisible() and "bad.gdviz" in window.banner.text()


def test_recent_sessions_are_listed(window, tmp_path) -> None:
    path = tmp_path / "r.gdviz"
    window.write_session(str(path))
    assert [a.toolTip() for a in window.recent_menu.actions()][0] == str(path)


def test_a_dropped_session_opens(window, qtbot, tmp_path) -> None:
    c = window.controller
    c.step_forward(7)
    path = tmp_path / "d.gdviz"
    window.write_session(str(path))
    c.reset()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    assert c.run.step == 7


def test_live_recording_writes_one_frame_a_picture(window, qtbot, tmp_path) -> None:
    av = pytest.importorskip("av")
    path = tmp_path / "live.mp4"
    assert window.start_recording(str(path), window.loss_view, "1280x720@30", "low")
    for _ in range(9):
        window.controller.step_forward()
    written = window.stop_recording()
    assert written == str(path) and path.exists()
    with av.open(str(path)) as container:
        frames = [f for f in container.decode(video=0)]
    assert len(frames) == 10  # the first picture and one a step
    assert (frames[0].width, frames[0].height) == (1280, 720)


def test_a_cancelled_recording_leaves_no_file(window, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "gone.mp4"
    assert window.start_recording(str(path), None, "1280x720@30", "low")
    window.controller.step_forward()
    window.cancel_recording()
    assert not path.exists() and not list(out.iterdir())


def test_rebuilt_window_keeps_the_run_race_and_view(window, qtbot) -> None:
    c = window.controller
    c.start_preset("learning-rates")
    c.step_forward(12)
    c.select_runner(1)
    window.panel.log_scale.setChecked(True)
    runs = [r.copy() for r in c.race.runs]
    new = window.rebuild()
    qtbot.addWidget(new)
    assert new.controller is c and c.race is not None and c.selected_runner == 1
    for a, b in zip(c.race.runs, runs):
        same_run(a, b)
    assert new.panel.log_scale.isChecked()
    c.step_forward()  # the new window's views follow the run
    assert "<b>13</b>" in new.status_labels["step"].text()
    new.close()


def test_a_lesson_from_the_menu_is_walked_with_the_remote_keys(window, qtbot) -> None:
    from tests.test_gui import activate
    activate(qtbot, window)
    actions = [a for a in window.lessons_menu.actions() if a.text() and not a.isSeparator()]
    assert len(actions) >= 5 + 2  # one per tutorial, open a file, close
    actions[2].trigger()  # tutorial 002
    player = window.lesson_player
    assert player.is_open and player.index == 0
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key_PageDown)
        qtbot.waitUntil(lambda: not player.animating, timeout=20000)
    assert player.index == 3
    qtbot.keyClick(window, Qt.Key_PageUp)
    assert player.index == 2
    qtbot.keyClick(window, Qt.Key_Escape)
    assert not player.is_open


def test_a_broken_lesson_file_is_refused_in_one_line(window, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "gdviz-lesson", "version": 1, "scenes": "no"}', encoding="utf-8")
    run = window.controller.run
    assert not window.open_lesson(str(bad))
    assert window.controller.run is run and "bad.json" in window.banner.text()


def test_switching_language_mid_run_keeps_the_run(window, qtbot) -> None:
    from PySide6.QtWidgets import QApplication
    from gdviz.ui import i18n
    from gdviz.ui.main_window import MainWindow
    app = QApplication.instance()
    c = window.controller
    c.step_forward(17)
    before = c.run.copy()
    try:
        i18n.set_language(app, "zh_CN")
        qtbot.waitUntil(lambda: MainWindow.latest not in (None, window), timeout=5000)
        new = MainWindow.latest
        assert new.controller is c
        same_run(c.run, before)
        assert "步" in new.status_labels["step"].text()  # the status bar speaks Chinese
        assert new.menuBar().actions()[0].text() != "&File"
    finally:
        i18n.set_language(app, "en")
        qtbot.wait(50)
    qtbot.waitUntil(lambda: MainWindow.latest is not None and MainWindow.latest is not new, timeout=5000)
    latest = MainWindow.latest
    assert latest.menuBar().actions()[0].text() == "&File"
    same_run(c.run, before)
    latest.close()
