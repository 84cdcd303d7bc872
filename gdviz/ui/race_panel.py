"""Compare / race: start a ready-made race or build one runner by runner; list the runners and pick the one to edit."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout)

from ..engine import PRESETS, BatchMode, LiveSettings, Race, RaceEntry, UpdateRule
from ..engine.race import MAX_RUNS
from .i18n import engine_text
from .theme import entry_colour
from .widgets import combo, fit_popup

RULE_NAMES = {UpdateRule.GRADIENT: QT_TRANSLATE_NOOP("RacePanel", "gradient"),
              UpdateRule.FIXED: QT_TRANSLATE_NOOP("RacePanel", "fixed step"),
              UpdateRule.MOMENTUM: QT_TRANSLATE_NOOP("RacePanel", "momentum"),
              UpdateRule.NESTEROV: "Nesterov", UpdateRule.ADAGRAD: "AdaGrad", UpdateRule.RMSPROP: "RMSProp",
              UpdateRule.ADAM: "Adam", UpdateRule.RANDOM_SEARCH: QT_TRANSLATE_NOOP("RacePanel", "random search"),
              UpdateRule.DIRECTION_SEARCH: QT_TRANSLATE_NOOP("RacePanel", "direction search")}


def describe(live: LiveSettings, with_batch: bool) -> str:
    """A runner's settings in a few words: rule, its step setting, batch."""
    rule = live.rule
    if rule is UpdateRule.RANDOM_SEARCH:
        step = f"r = {live.search_radius:g}"
    elif rule in (UpdateRule.FIXED, UpdateRule.DIRECTION_SEARCH):
        step = f"s = {live.fixed_step:g}"
    else:
        step = f"η = {live.learning_rate:g}"
    parts = [QCoreApplication.translate("RacePanel", RULE_NAMES[rule]), step]
    if with_batch and not rule.is_search:
        parts.append({BatchMode.FULL: QCoreApplication.translate("RacePanel", "full batch"),
                      BatchMode.STOCHASTIC: QCoreApplication.translate("RacePanel", "1 sample"),
                      BatchMode.MINI: QCoreApplication.translate("RacePanel", "batch {0}").format(live.batch_size)
                      }[live.batch_mode])
    return QCoreApplication.translate("RacePanel", ", ").join(parts)


def swatch(colour: str, size: int = 14) -> QIcon:
    """A filled square of a runner's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class RacePanel(QGroupBox):
    """Starts and ends races through the controller; lists the runners, one selected: the one the settings edit."""

    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Compare / race"))
        self.setObjectName("racePanel")
        self.controller = controller
        col = QVBoxLayout(self)
        self.presets = combo([(engine_text(preset.title), name) for name, preset in PRESETS.items()])
        self.presets.setObjectName("racePresets")
        fit_popup(self.presets)
        self.presets.currentIndexChanged.connect(self._show_explanation)
        col.addWidget(self.presets)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #444;")
        col.addWidget(self.explanation)
        self.start_button = self._button(self.tr("Start race"),
                                         self.tr("Race the runners of the chosen race from step 0"), self._start_preset)
        self.end_button = self._button(self.tr("End race"), self.tr("Back to the single run"), self._end_race)
        col.addLayout(_row(self.start_button, self.end_button))
        self.add_button = self._button(
            self.tr("Add as a runner"),
            self.tr("Add a runner with the settings shown above, at the current step; the others keep their "
                    "place. The new runner is selected, so the settings then edit it. At most {0} runners; "
                    "Ctrl+Z takes it back.").format(MAX_RUNS),
            self._add_runner)
        col.addWidget(self.add_button)
        self.runners = QListWidget()
        self.runners.setObjectName("raceRunners")
        self.runners.setToolTip(self.tr("Click a runner to edit its settings above"))
        self.runners.setFocusPolicy(Qt.NoFocus)  # clicks select; the keys stay with the window
        self.runners.setSelectionMode(QAbstractItemView.SingleSelection)
        self.runners.setIconSize(QSize(14, 14))
        self.runners.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.runners.currentRowChanged.connect(self._row_chosen)
        col.addWidget(self.runners)
        self.remove_button = self._button(self.tr("Remove runner"),
                                          self.tr("Take the selected runner out of the race (Ctrl+Z brings it back)"),
                                          self._remove_runner)
        col.addWidget(self.remove_button)
        controller.race_changed.connect(self.show_race)
        controller.runner_selected.connect(self.show_selected)
        controller.live_changed.connect(lambda _live: self.show_texts())
        self._show_explanation()
        self.show_race(controller.race)

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

    def _add_runner(self) -> bool:
        """Add the settings the panel shows as a new runner; the race keeps its step (a single run becomes runner 1)."""
        c = self.controller
        race: Race | None = c.race
        names = [e.name for e in race.entries] if race is not None else [self.tr("run {0}").format(1)]
        colours = [e.colour for e in race.entries] if race is not None else [0]
        if len(names) >= MAX_RUNS:
            c.info.emit(self.tr("A race has at most {0} runners: remove one or end the race.").format(MAX_RUNS))
            return False
        name = next(n for n in (self.tr("run {0}").format(k) for k in range(len(names) + 1, 2 * MAX_RUNS + 2))
                    if n not in names)
        colour = next(i for i in range(len(colours) + 1) if i not in colours)
        return bool(c.add_runner(RaceEntry(name, colour, c.edited_run.live)))

    def _remove_runner(self) -> bool:
        return bool(self.controller.remove_runner(self.controller.selected_runner))

    def _row_chosen(self, row: int) -> None:
        if row >= 0:
            self.controller.select_runner(row)

    # ----- controller → widgets -----------------------------------------------------------
    def _show_explanation(self, _index: int = 0) -> None:
        preset = PRESETS.get(self.presets.currentData())
        self.explanation.setText(engine_text(preset.explanation) if preset else "")

    def show_race(self, race: Race | None) -> None:
        """List the runners (colour, name, rule, η, batch); hide the list when no race is under way."""
        with QSignalBlocker(self.runners):
            self.runners.clear()
        self.end_button.setEnabled(race is not None)
        self.remove_button.setEnabled(race is not None and len(race.runs) > 1)
        self.remove_button.setVisible(race is not None)
        if race is None:
            self.runners.hide()
            return
        with QSignalBlocker(self.runners):
            for entry in race.entries:
                self.runners.addItem(QListWidgetItem(swatch(entry_colour(entry)), engine_text(entry.name)))
        self.show_texts()
        self.show_selected(self.controller.selected_runner)
        rows = self.runners.count()
        self.runners.setFixedHeight(rows * self.runners.sizeHintForRow(0) + 2 * self.runners.frameWidth() + 4)
        self.runners.show()

    def show_texts(self) -> None:
        """Each row: the runner's name and its settings as they are now (a live edit shows at once)."""
        race = self.controller.race
        if race is None or self.runners.count() != len(race.runs):
            return
        with_batch = race.dataset is not None
        for i, (entry, run) in enumerate(zip(race.entries, race.runs)):
            item = self.runners.item(i)
            item.setText(self.tr("{0}: {1}").format(engine_text(entry.name), describe(run.live, with_batch)))
            item.setToolTip(item.text())

    def show_selected(self, row: int) -> None:
        """Highlight the runner the settings panel edits."""
        if 0 <= row < self.runners.count():
            with QSignalBlocker(self.runners):
                self.runners.setCurrentRow(row)

    def runner_texts(self) -> list[str]:
        """The lines of the runner list (for tests and screenshots)."""
        return [self.runners.item(i).text() for i in range(self.runners.count())]

    def selected_row(self) -> int:
        """The highlighted row (-1: none)."""
        return self.runners.currentRow()


def _row(*widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row
