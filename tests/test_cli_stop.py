"""When a run stops and what the command line says about it: "stopped" with the step count for a run
that used all its steps, the first convergence, a stall, and `run` and `race` stopping alike (issue 8;
issue 9, item 4)."""

import json

import pytest

from gdviz.cli import main


def _no_nan(token: str) -> None:
    raise ValueError(f"JSON holds {token}")


def command_json(capsys, *argv: str):
    """A command's JSON output, checked strict (no NaN or Infinity) and with nothing on stderr."""
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    return json.loads(out, parse_constant=_no_nan)


def command_text(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_a_run_that_used_all_its_steps_says_stopped_with_the_count(capsys) -> None:
    result = command_json(capsys, "run", "--data", "linear", "--steps", "5")
    assert (result["status"], result["step"], result["converged_at"]) == ("stopped", 5, None)
    assert result["message"].startswith("stopped after 5 steps: not converged")
    assert "status    stopped after 5 steps: not converged" in command_text(capsys, "run", "--steps", "5")
    assert "stopped after 1 step: not converged" in command_text(capsys, "run", "--steps", "1")


def test_no_step_is_ready(capsys) -> None:
    result = command_json(capsys, "run", "--steps", "0")
    assert (result["status"], result["step"], result["converged_at"]) == ("ready", 0, None)


def test_a_run_stops_at_its_first_convergence(capsys) -> None:
    """f = x² + y² with lr 0.5: x − 0.5·2x = 0, the minimum in one step."""
    result = command_json(capsys, "run", "--function", "bowl", "--lr", "0.5")
    assert (result["status"], result["step"], result["converged_at"]) == ("converged", 1, 1)
    assert result["params"] == {"x": 0.0, "y": 0.0}
    assert result["message"] == "converged at step 1"


def test_no_stop_goes_on_and_keeps_the_first_convergence(capsys) -> None:
    result = command_json(capsys, "run", "--function", "bowl", "--lr", "0.5", "--steps", "7", "--no-stop")
    assert (result["status"], result["step"], result["converged_at"]) == ("converged", 7, 1)
    assert result["config"]["stop_on_converged"] is False


def test_a_stall_is_not_called_convergence(capsys) -> None:
    """lr 1e-18 changes nothing: it said "converged at step 1" with the loss unchanged."""
    result = command_json(capsys, "run", "--data", "linear", "--lr", "1e-18")
    assert result["status"] == "stalled" and result["converged_at"] is None
    assert result["message"].startswith("stalled") and "larger" in result["message"]
    assert len(set(result["loss"])) == 1
    assert "status    stalled" in command_text(capsys, "run", "--data", "linear", "--lr", "1e-18")


RACES = [
    ("--function", "valley", "--steps", "300", "--runner", "gd:lr=0.07",
     "--runner", "heavy:rule=momentum,lr=0.07,momentum=0.6", "--runner", "adam:rule=adam,lr=0.3"),
    ("--data", "linear", "--steps", "400", "--runner", "full:lr=0.5", "--runner", "mini:batch-size=8,lr=0.2",
     "--runner", "slow:lr=0.01", "--runner", "wild:lr=1.1"),
]
RUNNER_RUNS = [  # the same runners as `gdviz run` flags
    (["--function", "valley", "--steps", "300", "--lr", "0.07"],
     ["--function", "valley", "--steps", "300", "--rule", "momentum", "--lr", "0.07", "--momentum", "0.6"],
     ["--function", "valley", "--steps", "300", "--rule", "adam", "--lr", "0.3"]),
    (["--data", "linear", "--steps", "400", "--lr", "0.5"],
     ["--data", "linear", "--steps", "400", "--batch-size", "8", "--lr", "0.2"],
     ["--data", "linear", "--steps", "400", "--lr", "0.01"],
     ["--data", "linear", "--steps", "400", "--lr", "1.1"]),
]
KEYS = ("status", "message", "step", "converged_at", "diverged_at", "params", "final_loss")


@pytest.mark.parametrize("stop", [[], ["--no-stop"]], ids=["stop", "no-stop"])
@pytest.mark.parametrize("race, runs", list(zip(RACES, RUNNER_RUNS)), ids=["valley", "linear"])
def test_run_and_race_stop_each_runner_alike(capsys, race, runs, stop) -> None:
    raced = command_json(capsys, "race", *race, *stop)
    alone = [command_json(capsys, "run", *flags, *stop) for flags in runs]
    for r, a in zip(raced, alone):
        assert {k: r[k] for k in KEYS} == {k: a[k] for k in KEYS}, r["name"]
    converged = [r for r in raced if r["status"] == "converged"]
    assert converged
    if stop:  # went on past the first convergence, up to --steps
        assert all(r["step"] > r["converged_at"] for r in converged)
    else:
        assert all(r["step"] == r["converged_at"] for r in converged)


def test_the_race_table_says_where_each_runner_converged(capsys) -> None:
    raced = command_json(capsys, "race", *RACES[0])
    table = command_text(capsys, "race", *RACES[0])
    for r in raced:
        row = next(line for line in table.splitlines() if line.startswith(r["name"] + " "))
        assert f"converged at {r['converged_at']} " in row and r["status"] == "converged"
