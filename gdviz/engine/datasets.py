"""The tutorials' data sets and CSV import. Every data set has a train and a validation part."""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .types import BatchMode, LiveSettings, ModelKind, Reduction

BUILTIN = ("house", "beans", "linear")
BEANS_SEED = 2019  # the beans are a fixed picture, like the tutorial's dataset module


class DataError(ValueError):
    """Bad input data; the message is one line saying what and where."""


@dataclass(frozen=True)
class Preset:
    """The settings a tutorial used with its data set."""

    model: ModelKind
    reduction: Reduction
    live: LiveSettings
    init: dict[str, float]
    x_range: tuple[float, float] | None = None  # fixed axes (tutorial 001 fixes them)
    y_range: tuple[float, float] | None = None


@dataclass(frozen=True)
class Dataset:
    """Training and validation points of one data set, as 1-D float arrays."""

    name: str
    x_label: str
    y_label: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    preset: Preset = field(compare=False)

    @property
    def n_train(self) -> int:
        """Number of training samples."""
        return len(self.x_train)

    @property
    def n_val(self) -> int:
        """Number of validation samples."""
        return len(self.x_val)


def _default_preset() -> Preset:
    return Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(), {"w": 0.0, "b": 0.0})


def house() -> tuple[np.ndarray, np.ndarray]:
    """Tutorial 000: six houses, area (m²) → price."""
    data = np.array([[80, 200], [95, 230], [104, 245], [112, 247], [125, 259], [135, 262]], float)
    return data[:, 0], data[:, 1]


def beans(n: int = 100, seed: int = BEANS_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Tutorial 001: bean size → toxicity, y ≈ 1.2·x plus a little noise (its dataset.get_beans)."""
    rng = np.random.RandomState(seed)
    xs = np.sort(rng.rand(n))
    ys = 1.2 * xs + rng.rand(n) / 10
    return xs, ys


def linear_tutorial() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Tutorial 002's recipe exactly: RandomState(42), y = 1 + 2x + 0.1·ε, shuffled 80/20 split."""
    rng = np.random.RandomState(42)
    n = 100
    x = rng.rand(n, 1)
    y = 1 + 2 * x + 0.1 * rng.randn(n, 1)
    idx = np.arange(n)
    rng.shuffle(idx)
    train, val = idx[: int(n * 0.8)], idx[int(n * 0.8):]
    return x[train, 0], y[train, 0], x[val, 0], y[val, 0]


def linear_tutorial_init() -> dict[str, float]:
    """Tutorial 002's random start: RandomState(42) → b = 0.4967, w = −0.1383."""
    rng = np.random.RandomState(42)
    b = float(rng.randn(1)[0])
    w = float(rng.randn(1)[0])
    return {"w": w, "b": b}


def split(x: np.ndarray, y: np.ndarray, val_fraction: float, seed: int):
    """Shuffle with a seeded generator and hold out a validation fraction."""
    if not 0.0 <= val_fraction < 1.0 or math.isnan(val_fraction):
        raise DataError(f"validation fraction must be in [0, 1), got {val_fraction:g}")
    n = len(x)
    n_val = int(round(n * val_fraction))
    if n - n_val < 2:
        raise DataError(f"validation fraction {val_fraction:g} leaves fewer than 2 training points of {n}")
    if n_val == 0:
        return x, y, x[:0], y[:0]
    idx = np.random.default_rng(seed).permutation(n)
    train, val = idx[: n - n_val], idx[n - n_val:]
    return x[train], y[train], x[val], y[val]


def builtin(name: str, val_fraction: float | None = None, seed: int = 42) -> Dataset:
    """One of the tutorials' data sets by name."""
    if name == "linear":
        parts = linear_tutorial()
        if val_fraction is not None and abs(val_fraction - 0.2) > 1e-12:
            x = np.concatenate([parts[0], parts[2]])
            y = np.concatenate([parts[1], parts[3]])
            parts = split(x, y, val_fraction, seed)
        preset = Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(learning_rate=0.1),
                        linear_tutorial_init())
        return Dataset("linear", "x", "y", *parts, preset)
    if name == "house":
        x, y = house()
        preset = Preset(ModelKind.LINE, Reduction.HALF_SUM, LiveSettings(learning_rate=1e-5),
                        {"w": 1.0, "b": 1.0})
        return Dataset("house", "area (m²)", "price", *split(x, y, val_fraction or 0.0, seed), preset)
    if name == "beans":
        x, y = beans()
        preset = Preset(ModelKind.ORIGIN, Reduction.SUM,
                        LiveSettings(learning_rate=0.1, batch_mode=BatchMode.STOCHASTIC, batch_size=1),
                        {"w": 0.1, "b": 0.0}, x_range=(0.0, 1.0), y_range=(0.0, 1.2))
        return Dataset("beans", "bean size", "toxicity", *split(x, y, val_fraction or 0.0, seed), preset)
    raise DataError(f"unknown data set '{name}' (choose from {', '.join(BUILTIN)})")


def _column(header: list[str] | None, spec: str | int | None, default: int, ncols: int) -> int:
    if spec is None:
        return default
    if isinstance(spec, int) or (isinstance(spec, str) and spec.strip().lstrip("-").isdigit()):
        i = int(spec)
        if not 0 <= i < ncols:
            raise DataError(f"column index {i} is out of range (the file has {ncols} columns, 0–{ncols - 1})")
        return i
    names = [h.strip() for h in header] if header else []
    if spec not in names:
        shown = ", ".join(repr(n) for n in names) if names else "none: the file has no header"
        raise DataError(f"no column named '{spec}' (columns: {shown})")
    return names.index(spec)


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def parse_csv(text: str, source: str = "CSV", x_col: str | int | None = None,
              y_col: str | int | None = None) -> tuple[np.ndarray, np.ndarray, str, str]:
    """Two numeric columns from CSV text; returns x, y and their labels. Raises DataError."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise DataError(f"{source}: the file is empty")
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t ")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    numbered = [(i + 1, [c.strip() for c in r]) for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not numbered:
        raise DataError(f"{source}: the file has no values")
    first = numbered[0][1]
    header = first if any(_number(c) is None for c in first if c) else None
    body = numbered[1:] if header else numbered
    ncols = len(first)
    if ncols < 2:
        raise DataError(f"{source}: needs two columns x, y; line {numbered[0][0]} has {ncols}")
    try:
        xi = _column(header, x_col, 0, ncols)
        yi = _column(header, y_col, 1 if xi != 1 else 0, ncols)
    except DataError as exc:
        raise DataError(f"{source}: {exc}") from None
    if xi == yi:
        raise DataError(f"{source}: x and y are the same column ({xi}); choose two different columns")
    names = header or [f"column {i}" for i in range(ncols)]
    xs, ys = [], []
    for line_no, row in body:
        vals = []
        for ci in (xi, yi):
            cell = row[ci] if ci < len(row) else ""
            if cell == "":
                raise DataError(f"{source}, line {line_no}: empty value in column '{names[ci]}'")
            v = _number(cell)
            if v is None or not math.isfinite(v):
                raise DataError(f"{source}, line {line_no}, column '{names[ci]}': '{cell}' is not a finite number")
            vals.append(v)
        xs.append(vals[0])
        ys.append(vals[1])
    if len(xs) < 2:
        raise DataError(f"{source}: needs at least 2 data rows, found {len(xs)}")
    x, y = np.array(xs), np.array(ys)
    if np.ptp(x) == 0:
        raise DataError(f"{source}: column '{names[xi]}' is constant ({x[0]:g} in every row): no slope can be fitted")
    return x, y, names[xi], names[yi]


def load_csv(path: str | Path, val_fraction: float | None = None, seed: int = 42,
             x_col: str | int | None = None, y_col: str | int | None = None) -> Dataset:
    """A data set from a CSV file of two numeric columns (header optional). Raises DataError."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a UTF-8 text file"
        raise DataError(f"cannot read {p.name}: {reason}") from None
    x, y, xl, yl = parse_csv(text, p.name, x_col, y_col)
    return Dataset(p.stem, xl, yl, *split(x, y, val_fraction or 0.0, seed), _default_preset())
