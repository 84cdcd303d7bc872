"""Results as text for a terminal: a run's summary and a race's table (ASCII in English, any terminal).

Texts are in the language in use (gdviz.cli.lang); the parameters, rule names and formulas stay as they are.
"""
from __future__ import annotations

import math

from ..engine import BatchMode, ClipMode, LiveSettings, ModelKind, Race, Reduction, Run, Schedule, Status, UpdateRule
from .lang import QT_TRANSLATE_NOOP, engine_text, ljust, rjust, translate, width
from .report import converged_at, optimum_of, samples_per_step, status_message, status_of
from ..engine.types import Activation, LossKind
from .unused import ETA_RULES, GRADIENT_RULES

MODEL_TEXT = {
    ModelKind.CONSTANT: QT_TRANSLATE_NOOP("Cli", "constant  y^ = b"),
    ModelKind.ORIGIN: QT_TRANSLATE_NOOP("Cli", "through the origin  y^ = w*x"),
    ModelKind.LINE: QT_TRANSLATE_NOOP("Cli", "line  y^ = w*x + b"),
    ModelKind.POLY: QT_TRANSLATE_NOOP("Cli", "polynomial of degree {degree}  y^ = b + w1*x + ... + w{degree}*x^{degree}"),
    ModelKind.TWO_LAYER: QT_TRANSLATE_NOOP("Cli", "two-layer  y^ = k2*{act}(k1*x + b1) + b2"),
}
HIDDEN_TEXT = QT_TRANSLATE_NOOP("Cli", "two-layer with {hidden} hidden units  y^ = sum_j k2_j*{act}(k1_j*x + b1_j) + b2")
LOSS_TEXT = {
    (LossKind.ABSOLUTE, Reduction.MEAN): QT_TRANSLATE_NOOP("Cli", "mean absolute error (L1)  L = (1/n)*sum |y^ - y|"),
    (LossKind.ABSOLUTE, Reduction.SUM): QT_TRANSLATE_NOOP("Cli", "sum of absolute errors (L1)  L = sum |y^ - y|"),
    (LossKind.HUBER, Reduction.MEAN): QT_TRANSLATE_NOOP("Cli", "mean Huber loss, delta {delta}  L = (1/n)*sum huber(y^ - y)"),
    (LossKind.HUBER, Reduction.SUM): QT_TRANSLATE_NOOP("Cli", "sum of Huber losses, delta {delta}  L = sum huber(y^ - y)"),
}
REDUCTION_TEXT = {
    Reduction.MEAN: QT_TRANSLATE_NOOP("Cli", "mean squared error  L = (1/n)*sum (y^ - y)^2"),
    Reduction.SUM: QT_TRANSLATE_NOOP("Cli", "sum of squared errors  L = sum (y^ - y)^2"),
    Reduction.HALF_SUM: QT_TRANSLATE_NOOP("Cli", "half the sum of squared errors  L = 1/2*sum (y^ - y)^2"),
}


STATUS_WORDS = (  # the statuses of a race's rows (status_of), listed for translation
    QT_TRANSLATE_NOOP("Cli", "ready"), QT_TRANSLATE_NOOP("Cli", "running"), QT_TRANSLATE_NOOP("Cli", "stopped"),
    QT_TRANSLATE_NOOP("Cli", "converged"), QT_TRANSLATE_NOOP("Cli", "diverged"), QT_TRANSLATE_NOOP("Cli", "stalled"))
LABEL_WIDTH = 10  # the first column of a summary
LABELS = (QT_TRANSLATE_NOOP("Cli", "data"), QT_TRANSLATE_NOOP("Cli", "read"), QT_TRANSLATE_NOOP("Cli", "model"),
          QT_TRANSLATE_NOOP("Cli", "loss"), QT_TRANSLATE_NOOP("Cli", "function"), QT_TRANSLATE_NOOP("Cli", "settings"),
          QT_TRANSLATE_NOOP("Cli", "status"), QT_TRANSLATE_NOOP("Cli", "step"), QT_TRANSLATE_NOOP("Cli", "params"),
          QT_TRANSLATE_NOOP("Cli", "final"), QT_TRANSLATE_NOOP("Cli", "race"), QT_TRANSLATE_NOOP("Cli", "steps"))


def _local(text: str) -> str:
    """A text of this module's tables (context Cli) in the language in use."""
    return translate("Cli", text)


def _label(text: str) -> str:
    """A summary's first column: the label padded to LABEL_WIDTH terminal columns."""
    return ljust(text, LABEL_WIDTH)


def _g(value: float | None) -> str:
    return translate("Cli", "n/a") if value is None or not math.isfinite(value) else f"{value:.6g}"


def rule_text(live: LiveSettings) -> str:
    """The update rule and the settings it reads, in words (ASCII, for any terminal)."""
    g = "{0:g}".format
    lr = translate("Cli", "learning rate {0}").format(g(live.learning_rate))
    rule = live.rule
    if rule is UpdateRule.GRADIENT:
        text = translate("Cli", "gradient descent, {0}").format(lr)
    elif rule is UpdateRule.FIXED:
        text = translate("Cli", "fixed-step descent, step size {0}").format(g(live.fixed_step))
    elif rule is UpdateRule.MOMENTUM:
        text = translate("Cli", "momentum (beta {0}), {1}").format(g(live.momentum), lr)
    elif rule is UpdateRule.NESTEROV:
        text = translate("Cli", "Nesterov momentum (beta {0}), {1}").format(g(live.momentum), lr)
    elif rule is UpdateRule.ADAGRAD:
        text = translate("Cli", "AdaGrad (epsilon {0}), {1}").format(g(live.epsilon), lr)
    elif rule is UpdateRule.RMSPROP:
        text = translate("Cli", "RMSProp (rho {0}, epsilon {1}), {2}").format(g(live.rho), g(live.epsilon), lr)
    elif rule is UpdateRule.ADAM:
        text = translate("Cli", "Adam (beta1 {0}, beta2 {1}, epsilon {2}), {3}").format(
            g(live.beta1), g(live.beta2), g(live.epsilon), lr)
    elif rule is UpdateRule.RANDOM_SEARCH:
        text = translate("Cli", "random search in the box start +/- {0}").format(g(live.search_radius))
    else:
        text = translate("Cli", "direction search, step size {0}").format(g(live.fixed_step))
    if rule in GRADIENT_RULES and live.clip is not ClipMode.NONE:
        text += translate("Cli", ", gradient clipped by {0} to {1}").format(live.clip.value, g(live.clip_value))
    if rule in ETA_RULES and live.schedule is not Schedule.CONSTANT:
        text += translate("Cli", ", {0} schedule (decay rate {1}, decay steps {2})").format(
            live.schedule.value, g(live.decay_rate), live.decay_steps)
    return text


def _settings_line(run: Run) -> str:
    k = samples_per_step(run)
    rule = rule_text(run.live)
    if run.dataset is None:
        return rule
    mode = run.batch_mode()
    if mode is BatchMode.FULL:
        batch = translate("Cli", "full batch ({0} points a step)").format(k)
    elif mode is BatchMode.STOCHASTIC:
        batch = translate("Cli", "stochastic (1 point a step)")
    else:
        batch = translate("Cli", "mini-batches of {0}").format(k)
    return translate("Cli", "{0}, {1}, seed {2}").format(rule, batch, run.config.seed)


def summary(run: Run) -> str:
    """A short human report of a run."""
    epoch = translate("Cli", "  (epoch {0})").format(run.epoch) if run.dataset is not None else ""
    lines = _problem_lines(run) + [_label(_local("settings")) + _settings_line(run),
                                   _label(_local("status")) + status_message(run, localised=True),
                                   _label(_local("step")) + str(run.step) + epoch]
    opt = optimum_of(run)
    label = {"closed form": QT_TRANSLATE_NOOP("Cli", "closed-form optimum"),
             "best so far": QT_TRANSLATE_NOOP("Cli", "best so far")}.get(run.optimum_kind,
                                                                         QT_TRANSLATE_NOOP("Cli", "nearest minimum"))
    for i, (name, value) in enumerate(zip(run.param_names, run.params.tolist())):
        beside = "   {0} {1}".format(_local(label), _g(opt[name])) if opt else ""
        lines.append("{0}{1} = {2:<12}{3}".format(_label(_local("params") if i == 0 else ""), name, _g(value),
                                                   beside).rstrip())
    return "\n".join([*lines, _label(_local("final")) + _final_losses(run)])


def race_table(race: Race, title: str, steps: int) -> str:
    """A short human report of a race: what is descended, then one row per runner."""
    first = race.runs[0]
    lines = [_label(_local("race")) + title, *_problem_lines(first),
             _label(_local("steps")) + translate("Cli", "at most {0} (every runner from the same start)").format(steps), ""]
    rows = [tuple(_local(h) for h in (QT_TRANSLATE_NOOP("Cli", "name"), QT_TRANSLATE_NOOP("Cli", "rule"), "lr",
                                  QT_TRANSLATE_NOOP("Cli", "status"), QT_TRANSLATE_NOOP("Cli", "step"),
                                  QT_TRANSLATE_NOOP("Cli", "final loss"), QT_TRANSLATE_NOOP("Cli", "params")))]
    for entry, run in zip(race.entries, race.runs):
        live = run.live
        lr = f"{live.learning_rate:g}" if live.rule in ETA_RULES else "-"
        params = ", ".join(f"{n} = {_g(v)}" for n, v in zip(run.param_names, run.params.tolist()))
        rows.append((entry.name, _short_rule(live), lr, _race_status(run), str(run.step),
                     _g(float(run.history.column("train_loss")[-1])), params))
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        lines.append("  ".join(rjust(cell, w) if i == 4 else ljust(cell, w) for i, (cell, w) in
                               enumerate(zip(row, widths))) + "  " + row[-1])
    return "\n".join(line.rstrip() for line in lines)


def _race_status(run: Run) -> str:
    """'converged at 57', 'diverged at 12', 'stopped' (every step taken) or the engine's status."""
    if run.status is Status.DIVERGED:
        return translate("Cli", "diverged at {0}").format(run.diverged_at)
    if run.status is Status.CONVERGED and converged_at(run) is not None:
        return translate("Cli", "converged at {0}").format(converged_at(run))
    return _local(status_of(run))


def _short_rule(live: LiveSettings) -> str:
    """The rule and the one setting that tells runners apart, e.g. 'momentum beta=0.6'."""
    extra = {UpdateRule.FIXED: f" s={live.fixed_step:g}", UpdateRule.DIRECTION_SEARCH: f" s={live.fixed_step:g}",
             UpdateRule.RANDOM_SEARCH: f" r={live.search_radius:g}", UpdateRule.MOMENTUM: f" beta={live.momentum:g}",
             UpdateRule.NESTEROV: f" beta={live.momentum:g}", UpdateRule.RMSPROP: f" rho={live.rho:g}"}
    batch = ""
    if not live.rule.is_search and live.batch_mode is not BatchMode.FULL:
        batch = (translate("Cli", ", 1 sample") if live.batch_mode is BatchMode.STOCHASTIC
                 else translate("Cli", ", batch {0}").format(live.batch_size))
    return live.rule.value + extra.get(live.rule, "") + batch


def _final_losses(run: Run) -> str:
    h = run.history
    final = _g(float(h.column("train_loss")[-1]))
    if run.dataset is None:
        return "f = {0}".format(final)
    if run.has_validation:
        return translate("Cli", "train {0}, validation {1}").format(final, _g(float(h.column("val_loss")[-1])))
    return translate("Cli", "train {0} (no validation set)").format(final)


def _problem_lines(run: Run) -> list[str]:
    """What is being descended: the data, model and loss, or the function."""
    d = run.dataset
    if d is None:
        return [_label(_local("function")) + "{0}: {1}".format(run.config.function, run.objective.spec.formula)]
    split = translate("Cli", "{0} training points").format(d.n_train)
    if d.n_val:
        split += translate("Cli", ", {0} validation").format(d.n_val)
    scaled = translate("Cli", " (on standardised x)") if run.objective.standardised else ""
    read = [_label(_local("read")) + engine_text(note) for note in (getattr(d, "notes", ()) or ())]
    data = translate("Cli", "{0} ({1} -> {2}): {3}").format(engine_text(d.name), engine_text(d.x_label), engine_text(d.y_label), split)
    return [_label(_local("data")) + data, *read,
            _label(_local("model")) + model_text(run.objective) + scaled,
            _label(_local("loss")) + loss_text(run.objective)]


def model_text(objective) -> str:
    """The model and its formula in words (ASCII)."""
    act = "relu" if getattr(objective, "activation", None) is Activation.RELU else "sigmoid"
    hidden = getattr(objective, "hidden", None)
    if objective.model is ModelKind.TWO_LAYER and hidden not in (None, 1):
        return _local(HIDDEN_TEXT).format(hidden=hidden, act=act)
    return _local(MODEL_TEXT[objective.model]).format(degree=getattr(objective, "degree", None), act=act)


def loss_text(objective) -> str:
    """The loss and its reduction in words (ASCII)."""
    kind = getattr(objective, "loss_kind", LossKind.SQUARED)
    if kind is LossKind.SQUARED:
        return _local(REDUCTION_TEXT[objective.reduction])
    return _local(LOSS_TEXT[(kind, objective.reduction)]).format(delta=f"{objective.delta:g}")


