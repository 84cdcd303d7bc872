"""Transport keys of the real window with focus on different widgets.

Space plays / pauses, Right and PgDown step, Left and PgUp step back, Home resets, `]` and `[`
change the speed — wherever the focus is, except in a number or text box, where the keys
belong to the user typing.
"""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gdviz.ui.main_window import MainWindow

from test_gui import activate


def rate(c) -> int:
    return c.steps_per_second * c.steps_per_frame


def focus(qtbot, w: MainWindow, widget) -> None:
    activate(qtbot, w)
    widget.setFocus(Qt.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


FOCUS_TARGETS = {
    "data view": lambda w: w.data_view,
    "batch combo": lambda w: w.panel.batch_mode,
    "lr slider": lambda w: w.panel.lr_slider,
    "loss view": lambda w: w.loss_view,
}


@pytest.mark.parametrize("target", list(FOCUS_TARGETS))
def test_transport_keys_work_with_focus_on(qtbot, window, target):
    c, panel = window.controller, window.panel
    widget = FOCUS_TARGETS[target](window)
    focus(qtbot, window, widget)
    combo_data, slider_pos = panel.batch_mode.currentData(), panel.lr_slider.value()

    def key(k):
        qtbot.keyClick(widget, k)

    c.set_speed(1, 1)  # slow: no tick between the two Spaces
    key(Qt.Key_Space)
    assert c.playing
    key(Qt.Key_Space)
    assert not c.playing
    assert c.run.step == 0

    key(Qt.Key_Right)
    assert c.run.step == 1
    key(Qt.Key_PageDown)
    assert c.run.step == 2
    key(Qt.Key_Right)
    assert c.run.step == 3
    key(Qt.Key_Left)
    assert c.run.step == 2
    key(Qt.Key_PageUp)
    assert c.run.step == 1
    key(Qt.Key_Right)
    key(Qt.Key_Right)
    assert c.run.step == 3
    key(Qt.Key_Home)
    assert c.run.step == 0

    before = rate(c)
    key(Qt.Key_BracketRight)
    faster = rate(c)
    assert faster > before
    assert f"{faster:,} steps/s" in window.speed_label.text()
    key(Qt.Key_BracketLeft)
    assert rate(c) == before
    assert (panel.steps_per_second.value(), panel.steps_per_frame.value()) == (1, 1)

    # Space while playing pauses, even after steps have run
    c.set_speed(60, 1)
    key(Qt.Key_Space)
    assert c.playing
    qtbot.waitUntil(lambda: c.run.step >= 3, timeout=5000)
    key(Qt.Key_Space)
    assert not c.playing

    # the keys did not also reach the focused widget
    assert panel.batch_mode.currentData() == combo_data
    assert panel.lr_slider.value() == slider_pos
    assert c.run.live.learning_rate == 0.1
    assert QApplication.focusWidget() is widget


def test_transport_buttons_take_no_focus(window):
    for button in window.buttons.values():
        assert button.focusPolicy() == Qt.NoFocus


@pytest.mark.parametrize("box", ["lr", "x_col"])
def test_keys_in_a_number_or_text_box_belong_to_the_user(qtbot, window, box):
    c, panel = window.controller, window.panel
    widget = getattr(panel, box)
    c.set_speed(1, 1)
    c.step_forward(3)
    focus(qtbot, window, widget)
    speed = rate(c)
    for k in (Qt.Key_Space, Qt.Key_Right, Qt.Key_Left, Qt.Key_Home, Qt.Key_BracketRight,
              Qt.Key_BracketLeft, Qt.Key_PageDown, Qt.Key_PageUp, Qt.Key_P):
        qtbot.keyClick(widget, k)
        assert not c.playing, k
        assert c.run.step == 3, k
        assert rate(c) == speed, k
    assert window.data_view.pinned_steps == []
    assert c.run.live.learning_rate == 0.1
    assert QApplication.focusWidget() is widget
    # focus elsewhere: the keys drive the transport again
    focus(qtbot, window, window.data_view)
    qtbot.keyClick(window.data_view, Qt.Key_Right)
    assert c.run.step == 4


def test_p_pins_the_current_line(qtbot, window):
    c, dv = window.controller, window.data_view
    c.step_forward(4)
    focus(qtbot, window, dv)
    qtbot.keyClick(dv, Qt.Key_P)
    assert dv.pinned_steps == [4]
    assert dv.pin_items[0].isVisible() and "step 4" in dv.pin_labels[0].toPlainText()
    np.testing.assert_array_equal(dv.pin_items[0].getData()[1], dv.line.getData()[1])
    c.step_forward(3)
    assert not np.array_equal(dv.pin_items[0].getData()[1], dv.line.getData()[1])
    assert dv.pin_items[0].isVisible()  # the pinned line stays
    qtbot.keyClick(dv, Qt.Key_Home)
    assert not dv.pin_items[0].isVisible()  # not reached yet after a reset


def test_page_keys_step_the_value_of_a_focused_spin_box(qtbot, window):
    c, panel = window.controller, window.panel
    spin = panel.steps_per_frame
    focus(qtbot, window, spin)
    qtbot.keyClick(spin, Qt.Key_PageUp)  # a QSpinBox steps 10 single steps on PgUp
    assert c.run.step == 0
    assert spin.value() == 11 and c.steps_per_frame == 11
