"""Any model × any loss, evaluated sample by sample with analytic gradients (vectorised numpy).

The general objective beside the sufficient-statistics one (objective.DataObjective, the linear
models with squared error). Both offer the same protocol to the run, the surface and the races:
`param_names`, `loss_grad(params, batch)`, `loss`, `grad`, `predict`, `val_loss`, `optimum`,
`minimum_value`. Here a batch is an array of training indices (None: every training sample), and
parameter arrays may carry leading axes (a grid of points); large evaluations go in chunks of
bounded memory and can be cancelled between chunks.
"""
from __future__ import annotations

import hashlib
import math
from typing import Callable

import numpy as np

from . import losses, models
from .datasets import DataError, Dataset
from .types import Activation, LossKind, ModelKind, Reduction

CHUNK_ELEMENTS = 1 << 18  # parameter rows × samples × hidden units evaluated at once (a few MB)
DATA_LIMIT = 1e150  # larger |x| or |y| would overflow the squares
EPS = float(np.finfo(float).eps)


class Cancelled(Exception):
    """A long evaluation was stopped by its cancel() callback."""


class SampleObjective:
    """L(θ) = c·Σᵢ ℓ(f(θ, xᵢ) − yᵢ) for a model f and a loss ℓ, on a data set's training part."""

    full = None  # no sufficient statistics: every evaluation visits the samples
    sufficient = False
    singular = False

    def __init__(self, data: Dataset, model, loss=LossKind.SQUARED, reduction=Reduction.MEAN, delta: float = 1.0,
                 shift: float = 0.0, scale: float = 1.0, degree: int | None = None, hidden: int | None = None,
                 activation=Activation.SIGMOID) -> None:
        """Raises ValueError (DataError for data) with a one-line reason."""
        self.data = data
        self.model = ModelKind(model)
        self.loss_kind, self.reduction, self.delta = losses.check(loss, reduction, delta)
        self.net = models.make(self.model, degree, hidden, activation)
        self.param_names = self.net.param_names
        self.degree = getattr(self.net, "degree", None)
        self.hidden = getattr(self.net, "hidden", None)
        self.activation = getattr(self.net, "activation", Activation(activation))
        self.shift, self.scale_x = float(shift), float(scale)
        if self.standardised and not (math.isfinite(self.scale_x) and self.scale_x > 0):
            raise DataError("every training x is the same: x cannot be standardised for this model")
        self._x, self._y = self.feature(data.x_train), np.asarray(data.y_train, float)
        self._check(self._x, self._y, "")
        self.val = None
        if data.n_val:
            self.val = (self.feature(data.x_val), np.asarray(data.y_val, float))
            self._check(*self.val, "validation ")
        self._phi = self.net.basis(self._x) if hasattr(self.net, "basis") else None
        self._h = getattr(self.net, "h", 1)
        self._key: tuple | None = None
        self._memo: tuple | None = None  # (params bytes, loss, grad) of the last full-batch point
        self.unit_rows: dict = {}  # surface.py: the two-layer unit's sums per slice grid row
        self.rows_forgotten = 0  # surface.forget_rows counts here: a copy in the slice process forgets too
        self._c_full = float(losses.factor(self.reduction, max(self.n_train, 1)))

    def __getstate__(self) -> dict:
        """Pickled without its caches (the slice process keeps its own; a copy of a dict another thread
        fills could fail) and without the polynomial's basis, rebuilt on loading: pickling holds the
        interpreter's lock, and a degree-5 basis of 10⁶ samples is 48 MB to copy."""
        state = self.__dict__.copy()
        state["unit_rows"], state["_memo"], state["_phi"] = {}, None, None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._phi = self.net.basis(self._x) if hasattr(self.net, "basis") else None

    @staticmethod
    def _check(x: np.ndarray, y: np.ndarray, part: str) -> None:
        for label, v in (("x", x), ("y", y)):
            if len(v) and not float(np.max(np.abs(v))) < DATA_LIMIT:
                raise DataError("{0} values must be finite and below 1e150 in size for this model; rescale {1}"
                                .format(part + label, label))

    # ----- the model's input and output ---------------------------------------------------------
    @property
    def standardised(self) -> bool:
        """Whether the model sees a rescaled feature."""
        return self.shift != 0.0 or self.scale_x != 1.0

    def feature(self, x: np.ndarray) -> np.ndarray:
        """The model's input for raw x."""
        x = np.asarray(x, float)
        if not self.standardised:
            return x
        with np.errstate(all="ignore"):
            return (x - self.shift) / self.scale_x

    @property
    def n_train(self) -> int:
        """Number of training samples."""
        return len(self._x)

    def predict(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Model output ŷ at raw inputs x (in the data's units); broadcasts over leading axes of params."""
        with np.errstate(all="ignore"):
            return self.net.predict(params, self.feature(x))

    def hidden_outputs(self, params: np.ndarray, x: np.ndarray) -> np.ndarray | None:
        """The two-layer model's hidden outputs a(k1ⱼ·x + b1ⱼ) at raw x, shape (h, len(x)); None for other models."""
        if self.model is not ModelKind.TWO_LAYER:
            return None
        with np.errstate(all="ignore"):
            return self.net.hidden_outputs(np.asarray(params, float), self.feature(x))

    def residuals(self, params: np.ndarray) -> np.ndarray:
        """ŷ − y on the training samples."""
        with np.errstate(all="ignore"):
            return self.net.predict(np.asarray(params, float), self._x) - self._y

    # ----- loss and gradient --------------------------------------------------------------------
    def loss_grad(self, params: np.ndarray, batch: np.ndarray | None = None,
                  cancel: Callable[[], bool] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Loss and gradient on the training rows `batch` (None: all of them); broadcasts over leading axes."""
        return self._evaluate(params, batch, True, cancel)

    def loss(self, params: np.ndarray, batch: np.ndarray | None = None,
             cancel: Callable[[], bool] | None = None) -> np.ndarray:
        """Loss on the training rows `batch` (None: all of them)."""
        return self._evaluate(params, batch, False, cancel)[0]

    def grad(self, params: np.ndarray, batch: np.ndarray | None = None) -> np.ndarray:
        """Gradient of loss() with respect to the parameters, shape (..., P)."""
        return self._evaluate(params, batch, True, None)[1]

    def val_loss(self, params: np.ndarray) -> np.ndarray | None:
        """Loss on the validation set (None without one)."""
        if self.val is None:
            return None
        return self._evaluate(params, None, False, None, self.val)[0]

    def step_loss_grad(self, p: np.ndarray, batch: np.ndarray | None = None) -> tuple[float, np.ndarray]:
        """Loss and gradient at one parameter vector on the rows `batch`: the run's per-step call.
        Sets no floating-point error state: the caller runs it under np.errstate(all="ignore")."""
        if batch is None:
            return self._full_point(p, True)
        phi = None if self._phi is None else self._phi[batch]
        c = 1.0 / len(batch) if self.reduction is Reduction.MEAN else self._c_full
        return self._point(p, self._x[batch], self._y[batch], phi, c, True)

    def _data(self, batch, part):
        if part is not None:
            x, y = part
            return x, y, (None if self._phi is None else self.net.basis(x))
        if batch is None:
            return self._x, self._y, self._phi
        return self._x[batch], self._y[batch], (None if self._phi is None else self._phi[batch])

    def _evaluate(self, params, batch, want_grad: bool, cancel, part=None):
        x, y, phi = self._data(batch, part)
        p = np.asarray(params, float)
        c = float(losses.factor(self.reduction, max(len(x), 1)))
        with np.errstate(all="ignore"):
            if p.ndim == 1:
                if batch is None and part is None:
                    return self._full_point(p, want_grad)
                return self._point(p, x, y, phi, c, want_grad)
            flat = p.reshape(-1, p.shape[-1])
            loss = np.empty(len(flat))
            grad = np.empty(flat.shape) if want_grad else None
            rows = max(1, CHUNK_ELEMENTS // max(1, len(x) * self._h))
            for s in range(0, len(flat), rows):
                if cancel is not None and cancel():
                    raise Cancelled()
                chunk = flat[s:s + rows]
                y_hat, cache = self.net.forward(chunk, x, phi)
                r = y_hat - y
                loss[s:s + rows] = c * np.sum(losses.each(self.loss_kind, r, self.delta), axis=-1)
                if want_grad:
                    d = c * losses.slope(self.loss_kind, r, self.delta)
                    grad[s:s + rows] = self.net.backward(chunk, x, cache, d)
            return loss.reshape(p.shape[:-1]), (None if grad is None else grad.reshape(p.shape))

    def _full_point(self, p: np.ndarray, want_grad: bool):
        """Loss and gradient on every training sample at one point, remembered for the last point asked:
        a frame asks for the current point's values several times (the step that leaves it, the preview
        of the next step, the sections' tangents, the graph), and each visit costs a pass over the data."""
        key = np.asarray(p, float).tobytes()
        memo = self._memo
        if memo is not None and memo[0] == key and (memo[2] is not None or not want_grad):
            return memo[1], (None if memo[2] is None else memo[2].copy())
        loss, grad = self._point(p, self._x, self._y, self._phi, self._c_full, want_grad)
        self._memo = (key, loss, None if grad is None else grad.copy())  # one assignment: safe across threads
        return loss, grad

    def _point(self, p: np.ndarray, x, y, phi, c: float, want_grad: bool):
        """One parameter vector: the per-step path (few numpy calls)."""
        if self._phi is not None:
            r = phi @ p
            r -= y
            loss, d = self._value_slope(r, c)
            return loss, (d @ phi if want_grad else None)
        if self._h == 1:
            return self._point_unit(p, x, y, c, want_grad)
        y_hat, a = self.net.forward(p, x)
        r = y_hat - y
        loss, d = self._value_slope(r, c)
        return loss, (self.net.backward(p, x, a, d) if want_grad else None)

    def _point_unit(self, p: np.ndarray, x, y, c: float, want_grad: bool):
        """Tutorial 004's ŷ = k2·a(k1·x + b1) + b2 written out (the hot loop of a full-batch run)."""
        k1, b1, k2, b2 = p.tolist()
        z = x * k1
        z += b1
        if self.activation is Activation.SIGMOID:
            a = np.negative(z)
            np.exp(a, out=a)
            a += 1.0
            np.reciprocal(a, out=a)
        else:
            a = np.maximum(z, 0.0)
        r = a * k2
        r += b2
        r -= y
        squared = self.loss_kind is LossKind.SQUARED
        if squared:
            loss, d, m = c * float(r @ r), r, 2.0 * c  # ∂L/∂ŷ = m·d
        else:
            (loss, d), m = self._value_slope(r, c), 1.0
        if not want_grad:
            return loss, None
        if self.activation is Activation.SIGMOID:
            s = 1.0 - a
            s *= a
            s *= d
        else:
            s = d * (z > 0)
        mk = m * k2
        return loss, np.array([mk * float(s @ x), mk * float(s.sum()), m * float(d @ a), m * float(d.sum())])

    def _value_slope(self, r: np.ndarray, c: float) -> tuple[float, np.ndarray]:
        """The loss c·Σℓ(r) and ∂L/∂ŷ = c·ℓ′(r) in few passes over the samples."""
        kind = self.loss_kind
        if kind is LossKind.SQUARED:
            return c * float(r @ r), r * (2.0 * c)
        a = np.abs(r)
        if kind is LossKind.ABSOLUTE:
            d = np.sign(r)
            d *= c
            return c * float(a.sum()), d
        m = np.minimum(a, self.delta, out=a)  # Huber: ℓ = m·|r| − m²/2, ℓ′ = sign(r)·m with m = min(|r|, δ)
        # einsum, not BLAS: OpenBLAS threads a long dot, which stalls for milliseconds on a busy machine
        value = float(np.einsum("i,i->", m, np.abs(r))) - 0.5 * float(np.einsum("i,i->", m, m))
        d = np.copysign(m, r, out=m)
        d *= c
        return c * value, d

    # ----- what is known about the minimum ------------------------------------------------------
    def optimum(self) -> None:
        """No closed form: the run reports the best point it has found so far instead."""
        return None

    def minimum_value(self) -> None:
        """Unknown: the run's convergence test is then the relative gradient rule."""
        return None

    def gap(self, params: np.ndarray) -> None:
        """Unknown without the minimum."""
        return None

    def noise(self, loss: np.ndarray) -> np.ndarray:
        """The rounding error of computing a loss of this size."""
        return 64 * EPS * np.abs(loss)

    def key(self) -> tuple:
        """Equal for objectives with the same loss everywhere (the surface keeps its landscape)."""
        if self._key is None:
            digest = hashlib.blake2b(self._x.tobytes() + self._y.tobytes(), digest_size=16).hexdigest()
            self._key = ("samples", self.model, self.loss_kind, self.reduction, self.delta, self.degree,
                         self.hidden, self.activation, self.shift, self.scale_x, digest)
        return self._key
