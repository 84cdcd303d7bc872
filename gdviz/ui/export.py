"""Export a picture: the window or one view as PNG (1×, 2×, 3×) or SVG, or to the clipboard."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSaveFile, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QRegion
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget)

SCALES = (1, 2, 3)


def render_image(widget: QWidget, scale: int = 1) -> QImage:
    """The widget drawn at `scale` times its size, text and lines redrawn sharp (not magnified)."""
    size = widget.size() * scale
    image = QImage(QSize(max(2, size.width()), max(2, size.height())), QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.TextAntialiasing)
    painter.scale(scale, scale)
    _render(widget, painter)
    painter.end()
    return image


def _render(widget: QWidget, painter: QPainter) -> None:
    """QWidget's render with its children (a plot's own QGraphicsView.render draws only its scene)."""
    QWidget.render(widget, painter, QPoint(), QRegion(QRect(QPoint(), widget.size())),
                   QWidget.DrawWindowBackground | QWidget.DrawChildren)


def save_png(widget: QWidget, path: str | Path, scale: int = 1) -> None:
    """Write a PNG through a temporary file, so a failed write leaves no broken file."""
    image = render_image(widget, scale)
    out = QSaveFile(str(path))
    if not out.open(QSaveFile.WriteOnly) or not image.save(out, "PNG") or not out.commit():
        out.cancelWriting()
        raise OSError(QCoreApplication.translate("Export", "could not write {0}").format(str(path)))


def save_svg(widget: QWidget, path: str | Path) -> None:
    """Write an SVG (vector lines and text) of the widget."""
    from PySide6.QtSvg import QSvgGenerator
    tmp = Path(str(path) + ".part")
    generator = QSvgGenerator()
    generator.setFileName(str(tmp))
    generator.setSize(widget.size())
    generator.setViewBox(QRect(QPoint(), widget.size()))
    generator.setTitle("gdviz")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(QCoreApplication.translate("Export", "could not write {0}").format(str(path)))
    _render(widget, painter)
    painter.end()
    tmp.replace(path)


def save_image(widget: QWidget, path: str | Path, scale: int = 1) -> None:
    """PNG or SVG by the file's suffix (PNG when it has none)."""
    if str(path).lower().endswith(".svg"):
        save_svg(widget, path)
    else:
        save_png(widget, path, scale)


def copy_image(widget: QWidget, scale: int = 1) -> QImage:
    """Put the picture on the clipboard; returns it."""
    image = render_image(widget, scale)
    QGuiApplication.clipboard().setImage(image)
    return image


class ExportDialog(QDialog):
    """Choose what to export (the window or one view) and the scale."""

    def __init__(self, targets: list[tuple[str, QWidget]], scale: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export image"))
        form = QFormLayout(self)
        self.target = QComboBox()
        for name, widget in targets:
            self.target.addItem(name, widget)
        self.scale = QComboBox()
        for s in SCALES:
            self.scale.addItem(self.tr("{0}× ({1})").format(s, self.tr("sharp for print") if s > 1 else
                                                              self.tr("screen size")), s)
        self.scale.setCurrentIndex(max(0, self.scale.findData(scale)))
        form.addRow(self.tr("What"), self.target)
        form.addRow(self.tr("Scale (PNG)"), self.scale)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> tuple[QWidget, int]:
        """The widget and the scale chosen."""
        return self.target.currentData(), int(self.scale.currentData())
