"""The command line's language: English by default, 简体中文 with `--lang zh_CN` or a Chinese locale.

QtCore only, and lazily: no application object, no widgets, no display. The translator is asked
directly (QTranslator.translate), so the window can still create its own QApplication later, and
the command line works (in English) where PySide6 cannot load. Texts are marked for lupdate as
`translate("Cli", "...")`; argparse's own words (context "argparse") are listed in ARGPARSE_WORDS
and put in place only while our parser runs (`argparse_words()`).
"""
from __future__ import annotations

import argparse
import re
import unicodedata
from contextlib import contextmanager
from typing import Any, Iterator, Mapping, Sequence

from .. import texts
from ..resources import resource_path

LANGUAGES = ("en", "zh_CN")  # the codes of gdviz.ui.i18n.LANGUAGES
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first one set decides
NO_LINE_START = frozenset("，。：；）、！？」")  # Chinese punctuation that never begins a line
_HEADING = re.compile(r"(?m)^(\S[^\n]*[\u4e00-\u9fff][^\n]*):$")  # at the margin, with Chinese, ending in ":"
_state: dict[str, Any] = {"language": "en", "translator": None}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (lupdate's name)
    """Mark a text of a module-level table for lupdate; translate it where it is used."""
    return text


# argparse's own user-visible words (Python 3.11's argparse: `_()` and `ngettext()`), for lupdate.
ARGPARSE_WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
)


# ----- choosing and loading -------------------------------------------------------------------
def requested(argv: Sequence[str]) -> str | None:
    """The value of the last `--lang X` / `--lang=X` before a `--`, or None (argparse checks the value)."""
    found = None
    for i, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif token.startswith("--lang="):
            found = token.partition("=")[2]
    return found


def system_language(env: Mapping[str, str]) -> str:
    """zh_CN when the first locale variable set (LC_ALL, LC_MESSAGES, LANG) is Chinese, else en."""
    value = next((env[name] for name in LOCALE_VARIABLES if env.get(name)), "")
    return "zh_CN" if value.lower().startswith("zh") else "en"


def choose(argv: Sequence[str], env: Mapping[str, str]) -> str:
    """The language of this command: --lang if it names one we have, else the system locale's."""
    code = requested(argv)
    if code is not None:
        return code if code in LANGUAGES else "en"  # a bad value is reported in English by argparse
    return system_language(env)


def install(code: str) -> str:
    """Use `code` for every later text; returns the language in use (en when its file cannot load)."""
    _state.update(language="en", translator=None)
    if code == "en" or code not in LANGUAGES:
        return "en"
    try:
        from PySide6.QtCore import QTranslator  # noqa: PLC0415 - only a translated command needs Qt
        path = resource_path("i18n/gdviz_{0}.qm".format(code))
    except (ImportError, FileNotFoundError):
        return "en"
    translator = QTranslator()
    if not translator.load(str(path)):
        return "en"
    _state.update(language=code, translator=translator)
    return code


def current() -> str:
    """The language in use ("en" or "zh_CN")."""
    return _state["language"]


def translate(context: str, text: str) -> str:
    """`text` in the language in use (itself in English or when it has no translation)."""
    translator = _state["translator"]
    if translator is None or not text:
        return text
    return translator.translate(context, text) or text


# ----- argparse's own words -----------------------------------------------------------------------
@contextmanager
def argparse_words() -> Iterator[None]:
    """argparse's words ("usage:", "options", its errors) in the language in use, while the block runs.

    argparse looks up its module-level `_` and `ngettext` at each call; they are swapped here and
    put back after, so nothing else in the process sees a change.
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    if _state["translator"] is not None:
        argparse._ = lambda text: translate("argparse", text)  # type: ignore[attr-defined]
        argparse.ngettext = lambda one, many, n: translate("argparse", one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def full_width_headings(help_text: str) -> str:
    """Help with "：" after each Chinese heading: argparse writes an ASCII colon after every heading
    ("选项:"); its "usage: " is one of ARGPARSE_WORDS and is translated with its colon."""
    return _HEADING.sub("\\1：", help_text)


# ----- engine texts ------------------------------------------------------------------------------
def engine_text(text: str) -> str:
    """An engine text (fixed, or a filled-in template) in the language in use; unknown texts stay."""
    if _state["translator"] is None:
        return text
    return texts.translated(text, lambda listed, context="Engine": translate(context, listed))


# ----- layout ------------------------------------------------------------------------------------
def width(text: str) -> int:
    """Terminal columns of `text`: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def ljust(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` terminal columns (str.ljust for ASCII)."""
    return text + " " * max(0, columns - width(text))


def rjust(text: str, columns: int) -> str:
    """`text` right-aligned in `columns` terminal columns (str.rjust for ASCII)."""
    return " " * max(0, columns - width(text)) + text


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns` terminal columns, broken between words or between Chinese characters."""
    tokens = re.findall(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+|\s+",
                        " ".join(text.split()))
    lines, line = [], ""
    for token in tokens:
        if line and width(line + token) > columns and not token.isspace() and token not in NO_LINE_START:
            lines.append(line.rstrip())
            line = ""
        if not (token.isspace() and not line):
            line += token
    return lines + ([line.rstrip()] if line.strip() else [])
