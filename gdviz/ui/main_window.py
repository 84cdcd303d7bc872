"""The main window: the composition root that wires the controller, panels and views."""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QDockWidget, QLabel, QLineEdit,
                               QMainWindow, QScrollArea, QSplitter, QToolBar, QToolButton,
                               QVBoxLayout, QWidget)

from ..engine import Run, Snapshot, Status
from . import theme
from .controller import RunController
from .data_view import DataView
from .equation_panel import EquationPanel, num
from .landscape_view import CurveView, SectionsView, SurfaceView
from .loss_view import LossView
from .panels import SettingsPanel

KEYS = {  # action → keys (presenter remotes send PgUp / PgDn)
    "toggle": ("Space",), "step": ("Right", "PgDown"), "back": ("Left", "PgUp"),
    "reset": ("Home",), "slower": ("[",), "faster": ("]",), "pin": ("P",),
}


class TypingGuard(QObject):
    """Lets number and text boxes keep the transport keys while the user types (PgUp steps a spin box)."""

    def __init__(self, keys: set[int], parent=None) -> None:
        super().__init__(parent)
        self.keys = keys

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if (event.type() == QEvent.ShortcutOverride and event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier)
                and event.key() in self.keys and isinstance(obj, (QAbstractSpinBox, QLineEdit))):
            event.accept()  # the key goes to the box, not to a shortcut
            return True
        return False


class MessageBanner(QLabel):
    """A one-line message above the views: red for errors, hides itself after a while."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setWordWrap(True)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_message(self, text: str, error: bool = True) -> None:
        """Show one line for 8 seconds."""
        colour = ("#fde8e8", "#a00000") if error else ("#eef4fd", "#123c7a")
        self.setStyleSheet(f"QLabel#messageBanner {{ background: {colour[0]}; color: {colour[1]};"
                           " font-size: 14pt; padding: 6px 10px; border-radius: 4px; }")
        self.setText(("⚠ " if error else "") + text)
        self.show()
        self._timer.start(8000)


class MainWindow(QMainWindow):
    """gdviz's window: settings on the left, data and loss in the middle, maths on the right."""

    def __init__(self, run: Run | None = None) -> None:
        super().__init__()
        theme.configure()
        self.setWindowTitle("gdviz — gradient descent, live")
        self.controller = RunController(run or Run(), self)
        self.data_view = DataView()
        self.loss_view = LossView()
        self.surface = SurfaceView()
        self.curve = CurveView()
        self.sections = SectionsView()
        self.equations = EquationPanel()
        self.show_landscape = self.show_sections = True
        self.panel = SettingsPanel(self.controller)
        self.banner = MessageBanner()
        self._last_snap: Snapshot | None = None
        self._status_at = 0.0
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(lambda: self._last_snap and self._show_status(self._last_snap))
        self._build_layout()
        self._build_toolbar()
        self._build_status_bar()
        self._build_shortcuts()
        self._wire()
        self._on_run(self.controller.run)
        self.controller.refresh()

    # ----- layout -------------------------------------------------------------------------
    def _build_layout(self) -> None:
        """Views in a 2 × 2 grid of splitters; settings and maths in docks (View menu, F9, F10)."""
        top, bottom = QSplitter(Qt.Horizontal), QSplitter(Qt.Horizontal)
        for widget in (self.data_view, self.surface, self.curve):
            top.addWidget(widget)
        bottom.addWidget(self.loss_view)
        bottom.addWidget(self.sections)
        self._top_row = top
        plots = QSplitter(Qt.Vertical)
        plots.addWidget(top)
        plots.addWidget(bottom)
        plots.setSizes([560, 380])
        self.splitter = plots
        central = QWidget()
        col = QVBoxLayout(central)
        col.setContentsMargins(4, 4, 4, 4)
        col.addWidget(self.banner)
        col.addWidget(plots, 1)
        self.setCentralWidget(central)
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(self.panel.sizeHint().width() + 24)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        eq_scroll = QScrollArea()
        eq_scroll.setWidget(self.equations)
        eq_scroll.setWidgetResizable(True)
        self.docks = {}
        view_menu = self.menuBar().addMenu("&View")
        for name, title, widget, area, key in (("settings", "Settings", scroll, Qt.LeftDockWidgetArea, "F9"),
                                               ("maths", "The maths", eq_scroll, Qt.RightDockWidgetArea, "F10")):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock_{name}")
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetMovable)
            self.addDockWidget(area, dock)
            action = dock.toggleViewAction()
            action.setShortcut(QKeySequence(key))
            view_menu.addAction(action)
            self.docks[name] = dock
        self.resizeDocks([self.docks["settings"], self.docks["maths"]], [360, 450], Qt.Horizontal)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Transport")
        bar.setObjectName("transport")
        bar.setMovable(False)
        bar.setStyleSheet("QToolButton { font-size: 14pt; padding: 4px 12px; }")
        self.addToolBar(Qt.TopToolBarArea, bar)
        self.buttons: dict[str, QToolButton] = {}
        for name, text, tip, slot in (
            ("reset", "|◀ Reset", "Back to step 0 (Home)", self.controller.reset),
            ("back", "◀ Back", "Step back (Left, PgUp)", self.controller.step_back),
            ("toggle", "▶ Play", "Play / pause (Space)", self.controller.toggle),
            ("step", "Step ▶", "One step (Right, PgDn)", self.controller.step_forward),
            ("slower", "« Slower", "Slower ( [ )", self.controller.slower),
            ("faster", "Faster »", "Faster ( ] )", self.controller.faster),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.NoFocus)  # a focused button would swallow Space
            button.clicked.connect(lambda _=False, s=slot: s())
            bar.addWidget(button)
            self.buttons[name] = button
        self.speed_label = QLabel()
        self.speed_label.setStyleSheet("font-size: 13pt; padding-left: 12px;")
        bar.addWidget(self.speed_label)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setStyleSheet("QStatusBar { font-size: 13pt; } QLabel { padding: 0 10px; }")
        self.status_labels = {name: QLabel() for name in ("step", "epoch", "loss", "params", "state")}
        for name, label in self.status_labels.items():
            label.setObjectName(f"status_{name}")
            bar.addPermanentWidget(label, 1 if name == "params" else 0)

    def _build_shortcuts(self) -> None:
        actions = {"toggle": self.controller.toggle, "step": self.controller.step_forward,
                   "back": self.controller.step_back, "reset": self.controller.reset,
                   "slower": self.controller.slower, "faster": self.controller.faster,
                   "pin": self.data_view.pin_current}
        self.shortcuts: list[QShortcut] = []
        codes = {QKeySequence(k)[0].key() for keys in KEYS.values() for k in keys}
        self.typing_guard = TypingGuard(codes, self)
        QApplication.instance().installEventFilter(self.typing_guard)
        for name, keys in KEYS.items():
            for key in keys:
                sc = QShortcut(QKeySequence(key), self)
                sc.setContext(Qt.ApplicationShortcut)
                sc.activated.connect(lambda a=actions[name]: self._shortcut(a))
                self.shortcuts.append(sc)

    def _shortcut(self, action) -> None:
        """Run a transport action unless the user is typing into a number or text box."""
        focus = QApplication.focusWidget()
        if isinstance(focus, (QAbstractSpinBox, QLineEdit)) and focus.hasFocus():
            return
        action()

    # ----- wiring: every connection in one place ------------------------------------------
    def _wire(self) -> None:
        c = self.controller
        c.run_replaced.connect(self._on_run)
        for view in (self.data_view, self.loss_view, self.surface, self.curve, self.sections, self.equations):
            c.snapshot_changed.connect(view.on_snapshot)
        for view in (self.data_view, self.loss_view, self.surface, self.curve):  # the views that draw races
            c.race_changed.connect(view.set_race)
            c.race_snapshots.connect(view.on_race_snapshots)
            c.ghosts_changed.connect(view.set_ghosts)
        c.snapshot_changed.connect(self._show_status)
        c.playing_changed.connect(self._show_playing)
        c.playing_changed.connect(self._set_rate_limited)
        c.playing_changed.connect(lambda _: self._last_snap and self._show_status(self._last_snap))
        c.speed_changed.connect(self._show_speed)
        c.error.connect(lambda text: self.banner.show_message(text, error=True))
        c.info.connect(lambda text: self.banner.show_message(text, error=False))
        self.panel.residuals_toggled.connect(self.data_view.set_show_residuals)
        self.panel.log_scale_toggled.connect(self.loss_view.set_log_scale)
        self.panel.trail_changed.connect(self.data_view.set_trail_length)
        self.panel.pins_changed.connect(self.data_view.set_pinned_steps)
        self.panel.pin_requested.connect(self.data_view.pin_current)
        self.panel.landscape_toggled.connect(lambda on: self._set_shown(landscape=on))
        self.panel.sections_toggled.connect(lambda on: self._set_shown(sections=on))
        self.panel.lock_range_toggled.connect(self.surface.lock_range)
        self.panel.equal_scales_toggled.connect(self.surface.set_equal_scales)
        self.panel.contours_toggled.connect(self.surface.set_show_contours)
        self.panel.log_levels_toggled.connect(self.surface.set_log_levels)
        if hasattr(self.panel, "learning_rate_toggled"):  # the panel's checkbox may not be there yet
            self.panel.learning_rate_toggled.connect(self.loss_view.set_show_learning_rate)
        self.surface.start_picked.connect(self._start_picked)
        self._pick_timer = QTimer(self)  # a drag sends many points: restart at most every 40 ms
        self._pick_timer.setSingleShot(True)
        self._pick_timer.setInterval(40)
        self._pick_timer.timeout.connect(self._apply_pick)
        self._picked: tuple[float, float] | None = None
        self._show_speed(c.steps_per_second, c.steps_per_frame)

    def _on_run(self, run: Run) -> None:
        for view in (self.data_view, self.loss_view, self.surface, self.curve, self.sections, self.equations):
            view.set_run(run)
        self._set_shown()

    def _set_shown(self, landscape: bool | None = None, sections: bool | None = None) -> None:
        """Show the views that fit the run: data (not for functions), surface or curve, sections."""
        if landscape is not None:
            self.show_landscape = landscape
        if sections is not None:
            self.show_sections = sections
        run = self.controller.run
        two = len(run.param_names) == 2
        self.data_view.setVisible(not run.is_function)
        self.surface.setVisible(two and (self.show_landscape or run.is_function))
        self.curve.setVisible(not two and (self.show_landscape or run.is_function))
        self.sections.setVisible(two and self.show_sections)
        top = self._top_row  # a view shown again would keep a sliver of width: share the row equally
        top.setSizes([1000 if top.widget(i).isVisibleTo(self) else 0 for i in range(top.count())])

    def _set_rate_limited(self, playing: bool) -> None:
        """While playing, text and path colours refresh ≤ 10 times a second; by hand, at once."""
        self.equations.rate_limited = self.surface.rate_limited = playing
        if not playing:
            self.controller.refresh()

    def _start_picked(self, p0: float, p1: float) -> None:
        self._picked = (p0, p1)
        if not self._pick_timer.isActive():
            self._pick_timer.start()

    def _apply_pick(self) -> None:
        """Restart from the point picked on the surface (click or drag)."""
        if self._picked is None:
            return
        names = self.controller.run.param_names
        self.controller.set_config(init=tuple(zip(names, self._picked)))
        self._picked = None

    # ----- small views --------------------------------------------------------------------
    def _show_status(self, snap: Snapshot) -> None:
        """The status bar; while playing at most 10 times a second (relayouts cost 2 ms a frame)."""
        self._last_snap = snap
        if self.equations.rate_limited and time.monotonic() - self._status_at < 0.1:
            if not self._status_timer.isActive():
                self._status_timer.start(100)
            return
        self._status_timer.stop()
        self._status_at = time.monotonic()
        labels = self.status_labels
        labels["step"].setText(f"step <b>{snap.step:,}</b>")
        labels["epoch"].setText(f"epoch <b>{snap.epoch:,}</b>")
        val = f"  val <b>{num(snap.val_loss)}</b>" if snap.val_loss is not None else ""
        labels["loss"].setText(f"loss <b>{num(snap.train_loss)}</b>{val}")
        labels["params"].setText("   ".join(f"{n} = <b>{num(v)}</b>" for n, v in zip(snap.param_names, snap.params)))
        colour = {Status.DIVERGED: theme.DIVERGED, Status.CONVERGED: theme.CONVERGED}.get(snap.status, "#333")
        text = snap.message if snap.status in (Status.DIVERGED, Status.CONVERGED) else snap.status.value
        if self.controller.playing:
            text = "running"
        elif snap.status is Status.RUNNING:
            text = "paused"
        labels["state"].setText(f"<span style='color:{colour}'><b>{text}</b></span>")

    def _show_playing(self, playing: bool) -> None:
        self.buttons["toggle"].setText("❚❚ Pause" if playing else "▶ Play")

    def _show_speed(self, steps_per_second: int, steps_per_frame: int) -> None:
        rate = steps_per_second * steps_per_frame
        self.speed_label.setText(f"speed: {rate:,} steps/s  ({steps_per_second} frames/s × {steps_per_frame})")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.controller.pause()
        QApplication.instance().removeEventFilter(self.typing_guard)
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
