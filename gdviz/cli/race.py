"""`gdviz race`: race 2 to 6 runs from the same start and print each result as a table or JSON."""
from __future__ import annotations

import argparse
import json
from functools import lru_cache
from typing import NamedTuple

from ..engine import PRESETS, Race, RaceEntry
from ..engine.race import MAX_RUNS, MIN_RUNS
from .base import PROG, Command, CliError, Parser, flag, given
from . import lang
from .lang import QT_TRANSLATE_NOOP, translate
from .options import (LIVE_FLAGS, add_live_options, epilog, add_run_options, build_config, build_live,
                      check_function_flags, check_init, problem, unused_reason)
from .report import out, result_dict
from .run import add_length_options
from .text import race_table
from .unused import CHECKED, why_unused

RACE_STEPS = 300  # a race of your own: long enough to tell runners apart
RUNNER_SETTINGS = tuple(dest.replace("_", "-") for dest in LIVE_FLAGS)  # `race --runner` keys

RACE_EXAMPLES = QT_TRANSLATE_NOOP("Cli", """examples:
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

when a runner stops:
  As in 'gdviz run': at its first convergence (unless --no-stop), at a divergence, or after
  --steps steps.

output:
  Without --json: what is descended, then one row per runner: name, rule, lr, status, step,
  final loss and parameters. With --json a list with one object per runner: the keys of
  'gdviz run --json', plus name and colour (a palette index or "#rrggbb").

exit status:
  0 when the race was run, also when a runner diverged; 2 for a bad flag, value, runner or
  data file (one line on stderr: "gdviz: error: ...").
""")


class Runner(NamedTuple):
    """One `race --runner`: its name and its settings parsed like the live flags of `run`."""

    name: str
    text: str  # as given, for messages
    args: argparse.Namespace


class _RunnerParser(Parser):
    """Parses a runner's SETTING=VALUE pairs as live flags; errors are the bare message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(message.replace(translate("argparse", "argument %(argument_name)s: %(message)s")
                                       .partition("%")[0] + "--", ""))


@lru_cache(maxsize=1)
def _runner_parser() -> Parser:
    parser = _RunnerParser(prog=f"{PROG} race --runner", add_help=False)
    add_live_options(parser)
    return parser


def runner(text: str) -> Runner:
    """`fast:rule=adam,lr=0.1,batch=mini,batch-size=8`: a name, then live settings by their flag names."""
    name, sep, rest = (part.strip() for part in text.partition(":"))
    if not sep or not name:
        raise argparse.ArgumentTypeError(translate("Cli", "expected NAME:SETTING=VALUE,... like "
                                                   "'fast:rule=adam,lr=0.1', got '{0}'").format(text))
    argv, seen = [], set()
    for item in filter(None, (part.strip() for part in rest.split(","))):
        key, eq, value = (part.strip() for part in item.partition("="))
        if not eq or not key or not value:
            raise argparse.ArgumentTypeError(translate("Cli", "expected SETTING=VALUE, got '{0}' in '{1}'").format(
                item, text))
        if key not in RUNNER_SETTINGS:
            raise argparse.ArgumentTypeError(translate("Cli", "unknown setting '{0}' in '{1}' (settings: {2})").format(
                key, text, ", ".join(RUNNER_SETTINGS)))
        if key in seen:
            raise argparse.ArgumentTypeError(translate("Cli", "setting '{0}' is given twice in '{1}'").format(key, text))
        seen.add(key)
        argv += [f"--{key}", value]
    try:
        return Runner(name, text, _runner_parser().parse_args(argv))
    except CliError as exc:
        raise argparse.ArgumentTypeError(translate("Cli", "{0} in '{1}'").format(exc, text)) from None


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """The `race` subcommand's flags."""
    parser = sub.add_parser("race", help=translate("Cli", "race 2 to 6 runs from the same start and print each result"),
                            description=translate("Cli", "Race 2 to 6 descents on the same data (or function) from the same "
                                        "start, step for step,\nand print where each one ended."),
                            epilog=epilog(RACE_EXAMPLES))
    race = parser.add_argument_group(translate("Cli", "the race"))
    race.add_argument("--preset", choices=list(PRESETS), default=None,
                      help=translate("Cli", "a ready-made race: {0}").format(
                          "; ".join("{0} ({1})".format(name, lang.engine_text(p.title)) for name, p in PRESETS.items())))
    race.add_argument("--runner", metavar="NAME:SETTING=VALUE,...", type=runner, action="append", default=None,
                      help=translate("Cli", "one runner of your own race (give 2 to 6): a name, then any descent setting "
                           "by its flag name without '--', e.g. 'fast:rule=adam,lr=0.1,batch=mini,batch-size=8'. "
                           "Descent flags given to 'race' itself apply to every runner"))
    add_run_options(parser, keep_defaults=False)
    group = parser.add_argument_group(translate("Cli", "race length and output"))
    add_length_options(group, None, translate("Cli", "steps every runner takes at most; default: the preset's, or {0}")
                       .format(RACE_STEPS))
    group.add_argument("--json", action="store_true",
                       help=translate("Cli", "print a JSON list, one object per runner: the keys of 'run --json', name and colour"))
    return parser


@lru_cache(maxsize=1)
def _run_option_dests() -> tuple[str, ...]:
    """The dests of add_run_options' flags (a preset race accepts none of them)."""
    parser = argparse.ArgumentParser(add_help=False)
    add_run_options(parser)
    return tuple(action.dest for action in parser._actions)


def build_race(args: argparse.Namespace) -> tuple[Race, int, str]:
    """The race the flags describe, the steps to take and its title. Raises CliError or ValueError."""
    preset, runners = given(args, "preset"), given(args, "runner")
    if preset is not None and runners:
        raise CliError(translate("Cli", "give either --preset or --runner, not both"))
    if preset is not None:
        return _preset_race(args, preset)
    if not runners:
        raise CliError(translate("Cli", "give --preset NAME or {0} to {1} --runner NAME:SETTING=VALUE,... "
                                 "(see '{2} race --help')").format(MIN_RUNS, MAX_RUNS, PROG))
    config = build_config(args)
    check_function_flags(args, config)
    dataset, preset_live = problem(config)
    base = build_live(args, preset_live)
    entries = []
    for i, r in enumerate(runners):
        try:
            entries.append(RaceEntry(r.name, i, build_live(r.args, base)))
        except ValueError as exc:
            raise CliError(translate("Cli", "runner '{0}': {1}").format(r.text, lang.engine_text(str(exc)))) from None
    race = Race(config, entries, dataset=dataset)
    check_init(race.runs[0])
    _refuse_unused(args, runners, race)
    steps = given(args, "steps")
    return race, RACE_STEPS if steps is None else steps, translate("Cli", "your own race")


def _preset_race(args: argparse.Namespace, preset: str) -> tuple[Race, int, str]:
    flag_given = next((d for d in _run_option_dests() if given(args, d) not in (None, False)), None)
    if flag_given is not None:
        raise CliError(translate("Cli", "--preset {0} sets its own data and runners; drop {1} "
                                 "(or build your own race with --runner)").format(preset, flag(flag_given)))
    steps = given(args, "steps")
    title = lang.engine_text(PRESETS[preset].title)
    return Race.from_preset(preset), PRESETS[preset].steps if steps is None else steps, title


def _refuse_unused(args: argparse.Namespace, runners: list[Runner], race: Race) -> None:
    """The rule of `run` for each runner's own settings; a flag of `race` itself must be read by some runner."""
    for r, run in zip(runners, race.runs):
        unused = unused_reason(r.args, run)
        if unused:
            raise CliError(translate("Cli", "runner '{0}': {1} has no effect {2}").format(
                r.text, unused[0].replace("_", "-"), unused[1]))
    for dest in CHECKED:
        if given(args, dest) in (None, False):
            continue
        whys = [why_unused(dest, run.live, run.is_function, run.objective.model) for run in race.runs]
        if all(whys):
            raise CliError(translate("Cli", "{0} has no effect on any runner ('{1}' runs {2})").format(
                flag(dest), race.entries[0].name, whys[0]))


def handle(args: argparse.Namespace) -> int:
    """Race runners headless, print a table or a JSON list (a diverged runner is no error)."""
    try:
        race, steps, title = build_race(args)
    except CliError:
        raise
    except ValueError as exc:
        raise CliError(lang.engine_text(str(exc))) from None
    stop = not args.no_stop
    for run in race.runs:  # each runner by the rule of `gdviz run`
        run.advance(steps, stop_on_converged=stop)
    if args.json:
        results = [{"name": entry.name, "colour": entry.colour, **result_dict(run, steps=steps, stop_on_converged=stop)}
                   for entry, run in zip(race.entries, race.runs)]
        out(json.dumps(results, allow_nan=False))
    else:
        out(race_table(race, title, steps))
    return 0


COMMAND = Command(add_parser, handle)
