"""One rule for flags that would change nothing: they are refused, with a line saying why.

The rule is the same for `run`, the window's flags, `race` and each `race --runner`: a setting
given in a configuration that never reads it (--lr with --rule fixed, --batch-size with --batch
full, --rho with --rule adam, --decay-rate without --schedule, --batch with --function) is an
error. A flag given to `race` itself applies to every runner, so it is an error only when no
runner reads it.
"""
from __future__ import annotations

from ..engine import BatchMode, ClipMode, LiveSettings, ModelKind, Schedule, UpdateRule
from ..engine.types import LossKind
from .lang import QT_TRANSLATE_NOOP, translate

_R = UpdateRule
ETA_RULES = frozenset(r for r in UpdateRule if r.uses_learning_rate)
GRADIENT_RULES = frozenset(r for r in UpdateRule if not r.is_search)
USED_BY: dict[str, frozenset[UpdateRule]] = {  # flag dest → the rules that read the setting
    "lr": ETA_RULES, "batch": GRADIENT_RULES, "batch_size": GRADIENT_RULES,
    "step_size": frozenset({_R.FIXED, _R.DIRECTION_SEARCH}), "momentum": frozenset({_R.MOMENTUM, _R.NESTEROV}),
    "beta1": frozenset({_R.ADAM}), "beta2": frozenset({_R.ADAM}), "rho": frozenset({_R.RMSPROP}),
    "epsilon": frozenset({_R.ADAGRAD, _R.RMSPROP, _R.ADAM}), "search_radius": frozenset({_R.RANDOM_SEARCH}),
    "clip": GRADIENT_RULES, "clip_value": GRADIENT_RULES,
    "schedule": ETA_RULES, "decay_rate": ETA_RULES, "decay_steps": ETA_RULES, "order": GRADIENT_RULES,
}
_NO_RATE = QT_TRANSLATE_NOOP("Cli", "fixed, random-search and direction-search use no learning rate")
_SEARCH = QT_TRANSLATE_NOOP("Cli", "the searches compare the loss of all training points and never read the gradient")
RULE_WHY = {"lr": _NO_RATE, "schedule": _NO_RATE, "decay_rate": _NO_RATE, "decay_steps": _NO_RATE,
            "batch": _SEARCH, "batch_size": _SEARCH, "clip": _SEARCH, "clip_value": _SEARCH, "order": _SEARCH}
FUNCTION_WHY = QT_TRANSLATE_NOOP("Cli", "a function has no data (every step is a full step)")
CHECKED = (*USED_BY, "standardise")  # every flag the rule looks at
MODEL_CHECKED = ("huber_delta", "degree", "hidden", "activation")  # flags read by one loss or model only


def why_unused(dest: str, live: LiveSettings, function: bool, model: ModelKind | None = None) -> str | None:
    """Why the setting of flag `dest` changes nothing here ("with --rule fixed: ..."), or None if it is read."""
    if function and dest in ("batch", "batch_size", "standardise", "order"):
        return translate("Cli", "with --function: {0}").format(translate("Cli", FUNCTION_WHY))
    if dest == "standardise":
        if model is ModelKind.POLY:
            return translate("Cli", "with --model poly: a polynomial always sees standardised x")
        return translate("Cli", "with --model constant: y^ = b does not read x") if model is ModelKind.CONSTANT else None
    if by_rule(dest, live, function):
        rules = translate("Cli", " or ").join(r.value for r in UpdateRule if r in USED_BY[dest])
        reason = translate("Cli", RULE_WHY[dest]) if dest in RULE_WHY else translate("Cli", "it is read by {0}").format(rules)
        return translate("Cli", "with --rule {0}: {1}").format(live.rule.value, reason)
    if dest == "order" and live.batch_mode is BatchMode.FULL:
        return translate("Cli", "with --batch full: every step uses all samples, in no order")
    if dest == "batch_size" and live.batch_mode is not BatchMode.MINI:
        return translate("Cli", "with --batch {0}: it is the size of --batch mini").format(live.batch_mode.value)
    if dest == "clip_value" and live.clip is ClipMode.NONE:
        return translate("Cli", "without --clip: it is the bound of --clip value or --clip norm")
    if dest in ("decay_rate", "decay_steps") and live.schedule is Schedule.CONSTANT:
        return translate("Cli", "without --schedule: it shapes a step, exponential or inverse schedule")
    return None


def by_rule(dest: str, live: LiveSettings, function: bool) -> bool:
    """Whether why_unused's reason for `dest` is the update rule (the rule does not read the setting)."""
    if dest == "standardise" or (function and dest in ("batch", "batch_size", "order")):
        return False
    return live.rule not in USED_BY[dest]


def why_unused_model(dest: str, objective) -> str | None:
    """Why a loss or model flag (MODEL_CHECKED) changes nothing for this objective, or None if it is read."""
    loss = getattr(objective, "loss_kind", None)
    model = getattr(objective, "model", None)
    if dest == "huber_delta" and loss is not LossKind.HUBER:
        return translate("Cli", "with --loss {0}: delta is where --loss huber bends").format(
            getattr(loss, "value", "squared"))
    if dest == "degree" and model is not ModelKind.POLY:
        return translate("Cli", "with --model {0}: it is the degree of --model poly").format(model.value)
    if dest in ("hidden", "activation") and model is not ModelKind.TWO_LAYER:
        return translate("Cli", "with --model {0}: it shapes the hidden units of --model two-layer").format(model.value)
    return None
