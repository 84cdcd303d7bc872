"""The real window, driven through its own widgets: data, transport, live edits, errors, views.

Every test opens gdviz.ui.main_window.MainWindow offscreen (tests/conftest.py sets the platform
and isolates QSettings), changes settings through the widgets' own setters and signals, and
waits with qtbot.waitSignal / qtbot.waitUntil. Keyboard tests are in tests/test_gui_keys.py.
"""
from __future__ import annotations

import math
import time
import warnings
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gdviz.engine import (BatchMode, LiveSettings, ModelKind, Reduction, RunConfig, Status,
                          UpdateRule)
from gdviz.ui.data_view import MAX_RESIDUALS
from gdviz.ui.main_window import MainWindow


# ----- helpers -----------------------------------------------------------------------------------


def activate(qtbot, w: MainWindow) -> None:
    """Make the window the active window (ApplicationShortcut needs one, even offscreen)."""
    w.activateWindow()
    try:
        with qtbot.waitActive(w, timeout=2000):
            pass
    except Exception:  # waitActive is not reliable on every platform plugin: poll instead
        pass
    try:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    except Exception:  # fallback: force it (deprecated API, hence the warnings filter)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            QApplication.setActiveWindow(w)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)


def choose(box, data) -> None:
    """Pick the combo item carrying `data` the way a user does: select it, then `activated`."""
    i = box.findData(data)
    assert i >= 0, f"no item with data {data!r}"
    box.setCurrentIndex(i)
    box.activated.emit(i)


def line_y(w: MainWindow) -> np.ndarray:
    return np.array(w.data_view.line.getData()[1], copy=True)


def npoints(item) -> int:
    x = item.getData()[0]
    return 0 if x is None else len(x)


def banner_text(w: MainWindow) -> str:
    return w.banner.text()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ----- 1. opening --------------------------------------------------------------------------------
def test_window_opens_with_linear_data_and_tutorial_numbers(window):
    run = window.controller.run
    ds = run.dataset
    assert ds.name == "linear" and (ds.n_train, ds.n_val) == (80, 20)
    assert run.step == 0 and not window.controller.playing

    tx, ty = window.data_view.train.getData()
    vx, vy = window.data_view.val.getData()
    assert (len(tx), len(ty), len(vx), len(vy)) == (80, 80, 20, 20)
    np.testing.assert_array_equal(tx, ds.x_train)
    np.testing.assert_array_equal(vy, ds.y_val)
    assert len(window.data_view.line.getData()[0]) == 2  # the fitted line is drawn

    text = window.equations.text()
    for number in ("0.4967", "−3.0448", "0.8012"):  # b₀, ∂L/∂b and b₁ of tutorial 002
        assert number in text, number
    assert "step 0" in text
    assert "<b>0</b>" in window.status_labels["step"].text()
    assert window.panel.data.currentData() == "linear"
    assert window.panel.lr.value() == pytest.approx(0.1)
    assert not window.banner.isVisible()


# ----- 2. play ------------------------------------------------------------------------------------
def test_play_advances_through_the_timer(qtbot, window):
    c = window.controller
    c.set_speed(60, 1)
    assert "60 frames/s" in window.speed_label.text()
    with qtbot.waitSignal(c.playing_changed, timeout=1000) as blocker:
        window.buttons["toggle"].click()
    assert blocker.args == [True] and c.playing
    assert "Pause" in window.buttons["toggle"].text()
    qtbot.waitUntil(lambda: c.run.step >= 10, timeout=5000)
    with qtbot.waitSignal(c.playing_changed, timeout=1000):
        c.pause()
    assert not c.playing and "Play" in window.buttons["toggle"].text()
    stopped = c.run.step
    qtbot.wait(150)
    assert c.run.step == stopped  # the timer really stopped
    assert f"<b>{stopped:,}</b>" in window.status_labels["step"].text()
    assert f"at step {stopped}" in window.equations.text()


def test_state_label_says_paused_after_pause(qtbot, window):
    c = window.controller
    c.set_speed(60, 1)
    c.play()
    qtbot.waitUntil(lambda: c.run.step >= 3, timeout=5000)
    assert "running" in window.status_labels["state"].text()
    c.pause()
    qtbot.wait(50)
    assert "paused" in window.status_labels["state"].text()


# ----- 3. live learning-rate change ----------------------------------------------------------------
def test_learning_rate_change_while_playing_takes_effect_next_step(qtbot, window):
    c, panel = window.controller, window.panel
    c.set_speed(60, 1)
    c.play()
    qtbot.waitUntil(lambda: c.run.step >= 5, timeout=5000)
    assert c.playing
    old = c.run.live.learning_rate
    assert old == 0.1
    panel.lr.setValue(0.05)  # keyboard tracking is off: setValue emits valueChanged
    change = c.run.step  # set_live ran synchronously: no tick since
    assert change >= 5 and c.playing
    assert c.run.live.learning_rate == 0.05
    assert c.run.changes[-1][0] == change and c.run.changes[-1][1].learning_rate == 0.05
    qtbot.waitUntil(lambda: c.run.step >= change + 5, timeout=5000)
    c.pause()

    run = c.run
    assert run.step >= change + 5  # not reset to 0
    assert run.live.learning_rate == 0.05
    h = run.history
    steps, lrs = h.column("step"), h.column("learning_rate")
    np.testing.assert_array_equal(steps, np.arange(run.step + 1))
    assert np.all(lrs[steps <= change] == old)  # rows up to the change step: old rate
    assert np.all(lrs[steps > change] == 0.05)  # every update after it: new rate
    params, grad = h.column("params"), h.column("grad")
    k = change + 1  # the first update made with the new rate
    np.testing.assert_array_equal(params[k], params[k - 1] - 0.05 * grad[k])
    np.testing.assert_array_equal(params[k - 1], params[k - 2] - old * grad[k - 1])
    # the panel and the equations show the new rate
    assert panel.lr.value() == 0.05
    assert "η = 0.05" in window.equations.text()
    snap_next = run.snapshot().next_update
    np.testing.assert_allclose(snap_next.params_after,
                               np.array(snap_next.params_before) - 0.05 * np.array(snap_next.grad),
                               rtol=0, atol=0)


# ----- 4. step back -------------------------------------------------------------------------------
def test_step_back_restores_the_drawn_line_exactly(qtbot, window):
    c = window.controller
    activate(qtbot, window)
    window.data_view.setFocus()
    qtbot.waitUntil(lambda: window.data_view.hasFocus())
    for _ in range(5):
        qtbot.keyClick(window.data_view, Qt.Key_Right)
    assert c.run.step == 5
    at5 = line_y(window)
    x5 = np.array(window.data_view.line.getData()[0], copy=True)
    for _ in range(3):
        qtbot.keyClick(window.data_view, Qt.Key_Right)
    assert c.run.step == 8
    assert not np.array_equal(line_y(window), at5)
    for _ in range(3):
        qtbot.keyClick(window.data_view, Qt.Key_Left)
    assert c.run.step == 5
    assert np.array_equal(line_y(window), at5)  # bit for bit
    assert np.array_equal(window.data_view.line.getData()[0], x5)
    assert "at step 5" in window.equations.text()


# ----- 6. divergence ------------------------------------------------------------------------------
def test_diverging_run_shows_diverged_and_stops(qtbot, window):
    c, panel = window.controller, window.panel
    panel.lr.setValue(1.1)
    assert c.run.live.learning_rate == 1.1
    c.set_speed(60, 10)
    c.play()
    qtbot.waitUntil(lambda: not c.playing, timeout=10_000)
    run = c.run
    assert run.status is Status.DIVERGED
    assert "diverged at step" in window.status_labels["state"].text()
    assert f"diverged at step {run.diverged_at}" in window.equations.text()
    _, y = window.loss_view.train.getData()
    assert len(y) == len(run.history) and np.all(np.isfinite(y))
    assert np.all(np.isfinite(window.loss_view.train.getData()[1]))
    assert np.all(np.isfinite(window.data_view.line.getData()[1]))
    assert not window.banner.isVisible()

    # Space does not restart a diverged run: it explains why in the banner
    activate(qtbot, window)
    window.data_view.setFocus()
    stopped = run.step
    qtbot.keyClick(window.data_view, Qt.Key_Space)
    qtbot.wait(100)
    assert not c.playing and run.step == stopped
    assert window.banner.isVisible()
    assert "diverged at step" in banner_text(window)
    # the play button does the same
    window.banner.hide()
    window.buttons["toggle"].click()
    assert not c.playing and window.banner.isVisible()

    # one step back leaves the diverged state; the run can be inspected again
    qtbot.keyClick(window.data_view, Qt.Key_Left)
    assert c.run.status is not Status.DIVERGED
    assert "diverged" not in window.status_labels["state"].text()


# ----- 7. CSV errors ------------------------------------------------------------------------------
BAD_CSVS = [
    ("text.csv", "x,y\n1,2\n2,abc\n3,4\n", ("line 3", "abc")),
    ("blank.csv", "x,y\n1,2\n2,4\n3,\n4,8\n", ("line 4", "empty")),
    ("single.csv", "x,y\n1,2\n", ("at least 2",)),
    ("constant.csv", "x,y\n1,2\n1,3\n1,4\n", ("constant",)),
]


def _check_rejected(window, path: str, fragments) -> None:
    c = window.controller
    run, ds = c.run, c.run.dataset
    combo_before = (window.panel.data.currentData(), window.panel.data.count())
    window.banner.hide()
    assert window.panel._load_csv(path) is False
    assert window.banner.isVisible()
    text = banner_text(window)
    assert "\n" not in text and text.strip()
    for fragment in fragments:
        assert fragment in text, (fragment, text)
    assert c.run is run and c.run.dataset is ds  # the old data stay
    assert (window.panel.data.currentData(), window.panel.data.count()) == combo_before


def test_bad_csv_shows_one_line_and_keeps_the_old_data(qtbot, window, tmp_path):
    for name, text, fragments in BAD_CSVS:
        _check_rejected(window, write(tmp_path, name, text), fragments)
    assert window.panel.data.currentData() == "linear"
    assert len(window.data_view.train.getData()[0]) == 80

    missing = str(tmp_path / "nowhere.csv")
    _check_rejected(window, missing, ("nowhere.csv",))

    good = write(tmp_path, "good.csv", "area,price\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n")
    window.banner.hide()
    assert window.panel._load_csv(good) is True
    assert window.panel.data.currentText() == "CSV: good.csv"
    ds = window.controller.run.dataset
    assert ds.name == "good" and ds.n_train == 5
    tx, ty = window.data_view.train.getData()
    np.testing.assert_array_equal(np.sort(tx), [1, 2, 3, 4, 5])
    assert window.controller.run.step == 0
    assert not window.banner.isVisible()

    # a bad file after a good one keeps the good one (and its combo entry)
    _check_rejected(window, write(tmp_path, "bad2.csv", "x,y\n1,oops\n2,3\n"), ("line 2",))
    assert window.panel.data.currentText() == "CSV: good.csv"
    assert window.controller.run.dataset is ds


def test_rejected_restart_keeps_the_batch_size_box_disabled(qtbot, window, tmp_path):
    panel = window.panel
    assert window.controller.run.live.batch_mode is BatchMode.FULL
    assert not panel.batch_size.isEnabled()
    assert panel._load_csv(write(tmp_path, "bad.csv", "x,y\n1,2\n2,abc\n")) is False
    assert window.controller.run.live.batch_mode is BatchMode.FULL
    assert not panel.batch_size.isEnabled()


# ----- 8. non-positive learning rate / step size ------------------------------------------------------
@pytest.mark.parametrize("bad", [0.0, -0.5])
def test_non_positive_learning_rate_is_rejected(qtbot, window, bad):
    c, lr = window.controller, window.panel.lr
    old = c.run.live.learning_rate
    with qtbot.waitSignal(c.error, timeout=1000):
        lr.setValue(bad)
    assert window.banner.isVisible()
    assert "learning rate must be a positive" in banner_text(window)
    assert c.run.live.learning_rate == old
    assert lr.value() == old and lr.text() == "0.1"
    assert window.panel.lr_slider.to_value(window.panel.lr_slider.value()) == pytest.approx(old)
    assert c.run.step == 0


def test_learning_rate_typed_as_zero_is_rejected(qtbot, window):
    c, lr = window.controller, window.panel.lr
    activate(qtbot, window)
    lr.setFocus()
    qtbot.waitUntil(lr.hasFocus)
    lr.selectAll()
    qtbot.keyClicks(lr, "0")
    with qtbot.waitSignal(c.error, timeout=1000):
        qtbot.keyClick(lr, Qt.Key_Return)
    assert "learning rate must be a positive" in banner_text(window)
    assert c.run.live.learning_rate == 0.1
    assert lr.value() == 0.1 and lr.text() == "0.1"


@pytest.mark.parametrize("bad", [0.0, -0.02])
def test_non_positive_step_size_is_rejected(qtbot, window, bad):
    c, panel = window.controller, window.panel
    choose(panel.rule, UpdateRule.FIXED)
    assert c.run.live.rule is UpdateRule.FIXED and panel.fixed_step.isEnabled()
    old = c.run.live.fixed_step
    with qtbot.waitSignal(c.error, timeout=1000):
        panel.fixed_step.setValue(bad)
    assert "step size must be a positive" in banner_text(window)
    assert window.banner.isVisible()
    assert c.run.live.fixed_step == old
    assert panel.fixed_step.value() == old and panel.fixed_step.text() == "0.01"
    assert c.run.live.rule is UpdateRule.FIXED


# ----- 9. data-set presets ---------------------------------------------------------------------------
def test_choosing_a_data_set_applies_the_tutorial_preset(qtbot, window):
    c, panel, dv = window.controller, window.panel, window.data_view
    with qtbot.waitSignal(c.run_replaced, timeout=2000):
        choose(panel.data, "house")
    run = c.run
    assert run.dataset.name == "house" and run.step == 0
    assert run.objective.model is ModelKind.LINE and run.objective.reduction is Reduction.HALF_SUM
    assert run.live.learning_rate == 1e-5
    assert panel.model.currentData() == ModelKind.LINE
    assert panel.reduction.currentData() == Reduction.HALF_SUM
    assert panel.lr.value() == 1e-5
    assert len(dv.train.getData()[0]) == 6
    assert "½" in window.equations.text()

    with qtbot.waitSignal(c.run_replaced, timeout=2000):
        choose(panel.data, "beans")
    run = c.run
    assert run.dataset.name == "beans"
    assert run.objective.model is ModelKind.ORIGIN
    assert run.live.batch_mode is BatchMode.STOCHASTIC
    assert panel.model.currentData() == ModelKind.ORIGIN
    assert panel.batch_mode.currentData() == BatchMode.STOCHASTIC
    assert not panel.init_b.isEnabled() and panel.init_w.isEnabled()
    (x0, x1), (y0, y1) = dv.getPlotItem().viewRange()
    assert (x0, x1) == pytest.approx((0.0, 1.0), abs=1e-12)  # tutorial 001 fixed its axes
    assert (y0, y1) == pytest.approx((0.0, 1.2), abs=1e-12)
    # the axes stay still while the line moves
    c.step_forward(5)
    assert dv.getPlotItem().viewRange()[0] == pytest.approx([0.0, 1.0], abs=1e-12)
    assert len(dv.train.getData()[0]) == 100

    with qtbot.waitSignal(c.run_replaced, timeout=2000):
        choose(panel.data, "linear")
    assert c.run.live.batch_mode is BatchMode.FULL and c.run.live.learning_rate == 0.1
    assert panel.batch_mode.currentData() == BatchMode.FULL


# ----- 10. batch modes ------------------------------------------------------------------------------
def test_batch_modes_enable_the_size_box_and_mark_the_batch(qtbot, window):
    c, panel, dv = window.controller, window.panel, window.data_view
    assert not panel.batch_size.isEnabled()
    choose(panel.batch_mode, BatchMode.MINI)
    assert c.run.live.batch_mode is BatchMode.MINI
    assert panel.batch_size.isEnabled()
    panel.batch_size.setValue(8)
    assert c.run.live.batch_size == 8
    c.step_forward()
    assert len(dv.batch.getData()[0]) == 8
    assert "a batch of n = 8" in window.equations.text()
    choose(panel.batch_mode, BatchMode.FULL)
    assert not panel.batch_size.isEnabled()
    c.step_forward()
    assert npoints(dv.batch) == 0

    choose(panel.data, "beans")
    assert c.run.live.batch_mode is BatchMode.STOCHASTIC and not panel.batch_size.isEnabled()
    c.step_forward()
    bx, by = dv.batch.getData()
    assert len(bx) == 1
    i = int(c.run.snapshot().batch_indices[0])
    ds = c.run.dataset
    assert (bx[0], by[0]) == (ds.x_train[i], ds.y_train[i])
    assert "Gradient on 1 sample" in window.equations.text()
    # stepping back shows the sample of that earlier step again
    c.step_forward()
    assert c.run.step == 2 and len(dv.batch.getData()[0]) == 1
    c.step_back()
    assert c.run.step == 1
    assert (dv.batch.getData()[0][0], dv.batch.getData()[1][0]) == (ds.x_train[i], ds.y_train[i])


# ----- 11. long run -------------------------------------------------------------------------------
LONG_FRAMES = 20_000


def test_long_run_of_timer_frames(qtbot, window):
    c = window.controller
    assert c.load(RunConfig(data="linear", grad_tol=0.0), LiveSettings(learning_rate=0.01))
    c.set_speed(60, 1)
    window._set_rate_limited(True)  # the ticks below stand in for the timer: as while playing
    t0 = time.perf_counter()
    lap = t0
    laps = []
    for i in range(1, LONG_FRAMES + 1):
        c._tick()
        if i % 1000 == 0:
            QApplication.processEvents()
            now = time.perf_counter()
            laps.append(now - lap)
            lap = now
    elapsed = time.perf_counter() - t0
    print(f"\n{LONG_FRAMES} frames in {elapsed:.2f} s; per 1000 frames: first {laps[0]:.2f} s,"
          f" last {laps[-1]:.2f} s")
    run = c.run
    assert run.status is Status.RUNNING
    assert run.step == LONG_FRAMES
    assert len(run.history) == LONG_FRAMES + 1
    x, y = window.loss_view.train.getData()
    losses = run.history.column("train_loss")
    # old rows are drawn from a min/max summary and at most two points a pixel column: the curve
    # spans every step, keeps the extremes and ends at the current loss
    assert len(x) == len(y) < LONG_FRAMES + 1
    assert x[0] == 0 and x[-1] == LONG_FRAMES and np.all(np.diff(x) >= 0)
    assert y.max() == losses.max() and y.min() == losses.min() and y[-1] == losses[-1]
    assert np.all(np.isfinite(y))
    # while playing the status bar refreshes at most ten times a second: it catches up at once after
    qtbot.waitUntil(lambda: f"<b>{LONG_FRAMES:,}</b>" in window.status_labels["step"].text(), timeout=1000)
    # the window still responds
    activate(qtbot, window)
    window.data_view.setFocus()
    qtbot.keyClick(window.data_view, Qt.Key_Space)
    assert c.playing
    qtbot.keyClick(window.data_view, Qt.Key_Space)
    assert not c.playing


# ----- 12. view options -------------------------------------------------------------------------
def test_residuals_checkbox_draws_segments(qtbot, window, tmp_path):
    """Segments for the absolute error (L1); squared error draws squares (tests/test_models_ui.py)."""
    from gdviz.engine import LossKind
    c, panel, dv = window.controller, window.panel, window.data_view
    assert c.set_config(loss=LossKind.ABSOLUTE)
    assert npoints(dv.residuals) == 0
    panel.residuals.setChecked(True)
    x, y = dv.residuals.getData()
    ds, run = c.run.dataset, c.run
    assert len(x) == len(y) == 2 * ds.n_train == 160
    np.testing.assert_array_equal(x[0::2], ds.x_train)
    np.testing.assert_array_equal(x[1::2], ds.x_train)
    np.testing.assert_array_equal(y[0::2], ds.y_train)
    np.testing.assert_allclose(y[1::2], run.objective.predict(run.params, ds.x_train))
    c.step_forward(3)  # segments follow the line
    x, y = dv.residuals.getData()
    np.testing.assert_allclose(y[1::2], run.objective.predict(run.params, ds.x_train))
    panel.residuals.setChecked(False)
    assert npoints(dv.residuals) == 0

    # a large data set draws at most MAX_RESIDUALS segments
    rows = "\n".join(f"{i},{2 * i + 1}" for i in range(1000))
    assert panel._load_csv(write(tmp_path, "big.csv", "x,y\n" + rows + "\n"))
    assert c.set_config(loss=LossKind.ABSOLUTE)
    panel.residuals.setChecked(True)
    x, _ = dv.residuals.getData()
    assert MAX_RESIDUALS == 400 and len(x) == 2 * MAX_RESIDUALS  # 400 segments = 800 points
    window.data_view.grab()


def test_log_scale_switches_the_loss_plot_without_warnings(qtbot, window):
    c, panel, lv = window.controller, window.panel, window.loss_view
    c.step_forward(50)
    panel.log_scale.setChecked(True)
    assert lv.log_scale
    assert lv.train.getData()[1][-1] == pytest.approx(math.log10(c.run.snapshot().train_loss))
    assert lv.getPlotItem().getAxis("left").logMode
    c.step_forward(50)
    QApplication.processEvents()
    lv.grab()  # paint in log mode: any numpy warning is an error (filterwarnings=error)
    snap = c.run.snapshot()
    assert lv.dot.getData()[1][0] == pytest.approx(math.log10(snap.train_loss))
    _, y = lv.train.getData()
    assert np.all(np.isfinite(y))
    (_, _), (y0, y1) = lv.getPlotItem().viewRange()
    assert y0 < math.log10(snap.train_loss) < y1
    panel.log_scale.setChecked(False)
    assert lv.train.getData()[1][-1] == pytest.approx(snap.train_loss)
    lv.grab()
    assert lv.dot.getData()[1][0] == pytest.approx(snap.train_loss)


# ----- function mode (the data chooser's "Function: …" entries) ----------------------------------
def test_function_mode_hides_the_data_view_and_back(qtbot, window):
    c, panel = window.controller, window.panel
    with qtbot.waitSignal(c.run_replaced, timeout=2000):
        choose(panel.data, "fn:parabola")
    assert c.run.is_function and not window.data_view.isVisible()
    for widget in (panel.model, panel.reduction, panel.batch_mode, panel.batch_size, panel.residuals):
        assert not widget.isEnabled()
    assert "Function" in window.equations.text()
    c.set_speed(60, 1)
    c.play()
    qtbot.waitUntil(lambda: c.run.step >= 5, timeout=5000)
    c.pause()
    assert len(window.loss_view.train.getData()[0]) == c.run.step + 1

    with qtbot.waitSignal(c.run_replaced, timeout=2000):
        choose(panel.data, "linear")
    assert not c.run.is_function and window.data_view.isVisible()
    assert len(window.data_view.train.getData()[0]) == 80
    assert panel.model.isEnabled() and panel.residuals.isEnabled() and panel.batch_mode.isEnabled()
    assert not panel.batch_size.isEnabled()  # full batch
    assert "0.4967" in window.equations.text()
