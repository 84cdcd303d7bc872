"""Update rules as (init, update) pairs, after optax.

`init(params) -> state`; `update(grad, state, params, hp) -> (delta, state)` where the new
parameters are params + delta. Hyperparameters come in through `hp` on every call, so a live
edit never resets the state (velocity, moments).
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from .types import LiveSettings, UpdateRule

State = tuple[np.ndarray, ...]


class Optimizer(NamedTuple):
    """A pure update rule with explicit state."""

    init: Callable[[np.ndarray], State]
    update: Callable[[np.ndarray, State, np.ndarray, LiveSettings], tuple[np.ndarray, State]]


def _stateless(init_params: np.ndarray) -> State:
    return ()


def gradient() -> Optimizer:
    """Plain gradient descent: Δθ = −η·g."""
    return Optimizer(_stateless, lambda g, s, p, hp: (-hp.learning_rate * g, s))


def fixed_step() -> Optimizer:
    """Fixed-step (sign) descent, tutorial 001: Δθ = −s·sign(g)."""
    return Optimizer(_stateless, lambda g, s, p, hp: (-hp.fixed_step * np.sign(g), s))


OPTIMIZERS: dict[UpdateRule, Callable[[], Optimizer]] = {
    UpdateRule.GRADIENT: gradient,
    UpdateRule.FIXED: fixed_step,
}


def make(rule: UpdateRule) -> Optimizer:
    """The optimizer for an update rule."""
    return OPTIMIZERS[UpdateRule(rule)]()


def flatten(state: State) -> np.ndarray:
    """State as one flat vector (for the history buffer)."""
    return np.concatenate([np.ravel(a) for a in state]) if state else np.zeros(0)


def unflatten(flat: np.ndarray, like: State) -> State:
    """Inverse of flatten, shaped like an existing state."""
    out, i = [], 0
    for a in like:
        size = np.size(a)
        out.append(np.array(flat[i:i + size]).reshape(np.shape(a)))
        i += size
    return tuple(out)
