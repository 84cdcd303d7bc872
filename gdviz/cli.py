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
from functools import lru_cache
from typing import Any, Callable, NamedTuple

import numpy as np

from . import __version__
from .engine import (BUILTIN, PRESETS, BatchMode, ClipMode, Dataset, LiveSettings, ModelKind, Race,
                     RaceEntry, Reduction, Run, RunConfig, Schedule, Status, UpdateRule, load_dataset)
from .engine.functions import FUNCTIONS, FunctionObjective
from .engine.race import MAX_RUNS, MIN_RUNS

PROG = "gdviz"
DEFAULT_STEPS = 100
RACE_STEPS = 300  # a race of your own: long enough to tell runners apart
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
  gdviz --function valley --rule adam --lr 0.3
                                     open it on a narrow valley, descending by Adam
  gdviz run --data linear --lr 0.1 --steps 1 --json
                                     descend without a window (see: gdviz run --help)
  gdviz race --preset valley-optimizers
                                     race gradient descent, momentum and Adam (see: gdviz race --help)
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
  tutorial 002 section 4, a bad feature: momentum, then Adam, then standardised x:
    gdviz run --data linear --bad-feature --lr 0.005 --momentum 0.9 --steps 300
    gdviz run --data linear --bad-feature --rule adam --lr 0.1 --steps 300
    gdviz run --data linear --standardise --lr 0.5 --steps 50
  a learning rate that halves every 50 steps, the gradient clipped to length 1:
    gdviz run --data linear --lr 0.5 --schedule step --decay-rate 0.5 --decay-steps 50 --clip norm --clip-value 1
  tutorial 004, random search in a box of half-width 3 around the start:
    gdviz run --data linear --search-radius 3 --steps 500
  descend a formula instead of fitting data (bowl, valley, rosenbrock, saddle, ...):
    gdviz run --function rosenbrock --rule adam --lr 0.05 --steps 2000

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


RACE_EXAMPLES = """\
examples:
  the ready-made races (the window's Compare / race menu):
    gdviz race --preset valley-optimizers
    gdviz race --preset learning-rates --steps 50 --json
    gdviz race --preset batch-modes
    gdviz race --preset search-vs-gradient
  your own race: 2 to 6 runners, each NAME:SETTING=VALUE,... with the descent flags' names:
    gdviz race --data linear --runner "plain:rule=gradient,lr=0.2" \\
               --runner "fast:rule=adam,lr=0.1,batch=mini,batch-size=8"
  flags given to 'race' itself apply to every runner (here: the data, the start, the learning rate):
    gdviz race --function valley --init x=-8,y=1.5 --lr 0.07 --runner gd: --runner "heavy:rule=momentum,momentum=0.6"

output:
  Without --json: what is descended, then one row per runner: name, rule, lr, status, step,
  final loss and parameters. With --json a list with one object per runner: the keys of
  'gdviz run --json', plus name and colour (a palette index or "#rrggbb").

exit status:
  0 when the race was run, also when a runner diverged; 2 for a bad flag, value, runner or
  data file (one line on stderr: "gdviz: error: ...").
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


class Runner(NamedTuple):
    """One `race --runner`: its name and its settings parsed like the live flags of `run`."""

    name: str
    text: str  # as given, for messages
    args: argparse.Namespace


class _RunnerParser(Parser):
    """Parses a runner's SETTING=VALUE pairs as live flags; errors are the bare message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(message.replace("argument --", ""))


@lru_cache(maxsize=1)
def _runner_parser() -> Parser:
    parser = _RunnerParser(prog=f"{PROG} race --runner", add_help=False)
    add_live_options(parser)
    return parser


def runner(text: str) -> Runner:
    """`fast:rule=adam,lr=0.1,batch=mini,batch-size=8`: a name, then live settings by their flag names."""
    name, sep, rest = (part.strip() for part in text.partition(":"))
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME:SETTING=VALUE,... like 'fast:rule=adam,lr=0.1', got '{text}'")
    argv, seen = [], set()
    for item in filter(None, (part.strip() for part in rest.split(","))):
        key, eq, value = (part.strip() for part in item.partition("="))
        if not eq or not key or not value:
            raise argparse.ArgumentTypeError(f"expected SETTING=VALUE, got '{item}' in '{text}'")
        if key not in RUNNER_SETTINGS:
            raise argparse.ArgumentTypeError(f"unknown setting '{key}' in '{text}' "
                                             f"(settings: {', '.join(RUNNER_SETTINGS)})")
        if key in seen:
            raise argparse.ArgumentTypeError(f"setting '{key}' is given twice in '{text}'")
        seen.add(key)
        argv += [f"--{key}", value]
    try:
        return Runner(name, text, _runner_parser().parse_args(argv))
    except CliError as exc:
        raise argparse.ArgumentTypeError(f"{exc} in '{text}'") from None


def _values(enum: type[Enum]) -> list[str]:
    return [member.value for member in enum]


# ----- flags ----------------------------------------------------------------------------------
RULE_HELP = ("how a step moves: gradient (-lr*g), fixed (-step-size*sign(g), tutorial 001), momentum "
             "(v = beta*v + g; -lr*v), nesterov (-lr*(g + beta*v)), adagrad (G += g^2; -lr*g/(sqrt(G) + eps)), "
             "rmsprop (s = rho*s + (1-rho)*g^2; -lr*g/(sqrt(s) + eps)), adam (bias-corrected means m, v; "
             "-lr*m/(sqrt(v) + eps)), random-search (try a random point of start +/- --search-radius, keep "
             "it if better) or direction-search (try a step of --step-size along a diagonal; tutorial 004)")


def add_live_options(group: Any, default: Any = None) -> None:
    """The flags of the live settings (LiveSettings), also the SETTING names of `race --runner`."""
    group.add_argument("--lr", metavar="RATE", type=positive_number, default=default,
                       help="learning rate, > 0 (house 1e-5, beans 0.1, linear 0.1)")
    group.add_argument("--batch", choices=_values(BatchMode), default=default,
                       help="samples a step looks at: full (all), stochastic (one), mini (--batch-size)")
    group.add_argument("--batch-size", metavar="K", type=positive_count, default=default,
                       help="samples in a mini-batch (default 32); giving it implies --batch mini")
    group.add_argument("--rule", choices=_values(UpdateRule), default=default, help=RULE_HELP)
    group.add_argument("--step-size", metavar="S", type=positive_number, default=default,
                       help="the move of --rule fixed and direction-search, > 0 (default 0.01); "
                            "without --rule it implies --rule fixed")
    group.add_argument("--momentum", metavar="BETA", type=_finite, default=default,
                       help="beta of momentum and nesterov, 0 <= BETA < 1 (default 0.9); without --rule it implies --rule momentum")
    group.add_argument("--beta1", metavar="B1", type=_finite, default=default,
                       help="adam's decay of the mean gradient, 0 <= B1 < 1 (default 0.9); without --rule it implies --rule adam")
    group.add_argument("--beta2", metavar="B2", type=_finite, default=default,
                       help="adam's decay of the mean squared gradient (default 0.999); without --rule: adam")
    group.add_argument("--epsilon", metavar="EPS", type=_finite, default=default,
                       help="eps of adagrad, rmsprop and adam, > 0 (default 1e-8)")
    group.add_argument("--rho", metavar="RHO", type=_finite, default=default,
                       help="rmsprop's decay of the mean squared gradient, 0 <= RHO < 1 (default 0.9); "
                            "without --rule it implies --rule rmsprop")
    group.add_argument("--clip", choices=_values(ClipMode), default=default,
                       help="clip the gradient before the rule sees it: each component into [-c, c] (value) "
                            "or scaled so that |g| <= c (norm). Default: none")
    group.add_argument("--clip-value", metavar="C", type=positive_number, default=default,
                       help="the bound c of --clip, > 0 (default 1)")
    group.add_argument("--schedule", choices=_values(Schedule), default=default,
                       help="how the learning rate changes with the step t: constant, step (lr*rate^floor(t/T)), "
                            "exponential (lr*rate^(t/T)) or inverse (lr/(1 + rate*t/T))")
    group.add_argument("--decay-rate", metavar="RATE", type=positive_number, default=default,
                       help="the rate of --schedule, > 0 (default 0.5)")
    group.add_argument("--decay-steps", metavar="T", type=positive_count, default=default,
                       help="T of --schedule, a whole number >= 1 (default 100)")
    group.add_argument("--search-radius", metavar="R", type=positive_number, default=default,
                       help="half-width of random search's box around the start, > 0 (default 5); "
                            "without --rule it implies --rule random-search")


def add_run_options(parser: argparse.ArgumentParser, keep_defaults: bool = True) -> None:
    """The flags that set up a run: data or function, model, start and live settings.

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
    source.add_argument("--function", choices=list(FUNCTIONS), default=default,
                        help="descend a formula instead of fitting data: " + "; ".join(
                            f"{name} {spec.formula.partition(' = ')[2]}" for name, spec in FUNCTIONS.items()))
    data.add_argument("--x-col", metavar="COL", default=default,
                      help="the CSV column of x: a header name or a 0-based index (default: the first)")
    data.add_argument("--y-col", metavar="COL", default=default,
                      help="the CSV column of y: a header name or a 0-based index (default: the next)")
    data.add_argument("--val-fraction", metavar="F", type=fraction, default=default,
                      help="hold out this fraction of the points for validation, 0 <= F < 1 "
                           "(default: the data set's own split; 0 for house, beans and CSV files)")
    data.add_argument("--standardise", action="store_true", default=default,
                      help="fit on (x - mean)/std of the training x (tutorial 002 section 4.3)")
    data.add_argument("--bad-feature", action="store_true", default=default,
                      help="multiply x by 10: the loss surface becomes a narrow valley (tutorial 002 section 4.2)")
    model = parser.add_argument_group("model and start (default: the data set's tutorial settings)")
    model.add_argument("--model", choices=_values(ModelKind), default=default,
                       help="constant: y = b; origin: y = w*x; line: y = w*x + b")
    model.add_argument("--reduction", choices=_values(Reduction), default=default,
                       help="how squared errors make the loss: mean (MSE), sum, or half-sum (1/2 of the sum)")
    model.add_argument("--init", metavar="w=V,b=V", type=initial_values, default=default,
                       help="starting parameters, e.g. --init w=0.5,b=1 or --init b=1 (functions: x=V,y=V)")
    model.add_argument("--seed", type=count, default=default,
                       help="seed of the shuffles (batches, validation split, searches). Default: 42")
    live = parser.add_argument_group("descent settings (default: the data set's tutorial settings)")
    add_live_options(live, default)
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


def _add_race_command(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("race", help="race 2 to 6 runs from the same start and print each result",
                            description="Race 2 to 6 descents on the same data (or function) from the same "
                                        "start, step for step,\nand print where each one ended.",
                            epilog=RACE_EXAMPLES)
    race = parser.add_argument_group("the race")
    race.add_argument("--preset", choices=list(PRESETS), default=None,
                      help="a ready-made race: " + "; ".join(f"{name} ({p.title})" for name, p in PRESETS.items()))
    race.add_argument("--runner", metavar="NAME:SETTING=VALUE,...", type=runner, action="append", default=None,
                      help="one runner of your own race (give 2 to 6): a name, then any descent setting "
                           "by its flag name without '--', e.g. 'fast:rule=adam,lr=0.1,batch=mini,batch-size=8'. "
                           "Descent flags given to 'race' itself apply to every runner")
    add_run_options(parser, keep_defaults=False)
    out = parser.add_argument_group("race length and output")
    out.add_argument("--steps", metavar="N", type=count, default=None,
                     help=f"steps every runner takes (a diverged runner stops); default: the preset's, "
                          f"or {RACE_STEPS}")
    out.add_argument("--json", action="store_true",
                     help="print a JSON list, one object per runner: the keys of 'run --json', name and colour")
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
                                "flags below; 'gdviz run' descends without a window and prints the result,\n"
                                "'gdviz race' races 2 to 6 descents from the same start.")
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
        **{name: _given(args, name) for name in ("function", "standardise", "bad_feature")},
    }
    return RunConfig(**{k: v for k, v in changes.items() if v is not None})


_R = UpdateRule
_ETA_RULES = frozenset(r for r in UpdateRule if r.uses_learning_rate)
LIVE_FLAGS: dict[str, tuple[str, type[Enum] | None]] = {  # flag dest → (LiveSettings field, enum)
    "lr": ("learning_rate", None), "batch": ("batch_mode", BatchMode), "batch_size": ("batch_size", None),
    "rule": ("rule", UpdateRule), "step_size": ("fixed_step", None), "momentum": ("momentum", None),
    "beta1": ("beta1", None), "beta2": ("beta2", None), "epsilon": ("epsilon", None), "rho": ("rho", None),
    "clip": ("clip", ClipMode), "clip_value": ("clip_value", None), "schedule": ("schedule", Schedule),
    "decay_rate": ("decay_rate", None), "decay_steps": ("decay_steps", None),
    "search_radius": ("search_radius", None),
}
RUNNER_SETTINGS = tuple(dest.replace("_", "-") for dest in LIVE_FLAGS)  # `race --runner` keys
IMPLIED_RULE = {"step_size": _R.FIXED, "momentum": _R.MOMENTUM, "beta1": _R.ADAM, "beta2": _R.ADAM,
                "rho": _R.RMSPROP, "search_radius": _R.RANDOM_SEARCH}  # a flag given without --rule
USED_BY: dict[str, frozenset[UpdateRule]] = {  # flag dest → the rules that read the setting
    "step_size": frozenset({_R.FIXED, _R.DIRECTION_SEARCH}), "momentum": frozenset({_R.MOMENTUM, _R.NESTEROV}),
    "beta1": frozenset({_R.ADAM}), "beta2": frozenset({_R.ADAM}), "rho": frozenset({_R.RMSPROP}),
    "epsilon": frozenset({_R.ADAGRAD, _R.RMSPROP, _R.ADAM}), "search_radius": frozenset({_R.RANDOM_SEARCH}),
    "clip": frozenset(r for r in UpdateRule if not r.is_search),
    "schedule": _ETA_RULES, "decay_rate": _ETA_RULES, "decay_steps": _ETA_RULES,
}
_NO_RATE = "fixed, random-search and direction-search use no learning rate"
UNUSED_WHY = {"clip": "the searches read only the loss, not the gradient", "schedule": _NO_RATE,
              "decay_rate": _NO_RATE, "decay_steps": _NO_RATE}
DATA_ONLY = ("x_col", "y_col", "val_fraction", "standardise", "bad_feature", "model", "reduction", "batch",
             "batch_size")  # flags that mean nothing to a function


def _flag(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def build_live(args: argparse.Namespace, base: LiveSettings, check_unused: bool = True) -> LiveSettings:
    """The preset's live settings with the flags given applied (raises ValueError).

    With check_unused, a flag the resulting rule never reads (e.g. --rho with --rule adam) is an
    error rather than a silent no-op.
    """
    given = {dest: _given(args, dest) for dest in LIVE_FLAGS if _given(args, dest) is not None}
    if "batch" not in given and "batch_size" in given:
        given["batch"] = BatchMode.MINI
    if "rule" not in given:
        implied = next((IMPLIED_RULE[d] for d in IMPLIED_RULE if d in given), None)
        if implied is not None:
            given["rule"] = implied
    changes = {LIVE_FLAGS[d][0]: (enum(v) if enum else v) for d, v in given.items()
               for enum in (LIVE_FLAGS[d][1],)}
    live = replace(base, **changes).validated()
    if check_unused:
        _check_used(args, live)
    return live


def _check_used(args: argparse.Namespace, live: LiveSettings) -> None:
    """Raise CliError for a flag given that the settings never read."""
    for dest, rules in USED_BY.items():
        if _given(args, dest) is not None and live.rule not in rules:
            why = UNUSED_WHY.get(dest) or "it is read by " + " or ".join(r.value for r in UpdateRule if r in rules)
            raise CliError(f"{_flag(dest)} has no effect with --rule {live.rule.value} ({why})")
    if _given(args, "clip_value") is not None and live.clip is ClipMode.NONE:
        raise CliError("--clip-value is the bound of --clip value or --clip norm; give --clip too")
    for dest in ("decay_rate", "decay_steps"):
        if _given(args, dest) is not None and live.schedule is Schedule.CONSTANT:
            raise CliError(f"{_flag(dest)} shapes a --schedule (step, exponential or inverse); give --schedule too")


def _problem(config: RunConfig) -> tuple[Dataset | None, LiveSettings]:
    """The data set a configuration loads (None for a function) and its tutorial's live settings."""
    if config.function:
        return None, FunctionObjective(config.function).preset_live()
    dataset = load_dataset(config)
    return dataset, dataset.preset.live


def _check_function_flags(args: argparse.Namespace, config: RunConfig) -> None:
    if not config.function:
        return
    for dest in DATA_ONLY:
        if _given(args, dest) not in (None, False):
            raise CliError(f"{_flag(dest)} does not apply to --function (a function has no data: "
                           "every step is a full step)")


def _check_init(run: Run) -> None:
    extra = sorted(set(run.config.init_dict() or {}) - set(run.param_names))
    if extra:
        raise CliError(f"{_objective_name(run)} has no parameter {extra[0]} "
                       f"(its parameters: {', '.join(run.param_names)})")


def build_run(args: argparse.Namespace) -> Run:
    """A fresh run from parsed flags. Raises CliError, or DataError / ValueError from the engine."""
    config = build_config(args)
    _check_function_flags(args, config)
    dataset, preset_live = _problem(config)
    run = Run(config, build_live(args, preset_live), dataset=dataset)
    _check_init(run)
    return run


def build_race(args: argparse.Namespace) -> tuple[Race, int, str]:
    """The race the flags describe, the steps to take and its title. Raises CliError or ValueError."""
    preset, runners = _given(args, "preset"), _given(args, "runner")
    if preset is not None and runners:
        raise CliError("give either --preset or --runner, not both")
    if preset is not None:
        given = next((d for d in _run_option_dests() if _given(args, d) not in (None, False)), None)
        if given is not None:
            raise CliError(f"--preset {preset} sets its own data and runners; drop {_flag(given)} "
                           "(or build your own race with --runner)")
        steps = _given(args, "steps")
        return Race.from_preset(preset), PRESETS[preset].steps if steps is None else steps, PRESETS[preset].title
    if not runners:
        raise CliError(f"give --preset NAME or {MIN_RUNS} to {MAX_RUNS} --runner NAME:SETTING=VALUE,... "
                       f"(see '{PROG} race --help')")
    config = build_config(args)
    _check_function_flags(args, config)
    dataset, preset_live = _problem(config)
    base = build_live(args, preset_live, check_unused=False)
    entries = []
    for i, r in enumerate(runners):
        try:
            entries.append(RaceEntry(r.name, i, build_live(r.args, base)))
        except ValueError as exc:
            raise CliError(f"runner '{r.text}': {exc}") from None
    race = Race(config, entries, dataset=dataset)
    _check_init(race.runs[0])
    steps = _given(args, "steps")
    return race, RACE_STEPS if steps is None else steps, "your own race"


@lru_cache(maxsize=1)
def _run_option_dests() -> tuple[str, ...]:
    """The dests of add_run_options' flags (a preset race accepts none of them)."""
    parser = argparse.ArgumentParser(add_help=False)
    add_run_options(parser)
    return tuple(action.dest for action in parser._actions)


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


def rule_text(live: LiveSettings) -> str:
    """The update rule and the settings it reads, in words (ASCII, for any terminal)."""
    lr = f"learning rate {live.learning_rate:g}"
    text = {
        UpdateRule.GRADIENT: f"gradient descent, {lr}",
        UpdateRule.FIXED: f"fixed-step descent, step size {live.fixed_step:g}",
        UpdateRule.MOMENTUM: f"momentum (beta {live.momentum:g}), {lr}",
        UpdateRule.NESTEROV: f"Nesterov momentum (beta {live.momentum:g}), {lr}",
        UpdateRule.ADAGRAD: f"AdaGrad (epsilon {live.epsilon:g}), {lr}",
        UpdateRule.RMSPROP: f"RMSProp (rho {live.rho:g}, epsilon {live.epsilon:g}), {lr}",
        UpdateRule.ADAM: f"Adam (beta1 {live.beta1:g}, beta2 {live.beta2:g}, epsilon {live.epsilon:g}), {lr}",
        UpdateRule.RANDOM_SEARCH: f"random search in the box start +/- {live.search_radius:g}",
        UpdateRule.DIRECTION_SEARCH: f"direction search, step size {live.fixed_step:g}",
    }[live.rule]
    if live.rule in USED_BY["clip"] and live.clip is not ClipMode.NONE:
        text += f", gradient clipped by {live.clip.value} to {live.clip_value:g}"
    if live.rule in _ETA_RULES and live.schedule is not Schedule.CONSTANT:
        text += (f", {live.schedule.value} schedule (decay rate {live.decay_rate:g}, "
                 f"decay steps {live.decay_steps})")
    return text


def _settings_line(run: Run) -> str:
    k = _samples_per_step(run)
    rule = rule_text(run.live)
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


def race_table(race: Race, title: str, steps: int) -> str:
    """A short human report of a race: what is descended, then one row per runner."""
    first = race.runs[0]
    lines = [f"race      {title}", *_problem_lines(first), f"steps     {steps} (every runner from the same start)", ""]
    rows = [("name", "rule", "lr", "status", "step", "final loss", "params")]
    for entry, run in zip(race.entries, race.runs):
        live = run.live
        lr = f"{live.learning_rate:g}" if live.rule in _ETA_RULES else "-"
        params = ", ".join(f"{n} = {_g(v)}" for n, v in zip(run.param_names, run.params.tolist()))
        rows.append((entry.name, _short_rule(live), lr, _race_status(run), str(run.step),
                     _g(float(run.history.column("train_loss")[-1])), params))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        lines.append("  ".join(cell.rjust(w) if i == 4 else cell.ljust(w) for i, (cell, w) in
                               enumerate(zip(row, widths))) + "  " + row[-1])
    return "\n".join(line.rstrip() for line in lines)


def _race_status(run: Run) -> str:
    """'converged at 57' (the first step it was converged), 'diverged at 12', or the status."""
    if run.status is Status.DIVERGED:
        return f"diverged at {run.diverged_at}"
    codes = run.history.column("status")
    hit = np.flatnonzero(codes == list(Status).index(Status.CONVERGED))
    if run.status is Status.CONVERGED and len(hit):
        return f"converged at {int(run.history.column('step')[hit[0]])}"
    return run.status.value


def _short_rule(live: LiveSettings) -> str:
    """The rule and the one setting that tells runners apart, e.g. 'momentum beta=0.6'."""
    extra = {UpdateRule.FIXED: f" s={live.fixed_step:g}", UpdateRule.DIRECTION_SEARCH: f" s={live.fixed_step:g}",
             UpdateRule.RANDOM_SEARCH: f" r={live.search_radius:g}", UpdateRule.MOMENTUM: f" beta={live.momentum:g}",
             UpdateRule.NESTEROV: f" beta={live.momentum:g}", UpdateRule.RMSPROP: f" rho={live.rho:g}"}
    batch = ""
    if not live.rule.is_search and live.batch_mode is not BatchMode.FULL:
        batch = ", 1 sample" if live.batch_mode is BatchMode.STOCHASTIC else f", batch {live.batch_size}"
    return live.rule.value + extra.get(live.rule, "") + batch


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


def cmd_race(args: argparse.Namespace) -> int:
    """`gdviz race`: race runners headless, print a table or a JSON list (a diverged runner is no error)."""
    try:
        race, steps, title = build_race(args)
    except CliError:
        raise
    except ValueError as exc:
        raise CliError(str(exc)) from None
    race.advance(steps)
    if args.json:
        results = [{"name": entry.name, "colour": entry.colour, **result_dict(run, steps=steps, stop_on_converged=False)}
                   for entry, run in zip(race.entries, race.runs)]
        _out(json.dumps(results, allow_nan=False))
    else:
        _out(race_table(race, title, steps))
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
    "race": Command(_add_race_command, cmd_race),
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
