"""Reading JSON that a user hands us (sessions, lessons) without trusting it: UTF-8 only, no NaN or
Infinity literals, no integers of thousands of digits, a bounded nesting depth, and one-line reasons.

Every reason is a fixed text or a template filled in with `.format` (the window and the command line
translate them by matching the template, resources/i18n/make_sources.py collects them): a variable
part is never English words."""
from __future__ import annotations

import json
from typing import Any, Callable


def parse(raw: bytes | str, fail: Callable[[str], Exception], max_depth: int,
          max_int_digits: int | None = None) -> Any:
    """The document in `raw`; otherwise raises `fail(reason)`, where the reason reads after the place
    ("is not UTF-8 text (byte 3)", "ends too early (truncated?)", …)."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise fail("is not UTF-8 text (byte {0})".format(exc.start)) from None
    extra = {} if max_int_digits is None else {"parse_int": lambda digits: _int(digits, max_int_digits)}
    try:
        doc = json.loads(text, parse_constant=_no_constant, **extra)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or (text.lstrip().startswith("{") and not text.rstrip().endswith("}"))
        if cut:
            raise fail("ends too early (truncated?)") from None
        raise fail("is not valid JSON at line {0}, column {1} ({2})".format(exc.lineno, exc.colno, exc.msg)) from None
    except RecursionError:
        raise fail("nests deeper than {0} levels".format(max_depth)) from None
    except ValueError as exc:  # NaN / Infinity literals, integers of many digits
        raise fail("holds a number JSON cannot hold ({0})".format(str(exc).split("\n")[0])) from None
    if depth(doc, max_depth) > max_depth:
        raise fail("nests deeper than {0} levels".format(max_depth))
    return doc


def depth(doc: Any, limit: int) -> int:
    """The deepest nesting of lists and objects, walked without recursion (stops looking past `limit`)."""
    best, stack = 0, [(doc, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, (dict, list)):
            best = max(best, level)
            if level <= limit:
                stack.extend((v, level + 1) for v in (value.values() if isinstance(value, dict) else value))
    return best


def _no_constant(name: str) -> None:
    raise ValueError("{0} is not a JSON number".format(name))


def _int(digits: str, limit: int) -> int:
    if len(digits.lstrip("-")) > limit:
        raise ValueError("an integer of {0} digits".format(len(digits.lstrip("-"))))
    return int(digits)


class Where:
    """Where a value sits in a file, for one-line messages: `x.gdviz: runners[1].live.batch_size`.
    Subclasses name the error they raise (`error = SessionError`)."""

    error: type[Exception] = ValueError

    def __init__(self, source: str, path: str = "") -> None:
        self.source, self.path = source, path

    def __getitem__(self, key: str | int) -> "Where":
        if isinstance(key, int):
            return type(self)(self.source, "{0}[{1}]".format(self.path, key))
        return type(self)(self.source, key if not self.path else "{0}.{1}".format(self.path, key))

    def fail(self, what: str, value: Any = None, shown: bool = True) -> Exception:
        """The error to raise: file, place, what is wrong and (when shown) the value found.

        Its parts are templates of their own ("{0}, got {1}", "{0}: the file", and `what` after the place),
        so a translation puts each part into the other language and keeps the place and the value."""
        place = "{0}: {1}".format(self.source, self.path) if self.path else "{0}: the file".format(self.source)
        message = "{0}{1}{2}".format(place, "" if what.startswith(":") else " ", what)
        return self.error("{0}, got {1}".format(message, short(value)) if shown else message)


def short(value: Any) -> str:
    """A value as a message shows it: a short repr, or the type of a list or object."""
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."
