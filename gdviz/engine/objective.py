"""Mean-squared-error objectives for the linear models, computed from sufficient statistics.

For y ≈ w·x + b every loss and gradient depends on the data only through a few sums.
They are taken around the training means (u = x − x̄, v = y − ȳ) so that precision survives
data far from the origin. All functions broadcast over leading axes of `params`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .datasets import Dataset
from .types import MODEL_PARAMS, ModelKind, Reduction


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
    """MSE of a linear model on a data set, with a chosen reduction."""

    def __init__(self, data: Dataset, model: ModelKind, reduction: Reduction,
                 shift: float = 0.0, scale: float = 1.0) -> None:
        self.data = data
        self.model = ModelKind(model)
        self.reduction = Reduction(reduction)
        self.param_names = MODEL_PARAMS[self.model]
        self.shift, self.scale_x = float(shift), float(scale)  # feature = (x − shift) / scale
        x_train = data.x_train if not self.standardised else self.feature(data.x_train)
        self._x = x_train
        self.cx = float(x_train.mean())
        self.cy = float(data.y_train.mean())
        self.full = Sums.centred(x_train, data.y_train, self.cx, self.cy)
        self.val = (Sums.centred(self.feature(data.x_val), data.y_val, self.cx, self.cy)
                    if data.n_val else None)
        self._uv: tuple[np.ndarray, np.ndarray] | None = None

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
        return (np.asarray(x, float) - self.shift) / self.scale_x

    def to_original(self, params: np.ndarray) -> dict[str, float]:
        """Slope and intercept in the data's own units (they differ when x is standardised)."""
        w, b = (float(v) for v in self.w_b(params))
        return {"w": w / self.scale_x, "b": b - w * self.shift / self.scale_x}

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

    def optimum(self) -> np.ndarray:
        """The closed-form least-squares parameters (normal equations)."""
        s, cx, cy = self.full, self.cx, self.cy
        if self.model is ModelKind.CONSTANT:
            return np.array([cy + s.sv / s.n])
        if self.model is ModelKind.ORIGIN:
            sxx = s.suu + 2 * cx * s.su + s.n * cx * cx
            sxy = s.suv + cx * s.sv + cy * s.su + s.n * cx * cy
            return np.array([sxy / sxx])
        w, bt = np.linalg.solve([[s.suu, s.su], [s.su, s.n]], [s.suv, s.sv])
        return np.array([w, bt - w * cx + cy])

    def predict(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Model output ŷ at raw inputs x (in the data's units)."""
        w, b = self.w_b(params)
        return w * self.feature(x) + b
