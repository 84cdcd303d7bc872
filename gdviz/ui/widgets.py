"""Small widgets: number and text boxes that refuse what they cannot read, a logarithmic slider, combo helpers,
a status-line label that keeps its size.

Every box here follows three rules for the classroom (issue 8, issue 9 #6):
- the wheel changes a box only after it was clicked (focused); otherwise the wheel scrolls the panel;
- Enter commits and Escape reverts, and both give the keys (Space, →, PgDn) back to the window;
- text that is not a number, or a number out of range, is refused with a visible hint (red border,
  tooltip and the `refused` signal), the old value kept: nothing is silently clamped or rewritten.
"""
from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QSlider,
                               QSpinBox, QWidget)

WIDGET_MAX = (1 << 24) - 1  # QWIDGETSIZE_MAX: no largest size
_FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_INT = re.compile(r"[+-]?\d+")
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")  # "1,000": a thousands separator or a decimal comma?
_COMMIT_KEYS = (Qt.Key_Escape, Qt.Key_Enter, Qt.Key_Return)
REFUSED_STYLE = "{0} {{ border: 2px solid #d00000; border-radius: 3px; }}"
MAX_STEP = 10**15  # pins and step counts above this are refused (a run's steps are 64-bit integers)


def read_float(text: str, decimal_point: str = ".") -> tuple[float | None, str]:
    """The number in `text` (dot, comma or the locale's decimal mark), or None and why: 'nan', 'ambiguous', 'tiny'.

    Only plain decimal notation is read: hex, 'nan', 'inf', underscores and grouped thousands are not."""
    t = text.strip().replace("−", "-")
    if decimal_point != "," and _GROUPED.fullmatch(t):
        return None, "ambiguous"
    for mark in {",", decimal_point} - {"."}:
        t = t.replace(mark, ".")
    if not _FLOAT.fullmatch(t):
        return None, "nan"
    value = float(t)
    mantissa = t.lower().split("e")[0]
    if value == 0.0 and any(c in "123456789" for c in mantissa):
        return None, "tiny"  # 1e-400 would silently become 0
    return value, ""


def read_int(text: str) -> int | None:
    """The whole number in `text`, or None."""
    t = text.strip().replace("−", "-")
    return int(t) if _INT.fullmatch(t) else None


def format_number(value: float) -> str:
    """The shortest text that reads back as exactly `value` (0.1, 1e-08, 250)."""
    if value == 0:
        return "0"
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def parse_steps(text: str) -> tuple[list[int], str | None]:
    """Whole step numbers separated by commas, semicolons or spaces; returns (steps, first bad entry or None)."""
    steps = []
    for token in re.split(r"[,;\s]+", text.strip()):
        if not token:
            continue
        value, _ = read_float(token)
        if value is None or not (0 <= value <= MAX_STEP) or value != int(value):
            return [], token
        steps.append(int(value))
    return steps, None


class _Guarded:
    """Shared behaviour of the boxes (mixed into Qt widget classes): safe wheel, keys back, refusal hints."""

    _hint_selector = "QWidget"

    def _guard(self) -> None:
        self.setFocusPolicy(Qt.StrongFocus)  # a click or Tab focuses the box, the wheel never does
        self._plain_tip: str | None = None

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Only a focused box takes the wheel; otherwise it goes on to the scroll area under the pointer."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def event(self, event) -> bool:
        if (event.type() == QEvent.ShortcutOverride and event.key() in _COMMIT_KEYS
                and event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier)):
            event.accept()  # Enter and Escape belong to the box, not to a window shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        key = event.key()
        if key == Qt.Key_Escape:
            self.revert()
        elif key in (Qt.Key_Enter, Qt.Key_Return):
            self.commit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
        self.give_keys_back()

    def give_keys_back(self) -> None:
        """Leave the box, so that Space, arrows and PgUp/PgDn drive the window again."""
        self.clearFocus()

    def show_hint(self, message: str) -> None:
        """Mark the box as refused: red border, the reason first in its tooltip."""
        if self._plain_tip is None:
            self._plain_tip = self.toolTip()
        self.setStyleSheet(REFUSED_STYLE.format(self._hint_selector))
        self.setToolTip("⚠ " + message + ("\n" + self._plain_tip if self._plain_tip else ""))
        self.setProperty("refused", True)

    def clear_hint(self) -> None:
        """Back to the normal look and tooltip."""
        if self._plain_tip is not None:
            self.setStyleSheet("")
            self.setToolTip(self._plain_tip)
            self._plain_tip = None
            self.setProperty("refused", False)

    @property
    def hinted(self) -> bool:
        """Whether the box shows a refusal."""
        return self._plain_tip is not None

    def _name(self) -> str:
        return self.accessibleName()

    def _refuse(self, message: str) -> None:
        name = self._name()
        full = QCoreApplication.translate("NumberBox", "{0}: {1}").format(name, message) if name else message
        self.revert()
        self.show_hint(full)
        self.refused.emit(full)


class _SpinGuarded(_Guarded):
    """Spin-box part: the typed text is checked on Enter and when the box loses focus."""

    _hint_selector = "QAbstractSpinBox"

    def _setup(self) -> None:
        self._guard()
        self.setKeyboardTracking(False)
        self.lineEdit().textEdited.connect(lambda _t: self.clear_hint())

    def validate(self, text: str, pos: int):
        """Acceptable only when `problem` finds none; anything else can still be typed, then is refused."""
        state = QValidator.Acceptable if self.problem(text) is None else QValidator.Intermediate
        return state, text, pos

    def fixup(self, text: str) -> str:
        return text  # Qt's fixup drops "group separators": "1,5" became 15

    def typed(self) -> str:
        """The text in the box now."""
        return self.lineEdit().text()

    def commit(self) -> None:
        """Take the typed value (valueChanged if it changed), or refuse it with a hint."""
        problem = self.problem(self.typed())
        if problem is not None:
            self._refuse(problem)
            return
        self.clear_hint()
        self.interpretText()
        self.editingFinished.emit()

    def revert(self) -> None:
        """Show the current value again, dropping the edit."""
        blocked = self.blockSignals(True)
        self.setValue(self.value())
        self.blockSignals(blocked)
        self.lineEdit().setText(self.textFromValue(self.value()) if not self._at_special() else self.specialValueText())

    def _at_special(self) -> bool:
        return bool(self.specialValueText()) and self.value() == self.minimum()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt name)
        problem = self.problem(self.typed())
        if problem is not None:
            self._refuse(problem)
        super().focusOutEvent(event)

    def _range_problem(self, value: float) -> str | None:
        if self.minimum() <= value <= self.maximum():
            return None
        return QCoreApplication.translate("NumberBox", "must be between {0} and {1}, got {2}").format(
            self.textFromValue(self.minimum()), self.textFromValue(self.maximum()), self.typed().strip())


class NumberBox(_SpinGuarded, QDoubleSpinBox):
    """A spin box for any real number: shows the shortest exact text; with `log_steps` arrows multiply by 10^0.1."""

    refused = Signal(str)  # one line: what was typed and why it was not taken

    def __init__(self, lo: float, hi: float, value: float, step: float = 0.1, log_steps: bool = False,
                 parent=None) -> None:
        super().__init__(parent)
        self.setDecimals(323)  # Qt rounds values to `decimals`: 1e-13 must not become 0
        self.setRange(lo, hi)
        self.setSingleStep(step)
        self.setValue(value)
        self.setAccelerated(True)
        self.log_steps = log_steps
        self.setMinimumWidth(72)
        self._setup()

    def minimumSizeHint(self):  # noqa: N802 (Qt name)
        """Narrow enough for a dock on a 1280×720 projector (Qt would size it for ±1e9 with 323 decimals)."""
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), self.fontMetrics().horizontalAdvance("−0.000000") + 28))
        return hint

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt name)
        return format_number(value)

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt name)
        if self.specialValueText() and text == self.specialValueText():
            return self.minimum()
        value, _ = read_float(text, self.locale().decimalPoint())
        return self.value() if value is None else value

    def problem(self, text: str) -> str | None:
        """Why `text` cannot be taken (None: it can)."""
        if self.specialValueText() and text == self.specialValueText():
            return None
        value, why = read_float(text, self.locale().decimalPoint())
        if why == "ambiguous":
            return QCoreApplication.translate(
                "NumberBox", "{0} is ambiguous: write it without a thousands separator").format(
                text.strip())
        if why == "tiny":
            return QCoreApplication.translate("NumberBox", "{0} is too close to 0 to be held").format(text.strip())
        if value is None:
            if not text.strip():
                return QCoreApplication.translate("NumberBox", "a number is needed")
            return QCoreApplication.translate("NumberBox", "not a number: {0}").format(text.strip())
        return self._range_problem(value)

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt name)
        self.clear_hint()
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


class IntBox(_SpinGuarded, QSpinBox):
    """A spin box for whole numbers with the same refusal hints, safe wheel and keys as NumberBox."""

    refused = Signal(str)

    def __init__(self, lo: int, hi: int, value: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setRange(lo, hi)
        if value is not None:
            self.setValue(value)
        self._setup()

    def valueFromText(self, text: str) -> int:  # noqa: N802 (Qt name)
        value = read_int(text)
        return self.value() if value is None else value

    def textFromValue(self, value: int) -> str:  # noqa: N802 (Qt name)
        return str(value)  # no thousands separator: what is shown can be typed back

    def problem(self, text: str) -> str | None:
        """Why `text` cannot be taken (None: it can)."""
        value = read_int(text)
        if value is None:
            if not text.strip():
                return QCoreApplication.translate("NumberBox", "a number is needed")
            return QCoreApplication.translate("NumberBox", "not a whole number: {0}").format(text.strip())
        return self._range_problem(value)

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt name)
        self.clear_hint()
        super().stepBy(steps)


class TextBox(_Guarded, QLineEdit):
    """A line edit that commits on Enter or leaving it, reverts on Escape, and may refuse text with a hint.

    `check(text)` returns why the text cannot be taken, or None; `committed(text)` follows a taken edit."""

    committed = Signal(str)
    refused = Signal(str)
    _hint_selector = "QLineEdit"

    def __init__(self, check=None, parent=None) -> None:
        super().__init__(parent)
        self._guard()
        self.check = check or (lambda _text: None)
        self._taken = ""
        self.editingFinished.connect(self.commit)
        self.textEdited.connect(lambda _t: self.clear_hint())

    def commit(self) -> None:
        """Take the text if it changed (or refuse it with a hint and show the last taken text)."""
        text = self.text()
        if text == self._taken:
            return
        problem = self.check(text)
        if problem is not None:
            self._refuse(problem)
            return
        self.clear_hint()
        self._taken = text
        self.committed.emit(text)

    def revert(self) -> None:
        """Show the last taken text again."""
        blocked = self.blockSignals(True)
        self.setText(self._taken)
        self.blockSignals(blocked)

    def set_taken(self, text: str) -> None:
        """Show `text` as the box's committed content (from the program, not an edit)."""
        self._taken = text
        self.revert()


class Combo(QComboBox):
    """A combo box that takes the wheel only when focused (a stray scroll must not change a setting)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class LogSlider(QSlider):
    """A horizontal slider over [lo, hi] on a log scale; emits value_changed(float). Never takes the wheel."""

    value_changed = Signal(float)
    TICKS_PER_DECADE = 100

    def __init__(self, lo: float, hi: float, parent=None) -> None:
        super().__init__(Qt.Horizontal, parent)
        self._lo, self._hi = math.log10(lo), math.log10(hi)
        self.setRange(0, round((self._hi - self._lo) * self.TICKS_PER_DECADE))
        self.setFocusPolicy(Qt.NoFocus)  # it would take the arrow keys from the window
        self.valueChanged.connect(lambda i: self.value_changed.emit(self.to_value(i)))

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.ignore()  # never focused, so never the wheel's: the panel scrolls instead

    def to_value(self, i: int) -> float:
        """Slider position → value (3 significant digits)."""
        return float(f"{10 ** (self._lo + i / self.TICKS_PER_DECADE):.3g}")

    def set_float(self, v: float) -> None:
        """Move to a value without emitting."""
        if not v > 0 or not math.isfinite(v):
            return
        i = round((math.log10(v) - self._lo) * self.TICKS_PER_DECADE)
        blocked = self.blockSignals(True)
        self.setValue(max(self.minimum(), min(self.maximum(), i)))
        self.blockSignals(blocked)


def combo(items: list[tuple[str, object]], parent=None) -> Combo:
    """A combo box whose items carry data (enums travel as data, never as indexes)."""
    box = Combo(parent)
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
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


class SteadyLabel(QLabel):
    """A status-line label that keeps its size while its text changes (numbers while playing).

    A QLabel asks its parent for a new layout with every new text: the status bar and the window
    were laid out again and repainted twice, about 1.5 ms of a frame ten times a second. With a fixed
    size it asks none; the size is changed only when a text needs more room, or is much shorter (a few
    pixels are kept spare, so a number one digit longer fits)."""

    SPARE = 8  # pixels kept beyond a text that needed more room
    SHRINK = 8  # a text this many characters shorter than the one fitted gives the room back
    _fitted = -1  # the length of the text the size was fitted to (-1: none yet)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        shorter = 0 <= self._fitted and len(text) <= self._fitted - self.SHRINK
        if shorter:  # before the text: a label's size hint is at least its minimum size
            self._release()
        super().setText(text)
        self._fit(again=shorter)

    def _fit(self, again: bool = False) -> None:
        if not again and self._fitted >= 0:
            hint = self.sizeHint()  # at least the size now: it tells whether the text needs more room
            if hint.width() <= self.maximumWidth() and hint.height() <= self.maximumHeight():
                return
        self._release()
        hint = self.sizeHint()
        self.setFixedSize(hint.width() + self.SPARE, hint.height())
        self._fitted = len(self.text())

    def _release(self) -> None:
        self.setMinimumSize(0, 0)
        self.setMaximumSize(WIDGET_MAX, WIDGET_MAX)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.FontChange, QEvent.StyleChange) and self._fitted >= 0:
            self._fit(again=True)  # a zoom or a theme: the text's size changed
