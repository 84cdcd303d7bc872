"""Losses of one residual r = ŷ − y and how they are combined: squared, absolute (L1) and Huber.

L = c·Σ ℓ(rᵢ) with c the reduction's factor (1/n for mean, 1 for sum, ½ for half-sum). Huber is
PyTorch's HuberLoss: ½r² where |r| ≤ δ, δ(|r| − ½δ) elsewhere, so its slope is r clipped to [−δ, δ].
"""
from __future__ import annotations

import math

import numpy as np

from .types import LossKind, Reduction

REDUCTIONS: dict[LossKind, tuple[Reduction, ...]] = {
    LossKind.SQUARED: (Reduction.MEAN, Reduction.SUM, Reduction.HALF_SUM),
    LossKind.ABSOLUTE: (Reduction.MEAN, Reduction.SUM),
    LossKind.HUBER: (Reduction.MEAN, Reduction.SUM),
}
SYMBOLS = {LossKind.SQUARED: "(ŷ − y)²", LossKind.ABSOLUTE: "|ŷ − y|", LossKind.HUBER: "huber_δ(ŷ − y)"}
WORDS = {LossKind.SQUARED: "squared error (L2)", LossKind.ABSOLUTE: "absolute error (L1)",
         LossKind.HUBER: "Huber loss: squared near 0, absolute beyond δ"}
SLOPE_SYMBOLS = {LossKind.SQUARED: "2(ŷ − y)", LossKind.ABSOLUTE: "sign(ŷ − y)",
                 LossKind.HUBER: "clip(ŷ − y, −δ, δ)"}


def check(kind, reduction, delta: float = 1.0) -> tuple[LossKind, Reduction, float]:
    """The loss, its reduction and δ as plain values, or ValueError saying which does not fit."""
    try:
        kind = LossKind(kind)
    except ValueError:
        raise ValueError("unknown loss {0!r} (choose from {1})".format(
            kind, ", ".join(k.value for k in LossKind))) from None
    reduction = Reduction(reduction)
    if reduction not in REDUCTIONS[kind]:
        raise ValueError("the {0} loss has no {1} reduction (use {2})".format(
            kind.value, reduction.value, " or ".join(r.value for r in REDUCTIONS[kind])))
    try:
        delta = float(delta)
    except (TypeError, ValueError, OverflowError):
        raise ValueError("Huber delta must be a number, got {0!r}".format(delta)) from None
    if kind is LossKind.HUBER and not (math.isfinite(delta) and 0 < delta <= 1e100):
        raise ValueError("Huber delta must be a positive finite number, got {0:g}".format(delta))
    return kind, reduction, delta


def factor(reduction: Reduction, n) -> float | np.ndarray:
    """The reduction's factor c in L = c·Σℓ(r)."""
    if reduction is Reduction.MEAN:
        return 1.0 / np.asarray(n, float)
    return 1.0 if reduction is Reduction.SUM else 0.5


def each(kind: LossKind, r: np.ndarray, delta: float = 1.0) -> np.ndarray:
    """ℓ(r) for every residual."""
    if kind is LossKind.SQUARED:
        return r * r
    if kind is LossKind.ABSOLUTE:
        return np.abs(r)
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta))


def slope(kind: LossKind, r: np.ndarray, delta: float = 1.0) -> np.ndarray:
    """ℓ′(r) for every residual (sign(0) = 0 for the absolute loss)."""
    if kind is LossKind.SQUARED:
        return 2.0 * r
    if kind is LossKind.ABSOLUTE:
        return np.sign(r)
    return np.clip(r, -delta, delta)


def value(kind, reduction, y, y_hat, delta: float = 1.0) -> float:
    """The loss of predictions y_hat for targets y, e.g. value("absolute", "sum", [3, 4, 4], [1, 1, 4]) = 5."""
    kind, reduction, delta = check(kind, reduction, delta)
    r = np.asarray(y_hat, float) - np.asarray(y, float)
    return float(factor(reduction, r.size) * np.sum(each(kind, r, delta)))


TUTORIAL_Y = (3.0, 4.0, 4.0)
TUTORIAL_PREDICTIONS = ((1.0, 1.0, 4.0), (3.0, 4.0, 0.0))


def tutorial_examples() -> list[dict]:
    """Tutorial 004's two predictions for y = [3, 4, 4] with their L1 sum and L2 mean: ŷ₁ = [1, 1, 4]
    gives 5 and 4.3333 (the tutorial's text says 2 + 2 + 0 = 4 there: a slip, |4 − 1| is 3), ŷ₂ =
    [3, 4, 0] gives 4 and 5.3333: L1 prefers ŷ₂, L2 punishes its one large miss and prefers ŷ₁."""
    return [{"y": TUTORIAL_Y, "y_hat": p,
             "l1_terms": tuple(abs(a - b) for a, b in zip(TUTORIAL_Y, p)),
             "l1_sum": value(LossKind.ABSOLUTE, Reduction.SUM, TUTORIAL_Y, p),
             "l2_terms": tuple((a - b) ** 2 for a, b in zip(TUTORIAL_Y, p)),
             "l2_mean": value(LossKind.SQUARED, Reduction.MEAN, TUTORIAL_Y, p)} for p in TUTORIAL_PREDICTIONS]
