"""Widgets over and around the views: the keys overlay (F1), presentation mode's slim status line and
the stability hint (η past 2/λmax, with its cures)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

class KeysOverlay(QWidget):
    """A translucent sheet over the window listing every key; Escape or a click closes it."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("keysOverlay")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#keysOverlay { background: rgba(20, 24, 32, 215); }"
                           " QLabel { color: white; font-size: 15pt; }"
                           " QLabel[role='key'] { font-weight: bold; color: #ffd166; }"
                           " QLabel[role='title'] { font-size: 20pt; font-weight: bold; }")
        self.setFocusPolicy(Qt.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        outer.addWidget(self.title, 0, Qt.AlignHCenter)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(6)
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self.hint = QLabel()
        outer.addWidget(self.hint, 0, Qt.AlignHCenter)
        self.set_rows(rows)
        self.hide()
        parent.installEventFilter(self)

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        """(keys, what they do) rows, laid out in two column pairs."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        half = (len(rows) + 1) // 2
        for i, (keys, text) in enumerate(rows):
            key = QLabel(keys)
            key.setProperty("role", "key")
            col = 0 if i < half else 2
            self.grid.addWidget(key, i % half, col, Qt.AlignRight)
            self.grid.addWidget(QLabel(text), i % half, col + 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Words of the sheet in the current language."""
        self.title.setText(self.tr("Keys"))
        self.hint.setText(self.tr("Escape, F1 or a click closes this sheet"))

    def toggle(self) -> None:
        """Show over the whole window, or hide."""
        if self.isVisible():
            self.hide()
            return
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key_Escape, Qt.Key_F1, Qt.Key_Question):
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.hide()
        event.accept()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if obj is self.parentWidget() and event.type() == QEvent.Resize and self.isVisible():
            self.setGeometry(obj.rect())
        return False


class PresentationBar(QLabel):
    """Presentation mode's slim line under the plots: step, η, loss and the state.

    It sits in the layout, under the plots, not over them: it never hides an axis, and its
    updates never make the plots beneath repaint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentationBar")
        self.setAttribute(Qt.WA_TransparentForMouseEvents, True)
        self.set_zoom(1.0)
        self.hide()

    def set_zoom(self, zoom: float) -> None:
        """Type size follows the presentation zoom."""
        self.setStyleSheet("QLabel#presentationBar { background: rgba(245, 246, 248, 230); color: #111;"
                           " border-top: 1px solid #ccc; padding: 2px 14px; font-size: %dpt; }"
                           % round(14 * zoom))

    def set_html(self, html: str) -> None:
        """The line's content (rich text)."""
        if html != self.text():
            self.setText(html)


class StabilityOffer(QWidget):
    """A line above the plots when the learning rate is past the stable limit 2/λmax: why, and the
    cures as one-click buttons (Standardise x, a safe η)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stabilityOffer")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#stabilityOffer { background: #fff4e0; border: 1px solid #e0a040;"
                           " border-radius: 4px; } QLabel { color: #6b3d00; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 3, 8, 3)
        self.text = QLabel()
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.standardise = QPushButton()
        self.safe_rate = QPushButton()
        self.dismiss = QPushButton("✕")
        for button in (self.standardise, self.safe_rate, self.dismiss):
            button.setFocusPolicy(Qt.NoFocus)  # the keys stay with the window
            row.addWidget(button)
        self.dismiss.setToolTip(self.tr("Hide this hint"))
        self.dismiss.clicked.connect(self.hide)
        self.rate = 0.0
        self.hide()

    def offer(self, text: str, rate: float | None, can_standardise: bool) -> None:
        """Show `text` with the cures that apply."""
        self.text.setText(text)
        self.rate = rate or 0.0
        self.safe_rate.setVisible(rate is not None)
        if rate is not None:
            self.safe_rate.setText(self.tr("Use η = {0}").format("{:g}".format(rate)))
        self.standardise.setVisible(can_standardise)
        self.standardise.setText(self.tr("Standardise x"))
        self.show()
