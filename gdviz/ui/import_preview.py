"""The CSV import preview: the first rows as read, every guess shown and changeable (issue 13).

The reader's guesses (encoding, delimiter, decimal mark, header, x and y columns) are never
applied silently: the dialog shows them, the user can change any of them, and the first rows
and their points follow at once. Only the head of the file is read, so a huge file opens fast.
"""
from __future__ import annotations

import codecs
import hashlib
import json
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..engine import csvread
from ..engine.csvread import DataError, Options, read_csv_text
from .i18n import engine_text

HEAD_BYTES = 1 << 16  # the head read for the preview: enough for the layout guesses (50 rows)
SHOWN_ROWS = 20
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "gb18030")
DELIMITERS = (",", ";", "\t", " ")
SETTINGS_GROUP = "import/options"


def _codec_name(name: str) -> str:
    """A codec's canonical name in the list above (utf-16-le/-be read as utf-16 with their mark)."""
    return "utf-16" if name.startswith("utf-16") else name


def read_head(path: str | Path) -> tuple[bytes, bool]:
    """The first bytes of a file and whether they are the whole file. Raises OSError."""
    with open(path, "rb") as raw:
        head = raw.read(HEAD_BYTES + 1)
    return head[:HEAD_BYTES], len(head) <= HEAD_BYTES


def decode_head(head: bytes, encoding: str, whole: bool) -> str:
    """The head as text, cut after its last whole line. Raises DataError naming the bad byte."""
    codec = csvread._codec(encoding, head)
    try:
        text = codecs.getincrementaldecoder(codec)().decode(head, whole)
    except UnicodeDecodeError as exc:
        raise DataError(QCoreApplication.translate("ImportPreview", "byte {0} is not valid {1}; choose another encoding")
                        .format(exc.start + 1, encoding)) from None
    if not whole:
        cut = max(text.rfind("\n"), text.rfind("\r"))
        text = text[:cut + 1] if cut >= 0 else text
    return text.lstrip("\ufeff")


class ImportPreview(QDialog):
    """Shows how a CSV file will be read and lets the user change it; `options()` gives the choice."""

    def __init__(self, path: str | Path, remembered: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(self.tr("Import {0}").format(self.path.name))
        self.setObjectName("importPreview")
        self._head, self._whole = read_head(self.path)
        self._guess = self._guesses()
        self._building = True
        self._build()
        self._show_choice({**self._guess, **(remembered or {})})
        self._building = False
        self.refresh()

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        form = QFormLayout()
        self.encoding = self._combo([(self.tr("UTF-8"), "utf-8"), (self.tr("UTF-8 with BOM"), "utf-8-sig"),
                                     (self.tr("UTF-16 (Unicode text)"), "utf-16"),
                                     (self.tr("GB18030 / GBK (Chinese Windows)"), "gb18030")])
        form.addRow(self.tr("Encoding"), self.encoding)
        self.delimiter = self._combo([(self.tr("comma  ,"), ","), (self.tr("semicolon  ;"), ";"),
                                      (self.tr("tab"), "\t"), (self.tr("spaces"), " ")])
        form.addRow(self.tr("Delimiter"), self.delimiter)
        self.decimal = self._combo([(self.tr("point  1.5"), "."), (self.tr("comma  1,5"), ",")])
        form.addRow(self.tr("Decimal mark"), self.decimal)
        self.header = QCheckBox(self.tr("The first row names the columns"))
        self.header.toggled.connect(lambda _on: self.refresh(reguess_columns=True))
        form.addRow(self.tr("Header"), self.header)
        self.x_col, self.y_col = QComboBox(), QComboBox()
        for box in (self.x_col, self.y_col):
            box.activated.connect(lambda _i: self.refresh())
        columns = QHBoxLayout()
        columns.addWidget(QLabel("x"))
        columns.addWidget(self.x_col, 1)
        columns.addWidget(QLabel("y"))
        columns.addWidget(self.y_col, 1)
        form.addRow(self.tr("Columns"), columns)
        self.guesses = QLabel()
        self.guesses.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.plot = pg.PlotWidget()
        self.plot.setMinimumSize(220, 180)
        self.plot.setMenuEnabled(False)
        self.points = pg.ScatterPlotItem(size=6, brush=pg.mkBrush("#0072b2"), pen=None)
        self.plot.addItem(self.points)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00000;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Import"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.plot, 1)
        col = QVBoxLayout(self)
        col.addLayout(top)
        col.addWidget(self.guesses)
        col.addWidget(self.table, 1)
        col.addWidget(self.message)
        col.addWidget(self.buttons)
        self.resize(760, 560)

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        for text, data in items:
            box.addItem(text, data)
        box.activated.connect(lambda _i: self.refresh())
        return box

    # ----- reading ------------------------------------------------------------------------
    def _guesses(self) -> dict:
        """What the reader guesses from the head alone (the encoding from the bytes)."""
        try:
            codec, _note = csvread._encoding(self._head, None, self.path.name)
        except DataError:
            codec = "utf-8"
        guess = {"encoding": _codec_name(codec), "delimiter": ",", "decimal": ".", "header": True,
                 "x_col": 0, "y_col": 1}
        try:
            info = read_csv_text(decode_head(self._head, codec, self._whole), self.path.name).info
        except DataError:
            return guess
        return {**guess, "delimiter": info.delimiter, "decimal": info.decimal, "header": info.header,
                "x_col": info.x_col, "y_col": info.y_col}

    def _show_choice(self, choice: dict) -> None:
        for box, key in ((self.encoding, "encoding"), (self.delimiter, "delimiter"), (self.decimal, "decimal")):
            index = box.findData(_codec_name(str(choice[key])) if key == "encoding" else choice[key])
            box.setCurrentIndex(max(index, 0))
        self.header.setChecked(bool(choice["header"]))
        self._wanted = (choice.get("x_col"), choice.get("y_col"))

    def refresh(self, reguess_columns: bool = False) -> None:
        """Read the head again with the options shown; update rows, columns, points and the message."""
        if self._building:
            return
        if not reguess_columns and self.x_col.count():
            self._wanted = (self.x_col.currentData(), self.y_col.currentData())
        elif reguess_columns:
            self._wanted = (None, None)
        self.message.clear()
        try:
            text = decode_head(self._head, self.encoding.currentData(), self._whole)
        except DataError as exc:
            self._fail(str(exc), [])
            return
        lines = [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]
        if lines and csvread._SEP_LINE.fullmatch(lines[0]):
            lines = lines[1:]
        rows = [csvread._split(ln, self.delimiter.currentData()) for ln in lines[:SHOWN_ROWS + 1]]
        try:
            table = read_csv_text(text, self.path.name, self._options(*self._wanted))
        except DataError as exc:
            try:  # the columns chosen may not fit the new layout: the reader's own choice, else say why
                table = read_csv_text(text, self.path.name, self._options(None, None))
            except DataError:
                self._fail(str(exc), rows)
                return
        self._show(table, rows)

    def _options(self, x: int | None, y: int | None) -> Options:
        return Options(x_col=x, y_col=y, delimiter=self.delimiter.currentData(), decimal=self.decimal.currentData(),
                       header=self.header.isChecked())

    def _show(self, table, rows: list[list[str]]) -> None:
        info = table.info
        self._fill_columns(info.columns, info.numeric, info.x_col, info.y_col)
        self._fill_table(list(info.columns), rows[1:] if info.header else rows)
        finite = np.isfinite(table.x) & np.isfinite(table.y)
        self.points.setData(table.x[finite], table.y[finite])
        self.plot.setLabel("bottom", info.columns[info.x_col])
        self.plot.setLabel("left", info.columns[info.y_col])
        self.guesses.setText(self._guess_text())
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)

    def _fail(self, text: str, rows: list[list[str]]) -> None:
        width = max((len(r) for r in rows), default=0)
        self._fill_table([self.tr("column {0}").format(i) for i in range(width)], rows)
        self.points.setData([], [])
        self.message.setText(engine_text(text))  # the reader's refusal, in the window's language
        self.guesses.setText(self._guess_text())
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)

    def _fill_columns(self, names, numeric, xi: int, yi: int) -> None:
        """Every column is offered; a text column is shown but cannot be chosen as x or y."""
        for box, chosen in ((self.x_col, xi), (self.y_col, yi)):
            box.blockSignals(True)
            box.clear()
            for i, (name, is_number) in enumerate(zip(names, numeric)):
                box.addItem(name if is_number else self.tr("{0} (text)").format(name), i)
                if not is_number:
                    model = box.model()
                    if isinstance(model, QStandardItemModel):
                        model.item(i).setEnabled(False)
            box.setCurrentIndex(chosen)
            box.blockSignals(False)

    def _fill_table(self, names: list[str], rows: list[list[str]]) -> None:
        rows = rows[:SHOWN_ROWS]
        self.table.clear()
        self.table.setColumnCount(len(names))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(names)
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells[:len(names)]):
                self.table.setItem(r, c, QTableWidgetItem(cell))

    def _guess_text(self) -> str:
        """Which of the shown options are the reader's guesses."""
        g = self._guess
        same = [name for name, key, box in ((self.tr("encoding"), "encoding", self.encoding),
                                            (self.tr("delimiter"), "delimiter", self.delimiter),
                                            (self.tr("decimal mark"), "decimal", self.decimal))
                if box.currentData() == g[key]]
        if self.header.isChecked() == g["header"]:
            same.append(self.tr("header"))
        if not same:
            return self.tr("Every option is your own choice.")
        return self.tr("Guessed from the file: {0}. Check them against the rows below.").format(", ".join(same))

    # ----- the choice ---------------------------------------------------------------------
    def options(self) -> dict:
        """The chosen {encoding, delimiter, decimal, header, x_col, y_col} (columns by index)."""
        return {"encoding": self.encoding.currentData(), "delimiter": self.delimiter.currentData(),
                "decimal": self.decimal.currentData(), "header": self.header.isChecked(),
                "x_col": self.x_col.currentData(), "y_col": self.y_col.currentData()}


def config_changes(options: dict) -> dict:
    """The chosen options as RunConfig fields (csv_encoding, csv_delimiter, ..., csv_x, csv_y)."""
    return {"csv_encoding": options["encoding"], "csv_delimiter": options["delimiter"],
            "csv_decimal": options["decimal"], "csv_header": options["header"],
            "csv_x": options["x_col"], "csv_y": options["y_col"]}


def _key(path: str | Path) -> str:
    digest = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]
    return "{0}/{1}".format(SETTINGS_GROUP, digest)


def saved_options(path: str | Path) -> dict | None:
    """The options last chosen for this file (by its absolute path), or None."""
    try:
        saved = json.loads(QSettings().value(_key(path), "", type=str) or "null")
    except ValueError:
        return None
    keys = {"encoding", "delimiter", "decimal", "header", "x_col", "y_col"}
    return saved if isinstance(saved, dict) and set(saved) == keys else None


def save_options(path: str | Path, options: dict) -> None:
    """Remember the options chosen for this file."""
    QSettings().setValue(_key(path), json.dumps(options))


def preview_csv(path: str | Path, parent: QWidget | None = None) -> dict | None:
    """Show the preview for `path` (with the options last chosen for it); the choice, remembered, or None.

    Raises OSError when the file cannot be opened (the caller says so in one line)."""
    dialog = ImportPreview(path, saved_options(path), parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    choice = dialog.options()
    save_options(path, choice)
    return choice
