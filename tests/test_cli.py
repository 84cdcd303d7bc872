"""The command line: `gdviz run` and `gdviz race` against the engine and the tutorials, JSON safety,
one-line errors."""

import json
import subprocess
import sys
import types
from dataclasses import replace
from enum import Enum
from pathlib import Path

import numpy as np
import pytest

from gdviz.cli import build_run, main, make_parser, result_dict, summary
from gdviz.engine import (PRESETS, BatchMode, ClipMode, Race, RaceEntry, Run, RunConfig, Schedule, Status,
                          UpdateRule, builtin, load_dataset)
from gdviz.engine.functions import FunctionObjective

REPO = Path(__file__).resolve().parents[1]
JSON_KEYS = {"status", "step", "epoch", "params", "loss", "loss_steps", "val_loss", "optimum",
             "diverged_at", "converged_at", "message", "config", "n_train", "n_val"}


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
    assert result["status"] == "stopped" and result["converged_at"] is None
    assert result["message"].startswith("stopped after 5 steps")
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


# ----- every update rule, its settings, function mode --------------------------------------------
def engine_run(config: RunConfig, steps: int, **live_changes) -> Run:
    """The run the CLI should have made: the preset's live settings with the changes, advanced headless."""
    base = (FunctionObjective(config.function).preset_live() if config.function
            else load_dataset(config).preset.live)
    run = Run(config, replace(base, **live_changes))
    run.advance(steps, stop_on_converged=False)
    return run


def status_after_steps(run: Run) -> str:
    """The status a command reports once its steps are taken: "stopped" for a run still descending."""
    return "stopped" if run.status is Status.RUNNING else run.status.value


def assert_same_result(result: dict, run: Run) -> None:
    assert result["step"] == run.step and result["status"] == status_after_steps(run)
    assert result["params"] == dict(zip(run.param_names, run.params.tolist()))  # JSON keeps floats exactly


@pytest.mark.parametrize("rule", list(UpdateRule))
def test_every_rule_runs_and_matches_the_engine(capsys, rule) -> None:
    result = run_json(capsys, "--data", "linear", "--rule", rule.value, "--steps", "40", "--no-stop")
    assert result["config"]["rule"] == rule.value
    assert_same_result(result, engine_run(RunConfig(data="linear"), 40, rule=rule))


HYPER_CASES = [
    (["--momentum", "0.6", "--lr", "0.05"], dict(rule=UpdateRule.MOMENTUM, momentum=0.6, learning_rate=0.05)),
    (["--rule", "nesterov", "--momentum", "0.5"], dict(rule=UpdateRule.NESTEROV, momentum=0.5)),
    (["--rule", "adam", "--beta1", "0.8", "--beta2", "0.99", "--epsilon", "1e-6"],
     dict(rule=UpdateRule.ADAM, beta1=0.8, beta2=0.99, epsilon=1e-6)),
    (["--beta2", "0.9"], dict(rule=UpdateRule.ADAM, beta2=0.9)),
    (["--rho", "0.95", "--epsilon", "1e-7"], dict(rule=UpdateRule.RMSPROP, rho=0.95, epsilon=1e-7)),
    (["--rule", "adagrad", "--epsilon", "1e-4", "--lr", "0.5"],
     dict(rule=UpdateRule.ADAGRAD, epsilon=1e-4, learning_rate=0.5)),
    (["--clip", "norm", "--clip-value", "0.5", "--schedule", "exponential", "--decay-rate", "0.3",
      "--decay-steps", "20"], dict(clip=ClipMode.NORM, clip_value=0.5, schedule=Schedule.EXPONENTIAL,
                                   decay_rate=0.3, decay_steps=20)),
    (["--clip", "value", "--schedule", "step", "--decay-steps", "7"],
     dict(clip=ClipMode.VALUE, schedule=Schedule.STEP, decay_steps=7)),
    (["--schedule", "inverse", "--rule", "momentum"], dict(schedule=Schedule.INVERSE, rule=UpdateRule.MOMENTUM)),
    (["--search-radius", "2"], dict(rule=UpdateRule.RANDOM_SEARCH, search_radius=2.0)),
    (["--rule", "direction-search", "--step-size", "0.05"], dict(rule=UpdateRule.DIRECTION_SEARCH, fixed_step=0.05)),
]


@pytest.mark.parametrize("flags, live", HYPER_CASES, ids=[" ".join(f) for f, _ in HYPER_CASES])
def test_rule_settings_reach_the_engine_and_the_config(capsys, flags, live) -> None:
    result = run_json(capsys, "--data", "linear", *flags, "--steps", "30", "--no-stop")
    for name, value in live.items():
        expected = value.value if isinstance(value, Enum) else value
        assert result["config"][name] == expected, name
    assert_same_result(result, engine_run(RunConfig(data="linear"), 30, **live))


def test_function_mode_by_flag(capsys) -> None:
    result = run_json(capsys, "--function", "valley", "--rule", "adam", "--lr", "0.3", "--init", "x=-6,y=1",
                      "--steps", "25", "--no-stop")
    config = result["config"]
    assert (config["function"], config["data"], config["standardise"], config["bad_feature"]) == (
        "valley", None, False, False)
    assert set(result["params"]) == {"x", "y"} and result["n_train"] == 0
    assert_same_result(result, engine_run(RunConfig(function="valley", init=(("x", -6.0), ("y", 1.0))), 25,
                                          rule=UpdateRule.ADAM, learning_rate=0.3))
    assert "function  valley" in summary(build_run(make_parser().parse_args(["run", "--function", "valley"])))


def test_standardise_and_bad_feature_flags(capsys) -> None:
    result = run_json(capsys, "--data", "linear", "--standardise", "--bad-feature", "--steps", "6")
    config = result["config"]
    assert (config["function"], config["standardise"], config["bad_feature"]) == (None, True, True)
    assert_same_result(result, engine_run(RunConfig(data="linear", standardise=True, bad_feature=True), 6))
    plain = run_json(capsys, "--data", "linear", "--steps", "0")["config"]
    assert (plain["function"], plain["standardise"], plain["bad_feature"]) == (None, False, False)


def test_summary_names_the_rule_and_its_settings(capsys) -> None:
    assert main(["run", "--rule", "adam", "--clip", "norm", "--schedule", "step", "--steps", "3"]) == 0
    out = capsys.readouterr().out
    assert "Adam (beta1 0.9, beta2 0.999, epsilon 1e-08), learning rate 0.1" in out
    assert "gradient clipped by norm to 1" in out and "step schedule (decay rate 0.5, decay steps 100)" in out


@pytest.mark.parametrize("flags", [
    ["--momentum", "1"], ["--beta1", "1.5"], ["--beta2", "-0.1"], ["--epsilon", "0"], ["--rho", "nan"],
    ["--clip-value", "0"], ["--clip-value", "2"], ["--decay-steps", "0"], ["--decay-rate", "0.3"],
    ["--rule", "adam", "--rho", "0.5"], ["--rule", "gradient", "--momentum", "0.5"],
    ["--rule", "random-search", "--clip", "norm"], ["--rule", "fixed", "--schedule", "step"],
    ["--rule", "newton"], ["--clip", "sideways"], ["--schedule", "cosine"], ["--search-radius", "-1"],
    ["--function", "nope"], ["--function", "valley", "--data", "linear"], ["--function", "valley", "--model", "line"],
    ["--function", "valley", "--standardise"], ["--function", "valley", "--batch", "mini"],
    ["--function", "valley", "--init", "w=1"],
])
def test_bad_rule_and_function_flags_are_one_line(flags, capsys) -> None:
    assert_one_line_error(capsys, main(["run", *flags]))


def assert_one_line_error(capsys, code: int) -> str:
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("gdviz: error:") and len(err.splitlines()) == 1
    assert "Traceback" not in err
    return err


# ----- races -----------------------------------------------------------------------------------------
def race_json(capsys, *flags: str) -> list[dict]:
    code = main(["race", *flags, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    return json.loads(out, parse_constant=_no_nan)


@pytest.mark.parametrize("name", list(PRESETS))
def test_race_presets_give_the_engine_results(capsys, name) -> None:
    results = race_json(capsys, "--preset", name, "--steps", "80")
    race = Race.from_preset(name)
    for run in race.runs:  # each runner stops as `gdviz run` would
        run.advance(80, stop_on_converged=True)
    assert [(r["name"], r["colour"]) for r in results] == [(e.name, e.colour) for e in race.entries]
    for result, run in zip(results, race.runs):
        assert JSON_KEYS <= set(result)
        assert_same_result(result, run)
        assert result["loss"][0] == pytest.approx(float(run.history.column("train_loss")[0]))


def test_a_preset_race_takes_the_presets_steps_and_a_diverging_runner_is_no_error(capsys) -> None:
    results = race_json(capsys, "--preset", "learning-rates")
    steps = PRESETS["learning-rates"].steps
    assert [r["status"] for r in results] == ["stopped", "stopped", "diverged"]
    assert results[0]["step"] == steps == results[0]["config"]["steps"]
    assert results[2]["diverged_at"] < steps and results[2]["final_loss"] is not None


def test_a_custom_race_matches_the_engine(capsys) -> None:
    results = race_json(capsys, "--data", "linear", "--steps", "50", "--seed", "7",
                        "--runner", "slow:rule=gradient,lr=0.05",
                        "--runner", "fast:rule=adam,lr=0.1,batch=mini,batch-size=8",
                        "--runner", "heavy:momentum=0.8,clip=norm,clip-value=0.5")
    preset = load_dataset(RunConfig(data="linear")).preset.live
    entries = [RaceEntry("slow", 0, replace(preset, learning_rate=0.05)),
               RaceEntry("fast", 1, replace(preset, rule=UpdateRule.ADAM, learning_rate=0.1,
                                            batch_mode=BatchMode.MINI, batch_size=8)),
               RaceEntry("heavy", 2, replace(preset, rule=UpdateRule.MOMENTUM, momentum=0.8, clip=ClipMode.NORM,
                                             clip_value=0.5))]
    race = Race(RunConfig(data="linear", seed=7), entries)
    for run in race.runs:
        run.advance(50, stop_on_converged=True)
    assert [r["name"] for r in results] == ["slow", "fast", "heavy"]
    assert [r["colour"] for r in results] == [0, 1, 2]
    for result, run in zip(results, race.runs):
        assert_same_result(result, run)
    assert results[1]["config"]["batch_size"] == 8 and results[2]["config"]["clip"] == "norm"


def test_race_flags_apply_to_every_runner(capsys) -> None:
    results = race_json(capsys, "--function", "valley", "--lr", "0.07", "--steps", "40",
                        "--runner", "gd:", "--runner", "heavy:rule=momentum,momentum=0.6")
    preset = PRESETS["valley-optimizers"]
    race = Race(preset.config, preset.entries[:2])
    for run in race.runs:
        run.advance(40, stop_on_converged=True)
    for result, run in zip(results, race.runs):
        assert_same_result(result, run)


def test_race_table_lists_every_runner(capsys) -> None:
    assert main(["race", "--preset", "valley-optimizers", "--steps", "200"]) == 0
    out = capsys.readouterr().out
    assert "Gradient descent, momentum, Adam in a narrow valley" in out and "function  valley" in out
    header = next(line for line in out.splitlines() if line.startswith("name"))
    assert header.split() == ["name", "rule", "lr", "status", "step", "final", "loss", "params"]
    for name in ("gradient descent", "momentum", "Adam"):
        assert any(line.startswith(name + " ") for line in out.splitlines())
    assert "converged at" in out


@pytest.mark.parametrize("flags", [
    [], ["--preset", "nope"], ["--runner", "a:"], ["--runner", "a:", "--runner", "a:"],
    ["--runner", "a:lr=-1", "--runner", "b:"], ["--runner", "a:foo=1", "--runner", "b:"],
    ["--runner", "a:lr", "--runner", "b:"], ["--runner", "nameonly", "--runner", "b:"],
    ["--runner", ":lr=0.1", "--runner", "b:"], ["--runner", "a:lr=0.1,lr=0.2", "--runner", "b:"],
    ["--runner", "a:batch=huge", "--runner", "b:"], ["--runner", "a:rule=adam,rho=0.5", "--runner", "b:"],
    ["--runner", "a:momentum=1", "--runner", "b:"], ["--runner", "a:", "--runner", "b:", "--steps", "-3"],
    [f"--runner=r{i}:" for i in range(7)], ["--preset", "batch-modes", "--runner", "a:", "--runner", "b:"],
    ["--preset", "batch-modes", "--lr", "0.1"], ["--preset", "batch-modes", "--standardise"],
    ["--function", "valley", "--batch", "mini", "--runner", "a:", "--runner", "b:"],
    ["--data", "linear", "--init", "x=1", "--runner", "a:", "--runner", "b:"],
])
def test_bad_races_are_one_line_and_exit_2(capsys, flags) -> None:
    assert_one_line_error(capsys, main(["race", *flags]))


def test_race_help_shows_the_examples(capsys) -> None:
    assert main(["race", "--help"]) == 0
    out = capsys.readouterr().out
    assert "gdviz race --preset valley-optimizers" in out and "--runner" in out
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "gdviz race --preset valley-optimizers" in out and "race" in out


def test_race_json_in_a_subprocess() -> None:
    done = _python("-m", "gdviz", "race", "--preset", "learning-rates", "--steps", "40", "--json")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout, parse_constant=_no_nan)
    assert [r["status"] for r in results][-1] == "diverged"
