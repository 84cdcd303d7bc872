"""Issue 9: the real window driven by random keys, edits, restarts and imports (Hypothesis).

After every action nothing has raised (pytest-qt fails the test on an exception in any slot),
the status bar shows the controller's step, and no plot item holds a NaN or an infinity.
`make fuzz` runs many more examples (HYPOTHESIS_PROFILE=fuzz).
"""
from __future__ import annotations

import os

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st
from PySide6.QtCore import Qt

from gdviz.engine import BatchMode, RaceEntry, RunConfig, UpdateRule
from tests.test_gui import activate

settings.register_profile("default", max_examples=12, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")

KEYS = [Qt.Key_Space, Qt.Key_Right, Qt.Key_Left, Qt.Key_PageUp, Qt.Key_PageDown, Qt.Key_Home,
        Qt.Key_BracketLeft, Qt.Key_BracketRight, Qt.Key_P, Qt.Key_A, Qt.Key_Escape]
NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -1.0, 1e-18, 1e300, 0.1, 1.1]))
CSV_ROWS = st.lists(st.tuples(st.floats(allow_nan=False, width=32), st.floats(allow_nan=False, width=32)),
                    min_size=0, max_size=8)

ACTIONS = st.one_of(
    st.tuples(st.just("key"), st.sampled_from(KEYS)),
    st.tuples(st.just("undo"), st.booleans()),
    st.tuples(st.just("lr"), NUMBERS),
    st.tuples(st.just("rule"), st.sampled_from(list(UpdateRule))),
    st.tuples(st.just("batch"), st.sampled_from(list(BatchMode))),
    st.tuples(st.just("seed"), st.integers(-5, 2**40)),
    st.tuples(st.just("init"), st.tuples(NUMBERS, NUMBERS)),
    st.tuples(st.just("data"), st.sampled_from(["house", "beans", "linear", "fn:bowl", "fn:rosenbrock"])),
    st.tuples(st.just("csv"), CSV_ROWS),
    st.tuples(st.just("runner"), st.floats(1e-4, 2.0)),
    st.tuples(st.just("remove"), st.integers(0, 6)),
    st.tuples(st.just("steps"), st.integers(1, 3000)),
)


def apply(window, qtbot, action, tmp_path) -> None:
    c = window.controller
    kind, arg = action
    if kind == "key":
        qtbot.keyClick(window, arg)
        c.pause()
    elif kind == "undo":
        c.undo() if arg else c.redo()
    elif kind == "lr":
        c.set_live(learning_rate=arg)
    elif kind == "rule":
        c.set_live(rule=arg)
    elif kind == "batch":
        c.set_live(batch_mode=arg)
    elif kind == "seed":
        c.set_config(seed=arg)
    elif kind == "init":
        c.set_config(init=tuple(zip(c.run.param_names, arg)))
    elif kind == "data":
        config = RunConfig(function=arg[3:]) if arg.startswith("fn:") else RunConfig(data=arg)
        c.load(config)
    elif kind == "csv":
        path = tmp_path / "fuzz.csv"
        path.write_text("x,y\n" + "".join(f"{x!r},{y!r}\n" for x, y in arg), encoding="utf-8")
        c.load(RunConfig(csv_path=str(path)))
    elif kind == "runner":
        c.add_runner(RaceEntry(f"r{arg:.6g}", 2, c.run.live.__class__(learning_rate=arg)))
    elif kind == "remove":
        c.remove_runner(arg)
    elif kind == "steps":
        c.step_forward(arg)


def check_consistent(window) -> None:
    c = window.controller
    c.refresh()
    assert "<b>{:,}</b>".format(c.run.step) in window.status_labels["step"].text()
    for item in (window.data_view.line, getattr(window.loss_view, "train", None)):
        if item is None or not item.isVisible():
            continue
        x, y = item.getData()
        if x is not None and len(x):
            assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))


@settings(settings.get_profile(PROFILE))
@given(actions=st.lists(ACTIONS, min_size=5, max_size=25))
def test_random_actions_never_break_the_window(window, qtbot, tmp_path, actions) -> None:
    activate(qtbot, window)
    for action in actions:
        apply(window, qtbot, action, tmp_path)
        check_consistent(window)
    window.controller.pause()
