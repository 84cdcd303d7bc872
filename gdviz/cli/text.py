"""Results as text for a terminal: a run's summary and a race's table (ASCII, any terminal)."""
from __future__ import annotations

import math

from ..engine import BatchMode, ClipMode, LiveSettings, ModelKind, Race, Reduction, Run, Schedule, Status, UpdateRule
from .report import converged_at, optimum_of, samples_per_step, status_message, status_of
from ..engine.types import Activation, LossKind
from .unused import ETA_RULES, GRADIENT_RULES

MODEL_TEXT = {
    ModelKind.CONSTANT: "constant  y^ = b",
    ModelKind.ORIGIN: "through the origin  y^ = w*x",
    ModelKind.LINE: "line  y^ = w*x + b",
    ModelKind.POLY: "polynomial of degree {degree}  y^ = b + w1*x + ... + w{degree}*x^{degree}",
    ModelKind.TWO_LAYER: "two-layer  y^ = k2*{act}(k1*x + b1) + b2",
}
HIDDEN_TEXT = "two-layer with {hidden} hidden units  y^ = sum_j k2_j*{act}(k1_j*x + b1_j) + b2"
LOSS_TEXT = {
    (LossKind.ABSOLUTE, Reduction.MEAN): "mean absolute error (L1)  L = (1/n)*sum |y^ - y|",
    (LossKind.ABSOLUTE, Reduction.SUM): "sum of absolute errors (L1)  L = sum |y^ - y|",
    (LossKind.HUBER, Reduction.MEAN): "mean Huber loss, delta {delta}  L = (1/n)*sum huber(y^ - y)",
    (LossKind.HUBER, Reduction.SUM): "sum of Huber losses, delta {delta}  L = sum huber(y^ - y)",
}
REDUCTION_TEXT = {
    Reduction.MEAN: "mean squared error  L = (1/n)*sum (y^ - y)^2",
    Reduction.SUM: "sum of squared errors  L = sum (y^ - y)^2",
    Reduction.HALF_SUM: "half the sum of squared errors  L = 1/2*sum (y^ - y)^2",
}


def _g(value: float | None) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.6g}"


def rule_text(live: LiveSettings) -> str:
    """The update rule and the settings it reads, in words (ASCII, for any terminal)."""
    lr = f"learning rate {live.learning_rate:g}"
    text = {
        UpdateRule.GRADIENT: f"gradient descent, {lr}",
        UpdateRule.FIXED: f"fixed-step descent, step size {live.fixed_step:g}",
        UpdateRule.MOMENTUM: f"momentum (beta {live.momentum:g}), {lr}",
        UpdateRule.NESTEROV: f"Nesterov momentum (beta {live.momentum:g}), {lr}",
        UpdateRule.ADAGRAD: f"AdaGrad (epsilon {live.epsilon:g}), {lr}",
        UpdateRule.RMSPROP: f"RMSProp (rho {live.rho:g}, epsilon {live.epsilon:g}), {lr}",
        UpdateRule.ADAM: f"Adam (beta1 {live.beta1:g}, beta2 {live.beta2:g}, epsilon {live.epsilon:g}), {lr}",
        UpdateRule.RANDOM_SEARCH: f"random search in the box start +/- {live.search_radius:g}",
        UpdateRule.DIRECTION_SEARCH: f"direction search, step size {live.fixed_step:g}",
    }[live.rule]
    if live.rule in GRADIENT_RULES and live.clip is not ClipMode.NONE:
        text += f", gradient clipped by {live.clip.value} to {live.clip_value:g}"
    if live.rule in ETA_RULES and live.schedule is not Schedule.CONSTANT:
        text += (f", {live.schedule.value} schedule (decay rate {live.decay_rate:g}, "
                 f"decay steps {live.decay_steps})")
    return text


def _settings_line(run: Run) -> str:
    k = samples_per_step(run)
    rule = rule_text(run.live)
    if run.dataset is None:
        return rule
    batch = {BatchMode.FULL: f"full batch ({k} points a step)", BatchMode.STOCHASTIC: "stochastic (1 point a step)",
             BatchMode.MINI: f"mini-batches of {k}"}[run.batch_mode()]
    return f"{rule}, {batch}, seed {run.config.seed}"


def summary(run: Run) -> str:
    """A short human report of a run."""
    epoch = f"  (epoch {run.epoch})" if run.dataset is not None else ""
    lines = _problem_lines(run) + [f"settings  {_settings_line(run)}", f"status    {status_message(run)}",
                                   f"step      {run.step}{epoch}"]
    opt = optimum_of(run)
    label = {"closed form": "closed-form optimum", "best so far": "best so far"}.get(run.optimum_kind, "nearest minimum")
    for i, (name, value) in enumerate(zip(run.param_names, run.params.tolist())):
        beside = f"   {label} {_g(opt[name])}" if opt else ""
        lines.append(f"{'params' if i == 0 else '':<10}{name} = {_g(value):<12}{beside}".rstrip())
    return "\n".join([*lines, f"final     {_final_losses(run)}"])


def race_table(race: Race, title: str, steps: int) -> str:
    """A short human report of a race: what is descended, then one row per runner."""
    first = race.runs[0]
    lines = [f"race      {title}", *_problem_lines(first), f"steps     at most {steps} (every runner from the same start)", ""]
    rows = [("name", "rule", "lr", "status", "step", "final loss", "params")]
    for entry, run in zip(race.entries, race.runs):
        live = run.live
        lr = f"{live.learning_rate:g}" if live.rule in ETA_RULES else "-"
        params = ", ".join(f"{n} = {_g(v)}" for n, v in zip(run.param_names, run.params.tolist()))
        rows.append((entry.name, _short_rule(live), lr, _race_status(run), str(run.step),
                     _g(float(run.history.column("train_loss")[-1])), params))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        lines.append("  ".join(cell.rjust(w) if i == 4 else cell.ljust(w) for i, (cell, w) in
                               enumerate(zip(row, widths))) + "  " + row[-1])
    return "\n".join(line.rstrip() for line in lines)


def _race_status(run: Run) -> str:
    """'converged at 57', 'diverged at 12', 'stopped' (every step taken) or the engine's status."""
    if run.status is Status.DIVERGED:
        return f"diverged at {run.diverged_at}"
    if run.status is Status.CONVERGED and converged_at(run) is not None:
        return f"converged at {converged_at(run)}"
    return status_of(run)


def _short_rule(live: LiveSettings) -> str:
    """The rule and the one setting that tells runners apart, e.g. 'momentum beta=0.6'."""
    extra = {UpdateRule.FIXED: f" s={live.fixed_step:g}", UpdateRule.DIRECTION_SEARCH: f" s={live.fixed_step:g}",
             UpdateRule.RANDOM_SEARCH: f" r={live.search_radius:g}", UpdateRule.MOMENTUM: f" beta={live.momentum:g}",
             UpdateRule.NESTEROV: f" beta={live.momentum:g}", UpdateRule.RMSPROP: f" rho={live.rho:g}"}
    batch = ""
    if not live.rule.is_search and live.batch_mode is not BatchMode.FULL:
        batch = ", 1 sample" if live.batch_mode is BatchMode.STOCHASTIC else f", batch {live.batch_size}"
    return live.rule.value + extra.get(live.rule, "") + batch


def _final_losses(run: Run) -> str:
    h = run.history
    final = _g(float(h.column("train_loss")[-1]))
    if run.dataset is None:
        return f"f = {final}"
    if run.has_validation:
        return f"train {final}, validation {_g(float(h.column('val_loss')[-1]))}"
    return f"train {final} (no validation set)"


def _problem_lines(run: Run) -> list[str]:
    """What is being descended: the data, model and loss, or the function."""
    d = run.dataset
    if d is None:
        return [f"function  {run.config.function}: {run.objective.spec.formula}"]
    split = f"{d.n_train} training points" + (f", {d.n_val} validation" if d.n_val else "")
    scaled = " (on standardised x)" if run.objective.standardised else ""
    read = [f"read      {note}" for note in (getattr(d, "notes", ()) or ())]
    return [f"data      {d.name} ({d.x_label} -> {d.y_label}): {split}", *read,
            f"model     {model_text(run.objective)}{scaled}",
            f"loss      {loss_text(run.objective)}"]


def model_text(objective) -> str:
    """The model and its formula in words (ASCII)."""
    act = "relu" if getattr(objective, "activation", None) is Activation.RELU else "sigmoid"
    hidden = getattr(objective, "hidden", None)
    if objective.model is ModelKind.TWO_LAYER and hidden not in (None, 1):
        return HIDDEN_TEXT.format(hidden=hidden, act=act)
    return MODEL_TEXT[objective.model].format(degree=getattr(objective, "degree", None), act=act)


def loss_text(objective) -> str:
    """The loss and its reduction in words (ASCII)."""
    kind = getattr(objective, "loss_kind", LossKind.SQUARED)
    if kind is LossKind.SQUARED:
        return REDUCTION_TEXT[objective.reduction]
    return LOSS_TEXT[(kind, objective.reduction)].format(delta=f"{objective.delta:g}")


