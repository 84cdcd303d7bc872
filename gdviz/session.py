"""Saved sessions (`.gdviz`): the exact state of a run or race as a versioned JSON file. No Qt.

A session holds the restart settings, the data (a built-in set by name, anything else as its
points, so an imported CSV may be gone), every runner's live-settings log and its history, the
ghosts, the speed and the window's view options (a plain dict). Histories are stored, not
replayed: opening a million-step Adam run must not take half a minute. Opening checks the tail
of each stored history against a replay of the engine (a few steps); a history the engine does
not reproduce is rebuilt by a full replay of the log, so the restored run always equals what
this engine computes, bit for bit.

Arrays travel as little-endian bytes, zlib-compressed and base64-encoded, so inf and NaN (a
diverged run) round-trip; plain JSON numbers are always finite (non-finite floats in the view
dict become {"$float": "inf"}). Nothing is pickled or evaluated. Every refusal is a
SessionError with one line: the file, where in it, and what is wrong.
"""
from __future__ import annotations

import base64
import dataclasses
import json
import math
import os
import tempfile
import zlib
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from . import safejson
from .engine import BUILTIN, Dataset, LiveSettings, Race, RaceEntry, Run, RunConfig, Status, load_dataset
from .engine.datasets import MAX_ROWS, Preset
from .engine.functions import FUNCTIONS
from .engine.history import History
from .engine.race import MAX_RUNS
from .engine.types import ModelKind, Reduction

FORMAT = "gdviz-session"
VERSION = 1
SUFFIX = ".gdviz"
MAX_FILE_BYTES = 1 << 30  # a million-step race of six is a few hundred MB; more is no session
MAX_DEPTH = 48  # JSON nesting of a whole file (a session needs about 8)
MAX_VIEW_DEPTH = 12
MAX_VIEW_ITEMS = 100_000
MAX_TEXT = 10_000  # characters of any one string
MAX_HISTORY_ROWS = 1 << 26
MAX_CHANGES = 1 << 20
MAX_GHOSTS = 16
MAX_STEP = 1 << 62
MAX_INT = 1 << 53  # integers in the view dict (exact in every JSON reader)
TAIL = 16  # rows of each history checked against a replay on opening
HISTORY_COLUMNS = {"step": "<i8", "epoch": "<i8", "pos": "<i8", "status": "<i1", "learning_rate": "<f8",
                   "batch_loss": "<f8", "train_loss": "<f8", "val_loss": "<f8", "params": "<f8",
                   "grad": "<f8", "state": "<f8"}
DTYPES = ("<f8", "<i8", "<i1")
STATUSES = tuple(Status)


class SessionError(ValueError):
    """A session file that cannot be used; the message is one line saying what and where."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


@dataclass(frozen=True, eq=False)
class GhostData:
    """An abandoned future of the primary run (the controller's Ghost has the same fields)."""

    steps: np.ndarray
    params: np.ndarray
    train_loss: np.ndarray


@dataclass(frozen=True, eq=False)
class RunnerState:
    """One run as saved: its race entry, live-settings log, history and where it stands."""

    name: str
    colour: int | str
    live: LiveSettings  # the race entry's settings (the run's current ones are the log's last)
    changes: tuple[tuple[int, LiveSettings], ...]
    history: dict[str, np.ndarray]
    level: int  # History.level: how often its thinned buckets merged
    thinned: bool
    step: int
    status: Status
    converged_at: int | None
    diverged_at: int | None
    opt_state: np.ndarray | None = None  # the optimizer's state, flat: a rule switched away and back at one
    # step resets it, which the log (one entry per step) cannot tell


@dataclass(frozen=True, eq=False)
class SessionState:
    """Everything a session file holds, decoded and checked."""

    config: RunConfig
    dataset: Dataset | None  # None for a function
    runners: tuple[RunnerState, ...]
    race: bool
    ghosts: tuple[GhostData, ...] = ()
    selected: int = 0
    speed: tuple[int, int] = (10, 1)
    max_history: int = 1 << 20
    view: dict = field(default_factory=dict)
    source: str = "session"  # the file's name, for messages


@dataclass(frozen=True, eq=False)
class Restored:
    """A session rebuilt: what the controller installs and the window shows."""

    run: Run  # the primary run (race.runs[0] in a race)
    race: Race | None
    ghosts: tuple[GhostData, ...]
    selected: int
    speed: tuple[int, int]
    view: dict
    notes: tuple[str, ...] = ()  # e.g. a history this engine recomputed


# ===== capturing =====================================================================================
def capture(run: Run, race: Race | None = None, ghosts: Sequence = (), selected: int = 0,
            speed: tuple[int, int] = (10, 1), view: dict | None = None) -> SessionState:
    """The state of a run (or a race whose primary is `run`) as a SessionState (copies of the arrays)."""
    runs = race.runs if race is not None else (run,)
    entries = race.entries if race is not None else (RaceEntry("run 1", 0, run.live),)
    runners = tuple(_runner_state(r, e) for r, e in zip(runs, entries))
    ghost_data = tuple(GhostData(np.array(g.steps, np.int64), np.array(g.params, float),
                                 np.array(g.train_loss, float)) for g in ghosts)
    return SessionState(run.config, _saved_dataset(run), runners, race is not None, ghost_data, int(selected),
                        (int(speed[0]), int(speed[1])), int(run.max_history), dict(view or {}))


def state_from(controller: Any, view: dict | None = None) -> SessionState:
    """The state of a RunController (run, race, ghosts, selected runner, speed) plus the window's view dict."""
    return capture(controller.run, controller.race, controller.ghosts, controller.selected_runner,
                   (controller.steps_per_second, controller.steps_per_frame), view)


def _runner_state(run: Run, entry: RaceEntry) -> RunnerState:
    h = run.history
    cols = {name: np.array(h.column(name)) for name in HISTORY_COLUMNS}
    flat = np.concatenate([np.ravel(a) for a in run.opt_state]) if len(run.opt_state) else np.zeros(0)
    return RunnerState(entry.name, entry.colour, entry.live, tuple(run.changes), cols, int(h.level),
                       bool(h.thinned), int(run.step), run.status, run.converged_at, run.diverged_at,
                       np.asarray(flat, float))


def _saved_dataset(run: Run) -> Dataset | None:
    """None for a function; the data set itself unless the configuration rebuilds exactly these points."""
    if run.dataset is None:
        return None
    config = run.config
    if not config.csv_path and config.data in BUILTIN:
        rebuilt = load_dataset(config)
        if all(np.array_equal(getattr(rebuilt, k), getattr(run.dataset, k)) for k in _POINTS):
            return None if rebuilt.name == run.dataset.name else run.dataset
    return run.dataset


_POINTS = ("x_train", "y_train", "x_val", "y_val")
_PRESET = ("model", "reduction", "live", "init", "x_range", "y_range")  # read one by one; the others by type


# ===== writing ========================================================================================
def to_json(state: SessionState) -> dict:
    """The JSON object of a session (only finite numbers; arrays as compressed bytes)."""
    from . import __version__
    return {
        "format": FORMAT, "version": VERSION, "app": "gdviz {0}".format(__version__),
        "config": _plain(dataclasses.asdict(state.config)),
        "data": _data_json(state),
        "max_history": state.max_history,
        "race": state.race,
        "runners": [_runner_json(r) for r in state.runners],
        "selected": state.selected,
        "speed": {"steps_per_second": state.speed[0], "steps_per_frame": state.speed[1]},
        "ghosts": [{"steps": _array(g.steps, "<i8"), "params": _array(g.params, "<f8"),
                    "train_loss": _array(g.train_loss, "<f8")} for g in state.ghosts],
        "view": _encode_view(state.view),
    }


def save_session(path: str | os.PathLike, state: SessionState) -> None:
    """Write a session atomically: a temporary file in the same folder, then a rename (OSError on failure,
    and nothing is left behind)."""
    text = json.dumps(to_json(state), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix="." + target.name + ".", suffix=".tmp", dir=str(target.parent or "."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _plain(value: Any) -> Any:
    """Enums by value, tuples as lists (RunConfig, LiveSettings)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a setting is not finite: {0!r}".format(value))
    return value


def _live_json(live: LiveSettings) -> dict:
    return _plain(dataclasses.asdict(live))


def _data_json(state: SessionState) -> dict:
    if state.config.function:
        return {"source": "function"}
    ds = state.dataset
    if ds is None:
        return {"source": "builtin"}
    p = ds.preset
    preset = {"model": p.model.value, "reduction": p.reduction.value, "live": _live_json(p.live),
              "init": {k: float(v) for k, v in p.init.items()},
              "x_range": None if p.x_range is None else [float(v) for v in p.x_range],
              "y_range": None if p.y_range is None else [float(v) for v in p.y_range],
              **{f.name: _plain(getattr(p, f.name)) for f in dataclasses.fields(Preset) if f.name not in _PRESET}}
    return {"source": "points", "name": ds.name, "x_label": ds.x_label, "y_label": ds.y_label,
            **{k: _array(getattr(ds, k), "<f8") for k in _POINTS}, "preset": preset}


def _runner_json(r: RunnerState) -> dict:
    return {"name": r.name, "colour": r.colour, "live": _live_json(r.live),
            "changes": [{"step": int(at), "live": _live_json(live)} for at, live in r.changes],
            "step": r.step, "status": r.status.value, "converged_at": r.converged_at, "diverged_at": r.diverged_at,
            "params": [_float_text(v) for v in r.history["params"][-1]],  # for people reading the file
            "opt_state": None if r.opt_state is None else _array(r.opt_state, "<f8"),
            "history": {"level": r.level, "thinned": r.thinned,
                        "columns": {k: _array(r.history[k], d) for k, d in HISTORY_COLUMNS.items()}}}


def _float_text(value: float) -> float | str:
    value = float(value)
    return value if math.isfinite(value) else repr(value)


def _array(a: np.ndarray, dtype: str) -> dict:
    """{"dtype", "shape", "zlib" or "base64"}: bytes that do not compress (noisy floats) stay raw, since
    inflating them would cost more on opening than their size saves."""
    data = np.ascontiguousarray(a, dtype=np.dtype(dtype)).tobytes()
    out: dict[str, Any] = {"dtype": dtype, "shape": list(np.shape(a))}
    sample = data[:1 << 20]
    if len(zlib.compress(sample, 1)) < 0.8 * len(sample):
        out["zlib"] = base64.b64encode(zlib.compress(data, 1)).decode("ascii")
    else:
        out["base64"] = base64.b64encode(data).decode("ascii")
    return out


def _encode_view(value: Any, depth: int = 0) -> Any:
    """The window's view dict as JSON: non-finite floats and numpy arrays tagged."""
    if depth > MAX_VIEW_DEPTH:
        raise ValueError("the view options nest deeper than {0} levels".format(MAX_VIEW_DEPTH))
    if isinstance(value, dict):
        return {str(k): _encode_view(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode_view(v, depth + 1) for v in value]
    if isinstance(value, np.ndarray):
        dtype = "<i8" if value.dtype.kind in "iub" else "<f8"
        return {"$array": _array(value, dtype)}
    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else {"$float": repr(float(value))}
    if isinstance(value, Enum):
        return _encode_view(value.value, depth)
    raise ValueError("a view option of type {0} cannot be saved".format(type(value).__name__))


# ===== reading ========================================================================================
class _Where(safejson.Where):
    """Where a value sits in the file, for one-line messages: `session.gdviz: runners[1].live.batch_size`."""

    error = SessionError


def load_session(path: str | os.PathLike) -> SessionState:
    """Read and check a session file; raises SessionError (one line) for anything it cannot use."""
    source = Path(path).name or str(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SessionError("{0}: cannot be read ({1})".format(source, exc.strerror or exc)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SessionError("{0}: is larger than {1} MB, no session is that large".format(source, MAX_FILE_BYTES >> 20))
    return parse_session(raw, source)


def parse_session(raw: bytes | str, source: str = "session") -> SessionState:
    """A session from the bytes of a file (see load_session)."""
    top = _Where(source)
    doc = _parse_json(raw, top)
    if not isinstance(doc, dict):
        raise top.fail("is not a gdviz session (a JSON object is expected)", doc)
    if "format" not in doc:
        raise SessionError("{0}: is not a gdviz session (format missing)".format(source))
    if doc["format"] != FORMAT:
        raise SessionError("{0}: is not a gdviz session (format {1})".format(source, safejson.short(doc["format"])))
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise top["version"].fail("must be a whole number", version)
    if version > VERSION:
        raise SessionError("{0}: made by a newer gdviz (version {1}); this gdviz reads version {2}".format(
            source, version, VERSION))
    if version < 1:
        raise top["version"].fail("must be 1 or more", version)
    _known(doc, top, ("format", "version", "app", "config", "data", "max_history", "race", "runners", "selected",
                      "speed", "ghosts", "view"))
    config = _config(_get(doc, "config", dict, top), top["config"])
    dataset = _dataset(doc.get("data"), top["data"], config)
    max_history = _int(doc.get("max_history", 1 << 20), top["max_history"], 16, MAX_HISTORY_ROWS)
    race = _bool(doc.get("race", False), top["race"])
    runners = _runners(_get(doc, "runners", list, top), top["runners"], race, config, dataset, max_history)
    selected = _int(doc.get("selected", 0), top["selected"], 0, len(runners) - 1)
    speed = _speed(doc.get("speed", {}), top["speed"])
    ghosts = _ghosts(doc.get("ghosts", []), top["ghosts"], len(runners[0].history["params"][0]))
    view = _decode_view(doc.get("view", {}), top["view"])
    if not isinstance(view, dict):
        raise top["view"].fail("must be an object", view)
    return SessionState(config, dataset, runners, race, ghosts, selected, speed, max_history, view, source)


def _parse_json(raw: bytes | str, top: _Where) -> Any:
    return safejson.parse(raw, lambda reason: top.fail(reason, shown=False), MAX_DEPTH)


def _get(doc: dict, key: str, kind: type, where: _Where) -> Any:
    if key not in doc:
        raise where[key].fail("is missing", shown=False)
    value = doc[key]
    if not isinstance(value, kind):
        raise where[key].fail("must be an object" if kind is dict else "must be a list", value)
    return value


def _known(doc: dict, where: _Where, keys: Sequence[str]) -> None:
    unknown = [k for k in doc if k not in keys]
    if unknown:
        raise where[str(unknown[0])].fail("is not part of a gdviz session", shown=False)


def _bool(value: Any, where: _Where) -> bool:
    if not isinstance(value, bool):
        raise where.fail("must be true or false", value)
    return value


def _int(value: Any, where: _Where, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.fail("must be a whole number", value)
    if not low <= value <= high:
        raise where.fail("must be from {0} to {1}".format(low, high), value)
    return value


def _opt_int(value: Any, where: _Where, low: int, high: int) -> int | None:
    return None if value is None else _int(value, where, low, high)


def _number(value: Any, where: _Where) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise where.fail("must be a number", value)
    number = float(value) if abs(value) < 1e308 or isinstance(value, float) else math.inf
    if not math.isfinite(number):
        raise where.fail("must be a finite number", value)
    return number


def _text(value: Any, where: _Where) -> str:
    if not isinstance(value, str):
        raise where.fail("must be text", value)
    if len(value) > MAX_TEXT:
        raise where.fail("is longer than {0} characters".format(MAX_TEXT), shown=False)
    return value


def _enum(value: Any, enum: type[Enum], where: _Where) -> Enum:
    options = [m.value for m in enum]
    if value not in options:
        raise where.fail("must be one of {0}".format(", ".join(options)), value)
    return enum(value)


# ----- settings ---------------------------------------------------------------------------------------
def _live(value: Any, where: _Where) -> LiveSettings:
    """LiveSettings from an object of its fields (missing fields keep their defaults)."""
    if not isinstance(value, dict):
        raise where.fail("must be an object of live settings", value)
    defaults = LiveSettings()
    _known(value, where, [f.name for f in dataclasses.fields(LiveSettings)])
    fields = {}
    for name, v in value.items():
        fields[name] = _like(getattr(defaults, name), v, where[name])
    try:
        return replace(defaults, **fields).validated()
    except ValueError as exc:
        raise where.fail(": " + str(exc), shown=False) from None


def _like(default: Any, value: Any, where: _Where) -> Any:
    """A value of the default's kind: an enum member, a whole number, a finite number, text or a flag."""
    if isinstance(default, Enum):
        return _enum(value, type(default), where)
    if isinstance(default, bool):
        return _bool(value, where)
    if isinstance(default, int):
        return _int(value, where, -MAX_STEP, MAX_STEP)
    if isinstance(default, float):
        return _number(value, where)
    if default is None and value is None:
        return None
    if default is None and not isinstance(value, str):  # an optional setting: text, a flag or a number
        return _bool(value, where) if isinstance(value, bool) else _number(value, where) if isinstance(
            value, float) else _int(value, where, -MAX_STEP, MAX_STEP)
    return _text(value, where)


def _config(value: dict, where: _Where) -> RunConfig:
    """RunConfig from the file; each field checked for its type and range."""
    _known(value, where, [f.name for f in dataclasses.fields(RunConfig)])
    out: dict[str, Any] = {}
    for name, v in value.items():
        w = where[name]
        if name in ("data",):
            out[name] = _enum_text(v, BUILTIN, w)
        elif name == "function":
            out[name] = None if v is None else _enum_text(v, tuple(FUNCTIONS), w)
        elif name in ("csv_path",):
            out[name] = None if v is None else _text(v, w)
        elif name in ("csv_x", "csv_y"):
            out[name] = _column(v, w)
        elif name == "val_fraction":
            out[name] = None if v is None else _fraction(v, w)
        elif name == "model":
            out[name] = None if v is None else _enum(v, ModelKind, w)
        elif name == "reduction":
            out[name] = None if v is None else _enum(v, Reduction, w)
        elif name == "init":
            out[name] = None if v is None else _init(v, w)
        elif name == "seed":
            out[name] = _int(v, w, 0, (1 << 63) - 1)
        elif name in ("grad_tol", "loss_tol"):
            out[name] = _tolerance(v, w)
        else:
            out[name] = _like(getattr(RunConfig(), name), v, w)
    return RunConfig(**out)


def _column(value: Any, where: _Where) -> str | int | None:
    """A CSV column: None, a 0-based index or a header name."""
    if value is None or isinstance(value, str):
        return value if value is None else _text(value, where)
    return _int(value, where, 0, 1 << 20)


def _enum_text(value: Any, options: Sequence[str], where: _Where) -> str:
    if value not in options:
        raise where.fail("must be one of {0}".format(", ".join(options)), value)
    return value


def _fraction(value: Any, where: _Where) -> float:
    number = _number(value, where)
    if not 0.0 <= number < 1.0:
        raise where.fail("must be from 0 up to (not including) 1", value)
    return number


def _tolerance(value: Any, where: _Where) -> float:
    number = _number(value, where)
    if not 0.0 <= number <= 1.0:
        raise where.fail("must be a number from 0 to 1", value)
    return number


def _init(value: Any, where: _Where) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, list) or len(value) > 8:
        raise where.fail("must be a list of [name, value] pairs", value)
    pairs = []
    for i, pair in enumerate(value):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise where[i].fail("must be a [name, value] pair", pair)
        number = _number(pair[1], where[i][1])
        if abs(number) >= 1e100:
            raise where[i][1].fail("must be below 1e100 in size", pair[1])
        pairs.append((_text(pair[0], where[i][0]), number))
    return tuple(pairs)


def _speed(value: Any, where: _Where) -> tuple[int, int]:
    if not isinstance(value, dict):
        raise where.fail("must be an object", value)
    _known(value, where, ("steps_per_second", "steps_per_frame"))
    return (_int(value.get("steps_per_second", 10), where["steps_per_second"], 1, 60),
            _int(value.get("steps_per_frame", 1), where["steps_per_frame"], 1, 10 ** 9))


# ----- arrays -----------------------------------------------------------------------------------------
def _ndarray(value: Any, where: _Where, dtype: str, ndim: int, max_rows: int, width: int | None = None) -> np.ndarray:
    """An array from {"dtype", "shape", "zlib"}: its size checked before a byte is inflated."""
    if not isinstance(value, dict):
        raise where.fail("must be an array object", value)
    _known(value, where, ("dtype", "shape", "zlib", "base64"))
    if value.get("dtype") != dtype:
        raise where["dtype"].fail("must be {0!r}".format(dtype), value.get("dtype"))
    shape = value.get("shape")
    if not (isinstance(shape, list) and len(shape) == ndim):
        raise where["shape"].fail("must be a list of {0} sizes".format(ndim), shape)
    dims = [_int(n, where["shape"][i], 0, max_rows if i == 0 else 64) for i, n in enumerate(shape)]
    if width is not None and ndim == 2 and dims[1] != width:
        raise where["shape"].fail("must have {0} columns".format(width), shape)
    size = int(np.prod(dims)) * np.dtype(dtype).itemsize
    return np.frombuffer(_bytes(value, where, size), dtype=np.dtype(dtype)).reshape(dims).astype(dtype[1:], copy=True)


def _bytes(value: dict, where: _Where, size: int) -> bytes:
    """The array's bytes from base64 (zlib-compressed or raw); never inflates more than `size` bytes."""
    key = "zlib" if "zlib" in value else "base64"
    packed = value.get(key)
    if not isinstance(packed, str) or ("zlib" in value and "base64" in value):
        raise where[key].fail("must be base64 text of the array's bytes", shown=False)
    if len(packed) > 2 * size + 1024:
        raise where[key].fail("is larger than its shape allows ({0} bytes)".format(size), shown=False)
    try:
        data = base64.b64decode(packed, validate=True)
        if key == "base64":
            out, complete = data, True
        else:
            inflate = zlib.decompressobj()
            out = inflate.decompress(data, size + 1)  # never more than the shape says: no zip bomb
            complete = inflate.eof and not inflate.unused_data
    except (ValueError, zlib.error):
        raise where[key].fail("is not base64 of zlib-compressed bytes" if key == "zlib" else "is not base64",
                              shown=False) from None
    if len(out) != size or not complete:
        raise where[key].fail("holds {0} bytes, the shape needs {1}".format(len(out), size), shown=False)
    return out


def _finite(a: np.ndarray, where: _Where) -> np.ndarray:
    if not np.isfinite(a).all():
        raise where.fail("must hold finite numbers only", shown=False)
    return a


# ----- data -------------------------------------------------------------------------------------------
def _dataset(value: Any, where: _Where, config: RunConfig) -> Dataset | None:
    if not isinstance(value, dict):
        raise where.fail("must be an object", value)
    source = value.get("source")
    if source == "function" or config.function:
        if not config.function or source != "function":
            raise where["source"].fail("must be 'function' exactly when config.function is set", source)
        return None
    if source == "builtin":
        if config.csv_path:
            raise where["source"].fail("cannot be 'builtin' for a CSV file (the points must be saved)", source)
        try:
            return load_dataset(config)
        except ValueError as exc:
            raise where.fail(": " + str(exc), shown=False) from None
    if source != "points":
        raise where["source"].fail("must be builtin, points or function", source)
    _known(value, where, ("source", "name", "x_label", "y_label", *_POINTS, "preset"))
    arrays = {k: _finite(_ndarray(value.get(k), where[k], "<f8", 1, MAX_ROWS), where[k]) for k in _POINTS}
    for a, b in (("x_train", "y_train"), ("x_val", "y_val")):
        if len(arrays[a]) != len(arrays[b]):
            raise where[b].fail("must have as many values as {0} ({1})".format(a, len(arrays[a])), len(arrays[b]))
    if len(arrays["x_train"]) < 2:
        raise where["x_train"].fail("must hold at least 2 points", len(arrays["x_train"]))
    preset = _preset(value.get("preset"), where["preset"])
    return Dataset(_text(value.get("name", "data"), where["name"]), _text(value.get("x_label", "x"), where["x_label"]),
                   _text(value.get("y_label", "y"), where["y_label"]), arrays["x_train"], arrays["y_train"],
                   arrays["x_val"], arrays["y_val"], preset)


def _preset(value: Any, where: _Where) -> Preset:
    if not isinstance(value, dict):
        raise where.fail("must be an object", value)
    _known(value, where, [f.name for f in dataclasses.fields(Preset)])
    extra = {f.name: _preset_extra(f.default, value[f.name], where[f.name])
             for f in dataclasses.fields(Preset) if f.name not in _PRESET and f.name in value}
    init = value.get("init", {})
    if not isinstance(init, dict) or len(init) > 8:
        raise where["init"].fail("must be an object of parameter values", init)
    ranges = []
    for key in ("x_range", "y_range"):
        r = value.get(key)
        if r is not None:
            if not (isinstance(r, list) and len(r) == 2):
                raise where[key].fail("must be null or [low, high]", r)
            r = (_number(r[0], where[key][0]), _number(r[1], where[key][1]))
            if not r[0] < r[1]:
                raise where[key].fail("must have low < high", value.get(key))
        ranges.append(r)
    return Preset(_enum(value.get("model"), ModelKind, where["model"]),
                  _enum(value.get("reduction"), Reduction, where["reduction"]),
                  _live(value.get("live", {}), where["live"]),
                  {_text(k, where["init"]): _number(v, where["init"][k]) for k, v in init.items()}, *ranges, **extra)


def _preset_extra(default: Any, value: Any, where: _Where) -> Any:
    """A further preset field by its default's kind (a tuple default: a list of whole numbers, e.g. pins)."""
    if isinstance(default, tuple):
        if not isinstance(value, list) or len(value) > 1000:
            raise where.fail("must be a list of at most 1000 whole numbers", value)
        return tuple(_int(v, where[i], 0, MAX_STEP) for i, v in enumerate(value))
    return _like(default, value, where)


# ----- runners ----------------------------------------------------------------------------------------
def _runners(value: list, where: _Where, race: bool, config: RunConfig, dataset: Dataset | None,
             max_history: int) -> tuple[RunnerState, ...]:
    if race and not 2 <= len(value) <= MAX_RUNS:
        raise where.fail("must hold {0} to {1} runners (a race)".format(2, MAX_RUNS), len(value))
    if not race and len(value) != 1:
        raise where.fail("must hold 1 runner (not a race)", len(value))
    n_params = _n_params(config, dataset, _Where(where.source, "config"))
    runners = tuple(_runner(v, where[i], n_params, max_history) for i, v in enumerate(value))
    names = [r.name for r in runners]
    if len(set(names)) != len(names):
        raise where.fail("must have different names", names)
    return runners


def _n_params(config: RunConfig, dataset: Dataset | None, where: _Where) -> int:
    """How many parameters the runs have (checked against each history's width)."""
    try:
        return len(Run(config, LiveSettings(), dataset=dataset, max_history=16).param_names)
    except ValueError as exc:
        raise where.fail(": cannot start a run: {0}".format(exc), shown=False) from None


def _runner(value: Any, where: _Where, n_params: int, max_history: int) -> RunnerState:
    if not isinstance(value, dict):
        raise where.fail("must be an object", value)
    _known(value, where, ("name", "colour", "live", "changes", "step", "status", "converged_at", "diverged_at",
                          "params", "opt_state", "history"))
    name = _text(value.get("name", ""), where["name"])
    colour = value.get("colour", 0)
    try:
        RaceEntry(name, colour, LiveSettings())
    except ValueError:
        raise where["colour"].fail("must be a palette index (0 or more) or #rrggbb", colour) from None
    if isinstance(colour, bool):
        raise where["colour"].fail("must be a palette index (0 or more) or #rrggbb", colour)
    live = _live(value.get("live", {}), where["live"])
    step = _int(value.get("step"), where["step"], 0, MAX_STEP)
    changes = _changes(_get(value, "changes", list, where), where["changes"], step)
    status = _enum(value.get("status"), Status, where["status"])
    converged = _opt_int(value.get("converged_at"), where["converged_at"], 0, step)
    diverged = _opt_int(value.get("diverged_at"), where["diverged_at"], 1, step + 1)
    if (diverged is not None) != (status is Status.DIVERGED):
        raise where["diverged_at"].fail("must be set exactly when the status is diverged", diverged)
    history, level, thinned = _history(_get(value, "history", dict, where), where["history"], n_params,
                                       max_history, step)
    opt = value.get("opt_state")
    opt = None if opt is None else _ndarray(opt, where["opt_state"], "<f8", 1, 2 * n_params + 1)
    return RunnerState(name, colour, live, changes, history, level, thinned, step, status, converged, diverged, opt)


def _changes(value: list, where: _Where, step: int) -> tuple[tuple[int, LiveSettings], ...]:
    if not 1 <= len(value) <= MAX_CHANGES:
        raise where.fail("must hold 1 to {0} changes".format(MAX_CHANGES), len(value))
    out, last = [], -1
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise where[i].fail("must be an object", item)
        _known(item, where[i], ("step", "live"))
        at = _int(item.get("step"), where[i]["step"], 0, step)
        if (i == 0 and at != 0) or (i > 0 and at <= last):
            raise where[i]["step"].fail("must start at 0 and grow", at)
        out.append((at, _live(item.get("live"), where[i]["live"])))
        last = at
    return tuple(out)


def _history(value: dict, where: _Where, n_params: int, max_history: int, step: int):
    _known(value, where, ("level", "thinned", "columns"))
    level = _int(value.get("level", 0), where["level"], 0, 64)
    thinned = _bool(value.get("thinned", False), where["thinned"])
    cols_json = _get(value, "columns", dict, where)
    _known(cols_json, where["columns"], tuple(HISTORY_COLUMNS))
    widths = {"params": n_params, "grad": n_params, "state": 2 * n_params + 1}
    cols = {}
    for name, dtype in HISTORY_COLUMNS.items():
        w = where["columns"][name]
        if name not in cols_json:
            raise w.fail("is missing", shown=False)
        cols[name] = _ndarray(cols_json[name], w, dtype, 2 if name in widths else 1, max_history, widths.get(name))
    n = len(cols["step"])
    for name, a in cols.items():
        if len(a) != n:
            raise where["columns"][name].fail("must have {0} rows like step".format(n), len(a))
    steps = cols["step"]
    c = where["columns"]
    if n == 0 or steps[0] != 0 or (n > 1 and not (np.diff(steps) > 0).all()) or steps[-1] != step:
        raise c["step"].fail("must grow from 0 to the runner's step ({0})".format(step), shown=False)
    if (cols["epoch"] < 0).any() or (cols["pos"] < 0).any():
        raise c["epoch"].fail("and pos must be 0 or more", shown=False)
    if ((cols["status"] < 0) | (cols["status"] >= len(STATUSES))).any():
        raise c["status"].fail("holds an unknown status code", shown=False)
    for name in ("params", "train_loss", "learning_rate"):
        _finite(cols[name], c[name])
    return cols, level, thinned


def _ghosts(value: Any, where: _Where, n_params: int) -> tuple[GhostData, ...]:
    if not isinstance(value, list) or len(value) > MAX_GHOSTS:
        raise where.fail("must be a list of at most {0} ghosts".format(MAX_GHOSTS), value)
    out = []
    for i, g in enumerate(value):
        w = where[i]
        if not isinstance(g, dict):
            raise w.fail("must be an object", g)
        _known(g, w, ("steps", "params", "train_loss"))
        steps = _ndarray(g.get("steps"), w["steps"], "<i8", 1, MAX_HISTORY_ROWS)
        params = _finite(_ndarray(g.get("params"), w["params"], "<f8", 2, MAX_HISTORY_ROWS, n_params), w["params"])
        loss = _finite(_ndarray(g.get("train_loss"), w["train_loss"], "<f8", 1, MAX_HISTORY_ROWS), w["train_loss"])
        if not (len(steps) == len(params) == len(loss) >= 2) or not (np.diff(steps) > 0).all() or steps[0] < 0:
            raise w.fail("must have 2 or more rows of growing steps, params and losses", shown=False)
        out.append(GhostData(steps, params, loss))
    return tuple(out)


def _decode_view(value: Any, where: _Where, depth: int = 0, budget: list | None = None) -> Any:
    """The view dict back from JSON ($float and $array tags), with bounded depth and size."""
    budget = [MAX_VIEW_ITEMS] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        raise where.fail("holds more than {0} values".format(MAX_VIEW_ITEMS), shown=False)
    if depth > MAX_VIEW_DEPTH:
        raise where.fail("nests deeper than {0} levels".format(MAX_VIEW_DEPTH), shown=False)
    if isinstance(value, dict):
        if set(value) == {"$float"}:
            if value["$float"] not in ("inf", "-inf", "nan"):
                raise where.fail("must be 'inf', '-inf' or 'nan'", value["$float"])
            return float(value["$float"])
        if set(value) == {"$array"}:
            inner = value["$array"]
            if not (isinstance(inner, dict) and inner.get("dtype") in ("<f8", "<i8")
                    and isinstance(inner.get("shape"), list) and 1 <= len(inner["shape"]) <= 3):
                raise where["$array"].fail("must be an array object of 1 to 3 dimensions", shown=False)
            return _ndarray(inner, where["$array"], inner["dtype"], len(inner["shape"]), MAX_ROWS)
        return {_text(k, where): _decode_view(v, where[k], depth + 1, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode_view(v, where[i], depth + 1, budget) for i, v in enumerate(value)]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return _int(value, where, -MAX_INT, MAX_INT)
    if isinstance(value, float):
        return _number(value, where)
    return _text(value, where)


# ===== restoring ======================================================================================
def restore(state: SessionState) -> Restored:
    """Rebuild the run (or race) of a session at its step, with its history: bit for bit what this engine
    computes. Raises SessionError when the engine cannot rebuild it."""
    where = _Where(state.source)
    notes: list[str] = []
    try:
        if state.race:
            entries = [RaceEntry(r.name, r.colour, r.live) for r in state.runners]
            race = Race(state.config, entries, dataset=state.dataset, max_history=state.max_history)
            runs = race.runs
        else:
            race = None
            runs = (Run(state.config, state.runners[0].changes[0][1], dataset=state.dataset,
                        max_history=state.max_history),)
        for i, (run, saved) in enumerate(zip(runs, state.runners)):
            if not _install(run, saved):
                notes.append("runner {0}: this gdviz computes another history; it was recomputed".format(i + 1))
    except SessionError:
        raise
    except (ValueError, ArithmeticError) as exc:
        raise where["runners"].fail("cannot be rebuilt: {0}".format(str(exc).split("\n")[0]), shown=False) from None
    run = runs[0]
    return Restored(run, race, state.ghosts, state.selected, state.speed, state.view, tuple(notes))


def open_session(path: str | os.PathLike) -> Restored:
    """load_session then restore: the one call behind File > Open, Open Recent and a dropped file."""
    return restore(load_session(path))


def _install(run: Run, saved: RunnerState) -> bool:
    """Put a saved runner into a fresh run; True when a replay of its last rows agrees, else replay all."""
    if _tail_agrees(run, saved):
        _set_history(run, saved.history, saved.level, saved.thinned, saved.changes)
        _finish(run, saved)
        return True
    _replay(run, saved)
    _finish(run, saved)
    return False


def _finish(run: Run, saved: RunnerState) -> None:
    """The status the run had (a run that diverged past its last kept row, a converged_at from before a
    change of tolerance) is the file's."""
    run.status, run.diverged_at, run.converged_at = saved.status, saved.diverged_at, saved.converged_at
    sizes = [np.size(a) for a in run.opt_state]
    if saved.opt_state is not None and len(saved.opt_state) == sum(sizes):
        parts = np.split(saved.opt_state, np.cumsum(sizes)[:-1]) if sizes else []
        run.opt_state = tuple(np.array(p, float).reshape(np.shape(a)) for p, a in zip(parts, run.opt_state))


def _set_history(run: Run, cols: dict, level: int, thinned: bool, changes) -> None:
    """Give the run these history rows and live-settings log, and restore its state from the last row the
    way Run.rewind restores a step (parameters, sampler position, optimizer state, settings, batch)."""
    history = History(len(run.param_names), cols["state"].shape[1], run.max_history)
    history.append(**cols)
    history.level, history.thinned = level, thinned
    run.history = history
    run._log = list(changes)  # noqa: SLF001 - the engine has no public way to restore a log (see report)
    last = int(cols["step"][-1])
    run.step, run.status = last + 1, Status.RUNNING  # rewind() goes back to the last kept row exactly
    run.rewind(last)


def _tail_agrees(run: Run, saved: RunnerState) -> bool:
    """Whether the engine, started from the stored row TAIL rows before the end, computes the stored rows."""
    cols = saved.history
    n = len(cols["step"])
    i0 = max(0, n - 1 - TAIL)
    probe = Run(run.config, saved.changes[0][1], dataset=run.dataset, max_history=run.max_history)
    _set_history(probe, {k: v[i0:i0 + 1] for k, v in cols.items()}, saved.level, saved.thinned,
                 [c for c in saved.changes if c[0] <= int(cols["step"][i0])])
    _advance_with_log(probe, saved.changes, saved.step)
    got = {k: probe.history.column(k) for k in cols}
    want_steps = cols["step"][i0:]
    if probe.step != saved.step:
        return False
    rows = np.searchsorted(got["step"], want_steps)
    if (rows >= len(got["step"])).any() or not np.array_equal(got["step"][rows], want_steps):
        return False
    return all(np.array_equal(got[k][rows], cols[k][i0:], equal_nan=cols[k].dtype.kind == "f") for k in cols)


def _advance_with_log(run: Run, changes, step: int) -> None:
    """Step to `step`, applying each logged change at its step (as the user made them)."""
    for at, live in changes:
        if at <= run.step:
            continue
        run.advance(at - run.step, stop_on_converged=False)
        if run.step < at:
            return  # diverged before the change
        run.set_live(live)
    run.advance(step - run.step, stop_on_converged=False)


def _replay(run: Run, saved: RunnerState) -> None:
    """Rebuild a run from step 0 by its log (step 0's row keeps the learning rate it was made with)."""
    first = saved.changes[0][1]
    run.set_live(replace(first, learning_rate=float(saved.history["learning_rate"][0])))
    run.reset()
    run.set_live(first)
    _advance_with_log(run, saved.changes, saved.step)
    if run.step != saved.step:
        raise ValueError("the replay stopped at step {0}, the file says {1}".format(run.step, saved.step))


__all__ = ["FORMAT", "VERSION", "SUFFIX", "SessionError", "SessionState", "RunnerState", "GhostData", "Restored",
           "capture", "state_from", "to_json", "save_session", "load_session", "parse_session", "restore",
           "open_session"]
