"""The graph view: every node drawn, "not computed yet" before the backward pass, the highlight
follows the sub-steps, vanishing links marked, no two boxes overlap."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdviz.engine import Run, RunConfig
from gdviz.engine.graph import build_graph, graph_of_run, param_names, substeps
from gdviz.ui import theme
from gdviz.ui.graph_view import GraphView, layout

MODELS = [("constant", None, None), ("origin", None, None), ("line", None, None), ("poly", 2, None),
          ("poly", 9, None), ("two-layer", None, None), ("two-layer", None, 3), ("two-layer", None, 8)]


def _graph(model, degree=None, hidden=None, activation="sigmoid", sample=None, k1=1.0):
    rng = np.random.default_rng(5)
    x = rng.normal(6.0, 0.7, 40)
    y = 9 * x - 35 + rng.normal(0, 3, 40)
    names = param_names(model, degree, hidden)
    params = {n: (k1 if n.startswith("k1") else 0.5) for n in names}
    return build_graph(model, params, x, y, degree=degree, hidden=hidden, activation=activation, sample=sample)


@pytest.fixture
def view(qtbot):
    v = GraphView()
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    qtbot.waitExposed(v)
    yield v
    theme.set_zoom(1.0)


def _overlaps(v: GraphView) -> list[tuple[str, str]]:
    rects = {i: v.node_rect(i) for i in v.boxes}
    return [(a, b) for a, b in itertools.combinations(rects, 2) if rects[a].intersects(rects[b])]


@pytest.mark.parametrize("model,degree,hidden", MODELS)
def test_every_node_is_drawn_and_no_boxes_overlap(view, model, degree, hidden):
    g = _graph(model, degree, hidden)
    view.set_graph(g)
    assert set(view.boxes) == {n.id for n in g.order}
    assert set(view.edges) == set(g.edges())
    assert _overlaps(view) == []
    for node in g.order:
        title, value, grad = view.node_texts(node.id)
        assert node.label in title
        assert value.startswith("value ") and grad.startswith("grad ")  # live: everything known


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_eight_hidden_units_stay_apart_at_every_zoom(view, activation):
    view.set_graph(_graph("two-layer", hidden=8, activation=activation))
    small = view.node_rect("z_1").height()
    assert _overlaps(view) == []
    theme.set_zoom(2.0)
    view.restyle()
    assert view.node_rect("z_1").height() == pytest.approx(2 * small, rel=0.15)
    assert _overlaps(view) == []
    # a straight link between two operations never runs behind a parameter's box
    g = view.graph
    straight = 0
    for source, target in g.edges():
        a, b = view.node_rect(source), view.node_rect(target)
        if g.nodes[source].kind == "parameter" or abs(a.center().y() - b.center().y()) > 1e-6:
            continue
        straight += 1
        for p in g.params:
            r = view.node_rect(p)
            if a.right() < r.left() and r.right() < b.left():
                assert not r.top() <= a.center().y() <= r.bottom(), (source, target, p)
    assert straight >= 16  # z_j → a_j and a_j → a_j·k2_j


def test_gradients_read_not_computed_yet_until_the_backward_pass(view):
    g = _graph("two-layer", sample=2)
    steps = substeps(g, learning_rate=0.01)
    view.set_graph(g)
    n = len(g.order)
    for index in range(n):  # forward: values appear one by one, no gradient yet
        view.show_substep(steps, index)
        shown = {i: view.node_texts(i) for i in view.boxes}
        assert all(t[2] == "grad: not computed yet" for t in shown.values())
        assert not any("grad 0" == t[2] for t in shown.values())
        done = {s.nodes[0] for s in steps[:index + 1]}
        assert {i for i, t in shown.items() if t[1] != "value: not computed yet"} == done
    view.show_substep(steps, n)  # the loss's gradient first
    assert view.node_texts("L")[2] == "grad 1"
    assert view.node_texts("k1")[2] == "grad: not computed yet"
    view.show_substep(steps, len(steps) - 1)
    assert all("not computed yet" not in view.node_texts(i)[2] for i in view.boxes)


def test_the_highlight_follows_the_substeps(view):
    g = _graph("two-layer", hidden=2)
    steps = substeps(g)
    view.set_graph(g)
    order = [node.id for node in g.order]
    seen = []
    for index, step in enumerate(steps):
        view.show_substep(steps, index)
        seen.append(view.highlighted())
        assert view._ring.path().boundingRect().contains(view.node_rect(step.nodes[0]).center())
    assert [h[0] for h in seen[:len(order)]] == order
    assert [h[0] for h in seen[len(order):-1]] == order[::-1]
    assert seen[-1] == tuple(param_names("two-layer", None, 2))
    view.highlight(None)
    assert view.highlighted() == () and view._ring.path().isEmpty()


def test_vanishing_link_on_the_saturated_sigmoid(view):
    view.set_graph(_graph("two-layer", k1=12.0))  # z ≈ 70: σ′ ≈ e^−70
    edge = view.edges[("z", "a")]
    assert edge.mark.isVisible() and edge.item.pen().style() == Qt.DashLine
    others = [e for key, e in view.edges.items() if key != ("z", "a")]
    assert not any(e.mark.isVisible() for e in others)
    view.set_threshold(0.0)  # σ′ rounds to exactly 0 here: only "below 0" spares it
    assert not edge.mark.isVisible() and edge.item.pen().style() == Qt.SolidLine


def test_edge_width_grows_with_the_gradient(view):
    g = _graph("line")
    view.set_graph(g)
    width = {key: e.item.pen().widthF() for key, e in view.edges.items()}
    grads = {(f.source, f.target): abs(f.grad) for f in view._flows}
    big, small = max(grads, key=grads.get), min(grads, key=grads.get)
    assert width[big] > width[small]
    steps = substeps(g)
    view.show_substep(steps, 2)  # forward: no gradient known, every link thin
    assert len({e.item.pen().widthF() for e in view.edges.values()}) == 1


def test_same_structure_reuses_the_boxes_and_shows_the_scope(view):
    run = Run(RunConfig(data="linear"))
    view.set_graph(graph_of_run(run))
    box = view.boxes["yhat"]
    assert view._scope.text().startswith("80 samples")
    run.advance(5)
    view.set_graph(graph_of_run(run, sample=3))
    assert view.boxes["yhat"] is box
    assert view._scope.text() == "one sample (#3)"
    assert view.node_texts("w")[1] == "value {0:.4g}".format(run.params[0]).replace("-", "−")


def test_no_graph_and_non_finite_values(view):
    view.set_graph(None)
    assert view.boxes == {}
    g = build_graph("line", {"w": 1e200, "b": 1e200}, [1e200, 2.0], [0.0, 1.0])
    view.set_graph(g)
    assert "overflow" in view.node_texts("L")[1]
    assert all("nan" not in "".join(view.node_texts(i)).lower() for i in view.boxes)


def test_layout_is_columns_left_to_right():
    g = _graph("two-layer")
    corners = layout(g, 100, 40, 20, 10)
    for source, target in g.edges():
        assert corners[source].x() < corners[target].x()


def test_the_engines_templates_are_listed_for_translation():
    import gdviz.engine.graph as engine
    from gdviz.ui.graph_view import ENGINE_TEMPLATES
    names = [n for n in dir(engine) if n.split("_")[0] in ("FORWARD", "BACKWARD", "UPDATE", "SCOPE")]
    assert sorted(getattr(engine, n) for n in names) == sorted(ENGINE_TEMPLATES)


def test_texts_formatted_once_a_graph_follow_a_language_and_a_zoom_change(view, qtbot):
    from PySide6.QtWidgets import QApplication

    from gdviz.ui import i18n
    g = _graph("two-layer", sample=2)
    steps = substeps(g, learning_rate=0.01)
    view.set_graph(g)
    view.show_substep(steps, 3)
    english = {i: view.node_texts(i) for i in view.boxes}
    app = QApplication.instance()
    try:
        i18n.set_language(app, "zh_CN")
        qtbot.wait(1)  # Qt posts LanguageChange to the windows
        view.show_substep(steps, 4)
        assert view.node_texts("k2")[1:] == ("值：尚未计算", "梯度：尚未计算")
        assert not view.node_texts("a")[1].startswith("value")
    finally:
        i18n.set_language(app, "en")
        qtbot.wait(1)
    view.show_substep(steps, 3)
    assert {i: view.node_texts(i) for i in view.boxes} == english
    theme.set_zoom(1.5)
    view.restyle()
    view.show_substep(steps, 3)
    assert {i: view.node_texts(i) for i in view.boxes} == english
