"""The settings panel in the real window: what a stray scroll, a typo or a presenter remote can do.

Issue 8 (safe interaction, keys back after Enter / Escape, function mode without data words, loss
names, the tolerance in the window) and issue 9 (#3 pins, #6 number boxes). Each test drives
gdviz.ui.main_window.MainWindow offscreen through its widgets and keys.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from gdviz.engine import Reduction, UpdateRule
from test_gui import activate, choose
from test_widgets import wheel


def type_into(qtbot, window, box, text: str, key=Qt.Key_Return) -> None:
    """Click into a box, replace its text by typing, and press `key`."""
    activate(qtbot, window)
    box.setFocus(Qt.MouseFocusReason)
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    line = box.lineEdit() if hasattr(box, "lineEdit") else box
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(box, key)


# ----- number boxes ----------------------------------------------------------------------------------
def test_nan_in_beta1_is_refused_as_not_a_number(qtbot, window):
    panel, c = window.panel, window.controller
    choose(panel.rule, UpdateRule.ADAM)
    before = c.run.live
    with qtbot.waitSignal(c.error, timeout=1000) as signal:
        type_into(qtbot, window, panel.beta1, "nan")
    assert "not a number: nan" in signal.args[0] and "1000" not in signal.args[0]
    assert window.banner.isVisible() and "not a number: nan" in window.banner.text()
    assert c.run.live == before and panel.beta1.value() == 0.9 and panel.beta1.hinted


@pytest.mark.parametrize("text, value", [("0,05", 0.05), ("1,5", 1.5)])
def test_a_decimal_comma_in_eta_is_the_number_meant(qtbot, window, text, value):
    type_into(qtbot, window, window.panel.lr, text)
    assert window.controller.run.live.learning_rate == value


@pytest.mark.parametrize("text, shown", [("0x10", "not a number: 0x10"), ("inf", "not a number: inf"),
                                         ("1e400", "must be between -1000 and 1000, got 1e400")])
def test_eta_refuses_and_keeps_the_old_rate(qtbot, window, text, shown):
    c = window.controller
    with qtbot.waitSignal(c.error, timeout=1000) as signal:
        type_into(qtbot, window, window.panel.lr, text)
    assert shown in signal.args[0] and signal.args[0].startswith("Learning rate η")
    assert c.run.live.learning_rate == 0.1 and window.panel.lr.value() == 0.1


# ----- the keys come back ----------------------------------------------------------------------------
@pytest.mark.parametrize("key", [Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape])
def test_after_enter_or_escape_in_eta_space_plays_again(qtbot, window, key):
    c = window.controller
    c.set_speed(1, 1)  # slow: no tick between the keys
    type_into(qtbot, window, window.panel.lr, "0.05", key=key)
    assert c.run.live.learning_rate == (0.1 if key == Qt.Key_Escape else 0.05)
    assert window.panel.lr.lineEdit().text() == ("0.1" if key == Qt.Key_Escape else "0.05")
    assert not isinstance(QApplication.focusWidget(), type(window.panel.lr))
    qtbot.keyClick(window, Qt.Key_Space)
    assert c.playing
    qtbot.keyClick(window, Qt.Key_Space)
    assert not c.playing
    qtbot.keyClick(window, Qt.Key_Right)
    qtbot.keyClick(window, Qt.Key_PageDown)
    assert c.run.step == 2


def test_enter_in_the_pins_box_gives_the_keys_back(qtbot, window):
    c = window.controller
    type_into(qtbot, window, window.panel.pins, "3, 5")
    qtbot.keyClick(window, Qt.Key_Right)
    assert c.run.step == 1 and window.data_view.pinned_steps == [3, 5]


# ----- the wheel -------------------------------------------------------------------------------------
def test_the_wheel_over_the_seed_box_scrolls_the_panel_and_keeps_the_run(qtbot, window):
    panel, c = window.panel, window.controller
    c.step_forward(7)
    run = c.run
    scroll = next(a for a in window.findChildren(QScrollArea) if a.widget() is panel)
    window.resize(1280, 500)  # short enough for the panel to scroll
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0, timeout=2000)
    for box in (panel.seed, panel.lr, panel.rule, panel.lr_slider, panel.batch_mode):
        before = scroll.verticalScrollBar().value()
        assert not box.hasFocus()
        assert not wheel(box, notches=-1)
        assert scroll.verticalScrollBar().value() > before or before == scroll.verticalScrollBar().maximum()
    assert c.run is run and run.step == 7 and panel.seed.value() == run.config.seed == 42
    assert run.live.learning_rate == 0.1 and run.live.rule is UpdateRule.GRADIENT


# ----- pins ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["inf", "1e19", "-3", "ten", "10, nan", "2.5"])
def test_bad_pins_are_refused_with_one_line(qtbot, window, text):
    panel, c = window.panel, window.controller
    panel.pins.setText("10, 20")
    panel.pins.commit()
    assert window.data_view.pinned_steps == [10, 20]
    panel.pins.setText(text)
    with qtbot.waitSignal(c.error, timeout=1000) as signal:
        panel.pins.commit()
    message = signal.args[0]
    assert message.startswith("Pin at steps: ") and "is not a step" in message and "\n" not in message
    assert panel.pins.text() == "10, 20" and panel.pins.hinted
    assert window.data_view.pinned_steps == [10, 20]
    c.step_forward(25)  # drawing the pins still works


def test_good_pins_reach_the_data_view(window):
    panel = window.panel
    panel.pins.setText("10; 20 30, 100, 1e3")
    panel.pins.commit()
    assert window.data_view.pinned_steps == [10, 20, 30, 100, 1000] and not panel.pins.hinted


# ----- words that say what they are ------------------------------------------------------------------
def test_loss_names_say_what_they_are(window):
    box = window.panel.reduction
    names = {box.itemData(i): box.itemText(i) for i in range(box.count())}
    assert names[Reduction.MEAN].startswith("mean squared error")
    assert names[Reduction.SUM].startswith("sum of squared errors")
    assert names[Reduction.HALF_SUM].startswith("½ sum of squared errors")
    assert not any("MSE" in text for text in names.values())


def test_function_mode_shows_no_data_only_boxes(window):
    panel = window.panel
    data_only = (panel.seed, panel.val_fraction, panel.batch_mode, panel.batch_size, panel.model,
                 panel.reduction, panel.bad_feature, panel.residuals, panel.trail, panel.pins, panel.pin_button)
    assert all(w.isVisibleTo(panel) for w in data_only)
    choose(panel.data, "fn:valley")
    assert not any(w.isVisibleTo(panel) for w in data_only)
    assert panel.lr.isVisibleTo(panel) and panel.init_w.isVisibleTo(panel) and panel.tolerance.isVisibleTo(panel)
    choose(panel.rule, UpdateRule.RANDOM_SEARCH)  # random search draws its tries from the seed
    assert panel.seed.isVisibleTo(panel)
    choose(panel.rule, UpdateRule.GRADIENT)
    choose(panel.data, "linear")
    assert all(w.isVisibleTo(panel) for w in data_only)


# ----- convergence tolerance -------------------------------------------------------------------------
def test_the_tolerance_box_sets_the_tolerance_without_a_restart(qtbot, window):
    panel, c = window.panel, window.controller
    c.step_forward(5)
    run = c.run
    assert panel.tolerance.value() == run.tolerance
    type_into(qtbot, window, panel.tolerance, "1e-4")
    assert c.run is run and run.step == 5 and run.tolerance == 1e-4
    with qtbot.waitSignal(c.error, timeout=1000):
        type_into(qtbot, window, panel.tolerance, "2")
    assert run.tolerance == 1e-4 and panel.tolerance.value() == 1e-4


# ----- the engine's refusals show on the box too --------------------------------------------------
def test_a_value_the_engine_refuses_marks_its_box_with_the_reason(qtbot, window):
    panel, c = window.panel, window.controller
    choose(panel.rule, UpdateRule.MOMENTUM)
    with qtbot.waitSignal(c.error, timeout=1000) as signal:
        type_into(qtbot, window, panel.momentum, "1")
    assert panel.momentum.hinted and signal.args[0] in panel.momentum.toolTip()
    assert c.run.live.momentum == 0.9 and panel.momentum.value() == 0.9
    type_into(qtbot, window, panel.momentum, "0.5")
    assert c.run.live.momentum == 0.5 and not panel.momentum.hinted


def test_a_seed_the_engine_refuses_keeps_the_run_and_marks_the_box(qtbot, window, monkeypatch):
    panel, c = window.panel, window.controller
    c.step_forward(3)
    run = c.run

    def refuse(**_changes) -> bool:
        c.error.emit("seed refused here")
        return False

    monkeypatch.setattr(c, "set_config", refuse)
    type_into(qtbot, window, panel.seed, "7")
    assert c.run is run and run.step == 3 and panel.seed.value() == 42
    assert panel.seed.hinted and "seed refused here" in panel.seed.toolTip()
