"""Function mode: descend a formula directly (tutorial 000's f(x) = x² + 5 and 2-D classics)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .types import LiveSettings

Array = np.ndarray


@dataclass(frozen=True)
class FunctionSpec:
    """A named function with its gradient, minima, a good start and learning rate."""

    name: str
    title: str
    formula: str  # rich text for the equation panel
    param_names: tuple[str, ...]
    f: Callable[[Array], Array]  # params (..., P) → (...)
    grad: Callable[[Array], Array]  # params (..., P) → (..., P)
    grad_text: tuple[str, ...]  # rich text of each partial derivative
    start: tuple[float, ...]
    learning_rate: float
    minima: tuple[tuple[float, ...], ...]  # empty: no minimum (saddle)
    view: tuple[tuple[float, float], ...]  # default range of each parameter


def _xy(p: Array) -> tuple[Array, Array]:
    p = np.asarray(p, float)
    return p[..., 0], p[..., 1]


def _stack(*parts: Array) -> Array:
    return np.stack(np.broadcast_arrays(*parts), axis=-1)


def _rosen_grad(p: Array) -> Array:
    x, y = _xy(p)
    return _stack(-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x))


def _himmelblau(p: Array) -> Array:
    x, y = _xy(p)
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def _himmelblau_grad(p: Array) -> Array:
    x, y = _xy(p)
    a, b = x * x + y - 11, x + y * y - 7
    return _stack(4 * x * a + 2 * b, 2 * a + 4 * y * b)


def _sigmoid(p: Array) -> Array:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(p, float)[..., 0]))


def _sigmoid_grad(p: Array) -> Array:
    s = _sigmoid(p)
    return (s * (1.0 - s))[..., None]


def _x(p: Array) -> Array:
    return np.asarray(p, float)[..., 0]


FUNCTIONS: dict[str, FunctionSpec] = {s.name: s for s in (
    FunctionSpec("parabola", "f(x) = x² + 5  (tutorial 000)", "f(x) = x² + 5", ("x",),
                 lambda p: np.asarray(p, float)[..., 0] ** 2 + 5, lambda p: 2 * np.asarray(p, float),
                 ("2x",), (8.0,), 0.1, ((0.0,),), ((-10.0, 10.0),)),
    FunctionSpec("bowl", "Round bowl  x² + y²", "f(x, y) = x² + y²", ("x", "y"),
                 lambda p: (np.asarray(p, float) ** 2).sum(-1), lambda p: 2 * np.asarray(p, float),
                 ("2x", "2y"), (-4.0, 3.0), 0.1, ((0.0, 0.0),), ((-5.0, 5.0), (-5.0, 5.0))),
    FunctionSpec("valley", "Narrow valley  ½(x² + 25y²)", "f(x, y) = ½(x² + 25y²)", ("x", "y"),
                 lambda p: 0.5 * (_xy(p)[0] ** 2 + 25 * _xy(p)[1] ** 2),
                 lambda p: _stack(_xy(p)[0], 25 * _xy(p)[1]),
                 ("x", "25y"), (-8.0, 1.5), 0.07, ((0.0, 0.0),), ((-10.0, 10.0), (-3.0, 3.0))),
    FunctionSpec("rosenbrock", "Rosenbrock  (1 − x)² + 100(y − x²)²", "f(x, y) = (1 − x)² + 100(y − x²)²",
                 ("x", "y"), lambda p: (1 - _xy(p)[0]) ** 2 + 100 * (_xy(p)[1] - _xy(p)[0] ** 2) ** 2,
                 _rosen_grad, ("−2(1 − x) − 400x(y − x²)", "200(y − x²)"), (-1.5, 2.0), 1e-3,
                 ((1.0, 1.0),), ((-2.0, 2.0), (-1.0, 3.0))),
    FunctionSpec("saddle", "Saddle  x² − y²", "f(x, y) = x² − y²", ("x", "y"),
                 lambda p: _xy(p)[0] ** 2 - _xy(p)[1] ** 2, lambda p: _stack(2 * _xy(p)[0], -2 * _xy(p)[1]),
                 ("2x", "−2y"), (-3.0, 0.05), 0.1, (), ((-4.0, 4.0), (-4.0, 4.0))),
    FunctionSpec("himmelblau", "Four minima  (Himmelblau)", "f(x, y) = (x² + y − 11)² + (x + y² − 7)²",
                 ("x", "y"), _himmelblau, _himmelblau_grad, ("4x(x² + y − 11) + 2(x + y² − 7)",
                                                          "2(x² + y − 11) + 4y(x + y² − 7)"),
                 (0.0, 0.0), 0.01, ((3.0, 2.0), (-2.805118, 3.131313), (-3.779310, -3.283186),
                                    (3.584428, -1.848126)), ((-5.0, 5.0), (-5.0, 5.0))),
    FunctionSpec("quadratic-004", "f(x) = 10x² + 5x + 5  (tutorial 004)", "f(x) = 10x² + 5x + 5", ("x",),
                 lambda p: 10 * _x(p) ** 2 + 5 * _x(p) + 5, lambda p: (20 * _x(p) + 5)[..., None],
                 ("20x + 5",), (3.0,), 0.02, ((-0.25,),), ((-4.0, 4.0),)),
    FunctionSpec("sigmoid", "Sigmoid  σ(x) = 1/(1 + e⁻ˣ)  (tutorial 004)", "σ(x) = 1/(1 + e⁻ˣ)", ("x",),
                 _sigmoid, _sigmoid_grad, ("σ(x)(1 − σ(x))",), (1.0,), 1.0, (), ((-10.0, 10.0),)),
    FunctionSpec("relu", "ReLU  max(0, x)  (tutorial 004)", "f(x) = max(0, x)", ("x",),
                 lambda p: np.maximum(_x(p), 0.0), lambda p: (_x(p) > 0).astype(float)[..., None],
                 ("1 where x > 0, else 0",), (3.0,), 0.25, ((0.0,),), ((-4.0, 4.0),)),
)}


class FunctionObjective:
    """A formula as an objective: no data, no batches (every step is a full step)."""

    n_train = 1
    val = None
    full = None
    model = None

    def __init__(self, name: str) -> None:
        if name not in FUNCTIONS:
            raise ValueError("unknown function '{0}' (choose from {1})".format(name, ", ".join(FUNCTIONS)))
        self.spec = FUNCTIONS[name]
        self.param_names = self.spec.param_names

    def loss(self, params: Array, s=None) -> Array:
        """f at params (broadcasts over leading axes)."""
        return self.spec.f(params)

    def grad(self, params: Array, s=None) -> Array:
        """∇f at params."""
        return self.spec.grad(params)

    def loss_grad(self, params: Array, s=None) -> tuple[Array, Array]:
        """f and ∇f together."""
        return self.spec.f(params), self.spec.grad(params)

    def val_loss(self, params: Array) -> None:
        """Functions have no validation set."""
        return None

    def optimum(self) -> Array | None:
        """The minimum nearest the start (None for a saddle)."""
        if not self.spec.minima:
            return None
        m = np.array(self.spec.minima)
        return m[np.argmin(np.linalg.norm(m - np.array(self.spec.start), axis=1))]

    def minimum_value(self) -> float | None:
        """The least value f* (at the listed minima), or None when f has no minimum (saddle)."""
        if not self.spec.minima:
            return None
        return float(np.min(self.spec.f(np.array(self.spec.minima))))

    def gap(self, params: Array) -> Array | None:
        """f(θ) − f* (None without a minimum)."""
        low = self.minimum_value()
        if low is None:
            return None
        with np.errstate(all="ignore"):
            return self.spec.f(params) - low

    def noise(self, loss: Array) -> Array:
        """The rounding error of computing f of this size: gaps below it are at the floor."""
        low = self.minimum_value() or 0.0
        return 64 * np.finfo(float).eps * np.maximum(np.abs(loss), abs(low))

    def preset_live(self) -> LiveSettings:
        """The learning rate that shows the function well."""
        return LiveSettings(learning_rate=self.spec.learning_rate)
