"""A tutorial preset plays for its length: the window pauses exactly on its step count, says so, and
Play goes on; a new run or a reset forgets that goal, and undo brings back the one of the state it
brings back."""
from __future__ import annotations

import pytest

from gdviz.engine import RunConfig
from gdviz.engine.tutorials import TUTORIALS

TUTORIAL_003 = "tut:003-line-1000"


def choose(box, data) -> None:
    """Pick the combo item carrying `data` the way a user does: select it, then `activated`."""
    i = box.findData(data)
    assert i >= 0, f"no item with data {data!r}"
    box.setCurrentIndex(i)
    box.activated.emit(i)


def play_until_paused(qtbot, controller, timeout: int = 20_000) -> list[int]:
    """Press Play and wait for the pause; the step after every frame."""
    steps: list[int] = []
    controller.snapshot_changed.connect(lambda snap: steps.append(snap.step))
    controller.play()
    qtbot.waitUntil(lambda: not controller.playing, timeout=timeout)
    return steps


@pytest.mark.parametrize("speed", [(60, 30), (60, 300), (60, 10_000)], ids=["30", "300", "10000"])
def test_tutorial_003_plays_to_1000_and_lands_exactly_there(qtbot, window, speed):
    c = window.controller
    choose(window.panel.data, TUTORIAL_003)
    assert c.goal == TUTORIALS["003-line-1000"].steps == 1000
    c.set_speed(*speed)
    steps = play_until_paused(qtbot, c)
    assert c.run.step == 1000 and steps[-1] == 1000
    assert max(steps) == 1000  # no frame went past it
    assert c.goal is None
    assert window.banner.isVisible() and "Paused at step 1,000, the tutorial's length" in window.banner.text()
    shown = [item for item in window.data_view.pin_items if item.isVisible()]
    assert len(shown) == 5  # the lines after 10, 20, 30, 100 and 1000 epochs


def test_play_goes_on_past_the_tutorials_length(qtbot, window):
    c = window.controller
    choose(window.panel.data, TUTORIAL_003)
    c.set_speed(60, 10_000)
    play_until_paused(qtbot, c)
    assert c.run.step == 1000
    c.set_speed(60, 100)
    play_until_paused(qtbot, c)  # on to where the run converges (step 1004), the next reason to pause
    assert c.run.step == c.run.converged_at > 1000 and "Converged" in window.banner.text()


def test_a_goal_passed_by_hand_does_not_stop_play_later(qtbot, window):
    c = window.controller
    choose(window.panel.data, TUTORIAL_003)
    c.step_forward(1200)
    c.set_speed(60, 100)
    c.play()
    qtbot.waitUntil(lambda: c.run.step >= 1500, timeout=10_000)
    assert c.playing and c.goal is None
    c.pause()


def test_other_data_reset_and_undo_leave_no_stale_goal(window):
    c = window.controller
    choose(window.panel.data, TUTORIAL_003)
    c.step_forward(400)
    choose(window.panel.data, "beans")
    assert c.goal is None  # other data: plays for ever
    assert c.undo() and c.run.step == 400 and c.goal == 1000  # back to the tutorial, and its length
    assert c.redo() and c.goal is None
    assert c.undo() and c.goal == 1000
    c.reset()
    assert c.run.step == 0 and c.goal is None
    assert c.undo() and c.run.step == 400 and c.goal == 1000  # the reset undone: the goal with it
    assert c.set_config(grad_tol=1e-9) and c.goal is None  # a restart with other settings


def test_any_goal_stops_a_run_or_a_race_exactly(qtbot, window):
    c = window.controller
    assert c.load(RunConfig(data="linear"))
    c.set_goal(25)
    c.set_speed(60, 10)
    play_until_paused(qtbot, c)
    assert c.run.step == 25 and c.goal is None
    assert c.start_preset("valley-optimizers") and c.goal is None  # a race is a new run too
    c.set_goal(7)
    c.set_speed(60, 5)
    play_until_paused(qtbot, c)
    assert c.step == 7 and all(run.step == 7 for run in c.race.runs)
