"""The whole command line: the parser of every command, and `main`, which runs one."""
from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from . import graph, gui, lang, race, record, run
from .base import PROG, USAGE_EXIT, FAILURE_EXIT, CliError, Command, Parser
from .options import add_run_options, epilog

COMMANDS: dict[str, Command] = {"gui": gui.COMMAND, "run": run.COMMAND, "race": race.COMMAND, "graph": graph.COMMAND,
                                "record": record.COMMAND}


def make_parser() -> Parser:
    """Window flags at the top, one subparser per command."""
    description = lang.translate("Cli", "Animated gradient descent for teaching.\n\n"
                                 "Without a command (or with 'gui') gdviz opens the window, starting with the\n"
                                 "flags below; 'gdviz run' descends without a window and prints the result,\n"
                                 "'gdviz race' races 2 to 6 descents from the same start.")
    parser = Parser(prog=PROG, description=description, epilog=epilog(gui.GUI_EXAMPLES))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=lang.translate("Cli", "show program's version number and exit"))
    add_lang_option(parser, None)
    add_run_options(parser)
    sub = parser.add_subparsers(dest="command", title=lang.translate("Cli", "commands"), metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS.values():
        add_lang_option(command.add_parser(sub), argparse.SUPPRESS)  # a --lang after the command keeps one before
    return parser


def add_lang_option(parser: argparse.ArgumentParser, default: object) -> None:
    """--lang: the language of messages, help and summaries (read early by main; listed here for --help)."""
    parser.add_argument("--lang", choices=lang.LANGUAGES, default=default,
                        help=lang.translate("Cli", "the language of messages, help and text output: en or zh_CN "
                                            "(default: zh_CN when the locale (LC_ALL, LC_MESSAGES or LANG) is "
                                            "Chinese, else en). JSON output stays English, its message fields too: "
                                            "it is data for programs"))


def fail(message: str, code: int) -> int:
    """Print one line on stderr (argparse's "gdviz: error: ..." for usage errors) and return the code."""
    template = lang.translate("Cli", "{0}: error: {1}") if code == USAGE_EXIT else "{0}: {1}"
    print(template.format(PROG, message), file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point of `gdviz`, `python main.py` and `python -m gdviz`; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    lang.install(lang.choose(argv, os.environ))
    try:
        with lang.argparse_words():
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
        return fail(lang.translate("Cli", "interrupted"), 130)
    except BrokenPipeError:  # e.g. `gdviz run --json | head`: the reader has gone
        _silence_stdout()
        return FAILURE_EXIT


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit-time flush does not fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
