"""Mean-squared-error objectives for the linear models, computed from sufficient statistics.

For y ≈ w·x + b every loss and gradient depends on the data only through a few sums.
They are taken around the training means (u = x − x̄, v = y − ȳ) so that precision survives
data far from the origin. All functions broadcast over leading axes of `params`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .datasets import DataError, Dataset
from .types import MODEL_PARAMS, Activation, LossKind, ModelKind, Reduction

SUM_LIMIT = 1e300  # n·max|value|² must stay below this: the squared sums (and the loss) stay finite
TINY = 1e-150  # x values that differ by less than this lose their squares to underflow
EPS = float(np.finfo(float).eps)


def magnitude(value: float) -> str:
    """A value's order of magnitude as '1e154' (for messages)."""
    value = abs(float(value))
    if not (math.isfinite(value) and value > 0):
        return "{0:g}".format(value)
    return "1e{0}".format(int(math.floor(math.log10(value))))


def standard_scale(x: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of x, computed without overflow for any finite x."""
    x = np.asarray(x, float)
    m = float(np.max(np.abs(x))) if len(x) else 0.0
    if not (math.isfinite(m) and m > 0):
        return 0.0, 0.0
    if m < 1e150:  # the plain formulas (bit-identical to numpy's for ordinary data)
        return float(x.mean()), float(x.std())
    with np.errstate(all="ignore"):
        xs = x / m  # |xs| ≤ 1: neither the sum nor the squares overflow
        return float(xs.mean()) * m, float(xs.std()) * m


def _check_range(values: np.ndarray, label: str, n: int, spread: bool, fix: str) -> tuple[float, float] | None:
    """DataError when the squares of these values would overflow (or, with spread, underflow); else the
    values' (min, max), None when there are none."""
    if not len(values):
        return None
    lo, hi = float(np.min(values)), float(np.max(values))  # two passes, no |x| copy (1e6 rows: 0.6 ms, not 1.4)
    m = max(abs(lo), abs(hi)) if math.isfinite(lo) and math.isfinite(hi) else (lo if not math.isfinite(lo) else hi)
    if not math.isfinite(m):
        raise DataError("{0} values must be finite numbers, found {1:g}".format(label, abs(m) if m == m else m))
    if m * m * max(n, 1) >= SUM_LIMIT:
        raise DataError("{0} values near {1} overflow the squared sums; {2}".format(label, magnitude(m), fix))
    if spread:
        width = hi - lo
        if 0 < width < TINY:
            raise DataError("{0} values differ by only {1:g}: their squares underflow; {2}".format(label, width, fix))
    return lo, hi


@dataclass(frozen=True)
class Sums:
    """Centred sums of a set of samples (scalars or per-step arrays)."""

    n: np.ndarray | float
    su: np.ndarray | float
    sv: np.ndarray | float
    suu: np.ndarray | float
    suv: np.ndarray | float
    svv: np.ndarray | float

    @staticmethod
    def of(u: np.ndarray, v: np.ndarray) -> "Sums":
        """Sums of one set of centred samples."""
        return Sums(float(len(u)), float(u.sum()), float(v.sum()), float(u @ u), float(u @ v), float(v @ v))

    @staticmethod
    def centred(x: np.ndarray, y: np.ndarray, cx: float, cy: float, chunk: int = 1 << 15) -> "Sums":
        """Sums of (x − cx, y − cy) through a small reused buffer: no new N-sized arrays."""
        n = len(x)
        bu, bv = np.empty(min(n, chunk)), np.empty(min(n, chunk))
        acc = np.zeros(5)
        with np.errstate(all="ignore"):  # DataObjective refuses data whose sums would overflow
            for i in range(0, n, chunk):
                m = min(chunk, n - i)
                u, v = bu[:m], bv[:m]
                np.subtract(x[i:i + m], cx, out=u)
                np.subtract(y[i:i + m], cy, out=v)
                acc += (u.sum(), v.sum(), np.dot(u, u), np.dot(u, v), np.dot(v, v))
        return Sums(float(n), *(float(a) for a in acc))

    @staticmethod
    def segments(u: np.ndarray, v: np.ndarray, starts: np.ndarray) -> "Sums":
        """Per-segment sums; segment i is u[starts[i]:starts[i+1]] (the last runs to the end)."""
        counts = np.diff(np.append(starts, len(u))).astype(float)
        if len(starts) == len(u):  # one sample a step: the sums are the samples
            return Sums(counts, u, v, u * u, u * v, v * v)
        add = np.add.reduceat
        return Sums(counts, add(u, starts), add(v, starts), add(u * u, starts),
                    add(u * v, starts), add(v * v, starts))

    def at(self, i: int) -> "Sums":
        """The i-th entry of per-step sums."""
        return Sums(*(np.asarray(a)[i] for a in (self.n, self.su, self.sv, self.suu, self.suv, self.svv)))


class DataObjective:
    """Squared error of a linear model on a data set, with a chosen reduction (the fast path: exact, O(1)
    a full-batch step). Its batches are `Sums`; persample.SampleObjective offers the same protocol."""

    sufficient = True
    loss_kind = LossKind.SQUARED
    delta = 1.0
    degree = None
    hidden = None
    activation = Activation.SIGMOID

    def __init__(self, data: Dataset, model: ModelKind, reduction: Reduction,
                 shift: float = 0.0, scale: float = 1.0) -> None:
        """Raises DataError when the data cannot be fitted in floating point (see `_check_data`)."""
        self.data = data
        self.model = ModelKind(model)
        self.reduction = Reduction(reduction)
        self.param_names = MODEL_PARAMS[self.model]
        self.shift, self.scale_x = float(shift), float(scale)  # feature = (x − shift) / scale
        self._check_data()
        x_train = data.x_train if not self.standardised else self.feature(data.x_train)
        self._x = x_train
        self.cx = float(x_train.mean())
        self.cy = float(data.y_train.mean())
        self.full = Sums.centred(x_train, data.y_train, self.cx, self.cy)
        self.val = (Sums.centred(self.feature(data.x_val), data.y_val, self.cx, self.cy)
                    if data.n_val else None)
        self._uv: tuple[np.ndarray, np.ndarray] | None = None
        lo, hi = self._x_bounds or (0.0, 0.0)
        self.constant_x = hi - lo == 0  # one x value: the slope is not determined
        self._minimizer, self._noise = self._solve()

    def _check_data(self) -> None:
        """Refuse data whose sums would overflow or underflow, and a standardised constant column."""
        d, fix_x = self.data, "rescale x or use Standardise x"
        if self.standardised:
            if not (math.isfinite(self.scale_x) and self.scale_x > 0):
                value = float(d.x_train[0]) if d.n_train else 0.0
                message = ("every training x is {0:g} after the validation split: Standardise x cannot scale a "
                           "constant column; turn off Standardise x or change the validation split" if d.n_val else
                           "every training x is {0:g}: Standardise x cannot scale a constant column; turn off "
                           "Standardise x or change the validation split")
                raise DataError(message.format(value))
            if self.scale_x < TINY:
                raise DataError("training x values differ by only {0:g}: too little to standardise; rescale x"
                                .format(self.scale_x))
        uses_x = self.model is not ModelKind.CONSTANT
        n = d.n_train + d.n_val
        for label, x in (("x", d.x_train), ("validation x", d.x_val)):
            with np.errstate(all="ignore"):
                feature = self.feature(x) if self.standardised else np.asarray(x, float)
            bounds = _check_range(feature, label, n, uses_x and label == "x" and self.model is ModelKind.LINE, fix_x)
            if label == "x":
                self._x_bounds = bounds
            if uses_x and self.model is ModelKind.ORIGIN and label == "x" and len(feature):
                top = float(np.max(np.abs(feature)))
                if 0 < top < TINY:
                    raise DataError("x values near {0} are so small that their squares underflow; {1}"
                                    .format(magnitude(top), fix_x))
        for label, y in (("y", d.y_train), ("validation y", d.y_val)):
            _check_range(np.asarray(y, float), label, n, False, "rescale y")

    @property
    def u(self) -> np.ndarray:
        """Centred training inputs (made on first use: only mini-batches need them)."""
        return self._centred()[0]

    @property
    def v(self) -> np.ndarray:
        """Centred training targets."""
        return self._centred()[1]

    def _centred(self) -> tuple[np.ndarray, np.ndarray]:
        if self._uv is None:
            self._uv = (self._x - self.cx, self.data.y_train - self.cy)
        return self._uv

    @property
    def standardised(self) -> bool:
        """Whether the model sees a rescaled feature."""
        return self.shift != 0.0 or self.scale_x != 1.0

    def feature(self, x: np.ndarray) -> np.ndarray:
        """The model's input for raw x."""
        x = np.asarray(x, float)
        with np.errstate(all="ignore"):
            out = (x - self.shift) / self.scale_x
            if not np.all(np.isfinite(out)) and np.all(np.isfinite(x)):  # x − shift overflowed (|x| near 1e308)
                out = x / self.scale_x - self.shift / self.scale_x
        return out

    def to_original(self, params: np.ndarray) -> dict[str, float]:
        """Slope and intercept in the data's own units (they differ when x is standardised).

        The scale is never 0 (the constructor refuses a constant standardised column); far-out
        parameters may give ±inf, never an error or a warning."""
        w, b = (float(v) for v in self.w_b(params))
        slope = w / self.scale_x
        return {"w": slope, "b": b - slope * self.shift}

    @property
    def n_train(self) -> int:
        """Number of training samples."""
        return len(self._x)

    def scale(self, n: np.ndarray | float) -> np.ndarray | float:
        """The reduction's factor c in L = c·Σ(ŷ − y)²."""
        if self.reduction is Reduction.MEAN:
            return 1.0 / np.asarray(n, float)
        return 1.0 if self.reduction is Reduction.SUM else 0.5

    def w_b(self, params: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Slope and intercept from a parameter array (missing ones are 0)."""
        p = np.asarray(params, float)
        zero = np.zeros(p.shape[:-1])
        if self.model is ModelKind.LINE:
            return p[..., 0], p[..., 1]
        if self.model is ModelKind.ORIGIN:
            return p[..., 0], zero
        return zero, p[..., 0]

    def _raw(self, params: np.ndarray, s: Sums):
        """Σr, Σx·r and Σr² for residuals r = ŷ − y over the samples summed in s."""
        w, b = self.w_b(params)
        bt = b + w * self.cx - self.cy
        sr = w * s.su + s.n * bt - s.sv
        sur = w * s.suu + bt * s.su - s.suv
        srr = w * w * s.suu + s.n * bt * bt + s.svv + 2 * w * bt * s.su - 2 * w * s.suv - 2 * bt * s.sv
        return sr, sur + self.cx * sr, np.maximum(srr, 0.0)

    def _grad_from(self, sr, sxr, c) -> np.ndarray:
        gb, gw = 2 * c * sr, 2 * c * sxr
        if self.model is ModelKind.LINE:
            return np.stack([gw, gb], axis=-1)
        return (gw if self.model is ModelKind.ORIGIN else gb)[..., None]

    def loss(self, params: np.ndarray, s: Sums | None = None) -> np.ndarray:
        """Loss over the samples in s (default: the training set)."""
        s = s or self.full
        return self.scale(s.n) * self._raw(params, s)[2]

    def grad(self, params: np.ndarray, s: Sums | None = None) -> np.ndarray:
        """Gradient of loss() with respect to the parameters, shape (..., P)."""
        s = s or self.full
        sr, sxr, _ = self._raw(params, s)
        return self._grad_from(sr, sxr, self.scale(s.n))

    def loss_grad(self, params: np.ndarray, s: Sums | None = None) -> tuple[np.ndarray, np.ndarray]:
        """loss() and grad() together."""
        s = s or self.full
        sr, sxr, srr = self._raw(params, s)
        c = self.scale(s.n)
        return c * srr, self._grad_from(sr, sxr, c)

    def val_loss(self, params: np.ndarray) -> np.ndarray | None:
        """Loss on the validation set (None without one)."""
        return None if self.val is None else self.loss(params, self.val)

    def _solve(self) -> tuple[np.ndarray, float]:
        """A least-squares minimiser as (w, b̃) with b̃ = b + w·x̄ − ȳ (w = 0 where the slope is free), and
        the rounding noise of the loss near it (a loss gap below it cannot be told from 0)."""
        s, cx, cy = self.full, self.cx, self.cy
        c = float(self.scale(s.n))
        if self.model is ModelKind.CONSTANT:
            return np.array([0.0, s.sv / s.n]), c * s.svv
        if self.model is ModelKind.ORIGIN:
            sxx = self._sxx()
            sxy = s.suv + cx * s.sv + cy * s.su + s.n * cx * cy
            return np.array([sxy / sxx if sxx > 0 else 0.0, np.nan]), c * (s.svv + s.n * cy * cy)
        if self.constant_x:
            return np.array([0.0, s.sv / s.n]), c * s.svv
        det = s.suu * s.n - s.su * s.su
        w = (s.n * s.suv - s.su * s.sv) / det
        bt = (s.suu * s.sv - s.su * s.suv) / det
        return np.array([w, bt]), c * s.svv

    def _sxx(self) -> float:
        """Σx² of the model's input (raw, not centred)."""
        s, cx = self.full, self.cx
        return s.suu + 2 * cx * s.su + s.n * cx * cx

    def _minimiser_params(self) -> np.ndarray:
        w, bt = self._minimizer
        if self.model is ModelKind.CONSTANT:
            return np.array([bt + self.cy])
        if self.model is ModelKind.ORIGIN:
            return np.array([w])
        return np.array([w, bt - w * self.cx + self.cy])

    @property
    def singular(self) -> bool:
        """Whether the least-squares parameters are not unique (a line through one x value; y = w·x with x = 0)."""
        if self.model is ModelKind.LINE:
            return self.constant_x
        return self.model is ModelKind.ORIGIN and not self._sxx() > 0

    def optimum(self) -> np.ndarray | None:
        """The closed-form least-squares parameters (normal equations), or None when they are not
        unique (every training x the same for the line model, every x = 0 for y = w·x) or not finite."""
        if self.singular:
            return None
        opt = self._minimiser_params()
        return opt if np.all(np.isfinite(opt)) and np.all(np.abs(opt) < 1e100) else None

    def minimum_value(self) -> float:
        """The least loss L* (defined even when the optimum is not unique); 0 when below rounding noise."""
        with np.errstate(all="ignore"):
            value = float(self.loss(self._minimiser_params()))
        return value if math.isfinite(value) and value > 1e3 * EPS * self._noise else 0.0

    def gap(self, params: np.ndarray) -> np.ndarray:
        """L(θ) − L*, computed as the quadratic form of θ − θ* (no cancellation); broadcasts."""
        s = self.full
        c = self.scale(s.n)
        w, b = self.w_b(params)
        w0, bt0 = self._minimizer
        with np.errstate(all="ignore"):
            if self.model is ModelKind.CONSTANT:
                return c * s.n * (b - self.cy - bt0) ** 2
            if self.model is ModelKind.ORIGIN:
                return c * self._sxx() * (w - w0) ** 2
            dw = np.zeros_like(w) if self.constant_x else w - w0
            dbt = b + w * self.cx - self.cy - bt0
            return c * (s.suu * dw * dw + 2 * s.su * dw * dbt + s.n * dbt * dbt)

    def noise(self, loss: np.ndarray) -> np.ndarray:
        """The rounding error of computing a loss of this size: gaps below it are at the floor."""
        return 64 * EPS * np.maximum(np.abs(loss), self._noise)

    def predict(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Model output ŷ at raw inputs x (in the data's units)."""
        w, b = self.w_b(params)
        return w * self.feature(x) + b

    def hidden_outputs(self, params: np.ndarray, x: np.ndarray) -> None:
        """A line has no hidden units."""
        return None

    def residuals(self, params: np.ndarray) -> np.ndarray:
        """ŷ − y on the training samples."""
        with np.errstate(all="ignore"):
            return self.predict(params, self.data.x_train) - self.data.y_train

    def key(self) -> tuple:
        """Equal for objectives with the same loss everywhere (the surface keeps its landscape)."""
        return ("data", self.model, self.reduction, self.shift, self.scale_x, self.cx, self.cy, self.full)
