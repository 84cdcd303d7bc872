"""Results as JSON-safe values: where a run stands, its settings and its loss history.

Shared by `run` and `race`. A command reports a run once its steps are taken, so a run that
used all of them without converging is "stopped", not "running".
"""
from __future__ import annotations

import math
import sys
from dataclasses import fields
from enum import Enum
from typing import Any

import numpy as np

from ..engine import Run, Status
from .lang import QT_TRANSLATE_NOOP, engine_text, translate

STOPPED = "stopped"  # the command's status of a run that used all its steps and is still descending


def _number(value: Any) -> float | int | None:
    """A JSON-safe number: non-finite floats become None."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    value = float(value)
    return value if math.isfinite(value) else None


def _numbers(values: np.ndarray) -> list[float | None]:
    return [v if math.isfinite(v) else None for v in np.asarray(values, float).tolist()]


def _named(names: tuple[str, ...], values: Any) -> dict[str, float | None]:
    return {name: _number(v) for name, v in zip(names, np.asarray(values, float).tolist())}


def _plain(value: Any) -> Any:
    """A setting as JSON: enums as their values, tuples as lists, non-finite numbers as None."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return _number(value)
    return value


def optimum_of(run: Run) -> dict[str, float | None] | None:
    """The closed-form least-squares parameters, or None when they are not defined."""
    try:
        with np.errstate(all="ignore"):
            opt = run.optimum
    except (np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError):
        return None
    if opt is None:
        return None
    values = {name: _number(v) for name, v in opt.items()}
    return None if any(v is None for v in values.values()) else values


def settings_dict(run: Run) -> dict[str, Any]:
    """Every setting the run uses: RunConfig and LiveSettings fields, with presets resolved."""
    config = {f.name: _plain(getattr(run.config, f.name)) for f in fields(run.config)}
    config["init"] = _named(run.param_names, run.initial_params)
    if run.config.csv_path or run.config.function:
        config["data"] = None
    if run.dataset is not None:
        obj, d = run.objective, run.dataset
        config.update(model=obj.model.value, reduction=obj.reduction.value, dataset=d.name,
                      x_label=d.x_label, y_label=d.y_label, loss=obj.loss_kind.value, huber_delta=obj.delta,
                      degree=obj.degree, hidden=obj.hidden, activation=obj.activation.value,
                      param_names=list(run.param_names))
    config.update({f.name: _plain(getattr(run.live, f.name)) for f in fields(run.live)})
    config["samples_per_step"] = samples_per_step(run)
    return config


def samples_per_step(run: Run) -> int:
    """Training points one step of the run looks at."""
    return run.sampler.batch_size(run.batch_mode(), run.live.batch_size)


def converged_at(run: Run) -> int | None:
    """The first step at which the run was converged, or None."""
    if hasattr(run, "converged_at"):  # the engine records it
        return run.converged_at
    codes = run.history.column("status")
    hit = np.flatnonzero(codes == list(Status).index(Status.CONVERGED))
    return int(run.history.column("step")[hit[0]]) if len(hit) else None


def status_of(run: Run) -> str:
    """The status a finished command reports: the engine's, except "stopped" for a run still descending."""
    return STOPPED if run.status is Status.RUNNING else run.status.value


def status_message(run: Run, localised: bool = False) -> str:
    """One line saying where a finished command left the run: English (JSON), or in the language in use."""
    def t(text: str) -> str:
        return translate("Cli", text) if localised else text
    if run.status is Status.READY:
        return t(QT_TRANSLATE_NOOP("Cli", "ready: the initial state, no steps taken"))
    if run.status is not Status.RUNNING:
        return engine_text(run.status_message()) if localised else run.status_message()
    first = converged_at(run)
    before = "" if first is None else t(QT_TRANSLATE_NOOP("Cli", "; it was converged at step {0} and went on")).format(
        first)
    if run.step == 1:
        text = QT_TRANSLATE_NOOP("Cli", "stopped after 1 step: not converged (more --steps would go further){0}")
    else:
        text = QT_TRANSLATE_NOOP("Cli", "stopped after {1} steps: not converged (more --steps would go further){0}")
    return t(text).format(before, run.step)


def result_dict(run: Run, **extra_settings: Any) -> dict[str, Any]:
    """Where a finished command left a run and its loss history, as JSON-safe values (no NaN or infinity).

    `extra_settings` (e.g. steps, stop_on_converged) are added to "config".
    """
    h = run.history
    steps = h.column("step")
    dense = len(steps) == run.step + 1  # one row per step: loss[i] is the loss at step i
    final_val = float(h.column("val_loss")[-1])
    result = {
        "format": "gdviz-run", "version": 3,  # 2: "stopped", converged_at; 3: optimum_kind, loss, model fields
        "status": status_of(run), "message": status_message(run),
        "step": run.step, "epoch": run.epoch, "diverged_at": run.diverged_at, "converged_at": converged_at(run),
        "params": _named(run.param_names, run.params),
        "grad": _named(run.param_names, run.current_loss_grad()[1]),
        "optimum": optimum_of(run),
        "optimum_kind": run.optimum_kind,  # "closed form", "known minimum", "best so far" or None
        "final_loss": _number(run.current_loss_grad()[0]),
        "final_val_loss": _number(final_val) if run.has_validation else None,
        "loss": _numbers(h.column("train_loss")),
        "val_loss": _numbers(h.column("val_loss")) if run.has_validation else None,
        "loss_steps": None if dense else steps.tolist(),
        "n_train": 0 if run.dataset is None else run.dataset.n_train,
        "n_val": 0 if run.dataset is None else run.dataset.n_val,
        "csv_notes": list(getattr(run.dataset, "notes", ()) or ()),
        "config": {**settings_dict(run), **{k: _plain(v) for k, v in extra_settings.items()}},
    }
    if len(run.changes) > 1:
        result["changes"] = [{"step": at, **{f.name: _plain(getattr(lv, f.name)) for f in fields(lv)}}
                             for at, lv in run.changes]
    return result


def out(text: str) -> None:
    """Print, replacing characters the terminal's encoding cannot show."""
    try:
        print(text)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "ascii"
        print(text.encode(encoding, "replace").decode(encoding))
