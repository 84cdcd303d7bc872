"""The largest stable learning rate of gradient descent, from the loss's curvature (tutorial 002's
η = 1.1 lesson, and what a freshly imported data set needs before its first step).

Plain gradient descent on a quadratic loss with Hessian H is stable exactly when η < 2/λmax(H);
heavy-ball momentum and Nesterov with β allow η < 2(1 + β)/λmax. The Hessian is taken by central
differences of the objective's own gradient: exact for the quadratic (linear-model, squared-error)
losses, the local curvature elsewhere."""
from __future__ import annotations

import math

import numpy as np

from .types import BatchMode, LiveSettings, UpdateRule

MOMENTUM_RULES = (UpdateRule.MOMENTUM, UpdateRule.NESTEROV)


def hessian(grad, params: np.ndarray) -> np.ndarray:
    """The symmetric Hessian of a gradient function at `params`, by central differences."""
    p = np.asarray(params, float)
    k = len(p)
    h = 1e-4 * (1.0 + np.abs(p))
    out = np.empty((k, k))
    with np.errstate(all="ignore"):
        for i in range(k):
            step = np.zeros(k)
            step[i] = h[i]
            out[:, i] = (np.asarray(grad(p + step), float) - np.asarray(grad(p - step), float)) / (2 * h[i])
    return 0.5 * (out + out.T)


def largest_curvature(grad, params: np.ndarray) -> float | None:
    """λmax of the Hessian (None when it is not finite or not positive: no step-size limit)."""
    H = hessian(grad, params)
    if not np.all(np.isfinite(H)):
        return None
    top = float(np.linalg.eigvalsh(H)[-1])
    return top if math.isfinite(top) and top > 0 else None


def stable_learning_rate(objective, params: np.ndarray, live: LiveSettings) -> float | None:
    """The η above which this rule's full-batch steps grow instead of shrinking near `params` (None: no
    such limit for the rule — fixed steps, adaptive rules and searches — or for this loss). Stochastic
    and mini-batch steps see the curvature of their batch, not of the whole loss (a summed loss over
    one bean is a hundredth of the sum over a hundred): no limit is claimed for them."""
    rule = UpdateRule(live.rule)
    if rule is not UpdateRule.GRADIENT and rule not in MOMENTUM_RULES:
        return None
    if BatchMode(live.batch_mode) is not BatchMode.FULL:
        return None
    top = largest_curvature(objective.grad, params)
    if top is None:
        return None
    factor = 2.0 * (1.0 + live.momentum) if rule in MOMENTUM_RULES else 2.0
    return factor / top


def safe_learning_rate(limit: float) -> float:
    """A round η comfortably below the limit (about half of it, 1, 2 or 5 times a power of ten)."""
    target = 0.5 * limit
    power = 10.0 ** math.floor(math.log10(target))
    return max(m * power for m in (1, 2, 5) if m * power <= target)
