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
    fixed_step: float = 0.01

    def validated(self) -> "LiveSettings":
        """Return self, or raise ValueError naming the first bad setting."""
        if not np.isfinite(self.learning_rate) or self.learning_rate <= 0:
            raise ValueError(f"learning rate must be a positive number, got {self.learning_rate:g}")
        if not np.isfinite(self.fixed_step) or self.fixed_step <= 0:
            raise ValueError(f"step size must be a positive number, got {self.fixed_step:g}")
        if int(self.batch_size) < 1:
            raise ValueError(f"batch size must be at least 1, got {self.batch_size}")
        return replace(self, batch_mode=BatchMode(self.batch_mode), rule=UpdateRule(self.rule),
                       batch_size=int(self.batch_size), learning_rate=float(self.learning_rate),
                       fixed_step=float(self.fixed_step))


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
    learning_rate: float
    rule: UpdateRule
    fixed_step: float


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
