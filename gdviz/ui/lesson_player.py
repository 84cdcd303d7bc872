"""Playing a lesson in the real window: live, a key press at a time, or recorded, each action taking its time.

The player drives the window only through its public parts (the controller's load, start_race,
start_preset, install_session, set_live, step_forward, step_back, set_speed; the panel's view boxes;
the docks; the data view's pins), so a lesson shows exactly what a teacher could show by hand.
Going back rebuilds the place before from the lesson's last state, instantly: the engine is seeded,
so the picture is the one the forward walk showed.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (QBoxLayout, QHBoxLayout, QLabel, QProgressBar, QToolButton, QVBoxLayout, QWidget)

from ..engine import DataError, Race, Run
from ..lesson import Action, Caption, Lesson, LessonError, Setup, check_runs, hold_frames, lesson_frames, play_frames

# a view name of a lesson → the settings panel's box that shows it (the window wires each box to its view)
VIEW_BOXES = {"landscape": "landscape", "sections": "sections", "residuals": "residuals", "log-scale": "log_scale",
              "contours": "contours", "equal-scales": "equal_scales", "learning-rate": "show_lr"}


def lesson_language() -> str:
    """The captions' language: zh_CN when the remembered choice (QSettings view/language), else the system
    locale, is Chinese; else en."""
    from PySide6.QtCore import QLocale
    chosen = QSettings().value("view/language", "", type=str)
    code = chosen or QLocale.system().name()
    return "zh_CN" if code.lower().startswith("zh") else "en"


class CaptionPanel(QWidget):
    """The lesson's caption under the plots: title, one or two lines, where the lesson is, and its buttons."""

    def __init__(self, player: "LessonPlayer", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonCaption")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.title = QLabel()
        self.title.setObjectName("lessonTitle")
        self.lines = QLabel()
        self.lines.setObjectName("lessonLines")
        for label in (self.title, self.lines):
            label.setWordWrap(True)
            label.setTextFormat(Qt.PlainText)  # a lesson's text is shown, never interpreted
        self.where = QLabel()
        self.where.setObjectName("lessonWhere")
        self.buttons: dict[str, QToolButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.where, 1)
        for name, text, slot in (("prev", "◀", player.prev), ("next", "▶", player.next), ("close", "✕", player.close)):
            button = QToolButton()
            button.setText(text)
            button.setFocusPolicy(Qt.NoFocus)  # the window's keys stay with the window
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
            self.buttons[name] = button
        col = QVBoxLayout(self)
        col.setContentsMargins(14, 6, 10, 8)
        col.setSpacing(2)
        col.addLayout(row)
        col.addWidget(self.title)
        col.addWidget(self.lines)
        self.retranslate()

    def retranslate(self) -> None:
        """The buttons' tips in the current language."""
        self.buttons["prev"].setToolTip(self.tr("Back (PgUp, Left)"))
        self.buttons["next"].setToolTip(self.tr("Next (PgDn, Right)"))
        self.buttons["close"].setToolTip(self.tr("Close the lesson"))

    def set_zoom(self, zoom: float) -> None:
        """Type sizes follow the window's zoom (the class reads them from the back row)."""
        self.setStyleSheet(
            "QWidget#lessonCaption { background: rgba(250, 250, 246, 245); border-top: 1px solid #bbb; }"
            " QLabel#lessonTitle { color: #111; font-weight: bold; font-size: %dpt; }"
            " QLabel#lessonLines { color: #222; font-size: %dpt; }"
            " QLabel#lessonWhere { color: #666; font-size: %dpt; }"
            % (round(17 * zoom), round(14 * zoom), round(10 * zoom)))

    def show_caption(self, caption: Caption, where: str) -> None:
        """Title, lines and the place in the lesson."""
        self.title.setText(caption.title)
        self.lines.setText("\n".join(caption.lines))
        self.lines.setVisible(bool(caption.lines))
        self.where.setText(where)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _progress_line() -> QProgressBar:
    """A thin line across the window: how much of the lesson is behind."""
    bar = QProgressBar()
    bar.setObjectName("lessonProgress")
    bar.setTextVisible(False)
    bar.setRange(0, 1000)
    bar.setFixedHeight(4)
    bar.setStyleSheet("QProgressBar#lessonProgress { border: none; background: #e4e4e4; }"
                      " QProgressBar#lessonProgress::chunk { background: #0072b2; }")
    return bar


@dataclass(frozen=True)
class LessonRecording:
    """What record() made: the file (None when cancelled) and the frames written."""

    path: Path | None
    frames: int


class LessonPlayer(QObject):
    """Applies a lesson to a MainWindow. next() / prev() walk key presses and scenes; close() ends it.

    A place in the lesson is (scene, key presses done in it); `index` counts places from 0 to `total` − 1.
    """

    position_changed = Signal(int, int)  # index, total
    closed = Signal()
    failed = Signal(str)  # one line (also shown on the window's banner)

    def __init__(self, window, language: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.language = language or lesson_language()
        self.lesson: Lesson | None = None
        self._scene, self._press = 0, 0
        self._queue: list[Action] = []
        self._left = 0  # steps the running play still has to take
        self._play: Action | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._saved: dict | None = None
        self.caption = CaptionPanel(self)
        self.progress = _progress_line()
        self.caption.hide()
        self.progress.hide()

    # ----- opening and closing ------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        """Whether a lesson is being shown."""
        return self.lesson is not None

    @property
    def animating(self) -> bool:
        """Whether a play action is running."""
        return self._timer.isActive()

    def open(self, lesson: Lesson) -> bool:
        """Show `lesson` from its first scene; a lesson the engine refuses leaves the window as it was."""
        try:
            check_runs(lesson)
        except LessonError as exc:
            return self._fail(str(exc))
        self._begin(lesson)
        if not self.go_to(0):
            self.close()
            return False
        return True

    def _begin(self, lesson: Lesson) -> None:
        """Take the lesson and show the caption and progress line (nothing applied yet)."""
        if self.lesson is not None:
            self.close()
        self._saved = self._view_state()
        self.lesson = lesson
        self._attach()

    def close(self) -> None:
        """End the lesson: the run stays where it is, the view options the lesson changed come back."""
        if self.lesson is None:
            return
        self._stop()
        self.lesson = None
        self._restore_views(self._saved or {})
        self._detach()
        self.closed.emit()

    def _attach(self) -> None:
        """The caption under the plots and the progress line above them, in the central column."""
        layout = self.window.centralWidget().layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.progress)
            bar = layout.indexOf(getattr(self.window, "presentation_bar", None) or self.caption)
            layout.insertWidget(bar if bar >= 0 else layout.count(), self.caption)  # above presentation's line
        else:  # no column to join: lie over the bottom of the central widget
            for widget in (self.progress, self.caption):
                widget.setParent(self.window.centralWidget())
        self.caption.set_zoom(getattr(self.window, "zoom", 1.0))
        self.caption.show()
        self.progress.show()

    def _detach(self) -> None:
        for widget in (self.caption, self.progress):
            widget.hide()
            layout = self.window.centralWidget().layout()
            if layout is not None:
                layout.removeWidget(widget)
            widget.setParent(None)

    def _fail(self, message: str) -> bool:
        self.window.banner.show_message(message)
        self.failed.emit(message)
        return False

    # ----- walking --------------------------------------------------------------------------
    @property
    def total(self) -> int:
        """Places in the lesson (0 without one)."""
        return len(self.lesson.positions) if self.lesson else 0

    @property
    def index(self) -> int:
        """The current place."""
        return self.lesson.positions.index((self._scene, self._press)) if self.lesson else 0

    def next(self) -> None:
        """The next key press of the scene, else the next scene. A running play first jumps to its end."""
        if self.lesson is None:
            return
        if self._play is not None or self._queue:
            self._finish_now()
            return
        scene = self.lesson.scenes[self._scene]
        if self._press + 1 < len(scene.presses):
            self._press += 1
            self._show()
            self._run(list(scene.presses[self._press]), animate=True)
        elif self._scene + 1 < len(self.lesson.scenes):
            self._enter(self._scene + 1)

    def prev(self) -> None:
        """Back to the place before (rebuilt instantly); within a running play, back to where it began."""
        if self.lesson is None:
            return
        self.go_to(max(0, self.index - 1))  # a running play's press began at this index: back to before it

    def toggle(self) -> bool:
        """Pause or go on with a running play (Space); False when no play is running (the key is free)."""
        if self._play is None:
            return False
        self._timer.stop() if self._timer.isActive() else self._timer.start()
        return True

    def go_to(self, index: int) -> bool:
        """Rebuild place `index` at once: the view options of earlier scenes, the last state, its actions."""
        if self.lesson is None:
            return False
        self._stop()
        lesson = self.lesson
        scene, press = lesson.positions[max(0, min(index, len(lesson.positions) - 1))]
        first = lesson.restart_scene(scene)
        self._restore_views(self._saved or {})
        for earlier in lesson.scenes[:first]:
            self._run([a for a in earlier.actions if a.kind in ("view", "trail")], animate=False)
        for i in range(first, scene + 1):
            if not self._apply(lesson.scenes[i].setup):
                return False
            groups = lesson.scenes[i].presses
            self._run([a for g in (groups if i < scene else groups[: press + 1]) for a in g], animate=False)
        self._scene, self._press = scene, press
        self._show()
        return True

    def set_language(self, language: str) -> None:
        """Captions in another language ("en" or "zh_CN"), from the current place on."""
        self.language = language
        if self.lesson is not None:
            self._show()

    def _enter(self, scene: int) -> None:
        """A new scene: its state, then the actions that come with it (a play among them animates)."""
        self._scene, self._press = scene, 0
        if self._apply(self.lesson.scenes[scene].setup):
            self._show()
            self._run(list(self.lesson.scenes[scene].presses[0]), animate=True)

    def _show(self) -> None:
        """Caption, the place in words and the progress line."""
        lesson, scene = self.lesson, self.lesson.scenes[self._scene]
        where = self.tr("{0} · scene {1} of {2}").format(lesson.title_in(self.language), self._scene + 1,
                                                         len(lesson.scenes))
        self.caption.show_caption(scene.caption(self.language, self._press), where)
        total = max(1, self.total - 1)
        self.progress.setValue(round(1000 * self.index / total))
        self.position_changed.emit(self.index, self.total)

    # ----- states -----------------------------------------------------------------------------
    def _apply(self, setup: Setup | None) -> bool:
        """Make a scene's state current (None: the run goes on); pins start afresh with a new state."""
        if setup is None:
            return True
        c = self.window.controller
        try:
            if setup.kind == "session":
                ok = self._open_session(setup.session)
            elif setup.kind == "race" and setup.preset is not None:
                ok = c.start_preset(setup.preset)
            else:
                base = Run(setup.config, None, max_history=c.run.max_history)
                if setup.kind == "run":
                    ok = c.load(setup.config, setup.live_over(base.live), dataset=base.dataset)
                else:
                    ok = c.start_race(Race(setup.config, setup.entries(base.live), dataset=base.dataset,
                                           max_history=c.run.max_history))
        except (DataError, ValueError, ArithmeticError, OSError) as exc:
            return self._fail(str(exc).split("\n")[0])
        if ok:
            self.window.data_view.set_pinned_steps([])
        return ok

    def _open_session(self, path: Path) -> bool:
        opener = getattr(self.window, "open_session", None)
        if opener is not None:
            return bool(opener(str(path)))
        from ..session import SessionError, open_session
        try:
            restored = open_session(path)
        except SessionError as exc:
            return self._fail(str(exc))
        return self.window.controller.install_session(restored)

    # ----- actions ------------------------------------------------------------------------------
    def _run(self, actions: list[Action], animate: bool) -> None:
        """Do actions in order; with `animate` a play runs on the player's timer and the rest wait for it."""
        self._queue = list(actions)
        while self._queue:
            action = self._queue.pop(0)
            if action.kind == "play" and animate:
                self._start_play(action)
                return
            self._do(action)
        self._show_if_open()

    def _do(self, action: Action) -> None:
        c, w = self.window.controller, self.window
        kind = action.kind
        if kind == "play":
            c.set_speed(*action.speed)
            c.step_forward(action.steps)
        elif kind == "step":
            c.step_forward(action.steps)
        elif kind == "back":
            c.step_back(action.steps)
        elif kind == "set":
            c.set_live(**dict(action.live))
        elif kind == "pin":
            w.data_view.pin_current()
        elif kind == "pins":
            w.data_view.set_pinned_steps(list(action.pins))
        elif kind == "view":
            self._set_view(action.view, action.shown)
        elif kind == "trail":
            self._set_trail(action.length)
        elif kind == "race":
            c.start_preset(action.preset)
            w.data_view.set_pinned_steps([])

    def _start_play(self, action: Action) -> None:
        c = self.window.controller
        c.set_speed(*action.speed)
        self._play, self._left = action, action.steps
        self._timer.start(max(1, round(1000 / action.speed[0])))

    def _tick(self) -> None:
        """One frame of a play: its steps a frame; a run that cannot go on (diverged) ends the play."""
        action = self._play
        if action is None:
            self._timer.stop()
            return
        c = self.window.controller
        before = c.step
        take = min(action.speed[1], self._left)
        c.step_forward(take)
        self._left -= take
        if self._left <= 0 or c.step == before:
            self._end_play()

    def _end_play(self) -> None:
        self._timer.stop()
        self._play, self._left = None, 0
        self._run(self._queue, animate=True)

    def _finish_now(self) -> None:
        """The running play and what follows it in this key press, done at once."""
        self._timer.stop()
        if self._play is not None and self._left > 0:
            self.window.controller.step_forward(self._left)
        self._play, self._left = None, 0
        self._run(self._queue, animate=False)

    def _stop(self) -> None:
        self._timer.stop()
        self._play, self._left, self._queue = None, 0, []

    def _show_if_open(self) -> None:
        if self.lesson is not None:
            self.window.controller.refresh()

    # ----- view options --------------------------------------------------------------------------
    def _boxes(self) -> dict[str, QWidget]:
        panel = self.window.panel
        return {name: getattr(panel, attr) for name, attr in VIEW_BOXES.items() if hasattr(panel, attr)}

    def _docks(self) -> dict[str, QWidget]:
        w = self.window
        docks = {name: dock for name, dock in w.docks.items() if name in ("settings", "maths")}
        docks["graph"] = w.graph_dock
        return docks

    def _set_view(self, name: str, shown: bool) -> None:
        boxes, docks = self._boxes(), self._docks()
        if name in boxes:
            boxes[name].setChecked(shown)
        elif name in docks:
            docks[name].setVisible(shown)

    def _set_trail(self, length: int) -> None:
        trail = getattr(self.window.panel, "trail", None)
        if trail is not None:
            trail.setValue(length)
        else:
            self.window.data_view.set_trail_length(length)

    def _view_state(self) -> dict:
        """What the lesson may change: view boxes, docks, trail, pins and speed (restored on close)."""
        return {"boxes": {n: b.isChecked() for n, b in self._boxes().items()},
                "docks": {n: d.isVisible() for n, d in self._docks().items()},
                "trail": int(getattr(self.window.data_view, "trail_length", 0)),
                "speed": (self.window.controller.steps_per_second, self.window.controller.steps_per_frame),
                "pins": list(getattr(self.window.data_view, "pinned_steps", []))}

    def _restore_views(self, state: dict) -> None:
        boxes, docks = self._boxes(), self._docks()
        for name, on in state.get("boxes", {}).items():
            boxes[name].setChecked(on)
        for name, shown in state.get("docks", {}).items():
            if docks[name].isVisible() != shown:
                docks[name].setVisible(shown)
        self._set_trail(state.get("trail", 0))
        if "speed" in state:
            self.window.controller.set_speed(*state["speed"])
        self.window.data_view.set_pinned_steps(state.get("pins", []))

    # ----- recording -------------------------------------------------------------------------------
    def record(self, lesson: Lesson, path: str | os.PathLike, size: tuple[int, int] = (1280, 720), fps: int = 30,
               quality: str = "medium", progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None, hold_seconds: float = 0.0) -> LessonRecording:
        """Render the whole lesson to `path` (.mp4, .gif or a PNG folder), each action taking its time:
        a play one frame per due tick, every other action and each scene's caption held for its seconds,
        then `hold_seconds` of the last picture: lesson_frames(lesson, fps) + hold_frames(hold_seconds, fps).
        Raises RecordingError (one line) when it cannot be written; a cancel leaves no file."""
        from .recorder import Recorder, RecordingError
        try:
            check_runs(lesson)
        except LessonError as exc:
            raise RecordingError(str(exc)) from None
        recorder = Recorder(self.window, path, size, fps, None, quality)
        frames = _FrameSink(recorder, lesson_frames(lesson, fps) + hold_frames(hold_seconds, fps), progress, cancel)
        self._begin(lesson)
        for button in self.caption.buttons.values():  # the video shows the lesson, not its controls
            button.hide()
        try:
            for i, scene in enumerate(lesson.scenes):
                self._scene, self._press = i, 0
                if not self._apply(scene.setup):
                    raise RecordingError(self.tr("scene {0} could not be shown").format(i + 1))
                self._show()
                for k, group in enumerate(scene.presses):
                    if k > 0:
                        self._press = k
                        self._show()
                    for action in group:
                        self._record_action(action, frames, fps)
                    if k == 0:  # the caption's hold comes after the actions that come with the scene
                        frames.add(hold_frames(scene.seconds, fps))
            frames.add(hold_frames(hold_seconds, fps))
            return LessonRecording(recorder.finish(), recorder.frames)
        except _Cancelled:
            recorder.cancel()
            return LessonRecording(None, recorder.frames)
        except BaseException:
            recorder.cancel()
            raise
        finally:
            self.close()
            for button in self.caption.buttons.values():
                button.show()

    def _record_action(self, action: Action, frames: "_FrameSink", fps: int) -> None:
        if action.kind != "play":
            self._do(action)
            self.window.controller.refresh()
        else:
            c = self.window.controller
            c.set_speed(*action.speed)
            ticks = math.ceil(action.steps / action.speed[1])
            count = play_frames(action.steps, action.speed, fps)
            done, left = 0, action.steps
            for f in range(count):
                due = math.ceil((f + 1) * ticks / count)
                while done < due:
                    take = min(action.speed[1], left)
                    c.step_forward(take)
                    left -= take
                    done += 1
                frames.add(1)
        frames.add(hold_frames(action.seconds, fps))


class _Cancelled(Exception):
    """The recording was cancelled (cancel() said so)."""


class _FrameSink:
    """Frames to a Recorder with progress and a cancel polled before each picture."""

    def __init__(self, recorder, total: int, progress, cancel) -> None:
        self.recorder, self.total, self.progress, self.cancel = recorder, total, progress, cancel

    def add(self, repeat: int) -> None:
        if repeat <= 0:
            return
        if self.cancel is not None and self.cancel():
            raise _Cancelled
        self.recorder.add_frame(repeat=repeat)
        if self.progress is not None:
            self.progress(self.recorder.frames, self.total)


def record_lesson(window, lesson: Lesson, path: str | os.PathLike, size: tuple[int, int] = (1280, 720),
                  fps: int = 30, quality: str = "medium", progress: Callable[[int, int], None] | None = None,
                  cancel: Callable[[], bool] | None = None, language: str | None = None,
                  hold_seconds: float = 0.0) -> LessonRecording:
    """`gdviz record --lesson`: render `lesson` in `window` (already shown at the video's size) to `path`;
    captions in `language` (None: view/language, else the locale). See LessonPlayer.record."""
    player = LessonPlayer(window, language)
    try:
        return player.record(lesson, path, size, fps, quality, progress, cancel, hold_seconds)
    finally:
        player.deleteLater()


__all__ = ["LessonPlayer", "CaptionPanel", "LessonRecording", "lesson_language", "record_lesson", "VIEW_BOXES"]
