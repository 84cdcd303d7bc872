"""The whole command line: the parser of every command, and `main`, which runs one."""
from __future__ import annotations

import os
import sys

from .. import __version__
from . import graph, gui, race, record, run
from .base import PROG, USAGE_EXIT, FAILURE_EXIT, CliError, Command, Parser
from .options import NO_EFFECT_HELP, add_run_options

COMMANDS: dict[str, Command] = {"gui": gui.COMMAND, "run": run.COMMAND, "race": race.COMMAND, "graph": graph.COMMAND,
                                "record": record.COMMAND}


def make_parser() -> Parser:
    """Window flags at the top, one subparser per command."""
    parser = Parser(prog=PROG, epilog=gui.GUI_EXAMPLES + "\n" + NO_EFFECT_HELP,
                    description="Animated gradient descent for teaching.\n\n"
                                "Without a command (or with 'gui') gdviz opens the window, starting with the\n"
                                "flags below; 'gdviz run' descends without a window and prints the result,\n"
                                "'gdviz race' races 2 to 6 descents from the same start.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_run_options(parser)
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS.values():
        command.add_parser(sub)
    return parser


def fail(message: str, code: int) -> int:
    """Print one line on stderr (argparse's "gdviz: error: ..." for usage errors) and return the code."""
    prefix = f"{PROG}: error: " if code == USAGE_EXIT else f"{PROG}: "
    print(prefix + message, file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point of `gdviz`, `python main.py` and `python -m gdviz`; returns the exit status."""
    try:
        args = make_parser().parse_args(argv)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except CliError as exc:
        return fail(str(exc), exc.code)
    args.command = args.command or "gui"
    try:
        return COMMANDS[args.command].handle(args)
    except CliError as exc:
        return fail(str(exc), exc.code)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:  # e.g. `gdviz run --json | head`: the reader has gone
        _silence_stdout()
        return FAILURE_EXIT


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit-time flush does not fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
