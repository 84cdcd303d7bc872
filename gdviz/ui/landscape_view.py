"""The loss landscape: the surface with the descent path, the curve L(θ) with its tangent,
and the two cross-sections through the current point (tutorials 000 and 002).

In a race the surface and the curve draw one path and current point per runner ("lanes");
abandoned futures stay as faint dashed ghosts; a search rule's tried points show as small dots."""
from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QBoxLayout, QGraphicsItem, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..engine import Race, Run, Snapshot, Status
from ..engine.race import MAX_RUNS
from ..engine.surface import (Framing, clamp_to_box, contour_levels, contour_lines, held_text, initial_framing,
                              is_slice, loss_curve, loss_grid, objective_key, sections, surface_axes)
from . import theme
from .controller import MAX_GHOSTS, Ghost, RaceItem
from .i18n import engine_text
from .items import Curve, GrowingPaths, Scatter
from .plot_base import PlotView, finite_range, guarded, keep_inside
from .pacing import take_turn
from .slice_worker import SliceRequest, SliceWorker
from .widgets import combo, select_data
from .theme import entry_colour

POINTS_INTERVAL = 0.1  # seconds between recolourings of the path's points

GRID = 200  # surface resolution (cells per side)
CURVE_POINTS = 400  # samples of a 1-D loss curve
MAX_PATH_POINTS = 400  # coloured path markers
PATH_TAIL = 2000  # the path line keeps this many recent steps exactly and samples the older ones
COLOUR_MAP = "viridis"
CONTOUR = "#ffffffb4"  # white, a little transparent
ARROW = "#ff8c00"
TANGENT = "#ff8c00"
STAR = "#ffd21f"
OUTLINE = pg.mkPen(0, 0, 0, 110, width=0.8)  # path markers: a faint dark rim, so dense paths stay colours
CASING = "#ffffff"  # under a runner's path: every run colour stays visible on every colour of the map
# (opaque: drawn as segments, several times faster than a translucent path with joins)
TRIED = "#9a9a9a"  # points a search tried
MAX_TRIED = 400  # tried points drawn (an even sample)
GHOST_ALPHA = 170
GHOST_CASING = "#ffffff78"
RACE_SPAN = 10.0  # in a race the range grows to at most this many initial spans
SLICE_INTERVAL = 0.25  # seconds between recomputed slices while the held parameters move
SLICE_MOVE = 1e-3  # a held parameter moved by more than this share of its size (or of 1) asks for a new slice
SECTION_WORK = 200_000  # samples × points of one per-sample section curve at most (fewer points beyond)
SECTION_OFF_THREAD = 20_000  # samples × points beyond which a section is computed off the GUI thread
MAX_SECTIONS = 25  # one cross-section per parameter (two-layer with 8 units has 25)
RACE_RISE = 1.0  # a race's range follows points with loss ≤ L₀ + this·|L₀|: a runaway leaves the view


def objective_optimum(objective) -> np.ndarray | None:
    """The objective's optimum, or None when it has none or it cannot be computed (singular data)."""
    try:
        opt = objective.optimum()
    except (np.linalg.LinAlgError, ValueError, ZeroDivisionError, FloatingPointError):
        return None
    if opt is None or not np.all(np.isfinite(opt)):
        return None
    return np.asarray(opt, float)


def sample_rows(n: int, k: int = MAX_PATH_POINTS) -> np.ndarray:
    """At most k evenly spaced row indices of n rows, always including the last."""
    if n <= k:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, k).round().astype(np.int64))


def path_rows(n: int, tail: int = PATH_TAIL) -> np.ndarray:
    """Rows for the path line: all recent ones, every k-th of the older ones.

    k is a power of two, so as the run goes on the older part only grows at its end: a path
    drawn from these rows keeps its start (its cached part stays valid) until k doubles."""
    if n <= 2 * tail:
        return np.arange(n)
    stride = 1 << int(math.ceil(math.log2((n - tail) / tail)))
    return np.concatenate([np.arange(0, n - tail, stride), np.arange(n - tail, n)])


def step_brushes(count: int = 256) -> np.ndarray:
    """Brushes from early (light) to late (dark), as an object array to index by step."""
    ramp = pg.ColorMap([0.0, 1.0], ["#ffc2cc", "#5c0016"]).getLookupTable(nPts=count, mode="byte")
    return np.array([pg.mkBrush(*rgb) for rgb in ramp], dtype=object)


def tangent_segment(x: float, y: float, slope: float, px_x: float, px_y: float,
                    length_px: float) -> tuple[list[float], list[float]]:
    """A segment through (x, y) with the given slope, `length_px` pixels long on screen.

    px_x, px_y: pixels per data unit on each axis (the axes have different scales).
    """
    dx = 0.5 * length_px / math.hypot(px_x, slope * px_y)
    return [x - dx, x + dx], [y - slope * dx, y + slope * dx]


class SmoothImage(pg.ImageItem):
    """An image drawn with bilinear smoothing: grid cells do not show as steps along a valley."""

    def paint(self, painter, *args) -> None:
        painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
        super().paint(painter, *args)


class _Plot(PlotView):
    """A landscape plot: styled, ranges set by the program, redrawn when shown."""

    def __init__(self, title: str, x_label: str, y_label: str, parent=None) -> None:
        super().__init__(title, x_label, y_label, parent)
        plot = self.getPlotItem()
        plot.disableAutoRange()
        for name in ("left", "bottom"):  # an axis (and its grid) repaints with every moving item unless cached
            plot.getAxis(name).setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self._run: Run | None = None
        self._last: Snapshot | None = None
        self._seen = 0  # history rows already looked at by the framing
        self.diverged = pg.TextItem(anchor=(0, 0))
        self.diverged.setZValue(100)
        self.diverged.hide()
        plot.addItem(self.diverged)
        self.lanes: list[_Lane] = []  # created by the views that draw races
        self.race_paths: GrowingPaths | None = None
        self.ghost_casing: Curve | None = None
        self.ghost_paths: list[Curve] = []
        self._race: Race | None = None
        self._race_items: list[RaceItem] = []
        self._race_seen = [0] * MAX_RUNS
        self._ghosts: list[Ghost] = []
        self._ghosts_dirty = False
        self._tried_drawn_at = 0.0
        self.rate_limited = False  # set while playing: dots recolour ≤ 10 times a second
        self._locked = False
        self._unzoomed: Framing | None = None  # the surface's framing before a Ctrl+wheel zoom (reset_view)
        self._framing: Framing | None = None
        self._fit: Framing | None = None
        self.legend.hide()  # only races have a legend here

    def _restyle_plot(self) -> None:
        """The diverged label and the lanes (shared by every landscape plot)."""
        self.diverged.setFont(theme.font(15, bold=True))
        self.diverged.setColor(theme.DIVERGED)
        self.diverged.fill = pg.mkBrush(theme.faded(theme.BACKGROUND, 225))
        self.diverged.border = pg.mkPen(theme.DIVERGED, width=theme.width(2))
        for lane in self.lanes:
            lane.restyle()
        if self.race_paths is not None and self.race_paths.casing is not None:
            self.race_paths.casing = theme.pen(CASING, 5.0)
        if self.ghost_casing is not None:
            self.ghost_casing.setPen(theme.pen(GHOST_CASING, 5.0))
        self._ghosts_dirty = True

    def _redraw(self) -> None:
        if self._race is not None:
            self._rebuild_legend()
        if self._run is not None and self._last is not None:
            self.on_snapshot(self._last)
            self.on_race_snapshots(self._race_items)

    def reset_view(self) -> None:
        """Back to the automatic framing (after a Ctrl+wheel zoom)."""
        if self._run is not None and self._framing is not None:
            self._apply_range()
            self._redraw()

    def _add_race_items(self, casing: bool, z: float) -> None:
        """Lanes for up to MAX_RUNS runners, ghost paths and a legend (views that draw races)."""
        plot = self.getPlotItem()
        self.lanes = [_Lane(plot, z + 0.01 * (MAX_RUNS - i)) for i in range(MAX_RUNS)]  # the primary on top
        # every runner's path in two items (the settled part cached, the newest points live),
        # each on a white casing when on the colour map
        self.race_paths = GrowingPaths(plot, z - 0.1, casing=theme.pen(CASING, 5.0) if casing else None, thin=True)
        self.race_paths.hide()
        self.ghost_paths = [Curve() for _ in range(MAX_GHOSTS)]
        # on the map a ghost's dashes lie on a faint white band, like a runner's path on its casing
        self.ghost_casing = Curve(theme.pen(GHOST_CASING, 5.0)) if casing else None
        for item in (*self.ghost_paths, self.ghost_casing):
            if item is not None:
                item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)  # still while the runs move
                item.setZValue(z - 0.5 if item is not self.ghost_casing else z - 0.6)
                item.hide()
                plot.addItem(item)

    # ----- races and ghosts ---------------------------------------------------------------
    def set_race(self, race: Race | None) -> None:
        """A race starts (a lane per runner, in its colour, with a legend) or ends (None)."""
        self._race, self._race_items = race, []
        self._race_seen = [0] * MAX_RUNS
        if not self.lanes:
            return
        entries = () if race is None else race.entries
        for lane, entry in zip(self.lanes, entries):
            lane.set_colour(entry_colour(entry))
        self._rebuild_legend()
        for lane in self.lanes:
            lane.hide()
        self.race_paths.hide()
        self.legend.setVisible(race is not None)
        self._show_single(race is None)
        self._ghosts_dirty = True
        if self._framing is not None:
            self._cap_framing()

    def _rebuild_legend(self) -> None:
        """One entry per runner in its lane's colour (none when not racing)."""
        self.legend.clear()
        entries = () if self._race is None else self._race.entries
        for lane, entry in zip(self.lanes, entries):
            self.legend.addItem(lane.line, engine_text(entry.name))

    def _restart_framing(self, start: np.ndarray) -> None:
        """A new start on the same objective: the first framing (not the range a diverged run grew
        to) widened to hold the start; a locked or zoomed range stays as it is."""
        if self._locked or self._unzoomed is not None:
            changed = bool(self._framing.update(start))
            fresh = self._framing
        else:
            fresh = self._fit.copy()
            fresh.update(start)
            changed = not fresh.same_range(self._framing)
        self._framing, self._fit = fresh, fresh.copy()
        self._cap_framing()
        if changed:
            self._apply_range()

    def _cap_framing(self) -> None:
        factor = RACE_SPAN if self._race is not None else Framing.MAX_FACTOR
        self._framing.max_span = factor * self._framing.initial_span

    def set_ghosts(self, ghosts: list[Ghost]) -> None:
        """Abandoned futures of the primary run: faint dashed paths."""
        self._ghosts = list(ghosts)
        self._ghosts_dirty = True
        if self._run is not None and self._last is not None and self.isVisible():
            self._draw_ghosts()

    def _draw_ghosts(self) -> None:
        """Each ghost's path as `_ghost_xy` gives it, clamped like the path."""
        self._ghosts_dirty = False
        colour = theme.LINE if self._race is None else entry_colour(self._race.entries[0])
        paths = []
        for i, item in enumerate(self.ghost_paths):
            if i < len(self._ghosts) and self._run is not None:
                xy = self._ghost_xy(self._ghosts[i])
                item.setPen(theme.pen(theme.faded(colour, GHOST_ALPHA), 3.0, Qt.DashLine))
                item.setData(xy[:, 0], xy[:, 1])
                item.show()
                paths.append(xy)
            else:
                item.hide()
        if self.ghost_casing is not None:
            self.ghost_casing.setVisible(bool(paths))
            if paths:
                xy = np.concatenate(paths)
                connect = np.ones(len(xy), bool)
                connect[np.cumsum([len(p) for p in paths]) - 1] = False
                self.ghost_casing.setData(xy[:, 0], xy[:, 1], connect=connect)

    def _ghost_xy(self, ghost: Ghost) -> np.ndarray:  # pragma: no cover - overridden
        raise NotImplementedError

    def _show_single(self, on: bool) -> None:
        """Show the single run's own path items (a race draws every runner in a lane instead)."""

    def _new_runner_points(self, i: int, run: Run, columns: list[int], limit: float) -> np.ndarray | None:
        """Like `_new_path_points`, for runner i of a race: its rows added since the last call (None when
        there are none), leaving out rows whose loss is above `limit`."""
        h = run.history
        params = h.column("params")
        if len(params) < self._race_seen[i]:
            self._race_seen[i] = 0
        seen, self._race_seen[i] = self._race_seen[i], len(params)
        if seen == len(params):
            return None
        return params[seen:, columns][h.column("train_loss")[seen:] <= limit]

    def _follow_race(self, items: list[RaceItem], columns: list[int]) -> bool:
        """Grow the range for every runner's new rows and next step; True when it changed.

        Points whose loss rose well above the start's are left out: a runner that runs away
        leaves the view (its point waits on the edge) instead of shrinking every other path."""
        start = float(self._run.history.column("train_loss")[0])
        limit = start + RACE_RISE * max(abs(start), 1e-12)
        points = []
        for i, (_entry, run, snap) in enumerate(items):
            new = self._new_runner_points(i, run, columns, limit)
            if new is not None:
                points.append(new)
            if snap.next_update is not None and snap.train_loss <= limit:
                after = snap.next_update.params_after
                points.append([[after[c] for c in columns]])
        if points and self._framing.update(np.concatenate(points)):
            self._apply_range()
            return True
        return False

    def _draw_race_paths(self, paths: list[np.ndarray], items: list[RaceItem], box: tuple) -> None:
        """Every runner's path (rows of h, v already clamped), the primary on top."""
        order = range(len(paths) - 1, -1, -1)
        self.race_paths.draw([(paths[i][:, 0], paths[i][:, 1]) for i in order], [self.lanes[i].pen for i in order],
                             box, [items[i][2].status is Status.DIVERGED for i in order])

    def _dots_due(self, last: float) -> bool:
        """Whether dots drawn at `last` (monotonic seconds) may be redrawn now (≤ 10 a second while playing)."""
        return not self.rate_limited or take_turn(last, POINTS_INTERVAL)

    def _set_labels(self, title: str, x_label: str, y_label: str) -> None:
        self.set_title(title)
        self.set_axis_labels(x_label, y_label)

    def _show_status(self, snap: Snapshot) -> None:
        """A red "diverged at step N" in the top left corner of the view while the run has diverged
        (in a race each runner's lane says it instead)."""
        diverged = snap.status is Status.DIVERGED and self._race is None
        if diverged:
            (x0, x1), (y0, y1) = self.getPlotItem().getViewBox().viewRange()
            self.diverged.setText(self.tr("diverged at step {0}").format(f"{snap.diverged_at:,}"))
            self.diverged.setPos(x0 + 0.03 * (x1 - x0), y1 - 0.03 * (y1 - y0))
        self.diverged.setVisible(diverged)

    @property
    def view_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """(horizontal, vertical) range shown."""
        (x0, x1), (y0, y1) = self.getPlotItem().getViewBox().viewRange()
        return (x0, x1), (y0, y1)

    def _pixels_per_unit(self) -> tuple[float, float]:
        """Screen pixels per data unit on x and y (falls back to a 400-pixel view when not laid out)."""
        vb = self.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        w, h = vb.width(), vb.height()
        return (w if w > 1 else 400.0) / (x1 - x0), (h if h > 1 else 300.0) / (y1 - y0)

    def _new_path_points(self, columns: list[int]) -> np.ndarray:
        """The extreme history params (on `columns`) of the rows added since the last call."""
        params = self._run.history.column("params")
        if len(params) < self._seen:  # stepped back or thinned: look at everything again
            self._seen = 0
        new = params[self._seen:, columns]
        self._seen = len(params)
        if len(new) == 0:
            return np.zeros((0, len(columns)))
        return np.vstack([new.min(axis=0), new.max(axis=0)])

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._last is not None:
            self.on_snapshot(self._last)
            self.on_race_snapshots(self._race_items)

    def on_snapshot(self, snap: Snapshot) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    @guarded
    def on_race_snapshots(self, items: list[RaceItem]) -> None:
        """Views without lanes ignore races."""
        self._race_items = items


class _Lane:
    """One runner of a race on a landscape plot: its path, its current point, the points a search
    tried, and a "✕ diverged" mark."""

    def __init__(self, plot: pg.PlotItem, z: float) -> None:
        self.line = Curve(theme.pen(theme.LINE, 3.0))  # the legend's sample (the paths are the view's race_paths)
        self.tried = Scatter(size=6, pen=pg.mkPen(255, 255, 255, 120, width=0.6))
        self.tried_now = theme.Marker(14, None, pg.mkPen(theme.LINE, width=2.5), z=20 + z)
        self.current = theme.Marker(17, theme.LINE, pg.mkPen("w", width=2.5), z=22 + z)
        self.mark = pg.TextItem(anchor=(0, 1))
        self.tried.setZValue(z - 0.8)
        self.mark.setZValue(90)
        for item in self.items:
            plot.addItem(item)
            item.hide()
        self.colour = theme.LINE
        self.tried_at = 0.0  # when the tried points were last drawn
        self.restyle()

    def restyle(self) -> None:
        """Sizes, fonts and pens from the theme."""
        self.mark.setFont(theme.font(theme.LABEL_PT + 1, bold=True))
        self.mark.fill = pg.mkBrush(theme.faded(theme.BACKGROUND, 225))
        self.current.set_size(17 * theme.zoom())
        self.tried_now.set_size(14 * theme.zoom())
        self.current.setPen(pg.mkPen(theme.BACKGROUND, width=theme.width(2.5)))
        self.set_colour(self.colour)

    @property
    def items(self) -> tuple:
        """Every graphics item of the lane."""
        return self.tried, self.tried_now, self.current, self.mark

    def set_colour(self, colour: str) -> None:
        """The runner's colour for its path, point, tried points and mark."""
        self.colour = colour
        self.line.setPen(theme.pen(colour, 2.5))
        self.current.setBrush(pg.mkBrush(colour))
        self.tried_now.setPen(pg.mkPen(colour, width=theme.width(2.5)))
        self.tried.setBrush(pg.mkBrush(theme.faded(colour, 150)))

    def hide(self) -> None:
        """Not racing (or fewer runners than lanes)."""
        for item in self.items:
            item.hide()

    @property
    def pen(self):
        """The pen of the runner's path."""
        return self.line.opts["pen"]

    def draw_point(self, here: np.ndarray) -> None:
        """The current point (one row of h, v)."""
        self.current.setData(here[:, 0], here[:, 1])

    def draw_mark(self, snap: Snapshot, name: str, here: np.ndarray, view: tuple) -> None:
        """"✕ name diverged at step N" beside the current point, turned towards the middle of the view
        (`name` as the engine writes it: translated here, only when shown)."""
        if snap.status is not Status.DIVERGED or not len(here):
            self.mark.hide()
            return
        name = engine_text(name)
        (x0, x1), (y0, y1) = view
        x, y = float(here[0, 0]), float(here[0, 1])
        self.mark.setAnchor((1 if x > 0.5 * (x0 + x1) else 0, 0 if y > 0.5 * (y0 + y1) else 1))
        text = QCoreApplication.translate("LandscapeView", "✕ {0} diverged at step {1}")
        self.mark.setText(text.format(name, f"{snap.diverged_at:,}"), color=self.colour)
        keep_inside(self.mark, self.mark.getViewBox(), x, y)
        self.mark.show()

    def draw_tried(self, tried: np.ndarray | None, now: np.ndarray | None) -> None:
        """The points a search tried (None: not a search) and the one it tries next."""
        if tried is not None:
            self.tried.setData(tried[:, 0], tried[:, 1])
            self.tried.setVisible(len(tried) > 0)
        if now is None:
            self.tried_now.hide()
        else:
            self.tried_now.setData(now[:, 0], now[:, 1])


def tried_points(run: Run, snap: Snapshot, axes: list[int], lo: np.ndarray, hi: np.ndarray,
                 with_all: bool) -> tuple[np.ndarray | None, np.ndarray | None]:
    """A search's tried points on `axes` (an even sample, clamped; None when `with_all` is False or the
    run never searched) and the point it tries next (else the last one tried)."""
    if not any(live.rule.is_search for _, live in run.changes):
        return (np.zeros((0, 2)) if with_all else None), None
    _steps, tried = run.tried_points()
    drawn = None
    if with_all:
        drawn = np.zeros((0, 2))
        if len(tried):
            drawn = clamp_to_box(tried[sample_rows(len(tried), MAX_TRIED)][:, axes], lo, hi)
    up = snap.next_update
    if up is not None and up.candidate is not None:
        now = np.array(up.candidate)[axes][None]
    elif len(tried):
        now = tried[-1:, axes]
    else:
        return drawn, None
    return drawn, clamp_to_box(now, lo, hi)


class SurfaceView(_Plot):
    """The loss over two parameters as a colour map with contour lines, the path and the next step.

    In pick mode (`set_pick_mode`), or with Shift held, a left click or drag on the surface emits
    `start_picked(param0, param1)` in parameter order; otherwise a click changes nothing.
    """

    start_picked = Signal(float, float)

    def __init__(self, parent=None, grid: int = GRID) -> None:
        super().__init__(QCoreApplication.translate("SurfaceView", "Loss surface"), "b", "w", parent)
        self.setObjectName("surfaceView")
        plot = self.getPlotItem()
        plot.showGrid(x=False, y=False)
        plot.getViewBox().setMouseEnabled(x=False, y=False)  # dragging picks a start instead
        self.grid = grid
        self.log_levels = True
        self.image = SmoothImage(axisOrder="row-major")
        # the moving paths dirty the whole view every frame; the colours and contours change only
        # with the range, so they are blitted from pixmaps instead of re-rendered
        self.image.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.image.setColorMap(pg.colormap.get(COLOUR_MAP))
        self.contours = Curve()
        self.contours.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.path_line = Curve(thin=True)
        self.path_points = Scatter(size=10, pen=OUTLINE)
        self.arrow_line = Curve()
        self.arrow_head = pg.ArrowItem(headLen=18, tipAngle=36, tailLen=None, brush=ARROW,
                                       pen=pg.mkPen("#5a3000", width=1))
        self.current = theme.Marker(18, theme.LINE, z=20)
        self.optimum = Scatter(symbol="star", size=28, brush=STAR, pen=pg.mkPen("k", width=1.5))
        self.optimum.setCacheMode(QGraphicsItem.DeviceCoordinateCache)  # still while the paths move
        for z, item in enumerate((self.image, self.contours, self.path_line, self.path_points, self.optimum,
                                  self.arrow_line, self.current, self.arrow_head)):
            item.setZValue(z)
            plot.addItem(item)
        self.tried = Scatter(size=6, brush=TRIED, pen=pg.mkPen(255, 255, 255, 120, width=0.6))
        self.tried_now = theme.Marker(15, None, pg.mkPen("w", width=3), z=19)
        self.tried.setZValue(1.5)
        for item in (self.tried, self.tried_now):
            plot.addItem(item)
            item.hide()
        self._add_race_items(casing=True, z=2.2)
        self._brushes = step_brushes()
        self._points_drawn_at = 0.0
        self._axes = (1, 0)
        self._framing: Framing | None = None
        self._fit: Framing | None = None  # the framing at step 0 (reset returns to it)
        self._h = self._v = self._z = None
        self._grid_dirty = False
        self._equal = False
        self._regrid = QTimer(self)  # with equal scales the visible range decides the grid
        self._regrid.setSingleShot(True)
        self._regrid.timeout.connect(self._regrid_now)
        self.getPlotItem().getViewBox().sigRangeChanged.connect(
            lambda *_: self._equal and self._regrid.start(0))
        self._arrow: tuple[float, float, float, float] | None = None  # tail h, v and direction
        self._dragging = False
        self.pick_mode = False
        self._key: tuple | None = None
        plot.getViewBox().sigResized.connect(self._aim_arrow)
        self._pair: tuple[str, str] | None = None  # the parameters a slice shows (None: the default pair)
        self.slicer = SliceWorker(self)
        self.slicer.computed.connect(self._slice_computed)
        self._slice_asked: np.ndarray | None = None  # the held point of the newest slice asked for
        self._slice_at = 0.0  # when it was asked
        self._slice_timer = QTimer(self)  # a slice due while the last one was fresh: ask later
        self._slice_timer.setSingleShot(True)
        self._slice_timer.timeout.connect(self._ask_slice)
        self._build_pair_bar()
        self._restyle_items()

    def _build_pair_bar(self) -> None:
        """Two boxes in the top left corner choosing the parameters of a slice (shown for > 2 parameters)."""
        self.pair_bar = QWidget(self)
        self.pair_bar.setObjectName("slicePair")
        row = QHBoxLayout(self.pair_bar)
        row.setContentsMargins(4, 2, 4, 2)
        self.pair_h, self.pair_v = combo([]), combo([])
        self.pair_h.setToolTip(self.tr("The parameter across the slice"))
        self.pair_v.setToolTip(self.tr("The parameter up the slice"))
        for box in (self.pair_h, self.pair_v):
            box.setMinimumContentsLength(4)
            box.activated.connect(self._pair_chosen)
        row.addWidget(QLabel(self.tr("slice")))
        row.addWidget(self.pair_h)
        row.addWidget(QLabel("×"))
        row.addWidget(self.pair_v)
        self.pair_bar.hide()

    def resizeEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(ev)
        if self.__dict__.get("pair_bar") is not None:  # pyqtgraph resizes once before __init__ made it
            self._place_pair_bar()

    def _place_pair_bar(self) -> None:
        """The pair boxes in a strip of their own under the plot (over it, they hid the axis's numbers)."""
        bar, plot = self.pair_bar, self.getPlotItem()
        if plot is None:  # a closing view (pyqtgraph lets its plot go first)
            return
        bar.adjustSize()
        strip = bar.height() + 2 if bar.isVisibleTo(self) else 0
        layout = plot.layout
        left, top, right, bottom = layout.getContentsMargins()
        if self._strip != strip:  # the plot's own margin grows by the strip
            layout.setContentsMargins(left, top, right, bottom - self._strip + strip)
            self._strip = strip
        bar.move(4, self.height() - bar.height() - 2)

    _strip = 0  # px kept free under the plot for the pair boxes

    def _pair_chosen(self, _index: int) -> None:
        h, v = self.pair_h.currentData(), self.pair_v.currentData()
        if h == v:  # the same parameter twice: the other box takes the one it replaced
            names = self._run.param_names
            old_h, old_v = names[self._axes[0]], names[self._axes[1]]
            if self.sender() is self.pair_h:
                v = old_h
            else:
                h = old_v
        self.set_pair((h, v))

    def _show_pair(self, run: Run) -> None:
        """The pair boxes list the run's parameters and show the pair drawn (only for a slice)."""
        slicing = is_slice(run.objective)
        self.pair_bar.setVisible(slicing)
        if not slicing:
            self._place_pair_bar()
            return
        names = run.param_names
        for box, axis in ((self.pair_h, self._axes[0]), (self.pair_v, self._axes[1])):
            if [box.itemData(i) for i in range(box.count())] != list(names):
                box.clear()
                for name in names:
                    box.addItem(name, name)
            select_data(box, names[axis])
        self._place_pair_bar()

    def set_pair(self, pair: tuple[str, str]) -> None:
        """Show the slice over these two parameters (names), the others held at the current point."""
        self._pair = tuple(pair)
        if self._run is None or not is_slice(self._run.objective):
            return
        axes = surface_axes(self._run.objective, self._pair)
        if axes != self._axes:
            self._frame_axes(self._run, axes, self._last.params if self._last is not None else None)
            if self._last is not None and self.isVisible():
                self.on_snapshot(self._last)

    def _restyle_items(self) -> None:
        contour = theme.pen(CONTOUR, 1.2)
        contour.setCapStyle(Qt.FlatCap)  # translucent segments that do not overlap: drawn as segments (items.py)
        self.contours.setPen(contour)
        self.path_line.setPen(theme.pen(theme.LINE, 2.5))
        self.arrow_line.setPen(theme.pen(ARROW, 4.0))
        self.arrow_head.setStyle(headLen=18 * theme.zoom())
        self.current.set_size(18 * theme.zoom())
        self.current.setBrush(pg.mkBrush(theme.LINE))
        self.current.setPen(pg.mkPen("w", width=theme.width(2.5)))
        self.tried_now.set_size(15 * theme.zoom())
        self.path_points.setData(*self.path_points.getData(), size=10 * theme.zoom())
        self.optimum.setData(*self.optimum.getData(), size=28 * theme.zoom())
        self.getPlotItem().showGrid(x=False, y=False)
        self._restyle_plot()

    def set_pick_mode(self, on: bool) -> None:
        """While on, a click or drag on the surface picks the start; off, only Shift+click does."""
        self.pick_mode = bool(on)
        self.setCursor(Qt.CrossCursor if self.pick_mode else Qt.ArrowCursor)

    # ----- run and options ----------------------------------------------------------------
    def set_run(self, run: Run) -> None:
        """A new objective: frame it (start, optimum, the bowl through the start) and redraw.

        A new start on the same objective (a picked start) keeps the range and the surface, so
        the picture stays still under the mouse while a start is dragged."""
        same = self._run is not None and objective_key(run.objective) == self._key
        if self._unzoomed is not None and not same:  # a new objective is framed afresh (a new start keeps the zoom)
            self._framing, self._unzoomed = self._unzoomed, None
            self._framing.locked = self._locked
        if len(run.param_names) < 2:
            self._run, self._last, self._seen, self._key = None, None, 0, None
            self.slicer.cancel()
            self.pair_bar.hide()
            self._place_pair_bar()
            self._clear(self.tr("Loss surface (needs two parameters)"))
            return
        pair = self._pair if self._pair and set(self._pair) <= set(run.param_names) else None
        axes = surface_axes(run.objective, pair)  # checked before anything changes (it may raise)
        same = same and axes == self._axes
        self._run, self._last, self._seen = run, None, 0
        if same:
            self._restart_framing(run.initial_params[None][:, list(self._axes)])
            self._slice_asked = None  # the held parameters start again too
            return
        self._frame_axes(run, axes, None)

    def _frame_axes(self, run: Run, axes: tuple[int, int], params) -> None:
        """Frame the surface over the parameters `axes` (a new objective or a new slice pair) and redraw."""
        # worked out before anything changes: when this raises the view still shows the old run
        points = run.initial_params[None] if params is None else np.vstack([run.initial_params, params])
        key = objective_key(run.objective)
        fit = initial_framing(run.objective, points, axes)
        minima = self._minima(run, axes)
        self._key, self._axes = key, axes
        ih, iv = axes
        self._seen = 0
        self._slice_asked = None
        self._show_pair(run)
        if is_slice(run.objective):  # no colours of another objective or pair while the first slice computes
            self.image.clear()
            self.contours.setData([], [])
            self._z = None
        title = run.objective.spec.title if run.is_function else self.tr("Loss surface")
        self._set_labels(title, run.param_names[ih], run.param_names[iv])
        self._fit = fit
        self._framing = self._fit.copy()
        self._framing.locked = self._locked
        self._cap_framing()
        self.optimum.setData(minima[:, 0], minima[:, 1])
        self._apply_range()

    ZOOM_PER_NOTCH = 0.85  # each Ctrl+wheel notch forward shows 85 % of the range, around the pointer

    def wheelEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        """Ctrl+wheel zooms around the pointer and recomputes the colours and contours for what is seen;
        the range then stays put while the path moves, until A or a double-click (reset_view). Dragging
        stays the start picker, so the view's own mouse zoom and pan are off."""
        notches = ev.angleDelta().y() / 120
        if not ev.modifiers() & Qt.ControlModifier or self._run is None or self._framing is None:
            ev.ignore()
            return
        ev.accept()
        if not notches:
            return
        vb = self.getPlotItem().getViewBox()
        at = vb.mapSceneToView(self.mapToScene(ev.position().toPoint()))
        centre = np.array([at.x(), at.y()])
        (x0, x1), (y0, y1) = vb.viewRange()
        factor = self.ZOOM_PER_NOTCH ** notches
        lo = centre + (np.array([x0, y0]) - centre) * factor
        hi = centre + (np.array([x1, y1]) - centre) * factor
        if not (np.all(np.isfinite(lo)) and np.all(np.isfinite(hi)) and np.all(hi - lo > 1e-12 * np.maximum(
                np.abs(centre), 1.0)) and np.all(np.abs(lo) < 1e100) and np.all(np.abs(hi) < 1e100)):
            return  # as far as the numbers go
        if self._unzoomed is None:
            self._unzoomed = self._framing.copy()
        self._framing.lo, self._framing.hi = lo, hi
        self._framing.locked = True
        self._apply_range()
        self._redraw()

    def reset_view(self) -> None:
        """Back to the automatic framing: the range before a Ctrl+wheel zoom, grown to take in the path."""
        if self._unzoomed is not None and self._run is not None:
            self._framing, self._unzoomed = self._unzoomed, None
            self._framing.locked = self._locked
            self._seen = 0  # the path drawn while zoomed counts again
        super().reset_view()

    def lock_range(self, locked: bool) -> None:
        """Keep the current range whatever the path does."""
        if self._framing is not None:
            self._framing.locked = locked
        self._locked = locked

    def set_equal_scales(self, on: bool) -> None:
        """Draw both parameters to the same scale (tutorial 002 draws the bad feature's valley so)."""
        self._equal = on
        self.getPlotItem().getViewBox().setAspectLocked(on, ratio=1.0)
        if self._run is not None:
            self._apply_range()
            self._regrid_now()

    def _regrid_now(self) -> None:
        """Recompute the colours and contours for the visible range."""
        if self._run is not None and self.isVisible():
            self._draw_surface()

    def set_log_levels(self, on: bool) -> None:
        """Log-spaced contour levels and log colours (dense near the minimum) or even ones.

        Objectives without a minimum (the saddle) always use even levels: their level 0 runs
        through the saddle point."""
        self.log_levels = on
        if self._run is not None and self._z is not None:
            self._grid_dirty = True
            if self.isVisible():
                self._draw_surface()

    @property
    def _log(self) -> bool:
        run = self._run  # a loss without a closed form is still ≥ 0: log colours show its valleys too
        return self.log_levels and run is not None and (run.per_sample or objective_optimum(run.objective) is not None)

    def set_show_contours(self, on: bool) -> None:
        """Show or hide the contour lines."""
        self.contours.setVisible(on)

    # ----- the frame ----------------------------------------------------------------------
    @guarded
    def on_snapshot(self, snap: Snapshot) -> None:
        """Follow the path: grow the range if it left, move the path, the point and the arrow."""
        self._last = snap
        if self._run is None or not self.isVisible():
            return
        self._follow(snap)
        if self._grid_dirty:
            self._draw_surface()
        elif self.slicing:
            self._follow_slice(snap)
        if self._race is None:
            self._draw_path(snap)
            self._draw_arrow(snap)
            self._draw_tried(snap)
        if self._ghosts_dirty:
            self._draw_ghosts()
        self._show_status(snap)

    @guarded
    def on_race_snapshots(self, items: list[RaceItem]) -> None:
        """Every runner's lane: its path, current point, tried points (searches) and divergence mark."""
        self._race_items = items
        if not items or self._run is None or not self.isVisible():
            return
        axes = list(self._axes)
        if self._follow_race(items, axes):
            self._draw_surface()
            self._draw_ghosts()
        lo, hi = self._framing.lo, self._framing.hi
        view = self.view_range
        # every runner's path in one array: one clamp and one casing for all of them
        parts = [params[path_rows(len(params))][:, axes] for params in
                 (run.history.column("params") for _, run, _ in items)]
        xy = clamp_to_box(np.concatenate(parts), lo, hi)
        ends = np.cumsum([len(part) for part in parts])
        # the current point stays on the edge of the view when the runner has left it
        here = clamp_to_box(np.array([snap.params for _, _, snap in items])[:, axes], lo, hi, factor=1.0)
        paths = [xy[end - len(part):end] for part, end in zip(parts, ends)]
        self._draw_race_paths(paths, items, (tuple(lo), tuple(hi)))
        for i, (lane, (entry, run, snap)) in enumerate(zip(self.lanes, items)):
            lane.draw_point(here[i:i + 1])
            due = self._dots_due(lane.tried_at)
            if due:
                lane.tried_at = time.monotonic()
            lane.draw_tried(*tried_points(run, snap, axes, lo, hi, due))
            lane.draw_mark(snap, entry.name, here[i:i + 1], view)
        for lane in self.lanes[len(items):]:
            lane.hide()

    def _show_single(self, on: bool) -> None:
        for item in (self.path_line, self.path_points, self.current, self.arrow_line):
            item.setVisible(on)
        if not on:  # the tried dots show themselves again when a single run searches
            for item in (self.arrow_head, self.tried, self.tried_now):
                item.hide()
            self._arrow = None
        elif self._last is not None and self._run is not None and self.isVisible():
            self.on_snapshot(self._last)

    def _draw_tried(self, snap: Snapshot) -> None:
        """A search's tried points as small grey dots, the next one ringed (≤ 10 redraws a second)."""
        lo, hi = self._framing.lo, self._framing.hi
        due = self._dots_due(self._tried_drawn_at)
        if due:
            self._tried_drawn_at = time.monotonic()
        tried, now = tried_points(self._run, snap, list(self._axes), lo, hi, due)
        if tried is not None:
            self.tried.setData(tried[:, 0], tried[:, 1])
            self.tried.setVisible(len(tried) > 0)
        self.tried_now.setData(*((now[:, 0], now[:, 1]) if now is not None else ([], [])))

    def _ghost_xy(self, ghost: Ghost) -> np.ndarray:
        rows = path_rows(len(ghost.steps))
        return clamp_to_box(ghost.params[rows][:, list(self._axes)], self._framing.lo, self._framing.hi)

    def _follow(self, snap: Snapshot) -> None:
        ih, iv = self._axes
        if snap.step == 0 and not self._locked and self._unzoomed is None and not self._framing.same_range(self._fit):
            self._framing = self._fit.copy()  # reset: back to the first picture
            self._apply_range()
        self._cap_framing()
        if self._race is not None:  # every runner, the primary too: `_follow_race`
            return
        points = self._new_path_points([ih, iv])
        if snap.next_update is not None:
            after = snap.next_update.params_after
            points = np.vstack([points, [[after[ih], after[iv]]]])
        if self._framing.update(points):
            self._apply_range()

    def _apply_range(self) -> None:
        lo, hi = self._framing.lo, self._framing.hi
        plot = self.getPlotItem()
        plot.setXRange(*finite_range(lo[0], hi[0]), padding=0)
        plot.setYRange(*finite_range(lo[1], hi[1]), padding=0)
        self._grid_dirty = self._ghosts_dirty = True

    def _draw_surface(self) -> None:
        lo, hi = self._framing.lo, self._framing.hi
        if self._equal:  # the aspect lock widened one axis beyond the framing: fill what is seen
            (x0, x1), (y0, y1) = self.getPlotItem().getViewBox().viewRange()
            lo, hi = np.array([x0, y0]), np.array([x1, y1])
        h, v = np.linspace(lo[0], hi[0], self.grid), np.linspace(lo[1], hi[1], self.grid)
        self._grid_dirty = False
        if is_slice(self._run.objective):  # computed by the slice worker's process: the window keeps animating
            self._ask_slice(h, v)
            return
        self._show_grid(h, v, loss_grid(self._run.objective, h, v))

    @property
    def slicing(self) -> bool:
        """Whether the surface is a slice through the current point (more than two parameters)."""
        return self._run is not None and is_slice(self._run.objective)

    def _held_point(self) -> np.ndarray:
        snap = self._last
        return np.array(snap.params if snap is not None else self._run.initial_params, float)

    def _ask_slice(self, h: np.ndarray | None = None, v: np.ndarray | None = None) -> None:
        """Ask the worker for the slice through the current point (over h × v, default the grid shown)."""
        if self._run is None or not self.slicing:
            return
        if h is None:
            if self._h is None or len(self._h) != self.grid:
                self._grid_dirty = True
                return
            h, v = self._h, self._v
        fixed = self._held_point()
        self._slice_asked, self._slice_at = fixed, time.monotonic()
        self.slicer.request(SliceRequest(self._run.objective, h, v, fixed, self._axes, (self._key, self._axes)))
        if self._z is None or not np.array_equal(h, self._h) or not np.array_equal(v, self._v):
            self._h, self._v = h, v  # the range moved: the next answer is for this grid

    def _slice_computed(self, request: SliceRequest, z: np.ndarray) -> None:
        """A slice came back from the worker: show it if it still belongs to this view's objective and pair."""
        if self._run is None or request.tag != (self._key, self._axes):
            return
        self._show_grid(request.h, request.v, z)
        self.set_title(self._slice_title(request.fixed))

    def _slice_title(self, fixed: np.ndarray) -> str:
        """"Loss surface — slice through the current point: k2 = 1, b2 = 0 held"."""
        held = held_text(self._run.objective, self._axes, fixed)
        note = self.tr("slice through the current point: {held} held").format(held=held)
        return self.tr("Loss surface — {0}").format(note)

    def _follow_slice(self, snap: Snapshot) -> None:
        """Ask for a new slice when the held parameters moved, at most every SLICE_INTERVAL seconds."""
        if self._slice_asked is None:
            if not self.slicer.busy:
                self._ask_slice()
            return
        held = [i for i in range(len(snap.params)) if i not in self._axes]
        now, before = np.asarray(snap.params, float)[held], self._slice_asked[held]
        if not np.any(np.abs(now - before) > SLICE_MOVE * np.maximum(np.abs(before), 1.0)):
            return
        wait = SLICE_INTERVAL - (time.monotonic() - self._slice_at)
        if wait <= 0 and not self.slicer.busy:
            self._ask_slice()
        elif not self._slice_timer.isActive():
            self._slice_timer.start(int(max(wait, 0.05) * 1000))

    def _show_grid(self, h: np.ndarray, v: np.ndarray, z: np.ndarray) -> None:
        """Colour the surface and draw its contour lines from a computed grid."""
        self._h, self._v, self._z = h, v, z
        lo, hi = np.array([h[0], v[0]]), np.array([h[-1], v[-1]])
        zmin, zmax = float(self._z.min()), float(self._z.max())
        if self._log:  # colour by log(L − Lmin + ε): valleys show
            shade = np.log10(self._z - zmin + max((zmax - zmin) * 1e-4, 1e-300))
        else:
            shade = self._z
        low, top = float(shade.min()), float(shade.max())
        self.image.setImage(shade, autoLevels=False, levels=(low, top if top > low else low + max(1.0, abs(low))))
        dh, dv = (hi[0] - lo[0]) / (self.grid - 1), (hi[1] - lo[1]) / (self.grid - 1)
        self.image.setRect(QRectF(lo[0] - dh / 2, lo[1] - dv / 2, dh * self.grid, dv * self.grid))
        self._draw_contours()

    def _draw_contours(self) -> None:
        levels = contour_levels(self._z, 12, log=self._log)
        x, y, connect = contour_lines(self._h, self._v, self._z, levels)
        self.contours.setData(x, y, connect=connect)

    def _draw_path(self, snap: Snapshot) -> None:
        ih, iv = self._axes
        h = self._run.history
        params, steps = h.column("params"), h.column("step")
        lo, hi = self._framing.lo, self._framing.hi
        line = clamp_to_box(params[path_rows(len(params))][:, [ih, iv]], lo, hi)
        self.path_line.setData(line[:, 0], line[:, 1])
        now = time.monotonic()
        if not self.rate_limited or take_turn(self._points_drawn_at, POINTS_INTERVAL):
            # recolouring hundreds of points is the costliest part of a frame: ≤ 10 times a second
            self._points_drawn_at = now
            rows = sample_rows(len(params))
            pts = clamp_to_box(params[rows][:, [ih, iv]], lo, hi)
            shade = (steps[rows] * (len(self._brushes) - 1)) // max(int(steps[-1]), 1)
            self.path_points.setData(pts[:, 0], pts[:, 1], brush=self._brushes[shade])
        here = clamp_to_box([[snap.params[ih], snap.params[iv]]], lo, hi)
        self.current.setData(here[:, 0], here[:, 1])

    def _draw_arrow(self, snap: Snapshot) -> None:
        """The next update θ → θ − η·g, from the current point."""
        up = snap.next_update
        ih, iv = self._axes
        ends = None if up is None else np.array([[up.params_before[ih], up.params_before[iv]],
                                                 [up.params_after[ih], up.params_after[iv]]])
        if ends is None or not np.isfinite(ends).all() or np.array_equal(ends[0], ends[1]):
            self._arrow = None
            self.arrow_line.setData([], [])
            self.arrow_head.hide()
            return
        ends = clamp_to_box(ends, self._framing.lo, self._framing.hi)
        self.arrow_line.setData(ends[:, 0], ends[:, 1])
        self._arrow = (float(ends[1, 0]), float(ends[1, 1]), float(ends[1, 0] - ends[0, 0]),
                       float(ends[1, 1] - ends[0, 1]))
        self._aim_arrow()

    def _aim_arrow(self, *_) -> None:
        """Point the head along the step as it appears on screen (the axes have different scales)."""
        if self._arrow is None:
            return
        h, v, dh, dv = self._arrow
        px_h, px_v = self._pixels_per_unit()
        dx, dy = dh * px_h, -dv * px_v  # screen y points down
        if math.hypot(dx, dy) < 1.5 * self.arrow_head.opts["headLen"]:  # the head would hide the step
            self.arrow_head.hide()
            return
        self.arrow_head.setStyle(angle=math.degrees(math.atan2(-dy, -dx)))  # angle 0 points left
        self.arrow_head.setPos(h, v)
        self.arrow_head.show()

    # ----- helpers ------------------------------------------------------------------------
    @staticmethod
    def _minima(run: Run, axes: tuple[int, int]) -> np.ndarray:
        ih, iv = axes
        if run.is_function:
            found = np.array(run.objective.spec.minima, float).reshape(-1, len(run.param_names))
        else:
            opt = objective_optimum(run.objective)
            found = np.zeros((0, len(run.param_names))) if opt is None else np.asarray(opt, float).reshape(1, -1)
        return found[:, [ih, iv]]

    def _clear(self, title: str) -> None:
        self._set_labels(title, "", "")
        for item in (self.contours, self.path_line, self.arrow_line, self.path_points, self.current, self.optimum,
                     self.tried, self.tried_now, *self.ghost_paths, self.ghost_casing):
            item.setData([], [])
        for lane in self.lanes:
            lane.hide()
        self.race_paths.hide()
        self.image.clear()
        self._z = None
        self.arrow_head.hide()
        self.diverged.hide()


    # ----- picking a start ----------------------------------------------------------------
    def _pick(self, pos: QPointF) -> bool:
        """Emit the parameters under a viewport position; False when it is off the surface."""
        if self._run is None or self.slicing:  # a start picked on a slice would need every parameter
            return False
        vb = self.getPlotItem().getViewBox()
        scene = self.viewportTransform().inverted()[0].map(QPointF(pos))
        if not vb.sceneBoundingRect().contains(scene):
            return False
        at = vb.mapSceneToView(scene)
        params = [0.0, 0.0]
        params[self._axes[0]], params[self._axes[1]] = at.x(), at.y()
        self.start_picked.emit(float(params[0]), float(params[1]))
        return True

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        picking = self.pick_mode or bool(event.modifiers() & Qt.ShiftModifier)
        if event.button() == Qt.LeftButton and picking and self._pick(event.position()):
            self._dragging = True
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._dragging and event.buttons() & Qt.LeftButton:
            self._pick(event.position())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._dragging and event.button() == Qt.LeftButton:
            self._dragging = False
            event.accept()
            return
        super().mouseReleaseEvent(event)


class _CurvePlot(_Plot):
    """One parameter against the loss: the curve, the current point, its tangent and the next point."""

    TANGENT_PX = 300  # on-screen length of the tangent (at most 45 % of the plot's width)

    def __init__(self, title: str, x_label: str, y_label: str, parent=None) -> None:
        super().__init__(title, x_label, y_label, parent)
        self.curve = Curve()
        self.tangent = Curve()
        self.step_line = Curve()
        self.next_point = theme.Marker(16, "w", z=19)
        self.current = theme.Marker(18, theme.LINE, z=20)
        self._axis = 0
        self._key: tuple | None = None
        self._y: tuple[float, float] | None = None
        self._y_seen: tuple[float, float] | None = None  # the last curve's lowest and highest loss
        self._y_room = 0.0  # extra room on the side a moving curve moves to (see _fit_y)
        self._range_dirty = False

    def _restyle_items(self) -> None:
        self.curve.setPen(theme.pen(theme.TRAIN, 3.5))
        self.tangent.setPen(theme.pen(TANGENT, 3.0))
        self.step_line.setPen(theme.pen(theme.LINE, 2.0, Qt.DashLine))
        self.next_point.set_size(16 * theme.zoom())
        self.next_point.setBrush(pg.mkBrush(theme.BACKGROUND))
        self.next_point.setPen(pg.mkPen(theme.LINE, width=theme.width(3)))
        self.current.set_size(18 * theme.zoom())
        self.current.setBrush(pg.mkBrush(theme.LINE))
        self.current.setPen(pg.mkPen(theme.BACKGROUND, width=theme.width(2.5)))
        self._restyle_plot()

    def _add(self, *items) -> None:
        for z, item in enumerate(items):
            item.setZValue(z)
            self.getPlotItem().addItem(item)

    def _frame(self, run: Run, axis: int) -> None:
        """Fit the range to a new objective; a new start on the same one keeps the range."""
        same = (self._run is not None and self._axis == axis and objective_key(run.objective) == self._key)
        if same:
            self._run, self._last, self._seen = run, None, 0
            self._restart_framing(run.initial_params[None][:, [axis]])
            return
        key, fit = objective_key(run.objective), initial_framing(run.objective, run.initial_params[None], [axis])
        self._run, self._last, self._seen, self._axis = run, None, 0, axis
        self._key, self._y = key, None
        self._fit = fit
        self._framing = self._fit.copy()
        self._cap_framing()
        self._apply_range()

    def _apply_range(self) -> None:
        self.getPlotItem().setXRange(*finite_range(self._framing.lo[0], self._framing.hi[0]), padding=0)
        self._range_dirty = self._ghosts_dirty = True

    def _follow(self, snap: Snapshot) -> None:
        """Grow the horizontal range when the path leaves it (back to the first one on reset)."""
        if snap.step == 0 and not self._framing.same_range(self._fit):
            self._framing = self._fit.copy()
            self._apply_range()
        self._cap_framing()
        if self._race is not None:  # every runner, the primary too: `_follow_race`
            return
        points = self._new_path_points([self._axis])
        if snap.next_update is not None:
            points = np.vstack([points, [[snap.next_update.params_after[self._axis]]]])
        if self._framing.update(points):
            self._apply_range()

    def _fit_y(self, ys: np.ndarray) -> None:
        """Vertical range fitted to the curve, changed only when the curve leaves it or shrinks a lot."""
        lo, hi = float(ys.min()), float(ys.max())
        seen, self._y_seen = self._y_seen, (lo, hi)
        # a curve on the move (the loss falling, a flat section sinking with it) gets room for some
        # twenty more such moves on the side it moves to: the range, and the axis drawn again with every
        # range, then change every few dozen frames instead of on every frame. The room fades once the
        # curve stands still, and the range closes in again.
        if seen is not None and math.isfinite(seen[0] - lo) and math.isfinite(hi - seen[1]):
            self._y_room = max(20 * max(seen[0] - lo, hi - seen[1], 0.0), 0.9 * self._y_room)
        if self._y is not None:
            y0, y1 = self._y
            if y0 <= lo and hi <= y1 and (hi - lo) + self._y_room >= 0.5 * (y1 - y0):
                return
        pad = (0.08 * hi - 0.08 * lo) if hi > lo else max(abs(hi), 1.0)
        down, up = seen is not None and lo < seen[0], seen is not None and hi > seen[1]
        bottom = lo - max(pad, self._y_room if down else 0.0)
        if lo >= 0:  # a loss never falls below 0: no room for it there
            bottom = max(bottom, min(lo - pad, -pad))
        self._y = finite_range(bottom, hi + max(pad, self._y_room if up else 0.0))
        self.getPlotItem().setYRange(*self._y, padding=0)

    def _box(self) -> tuple[np.ndarray, np.ndarray]:
        (y0, y1) = self._y
        return np.array([self._framing.lo[0], y0]), np.array([self._framing.hi[0], y1])

    def _draw_point_and_tangent(self, snap: Snapshot, next_loss: float | None) -> None:
        """The current point, the tangent (slope = the full-batch gradient) and the next point."""
        lo, hi = self._box()
        x, y, slope = snap.params[self._axis], snap.train_loss, snap.grad[self._axis]
        here = clamp_to_box([[x, y]], lo, hi)
        self.current.setData(here[:, 0], here[:, 1])
        px_x, px_y = self._pixels_per_unit()
        if math.isfinite(slope) and self._framing.contains([[x]])[0]:
            length = min(self.TANGENT_PX, 0.45 * self.getPlotItem().getViewBox().width() or self.TANGENT_PX)
            tx, ty = tangent_segment(x, y, slope, px_x, px_y, length)
            self.tangent.setData(tx, ty)
        else:
            self.tangent.setData([], [])
        if snap.next_update is None or next_loss is None:
            self.next_point.setData([], [])
            self.step_line.setData([], [])
            return
        ends = clamp_to_box([[x, y], [snap.next_update.params_after[self._axis], next_loss]], lo, hi)
        self.next_point.setData(ends[1:, 0], ends[1:, 1])
        self.step_line.setData(ends[:, 0], ends[:, 1])

    def _clear(self, title: str) -> None:
        self._set_labels(title, "", "")
        for item in self.getPlotItem().items:
            if isinstance(item, (pg.PlotDataItem, pg.PlotCurveItem, pg.ScatterPlotItem, theme.Marker, Curve)):
                item.setData([], [])
        for lane in self.lanes:
            lane.hide()
        if self.race_paths is not None:
            self.race_paths.hide()
        self.diverged.hide()


class CurveView(_CurvePlot):
    """A one-parameter loss L(θ) with the path on it, the tangent at the current point and the next
    point (tutorial 000's b history against the MSE, and its tangent picture)."""

    def __init__(self, parent=None) -> None:
        super().__init__(QCoreApplication.translate("CurveView", "Loss"), "θ", "L", parent)
        self.setObjectName("curveView")
        self.path_points = Scatter(size=11, pen=OUTLINE)
        self.optimum = Scatter(symbol="star", size=26, brush=STAR, pen=pg.mkPen("k", width=1.5))
        self._add(self.curve, self.path_points, self.optimum, self.step_line, self.tangent, self.next_point,
                  self.current)
        self._add_race_items(casing=False, z=2.5)
        self._brushes = step_brushes()
        self._restyle_items()

    def _restyle_items(self) -> None:
        super()._restyle_items()
        self.path_points.setData(*self.path_points.getData(), size=11 * theme.zoom())
        self.optimum.setData(*self.optimum.getData(), size=26 * theme.zoom())

    def set_run(self, run: Run) -> None:
        """A new one-parameter objective: frame it and draw the curve."""
        if len(run.param_names) != 1:
            self._run, self._last = None, None
            self._clear(self.tr("Loss curve (needs one parameter)"))
            return
        name = run.param_names[0]
        opt = objective_optimum(run.objective)  # worked out before anything changes
        star = ([], []) if opt is None else ([float(opt[0])], [float(loss_curve(run.objective, opt[:1])[0])])
        self._frame(run, 0)
        if run.is_function:
            self._set_labels(self.tr("{0} with its tangent").format(run.objective.spec.formula), name, f"f({name})")
        else:
            self._set_labels(self.tr("Loss L({0})").format(name), name, f"L({name})")
        self.optimum.setData(*star)

    @guarded
    def on_snapshot(self, snap: Snapshot) -> None:
        """Move along the curve: path, current point, tangent and next point."""
        self._last = snap
        if self._run is None or not self.isVisible():
            return
        self._follow(snap)
        if self._range_dirty:
            self._draw_curve()
        if self._race is None:
            self._draw_path()
            up = snap.next_update
            after = None if up is None else float(loss_curve(self._run.objective, [up.params_after[0]])[0])
            self._draw_point_and_tangent(snap, after)
        if self._ghosts_dirty:
            self._draw_ghosts()
        self._show_status(snap)

    def _draw_curve(self) -> None:
        xs = np.linspace(self._framing.lo[0], self._framing.hi[0], CURVE_POINTS)
        ys = loss_curve(self._run.objective, xs)
        self.curve.setData(xs, ys)
        self._y = None
        self._fit_y(ys)
        self._range_dirty = False

    @guarded
    def on_race_snapshots(self, items: list[RaceItem]) -> None:
        """Every runner's path along the curve, its current point and divergence mark."""
        self._race_items = items
        if not items or self._run is None or not self.isVisible():
            return
        if self._follow_race(items, [0]):
            self._draw_curve()
            self._draw_ghosts()
        lo, hi = self._box()
        view = self.view_range
        paths = []
        for lane, (entry, run, snap) in zip(self.lanes, items):
            h = run.history
            rows = path_rows(h.n)
            paths.append(clamp_to_box(np.column_stack([h.column("params")[rows, 0], h.column("train_loss")[rows]]),
                                      lo, hi))
            here = clamp_to_box([[snap.params[0], snap.train_loss]], lo, hi, factor=1.0)
            lane.draw_point(here)
            lane.draw_mark(snap, entry.name, here, view)
        self._draw_race_paths(paths, items, (tuple(lo), tuple(hi)))
        for lane in self.lanes[len(items):]:
            lane.hide()

    def _show_single(self, on: bool) -> None:
        for item in (self.path_points, self.step_line, self.tangent, self.next_point, self.current):
            item.setVisible(on)
        if on and self._last is not None and self._run is not None and self.isVisible():
            self.on_snapshot(self._last)

    def _ghost_xy(self, ghost: Ghost) -> np.ndarray:
        rows = path_rows(len(ghost.steps))
        lo, hi = self._box()
        return clamp_to_box(np.column_stack([ghost.params[rows, 0], ghost.train_loss[rows]]), lo, hi)

    def _draw_path(self) -> None:
        h = self._run.history
        rows = sample_rows(h.n)
        steps = h.column("step")
        lo, hi = self._box()
        pts = clamp_to_box(np.column_stack([h.column("params")[rows, 0], h.column("train_loss")[rows]]), lo, hi)
        shade = (steps[rows] * (len(self._brushes) - 1)) // max(int(steps[-1]), 1)
        self.path_points.setData(pts[:, 0], pts[:, 1], brush=self._brushes[shade])


class SectionPlot(_CurvePlot):
    """The loss along one parameter with the other fixed at its current value."""

    PX_PER_POINT = 5  # screen pixels between the section's samples

    def __init__(self, parent=None) -> None:
        super().__init__(QCoreApplication.translate("LandscapeView", "Section"), "θ", "L", parent)
        self._add(self.curve, self.step_line, self.tangent, self.next_point, self.current)
        self._xs = np.zeros(0)
        self._computed_at = 0.0  # when the curve was last computed (costly ones are rate-limited)
        self._worker: SliceWorker | None = None  # costly curves are computed off the GUI thread
        self._restyle_items()

    def _curve_off_thread(self, obj, snap: Snapshot) -> None:
        """Ask the slice worker for the curve through `snap`'s point (a one-row slice: this parameter × any
        other held at its value); the plot keeps its last curve, point and tangent meanwhile."""
        if self._worker is None:
            self._worker = SliceWorker(self)
            self._worker.computed.connect(self._curve_computed)
        fixed = np.array(snap.params, float)
        other = 1 if self._axis == 0 else 0
        self._worker.request(SliceRequest(obj, self._xs.copy(), np.array([fixed[other]]), fixed,
                                          (self._axis, other), tag=(self._run, self._axis, len(self._xs), snap)))

    def _curve_computed(self, request: SliceRequest, z: np.ndarray) -> None:
        """A curve came back: draw it with the point, tangent and next point of the step it was asked at,
        so that the section is one consistent picture (it lags the run by at most a few frames)."""
        run, axis, count, snap = request.tag
        if run is not self._run or axis != self._axis or count != len(self._xs):
            return  # the run, the section or its points changed meanwhile
        ys = np.asarray(z, float).reshape(-1)
        self._ys = ys
        self.curve.setData(self._xs, ys)
        self._fit_y(ys)
        self._show_point(snap, True, run.objective, np.array(snap.params))

    def set_section(self, run: Run, axis: int) -> None:
        """Show the section along parameter `axis` (the others fixed at the current point)."""
        names = run.param_names
        name = names[axis]
        f = "f" if run.is_function else "L"
        if len(names) == 2:
            title = self.tr("{0}({1}), {2} fixed").format(f, name, names[1 - axis])
        else:
            title = self.tr("{0}({1}), the others fixed").format(f, name)
        self._set_labels(title, name, f"{f}({name})")
        self._frame(run, axis)
        self._computed_at = 0.0

    def clear_section(self, title: str) -> None:
        """No section to show."""
        self._run, self._last = None, None
        self._clear(title)

    @guarded
    def on_snapshot(self, snap: Snapshot) -> None:
        """Recompute the section through the current point; move the point, tangent and next point."""
        self._last = snap
        if self._run is None or not self.isVisible():
            return
        self._follow(snap)
        # a point every few pixels is smooth, and each point is stroked again on every frame
        points = int(min(CURVE_POINTS, max(48, self.getPlotItem().getViewBox().width() // self.PX_PER_POINT)))
        obj, fixed = self._run.objective, np.array(snap.params)
        # a per-sample loss visits every sample at every point: ≤ 10 curves a second, computed off the GUI
        # thread (tutorial 004's four sections on 506 houses took a third of a frame), and fewer points
        # on many samples
        costly = self._run.per_sample and points * obj.n_train > SECTION_OFF_THREAD
        if points * obj.n_train > SECTION_WORK:
            points = int(max(24, min(points, SECTION_WORK // max(obj.n_train, 1))))
        due = not costly or not self.rate_limited or time.monotonic() - self._computed_at >= POINTS_INTERVAL
        if self._range_dirty or len(self._xs) != points:
            self._xs = np.linspace(self._framing.lo[0], self._framing.hi[0], points)
            self._y = None
            self._range_dirty = False
            due = True
        off_thread = costly and len(self._run.param_names) > 1
        if due and off_thread:
            self._computed_at = time.monotonic()
            self._curve_off_thread(obj, snap)
        elif due:
            self._computed_at = time.monotonic()
            ys = loss_curve(obj, self._xs, self._axis, fixed)
            self.curve.setData(self._xs, ys)
            self._fit_y(ys)
            self._ys = ys
        if off_thread:  # the point moves with its curve (_curve_computed): no repaint on the other frames
            self._show_status(snap)
        else:
            self._show_point(snap, costly, obj, fixed)

    def _show_point(self, snap: Snapshot, costly: bool, obj, fixed: np.ndarray) -> None:
        """The current point, its tangent and the next point on the curve drawn."""
        if self._y is None:  # the first curve is still being computed off the GUI thread
            self._show_status(snap)
            return
        up = snap.next_update
        ys = getattr(self, "_ys", None)
        if up is None or (costly and (ys is None or len(ys) != len(self._xs))):
            after = None
        elif costly:  # on the drawn curve: a per-sample loss at one more point would visit every sample again
            after = float(np.interp(up.params_after[self._axis], self._xs, ys))
        else:
            after = float(loss_curve(obj, [up.params_after[self._axis]], self._axis, fixed)[0])
        self._draw_point_and_tangent(snap, after)
        self._show_status(snap)


class SectionsView(QWidget):
    """One cross-section through the current point per parameter, in a grid: L(w) with b fixed and L(b) with
    w fixed for a line; L(k1), L(b1), … with the others fixed for a curved model."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionsView")
        self._pool: list[SectionPlot] = [SectionPlot(), SectionPlot()]
        self.plots: tuple[SectionPlot, ...] = tuple(self._pool)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._layout = layout
        self._columns = 0
        self._arrange(force=True)

    @staticmethod
    def columns_for(count: int, width: float, height: float, aspect: float = 1.6) -> int:
        """The number of columns whose cells come nearest `aspect` (width / height) for `count` plots: two
        sit side by side in a wide and low pane (a projector's bottom row), else one above the other."""
        if count <= 1 or width <= 0 or height <= 0:
            return 1
        def miss(cols: int) -> float:
            rows = math.ceil(count / cols)
            return abs(math.log((width / cols) / (height / rows) / aspect))
        return min(range(1, count + 1), key=miss)

    def _arrange(self, force: bool = False) -> None:
        """Lay the plots in use out in the grid that suits the pane's shape."""
        cols = self.columns_for(len(self.plots), self.width(), self.height())
        if cols == self._columns and not force:
            return
        self._columns = cols
        for plot in self._pool:
            self._layout.removeWidget(plot)
        for i, plot in enumerate(self.plots):
            self._layout.addWidget(plot, i // cols, i % cols)
        for plot in self._pool:
            plot.setVisible(plot in self.plots)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Side by side when the pane is wide and low, else stacked (several rows and columns for many)."""
        super().resizeEvent(event)
        self._arrange()

    def set_run(self, run: Run) -> None:
        """One section along each parameter in turn (parameter order: w then b, x then y, k1 … b2)."""
        count = min(len(run.param_names), MAX_SECTIONS)
        while len(self._pool) < count:
            plot = SectionPlot()
            plot.rate_limited = self._pool[0].rate_limited
            self._pool.append(plot)
        if len(run.param_names) < 2:
            for plot in self._pool[:2]:
                plot.clear_section(self.tr("Sections (need two parameters)"))
            self.plots = tuple(self._pool[:2])
        else:
            for axis, plot in enumerate(self._pool[:count]):
                plot.set_section(run, axis)
            for plot in self._pool[count:]:
                plot.clear_section("")
            self.plots = tuple(self._pool[:count])
        self._arrange(force=True)

    @property
    def rate_limited(self) -> bool:
        """Whether costly sections recompute at most 10 times a second (set while playing)."""
        return self._pool[0].rate_limited

    @rate_limited.setter
    def rate_limited(self, on: bool) -> None:
        for plot in self._pool:
            plot.rate_limited = on

    def restyle(self) -> None:
        """Read the theme again in every section."""
        for plot in self._pool:
            plot.restyle()

    def reset_view(self) -> None:
        """Every section back to its automatic framing."""
        for plot in self.plots:
            plot.reset_view()

    @guarded
    def on_snapshot(self, snap: Snapshot) -> None:
        """Forward to the sections in use (each skips work while hidden)."""
        for plot in self.plots:
            plot.on_snapshot(snap)
