"""The main window: the composition root that wires the controller, panels and views."""
from __future__ import annotations

import logging
import math
import sys
import time
import traceback
from pathlib import Path

import numpy as np

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QPixmapCache, QShortcut
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QDockWidget, QFileDialog, QFormLayout, QLabel,
                               QLineEdit, QMainWindow, QMessageBox, QScrollArea, QSplitter, QToolBar, QToolButton,
                               QVBoxLayout, QWidget)

from ..engine import LiveSettings, Run, RunConfig, Snapshot, Status
from . import theme
from .controller import RunController
from .data_view import DataView
from .equation_panel import EquationPanel, num
from .export import ExportDialog, copy_image, save_image
from .graph_mode import GraphMode, GraphPanel
from .i18n import engine_text
from .loader import CsvImport
from .overlays import KeysOverlay, PresentationBar, StabilityOffer
from .pacing import take_turn
from .landscape_view import CurveView, SectionsView, SurfaceView
from .loss_view import LossView
from .panels import SettingsPanel
from .widgets import SteadyLabel

KEYS = {  # action → keys (presenter remotes send PgUp / PgDn)
    "toggle": ("Space",), "step": ("Right", "PgDown"), "back": ("Left", "PgUp"),
    "reset": ("Home",), "slower": ("[",), "faster": ("]",), "pin": ("P",), "reset_view": ("A",),
    "keys": ("F1", "?"), "escape": ("Escape",), "graph_step": ("G",), "record": ("R",),
}
MAX_RECENT = 8
LOG = logging.getLogger("gdviz")
GAP = "\u00a0\u00a0 "  # between the parts of a rich-text line (plain spaces there fold into one; no-break spaces keep)
FAST_FRAMES = 0.04  # s between frames below which a refresh of the text is spread over frames (≥ 25 a second)
ZOOMS = (0.75, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
DOCK_SHARE = {"settings": 0.24, "maths": 0.19}  # of the window's width: the plots keep ≥ 55 %
TABBED_SHARE = 0.28
TABS_BELOW = 1400
STABILITY_MAX_N = 100_000  # above this a per-sample loss is not differentiated twice on every edit
VIEW_BOXES = ("residuals", "log_scale", "log_steps", "show_lr", "landscape", "sections", "lock_range", "equal_scales",
              "contours", "log_levels")  # the panel's view options a rebuilt window keeps  # a first start narrower than this shows settings and maths as tabs of one dock


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _dropped_kind(path: str) -> str | None:
    """What a dropped file is: "session", "csv" or None."""
    lower = path.lower()
    if lower.endswith(".gdviz"):
        return "session"
    if lower.endswith((".csv", ".txt", ".tsv")):
        return "csv"
    return None


def key_rows() -> list[tuple[str, str]]:
    """Every key of the window and what it does (the keys overlay lists them)."""
    t = _tr
    return [("Space", t("play / pause")), ("→  PgDn", t("one step")), ("←  PgUp", t("one step back")),
            ("Home", t("back to step 0")), ("[  ]", t("slower / faster")), ("P", t("pin the current line")),
            ("A", t("reset every view's framing")), (t("Shift+click"), t("pick the start on the surface")),
            ("Ctrl+Z", t("undo a restart")), ("Ctrl+Shift+Z", t("redo")),
            ("F5", t("presentation mode")), ("F11", t("full screen")),
            ("Ctrl+=  Ctrl+−", t("zoom text and lines")), ("Ctrl+0", t("zoom 100 %")),
            ("F9  F10", t("settings / maths panel")), ("F8", t("the computational graph")),
            ("G", t("graph step mode: → ← walk one step node by node")), ("Ctrl+I", t("import a CSV file")),
            ("Ctrl+S  Ctrl+O", t("save / open a session")), ("R", t("start / stop recording a video")),
            ("File > Lessons", t("a tutorial's lesson: PgDn / → next, PgUp / ← back, Escape closes")),
            ("Ctrl+E", t("export an image")), ("Ctrl+Shift+C", t("copy an image")),
            ("Escape", t("leave a box, this sheet or presentation mode")), ("F1  ?", t("this sheet")),
            ("Ctrl+Q", t("quit"))]


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
        self.zoom = 1.0
        self.is_error = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_message(self, text: str, error: bool = True) -> None:
        """Show one line for 8 seconds (errors for 12); an engine, CSV, session or lesson text in the window's
        language."""
        text = engine_text(text)
        colour = ("#fde8e8", "#a00000") if error else ("#eef4fd", "#123c7a")
        self.setStyleSheet(f"QLabel#messageBanner {{ background: {colour[0]}; color: {colour[1]};"
                           f" font-size: {round(14 * self.zoom)}pt; padding: 6px 10px; border-radius: 4px; }}")
        self.setText(("⚠ " if error else "") + text)
        self.is_error = error
        self.show()
        self._timer.start(12000 if error else 8000)

    def clear_error(self) -> None:
        """A good import or restart takes down an old error."""
        if self.is_error:
            self._timer.stop()
            self.hide()
            self.is_error = False


class MainWindow(QMainWindow):
    """gdviz's window: settings on the left, data and loss in the middle, maths on the right."""

    def __init__(self, run: Run | None = None, controller: RunController | None = None) -> None:
        super().__init__()
        theme.configure()
        # Cached items (scatters, legends, settled paths) live in QPixmapCache: its default 10 MB
        # holds a 1600×950 window's caches but not a 1920×1080 one's, which then repaints everything
        # every frame (230 ms instead of 5). 4K at device pixel ratio 2 needs four times as much.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 512 * 1024))
        self.setWindowTitle(self.tr("gdviz — gradient descent, live"))
        if controller is None:
            controller = RunController(run or Run(), self)
        else:  # a window rebuilt around a running controller (language change): the run goes on
            controller.setParent(self)
        self.controller = controller
        self.data_view = DataView()
        self.loss_view = LossView()
        self.surface = SurfaceView()
        self.curve = CurveView()
        self.sections = SectionsView()
        self.equations = EquationPanel()
        self.equations.setMinimumWidth(160)  # the dock takes a share of the width, not a fixed one
        self.views = (self.data_view, self.loss_view, self.surface, self.curve, self.sections, self.equations)
        self.show_landscape = self.show_sections = True
        self.panel = SettingsPanel(self.controller)
        self.graph_panel = GraphPanel()
        self.graph_mode = GraphMode(self.graph_panel, self.controller, self)
        self.banner = MessageBanner()
        self.zoom = 1.0
        self._presenting: dict | None = None  # what presentation mode hid, to restore it
        self._normal_geometry = None  # the window's place before F11 (restored without a window manager too)
        self._import: CsvImport | None = None  # a CSV being read
        self.session_path: str | None = None  # where Save writes
        self.recording = None  # a LiveRecording while R records
        self._last_snap: Snapshot | None = None
        self._rate_limited = False  # while playing: text refreshes ≤ 10 times a second
        self._status_at = 0.0
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(lambda: self._last_snap and self._show_status(self._last_snap))
        self._speed_timer = QTimer(self)  # the measured speed, twice a second while playing
        self._speed_timer.setInterval(500)
        self._speed_timer.timeout.connect(lambda: self._show_speed(self.controller.steps_per_second,
                                                                   self.controller.steps_per_frame))
        self._build_layout()
        self._build_toolbar()
        self._build_status_bar()
        self._build_menus()
        self._build_shortcuts()
        self.keys_overlay = KeysOverlay(key_rows(), self)
        self._wire()
        from .lesson_player import LessonPlayer
        self.lesson_player = LessonPlayer(self)  # shows nothing until a lesson is opened
        self._build_lessons_menu()
        self._install_excepthook()
        self.setAcceptDrops(True)
        self._show_recent()
        try:  # the panel's Import button reads through the window: preview, thread, progress, Cancel
            self.panel.import_button.clicked.disconnect()
        except (RuntimeError, TypeError):
            pass
        self.panel.import_button.clicked.connect(self._import_dialog)
        self._present_run(self.controller.run)
        self._restore_preferences()
        self._handing_over = False
        self.controller.reannounce()

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
        self.stability = StabilityOffer()
        col.addWidget(self.stability)
        col.addWidget(plots, 1)
        self.presentation_bar = PresentationBar()
        col.addWidget(self.presentation_bar)
        self.setCentralWidget(central)
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(200)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # rows wrap instead (below)
        for form in self.panel.findChildren(QFormLayout):  # a narrow dock puts a box under its label
            form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        eq_scroll = QScrollArea()
        eq_scroll.setWidget(self.equations)
        eq_scroll.setWidgetResizable(True)
        eq_scroll.setMinimumWidth(180)
        eq_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # the maths wraps to the dock
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowTabbedDocks)
        self.docks: dict[str, QDockWidget] = {}
        for name, title, widget, area in (("settings", self.tr("Settings"), scroll, Qt.LeftDockWidgetArea),
                                          ("maths", self.tr("The maths"), eq_scroll, Qt.RightDockWidgetArea)):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock_{name}")
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetMovable)
            self.addDockWidget(area, dock)
            self.docks[name] = dock
        graph = QDockWidget(self.tr("Computational graph"), self)
        graph.setObjectName("dock_graph")
        graph.setWidget(self.graph_panel)
        graph.setFeatures(QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetMovable |
                          QDockWidget.DockWidgetFloatable)
        self.addDockWidget(Qt.BottomDockWidgetArea, graph)
        graph.hide()  # shown on demand (F8, or G for graph-step mode)
        graph.visibilityChanged.connect(lambda shown: shown and self.graph_mode.refresh())
        self.graph_dock = graph
        self._share_docks()

    def _share_docks(self) -> None:
        """Each dock takes a share of the window's width (not a fixed width): the plots keep the rest."""
        width = max(self.width(), 800)
        if self.tabifiedDockWidgets(self.docks["settings"]):  # one dock of two tabs
            self.resizeDocks([self.docks["settings"]], [round(width * TABBED_SHARE)], Qt.Horizontal)
            return
        docks = [d for d in self.docks.values() if not d.isFloating()]
        self.resizeDocks(docks, [round(width * DOCK_SHARE[n]) for n, d in self.docks.items() if d in docks],
                         Qt.Horizontal)
        if hasattr(self, "graph_dock") and self.graph_dock.isVisible() and not self.graph_dock.isFloating():
            self.resizeDocks([self.graph_dock], [round(max(self.height(), 500) * 0.42)], Qt.Vertical)

    def fit_to_screen(self) -> None:
        """Size the window to at most 90 % of the screen it is on, and share the width with the docks."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            w, h = round(area.width() * 0.9), round(area.height() * 0.9)
            self.resize(w, h)
            self.move(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2)
            if w < TABS_BELOW and not self.actions["tabs"].isChecked():  # a projector: one dock, more plot
                self.actions["tabs"].setChecked(True)
                self.set_docks_tabbed(True)
        self._share_docks()

    def set_docks_tabbed(self, tabbed: bool) -> None:
        """Settings and maths as two tabs of one dock (more room for the plots), or side by side."""
        settings, maths = self.docks["settings"], self.docks["maths"]
        if tabbed:
            self.tabifyDockWidget(settings, maths)
            settings.raise_()
        else:
            self.addDockWidget(Qt.LeftDockWidgetArea, settings)
            self.addDockWidget(Qt.RightDockWidgetArea, maths)
            settings.show()
            maths.show()
        self._share_docks()

    def plots_share(self) -> float:
        """The share of the window's width the plots get (for tests and the bench)."""
        return self.centralWidget().width() / max(1, self.width())

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Transport"))
        bar.setObjectName("transport")
        bar.setMovable(False)
        self.toolbar = bar
        self.addToolBar(Qt.TopToolBarArea, bar)
        self.buttons: dict[str, QToolButton] = {}
        for name, text, tip, slot in (
            ("reset", self.tr("|◀ Reset"), self.tr("Back to step 0 (Home)"), self.controller.reset),
            ("back", self.tr("◀ Back"), self.tr("Step back (Left, PgUp)"), self.controller.step_back),
            ("toggle", self.tr("▶ Play"), self.tr("Play / pause (Space)"), self.controller.toggle),
            ("step", self.tr("Step ▶"), self.tr("One step (Right, PgDn)"), self.controller.step_forward),
            ("slower", "«", self.tr("Slower ( [ )"), self.controller.slower),
            ("faster", "»", self.tr("Faster ( ] )"), self.controller.faster),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.NoFocus)  # a focused button would swallow Space
            button.clicked.connect(lambda _=False, s=slot: s())
            bar.addWidget(button)
            self.buttons[name] = button
        pick = QToolButton()
        pick.setText(self.tr("⊕ Pick start"))
        pick.setToolTip(self.tr("Click or drag on the surface to choose the start (or Shift+click any time)"))
        pick.setCheckable(True)
        pick.setFocusPolicy(Qt.NoFocus)
        pick.toggled.connect(self._set_pick_mode)
        bar.addWidget(pick)
        self.buttons["pick"] = pick
        self.speed_label = QLabel()
        bar.addWidget(self.speed_label)
        self.rec_label = QLabel()
        self.rec_label.setStyleSheet("color: #c0002a; font-weight: bold; padding-left: 12px;")
        self.rec_action = bar.addWidget(self.rec_label)  # a toolbar widget shows and hides through its action
        self.rec_action.setVisible(False)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_labels = {name: SteadyLabel() for name in ("step", "epoch", "loss", "params", "state")}
        for name, label in self.status_labels.items():
            label.setObjectName(f"status_{name}")
            bar.addPermanentWidget(label)
            if name == "params":  # the room left over, between the numbers and the state at the right end
                bar.addPermanentWidget(QWidget(), 1)

    def _action(self, menu, text: str, slot, keys=(), checkable: bool = False, name: str = "") -> QAction:
        """A menu action that also works while the menu bar is hidden (presentation mode)."""
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        self.actions[name or text] = action
        return action

    def _build_menus(self) -> None:
        """File, Edit, View and Help, as desktop programs have them."""
        self.actions: dict[str, QAction] = {}
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self._action(file, self.tr("&Open session…"), self.open_session_dialog, ("Ctrl+O",), name="open")
        self.recent_menu = file.addMenu(self.tr("Open &recent"))
        self._action(file, self.tr("&Save session"), self.save_session, ("Ctrl+S",), name="save")
        self._action(file, self.tr("Save session &as…"), self.save_session_as, ("Ctrl+Shift+S",), name="save_as")
        file.addSeparator()
        self._action(file, self.tr("&Import CSV…"), self._import_dialog, ("Ctrl+I",), name="import")
        file.addSeparator()
        self._action(file, self.tr("&Record video… (R)"), self.toggle_recording, name="record")
        file.addSeparator()
        self.lessons_menu = file.addMenu(self.tr("&Lessons"))
        file.addSeparator()
        self._action(file, self.tr("&Export image…"), self.export_image_dialog, ("Ctrl+E",), name="export")
        self._action(file, self.tr("&Copy image"), lambda: self.copy_image(), ("Ctrl+Shift+C",), name="copy")
        file.addSeparator()
        self._action(file, self.tr("&Quit"), self.close, ("Ctrl+Q",), name="quit")
        edit = bar.addMenu(self.tr("&Edit"))
        self._action(edit, self.tr("&Undo restart"), self.controller.undo, ("Ctrl+Z",), name="undo")
        self._action(edit, self.tr("&Redo restart"), self.controller.redo, ("Ctrl+Shift+Z", "Ctrl+Y"), name="redo")
        self._show_undo(False, False)
        view = bar.addMenu(self.tr("&View"))
        for name, key in (("settings", "F9"), ("maths", "F10")):
            action = self.docks[name].toggleViewAction()
            action.setShortcut(QKeySequence(key))
            view.addAction(action)
            self.addAction(action)
            self.actions[name] = action
        self._action(view, self.tr("Settings and maths as &tabs"), self.set_docks_tabbed, checkable=True,
                     name="tabs")
        graph = self.graph_dock.toggleViewAction()
        graph.setShortcut(QKeySequence("F8"))
        view.addAction(graph)
        self.addAction(graph)
        self.actions["graph"] = graph
        view.addSeparator()
        self._action(view, self.tr("&Presentation mode"), self.set_presentation, ("F5",), True, "present")
        self._action(view, self.tr("&Full screen"), self.set_full_screen, ("F11",), True, "fullscreen")
        self._action(view, self.tr("Zoom &in"), lambda: self.step_zoom(+1), ("Ctrl+=", "Ctrl++"), name="zoom_in")
        self._action(view, self.tr("Zoom &out"), lambda: self.step_zoom(-1), ("Ctrl+-",), name="zoom_out")
        self._action(view, self.tr("Zoom 100 %"), lambda: self.set_zoom(1.0), ("Ctrl+0",), name="zoom_reset")
        self._action(view, self.tr("&Reset framing"), self.reset_views, name="reset_view")
        schemes = theme.SCHEMES
        if schemes:
            menu = view.addMenu(self.tr("&Theme"))
            group = QActionGroup(self)
            for scheme in schemes:
                action = self._action(menu, QCoreApplication.translate("Theme", scheme),
                                      lambda _=False, n=scheme: self.set_scheme(n), checkable=True,
                                      name=f"scheme:{scheme}")
                group.addAction(action)
        from .i18n import LANGUAGES, current_language, set_language
        languages = view.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():  # each language's name in its own script
            action = self._action(languages, name, lambda _=False, c=code: set_language(QApplication.instance(), c),
                                  checkable=True, name=f"lang:{code}")
            action.setChecked(code == current_language())
            group.addAction(action)
        help_ = bar.addMenu(self.tr("&Help"))
        self._action(help_, self.tr("&Keys"), self.toggle_keys, name="keys")
        self._action(help_, self.tr("The &tutorials"), self._show_tutorials, name="tutorials")
        self._action(help_, self.tr("&About gdviz"), self._show_about, name="about")

    def _guard_focused_box(self, _old, now) -> None:
        if isinstance(now, (QAbstractSpinBox, QLineEdit)) and now.window() is self:
            now.installEventFilter(self.typing_guard)  # once: Qt does not install a filter twice

    def _build_shortcuts(self) -> None:
        actions = {"toggle": self._toggle, "step": self._step, "back": self._back, "reset": self.controller.reset,
                   "slower": self.controller.slower, "faster": self.controller.faster,
                   "pin": self.data_view.pin_current, "reset_view": self.reset_views,
                   "keys": self.toggle_keys, "escape": self._escape, "graph_step": self.toggle_graph_step,
                   "record": self.toggle_recording}
        self.shortcuts: list[QShortcut] = []
        codes = {QKeySequence(k)[0].key() for keys in KEYS.values() for k in keys}
        self.typing_guard = TypingGuard(codes, self)
        # on the box that takes the focus, not on the application: an application-wide Python filter
        # is called for every event of every widget (paints included), some 18 µs each
        QApplication.instance().focusChanged.connect(self._guard_focused_box)
        for name, keys in KEYS.items():
            for key in keys:
                sc = QShortcut(QKeySequence(key), self)
                sc.setContext(Qt.ApplicationShortcut)
                sc.activated.connect(lambda a=actions[name]: self._shortcut(a))
                self.shortcuts.append(sc)

    def _toggle(self) -> None:
        if self.graph_mode.stepping:
            self.graph_mode.toggle_play()
        elif not (self.lesson_player.is_open and self.lesson_player.toggle()):
            self.controller.toggle()

    def _step(self) -> None:
        """→ / PgDn: the next sub-step in graph-step mode, the next action of a lesson, else one step."""
        if self.graph_mode.stepping:
            self.graph_mode.forward()
        elif self.lesson_player.is_open:
            self.lesson_player.next()
        else:
            self.controller.step_forward()

    def _back(self) -> None:
        if self.graph_mode.stepping:
            self.graph_mode.back()
        elif self.lesson_player.is_open:
            self.lesson_player.prev()
        else:
            self.controller.step_back()

    # ----- lessons ------------------------------------------------------------------------
    def _build_lessons_menu(self) -> None:
        """File > Lessons: the built-in lessons (one per tutorial), your own, and Close."""
        from ..lesson import builtin_lessons
        from .lesson_player import lesson_language
        menu = self.lessons_menu
        menu.clear()
        language = lesson_language()
        for name, titles in builtin_lessons():
            action = menu.addAction(titles.get(language) or titles.get("en") or name)
            action.triggered.connect(lambda _=False, n=name: self.open_lesson(n))
        menu.addSeparator()
        menu.addAction(self.tr("Open a lesson file…"), self._open_lesson_dialog)
        self.close_lesson_action = menu.addAction(self.tr("Close the lesson"), self.lesson_player.close)
        self.close_lesson_action.setEnabled(False)
        self.lesson_player.position_changed.connect(lambda *_: self.close_lesson_action.setEnabled(True))
        self.lesson_player.closed.connect(lambda: self.close_lesson_action.setEnabled(False))

    def open_lesson(self, name_or_path: str) -> bool:
        """Open a built-in lesson by name, or a lesson file; PgDn / → walk it, Escape closes it."""
        from ..lesson import LessonError, find_lesson
        try:
            lesson = find_lesson(name_or_path)
        except LessonError as exc:
            self.banner.show_message(str(exc))
            return False
        return bool(self.lesson_player.open(lesson))

    def _open_lesson_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open lesson"), "",
                                              self.tr("gdviz lessons (*.json);;All files (*)"))
        if path:
            self.open_lesson(path)

    def toggle_graph_step(self) -> None:
        """Graph-step mode on or off (shows the graph first)."""
        if not self.graph_mode.stepping:
            self.graph_dock.show()
        self.graph_mode.set_stepping(not self.graph_mode.stepping)

    def _shortcut(self, action) -> None:
        """Run a transport action unless the user is typing into a number or text box."""
        focus = QApplication.focusWidget()
        if isinstance(focus, (QAbstractSpinBox, QLineEdit)) and focus.hasFocus():
            return
        if QApplication.activeModalWidget() is not None:
            return
        action()

    # ----- wiring: every connection in one place ------------------------------------------
    def _wire(self) -> None:
        c = self.controller
        c.presenter = self._present_run  # a new run reaches every view before it becomes current
        for view in (self.data_view, self.loss_view, self.surface, self.curve, self.sections):
            c.snapshot_changed.connect(view.on_snapshot)
        for view in (self.data_view, self.loss_view, self.surface, self.curve):  # the views that draw races
            c.race_changed.connect(view.set_race)
            c.race_snapshots.connect(view.on_race_snapshots)
            c.ghosts_changed.connect(view.set_ghosts)
        c.snapshot_changed.connect(self._show_status)  # the maths panel too, with the same step
        c.snapshot_changed.connect(self.graph_mode.on_snapshot)
        c.snapshot_changed.connect(self._diverged_cures)
        self.graph_mode.message.connect(lambda text: self.banner.show_message(text, error=False))
        c.playing_changed.connect(self._show_playing)
        c.playing_changed.connect(self._set_rate_limited)
        c.playing_changed.connect(lambda _: self._last_snap and self._show_status(self._last_snap))
        c.speed_changed.connect(self._show_speed)
        c.undo_changed.connect(self._show_undo)
        c.converged.connect(self._show_converged)
        c.error.connect(lambda text: self.banner.show_message(text, error=True))
        c.info.connect(lambda text: self.banner.show_message(text, error=False))
        c.run_replaced.connect(lambda _run: self.banner.clear_error())
        c.run_replaced.connect(lambda _run: self.check_stability())
        c.live_changed.connect(lambda _live: self.check_stability())
        self.stability.standardise.clicked.connect(lambda: self.controller.set_config(standardise=True))
        self.stability.safe_rate.clicked.connect(lambda: self.controller.set_live(learning_rate=self.stability.rate))
        self.panel.residuals_toggled.connect(self.data_view.set_show_residuals)
        self.panel.log_scale_toggled.connect(self.loss_view.set_log_scale)
        self.panel.log_steps_toggled.connect(self.loss_view.set_log_steps)
        self.panel.trail_changed.connect(self.data_view.set_trail_length)
        self.panel.pins_changed.connect(self.data_view.set_pinned_steps)
        self.panel.pin_requested.connect(self.data_view.pin_current)
        self.panel.landscape_toggled.connect(lambda on: self._set_shown(landscape=on))
        self.panel.sections_toggled.connect(lambda on: self._set_shown(sections=on))
        self.panel.lock_range_toggled.connect(self.surface.lock_range)
        self.panel.equal_scales_toggled.connect(self.surface.set_equal_scales)
        self.panel.contours_toggled.connect(self.surface.set_show_contours)
        self.panel.log_levels_toggled.connect(self.surface.set_log_levels)
        self.panel.learning_rate_toggled.connect(self.loss_view.set_show_learning_rate)
        self.surface.start_picked.connect(self._start_picked)
        self.data_view.points_edited.connect(self.panel.load_points)  # drawn points: each edit an undoable restart
        self._pick_timer = QTimer(self)  # a drag sends many points: restart at most every 40 ms
        self._pick_timer.setSingleShot(True)
        self._pick_timer.setInterval(40)
        self._pick_timer.timeout.connect(self._apply_pick)
        self._picked: tuple[float, float] | None = None
        self._pick_dragging = False
        self._show_speed(c.steps_per_second, c.steps_per_frame)

    def _present_run(self, run: Run) -> None:
        """Give every view the run (the controller's transaction: raises if a view cannot)."""
        for view in self.views:
            view.set_run(run)
        self.graph_mode.set_run(run)
        self._set_shown(run=run)

    def _set_shown(self, landscape: bool | None = None, sections: bool | None = None, run: Run | None = None) -> None:
        """Show the views that fit the run: data (not for functions), surface or curve, sections."""
        if landscape is not None:
            self.show_landscape = landscape
        if sections is not None:
            self.show_sections = sections
        run = run or self.controller.run
        many = len(run.param_names) >= 2  # a surface (a slice through the current point above two) and sections
        self.data_view.setVisible(not run.is_function)
        self.surface.setVisible(many and (self.show_landscape or run.is_function))
        self.curve.setVisible(not many and (self.show_landscape or run.is_function))
        self.sections.setVisible(many and self.show_sections)
        self.status_labels["epoch"].setVisible(not run.is_function)
        top = self._top_row  # a view shown again would keep a sliver of width: share the row equally
        top.setSizes([1000 if top.widget(i).isVisibleTo(self) else 0 for i in range(top.count())])

    def _set_rate_limited(self, playing: bool) -> None:
        """While playing, text and path colours refresh ≤ 10 times a second; by hand, at once."""
        self.surface.rate_limited = self._rate_limited = playing
        self.sections.rate_limited = self.equations.rate_limited = self.graph_mode.rate_limited = playing
        if playing:
            self._speed_timer.start()
        else:
            self._speed_timer.stop()
            self.controller.refresh()
        self._show_speed(self.controller.steps_per_second, self.controller.steps_per_frame)

    # ----- picking the start ----------------------------------------------------------------
    def _set_pick_mode(self, on: bool) -> None:
        self.surface.set_pick_mode(on)

    def _start_picked(self, p0: float, p1: float) -> None:
        self._picked = (p0, p1)
        if not self._pick_timer.isActive():
            self._pick_timer.start()

    def _apply_pick(self) -> None:
        """Restart from the point picked on the surface (click or drag); one drag is one undo step."""
        if self._picked is None:
            return
        names = self.controller.run.param_names
        self.controller.set_config(init=tuple(zip(names, self._picked)))
        self._picked = None

    # ----- view options -------------------------------------------------------------------
    def reset_views(self) -> None:
        """Every view back to automatic framing (after a Ctrl+wheel zoom)."""
        for view in self.views:
            if hasattr(view, "reset_view"):
                view.reset_view()

    def set_zoom(self, zoom: float) -> None:
        """Scale every font and line width (presentation zoom); remembered."""
        self.zoom = max(ZOOMS[0], min(ZOOMS[-1], float(zoom)))
        theme.set_zoom(self.zoom)
        pt = round(12 * self.zoom)
        self.toolbar.setStyleSheet("QToolButton { font-size: %dpt; padding: 2px 8px; } QLabel { font-size: %dpt;"
                                   " padding-left: 8px; }" % (round(13 * self.zoom), round(11 * self.zoom)))
        self.statusBar().setStyleSheet("QStatusBar { font-size: %dpt; } QLabel { padding: 0 10px; }" % round(13 * self.zoom))
        self.banner.zoom = self.zoom
        self.presentation_bar.set_zoom(self.zoom)
        if hasattr(self, "lesson_player"):
            self.lesson_player.caption.set_zoom(self.zoom)
        app_font = QApplication.font()
        app_font.setPointSize(pt)
        self.menuBar().setFont(app_font)
        for dock in self.docks.values():
            dock.setFont(app_font)
        panel_font = QApplication.font()  # the teacher's controls: smaller than what the class reads
        panel_font.setPointSizeF(10.5 * self.zoom)
        self.panel.setFont(panel_font)
        self.graph_panel.setFont(panel_font)
        self._restyle()
        QSettings().setValue("view/zoom", self.zoom)

    def step_zoom(self, direction: int) -> None:
        """One rung up or down the zoom ladder."""
        if direction > 0:
            zoom = next((z for z in ZOOMS if z > self.zoom + 1e-9), ZOOMS[-1])
        else:
            zoom = next((z for z in reversed(ZOOMS) if z < self.zoom - 1e-9), ZOOMS[0])
        self.set_zoom(zoom)
        self.banner.show_message(self.tr("Zoom {0} %").format(round(zoom * 100)), error=False)

    def set_scheme(self, name: str) -> None:
        """Standard or high-contrast colours; remembered."""
        theme.set_scheme(name)
        action = self.actions.get(f"scheme:{name}")
        if action is not None:
            action.setChecked(True)
        self._restyle()
        QSettings().setValue("view/scheme", name)

    def _restyle(self) -> None:
        for view in (*self.views, self.graph_panel.view):
            view.restyle()
        self.controller.refresh()

    def _restore_preferences(self) -> None:
        settings = QSettings()
        scheme = settings.value("view/scheme", "", type=str)
        if scheme and scheme in theme.SCHEMES:
            self.set_scheme(scheme)
        self.set_zoom(settings.value("view/zoom", 1.0, type=float))

    # ----- presentation -------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        """Full screen, docks, menus and toolbar hidden, and a slim line with step, η, loss and state."""
        self.actions["present"].setChecked(on)
        if on == (self._presenting is not None):
            return
        if on:
            self._presenting = {"docks": {n: d.isVisible() for n, d in self.docks.items()},
                                "full": self.isFullScreen(), "maximised": self.isMaximized(),
                                "geometry": self.geometry()}
            self._presenting["graph"] = self.graph_dock.isVisible()
            for dock in self.docks.values():
                dock.hide()
            if not self.graph_mode.stepping:  # walking the graph: it stays on the screen
                self.graph_dock.hide()
            for widget in (self.menuBar(), self.toolbar, self.statusBar()):
                widget.hide()
            self.presentation_bar.show()
            self._show_full_screen()
        else:
            state, self._presenting = self._presenting, None
            self.presentation_bar.hide()
            for widget in (self.menuBar(), self.toolbar, self.statusBar()):
                widget.show()
            for name, shown in state["docks"].items():
                self.docks[name].setVisible(shown)
            self.graph_dock.setVisible(state["graph"] or self.graph_mode.stepping)
            if not state["full"]:
                self.showMaximized() if state["maximised"] else self.showNormal()
                if not state["maximised"]:
                    self.setGeometry(state["geometry"])  # where it was, also without a window manager
        self.actions["fullscreen"].setChecked(self.isFullScreen())
        if self._last_snap is not None:
            self._show_status(self._last_snap)

    @property
    def presenting(self) -> bool:
        """Whether presentation mode is on."""
        return self._presenting is not None

    def set_full_screen(self, on: bool) -> None:
        """Full screen on its own (F11), docks and menus stay."""
        if on:
            self._normal_geometry = self.geometry()
            self._show_full_screen()
        else:
            self.showNormal()
            if self._normal_geometry is not None:
                self.setGeometry(self._normal_geometry)
        self.actions["fullscreen"].setChecked(on)

    def _show_full_screen(self) -> None:
        """Full screen, also where no window manager acts on the request (a bare X server, a kiosk)."""
        self.showFullScreen()
        screen = self.screen()
        if screen is not None and self.geometry() != screen.geometry():
            self.setGeometry(screen.geometry())

    def toggle_keys(self) -> None:
        """Show or hide the sheet of keys."""
        self.keys_overlay.toggle()

    def _escape(self) -> None:
        """Escape closes the keys sheet, else leaves presentation mode, else full screen."""
        if self.keys_overlay.isVisible():
            self.keys_overlay.hide()
        elif self.recording is not None:
            self.cancel_recording()
        elif self.graph_mode.stepping:
            self.graph_mode.set_stepping(False)
        elif self.lesson_player.is_open:
            self.lesson_player.close()
        elif self.presenting:
            self.set_presentation(False)
        elif self.isFullScreen():
            self.set_full_screen(False)
        else:
            self.setFocus()

    # ----- stability ----------------------------------------------------------------------
    def check_stability(self, diverged: bool = False) -> float | None:
        """Say before the first step when η is past the stable limit 2/λmax, with the cures; the
        limit, or None when the rule or the loss has none."""
        from ..engine.stability import safe_learning_rate, stable_learning_rate
        run = self.controller.edited_run
        big = run.dataset is not None and run.dataset.n_train > STABILITY_MAX_N and not hasattr(run.objective, "full")
        try:  # 2·P gradients: instant from sums, too slow per sample on a million points
            limit = None if big else stable_learning_rate(run.objective, run.params, run.live)
        except (ArithmeticError, ValueError, np.linalg.LinAlgError):
            limit = None
        can_standardise = run.dataset is not None and not run.config.standardise
        eta = run.live.learning_rate
        if limit is not None and eta >= limit:
            text = self.tr("η = {0} is past the stable limit 2/λmax = {1} of this loss: the steps will grow and "
                           "the run will diverge.").format(num(eta), num(limit))
            if can_standardise:
                text += " " + self.tr("Standardise x makes the curvature small, or lower η.")
            self.stability.offer(text, safe_learning_rate(limit), can_standardise)
        elif diverged:
            text = self.tr("The run diverged: lower η, or step back (←) and change it there.")
            if can_standardise:
                text += " " + self.tr("Standardise x makes the data's scale harmless.")
            self.stability.offer(text, None if limit is None else safe_learning_rate(limit), can_standardise)
        else:
            self.stability.hide()
        return limit

    # ----- importing ----------------------------------------------------------------------
    def import_csv(self, config: RunConfig, live: LiveSettings | None = None) -> CsvImport | None:
        """Read config.csv_path off the GUI thread (progress and Cancel), then restart on it.

        The window keeps animating meanwhile; a failure leaves the current run and says why."""
        if self._import is not None:
            self.banner.show_message(self.tr("A file is being read already."), error=False)
            return None
        options = dict(val_fraction=config.val_fraction, seed=config.seed, x_col=config.csv_x, y_col=config.csv_y,
                       encoding=config.csv_encoding, delimiter=config.csv_delimiter, decimal=config.csv_decimal,
                       header=config.csv_header, max_rows=config.csv_max_rows)
        keep = live or self.controller.edited_run.live

        def done(data) -> None:
            if self.controller.load(config, keep, dataset=data):
                notes = getattr(data, "notes", ())
                if notes:
                    self.banner.show_message(" · ".join(engine_text(n) for n in notes), error=False)

        job = CsvImport(config.csv_path, options, done, lambda text: self.banner.show_message(text), self)
        job.finished.connect(lambda: setattr(self, "_import", None))
        self._import = job
        job.start()
        return job

    def _import_dialog(self) -> None:
        """File > Import CSV: ask for a file; columns, seed and validation come from the settings panel."""
        folder = QSettings().value("import/folder", "", type=str)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import CSV"), folder,
                                              self.tr("CSV files (*.csv *.txt *.tsv);;All files (*)"))
        if path:
            QSettings().setValue("import/folder", str(Path(path).parent))
            self.import_with_preview(path)

    def import_with_preview(self, path: str) -> bool:
        """Show how the file will be read (encoding, delimiter, decimal mark, header, columns), let the
        user change it, then read it off the GUI thread. Nothing is guessed silently."""
        from dataclasses import replace as changed
        from .import_preview import config_changes, preview_csv
        try:
            choice = preview_csv(path, self)
        except OSError as exc:
            self.banner.show_message(self.tr("Cannot open {0}: {1}").format(path, exc.strerror or str(exc)))
            return False
        if choice is None:
            return False
        p = self.panel
        config = changed(RunConfig(), csv_path=path, seed=int(p.seed.value()), val_fraction=p._val_fraction(),
                         **config_changes(choice))
        return self.import_csv(config) is not None

    # ----- sessions -----------------------------------------------------------------------
    def view_options(self) -> dict:
        """The window's view state for a session file (plain JSON values)."""
        p = self.panel
        return {"boxes": {name: getattr(p, name).isChecked() for name in VIEW_BOXES if hasattr(p, name)},
                "pins": [int(v) for v in getattr(self.data_view, "pinned_steps", []) or []],
                "trail": int(p.trail.value()),
                "zoom": self.zoom, "scheme": theme.scheme(),
                "presenting": self.presenting, "tabs": self.actions["tabs"].isChecked(),
                "graph": self.graph_dock.isVisible(), "docks": {n: d.isVisible() for n, d in self.docks.items()}}

    def apply_view_options(self, view: dict) -> None:
        """Take a session's view state; unknown or odd entries are skipped."""
        p = self.panel
        for name, on in dict(view.get("boxes", {})).items():
            if name in VIEW_BOXES and hasattr(p, name) and isinstance(on, bool):
                getattr(p, name).setChecked(on)
        pins = view.get("pins")
        if isinstance(pins, list):
            self.data_view.set_pinned_steps([int(v) for v in pins if isinstance(v, (int, float))])
        if isinstance(view.get("trail"), int):
            p.trail.setValue(view["trail"])
        if isinstance(view.get("zoom"), (int, float)):
            self.set_zoom(float(view["zoom"]))
        if isinstance(view.get("scheme"), str) and view["scheme"] in theme.SCHEMES:
            self.set_scheme(view["scheme"])
        for name, shown in dict(view.get("docks", {})).items():
            if name in self.docks and isinstance(shown, bool):
                self.docks[name].setVisible(shown)
        if isinstance(view.get("graph"), bool):
            self.graph_dock.setVisible(view["graph"])
        if view.get("presenting") is True:
            self.set_presentation(True)

    def save_session(self) -> bool:
        """Save to the session's file (Save As when it has none)."""
        if not self.session_path:
            return self.save_session_as()
        return self.write_session(self.session_path)

    def save_session_as(self) -> bool:
        folder = QSettings().value("session/folder", "", type=str)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save session"), folder + "/lesson.gdviz",
                                              self.tr("gdviz sessions (*.gdviz)"))
        if not path:
            return False
        if not path.endswith(".gdviz"):
            path += ".gdviz"
        return self.write_session(path)

    def write_session(self, path: str) -> bool:
        """Write the whole state to `path` (atomically); a banner says how it went."""
        from .. import session
        try:
            session.save_session(path, session.state_from(self.controller, self.view_options()))
        except (OSError, ValueError) as exc:
            self.banner.show_message(self.tr("Could not save {0}: {1}").format(path, str(exc).splitlines()[0]))
            return False
        self.session_path = path
        self._remember_recent(path)
        self.banner.show_message(self.tr("Saved {0}").format(path), error=False)
        return True

    def open_session_dialog(self) -> None:
        folder = QSettings().value("session/folder", "", type=str)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open session"), folder,
                                              self.tr("gdviz sessions (*.gdviz);;All files (*)"))
        if path:
            self.open_session(path)

    def open_session(self, path: str) -> bool:
        """Restore a session exactly; a file that is not one is refused in one line and nothing changes."""
        from .. import session
        try:
            restored = session.open_session(path)
        except session.SessionError as exc:
            self.banner.show_message(str(exc))
            return False
        except (OSError, MemoryError) as exc:
            self.banner.show_message(self.tr("Could not open {0}: {1}").format(path, str(exc) or type(exc).__name__))
            return False
        if not self.controller.install_session(restored):
            return False
        self.apply_view_options(restored.view)
        self.session_path = path
        self._remember_recent(path)
        for note in restored.notes:
            self.banner.show_message(note, error=False)
        return True

    def _remember_recent(self, path: str) -> None:
        settings = QSettings()
        recent = [p for p in settings.value("session/recent", [], type=list) if p != path]
        settings.setValue("session/recent", [path] + recent[:MAX_RECENT - 1])
        settings.setValue("session/folder", str(Path(path).parent))
        self._show_recent()

    def _show_recent(self) -> None:
        self.recent_menu.clear()
        recent = QSettings().value("session/recent", [], type=list)
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_session(p))
        self.recent_menu.setEnabled(bool(recent))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.mimeData().hasUrls() and any(_dropped_kind(u.toLocalFile()) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """A dropped session opens; a dropped CSV is imported."""
        for url in event.mimeData().urls():
            path = url.toLocalFile()
            kind = _dropped_kind(path)
            if kind == "session":
                self.open_session(path)
            elif kind == "csv":
                self.import_with_preview(path)
            else:
                continue
            event.acceptProposedAction()
            return

    # ----- recording ----------------------------------------------------------------------
    def toggle_recording(self) -> None:
        """R: ask where and how, then record every picture; R again finishes the file."""
        if self.recording is not None:
            self.stop_recording()
            return
        from .record_dialog import RecordDialog
        dialog = RecordDialog(self.export_targets(), self)
        if dialog.exec() != RecordDialog.Accepted:
            return
        widget, path, preset, quality = dialog.chosen()
        self.start_recording(path, widget, preset, quality)

    def start_recording(self, path: str, widget: QWidget | None = None, preset: str = "1280x720@30",
                        quality: str = "medium") -> bool:
        """Record `widget` (the window) to `path`: one frame for each picture the run shows."""
        from .recorder import PRESETS, LiveRecording, Recorder, RecordingError
        width, height, fps = PRESETS[preset]
        try:
            recorder = Recorder(widget or self, path, size=(width, height), fps=fps, quality=quality)
            self.recording = LiveRecording(widget or self, self.controller, recorder)
        except (RecordingError, OSError) as exc:
            self.banner.show_message(self.tr("Cannot record: {0}").format(str(exc).splitlines()[0]))
            return False
        self.rec_label.setText(self.tr("● REC"))
        self.rec_action.setVisible(True)
        self.banner.show_message(self.tr("Recording to {0}: R stops, Escape cancels").format(path), error=False)
        return True

    def stop_recording(self) -> str | None:
        """Finish the file; returns its path."""
        from .recorder import RecordingError
        recording, self.recording = self.recording, None
        self.rec_action.setVisible(False)
        if recording is None:
            return None
        try:
            path = recording.stop()
        except (RecordingError, OSError) as exc:
            self.banner.show_message(self.tr("Recording failed: {0}").format(str(exc).splitlines()[0]))
            return None
        frames = recording.recorder.frames
        self.banner.show_message(self.tr("Saved {0} ({1} frames)").format(str(path), frames), error=False)
        if recording.warning:
            self.banner.show_message(recording.warning, error=False)
        return str(path)

    def cancel_recording(self) -> None:
        """Stop and leave no file."""
        recording, self.recording = self.recording, None
        self.rec_action.setVisible(False)
        if recording is not None:
            recording.cancel()
            self.banner.show_message(self.tr("Recording cancelled; no file written."), error=False)

    # ----- export -------------------------------------------------------------------------
    def export_targets(self) -> list[tuple[str, QWidget]]:
        """What can be exported: the window and each view shown."""
        names = ((self.data_view, self.tr("Data and line")), (self.loss_view, self.tr("Loss curve")),
                 (self.surface, self.tr("Loss landscape")), (self.curve, self.tr("Loss curve of the parameter")),
                 (self.sections, self.tr("Cross-sections")), (self.equations, self.tr("The maths")),
                 (self.graph_panel.view, self.tr("Computational graph")))
        return [(self.tr("Whole window"), self)] + [(n, w) for w, n in names if w.isVisible()]

    def export_image_dialog(self) -> None:
        """Ask what, the scale and the file; write PNG or SVG."""
        dialog = ExportDialog(self.export_targets(), QSettings().value("export/scale", 2, type=int), self)
        if dialog.exec() != ExportDialog.Accepted:
            return
        widget, scale = dialog.chosen()
        folder = QSettings().value("export/folder", "", type=str)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export image"), folder + "/gdviz.png",
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if not path:
            return
        self.export_image(path, widget, scale)

    def export_image(self, path: str, widget: QWidget | None = None, scale: int = 1) -> bool:
        """Write the window (or one view) to `path`; a one-line banner on failure."""
        try:
            save_image(widget or self, path, scale)
        except OSError as exc:
            self.banner.show_message(self.tr("Export failed: {0}").format(str(exc)))
            return False
        settings = QSettings()
        settings.setValue("export/scale", scale)
        settings.setValue("export/folder", str(Path(path).parent))
        self.banner.show_message(self.tr("Saved {0}").format(path), error=False)
        return True

    def copy_image(self, widget: QWidget | None = None, scale: int = 1) -> None:
        """Put the window (or one view) on the clipboard."""
        copy_image(widget or self, scale)
        self.banner.show_message(self.tr("Image copied"), error=False)

    # ----- help ---------------------------------------------------------------------------
    def _show_tutorials(self) -> None:
        QMessageBox.information(self, self.tr("The tutorials"), self.tr(
            "gdviz grows out of five gradient-descent tutorials:\n"
            "000 derivative, house prices, the learning rate — data: House prices\n"
            "001 beans, stochastic and batch descent, fixed steps — data: Beans\n"
            "002 y = 1 + 2x, loss surface, learning rates, a bad feature — data: y = 1 + 2x\n"
            "003 1000 points, lines after 10, 20, 30, 100, 1000 epochs — pins\n"
            "004 losses, random and direction search, a two-layer model — races"))

    def _show_about(self) -> None:
        from .. import __version__
        QMessageBox.about(self, self.tr("About gdviz"), self.tr(
            "gdviz {0}: gradient descent, animated live for teaching.").format(__version__))

    # ----- language -----------------------------------------------------------------------
    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """A new language: rebuild the window around the same controller (the run goes on)."""
        super().changeEvent(event)
        if (event.type() == QEvent.LanguageChange and not self._rebuild_pending and hasattr(self, "controller")
                and self.isVisible() and not self._handing_over):
            self._rebuild_pending = True
            QTimer.singleShot(0, self._rebuild_if_shown)

    _rebuild_pending = False
    _handing_over = False  # set once a rebuilt window has taken over
    open_windows: set = set()  # windows made by a rebuild (a language change), until they close
    latest: "MainWindow | None" = None  # the newest window (what a language change made)

    def ui_state(self) -> dict:
        """What a rebuilt window must keep: geometry, docks, view options, zoom, presentation."""
        p = self.panel
        boxes = {name: getattr(p, name).isChecked() for name in VIEW_BOXES if hasattr(p, name)}
        return {"geometry": self.saveGeometry(), "docks": self.saveState(), "boxes": boxes,
                "presenting": self.presenting, "full": self.isFullScreen(), "tabs": self.actions["tabs"].isChecked(),
                "pins": list(getattr(self.data_view, "pinned_steps", []) or []),
                "pick": self.buttons["pick"].isChecked(), "graph": self.graph_dock.isVisible()}

    def restore_ui_state(self, state: dict) -> None:
        """Take over a previous window's state (see ui_state)."""
        self.restoreGeometry(state["geometry"])
        self.restoreState(state["docks"])
        for name, on in state["boxes"].items():
            getattr(self.panel, name).setChecked(on)
        if state["pins"]:
            self.data_view.set_pinned_steps(state["pins"])
        self.buttons["pick"].setChecked(state["pick"])
        self.actions["tabs"].setChecked(state["tabs"])
        self.graph_dock.setVisible(state["graph"])
        if state["presenting"]:
            self.set_presentation(True)
        elif state["full"]:
            self.set_full_screen(True)

    def _rebuild_if_shown(self) -> None:
        self._rebuild_pending = False
        if self.isVisible() and not self._handing_over:  # a window being closed is not rebuilt
            self.rebuild()

    def rebuild(self) -> "MainWindow":
        """A new window with the same controller and state replaces this one (texts in the new language)."""
        self._rebuild_pending = False
        state = self.ui_state()
        lesson = (self.lesson_player.lesson, self.lesson_player.index) if self.lesson_player.is_open else None
        playing = self.controller.playing
        self.controller.pause()
        self.controller.presenter = None
        self.controller.disconnect_all()
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_hook
        QApplication.instance().removeEventFilter(self.typing_guard)
        for shortcut in self.shortcuts:  # an application-wide key in two windows would fire in neither
            shortcut.setEnabled(False)
        new = MainWindow(controller=self.controller)
        new.restore_ui_state(state)
        new.show()
        if lesson is not None and new.lesson_player.open(lesson[0]):
            new.lesson_player.go_to(lesson[1])
        MainWindow.open_windows.add(new)  # nothing else holds the new window: keep it alive while shown
        MainWindow.latest = new
        self._handing_over = True
        self.close()
        if playing:
            new.controller.play()
        return new

    # ----- errors -------------------------------------------------------------------------
    def _install_excepthook(self) -> None:
        """The last resort: an exception in any slot becomes a banner and a log line, never a crash."""
        self._previous_hook = sys.excepthook
        sys.excepthook = self._excepthook

    def _excepthook(self, kind, value, tb) -> None:
        LOG.error("internal error: %s", "".join(traceback.format_exception(kind, value, tb)).rstrip())
        try:
            self.controller.pause()
            self.banner.show_message(self.tr("Something went wrong: {0}. The run is paused; "
                                             "undo (Ctrl+Z) or reset (Home) if the views look wrong.")
                                     .format(str(value).splitlines()[0] if str(value) else kind.__name__))
        except RuntimeError:  # the window is already gone
            pass
        if self._previous_hook not in (sys.__excepthook__, None):
            self._previous_hook(kind, value, tb)  # a test harness's hook records it too

    # ----- small views --------------------------------------------------------------------
    def _show_status(self, snap: Snapshot) -> None:
        """Status bar and maths panel together (the same snapshot). While playing at most 10 times a
        second; when the frames come fast, spread over four of them (see RichText): the maths written
        and parsed; laid out; the status line written; the maths shown."""
        self._last_snap = snap
        now = time.monotonic()
        fast, self._status_called = now - self._status_called < FAST_FRAMES, now
        if not self._rate_limited:
            self._status_timer.stop()
            self._staged = None
            self.equations.on_snapshot(snap)
            self._write_status(snap)
            return
        if self._staged is not None:  # the next part of a refresh under way
            staged, stage = self._staged
            if stage == 1:
                self.equations.lay_out_prepared()
            elif stage == 2:
                self._write_status(staged)
            else:
                self.equations.show_prepared()
            self._staged = (staged, stage + 1) if stage < 3 else None
            self._status_timer.start(100)  # the refresh is finished even if the frames stop
            return
        if not take_turn(self._status_at, 0.1):
            if not self._status_timer.isActive():  # the last step is written even if the frames stop
                self._status_timer.start(100)
            return
        self._status_timer.stop()
        self._status_at = now
        if fast and self.equations.isVisible() and self.equations.prepare(snap):
            self._staged = (snap, 1)
            self._status_timer.start(100)
        else:  # frames far apart have time for all of it (and the text would lag them visibly)
            self.equations.on_snapshot(snap)
            self._write_status(snap)

    _staged: tuple[Snapshot, int] | None = None  # a refresh under way while playing, and its next part
    _status_called = -math.inf  # when the last snapshot came

    def _write_status(self, snap: Snapshot) -> None:
        """The status line (and the presentation line) for a snapshot."""
        labels = self.status_labels
        step = "{:,}".format(snap.step)
        labels["step"].setText(self.tr("step <b>{0}</b>").format(step))
        labels["epoch"].setText(self.tr("epoch <b>{0}</b>").format("{:,}".format(snap.epoch)))
        loss = self.tr("loss <b>{0}</b>").format(num(snap.train_loss))
        if snap.val_loss is not None:
            loss += GAP + self.tr("val <b>{0}</b>").format(num(snap.val_loss))
        labels["loss"].setText(loss)
        labels["params"].setText(GAP.join(f"{n} = <b>{num(v)}</b>" for n, v in zip(snap.param_names, snap.params)))
        state, colour = self._state_text(snap)
        labels["state"].setText(f"<span style='color:{colour}'><b>{state}</b></span>")
        if self.presenting:
            lr = self.controller.run.live.learning_rate
            self.presentation_bar.set_html(GAP.join((
                self.tr("step <b>{0}</b>").format(step), "η = <b>{0}</b>".format(num(lr)),
                loss, f"<span style='color:{colour}'><b>{state}</b></span>")))

    def _diverged_cures(self, snap: Snapshot) -> None:
        if snap.status is Status.DIVERGED and self._cured_run is not self.controller.run:
            self._cured_run = self.controller.run
            self.check_stability(diverged=True)

    _cured_run = None

    def _state_text(self, snap: Snapshot) -> tuple[str, str]:
        """The run's state in words and its colour."""
        colour = {Status.DIVERGED: theme.DIVERGED, Status.CONVERGED: theme.CONVERGED}.get(snap.status, "#333")
        if self.controller.playing:
            return self.tr("running"), colour
        if snap.status is Status.RUNNING:
            return self.tr("paused"), colour
        if snap.status is Status.READY:
            return self.tr("ready"), colour
        return engine_text(snap.message or snap.status.value), colour

    def _show_playing(self, playing: bool) -> None:
        self.buttons["toggle"].setText(self.tr("❚❚ Pause") if playing else self.tr("▶ Play"))

    def _show_speed(self, steps_per_second: int, steps_per_frame: int) -> None:
        """The speed asked for, and while playing the speed measured (a slow frame takes fewer steps)."""
        rate = "{:,}".format(steps_per_second * steps_per_frame)
        text = self.tr("speed: {0} steps/s  ({1} frames/s × {2})").format(rate, steps_per_second, steps_per_frame)
        measured = self.controller.measured_rate if self.controller.playing else None
        if measured is not None:
            text += "  " + self.tr("measured {0} steps/s").format("{:,}".format(round(measured)))
        self.speed_label.setText(text)

    def _show_undo(self, can_undo: bool, can_redo: bool) -> None:
        self.actions["undo"].setEnabled(can_undo)
        self.actions["redo"].setEnabled(can_redo)

    def _show_converged(self, step: int) -> None:
        self.banner.show_message(self.tr("Converged at step {0}. Play (Space) goes on from here.")
                                 .format("{:,}".format(step)), error=False)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not getattr(self, "_shared_once", False):
            self._shared_once = True
            self._share_docks()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        MainWindow.open_windows.discard(self)
        if MainWindow.latest is self:
            MainWindow.latest = None
        if self._handing_over:  # replaced by a rebuilt window: the controller goes on there
            super().closeEvent(event)
            return
        self.controller.pause()
        if self._import is not None:
            self._import.cancel()
            self._import.wait()
        if self.recording is not None:
            self.stop_recording()
        QApplication.instance().removeEventFilter(self.typing_guard)
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_hook
        settings = QSettings()
        if not self.presenting:
            settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
