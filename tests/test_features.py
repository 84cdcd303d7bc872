"""Issue 3 behaviour seen through the window: feature scaling, picking the start, pinned lines."""
from __future__ import annotations

import numpy as np
import pytest

from gdviz.engine import LiveSettings, RunConfig
from gdviz.engine.run import Run
from gdviz.ui.main_window import MainWindow


def drawn_line(view) -> tuple[np.ndarray, np.ndarray]:
    x, y = view.line.getData()
    return np.asarray(x, float), np.asarray(y, float)


def hessian_condition(run: Run) -> float:
    """Ratio of the loss's largest to smallest curvature (finite differences of the gradient)."""
    h = 1e-4
    p = np.array(run.initial_params)
    cols = []
    for i in range(len(p)):
        e = np.zeros_like(p)
        e[i] = h
        cols.append((run.objective.grad(p + e) - run.objective.grad(p - e)) / (2 * h))
    eig = np.linalg.eigvalsh(np.array(cols))
    return float(eig.max() / eig.min())


def test_standardised_line_is_drawn_in_original_units(qtbot, window) -> None:
    c = window.controller
    assert c.load(RunConfig(data="linear", standardise=True), LiveSettings(learning_rate=0.1))
    c.step_forward(7)
    run = c.run
    orig = run.objective.to_original(run.params)
    x, y = drawn_line(window.data_view)
    assert np.allclose(y, orig["w"] * x + orig["b"], rtol=1e-12, atol=1e-12)
    assert orig["w"] != pytest.approx(run.params[0])  # the two parameter sets really differ
    assert f"{orig['w']:.4f}" in window.equations.text()


def test_standardised_and_original_fits_draw_the_same_line(qtbot, window) -> None:
    c = window.controller
    lines = []
    for standardise in (False, True):
        assert c.load(RunConfig(data="linear", standardise=standardise, grad_tol=1e-12),
                      LiveSettings(learning_rate=0.5))
        c.step_forward(20_000)
        lines.append(drawn_line(window.data_view))
    (x0, y0), (x1, y1) = lines
    assert np.array_equal(x0, x1)
    assert np.allclose(y0, y1, rtol=1e-8, atol=1e-8)
    opt = c.run.objective.to_original(np.array(list(c.run.optimum.values())))
    assert np.allclose(y1, opt["w"] * x1 + opt["b"], rtol=1e-8)


def test_bad_feature_stretches_the_valley_and_standardising_rounds_it() -> None:
    plain = hessian_condition(Run(RunConfig(data="linear")))
    bad = hessian_condition(Run(RunConfig(data="linear", bad_feature=True)))
    cured = hessian_condition(Run(RunConfig(data="linear", bad_feature=True, standardise=True)))
    assert bad > 5 * plain  # 16 → 112 on tutorial 002's data
    assert cured == pytest.approx(1.0, rel=1e-6)  # standardised x: the bowl is round
    x_bad = Run(RunConfig(data="linear", bad_feature=True)).dataset.x_train
    x = Run(RunConfig(data="linear")).dataset.x_train
    assert np.array_equal(x_bad, x * 10)


def test_picking_on_the_surface_restarts_from_that_point(qtbot, window) -> None:
    c = window.controller
    c.step_forward(5)
    data = c.run.dataset
    with qtbot.waitSignal(c.run_replaced, timeout=2000):
        window.surface.start_picked.emit(1.5, -0.25)  # (w, b) in parameter order
    assert c.run.step == 0
    assert tuple(c.run.initial_params) == (1.5, -0.25)
    assert c.run.dataset is data  # a new start keeps the loaded data
    assert window.panel.init_w.value() == 1.5 and window.panel.init_b.value() == -0.25


def test_pinned_lines_are_the_lines_at_those_steps(qtbot, window) -> None:
    c = window.controller
    assert c.load(RunConfig(data="linear"), LiveSettings(learning_rate=0.05))
    window.data_view.set_pinned_steps([10, 20, 30, 100, 1000])
    c.step_forward(150)
    view, run = window.data_view, c.run
    shown = [item for item in view.pin_items if item.isVisible()]
    assert len(shown) == 4  # step 1000 not reached yet
    for item, step in zip(shown, (10, 20, 30, 100)):
        w, b = run.history.column("params")[step]
        x, y = item.getData()
        assert np.allclose(y, w * np.asarray(x) + b)
    c.step_forward(900)
    assert sum(item.isVisible() for item in view.pin_items) == 5


def test_trail_fades_and_follows_step_back(qtbot, window) -> None:
    c = window.controller
    window.data_view.set_trail_length(5)
    for _ in range(8):
        c.step_forward(1)
    visible = [item for item in window.data_view.trail_items if item.isVisible()]
    assert len(visible) == 5
    alphas = [item.opts["pen"].color().alpha() for item in visible]
    assert alphas == sorted(alphas) and alphas[0] < alphas[-1]  # older lines are fainter
    c.step_back(3)
    assert sum(item.isVisible() for item in window.data_view.trail_items) <= 5
    newest = [item for item in window.data_view.trail_items if item.isVisible()][-1]
    w, b = c.run.history.column("params")[c.run.step - 1]
    x, y = newest.getData()
    assert np.allclose(y, w * np.asarray(x) + b)
