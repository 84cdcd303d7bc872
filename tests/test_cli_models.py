"""The command line's model, loss, data and order flags (issue 10)."""
import json

import pytest

from gdviz.cli import main


def run_json(capsys, *flags: str) -> dict:
    assert main(["run", *flags, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def test_two_layer_reports_parameters_by_name(capsys):
    doc = run_json(capsys, "--data", "rooms", "--model", "two-layer", "--init", "k1=1,b1=0,k2=1,b2=0",
                   "--steps", "0")
    assert list(doc["params"]) == ["k1", "b1", "k2", "b2"] and doc["params"]["k1"] == 1.0
    assert doc["final_loss"] == pytest.approx(548.168475332, abs=5e-10)
    assert abs(doc["grad"]["k1"]) < 0.02 * abs(doc["grad"]["k2"])
    assert doc["optimum_kind"] == "best so far" and doc["config"]["model"] == "two-layer"
    assert doc["config"]["param_names"] == ["k1", "b1", "k2", "b2"]


def test_hidden_units_and_polynomial_names(capsys):
    doc = run_json(capsys, "--data", "sine", "--model", "two-layer", "--hidden", "2", "--activation", "relu",
                   "--steps", "5")
    assert list(doc["params"]) == ["k1_1", "k1_2", "b1_1", "b1_2", "k2_1", "k2_2", "b2"]
    assert doc["config"]["activation"] == "relu" and doc["config"]["hidden"] == 2
    doc = run_json(capsys, "--data", "quadratic", "--model", "poly", "--degree", "3", "--init", "w2=1", "--steps", "1")
    assert list(doc["params"]) == ["b", "w1", "w2", "w3"] and doc["config"]["init"]["w2"] == 1.0


def test_rooms_least_squares_and_losses(capsys):
    doc = run_json(capsys, "--data", "rooms", "--steps", "0")
    assert doc["optimum"]["w"] == pytest.approx(9.102109, abs=5e-7) and doc["optimum_kind"] == "closed form"
    doc = run_json(capsys, "--data", "outliers", "--loss", "huber", "--huber-delta", "0.5", "--steps", "3")
    assert doc["config"]["loss"] == "huber" and doc["config"]["huber_delta"] == 0.5


def test_in_order_beans_reproduce_tutorial_001(capsys):
    doc = run_json(capsys, "--data", "beans", "--order", "in-order", "--steps", "100")
    assert doc["config"]["order"] == "in-order" and doc["epoch"] == 1


@pytest.mark.parametrize("flags, message", [
    (["--model", "poly", "--degree", "1"], "degree must be from 2 to 9, got 1"),
    (["--model", "two-layer", "--hidden", "9"], "hidden units must be from 1 to 8, got 9"),
    (["--loss", "huber", "--huber-delta", "0"], "must be a positive number, got 0"),
    (["--data", "rooms", "--model", "two-layer", "--init", "w=1"], "unknown parameter 'w'"),
    (["--loss", "absolute", "--reduction", "half-sum"], "the absolute loss has no half-sum reduction"),
])
def test_bad_values_are_one_line(capsys, flags, message):
    assert main(["run", *flags]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("gdviz: error:") and len(err.splitlines()) == 1 and message in err
