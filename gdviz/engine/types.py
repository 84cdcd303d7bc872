"""Plain value types shared by the engine, the command line and the window."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

import math

import numpy as np


class ModelKind(str, Enum):
    """Which model is fitted: its formula and its parameters."""

    CONSTANT = "constant"  # y = b
    ORIGIN = "origin"  # y = w·x
    LINE = "line"  # y = w·x + b
    POLY = "poly"  # y = b + w1·x + … + wK·x^K on standardised x
    TWO_LAYER = "two-layer"  # y = k2·σ(k1·x + b1) + b2 (or h hidden units)

    @property
    def is_linear(self) -> bool:
        """Whether it is one of the three straight-line models (the sufficient-statistics path)."""
        return self in (ModelKind.CONSTANT, ModelKind.ORIGIN, ModelKind.LINE)


class LossKind(str, Enum):
    """What one residual r = ŷ − y costs."""

    SQUARED = "squared"  # r²
    ABSOLUTE = "absolute"  # |r|
    HUBER = "huber"  # ½r² where |r| ≤ δ, δ(|r| − ½δ) elsewhere (PyTorch's HuberLoss)


class Activation(str, Enum):
    """The hidden units' non-linearity."""

    SIGMOID = "sigmoid"
    RELU = "relu"


class SampleOrder(str, Enum):
    """The order in which stochastic and mini-batch steps visit the samples of an epoch."""

    SHUFFLED = "shuffled"  # a new seeded permutation every epoch
    IN_ORDER = "in-order"  # 0, 1, …, n − 1 every epoch (tutorial 001's loop)


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
    STALLED = "stalled"  # a deterministic step left the parameters (or the loss) unchanged, not converged


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
    order: SampleOrder = SampleOrder.SHUFFLED  # stochastic and mini-batch: the samples' order in an epoch

    def validated(self) -> "LiveSettings":
        """Return self with plain types, or raise ValueError naming the first bad setting and its limits."""
        _positive("learning rate", self.learning_rate)
        _positive("step size", self.fixed_step, MAX_SIZE)
        batch = _whole("batch size", self.batch_size, MAX_COUNT)
        for label, value in (("momentum", self.momentum), ("beta1", self.beta1), ("beta2", self.beta2),
                             ("rho", self.rho)):
            number = _float(label, value)
            if not 0.0 <= number < 1.0:  # also rejects NaN
                raise ValueError("{0} must be in [0, 1) (0 or more and below 1), got {1:g}".format(label, number))
        _positive("epsilon", self.epsilon)
        _positive("clip value", self.clip_value)
        _positive("decay rate", self.decay_rate)
        _positive("search radius", self.search_radius, MAX_SIZE)
        steps = _whole("decay steps", self.decay_steps, MAX_COUNT)
        floats = {name: float(getattr(self, name)) for name in _FLOATS}
        return replace(self, batch_mode=BatchMode(self.batch_mode), rule=UpdateRule(self.rule),
                       clip=ClipMode(self.clip), schedule=Schedule(self.schedule),
                       order=_order(self.order),
                       batch_size=batch, decay_steps=steps, **floats)


MAX_SIZE = 1e100  # the largest step size, search radius and start coordinate (the engine's LIMIT)
MAX_COUNT = 10 ** 9  # the largest batch size and decay steps


_FLOATS = ("learning_rate", "fixed_step", "momentum", "beta1", "beta2", "epsilon", "rho", "clip_value",
           "decay_rate", "search_radius")


def _order(value) -> SampleOrder:
    """value as a SampleOrder, or ValueError naming the choices."""
    try:
        return SampleOrder(value)
    except ValueError:
        raise ValueError("sample order must be {0}, got {1!r}".format(
            " or ".join(o.value for o in SampleOrder), value)) from None


def _float(label: str, value) -> float:
    """value as a float, or ValueError saying it is no number."""
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError("{0} must be a number, got {1!r}".format(label, value)) from None


def _positive(label: str, value, limit: float | None = None) -> None:
    number = _float(label, value)
    if limit is None and not (math.isfinite(number) and number > 0):
        raise ValueError("{0} must be a positive finite number, got {1:g}".format(label, number))
    if limit is not None and not (0 < number <= limit):
        raise ValueError("{0} must be a positive number of at most {1}, got {2:g}".format(
            label, "{0:g}".format(limit).replace("e+", "e"), number))


def _whole(label: str, value, limit: int) -> int:
    """value as an int from 1 to limit, or ValueError stating that range."""
    number = _float(label, value)
    if not (1 <= number <= limit and number == int(number)):
        raise ValueError("{0} must be a whole number from 1 to {1}, got {2:g}".format(
            label, "{0:.0e}".format(limit).replace("e+0", "e").replace("e+", "e"), number))
    return int(number)


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
    # the convergence tolerance (Run.converged_mask): L − L* ≤ grad_tol·min(L₀ − L*, L*) where the minimum
    # L* is known (every data set, every function with a minimum), else |∇L|² ≤ grad_tol·|∇L(θ₀)|²
    grad_tol: float = 1e-12
    loss_tol: float = 0.0  # unused: kept so that old configurations still load
    csv_encoding: str | None = None  # None: guessed (UTF-8, UTF-16 with BOM, GB18030)
    csv_delimiter: str | None = None  # None: guessed
    csv_decimal: str | None = None  # "." or ","; None: guessed
    csv_header: bool | None = None  # None: guessed
    csv_max_rows: int = 10_000_000
    loss: LossKind | None = None  # None: squared error
    huber_delta: float = 1.0  # δ of the Huber loss
    degree: int | None = None  # polynomial degree 2…9 (None: 2)
    hidden: int | None = None  # two-layer model: None or 1 is tutorial 004's k1, b1, k2, b2; 2…8 units: k1_j, b1_j, k2_j, b2
    activation: Activation = Activation.SIGMOID

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
    converged_at: int | None = None  # the first step of this path that met the tolerance (None: not yet)

    def param(self, name: str) -> float:
        """Value of one named parameter."""
        return self.params[self.param_names.index(name)]
