"""The maths of the current step in rich text: model, loss, partial derivatives, the update."""
from __future__ import annotations

import math
import time
from typing import Callable, NamedTuple

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy

from ..engine import ClipMode, LiveSettings, ModelKind, Reduction, Run, Schedule, Snapshot, Status, Update, UpdateRule
from ..engine.optimizers import OPTIMIZERS, Context, State, clip_gradient
from . import theme
from .i18n import engine_text
from .plot_base import guarded

translate = QCoreApplication.translate  # module functions translate in the context "EquationPanel"

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def num(v: float) -> str:
    """A number as a teacher writes it: 4 decimals near 1, ×10ⁿ when very large or small."""
    if v == 0:
        return "0"
    if not math.isfinite(v):
        return "∞" if v > 0 else ("−∞" if v < 0 else "NaN")
    a = abs(v)
    if 1e-4 <= a < 10:
        s = f"{v:.4f}"
    elif 10 <= a < 1000:
        s = f"{v:.3f}"
    elif 1000 <= a < 1e5:
        s = f"{v:.1f}"
    else:
        mant, exp = f"{v:.3e}".split("e")
        s = f"{mant}×10{str(int(exp)).translate(SUPERSCRIPT)}"
    return s.replace("-", "−")


def sig(v: float) -> str:
    """A number with 4 significant digits: the small running means of Adam, RMSProp and AdaGrad."""
    a = abs(v)
    if v == 0 or not math.isfinite(v) or not 1e-4 <= a < 1e4:
        return num(v)
    return f"{v:.4g}".replace("-", "−")


def rate(v: float) -> str:
    """A learning rate or step size: short, exact as typed (0.1, 10⁻⁵, 3×10⁻⁴)."""
    mant, exp = f"{v:.6g}".partition("e")[::2] if "e" in f"{v:.6g}" else (f"{v:.6g}", "")
    if not exp:
        return mant
    e = str(int(exp)).translate(SUPERSCRIPT)
    return f"10{e}" if mant == "1" else f"{mant}×10{e}"


def paren(v: float, fmt: Callable[[float], str] = num) -> str:
    """A number in brackets when negative, as in w − η × (−3.04)."""
    return f"({fmt(v)})" if v < 0 else fmt(v)


def step_num(n: int) -> str:
    """A step or epoch count with thousands separators, as the status bar shows it: 127,000."""
    return f"{int(n):,}"


def loss_name(reduction: Reduction) -> str:
    """What the loss is, in words: "mean squared error", "sum of squared errors", ..."""
    return {Reduction.MEAN: translate("EquationPanel", "mean squared error"),
            Reduction.SUM: translate("EquationPanel", "sum of squared errors"),
            Reduction.HALF_SUM: translate("EquationPanel", "½ sum of squared errors")}[reduction]


LOSS_TEXT = {
    Reduction.MEAN: ("L = <sup>1</sup>⁄<sub>n</sub> Σ (ŷ<sub>i</sub> − y<sub>i</sub>)²", "<sup>2</sup>⁄<sub>n</sub> "),
    Reduction.SUM: ("L = Σ (ŷ<sub>i</sub> − y<sub>i</sub>)²", "2 "),
    Reduction.HALF_SUM: ("L = ½ Σ (ŷ<sub>i</sub> − y<sub>i</sub>)²", ""),
}


class EquationPanel(QLabel):
    """Listens to snapshots and writes the maths with the current numbers."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("equationPanel")
        self.setTextFormat(Qt.RichText)
        self.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.restyle_sheet()
        self._run: Run | None = None
        self._last: Snapshot | None = None
        self._rendered_at = 0.0
        self.rate_limited = False  # set while playing: steps by hand always show at once
        self._pending = QTimer(self)  # at most 10 renders a second while playing fast
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._render)

    MIN_INTERVAL = 0.1  # seconds between renders; nobody reads sixty equations a second

    def restyle_sheet(self) -> None:
        """Font size and colours from the theme."""
        ground = "#fbfbf8" if theme.scheme() == "standard" else theme.BACKGROUND
        self.setStyleSheet(f"QLabel#equationPanel {{ background: {ground}; color: {theme.FOREGROUND};"
                           f" padding: 8px; font-size: {theme.css_font(13)}; border: 1px solid #d8d8d0; }}")
        self.setMinimumWidth(int(160 * min(theme.zoom(), 1.5)))  # the dock's share decides; text wraps

    def restyle(self) -> None:
        """Read the theme again (font size, colours) and write the maths again."""
        self.restyle_sheet()
        if self._last is not None and self._run is not None:
            self._render()

    def set_run(self, run: Run) -> None:
        """A new run (model and reduction decide the formulas)."""
        self._run = run

    @guarded
    def on_snapshot(self, snap: Snapshot) -> None:
        """Rewrite the text (skipped while hidden)."""
        self._last = snap
        if self._run is None or not self.isVisible():
            return
        wait = self.MIN_INTERVAL - (time.monotonic() - self._rendered_at)
        if self.rate_limited and wait > 0:
            if not self._pending.isActive():
                self._pending.start(int(wait * 1000) + 1)
            return
        self._render()

    def _render(self) -> None:
        """Write the latest snapshot's maths."""
        if self._last is None or self._run is None:
            return
        self._pending.stop()
        self._rendered_at = time.monotonic()
        try:
            text = self.html(self._last)
        except (ArithmeticError, ValueError, KeyError, IndexError, np.linalg.LinAlgError) as exc:
            # odd data (a zero spread, singular sums): one line instead of a crash in a paint or show event
            text = self.tr("The maths of this step cannot be written out: {0}").format(str(exc) or type(exc).__name__)
        self.setText(text)

    def html(self, snap: Snapshot) -> str:
        """The panel's rich text for one snapshot."""
        if self._run.is_function:
            spec = self._run.objective.spec
            rows = [self._section(self.tr("Function")), f"<i>{spec.formula}</i>"]
            at = ", ".join(num(v) for v in snap.params)
            rows.append(f"f({at}) = <b>{num(snap.train_loss)}</b>   "
                        + self.tr("(step {0})").format(step_num(snap.step)))
            derivs = dict(zip(spec.param_names, spec.grad_text))
            return self._descent_rows(snap, rows, derivs, self.tr("the formula"))
        obj = self._run.objective
        model, red = obj.model, obj.reduction
        p = dict(zip(snap.param_names, snap.params))
        w, b = p.get("w", 0.0), p.get("b", 0.0)
        x = "x′" if obj.standardised else "x"
        rows = [self._section(self.tr("Model"))]
        formula = {ModelKind.LINE: f"ŷ = w·{x} + b", ModelKind.ORIGIN: f"ŷ = w·{x}", ModelKind.CONSTANT: "ŷ = b"}[model]
        numbers = {ModelKind.LINE: f"ŷ = {num(w)}·{x} {'−' if b < 0 else '+'} {num(abs(b))}",
                   ModelKind.ORIGIN: f"ŷ = {num(w)}·{x}", ModelKind.CONSTANT: f"ŷ = {num(b)}"}[model]
        rows.append(f"<i>{formula}</i><br><b>{numbers}</b>")
        if obj.standardised:
            orig = obj.to_original(np.array(snap.params))
            rows.append(self.tr("x′ = (x − {0}) / {1}  (standardised)").format(num(obj.shift), num(obj.scale_x)))
            rows.append(self.tr("in original units: {0}").format(
                f"<b>ŷ = {num(orig['w'])}·x {'−' if orig['b'] < 0 else '+'} {num(abs(orig['b']))}</b>"))
        loss_formula, factor = LOSS_TEXT[red]
        rows.append(self._section(self.tr("Loss: {0}, at step {1}").format(loss_name(red), step_num(snap.step))))
        val = ("<br>" + self.tr("validation L = <b>{0}</b>").format(num(snap.val_loss))
               if snap.val_loss is not None else "")
        rows.append(f"<i>{loss_formula}</i><br>" + self.tr("training L = <b>{0}</b>").format(num(snap.train_loss)) + val)
        derivs = {"w": f"{factor}Σ {x}<sub>i</sub>(ŷ<sub>i</sub> − y<sub>i</sub>)",
                  "b": f"{factor}Σ (ŷ<sub>i</sub> − y<sub>i</sub>)"}
        return self._descent_rows(snap, rows, derivs, None)

    def _descent_rows(self, snap: Snapshot, rows: list[str], derivs: dict[str, str], source: str | None) -> str:
        """Gradient, update with numbers, optimum and status; closes the text."""
        up = snap.next_update
        f = "f" if source else "L"
        if up is None:
            rows.append(self._section(self.tr("Next step")))
            rows.append(f"<span style='color:{theme.DIVERGED}'><b>{engine_text(snap.message)}</b></span>")
        else:
            if not up.rule.is_search:  # the searches read only the loss
                who = source or (self.tr("all n = {0} training points").format(up.batch_size)
                                 if up.batch_size == snap.n_train else self.tr("1 sample") if up.batch_size == 1
                                 else self.tr("a batch of n = {0}").format(up.batch_size))
                rows.append(self._section(self.tr("Gradient ({0})").format(who) if source
                                          else self.tr("Gradient on {0}").format(who)))
                for name, g in zip(snap.param_names, up.grad):
                    rows.append(f"∂{f}/∂{name} = <i>{derivs[name]}</i> = <b>{num(g)}</b>")
            title, lines = update_rows(self._run, snap, up, f)
            rows.append(self._section(title))
            rows.extend(lines)
        opt = self._run.optimum
        rows.append(self._section(self.tr("Minimum") if source else self.tr("Least-squares optimum")))
        if opt is None:
            rows.append(self.tr("none: f is unbounded below") if source else
                        self.tr("none: these data do not fix a single best line"))
        else:
            rows.append(", ".join(f"{k}* = <b>{num(v)}</b>" for k, v in opt.items()))
            obj = self._run.objective
            if not source and obj.standardised:
                orig = obj.to_original(np.array(list(opt.values())))
                rows.append(self.tr("original units: {0}").format(
                    ", ".join(f"{k}* = <b>{num(v)}</b>" for k, v in orig.items() if k in snap.param_names)))
        if snap.status in (Status.DIVERGED, Status.CONVERGED):
            colour = theme.DIVERGED if snap.status is Status.DIVERGED else theme.CONVERGED
            rows.append(f"<p style='color:{colour}; font-size:16pt'><b>{engine_text(snap.message)}</b></p>")
        text = "<br>".join(rows).replace("<br><table", "<table")  # a table starts its own line
        return "<div style='line-height:135%'>" + text + "</div>"

    @staticmethod
    def _section(title: str) -> str:
        return f"<span style='color:#555; font-size:12pt'><br><b>{title}</b></span>"

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._last is not None:
            self.on_snapshot(self._last)  # guarded: an exception here crashed PySide6 (issue 9)


# ----- the update written out, one rule at a time ----------------------------------------------------
class Step(NamedTuple):
    """The numbers of one update: the rule functions below turn them into lines."""

    names: tuple[str, ...]
    before: np.ndarray
    grad: np.ndarray  # after clipping: what the rule sees
    after: np.ndarray
    eta: float  # η of this step, after the schedule
    live: LiveSettings
    state: State | None  # the optimizer state before the step (None: not known for this snapshot)
    new_state: State | None  # after it
    loss: Callable[[np.ndarray], float]  # the training loss (search rules)
    f: str  # "L", or "f" for a function
    candidate: np.ndarray | None  # the point a search tries


HAT_M, HAT_V = "<i>m̂</i>", "<i>v̂</i>"  # italic: some upright fonts drop the combining hat


def sub(name: str) -> str:
    """A subscript, as in v_w."""
    return f"<sub>{name}</sub>"


def vector(values) -> str:
    """(1.2340, −0.5000), or one number alone."""
    values = [num(float(v)) for v in np.ravel(values)]
    return values[0] if len(values) == 1 else f"({', '.join(values)})"


def update_rows(run: Run, snap: Snapshot, up: Update, f: str = "L") -> tuple[str, list[str]]:
    """The next update's section title and its lines with numbers (≤ ~12 lines).

    The numbers come from the run: the update preview (grad, learning rate after the schedule,
    parameters before and after) and the optimizer state before the step (run.opt_state, when the
    snapshot is the run's current step). The state after it comes from the engine's own update
    function, called on those inputs; only bias corrections and square roots are worked out here.
    """
    live = snap.live
    current = (snap.step == run.step and live.rule is run.live.rule
               and np.array_equal(np.asarray(snap.params), run.params))
    grad = np.asarray(up.grad, float)
    clipped = grad if up.rule.is_search else clip_gradient(grad, live)
    step = Step(snap.param_names, np.asarray(up.params_before, float), clipped,
                np.asarray(up.params_after, float), up.learning_rate, live,
                run.opt_state if current else None, None, run.objective.loss, f,
                None if up.candidate is None else np.asarray(up.candidate, float))
    if current and not up.rule.is_search:
        ctx = Context(snap.step, up.learning_rate)
        with np.errstate(all="ignore"):
            _, new_state = OPTIMIZERS[up.rule]().update(clipped, step.state, step.before, live, ctx)
        step = step._replace(new_state=new_state)
    title, rule_rows = RULE_ROWS[up.rule]
    lines = []
    if not up.rule.is_search:
        lines += _clip_rows(grad, clipped, live)
    if up.rule.uses_learning_rate:
        lines += _schedule_rows(snap.step, up.learning_rate, live)
    if step.new_state is None and up.rule in STATEFUL:  # no state to show: before → after
        lines += [f"{n} ← {num(b)} → <b>{num(a)}</b>" for n, b, a in zip(step.names, step.before, step.after)]
    else:
        lines += rule_rows(step)
    return title(live, up), lines


def _clip_rows(grad: np.ndarray, clipped: np.ndarray, live: LiveSettings) -> list[str]:
    c = rate(live.clip_value)
    if live.clip is ClipMode.NONE:
        return []
    if live.clip is ClipMode.NORM:
        norm = float(np.sqrt(grad @ grad))
        if norm <= live.clip_value:
            return [translate("EquationPanel", "‖g‖ = {0} ≤ c = {1}: g is not clipped").format(num(norm), c)]
        return [translate("EquationPanel", "g clipped by norm to c = {0}: {1} → <b>{2}</b>").format(
            c, vector(grad), vector(clipped))]
    if np.array_equal(grad, clipped):
        return [translate("EquationPanel", "every |g<sub>i</sub>| ≤ c = {0}: g is not clipped").format(c)]
    return [translate("EquationPanel", "g clipped to [−c, c], c = {0}: {1} → <b>{2}</b>").format(
        c, vector(grad), vector(clipped))]


def _schedule_rows(t: int, eta_t: float, live: LiveSettings) -> list[str]:
    eta, gamma, steps = rate(live.learning_rate), rate(live.decay_rate), live.decay_steps
    text = {
        Schedule.CONSTANT: None,
        Schedule.STEP: f"η{sub('t')} = η·γ<sup>⌊t/T⌋</sup> = {eta} × {gamma}<sup>⌊{t}/{steps}⌋</sup>",
        Schedule.EXPONENTIAL: f"η{sub('t')} = η·γ<sup>t/T</sup> = {eta} × {gamma}<sup>{t}/{steps}</sup>",
        Schedule.INVERSE: f"η{sub('t')} = η/(1 + γ·t/T) = {eta}/(1 + {gamma} × {t}/{steps})",
    }[live.schedule]
    return [] if text is None else [f"{text} = <b>{rate(eta_t)}</b>"]


def _per_param(step: Step, line: Callable[..., list[str]]) -> list[str]:
    """The lines of each parameter: line(name, i) for i over the parameters."""
    return [text for i, name in enumerate(step.names) for text in line(name, i)]


def _gradient(step: Step) -> list[str]:
    eta = rate(step.eta)
    return [f"{n} ← {num(b)} − {eta} × {paren(g)} = <b>{num(a)}</b>"
            for n, b, g, a in zip(step.names, step.before, step.grad, step.after)]


def _fixed(step: Step) -> list[str]:
    s = rate(step.live.fixed_step)
    rows = []
    for n, b, g, a in zip(step.names, step.before, step.grad, step.after):
        sign = "+1" if g > 0 else ("−1" if g < 0 else "0")
        rows.append(f"{n} ← {num(b)} − {s} × sign({num(g)}) = {num(b)} − {s} × ({sign}) = <b>{num(a)}</b>")
    return rows


def _velocity(step: Step, n: str, i: int) -> str:
    beta, v0, v1 = rate(step.live.momentum), step.state[0][i], step.new_state[0][i]
    return (f"v{sub(n)} ← β·v{sub(n)} + g{sub(n)} = {beta} × {paren(v0, sig)} + {paren(step.grad[i])} "
            f"= <b>{sig(v1)}</b>")


def _momentum(step: Step) -> list[str]:
    eta = rate(step.eta)
    return _per_param(step, lambda n, i: [
        _velocity(step, n, i),
        f"{n} ← {n} − η·v{sub(n)} = {num(step.before[i])} − {eta} × {paren(step.new_state[0][i], sig)} "
        f"= <b>{num(step.after[i])}</b>"])


def _nesterov(step: Step) -> list[str]:
    eta, beta = rate(step.eta), step.live.momentum
    return _per_param(step, lambda n, i: [
        _velocity(step, n, i),
        f"{n} ← {n} − η·(g{sub(n)} + β·v{sub(n)}) = {num(step.before[i])} − {eta} × "
        f"{paren(step.grad[i] + beta * step.new_state[0][i], sig)} = <b>{num(step.after[i])}</b>"])


def _scaled_step(step: Step, n: str, i: int, acc: str, denominator: float) -> str:
    """θ ← θ − η·g/(√acc + ε) with numbers."""
    return (f"{n} ← {n} − η·g{sub(n)}/(√{acc}{sub(n)} + ε) = {num(step.before[i])} − {rate(step.eta)} × "
            f"{paren(step.grad[i])}/{sig(denominator)} = <b>{num(step.after[i])}</b>")


def _adagrad(step: Step) -> list[str]:
    eps = step.live.epsilon
    return _per_param(step, lambda n, i: [
        f"G{sub(n)} ← G{sub(n)} + g{sub(n)}² = {sig(step.state[0][i])} + {paren(step.grad[i])}² "
        f"= <b>{sig(step.new_state[0][i])}</b>",
        _scaled_step(step, n, i, "G", math.sqrt(step.new_state[0][i]) + eps)])


def _rmsprop(step: Step) -> list[str]:
    rho, eps = step.live.rho, step.live.epsilon
    return _per_param(step, lambda n, i: [
        f"s{sub(n)} ← ρ·s{sub(n)} + (1 − ρ)·g{sub(n)}² = {rate(rho)} × {sig(step.state[0][i])} + "
        f"{rate(1 - rho)} × {paren(step.grad[i])}² = <b>{sig(step.new_state[0][i])}</b>",
        _scaled_step(step, n, i, "s", math.sqrt(step.new_state[0][i]) + eps)])


def _adam(step: Step) -> list[str]:
    """A table: one row per quantity (its formula with the numbers of β₁, β₂, t), one column per parameter.

    Written as lines, five quantities per parameter would fill the panel twice over."""
    live = step.live
    (m0, v0, _), (m1, v1, t) = step.state, step.new_state
    t = int(t)
    b1, b2 = rate(live.beta1), rate(live.beta2)
    m_hat, v_hat = m1 / (1 - live.beta1 ** t), v1 / (1 - live.beta2 ** t)
    m_, v_ = HAT_M, HAT_V
    rows = [
        (translate("EquationPanel", "m before"), [sig(m) for m in m0]),
        (translate("EquationPanel", "v before"), [sig(v) for v in v0]),
        (f"m ← {b1}·m + {rate(1 - live.beta1)}·g", [sig(m) for m in m1]),
        (f"v ← {b2}·v + {rate(1 - live.beta2)}·g²", [sig(v) for v in v1]),
        (f"{m_} = m/(1 − {b1}<sup>{t}</sup>)", [sig(m) for m in m_hat]),
        (f"{v_} = v/(1 − {b2}<sup>{t}</sup>)", [sig(v) for v in v_hat]),
        (f"θ ← θ − η·{m_}/(√{v_} + ε)", [f"<b>{num(a)}</b>" for a in step.after]),
    ]
    return [table(step.names, rows)]


def table(names: tuple[str, ...], rows: list[tuple[str, list[str]]]) -> str:
    """Rich text: a header of parameter names, then a formula and one number per parameter on each row."""
    cell = "<td align='right' style='padding-left:10px; white-space:nowrap'>{}</td>"
    head = "<tr><td></td>" + "".join(cell.format(f"<i>{n}</i>") for n in names) + "</tr>"
    body = "".join(f"<tr><td style='font-size:12pt; white-space:nowrap'>{label}</td>"
                   + "".join(cell.format(v) for v in values) + "</tr>" for label, values in rows)
    return f"<table cellspacing='0' cellpadding='1'>{head}{body}</table>"


def _tried(step: Step) -> tuple[np.ndarray, float, float | None, bool]:
    """The point tried, its loss, the best loss before it (None if unknown) and whether it is kept."""
    tried = step.candidate
    with np.errstate(all="ignore"):
        loss = float(step.loss(tried))
    best = None
    if step.state is not None:
        best = float(step.state[1])
        if math.isnan(best):  # right after the start: the loss where the search stands
            with np.errstate(all="ignore"):
                best = float(step.loss(step.before))
    return tried, loss, best, not np.array_equal(step.after, step.before)


def _verdict(step: Step, loss: float, best: float | None, kept: bool) -> str:
    f = step.f
    where = translate("EquationPanel", "best so far {0} = {1}: ").format(f, num(best)) if best is not None else ""
    if kept:
        return where + translate("EquationPanel", "<b>kept</b>: {0} ← <b>{1}</b>").format(_names(step),
                                                                                        vector(step.after))
    return where + translate("EquationPanel", "<b>rejected</b>: stay at <b>{0}</b>").format(vector(step.before))


def _names(step: Step) -> str:
    return step.names[0] if len(step.names) == 1 else f"({', '.join(step.names)})"


def _random_search(step: Step) -> list[str]:
    tried, loss, best, kept = _tried(step)
    return [translate("EquationPanel", "tried {0} = {1} → {2} = <b>{3}</b>").format(
                _names(step), vector(tried), step.f, num(loss)),
            _verdict(step, loss, best, kept)]


def _direction_search(step: Step) -> list[str]:
    tried, loss, best, kept = _tried(step)
    d = ", ".join("+1" if x > 0 else ("−1" if x < 0 else "0") for x in np.sign(tried - step.before))
    d = d if len(step.names) == 1 else f"({d})"
    return [translate("EquationPanel", "try θ + s·d with d = {0}: {1} → {2} = <b>{3}</b>").format(
                d, vector(tried), step.f, num(loss)),
            _verdict(step, loss, best, kept) + ("" if kept else translate("EquationPanel", ", then turn to another d"))]


def _eta(live: LiveSettings) -> str:
    return f"η = {rate(live.learning_rate)}"


_R = UpdateRule
RULE_ROWS: dict[UpdateRule, tuple[Callable[[LiveSettings, Update], str], Callable[[Step], list[str]]]] = {
    _R.GRADIENT: (lambda lv, up: translate("EquationPanel", "Update, {0}").format(_eta(lv)), _gradient),
    _R.FIXED: (lambda lv, up: translate("EquationPanel", "Fixed-step update, s = {0}").format(rate(up.fixed_step)),
               _fixed),
    _R.MOMENTUM: (lambda lv, up: translate("EquationPanel", "Momentum, {0}, β = {1}").format(
        _eta(lv), rate(lv.momentum)), _momentum),
    _R.NESTEROV: (lambda lv, up: translate("EquationPanel", "Nesterov momentum, {0}, β = {1}").format(
        _eta(lv), rate(lv.momentum)), _nesterov),
    _R.ADAGRAD: (lambda lv, up: translate("EquationPanel", "AdaGrad, {0}, ε = {1}").format(
        _eta(lv), rate(lv.epsilon)), _adagrad),
    _R.RMSPROP: (lambda lv, up: translate("EquationPanel", "RMSProp, {0}, ρ = {1}, ε = {2}").format(
        _eta(lv), rate(lv.rho), rate(lv.epsilon)), _rmsprop),
    _R.ADAM: (lambda lv, up: translate("EquationPanel", "Adam, {0}, ε = {1}").format(_eta(lv), rate(lv.epsilon)),
              _adam),
    _R.RANDOM_SEARCH: (lambda lv, up: translate("EquationPanel", "Random search in start ± {0} (tutorial 004)").format(
        rate(lv.search_radius)), _random_search),
    _R.DIRECTION_SEARCH: (lambda lv, up: translate("EquationPanel", "Direction search, s = {0} (tutorial 004)").format(
        rate(lv.fixed_step)), _direction_search),
}
STATEFUL = frozenset({_R.MOMENTUM, _R.NESTEROV, _R.ADAGRAD, _R.RMSPROP, _R.ADAM})
