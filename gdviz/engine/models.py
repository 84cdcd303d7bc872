"""The models a per-sample objective fits, with analytic gradients: ŷ = f(θ, x) and ∂L/∂θ from ∂L/∂ŷ.

Every function broadcasts over leading axes of `params` (shape (..., P)); x has shape (N,) and
outputs have shape (..., N). Parameter names agree with the computational graph (graph.py):
constant (b), origin (w), line (w, b), polynomial (b, w1 … wK), two-layer (k1, b1, k2, b2) and,
with h ≥ 2 hidden units, (k1_1 … k1_h, b1_1 … b1_h, k2_1 … k2_h, b2).
"""
from __future__ import annotations

import numpy as np

from .types import Activation, ModelKind

MIN_DEGREE, MAX_DEGREE = 2, 9
MAX_HIDDEN = 8


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1/(1 + e^(−z)); e^(−z) overflows to inf for z < −709, which gives the right 0."""
    with np.errstate(over="ignore"):
        out = np.exp(np.negative(z))
    out += 1.0
    return np.reciprocal(out, out=out)


def relu(z: np.ndarray) -> np.ndarray:
    """max(0, z)."""
    return np.maximum(z, 0.0)


class BasisModel:
    """A model linear in its parameters: ŷ = Σⱼ θⱼ·φⱼ(x) (the straight lines and the polynomials)."""

    def __init__(self, kind: ModelKind, degree: int | None = None) -> None:
        self.kind = kind
        self.degree = degree
        if kind is ModelKind.CONSTANT:
            self.param_names = ("b",)
        elif kind is ModelKind.ORIGIN:
            self.param_names = ("w",)
        elif kind is ModelKind.LINE:
            self.param_names = ("w", "b")
        else:
            self.param_names = ("b",) + tuple("w{0}".format(j) for j in range(1, degree + 1))

    def basis(self, x: np.ndarray) -> np.ndarray:
        """φ(x) as an (N, P) matrix, one column per parameter."""
        x = np.asarray(x, float)
        one = np.ones_like(x)
        if self.kind is ModelKind.CONSTANT:
            return one[:, None]
        if self.kind is ModelKind.ORIGIN:
            return x[:, None]
        if self.kind is ModelKind.LINE:
            return np.stack([x, one], axis=1)
        with np.errstate(over="ignore", invalid="ignore"):
            return np.stack([x ** j for j in range(self.degree + 1)], axis=1)

    def forward(self, params: np.ndarray, x: np.ndarray, basis: np.ndarray | None = None):
        """ŷ (..., N) and what backward needs."""
        phi = self.basis(x) if basis is None else basis
        return np.dot(np.asarray(params, float), phi.T), phi  # np.dot: see surface.py on the GIL

    def backward(self, params: np.ndarray, x: np.ndarray, cache, d: np.ndarray) -> np.ndarray:
        """∂L/∂θ (..., P) from d = ∂L/∂ŷ (..., N)."""
        return np.dot(d, cache)

    def predict(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        """ŷ at x."""
        return self.forward(params, x)[0]


class TwoLayerModel:
    """ŷ = Σⱼ k2ⱼ·a(k1ⱼ·x + b1ⱼ) + b2 with a = σ or ReLU (tutorial 004: one sigmoid unit)."""

    def __init__(self, hidden: int | None = None, activation: Activation = Activation.SIGMOID) -> None:
        self.kind = ModelKind.TWO_LAYER
        self.hidden = hidden
        self.h = 1 if hidden is None else int(hidden)
        self.activation = Activation(activation)
        if self.h == 1:
            self.param_names = ("k1", "b1", "k2", "b2")
        else:
            units = range(1, self.h + 1)
            self.param_names = (tuple("k1_{0}".format(j) for j in units) + tuple("b1_{0}".format(j) for j in units)
                                + tuple("k2_{0}".format(j) for j in units) + ("b2",))

    def split(self, params: np.ndarray):
        """k1, b1, k2 (each (..., h)) and b2 (...)."""
        p, h = np.asarray(params, float), self.h
        return p[..., :h], p[..., h:2 * h], p[..., 2 * h:3 * h], p[..., 3 * h]

    def hidden_outputs(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        """a(k1ⱼ·x + b1ⱼ) for every unit j: shape (..., h, N)."""
        k1, b1, _, _ = self.split(params)
        z = k1[..., None] * np.asarray(x, float) + b1[..., None]
        return sigmoid(z) if self.activation is Activation.SIGMOID else relu(z)

    def forward(self, params: np.ndarray, x: np.ndarray, basis=None):
        """ŷ (..., N) and the hidden outputs."""
        _, _, k2, b2 = self.split(params)
        a = self.hidden_outputs(params, x)
        if self.h == 1:
            y_hat = a[..., 0, :] * k2[..., :1] + b2[..., None]
        else:
            y_hat = np.einsum("...j,...jn->...n", k2, a) + b2[..., None]
        return y_hat, a

    def backward(self, params: np.ndarray, x: np.ndarray, a: np.ndarray, d: np.ndarray) -> np.ndarray:
        """∂L/∂θ from d = ∂L/∂ŷ: the chain rule ∂L/∂k1ⱼ = Σ d·k2ⱼ·a′(zⱼ)·x, and so on."""
        _, _, k2, _ = self.split(params)
        x = np.asarray(x, float)
        d_unit = d[..., None, :]  # (..., 1, N)
        g_k2 = np.sum(d_unit * a, axis=-1)
        slope = a * (1.0 - a) if self.activation is Activation.SIGMOID else (a > 0).astype(float)
        t = d_unit * slope * k2[..., None]  # ∂L/∂zⱼ per sample
        g_b1 = np.sum(t, axis=-1)
        g_k1 = np.dot(t, x)
        g_b2 = np.sum(d, axis=-1)
        return np.concatenate([g_k1, g_b1, g_k2, g_b2[..., None]], axis=-1)

    def predict(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        """ŷ at x."""
        return self.forward(params, x)[0]


def make(kind, degree: int | None = None, hidden: int | None = None,
         activation: Activation = Activation.SIGMOID):
    """The model of a kind, or ValueError for a degree or number of hidden units out of range."""
    kind = ModelKind(kind)
    if kind is ModelKind.POLY:
        degree = MIN_DEGREE if degree is None else degree
        if not (isinstance(degree, (int, np.integer)) and MIN_DEGREE <= degree <= MAX_DEGREE):
            raise ValueError("polynomial degree must be a whole number from {0} to {1}, got {2!r}".format(
                MIN_DEGREE, MAX_DEGREE, degree))
        return BasisModel(kind, int(degree))
    if kind is ModelKind.TWO_LAYER:
        if hidden is not None and not (isinstance(hidden, (int, np.integer)) and 1 <= hidden <= MAX_HIDDEN):
            raise ValueError("hidden units must be a whole number from 1 to {0}, got {1!r}".format(MAX_HIDDEN, hidden))
        try:
            activation = Activation(activation)
        except ValueError:
            raise ValueError("activation must be sigmoid or relu, got {0!r}".format(activation)) from None
        return TwoLayerModel(None if hidden in (None, 1) else int(hidden), activation)
    return BasisModel(kind)


def param_names(kind, degree: int | None = None, hidden: int | None = None) -> tuple[str, ...]:
    """The parameters of a model in the run's order."""
    return make(kind, degree, hidden).param_names
