"""Extreme values on the command line: one line stating the real limit, never a traceback (issue 9, items 3
and 10)."""

import subprocess
import sys
from pathlib import Path

import pytest

from gdviz.cli import CliError, main, make_parser

REPO = Path(__file__).resolve().parents[1]


def one_line_error(capsys, argv: list[str]) -> str:
    """main(argv) in-process: exit 2, nothing on stdout, one "gdviz: error:" line; returns that line."""
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    assert err.startswith("gdviz: error:") and len(err.splitlines()) == 1
    return err


LIMITS = [
    (["--schedule", "step", "--decay-steps", "1e20"], "--decay-steps: must be at most 1e9, got 1e20"),
    (["--decay-steps", "1e20"], "--decay-steps: must be at most 1e9, got 1e20"),
    (["--search-radius", "1e308"], "--search-radius: must be at most 1e100, got 1e308"),
    (["--step-size", "1e300"], "--step-size: must be at most 1e100, got 1e300"),
    (["--batch-size", "-1"], "--batch-size: must be at least 1, got -1"),
    (["--batch-size", "0"], "--batch-size: must be at least 1, got 0"),
    (["--batch-size", "1e10"], "--batch-size: must be at most 1e9, got 1e10"),
    (["--init", "w=1e300"], "w must be between -1e100 and 1e100 (exclusive), got 1e300"),
    (["--init", "b=-1e100"], "b must be between -1e100 and 1e100 (exclusive), got -1e100"),
    (["--tol", "2"], "--tol/--grad-tol: must be a number from 0 to 1, got 2"),
    (["--steps", "-1"], "--steps: must be 0 or more, got -1"),
]


@pytest.mark.parametrize("flags, message", LIMITS, ids=[" ".join(f) for f, _ in LIMITS])
def test_extreme_values_name_the_real_limit(capsys, flags, message) -> None:
    assert message in one_line_error(capsys, ["run", *flags])


@pytest.mark.parametrize("flags, message", LIMITS[:3], ids=[" ".join(f) for f, _ in LIMITS[:3]])
def test_the_parser_refuses_them_without_the_engine(flags, message) -> None:
    """Refused while parsing: nothing is built, so no engine check is needed for the one line."""
    with pytest.raises(CliError, match=message.split(": ", 1)[1]):
        make_parser().parse_args(["run", *flags])


def test_race_runner_values_have_the_same_limits(capsys) -> None:
    err = one_line_error(capsys, ["race", "--runner", "a:search-radius=1e308", "--runner", "b:"])
    assert "search-radius: must be at most 1e100, got 1e308 in 'a:search-radius=1e308'" in err
    err = one_line_error(capsys, ["race", "--runner", "a:batch-size=-1", "--runner", "b:"])
    assert "batch-size: must be at least 1, got -1" in err


@pytest.mark.parametrize("flags", [
    ["--schedule", "step", "--decay-steps", "1e9"], ["--search-radius", "1e100"], ["--batch-size", "1e9"],
    ["--init", "w=9.9e99,b=-9.9e99"], ["--tol", "1"], ["--tol", "0"],
])
def test_values_at_the_limit_are_accepted(capsys, flags) -> None:
    code = main(["run", *flags, "--steps", "20"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "status" in out


def test_decay_steps_1e20_in_a_subprocess_is_one_line() -> None:
    """The issue's command: it printed a TypeError traceback from types.py."""
    done = subprocess.run([sys.executable, "-m", "gdviz", "run", "--decay-steps", "1e20", "--schedule", "step"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith("gdviz: error:") and len(done.stderr.splitlines()) == 1
    assert "1e9" in done.stderr
