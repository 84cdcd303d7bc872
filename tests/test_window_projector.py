"""Issue 8 in the real window: screen shares, presentation mode, keys sheet, undo of restarts, export."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gdviz.engine import RaceEntry, RunConfig, Status
from tests.test_gui import activate


def state_of(run):
    """Step, parameters and the whole history of a run, as copies."""
    h = run.history
    return (run.step, run.params.copy(), {k: h.column(k).copy() for k in ("step", "params", "train_loss")})


def assert_same(a, b) -> None:
    assert a[0] == b[0]
    np.testing.assert_array_equal(a[1], b[1])
    for key in a[2]:
        np.testing.assert_array_equal(a[2][key], b[2][key])


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_plots_get_at_least_55_percent_of_the_width_with_both_docks(window, qtbot, size) -> None:
    window.resize(*size)
    window._share_docks()
    qtbot.wait(50)
    assert all(d.isVisible() for d in window.docks.values())
    assert window.plots_share() >= 0.55


def test_fit_to_screen_takes_at_most_90_percent(window) -> None:
    window.fit_to_screen()
    area = window.screen().availableGeometry()
    assert window.width() <= round(area.width() * 0.9) + 1
    assert window.height() <= round(area.height() * 0.9) + 1


def test_undo_after_a_seed_change_restores_step_params_and_history(window) -> None:
    c = window.controller
    c.step_forward(25)
    before = state_of(c.run)
    old_run = c.run
    assert c.set_config(seed=7)
    assert c.run is not old_run and c.run.step == 0
    assert c.undo()
    assert_same(state_of(c.run), before)
    assert c.redo() and c.run.step == 0 and c.run.config.seed == 7
    assert c.undo()
    c.step_forward(5)  # the restored run goes on exactly as the original would have
    fresh = old_run.__class__(old_run.config, old_run.changes[0][1] if old_run.changes else None,
                              dataset=old_run.dataset)
    fresh.advance(30, stop_on_converged=False)
    np.testing.assert_array_equal(c.run.params, fresh.params)


def test_undo_after_a_start_picked_on_the_surface(window, qtbot) -> None:
    c = window.controller
    c.step_forward(40)
    before = state_of(c.run)
    window._start_picked(3.0, -2.0)
    qtbot.waitUntil(lambda: c.run.step == 0 and tuple(c.run.params) == (3.0, -2.0) or
                    dict(zip(c.run.param_names, c.run.params)) == {"b": 3.0, "w": -2.0}, timeout=2000)
    assert c.can_undo
    window.actions["undo"].trigger()
    assert_same(state_of(c.run), before)


def test_undo_after_a_reset_brings_the_step_back(window) -> None:
    c = window.controller
    c.step_forward(12)
    before = state_of(c.run)
    c.reset()
    assert c.run.step == 0
    c.undo()
    assert_same(state_of(c.run), before)


def test_adding_a_runner_keeps_the_step_and_undo_removes_it(window) -> None:
    c = window.controller
    c.step_forward(13)
    before = state_of(c.run)
    entry = RaceEntry("fast", 1, c.run.live.__class__(learning_rate=0.5))
    assert c.add_runner(entry)
    assert c.race is not None and c.race.step == 13
    assert [r.step for r in c.race.runs] == [13, 13]
    assert c.selected_runner == 1
    c.set_live(learning_rate=0.3)  # edits the selected runner only
    assert c.race.runs[1].live.learning_rate == 0.3 and c.race.runs[0].live.learning_rate != 0.3
    c.undo()
    assert c.race is None
    assert_same(state_of(c.run), before)


def test_removing_runners_one_by_one(window) -> None:
    c = window.controller
    c.start_preset("learning-rates") if "learning-rates" in __import__("gdviz.engine", fromlist=["PRESETS"]).PRESETS \
        else c.start_preset(next(iter(__import__("gdviz.engine", fromlist=["PRESETS"]).PRESETS)))
    n = len(c.race.runs)
    c.step_forward(5)
    assert c.remove_runner(n - 1)
    assert len(c.race.runs) == n - 1 and c.race.step == 5
    c.undo()
    assert len(c.race.runs) == n


def test_a_view_that_fails_leaves_the_old_run_everywhere(window, monkeypatch) -> None:
    c = window.controller
    c.step_forward(3)
    old = c.run

    def broken(run):
        if run is not old:
            raise ValueError("cannot frame this")
    original = window.sections.set_run
    monkeypatch.setattr(window.sections, "set_run", lambda run: (broken(run), original(run)))
    errors = []
    c.error.connect(errors.append)
    assert not c.set_config(seed=99)
    assert c.run is old and old.step == 3
    assert errors and "cannot frame this" in errors[-1]
    assert window.surface._run is old if hasattr(window.surface, "_run") else True


def test_presentation_mode_hides_docks_and_escape_restores(window, qtbot) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key_F5)
    assert window.presenting
    assert not any(d.isVisible() for d in window.docks.values())
    assert not window.menuBar().isVisible() and window.presentation_bar.isVisible()
    qtbot.keyClick(window, Qt.Key_Right)
    assert "step <b>1</b>" in window.presentation_bar.text()
    qtbot.keyClick(window, Qt.Key_Escape)
    assert not window.presenting
    assert all(d.isVisible() for d in window.docks.values())


def test_presentation_and_f11_fill_the_screen_and_give_the_place_back(window, qtbot, monkeypatch) -> None:
    # where no window manager acts on the full-screen request (a bare X server), the window fills the
    # screen itself; it returns to where it was afterwards
    activate(qtbot, window)
    window.setGeometry(40, 50, 900, 600)
    before = window.geometry()
    monkeypatch.setattr(window, "showFullScreen", lambda: None)  # the request nobody answers
    screen = window.screen().geometry()
    for on, off in ((lambda: window.set_presentation(True), lambda: window.set_presentation(False)),
                    (lambda: window.set_full_screen(True), lambda: window.set_full_screen(False))):
        on()
        assert window.geometry() == screen
        off()
        assert window.geometry() == before


def test_keys_sheet_lists_keys_and_escape_closes_it(window, qtbot) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key_F1)
    assert window.keys_overlay.isVisible()
    texts = [w.text() for w in window.keys_overlay.findChildren(type(window.speed_label))]
    assert "Space" in texts and "F5" in texts
    qtbot.keyClick(window.keys_overlay, Qt.Key_Escape)
    assert not window.keys_overlay.isVisible()


def test_zoom_keys_scale_and_are_remembered(window, qtbot) -> None:
    activate(qtbot, window)
    window.actions["zoom_in"].trigger()
    assert window.zoom > 1.0
    assert QSettings().value("view/zoom", 1.0, type=float) == window.zoom
    window.actions["zoom_reset"].trigger()
    assert window.zoom == 1.0


def test_export_png_at_twice_the_size_and_svg(window, tmp_path) -> None:
    png, svg = tmp_path / "w.png", tmp_path / "v.svg"
    size = window.loss_view.size()
    assert window.export_image(str(png), window.loss_view, 2)
    image = QImage(str(png))
    assert (image.width(), image.height()) == (2 * size.width(), 2 * size.height())
    assert window.export_image(str(svg), window.data_view)
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml") and "<svg" in svg.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.part"))


def test_export_to_a_folder_that_does_not_exist_says_so(window, tmp_path) -> None:
    assert not window.export_image(str(tmp_path / "no" / "such" / "x.png"))
    assert window.banner.isVisible() and "Export failed" in window.banner.text()


def test_a_converged_run_pauses_once_and_play_goes_on(window, qtbot) -> None:
    c = window.controller
    c.load(RunConfig(data="linear"), c.run.live.__class__(learning_rate=0.5))
    c.set_speed(60, 1000)
    c.play()
    qtbot.waitUntil(lambda: not c.playing, timeout=10000)
    assert c.run.status in (Status.CONVERGED, Status.RUNNING)
    first = getattr(c.run, "converged_at", None)
    assert first is not None
    step = c.run.step
    c.play()
    qtbot.waitUntil(lambda: c.run.step > step + 1000, timeout=30000)
    c.pause()
    assert c.run.converged_at == first


def test_speed_label_shows_the_measured_rate(window, qtbot) -> None:
    c = window.controller
    c.set_speed(60, 10)
    c.play()
    qtbot.waitUntil(lambda: "measured" in window.speed_label.text(), timeout=30000)
    c.pause()


def test_a_good_restart_clears_an_old_error_banner(window) -> None:
    c = window.controller
    c.error.emit("bad file")
    assert window.banner.isVisible()
    c.set_config(seed=3)
    assert not window.banner.isVisible()


def test_an_exception_in_a_slot_becomes_a_banner(window, qtbot, monkeypatch) -> None:
    import sys
    seen = []
    monkeypatch.setattr(window, "_previous_hook", lambda *a: seen.append(a))
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert "boom in a slot" in window.banner.text() and seen
    assert QApplication.instance() is not None


def test_import_reads_off_the_gui_thread_and_restarts(window, qtbot, tmp_path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("height;weight\n150,5;50\n160,0;56\n170,2;61\n180,9;70\n", encoding="utf-8")
    c = window.controller
    job = window.import_csv(RunConfig(csv_path=str(path)))
    assert job is not None
    qtbot.waitUntil(lambda: c.run.dataset is not None and c.run.dataset.n_train == 4, timeout=10000)
    np.testing.assert_allclose(np.sort(c.run.dataset.x_train), [150.5, 160.0, 170.2, 180.9])


def test_a_failed_import_keeps_the_run_and_says_why(window, qtbot, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("x,y\n1,2\n", encoding="utf-8")
    c = window.controller
    old = c.run
    window.import_csv(RunConfig(csv_path=str(path)))
    qtbot.waitUntil(lambda: window._import is None, timeout=10000)
    assert c.run is old
    assert window.banner.isVisible() and "bad.csv" in window.banner.text()


def test_a_cancelled_import_keeps_the_run(window, qtbot, tmp_path) -> None:
    path = tmp_path / "big.csv"
    rows = np.random.default_rng(0).random((400_000, 2))
    np.savetxt(path, rows, delimiter=",", header="x,y", comments="")
    c = window.controller
    old = c.run
    job = window.import_csv(RunConfig(csv_path=str(path)))
    job.cancel()
    qtbot.waitUntil(lambda: window._import is None, timeout=20000)
    assert c.run is old


def test_axis_ticks_follow_a_growing_range(window, qtbot, monkeypatch) -> None:
    axis = window.loss_view.getPlotItem().getAxis("bottom")
    drawn: list[list[str]] = []
    draw = type(axis).drawPicture
    monkeypatch.setattr(type(axis), "drawPicture", lambda self, p, line, ticks, texts: (
        drawn.append([text for _rect, _flags, text in texts]) if self is axis else None, draw(self, p, line, ticks, texts)))
    window.loss_view.grab()
    first = list(axis.range)
    window.controller.step_forward(200)
    qtbot.waitUntil(lambda: list(axis.range) != first, timeout=2000)
    drawn.clear()
    window.loss_view.grab()  # the axis is drawn again with the new range's ticks
    assert drawn and max(float(text.replace(",", "")) for text in drawn[-1]) > first[1]


def test_diverged_labels_stay_inside_their_views(window, qtbot) -> None:
    c = window.controller
    c.start_preset("learning-rates")
    c.step_forward(40)
    qtbot.wait(50)
    labels = [(window.surface, lane.mark) for lane in window.surface.lanes if lane.mark.isVisible()]
    labels += [(window.loss_view, item) for item in window.loss_view.getPlotItem().items
               if item.__class__.__name__ == "TextItem" and item.isVisible() and "diverged" in item.toPlainText()]
    assert labels
    for widget, label in labels:
        view = label.getViewBox()
        box = view.sceneBoundingRect().adjusted(-1, -1, 1, 1)
        text = label.mapRectToScene(label.boundingRect())
        assert box.contains(text), (label.toPlainText(), box, text)
        on_screen = widget.mapFromScene(text).boundingRect()
        assert widget.viewport().rect().adjusted(-1, -1, 1, 1).contains(on_screen), (label.toPlainText(), on_screen)


def heights_csv(tmp_path):
    path = tmp_path / "heights.csv"
    rows = "".join(f"{150 + i},{0.9 * (150 + i) - 100 + (i % 3):.1f}\n" for i in range(40))
    path.write_text("height_cm,weight_kg\n" + rows, encoding="utf-8")
    return path


def test_data_that_will_diverge_is_said_before_the_first_step_with_its_cures(window, qtbot, tmp_path) -> None:
    c = window.controller
    window.import_csv(RunConfig(csv_path=str(heights_csv(tmp_path))), c.run.live.__class__(learning_rate=0.1))
    qtbot.waitUntil(lambda: c.run.dataset is not None and c.run.dataset.n_train == 40, timeout=10000)
    assert c.run.step == 0
    offer = window.stability
    assert offer.isVisible() and "2/λmax" in offer.text.text()
    assert offer.standardise.isVisible() and offer.safe_rate.isVisible()
    offer.standardise.click()
    assert c.run.config.standardise and not offer.isVisible()
    c.undo()
    assert window.stability.isVisible()
    window.stability.safe_rate.click()
    assert c.run.live.learning_rate == offer.rate and not offer.isVisible()
    c.step_forward(300)
    assert c.run.status is not Status.DIVERGED


def test_a_diverged_run_names_the_cures(window, qtbot) -> None:
    c = window.controller
    c.load(RunConfig(data="linear"), c.run.live.__class__(learning_rate=0.1))
    assert not window.stability.isVisible()
    c.set_live(learning_rate=1.1)  # tutorial 002's "very high" rate
    assert window.stability.isVisible()
    window.stability.hide()
    c.step_forward(100)
    assert c.run.status is Status.DIVERGED
    assert window.stability.isVisible() and "diverge" in window.stability.text.text()


def test_log_steps_box_reaches_the_loss_view(window) -> None:
    window.controller.step_forward(50)
    window.panel.log_steps.setChecked(True)
    assert window.loss_view.log_steps
    window.panel.log_steps.setChecked(False)
    assert not window.loss_view.log_steps


def test_the_status_line_follows_a_run_playing_at_ten_frames_a_second(window, qtbot) -> None:
    # the ten-a-second refreshes take turns; none may take every turn (the status line stood at step 0)
    activate(qtbot, window)
    c = window.controller
    c.set_speed(10, 1)
    c.play()
    try:
        qtbot.waitUntil(lambda: c.run.step >= 8, timeout=10_000)
    finally:
        c.pause()
    shown = int(window.status_labels["step"].text().replace("<b>", " ").replace("</b>", " ").split()[1].replace(",", ""))
    assert shown == c.run.step
    c.play()
    try:
        qtbot.waitUntil(lambda: c.run.step >= 16, timeout=10_000)
        step_text = window.status_labels["step"].text()
        assert "<b>0</b>" not in step_text and "<b>8</b>" not in step_text  # it moved while playing
    finally:
        c.pause()


def test_while_playing_a_refresh_of_the_maths_and_the_status_line_is_spread_over_four_frames(window, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from gdviz.ui import main_window

    monkeypatch.setattr(main_window, "FAST_FRAMES", 60.0)  # the frames below come fast, however slow the machine
    monkeypatch.setattr(window._status_timer, "start", lambda ms: None)  # and nothing else writes between them
    c = window.controller
    window._set_rate_limited(True)  # the ticks below stand in for the timer: as while playing

    def frame() -> None:
        c._tick()
        QApplication.processEvents()

    window._status_at = 0.0  # a refresh is due at the next frame
    before_maths, before_step = window.equations.text(), window.status_labels["step"].text()
    frame()  # the maths written and parsed
    due = c.run.step
    frame()  # laid out
    assert window.equations.text() == before_maths and window.status_labels["step"].text() == before_step
    frame()  # the status line written
    assert "<b>{:,}</b>".format(due) in window.status_labels["step"].text()
    assert window.equations.text() == before_maths
    frame()  # the maths shown, for the same step
    assert window.equations._last.step == due and "step {:,}".format(due).replace(",", "") in \
        window.equations.plain_text().replace(",", "")
    assert window.equations.text() != before_maths
    window._set_rate_limited(False)  # paused: the latest step is written at once, both places
    assert "<b>{:,}</b>".format(c.run.step) in window.status_labels["step"].text()
    assert window.equations._last.step == c.run.step


def test_while_playing_slowly_the_maths_and_the_status_line_are_written_at_once(window) -> None:
    from PySide6.QtWidgets import QApplication

    c = window.controller
    window._set_rate_limited(True)
    for _ in range(3):  # ten frames a second: each has time for all of it (spread, the text would lag)
        window._status_at = window._status_called = 0.0
        c._tick()
        QApplication.processEvents()
        assert "<b>{:,}</b>".format(c.run.step) in window.status_labels["step"].text()
        assert window.equations._last.step == c.run.step and window.equations._prepared is None


def test_the_status_line_keeps_its_parts_apart(window) -> None:
    from PySide6.QtGui import QTextDocument

    window.controller.step_forward(1)
    window.set_presentation(True)
    try:
        window.controller.step_forward(1)
        for text in (window.status_labels["params"].text(), window.presentation_bar.text()):
            doc = QTextDocument()
            doc.setHtml(text)
            assert "  " in doc.toPlainText().replace("\u00a0", " ")  # rich text folds plain spaces into one
    finally:
        window.set_presentation(False)
