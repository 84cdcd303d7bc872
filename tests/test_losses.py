"""Losses: tutorial 004's L1/L2 examples, Huber's limits, and the reductions each loss allows."""
import numpy as np
import pytest

from gdviz.engine import Run, RunConfig, builtin, losses
from gdviz.engine.persample import SampleObjective
from gdviz.engine.types import LossKind, ModelKind, Reduction


def test_tutorial_004_examples():
    first, second = losses.tutorial_examples()
    assert first["y_hat"] == (1.0, 1.0, 4.0) and first["l1_terms"] == (2.0, 3.0, 0.0)
    assert first["l1_sum"] == 5.0  # the tutorial's text says 4: |4 − 1| is 3, not 2
    assert first["l2_mean"] == pytest.approx(13 / 3) and round(first["l2_mean"], 4) == 4.3333
    assert second["l1_sum"] == 4.0
    assert second["l2_mean"] == pytest.approx(16 / 3) and round(second["l2_mean"], 4) == 5.3333
    # L1 prefers ŷ₂, L2 prefers ŷ₁: one large miss costs L2 more than two middling ones
    assert second["l1_sum"] < first["l1_sum"] and first["l2_mean"] < second["l2_mean"]


def test_value_by_hand():
    y, y_hat = [1.0, 2.0, 3.0], [1.5, 0.0, 3.0]
    assert losses.value("squared", "half-sum", y, y_hat) == 0.5 * (0.25 + 4.0)
    assert losses.value("absolute", "mean", y, y_hat) == pytest.approx(2.5 / 3)
    # Huber δ = 1: ½·0.25 for |r| = 0.5; 1·(2 − 0.5) for |r| = 2
    assert losses.value("huber", "sum", y, y_hat, 1.0) == 0.125 + 1.5


@pytest.mark.parametrize("kind,reduction,delta,message", [
    ("absolute", "half-sum", 1.0, "has no half-sum reduction"),
    ("huber", "half-sum", 1.0, "has no half-sum reduction"),
    ("huber", "mean", 0.0, "Huber delta must be a positive finite number"),
    ("huber", "mean", float("nan"), "Huber delta must be a positive finite number"),
    ("huber", "mean", "x", "Huber delta must be a number"),
    ("cubic", "mean", 1.0, "unknown loss 'cubic'"),
])
def test_bad_loss_settings_are_refused(kind, reduction, delta, message):
    with pytest.raises(ValueError, match=message):
        losses.check(kind, reduction, delta)


def test_bad_loss_in_a_run_is_one_line():
    with pytest.raises(ValueError, match="absolute loss has no half-sum"):
        Run(RunConfig(data="rooms", loss=LossKind.ABSOLUTE, reduction=Reduction.HALF_SUM))


def _objectives(kind_a, kind_b, model, delta=1.0, reduction=Reduction.MEAN):
    data = builtin("outliers")
    return (SampleObjective(data, model, kind_a, reduction, delta),
            SampleObjective(data, model, kind_b, reduction, delta))


@pytest.mark.parametrize("model", [ModelKind.LINE, ModelKind.TWO_LAYER])
@pytest.mark.parametrize("reduction", [Reduction.MEAN, Reduction.SUM])
def test_huber_is_half_l2_once_delta_exceeds_every_residual(model, reduction):
    huber, l2 = _objectives(LossKind.HUBER, LossKind.SQUARED, model, 1e6, reduction)
    rng = np.random.default_rng(1)
    for p in rng.normal(size=(5, len(huber.param_names))):
        assert np.max(np.abs(huber.residuals(p))) < 1e6
        lh, gh = huber.loss_grad(p)
        ls, gs = l2.loss_grad(p)
        assert lh == pytest.approx(0.5 * ls, rel=1e-14)
        np.testing.assert_allclose(gh, 0.5 * gs, rtol=1e-12, atol=1e-12 * np.max(np.abs(gs)))


@pytest.mark.parametrize("model", [ModelKind.LINE, ModelKind.TWO_LAYER])
def test_huber_gradient_tends_to_delta_sign_r(model):
    """With every |r| > δ the slope is δ·sign(r): the gradient is δ times the L1 gradient."""
    l1 = SampleObjective(builtin("outliers"), model, LossKind.ABSOLUTE)
    rng = np.random.default_rng(2)
    p = rng.normal(size=len(l1.param_names))
    g1 = l1.grad(p)
    for delta in (1e-3, 1e-6, 1e-9):
        huber = SampleObjective(builtin("outliers"), model, LossKind.HUBER, delta=delta)
        assert np.min(np.abs(huber.residuals(p))) > delta
        np.testing.assert_allclose(huber.grad(p) / delta, g1, rtol=1e-9, atol=1e-12)


def test_l2_is_pulled_by_outliers_and_huber_is_not():
    """The outlier set's point: the L2 line tilts towards the three far points, Huber's stays near 0.5."""
    slopes = {}
    for kind in (LossKind.SQUARED, LossKind.HUBER, LossKind.ABSOLUTE):
        run = Run(RunConfig(data="outliers", loss=kind))
        run.advance(20000, stop_on_converged=False)
        slopes[kind] = run.params[0]
    assert abs(slopes[LossKind.HUBER] - 0.5) < 0.15 and abs(slopes[LossKind.ABSOLUTE] - 0.5) < 0.15
    assert slopes[LossKind.SQUARED] > 0.5 + 0.4
