"""The graph dock: the computational graph following the run, and graph-step mode, where one
descent step is walked node by node (forward, backward, update) with the transport keys."""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..engine import BatchMode, Run, Snapshot
from ..engine.graph import GraphError, graph_of_run, substeps
from .graph_view import GraphView, translate_template
from .pacing import take_turn
from .widgets import IntBox

LIVE_INTERVAL = 0.1  # seconds between graph refreshes while following a playing run


class RuleArea(QWidget):
    """The rule label, outside any layout, at a height kept for a set of texts.

    A QLabel in a layout lays out its dock and the whole main window again on every setText
    (1–8 ms a sub-step); here a new text repaints the label only. The height changes only for a
    text taller than the room kept, a new set of texts, a new width or a new font."""

    def __init__(self, label: QLabel, parent=None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        label.setAutoFillBackground(True)  # opaque: a new text repaints the label, not the dock beneath
        self._probe = QLabel(self)  # measures texts without touching the label on screen
        self._probe.setWordWrap(True)
        self._probe.setTextInteractionFlags(label.textInteractionFlags())
        self._probe.hide()
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self._room_for: list[str] = []
        self._room = 0

    def show_text(self, text: str, room_for: list[str]) -> None:
        """Show `text`; keep at least the height of the tallest of `room_for` (the same list object
        from call to call is measured once)."""
        self.label.setText(text)
        if room_for is not self._room_for:
            self._room_for = room_for
            self._room = self._height(room_for)
        self._fit()

    def _height(self, texts: list[str]) -> int:
        width = max(1, self.width())
        heights = [0]
        for text in texts:
            self._probe.setText(text)
            heights.append(self._probe.heightForWidth(width))
        return max(heights)

    def _fit(self) -> None:
        text = self.label.text()
        height = max(self._room, 0 if text in self._room_for else self._height([text]))
        if height != self.minimumHeight() or height != self.maximumHeight():
            self.setFixedHeight(height)

    def _remeasure(self) -> None:
        self._room = self._height(self._room_for)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """The label fills the area; a new width wraps the texts anew."""
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())
        if event.oldSize().width() != event.size().width():
            self._remeasure()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """A new font (the presentation zoom) needs a new height."""
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._remeasure()


class GraphPanel(QWidget):
    """The dock's contents: which sample, graph-step mode, the view and the current sub-step's rule."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.view = GraphView()
        self.whole_batch = QCheckBox(self.tr("The current batch"))
        self.whole_batch.setToolTip(self.tr("The samples of the last step's batch (all training points in full-batch "
                                            "descent): values are means over the batch, gradients sums"))
        self.whole_batch.setChecked(False)
        self.whole_batch.setFocusPolicy(Qt.NoFocus)
        self.sample = IntBox(0, 0, 0)
        self.sample.setToolTip(self.tr("The training sample the graph follows (0 is the first)"))
        self.stepping = QCheckBox(self.tr("Graph step mode (G)"))
        self.stepping.setFocusPolicy(Qt.NoFocus)
        self.stepping.setToolTip(self.tr("→ / PgDn and ← / PgUp walk one descent step node by node; Space animates"))
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.rule.setObjectName("graphRule")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sample")))
        top.addWidget(self.sample)
        top.addWidget(self.whole_batch)
        top.addStretch(1)
        top.addWidget(self.stepping)
        col = QVBoxLayout(self)
        col.setContentsMargins(4, 4, 4, 4)
        col.addLayout(top)
        col.addWidget(self.view, 1)
        self.rule_area = RuleArea(self.rule)
        col.addWidget(self.rule_area)

    def show_rule(self, text: str, room_for: list[str] | None = None) -> None:
        """Show `text` below the graph, keeping room for each of `room_for` (default: `text` alone)."""
        self.rule_area.show_text(text, [text] if room_for is None else room_for)


class GraphMode(QObject):
    """Keeps the graph view in step with the run, and walks sub-steps in graph-step mode.

    Leaving graph-step mode leaves the run exactly as it was: the sub-steps only read it. Going
    past the last sub-step (the update) takes the real step and starts the next one's sub-steps."""

    stepping_changed = Signal(bool)
    message = Signal(str)  # a one-line reason the graph cannot be shown

    def __init__(self, panel: GraphPanel, controller, parent=None) -> None:
        super().__init__(parent)
        self.panel, self.view, self.controller = panel, panel.view, controller
        self.stepping = False
        self.index = -1
        self.steps: list = []
        self._texts: list[str] = []  # the rule of each sub-step, from -1 (before the first)
        self._room: list[str] = []  # the rules the rule area keeps room for
        self._graph = None
        self._shown_at = 0.0
        self.rate_limited = False  # set while playing: follows the run ≤ 10 times a second
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        panel.stepping.toggled.connect(self.set_stepping)
        panel.whole_batch.toggled.connect(lambda _on: self.refresh())
        panel.sample.valueChanged.connect(lambda _v: self.refresh())

    @property
    def visible(self) -> bool:
        """Whether the dock is shown (a hidden graph costs nothing)."""
        return self.panel.isVisible()

    def _sample(self) -> int | None:
        return None if self.panel.whole_batch.isChecked() else int(self.panel.sample.value())

    def set_run(self, run: Run) -> None:
        """A new run: the sample box covers its training rows; graph-step mode ends."""
        if self.stepping:
            self.set_stepping(False)
        n = 0 if run.dataset is None else run.dataset.n_train
        blocked = self.panel.sample.blockSignals(True)
        self.panel.sample.setRange(0, max(0, n - 1))
        self.panel.sample.blockSignals(blocked)
        self.refresh(run)

    def on_snapshot(self, _snap: Snapshot) -> None:
        """Follow the run (≤ 10 times a second while it plays); not in graph-step mode."""
        if self.stepping or not self.visible:
            return
        if self.rate_limited and not take_turn(self._shown_at, LIVE_INTERVAL):
            return
        self.refresh()

    def refresh(self, run: Run | None = None) -> None:
        """Rebuild the graph at the run's current parameters."""
        run = run or self.controller.run
        self._shown_at = time.monotonic()
        indices = None
        if self._sample() is None and run.live.batch_mode is not BatchMode.FULL:  # the batch of the last step
            snap = run.snapshot(preview=False)
            indices = snap.batch_indices if snap.batch_indices is not None and len(snap.batch_indices) else None
        try:
            self._graph = graph_of_run(run, sample=self._sample(), indices=indices)
        except GraphError as exc:
            self._graph = None
            self.view.set_graph(None)
            self.panel.show_rule(str(exc))
            return
        self.view.set_graph(self._graph)
        if self.stepping:
            self._start_substeps()
        else:
            self.panel.show_rule(self.tr("Values and gradients at step {0}.").format("{:,}".format(run.step)))

    # ----- graph-step mode ------------------------------------------------------------------
    def set_stepping(self, on: bool) -> None:
        """Enter or leave graph-step mode (the run is paused, never changed)."""
        if on == self.stepping:
            return
        if on and self._graph is None:
            self.refresh()
            if self._graph is None:
                self.panel.stepping.setChecked(False)
                self.message.emit(self.panel.rule.text())
                return
        self.controller.pause()
        self.stepping = on
        self._timer.stop()
        blocked = self.panel.stepping.blockSignals(True)
        self.panel.stepping.setChecked(on)
        self.panel.stepping.blockSignals(blocked)
        if on:
            self._start_substeps()
        else:
            self.refresh()
        self.stepping_changed.emit(on)

    def _start_substeps(self) -> None:
        run = self.controller.run
        preview = run.preview()
        new = None if preview is None else dict(zip(run.param_names, preview.params_after))
        self.steps = substeps(self._graph, learning_rate=run.live.learning_rate, new_params=new)
        self.index = -1
        self._texts = [self._text(i) for i in range(-1, len(self.steps))]  # once a step: the sub-steps reuse them
        # room for the node by node sub-steps; the update (a line a parameter) may need more
        self._room = [t for t, s in zip(self._texts, [None, *self.steps]) if s is None or s.phase != "update"]
        self._show()

    def forward(self) -> None:
        """The next sub-step; after the update, the real step and the next step's first sub-step."""
        if self.index < len(self.steps) - 1:
            self.index += 1
            self._show()
            return
        self._timer.stop()
        self.controller.step_forward()
        self.refresh()

    def back(self) -> None:
        """The previous sub-step (before the first one, nothing is computed yet)."""
        if self.index >= 0:
            self.index -= 1
            self._show()

    def toggle_play(self) -> None:
        """Animate the sub-steps at the chosen speed (frames a second), or stop."""
        if self._timer.isActive():
            self._timer.stop()
        else:
            self._timer.start(max(30, round(1000 / max(1, self.controller.steps_per_second))))

    def _tick(self) -> None:
        if self.index >= len(self.steps) - 1:
            self._timer.stop()
            return
        self.forward()

    def _show(self) -> None:
        self.view.show_substep(self.steps, self.index)
        self.panel.show_rule(self._texts[self.index + 1], self._room)

    def _text(self, index: int) -> str:
        """The rule label of sub-step `index` (-1: before the first)."""
        if index < 0:
            return self.tr("Graph step mode: → or PgDn computes the first node.")
        step = self.steps[index]
        phase = {"forward": self.tr("forward"), "backward": self.tr("backward"), "update": self.tr("update")}[step.phase]
        text = self.tr("{0} {1} of {2} ({3}):").format(self.tr("Sub-step"), index + 1, len(self.steps), phase)
        return text + "\n" + step.text(translate_template)
