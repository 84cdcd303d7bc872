"""Arguments → configuration: the flags that set up a run, and the run they describe.

Shared by every command and the window. A flag that was not given is None in the parsed
namespace; `build_run` fills it from the data set's preset, so the window can tell a flag the
user gave from a default.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
from enum import Enum
from typing import Any

from ..engine import (BUILTIN, BatchMode, ClipMode, Dataset, LiveSettings, ModelKind, Reduction, Run, RunConfig,
                      Schedule, UpdateRule, load_dataset)
from ..engine.models import MAX_DEGREE, MAX_HIDDEN, MIN_DEGREE
from ..engine.types import Activation, LossKind, SampleOrder
from ..engine.functions import FUNCTIONS, FunctionObjective
from . import lang, values
from .lang import QT_TRANSLATE_NOOP, translate
from .base import CliError, flag, given
from .unused import CHECKED, FUNCTION_WHY, MODEL_CHECKED, by_rule, why_unused, why_unused_model

RULE_HELP = QT_TRANSLATE_NOOP("Cli", "how a step moves: gradient (-lr*g), fixed (-step-size*sign(g), tutorial 001), momentum "
             "(v = beta*v + g; -lr*v), nesterov (-lr*(g + beta*v)), adagrad (G += g^2; -lr*g/(sqrt(G) + eps)), "
             "rmsprop (s = rho*s + (1-rho)*g^2; -lr*g/(sqrt(s) + eps)), adam (bias-corrected means m, v; "
             "-lr*m/(sqrt(v) + eps)), random-search (try a random point of start +/- --search-radius, keep "
             "it if better) or direction-search (try a step of --step-size along a diagonal; tutorial 004)")
NO_EFFECT_HELP = QT_TRANSLATE_NOOP("Cli", """flags that change nothing:
  A flag that the configuration never reads is an error, with one line saying why: --lr with
  --rule fixed, --batch-size with --batch full, --rho with --rule adam, --decay-rate without
  --schedule, --batch with --function. The same holds in 'run', 'race' and every race
  --runner; a flag given to 'race' itself applies to every runner and is an error only when
  no runner reads it.
""")

_R = UpdateRule
LIVE_FLAGS: dict[str, tuple[str, type[Enum] | None]] = {  # flag dest → (LiveSettings field, enum)
    "lr": ("learning_rate", None), "batch": ("batch_mode", BatchMode), "batch_size": ("batch_size", None),
    "rule": ("rule", UpdateRule), "step_size": ("fixed_step", None), "momentum": ("momentum", None),
    "beta1": ("beta1", None), "beta2": ("beta2", None), "epsilon": ("epsilon", None), "rho": ("rho", None),
    "clip": ("clip", ClipMode), "clip_value": ("clip_value", None), "schedule": ("schedule", Schedule),
    "decay_rate": ("decay_rate", None), "decay_steps": ("decay_steps", None),
    "search_radius": ("search_radius", None), "order": ("order", SampleOrder),
}
IMPLIED_RULE = {"step_size": _R.FIXED, "momentum": _R.MOMENTUM, "beta1": _R.ADAM, "beta2": _R.ADAM,
                "rho": _R.RMSPROP, "search_radius": _R.RANDOM_SEARCH}  # a flag given without --rule
DATA_ONLY = ("x_col", "y_col", "val_fraction", "standardise", "bad_feature", "model", "reduction", "batch",
             "batch_size", "order", "loss", "huber_delta", "degree", "hidden", "activation")  # mean nothing to a function


def epilog(examples: str) -> str:
    """A command's epilog: its examples and the rule for flags that change nothing, in the language in use."""
    return translate("Cli", examples) + "\n" + translate("Cli", NO_EFFECT_HELP)


def _values(enum: type[Enum]) -> list[str]:
    return [member.value for member in enum]


# ----- flags ----------------------------------------------------------------------------------
def add_live_options(group: Any, default: Any = None) -> None:
    """The flags of the live settings (LiveSettings), also the SETTING names of `race --runner`."""
    add = group.add_argument
    add("--lr", metavar="RATE", type=values.positive_number, default=default,
        help=translate("Cli", "learning rate, > 0 (house 1e-5, beans 0.1, linear 0.1)"))
    add("--batch", choices=_values(BatchMode), default=default,
        help=translate("Cli", "samples a step looks at: full (all), stochastic (one), mini (--batch-size)"))
    add("--batch-size", metavar="K", type=values.bounded_count, default=default,
        help=translate("Cli", "samples in a mini-batch, a whole number from 1 to {0} (default 32); "
                       "giving it implies --batch mini").format(values.limit_text(values.MAX_COUNT)))
    add("--rule", choices=_values(UpdateRule), default=default, help=translate("Cli", RULE_HELP))
    add("--step-size", metavar="S", type=values.size, default=default,
        help=translate("Cli", "the move of --rule fixed and direction-search, > 0 and at most {0} "
                       "(default 0.01); without --rule it implies --rule fixed").format(values.limit_text(values.MAX_SIZE)))
    add("--momentum", metavar="BETA", type=values.finite, default=default,
        help=translate("Cli", "beta of momentum and nesterov, 0 <= BETA < 1 (default 0.9); without --rule it implies --rule momentum"))
    add("--beta1", metavar="B1", type=values.finite, default=default,
        help=translate("Cli", "adam's decay of the mean gradient, 0 <= B1 < 1 (default 0.9); without --rule it implies --rule adam"))
    add("--beta2", metavar="B2", type=values.finite, default=default,
        help=translate("Cli", "adam's decay of the mean squared gradient, 0 <= B2 < 1 (default 0.999); without --rule: adam"))
    add("--epsilon", metavar="EPS", type=values.finite, default=default,
        help=translate("Cli", "eps of adagrad, rmsprop and adam, > 0 (default 1e-8)"))
    add("--rho", metavar="RHO", type=values.finite, default=default,
        help=translate("Cli", "rmsprop's decay of the mean squared gradient, 0 <= RHO < 1 (default 0.9); "
             "without --rule it implies --rule rmsprop"))
    add("--clip", choices=_values(ClipMode), default=default,
        help=translate("Cli", "clip the gradient before the rule sees it: each component into [-c, c] (value) "
             "or scaled so that |g| <= c (norm). Default: none"))
    add("--clip-value", metavar="C", type=values.positive_number, default=default,
        help=translate("Cli", "the bound c of --clip, > 0 (default 1)"))
    add("--schedule", choices=_values(Schedule), default=default,
        help=translate("Cli", "how the learning rate changes with the step t: constant, step (lr*rate^floor(t/T)), "
             "exponential (lr*rate^(t/T)) or inverse (lr/(1 + rate*t/T))"))
    add("--decay-rate", metavar="RATE", type=values.positive_number, default=default,
        help=translate("Cli", "the rate of --schedule, > 0 (default 0.5)"))
    add("--decay-steps", metavar="T", type=values.bounded_count, default=default,
        help=translate("Cli", "T of --schedule, a whole number from 1 to {0} (default 100)").format(
            values.limit_text(values.MAX_COUNT)))
    add("--order", choices=_values(SampleOrder), default=default,
        help=translate("Cli", "the order stochastic and mini-batch steps visit the samples: shuffled each epoch (default) or "
             "in-order, 0, 1, ..., n-1 every epoch as tutorial 001's loop"))
    add("--search-radius", metavar="R", type=values.size, default=default,
        help=translate("Cli", "half-width of random search's box around the start, > 0 and at most {0} "
                       "(default 5); without --rule it implies --rule random-search").format(
            values.limit_text(values.MAX_SIZE)))


def add_run_options(parser: argparse.ArgumentParser, keep_defaults: bool = True) -> None:
    """The flags that set up a run: data or function, model, start and live settings.

    A flag not given is None. Parsers below another parser that already has these flags
    pass keep_defaults=False, so a flag given before the subcommand is not reset.
    """
    default = None if keep_defaults else argparse.SUPPRESS
    _add_data_options(parser.add_argument_group(translate("Cli", "data")), default)
    model = parser.add_argument_group(translate("Cli", "model and start (default: the data set's tutorial settings)"))
    model.add_argument("--model", choices=_values(ModelKind), default=default,
                       help=translate("Cli", "constant: y = b; origin: y = w*x; line: y = w*x + b; poly: y = b + w1*x + ... + wK*x^K "
                            "on standardised x (--degree); two-layer: y = k2*sigmoid(k1*x + b1) + b2 "
                            "(tutorial 004; --hidden, --activation)"))
    model.add_argument("--degree", metavar="K", type=_ranged(QT_TRANSLATE_NOOP("Cli", "degree"), MIN_DEGREE, MAX_DEGREE), default=default,
                       help=translate("Cli", "the degree of --model poly, {0} to {1} (default: the data set's, else 2)").format(
                           MIN_DEGREE, MAX_DEGREE))
    model.add_argument("--hidden", metavar="H", type=_ranged(QT_TRANSLATE_NOOP("Cli", "hidden units"), 1, MAX_HIDDEN), default=default,
                       help=translate("Cli", "hidden units of --model two-layer, 1 to {0}: 1 has parameters k1, b1, k2, b2; "
                                      "H >= 2 has k1_j, b1_j, k2_j (j = 1..H) and b2 (default 1)").format(MAX_HIDDEN))
    model.add_argument("--activation", choices=_values(Activation), default=default,
                       help=translate("Cli", "the hidden units of --model two-layer: sigmoid (default) or relu"))
    model.add_argument("--loss", choices=_values(LossKind), default=default,
                       help=translate("Cli", "what a residual r = y^ - y costs: squared r^2 (default), absolute |r| (L1) or huber "
                            "(r^2/2 where |r| <= delta, delta*(|r| - delta/2) beyond)"))
    model.add_argument("--huber-delta", metavar="DELTA", type=values.positive_number, default=default,
                       help=translate("Cli", "delta of --loss huber, > 0 (default 1)"))
    model.add_argument("--reduction", choices=_values(Reduction), default=default,
                       help=translate("Cli", "how the residuals' losses add up: mean, sum, or half-sum (1/2 of the sum; squared "
                            "loss only)"))
    model.add_argument("--init", metavar="NAME=V,...", type=values.initial_values, default=default,
                       help=translate("Cli", "starting parameters by name, each between -1e100 and 1e100, e.g. --init w=0.5,b=1, "
                            "--init b=1, --init k1=1,b1=0,k2=1,b2=0 or --init b=0,w1=1 (functions: x=V,y=V); "
                            "parameters not named start at the model's default"))
    model.add_argument("--seed", type=values.seed, default=default,
                       help=translate("Cli", "seed of the shuffles (batches, validation split, searches), 0 to 2147483647. "
                            "Default: 42"))
    live = parser.add_argument_group(translate("Cli", "descent settings (default: the data set's tutorial settings)"))
    add_live_options(live, default)
    live.add_argument("--tol", "--grad-tol", dest="grad_tol", metavar="TOL", type=values.tolerance,
                      default=default,
                      help=translate("Cli", "convergence tolerance, from 0 to 1: converged when L − L* <= "
                                     "TOL·min(L0 − L*, L*) where the least loss L* is known, else when |gradient|² <= "
                                     "TOL·|gradient at the start|² (default {0}; --grad-tol is the same flag)").format(
                          "{0:g}".format(RunConfig().grad_tol)))


def _add_data_options(data: Any, default: Any) -> None:
    source = data.add_mutually_exclusive_group()
    source.add_argument("--data", choices=BUILTIN, default=default,
                        help=translate("Cli", "a tutorial's data set: house (000: area -> price, 6 points), beans "
                             "(001: size -> toxicity, 100 points), linear (002: y = 1 + 2x + noise, "
                             "80 training + 20 validation points), rooms (004: rooms -> price, 506 houses), "
                             "line-1000 (003: y = 2x + 4 + noise, 1000 points), quadratic and sine (curves a "
                             "line cannot follow), outliers (a line with three far points). Default: linear"))
    source.add_argument("--csv", metavar="PATH", default=default,
                        help=translate("Cli", "your own data: a CSV file with two numeric columns (header optional)"))
    source.add_argument("--function", choices=list(FUNCTIONS), default=default,
                        help=translate("Cli", "descend a formula instead of fitting data: {0}").format("; ".join(
                            f"{name} {spec.formula.partition(' = ')[2]}" for name, spec in FUNCTIONS.items())))
    data.add_argument("--x-col", metavar="COL", default=default,
                      help=translate("Cli", "the CSV column of x: a header name or a 0-based index (default: the first)"))
    data.add_argument("--y-col", metavar="COL", default=default,
                      help=translate("Cli", "the CSV column of y: a header name or a 0-based index (default: the next)"))
    data.add_argument("--encoding", metavar="NAME", default=default,
                      help=translate("Cli", "the CSV file's text encoding, e.g. utf-8, gb18030, utf-16 (default: guessed)"))
    data.add_argument("--delimiter", metavar="CHAR", default=default,
                      help=translate("Cli", "the CSV column separator: ',', ';', 'tab' or ' ' (default: guessed)"))
    data.add_argument("--decimal", choices=(".", ","), default=default,
                      help=translate("Cli", "the CSV decimal mark (default: guessed; ',' as European Excel writes it)"))
    header = data.add_mutually_exclusive_group()
    header.add_argument("--header", dest="header", action="store_const", const=True, default=default,
                        help=translate("Cli", "the CSV's first row is a header (default: guessed)"))
    header.add_argument("--no-header", dest="header", action="store_const", const=False, default=default,
                        help=translate("Cli", "the CSV's first row is data"))
    data.add_argument("--max-rows", metavar="N", type=values.bounded_count, default=default,
                      help=translate("Cli", "refuse CSV files with more rows than this (default 10,000,000)"))
    data.add_argument("--val-fraction", metavar="F", type=values.fraction, default=default,
                      help=translate("Cli", "hold out this fraction of the points for validation, 0 <= F < 1 "
                           "(default: the data set's own split; 0 for house, beans and CSV files)"))
    data.add_argument("--standardise", action="store_true", default=default,
                      help=translate("Cli", "fit on (x - mean)/std of the training x (tutorial 002 section 4.3)"))
    data.add_argument("--bad-feature", action="store_true", default=default,
                      help=translate("Cli", "multiply x by 10: the loss surface becomes a narrow valley (tutorial 002 section 4.2)"))


def _ranged(label: str, low: int, high: int):
    """A flag type: a whole number from low to high."""
    def parse(text: str) -> int:
        value = values.count(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(translate("Cli", "{0} must be from {1} to {2}, got {3}").format(
                translate("Cli", label), low, high, text))
        return value
    return parse


# ----- arguments → configuration ------------------------------------------------------------------
def build_config(args: argparse.Namespace) -> RunConfig:
    """The restart settings the flags name; flags not given keep RunConfig's defaults."""
    csv, data = given(args, "csv"), given(args, "data")
    if csv is not None and data is not None:
        raise CliError(translate("Cli", "give either --data or --csv, not both"))
    csv_only = ("x_col", "y_col", "encoding", "delimiter", "decimal", "header", "max_rows")
    if csv is None and any(given(args, name) is not None for name in csv_only):
        raise CliError(translate("Cli", "--x-col, --y-col, --encoding, --delimiter, --decimal, --header and "
                                 "--max-rows read a --csv file; give --csv too"))
    delimiter = given(args, "delimiter")
    model, reduction = given(args, "model"), given(args, "reduction")
    changes = {
        "data": data, "csv_path": None if csv is None else str(csv),
        "csv_x": given(args, "x_col"), "csv_y": given(args, "y_col"),
        "csv_encoding": given(args, "encoding"), "csv_decimal": given(args, "decimal"),
        "csv_delimiter": "\t" if delimiter == "tab" else delimiter, "csv_header": given(args, "header"),
        "csv_max_rows": given(args, "max_rows"),
        "val_fraction": given(args, "val_fraction"),
        "model": None if model is None else ModelKind(model),
        "reduction": None if reduction is None else Reduction(reduction),
        "init": given(args, "init"), "seed": given(args, "seed"), "grad_tol": given(args, "grad_tol"),
        "loss": None if given(args, "loss") is None else LossKind(given(args, "loss")),
        "huber_delta": given(args, "huber_delta"), "degree": given(args, "degree"), "hidden": given(args, "hidden"),
        "activation": None if given(args, "activation") is None else Activation(given(args, "activation")),
        **{name: given(args, name) for name in ("function", "standardise", "bad_feature")},
    }
    return RunConfig(**{k: v for k, v in changes.items() if v is not None})


def build_live(args: argparse.Namespace, base: LiveSettings) -> LiveSettings:
    """The base live settings with the flags given applied (raises ValueError)."""
    changes = {dest: given(args, dest) for dest in LIVE_FLAGS if given(args, dest) is not None}
    if "batch" not in changes and "batch_size" in changes:
        changes["batch"] = BatchMode.MINI
    if "rule" not in changes:
        implied = next((IMPLIED_RULE[d] for d in IMPLIED_RULE if d in changes), None)
        if implied is not None:
            changes["rule"] = implied
    fields = {LIVE_FLAGS[d][0]: (enum(v) if enum else v) for d, v in changes.items() for enum in (LIVE_FLAGS[d][1],)}
    return replace(base, **fields).validated()


def problem(config: RunConfig) -> tuple[Dataset | None, LiveSettings]:
    """The data set a configuration loads (None for a function) and its tutorial's live settings."""
    if config.function:
        return None, FunctionObjective(config.function).preset_live()
    dataset = load_dataset(config)
    return dataset, dataset.preset.live


def check_function_flags(args: argparse.Namespace, config: RunConfig) -> None:
    """Raise CliError for a data-only flag given with --function."""
    if not config.function:
        return
    for dest in DATA_ONLY:
        if given(args, dest) not in (None, False):
            raise CliError(translate("Cli", "{0} has no effect with --function: {1}").format(
                flag(dest), translate("Cli", FUNCTION_WHY)))


def unused_reason(args: argparse.Namespace, run: Run) -> tuple[str, str] | None:
    """The first flag given that changes nothing in `run`, with why ("with --rule fixed: ..."), or None."""
    for dest in CHECKED:
        if given(args, dest) not in (None, False):
            why = why_unused(dest, run.live, run.is_function, run.objective.model)
            if why:
                return dest, why + _implied_note(args, dest, run)
    for dest in MODEL_CHECKED:
        if given(args, dest) is not None and not run.is_function:
            why = why_unused_model(dest, run.objective)
            if why:
                return dest, why
    return None


def _implied_note(args: argparse.Namespace, dest: str, run: Run) -> str:
    """' (--step-size without --rule means --rule fixed)' when `dest` is refused for a rule that came from such a flag."""
    if given(args, "rule") is not None or not by_rule(dest, run.live, run.is_function):
        return ""
    dest = next((d for d in IMPLIED_RULE if given(args, d) is not None), None)
    if dest is None:
        return ""
    return translate("Cli", " ({0} without --rule means --rule {1})").format(flag(dest), IMPLIED_RULE[dest].value)


def check_init(run: Run) -> None:
    """Raise CliError when --init names a parameter the model or function does not have."""
    extra = sorted(set(run.config.init_dict() or {}) - set(run.param_names))
    if extra:
        raise CliError(translate("Cli", "{0} has no parameter {1} (its parameters: {2})").format(
            objective_name(run), extra[0], ", ".join(run.param_names)))


def objective_name(run: Run) -> str:
    """'function 'valley'' or 'model 'line''."""
    model = run.objective.model
    if model is None:
        return translate("Cli", "function '{0}'").format(run.config.function)
    return translate("Cli", "model '{0}'").format(model.value)


def build_run(args: argparse.Namespace) -> Run:
    """A fresh run from parsed flags. Raises CliError, or DataError / ValueError from the engine."""
    config = build_config(args)
    check_function_flags(args, config)
    dataset, preset_live = problem(config)
    run = Run(config, build_live(args, preset_live), dataset=dataset)
    check_init(run)
    unused = unused_reason(args, run)
    if unused:
        raise CliError(translate("Cli", "{0} has no effect {1}").format(flag(unused[0]), unused[1]))
    return run


def checked_run(args: argparse.Namespace) -> Run:
    """build_run with every bad flag, value or file turned into a one-line CliError."""
    try:
        return build_run(args)
    except CliError:
        raise
    except ValueError as exc:  # DataError and the engine's checks say what is wrong in one line
        raise CliError(lang.engine_text(str(exc))) from None
