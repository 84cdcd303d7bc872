"""The loss as a picture: grids, contour lines and the range a view should show. Pure numpy.

A two-parameter objective is drawn over (horizontal, vertical) = surface_axes(objective):
(b, w) for the line model, like tutorial 002's figures; (x, y) for 2-D functions. With more than
two parameters the surface is a 2-D slice through the current point for a chosen pair, the others
held at their current values (`slice_title` says so), and every parameter has a cross-section
(`sections`). Grids of objectives without sufficient statistics are computed in chunks of bounded
memory; `cancel()` is polled between chunks (raises persample.Cancelled), so a worker (the slice process,
slice_process.py) can compute them while the window animates. Every function here is pure.
"""
from __future__ import annotations

import contourpy
import numpy as np

from typing import Callable, Sequence

from .objective import DataObjective
from .persample import Cancelled, SampleObjective
from .types import Activation, LossKind, ModelKind

SLICE_TITLE = "slice through the current point: {held} held"  # engine template; {held} from held_text
SLICE_HELD = "{name} = {value}"
EXP_SAFE = 700.0  # |k1·x| and |b1| below this: e^(−k1·x)·e^(−b1) neither overflows nor loses the product

BOWL_FRACTION = 0.25  # data runs are first framed on the bowl up to this share of the start's loss
BOUND = 1e200  # every drawn loss is clipped to ±BOUND: nothing non-finite reaches a plot


def surface_axes(objective, pair: Sequence[str | int] | None = None) -> tuple[int, int]:
    """(horizontal, vertical) indices into params: the chosen pair (names or indices) or by default (b, w)
    for the line model and the first two parameters otherwise. ValueError names a bad choice."""
    names = tuple(objective.param_names)
    if len(names) < 2:
        raise ValueError("a surface needs two parameters, got only {0}".format(", ".join(names)))
    if pair is None:
        return (1, 0) if names == ("w", "b") else (0, 1)
    out = []
    for item in pair:
        if isinstance(item, str):
            if item not in names:
                raise ValueError("no parameter '{0}' (the parameters are {1})".format(item, ", ".join(names)))
            out.append(names.index(item))
        elif isinstance(item, (int, np.integer)) and 0 <= item < len(names):
            out.append(int(item))
        else:
            raise ValueError("no parameter {0!r} (the parameters are {1})".format(item, ", ".join(names)))
    if len(out) != 2 or out[0] == out[1]:
        raise ValueError("a surface needs two different parameters, got {0}".format(
            ", ".join(names[i] for i in out)))
    return out[0], out[1]


def is_slice(objective) -> bool:
    """Whether the surface is a slice: parameters beyond its two axes are held at the current point."""
    return len(objective.param_names) > 2


def held_text(objective, axes: tuple[int, int], params: Sequence[float]) -> str:
    """The parameters a slice holds, with their values: "k2 = 1, b2 = 0" (empty for two parameters)."""
    return ", ".join(SLICE_HELD.format(name=n, value="{0:.4g}".format(float(v)))
                     for i, (n, v) in enumerate(zip(objective.param_names, params)) if i not in axes)


def slice_title(objective, axes: tuple[int, int], params: Sequence[float]) -> str:
    """The surface title's note for a slice ("slice through the current point: k2 = 1, b2 = 0 held"), or
    "" when the objective has only the two parameters shown. A window translates SLICE_TITLE itself."""
    held = held_text(objective, axes, params)
    return SLICE_TITLE.format(held=held) if held else ""


def finite_loss(z: np.ndarray) -> np.ndarray:
    """z with NaN and overflow replaced by ±BOUND, in place when z is a float array."""
    z = np.asarray(z, float)
    np.nan_to_num(z, copy=False, nan=BOUND, posinf=BOUND, neginf=-BOUND)
    return np.clip(z, -BOUND, BOUND, out=z)


def loss_grid(objective, h_values: np.ndarray, v_values: np.ndarray, fixed: np.ndarray | None = None,
              axes: tuple[int, int] | None = None, cancel: Callable[[], bool] | None = None) -> np.ndarray:
    """The loss at every grid point, shape (len(v), len(h)); finite, no warnings.

    `axes` are the (horizontal, vertical) parameter indices (default surface_axes); `fixed` gives the
    parameters that are not on them (default 0): the current point for a slice. `cancel()` is polled
    between chunks of a long computation, which then raises persample.Cancelled.
    """
    h, v = np.asarray(h_values, float), np.asarray(v_values, float)
    ih, iv = surface_axes(objective) if axes is None else axes
    with np.errstate(all="ignore"):
        if isinstance(objective, DataObjective) and objective.model is ModelKind.LINE and (ih, iv) == (1, 0):
            z = _line_grid(objective, w=v, b=h)  # surface_axes: b across, w up
        else:
            params = np.empty((len(v), len(h), len(objective.param_names)))
            params[...] = 0.0 if fixed is None else np.asarray(fixed, float)
            params[..., ih] = h[None, :]
            params[..., iv] = v[:, None]
            z = _fast_grid(objective, params, cancel)
            if z is None:
                z = np.asarray(objective.loss(params, cancel=cancel) if isinstance(objective, SampleObjective)
                               else objective.loss(params), float)
        return finite_loss(z)


# Products below are np.dot, not `@`: numpy's matmul keeps the GIL for its whole computation, and these
# grids are computed on the slice worker's thread beside the animating window while the slice process
# starts or when it cannot run (slice_process.py). A worker in a stream of
# matmuls made every frame wait ~5 ms (the interpreter's switch interval) for each return into Python:
# 750 ms frames in a test; np.dot lets go of the GIL while BLAS works.
def _fast_grid(obj, params: np.ndarray, cancel) -> np.ndarray | None:
    """Squared error of a model whose output is linear in some parameters, from per-sample sums: a
    polynomial's Gram matrix, or the two-layer unit's Σa, Σa², Σa·y for each (k1, b1) of the grid. None
    for other objectives (the chunked general path)."""
    if not isinstance(obj, SampleObjective) or obj.loss_kind is not LossKind.SQUARED:
        return None
    c, x, y = obj._c_full, obj._x, obj._y
    if obj._phi is not None:
        gram, q = np.dot(obj._phi.T, obj._phi), np.dot(obj._phi.T, y)
        return c * np.maximum(np.einsum("...i,ij,...j->...", params, gram, params) - 2 * np.dot(params, q)
                              + np.dot(y, y), 0.0)
    if obj.model is not ModelKind.TWO_LAYER or obj._h != 1:
        return None
    sa, saa, say = _unit_sums(obj, params[..., 0], params[..., 1], cancel)
    k2, b2 = params[..., 2], params[..., 3]
    total = k2 * k2 * saa + 2 * k2 * (b2 * sa - say) + len(x) * b2 * b2 - 2 * b2 * y.sum() + np.dot(y, y)
    return c * np.maximum(total, 0.0)


def _unit_sums(obj: SampleObjective, k1: np.ndarray, b1: np.ndarray, cancel):
    """Σa, Σa² and Σa·y of a = act(k1·x + b1) for every grid point, computed once per distinct (k1, b1)."""
    x, y = obj._x, obj._y
    both = np.stack([np.ones_like(y), y], axis=1)
    sig = obj.activation is Activation.SIGMOID
    rows_vary = bool(np.ptp(k1, axis=1).any() or np.ptp(b1, axis=1).any())  # along a row (horizontal)
    cols_vary = bool(np.ptp(k1, axis=0).any() or np.ptp(b1, axis=0).any())
    if not (rows_vary and cols_vary):  # (k1, b1) change along one axis at most: one unit output per value
        k, b = (k1[0], b1[0]) if rows_vary else (k1[:, 0], b1[:, 0])
        out = _sums_of(k[:, None] * x + b[:, None], sig, both)
        shape = (1, -1) if rows_vary else (-1, 1)
        return tuple(np.broadcast_to(v.reshape(shape), k1.shape) for v in out)
    if not np.ptp(k1, axis=0).any() and np.ptp(k1, axis=1).any():  # k1 fixed down each column: walk columns
        return tuple(t.T for t in _unit_sums(obj, k1.T, b1.T, cancel))
    sa, saa, say = (np.empty(k1.shape) for _ in range(3))
    cache = _row_cache(obj)
    for i in range(k1.shape[0]):  # both vary: a row of the grid at a time (bounded memory, cancellable)
        kr, br = k1[i], b1[i]
        key = (kr.tobytes(), br.tobytes())
        if key in cache:  # a slice of (k1, b1) asked again as k2, b2 move: the unit's sums stay
            sa[i], saa[i], say[i] = cache[key]
            continue
        if cancel is not None and cancel():
            raise Cancelled()
        if sig and np.ptp(kr) == 0 and np.max(np.abs(kr[0] * x)) < EXP_SAFE and np.max(np.abs(br)) < EXP_SAFE:
            e = np.multiply.outer(np.exp(-br), np.exp(-kr[0] * x))  # e^(−(k1·x + b1)) without an exp per cell
            e += 1.0
            a = np.reciprocal(e, out=e)
            s = np.dot(a, both)
            sa[i], say[i], saa[i] = s[:, 0], s[:, 1], np.einsum("ij,ij->i", a, a)
        else:
            sa[i], saa[i], say[i] = _sums_of(kr[:, None] * x + br[:, None], sig, both)
        cache[key] = (sa[i].copy(), saa[i].copy(), say[i].copy())  # kept across cancels: progress stays
    return sa, saa, say


ROW_CACHE_ROWS = 2048  # grid rows of unit sums kept per objective (a few MB at 200 points a row)


def forget_rows(obj: SampleObjective) -> None:
    """Empty the objective's row cache (a benchmark's cold start), also in the slice process (slice_process.py)."""
    obj.unit_rows.clear()
    obj.rows_forgotten += 1


def _row_cache(obj: SampleObjective) -> dict:
    """The objective's cache of unit sums per grid row, emptied when full (dict operations are atomic
    under the GIL: two threads at worst compute a row twice)."""
    if len(obj.unit_rows) >= ROW_CACHE_ROWS:
        obj.unit_rows.clear()
    return obj.unit_rows


def _sums_of(z: np.ndarray, sig: bool, both: np.ndarray):
    a = 1.0 / (1.0 + np.exp(-z)) if sig else np.maximum(z, 0.0)
    s = np.dot(a, both)
    return s[:, 0], np.einsum("ij,ij->i", a, a), s[:, 1]


def sections(objective, params: Sequence[float], ranges: Sequence[tuple[float, float]], count: int = 200,
             cancel: Callable[[], bool] | None = None) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """One cross-section per parameter through `params`: (name, values, losses), each parameter swept over
    its range while the others stay at the current point; finite, no warnings."""
    out = []
    for axis, (name, (lo, hi)) in enumerate(zip(objective.param_names, ranges)):
        if cancel is not None and cancel():
            raise Cancelled()
        values = np.linspace(float(lo), float(hi), int(count))
        out.append((name, values, loss_curve(objective, values, axis, np.asarray(params, float))))
    return out


def _line_grid(obj: DataObjective, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Loss of w·x + b, shape (len(w), len(b)), from the centred sums as a quadratic in
    b̃ = b + w·x̄ − ȳ: Σr² = n·b̃² + b̃·(2w·Σu − 2Σv) + (w²·Σu² − 2w·Σuv + Σv²).
    Two grid-sized arrays in all, whatever the number of samples."""
    s = obj.full
    lin = (2 * w * s.su - 2 * s.sv)[:, None]
    const = (w * w * s.suu - 2 * w * s.suv + s.svv)[:, None]
    bt = np.add.outer(w * obj.cx - obj.cy, b)  # (nv, nh)
    z = np.multiply(bt, s.n)
    z += lin
    z *= bt
    z += const
    np.maximum(z, 0.0, out=z)
    z *= obj.scale(s.n)
    return z


def loss_curve(objective, values: np.ndarray, axis: int = 0, fixed: np.ndarray | None = None) -> np.ndarray:
    """The loss along one parameter (the others at `fixed`, default 0); finite, no warnings."""
    values = np.asarray(values, float)
    params = np.empty((len(values), len(objective.param_names)))
    params[...] = 0.0 if fixed is None else np.asarray(fixed, float)
    params[:, axis] = values
    with np.errstate(all="ignore"):
        return finite_loss(np.array(objective.loss(params), float))


def contour_levels(z: np.ndarray, count: int = 12, log: bool = False) -> np.ndarray:
    """`count` levels strictly between min and max (log-spaced above the minimum when log)."""
    lo, hi = float(np.min(z)), float(np.max(z))
    span = hi - lo
    if not span > 0 or count < 1:
        return np.zeros(0)
    if log:
        levels = lo + np.geomspace(span * 1e-3, span, count + 1)[:-1]
    else:
        levels = np.linspace(lo, hi, count + 2)[1:-1]
    return np.unique(levels[(levels > lo) & (levels < hi)])


def contour_lines(h: np.ndarray, v: np.ndarray, z: np.ndarray,
                  levels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All contour lines as one polyline: x, y and `connect` (False where a line ends)."""
    if len(levels) == 0:
        return np.zeros(0), np.zeros(0), np.zeros(0, bool)
    gen = contourpy.contour_generator(h, v, z, line_type=contourpy.LineType.ChunkCombinedOffset)
    points, ends = [], []
    count = 0
    for chunk_points, chunk_offsets in gen.multi_lines(np.asarray(levels, float)):
        for pts, offsets in zip(chunk_points, chunk_offsets):
            if pts is None:
                continue
            points.append(pts)
            ends.append(count + offsets[1:].astype(np.int64) - 1)
            count += len(pts)
    if not points:
        return np.zeros(0), np.zeros(0), np.zeros(0, bool)
    xy = np.concatenate(points)
    connect = np.ones(len(xy), bool)
    connect[np.concatenate(ends)] = False
    return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1]), connect


def sublevel_box(objective, params: np.ndarray, fraction: float = 1.0) -> tuple[np.ndarray, np.ndarray] | None:
    """Bounding box of {θ : L(θ) − L* ≤ fraction·(L(params) − L*)} for an MSE objective (a
    quadratic bowl), or None for other objectives.

    With the Hessian H and the optimum θ*, the box is θ* ± √(2·fraction·(L − L*)·(H⁻¹)ᵢᵢ). With
    fraction 1 every full-batch step that does not diverge stays inside it.
    """
    if not isinstance(objective, DataObjective):
        return None
    with np.errstate(all="ignore"):
        opt = objective.optimum()
    if opt is None:  # the least-squares parameters are not unique: no bowl to frame
        return None
    try:
        with np.errstate(all="ignore"):
            base = objective.grad(opt)
            step = np.maximum(1.0, np.abs(opt))
            hess = np.stack([(objective.grad(opt + step[j] * np.eye(len(opt))[j]) - base) / step[j]
                             for j in range(len(opt))], axis=1)
            rise = 2.0 * fraction * max(float(objective.loss(params) - objective.loss(opt)), 0.0)
            half = np.sqrt(rise * np.diag(np.linalg.inv(hess)))
    except (np.linalg.LinAlgError, ValueError):
        return None
    if not (np.all(np.isfinite(half)) and np.all(np.isfinite(opt))):
        return None
    return opt - half, opt + half


class Framing:
    """The parameter range a view shows: fitted once, grown in jumps, never without bound."""

    GROWTH = 1.5  # a growing range at least multiplies its span by this
    MAX_FACTOR = 1e3  # and never exceeds this many times its initial span

    def __init__(self, lo, hi, margin: float = 0.25) -> None:
        self.lo, self.hi = np.array(lo, float), np.array(hi, float)
        self.margin = margin
        self.initial_span = self.hi - self.lo
        self.max_span = self.MAX_FACTOR * self.initial_span
        self.locked = False

    @classmethod
    def fit(cls, points, optimum=None, margin: float = 0.25) -> "Framing":
        """A range covering the points (start, path) and the optimum, with a margin each side."""
        pts = np.atleast_2d(np.asarray(points, float))
        if optimum is not None:
            pts = np.vstack([pts, np.asarray(optimum, float).reshape(1, -1)])
        pts = pts[np.isfinite(pts).all(axis=1) & (np.abs(pts) < BOUND).all(axis=1)]
        if len(pts) == 0:
            pts = np.zeros((1, pts.shape[1]))
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        span = hi - lo
        flat = span <= 1e-9 * np.maximum(1.0, np.abs(hi))
        span = np.where(flat, np.maximum(1.0, np.abs(hi)), span)  # one point: a unit (or |θ|) window
        centre = np.where(flat, hi, 0.5 * (lo + hi))
        lo = np.where(flat, centre - 0.5 * span, lo) - margin * span
        hi = np.where(flat, centre + 0.5 * span, hi) + margin * span
        return cls(lo, hi, margin)

    def copy(self) -> "Framing":
        """An independent framing with the same range and limits (unlocked)."""
        out = Framing(self.lo, self.hi, self.margin)
        out.initial_span, out.max_span = self.initial_span.copy(), self.max_span.copy()
        return out

    def same_range(self, other: "Framing") -> bool:
        """Whether two framings show exactly the same range."""
        return np.array_equal(self.lo, other.lo) and np.array_equal(self.hi, other.hi)

    @property
    def span(self) -> np.ndarray:
        """hi − lo per axis."""
        return self.hi - self.lo

    def contains(self, points) -> np.ndarray:
        """Whether each point lies inside the range (on every axis)."""
        pts = np.atleast_2d(np.asarray(points, float))
        return ((pts >= self.lo) & (pts <= self.hi)).all(axis=1)

    def update(self, points) -> bool:
        """Grow to take in points outside the range; returns whether the range changed."""
        if self.locked:
            return False
        pts = np.atleast_2d(np.asarray(points, float))
        pts = pts[np.isfinite(pts).all(axis=1)]
        if len(pts) == 0:
            return False
        need_lo, need_hi = pts.min(axis=0), pts.max(axis=0)
        if (need_lo >= self.lo).all() and (need_hi <= self.hi).all():  # inside, as on nearly every frame
            return False
        span = self.span
        extra = (self.GROWTH - 1.0) * span  # the side that grows moves out by ≥ this
        lo, hi = self.lo.copy(), self.hi.copy()
        below, above = need_lo < lo, need_hi > hi
        with np.errstate(all="ignore"):
            lo = np.where(below, np.minimum(need_lo - self.margin * span, lo - extra), lo)
            hi = np.where(above, np.maximum(need_hi + self.margin * span, hi + extra), hi)
        too_wide = (hi - lo) > self.max_span
        lo = np.where(too_wide & below, hi - self.max_span, lo)
        hi = np.where(too_wide & ~below, lo + self.max_span, hi)
        both = too_wide & below & above  # points beyond both sides: keep the centre
        centre = 0.5 * (self.lo + self.hi)
        lo = np.where(both, centre - 0.5 * self.max_span, lo)
        hi = np.where(both, centre + 0.5 * self.max_span, hi)
        if np.array_equal(lo, self.lo) and np.array_equal(hi, self.hi):
            return False
        self.lo, self.hi = lo, hi
        return True


def objective_key(objective) -> tuple:
    """Equal for objectives with the same loss everywhere (a new start keeps the same landscape)."""
    spec = getattr(objective, "spec", None)
    if spec is not None:
        return ("function", spec.name)
    return objective.key()


def initial_framing(objective, points, axes, margin: float = 0.1) -> Framing:
    """The first range to show on the parameter `axes`: the points (start, path), the minima, and
    a function's designed view or, for data, the inner part of the bowl through the first point
    (the path is the subject: the whole bowl through a far start would make it small)."""
    axes = list(axes)
    full = np.atleast_2d(np.asarray(points, float))
    pts = full[:, axes]
    spec = getattr(objective, "spec", None)
    if spec is not None:
        minima = np.array(spec.minima, float).reshape(-1, len(spec.param_names))[:, axes]
        fit = Framing.fit(np.vstack([pts, minima]), None, margin)
        view = np.array(spec.view, float)[axes]
        return Framing(np.minimum(fit.lo, view[:, 0]), np.maximum(fit.hi, view[:, 1]), margin)
    opt = objective.optimum()
    box = sublevel_box(objective, full[0], BOWL_FRACTION)
    if box is not None:
        pts = np.vstack([pts, box[0][axes], box[1][axes]])
    return Framing.fit(pts, None if opt is None else np.asarray(opt)[axes], margin)


def clamp_to_box(points: np.ndarray, lo: np.ndarray, hi: np.ndarray, factor: float = 50.0) -> np.ndarray:
    """Points pulled towards the box centre onto a box `factor` times larger when they lie beyond it.

    A path that runs far out of view keeps its direction from the centre, so the visible part of
    each segment is drawn where it should be (within 1/factor of the span), without the huge
    coordinates (1e100) that painters cannot handle.
    """
    pts = np.array(points, float, ndmin=2)
    centre, half = 0.5 * (lo + hi), 0.5 * factor * (hi - lo)
    with np.errstate(all="ignore"):
        d = pts - centre
        if (np.abs(d) <= half).all():  # in the box (NaN is not): nothing to pull in (most calls, 5 µs)
            return pts
        d = np.where(np.isfinite(d), d, np.sign(np.nan_to_num(d, nan=1.0)) * BOUND)
        ratio = np.max(np.abs(d) / half, axis=1, keepdims=True)
        shrink = np.where(ratio > 1.0, 1.0 / ratio, 1.0)
        return centre + d * shrink
