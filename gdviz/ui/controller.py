"""The one object that owns the run (or a race of runs) and the QTimer; it emits snapshots after every change."""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from ..engine import DataError, LiveSettings, Race, RaceEntry, Run, RunConfig, Snapshot, Status

# (steps per second, steps per frame): `[` and `]` walk this ladder
SPEEDS: tuple[tuple[int, int], ...] = (
    (1, 1), (2, 1), (5, 1), (10, 1), (20, 1), (30, 1), (60, 1),
    (60, 3), (60, 10), (60, 30), (60, 100), (60, 300), (60, 1000), (60, 3000), (60, 10000),
)


SAME_DATA = {"init", "model", "reduction", "standardise", "grad_tol", "loss_tol"}  # keep the loaded data
MAX_GHOSTS = 3

RaceItem = tuple[RaceEntry, Run, Snapshot]


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

    def __init__(self, run: Run, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = run
        self._race: Race | None = None
        self._ghosts: list[Ghost] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.steps_per_second, self.steps_per_frame = 10, 1
        self._timer.setInterval(self._interval())

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
        """Start a new run; returns False (and emits error) when the settings are rejected."""
        try:
            run = Run(config, live, dataset=dataset, max_history=self._run.max_history)
        except (DataError, ValueError, OSError) as exc:
            self.error.emit(str(exc))
            return False
        self.pause()
        self._leave_race()
        self._run = run
        self._set_ghosts([])
        self.run_replaced.emit(run)
        self.live_changed.emit(run.live)
        self._emit()
        return True

    # ----- races --------------------------------------------------------------------------
    def start_race(self, race: Race) -> None:
        """Animate a race: its first run becomes the primary run (pauses first)."""
        self.pause()
        self._race = race
        self._run = race.runs[0]
        self._set_ghosts([])
        self.race_changed.emit(race)
        self.run_replaced.emit(self._run)
        self.live_changed.emit(self._run.live)
        self._emit()

    def start_preset(self, name: str) -> bool:
        """Start a ready-made race by name; False (and an error) when it cannot be built."""
        try:
            race = Race.from_preset(name, max_history=self._run.max_history)
        except (DataError, ValueError, OSError) as exc:
            self.error.emit(str(exc))
            return False
        self.start_race(race)
        return True

    def end_race(self) -> None:
        """Back to a single run: the primary run stays where it is."""
        if self._race is None:
            return
        self._leave_race()
        self._emit()

    def _leave_race(self) -> None:
        if self._race is not None:
            self._race = None
            self.race_changed.emit(None)

    # ----- live settings ------------------------------------------------------------------
    def set_live(self, **changes) -> bool:
        """Change live settings (learning_rate=…, batch_mode=…): effective on the next step."""
        try:
            self._run.set_live(replace(self._run.live, **changes))
        except ValueError as exc:
            self.error.emit(str(exc))
            self.live_changed.emit(self._run.live)
            return False
        self.live_changed.emit(self._run.live)
        self._emit()
        return True

    # ----- transport ----------------------------------------------------------------------
    def play(self) -> None:
        """Start the timer (a diverged run, or a finished race, must be stepped back or reset first)."""
        if self._race is not None and self._race.finished:
            self.info.emit("Every runner has converged or diverged. Step back (Left) or reset (Home) first.")
            return
        if self._race is None and self._run.status is Status.DIVERGED:
            self.info.emit(f"{self._run.status_message()}. Step back (Left) or reset (Home) first.")
            return
        if not self._timer.isActive():
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
        """Back to step 0 with the current settings (every runner of a race)."""
        self.pause()
        if self._race is not None:
            self._race.reset()
        else:
            self._run.reset()
        self._set_ghosts([])
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
        if self._race is not None:
            self._race.advance(self.steps_per_frame)
            done = self._race.finished
        else:
            self._run.advance(self.steps_per_frame)
            done = self._run.status in (Status.DIVERGED, Status.CONVERGED)
        if done:
            self.pause()
        self._emit()

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
