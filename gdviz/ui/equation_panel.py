"""The maths of the current step in rich text: model, loss, partial derivatives, the update."""
from __future__ import annotations

import math

import numpy as np

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy

from ..engine import ModelKind, Reduction, Run, Snapshot, Status, UpdateRule
from . import theme

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


def rate(v: float) -> str:
    """A learning rate or step size: short, exact as typed (0.1, 10⁻⁵, 3×10⁻⁴)."""
    mant, exp = f"{v:.6g}".partition("e")[::2] if "e" in f"{v:.6g}" else (f"{v:.6g}", "")
    if not exp:
        return mant
    e = str(int(exp)).translate(SUPERSCRIPT)
    return f"10{e}" if mant == "1" else f"{mant}×10{e}"


def paren(v: float) -> str:
    """A number in brackets when negative, as in w − η × (−3.04)."""
    return f"({num(v)})" if v < 0 else num(v)


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
        self.setStyleSheet("QLabel#equationPanel { background: #fbfbf8; padding: 10px; font-size: 14pt;"
                           " border: 1px solid #d8d8d0; }")
        self.setMinimumWidth(380)
        self._run: Run | None = None
        self._last: Snapshot | None = None
        self._rendered_at = 0.0
        self.rate_limited = False  # set while playing: steps by hand always show at once
        self._pending = QTimer(self)  # at most 10 renders a second while playing fast
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._render)

    MIN_INTERVAL = 0.1  # seconds between renders; nobody reads sixty equations a second

    def set_run(self, run: Run) -> None:
        """A new run (model and reduction decide the formulas)."""
        self._run = run

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
        self.setText(self.html(self._last))

    def html(self, snap: Snapshot) -> str:
        """The panel's rich text for one snapshot."""
        if self._run.is_function:
            spec = self._run.objective.spec
            rows = [self._section("Function"), f"<i>{spec.formula}</i>"]
            at = ", ".join(num(v) for v in snap.params)
            rows.append(f"f({at}) = <b>{num(snap.train_loss)}</b>   (step {snap.step})")
            derivs = dict(zip(spec.param_names, spec.grad_text))
            return self._descent_rows(snap, rows, derivs, "the formula")
        obj = self._run.objective
        model, red = obj.model, obj.reduction
        p = dict(zip(snap.param_names, snap.params))
        w, b = p.get("w", 0.0), p.get("b", 0.0)
        x = "x′" if obj.standardised else "x"
        rows = [self._section("Model")]
        formula = {ModelKind.LINE: f"ŷ = w·{x} + b", ModelKind.ORIGIN: f"ŷ = w·{x}", ModelKind.CONSTANT: "ŷ = b"}[model]
        numbers = {ModelKind.LINE: f"ŷ = {num(w)}·{x} {'−' if b < 0 else '+'} {num(abs(b))}",
                   ModelKind.ORIGIN: f"ŷ = {num(w)}·{x}", ModelKind.CONSTANT: f"ŷ = {num(b)}"}[model]
        rows.append(f"<i>{formula}</i><br><b>{numbers}</b>")
        if obj.standardised:
            orig = obj.to_original(np.array(snap.params))
            rows.append(f"x′ = (x − {num(obj.shift)}) / {num(obj.scale_x)}  (standardised)")
            rows.append(f"in original units: <b>ŷ = {num(orig['w'])}·x {'−' if orig['b'] < 0 else '+'} "
                        f"{num(abs(orig['b']))}</b>")
        loss_formula, factor = LOSS_TEXT[red]
        rows.append(self._section(f"Loss (MSE, {red.value}) at step {snap.step}"))
        val = f"<br>validation L = <b>{num(snap.val_loss)}</b>" if snap.val_loss is not None else ""
        rows.append(f"<i>{loss_formula}</i><br>training L = <b>{num(snap.train_loss)}</b>{val}")
        derivs = {"w": f"{factor}Σ {x}<sub>i</sub>(ŷ<sub>i</sub> − y<sub>i</sub>)",
                  "b": f"{factor}Σ (ŷ<sub>i</sub> − y<sub>i</sub>)"}
        return self._descent_rows(snap, rows, derivs, None)

    def _descent_rows(self, snap: Snapshot, rows: list[str], derivs: dict[str, str], source: str | None) -> str:
        """Gradient, update with numbers, optimum and status; closes the text."""
        up = snap.next_update
        if up is None:
            rows.append(self._section("Next step"))
            rows.append(f"<span style='color:{theme.DIVERGED}'><b>{snap.message}</b></span>")
        else:
            who = source or ("all n = {} training points".format(up.batch_size) if up.batch_size == snap.n_train
                             else "1 sample" if up.batch_size == 1 else f"a batch of n = {up.batch_size}")
            rows.append(self._section(f"Gradient ({who})" if source else f"Gradient on {who}"))
            for name, g in zip(snap.param_names, up.grad):
                rows.append(f"∂L/∂{name} = <i>{derivs[name]}</i> = <b>{num(g)}</b>")
            if up.rule is UpdateRule.FIXED:
                rows.append(self._section(f"Fixed-step update, s = {rate(up.fixed_step)}"))
                for name, before, g, after in zip(snap.param_names, up.params_before, up.grad, up.params_after):
                    sign = "+1" if g > 0 else ("−1" if g < 0 else "0")
                    rows.append(f"{name} ← {num(before)} − {rate(up.fixed_step)} × sign({num(g)}) "
                                f"= {num(before)} − {rate(up.fixed_step)} × ({sign}) = <b>{num(after)}</b>")
            else:
                rows.append(self._section(f"Update, η = {rate(up.learning_rate)}"))
                for name, before, g, after in zip(snap.param_names, up.params_before, up.grad, up.params_after):
                    rows.append(f"{name} ← {num(before)} − {rate(up.learning_rate)} × {paren(g)} "
                                f"= <b>{num(after)}</b>")
        opt = self._run.optimum
        rows.append(self._section("Minimum" if source else "Least-squares optimum"))
        if opt is None:
            rows.append("none: f is unbounded below")
        else:
            rows.append(", ".join(f"{k}* = <b>{num(v)}</b>" for k, v in opt.items()))
            obj = self._run.objective
            if not source and obj.standardised:
                orig = obj.to_original(np.array(list(opt.values())))
                rows.append("original units: " + ", ".join(f"{k}* = <b>{num(v)}</b>" for k, v in orig.items()
                                                          if k in snap.param_names))
        if snap.status in (Status.DIVERGED, Status.CONVERGED):
            colour = theme.DIVERGED if snap.status is Status.DIVERGED else theme.CONVERGED
            rows.append(f"<p style='color:{colour}; font-size:16pt'><b>{snap.message}</b></p>")
        return "<div style='line-height:135%'>" + "<br>".join(rows) + "</div>"

    @staticmethod
    def _section(title: str) -> str:
        return f"<span style='color:#555; font-size:12pt'><br><b>{title}</b></span>"

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._last is not None:
            self.on_snapshot(self._last)
