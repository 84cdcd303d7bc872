"""The command line: `gdviz` opens the window, `gdviz run` descends headless and prints the result.

Each subcommand is one `Command` in COMMANDS: its flags and its handler. The flags that set
up a run (data, model, live settings) come from `add_run_options`, so later subcommands
(`race`, a function mode) and the window share them. A shared flag that was not given is
None in the parsed namespace; `build_run` fills it from the data set's preset, so the window
can tell a flag the user gave from a default.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from dataclasses import dataclass, fields, replace
from enum import Enum
from typing import Any, Callable

import numpy as np

from . import __version__
from .engine import (BUILTIN, BatchMode, LiveSettings, ModelKind, Reduction, Run,
                     RunConfig, Status, UpdateRule, load_dataset)
from .engine.functions import FunctionObjective

PROG = "gdviz"
DEFAULT_STEPS = 100
USAGE_EXIT = 2  # bad flags, values or files
FAILURE_EXIT = 1  # could not do what was asked for another reason (e.g. no window toolkit)

MODEL_TEXT = {
    ModelKind.CONSTANT: "constant  y^ = b",
    ModelKind.ORIGIN: "through the origin  y^ = w*x",
    ModelKind.LINE: "line  y^ = w*x + b",
}
REDUCTION_TEXT = {
    Reduction.MEAN: "mean squared error  L = (1/n)*sum (y^ - y)^2",
    Reduction.SUM: "sum of squared errors  L = sum (y^ - y)^2",
    Reduction.HALF_SUM: "half the sum of squared errors  L = 1/2*sum (y^ - y)^2",
}

GUI_EXAMPLES = """\
examples:
  gdviz                              open the window on tutorial 002's data
  gdviz --data beans                 open it on tutorial 001's beans (stochastic descent)
  gdviz --csv heights.csv --x-col height --y-col weight
  gdviz run --data linear --lr 0.1 --steps 1 --json
                                     descend without a window (see: gdviz run --help)
"""

RUN_EXAMPLES = """\
examples:
  tutorial 002, one update with learning rate 0.1 (b = 0.8012, w = 0.0451):
    gdviz run --data linear --lr 0.1 --steps 1 --json
  tutorial 002, a learning rate too high (the loss explodes):
    gdviz run --data linear --lr 1.1
  tutorial 000, descent on b alone (half the summed squared error, b0 = 1):
    gdviz run --data house --model constant --reduction half-sum --lr 1e-4 --init b=1 --steps 10000
  tutorial 000, w and b together: badly scaled x makes it crawl:
    gdviz run --data house --steps 10000000 --no-stop
  tutorial 001, the beans by stochastic descent; then fixed steps of 0.01:
    gdviz run --data beans --batch stochastic
    gdviz run --data beans --batch full --step-size 0.01 --steps 300
  your own data, mini-batches of 10, a fifth held out for validation:
    gdviz run --csv points.csv --x-col 0 --y-col 1 --batch-size 10 --val-fraction 0.2

output:
  Without --json: data set, model, loss, settings, where the run stopped, the parameters
  beside the closed-form least-squares optimum, and the final losses.
  With --json one object: status ("ready", "running", "converged", "diverged"), message,
  step, epoch, params {name: value}, grad, optimum {name: value} or null, final_loss,
  final_val_loss, loss (training loss at steps 0..step: loss[0] is the initial loss),
  val_loss (likewise, or null without a validation set), loss_steps (null, or the step of
  each loss entry when a run of more than ~1e6 steps kept a thinned history), diverged_at,
  n_train, n_val and config (every setting used). Numbers that are not finite are null.

exit status:
  0 when the run was made, also when it diverged (that is a lesson, not an error);
  2 for a bad flag, value or data file (one line on stderr: "gdviz: error: ...").
"""


class CliError(ValueError):
    """A one-line reason the command cannot go on; `code` is the exit status.

    A ValueError, like the engine's DataError, so callers of build_run catch one type.
    """

    def __init__(self, message: str, code: int = USAGE_EXIT) -> None:
        super().__init__(" ".join(str(message).split()))
        self.code = code


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (raised, not printed) and whose help is kept as written."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        kwargs.setdefault("allow_abbrev", False)  # new flags must not break existing scripts
        super().__init__(**kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{message} (see '{self.prog} --help')")


# ----- values of flags ----------------------------------------------------------------------
def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, got '{text}'")
    return value


def positive_number(text: str) -> float:
    """A finite number > 0 (learning rate, step size)."""
    value = _finite(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def non_negative_number(text: str) -> float:
    """A finite number ≥ 0 (tolerances)."""
    value = _finite(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {text}")
    return value


def fraction(text: str) -> float:
    """A fraction in [0, 1) (validation share)."""
    value = _finite(text)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 0 and below 1, got {text}")
    return value


def count(text: str) -> int:
    """A whole number ≥ 0; accepts 1e6 and 1_000_000."""
    try:
        value = float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not (math.isfinite(value) and value == int(value)):
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number")
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {text}")
    return int(value)


def positive_count(text: str) -> int:
    """A whole number ≥ 1 (batch size)."""
    value = count(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text}")
    return value


def initial_values(text: str) -> tuple[tuple[str, float], ...]:
    """`w=0.5,b=1` as RunConfig.init pairs."""
    pairs: dict[str, float] = {}
    for item in (part.strip() for part in text.split(",")):
        name, sep, value = (s.strip() for s in item.partition("="))
        if not sep or not name or not value:
            raise argparse.ArgumentTypeError(f"expected name=value pairs like w=0.5,b=1, got '{text}'")
        if not name.isidentifier():  # which names exist depends on the model: build_run checks
            raise argparse.ArgumentTypeError(f"'{name}' is not a parameter name (use w and b, e.g. w=0.5,b=1)")
        if name in pairs:
            raise argparse.ArgumentTypeError(f"parameter '{name}' is given twice")
        try:
            pairs[name] = _finite(value)
        except argparse.ArgumentTypeError as exc:
            raise argparse.ArgumentTypeError(f"{exc} (in '{item}')") from None
    return tuple(pairs.items())


def _values(enum: type[Enum]) -> list[str]:
    return [member.value for member in enum]


# ----- flags ----------------------------------------------------------------------------------
def add_run_options(parser: argparse.ArgumentParser, keep_defaults: bool = True) -> None:
    """The flags that set up a run: data, model, start and live settings.

    A flag not given is None. Parsers below another parser that already has these flags
    pass keep_defaults=False, so a flag given before the subcommand is not reset.
    """
    default = None if keep_defaults else argparse.SUPPRESS
    data = parser.add_argument_group("data")
    source = data.add_mutually_exclusive_group()
    source.add_argument("--data", choices=BUILTIN, default=default,
                        help="a tutorial's data set: house (000: area -> price, 6 points), beans "
                             "(001: size -> toxicity, 100 points), linear (002: y = 1 + 2x + noise, "
                             "80 training + 20 validation points). Default: linear")
    source.add_argument("--csv", metavar="PATH", default=default,
                        help="your own data: a CSV file with two numeric columns (header optional)")
    data.add_argument("--x-col", metavar="COL", default=default,
                      help="the CSV column of x: a header name or a 0-based index (default: the first)")
    data.add_argument("--y-col", metavar="COL", default=default,
                      help="the CSV column of y: a header name or a 0-based index (default: the next)")
    data.add_argument("--val-fraction", metavar="F", type=fraction, default=default,
                      help="hold out this fraction of the points for validation, 0 <= F < 1 "
                           "(default: the data set's own split; 0 for house, beans and CSV files)")
    model = parser.add_argument_group("model and start (default: the data set's tutorial settings)")
    model.add_argument("--model", choices=_values(ModelKind), default=default,
                       help="constant: y = b; origin: y = w*x; line: y = w*x + b")
    model.add_argument("--reduction", choices=_values(Reduction), default=default,
                       help="how squared errors make the loss: mean (MSE), sum, or half-sum (1/2 of the sum)")
    model.add_argument("--init", metavar="w=V,b=V", type=initial_values, default=default,
                       help="starting parameters, e.g. --init w=0.5,b=1 or --init b=1")
    model.add_argument("--seed", type=count, default=default,
                       help="seed of the shuffles (batches, validation split). Default: 42")
    live = parser.add_argument_group("descent settings (default: the data set's tutorial settings)")
    live.add_argument("--lr", metavar="RATE", type=positive_number, default=default,
                      help="learning rate, > 0 (house 1e-5, beans 0.1, linear 0.1)")
    live.add_argument("--batch", choices=_values(BatchMode), default=default,
                      help="samples a step looks at: full (all), stochastic (one), mini (--batch-size)")
    live.add_argument("--batch-size", metavar="K", type=positive_count, default=default,
                      help="samples in a mini-batch (default 32); giving it implies --batch mini")
    live.add_argument("--rule", choices=_values(UpdateRule), default=default,
                      help="gradient: move by -lr * gradient; fixed: move each parameter by "
                           "--step-size against the sign of its slope (tutorial 001)")
    live.add_argument("--step-size", metavar="S", type=positive_number, default=default,
                      help="the move of --rule fixed, > 0 (default 0.01); giving it implies --rule fixed")
    live.add_argument("--grad-tol", metavar="TOL", type=non_negative_number, default=default,
                      help="converged when |gradient| <= TOL * |gradient at the start| (default 1e-6)")


def _add_run_command(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("run", help="descend without a window and print the result",
                            description="Run gradient descent without a window and print where it ended.",
                            epilog=RUN_EXAMPLES)
    add_run_options(parser, keep_defaults=False)
    out = parser.add_argument_group("run length and output")
    out.add_argument("--steps", metavar="N", type=count, default=DEFAULT_STEPS,
                     help=f"take up to N steps; 0 shows the initial state (default {DEFAULT_STEPS})")
    out.add_argument("--no-stop", action="store_true",
                     help="keep stepping after convergence, up to --steps")
    out.add_argument("--json", action="store_true",
                     help="print one JSON object (with the whole loss history) instead of a summary")
    return parser


def _add_gui_command(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("gui", help="open the window (the default)",
                            description="Open the gdviz window, starting with the settings given.",
                            epilog=GUI_EXAMPLES)
    add_run_options(parser, keep_defaults=False)
    return parser


@dataclass(frozen=True)
class Command:
    """A subcommand: how to add its parser and what to do with the parsed flags."""

    add_parser: Callable[[argparse._SubParsersAction], argparse.ArgumentParser]
    handle: Callable[[argparse.Namespace], int]


def make_parser() -> Parser:
    """The whole command line: window flags at the top, one subparser per command."""
    parser = Parser(prog=PROG, epilog=GUI_EXAMPLES,
                    description="Animated gradient descent for teaching.\n\n"
                                "Without a command (or with 'gui') gdviz opens the window, starting with the\n"
                                "flags below; 'gdviz run' descends without a window and prints the result.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_run_options(parser)
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND",
                                parser_class=Parser)
    for command in COMMANDS.values():
        command.add_parser(sub)
    return parser


# ----- building a run ---------------------------------------------------------------------------
def _given(args: argparse.Namespace, name: str) -> Any:
    return getattr(args, name, None)


def build_config(args: argparse.Namespace) -> RunConfig:
    """The restart settings the flags name; flags not given keep RunConfig's defaults."""
    csv, data = _given(args, "csv"), _given(args, "data")
    if csv is not None and data is not None:
        raise CliError("give either --data or --csv, not both")
    if csv is None and (_given(args, "x_col") is not None or _given(args, "y_col") is not None):
        raise CliError("--x-col and --y-col choose columns of a --csv file; give --csv too")
    model, reduction = _given(args, "model"), _given(args, "reduction")
    changes = {
        "data": data, "csv_path": None if csv is None else str(csv),
        "csv_x": _given(args, "x_col"), "csv_y": _given(args, "y_col"),
        "val_fraction": _given(args, "val_fraction"),
        "model": None if model is None else ModelKind(model),
        "reduction": None if reduction is None else Reduction(reduction),
        "init": _given(args, "init"), "seed": _given(args, "seed"), "grad_tol": _given(args, "grad_tol"),
        # restart settings without a flag yet (the window may set them): passed on when present
        **{name: _given(args, name) for name in ("function", "standardise", "bad_feature")},
    }
    return RunConfig(**{k: v for k, v in changes.items() if v is not None})


def build_live(args: argparse.Namespace, base: LiveSettings) -> LiveSettings:
    """The preset's live settings with the flags given applied (raises ValueError)."""
    batch, batch_size = _given(args, "batch"), _given(args, "batch_size")
    rule, step_size = _given(args, "rule"), _given(args, "step_size")
    if batch is None and batch_size is not None:
        batch = BatchMode.MINI
    if rule is None and step_size is not None:
        rule = UpdateRule.FIXED
    changes = {
        "learning_rate": _given(args, "lr"), "batch_size": batch_size, "fixed_step": step_size,
        "batch_mode": None if batch is None else BatchMode(batch),
        "rule": None if rule is None else UpdateRule(rule),
    }
    return replace(base, **{k: v for k, v in changes.items() if v is not None}).validated()


def build_run(args: argparse.Namespace) -> Run:
    """A fresh run from parsed flags. Raises CliError, or DataError / ValueError from the engine."""
    config = build_config(args)
    if config.function:
        dataset, preset_live = None, FunctionObjective(config.function).preset_live()
    else:
        dataset = load_dataset(config)
        preset_live = dataset.preset.live
    run = Run(config, build_live(args, preset_live), dataset=dataset)
    extra = sorted(set(config.init_dict() or {}) - set(run.param_names))
    if extra:
        raise CliError(f"{_objective_name(run)} has no parameter {extra[0]} "
                       f"(its parameters: {', '.join(run.param_names)})")
    return run


def _objective_name(run: Run) -> str:
    model = run.objective.model
    return f"function '{run.config.function}'" if model is None else f"model '{model.value}'"


# ----- results -------------------------------------------------------------------------------
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
                      x_label=d.x_label, y_label=d.y_label)
    config.update({f.name: _plain(getattr(run.live, f.name)) for f in fields(run.live)})
    config["samples_per_step"] = _samples_per_step(run)
    return config


def _samples_per_step(run: Run) -> int:
    return run.sampler.batch_size(run.batch_mode(), run.live.batch_size)


def result_dict(run: Run, **extra_settings: Any) -> dict[str, Any]:
    """Where a run stands and its loss history, as JSON-safe values (no NaN or infinity).

    `extra_settings` (e.g. steps, stop_on_converged) are added to "config".
    """
    h = run.history
    steps = h.column("step")
    dense = len(steps) == run.step + 1  # one row per step: loss[i] is the loss at step i
    final_val = float(h.column("val_loss")[-1])
    result = {
        "format": "gdviz-run", "version": 1,
        "status": run.status.value, "message": run.status_message(),
        "step": run.step, "epoch": run.epoch, "diverged_at": run.diverged_at,
        "params": _named(run.param_names, run.params),
        "grad": _named(run.param_names, run.objective.grad(run.params)),
        "optimum": optimum_of(run),
        "final_loss": _number(h.column("train_loss")[-1]),
        "final_val_loss": _number(final_val) if run.has_validation else None,
        "loss": _numbers(h.column("train_loss")),
        "val_loss": _numbers(h.column("val_loss")) if run.has_validation else None,
        "loss_steps": None if dense else steps.tolist(),
        "n_train": 0 if run.dataset is None else run.dataset.n_train,
        "n_val": 0 if run.dataset is None else run.dataset.n_val,
        "config": {**settings_dict(run), **{k: _plain(v) for k, v in extra_settings.items()}},
    }
    if len(run.changes) > 1:
        result["changes"] = [{"step": at, **{f.name: _plain(getattr(lv, f.name)) for f in fields(lv)}}
                             for at, lv in run.changes]
    return result


def _g(value: float | None) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.6g}"


def _settings_line(run: Run) -> str:
    live = run.live
    k = _samples_per_step(run)
    rule = (f"gradient descent, learning rate {live.learning_rate:g}" if live.rule is UpdateRule.GRADIENT
            else f"fixed-step descent, step size {live.fixed_step:g}")
    if run.dataset is None:
        return rule
    batch = {BatchMode.FULL: f"full batch ({k} points a step)", BatchMode.STOCHASTIC: "stochastic (1 point a step)",
             BatchMode.MINI: f"mini-batches of {k}"}[run.batch_mode()]
    return f"{rule}, {batch}, seed {run.config.seed}"


def _status_line(run: Run) -> str:
    if run.status is Status.RUNNING:
        s = "" if run.step == 1 else "s"
        return f"still descending after {run.step} step{s} (not converged: more --steps would go further)"
    if run.status is Status.READY:
        return "ready: the initial state, no steps taken"
    return run.status_message()


def summary(run: Run) -> str:
    """A short human report of a run."""
    epoch = f"  (epoch {run.epoch})" if run.dataset is not None else ""
    lines = _problem_lines(run) + [f"settings  {_settings_line(run)}", f"status    {_status_line(run)}",
                                   f"step      {run.step}{epoch}"]
    opt = optimum_of(run)
    label = "closed-form optimum" if run.dataset is not None else "nearest minimum"
    for i, (name, value) in enumerate(zip(run.param_names, run.params.tolist())):
        beside = f"   {label} {_g(opt[name])}" if opt else ""
        lines.append(f"{'params' if i == 0 else '':<10}{name} = {_g(value):<12}{beside}".rstrip())
    return "\n".join([*lines, f"final     {_final_losses(run)}"])


def _final_losses(run: Run) -> str:
    h = run.history
    final = _g(float(h.column("train_loss")[-1]))
    if run.dataset is None:
        return f"f = {final}"
    if run.has_validation:
        return f"train {final}, validation {_g(float(h.column('val_loss')[-1]))}"
    return f"train {final} (no validation set)"


def _problem_lines(run: Run) -> list[str]:
    """What is being descended: the data, model and loss, or the function."""
    d = run.dataset
    if d is None:
        return [f"function  {run.config.function}: {run.objective.spec.formula}"]
    split = f"{d.n_train} training points" + (f", {d.n_val} validation" if d.n_val else "")
    scaled = " (on standardised x)" if run.objective.standardised else ""
    return [f"data      {d.name} ({d.x_label} -> {d.y_label}): {split}",
            f"model     {MODEL_TEXT[run.objective.model]}{scaled}",
            f"loss      {REDUCTION_TEXT[run.objective.reduction]}"]


# ----- commands ------------------------------------------------------------------------------
def _out(text: str) -> None:
    """Print, replacing characters the terminal's encoding cannot show."""
    try:
        print(text)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "ascii"
        print(text.encode(encoding, "replace").decode(encoding))


def checked_run(args: argparse.Namespace) -> Run:
    """build_run with every bad flag, value or file turned into a one-line CliError."""
    try:
        return build_run(args)
    except CliError:
        raise
    except ValueError as exc:  # DataError and the engine's checks say what is wrong in one line
        raise CliError(str(exc)) from None


def cmd_run(args: argparse.Namespace) -> int:
    """`gdviz run`: descend headless, print a summary or JSON."""
    run = checked_run(args)
    stop = not args.no_stop
    run.advance(args.steps, stop_on_converged=stop)
    if args.json:
        _out(json.dumps(result_dict(run, steps=args.steps, stop_on_converged=stop), allow_nan=False))
    else:
        _out(summary(run))
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    """`gdviz` / `gdviz gui`: check the flags, then open the window with them."""
    checked_run(args)  # bad flags or files fail here, before a window opens
    try:
        from gdviz.ui.app import run_gui
    except ImportError as exc:
        missing = exc.name or ""
        if not (missing.startswith("gdviz.ui") or missing.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph")):
            raise
        raise CliError(f"the window cannot open ({exc}); 'gdviz run' works without it", FAILURE_EXIT) from None
    return int(run_gui(args) or 0)


COMMANDS: dict[str, Command] = {
    "gui": Command(_add_gui_command, cmd_gui),
    "run": Command(_add_run_command, cmd_run),
}


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point of `gdviz`, `python main.py` and `python -m gdviz`; returns the exit status."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except CliError as exc:
        return _fail(str(exc), exc.code)
    args.command = args.command or "gui"
    try:
        return COMMANDS[args.command].handle(args)
    except CliError as exc:
        return _fail(str(exc), exc.code)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:  # e.g. `gdviz run --json | head`: the reader has gone
        _silence_stdout()
        return FAILURE_EXIT


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit-time flush does not fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
