"""Plain value types shared by the engine, the command line and the window."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

import numpy as np


class ModelKind(str, Enum):
    """Which parameters the fitted line has."""

    CONSTANT = "constant"  # y = b
    ORIGIN = "origin"  # y = w·x
    LINE = "line"  # y = w·x + b


class Reduction(str, Enum):
    """How squared errors are combined into one loss."""

    MEAN = "mean"
    SUM = "sum"
    HALF_SUM = "half-sum"


class BatchMode(str, Enum):
    """How many training samples one step looks at."""

    FULL = "full"
    STOCHASTIC = "stochastic"
    MINI = "mini"


class UpdateRule(str, Enum):
    """How a gradient becomes a parameter change."""

    GRADIENT = "gradient"  # θ ← θ − η·g
    FIXED = "fixed"  # θ ← θ − s·sign(g)
    MOMENTUM = "momentum"  # v ← βv + g;  θ ← θ − η·v
    NESTEROV = "nesterov"  # v ← βv + g;  θ ← θ − η·(g + βv)
    ADAGRAD = "adagrad"  # G ← G + g²;  θ ← θ − η·g/(√G + ε)
    RMSPROP = "rmsprop"  # s ← ρs + (1 − ρ)g²;  θ ← θ − η·g/(√s + ε)
    ADAM = "adam"  # bias-corrected moments m̂, v̂;  θ ← θ − η·m̂/(√v̂ + ε)
    RANDOM_SEARCH = "random-search"  # try a random point of the box start ± r, keep it if better
    DIRECTION_SEARCH = "direction-search"  # try θ + s·d, d a sign direction; keep d while the loss falls

    @property
    def uses_learning_rate(self) -> bool:
        """Whether η (and its schedule) scales the step: not for fixed steps or the searches."""
        return self not in (UpdateRule.FIXED, UpdateRule.RANDOM_SEARCH, UpdateRule.DIRECTION_SEARCH)

    @property
    def is_search(self) -> bool:
        """Whether the rule searches with the training loss instead of following the gradient."""
        return self in (UpdateRule.RANDOM_SEARCH, UpdateRule.DIRECTION_SEARCH)


class ClipMode(str, Enum):
    """How the gradient is clipped before the update rule sees it."""

    NONE = "none"
    VALUE = "value"  # each component into [−c, c]
    NORM = "norm"  # scaled so that ‖g‖ ≤ c


class Schedule(str, Enum):
    """How the learning rate changes with the step t (γ = decay_rate, T = decay_steps)."""

    CONSTANT = "constant"  # η
    STEP = "step"  # η·γ^⌊t/T⌋
    EXPONENTIAL = "exponential"  # η·γ^(t/T)
    INVERSE = "inverse"  # η / (1 + γ·t/T)


class Status(str, Enum):
    """Where a run stands."""

    READY = "ready"
    RUNNING = "running"
    CONVERGED = "converged"
    DIVERGED = "diverged"


MODEL_PARAMS: dict[ModelKind, tuple[str, ...]] = {
    ModelKind.CONSTANT: ("b",),
    ModelKind.ORIGIN: ("w",),
    ModelKind.LINE: ("w", "b"),
}


@dataclass(frozen=True)
class LiveSettings:
    """Settings that may change between any two steps without a restart."""

    learning_rate: float = 0.1
    batch_mode: BatchMode = BatchMode.FULL
    batch_size: int = 32
    rule: UpdateRule = UpdateRule.GRADIENT
    fixed_step: float = 0.01  # s of fixed-step descent and of direction search
    momentum: float = 0.9  # β of momentum and Nesterov
    beta1: float = 0.9  # Adam's decay of the mean gradient
    beta2: float = 0.999  # Adam's decay of the mean squared gradient
    epsilon: float = 1e-8  # ε keeps adaptive steps finite where the squares are 0
    rho: float = 0.9  # RMSProp's decay of the mean squared gradient
    clip: ClipMode = ClipMode.NONE
    clip_value: float = 1.0  # c: the bound of a clipped gradient
    schedule: Schedule = Schedule.CONSTANT
    decay_rate: float = 0.5  # γ of the schedule
    decay_steps: int = 100  # T of the schedule
    search_radius: float = 5.0  # random search: half-width of the box around the start

    def validated(self) -> "LiveSettings":
        """Return self, or raise ValueError naming the first bad setting."""
        _positive("learning rate", self.learning_rate)
        _positive("step size", self.fixed_step)
        if int(self.batch_size) < 1:
            raise ValueError(f"batch size must be at least 1, got {self.batch_size}")
        for label, value in (("momentum", self.momentum), ("beta1", self.beta1), ("beta2", self.beta2),
                             ("rho", self.rho)):
            if not 0.0 <= value < 1.0:  # also rejects NaN
                raise ValueError(f"{label} must be in [0, 1), got {value:g}")
        _positive("epsilon", self.epsilon)
        _positive("clip value", self.clip_value)
        _positive("decay rate", self.decay_rate)
        _positive("search radius", self.search_radius)
        steps = self.decay_steps
        if not (np.isfinite(steps) and steps >= 1 and int(steps) == steps):
            raise ValueError(f"decay steps must be a whole number of at least 1, got {self.decay_steps}")
        floats = {name: float(getattr(self, name)) for name in _FLOATS}
        return replace(self, batch_mode=BatchMode(self.batch_mode), rule=UpdateRule(self.rule),
                       clip=ClipMode(self.clip), schedule=Schedule(self.schedule),
                       batch_size=int(self.batch_size), decay_steps=int(self.decay_steps), **floats)


_FLOATS = ("learning_rate", "fixed_step", "momentum", "beta1", "beta2", "epsilon", "rho", "clip_value",
           "decay_rate", "search_radius")


def _positive(label: str, value: float) -> None:
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{label} must be a positive number, got {value:g}")


@dataclass(frozen=True)
class RunConfig:
    """Settings whose change restarts the run: data, model, start, seed."""

    data: str = "linear"  # built-in name: house, beans, linear
    csv_path: str | None = None  # when set, replaces `data`
    csv_x: str | int | None = None  # column name or index (default: first numeric)
    csv_y: str | int | None = None
    val_fraction: float | None = None  # None: the data set's own split
    model: ModelKind | None = None  # None: the data set's preset
    reduction: Reduction | None = None  # None: the data set's preset
    init: tuple[tuple[str, float], ...] | None = None  # None: the data set's default start
    seed: int = 42
    standardise: bool = False  # fit on (x − x̄)/σ (training statistics), draw in original units
    bad_feature: bool = False  # tutorial 002 §4.2: x × 10 stretches the surface into a valley
    function: str | None = None  # function mode: descend a named function instead of fitting data
    grad_tol: float = 1e-6  # converged when |∇L| ≤ grad_tol·|∇L(θ₀)|
    loss_tol: float = 0.0  # converged when |ΔL| ≤ loss_tol·L (0: only an exact stall)

    def init_dict(self) -> dict[str, float] | None:
        """The initial parameters as a dict, or None for the default."""
        return None if self.init is None else dict(self.init)


@dataclass(frozen=True)
class Update:
    """One step written out: the batch, its gradient and the parameters before and after."""

    params_before: tuple[float, ...]
    grad: tuple[float, ...]
    params_after: tuple[float, ...]
    batch_loss: float
    batch_size: int
    learning_rate: float  # after the schedule: the rate this step used
    rule: UpdateRule
    fixed_step: float
    candidate: tuple[float, ...] | None = None  # search rules: the point tried (None otherwise)


@dataclass(frozen=True)
class Snapshot:
    """Everything a view needs to draw the current step. Immutable."""

    step: int
    epoch: int
    epoch_position: int  # samples of the current epoch already visited
    n_train: int
    param_names: tuple[str, ...]
    params: tuple[float, ...]
    grad: tuple[float, ...]  # full training gradient at params
    train_loss: float
    val_loss: float | None
    batch_loss: float  # loss of the batch that produced this step (step 0: train loss)
    status: Status
    diverged_at: int | None
    message: str
    live: LiveSettings
    last_update: Update | None  # the update that led here (None at step 0)
    next_update: Update | None  # the update the next step will make (None when stopped by divergence)
    batch_indices: np.ndarray | None = field(default=None, compare=False)  # training rows of the last batch

    def param(self, name: str) -> float:
        """Value of one named parameter."""
        return self.params[self.param_names.index(name)]
