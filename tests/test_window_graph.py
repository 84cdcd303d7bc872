"""Issue 11 in the window: the graph dock follows the run; graph-step mode walks one step node by node."""
from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt

from gdviz.ui.graph_view import translate_template
from tests.test_gui import activate


def test_f8_shows_the_graph_of_the_current_run(window, qtbot) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key_F8)
    assert window.graph_dock.isVisible()
    graph = window.graph_mode._graph
    assert graph is not None and graph.order[-1] is graph.loss
    loss = float(graph.loss.value_summary())
    assert abs(loss - window.controller.run.snapshot().train_loss) <= 1e-9 * max(1.0, abs(loss)) or \
        window.graph_panel.whole_batch.isChecked() is False


def test_graph_step_mode_walks_forward_then_backward_and_leaves_the_run_unchanged(window, qtbot) -> None:
    activate(qtbot, window)
    c = window.controller
    c.step_forward(3)
    params, history = c.run.params.copy(), c.run.history.column("params").copy()
    qtbot.keyClick(window, Qt.Key_G)
    assert window.graph_mode.stepping and window.graph_dock.isVisible()
    steps = window.graph_mode.steps
    order = [n.id for n in window.graph_mode._graph.order]
    seen = []
    for _ in range(len(order)):
        qtbot.keyClick(window, Qt.Key_Right)
        seen.append(window.graph_panel.view.highlighted()[0])
    assert seen == order  # forward: topological order
    back = []
    for _ in range(len(order)):
        qtbot.keyClick(window, Qt.Key_PageDown)
        back.append(window.graph_panel.view.highlighted()[0])
    assert back == order[::-1]  # backward: reverse order
    assert steps[-1].phase == "update"
    qtbot.keyClick(window, Qt.Key_Left)
    assert window.graph_panel.view.highlighted()[0] == order[1]
    assert c.run.step == 3
    np.testing.assert_array_equal(c.run.params, params)
    qtbot.keyClick(window, Qt.Key_Escape)
    assert not window.graph_mode.stepping
    np.testing.assert_array_equal(c.run.params, params)
    np.testing.assert_array_equal(c.run.history.column("params"), history)


def test_going_past_the_update_takes_the_real_step(window, qtbot) -> None:
    activate(qtbot, window)
    c = window.controller
    expected = c.run.copy()
    expected.advance(1, stop_on_converged=False)
    window.toggle_graph_step()
    for _ in range(len(window.graph_mode.steps) + 1):
        window._step()
    assert c.run.step == 1
    np.testing.assert_array_equal(c.run.params, expected.params)
    assert window.graph_mode.index == -1  # the next step's sub-steps start


def test_function_mode_says_why_there_is_no_graph(window, qtbot) -> None:
    from gdviz.engine import RunConfig
    c = window.controller
    c.load(RunConfig(function="bowl"))
    window.graph_dock.show()
    window.toggle_graph_step()
    assert not window.graph_mode.stepping
    assert "function" in window.graph_panel.rule.text()


def test_the_graph_of_the_current_mini_batch(window, qtbot) -> None:
    from gdviz.engine import BatchMode
    c = window.controller
    c.set_live(batch_mode=BatchMode.MINI, batch_size=8)
    c.step_forward(3)
    window.graph_dock.show()
    window.graph_panel.whole_batch.setChecked(True)
    graph = window.graph_mode._graph
    snap = c.run.snapshot(preview=False)
    assert graph.n == len(snap.batch_indices) == 8
    window.graph_panel.whole_batch.setChecked(False)
    assert window.graph_mode._graph.n == 1


def test_while_playing_the_maths_and_the_graph_are_rewritten_at_most_ten_times_a_second(window, qtbot,
                                                                                       monkeypatch) -> None:
    # sixty equations or graphs a second cannot be read, and each costs a frame its relayout
    window.graph_dock.show()
    texts, graphs = [], []
    panel, view = window.equations, window.graph_panel.view
    prepare = panel.prepare_text  # every new text is prepared (while playing, shown a frame or two later)
    monkeypatch.setattr(panel, "prepare_text", lambda text: (texts.append(text), prepare(text)))
    original = view.set_graph
    monkeypatch.setattr(view, "set_graph", lambda graph: (graphs.append(graph), original(graph)))
    c = window.controller
    c.set_speed(60, 1)
    start = time.monotonic()
    c.play()
    try:
        qtbot.wait(1000)
        ticks = c.run.step
    finally:
        c.pause()
    most = 10 * (time.monotonic() - start) + 2
    assert ticks >= 5  # the run did play
    assert 1 <= len(texts) <= most and 1 <= len(graphs) <= most
    before = len(texts)
    c.step_forward()  # by hand: at once
    assert len(texts) == before + 1


class _LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt name)
        self.count += event.type() == QEvent.LayoutRequest
        return False


def test_walking_the_node_substeps_keeps_the_layout_and_shows_each_rule_whole(window, qtbot) -> None:
    window.toggle_graph_step()
    mode, panel = window.graph_mode, window.graph_panel
    qtbot.wait(10)
    requests = _LayoutRequests()
    panel.installEventFilter(requests)
    for _ in range(len(mode.steps) - 1):  # every node's sub-step, forward and backward
        mode.forward()
        qtbot.wait(1)
        assert panel.rule.height() >= panel.rule.heightForWidth(panel.rule.width())
        assert panel.rule.text().endswith(mode.steps[mode.index].text(translate_template))
    panel.removeEventFilter(requests)
    assert requests.count == 0  # a new rule text does not lay out the dock (and the window) again
    mode.forward()  # the update: a line a parameter, the area may grow for it
    qtbot.wait(1)
    assert panel.rule.height() >= panel.rule.heightForWidth(panel.rule.width())
    window.toggle_graph_step()
    qtbot.wait(1)
    assert panel.rule.text().startswith("Values and gradients")
    assert panel.rule.height() == panel.rule.heightForWidth(panel.rule.width())  # no room kept after the mode
