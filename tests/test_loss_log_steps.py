"""The loss plot's log step axis (issue 9, item 8): a long, thinned run shows its first steps spread
out, every item drawn at a step follows log10(step), and switching back restores the linear plot."""

import dataclasses
import math

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from gdviz.engine import Race, Run, RunConfig, Status
from gdviz.engine.history import History
from gdviz.ui.controller import Ghost
from gdviz.ui.loss_view import (LOG_BINS, RAW_LIMIT, LogPeakSummary, PeakSummary, log_steps, peak_columns,
                                 step_tick_strings)


def drawn(view) -> dict[str, object]:
    """Everything the loss view draws at a step, as copies."""
    out = {name: tuple(np.array(a) for a in getattr(view, name).getData())
           for name in ("train", "val", "cursor", "lr_curve")}
    out["dot"] = view.dot._given
    out["range"] = tuple(tuple(r) for r in view.getPlotItem().viewRange())
    out["marks"] = [m.value() for m in view.change_marks if m.isVisible()]
    out["ghosts"] = [tuple(np.array(a) for a in g.getData()) for g in view.ghost_curves if g.isVisible()]
    return out


def assert_same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        if key in ("train", "val", "cursor", "lr_curve"):
            for u, v in zip(a[key], b[key]):
                assert np.array_equal(u, v), key
        elif key == "ghosts":
            assert len(a[key]) == len(b[key])
            for g, h in zip(a[key], b[key]):
                assert all(np.array_equal(u, v) for u, v in zip(g, h)), key
        else:
            assert a[key] == b[key], key


def show_run(window, run: Run):
    """The window's loss view drawing `run` at its step (the controller's own run paused)."""
    view = window.loss_view
    window.panel.log_steps_toggled.connect(view.set_log_steps)  # the lead wires this in main_window.py
    view.set_run(run)
    view.set_show_learning_rate(True)
    view.on_snapshot(run.snapshot())
    QApplication.processEvents()  # the rate's axis narrows the plot: draw again at the settled width
    view.on_snapshot(run.snapshot())
    return view


def long_thinned_run() -> Run:
    """1e6 steps in a history of at most 4096 rows: thinned many times, as a 1e7-step run is."""
    run = Run(RunConfig(), max_history=4096)
    run.advance(300, stop_on_converged=False)
    run.set_live(dataclasses.replace(run.live, learning_rate=0.05))  # a change mark at step 300
    run.advance(1_000_000 - 300, stop_on_converged=False)
    assert run.history.thinned and run.step == 1_000_000
    return run


# ----- pure parts ---------------------------------------------------------------------------------
def test_tick_strings_read_the_steps():
    values = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, math.log10(2e6), math.log10(20), math.log10(5000), -0.046]
    assert step_tick_strings(values, 1.0, 1.0) == [
        "1", "10", "100", "1,000", "10,000", "10⁵", "10⁶", "2×10⁶", "20", "5,000", ""]


def test_log_steps_put_step_zero_with_step_one():
    assert np.array_equal(log_steps(np.array([0, 1, 10, 1000])), [0.0, 0.0, 1.0, 3.0])


@pytest.mark.parametrize("chunk", [1, 777, 5000, 10**6])
def test_log_summary_keeps_every_bin_s_extremes_whatever_the_frames(chunk):
    """Fed in frames of any size, each summarised bin holds the true min and max of its rows (a NaN
    row is no extreme), at its first row's log10 step; the newest rows come back as they are."""
    rng = np.random.default_rng(1)
    steps = np.cumsum(rng.integers(1, 50, 60_000)) - 1
    steps[0] = 0
    y = rng.random(60_000)
    y[rng.random(60_000) < 0.05] = np.nan
    summary = LogPeakSummary(max_blocks=512)
    for end in range(chunk, len(y) + chunk, chunk):
        xs, ys = summary.update(steps[:min(end, len(y))], y[:min(end, len(y))])
    assert summary.level > 0 and 0 < len(summary.lo) <= 512
    done = summary.done
    assert len(y) - done <= RAW_LIMIT
    assert np.array_equal(xs[2 * len(summary.lo):], log_steps(steps[done:]))
    assert np.array_equal(ys[2 * len(summary.lo):], y[done:], equal_nan=True)
    ids = np.floor(log_steps(steps[:done]) * LOG_BINS).astype(np.int64) >> summary.level
    bins, first = np.unique(ids, return_index=True)
    assert np.array_equal(summary.x, log_steps(steps[first]))
    with np.errstate(all="ignore"):
        lo = [np.nanmin(y[:done][ids == b]) if (~np.isnan(y[:done][ids == b])).any() else np.nan for b in bins]
        hi = [np.nanmax(y[:done][ids == b]) if (~np.isnan(y[:done][ids == b])).any() else np.nan for b in bins]
    assert np.array_equal(summary.lo, lo, equal_nan=True) and np.array_equal(summary.hi, hi, equal_nan=True)
    assert np.array_equal(ys[:2 * len(summary.lo)], np.column_stack([lo, hi]).ravel(), equal_nan=True)


def test_log_summary_starts_again_when_the_history_shrinks():
    steps, y = np.arange(20_000), np.linspace(3, 1, 20_000)
    summary = LogPeakSummary()
    summary.update(steps, y)
    xs, ys = summary.update(steps[:100], y[:100])  # stepped back
    assert np.array_equal(xs, log_steps(steps[:100])) and np.array_equal(ys, y[:100])


# ----- the window -------------------------------------------------------------------------------
def test_a_long_thinned_run_shows_its_start_on_a_log_step_axis(qtbot, window):
    run = long_thinned_run()
    view = show_run(window, run)
    linear = drawn(view)
    steps, loss = run.history.column("step"), run.history.column("train_loss")
    assert linear["dot"] == (1_000_000, run.snapshot().train_loss)
    assert set(linear["train"][0]) <= set(steps.tolist())  # linear x: real steps
    vb = view.getPlotItem().getViewBox()  # drawn as before the log axis: row blocks, then pixel columns
    expected = peak_columns(*PeakSummary().update(steps, loss), *vb.viewRange()[0], max(int(vb.width()), 50))
    assert np.array_equal(linear["train"][0], expected[0]) and np.array_equal(linear["train"][1], expected[1])

    window.panel.log_steps.setChecked(True)
    assert view.log_steps and view.getPlotItem().getAxis("bottom").logMode
    QApplication.processEvents()
    x, y = view.train.getData()
    assert np.isfinite(x).all() and np.isfinite(y).all() and len(x) < 4 * view.width()
    for k in range(1, 11):  # the first ten steps each drawn at log10(k) with their own loss
        at = np.flatnonzero(np.abs(x - math.log10(k)) < 1e-12)
        assert len(at) and set(y[at]) == ({loss[0], loss[1]} if k == 1 else {loss[k]}), k  # step 0 shares x = 0
    assert x[0] == 0.0 and loss[0] in y[x == 0.0]  # step 0's loss, drawn with step 1
    assert x[-1] == pytest.approx(6.0) and y[-1] == loss[-1]
    (x0, x1), _ = view.getPlotItem().viewRange()
    assert x0 < 0 < 6 < x1 < 6.5
    assert view.dot._given == pytest.approx((6.0, run.snapshot().train_loss))
    assert np.allclose(view.cursor.getData()[0], 6.0)
    lr_x, lr_y = view.lr_curve.getData()
    assert np.isfinite(lr_x).all() and lr_x.max() == pytest.approx(6.0) and 0.0 in lr_x
    assert [m.value() for m in view.change_marks if m.isVisible()] == [pytest.approx(math.log10(300))]
    ticks = view.getPlotItem().getAxis("bottom").tickStrings([0.0, 2.0, 4.0, 6.0], 1.0, 2.0)
    assert ticks == ["1", "100", "10,000", "10⁶"]
    view.grab()  # painted without a warning

    window.panel.log_steps.setChecked(False)
    QApplication.processEvents()
    assert not view.getPlotItem().getAxis("bottom").logMode
    assert_same(drawn(view), linear)


def test_log_steps_bin_a_long_exact_history_and_follow_new_steps(qtbot, window):
    """More rows than RAW_LIMIT (the summary bins), then more steps: the plot grows in log10 x."""
    run = Run(RunConfig())
    run.advance(100_000, stop_on_converged=False)
    view = show_run(window, run)
    window.panel.log_steps.setChecked(True)
    QApplication.processEvents()
    assert len(view._summaries[0].lo)  # the older rows are summarised in log bins
    x, y = view.train.getData()
    loss = run.history.column("train_loss")
    for k in range(1, 11):
        at = np.flatnonzero(np.abs(x - math.log10(k)) < 1e-12)
        assert len(at) and set(y[at]) == ({loss[0], loss[1]} if k == 1 else {loss[k]}), k  # step 0 shares x = 0
    run.advance(150_000, stop_on_converged=False)
    view.on_snapshot(run.snapshot())
    x, y = view.train.getData()
    assert np.isfinite(y).all() and np.all(np.diff(x) >= 0)
    assert x[-1] == pytest.approx(math.log10(250_000)) and y[-1] == run.history.column("train_loss")[-1]
    assert view.dot._given[0] == pytest.approx(math.log10(250_000))
    (_, x1), _ = view.getPlotItem().viewRange()
    assert math.log10(250_000) < x1


def test_race_ghosts_and_diverged_labels_follow_the_log_step_axis(qtbot, window):
    race = Race.from_preset("learning-rates")
    race.advance(5000)
    view = window.loss_view
    window.panel.log_steps_toggled.connect(view.set_log_steps)
    items = list(zip(race.entries, race.runs, race.snapshots()))
    view.set_race(race)
    view.set_run(race.runs[0])
    ghost = Ghost(np.arange(0, 5000, 7), np.zeros((715, 2)), np.linspace(3, 1, 715))
    view.set_ghosts([ghost])
    view.on_snapshot(race.runs[0].snapshot())
    view.on_race_snapshots(items)
    QApplication.processEvents()
    view.on_race_snapshots(items)
    linear = [tuple(np.array(a) for a in line) for line in view.race_paths.lines()]
    diverged = [i for i, (_, _, s) in enumerate(items) if s.status is Status.DIVERGED]
    assert diverged

    window.panel.log_steps.setChecked(True)
    QApplication.processEvents()
    for (_, run, _), (x, y) in zip(items[::-1], view.race_paths.lines()):
        assert np.isfinite(x).all() and np.all(np.isin(x, log_steps(run.history.column("step"))))
        assert x[-1] == pytest.approx(math.log10(max(run.step, 1)))
    for i, (_, run, snap) in enumerate(items[1:]):
        assert view.race_dots[i].isVisible() == (i + 1 < len(items))
        assert view.race_dots[i]._given[0] == pytest.approx(math.log10(max(snap.step, 1)))
    for i in diverged:
        label, snap = view.race_labels[i], items[i][2]
        assert label.isVisible() and label.pos().x() == pytest.approx(math.log10(snap.step), abs=0.05)
    gx, gy = view.ghost_curves[0].getData()
    assert np.all(np.isin(gx, log_steps(ghost.steps))) and gx[-1] == pytest.approx(math.log10(4998))
    assert np.isfinite(gy).all()

    window.panel.log_steps.setChecked(False)
    view.on_race_snapshots(items)
    again = view.race_paths.lines()
    assert all(np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1]) for a, b in zip(linear, again))


def test_the_view_box_is_translated_and_sits_with_the_loss_scale(qtbot, window):
    panel = window.panel
    assert panel.log_steps.text() == "Log-scale steps" and not panel.log_steps.isChecked()
    box = panel.log_scale.parentWidget()
    assert panel.log_steps.parentWidget() is box
    layout = box.layout()
    assert layout.indexOf(panel.log_steps) == layout.indexOf(panel.log_scale) + 1
    with qtbot.waitSignal(panel.log_steps_toggled) as signal:
        panel.log_steps.setChecked(True)
    assert signal.args == [True]


def test_history_keeps_the_first_steps_that_the_axis_shows():
    h = History(1, max_rows=64)
    for i in range(2000):
        h.append(step=np.array([i]), train_loss=np.array([1.0 / (i + 1)]))
    assert h.thinned and np.array_equal(h.column("step")[:h.head], np.arange(h.head))
