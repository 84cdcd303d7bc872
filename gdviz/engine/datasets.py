"""The tutorials' data sets and CSV import. Every data set has a train and a validation part."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from .csvread import MAX_ROWS, CsvInfo, DataError, LoadCancelled, Options, read_csv, read_csv_text
from .types import BatchMode, LiveSettings, LossKind, ModelKind, Reduction

BUILTIN = ("house", "beans", "linear", "rooms", "line-1000", "quadratic", "sine", "outliers")
BEANS_SEED = 2019  # the beans are a fixed picture, like the tutorial's dataset module
LINE1000_SEED = 3  # tutorial 003 draws without a seed; gdviz fixes one so every lesson shows the same points
CURVE_SEED = 7  # the curved and outlier sets are fixed pictures too
ROOMS_FILE = "rooms_price.csv"
__all__ = ["BUILTIN", "CsvInfo", "DataError", "Dataset", "LoadCancelled", "MAX_ROWS", "Preset", "builtin",
           "load_csv", "parse_csv", "split"]


@dataclass(frozen=True)
class Preset:
    """The settings a tutorial used with its data set."""

    model: ModelKind
    reduction: Reduction
    live: LiveSettings
    init: dict[str, float]
    x_range: tuple[float, float] | None = None  # fixed axes (tutorial 001 fixes them)
    y_range: tuple[float, float] | None = None
    loss: LossKind = LossKind.SQUARED
    degree: int | None = None  # the polynomial degree that shows the data well
    pins: tuple[int, ...] = ()  # steps after which the data view pins the fitted line (tutorial 003)
    note: str = ""  # one line: where the data and the preset come from


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
    info: CsvInfo | None = field(default=None, compare=False)  # how a CSV file was read

    @property
    def notes(self) -> tuple[str, ...]:
        """What was guessed while reading the file, one line each (none for built-in data)."""
        return self.info.notes if self.info else ()

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


def rooms() -> tuple[np.ndarray, np.ndarray]:
    """Tutorial 004: 506 Boston houses, average rooms per dwelling RM → median value MEDV ($1000s), from
    scikit-learn 1.1.3's boston_house_prices.csv (resources/rooms_price.csv, in the original order)."""
    from ..resources import resource_path  # a file of the package, not a module of the engine
    try:
        table = np.loadtxt(resource_path(ROOMS_FILE), delimiter=",", skiprows=1, ndmin=2)
    except (OSError, ValueError) as exc:
        raise DataError("the rooms data ({0}) cannot be read: {1}".format(ROOMS_FILE, exc)) from None
    return table[:, 0].copy(), table[:, 1].copy()


def line_1000(seed: int = LINE1000_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Tutorial 003's fake data: predictor = randn(1000), target = 2x + 4 + 0.02·uniform, in its order of
    draws (all x first, then one uniform number per point). The tutorial writes `uniform(1000)`, which numpy
    reads as U(1, 1000) and which would lift the line by about 10: gdviz draws U(0, 1), the evident intent."""
    rng = np.random.RandomState(seed)
    x = rng.randn(1000)
    return x, 2 * x + 4 + 0.02 * rng.uniform(size=1000)


def quadratic(seed: int = CURVE_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Curved data a line cannot follow: y = x² − 2 + noise at 60 points of [−3, 3]."""
    rng = np.random.RandomState(seed)
    x = np.sort(rng.uniform(-3, 3, 60))
    return x, x * x - 2 + 0.4 * rng.randn(60)


def sine(seed: int = CURVE_SEED) -> tuple[np.ndarray, np.ndarray]:
    """One period of a sine: y = sin(x) + noise at 80 points of [0, 2π]."""
    rng = np.random.RandomState(seed)
    x = np.sort(rng.uniform(0, 2 * np.pi, 80))
    return x, np.sin(x) + 0.1 * rng.randn(80)


def outliers(seed: int = CURVE_SEED) -> tuple[np.ndarray, np.ndarray]:
    """y = 0.5x + 1 with a little noise at 30 points of [0, 10], and three far points above the right end:
    squared error tilts its line up towards them, Huber (δ = 1) and L1 hardly move."""
    rng = np.random.RandomState(seed)
    x = np.linspace(0, 10, 30)
    y = 0.5 * x + 1 + 0.3 * rng.randn(30)
    return np.append(x, [8.5, 9.0, 9.5]), np.append(y, [18.0, 19.0, 20.0])


def split(x: np.ndarray, y: np.ndarray, val_fraction: float, seed: int):
    """Shuffle with a seeded generator and hold out a validation fraction."""
    if not 0.0 <= val_fraction < 1.0 or math.isnan(val_fraction):
        raise DataError("validation fraction must be in [0, 1), got {0:g}".format(val_fraction))
    n = len(x)
    n_val = int(round(n * val_fraction))
    if n - n_val < 2:
        raise DataError("validation fraction {0:g} leaves fewer than 2 training points of {1}".format(val_fraction, n))
    if n_val == 0:
        _check_slope(x, "every x is {0:g}: no slope can be fitted")
        return x, y, x[:0], y[:0]
    idx = np.random.default_rng(seed).permutation(n)
    train, val = idx[: n - n_val], idx[n - n_val:]
    x_train = x[train]
    _check_slope(x_train, "after the validation split every training x is {0:g}: no slope can be fitted; "
                          "lower the validation fraction or change the seed")
    return x_train, y[train], x[val], y[val]


def _check_slope(x: np.ndarray, message: str) -> None:
    """Training x values all equal leave the slope undetermined (and standardising divides by 0)."""
    if len(x) and x.min() == x.max():
        raise DataError(message.format(x[0]))


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
    if name in EXTRA:
        make, preset = EXTRA[name]
        x, y, x_label, y_label = make()
        return Dataset(name, x_label, y_label, *split(x, y, val_fraction or 0.0, seed), preset)
    raise DataError("unknown data set '{0}' (choose from {1})".format(name, ", ".join(BUILTIN)))


def _line_preset(lr: float, init: dict[str, float], **extra) -> Preset:
    return Preset(ModelKind.LINE, Reduction.MEAN, LiveSettings(learning_rate=lr), init, **extra)


EXTRA: dict[str, tuple[Callable, Preset]] = {
    "rooms": (lambda: (*rooms(), "rooms (RM)", "price (MEDV, $1000s)"),
              _line_preset(1e-3, {"w": -150.0, "b": -150.0},
                           note="tutorial 004: 506 houses, scikit-learn's Boston data, columns RM and MEDV")),
    "line-1000": (lambda: (*line_1000(), "x", "y"),
                  _line_preset(0.01, {"w": 0.0, "b": 0.0}, pins=(10, 20, 30, 100, 1000),
                               note="tutorial 003: x ~ N(0, 1), y = 2x + 4 + 0.02·U(0, 1), 1000 points")),
    "quadratic": (lambda: (*quadratic(), "x", "y"),
                  _line_preset(0.1, {"w": 0.0, "b": 0.0}, degree=2,
                               note="y = x² − 2 + noise: a line cannot follow it")),
    "sine": (lambda: (*sine(), "x", "y"),
             _line_preset(0.1, {"w": 0.0, "b": 0.0}, degree=3,
                          note="y = sin(x) + noise over one period")),
    "outliers": (lambda: (*outliers(), "x", "y"),
                 _line_preset(0.01, {"w": 0.0, "b": 0.0},
                              note="a line with three far points: L2 follows them, Huber and L1 do not")),
}


def parse_csv(text: str, source: str = "CSV", x_col: str | int | None = None,
              y_col: str | int | None = None) -> tuple[np.ndarray, np.ndarray, str, str]:
    """Two numeric columns from CSV text; returns x, y and their labels. Raises DataError."""
    table = read_csv_text(text, source, Options(x_col=x_col, y_col=y_col))
    return table.x, table.y, table.x_label, table.y_label


def load_csv(path: str | Path | None, val_fraction: float | None = None, seed: int = 42,
             x_col: str | int | None = None, y_col: str | int | None = None, *,
             encoding: str | None = None, delimiter: str | None = None, decimal: str | None = None,
             header: bool | None = None, max_rows: int = MAX_ROWS,
             cancel: Callable[[], bool] | None = None,
             progress: Callable[[float], None] | None = None) -> Dataset:
    """A data set from two numeric columns of a CSV file; `info` says how it was read. Raises DataError.

    None means "guess" for encoding, delimiter, decimal mark, header and columns; `cancel()` is
    polled and `progress(fraction)` called between blocks of about a mebibyte.
    """
    options = Options(x_col, y_col, encoding, delimiter, decimal, header, max_rows, cancel, progress)
    table = read_csv(path, options)
    name = Path(str(path)).stem
    parts = split(table.x, table.y, val_fraction or 0.0, seed)
    return Dataset(name, table.x_label, table.y_label, *parts, _default_preset(), table.info)
