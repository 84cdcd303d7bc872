"""The maths panel's rich-text widget: one layout per text and width, the height it needs, copying."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QImage

from gdviz.engine import Run, RunConfig
from gdviz.ui import theme
from gdviz.ui.equation_panel import EquationPanel, RichText

TEXT = "<b>Model</b><br><i>ŷ = w·x + b</i><br>" + "a long line that wraps " * 12


def test_the_height_fits_the_wrapped_text_at_every_width(qtbot):
    panel = RichText()
    qtbot.addWidget(panel)
    panel.setText(TEXT)
    wide, narrow = panel.heightForWidth(900), panel.heightForWidth(200)
    assert narrow > wide > 3 * panel.fontMetrics().lineSpacing()
    panel.resize(200, narrow)
    panel.show()
    qtbot.waitExposed(panel)
    image = panel.grab().toImage().convertToFormat(QImage.Format_RGB32)
    ground = image.pixelColor(3, 3)
    inked = [y for y in range(image.height()) for x in range(0, image.width(), 2)
             if image.pixelColor(x, y).lightness() < ground.lightness() - 100]
    # text drawn from the top padding down to the bottom padding: nothing cut, nothing left over
    assert min(inked) >= RichText.PADDING - 1 and max(inked) >= narrow - RichText.PADDING - panel.fontMetrics().lineSpacing()
    assert max(inked) <= narrow - RichText.PADDING


def test_a_new_text_is_laid_out_once_for_the_size_hints_and_the_paint(qtbot, monkeypatch):
    panel = RichText()
    qtbot.addWidget(panel)
    panel.resize(300, 400)
    panel.show()
    qtbot.waitExposed(panel)
    widths = []
    make = panel._document

    def document(html: str):
        doc = make(html)
        original = doc.setTextWidth
        doc.setTextWidth = lambda w: (widths.append(w), original(w))
        return doc

    monkeypatch.setattr(panel, "_document", document)
    panel.setText(TEXT)
    for _ in range(3):
        panel.heightForWidth(300)
        panel.sizeHint()
        panel.repaint()
    assert widths == [300 - 2 * RichText.PADDING]
    panel.setText(TEXT)  # the same text: nothing to do
    assert panel._doc.toPlainText().startswith("Model")


def test_the_context_menu_copies_the_maths_as_plain_text(qtbot):
    theme.configure()
    run = Run(RunConfig(data="linear"))
    panel = EquationPanel()
    qtbot.addWidget(panel)
    panel.set_run(run)
    panel.show()
    panel.on_snapshot(run.snapshot())
    assert "<b>" in panel.text()
    copy, = panel.actions()
    copy.trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Model") and "<" not in copied and "training L = " in copied


def test_a_text_prepared_in_parts_shows_as_set_at_once_and_asks_a_new_layout_only_for_a_new_height(qtbot, monkeypatch):
    panel, plain = RichText(), RichText()
    for widget in (panel, plain):
        qtbot.addWidget(widget)
        widget.resize(300, 400)
        widget.show()
    qtbot.waitExposed(panel)
    numbers = "<b>Loss</b><br>L = <b>{0}</b><br>" + "a long line that wraps " * 12
    panel.setText(numbers.format("1.2345"))
    asked = []
    monkeypatch.setattr(panel, "updateGeometry", lambda: asked.append(panel.text()))
    same_height = numbers.format("5.6789")  # new numbers, as while playing
    panel.prepare_text(same_height)
    assert panel.text() == numbers.format("1.2345")  # parsed, not shown
    panel.lay_out_prepared()
    assert panel.text() == numbers.format("1.2345")
    panel.show_prepared()
    assert panel.text() == same_height and asked == []  # the same height: the dock keeps its layout
    taller = same_height + "<br>one more line"
    panel.prepare_text(taller)
    panel.show_prepared()  # shown without the middle part: laid out when needed
    assert asked == [taller]
    plain.setText(taller)
    assert panel.heightForWidth(300) == plain.heightForWidth(300) > 0
    assert panel.grab().toImage() == plain.grab().toImage()
