"""The one object that owns the run (or a race of runs) and the QTimer; it emits snapshots after every change."""
from __future__ import annotations

import copy
import logging
import time
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ..engine import DataError, LiveSettings, Race, RaceEntry, Run, RunConfig, Snapshot, Status
from .i18n import engine_text

# (steps per second, steps per frame): `[` and `]` walk this ladder
SPEEDS: tuple[tuple[int, int], ...] = (
    (1, 1), (2, 1), (5, 1), (10, 1), (20, 1), (30, 1), (60, 1),
    (60, 3), (60, 10), (60, 30), (60, 100), (60, 300), (60, 1000), (60, 3000), (60, 10000),
)


SAME_DATA = {"init", "model", "reduction", "standardise", "grad_tol", "loss_tol", "loss", "huber_delta", "degree",
             "hidden", "activation"}  # keep the loaded data (a drawn or imported set stays)
MAX_GHOSTS = 3
MAX_UNDO = 20
LOG = logging.getLogger("gdviz")

RaceItem = tuple[RaceEntry, Run, Snapshot]


@dataclass(frozen=True, eq=False)
class Restorable:
    """What an undo brings back: the run (or race) object as it was, its ghosts and the edited runner.

    A restart builds new Run objects and leaves the old ones alone, so keeping the old objects keeps
    their step, parameters, history and branches exactly."""

    run: Run
    race: Race | None
    ghosts: tuple
    selected: int
    goal: int | None = None  # the step where play was to pause (a tutorial's length)


@dataclass(frozen=True, eq=False)
class Ghost:
    """An abandoned future: the primary run's rows from the step it went back to, as they were."""

    steps: np.ndarray  # (k,) the first is the branch step
    params: np.ndarray  # (k, P)
    train_loss: np.ndarray  # (k,)

    def row_of(self, step: int) -> int | None:
        """Index of `step` in the ghost, or None."""
        i = int(np.searchsorted(self.steps, step))
        return i if i < len(self.steps) and self.steps[i] == step else None


class RunController(QObject):
    """Drives a Run, or a Race of runs, with a QTimer on the GUI thread. Nothing else steps them.

    In a race the primary run (`run`, the one the settings panel edits) is race.runs[0]; every
    transport action moves all runs together, and each change emits the primary's snapshot and
    then `race_snapshots`. A step back keeps the abandoned future of the primary as a ghost.
    """

    snapshot_changed = Signal(object)  # Snapshot of the primary run
    race_snapshots = Signal(object)  # list of (RaceEntry, Run, Snapshot), entry order; [] without a race
    race_changed = Signal(object)  # Race, or None when back to a single run
    ghosts_changed = Signal(object)  # list of Ghost, oldest first
    run_replaced = Signal(object)  # Run: new data, model or start
    live_changed = Signal(object)  # LiveSettings, after a change from here (rewind, rejected edit)
    playing_changed = Signal(bool)
    speed_changed = Signal(int, int)  # steps per second, steps per frame
    error = Signal(str)  # one line for the user
    info = Signal(str)
    runner_selected = Signal(int)  # the race runner the settings panel edits
    undo_changed = Signal(bool, bool)  # can undo, can redo
    converged = Signal(int)  # the step where the run first converged (the timer paused there)

    def __init__(self, run: Run, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = run
        self._race: Race | None = None
        self._ghosts: list[Ghost] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.steps_per_second, self.steps_per_frame = 10, 1
        self._timer.setInterval(self._interval())
        self._selected = 0
        self._undo: list[Restorable] = []
        self._redo: list[Restorable] = []
        self.presenter: Callable[[Run], None] | None = None  # shows a new run in every view; may raise
        self._measured: list[tuple[float, int]] = []  # (time, step) of recent ticks: the true speed
        self._goal: int | None = None  # play pauses once on this step (set_goal)

    @property
    def run(self) -> Run:
        """The run being animated (read it; do not step it)."""
        return self._run

    @property
    def race(self) -> Race | None:
        """The race being animated, or None."""
        return self._race

    @property
    def ghosts(self) -> list[Ghost]:
        """Abandoned futures of the primary run (at most MAX_GHOSTS, oldest first)."""
        return list(self._ghosts)

    @property
    def step(self) -> int:
        """The current step: the run's, or the furthest any runner has reached."""
        return self._race.step if self._race is not None else self._run.step

    @property
    def goal(self) -> int | None:
        """The step where play will pause once (a tutorial's length), or None."""
        return self._goal

    def set_goal(self, step: int | None) -> None:
        """Make play pause once exactly on `step` (None: never). Reaching it, a new run or a reset clears it
        (Play then goes on); an undo brings back the goal of the state it brings back."""
        self._goal = None if step is None else max(0, int(step))

    @property
    def playing(self) -> bool:
        """Whether the timer is running."""
        return self._timer.isActive()

    # ----- replacing the run --------------------------------------------------------------
    def set_config(self, **changes) -> bool:
        """Restart with some restart settings changed; on bad input keep the current run."""
        same_data = set(changes) <= SAME_DATA
        return self.load(replace(self._run.config, **changes), self._run.live,
                         self._run.dataset if same_data else None)

    def load(self, config: RunConfig, live: LiveSettings | None = None, dataset=None) -> bool:
        """Start a new run; returns False (and emits error) when the settings are rejected.

        The new run is built and shown in every view before it replaces the old one: if anything
        fails, the old run stays everywhere (a transaction), and the restart can be undone."""
        try:
            run = Run(config, live, dataset=dataset, max_history=self._run.max_history)
        except MemoryError:
            self.error.emit(QCoreApplication.translate("RunController", "Not enough memory for these data."))
            return False
        except (DataError, ValueError, OSError, ArithmeticError) as exc:
            self.error.emit(_one_line(exc))
            return False
        return self._replace(run, None)

    def _replace(self, run: Run, race: Race | None, remember: bool = True) -> bool:
        """Show `run` (or `race`) in every view, then make it current; on failure keep the old one."""
        self.pause()
        before = self._state()
        if not self._present(run, before.run):
            return False
        if remember:
            self._push_undo(before)
        self._install(run, race, [], 0)
        return True

    def _present(self, run: Run, fallback: Run) -> bool:
        """Let the views take `run`; if one refuses, give every view `fallback` again."""
        if self.presenter is None:
            return True
        try:
            self.presenter(run)
            return True
        except Exception as exc:  # noqa: BLE001 - any view's failure must leave the old state
            LOG.exception("a view could not show the new run")
            try:
                self.presenter(fallback)
            except Exception:  # noqa: BLE001
                LOG.exception("a view could not show the previous run again")
            self.error.emit(QCoreApplication.translate(
                "RunController", "Could not show these data ({0}); the previous run stays.").format(_one_line(exc)))
            return False

    def _install(self, run: Run, race: Race | None, ghosts, selected: int) -> None:
        was_race = self._race is not None
        self._race = race
        self._run = run
        self._selected = selected if race is not None else 0
        self._ghosts = list(ghosts)
        self._goal = None
        if race is not None or was_race:
            self.race_changed.emit(race)
        self.ghosts_changed.emit(list(ghosts))
        self.run_replaced.emit(run)
        self.runner_selected.emit(self._selected)
        self.live_changed.emit(self.edited_run.live)
        self._measured.clear()
        self._emit()

    # ----- undo ---------------------------------------------------------------------------
    def _copy_state(self) -> Restorable:
        """The current state as copies: for changes made in place (a reset)."""
        if self._race is not None:
            race = _copied(self._race)
            return Restorable(race.runs[0], race, tuple(self._ghosts), self._selected, self._goal)
        return Restorable(_copied(self._run), None, tuple(self._ghosts), 0, self._goal)

    def _state(self) -> Restorable:
        return Restorable(self._run, self._race, tuple(self._ghosts), self._selected, self._goal)

    def _push_undo(self, state: Restorable) -> None:
        self._undo = (self._undo + [state])[-MAX_UNDO:]
        self._redo.clear()
        self.undo_changed.emit(True, False)

    @property
    def can_undo(self) -> bool:
        """Whether a restart can be undone."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether an undone restart can be done again."""
        return bool(self._redo)

    def undo(self) -> bool:
        """Back to the run (or race) before the last restart, at its step, with its history and branches."""
        return self._swap(self._undo, self._redo)

    def redo(self) -> bool:
        """Do the last undone restart again."""
        return self._swap(self._redo, self._undo)

    def _swap(self, source: list, target: list) -> bool:
        if not source:
            return False
        self.pause()
        state, current = source[-1], self._state()
        if not self._present(state.run, current.run):
            return False
        source.pop()
        target.append(current)
        self._install(state.run, state.race, state.ghosts, state.selected)
        self._goal = state.goal
        self.undo_changed.emit(bool(self._undo), bool(self._redo))
        return True

    # ----- races --------------------------------------------------------------------------
    def start_race(self, race: Race) -> bool:
        """Animate a race: its first run becomes the primary run (pauses first; undoable)."""
        self.pause()
        before = self._state()
        if not self._present(race.runs[0], before.run):
            return False
        self._push_undo(before)
        self._install(race.runs[0], race, [], 0)
        return True

    def start_preset(self, name: str) -> bool:
        """Start a ready-made race by name; False (and an error) when it cannot be built."""
        try:
            race = Race.from_preset(name, max_history=self._run.max_history)
        except (DataError, ValueError, OSError, ArithmeticError) as exc:
            self.error.emit(_one_line(exc))
            return False
        return self.start_race(race)

    def end_race(self) -> None:
        """Back to a single run: the primary run stays where it is (undoable)."""
        if self._race is None:
            return
        self.pause()
        self._push_undo(self._state())
        self._install(self._run, None, self._ghosts, 0)

    @property
    def selected_runner(self) -> int:
        """The race runner the settings panel edits (0 without a race)."""
        return self._selected

    @property
    def edited_run(self) -> Run:
        """The run live edits go to: the selected runner in a race, else the run."""
        return self._race.runs[self._selected] if self._race is not None else self._run

    def select_runner(self, i: int) -> None:
        """Choose the runner that the settings panel edits."""
        if self._race is None or not 0 <= i < len(self._race.runs) or i == self._selected:
            return
        self._selected = i
        self.runner_selected.emit(i)
        self.live_changed.emit(self.edited_run.live)

    def add_runner(self, entry: RaceEntry) -> bool:
        """Add a runner that catches up to the current step; the others keep their place (undoable).

        Without a race, the current run becomes runner 1 of a new race of two."""
        self.pause()
        try:
            if self._race is not None:
                race = self._race.with_runner(entry)
            else:
                first = RaceEntry(QCoreApplication.translate("RunController", "run 1"), 0, self._run.live)
                race = Race.from_run(self._run, first, entry)
        except (DataError, ValueError, ArithmeticError) as exc:
            self.error.emit(_one_line(exc))
            return False
        before = self._state()
        if not self._present(race.runs[0], before.run):
            return False
        self._push_undo(before)
        self._install(race.runs[0], race, [], len(race.runs) - 1)
        return True

    def remove_runner(self, i: int) -> bool:
        """Remove runner i (undoable); with one runner left the race ends on it."""
        race = self._race
        if race is None or not 0 <= i < len(race.runs):
            return False
        self.pause()
        before = self._state()
        if len(race.runs) <= 2:
            keep = _copied(race.runs[1 - i])
            if not self._present(keep, before.run):
                return False
            self._push_undo(before)
            self._install(keep, None, [], 0)
            return True
        try:
            new = race.without_runner(i)
        except ValueError as exc:
            self.error.emit(_one_line(exc))
            return False
        if not self._present(new.runs[0], before.run):
            return False
        self._push_undo(before)
        selected = min(self._selected if self._selected < i else max(0, self._selected - 1), len(new.runs) - 1)
        self._install(new.runs[0], new, [], selected)
        return True

    def set_tolerance(self, tol: float) -> bool:
        """The convergence tolerance for the checks from now on (no restart)."""
        try:
            for run in (self._race.runs if self._race is not None else (self._run,)):
                run.set_tolerance(tol)
        except ValueError as exc:
            self.error.emit(_one_line(exc))
            return False
        self._emit()
        return True

    # ----- live settings ------------------------------------------------------------------
    def set_live(self, **changes) -> bool:
        """Change live settings (learning_rate=…, batch_mode=…): effective on the next step."""
        run = self.edited_run
        try:
            run.set_live(replace(run.live, **changes))
        except (ValueError, TypeError, ArithmeticError) as exc:
            self.error.emit(_one_line(exc))
            self.live_changed.emit(run.live)
            return False
        self.live_changed.emit(run.live)
        self._emit()
        return True

    # ----- transport ----------------------------------------------------------------------
    def play(self) -> None:
        """Start the timer (a diverged run, or a finished race, must be stepped back or reset first)."""
        if self._race is not None and all(r.status is Status.DIVERGED for r in self._race.runs):
            self.info.emit(QCoreApplication.translate(
                "RunController", "Every runner has diverged. Step back (Left) or reset (Home) first."))
            return
        if self._race is None and self._run.status is Status.DIVERGED:
            self.info.emit(QCoreApplication.translate(
                "RunController", "{0}. Step back (Left) or reset (Home) first.").format(
                    engine_text(self._run.status_message())))
            return
        if not self._timer.isActive():
            self._measured.clear()
            self._timer.start(self._interval())
            self.playing_changed.emit(True)

    def pause(self) -> None:
        """Stop the timer."""
        if self._timer.isActive():
            self._timer.stop()
            self.playing_changed.emit(False)

    def toggle(self) -> None:
        """Play or pause."""
        self.pause() if self.playing else self.play()

    def step_forward(self, n: int = 1) -> None:
        """Take n steps now (pauses first)."""
        self.pause()
        if self._race is not None:
            self._race.advance(n)
        else:
            self._run.advance(n, stop_on_converged=False)
        self._emit()

    def step_back(self, n: int = 1) -> None:
        """Go back n steps exactly, settings included (pauses first); the abandoned future stays as a ghost."""
        self.pause()
        target = max(0, self.step - n)
        before = self._run.live
        self._keep_ghost(target)
        if self._race is not None:
            self._race.rewind(target)
        else:
            self._run.rewind(target)
        if self._run.live != before:
            self.live_changed.emit(self._run.live)
        self._emit()

    def go_to(self, step: int) -> None:
        """Jump back to an earlier step (forward jumps take steps)."""
        if step < self.step:
            self.step_back(self.step - step)
        elif step > self.step:
            self.step_forward(step - self.step)

    def reset(self) -> None:
        """Back to step 0 with the current settings (every runner of a race); undoable."""
        self.pause()
        if self.step > 0:
            self._push_undo(self._copy_state())
        if self._race is not None:
            self._race.reset()
        else:
            self._run.reset()
        self._set_ghosts([])
        self._goal = None
        self._emit()

    # ----- ghosts -------------------------------------------------------------------------
    def _keep_ghost(self, target: int) -> None:
        """Before going back to `target`: keep the primary's rows from there on as a ghost.

        A tail that ends on a ghost's path extends that ghost instead (pressing Back five times
        leaves one ghost, not five); a tail inside a ghost adds nothing."""
        run = self._run
        if run.step <= target:
            return
        h = run.history
        i = h.index_at_or_before(target)
        tail = Ghost(h.column("step")[i:].copy(), h.column("params")[i:].copy(), h.column("train_loss")[i:].copy())
        if len(tail.steps) < 2:
            return
        ghosts = list(self._ghosts)
        for k, ghost in enumerate(ghosts):
            j = ghost.row_of(int(tail.steps[-1]))
            if j is not None and np.array_equal(ghost.params[j], tail.params[-1]):
                del ghosts[k]
                before = tail.steps < ghost.steps[0]
                tail = Ghost(*(np.concatenate([a[before], b]) for a, b in
                               ((tail.steps, ghost.steps), (tail.params, ghost.params),
                                (tail.train_loss, ghost.train_loss))))
                break
        self._set_ghosts((ghosts + [tail])[-MAX_GHOSTS:])

    def _drop_covered_ghosts(self) -> None:
        """Forget ghosts the primary has walked over again exactly (their end is on its path)."""
        run, h = self._run, self._run.history
        keep = []
        for ghost in self._ghosts:
            end = int(ghost.steps[-1])
            if run.step >= end:
                i = h.index_at_or_before(end)
                if int(h.column("step")[i]) == end and np.array_equal(h.column("params")[i], ghost.params[-1]):
                    continue
            keep.append(ghost)
        if len(keep) != len(self._ghosts):
            self._set_ghosts(keep)

    def _set_ghosts(self, ghosts: list[Ghost]) -> None:
        if ghosts or self._ghosts:
            self._ghosts = list(ghosts)
            self.ghosts_changed.emit(list(ghosts))

    # ----- speed --------------------------------------------------------------------------
    def set_speed(self, steps_per_second: int, steps_per_frame: int) -> None:
        """Timer rate (1–60 frames a second) and steps per frame (compute rate ≠ paint rate)."""
        self.steps_per_second = max(1, min(60, int(steps_per_second)))
        self.steps_per_frame = max(1, int(steps_per_frame))
        self._timer.setInterval(self._interval())
        self.speed_changed.emit(self.steps_per_second, self.steps_per_frame)

    def faster(self) -> None:
        """One rung up the speed ladder."""
        self._move_speed(+1)

    def slower(self) -> None:
        """One rung down the speed ladder."""
        self._move_speed(-1)

    def _move_speed(self, direction: int) -> None:
        rate = self.steps_per_second * self.steps_per_frame
        rates = [s * f for s, f in SPEEDS]
        if direction > 0:
            i = next((i for i, r in enumerate(rates) if r > rate), len(SPEEDS) - 1)
        else:
            i = next((i for i in range(len(rates) - 1, -1, -1) if rates[i] < rate), 0)
        self.set_speed(*SPEEDS[i])

    def _interval(self) -> int:
        return max(1, round(1000 / self.steps_per_second))

    # ----- the frame ----------------------------------------------------------------------
    def _tick(self) -> None:
        try:
            self._advance_frame()
        except Exception as exc:  # noqa: BLE001 - a failing step pauses with a message, never a crash
            LOG.exception("a step failed")
            self.pause()
            self.error.emit(QCoreApplication.translate("RunController", "The step failed: {0}").format(_one_line(exc)))
            return
        now = time.monotonic()
        self._measured = [m for m in self._measured if now - m[0] <= 2.0] + [(now, self.step)]
        self._emit()

    def _advance_frame(self) -> None:
        """One frame's steps; pause once at the first convergence (Play goes on), at a divergence, and
        exactly on the goal (the frame that reaches it takes only the steps left)."""
        n = self._frame_steps()
        if self._race is not None:
            race = self._race
            before = race.converged_at
            race.advance(n, stop_on_converged=before is None)
            self._check_goal()
            if before is None and race.converged_at is not None:
                self.pause()
                self.converged.emit(race.converged_at)
            elif all(r.status is Status.DIVERGED for r in race.runs):
                self.pause()
            return
        run = self._run
        before = run.converged_at
        run.advance(n)
        self._check_goal()
        if run.status in (Status.DIVERGED, Status.STALLED):
            self.pause()
        elif before is None and run.converged_at is not None:
            self.pause()
            self.converged.emit(run.converged_at)

    def _frame_steps(self) -> int:
        """Steps this frame may take: steps_per_frame, or fewer to land on the goal (one passed by hand
        is dropped)."""
        if self._goal is not None and self._goal <= self.step:
            self._goal = None
        return self.steps_per_frame if self._goal is None else min(self.steps_per_frame, self._goal - self.step)

    def _check_goal(self) -> None:
        """Pause on the goal and say so; Play then goes on past it."""
        if self._goal is None or self.step < self._goal:
            return
        self._goal = None
        self.pause()
        self.info.emit(QCoreApplication.translate(
            "RunController", "Paused at step {0}, the tutorial's length; press Play to go on.").format(
                "{:,}".format(self.step)))

    @property
    def measured_rate(self) -> float | None:
        """Steps per second actually taken over the last two seconds of play (None until measured)."""
        m = self._measured
        if len(m) < 3 or m[-1][0] - m[0][0] < 0.25:
            return None
        return (m[-1][1] - m[0][1]) / (m[-1][0] - m[0][0])

    def _emit(self) -> None:
        if self._ghosts:
            self._drop_covered_ghosts()
        snap = self._run.snapshot()
        self.snapshot_changed.emit(snap)
        race = self._race
        # the other runners are drawn, not written out: their next update is not needed
        items = [] if race is None else [(entry, run, snap if run is self._run else run.snapshot(preview=False))
                                         for entry, run in zip(race.entries, race.runs)]
        self.race_snapshots.emit(items)

    def refresh(self) -> None:
        """Re-emit the current snapshot (after a view option changed)."""
        self._emit()

    def install_session(self, restored) -> bool:
        """Make a restored session current (undoable): its run or race at its step, ghosts, runner, speed."""
        self.pause()
        before = self._state()
        if not self._present(restored.run, before.run):
            return False
        self._push_undo(before)
        ghosts = [Ghost(np.asarray(g.steps), np.asarray(g.params), np.asarray(g.train_loss)) for g in restored.ghosts]
        self._install(restored.run, restored.race, ghosts, restored.selected)
        self.set_speed(*restored.speed)
        return True

    def reannounce(self) -> None:
        """Tell new listeners everything: race, ghosts, edited runner, live settings and the snapshot
        (a window rebuilt around this controller, e.g. after a language change)."""
        self.race_changed.emit(self._race)
        self.ghosts_changed.emit(list(self._ghosts))
        self.runner_selected.emit(self._selected)
        self.live_changed.emit(self.edited_run.live)
        self.speed_changed.emit(self.steps_per_second, self.steps_per_frame)
        self.undo_changed.emit(bool(self._undo), bool(self._redo))
        self._emit()

    def disconnect_all(self) -> None:
        """Drop every connection to this controller's signals (its window is being replaced)."""
        for name in ("snapshot_changed", "race_snapshots", "race_changed", "ghosts_changed", "run_replaced",
                     "live_changed", "playing_changed", "speed_changed", "error", "info", "runner_selected",
                     "undo_changed", "converged"):
            signal = getattr(self, name)
            try:
                signal.disconnect()
            except (RuntimeError, TypeError):  # nothing connected
                pass


def _one_line(exc: BaseException) -> str:
    """An exception as one line for the banner."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _copied(thing):
    """An independent copy of a Run or Race (its own `copy()` when it has one)."""
    own = getattr(thing, "copy", None)
    return own() if own is not None else copy.deepcopy(thing)
