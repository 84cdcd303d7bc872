"""The computational graph drawn node by node: values, gradients, the flow of the gradient.

Nodes are laid out in columns by topological depth (`layout`, pure and testable). Each node is a
box made once per graph structure, coloured and shaped by kind (Okabe–Ito, and a shape per kind
so that colour is never the only cue), with a "value" and a "grad" row as micrograd's boxes; a
gradient not yet computed reads "not computed yet", never 0. A sub-step changes only the texts
that differ, the edges' pens and the highlight ring; the texts of a graph are formatted once.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsPathItem, QGraphicsScene, QGraphicsSimpleTextItem,
                               QGraphicsView)

from ..engine.graph import VANISHING, Graph, SubStep, flows, known_after
from . import theme

ENGINE_CONTEXT = "graph"  # the translation context of the engine's templates (gdviz/engine/graph.py)
KIND_COLOURS = {"input": "#56b4e9", "parameter": "#e69f00", "operation": "#cc79a7", "loss": "#d55e00"}
PHASE_COLOURS = {"forward": "#009e73", "backward": "#0072b2", "update": "#000000"}  # tutorial 004: green, blue
VANISHING_COLOUR = "#d55e00"
MAX_COLUMN = 9  # more nodes than this in one column: parameters move to columns of their own
BOX_PT = 11
TITLE_PT = 12
EDGE_WIDTHS = (1.0, 7.0)  # thinnest and thickest edge (px at zoom 1), on a log scale of |gradient|


# The engine's templates (gdviz/engine/graph.py) written out for lupdate, which cannot see them there;
# a test checks that this list and the engine's constants are the same.
ENGINE_TEMPLATES = (
    QT_TRANSLATE_NOOP("graph", "{node} = {value} (sample {index})"),
    QT_TRANSLATE_NOOP("graph", "{node}: {n} samples, mean {value}"),
    QT_TRANSLATE_NOOP("graph", "{node} = {value} (parameter)"),
    QT_TRANSLATE_NOOP("graph", "{node} = {numbers} = {value}"),
    QT_TRANSLATE_NOOP("graph", "{node}; mean over the {n} samples: {value}"),
    QT_TRANSLATE_NOOP("graph", "{node} = {value}"),
    QT_TRANSLATE_NOOP("graph", "∂L/∂L = 1 (the start of the backward pass)"),
    QT_TRANSLATE_NOOP("graph", "∂L/∂{node} = {terms} = {numbers} = {value}"),
    QT_TRANSLATE_NOOP("graph", "∂L/∂{node} = Σᵢ [{terms}] = {value}"),
    QT_TRANSLATE_NOOP("graph", "∂L/∂{node}ᵢ = {terms}; summed over the {n} samples: {value}"),
    QT_TRANSLATE_NOOP("graph", "{name} ← {name} − η·∂L/∂{name} = {old} − {rate}·{grad} = {new}"),
    QT_TRANSLATE_NOOP("graph", "{name}: {old} → {new} (by the run's update rule)"),
    QT_TRANSLATE_NOOP("graph", "{name} = {old}; ∂L/∂{name} = {grad} (no update rule given)"),
    QT_TRANSLATE_NOOP("graph", "one sample (#{index})"),
    QT_TRANSLATE_NOOP("graph", "{n} samples: values are means, gradients are sums over the samples"),
)


def translate_template(template: str) -> str:
    """An engine template (sub-step rules, scope) in the user's language; fill it in afterwards."""
    return QCoreApplication.translate(ENGINE_CONTEXT, template)


# ----- layout (pure) -----------------------------------------------------------------------------------
def _columns(graph: Graph) -> dict[str, tuple]:
    """A sortable column key per node: operations by depth; the sources of a column of operations
    join the column before it while it stays short, else get a column of their own between the two
    (split by input position when that is crowded too). The key's last entry is 1 for such columns."""
    depth: dict[str, int] = {}
    for node in graph.order:
        if node.op is not None:
            depth[node.id] = 1 + max((depth.get(i.id, 0) for i in node.inputs), default=0)
    key: dict[str, tuple] = {n.id: (depth.get(n.id, 0), 0, 0) for n in graph.order if n.op is not None or n.id == "x"}
    wants: dict[int, list[tuple[str, int]]] = {}  # consumer depth → (source, its input position)
    for node in graph.order:
        if node.id not in key:
            uses = graph.consumers(node)
            c, position = min(uses, key=lambda u: depth[u[0].id])
            wants.setdefault(depth[c.id], []).append((node.id, position))
    for rank, sources in wants.items():
        near = (rank - 1, 0, 0)
        if sum(1 for k in key.values() if k == near) + len(sources) <= MAX_COLUMN:
            key.update({s: near for s, _ in sources})
            continue
        split = len(sources) > MAX_COLUMN
        key.update({s: (rank - 0.5, position if split else 0, 1) for s, position in sources})
    return key


def _spread(wanted: list[float], pitch: float) -> list[float]:
    """Positions in the order of `wanted`, at least `pitch` apart, centred on the wanted mean."""
    out: list[float] = []
    for w in wanted:
        out.append(w if not out else max(w, out[-1] + pitch))
    shift = (sum(wanted) - sum(out)) / len(out) if out else 0.0
    return [p + shift for p in out]


def layout(graph: Graph, width: float, height: float, gap_x: float, gap_y: float) -> dict[str, QPointF]:
    """Top-left corners of boxes of size width × height: columns left to right, each node near the
    mean height of its neighbours, no two boxes overlapping.

    When parameters need columns of their own (many hidden units), the operations are two rows
    apart and those parameters sit in the rows between, so a link between two operations never
    runs behind a parameter's box."""
    keys = _columns(graph)
    cols = sorted(set(keys.values()))
    index = {n.id: i for i, n in enumerate(graph.order)}
    pitch = height + gap_y
    between = any(k[2] for k in keys.values())
    y: dict[str, float] = {}

    def place(members: list[str], want: dict[str, float], step: float) -> None:
        members = sorted(members, key=lambda m: (want[m], index[m]))
        for m, pos in zip(members, _spread([want[m] for m in members], step)):
            y[m] = pos

    for col in cols:  # operations first, following their operation inputs
        ops = [n for n, k in keys.items() if k == col and (graph.nodes[n].op is not None or n == "x")]
        want = {}
        for n in ops:
            placed = [y[i.id] for i in graph.nodes[n].inputs if i.id in y]
            want[n] = sum(placed) / len(placed) if placed else 0.0
        if ops:
            place(ops, want, 2 * pitch if between else pitch)
    for col in cols:  # then every node of the column, sources beside their consumers
        members = [n for n, k in keys.items() if k == col]
        want = {}
        for n in members:
            if n in y:
                want[n] = y[n]
            else:
                near = [y[c.id] for c, _ in graph.consumers(graph.nodes[n])]
                want[n] = sum(near) / len(near) + (pitch if col[2] else 0.0)
        place(members, want, pitch)
    top = min(y.values())
    return {n: QPointF(cols.index(keys[n]) * (width + gap_x), y[n] - top) for n in keys}


# ----- drawing ---------------------------------------------------------------------------------------
def _shape(kind: str, w: float, h: float) -> QPainterPath:
    """Input: a stadium; parameter: a rectangle; operation: a rounded rectangle; loss: an octagon."""
    path = QPainterPath()
    if kind == "input":
        path.addRoundedRect(QRectF(0, 0, w, h), h / 4, h / 2)
    elif kind == "parameter":
        path.addRect(QRectF(0, 0, w, h))
    elif kind == "operation":
        path.addRoundedRect(QRectF(0, 0, w, h), h / 6, h / 6)
    else:
        c = h / 4
        path.addPolygon(QPolygonF([QPointF(c, 0), QPointF(w - c, 0), QPointF(w, c), QPointF(w, h - c),
                                   QPointF(w - c, h), QPointF(c, h), QPointF(0, h - c), QPointF(0, c),
                                   QPointF(c, 0)]))
    return path


def _fill(colour: str) -> QColor:
    """An opaque light tint of a kind's colour (links behind a box never show through)."""
    return theme.tint(colour, 56)  # 22 %


def _pen(colour: str, width_px: float, style=Qt.SolidLine) -> QPen:
    pen = QPen(QColor(colour))
    pen.setWidthF(theme.width(width_px))
    pen.setStyle(style)
    pen.setCosmetic(True)
    return pen


def _short(v: float | None) -> str:
    """A number in a box: 4 significant digits, a true minus."""
    return "{0:.4g}".format(v).replace("-", "−")


@dataclass
class _Box:
    """The items of one node, and the texts they show (only changed texts are set again)."""

    frame: QGraphicsPathItem
    title: QGraphicsSimpleTextItem
    value: QGraphicsSimpleTextItem
    grad: QGraphicsSimpleTextItem
    shown: tuple[str, str] = ("", "")


@dataclass
class _Edge:
    item: QGraphicsPathItem
    mark: QGraphicsSimpleTextItem
    style: tuple = ()


class GraphView(QGraphicsView):
    """The current model as a computational graph: nodes by kind, value | grad, gradient flow."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.graph: Graph | None = None
        self.threshold = VANISHING
        self._flows = []
        self._texts: dict[str, tuple[str, str | None]] = {}  # node id → its value and grad rows, once known
        self.boxes: dict[str, _Box] = {}
        self.edges: dict[tuple[str, str], _Edge] = {}
        self._signature: tuple = ()
        self._known: tuple[set[str] | None, set[str] | None] = (None, None)
        self._highlighted: tuple[str, ...] = ()
        self._phase = "forward"
        self._ring = QGraphicsPathItem()
        self._ring.setZValue(5)
        self._legend: list[QGraphicsItem] = []
        self._scope = QGraphicsSimpleTextItem()
        self._scope.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.scene().addItem(self._scope)
        self.scene().addItem(self._ring)
        self.restyle()

    # ----- public API -----------------------------------------------------------------------------
    def set_graph(self, graph: Graph | None) -> None:
        """Show `graph` (everything known). A graph of the same structure only updates the texts."""
        self.graph = graph
        signature = () if graph is None else tuple((n.id, n.label, tuple(i.id for i in n.inputs)) for n in graph.order)
        if signature != self._signature:
            self._signature = signature
            self._build()
        self._flows = [] if graph is None else flows(graph, self.threshold)  # once a graph: sub-steps reuse it
        self._texts = {} if graph is None else {
            n.id: (self._value_text(n.value_summary()), None if n.grad is None else self._grad_text(n.grad_summary()))
            for n in graph.order}
        self._show_scope()
        self.show_state(None, None)

    def show_state(self, values_known: set[str] | None = None, grads_known: set[str] | None = None) -> None:
        """Show the values of `values_known` and the gradients of `grads_known` (None: all); the
        others read "not computed yet"."""
        self._known = (values_known, grads_known)
        if self.graph is None:
            return
        no_value, no_grad = self._value_text(None), self._grad_text(None)
        for node_id, (value, grad) in self._texts.items():
            if values_known is not None and node_id not in values_known:
                value = no_value
            if grad is None or (grads_known is not None and node_id not in grads_known):
                grad = no_grad
            self._set_texts(self.boxes[node_id], value, grad)
        self._style_edges()

    def highlight(self, node_ids: Iterable[str] | str | None, phase: str = "forward") -> None:
        """Ring the nodes being computed (the colour says the phase); None clears it."""
        ids = (node_ids,) if isinstance(node_ids, str) else tuple(node_ids or ())
        self._highlighted, self._phase = tuple(i for i in ids if i in self.boxes), phase
        path = QPainterPath()
        pad = 5 * theme.zoom()
        for i in self._highlighted:
            path.addRoundedRect(self.node_rect(i).adjusted(-pad, -pad, pad, pad), pad * 2, pad * 2)
        self._ring.setPath(path)
        self._ring.setPen(_pen(PHASE_COLOURS.get(phase, theme.FOREGROUND), 4))

    def show_substep(self, steps: list[SubStep], index: int) -> None:
        """Sub-step `index` of `steps` (from engine.graph.substeps): what is known and what is computed."""
        if self.graph is None:
            return
        values, grads = known_after(self.graph, steps, index)
        if index >= 0 and steps[index].phase == "update":
            values, grads = None, None
        self.show_state(values, grads)
        self.highlight(steps[index].nodes if index >= 0 else None, steps[index].phase if index >= 0 else "forward")

    def highlighted(self) -> tuple[str, ...]:
        """The node ids ringed now."""
        return self._highlighted

    def set_threshold(self, threshold: float) -> None:
        """A link whose mean |local derivative| is below this is drawn as vanishing."""
        self.threshold = float(threshold)
        self._flows = [] if self.graph is None else flows(self.graph, self.threshold)
        self._style_edges()

    def node_rect(self, node_id: str) -> QRectF:
        """A node's box in scene coordinates."""
        frame = self.boxes[node_id].frame
        return frame.mapRectToScene(frame.path().boundingRect())

    def node_texts(self, node_id: str) -> tuple[str, str, str]:
        """The title, value and grad rows of a node's box, as shown."""
        box = self.boxes[node_id]
        return box.title.text(), box.value.text(), box.grad.text()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """A new language: every text of the view anew (they are formatted once a graph)."""
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange:
            self.restyle()

    def restyle(self) -> None:
        """Fonts, line widths and box sizes from the theme's zoom; lays the graph out again."""
        self.setBackgroundBrush(QBrush(QColor(theme.BACKGROUND or "#ffffff")))
        self._signature = ()
        if self.graph is not None:
            self.set_graph(self.graph)
            values, grads = self._known
            self.show_state(values, grads)
            self.highlight(self._highlighted, self._phase)
        else:
            self._build()

    # ----- building ------------------------------------------------------------------------------------
    def _texts_width(self) -> tuple[float, float]:
        metrics = QFontMetricsF(theme.font(BOX_PT))
        samples = [self.tr("value {0}").format("−8.888e+88"), self.tr("grad {0}").format("−8.888e+88"),
                   self.tr("value: not computed yet"), self.tr("grad: not computed yet")]
        width = max(metrics.horizontalAdvance(s) for s in samples)
        if self.graph is not None:
            bold = QFontMetricsF(theme.font(BOX_PT, bold=True))
            width = max([width] + [bold.horizontalAdvance(self._title(n)) for n in self.graph.order])
        return width, metrics.lineSpacing()

    @staticmethod
    def _title(node) -> str:
        if node.op is None:
            return node.label
        formula = node.op.formula([i.label for i in node.inputs], node.label)
        if formula == node.label:
            return node.label
        return "{0} = {1}".format(node.label, formula if len(formula) <= 16 else node.op.name)

    def _build(self) -> None:
        scene = self.scene()
        for box in self.boxes.values():
            scene.removeItem(box.frame)
        for edge in self.edges.values():
            scene.removeItem(edge.item)
            scene.removeItem(edge.mark)
        self.boxes, self.edges = {}, {}
        self._build_legend()
        if self.graph is None:
            return
        z = theme.zoom()
        text_w, line = self._texts_width()
        pad = 8 * z
        h = 3 * line + 2 * pad
        w = text_w + 2 * pad + h / 4
        top = self._legend_bottom + 14 * z
        corners = layout(self.graph, w, h, 60 * z, 12 * z)
        for node in self.graph.order:
            self.boxes[node.id] = self._make_box(node, corners[node.id] + QPointF(0, top), w, h, pad, line)
        for source, target in self.graph.edges():
            self.edges[(source, target)] = self._make_edge(source, target)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-10, -10, 10, 10))
        self._fit()

    def _make_box(self, node, corner: QPointF, w: float, h: float, pad: float, line: float) -> _Box:
        frame = QGraphicsPathItem(_shape(node.kind, w, h))
        frame.setPos(corner)
        colour = KIND_COLOURS[node.kind]
        frame.setBrush(QBrush(_fill(colour)))
        frame.setPen(_pen(colour, 3.5 if node.kind in ("parameter", "loss") else 1.5))
        frame.setZValue(2)
        frame.setCacheMode(QGraphicsItem.DeviceCoordinateCache)  # a sub-step repaints blits, not text
        texts = []
        for row, bold in ((0, True), (1, False), (2, False)):
            item = QGraphicsSimpleTextItem(frame)
            item.setFont(theme.font(BOX_PT, bold=bold))
            item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
            item.setBrush(QBrush(QColor(theme.FOREGROUND or "#000000")))
            item.setPos(pad + h / 8, pad + row * line)  # h/8 clears the input's rounded ends
            texts.append(item)
        texts[0].setText(self._title(node))
        self.scene().addItem(frame)
        return _Box(frame, *texts)

    def _make_edge(self, source: str, target: str) -> _Edge:
        a, b = self.node_rect(source), self.node_rect(target)
        start, end = QPointF(a.right(), a.center().y()), QPointF(b.left(), b.center().y())
        path = QPainterPath(start)
        mid = (start.x() + end.x()) / 2
        path.cubicTo(QPointF(mid, start.y()), QPointF(mid, end.y()), end)
        item = QGraphicsPathItem(path)
        item.setZValue(1)
        item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        mark = QGraphicsSimpleTextItem(self.tr("≈0"))
        mark.setFont(theme.font(BOX_PT, bold=True))
        mark.setBrush(QBrush(QColor(VANISHING_COLOUR)))
        at = path.pointAtPercent(0.5)
        mark.setPos(at.x() - mark.boundingRect().width() / 2, at.y() - mark.boundingRect().height() - 2)
        mark.setZValue(3)
        mark.setVisible(False)
        self.scene().addItem(item)
        self.scene().addItem(mark)
        return _Edge(item, mark)

    def _build_legend(self) -> None:
        scene = self.scene()
        for item in self._legend:
            scene.removeItem(item)
        self._legend = []
        z = theme.zoom()
        font = theme.font(theme.LEGEND_PT)
        side = 18 * z
        x = 0.0
        y = QFontMetricsF(theme.font(TITLE_PT)).lineSpacing() + 6 * z
        names = {"input": self.tr("input"), "parameter": self.tr("parameter"), "operation": self.tr("operation"),
                 "loss": self.tr("loss")}
        for kind, name in names.items():
            sample = QGraphicsPathItem(_shape(kind, side * 1.6, side))
            sample.setPos(x, y)
            sample.setBrush(QBrush(_fill(KIND_COLOURS[kind])))
            sample.setPen(_pen(KIND_COLOURS[kind], 3.5 if kind in ("parameter", "loss") else 1.5))
            label = QGraphicsSimpleTextItem(name)
            label.setFont(font)
            label.setPos(x + side * 1.6 + 6 * z, y + (side - label.boundingRect().height()) / 2)
            self._legend += [sample, label]
            x = label.pos().x() + label.boundingRect().width() + 18 * z
        dash = QGraphicsPathItem()
        path = QPainterPath(QPointF(x, y + side / 2))
        path.lineTo(x + 3 * side, y + side / 2)
        dash.setPath(path)
        dash.setPen(_pen(VANISHING_COLOUR, 2.5, Qt.DashLine))
        label = QGraphicsSimpleTextItem(self.tr("vanishing link (≈0)"))
        label.setFont(font)
        label.setPos(x + 3 * side + 6 * z, y + (side - label.boundingRect().height()) / 2)
        self._legend += [dash, label]
        for item in self._legend:
            item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)  # a full repaint blits them
            scene.addItem(item)
        self._scope.setFont(theme.font(TITLE_PT, bold=True))
        self._scope.setBrush(QBrush(QColor(theme.FOREGROUND or "#000000")))
        self._scope.setPos(0, 0)
        self._legend_bottom = y + side

    def _show_scope(self) -> None:
        if self.graph is None:
            self._scope.setText("")
            return
        template, args = self.graph.scope()
        self._scope.setText(translate_template(template).format(**args))

    # ----- state -----------------------------------------------------------------------------------------
    def _value_text(self, v: float | None) -> str:
        if v is None:
            return self.tr("value: not computed yet")
        return self.tr("value {0}").format(self._number(v))

    def _grad_text(self, g: float | None) -> str:
        if g is None:
            return self.tr("grad: not computed yet")
        return self.tr("grad {0}").format(self._number(g))

    def _number(self, v: float) -> str:
        if math.isnan(v):
            return self.tr("not a number")
        if math.isinf(v):
            return self.tr("overflow (∞)") if v > 0 else self.tr("overflow (−∞)")
        return _short(v)

    @staticmethod
    def _set_texts(box: _Box, value: str, grad: str) -> None:
        if box.shown != (value, grad):
            if box.shown[0] != value:
                box.value.setText(value)
            if box.shown[1] != grad:
                box.grad.setText(grad)
            box.shown = (value, grad)

    def _style_edges(self) -> None:
        """Width ∝ log |gradient through the link| once known; vanishing links dashed with ≈0."""
        if self.graph is None:
            return
        values, grads = self._known
        links = self._flows
        known = {(e.source, e.target) for e in links if e.grad is not None and (grads is None or e.target in grads)}
        logs = [math.log10(abs(e.grad)) for e in links
                if (e.source, e.target) in known and e.grad and math.isfinite(e.grad)]
        lo, hi = (min(logs), max(logs)) if logs else (0.0, 0.0)
        thin, thick = EDGE_WIDTHS
        for e in links:
            edge = self.edges[(e.source, e.target)]
            width, colour = thin, theme.MUTED or "#888888"
            if (e.source, e.target) in known and e.grad and math.isfinite(e.grad):
                share = (math.log10(abs(e.grad)) - lo) / (hi - lo) if hi > lo else 0.5
                width, colour = thin + (thick - thin) * share, theme.FOREGROUND or "#000000"
            vanishing = e.vanishing and (values is None or e.target in values)
            if vanishing:
                width = max(width, 2.5)  # a dash of 1 px is too faint to point at
            style = (round(width, 1), VANISHING_COLOUR if vanishing else colour, vanishing)
            if style != edge.style:
                edge.style = style
                edge.item.setPen(_pen(style[1], style[0], Qt.DashLine if vanishing else Qt.SolidLine))
                edge.mark.setVisible(vanishing)

    # ----- view ------------------------------------------------------------------------------------------
    def _fit(self) -> None:
        rect = self.scene().sceneRect()
        if rect.width() > 0 and rect.height() > 0:
            self.fitInView(rect, Qt.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Keep the whole graph in view."""
        super().resizeEvent(event)
        self._fit()
