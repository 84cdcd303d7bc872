"""The largest stable learning rate 2/λmax against tutorial 002's numbers and a direct check."""
from __future__ import annotations

import numpy as np
import pytest

from gdviz.engine import LiveSettings, Run, RunConfig, UpdateRule
from gdviz.engine.stability import hessian, safe_learning_rate, stable_learning_rate


def closed_form_limit(run: Run) -> float:
    """2/λmax of the mean squared error's Hessian 2/n·[[Σx², Σx], [Σx, n]] (w, b order)."""
    x = run.objective.feature(run.dataset.x_train)
    n = len(x)
    H = 2.0 / n * np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), n]])
    return 2.0 / np.linalg.eigvalsh(H)[-1]


def test_the_limit_is_two_over_the_largest_curvature() -> None:
    run = Run(RunConfig(data="linear"))
    limit = stable_learning_rate(run.objective, run.params, run.live)
    assert limit == pytest.approx(closed_form_limit(run), rel=1e-6)


def test_tutorial_002_rates_fall_either_side_of_the_limit() -> None:
    run = Run(RunConfig(data="linear"))
    limit = stable_learning_rate(run.objective, run.params, run.live)
    assert 0.8 < limit < 1.1  # 0.8 still converges (swinging), 1.1 diverges
    for lr, stable in ((0.8, True), (1.1, False)):
        r = Run(RunConfig(data="linear"), LiveSettings(learning_rate=lr))
        r.advance(200, stop_on_converged=False)
        assert (r.status.value != "diverged") == stable


def test_heights_in_cm_need_a_tiny_rate_or_standardising() -> None:
    x = np.linspace(150, 190, 40)
    rng = np.random.default_rng(0)
    y = 0.9 * x - 100 + rng.normal(0, 2, 40)
    from gdviz.engine.datasets import Dataset, Preset
    from gdviz.engine import ModelKind, Reduction
    preset = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(learning_rate=0.1), {"w": 0.0, "b": 0.0})
    data = Dataset("heights", "cm", "kg", x, y, x[:0], y[:0], preset)
    raw = Run(RunConfig(), dataset=data)
    limit = stable_learning_rate(raw.objective, raw.params, raw.live)
    assert limit < 1e-4 < 0.1
    scaled = Run(RunConfig(standardise=True), dataset=data)
    assert stable_learning_rate(scaled.objective, scaled.params, scaled.live) > 0.1


def test_adaptive_rules_and_searches_have_no_such_limit() -> None:
    run = Run(RunConfig(data="linear"))
    for rule in (UpdateRule.ADAM, UpdateRule.FIXED, UpdateRule.RANDOM_SEARCH):
        assert stable_learning_rate(run.objective, run.params, LiveSettings(rule=rule)) is None


def test_momentum_allows_up_to_2_1_plus_beta_over_lambda() -> None:
    run = Run(RunConfig(data="linear"))
    plain = stable_learning_rate(run.objective, run.params, LiveSettings())
    heavy = stable_learning_rate(run.objective, run.params, LiveSettings(rule=UpdateRule.MOMENTUM, momentum=0.5))
    assert heavy == pytest.approx(1.5 * plain)


def test_hessian_of_a_known_quadratic() -> None:
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(hessian(lambda p: A @ p, np.array([0.3, -2.0])), A, rtol=1e-9)


@pytest.mark.parametrize("limit, safe", [(1.6, 0.5), (0.00172, 0.0005), (45.0, 20.0), (2.0, 1.0)])
def test_safe_rate_is_round_and_below_half_the_limit(limit, safe) -> None:
    assert safe_learning_rate(limit) == pytest.approx(safe)


def test_no_limit_is_claimed_for_stochastic_or_mini_batch_steps() -> None:
    """Tutorial 001's beans, one at a time at α = 0.1, converge: the full loss's limit says nothing of them."""
    from gdviz.engine import BatchMode
    run = Run(RunConfig(data="beans"))
    assert run.live.batch_mode is BatchMode.STOCHASTIC
    assert stable_learning_rate(run.objective, run.params, run.live) is None
    run.advance(500, stop_on_converged=False)
    assert run.status.value != "diverged"
    full = LiveSettings(learning_rate=0.1, batch_mode=BatchMode.FULL)
    assert stable_learning_rate(run.objective, run.params, full) < 0.1
