"""Compare / race: start a ready-made race or build one from the current settings; list the runners."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout)

from ..engine import PRESETS, BatchMode, LiveSettings, Race, RaceEntry, UpdateRule
from ..engine.race import MAX_RUNS
from .theme import entry_colour
from .widgets import combo, fit_popup

RULE_NAMES = {UpdateRule.GRADIENT: "gradient", UpdateRule.FIXED: "fixed step", UpdateRule.MOMENTUM: "momentum",
              UpdateRule.NESTEROV: "Nesterov", UpdateRule.ADAGRAD: "AdaGrad", UpdateRule.RMSPROP: "RMSProp",
              UpdateRule.ADAM: "Adam", UpdateRule.RANDOM_SEARCH: "random search",
              UpdateRule.DIRECTION_SEARCH: "direction search"}


def describe(live: LiveSettings, with_batch: bool) -> str:
    """A runner's settings in a few words: rule, its step setting, batch."""
    rule = live.rule
    if rule is UpdateRule.RANDOM_SEARCH:
        step = f"r = {live.search_radius:g}"
    elif rule in (UpdateRule.FIXED, UpdateRule.DIRECTION_SEARCH):
        step = f"s = {live.fixed_step:g}"
    else:
        step = f"η = {live.learning_rate:g}"
    parts = [RULE_NAMES[rule], step]
    if with_batch and not rule.is_search:
        parts.append({BatchMode.FULL: "full batch", BatchMode.STOCHASTIC: "1 sample",
                      BatchMode.MINI: f"batch {live.batch_size}"}[live.batch_mode])
    return ", ".join(parts)


def swatch(colour: str, size: int = 14) -> QIcon:
    """A filled square of a runner's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class RacePanel(QGroupBox):
    """Starts and ends races through the controller; lists the runners of the race under way."""

    def __init__(self, controller, parent=None) -> None:
        super().__init__("Compare / race", parent)
        self.setObjectName("racePanel")
        self.controller = controller
        col = QVBoxLayout(self)
        self.presets = combo([(preset.title, name) for name, preset in PRESETS.items()])
        self.presets.setObjectName("racePresets")
        fit_popup(self.presets)
        self.presets.currentIndexChanged.connect(self._show_explanation)
        col.addWidget(self.presets)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #444;")
        col.addWidget(self.explanation)
        self.start_button = self._button("Start race", "Race the runners of the chosen race from step 0",
                                         self._start_preset)
        self.end_button = self._button("End race", "Back to the single run", self._end_race)
        col.addLayout(_row(self.start_button, self.end_button))
        self.add_button = self._button(
            "Add current settings as a runner",
            "First press: race two runners with the current settings from step 0 (run 1 follows your "
            f"edits, run 2 keeps them). Later presses add the current settings, up to {MAX_RUNS} runners.",
            self._add_runner)
        col.addWidget(self.add_button)
        self.runners = QListWidget()
        self.runners.setObjectName("raceRunners")
        self.runners.setFocusPolicy(Qt.NoFocus)
        self.runners.setSelectionMode(QAbstractItemView.NoSelection)
        self.runners.setIconSize(QSize(14, 14))
        self.runners.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        col.addWidget(self.runners)
        ready = hasattr(controller, "start_preset")
        for button in (self.start_button, self.end_button, self.add_button):
            button.setEnabled(ready)
        if not ready:
            self.setToolTip("Races need a controller with start_preset, start_race and end_race")
        if hasattr(controller, "race_changed"):
            controller.race_changed.connect(self.show_race)
        self._show_explanation()
        self.show_race(getattr(controller, "race", None))

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.NoFocus)  # Space must keep playing and pausing
        button.clicked.connect(lambda _=False: slot())
        return button

    # ----- widget → controller ------------------------------------------------------------
    def _start_preset(self) -> bool:
        return bool(self.controller.start_preset(self.presets.currentData()))

    def _end_race(self) -> None:
        self.controller.end_race()

    def _add_runner(self) -> None:
        """Start a race of two from the current run, or add the current settings to the race under way.

        Either way the race starts again from step 0. Runner 1 is the run the settings panel edits,
        so it keeps the settings the panel shows; the new runner gets a copy of them.
        """
        c = self.controller
        race: Race | None = getattr(c, "race", None)
        live = c.run.live
        if race is None:
            config, dataset = c.run.config, c.run.dataset
            entries = [RaceEntry("run 1", 0, live), RaceEntry("run 2", 1, live)]
        else:
            if len(race.entries) >= MAX_RUNS:
                c.info.emit(f"A race has at most {MAX_RUNS} runners: end it to build a new one.")
                return
            config, dataset = race.config, race.dataset
            first = replace(race.entries[0], live=live)
            entries = [first, *race.entries[1:], RaceEntry(_free_name(race.entries), _free_colour(race.entries), live)]
        try:
            new = Race(config, entries, dataset=dataset, max_history=c.run.max_history)
        except ValueError as exc:
            c.error.emit(str(exc))
            return
        c.start_race(new)

    # ----- controller → widgets -----------------------------------------------------------
    def _show_explanation(self, _index: int = 0) -> None:
        preset = PRESETS.get(self.presets.currentData())
        self.explanation.setText(preset.explanation if preset else "")

    def show_race(self, race: Race | None) -> None:
        """List the runners (colour, name, rule, η, batch); hide the list when no race is under way."""
        self.runners.clear()
        self.end_button.setEnabled(race is not None and hasattr(self.controller, "end_race"))
        if race is None:
            self.runners.hide()
            return
        with_batch = race.dataset is not None
        for entry in race.entries:
            item = QListWidgetItem(swatch(entry_colour(entry)), f"{entry.name}: {describe(entry.live, with_batch)}")
            item.setToolTip(item.text())
            self.runners.addItem(item)
        rows = self.runners.count()
        self.runners.setFixedHeight(rows * self.runners.sizeHintForRow(0) + 2 * self.runners.frameWidth() + 4)
        self.runners.show()

    def runner_texts(self) -> list[str]:
        """The lines of the runner list (for tests and screenshots)."""
        return [self.runners.item(i).text() for i in range(self.runners.count())]


def _row(*widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row


def _free_name(entries) -> str:
    names = {e.name for e in entries}
    return next(f"run {k}" for k in range(1, len(entries) + 2) if f"run {k}" not in names)


def _free_colour(entries) -> int:
    used = {e.colour for e in entries if isinstance(e.colour, int)}
    return next(i for i in range(len(entries) + 1) if i not in used)
