"""A small reverse-mode differentiator: every model as a computational graph, node by node.

Read it like micrograd. A `Node` holds a value and, after `Graph.backward()`, ∂L/∂node. An `Op`
says how a node is computed from its inputs (`forward`) and how it changes with each of them
(`local`). Values are per-sample numpy vectors (parameters are scalars broadcast over the
samples); the loss node reduces them to one number. The forward pass also stores each node's
local derivatives, so the backward pass is the chain rule and nothing else:
∂L/∂input += ∂L/∂node · ∂node/∂input, in reverse topological order.

Pure numpy, no Qt. Text for the maths panel is built from the module-level templates below, so a
window can translate each template before filling it in.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

KINDS = ("input", "parameter", "operation", "loss")
MODELS = ("constant", "origin", "line", "poly", "two-layer")
LOSSES: dict[str, tuple[str, ...]] = {"squared": ("mean", "sum", "half-sum"), "absolute": ("mean", "sum"),
                                      "huber": ("mean", "sum")}
ACTIVATIONS = ("sigmoid", "relu")
MAX_DEGREE = 9
MAX_HIDDEN = 8
VANISHING = 1e-3  # a link whose mean |local derivative| is below this is marked as vanishing

# ----- text templates (translate the template, then .format(**args)) ----------------------------
FORWARD_INPUT_ONE = "{node} = {value} (sample {index})"
FORWARD_INPUT_BATCH = "{node}: {n} samples, mean {value}"
FORWARD_PARAM = "{node} = {value} (parameter)"
FORWARD_ONE = "{node} = {numbers} = {value}"
FORWARD_BATCH = "{node}; mean over the {n} samples: {value}"
FORWARD_SCALAR = "{node} = {value}"
BACKWARD_LOSS = "∂L/∂L = 1 (the start of the backward pass)"
BACKWARD_ONE = "∂L/∂{node} = {terms} = {numbers} = {value}"
BACKWARD_BATCH_SUM = "∂L/∂{node} = Σᵢ [{terms}] = {value}"
BACKWARD_BATCH = "∂L/∂{node}ᵢ = {terms}; summed over the {n} samples: {value}"
UPDATE_GRADIENT = "{name} ← {name} − η·∂L/∂{name} = {old} − {rate}·{grad} = {new}"
UPDATE_RULE = "{name}: {old} → {new} (by the run's update rule)"
UPDATE_UNKNOWN = "{name} = {old}; ∂L/∂{name} = {grad} (no update rule given)"
SCOPE_SAMPLE = "one sample (#{index})"
SCOPE_BATCH = "{n} samples: values are means, gradients are sums over the samples"

# ----- messages ------------------------------------------------------------------------------------
BAD_MODEL = "the graph has no model '{0}' (models: {1})"
BAD_LOSS = "the graph has no loss '{0}' (losses: {1})"
BAD_REDUCTION = "the {0} loss has no reduction '{1}' (use {2})"
BAD_DELTA = "Huber's delta must be a positive finite number, got {0!r}"
BAD_DEGREE = "the polynomial degree must be a whole number from 1 to {0}, got {1!r}"
BAD_HIDDEN = "the number of hidden units must be a whole number from 1 to {0}, got {1!r}"
BAD_ACTIVATION = "the graph has no activation '{0}' (use {1})"
BAD_PARAMS = "model '{0}' needs the parameter {1} (its parameters: {2})"
EXTRA_PARAMS = "model '{0}' has no parameter {1} (its parameters: {2})"
BAD_VALUE = "parameter {0} must be a finite number, got {1!r}"
BAD_DATA = "x and y must be 1-D arrays of the same non-zero length, got {0} and {1} values"
BAD_SAMPLE = "sample {0} is out of range: there are {1} samples (0 to {2})"
NOT_FINITE = "the {0} values must be finite numbers"


class GraphError(ValueError):
    """A one-line reason why a graph cannot be built."""


# ----- operations ----------------------------------------------------------------------------------
def fmt(v: float) -> str:
    """A number for the maths panel: 6 significant digits, a true minus sign."""
    return "{0:.6g}".format(float(v)).replace("-", "−")


def _arg(v: float) -> str:
    """A number inside a formula: negative ones in parentheses."""
    text = fmt(v)
    return "(" + text + ")" if text.startswith("−") else text


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class Op:
    """How a node is computed from its inputs (forward) and how it changes with each (local)."""

    name = ""

    def forward(self, *v: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def local(self, out: np.ndarray, *v: np.ndarray) -> tuple:
        """∂out/∂vᵢ for every input i (arrays or scalars, broadcastable to the samples)."""
        raise NotImplementedError

    def formula(self, a: list[str], out: str = "") -> str:
        """The node as a formula of its inputs' names (or numbers)."""
        raise NotImplementedError

    def local_formula(self, i: int, a: list[str], out: str) -> str:
        """∂out/∂(input i) as a formula of the inputs' names (or numbers) and the output's."""
        raise NotImplementedError


class Mul(Op):
    """a·b."""

    name = "mul"

    def forward(self, a, b):
        return a * b

    def local(self, out, a, b):
        return b, a

    def formula(self, a, out=""):
        return "{0}·{1}".format(*a)

    def local_formula(self, i, a, out):
        return a[1 - i]


class Add(Op):
    """a + b + …"""

    name = "add"

    def forward(self, *v):
        return sum(v[1:], v[0])

    def local(self, out, *v):
        return (1.0,) * len(v)

    def formula(self, a, out=""):
        return " + ".join(a)

    def local_formula(self, i, a, out):
        return "1"


class Linear(Op):
    """k·x + b as one node, as tutorial 004's Linear(x, weight, bias)."""

    name = "linear"

    def forward(self, x, k, b):
        return k * x + b

    def local(self, out, x, k, b):
        return k, x, 1.0

    def formula(self, a, out=""):
        return "{1}·{0} + {2}".format(*a)

    def local_formula(self, i, a, out):
        return (a[1], a[0], "1")[i]


class Sigmoid(Op):
    """σ(z) = 1/(1 + e^(−z)), computed without overflow for any z."""

    name = "sigmoid"

    def forward(self, z):
        return np.exp(-np.logaddexp(0.0, -z))

    def local(self, out, z):
        return (out * (1.0 - out),)

    def formula(self, a, out=""):
        return "σ({0})".format(a[0])

    def local_formula(self, i, a, out):
        return "{0}(1 − {0})".format(out)


class ReLU(Op):
    """max(0, z); its derivative is taken as 0 at z = 0."""

    name = "relu"

    def forward(self, z):
        return np.maximum(z, 0.0)

    def local(self, out, z):
        return (np.asarray(z > 0, float),)

    def formula(self, a, out=""):
        return "max(0, {0})".format(a[0])

    def local_formula(self, i, a, out):
        return "[{0} > 0]".format(a[0])


class Power(Op):
    """x^p for a whole p ≥ 2."""

    name = "power"

    def __init__(self, p: int) -> None:
        self.p = int(p)

    def forward(self, x):
        return x ** self.p

    def local(self, out, x):
        return (self.p * x ** (self.p - 1),)

    def formula(self, a, out=""):
        return "{0}{1}".format(a[0], str(self.p).translate(SUPERSCRIPT))

    def local_formula(self, i, a, out):
        low = "" if self.p == 2 else str(self.p - 1).translate(SUPERSCRIPT)
        return "{0}·{1}{2}".format(self.p, a[0], low)


class Loss(Op):
    """c·Σ ℓ(ŷᵢ − yᵢ) with ℓ squared, absolute or Huber (PyTorch's HuberLoss) and c the reduction's
    factor (1/n for mean, 1 for sum, ½ for half-sum). Inputs: (ŷ, y)."""

    name = "loss"

    def __init__(self, kind: str, reduction: str, delta: float = 1.0) -> None:
        self.kind, self.reduction, self.delta = kind, reduction, float(delta)

    def factor(self, n: int) -> float:
        """The reduction's factor c."""
        return {"mean": 1.0 / n, "sum": 1.0, "half-sum": 0.5}[self.reduction]

    def each(self, r: np.ndarray) -> np.ndarray:
        """ℓ(r) per sample."""
        if self.kind == "squared":
            return r * r
        if self.kind == "absolute":
            return np.abs(r)
        a, d = np.abs(r), self.delta
        return np.where(a <= d, 0.5 * r * r, d * (a - 0.5 * d))

    def slope(self, r: np.ndarray) -> np.ndarray:
        """ℓ′(r) per sample."""
        if self.kind == "squared":
            return 2.0 * r
        if self.kind == "absolute":
            return np.sign(r)
        return np.clip(r, -self.delta, self.delta)

    def forward(self, yhat, y):
        r = yhat - y
        return np.asarray(self.factor(r.size) * np.sum(self.each(r)))

    def local(self, out, yhat, y):
        r = yhat - y
        d = self.factor(r.size) * self.slope(r)
        return d, -d

    def formula(self, a, out=""):
        inner = {"squared": "({0} − {1})²", "absolute": "|{0} − {1}|",
                 "huber": "huber_δ({0} − {1})"}[self.kind].format(*a)
        return "{0}Σ {1}".format({"mean": "1/n·", "sum": "", "half-sum": "½·"}[self.reduction], inner)

    def local_formula(self, i, a, out):
        inner = {"squared": "2({0} − {1})", "absolute": "sign({0} − {1})",
                 "huber": "clip({0} − {1}, ±δ)"}[self.kind].format(*a)
        if self.reduction == "mean":
            inner += "/n"
        elif self.reduction == "half-sum":
            inner = "½·" + inner
        return inner if i == 0 else "−" + inner


# ----- nodes and the graph ---------------------------------------------------------------------
@dataclass(eq=False)
class Node:
    """One value of the computation: an input, a parameter, an operation or the loss."""

    id: str  # unique and plain: "x", "k1", "z_3", "yhat", "L"
    label: str  # as shown: "z₃", "ŷ"
    kind: str  # one of KINDS
    op: Op | None = None
    inputs: tuple["Node", ...] = ()
    value: np.ndarray | None = None
    grad: np.ndarray | None = None  # ∂L/∂node; None until the backward pass
    local: tuple = ()  # ∂node/∂input for each input, stored by the forward pass

    @property
    def per_sample(self) -> bool:
        """Whether the value is a vector over the samples (not a scalar)."""
        return self.value is not None and np.ndim(self.value) > 0

    def value_summary(self) -> float | None:
        """The value as one number: the mean over the samples (None before the forward pass)."""
        return None if self.value is None else float(np.mean(self.value))

    def grad_summary(self) -> float | None:
        """∂L/∂node as one number: the sum over the samples, what a shared parameter collects (None
        before the backward pass)."""
        return None if self.grad is None else float(np.sum(self.grad))

    def __repr__(self) -> str:
        return "Node({0}, {1}, value={2}, grad={3})".format(self.id, self.kind, self.value_summary(),
                                                              self.grad_summary())


def topological_order(root: Node) -> list[Node]:
    """Every node the root depends on, and the root last, each after all its inputs (depth first,
    inputs in their order: a parameter comes just before the node that uses it)."""
    order: list[Node] = []
    seen: set[int] = set()

    def visit(node: Node) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        for inp in node.inputs:
            visit(inp)
        order.append(node)

    visit(root)
    return order


def _reduce_to(g: np.ndarray, like: np.ndarray) -> np.ndarray:
    """g summed down to the shape of `like` (a scalar parameter collects every sample's share)."""
    if np.ndim(like) == 0:
        return np.asarray(np.sum(g))
    return np.broadcast_to(g, np.shape(like)).copy()


@dataclass
class Graph:
    """A model and its loss as nodes in topological order (the loss last)."""

    loss: Node
    model: str
    loss_kind: str
    reduction: str
    n: int  # samples the values run over
    sample: int | None = None  # the chosen sample's index, or None for a batch
    names: tuple[str, ...] = ()  # the parameters in the run's order (default: topological)
    order: list[Node] = field(default_factory=list)
    params: dict[str, Node] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.order = topological_order(self.loss)
        self.nodes = {n.id: n for n in self.order}
        found = [n.id for n in self.order if n.kind == "parameter"]
        self.params = {name: self.nodes[name] for name in (self.names or found)}

    def forward(self) -> float:
        """Compute every value and local derivative in topological order; clears the gradients."""
        with np.errstate(all="ignore"):  # a diverged run gives inf/nan values, shown as such
            for node in self.order:
                node.grad = None
                if node.op is not None:
                    args = [i.value for i in node.inputs]
                    node.value = node.op.forward(*args)
                    node.local = node.op.local(node.value, *args)
        return float(self.loss.value)

    def backward(self) -> dict[str, float]:
        """∂L/∂node for every node, in reverse topological order; returns the parameters' gradient."""
        for node in self.order:
            node.grad = np.zeros_like(np.asarray(node.value, float))
        self.loss.grad = np.asarray(1.0)
        with np.errstate(all="ignore"):
            for node in reversed(self.order):
                for inp, d in zip(node.inputs, node.local):
                    inp.grad = inp.grad + _reduce_to(node.grad * d, inp.value)
        return self.gradient()

    def gradient(self) -> dict[str, float]:
        """∂L/∂θ by parameter name (after backward)."""
        return {name: float(node.grad) for name, node in self.params.items()}

    def consumers(self, node: Node) -> list[tuple[Node, int]]:
        """The nodes that take `node` as input, with its position among their inputs."""
        return [(c, i) for c in self.order for i, inp in enumerate(c.inputs) if inp is node]

    def edges(self) -> list[tuple[str, str]]:
        """Every link (input id, node id), in topological order of the nodes."""
        return [(inp.id, node.id) for node in self.order for inp in node.inputs]

    def scope(self) -> tuple[str, dict]:
        """What the values run over, as (template, arguments)."""
        if self.sample is not None:
            return SCOPE_SAMPLE, {"index": self.sample}
        return SCOPE_BATCH, {"n": self.n}


# ----- gradient flow -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Flow:
    """One link: its local derivative ∂target/∂source and the gradient flowing back through it."""

    source: str
    target: str
    local: float  # mean |∂target/∂source| over the samples
    grad: float | None  # Σᵢ ∂L/∂targetᵢ · ∂targetᵢ/∂sourceᵢ (None before the backward pass)
    vanishing: bool  # local < threshold: the chain rule multiplies by (almost) 0 here


def flows(graph: Graph, threshold: float = VANISHING) -> list[Flow]:
    """Every link's local derivative and gradient (after forward; gradients after backward)."""
    out = []
    with np.errstate(all="ignore"):
        for node in graph.order:
            for inp, d in zip(node.inputs, node.local):
                local = float(np.mean(np.abs(d)))
                grad = None if node.grad is None else float(np.sum(node.grad * d))
                out.append(Flow(inp.id, node.id, local, grad, bool(local < threshold)))
    return out


# ----- builders ------------------------------------------------------------------------------------
def _sub(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


class _Builder:
    """Makes nodes with unique ids; parameters are taken from a dict by name."""

    def __init__(self, x: np.ndarray, y: np.ndarray, params: dict[str, float]) -> None:
        self.params = params
        self.x = Node("x", "x", "input", value=x)
        self.y = Node("y", "y", "input", value=y)

    def param(self, name: str) -> Node:
        return Node(name, _sub(name.replace("_", ",")), "parameter", value=np.asarray(float(self.params[name])))

    @staticmethod
    def op(node_id: str, label: str, op: Op, *inputs: Node) -> Node:
        return Node(node_id, label, "loss" if isinstance(op, Loss) else "operation", op, tuple(inputs))


def param_names(model: str, degree: int | None = None, hidden: int | None = None) -> tuple[str, ...]:
    """The parameters of a model, in the order the run lists them."""
    if model == "constant":
        return ("b",)
    if model == "origin":
        return ("w",)
    if model == "line":
        return ("w", "b")
    if model == "poly":
        return ("b",) + tuple("w{0}".format(j) for j in range(1, degree + 1))
    if hidden is None or hidden == 1:
        return ("k1", "b1", "k2", "b2")
    return (tuple("k1_{0}".format(j) for j in range(1, hidden + 1))
            + tuple("b1_{0}".format(j) for j in range(1, hidden + 1))
            + tuple("k2_{0}".format(j) for j in range(1, hidden + 1)) + ("b2",))


def _poly(b: _Builder, degree: int) -> Node:
    terms = [b.param("b")]
    for j in range(1, degree + 1):
        xj = b.x if j == 1 else b.op("x^{0}".format(j), "x" + str(j).translate(SUPERSCRIPT), Power(j), b.x)
        terms.append(b.op("m{0}".format(j), _sub("w{0}".format(j)) + "·" + xj.label, Mul(), b.param("w{0}".format(j)), xj))
    return b.op("yhat", "ŷ", Add(), *terms)


def _activation(name: str) -> Op:
    return Sigmoid() if name == "sigmoid" else ReLU()


def _two_layer(b: _Builder, hidden: int | None, activation: str) -> Node:
    if hidden is None or hidden == 1:
        z = b.op("z", "z", Linear(), b.x, b.param("k1"), b.param("b1"))
        a = b.op("a", "a", _activation(activation), z)
        return b.op("yhat", "ŷ", Linear(), a, b.param("k2"), b.param("b2"))
    terms = []
    for j in range(1, hidden + 1):
        s = str(j)
        z = b.op("z_" + s, "z" + _sub(s), Linear(), b.x, b.param("k1_" + s), b.param("b1_" + s))
        a = b.op("a_" + s, "a" + _sub(s), _activation(activation), z)
        terms.append(b.op("m_" + s, "a" + _sub(s) + "·k" + _sub("2," + s), Mul(), a, b.param("k2_" + s)))
    return b.op("yhat", "ŷ", Add(), *terms, b.param("b2"))


def _model_output(b: _Builder, model: str, degree: int | None, hidden: int | None, activation: str) -> Node:
    if model == "constant":
        return b.param("b")
    if model == "origin":
        return b.op("yhat", "ŷ", Mul(), b.param("w"), b.x)
    if model == "line":
        return b.op("yhat", "ŷ", Linear(), b.x, b.param("w"), b.param("b"))
    if model == "poly":
        return _poly(b, degree)
    return _two_layer(b, hidden, activation)


def _whole(value, top: int, message: str) -> int:
    try:
        ok = float(value) == int(value) and 1 <= int(value) <= top
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise GraphError(message.format(top, value))
    return int(value)


def _check_spec(model: str, loss: str, reduction: str, delta: float, degree, hidden, activation: str):
    """The checked (degree, hidden) of a model, or GraphError with what is wrong."""
    if model not in MODELS:
        raise GraphError(BAD_MODEL.format(model, ", ".join(MODELS)))
    if loss not in LOSSES:
        raise GraphError(BAD_LOSS.format(loss, ", ".join(LOSSES)))
    if reduction not in LOSSES[loss]:
        raise GraphError(BAD_REDUCTION.format(loss, reduction, " or ".join(LOSSES[loss])))
    if loss == "huber" and not (isinstance(delta, (int, float)) and math.isfinite(delta) and delta > 0):
        raise GraphError(BAD_DELTA.format(delta))
    if activation not in ACTIVATIONS:
        raise GraphError(BAD_ACTIVATION.format(activation, " or ".join(ACTIVATIONS)))
    degree = _whole(degree, MAX_DEGREE, BAD_DEGREE) if model == "poly" else None
    hidden = _whole(hidden, MAX_HIDDEN, BAD_HIDDEN) if model == "two-layer" and hidden is not None else None
    return degree, hidden


def _check_params(model: str, names: tuple[str, ...], params: dict[str, float]) -> dict[str, float]:
    missing = [n for n in names if n not in params]
    if missing:
        raise GraphError(BAD_PARAMS.format(model, missing[0], ", ".join(names)))
    extra = sorted(set(params) - set(names))
    if extra:
        raise GraphError(EXTRA_PARAMS.format(model, extra[0], ", ".join(names)))
    out = {}
    for name in names:
        try:
            out[name] = float(params[name])
        except (TypeError, ValueError, OverflowError):
            raise GraphError(BAD_VALUE.format(name, params[name])) from None
        if not math.isfinite(out[name]):
            raise GraphError(BAD_VALUE.format(name, params[name]))
    return out


def _check_data(x, y, sample: int | None) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, float), np.asarray(y, float)
    if x.ndim != 1 or y.shape != x.shape or not len(x):
        raise GraphError(BAD_DATA.format(x.size, y.size))
    for label, v in (("x", x), ("y", y)):
        if not np.all(np.isfinite(v)):
            raise GraphError(NOT_FINITE.format(label))
    if sample is None:
        return x, y
    if isinstance(sample, bool) or not isinstance(sample, (int, np.integer)) or not 0 <= sample < len(x):
        raise GraphError(BAD_SAMPLE.format(sample, len(x), len(x) - 1))
    return x[sample:sample + 1], y[sample:sample + 1]


def build_graph(model: str, params: dict[str, float], x: np.ndarray, y: np.ndarray, loss: str = "squared",
                reduction: str = "mean", delta: float = 1.0, degree: int | None = None,
                hidden: int | None = None, activation: str = "sigmoid", sample: int | None = None) -> Graph:
    """The graph of `model` with `loss` on (x, y) (x as the model sees it, e.g. standardised), on
    the sample with index `sample` or on all of them; forward and backward are already done.

    two-layer with hidden None or 1 is tutorial 004's ŷ = k2·σ(k1·x + b1) + b2; hidden h ≥ 2 has
    parameters k1_j, b1_j, k2_j (j = 1…h) and b2. Raises GraphError with a one-line reason."""
    degree, hidden = _check_spec(model, loss, reduction, delta, degree, hidden, activation)
    params = _check_params(model, param_names(model, degree, hidden), params)
    xs, ys = _check_data(x, y, sample)
    b = _Builder(xs, ys, params)
    yhat = _model_output(b, model, degree, hidden, activation)
    graph = Graph(b.op("L", "L", Loss(loss, reduction, delta), yhat, b.y), model, loss, reduction, len(xs), sample,
                  tuple(params))
    graph.forward()
    graph.backward()
    return graph


# ----- sub-steps for the maths panel ------------------------------------------------------------
@dataclass(frozen=True)
class SubStep:
    """One sub-step of a descent step: a node's forward value, a node's gradient, or the update."""

    phase: str  # "forward", "backward" or "update"
    nodes: tuple[str, ...]  # the node computed (the update: every parameter)
    parts: tuple[tuple[str, dict], ...]  # lines as (template, arguments)

    def text(self, translate: Callable[[str], str] = str) -> str:
        """The lines, each template passed through `translate` before it is filled in."""
        return "\n".join(translate(t).format(**args) for t, args in self.parts)


def _d(label: str) -> str:
    """A label after ∂: compound ones in parentheses (∂L/∂(a₁·k₂,₁))."""
    return "(" + label + ")" if any(c in label for c in "·+ ") else label


def _numbers(graph: Graph, text: str) -> str:
    """A formula filled with numbers: the reduction's n as a number too."""
    return text.replace("/n", "/{0}".format(graph.n))


def _forward_part(graph: Graph, node: Node) -> tuple[str, dict]:
    value = fmt(node.value_summary())
    if node.kind == "parameter":
        return FORWARD_PARAM, {"node": node.label, "value": value}
    if node.op is None:
        if graph.sample is not None:
            return FORWARD_INPUT_ONE, {"node": node.label, "value": value, "index": graph.sample}
        return FORWARD_INPUT_BATCH, {"node": node.label, "value": value, "n": graph.n}
    formula = node.op.formula([i.label for i in node.inputs], node.label)
    head = node.label if formula == node.label else "{0} = {1}".format(node.label, formula)
    if graph.n > 1 and node.per_sample:
        return FORWARD_BATCH, {"node": head, "n": graph.n, "value": value}
    if graph.n > 1:
        return FORWARD_SCALAR, {"node": head, "value": value}
    numbers = node.op.formula([_arg(i.value_summary()) for i in node.inputs], _arg(node.value_summary()))
    return FORWARD_ONE, {"node": head, "numbers": _numbers(graph, numbers), "value": value}


def _backward_part(graph: Graph, node: Node) -> tuple[str, dict]:
    if node is graph.loss:
        return BACKWARD_LOSS, {}
    uses = graph.consumers(node)
    terms = " + ".join("∂L/∂{0} · {1}".format(_d(c.label), c.op.local_formula(i, [j.label for j in c.inputs], c.label))
                       for c, i in uses)
    value = fmt(node.grad_summary())
    if graph.n == 1:
        numbers = " + ".join("{0} · {1}".format(
            _arg(c.grad_summary()), c.op.local_formula(i, [_arg(j.value_summary()) for j in c.inputs],
                                                         _arg(c.value_summary()))) for c, i in uses)
        return BACKWARD_ONE, {"node": _d(node.label), "terms": terms, "numbers": _numbers(graph, numbers),
                              "value": value}
    if not node.per_sample:
        return BACKWARD_BATCH_SUM, {"node": _d(node.label), "terms": terms, "value": value}
    return BACKWARD_BATCH, {"node": _d(node.label), "terms": terms, "n": graph.n, "value": value}


def _update_parts(graph: Graph, learning_rate: float | None,
                  new_params: dict[str, float] | None) -> tuple[tuple[str, dict], ...]:
    parts = []
    for name, node in graph.params.items():
        old, grad = node.value_summary(), node.grad_summary()
        args = {"name": node.label, "old": fmt(old), "grad": fmt(grad)}
        if new_params is not None:
            parts.append((UPDATE_RULE, {**args, "new": fmt(new_params[name])}))
        elif learning_rate is not None:
            parts.append((UPDATE_GRADIENT, {**args, "rate": fmt(learning_rate), "grad": _arg(grad),
                                            "new": fmt(old - learning_rate * grad)}))
        else:
            parts.append((UPDATE_UNKNOWN, args))
    return tuple(parts)


def substeps(graph: Graph, learning_rate: float | None = None,
             new_params: dict[str, float] | None = None) -> list[SubStep]:
    """One descent step split up: each node's value in topological order, each node's gradient in
    reverse order, then the update θ ← θ − η·∂L/∂θ (or, given `new_params`, the run's own update)."""
    steps = [SubStep("forward", (n.id,), (_forward_part(graph, n),)) for n in graph.order]
    steps += [SubStep("backward", (n.id,), (_backward_part(graph, n),)) for n in reversed(graph.order)]
    steps.append(SubStep("update", tuple(graph.params), _update_parts(graph, learning_rate, new_params)))
    return steps


def known_after(graph: Graph, steps: list[SubStep], index: int) -> tuple[set[str], set[str]]:
    """The node ids whose value and whose gradient are known once sub-step `index` is shown
    (index −1: nothing yet)."""
    values: set[str] = set()
    grads: set[str] = set()
    for step in steps[:index + 1]:
        (values if step.phase == "forward" else grads if step.phase == "backward" else set()).update(step.nodes)
    return values, grads


# ----- a run's graph -------------------------------------------------------------------------------
def _plain(value):
    """An enum's value, or the value itself."""
    return getattr(value, "value", value)


def _setting(run, attribute: str, config_name: str, default):
    """A model or loss setting: the objective's attribute, else the run configuration's, else default."""
    for value in (getattr(run.objective, attribute, None), getattr(run.config, config_name, None)):
        if value is not None:
            return _plain(value)
    return default


def graph_of_run(run, sample: int | None = None, indices: np.ndarray | None = None) -> Graph:
    """The graph of a run's model and loss at its current parameters, on one training sample, the
    training rows `indices` (e.g. the last batch) or the whole training set.

    Reads the objective's model, reduction and feature(x) (the model's input, e.g. standardised),
    and its loss_kind, delta, degree, hidden and activation, or else the run configuration's loss,
    huber_delta, degree, hidden and activation (defaults: squared error, δ = 1, degree 2, the
    tutorial's two-layer model, sigmoid). Raises GraphError for what the graph cannot show."""
    objective = run.objective
    if run.dataset is None or getattr(objective, "model", None) is None:
        raise GraphError("the graph shows a model fitted to data; function mode has no model")
    model, reduction = _plain(objective.model), _plain(objective.reduction)
    x, y = objective.feature(run.dataset.x_train), run.dataset.y_train
    if indices is not None:
        x, y = x[np.asarray(indices)], y[np.asarray(indices)]
    params = dict(zip(run.param_names, np.asarray(run.params, float).tolist()))
    return build_graph(model, params, x, y, _setting(run, "loss_kind", "loss", "squared"), reduction,
                       _setting(run, "delta", "huber_delta", 1.0),
                       _setting(run, "degree", "degree", 2) if model == "poly" else None,
                       _setting(run, "hidden", "hidden", None), _setting(run, "activation", "activation", "sigmoid"),
                       sample)
