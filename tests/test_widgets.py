"""The small widgets on their own: number boxes that read what was typed or refuse it with a hint,
a wheel that changes only a focused box (else the panel scrolls), and Enter / Escape that give the
keys back. Issue 8 (safe interaction) and issue 9 #6 (number boxes)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from gdviz.ui.widgets import (IntBox, LogSlider, NumberBox, TextBox, combo, format_number, parse_steps,
                              read_float)


# ----- reading numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [("0,05", 0.05), ("1,5", 1.5), ("0.05", 0.05), ("−2.5", -2.5),
                                         (" 3 ", 3.0), ("1e-3", 1e-3), ("2E+2", 200.0), (".5", 0.5),
                                         ("5.", 5.0), ("1e-13", 1e-13)])
def test_read_float_takes_the_dot_and_the_decimal_comma(text, value):
    assert read_float(text) == (value, "")


@pytest.mark.parametrize("text, why", [("0x10", "nan"), ("nan", "nan"), ("inf", "nan"), ("-infinity", "nan"),
                                       ("1_000", "nan"), ("1.2.3", "nan"), ("1,2,3", "nan"), ("", "nan"),
                                       ("1,000", "ambiguous"), ("1e-400", "tiny")])
def test_read_float_refuses_what_is_not_plain_decimal(text, why):
    assert read_float(text) == (None, why)


def test_a_locale_with_a_decimal_comma_reads_both_marks_and_no_grouping_question():
    assert read_float("1.5", ",") == (1.5, "")
    assert read_float("1,000", ",") == (1.0, "")  # there the comma can only be the decimal mark


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_the_text_a_box_shows_reads_back_exactly(x):
    assert read_float(format_number(x)) == (x, "") or (x == 0 and read_float(format_number(x))[0] == 0)


@pytest.mark.parametrize("text, steps, bad", [("10, 20 30;1e3", [10, 20, 30, 1000], None), ("", [], None),
                                              ("inf", [], "inf"), ("1e19", [], "1e19"), ("-5", [], "-5"),
                                              ("2.5", [], "2.5"), ("10, ten", [], "ten"), ("nan", [], "nan")])
def test_parse_steps(text, steps, bad):
    assert parse_steps(text) == (steps, bad)


# ----- number boxes --------------------------------------------------------------------------------
def typed(box, text: str) -> None:
    """Put `text` in the box as if typed (the validator lets anything be typed), then press Enter."""
    box.lineEdit().setText(text)
    box.commit()


@pytest.fixture
def eta(qtbot):
    box = NumberBox(1e-6, 1000, 0.1, log_steps=True)
    box.setAccessibleName("η")
    box.setToolTip("learning rate")
    qtbot.addWidget(box)
    return box


@pytest.mark.parametrize("text, value", [("0,05", 0.05), ("1,5", 1.5), ("1e-5", 1e-5), ("0.123456789012345", 0.123456789012345)])
def test_a_number_box_takes_the_decimal_comma_and_keeps_every_digit(qtbot, eta, text, value):
    with qtbot.waitSignal(eta.valueChanged, timeout=1000) as signal:
        typed(eta, text)
    assert signal.args == [value] and eta.value() == value
    assert eta.lineEdit().text() == format_number(value) and not eta.hinted


@pytest.mark.parametrize("text, message", [("0x10", "η: not a number: 0x10"), ("nan", "η: not a number: nan"),
                                           ("inf", "η: not a number: inf"),
                                           ("1e400", "η: must be between 1e-06 and 1000, got 1e400"),
                                           ("5000", "η: must be between 1e-06 and 1000, got 5000"),
                                           ("-1", "η: must be between 1e-06 and 1000, got -1"),
                                           ("", "η: a number is needed")])
def test_a_number_box_refuses_with_a_hint_and_keeps_the_old_value(qtbot, eta, text, message):
    changes = []
    eta.valueChanged.connect(changes.append)
    with qtbot.waitSignal(eta.refused, timeout=1000) as signal:
        typed(eta, text)
    assert signal.args == [message]
    assert changes == [] and eta.value() == 0.1 and eta.lineEdit().text() == "0.1"
    assert eta.hinted and "border" in eta.styleSheet()
    assert eta.toolTip().startswith("⚠ " + message) and "learning rate" in eta.toolTip()
    typed(eta, "0.2")  # a good value clears the hint
    assert eta.value() == 0.2 and not eta.hinted and eta.toolTip() == "learning rate"


def test_the_validator_never_drops_a_keystroke(eta):
    """Dropping the x of 0x10 made it 10: every text can be typed; only Enter judges it."""
    for text in ("0x10", "nan", "1,5", "abc"):
        state, shown, _pos = eta.validate(text, len(text))
        assert shown == text and state.name in ("Intermediate", "Acceptable")


def test_a_german_locale_box_reads_comma_and_dot(qtbot):
    box = NumberBox(-10, 10, 0.0)
    qtbot.addWidget(box)
    box.setLocale(QLocale(QLocale.German, QLocale.Germany))
    typed(box, "1,25")
    assert box.value() == 1.25
    typed(box, "2.5")
    assert box.value() == 2.5


def test_the_special_value_text_is_a_value(qtbot):
    box = NumberBox(-0.05, 0.9, 0.2, step=0.05)
    box.setSpecialValueText("data set's own")
    qtbot.addWidget(box)
    typed(box, "data set's own")
    assert box.value() == -0.05 and not box.hinted


def test_an_int_box_refuses_fractions_and_out_of_range(qtbot):
    box = IntBox(1, 60, 10)
    qtbot.addWidget(box)
    for text in ("2.5", "1e3", "0x10", "61", "0"):
        with qtbot.waitSignal(box.refused, timeout=1000):
            typed(box, text)
        assert box.value() == 10
    typed(box, "30")
    assert box.value() == 30 and not box.hinted


# ----- the wheel -----------------------------------------------------------------------------------
def wheel(widget, notches: int = -1) -> bool:
    """Deliver a wheel event as Qt delivers a real one: to the widget, then up its parents until one accepts.

    (QApplication propagates only spontaneous wheel events; a test can only send synthetic ones.)
    Returns whether the widget itself took it."""
    first = True
    while widget is not None:
        centre = QPointF(widget.rect().center())
        event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                            QPoint(0, 120 * notches), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)
        if event.isAccepted():
            return first
        widget, first = widget.parentWidget(), False
    return False


@pytest.fixture
def scrolled(qtbot):
    """A short scroll area holding one of each box, with room to scroll."""
    area = QScrollArea()
    inner = QWidget()
    col = QVBoxLayout(inner)
    sink = QWidget()
    sink.setFocusPolicy(Qt.StrongFocus)
    col.addWidget(sink)
    boxes = {"number": NumberBox(-10, 10, 1.0), "int": IntBox(0, 100, 42),
             "combo": combo([("a", 1), ("b", 2), ("c", 3)]), "slider": LogSlider(1e-3, 10)}
    boxes["combo"].setCurrentIndex(1)
    boxes["slider"].set_float(0.1)
    for box in boxes.values():
        col.addWidget(box)
    col.addSpacing(2000)
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area, timeout=2000)
    sink.setFocus(Qt.OtherFocusReason)  # an active window gives its first box the focus: take it away
    qtbot.waitUntil(sink.hasFocus, timeout=2000)
    return area, boxes


def value_of(box):
    return box.currentIndex() if hasattr(box, "currentIndex") else box.value()


@pytest.mark.parametrize("name", ["number", "int", "combo", "slider"])
def test_the_wheel_over_an_unfocused_box_scrolls_the_panel_instead(scrolled, name):
    area, boxes = scrolled
    box = boxes[name]
    before = value_of(box)
    assert box.focusPolicy() in (Qt.StrongFocus, Qt.NoFocus) and not box.hasFocus()  # never Qt.WheelFocus
    assert area.verticalScrollBar().value() == 0
    assert not wheel(box)
    assert value_of(box) == before
    assert area.verticalScrollBar().value() > 0


@pytest.mark.parametrize("name", ["number", "int", "combo"])
def test_the_wheel_changes_a_box_once_it_is_focused(qtbot, scrolled, name):
    area, boxes = scrolled
    box = boxes[name]
    area.activateWindow()
    box.setFocus(Qt.MouseFocusReason)
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    before = value_of(box)
    assert wheel(box, notches=1)
    assert value_of(box) != before
    assert area.verticalScrollBar().value() == 0


# ----- Enter and Escape ----------------------------------------------------------------------------
def focused(qtbot, box):
    box.window().activateWindow()
    box.setFocus(Qt.OtherFocusReason)
    qtbot.waitUntil(box.hasFocus, timeout=2000)


def test_escape_reverts_the_edit_and_leaves_the_box(qtbot, scrolled):
    area, boxes = scrolled
    box = boxes["number"]
    focused(qtbot, box)
    changes = []
    box.valueChanged.connect(changes.append)
    box.lineEdit().setText("7")
    qtbot.keyClick(box, Qt.Key_Escape)
    assert box.lineEdit().text() == "1" and box.value() == 1.0 and changes == []
    assert not box.hasFocus() and QApplication.focusWidget() is None


def test_enter_commits_and_leaves_the_box(qtbot, scrolled):
    area, boxes = scrolled
    box = boxes["number"]
    focused(qtbot, box)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "2,5")
    with qtbot.waitSignal(box.valueChanged, timeout=1000):
        qtbot.keyClick(box, Qt.Key_Return)
    assert box.value() == 2.5 and not box.hasFocus()


def test_a_refused_edit_is_refused_on_leaving_the_box_too(qtbot, scrolled):
    area, boxes = scrolled
    box = boxes["number"]
    focused(qtbot, box)
    box.lineEdit().setText("nan")
    with qtbot.waitSignal(box.refused, timeout=1000):
        box.clearFocus()
    assert box.value() == 1.0 and box.hinted


def test_a_text_box_reverts_on_escape_and_refuses_with_a_hint(qtbot):
    box = TextBox(check=lambda text: None if text.isdigit() else "digits only")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    focused(qtbot, box)
    taken = []
    box.committed.connect(taken.append)
    qtbot.keyClicks(box, "12")
    qtbot.keyClick(box, Qt.Key_Return)
    assert taken == ["12"] and not box.hasFocus()
    focused(qtbot, box)
    qtbot.keyClicks(box, "x")
    qtbot.keyClick(box, Qt.Key_Escape)
    assert box.text() == "12" and taken == ["12"] and not box.hasFocus()
    focused(qtbot, box)
    box.setText("1x")
    with qtbot.waitSignal(box.refused, timeout=1000) as signal:
        qtbot.keyClick(box, Qt.Key_Enter)
    assert signal.args == ["digits only"] and box.text() == "12" and box.hinted and taken == ["12"]


def test_a_log_slider_ignores_non_finite_values(qtbot):
    slider = LogSlider(1e-3, 10)
    qtbot.addWidget(slider)
    slider.set_float(0.1)
    at = slider.value()
    for bad in (math.nan, math.inf, -1.0, 0.0):
        slider.set_float(bad)
        assert slider.value() == at


# ----- a status-line label -----------------------------------------------------------------------
def test_a_steady_label_asks_a_new_layout_only_when_its_text_needs_more_room_or_much_less(qtbot):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QHBoxLayout

    from gdviz.ui.widgets import SteadyLabel

    class Requests(QObject):
        count = 0

        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.LayoutRequest:
                self.count += 1
            return False

    holder = QWidget()
    qtbot.addWidget(holder)
    label = SteadyLabel()
    QHBoxLayout(holder).addWidget(label)
    holder.show()
    qtbot.waitExposed(holder)
    label.setText("step <b>1,234</b>")
    QApplication.processEvents()
    requests = Requests()
    holder.installEventFilter(requests)
    first = label.width()
    assert first >= label.sizeHint().width() - SteadyLabel.SPARE
    for step in range(1235, 1245):  # new numbers, as while playing: the layout stays
        label.setText("step <b>{:,}</b>".format(step))
        QApplication.processEvents()
    assert requests.count == 0 and label.width() == first
    label.setText("step <b>1,234,567,890</b>")  # more room needed: the label grows and the layout is asked
    QApplication.processEvents()
    assert requests.count >= 1 and label.width() > first
    grown, asked = label.width(), requests.count
    label.setText("step <b>1</b>")  # much less: the room is given back
    QApplication.processEvents()
    assert requests.count > asked and label.width() < grown
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # a zoom: the label fits its text again
    label.setFont(font)
    assert label.width() >= label.sizeHint().width() - SteadyLabel.SPARE
