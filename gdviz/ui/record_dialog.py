"""File > Record video: what to record (the window, presentation mode's picture or one view), where,
the size and frame rate (presets), and the quality."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QPushButton, QWidget)

from .recorder import PRESETS, QUALITIES
from .widgets import TextBox


class RecordDialog(QDialog):
    """Choose target, file (.mp4, .gif or a folder of PNGs), preset and quality."""

    def __init__(self, targets: list[tuple[str, QWidget]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record video"))
        settings = QSettings()
        form = QFormLayout(self)
        self.target = QComboBox()
        for name, widget in targets:
            self.target.addItem(name, widget)
        self.path = TextBox()
        self.path.setText(settings.value("record/path", "lesson.mp4", type=str))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.preset = QComboBox()
        for name, (w, h, fps) in PRESETS.items():
            self.preset.addItem(self.tr("{0}×{1} at {2} frames/s").format(w, h, fps), name)
        self.preset.setCurrentIndex(max(0, self.preset.findData(settings.value("record/preset", "", type=str))))
        self.quality = QComboBox()
        for name, label in (("low", self.tr("low (small file)")), ("medium", self.tr("medium")),
                            ("high", self.tr("high"))):
            if name in QUALITIES:
                self.quality.addItem(label, name)
        self.quality.setCurrentIndex(max(0, self.quality.findData(settings.value("record/quality", "medium",
                                                                                  type=str))))
        form.addRow(self.tr("What"), self.target)
        form.addRow(self.tr("File (.mp4, .gif, or a folder for PNGs)"), row)
        form.addRow(self.tr("Size"), self.preset)
        form.addRow(self.tr("Quality"), self.quality)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Record"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Record to"), self.path.text(),
                                              self.tr("MP4 video (*.mp4);;GIF animation (*.gif)"))
        if path:
            self.path.setText(path)

    def _accept(self) -> None:
        settings = QSettings()
        settings.setValue("record/path", self.path.text())
        settings.setValue("record/preset", self.preset.currentData())
        settings.setValue("record/quality", self.quality.currentData())
        self.accept()

    def chosen(self) -> tuple[QWidget, str, str, str]:
        """The widget, the path, the preset name and the quality."""
        return self.target.currentData(), self.path.text().strip(), self.preset.currentData(), \
            self.quality.currentData()
