"""Widgets drawn over the views: the keys overlay (F1) and presentation mode's slim status line."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

_T = "Keys"  # translation context of the key descriptions


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
