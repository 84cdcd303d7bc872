"""The command line: `gdviz run` results against the tutorials, JSON safety, one-line errors."""

import json
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from gdviz.cli import build_run, main, make_parser, result_dict, summary
from gdviz.engine import builtin

REPO = Path(__file__).resolve().parents[1]
JSON_KEYS = {"status", "step", "epoch", "params", "loss", "loss_steps", "val_loss", "optimum",
             "diverged_at", "message", "config", "n_train", "n_val"}


def _no_nan(token: str) -> None:
    raise ValueError(f"JSON holds {token}")


def run_json(capsys, *flags: str) -> dict:
    """`gdviz run --json` in-process; checks the exit status and that the JSON is strict."""
    code = main(["run", *flags, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    return json.loads(out, parse_constant=_no_nan)


def test_json_has_the_documented_keys(capsys) -> None:
    result = run_json(capsys, "--data", "linear", "--steps", "5")
    assert JSON_KEYS <= set(result)
    assert result["status"] == "running"
    assert result["loss_steps"] is None
    assert set(result["params"]) == {"w", "b"}
    assert (result["n_train"], result["n_val"]) == (80, 20)
    assert result["config"]["model"] == "line" and result["config"]["batch_mode"] == "full"


def test_loss_starts_at_the_initial_loss_and_has_one_entry_a_step(capsys) -> None:
    result = run_json(capsys, "--data", "linear", "--steps", "7")
    data = builtin("linear")
    w, b = result["config"]["init"]["w"], result["config"]["init"]["b"]
    assert result["step"] == 7
    assert len(result["loss"]) == result["step"] + 1 == len(result["val_loss"])
    assert result["loss"][0] == pytest.approx(np.mean((w * data.x_train + b - data.y_train) ** 2))
    assert result["val_loss"][0] == pytest.approx(np.mean((w * data.x_val + b - data.y_val) ** 2))


def test_zero_steps_is_the_initial_state(capsys) -> None:
    result = run_json(capsys, "--steps", "0")
    assert result["step"] == 0
    assert len(result["loss"]) == 1
    assert result["status"] == "ready"


def test_tutorial_002_first_update(capsys) -> None:
    result = run_json(capsys, "--data", "linear", "--lr", "0.1", "--steps", "1")
    assert result["params"]["b"] == pytest.approx(0.80119529, abs=1e-8)
    assert result["params"]["w"] == pytest.approx(0.04511107, abs=1e-8)
    assert result["loss"][0] == pytest.approx(2.7421577700550976, rel=1e-12)


def test_house_optimum_is_the_normal_equations(capsys) -> None:
    result = run_json(capsys, "--data", "house", "--steps", "0")
    assert result["optimum"]["b"] == pytest.approx(491072 / 4003, rel=1e-12)
    assert result["optimum"]["w"] == pytest.approx(4347 / 4003, rel=1e-12)
    assert result["val_loss"] is None


def test_tutorial_000_b_only_descent(capsys) -> None:
    result = run_json(capsys, "--data", "house", "--model", "constant", "--reduction", "half-sum",
                      "--lr", "1e-4", "--init", "b=1", "--steps", "10000")
    assert set(result["params"]) == {"b"}
    assert result["config"]["init"] == {"b": 1.0}
    assert 230 < result["params"]["b"] < result["optimum"]["b"] == pytest.approx(240.5)


def test_a_diverging_run_is_a_lesson_not_an_error(capsys) -> None:
    result = run_json(capsys, "--data", "linear", "--lr", "1.1")
    assert result["status"] == "diverged"
    assert isinstance(result["diverged_at"], int) and result["diverged_at"] > 0
    assert len(result["loss"]) == result["step"] + 1


def test_flags_override_the_preset_and_the_rest_comes_from_it(capsys) -> None:
    config = run_json(capsys, "--data", "beans", "--batch-size", "10", "--steps", "3")["config"]
    assert (config["batch_mode"], config["batch_size"], config["learning_rate"]) == ("mini", 10, 0.1)
    assert (config["model"], config["reduction"]) == ("origin", "sum")


def test_human_summary_shows_params_beside_the_optimum(capsys) -> None:
    assert main(["run", "--data", "linear", "--lr", "0.1", "--steps", "1"]) == 0
    out = capsys.readouterr().out
    assert "w = 0.0451111" in out and "b = 0.801195" in out
    assert "optimum 1.96896" in out
    assert "validation" in out


@pytest.mark.slow
def test_long_runs_report_the_steps_of_a_thinned_history(capsys) -> None:
    result = run_json(capsys, "--data", "house", "--steps", "1100000", "--no-stop")
    assert result["step"] == 1_100_000
    steps = result["loss_steps"]
    assert steps is not None and len(steps) == len(result["loss"]) < result["step"] + 1
    assert steps[0] == 0 and steps[-1] == result["step"]


def test_results_of_a_function_run_are_json_safe() -> None:
    """The window may build function runs (no data set) through build_run and report them."""
    args = make_parser().parse_args(["run", "--lr", "0.1"])
    args.function = "saddle"  # no minimum: the optimum is null and f falls without bound
    run = build_run(args)
    run.advance(400)
    result = json.loads(json.dumps(result_dict(run), allow_nan=False), parse_constant=_no_nan)
    assert (result["optimum"], result["n_train"], result["config"]["function"]) == (None, 0, "saddle")
    assert "function  saddle" in summary(run)


def test_the_window_gets_the_parsed_flags(monkeypatch) -> None:
    seen = []
    fake = types.ModuleType("gdviz.ui.app")
    fake.run_gui = lambda args: seen.append(args) or 0
    monkeypatch.setitem(sys.modules, "gdviz.ui.app", fake)
    assert main(["--data", "beans", "--lr", "0.5"]) == 0
    assert main(["gui", "--batch", "full"]) == 0
    first, second = seen
    assert (first.command, first.data, first.lr, first.batch) == ("gui", "beans", 0.5, None)
    assert (second.command, second.data, second.batch) == ("gui", None, "full")


@pytest.mark.parametrize("flags", [
    ["--csv", "MISSING"], ["--lr", "0"], ["--lr", "-1"], ["--init", "w=abc"], ["--init", "q=1"],
    ["--steps", "-1"], ["--csv", "TEXT"], ["--model", "cubic"], ["--x-col", "0"],
    ["--model", "constant", "--init", "w=1"], ["--val-fraction", "1"], ["--nonsense"],
])
def test_bad_input_is_one_line_and_exit_2(flags, tmp_path, capsys) -> None:
    text = tmp_path / "text.csv"
    text.write_text("x,y\n1,2\n2,three\n3,4\n")
    paths = {"MISSING": str(tmp_path / "missing.csv"), "TEXT": str(text)}
    code = main(["run", *[paths.get(f, f) for f in flags]])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("gdviz: error:")
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_bad_flags_fail_before_the_window_opens(monkeypatch, capsys) -> None:
    fake = types.ModuleType("gdviz.ui.app")
    fake.run_gui = lambda args: pytest.fail("the window opened")
    monkeypatch.setitem(sys.modules, "gdviz.ui.app", fake)
    assert main(["--csv", "no-such-file.csv"]) == 2
    assert capsys.readouterr().err.startswith("gdviz: error: cannot read no-such-file.csv")


def test_help_returns_0(capsys) -> None:
    assert main(["run", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--steps" in out and "gdviz run --data linear --lr 0.1 --steps 1 --json" in out


def _python(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=120)


def test_main_py_run_json_in_a_subprocess() -> None:
    done = _python("main.py", "run", "--json", "--steps", "3")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout, parse_constant=_no_nan)
    assert result["step"] == 3 and len(result["loss"]) == 4


def test_main_py_help_in_a_subprocess() -> None:
    done = _python("main.py", "--help")
    assert done.returncode == 0, done.stderr
    assert "usage: gdviz" in done.stdout and "run" in done.stdout and "examples:" in done.stdout


def test_bad_flag_in_a_subprocess_has_no_traceback() -> None:
    done = _python("-m", "gdviz", "run", "--init", "w=abc")
    assert done.returncode == 2
    assert done.stderr.startswith("gdviz: error:") and len(done.stderr.splitlines()) == 1
