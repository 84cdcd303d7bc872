"""Races: 2 to 6 runs on the same data from the same start, stepped together, and ready-made ones.

A race is changed only by its own methods. Adding or removing a runner never changes a race: it
returns a new one (`with_runner`, `without_runner`) built from copies of the runs, so the window can
keep the old race for undo. The stop rule is the run's (`Run.advance`): with stop_on_converged a race
pauses once at the first step where a runner first converges, every runner at that step; the next
advance goes on from there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .datasets import Dataset
from .run import AHEAD, Run, load_dataset
from .types import BatchMode, LiveSettings, ModelKind, Reduction, RunConfig, SampleOrder, Snapshot, Status, UpdateRule

MIN_RUNS, MAX_RUNS = 2, 6
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class RaceEntry:
    """One runner: a legend name, a colour (palette index or "#rrggbb") and its live settings."""

    name: str
    colour: int | str
    live: LiveSettings

    def __post_init__(self) -> None:
        ok = (isinstance(self.colour, int) and self.colour >= 0) or (
            isinstance(self.colour, str) and _HEX.fullmatch(self.colour))
        if not ok:
            raise ValueError("colour of '{0}' must be a palette index or #rrggbb, got {1!r}".format(self.name, self.colour))


@dataclass(frozen=True)
class RacePreset:
    """A ready-made race for a teacher's menu."""

    title: str
    explanation: str  # one line: what the race shows
    config: RunConfig
    entries: tuple[RaceEntry, ...]
    steps: int = 300  # long enough to tell the story


class Race:
    """Runs sharing one data set object and one start. Only its own methods step them."""

    def __init__(self, config: RunConfig, entries: Sequence[RaceEntry], dataset: Dataset | None = None,
                 max_history: int = 1 << 20) -> None:
        _check_entries(entries)
        self.config = config
        self.entries = tuple(entries)
        self.max_history = max_history
        self.dataset = None if config.function else dataset if dataset is not None else load_dataset(config)
        self._set_runs(tuple(Run(config, e.live, dataset=self.dataset, max_history=max_history) for e in entries))

    def _set_runs(self, runs: tuple[Run, ...]) -> None:
        self.runs = runs
        for i, run in enumerate(self.runs):  # the runners compute their steps ahead in different frames
            run.ahead_phase = i * AHEAD // len(self.runs)

    @classmethod
    def _of(cls, race: "Race", entries: Sequence[RaceEntry], runs: Sequence[Run]) -> "Race":
        """A race of existing runs (no checks beyond the entry count and names)."""
        _check_entries(entries)
        out = cls.__new__(cls)
        out.config, out.entries = race.config, tuple(entries)
        out.max_history, out.dataset = race.max_history, race.dataset
        out._set_runs(tuple(runs))
        return out

    def with_runner(self, entry: RaceEntry) -> "Race":
        """A NEW race: copies of these runs plus a runner for `entry`, advanced to this race's step
        (without stopping at convergence). This race is left as it is."""
        run = Run(self.config, entry.live, dataset=self.dataset, max_history=self.max_history)
        run.advance(self.step, stop_on_converged=False)
        return Race._of(self, (*self.entries, entry), (*(r.copy() for r in self.runs), run))

    def without_runner(self, i: int) -> "Race":
        """A NEW race without runner i (copies of the others); at least two runners must remain."""
        if not 0 <= i < len(self.runs):
            raise ValueError("no runner {0}: the race has runners 0 to {1}".format(i, len(self.runs) - 1))
        keep = [k for k in range(len(self.runs)) if k != i]
        return Race._of(self, [self.entries[k] for k in keep], [self.runs[k].copy() for k in keep])

    @classmethod
    def from_run(cls, run: Run, first: RaceEntry, entry: RaceEntry) -> "Race":
        """A NEW race of two: a copy of `run` as it stands (runner 1, `first`) and a runner for
        `entry` advanced to the run's step (without stopping at convergence). `run` is left as it is."""
        _check_entries((first, entry))
        out = cls.__new__(cls)
        out.config, out.entries, out.max_history, out.dataset = run.config, (first, entry), run.max_history, run.dataset
        new = Run(run.config, entry.live, dataset=run.dataset, max_history=run.max_history)
        new.advance(run.step, stop_on_converged=False)
        out._set_runs((run.copy(), new))
        return out

    def copy(self) -> "Race":
        """An independent race with copies of every run."""
        return Race._of(self, self.entries, [run.copy() for run in self.runs])

    @classmethod
    def from_preset(cls, name: str, max_history: int = 1 << 20) -> "Race":
        """A race from PRESETS by name."""
        if name not in PRESETS:
            raise ValueError("unknown race '{0}' (choose from {1})".format(name, ", ".join(PRESETS)))
        preset = PRESETS[name]
        return cls(preset.config, preset.entries, max_history=max_history)

    @property
    def step(self) -> int:
        """The furthest step any run has reached (a diverged run stays behind)."""
        return max(run.step for run in self.runs)

    @property
    def finished(self) -> bool:
        """Whether no run has anything left to do (each converged or diverged)."""
        return all(run.status in (Status.CONVERGED, Status.DIVERGED) for run in self.runs)

    @property
    def converged_at(self) -> int | None:
        """The first step at which some runner converged (None: none yet)."""
        steps = [run.converged_at for run in self.runs if run.converged_at is not None]
        return min(steps) if steps else None

    def advance(self, n: int = 1, stop_on_converged: bool = False, together: bool = True) -> int:
        """Step every run up to n times; a diverged run stays stopped. Returns the most steps any run took.

        With stop_on_converged each run follows Run.advance's rule (stop once at its first convergence).
        `together` keeps the runners in step: the race pauses at the earliest step where a runner first
        converged during this call, and runners that went further go back to it exactly (their own later
        first convergence is then still to come). With together=False each runner stops at its own
        first convergence, as `gdviz run` would stop it."""
        before = [run.step for run in self.runs]
        fresh = [run.converged_at is None for run in self.runs]
        for run in self.runs:
            run.advance(n, stop_on_converged=stop_on_converged)
        if stop_on_converged and together:
            hits = [run.converged_at for run, new in zip(self.runs, fresh)
                    if new and run.converged_at is not None and run.converged_at == run.step]
            if hits:
                target = min(hits)
                for run in self.runs:
                    if run.step > target:
                        run.rewind(target)
        return max(run.step - b for run, b in zip(self.runs, before))

    def rewind(self, step: int) -> None:
        """Every run back to `step` exactly (a run that stopped before it stays as it is)."""
        for run in self.runs:
            if run.step > step:
                run.rewind(step)

    def reset(self) -> None:
        """Every run back to step 0."""
        for run in self.runs:
            run.reset()

    def snapshots(self) -> tuple[Snapshot, ...]:
        """One snapshot per run, in entry order."""
        return tuple(run.snapshot() for run in self.runs)


def _check_entries(entries: Sequence[RaceEntry]) -> None:
    if not MIN_RUNS <= len(entries) <= MAX_RUNS:
        raise ValueError("a race needs {0} to {1} runs, got {2}".format(MIN_RUNS, MAX_RUNS, len(entries)))
    names = [e.name for e in entries]
    if len(set(names)) != len(names):
        raise ValueError("race entries need different names, got {0}".format(", ".join(names)))


def _entries(*rows: tuple[str, LiveSettings]) -> tuple[RaceEntry, ...]:
    return tuple(RaceEntry(name, i, live) for i, (name, live) in enumerate(rows))


_FULL = BatchMode.FULL
PRESETS: dict[str, RacePreset] = {
    "learning-rates": RacePreset(
        "Learning rate: low, high, too high (tutorial 002)",
        "The same descent with η = 0.2, 0.8 and 1.1: small steps creep, large ones overshoot and "
        "swing back, and past the limit every step overshoots more until the loss explodes.",
        RunConfig(data="linear"),
        _entries(("η = 0.2", LiveSettings(learning_rate=0.2)),
                 ("η = 0.8", LiveSettings(learning_rate=0.8)),
                 ("η = 1.1", LiveSettings(learning_rate=1.1)))),
    "batch-modes": RacePreset(
        "Full batch, stochastic, mini-batch (tutorial 001)",
        "Every step uses all 100 beans, one bean, or 10 beans (η = 0.5, mean squared error): one bean "
        "is cheap but the line jitters, all beans move smoothly, 10 beans sit between.",
        RunConfig(data="beans", reduction=Reduction.MEAN),
        _entries(("full batch", LiveSettings(learning_rate=0.5, batch_mode=_FULL)),
                 ("stochastic", LiveSettings(learning_rate=0.5, batch_mode=BatchMode.STOCHASTIC)),
                 ("mini-batch 10", LiveSettings(learning_rate=0.5, batch_mode=BatchMode.MINI, batch_size=10)))),
    "valley-optimizers": RacePreset(
        "Gradient descent, momentum, Adam in a narrow valley",
        "Plain descent (η = 0.07) zig-zags across the valley and crawls along it; momentum (same η, "
        "β = 0.6) builds speed along the floor and arrives first; Adam (η = 0.3) walks a steady, "
        "straight path.",
        RunConfig(function="valley"),
        _entries(("gradient descent", LiveSettings(learning_rate=0.07)),
                 ("momentum", LiveSettings(learning_rate=0.07, rule=UpdateRule.MOMENTUM, momentum=0.6)),
                 ("Adam", LiveSettings(learning_rate=0.3, rule=UpdateRule.ADAM)))),
    "search-vs-gradient": RacePreset(
        "Random search, direction search, gradient descent (tutorial 004)",
        "Random search tries points of a box and keeps the best; direction search steps 0.02 along "
        "one of four diagonals while the loss falls; gradient descent (η = 0.2) goes straight down.",
        RunConfig(data="linear"),
        _entries(("random search", LiveSettings(rule=UpdateRule.RANDOM_SEARCH, search_radius=5.0)),
                 ("direction search", LiveSettings(rule=UpdateRule.DIRECTION_SEARCH, fixed_step=0.02)),
                 ("gradient descent", LiveSettings(learning_rate=0.2)))),
    "rooms-search": RacePreset(
        "Rooms → price: random search, direction search, gradient descent (tutorial 004)",
        "From (k, b) = (−150, −150): random search tries points of the box [−200, −100]² (radius 50) and "
        "finds no good line there; direction search steps 0.3 along a diagonal while the loss falls; "
        "gradient descent (η = 1e-3) goes downhill, near a loss of 52 after 50,000 steps.",
        RunConfig(data="rooms", init=(("w", -150.0), ("b", -150.0))),
        _entries(("random search", LiveSettings(rule=UpdateRule.RANDOM_SEARCH, search_radius=50.0)),
                 ("direction search", LiveSettings(rule=UpdateRule.DIRECTION_SEARCH, fixed_step=0.3)),
                 ("gradient descent", LiveSettings(learning_rate=1e-3))), steps=10_000),
    "two-layer-rates": RacePreset(
        "Rooms → price: the two-layer model at three learning rates (tutorial 004)",
        "ŷ = k2·σ(k1·x + b1) + b2 from (1, 0, 1, 0): σ′ ≈ 0.002 at six rooms, so k1 and b1 barely move "
        "(the vanishing gradient) while k2 and b2 fit the mean; Adam rescales each step and escapes sooner.",
        RunConfig(data="rooms", model=ModelKind.TWO_LAYER,
                  init=(("k1", 1.0), ("b1", 0.0), ("k2", 1.0), ("b2", 0.0))),
        _entries(("η = 1e-3", LiveSettings(learning_rate=1e-3)),
                 ("η = 3e-3", LiveSettings(learning_rate=3e-3)),
                 ("Adam η = 0.05", LiveSettings(learning_rate=0.05, rule=UpdateRule.ADAM))), steps=20_000),
    "beans-order": RacePreset(
        "Beans one at a time: in order or shuffled (tutorial 001)",
        "Stochastic descent, α = 0.1, y = w·x from w = 0.1: in the list's order (the tutorial's loop, small "
        "beans first) the line creeps up bean by bean; shuffled beans give a noisier but even walk.",
        RunConfig(data="beans"),
        _entries(("in order", LiveSettings(learning_rate=0.1, batch_mode=BatchMode.STOCHASTIC,
                                           order=SampleOrder.IN_ORDER)),
                 ("shuffled", LiveSettings(learning_rate=0.1, batch_mode=BatchMode.STOCHASTIC))), steps=500),
}
