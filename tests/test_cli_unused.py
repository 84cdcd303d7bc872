"""One rule for flags that change nothing: refused with a line saying why, in `run`, the window's flags,
`race` and every race runner alike (issue 9, item 10); and each refusal is honest: the setting it refuses
really leaves the run unchanged."""

import json
import re
import shlex
import sys
import types
from dataclasses import replace

import numpy as np
import pytest

from gdviz.cli import main
from gdviz.cli.options import LIVE_FLAGS
from gdviz.cli.unused import USED_BY, why_unused
from gdviz.engine.types import SampleOrder
from gdviz.engine import BatchMode, ClipMode, LiveSettings, ModelKind, Run, RunConfig, Schedule, UpdateRule, builtin


def one_line_error(capsys, argv: list[str]) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    assert err.startswith("gdviz: error:") and len(err.splitlines()) == 1
    return err


RUN_CASES = [
    (["--rule", "fixed", "--lr", "5"], "--lr has no effect with --rule fixed"),
    (["--rule", "random-search", "--lr", "5"], "--lr has no effect with --rule random-search"),
    (["--step-size", "0.1", "--lr", "0.2"], "(--step-size without --rule means --rule fixed)"),
    (["--batch", "full", "--batch-size", "8"], "--batch-size has no effect with --batch full"),
    (["--batch", "stochastic", "--batch-size", "8"], "--batch-size has no effect with --batch stochastic"),
    (["--rule", "random-search", "--batch", "mini"], "--batch has no effect with --rule random-search"),
    (["--search-radius", "2", "--batch-size", "4"], "--batch-size has no effect with --rule random-search"),
    (["--rule", "direction-search", "--clip", "norm"], "--clip has no effect with --rule direction-search"),
    (["--rule", "adam", "--rho", "0.5"], "--rho has no effect with --rule adam: it is read by rmsprop"),
    (["--rule", "gradient", "--epsilon", "1e-6"], "--epsilon has no effect with --rule gradient"),
    (["--rule", "fixed", "--schedule", "step"], "--schedule has no effect with --rule fixed"),
    (["--clip-value", "2"], "--clip-value has no effect without --clip"),
    (["--decay-rate", "0.3"], "--decay-rate has no effect without --schedule"),
    (["--model", "constant", "--standardise"], "--standardise has no effect with --model constant"),
    (["--function", "bowl", "--batch", "full"], "--batch has no effect with --function"),
    (["--function", "bowl", "--batch-size", "8"], "--batch-size has no effect with --function"),
]


@pytest.mark.parametrize("flags, message", RUN_CASES, ids=[" ".join(f) for f, _ in RUN_CASES])
def test_run_refuses_a_flag_that_changes_nothing(capsys, flags, message) -> None:
    assert message in one_line_error(capsys, ["run", *flags])


@pytest.mark.parametrize("flags, message", RUN_CASES[:4], ids=[" ".join(f) for f, _ in RUN_CASES[:4]])
def test_the_window_flags_follow_the_same_rule(monkeypatch, capsys, flags, message) -> None:
    fake = types.ModuleType("gdviz.ui.app")
    fake.run_gui = lambda args: pytest.fail("the window opened")
    monkeypatch.setitem(sys.modules, "gdviz.ui.app", fake)
    assert message in one_line_error(capsys, flags)


RACE_CASES = [
    (["--function", "bowl", "--runner", "a:batch=mini", "--runner", "b:"],
     "runner 'a:batch=mini': batch has no effect with --function"),
    (["--runner", "a:rule=fixed,lr=5", "--runner", "b:"], "runner 'a:rule=fixed,lr=5': lr has no effect with --rule fixed"),
    (["--runner", "a:batch=full,batch-size=8", "--runner", "b:"], "batch-size has no effect with --batch full"),
    (["--runner", "a:", "--runner", "b:rule=adam,momentum=0.5"], "momentum has no effect with --rule adam"),
    (["--runner", "a:step-size=0.1,lr=0.2", "--runner", "b:"], "(--step-size without --rule means --rule fixed)"),
    (["--lr", "0.3", "--runner", "a:rule=fixed", "--runner", "b:rule=random-search"],
     "--lr has no effect on any runner ('a' runs with --rule fixed"),
    (["--batch", "full", "--batch-size", "8", "--runner", "a:", "--runner", "b:"],
     "--batch-size has no effect on any runner"),
    (["--function", "bowl", "--batch", "mini", "--runner", "a:", "--runner", "b:"], "--batch has no effect with --function"),
]


@pytest.mark.parametrize("flags, message", RACE_CASES, ids=[" ".join(f) for f, _ in RACE_CASES])
def test_race_and_its_runners_follow_the_same_rule(capsys, flags, message) -> None:
    assert message in one_line_error(capsys, ["race", *flags])


def test_a_race_flag_read_by_some_runner_is_accepted(capsys) -> None:
    code = main(["race", "--lr", "0.3", "--steps", "5", "--runner", "a:rule=fixed", "--runner", "b:", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    a, b = json.loads(out)
    assert (a["config"]["rule"], b["config"]["rule"], b["config"]["learning_rate"]) == ("fixed", "gradient", 0.3)


def test_the_rule_is_documented_in_every_help(capsys) -> None:
    for argv in (["--help"], ["run", "--help"], ["race", "--help"], ["gui", "--help"]):
        assert main(argv) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "flags that change nothing:" in out, argv
        assert "--lr with --rule fixed, --batch-size with --batch full" in out, argv


# ----- the refusals are honest -------------------------------------------------------------------------
ALTERNATIVES = {  # LiveSettings field → two values that would differ if the setting were read
    "learning_rate": (0.05, 0.2), "batch_mode": (BatchMode.FULL, BatchMode.MINI), "batch_size": (4, 16),
    "fixed_step": (0.01, 0.05), "momentum": (0.5, 0.9), "beta1": (0.5, 0.9), "beta2": (0.9, 0.999),
    "epsilon": (1e-8, 1e-1), "rho": (0.5, 0.9), "clip": (ClipMode.NONE, ClipMode.NORM), "clip_value": (0.01, 0.5),
    "schedule": (Schedule.CONSTANT, Schedule.STEP), "decay_rate": (0.1, 0.9), "decay_steps": (2, 5),
    "search_radius": (1.0, 3.0), "order": (SampleOrder.SHUFFLED, SampleOrder.IN_ORDER),
}


def _path(dataset, live: LiveSettings) -> np.ndarray:
    run = Run(RunConfig(data="linear"), live, dataset=dataset)
    run.advance(12, stop_on_converged=False)
    return run.history.column("params").copy()


@pytest.mark.parametrize("rule", list(UpdateRule))
def test_a_refused_setting_really_changes_nothing(rule) -> None:
    """For every configuration of the rule, a setting the rule calls unused leaves the path bit for bit."""
    dataset = builtin("linear")
    for mode in (BatchMode.FULL, BatchMode.MINI):
        for clip in (ClipMode.NONE, ClipMode.VALUE):
            for schedule in (Schedule.CONSTANT, Schedule.INVERSE):
                base = LiveSettings(rule=rule, batch_mode=mode, batch_size=8, clip=clip, clip_value=2.0,
                                    schedule=schedule, decay_steps=3)
                for dest in USED_BY:
                    if why_unused(dest, base, function=False, model=ModelKind.LINE) is None:
                        continue
                    field = LIVE_FLAGS[dest][0]
                    one, other = (replace(base, **{field: v}) for v in ALTERNATIVES[field])
                    assert np.array_equal(_path(dataset, one), _path(dataset, other)), (dest, base)


@pytest.mark.parametrize("rule, clip, dests", [
    (UpdateRule.MOMENTUM, ClipMode.VALUE, ("lr", "batch_size", "momentum", "clip_value", "decay_rate", "decay_steps")),
    (UpdateRule.ADAM, ClipMode.NONE, ("beta1", "beta2", "epsilon", "order")),
])
def test_the_alternatives_would_show_a_setting_that_is_read(rule, clip, dests) -> None:
    """The check above can fail: a setting that is read changes the path with these values."""
    dataset = builtin("linear")
    base = LiveSettings(rule=rule, batch_mode=BatchMode.MINI, batch_size=8, clip=clip, clip_value=2.0,
                        schedule=Schedule.INVERSE, decay_steps=3)
    for dest in dests:
        assert why_unused(dest, base, function=False, model=ModelKind.LINE) is None
        field = LIVE_FLAGS[dest][0]
        one, other = (replace(base, **{field: v}) for v in ALTERNATIVES[field])
        assert not np.array_equal(_path(dataset, one), _path(dataset, other)), dest


def test_standardise_changes_nothing_for_the_constant_model() -> None:
    paths = []
    for standardise in (False, True):
        run = Run(RunConfig(data="linear", model=ModelKind.CONSTANT, standardise=standardise))
        run.advance(20, stop_on_converged=False)
        paths.append(run.history.column("params").copy())
    np.testing.assert_allclose(paths[0], paths[1], rtol=1e-12)


def _examples() -> list[list[str]]:
    """Every `gdviz ...` example line of the helps that needs no file of the user's."""
    from gdviz.cli.gui import GUI_EXAMPLES
    from gdviz.cli.race import RACE_EXAMPLES
    from gdviz.cli.run import RUN_EXAMPLES
    text = re.sub(r"\\\n\s*", "", "\n".join((GUI_EXAMPLES, RUN_EXAMPLES, RACE_EXAMPLES)))
    lines = [line.split("  ")[0] if line.startswith("gdviz ") else line
             for line in (raw.strip() for raw in text.splitlines())]
    return [shlex.split(line)[1:] for line in lines if line.startswith("gdviz") and "--csv" not in line]


@pytest.mark.parametrize("argv", _examples(), ids=" ".join)
def test_every_example_of_the_help_follows_the_rule(argv) -> None:
    """The helps' examples are accepted: none gives a flag that changes nothing."""
    from gdviz.cli import build_race, build_run, make_parser
    args = make_parser().parse_args(argv)
    if args.command == "race":
        build_race(args)
    else:
        build_run(args)


@pytest.mark.parametrize("argv, message", [
    (["--data", "rooms", "--huber-delta", "2"], "--huber-delta has no effect with --loss squared"),
    (["--data", "rooms", "--loss", "absolute", "--huber-delta", "2"], "--huber-delta has no effect with --loss absolute"),
    (["--data", "rooms", "--degree", "3"], "--degree has no effect with --model line"),
    (["--data", "rooms", "--model", "poly", "--hidden", "3"], "--hidden has no effect with --model poly"),
    (["--data", "rooms", "--activation", "relu"], "--activation has no effect with --model line"),
    (["--data", "quadratic", "--model", "poly", "--standardise"], "--standardise has no effect with --model poly"),
    (["--data", "beans", "--order", "in-order"], None),  # the beans' preset is stochastic: order is read
    (["--data", "rooms", "--order", "in-order"], "--order has no effect with --batch full"),
    (["--function", "sigmoid", "--loss", "huber"], "--loss has no effect with --function"),
    (["--function", "relu", "--order", "in-order"], "--order has no effect with --function"),
])
def test_model_and_loss_flags_that_change_nothing_are_refused(capsys, argv, message) -> None:
    if message is None:
        assert main(["run", *argv, "--steps", "3"]) == 0
        capsys.readouterr()
        return
    assert message in one_line_error(capsys, ["run", *argv])
