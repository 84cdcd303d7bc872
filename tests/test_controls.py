"""The descent controls of the real window: every update rule and its settings, clipping, schedules,
the maths of each rule with numbers, and the Compare / race panel.

Each test opens gdviz.ui.main_window.MainWindow offscreen (tests/conftest.py), drives the widgets
through their own setters and signals, and checks the run the controller owns.
"""
from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdviz.engine import PRESETS, ClipMode, Race, Schedule, UpdateRule
from gdviz.ui.controller import RunController
from gdviz.ui.equation_panel import num, sig
from gdviz.ui.main_window import MainWindow

R = UpdateRule
needs_races = pytest.mark.skipif(not hasattr(RunController, "start_preset"),
                                 reason="RunController.start_preset / start_race / end_race are not there yet")




def choose(box, data) -> None:
    """Pick the combo item carrying `data` the way a user does: select it, then `activated`."""
    i = box.findData(data)
    assert i >= 0, f"no item with data {data!r}"
    box.setCurrentIndex(i)
    box.activated.emit(i)


def plain(html: str) -> str:
    """The equation panel's text without tags, lines kept."""
    return re.sub(r"<[^>]+>", "", html.replace("<br>", "\n"))


def table_rows(html: str) -> dict[str, list[str]]:
    """The rows of the equation panel's table: the formula cell (plain text) → the number cells."""
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html):
        cells = [plain(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        rows[cells[0]] = cells[1:]
    return rows


# ----- the rule combo and the rows it shows --------------------------------------------------------
ROWS = ("learning_rate", "momentum", "beta1", "beta2", "rho", "epsilon", "fixed_step", "search_radius",
        "clip", "schedule")
SHOWN = {
    R.GRADIENT: {"learning_rate", "clip", "schedule"},
    R.FIXED: {"fixed_step", "clip"},
    R.MOMENTUM: {"learning_rate", "momentum", "clip", "schedule"},
    R.NESTEROV: {"learning_rate", "momentum", "clip", "schedule"},
    R.ADAGRAD: {"learning_rate", "epsilon", "clip", "schedule"},
    R.RMSPROP: {"learning_rate", "rho", "epsilon", "clip", "schedule"},
    R.ADAM: {"learning_rate", "beta1", "beta2", "epsilon", "clip", "schedule"},
    R.RANDOM_SEARCH: {"search_radius"},
    R.DIRECTION_SEARCH: {"fixed_step"},
}


def test_the_rule_combo_lists_every_rule_with_its_formula(window):
    box = window.panel.rule
    items = {box.itemData(i): box.itemText(i) for i in range(box.count())}
    assert set(items) == set(UpdateRule)
    assert items[R.MOMENTUM] == "momentum  v ← βv + g; θ ← θ − ηv"
    assert items[R.ADAM].startswith("Adam")
    assert items[R.RANDOM_SEARCH] == "random search (tutorial 004)"
    assert items[R.DIRECTION_SEARCH] == "direction search (tutorial 004)"


@pytest.mark.parametrize("rule", list(UpdateRule))
def test_choosing_a_rule_sets_it_and_shows_only_its_rows(window, rule):
    panel, c = window.panel, window.controller
    choose(panel.rule, rule)
    assert c.run.live.rule is rule
    shown = {name for name in ROWS if panel.row_shown(name)}
    assert shown == SHOWN[rule]
    for name in ("momentum", "beta1", "beta2", "rho", "epsilon", "fixed_step", "search_radius"):
        assert getattr(panel, name).isVisibleTo(panel) == (name in SHOWN[rule])
    assert panel.lr.isVisibleTo(panel) == ("learning_rate" in SHOWN[rule])
    assert panel.batch_mode.isEnabled() == (not rule.is_search)  # a search always looks at all the data


def test_a_function_hides_the_data_rows(window):
    panel = window.panel
    choose(panel.data, "fn:valley")
    hidden = (panel.model, panel.reduction, panel.val_fraction, panel.bad_feature, panel.batch_mode, panel.batch_size)
    assert not any(w.isVisibleTo(panel) or w.isEnabled() for w in hidden)
    assert panel.model_group.title() == "Start" and panel.init_w.isVisibleTo(panel)
    choose(panel.data, "linear")
    assert all(w.isVisibleTo(panel) for w in hidden) and panel.model_group.title() == "Model and loss"


# ----- live edits ----------------------------------------------------------------------------------
def test_editing_beta_live_keeps_the_velocity(window):
    panel, c = window.panel, window.controller
    choose(panel.rule, R.MOMENTUM)
    c.step_forward(5)
    run = c.run
    velocity = run.opt_state[0].copy()
    assert np.abs(velocity).sum() > 0
    panel.momentum.setValue(0.5)  # keyboard tracking is off: setValue is an edit
    assert run is c.run and run.step == 5 and run.live.momentum == 0.5
    np.testing.assert_array_equal(run.opt_state[0], velocity)  # not reset
    assert run.changes[-1][0] == 5
    c.step_forward()
    g = run.history.column("grad")[-1]
    new_velocity = 0.5 * velocity + g
    np.testing.assert_allclose(run.opt_state[0], new_velocity, rtol=1e-15)
    np.testing.assert_allclose(run.history.column("params")[-1],
                               run.history.column("params")[-2] - run.live.learning_rate * new_velocity, rtol=1e-15)


BAD_EDITS = [  # (what to choose first, box, bad value, the engine's message)
    ({"rule": R.MOMENTUM}, "momentum", 1.0, "momentum must be in [0, 1) (0 or more and below 1), got 1"),
    ({"rule": R.ADAM}, "beta1", 1.0, "beta1 must be in [0, 1)"),
    ({"rule": R.ADAM}, "beta2", 1.5, "beta2 must be in [0, 1)"),
    ({"rule": R.ADAM}, "epsilon", 0.0, "epsilon must be a positive finite number"),
    ({"rule": R.RMSPROP}, "rho", -0.1, "rho must be in [0, 1)"),
    ({"rule": R.ADAGRAD}, "epsilon", -1e-8, "epsilon must be a positive finite number"),
    ({"rule": R.RANDOM_SEARCH}, "search_radius", 0.0, "search radius must be a positive number of at most 1e100"),
    ({"rule": R.DIRECTION_SEARCH}, "fixed_step", -0.1, "step size must be a positive number of at most 1e100"),
    ({"clip": ClipMode.NORM}, "clip_value", 0.0, "clip value must be a positive finite number"),
    ({"schedule": Schedule.STEP}, "decay_steps", 0.0, "decay steps must be a whole number from 1 to 1e9"),
    ({"schedule": Schedule.STEP}, "decay_steps", 2.5, "decay steps must be a whole number from 1 to 1e9"),
    ({"schedule": Schedule.INVERSE}, "decay_rate", -1.0, "decay rate must be a positive finite number"),
]


@pytest.mark.parametrize("setup, name, bad, message", BAD_EDITS, ids=[f"{n}={b}" for _, n, b, _ in BAD_EDITS])
def test_a_bad_value_shows_the_engine_message_and_reverts(qtbot, window, setup, name, bad, message):
    panel, c = window.panel, window.controller
    for combo_name, data in setup.items():
        choose(getattr(panel, combo_name), data)
    box = getattr(panel, name)
    assert box.isVisibleTo(panel) and box.isEnabled()
    before = c.run.live
    with qtbot.waitSignal(c.error, timeout=1000):
        box.setValue(bad)
    assert window.banner.isVisible() and message in window.banner.text()
    assert c.run.live == before
    assert box.value() == getattr(before, name)


def test_the_clipping_combo_enables_the_bound_box(window):
    panel, c = window.panel, window.controller
    assert c.run.live.clip is ClipMode.NONE and not panel.clip_value.isEnabled()
    choose(panel.clip, ClipMode.NORM)
    assert c.run.live.clip is ClipMode.NORM and panel.clip_value.isEnabled()
    panel.clip_value.setValue(0.25)
    assert c.run.live.clip_value == 0.25
    choose(panel.clip, ClipMode.VALUE)
    assert c.run.live.clip is ClipMode.VALUE and panel.clip_value.isEnabled()
    choose(panel.clip, ClipMode.NONE)
    assert not panel.clip_value.isEnabled()


def test_the_schedule_combo_enables_its_rate_and_steps(window):
    panel, c = window.panel, window.controller
    assert not panel.decay_rate.isEnabled() and not panel.decay_steps.isEnabled()
    choose(panel.schedule, Schedule.EXPONENTIAL)
    assert c.run.live.schedule is Schedule.EXPONENTIAL
    assert panel.decay_rate.isEnabled() and panel.decay_steps.isEnabled()
    panel.decay_rate.setValue(0.3)
    panel.decay_steps.setValue(20)
    assert (c.run.live.decay_rate, c.run.live.decay_steps) == (0.3, 20)
    c.step_forward(10)
    rates = c.run.history.column("learning_rate")
    assert rates[-1] == pytest.approx(0.1 * 0.3 ** (9 / 20))


def test_a_step_back_shows_the_settings_of_that_step(window):
    panel, c = window.panel, window.controller
    choose(panel.rule, R.ADAM)
    c.step_forward(3)
    panel.beta1.setValue(0.5)
    c.step_forward(2)
    c.step_back(3)
    assert c.run.live.beta1 == 0.9 and panel.beta1.value() == 0.9


def test_the_learning_rate_checkbox_emits(qtbot, window):
    panel = window.panel
    with qtbot.waitSignal(panel.learning_rate_toggled, timeout=1000) as signal:
        panel.show_lr.setChecked(True)
    assert signal.args == [True]


# ----- the maths of every rule -------------------------------------------------------------------
MARKS = {
    R.GRADIENT: "w ← ",
    R.FIXED: "× sign(",
    R.MOMENTUM: "vw ← β·vw + gw = ",
    R.NESTEROV: "w ← w − η·(gw + β·vw) = ",
    R.ADAGRAD: "Gw ← Gw + gw² = ",
    R.RMSPROP: "sw ← ρ·sw + (1 − ρ)·gw² = ",
    R.ADAM: "m ← 0.9·m + 0.1·g",
    R.RANDOM_SEARCH: "tried (w, b) = ",
    R.DIRECTION_SEARCH: "try θ + s·d with d = (",
}


@pytest.mark.parametrize("rule", list(UpdateRule))
def test_every_rule_writes_its_update_with_numbers(window, rule):
    c = window.controller
    choose(window.panel.rule, rule)
    c.step_forward(3)
    text = plain(window.equations.text())
    assert MARKS[rule] in text
    up = c.run.snapshot().next_update
    if rule.is_search:
        assert f"({num(up.params_after[0])}, {num(up.params_after[1])})" in text
    elif rule is R.ADAM:
        assert table_rows(window.equations.text())["θ ← θ − η·m̂/(√v̂ + ε)"] == [num(a) for a in up.params_after]
    else:
        for name, after in zip(c.run.param_names, up.params_after):
            assert f"= {num(after)}" in text, name
    section = next(block for block in text.split("\n\n") if MARKS[rule] in block)
    assert len(section.splitlines()) - 1 <= 12  # short enough to read on a projector


def test_adam_shows_the_bias_corrections_of_a_hand_computation(window):
    panel, c = window.panel, window.controller
    choose(panel.data, "fn:valley")
    choose(panel.rule, R.ADAM)
    c.step_forward(4)
    run, live = c.run, c.run.live
    m, v = np.zeros(2), np.zeros(2)
    for g in run.history.column("grad")[1:]:  # the gradient of each update so far
        m, v = live.beta1 * m + (1 - live.beta1) * g, live.beta2 * v + (1 - live.beta2) * g * g
    np.testing.assert_allclose(run.history.column("state")[-1], np.concatenate([m, v, [4]]), rtol=1e-12)
    g = np.array(run.snapshot().next_update.grad)
    m, v, t = live.beta1 * m + (1 - live.beta1) * g, live.beta2 * v + (1 - live.beta2) * g * g, 5
    m_hat, v_hat = m / (1 - live.beta1 ** t), v / (1 - live.beta2 ** t)
    text = plain(window.equations.text())
    assert "∂f/∂x" in text and "∂L/∂x" not in text
    rows = table_rows(window.equations.text())
    assert rows["m ← 0.9·m + 0.1·g"] == [sig(x) for x in m]
    assert rows["v ← 0.999·v + 0.001·g²"] == [sig(x) for x in v]
    assert "m/(1 − 0.9<sup>5</sup>)" in window.equations.text()  # the bias correction at t = 5
    assert rows["m̂ = m/(1 − 0.95)"] == [sig(x) for x in m_hat]  # the same without tags
    assert rows["v̂ = v/(1 − 0.9995)"] == [sig(x) for x in v_hat]


def test_clipping_and_the_schedule_are_written_out(window):
    panel, c = window.panel, window.controller
    choose(panel.rule, R.MOMENTUM)
    choose(panel.clip, ClipMode.NORM)
    panel.clip_value.setValue(1.0)
    choose(panel.schedule, Schedule.STEP)
    panel.decay_steps.setValue(2)
    c.step_forward(3)
    text = plain(window.equations.text())
    assert "g clipped by norm to c = 1: (" in text
    assert "ηt = η·γ⌊t/T⌋ = 0.1 × 0.5⌊3/2⌋ = 0.05" in text


# ----- the race panel ------------------------------------------------------------------------------
def click(button) -> None:
    assert button.isEnabled()
    button.click()


@needs_races
@pytest.mark.parametrize("name", list(PRESETS))
def test_the_race_panel_starts_each_preset_and_lists_its_runners(qtbot, window, name):
    races, c = window.panel.race_panel, window.controller
    choose(races.presets, name)
    assert races.explanation.text() == PRESETS[name].explanation
    with qtbot.waitSignal(c.race_changed, timeout=2000):
        click(races.start_button)
    entries = PRESETS[name].entries
    assert c.race is not None and [e.name for e in c.race.entries] == [e.name for e in entries]
    texts = races.runner_texts()
    assert len(texts) == len(entries) and races.runners.isVisibleTo(races)
    for text, entry in zip(texts, entries):
        assert text.startswith(f"{entry.name}: ")
    with qtbot.waitSignal(c.race_changed, timeout=2000):
        click(races.end_button)
    assert c.race is None and not races.runners.isVisibleTo(races) and not races.end_button.isEnabled()


@pytest.mark.skipif(not hasattr(Race, "from_run"), reason="Race.from_run is not in the engine yet")
def test_add_current_settings_builds_a_race_runner_by_runner(qtbot, window):
    panel, races, c = window.panel, window.panel.race_panel, window.controller
    panel.lr.setValue(0.05)
    c.step_forward(4)
    run, config = c.run, c.run.config
    click(races.add_button)  # the run so far becomes runner 1; runner 2 catches up to step 4
    race = c.race
    assert race is not None and race.config == config and race.step == 4
    assert [(e.name, r.live.learning_rate, r.step) for e, r in zip(race.entries, race.runs)] == [
        ("run 1", 0.05, 4), ("run 2", 0.05, 4)]
    np.testing.assert_array_equal(race.runs[0].params, run.params)
    assert all(r.dataset is race.dataset for r in race.runs)
    assert races.runner_texts() == ["run 1: gradient, η = 0.05, full batch", "run 2: gradient, η = 0.05, full batch"]
    assert c.selected_runner == 1 and races.selected_row() == 1  # the new runner is the one edited
    choose(panel.rule, R.ADAM)
    panel.lr.setValue(0.2)
    assert races.runner_texts()[1] == "run 2: Adam, η = 0.2, full batch"
    assert race.runs[0].live.learning_rate == 0.05 and race.runs[0].live.rule is R.GRADIENT
    click(races.add_button)
    entries, runs = c.race.entries, c.race.runs
    assert [e.name for e in entries] == ["run 1", "run 2", "run 3"] and c.race.step == 4
    assert (runs[2].live.rule, runs[2].live.learning_rate, entries[2].colour) == (R.ADAM, 0.2, 2)
    assert races.runner_texts()[2] == "run 3: Adam, η = 0.2, full batch"
    for _ in range(3):
        click(races.add_button)
    assert len(c.race.entries) == 6
    with qtbot.waitSignal(c.info, timeout=1000):
        click(races.add_button)
    assert len(c.race.entries) == 6 and "at most 6" in window.banner.text()


@needs_races
def test_race_buttons_and_list_take_no_focus(window):
    races, c = window.panel.race_panel, window.controller
    for button in (races.start_button, races.end_button, races.add_button, races.remove_button):
        assert button.focusPolicy() == Qt.NoFocus
    assert races.runners.focusPolicy() == Qt.NoFocus
