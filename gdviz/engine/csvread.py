"""Bounded, streaming CSV reading: two numeric columns, with every guess reported (pure numpy).

The file is decoded and split into lines about a mebibyte at a time; each block of lines is
parsed by numpy's C `loadtxt` keeping only the x and y columns. A block that `loadtxt` cannot
read is parsed again cell by cell, which finds the line and column to name in the message.
"""
from __future__ import annotations

import codecs
import csv
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

CHUNK = 1 << 18  # bytes (or characters) read per block: bounds the working memory (~6x)
MAX_LINE = 1 << 20  # a longer line is not a table (e.g. /dev/zero, a binary file)
MAX_ROWS = 10_000_000  # 160 MB of float64 x and y
SNIFF_ROWS = 50  # non-blank lines looked at to guess the layout
SNIFF_LINES = 1 << 16  # at most this many lines (blank ones too) are gathered for the guess

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", " ": "spaces"}
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16-le": "UTF-16 LE",
                  "utf-16-be": "UTF-16 BE", "gb18030": "GB18030"}
_SEP_LINE = re.compile(r'\s*"?sep=(.)"?\s*[,;\t]*\s*', re.IGNORECASE)
_INT = re.compile(r"[+-]?\d+")
_COMMA_NUMBER = re.compile(r"[+-]?\d*,\d+(?:[eE][+-]?\d+)?")
_DOT_NUMBER = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?")


class DataError(ValueError):
    """Bad input data; the message is one line saying what and where."""


class LoadCancelled(DataError):
    """The caller's cancel() asked to stop a load between two blocks."""


@dataclass(frozen=True)
class CsvInfo:
    """How a CSV file was read: what was found or guessed, and notes saying so in one line each."""

    source: str
    encoding: str  # Python codec name; ENCODING_NAMES has the display name
    delimiter: str  # ",", ";", "\t" or " " (runs of spaces or tabs)
    decimal: str  # "." or ","
    header: bool
    columns: tuple[str, ...]  # every column's name ("column 0" … without a header)
    numeric: tuple[bool, ...]  # which columns hold numbers in the first rows
    x_col: int
    y_col: int
    rows: int  # data rows read
    blank_lines: int  # skipped as empty
    sep_line: bool  # Excel's "sep=;" first line was found and skipped
    possible_header: bool  # the first row was read as data but looks like a header of numbers
    guessed: tuple[str, ...]  # which of encoding, delimiter, decimal, header, columns were guessed
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class CsvTable:
    """The x and y columns read from a CSV file, with how they were read."""

    x: np.ndarray
    y: np.ndarray
    info: CsvInfo

    @property
    def x_label(self) -> str:
        """Name of the x column."""
        return self.info.columns[self.info.x_col]

    @property
    def y_label(self) -> str:
        """Name of the y column."""
        return self.info.columns[self.info.y_col]


@dataclass(frozen=True)
class Options:
    """What the caller fixed (None: guess it) and the limits of a load."""

    x_col: str | int | None = None
    y_col: str | int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    header: bool | None = None
    max_rows: int = MAX_ROWS
    cancel: Callable[[], bool] | None = None
    progress: Callable[[float], None] | None = None


@dataclass(frozen=True)
class _Layout:
    """The guessed or given layout of the table, from its first lines."""

    delimiter: str
    decimal: str
    header: bool
    columns: tuple[str, ...]
    numeric: tuple[bool, ...]
    xi: int
    yi: int
    body: int  # index in the first block's lines where data rows start
    sep_line: bool
    possible_header: bool
    guessed: tuple[str, ...]


class _Redecode(Exception):
    """A guessed UTF-8 file turned out not to be UTF-8 after its first block."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


# ----- public entry points ------------------------------------------------------------------
def read_csv(path: str | Path | None, options: Options = Options()) -> CsvTable:
    """Read the x and y columns of a CSV file, in bounded memory. Raises DataError."""
    if path is None or not str(path).strip():
        raise DataError("no CSV file given")
    p = Path(path)
    try:
        with open(p, "rb") as raw:
            size = _regular_size(raw)
            first = raw.read(CHUNK)
            encoding, note = _encoding(first, options.encoding, p.name)
            try:
                blocks = _decoded(raw, first, encoding, p.name, options.encoding is None)
                return _read(blocks, p.name, encoding, note, size, options)
            except _Redecode as redo:
                if not raw.seekable():
                    raise DataError(_not_utf8(p.name, redo.offset + 1)) from None
                raw.seek(0)
                note = "read as GB18030 (Chinese Windows): it is not UTF-8 (byte {0})".format(redo.offset + 1)
                blocks = _decoded(raw, raw.read(CHUNK), "gb18030", p.name)
                return _read(blocks, p.name, "gb18030", note, size, options)
    except OSError as exc:
        raise DataError("cannot read {0}: {1}".format(p.name, exc.strerror or type(exc).__name__)) from None


def read_csv_text(text: str, source: str = "CSV", options: Options = Options()) -> CsvTable:
    """Read the x and y columns of CSV text already in memory. Raises DataError."""
    if "\x00" in text:
        raise DataError(_binary(source))
    blocks = ((text[i:i + CHUNK], i + CHUNK) for i in range(0, len(text), CHUNK))
    return _read(blocks, source, "utf-8", None, len(text), options)


# ----- bytes to text ------------------------------------------------------------------------
def _regular_size(raw) -> int:
    st = os.fstat(raw.fileno())
    return st.st_size if st.st_mode & 0o170000 == 0o100000 else 0


def _binary(source: str) -> str:
    return "cannot read {0}: it holds NUL bytes, so it is not a text file (a CSV is text)".format(source)


def _not_utf8(source: str, offset: int) -> str:
    return ("cannot read {0}: byte {1} is not valid in the chosen encoding; choose UTF-8, UTF-16 or "
            "GB18030 as the encoding").format(source, offset)


def _encoding(first: bytes, given: str | None, source: str) -> tuple[str, str | None]:
    """The codec to read with, and a note when it was guessed from the bytes."""
    if given:
        try:
            return codecs.lookup(given).name, None
        except LookupError:
            raise DataError("unknown encoding '{0}' for {1}; try UTF-8, UTF-16 or GB18030".format(given, source)) from None
    if first.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "encoding UTF-8 (it starts with a byte order mark)"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if first.startswith(bom) and not first.startswith(codecs.BOM_UTF32_LE):
            return name, "encoding {0} (it starts with a byte order mark)".format(ENCODING_NAMES[name])
    if b"\x00" in first:
        raise DataError(_binary(source))
    final = len(first) < CHUNK
    try:
        codecs.getincrementaldecoder("utf-8")().decode(first, final)
        return "utf-8", None
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        codecs.getincrementaldecoder("gb18030")().decode(first, final)
    except UnicodeDecodeError:
        raise DataError("cannot read {0}: not a text file in UTF-8, UTF-16 or GB18030 (byte {1})"
                        .format(source, utf8_error + 1)) from None
    return "gb18030", "read as GB18030 (Chinese Windows): it is not UTF-8 (byte {0})".format(utf8_error + 1)


def _codec(encoding: str, first: bytes) -> str:
    """UTF-16 with a byte order mark through the plain codec, which drops the mark; without one, LE."""
    if not encoding.startswith("utf-16"):
        return encoding
    if first[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    return "utf-16-le" if encoding == "utf-16" else encoding


def _decoded(raw, first: bytes, encoding: str, source: str, guessed: bool = False) -> Iterator[tuple[str, int]]:
    """Text blocks of the file with the bytes read so far; refuses binary data as soon as it shows."""
    decoder = codecs.getincrementaldecoder(_codec(encoding, first))(errors="strict")
    block, done = first, 0
    while block:
        try:
            text = decoder.decode(block, final=False)
        except UnicodeError as exc:  # UnicodeDecodeError, or a codec's own complaint
            start = max(getattr(exc, "start", 0), 0)
            if guessed and encoding == "utf-8" and done:  # guessed from the first block only
                raise _Redecode(done + start) from None
            raise DataError(_not_utf8(source, done + start + 1)) from None
        done += len(block)
        if "\x00" in text:
            raise DataError(_binary(source))
        yield text, done
        block = raw.read(CHUNK)
    try:
        decoder.decode(b"", final=True)
    except UnicodeError:
        raise DataError("cannot read {0}: the file ends in the middle of a character".format(source)) from None


def _lines(blocks: Iterable[tuple[str, int]], source: str) -> Iterator[tuple[list[str], int, int]]:
    """Blocks of whole lines (\\n, \\r\\n or \\r endings) with the first one's number and bytes read."""
    carry, line_no, done = "", 1, 0
    for text, done in blocks:
        text = carry + text
        hold = text.endswith("\r")  # its \n may start the next block
        if hold:
            text = text[:-1]
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        carry = lines.pop() + ("\r" if hold else "")
        if len(carry) > MAX_LINE:
            raise DataError("{0}, line {1}: longer than {2:,} characters, so this is not a CSV table"
                            .format(source, line_no + len(lines), MAX_LINE))
        if lines:
            yield lines, line_no, done
            line_no += len(lines)
    if carry.rstrip("\r"):
        yield [carry.rstrip("\r")], line_no, done


# ----- the table --------------------------------------------------------------------------------
def _read(blocks, source: str, encoding: str, note: str | None, size: int, options: Options) -> CsvTable:
    chunks = _lines(blocks, source)
    lines, start, done, dropped = _first_lines(chunks)
    if lines and start == 1:
        lines[0] = lines[0].lstrip("\ufeff")  # a byte order mark, maybe doubled, is not a name
    layout = _layout(lines, start, source, options)
    parser = _Parser(layout, source, options.max_rows)
    parser.blank = dropped + layout.body - layout.header - layout.sep_line  # blank lines above the data
    _check_cancel(options, source)
    parser.feed(lines[layout.body:], start + layout.body)
    _report(options, done, size)
    for lines, start, done in chunks:
        _check_cancel(options, source)
        parser.feed(lines, start)
        _report(options, done, size)
    x, y = parser.finish()
    if options.progress is not None:
        options.progress(1.0)
    info = _info(layout, source, encoding, note, parser)
    return CsvTable(x, y, info)


def _first_lines(chunks: Iterator[tuple[list[str], int, int]]) -> tuple[list[str], int, int, int]:
    """Enough lines to guess the layout from (a block can end after one line), and blank lines dropped.

    Blocks holding only blank lines before the first value are dropped, and gathering stops at
    SNIFF_LINES lines, so a file of newlines cannot fill the memory.
    """
    lines, start, done = next(chunks, ([], 1, 0))
    dropped = 0
    while len(lines) - lines.count("") <= SNIFF_ROWS:
        blank = not any(ln.strip() for ln in lines)
        if not blank and len(lines) >= SNIFF_LINES:
            break
        more, more_start, done = next(chunks, (None, 0, done))
        if more is None:
            break
        if blank:
            dropped += len(lines)
            lines, start = more, more_start
        else:
            lines += more
    return lines, start, done, dropped


def _check_cancel(options: Options, source: str) -> None:
    if options.cancel is not None and options.cancel():
        raise LoadCancelled("loading {0} was cancelled".format(source))


def _report(options: Options, done: int, size: int) -> None:
    if options.progress is not None and size > 0:
        options.progress(min(done / size, 1.0))


def _split(line: str, delimiter: str) -> list[str]:
    """The cells of one line, stripped; quotes removed."""
    if delimiter == " ":
        return line.split()
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        cells = line.split(delimiter)
    return [c.strip() for c in cells]


def _number(cell: str, decimal: str = ".") -> float | None:
    """The number a cell holds (None for text); the same numbers numpy's loadtxt reads."""
    if decimal == ",":
        cell = cell.replace(",", ".")
    if not cell.isascii() or "_" in cell:  # float() would take '1_000' and Arabic digits
        return None
    try:
        return float(cell)
    except ValueError:
        return None


def _is_number(cell: str, delimiter: str) -> bool:
    return _number(cell) is not None or (delimiter != "," and _COMMA_NUMBER.fullmatch(cell) is not None)


def _delimiter(sample: list[str]) -> str:
    """Comma, semicolon or tab: the one that splits every line alike into the most numbers."""
    scores = []
    for rank, d in enumerate((";", "\t", ",")):
        rows = [_split(ln, d) for ln in sample]
        widths = {len(r) for r in rows}
        cells = [c for r in rows for c in r]
        numbers = sum(_is_number(c, d) for c in cells)
        steady = len(widths) == 1 and min(widths) >= 2
        split_lines = sum(len(r) >= 2 for r in rows)
        scores.append(((steady, numbers / len(cells) if steady else 0, split_lines, -rank), d))
    best = max(scores)
    if best[0][2] == 0 and all(len(ln.split()) >= 2 for ln in sample):
        return " "
    return best[1]


def _decimal(rows: list[list[str]], delimiter: str) -> str:
    """A decimal comma when numbers like '155,4' appear and none like '155.4' (never with a comma delimiter)."""
    if delimiter == ",":
        return "."
    cells = [c for r in rows for c in r]
    comma = any(_COMMA_NUMBER.fullmatch(c) for c in cells)
    dot = any(_DOT_NUMBER.fullmatch(c) for c in cells)
    return "," if comma and not dot else "."


def _numeric_columns(rows: list[list[str]], width: int, decimal: str) -> tuple[bool, ...]:
    """Columns where at least half the non-empty cells hold numbers."""
    flags = []
    for c in range(width):
        cells = [r[c] for r in rows if c < len(r) and r[c]]
        numbers = sum(_number(v, decimal) is not None for v in cells)
        flags.append(bool(cells) and 2 * numbers >= len(cells))
    return tuple(flags)


def _header(rows: list[list[str]], decimal: str, width: int) -> bool:
    """The first row names the columns if it has text above a column of numbers."""
    first, rest = rows[0], rows[1:]
    text = [c for c, v in enumerate(first) if v and _number(v, decimal) is None]
    if not text:
        return False
    if not rest:
        return True
    numeric = _numeric_columns(rest, width, decimal)
    return any(numeric[c] for c in text) or not any(numeric)  # all text: the names help the message


def _looks_like_header(rows: list[list[str]], decimal: str) -> bool:
    """A first row of whole numbers (years, say) that stand apart from the rows below."""
    first, rest = rows[0], rows[1:]
    if not rest or not all(_INT.fullmatch(v) for v in first):
        return False
    for c, v in enumerate(first):
        below = [n for n in (_number(r[c], decimal) for r in rest if c < len(r)) if n is not None]
        written = [r[c] for r in rest if c < len(r)]
        if not below:
            return False
        apart = not min(below) <= float(v) <= max(below)
        fractional = any(not _INT.fullmatch(w) for w in written)
        if not (apart or fractional):
            return False
    return True


def _layout(lines: list[str], start: int, source: str, options: Options) -> _Layout:
    """Delimiter, decimal mark, header and columns from the first non-blank lines."""
    where = [i for i, ln in enumerate(lines) if ln.strip()][:SNIFF_ROWS + 1]
    if not where:
        raise DataError("{0}: the file is empty".format(source))
    sep = _SEP_LINE.fullmatch(lines[where[0]])
    if sep:
        where = where[1:]
        if not where:
            raise DataError("{0}: the file has no values after its 'sep=' line".format(source))
    guessed: list[str] = []
    delimiter, decimal, rows = _marks([lines[i] for i in where], sep and sep.group(1), options, guessed, source)
    width = max(len(r) for r in rows)
    header = options.header if options.header is not None else _header(rows, decimal, width)
    if options.header is None:
        guessed.append("header")
    if len(rows[0]) < 2:
        raise DataError("{0}: needs two columns x, y; line {1} has {2}".format(source, start + where[0], len(rows[0])))
    names = _names(rows[0] if header else [], width)
    data_rows = rows[1:] if header else rows
    # no rows to judge by: take the first two columns, and the count of rows will say what is wrong
    numeric = _numeric_columns(data_rows, width, decimal) if data_rows else (True,) * width
    xi, yi = _choose(names, header, numeric, options, source)
    if options.x_col is None or options.y_col is None:
        guessed.append("columns")
    possible = not header and options.header is None and _looks_like_header(rows, decimal)
    body = where[0] + 1 if header else where[0]
    return _Layout(delimiter, decimal, header, names, numeric, xi, yi, body, sep is not None, possible,
                   tuple(guessed))


def _marks(sample: list[str], sep: str | None, options: Options, guessed: list[str], source: str):
    """Delimiter and decimal mark (given, from a 'sep=' line, or guessed) and the sample's cells."""
    delimiter = options.delimiter or sep
    if delimiter is None:
        delimiter = _delimiter(sample)
        guessed.append("delimiter")
    if delimiter not in DELIMITERS:
        raise DataError("{0}: the delimiter must be one of , ; tab or space, got {1!r}".format(source, delimiter))
    rows = [_split(ln, delimiter) for ln in sample]
    if not any(any(r) for r in rows):
        raise DataError("{0}: the file has no values".format(source))
    decimal = options.decimal or _decimal(rows, delimiter)
    if options.decimal is None:
        guessed.append("decimal")
    if decimal not in ".,":
        raise DataError("{0}: the decimal mark must be '.' or ',', got {1!r}".format(source, decimal))
    return delimiter, decimal, rows


def _names(cells: list[str], width: int) -> tuple[str, ...]:
    names = [c.strip().lstrip("\ufeff").strip() for c in cells] + [""] * (width - len(cells))
    return tuple(n or "column {0}".format(i) for i, n in enumerate(names))


def _column(names: tuple[str, ...], header: bool, spec: str | int, source: str) -> int:
    ncols = len(names)
    if isinstance(spec, int) or spec.strip().lstrip("-").isdigit():
        i = int(spec)
        if not 0 <= i < ncols:
            raise DataError("{0}: column index {1} is out of range (the file has {2} columns, 0–{3})"
                            .format(source, i, ncols, ncols - 1))
        return i
    if not header:
        raise DataError("{0}: no column named '{1}' (the file has no header, so no column has a name)".format(
            source, spec))
    if spec.strip() not in names:
        raise DataError("{0}: no column named '{1}' (columns: {2})".format(source, spec, ", ".join(map(repr, names))))
    return names.index(spec.strip())


def _choose(names, header, numeric, options: Options, source: str) -> tuple[int, int]:
    """The x and y columns: as given, else the first two numeric columns."""
    xi = None if options.x_col is None else _column(names, header, options.x_col, source)
    yi = None if options.y_col is None else _column(names, header, options.y_col, source)
    free = [c for c, n in enumerate(numeric) if n and c not in (xi, yi)]
    if xi is None and free:
        xi = free.pop(0)
    if yi is None and free:
        yi = free.pop(0)
    if xi is None or yi is None:
        numbers, text = ([repr(n) for n, num in zip(names, numeric) if num is flag] for flag in (True, False))
        raise DataError("{0}: cannot choose x and y: it needs two columns of numbers (numbers: {1}; text: {2}); "
                        "choose them in the x / y column boxes or with --x-col / --y-col".format(
                            source, ", ".join(numbers) or "–", ", ".join(text) or "–"))
    if xi == yi:
        raise DataError("{0}: x and y are the same column ({1}); choose two different columns".format(source, xi))
    return xi, yi


# ----- parsing blocks of lines ------------------------------------------------------------------
class _Parser:
    """Parses blocks of lines into x and y, fast with numpy, cell by cell to name a bad cell."""

    def __init__(self, layout: _Layout, source: str, max_rows: int) -> None:
        self.layout, self.source, self.max_rows = layout, source, max_rows
        self.xs: list[np.ndarray] = []
        self.ys: list[np.ndarray] = []
        self.rows = 0
        self.blank = 0
        # a comma can be both delimiter and decimal mark only inside quotes: parse those by cell
        self.fast = not (layout.decimal == "," and layout.delimiter == ",")

    def feed(self, lines: list[str], first_line: int) -> None:
        """Parse one block of lines; first_line is the file's number of its first line."""
        if not lines:
            return
        empty = lines.count("")
        if empty == len(lines):
            self.blank += empty
            return
        xy = self._fast(lines) if self.fast else None
        if xy is None or not np.isfinite(xy).all():
            xy = self._slow(lines, first_line)
        self.blank += len(lines) - len(xy)
        self.rows += len(xy)
        if self.rows > self.max_rows:
            raise DataError("{0}: more than {1:,} data rows, the row limit; raise the limit (max_rows, "
                            "--max-rows) to load more".format(self.source, self.max_rows))
        self.xs.append(np.ascontiguousarray(xy[:, 0]))
        self.ys.append(np.ascontiguousarray(xy[:, 1]))

    def _fast(self, lines: list[str]) -> np.ndarray | None:
        lay = self.layout
        if lay.decimal == ",":
            lines = "\n".join(lines).replace(",", ".").split("\n")
        try:
            return np.loadtxt(lines, dtype=float, delimiter=None if lay.delimiter == " " else lay.delimiter,
                              usecols=(lay.xi, lay.yi), comments=None, quotechar='"', ndmin=2)
        except ValueError:
            return None

    def _slow(self, lines: list[str], first_line: int) -> np.ndarray:
        xy = np.empty((len(lines), 2))
        n = 0
        for i, line in enumerate(lines):
            if line.strip():
                cells = _split(line, self.layout.delimiter)
                xy[n] = self._cell(cells, self.layout.xi, first_line + i), self._cell(cells, self.layout.yi, first_line + i)
                n += 1
        return xy[:n]

    def _cell(self, cells: list[str], col: int, line_no: int) -> float:
        name = self.layout.columns[col]
        cell = cells[col] if col < len(cells) else ""
        if cell == "":
            raise DataError("{0}, line {1}: empty value in column '{2}'".format(self.source, line_no, name))
        v = _number(cell, self.layout.decimal)
        if v is None or not np.isfinite(v):
            shown = cell if len(cell) <= 40 else cell[:37] + "..."
            if self.layout.decimal == "." and _COMMA_NUMBER.fullmatch(cell):
                raise DataError("{0}, line {1}, column '{2}': '{3}' is not a finite number (if ',' is the decimal "
                                "mark, choose the decimal comma)".format(self.source, line_no, name, shown))
            raise DataError("{0}, line {1}, column '{2}': '{3}' is not a finite number"
                            .format(self.source, line_no, name, shown))
        return v

    def finish(self) -> tuple[np.ndarray, np.ndarray]:
        """The x and y columns; one copy at a time, so the peak stays near twice the result."""
        x = np.concatenate(self.xs) if self.xs else np.empty(0)
        self.xs = []
        y = np.concatenate(self.ys) if self.ys else np.empty(0)
        self.ys = []
        name = self.layout.columns[self.layout.xi]
        if len(x) < 2:
            raise DataError("{0}: needs at least 2 data rows, found {1}".format(self.source, len(x)))
        if x.min() == x.max():
            raise DataError("{0}: column '{1}' is constant ({2:g} in every row): no slope can be fitted"
                            .format(self.source, name, x[0]))
        return x, y


def _info(layout: _Layout, source: str, encoding: str, note: str | None, parser: _Parser) -> CsvInfo:
    notes = [note] if note else []
    lay = layout
    if lay.sep_line:
        notes.append("Excel's 'sep=' line skipped; delimiter {0}".format(DELIMITERS[lay.delimiter]))
    elif "delimiter" in lay.guessed and lay.delimiter != ",":
        notes.append("delimiter {0} (guessed)".format(DELIMITERS[lay.delimiter]))
    if lay.decimal == "," and "decimal" in lay.guessed:
        notes.append("decimal comma (guessed: numbers like 155,4)")
    if lay.header and "header" in lay.guessed:
        notes.append("the first row is a header: {0}".format(", ".join(lay.columns)))
    elif "header" in lay.guessed:
        notes.append("no header: the first row is data")
    if lay.possible_header:
        notes.append("the first row holds whole numbers unlike the rows below: if it is a header, "
                     "say the file has a header")
    text = [n for n, num in zip(lay.columns, lay.numeric) if not num]
    if "columns" in lay.guessed:
        notes.append("x = '{0}', y = '{1}' (the first two columns of numbers)".format(lay.columns[lay.xi],
                                                                                     lay.columns[lay.yi]))
    if text:
        notes.append("text columns not used: {0}".format(", ".join(text)))
    if parser.blank:
        notes.append("{0} blank lines skipped".format(parser.blank))
    return CsvInfo(source, encoding, lay.delimiter, lay.decimal, lay.header, lay.columns, lay.numeric,
                   lay.xi, lay.yi, parser.rows, parser.blank, lay.sep_line, lay.possible_header,
                   lay.guessed, tuple(notes))
