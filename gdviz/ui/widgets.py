"""Small widgets: number boxes that show numbers as typed, a logarithmic slider, combo and row helpers."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QSlider, QWidget


class NumberBox(QDoubleSpinBox):
    """A spin box showing numbers in %g form; with `log_steps` the arrows multiply by 10^0.1."""

    def __init__(self, lo: float, hi: float, value: float, step: float = 0.1, log_steps: bool = False,
                 parent=None) -> None:
        super().__init__(parent)
        self.setDecimals(12)
        self.setRange(lo, hi)
        self.setSingleStep(step)
        self.setValue(value)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.log_steps = log_steps
        self.setMinimumWidth(100)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt name)
        return f"{value:.7g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt name)
        try:
            return float(text.replace("−", "-"))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        t = text.strip().replace("−", "-")
        try:
            float(t)
            return QValidator.Acceptable, text, pos
        except ValueError:
            if t in ("", "-", "+", ".", "-.") or t.lower().endswith(("e", "e-", "e+")):
                return QValidator.Intermediate, text, pos
            return QValidator.Invalid, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt name)
        if self.log_steps:
            v = self.value()
            v = v * 10 ** (0.1 * steps) if v > 0 else self.minimum_positive()
            self.setValue(float(f"{v:.3g}"))
            self.editingFinished.emit()
        else:
            super().stepBy(steps)

    @staticmethod
    def minimum_positive() -> float:
        """Where log stepping starts from a non-positive value."""
        return 1e-3


class LogSlider(QSlider):
    """A horizontal slider over [lo, hi] on a log scale; emits value_changed(float)."""

    value_changed = Signal(float)
    TICKS_PER_DECADE = 100

    def __init__(self, lo: float, hi: float, parent=None) -> None:
        super().__init__(Qt.Horizontal, parent)
        self._lo, self._hi = math.log10(lo), math.log10(hi)
        self.setRange(0, round((self._hi - self._lo) * self.TICKS_PER_DECADE))
        self.setFocusPolicy(Qt.NoFocus)
        self.valueChanged.connect(lambda i: self.value_changed.emit(self.to_value(i)))

    def to_value(self, i: int) -> float:
        """Slider position → value (3 significant digits)."""
        return float(f"{10 ** (self._lo + i / self.TICKS_PER_DECADE):.3g}")

    def set_float(self, v: float) -> None:
        """Move to a value without emitting."""
        if v <= 0:
            return
        i = round((math.log10(v) - self._lo) * self.TICKS_PER_DECADE)
        blocked = self.blockSignals(True)
        self.setValue(max(self.minimum(), min(self.maximum(), i)))
        self.blockSignals(blocked)


def combo(items: list[tuple[str, object]], parent=None) -> QComboBox:
    """A combo box whose items carry data (enums travel as data, never as indexes)."""
    box = QComboBox(parent)
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(14)
    for text, data in items:
        box.addItem(text, data)
    return box


def select_data(box: QComboBox, data: object) -> None:
    """Select the item carrying `data` without emitting."""
    i = box.findData(data)
    if i >= 0:
        blocked = box.blockSignals(True)
        box.setCurrentIndex(i)
        box.blockSignals(blocked)


def fit_popup(box: QComboBox) -> None:
    """Let the drop-down list be wider than the box, so long items (formulas) show whole."""
    view = box.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 24)


def small_box(value: float, tip: str, step: float = 0.1, log_steps: bool = False) -> NumberBox:
    """A narrow NumberBox for a row holding several settings (any number: the engine judges it)."""
    box = NumberBox(-1e9, 1e9, value, step=step, log_steps=log_steps)
    box.setMinimumWidth(64)
    box.setMaximumWidth(84)
    box.setToolTip(tip)
    return box


def hbox(*widgets: QWidget) -> QWidget:
    """Widgets side by side in one form field (a widget, so the row can be hidden as a whole)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return row
