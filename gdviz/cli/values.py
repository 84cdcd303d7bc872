"""Values of flags: each parser accepts what the engine can use and names the real limit otherwise."""
from __future__ import annotations

import argparse
import math

from ..engine.kernels import LIMIT
from .lang import translate

# The engine's limits (LiveSettings.validated), checked here too so that the command line never
# depends on the engine to refuse a value, and says the same limit.
MAX_COUNT = 10 ** 9  # batch size and decay steps
MAX_SIZE = LIMIT  # step size and search radius: a move past the parameters' limit (1e100) only diverges


def limit_text(value: float) -> str:
    """A power of ten as people write it: 1e15, 1e100."""
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def finite(text: str) -> float:
    """A finite number; the engine checks the range of rule settings (e.g. 0 <= beta < 1)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("Cli", "'{0}' is not a number").format(text)) from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(translate("Cli", "must be a finite number, got '{0}'").format(text))
    return value


def positive_number(text: str) -> float:
    """A finite number > 0 (learning rate, step size)."""
    value = finite(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(translate("Cli", "must be a positive number, got {0}").format(text))
    return value


def size(text: str) -> float:
    """A number in (0, 1e100] (step size, search radius): a larger move leaves the parameters' limit."""
    value = positive_number(text)
    if value > MAX_SIZE:
        raise argparse.ArgumentTypeError(translate("Cli", "must be at most {0}, got {1}").format(
            limit_text(MAX_SIZE), text))
    return value


def tolerance(text: str) -> float:
    """A number from 0 to 1 (the convergence tolerance, relative to the start)."""
    value = finite(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(translate("Cli", "must be a number from 0 to 1, got {0}").format(text))
    return value


def fraction(text: str) -> float:
    """A fraction in [0, 1) (validation share)."""
    value = finite(text)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(translate("Cli", "must be at least 0 and below 1, got {0}").format(text))
    return value


def _whole(text: str, low: int) -> int:
    """A whole number ≥ low; accepts 1e6 and 1_000_000."""
    try:
        value = float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("Cli", "'{0}' is not a whole number").format(text)) from None
    if not (math.isfinite(value) and value == int(value)):
        raise argparse.ArgumentTypeError(translate("Cli", "'{0}' is not a whole number").format(text))
    if value < low:
        if low == 0:
            raise argparse.ArgumentTypeError(translate("Cli", "must be 0 or more, got {0}").format(text))
        raise argparse.ArgumentTypeError(translate("Cli", "must be at least {0}, got {1}").format(low, text))
    return int(value)


def count(text: str) -> int:
    """A whole number ≥ 0 (steps, seed)."""
    return _whole(text, 0)


MAX_SEED = 2**31 - 1


def seed(text: str) -> int:
    """A seed: a whole number from 0 to 2147483647."""
    value = _whole(text, 0)
    if value > MAX_SEED:
        raise argparse.ArgumentTypeError(translate("Cli", "must be at most {0}, got {1}").format(MAX_SEED, text))
    return value


def bounded_count(text: str) -> int:
    """A whole number from 1 to 1e9 (batch size, decay steps)."""
    value = _whole(text, 1)
    if value > MAX_COUNT:
        raise argparse.ArgumentTypeError(translate("Cli", "must be at most {0}, got {1}").format(
            limit_text(MAX_COUNT), text))
    return value


def initial_values(text: str) -> tuple[tuple[str, float], ...]:
    """`w=0.5,b=1` as RunConfig.init pairs, each value inside the parameters' limit (|v| < 1e100)."""
    pairs: dict[str, float] = {}
    for item in (part.strip() for part in text.split(",")):
        name, sep, value = (s.strip() for s in item.partition("="))
        if not sep or not name or not value:
            raise argparse.ArgumentTypeError(translate("Cli", "expected name=value pairs like w=0.5,b=1, got '{0}'")
                                             .format(text))
        if not name.isidentifier():  # which names exist depends on the model: build_run checks
            raise argparse.ArgumentTypeError(translate("Cli", "'{0}' is not a parameter name (use w and b, "
                                                       "e.g. w=0.5,b=1)").format(name))
        if name in pairs:
            raise argparse.ArgumentTypeError(translate("Cli", "parameter '{0}' is given twice").format(name))
        pairs[name] = _start(name, value, item)
    return tuple(pairs.items())


def _start(name: str, text: str, item: str) -> float:
    try:
        value = finite(text)
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(translate("Cli", "{0} (in '{1}')").format(exc, item)) from None
    if not abs(value) < LIMIT:
        raise argparse.ArgumentTypeError(translate("Cli", "{0} must be between -{1} and {1} (exclusive), got {2}")
                                         .format(name, limit_text(LIMIT), text))
    return value
