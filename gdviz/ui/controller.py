"""The one object that owns the run and the QTimer; it emits a snapshot after every change."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from ..engine import DataError, LiveSettings, Run, RunConfig, Status

# (steps per second, steps per frame): `[` and `]` walk this ladder
SPEEDS: tuple[tuple[int, int], ...] = (
    (1, 1), (2, 1), (5, 1), (10, 1), (20, 1), (30, 1), (60, 1),
    (60, 3), (60, 10), (60, 30), (60, 100), (60, 300), (60, 1000), (60, 3000), (60, 10000),
)


SAME_DATA = {"init", "model", "reduction", "standardise", "grad_tol", "loss_tol"}  # keep the loaded data


class RunController(QObject):
    """Drives a Run with a QTimer on the GUI thread. Nothing else calls the run's step methods."""

    snapshot_changed = Signal(object)  # Snapshot
    run_replaced = Signal(object)  # Run: new data, model or start
    live_changed = Signal(object)  # LiveSettings, after a change from here (rewind, rejected edit)
    playing_changed = Signal(bool)
    speed_changed = Signal(int, int)  # steps per second, steps per frame
    error = Signal(str)  # one line for the user
    info = Signal(str)

    def __init__(self, run: Run, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = run
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.steps_per_second, self.steps_per_frame = 10, 1
        self._timer.setInterval(self._interval())

    @property
    def run(self) -> Run:
        """The run being animated (read it; do not step it)."""
        return self._run

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
        self._run = run
        self.run_replaced.emit(run)
        self.live_changed.emit(run.live)
        self._emit()
        return True

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
        """Start the timer (a diverged run must be stepped back or reset first)."""
        if self._run.status is Status.DIVERGED:
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
        self._run.advance(n, stop_on_converged=False)
        self._emit()

    def step_back(self, n: int = 1) -> None:
        """Go back n steps exactly, settings included (pauses first)."""
        self.pause()
        before = self._run.live
        self._run.rewind(self._run.step - n)
        if self._run.live != before:
            self.live_changed.emit(self._run.live)
        self._emit()

    def go_to(self, step: int) -> None:
        """Jump back to an earlier step (forward jumps take steps)."""
        if step < self._run.step:
            self.step_back(self._run.step - step)
        elif step > self._run.step:
            self.step_forward(step - self._run.step)

    def reset(self) -> None:
        """Back to step 0 with the current settings."""
        self.pause()
        self._run.reset()
        self._emit()

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
        self._run.advance(self.steps_per_frame)
        if self._run.status in (Status.DIVERGED, Status.CONVERGED):
            self.pause()
        self._emit()

    def _emit(self) -> None:
        self.snapshot_changed.emit(self._run.snapshot())

    def refresh(self) -> None:
        """Re-emit the current snapshot (after a view option changed)."""
        self._emit()
