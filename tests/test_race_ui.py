"""Races, ghosts, change marks, the learning-rate axis and search dots in the real window.

Every test drives gdviz.ui.main_window.MainWindow offscreen through its controller (the one
object that steps runs) and reads what the views drew from their plot items.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from gdviz.engine import (PRESETS, LiveSettings, Race, RaceEntry, RunConfig, Schedule, Status,
                          UpdateRule)
from gdviz.engine.optimizers import scheduled_lr
from gdviz.engine.surface import clamp_to_box
from gdviz.ui import theme
from gdviz.ui.controller import MAX_GHOSTS
from gdviz.ui.items import Curve, Layers
from gdviz.ui.theme import entry_colour
from gdviz.ui.loss_view import describe_change
from gdviz.ui.main_window import MainWindow




def has_data(item) -> bool:
    x = item.getData()[0]
    return item.isVisible() and x is not None and len(x) > 0


def data_lines(w: MainWindow) -> list:
    return [item for item in (w.data_view.line, *w.data_view.race_lines) if has_data(item)]


def loss_curves(w: MainWindow) -> list:
    """The loss curves drawn (a race draws each runner's in `race_paths`, the primary on top)."""
    if w.controller.race is not None:
        return [xy for xy in w.loss_view.race_paths.lines() if len(xy[0])]
    return [item.getData() for item in (w.loss_view.train, *w.loss_view.race_curves) if has_data(item)]


def lane_paths(view) -> list:
    """The runners' paths drawn (each as x, y), bottom first."""
    return [xy for xy in view.race_paths.lines() if len(xy[0])]


def landscape(w: MainWindow, race: Race):
    return w.surface if len(race.runs[0].param_names) >= 2 else w.curve


def legend_names(legend) -> list[str]:
    return [label.text for _sample, label in legend.items]


def headless(name: str, steps: int) -> Race:
    race = Race.from_preset(name)
    race.advance(steps)
    return race


def assert_all_finite(w: MainWindow) -> None:
    """No non-finite number in any item a view draws."""
    items = [item for view in (w.data_view, w.loss_view, w.surface, w.curve) for item in view.getPlotItem().items]
    items += list(w.loss_view.lr_box.addedItems)
    checked = 0
    for item in items:
        if isinstance(item, (pg.PlotDataItem, pg.PlotCurveItem, pg.ScatterPlotItem, theme.Marker, Curve)):
            for arr in item.getData():
                if arr is not None:
                    assert np.isfinite(np.asarray(arr, float)).all(), item
            checked += 1
        elif isinstance(item, Layers):
            for line in item.lines():
                assert np.isfinite(line.x).all() and np.isfinite(line.y).all(), item
            checked += 1
        pos = item.pos()
        assert math.isfinite(pos.x()) and math.isfinite(pos.y()), item
    assert checked > 20


# ----- starting a race ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_draws_one_line_curve_and_path_per_runner(window, name: str) -> None:
    c = window.controller
    assert c.start_preset(name)
    race = c.race
    k = len(race.runs)
    assert c.run is race.runs[0]
    if not race.runs[0].is_function:  # at the start: a runaway's line soon leaves the view
        assert len(data_lines(window)) == k
        assert all(name in legend_names(window.data_view.legend) for name in (e.name for e in race.entries))
    c.step_forward(5)
    assert len(loss_curves(window)) == k
    view = landscape(window, race)
    assert len(lane_paths(view)) == k
    assert legend_names(view.legend) == [e.name for e in race.entries]
    assert legend_names(window.loss_view.legend) == [e.name for e in race.entries]
    colours = [entry_colour(e) for e in race.entries]
    assert window.loss_view.train.opts["pen"].color().name() == colours[0]
    assert [curve.opts["pen"].color().name() for curve in window.loss_view.race_curves[:k - 1]] == colours[1:]
    assert len(set(colours)) == k
    assert_all_finite(window)


def test_start_race_emits_race_then_run_then_snapshots(window, qtbot) -> None:
    c = window.controller
    seen = []
    c.race_changed.connect(lambda race: seen.append(("race", race)))
    c.run_replaced.connect(lambda run: seen.append(("run", run)))
    c.snapshot_changed.connect(lambda snap: seen.append(("snap", snap)))
    c.race_snapshots.connect(lambda items: seen.append(("race_snaps", items)))
    race = Race.from_preset("valley-optimizers")
    c.start_race(race)
    kinds = [kind for kind, _ in seen]
    assert kinds == ["race", "run", "snap", "race_snaps"]
    assert seen[0][1] is race and seen[1][1] is race.runs[0] and c.race is race
    items = seen[3][1]
    assert [(e, r) for e, r, _ in items] == list(zip(race.entries, race.runs))
    assert all(s.params == tuple(r.params) for _, r, s in items)


def test_an_unknown_preset_is_an_error_and_changes_nothing(window, qtbot) -> None:
    c = window.controller
    run = c.run
    with qtbot.waitSignal(c.error, timeout=1000) as blocker:
        assert not c.start_preset("no-such-race")
    assert "no-such-race" in blocker.args[0]
    assert c.race is None and c.run is run


def test_without_a_race_the_race_signal_carries_an_empty_list(window, qtbot) -> None:
    with qtbot.waitSignal(window.controller.race_snapshots, timeout=1000) as blocker:
        window.controller.step_forward()
    assert blocker.args[0] == []


# ----- transport drives every runner -------------------------------------------------------------
def test_step_back_reset_and_go_to_move_every_runner_exactly(window) -> None:
    c = window.controller
    c.start_preset("batch-modes")
    race = c.race
    c.step_forward(9)
    assert [r.step for r in race.runs] == [9, 9, 9]
    c.step_back(4)
    assert [r.step for r in race.runs] == [5, 5, 5]
    for run, ref in zip(race.runs, headless("batch-modes", 5).runs):
        assert np.array_equal(run.params, ref.params)
        assert np.array_equal(run.history.column("params"), ref.history.column("params"))
    c.go_to(12)
    assert [r.step for r in race.runs] == [12, 12, 12]
    c.go_to(2)
    assert [r.step for r in race.runs] == [2, 2, 2]
    c.reset()
    assert [r.step for r in race.runs] == [0, 0, 0]
    assert all(np.array_equal(r.params, r.initial_params) for r in race.runs)
    assert len(loss_curves(window)) == 3


def test_play_steps_every_runner_together_pauses_at_the_first_convergence_and_goes_on(window, qtbot) -> None:
    c = window.controller
    c.start_preset("valley-optimizers")
    c.set_speed(60, 10)  # timeouts for a busy 2-core machine: the timer fires less often there
    c.play()
    qtbot.waitUntil(lambda: c.race.step >= 30, timeout=30000)
    c.pause()
    assert len({r.step for r in c.race.runs}) == 1
    c.set_speed(60, 300)
    c.play()
    qtbot.waitUntil(lambda: not c.playing, timeout=60000)
    first = c.race.converged_at  # the race pauses, every runner together, where the first converged
    assert first == c.race.step and len({r.step for r in c.race.runs}) == 1
    step = c.race.step
    c.play()  # past convergence Play goes on (issue 8)
    qtbot.waitUntil(lambda: c.race.step > step, timeout=30000)
    c.pause()


@pytest.mark.parametrize("name", list(PRESETS))
def test_the_window_race_equals_the_headless_race(window, name: str) -> None:
    c = window.controller
    c.start_preset(name)
    c.step_forward(10)
    for _ in range(7):
        c.step_forward()
    c.step_back(3)
    c.step_forward(23)
    ref = headless(name, 37)
    for run, expected in zip(c.race.runs, ref.runs):
        assert run.step == expected.step
        assert np.array_equal(run.params, expected.params)
        assert np.array_equal(run.history.column("train_loss"), expected.history.column("train_loss"))
    x, y = loss_curves(window)[-1]
    assert np.array_equal(y, ref.runs[0].history.column("train_loss"))


def test_live_edits_in_a_race_change_the_primary_runner_only(window) -> None:
    c = window.controller
    c.start_preset("learning-rates")
    others = [r.live for r in c.race.runs[1:]]
    assert c.set_live(learning_rate=0.3)
    assert c.race.runs[0].live.learning_rate == 0.3
    assert [r.live for r in c.race.runs[1:]] == others
    assert window.panel.lr.value() == pytest.approx(0.3)


def test_learning_rates_race_marks_the_diverged_runner_while_the_others_keep_going(window) -> None:
    c = window.controller
    c.start_preset("learning-rates")
    race = c.race
    c.step_forward(30)
    runaway = race.runs[2]
    assert race.entries[2].live.learning_rate == 1.1
    assert runaway.status is Status.DIVERGED
    at = runaway.diverged_at
    label = window.loss_view.race_labels[2]
    assert label.isVisible() and f"diverged at step {at}" in label.textItem.toPlainText()
    assert label.textItem.defaultTextColor().name() == entry_colour(race.entries[2])
    assert not window.loss_view.race_labels[0].isVisible() and not window.loss_view.race_labels[1].isVisible()
    assert any("diverged" in text for text in legend_names(window.data_view.legend))
    mark = window.surface.lanes[2].mark
    assert mark.isVisible() and f"step {at}" in mark.textItem.toPlainText()
    (x0, x1), (y0, y1) = window.surface.view_range
    here = window.surface.lanes[2].current.getData()
    tol = 1e-9 * max(x1 - x0, y1 - y0)
    assert x0 - tol <= here[0][0] <= x1 + tol and y0 - tol <= here[1][0] <= y1 + tol  # it waits on the edge
    last = runaway.params.copy()
    before = [r.step for r in race.runs[:2]]
    c.step_forward(10)
    assert [r.step for r in race.runs[:2]] == [s + 10 for s in before]
    assert runaway.step == at and np.array_equal(runaway.params, last)
    assert np.isfinite(runaway.params).all()
    assert not race.finished
    assert_all_finite(window)


def test_a_runaway_runner_leaves_the_views_instead_of_shrinking_the_others(window) -> None:
    c = window.controller
    c.start_preset("learning-rates")
    (b0, b1), (w0, w1) = window.surface.view_range
    c.step_forward(60)
    (c0, c1), (v0, v1) = window.surface.view_range
    assert (c1 - c0) < 4 * (b1 - b0) and (v1 - v0) < 4 * (w1 - w0)
    top = window.loss_view.getPlotItem().getViewBox().viewRange()[1][1]
    start = float(c.race.runs[0].history.column("train_loss")[0])
    assert top < 4 * start < float(c.race.runs[2].history.column("train_loss").max())


def test_ending_a_race_hides_the_overlays_and_keeps_the_primary_run(window, qtbot) -> None:
    c = window.controller
    c.start_preset("learning-rates")
    c.step_forward(8)
    primary = c.run
    with qtbot.waitSignal(c.race_changed, timeout=1000) as blocker:
        c.end_race()
    assert blocker.args[0] is None and c.race is None and c.run is primary and primary.step == 8
    assert len(data_lines(window)) == 1 and len(loss_curves(window)) == 1 and not lane_paths(window.surface)
    assert "fitted line" in legend_names(window.data_view.legend)
    assert legend_names(window.loss_view.legend) == ["training loss", "validation loss"]
    assert not window.surface.legend.isVisible() and window.surface.path_line.isVisible()
    c.step_forward(2)
    assert primary.step == 10


def test_loading_data_ends_the_race(window) -> None:
    c = window.controller
    c.start_preset("search-vs-gradient")
    c.step_forward(3)
    assert c.set_config(seed=7)
    assert c.race is None and c.run.step == 0 and not lane_paths(window.surface)


# ----- ghosts ------------------------------------------------------------------------------------
def test_a_branch_leaves_the_abandoned_path_as_a_ghost(window, qtbot) -> None:
    c = window.controller
    c.load(RunConfig(data="linear"), LiveSettings(learning_rate=0.1))
    c.step_forward(20)
    h = c.run.history
    old_params, old_loss = h.column("params")[10:].copy(), h.column("train_loss")[10:].copy()
    with qtbot.waitSignal(c.ghosts_changed, timeout=1000) as blocker:
        c.step_back(10)
    (ghost,) = blocker.args[0]
    assert np.array_equal(ghost.steps, np.arange(10, 21))
    assert np.array_equal(ghost.params, old_params) and np.array_equal(ghost.train_loss, old_loss)
    c.set_live(learning_rate=0.5)
    c.step_forward(10)
    assert len(c.ghosts) == 1 and c.ghosts[0] is ghost
    surface_ghost = window.surface.ghost_paths[0]
    assert surface_ghost.isVisible()
    x, y = surface_ghost.getData()
    f = window.surface._framing
    expected = clamp_to_box(old_params[:, [1, 0]], f.lo, f.hi)
    assert np.allclose(x, expected[:, 0]) and np.allclose(y, expected[:, 1])
    lx, ly = window.loss_view.ghost_curves[0].getData()
    assert np.array_equal(lx, np.arange(10, 21)) and np.array_equal(ly, old_loss)
    assert window.loss_view.ghost_curves[0].opts["pen"].color().alpha() < 255
    gx, gy = window.data_view.ghost_lines[0].getData()
    assert window.data_view.ghost_lines[0].isVisible() and len(gx) == 2
    line = c.run.objective.predict(old_params[-1], gx)
    assert np.allclose(gy, line)
    assert not np.allclose(c.run.params, old_params[-1])  # the new future is another one


def test_stepping_back_repeatedly_keeps_one_ghost_and_walking_it_again_covers_it(window) -> None:
    c = window.controller
    c.load(RunConfig(data="linear"), LiveSettings(learning_rate=0.1))
    c.step_forward(20)
    for _ in range(5):
        c.step_back()
    assert len(c.ghosts) == 1 and np.array_equal(c.ghosts[0].steps, np.arange(15, 21))
    c.step_forward(5)
    assert c.ghosts == [] and not window.surface.ghost_paths[0].isVisible()


def test_at_most_three_ghosts_are_kept_and_reset_clears_them(window) -> None:
    c = window.controller
    c.load(RunConfig(data="linear"), LiveSettings(learning_rate=0.1))
    for lr in (0.2, 0.3, 0.4, 0.5):
        c.step_forward(10)
        c.step_back(5)
        c.set_live(learning_rate=lr)
    assert len(c.ghosts) == MAX_GHOSTS
    assert sum(item.isVisible() for item in window.loss_view.ghost_curves) == MAX_GHOSTS
    c.reset()
    assert c.ghosts == [] and not any(item.isVisible() for item in window.surface.ghost_paths)


# ----- change marks and the learning rate --------------------------------------------------------
def test_mid_run_setting_changes_are_marked_on_the_loss_view(window) -> None:
    c = window.controller
    c.load(RunConfig(data="linear"), LiveSettings(learning_rate=0.1))
    c.set_live(learning_rate=0.2)  # at step 0: the start, not a change
    c.step_forward(10)
    c.set_live(learning_rate=0.05)
    c.step_forward(10)
    c.set_live(batch_mode="mini", batch_size=8)
    c.step_forward(5)
    marks = [m for m in window.loss_view.change_marks if m.isVisible()]
    assert [m.value() for m in marks] == [10, 20]
    texts = [m.label.textItem.toPlainText() for m in marks]
    assert texts[0] == "η 0.2→0.05"
    assert "batch full→mini" in texts[1] and "batch size 32→8" in texts[1]
    c.step_back(8)
    assert [m.value() for m in window.loss_view.change_marks if m.isVisible()] == [10]
    assert_all_finite(window)


def test_describe_change_names_the_rule(window) -> None:
    a = LiveSettings()
    assert describe_change(a, LiveSettings(rule=UpdateRule.ADAM)) == "rule gradient→adam"
    assert describe_change(a, a) == ""


def test_the_learning_rate_axis_shows_the_scheduled_rate(window) -> None:
    c = window.controller
    live = LiveSettings(learning_rate=0.4, schedule=Schedule.STEP, decay_rate=0.5, decay_steps=10)
    c.load(RunConfig(data="linear"), live)
    view = window.loss_view
    view.set_show_learning_rate(True)
    assert view.getPlotItem().getAxis("right").isVisible() and view.lr_box.isVisible()
    c.step_forward(35)
    x, y = view.lr_curve.getData()
    assert np.array_equal(x, np.arange(36))
    expected = [scheduled_lr(c.run.live, max(int(s) - 1, 0)) for s in x]  # row s: the update into step s
    assert np.array_equal(y, expected)
    drops = x[1:][np.diff(y) != 0]
    assert list(drops - 1) == [10, 20, 30]  # the updates at the decay steps use the new rate
    assert not view.getPlotItem().getAxis("right").logMode
    lo, hi = view.lr_box.viewRange()[1]
    assert lo <= 0.05 and 0.4 <= hi
    view.set_show_learning_rate(False)
    assert not view.lr_box.isVisible()


def test_the_learning_rate_axis_turns_logarithmic_over_two_decades(window) -> None:
    c = window.controller
    c.load(RunConfig(data="linear"), LiveSettings(learning_rate=0.4, schedule=Schedule.STEP, decay_rate=0.1,
                                                  decay_steps=5))
    view = window.loss_view
    view.set_show_learning_rate(True)
    c.step_forward(20)
    x, y = view.lr_curve.getData()
    assert view.getPlotItem().getAxis("right").logMode
    rates = c.run.history.column("learning_rate")
    assert np.allclose(y, np.log10(rates))
    window.panel.log_scale.setChecked(True)  # the loss axis's log mode leaves the rate's alone
    assert view.getPlotItem().getAxis("right").logMode
    window.panel.log_scale.setChecked(False)
    assert view.getPlotItem().getAxis("right").logMode
    assert_all_finite(window)


def test_the_panel_checkbox_drives_the_rate_axis_when_the_panel_has_one(window) -> None:
    panel = window.panel
    if not hasattr(panel, "learning_rate_toggled"):
        pytest.skip("the settings panel has no learning-rate checkbox yet")
    panel.learning_rate_toggled.emit(True)
    assert window.loss_view.show_learning_rate
    panel.learning_rate_toggled.emit(False)
    assert not window.loss_view.show_learning_rate


# ----- search rules ------------------------------------------------------------------------------
def test_random_search_draws_the_points_it_tried(window) -> None:
    c = window.controller
    c.load(RunConfig(data="linear"), LiveSettings(rule=UpdateRule.RANDOM_SEARCH, search_radius=3.0))
    c.step_forward(50)
    steps, tried = c.run.tried_points()
    assert len(steps) == 50
    x, y = window.surface.tried.getData()
    f = window.surface._framing
    expected = clamp_to_box(tried[:, [1, 0]], f.lo, f.hi)
    assert window.surface.tried.isVisible()
    assert np.allclose(x, expected[:, 0]) and np.allclose(y, expected[:, 1])
    now = window.surface.tried_now.getData()
    candidate = c.run.snapshot().next_update.candidate
    assert (now[0][0], now[1][0]) == pytest.approx(tuple(clamp_to_box(np.array(candidate)[[1, 0]][None],
                                                                      f.lo, f.hi)[0]))
    px, py = window.surface.path_line.getData()
    assert np.allclose(px[-1], c.run.params[1]) and np.allclose(py[-1], c.run.params[0])  # best so far
    assert_all_finite(window)


def test_gradient_descent_draws_no_tried_points(window) -> None:
    window.controller.step_forward(5)
    assert not has_data(window.surface.tried) and not window.surface.tried_now.isVisible()


def test_a_search_race_draws_each_searchers_tried_points(window) -> None:
    c = window.controller
    c.start_preset("search-vs-gradient")
    c.step_forward(30)
    lanes = window.surface.lanes
    assert len(lanes[0].tried.getData()[0]) == 30 and lanes[0].tried.isVisible()
    assert len(lanes[1].tried.getData()[0]) == 30
    assert not lanes[2].tried.isVisible() and not lanes[2].tried_now.isVisible()
    assert not window.surface.tried.isVisible()  # the single run's dots give way to the lanes


# ----- races of custom runners -------------------------------------------------------------------
def test_six_runners_on_a_one_parameter_model_fill_every_lane(window) -> None:
    c = window.controller
    entries = [RaceEntry(f"η = {lr:g}", i, LiveSettings(learning_rate=lr)) for i, lr in
               enumerate((0.1, 0.3, 0.6, 1.2, 2.4, 6.0))]
    race = Race(RunConfig(data="linear", model="origin"), entries)
    c.start_race(race)
    c.step_forward(2)
    assert window.curve.isVisible() and not window.surface.isVisible()
    assert len(lane_paths(window.curve)) == 6 and len(loss_curves(window)) == 6 and len(data_lines(window)) == 6
    c.step_forward(38)
    assert race.runs[5].status is Status.DIVERGED
    assert window.curve.lanes[5].mark.isVisible()
    assert_all_finite(window)


def test_the_data_view_highlights_the_primary_runners_batch(window) -> None:
    c = window.controller
    entries = [RaceEntry("mini-batch 5", 0, LiveSettings(learning_rate=0.3, batch_mode="mini", batch_size=5)),
               RaceEntry("stochastic", 1, LiveSettings(learning_rate=0.3, batch_mode="stochastic"))]
    c.start_race(Race(RunConfig(data="beans"), entries))
    c.step_forward(3)
    rows = c.run.snapshot().batch_indices
    assert len(rows) == 5
    x, y = window.data_view.batch.getData()
    ds = c.run.dataset
    assert np.array_equal(x, ds.x_train[rows]) and np.array_equal(y, ds.y_train[rows])


def test_hidden_views_skip_race_work_and_catch_up_when_shown(window, qtbot) -> None:
    c = window.controller
    c.start_preset("valley-optimizers")
    c.step_forward(3)
    window.loss_view.hide()
    c.step_forward(5)
    second = lambda: window.loss_view.race_paths.lines()[-2][0]  # noqa: E731 (the second runner's curve)
    assert len(second()) == 4  # still the curve of step 3
    window.loss_view.show()
    qtbot.waitExposed(window.loss_view)
    assert len(second()) == 9


# ----- the runner list: which runner the settings edit ------------------------------------------
needs_runner_edits = pytest.mark.skipif(not hasattr(Race, "with_runner"),
                                        reason="Race.with_runner / without_runner are not in the engine yet")


def click_row(qtbot, races, row: int) -> None:
    """Click a runner in the race panel's list."""
    rect = races.runners.visualItemRect(races.runners.item(row))
    qtbot.mouseClick(races.runners.viewport(), Qt.LeftButton, pos=rect.center())


def test_clicking_a_runner_makes_the_settings_edit_it_and_its_entry_follows(qtbot, window) -> None:
    c, panel, races = window.controller, window.panel, window.panel.race_panel
    c.start_preset("learning-rates")
    c.step_forward(3)
    assert races.selected_row() == 0 and c.selected_runner == 0
    click_row(qtbot, races, 1)
    assert c.selected_runner == 1 and races.selected_row() == 1
    assert panel.lr.value() == 0.8 and panel.descent_group.title().endswith("η = 0.8")
    others = [r.live for i, r in enumerate(c.race.runs) if i != 1]
    panel.lr.setValue(0.42)  # keyboard tracking is off: setValue is an edit
    assert c.race.runs[1].live.learning_rate == 0.42 and c.race.runs[1].step == 3
    assert [r.live for i, r in enumerate(c.race.runs) if i != 1] == others
    assert races.runner_texts() == ["η = 0.2: gradient, η = 0.2, full batch", "η = 0.8: gradient, η = 0.42, full batch",
                                    "η = 1.1: gradient, η = 1.1, full batch"]
    c.select_runner(2)  # the controller's choice shows in the list too
    assert races.selected_row() == 2 and panel.lr.value() == 1.1


@needs_runner_edits
def test_adding_a_runner_keeps_the_race_where_it_is(qtbot, window) -> None:
    c, panel, races = window.controller, window.panel, window.panel.race_panel
    c.start_preset("valley-optimizers")
    c.step_forward(13)
    before = [(r.step, r.params.copy()) for r in c.race.runs]
    panel.lr.setValue(0.03)  # edits runner 1, the selected one
    races.add_button.click()
    race = c.race
    assert len(race.runs) == 4 and race.step == 13 and [r.step for r in race.runs] == [13] * 4
    for (step, params), run in zip(before, race.runs):
        assert run.step == step and np.array_equal(run.params, params)
    assert race.entries[3].name == "run 4" and race.runs[3].live.learning_rate == 0.03
    assert c.selected_runner == 3 and races.selected_row() == 3 and len(races.runner_texts()) == 4
    assert c.undo() and len(c.race.runs) == 3 and c.race.step == 13


@needs_runner_edits
def test_runners_are_removed_one_by_one(qtbot, window) -> None:
    c, races = window.controller, window.panel.race_panel
    c.start_preset("search-vs-gradient")
    c.step_forward(5)
    click_row(qtbot, races, 1)
    assert races.remove_button.isEnabled()
    races.remove_button.click()
    assert [e.name for e in c.race.entries] == ["random search", "gradient descent"] and c.race.step == 5
    assert races.runner_texts()[1].startswith("gradient descent: ") and races.remove_button.isEnabled()
    races.remove_button.click()  # the last but one: the race ends on the one left
    assert c.race is None and not races.remove_button.isVisibleTo(races) and not races.runners.isVisibleTo(races)
