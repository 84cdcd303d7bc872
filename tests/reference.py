"""Reference computations on the raw data, independent of the engine's sufficient statistics."""
from __future__ import annotations

import numpy as np

from gdviz.engine import ModelKind, Reduction


def w_b(model: ModelKind, params) -> tuple[float, float]:
    """Slope and intercept of a parameter vector ordered as the engine names them."""
    if model is ModelKind.LINE:
        return params[0], params[1]
    if model is ModelKind.ORIGIN:
        return params[0], 0.0
    return 0.0, params[0]


def factor(reduction: Reduction, k: int) -> float:
    """c in L = c·Σ(ŷ − y)²."""
    return {Reduction.MEAN: 1.0 / k, Reduction.SUM: 1.0, Reduction.HALF_SUM: 0.5}[reduction]


def direct_loss(model, reduction, params, x, y) -> float:
    """c·Σ(w·x + b − y)² on the raw data."""
    w, b = w_b(model, params)
    r = w * x + b - y
    return factor(reduction, len(x)) * float(np.sum(r * r))


def direct_grad(model, reduction, params, x, y) -> np.ndarray:
    """2c·Σ r·∂ŷ/∂θ on the raw data, in the engine's parameter order (w before b)."""
    w, b = w_b(model, params)
    r = w * x + b - y
    c = factor(reduction, len(x))
    gw, gb = 2 * c * float(np.sum(x * r)), 2 * c * float(np.sum(r))
    return np.array({ModelKind.LINE: [gw, gb], ModelKind.ORIGIN: [gw], ModelKind.CONSTANT: [gb]}[model])
