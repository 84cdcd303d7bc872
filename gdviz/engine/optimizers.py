"""Update rules as (init, update) pairs, after optax.

`init(params) -> state`; `update(grad, state, params, hp, ctx) -> (delta, state)`, and the new
parameters are params + delta. Hyperparameters come in through `hp` on every call, so a live edit
never resets the state (velocity, moments). `ctx` says where the update happens: its step index and
the learning rate of that step after the schedule; the search rules (`needs_loss`) also read the
training loss, the start and the seed from it. Clipping wraps any rule (`clipped`).

State slots, laid end to end in this order by `flatten` (the history's "state" column):
  gradient, fixed step  ()
  momentum, Nesterov    (v,)              velocity, P
  AdaGrad               (G,)              sum of squared gradients, P
  RMSProp               (s,)              running mean of squared gradients, P
  Adam                  (m, v, t)         first and second moments P + P, steps taken 1
  random search         (tried, best)     the point tried by this step P, the best loss so far 1
  direction search      (tried, best, d)  as random search, then the direction to try next P
"""
from __future__ import annotations

import math
from itertools import product
from typing import Callable, NamedTuple

import numpy as np

from .types import ClipMode, LiveSettings, Schedule, UpdateRule

State = tuple[np.ndarray, ...]


class Context(NamedTuple):
    """Where one update happens. The run builds one per step."""

    step: int = 0  # index of the update: the step it starts from
    learning_rate: float = 0.1  # η of this step, after the schedule
    loss: Callable[[np.ndarray], float] | None = None  # full training loss (search rules)
    start: np.ndarray | None = None  # the run's start (centre of the random search box)
    seed: int = 0  # the run's seed

    def rng(self) -> np.random.Generator:
        """This step's random numbers: a pure function of (seed, step), so a replay retraces."""
        return np.random.default_rng([self.seed, self.step])


UpdateFn = Callable[[np.ndarray, State, np.ndarray, LiveSettings, Context], tuple[np.ndarray, State]]


class Optimizer(NamedTuple):
    """A pure update rule with explicit state."""

    init: Callable[[np.ndarray], State]
    update: UpdateFn
    needs_loss: bool = False  # reads ctx.loss, ctx.start and ctx.rng() (the search rules)


# ----- learning-rate schedules and clipping ------------------------------------------------
_SCHEDULES: dict[Schedule, Callable[[float, float, int, int], float]] = {
    Schedule.CONSTANT: lambda eta, gamma, t, T: eta,
    Schedule.STEP: lambda eta, gamma, t, T: eta * gamma ** (t // T),
    Schedule.EXPONENTIAL: lambda eta, gamma, t, T: eta * gamma ** (t / T),
    Schedule.INVERSE: lambda eta, gamma, t, T: eta / (1 + gamma * t / T),
}


def scheduled_lr(hp: LiveSettings, step: int) -> float:
    """The learning rate of the update at step index `step` (γ = decay_rate, T = decay_steps)."""
    try:
        return _SCHEDULES[hp.schedule](hp.learning_rate, hp.decay_rate, int(step), hp.decay_steps)
    except OverflowError:  # γ > 1 grows without bound: the run will diverge
        return math.inf


def clip_gradient(g: np.ndarray, hp: LiveSettings) -> np.ndarray:
    """g clipped as hp says: each component into [−c, c], or scaled so that ‖g‖ ≤ c."""
    c = hp.clip_value
    if hp.clip is ClipMode.VALUE:
        return np.minimum(np.maximum(g, -c), c)
    if hp.clip is ClipMode.NORM:
        norm = math.sqrt(float(g @ g))
        return g * (c / norm) if norm > c else g
    return g


def clipped(opt: Optimizer) -> Optimizer:
    """`opt` seeing the clipped gradient (the clip settings are read on every call)."""
    return opt._replace(update=lambda g, s, p, hp, ctx: opt.update(clip_gradient(g, hp), s, p, hp, ctx))


# ----- gradient rules ------------------------------------------------------------------------
def _stateless(params: np.ndarray) -> State:
    return ()


def _zeros(slots: int) -> Callable[[np.ndarray], State]:
    return lambda params: tuple(np.zeros_like(params, dtype=float) for _ in range(slots))


def gradient() -> Optimizer:
    """Plain gradient descent: Δθ = −η·g."""
    return Optimizer(_stateless, lambda g, s, p, hp, ctx: (-ctx.learning_rate * g, s))


def fixed_step() -> Optimizer:
    """Fixed-step (sign) descent, tutorial 001: Δθ = −s·sign(g) (s is not scheduled)."""
    return Optimizer(_stateless, lambda g, s, p, hp, ctx: (-hp.fixed_step * np.sign(g), s))


def momentum() -> Optimizer:
    """Heavy ball: v ← βv + g; Δθ = −η·v."""
    def update(g, state, params, hp, ctx):
        v = hp.momentum * state[0] + g
        return -ctx.learning_rate * v, (v,)
    return Optimizer(_zeros(1), update)


def nesterov() -> Optimizer:
    """Nesterov momentum in the optax/PyTorch form: v ← βv + g; Δθ = −η·(g + βv)."""
    def update(g, state, params, hp, ctx):
        v = hp.momentum * state[0] + g
        return -ctx.learning_rate * (g + hp.momentum * v), (v,)
    return Optimizer(_zeros(1), update)


def adagrad() -> Optimizer:
    """AdaGrad: G ← G + g²; Δθ = −η·g/(√G + ε)."""
    def update(g, state, params, hp, ctx):
        total = state[0] + g * g
        return -ctx.learning_rate * g / (np.sqrt(total) + hp.epsilon), (total,)
    return Optimizer(_zeros(1), update)


def rmsprop() -> Optimizer:
    """RMSProp: s ← ρs + (1 − ρ)g²; Δθ = −η·g/(√s + ε)."""
    def update(g, state, params, hp, ctx):
        s = hp.rho * state[0] + (1 - hp.rho) * (g * g)
        return -ctx.learning_rate * g / (np.sqrt(s) + hp.epsilon), (s,)
    return Optimizer(_zeros(1), update)


def adam() -> Optimizer:
    """Adam: m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; Δθ = −η·m̂/(√v̂ + ε), m̂ and v̂ bias-corrected."""
    def init(params):
        return np.zeros_like(params, dtype=float), np.zeros_like(params, dtype=float), np.zeros(())

    def update(g, state, params, hp, ctx):
        m = hp.beta1 * state[0] + (1 - hp.beta1) * g
        v = hp.beta2 * state[1] + (1 - hp.beta2) * (g * g)
        t = float(state[2]) + 1.0
        # m̂/(√v̂ + ε) with m̂ = m/c1, v̂ = v/c2 equals (√c2/c1)·m/(√v + ε√c2): four array operations, not six
        c1, root_c2 = 1 - hp.beta1 ** t, math.sqrt(1 - hp.beta2 ** t)
        delta = (-ctx.learning_rate * root_c2 / c1) * m / (np.sqrt(v) + hp.epsilon * root_c2)
        return delta, (m, v, np.array(t))
    return Optimizer(init, update)


# ----- search baselines (tutorial 004) -------------------------------------------------------
def _best_loss(best: np.ndarray, params: np.ndarray, ctx: Context) -> float:
    """The best loss so far; right after init (NaN) it is the loss at the current parameters."""
    value = float(best)
    return float(ctx.loss(params)) if math.isnan(value) else value


def _directions(n: int) -> np.ndarray:
    """The 2^n sign directions: rows of ±1."""
    return np.array(list(product((1.0, -1.0), repeat=n)))


def random_search() -> Optimizer:
    """Try a uniform random point of the box start ± search_radius; keep it when its loss is lower."""
    def init(params):
        return np.array(params, dtype=float), np.full((), np.nan)

    def update(g, state, params, hp, ctx):
        best = _best_loss(state[1], params, ctx)
        r = hp.search_radius
        delta = ctx.start + ctx.rng().uniform(-r, r, np.shape(params)) - params
        tried = params + delta  # exactly the point the run lands on when it keeps it
        loss = float(ctx.loss(tried))
        if loss < best:
            return delta, (tried, np.array(loss))
        return np.zeros_like(params), (tried, np.array(best))
    return Optimizer(init, update, needs_loss=True)


def direction_search() -> Optimizer:
    """Try θ + s·d (d a sign direction); keep the point and d while the loss falls, else turn at random."""
    def init(params):
        return np.array(params, dtype=float), np.full((), np.nan), np.zeros_like(params, dtype=float)

    def update(g, state, params, hp, ctx):
        best, d, rng = _best_loss(state[1], params, ctx), state[2], ctx.rng()
        directions = _directions(np.size(params))
        if not d.any():  # the first try: any direction
            d = directions[rng.integers(len(directions))]
        delta = hp.fixed_step * d
        tried = params + delta
        loss = float(ctx.loss(tried))
        if loss < best:
            return delta, (tried, np.array(loss), d)
        others = directions[(directions != d).any(axis=1)]
        return np.zeros_like(params), (tried, np.array(best), others[rng.integers(len(others))])
    return Optimizer(init, update, needs_loss=True)


OPTIMIZERS: dict[UpdateRule, Callable[[], Optimizer]] = {
    UpdateRule.GRADIENT: gradient,
    UpdateRule.FIXED: fixed_step,
    UpdateRule.MOMENTUM: momentum,
    UpdateRule.NESTEROV: nesterov,
    UpdateRule.ADAGRAD: adagrad,
    UpdateRule.RMSPROP: rmsprop,
    UpdateRule.ADAM: adam,
    UpdateRule.RANDOM_SEARCH: random_search,
    UpdateRule.DIRECTION_SEARCH: direction_search,
}


def make(rule: UpdateRule) -> Optimizer:
    """The optimizer for an update rule, behind gradient clipping."""
    return clipped(OPTIMIZERS[UpdateRule(rule)]())


def state_size(n_params: int) -> int:
    """Width of the largest flattened state (Adam and direction search: 2P + 1)."""
    return 2 * n_params + 1


# ----- state ⇄ flat vectors (the history buffer) ---------------------------------------------
def flatten(state: State) -> np.ndarray:
    """State as one flat vector."""
    return np.concatenate([np.ravel(a) for a in state]) if state else np.zeros(0)


def flatten_many(states: list[State], width: int) -> np.ndarray:
    """A list of states as rows of a (len, width) array, zero-padded."""
    out = np.zeros((len(states), width))
    col = 0
    for slot in zip(*states):
        block = np.array(slot, dtype=float).reshape(len(states), -1)
        out[:, col:col + block.shape[1]] = block
        col += block.shape[1]
    return out


def unflatten(flat: np.ndarray, like: State) -> State:
    """Inverse of flatten, shaped like an existing state."""
    out, i = [], 0
    for a in like:
        size = np.size(a)
        out.append(np.array(flat[i:i + size], dtype=float).reshape(np.shape(a)))
        i += size
    return tuple(out)
