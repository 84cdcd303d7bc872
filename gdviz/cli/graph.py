"""`gdviz graph`: the model and its loss as a computational graph, each node's value and gradient."""
from __future__ import annotations

import argparse
import json
import math
from typing import Any

from ..engine.graph import Graph, GraphError, flows, graph_of_run
from .base import CliError, Command
from . import lang
from .lang import QT_TRANSLATE_NOOP, translate
from .options import epilog, add_run_options, checked_run
from .report import out
from .values import count

GRAPH_EXAMPLES = QT_TRANSLATE_NOOP("Cli", """examples:
  tutorial 002's line, every training point, as JSON:
    gdviz graph --data linear --json
  one sample (row 3 of the training set) after 20 steps, as a table for a handout:
    gdviz graph --data linear --steps 20 --sample 3

output:
  Without --json: what the values run over, then one row per node in topological order (kind,
  value, gradient dL/dnode) and the links. With --json one object: model, loss, reduction,
  scope {sample, n}, step, loss_value, params, gradient {name: dL/dtheta}, nodes (in topological
  order, the loss last: id, label, kind, op, inputs, per_sample, value, grad), edges (from, to,
  local: the mean |d to / d from|, grad: the gradient flowing back through the link,
  vanishing: local below 1e-3) and update (the run's next step: rule, learning_rate,
  batch_size, grad, params_after; null after a divergence). On a batch, a node's value is its
  mean over the samples and its grad the sum over the samples (what a parameter collects).
  With --sample the graph sees one sample, so its gradient is that sample's; the run's update
  still uses the run's own batch. Numbers that are not finite are null.

exit status:
  0 when the graph was made; 2 for a bad flag, value, data file, sample or a model the graph
  cannot draw (one line on stderr: "gdviz: error: ...").
""")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """The `graph` subcommand's flags."""
    parser = sub.add_parser("graph", help=translate("Cli", "print the model's computational graph: values and gradients"),
                            description=translate("Cli", "Print the model and its loss as a computational graph: each node's "
                                        "value and gradient, in topological order."),
                            epilog=epilog(GRAPH_EXAMPLES))
    add_run_options(parser, keep_defaults=False)
    group = parser.add_argument_group(translate("Cli", "graph"))
    group.add_argument("--sample", metavar="I", type=count, default=None,
                       help=translate("Cli", "the graph of one training sample, by its 0-based row (default: every training sample)"))
    group.add_argument("--steps", metavar="N", type=count, default=0,
                       help=translate("Cli", "descend N steps first (default 0: the start)"))
    group.add_argument("--json", action="store_true", help=translate("Cli", "print one JSON object instead of a table"))
    return parser


def _num(value: Any) -> float | None:
    """A JSON-safe number: non-finite becomes None."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def graph_dict(graph: Graph, run) -> dict[str, Any]:
    """The graph as JSON-safe values (no NaN or infinity)."""
    update = run.preview()
    return {
        "format": "gdviz-graph", "version": 1,
        "model": graph.model, "loss": graph.loss_kind, "reduction": graph.reduction,
        "scope": {"sample": graph.sample, "n": graph.n}, "step": run.step,
        "loss_value": _num(graph.loss.value),
        "params": {name: _num(node.value) for name, node in graph.params.items()},
        "gradient": {name: _num(g) for name, g in graph.gradient().items()},
        "nodes": [{"id": n.id, "label": n.label, "kind": n.kind, "op": None if n.op is None else n.op.name,
                   "inputs": [i.id for i in n.inputs], "per_sample": n.per_sample,
                   "value": _num(n.value_summary()), "grad": _num(n.grad_summary())} for n in graph.order],
        "edges": [{"from": e.source, "to": e.target, "local": _num(e.local), "grad": _num(e.grad),
                   "vanishing": e.vanishing} for e in flows(graph)],
        "update": None if update is None else {
            "rule": update.rule.value, "learning_rate": _num(update.learning_rate),
            "batch_size": update.batch_size,
            "grad": {n: _num(g) for n, g in zip(run.param_names, update.grad)},
            "params_after": {n: _num(p) for n, p in zip(run.param_names, update.params_after)}},
    }


def graph_table(graph: Graph) -> str:
    """The graph as text: the scope, one row per node, then the links."""
    template, args = graph.scope()
    lines = ["{0} with {1} loss ({2}) on {3}".format(graph.model, graph.loss_kind, graph.reduction,
                                                        template.format(**args)),
             "{0:<10} {1:<10} {2:>14} {3:>14}".format("node", "kind", "value", "dL/dnode")]
    for n in graph.order:
        lines.append("{0:<10} {1:<10} {2:>14.6g} {3:>14.6g}".format(n.id, n.kind, n.value_summary(),
                                                                    n.grad_summary()))
    lines.append("links: " + ", ".join("{0} -> {1}{2}".format(e.source, e.target, " (vanishing)" if e.vanishing
                                                                else "") for e in flows(graph)))
    return "\n".join(lines)


def handle(args: argparse.Namespace) -> int:
    """Build the run, take --steps, print the graph as a table or JSON."""
    run = checked_run(args)
    n = 0 if run.dataset is None else run.dataset.n_train
    if args.sample is not None and n and args.sample >= n:
        raise CliError(translate("Cli", "--sample {0} is out of range: the training set has {1} samples (0 to {2})").format(
            args.sample, n, n - 1))
    run.advance(args.steps, stop_on_converged=False)
    try:
        graph = graph_of_run(run, sample=args.sample)
    except GraphError as exc:
        raise CliError(lang.engine_text(str(exc))) from None
    if args.json:
        out(json.dumps(graph_dict(graph, run), allow_nan=False, ensure_ascii=False))
    else:
        out(graph_table(graph))
    return 0


COMMAND = Command(add_parser, handle)
