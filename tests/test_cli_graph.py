"""`gdviz graph`: the graph of a run's model as strict JSON or a table, against the run itself."""
from __future__ import annotations

import json

import numpy as np
import pytest

from gdviz.cli import main
from gdviz.cli.graph import graph_dict
from gdviz.engine.graph import build_graph
from gdviz.engine import Run, RunConfig


def _no_nan(token: str) -> None:
    raise ValueError("JSON holds {0}".format(token))


def graph_json(capsys, *flags: str) -> dict:
    code = main(["graph", *flags, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    return json.loads(out, parse_constant=_no_nan)


@pytest.mark.parametrize("model", ["constant", "origin", "line"])
@pytest.mark.parametrize("reduction", ["mean", "sum", "half-sum"])
def test_nodes_in_topological_order_with_the_runs_loss_and_gradient(capsys, model, reduction):
    result = graph_json(capsys, "--data", "linear", "--model", model, "--reduction", reduction, "--steps", "4")
    run = Run(RunConfig(data="linear", model=model, reduction=reduction))
    run.advance(4, stop_on_converged=False)
    loss, grad = run.objective.loss_grad(run.params)
    assert result["step"] == 4 and result["model"] == model and result["reduction"] == reduction
    assert result["loss_value"] == pytest.approx(float(loss), rel=1e-12)
    assert list(result["gradient"]) == list(run.param_names)
    np.testing.assert_allclose(list(result["gradient"].values()), grad, rtol=1e-12)
    ids = [n["id"] for n in result["nodes"]]
    assert ids[-1] == "L" and set(run.param_names) < set(ids) and "y" in ids
    for edge in result["edges"]:
        assert ids.index(edge["from"]) < ids.index(edge["to"])
    assert {(e["from"], e["to"]) for e in result["edges"]} == {(i, n["id"]) for n in result["nodes"]
                                                                for i in n["inputs"]}
    kinds = {n["id"]: n["kind"] for n in result["nodes"]}
    assert kinds["L"] == "loss" and kinds["y"] == "input" and all(kinds[p] == "parameter" for p in run.param_names)
    assert result["scope"] == {"sample": None, "n": 80}
    # a full-batch run's next update uses the very gradient the graph computed
    np.testing.assert_allclose(list(result["update"]["grad"].values()), grad, rtol=1e-12)


def test_one_sample(capsys):
    result = graph_json(capsys, "--data", "beans", "--sample", "7")
    run = Run(RunConfig(data="beans"))
    x, y = run.dataset.x_train[7], run.dataset.y_train[7]
    (w,) = run.params
    assert result["scope"] == {"sample": 7, "n": 1}
    nodes = {n["id"]: n for n in result["nodes"]}
    assert nodes["x"]["value"] == x and nodes["y"]["value"] == y
    scale = {"mean": 1.0, "sum": 1.0, "half-sum": 0.5}[result["reduction"]]
    assert result["gradient"]["w"] == pytest.approx(scale * 2 * (w * x - y) * x, rel=1e-12)


def test_non_finite_values_are_null(capsys):
    result = graph_json(capsys, "--data", "house", "--lr", "1", "--steps", "40")
    assert result["update"] is None  # diverged: no next step
    run = Run(RunConfig(data="linear"))
    graph = build_graph("line", {"w": 1e200, "b": -1e200}, run.dataset.x_train, run.dataset.y_train)
    data = json.loads(json.dumps(graph_dict(graph, run), allow_nan=False), parse_constant=_no_nan)
    assert data["loss_value"] is None and data["nodes"][-1]["value"] is None  # (ŷ − y)² overflows
    assert data["gradient"]["w"] < -1e199  # 2(ŷ − y)·x/n does not
    assert data["params"] == {"w": 1e200, "b": -1e200}


def test_table_without_json(capsys):
    assert main(["graph", "--data", "linear", "--sample", "0"]) == 0
    out = capsys.readouterr().out
    assert "one sample (#0)" in out and out.splitlines()[-1].startswith("links: x -> yhat")
    assert [line.split()[0] for line in out.splitlines()[2:-1]] == ["x", "w", "b", "yhat", "y", "L"]


@pytest.mark.parametrize("flags,words", [
    (["--data", "house", "--sample", "6"], "--sample 6 is out of range: the training set has 6 samples (0 to 5)"),
    (["--function", "bowl"], "function mode has no model"),
    (["--data", "linear", "--sample", "-1"], "--sample"),
])
def test_refusals_are_one_line(capsys, flags, words):
    assert main(["graph", *flags]) == 2
    out, err = capsys.readouterr()
    assert out == "" and words in err and err.count("\n") == 1
