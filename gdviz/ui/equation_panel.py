"""The maths of the current step in rich text: model, loss, partial derivatives, the update."""
from __future__ import annotations

import math
import time
from typing import Callable, NamedTuple

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (QAbstractTextDocumentLayout, QAction, QColor, QFont, QGuiApplication, QPainter, QPalette,
                           QTextDocument)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..engine import (OPTIMUM_BEST, Activation, ClipMode, LiveSettings, LossKind, ModelKind, Reduction, Run,
                      Schedule, Snapshot, Status, Update, UpdateRule, losses)
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


class RichText(QWidget):
    """Rich text painted from its own QTextDocument, laid out once per text and width.

    A QLabel laid its rich text out several times per new text (its size hints at other widths, then
    its paint at its own), about 4 ms of a frame each time the maths changed while playing: the
    slowest frames of a race. Here a new text is parsed once and laid out once for the width the
    widget has (1.4 ms for the race's maths). The text is not selectable; the context menu copies it.
    """

    PADDING = 8

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._html = ""
        self._doc = self._document("")
        self._laid_out = -1.0  # the text width the document is laid out for (−1: not yet)
        self._ground, self._edge, self._ink = QColor("#fbfbf8"), QColor("#d8d8d0"), QColor("#000000")
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        copy = QAction(self.tr("Copy the maths"), self)
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(self.plain_text()))
        self.addAction(copy)
        self.setContextMenuPolicy(Qt.ActionsContextMenu)

    def text(self) -> str:
        """The rich text shown."""
        return self._html

    def plain_text(self) -> str:
        """The text shown without its markup (what "Copy" copies)."""
        return self._doc.toPlainText().strip()

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name)
        self.prepare_text(text)
        self.show_prepared()

    # A new text in three parts, which a caller may spread over frames while playing (each part takes
    # ≤ 1 ms; together they made one frame in ten 3-4 ms slower): parse, lay out, show.
    def prepare_text(self, text: str) -> None:
        """Parse a text to show later (show_prepared); the same text as shown changes nothing."""
        self._prepared = None if text == self._html else (text, self._document(text))

    def lay_out_prepared(self) -> None:
        """Lay the prepared text out for the widget's width (all of it: Qt lays a long text out lazily,
        and its size, asked when shown, would finish the work then)."""
        if self._prepared is not None:
            self._prepared[1].setTextWidth(self._text_width(self.width()))
            self._prepared[1].size()

    def show_prepared(self) -> None:
        """Show the prepared text. The layout around is asked again only when its height changed (a
        new layout of the dock and the window, and their repaint, each time the numbers changed)."""
        if self._prepared is None:
            return
        (self._html, self._doc), self._prepared = self._prepared, None
        self._laid_out = self._doc.textWidth() if self._doc.textWidth() > 0 else -1.0
        # (the document is laid out for other widths too, when the layout asks heights for them)
        shown = (self.width(), self._lay_out(self.width()))
        if shown != self._shown:
            self._shown = shown
            self.updateGeometry()
        self.update()

    _prepared: tuple[str, QTextDocument] | None = None
    _shown: tuple[int, float] | None = None  # the widget's width and the text's height at the last show

    def _document(self, html: str) -> QTextDocument:
        """A new document for each text: setHtml on one already laid out lays it out again at once,
        before its width is known (1.3 ms instead of 0.3 for the parse alone)."""
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(self.font())
        doc.setHtml(html)
        return doc

    def set_colours(self, ground: str, edge: str, ink: str) -> None:
        """Background, border and default text colour."""
        self._ground, self._edge, self._ink = QColor(ground), QColor(edge), QColor(ink)
        self.update()

    def _text_width(self, width: int) -> float:
        return float(max(width - 2 * self.PADDING, 20))

    def _lay_out(self, width: int) -> float:
        """Lay the text out for a widget `width` wide (once per text and width); its height."""
        text_width = self._text_width(width)
        if text_width != self._laid_out:
            self._doc.setTextWidth(text_width)
            self._laid_out = text_width
        return self._doc.size().height()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return int(math.ceil(self._lay_out(width))) + 2 * self.PADDING

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        width = max(self.width(), self.minimumWidth())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.minimumWidth(), 3 * self.fontMetrics().lineSpacing())

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name): a new font moves the lines
        if event.type() == QEvent.FontChange:
            self._doc.setDefaultFont(self.font())
            self._laid_out = -1.0
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._ground)
        painter.setPen(self._edge)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        self._lay_out(self.width())
        painter.translate(self.PADDING, self.PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.Text, self._ink)
        context.clip = QRectF(event.rect().translated(-self.PADDING, -self.PADDING))
        painter.setClipRect(context.clip)
        self._doc.documentLayout().draw(painter, context)
        painter.end()


class EquationPanel(RichText):
    """Listens to snapshots and writes the maths with the current numbers."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("equationPanel")
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
        self.set_colours("#fbfbf8" if theme.scheme() == "standard" else theme.BACKGROUND, "#d8d8d0",
                         theme.FOREGROUND or "#000000")
        font = QFont(self.font())
        font.setPointSizeF(theme.pt(13))
        self.setFont(font)
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
        if self.prepare(self._last):
            self.show_prepared()

    def prepare(self, snap: Snapshot | None) -> bool:
        """Write and parse the maths of `snap` (shown by show_prepared, perhaps frames later: see
        RichText); False when there is nothing to write (hidden, or no run)."""
        self._prepared = None
        if snap is None or self._run is None:
            return False
        self._last = snap
        self._pending.stop()
        self._rendered_at = time.monotonic()
        try:
            text = self.html(snap)
        except (ArithmeticError, ValueError, KeyError, IndexError, np.linalg.LinAlgError) as exc:
            # odd data (a zero spread, singular sums): one line instead of a crash in a paint or show event
            text = self.tr("The maths of this step cannot be written out: {0}").format(str(exc) or type(exc).__name__)
        self.prepare_text(text)
        return True

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
        if not model.is_linear or getattr(obj, "loss_kind", LossKind.SQUARED) is not LossKind.SQUARED:
            return self._descent_rows(snap, *general_rows(self._run, snap), None)
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
        best = not source and self._run.optimum_kind == OPTIMUM_BEST
        rows.append(self._section(self.tr("Minimum") if source else self.tr("Best point so far (no closed form)")
                                  if best else self.tr("Least-squares optimum")))
        if best and opt is not None:
            _params, loss, at = self._run.best_so_far()
            rows.append(self.tr("L = <b>{0}</b> at step {1}").format(num(loss), step_num(at)))
        if opt is None:
            rows.append(self.tr("none: f is unbounded below") if source else
                        self.tr("none: these data do not fix a single best line"))
        else:
            rows.append(", ".join(f"{k}* = <b>{num(v)}</b>" for k, v in opt.items()))
            obj = self._run.objective
            if not source and obj.standardised and obj.model.is_linear:
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


# ----- any model × any loss (issue 10): the model, the loss and the chain rule ---------------------
FACTOR = {Reduction.MEAN: "<sup>1</sup>⁄<sub>n</sub> ", Reduction.SUM: "", Reduction.HALF_SUM: "½ "}
ROW_LIMIT = 12  # parameters written one a line; a wider model (two-layer, 8 units) shows the first ones


def _signed(v: float) -> str:
    """' + 1.2340' or ' − 1.2340': a term after the first."""
    return f" {'−' if v < 0 else '+'} {num(abs(v))}"


def model_text(obj, params: dict[str, float]) -> tuple[str, str]:
    """A curved model's formula and the same with its numbers (x′: the standardised input)."""
    x = "x′" if obj.standardised else "x"
    if obj.model is ModelKind.POLY:
        powers = [f"{x}<sup>{k}</sup>" if k > 1 else x for k in range(1, obj.degree + 1)]
        formula = "ŷ = b + " + " + ".join(f"w{sub(str(k))}·{pw}" for k, pw in enumerate(powers, 1))
        numbers = "ŷ = " + num(params["b"]) + "".join(
            f"{_signed(params[f'w{k}'])}·{pw}" for k, pw in enumerate(powers, 1))
        return formula, numbers
    if obj.model is ModelKind.TWO_LAYER:
        a = "σ" if Activation(obj.activation) is Activation.SIGMOID else "ReLU"
        if "k1" in params:
            formula = f"ŷ = k₂·{a}(k₁·{x} + b₁) + b₂"
            numbers = (f"ŷ = {num(params['k2'])}·{a}({num(params['k1'])}·{x}{_signed(params['b1'])})"
                       f"{_signed(params['b2'])}")
            return formula, numbers
        h = obj.hidden
        formula = f"ŷ = Σ<sub>j=1…{h}</sub> k2<sub>j</sub>·{a}(k1<sub>j</sub>·{x} + b1<sub>j</sub>) + b2"
        return formula, "b2 = " + num(params["b2"])
    p = {"w": params.get("w", 0.0), "b": params.get("b", 0.0)}
    text = {ModelKind.LINE: (f"ŷ = w·{x} + b", f"ŷ = {num(p['w'])}·{x}{_signed(p['b'])}"),
            ModelKind.ORIGIN: (f"ŷ = w·{x}", f"ŷ = {num(p['w'])}·{x}"),
            ModelKind.CONSTANT: ("ŷ = b", f"ŷ = {num(p['b'])}")}
    return text[obj.model]


def derivative_text(obj) -> dict[str, str]:
    """∂L/∂θ for every parameter, written with d<sub>i</sub> = ∂L/∂ŷ<sub>i</sub> (the chain rule for the
    two-layer model: ∂L/∂k₁ = Σ d·k₂·σ′(k₁x + b₁)·x)."""
    x = "x′" if obj.standardised else "x"
    d = "∂L/∂ŷ<sub>i</sub>"
    xi = f"{x}<sub>i</sub>"
    if obj.model is ModelKind.TWO_LAYER:
        a = "σ" if Activation(obj.activation) is Activation.SIGMOID else "ReLU"
        out = {}
        units = [("k1", "b1", "k2", "")] if "k1" in obj.param_names else [
            (f"k1_{j}", f"b1_{j}", f"k2_{j}", sub(str(j))) for j in range(1, obj.hidden + 1)]
        for k1, b1, k2, j in units:
            k1s, b1s, k2s = ("k₁", "b₁", "k₂") if not j else (f"k1{j}", f"b1{j}", f"k2{j}")
            z = f"{k1s}·{xi} + {b1s}"
            out[k2] = f"Σ {d}·{a}({z})"
            out[b1] = f"Σ {d}·{k2s}·{a}′({z})"
            out[k1] = f"Σ {d}·{k2s}·{a}′({z})·{xi}"
        out["b2"] = f"Σ {d}"
        return out
    out = {"b": f"Σ {d}", "w": f"Σ {d}·{xi}"}
    if obj.model is ModelKind.POLY:
        out.update({f"w{k}": f"Σ {d}·{xi}<sup>{k}</sup>" if k > 1 else f"Σ {d}·{xi}"
                    for k in range(1, obj.degree + 1)})
    return out


def loss_formula(obj) -> str:
    """L = c·Σ ℓ(ŷᵢ − yᵢ) for the objective's loss and reduction."""
    kind = LossKind(obj.loss_kind)
    term = {LossKind.SQUARED: "(ŷ<sub>i</sub> − y<sub>i</sub>)²",
            LossKind.ABSOLUTE: "|ŷ<sub>i</sub> − y<sub>i</sub>|",
            LossKind.HUBER: "huber<sub>δ</sub>(ŷ<sub>i</sub> − y<sub>i</sub>)"}[kind]
    return f"L = {FACTOR[obj.reduction]}Σ {term}"


def slope_text(obj) -> str:
    """∂L/∂ŷᵢ = c·ℓ′(ŷᵢ − yᵢ)."""
    factor = {Reduction.MEAN: "<sup>1</sup>⁄<sub>n</sub>·", Reduction.SUM: "", Reduction.HALF_SUM: "½·"}
    return f"∂L/∂ŷ<sub>i</sub> = {factor[obj.reduction]}{losses.SLOPE_SYMBOLS[LossKind(obj.loss_kind)]}"


def tutorial_rows() -> list[str]:
    """Tutorial 004's L1 and L2 example with its numbers (L1 sum 5 and 4, L2 mean 4.3333 and 5.3333)."""
    rows = [translate("EquationPanel", "Tutorial 004's example, y = {0}:").format(vector(losses.TUTORIAL_Y))]
    for i, ex in enumerate(losses.tutorial_examples(), 1):
        l1 = " + ".join(num(t) for t in ex["l1_terms"])
        l2 = " + ".join(num(t) for t in ex["l2_terms"])
        rows.append(translate("EquationPanel", "ŷ{0} = {1}: L1 sum {2} = <b>{3}</b>; L2 mean ({4})/3 = <b>{5}</b>")
                    .format(sub(str(i)), vector(ex["y_hat"]), l1, num(ex["l1_sum"]), l2, num(ex["l2_mean"])))
    rows.append(translate("EquationPanel", "L1 prefers ŷ₂; L2 punishes its one large miss and prefers ŷ₁."))
    return rows


def vanishing_row(run: Run, params: dict[str, float]) -> str | None:
    """For tutorial 004's one-unit sigmoid model: the mean of σ′(k₁x + b₁) over the training points, the
    factor that makes ∂L/∂k₁ small where the unit saturates (the vanishing gradient)."""
    obj = run.objective
    sigmoid = Activation(obj.activation) is Activation.SIGMOID
    if obj.model is not ModelKind.TWO_LAYER or "k1" not in params or not sigmoid:
        return None
    x = obj.feature(run.dataset.x_train[:100_000])
    with np.errstate(all="ignore"):
        a = 1.0 / (1.0 + np.exp(-(params["k1"] * x + params["b1"])))
    slope = float(np.mean(a * (1.0 - a)))
    return translate("EquationPanel", "σ′(k₁x + b₁) = σ(1 − σ) averages <b>{0}</b> over the training points "
                     "(at most 0.25): where it is near 0, k₁ and b₁ hardly move (the vanishing gradient)").format(
        sig(slope))


def general_rows(run: Run, snap: Snapshot) -> tuple[list[str], dict[str, str]]:
    """The model, the loss and the derivatives' formulas of any model × loss, with the step's numbers."""
    obj = run.objective
    params = dict(zip(snap.param_names, snap.params))
    kind = LossKind(obj.loss_kind)
    section = EquationPanel._section
    formula, numbers = model_text(obj, params)
    rows = [section(translate("EquationPanel", "Model")), f"<i>{formula}</i><br><b>{numbers}</b>"]
    if len(params) > 4:
        shown = list(params.items())[:ROW_LIMIT]
        more = "" if len(params) <= ROW_LIMIT else ", …"
        rows.append(", ".join(f"{n} = {num(v)}" for n, v in shown) + more)
    if obj.standardised:
        rows.append(translate("EquationPanel", "x′ = (x − {0}) / {1}  (standardised)").format(
            num(obj.shift), num(obj.scale_x)))
    words = engine_text(losses.WORDS[kind])
    rows.append(section(translate("EquationPanel", "Loss: {0}, at step {1}").format(words, step_num(snap.step))))
    delta = "" if kind is not LossKind.HUBER else "<br>" + translate(
        "EquationPanel", "huber<sub>δ</sub>(r) = ½r² where |r| ≤ δ, δ(|r| − ½δ) beyond; δ = {0}").format(
        num(obj.delta))
    val = ("<br>" + translate("EquationPanel", "validation L = <b>{0}</b>").format(num(snap.val_loss))
           if snap.val_loss is not None else "")
    rows.append(f"<i>{loss_formula(obj)}</i>{delta}<br>"
                + translate("EquationPanel", "training L = <b>{0}</b>").format(num(snap.train_loss)) + val)
    if kind is not LossKind.SQUARED:
        rows += tutorial_rows()
    rows.append(section(translate("EquationPanel", "Chain rule")))
    rows.append(f"<i>{slope_text(obj)}</i>")
    extra = vanishing_row(run, params)
    if extra:
        rows.append(extra)
    return rows, derivative_text(obj)
