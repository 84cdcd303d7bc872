"""What every command shares: the program name, exit statuses, the one-line error and the parser."""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any, Callable

from . import lang

PROG = "gdviz"
USAGE_EXIT = 2  # bad flags, values or files
FAILURE_EXIT = 1  # could not do what was asked for another reason (e.g. no display)


class CliError(ValueError):
    """A one-line reason the command cannot go on; `code` is the exit status.

    A ValueError, like the engine's DataError, so callers of build_run catch one type.
    """

    def __init__(self, message: str, code: int = USAGE_EXIT) -> None:
        super().__init__(" ".join(str(message).split()))
        self.code = code


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs kept as written; option help wrapped by terminal columns (Chinese takes two)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if lang.current() == "en":
            return super()._split_lines(text, width)
        return lang.wrap(text, width)

    def format_help(self) -> str:
        return lang.full_width_headings(super().format_help())


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (raised, not printed) and whose help is kept as written."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("allow_abbrev", False)  # new flags must not break existing scripts
        super().__init__(**kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(lang.translate("Cli", "{0} (see '{1} --help')").format(message, self.prog))


@dataclass(frozen=True)
class Command:
    """A subcommand: how to add its parser and what to do with the parsed flags."""

    add_parser: Callable[[argparse._SubParsersAction], argparse.ArgumentParser]
    handle: Callable[[argparse.Namespace], int]


def given(args: argparse.Namespace, name: str) -> Any:
    """The value of a flag, or None when it was not given (or this command has no such flag)."""
    return getattr(args, name, None)


def flag(dest: str) -> str:
    """The flag of an argparse dest: batch_size → --batch-size."""
    return "--" + dest.replace("_", "-")
