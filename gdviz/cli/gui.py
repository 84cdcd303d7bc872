"""`gdviz` / `gdviz gui`: check the flags and the display, then open the window with them."""
from __future__ import annotations

import argparse

from .base import FAILURE_EXIT, CliError, Command
from .display import display_problem
from .lang import QT_TRANSLATE_NOOP, translate
from .options import epilog, add_run_options, checked_run

GUI_EXAMPLES = QT_TRANSLATE_NOOP("Cli", """examples:
  gdviz                              open the window on tutorial 002's data
  gdviz --data beans                 open it on tutorial 001's beans (stochastic descent)
  gdviz --csv heights.csv --x-col height --y-col weight
  gdviz --function valley --rule adam --lr 0.3
                                     open it on a narrow valley, descending by Adam
  gdviz run --data linear --lr 0.1 --steps 1 --json
                                     descend without a window (see: gdviz run --help)
  gdviz race --preset valley-optimizers
                                     race gradient descent, momentum and Adam (see: gdviz race --help)

exit status:
  0 when the window was closed; 2 for a bad flag, value or data file; 1 when no window can
  open here (no display, or a Qt platform plugin that cannot load): one line says why.
""")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """The `gui` subcommand's flags (the same as gdviz's own)."""
    parser = sub.add_parser("gui", help=translate("Cli", "open the window (the default)"),
                            description=translate("Cli", "Open the gdviz window, starting with the settings given."),
                            epilog=epilog(GUI_EXAMPLES))
    add_run_options(parser, keep_defaults=False)
    return parser


def handle(args: argparse.Namespace) -> int:
    """Open the window once the flags, the files and the display are known to be good."""
    checked_run(args)  # bad flags or files fail here, before a window opens
    problem = display_problem()
    if problem:  # Qt would abort the process (exit 134) when it creates the application
        raise CliError(problem, FAILURE_EXIT)
    try:
        from gdviz.ui.app import run_gui
    except ImportError as exc:
        missing = exc.name or ""
        if not (missing.startswith("gdviz.ui") or missing.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph")):
            raise
        raise CliError(translate("Cli", "the window cannot open ({0}); 'gdviz run' works without it").format(exc),
                       FAILURE_EXIT) from None
    return int(run_gui(args) or 0)


COMMAND = Command(add_parser, handle)
