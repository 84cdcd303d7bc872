"""Side panel: data, model, descent settings, speed and view options, bound both ways."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QVBoxLayout, QWidget)

from ..engine import (TUTORIALS, Activation, BatchMode, ClipMode, LiveSettings, LossKind, ModelKind, Reduction,
                      Run, RunConfig, SampleOrder, Schedule, UpdateRule)
from ..engine.functions import FUNCTIONS
from ..engine.losses import REDUCTIONS
from ..engine.models import MAX_DEGREE, MAX_HIDDEN, MIN_DEGREE
from .controller import RunController
from .race_panel import RacePanel
from .widgets import (MAX_STEP, IntBox, LogSlider, NumberBox, TextBox, combo, fit_popup, format_number, hbox,
                      parse_steps, select_data, small_box)

DATA_SETS = [(QT_TRANSLATE_NOOP("SettingsPanel", "House prices — tutorial 000"), "house"),
             (QT_TRANSLATE_NOOP("SettingsPanel", "Beans — tutorial 001"), "beans"),
             (QT_TRANSLATE_NOOP("SettingsPanel", "y = 1 + 2x — tutorial 002"), "linear")] + [
             (spec.title, f"fn:{name}") for name, spec in FUNCTIONS.items()]  # "Function: {0}" in _data_items

# issue 10's data sets and the tutorials' own runs (TUTORIALS: "tut:" + key)
MORE_DATA = [(QT_TRANSLATE_NOOP("SettingsPanel", "1000 points — tutorial 003"), "line-1000"),
             (QT_TRANSLATE_NOOP("SettingsPanel", "Rooms → price — tutorial 004"), "rooms"),
             (QT_TRANSLATE_NOOP("SettingsPanel", "Curved: a quadratic"), "quadratic"),
             (QT_TRANSLATE_NOOP("SettingsPanel", "Curved: a sine"), "sine"),
             (QT_TRANSLATE_NOOP("SettingsPanel", "A line with outliers (L1, Huber)"), "outliers")]
TUTORIAL_PREFIX = "tut:"
MODELS = [(QT_TRANSLATE_NOOP("SettingsPanel", "ŷ = w·x + b  (line)"), ModelKind.LINE),
          (QT_TRANSLATE_NOOP("SettingsPanel", "ŷ = w·x  (through origin)"), ModelKind.ORIGIN),
          (QT_TRANSLATE_NOOP("SettingsPanel", "ŷ = b  (constant)"), ModelKind.CONSTANT),
          (QT_TRANSLATE_NOOP("SettingsPanel", "polynomial  ŷ = b + Σ wₖ·xᵏ"), ModelKind.POLY),
          (QT_TRANSLATE_NOOP("SettingsPanel", "two-layer  ŷ = k₂·σ(k₁x + b₁) + b₂"), ModelKind.TWO_LAYER)]
LOSSES = [(QT_TRANSLATE_NOOP("SettingsPanel", "squared error (L2)"), LossKind.SQUARED),
          (QT_TRANSLATE_NOOP("SettingsPanel", "absolute error (L1)"), LossKind.ABSOLUTE),
          (QT_TRANSLATE_NOOP("SettingsPanel", "Huber (L2 near 0, L1 beyond δ)"), LossKind.HUBER)]
ACTIVATIONS = [(QT_TRANSLATE_NOOP("SettingsPanel", "sigmoid σ"), Activation.SIGMOID),
               (QT_TRANSLATE_NOOP("SettingsPanel", "ReLU"), Activation.RELU)]
ORDERS = [(QT_TRANSLATE_NOOP("SettingsPanel", "shuffled each epoch"), SampleOrder.SHUFFLED),
          (QT_TRANSLATE_NOOP("SettingsPanel", "in order"), SampleOrder.IN_ORDER)]
REDUCTION_TEXT = {  # (loss, reduction) → the reduction box's text
    (LossKind.SQUARED, Reduction.MEAN):
        QT_TRANSLATE_NOOP("SettingsPanel", "mean squared error  (1/n)·Σ(ŷ − y)²"),
    (LossKind.SQUARED, Reduction.SUM):
        QT_TRANSLATE_NOOP("SettingsPanel", "sum of squared errors  Σ(ŷ − y)²"),
    (LossKind.SQUARED, Reduction.HALF_SUM):
        QT_TRANSLATE_NOOP("SettingsPanel", "½ sum of squared errors  ½·Σ(ŷ − y)²"),
    (LossKind.ABSOLUTE, Reduction.MEAN):
        QT_TRANSLATE_NOOP("SettingsPanel", "mean absolute error  (1/n)·Σ|ŷ − y|"),
    (LossKind.ABSOLUTE, Reduction.SUM):
        QT_TRANSLATE_NOOP("SettingsPanel", "sum of absolute errors  Σ|ŷ − y|"),
    (LossKind.HUBER, Reduction.MEAN):
        QT_TRANSLATE_NOOP("SettingsPanel", "mean Huber loss  (1/n)·Σ huber_δ(ŷ − y)"),
    (LossKind.HUBER, Reduction.SUM):
        QT_TRANSLATE_NOOP("SettingsPanel", "sum of Huber losses  Σ huber_δ(ŷ − y)"),
}
MAX_START_BOXES = 3 * MAX_HIDDEN + 1  # the most parameters a model has (two-layer, 8 units)
START_COLUMNS = 2  # start boxes a row: the dock is narrow

_R = UpdateRule
RULES = [(QT_TRANSLATE_NOOP("SettingsPanel", "gradient  θ ← θ − η·g"), _R.GRADIENT),
         (QT_TRANSLATE_NOOP("SettingsPanel", "fixed step  θ ← θ − s·sign(g)"), _R.FIXED),
         (QT_TRANSLATE_NOOP("SettingsPanel", "momentum  v ← βv + g; θ ← θ − ηv"), _R.MOMENTUM),
         (QT_TRANSLATE_NOOP("SettingsPanel", "Nesterov  v ← βv + g; θ ← θ − η(g + βv)"), _R.NESTEROV),
         (QT_TRANSLATE_NOOP("SettingsPanel", "AdaGrad  G ← G + g²; θ ← θ − ηg/(√G + ε)"), _R.ADAGRAD),
         (QT_TRANSLATE_NOOP("SettingsPanel", "RMSProp  s ← ρs + (1 − ρ)g²; θ ← θ − ηg/(√s + ε)"), _R.RMSPROP),
         (QT_TRANSLATE_NOOP("SettingsPanel", "Adam  momentum + RMSProp, bias-corrected"), _R.ADAM),
         (QT_TRANSLATE_NOOP("SettingsPanel", "random search (tutorial 004)"), _R.RANDOM_SEARCH),
         (QT_TRANSLATE_NOOP("SettingsPanel", "direction search (tutorial 004)"), _R.DIRECTION_SEARCH)]
CLIPS = [(QT_TRANSLATE_NOOP("SettingsPanel", "none"), ClipMode.NONE),
         (QT_TRANSLATE_NOOP("SettingsPanel", "by value"), ClipMode.VALUE),
         (QT_TRANSLATE_NOOP("SettingsPanel", "by norm"), ClipMode.NORM)]
SCHEDULES = [(QT_TRANSLATE_NOOP("SettingsPanel", "constant  η"), Schedule.CONSTANT),
             (QT_TRANSLATE_NOOP("SettingsPanel", "step decay  η·γ^⌊t/T⌋"), Schedule.STEP),
             (QT_TRANSLATE_NOOP("SettingsPanel", "exponential  η·γ^(t/T)"), Schedule.EXPONENTIAL),
             (QT_TRANSLATE_NOOP("SettingsPanel", "1/t  η/(1 + γ·t/T)"), Schedule.INVERSE)]
HYPER = (  # live setting, row label, tooltip, arrow step (None: arrows multiply by 10^0.1)
    ("momentum", QT_TRANSLATE_NOOP("SettingsPanel", "Momentum β"),
     QT_TRANSLATE_NOOP("SettingsPanel", "How much of the velocity each step keeps, 0 ≤ β < 1"), 0.05),
    ("beta1", QT_TRANSLATE_NOOP("SettingsPanel", "β₁  (mean g)"),
     QT_TRANSLATE_NOOP("SettingsPanel", "Adam's decay of the mean gradient m, 0 ≤ β₁ < 1"), 0.05),
    ("beta2", QT_TRANSLATE_NOOP("SettingsPanel", "β₂  (mean g²)"),
     QT_TRANSLATE_NOOP("SettingsPanel", "Adam's decay of the mean squared gradient v, 0 ≤ β₂ < 1"), 0.001),
    ("rho", QT_TRANSLATE_NOOP("SettingsPanel", "ρ  (mean g²)"),
     QT_TRANSLATE_NOOP("SettingsPanel", "RMSProp's decay of the mean squared gradient s, 0 ≤ ρ < 1"), 0.05),
    ("epsilon", QT_TRANSLATE_NOOP("SettingsPanel", "ε"),
     QT_TRANSLATE_NOOP("SettingsPanel", "Keeps the step finite where the squared gradients are 0 (> 0)"), None),
    ("fixed_step", QT_TRANSLATE_NOOP("SettingsPanel", "Step size s"),
     QT_TRANSLATE_NOOP("SettingsPanel", "The move of fixed-step descent and of direction search (> 0)"), None),
    ("search_radius", QT_TRANSLATE_NOOP("SettingsPanel", "Search radius r"),
     QT_TRANSLATE_NOOP("SettingsPanel", "Random search tries points of the box start ± r (> 0)"), None),
)
_ETA = frozenset(r for r in UpdateRule if r.uses_learning_rate)
APPLIES: dict[str, frozenset[UpdateRule]] = {  # which rules each row of the descent group serves
    "learning_rate": _ETA, "schedule": _ETA,
    "clip": frozenset(r for r in UpdateRule if not r.is_search),  # the searches never read g
    "momentum": frozenset({_R.MOMENTUM, _R.NESTEROV}), "beta1": frozenset({_R.ADAM}),
    "beta2": frozenset({_R.ADAM}), "rho": frozenset({_R.RMSPROP}),
    "epsilon": frozenset({_R.ADAGRAD, _R.RMSPROP, _R.ADAM}),
    "fixed_step": frozenset({_R.FIXED, _R.DIRECTION_SEARCH}),
    "search_radius": frozenset({_R.RANDOM_SEARCH}),
}


def translated(items: list[tuple[str, object]], context: str = "SettingsPanel") -> list[tuple[str, object]]:
    """A module-level table's items in the current language (their texts are marked with QT_TRANSLATE_NOOP)."""
    return [(QCoreApplication.translate(context, text), data) for text, data in items]


class SettingsPanel(QWidget):
    """Writes settings to the controller; follows the controller's run and live settings.

    In a race the descent settings are those of the runner selected in the race panel's list."""

    residuals_toggled = Signal(bool)
    log_scale_toggled = Signal(bool)
    log_steps_toggled = Signal(bool)
    trail_changed = Signal(int)
    landscape_toggled = Signal(bool)
    sections_toggled = Signal(bool)
    lock_range_toggled = Signal(bool)
    equal_scales_toggled = Signal(bool)
    contours_toggled = Signal(bool)
    log_levels_toggled = Signal(bool)
    pins_changed = Signal(list)
    pin_requested = Signal()
    learning_rate_toggled = Signal(bool)

    def __init__(self, controller: RunController, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPanel")
        self.controller = controller
        self._data_rows: list[tuple[QFormLayout, QWidget]] = []  # form rows hidden for a function
        self._data_widgets: list[QWidget] = []  # other widgets hidden for a function
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._data_group())
        layout.addWidget(self._model_group())
        layout.addWidget(self._descent_group())
        layout.addWidget(self._speed_group())
        layout.addWidget(self._view_group())
        self.race_panel = RacePanel(controller)
        layout.addWidget(self.race_panel)
        layout.addStretch(1)
        for box in (*self.findChildren(NumberBox), *self.findChildren(IntBox), *self.findChildren(TextBox)):
            box.refused.connect(self.controller.error)  # the banner repeats the box's hint in one line
        self._built = True
        self._last_error = ""
        controller.error.connect(self._remember_error)  # a box the engine refused shows why, too
        controller.run_replaced.connect(self.show_run)
        controller.live_changed.connect(self.show_live)
        controller.speed_changed.connect(self.show_speed)
        controller.race_changed.connect(lambda _race: self._show_edited_runner())
        controller.runner_selected.connect(lambda _i: self._show_edited_runner())
        self.show_run(controller.run)
        self.show_live(controller.run.live)
        self.show_speed(controller.steps_per_second, controller.steps_per_frame)

    @staticmethod
    def _add_row(form: QFormLayout, label: str, field: QWidget) -> None:
        """A labelled form row; the label also names the field in its refusal hints."""
        field.setAccessibleName(label)
        form.addRow(label, field)

    # ----- building -----------------------------------------------------------------------
    def _data_items(self) -> list[tuple[str, str]]:
        """The data sets and functions of the Data set box, in the current language."""
        from .i18n import engine_text
        plain = [item for item in DATA_SETS if not item[1].startswith("fn:")]
        functions = [item for item in DATA_SETS if item[1].startswith("fn:")]
        tutorials = [(self.tr("Tutorial: {0}").format(engine_text(preset.title)), TUTORIAL_PREFIX + key)
                     for key, preset in TUTORIALS.items()]
        return [(self.tr("Function: {0}").format(engine_text(text)) if key.startswith("fn:")
                 else QCoreApplication.translate("SettingsPanel", text), key)
                for text, key in plain + MORE_DATA + functions] + tutorials

    def _data_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data"))
        form = QFormLayout(box)
        self.data = combo(self._data_items())
        self.data.setObjectName("dataCombo")
        self.data.activated.connect(self._data_chosen)
        self._add_row(form, self.tr("Data set"), self.data)
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.clicked.connect(self._import_csv)
        self.x_col, self.y_col = TextBox(), TextBox()
        for edit, name, tip in (
                (self.x_col, self.tr("x column"), self.tr("x column: name or index (blank: first column)")),
                (self.y_col, self.tr("y column"), self.tr("y column: name or index (blank: second column)"))):
            edit.setPlaceholderText(self.tr("auto"))
            edit.setToolTip(tip)
            edit.setAccessibleName(name)
            edit.setMaximumWidth(70)
        form.addRow(self.import_button)
        cols = QHBoxLayout()
        cols.addWidget(QLabel(self.tr("columns  x")))
        cols.addWidget(self.x_col)
        cols.addWidget(QLabel("y"))
        cols.addWidget(self.y_col)
        form.addRow(cols)
        self.val_fraction = NumberBox(-0.05, 0.9, -0.05, step=0.05)
        self.val_fraction.setSpecialValueText(self.tr("own split"))
        self.val_fraction.setToolTip(self.tr("Fraction of the points held out for validation (seeded)"))
        self.val_fraction.valueChanged.connect(self._val_changed)
        self._add_row(form, self.tr("Validation"), self.val_fraction)
        self.seed = IntBox(0, 2**31 - 1)
        self.seed.setToolTip(self.tr("Seed of the sampling order, of the validation split and of random search"))
        self.seed.valueChanged.connect(lambda v: self._restart(seed=int(v), box=self.seed))
        self._add_row(form, self.tr("Seed"), self.seed)
        self._seed_form = form
        self.bad_feature = QCheckBox(self.tr("Bad feature (x × 10)"))
        self.bad_feature.setToolTip(
            self.tr("Tutorial 002 §4.2: a badly scaled x stretches the loss surface into a valley"))
        self.bad_feature.toggled.connect(lambda on: self._restart(bad_feature=on))
        self.standardise = QCheckBox(self.tr("Standardise x"))
        self.standardise.setToolTip(
            self.tr("Tutorial 002 §4.3: fit on (x − mean)/std; the line is drawn in original units"))
        self.standardise.toggled.connect(lambda on: self._restart(standardise=on))
        row = QVBoxLayout()  # one under the other: the dock may be narrow
        row.addWidget(self.bad_feature)
        row.addWidget(self.standardise)
        form.addRow(row)
        self._data_rows += [(form, self.val_fraction), (form, row)]
        return box

    def _restart(self, box: NumberBox | IntBox | None = None, **changes) -> bool:
        """Restart with `changes`; when refused, show the run as it is and mark the box that asked."""
        if self.controller.set_config(**changes):
            return True
        self.show_run(self.controller.run)
        self._mark_refused(box)
        return False

    def _live(self, box: NumberBox | IntBox, **changes) -> bool:
        """A live edit from a box; when the engine refuses it the box is marked with the reason."""
        if self.controller.set_live(**changes):
            box.clear_hint()
            return True
        self._mark_refused(box)
        return False

    def _tolerance_edited(self, tol: float) -> None:
        if not self.controller.set_tolerance(float(tol)):
            with QSignalBlocker(self.tolerance):
                self.tolerance.setValue(self.controller.run.tolerance)
            self._mark_refused(self.tolerance)

    def _remember_error(self, text: str) -> None:
        self._last_error = text

    def _mark_refused(self, box: NumberBox | IntBox | None) -> None:
        if box is not None and self._last_error:
            box.show_hint(self._last_error)

    def _model_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Model and loss"))
        self.model_group = box
        form = QFormLayout(box)
        self._model_form = form
        self.model = combo(translated(MODELS))
        self.model.setObjectName("modelCombo")
        fit_popup(self.model)
        self.model.activated.connect(lambda _: self._model_edited(model=self.model.currentData(), init=None))
        self._add_row(form, self.tr("Model"), self.model)
        self.degree = IntBox(MIN_DEGREE, MAX_DEGREE, MIN_DEGREE)
        self.degree.setObjectName("degreeBox")
        self.degree.setToolTip(self.tr("Degree K of ŷ = b + w1·x + … + wK·x^K (x standardised)"))
        self.degree.valueChanged.connect(lambda v: self._model_edited(self.degree, degree=int(v), init=None))
        self._add_row(form, self.tr("Degree"), self.degree)
        self.hidden = IntBox(1, MAX_HIDDEN, 1)
        self.hidden.setObjectName("hiddenBox")
        self.hidden.setToolTip(
            self.tr("Hidden units h: ŷ = Σⱼ k2ⱼ·a(k1ⱼ·x + b1ⱼ) + b2 (1: tutorial 004's model)"))
        self.hidden.valueChanged.connect(
            lambda v: self._model_edited(self.hidden, hidden=None if v == 1 else int(v), init=None))
        self.activation = combo(translated(ACTIVATIONS))
        self.activation.setObjectName("activationCombo")
        self.activation.setMinimumContentsLength(6)
        self.activation.activated.connect(lambda _: self._model_edited(activation=self.activation.currentData()))
        self.units_row = hbox(self.hidden, self.activation)
        self._add_row(form, self.tr("Hidden units"), self.units_row)
        self.loss = combo(translated(LOSSES))
        self.loss.setObjectName("lossCombo")
        fit_popup(self.loss)
        self.loss.activated.connect(lambda _: self._loss_chosen(self.loss.currentData()))
        self._add_row(form, self.tr("Loss"), self.loss)
        self.delta = small_box(1.0, self.tr("Huber's δ: residuals beyond it cost δ·|r| instead of ½r² (> 0)"),
                               log_steps=True)
        self.delta.setObjectName("deltaBox")
        self.delta.valueChanged.connect(lambda v: self._model_edited(self.delta, huber_delta=float(v)))
        self._add_row(form, self.tr("Huber δ"), self.delta)
        self.reduction = combo(self._reduction_items(LossKind.SQUARED))
        self.reduction.setObjectName("reductionCombo")
        fit_popup(self.reduction)
        self.reduction.activated.connect(lambda _: self._model_edited(reduction=self.reduction.currentData()))
        self._add_row(form, self.tr("Reduction"), self.reduction)
        self._data_rows += [(form, self.model), (form, self.loss), (form, self.reduction)]
        self.start_boxes: list[NumberBox] = []
        self.init_labels: list[QLabel] = []
        self.start_grid = QWidget()
        self.start_grid.setObjectName("startGrid")
        self._start_layout = QGridLayout(self.start_grid)
        self._start_layout.setContentsMargins(0, 0, 0, 0)
        for _ in range(2):
            self._start_box()
        form.addRow(self.tr("Start"), self.start_grid)
        return box

    def _reduction_items(self, loss: LossKind) -> list[tuple[str, Reduction]]:
        """The reductions a loss allows, in words with their formula."""
        return translated([(REDUCTION_TEXT[(loss, r)], r) for r in REDUCTIONS[loss]])

    def _start_box(self) -> NumberBox:
        """One more start box in the grid (a model with more parameters asks for it)."""
        i = len(self.start_boxes)
        box_ = small_box(0.0, self.tr("Where the descent starts (a restart)"))
        box_.valueChanged.connect(lambda _v, box_=box_: self._init_changed(box_))
        if getattr(self, "_built", False):  # the boxes made with the panel are connected in __init__
            box_.refused.connect(self.controller.error)
        label = QLabel()
        row, col = divmod(i, START_COLUMNS)
        self._start_layout.addWidget(label, row, 2 * col, Qt.AlignRight)
        self._start_layout.addWidget(box_, row, 2 * col + 1)
        self.start_boxes.append(box_)
        self.init_labels.append(label)
        return box_

    @property
    def init_w(self) -> NumberBox:
        """The first start box (w of a line, x of a function)."""
        return self.start_boxes[0]

    @property
    def init_b(self) -> NumberBox:
        """The second start box (b of a line, y of a function)."""
        return self.start_boxes[1]

    def _model_edited(self, box: NumberBox | IntBox | None = None, **changes) -> bool:
        """Restart with a new model or loss on the data loaded now (drawn points too); on refusal as _restart."""
        run = self.controller.run
        if run.is_function:
            return False
        if self.controller.load(replace(run.config, **changes), run.live, run.dataset):
            if box is not None:
                box.clear_hint()
            return True
        self.show_run(self.controller.run)
        self._mark_refused(box)
        return False

    def _loss_chosen(self, loss: LossKind) -> None:
        """A new loss keeps the reduction where the loss allows it, else takes the mean."""
        reduction = self.controller.run.objective.reduction
        if reduction not in REDUCTIONS[loss]:
            reduction = Reduction.MEAN
        self._model_edited(loss=loss, reduction=reduction)

    def _descent_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Descent (live)"))
        self.descent_group = box
        form = QFormLayout(box)
        self._descent_form = form
        self.lr = NumberBox(-1e3, 1e3, 0.1, log_steps=True)
        self.lr.setObjectName("learningRate")
        self.lr.setToolTip(self.tr("Learning rate η (must be > 0); arrows multiply by 10^0.1"))
        self.lr.valueChanged.connect(lambda v: self._live(self.lr, learning_rate=float(v)))
        self._add_row(form, self.tr("Learning rate η"), self.lr)
        self.lr_slider = LogSlider(1e-6, 10.0)
        self.lr_slider.setObjectName("learningRateSlider")
        self.lr_slider.value_changed.connect(self._slider_moved)
        form.addRow("", self.lr_slider)
        self.batch_mode = combo([(self.tr("full batch"), BatchMode.FULL),
                                 (self.tr("stochastic (1 sample)"), BatchMode.STOCHASTIC),
                                 (self.tr("mini-batch"), BatchMode.MINI)])
        self.batch_mode.activated.connect(self._batch_chosen)
        self._add_row(form, self.tr("Batch"), self.batch_mode)
        self.batch_size = IntBox(1, 10**9)
        self.batch_size.valueChanged.connect(lambda v: self._live(self.batch_size, batch_size=int(v)))
        self._add_row(form, self.tr("Batch size"), self.batch_size)
        self._data_rows += [(form, self.batch_mode), (form, self.batch_size)]
        self.order = combo(translated(ORDERS))
        self.order.setObjectName("orderCombo")
        self.order.setToolTip(self.tr("The order in which stochastic and mini-batch steps visit the samples of an "
                                      "epoch: a new shuffle each epoch, or in order as tutorial 001's loop does"))
        self.order.activated.connect(lambda _: self.controller.set_live(order=self.order.currentData()))
        self._add_row(form, self.tr("Sample order"), self.order)
        self.rule = combo(translated(RULES))
        self.rule.setObjectName("ruleCombo")
        fit_popup(self.rule)
        self.rule.activated.connect(lambda _: self.controller.set_live(rule=self.rule.currentData()))
        self._add_row(form, self.tr("Update"), self.rule)
        self.hyper: dict[str, NumberBox] = {}
        for name, label, tip, step in HYPER:
            spin = NumberBox(-1e3, 1e3, 0.0, step=step or 0.1, log_steps=step is None)
            spin.setObjectName(f"{name}Box")
            spin.setToolTip(QCoreApplication.translate("SettingsPanel", tip))
            label = QCoreApplication.translate("SettingsPanel", label)
            spin.valueChanged.connect(lambda v, name=name, spin=spin: self._live(spin, **{name: float(v)}))
            self._add_row(form, label, spin)
            self.hyper[name] = spin
            setattr(self, name, spin)  # panel.momentum, panel.beta1, … panel.fixed_step
        form.addRow(self.tr("Clip gradient"), self._clip_row())
        form.addRow(self.tr("Schedule"), self._schedule_row())
        form.addRow("", self._decay_row())
        self.tolerance = NumberBox(0.0, 1.0, self.controller.run.tolerance, log_steps=True)
        self.tolerance.setObjectName("toleranceBox")
        self.tolerance.setToolTip(self.tr("Converged when the loss is within tol of its least value, relative to "
                                          "the start (where the least value is unknown: |∇L|² ≤ tol·|∇L₀|²). "
                                          "Changes no step: the run goes on (arrows multiply by 10^0.1)"))
        self.tolerance.valueChanged.connect(self._tolerance_edited)
        self._add_row(form, self.tr("Tolerance"), self.tolerance)
        self._rows = {  # live setting → the form fields of its rows
            "learning_rate": (self.lr, self.lr_slider), "schedule": (self.schedule_row, self.decay_row),
            "clip": (self.clip_row,), **{name: (spin,) for name, spin in self.hyper.items()}}
        return box

    def _clip_row(self) -> QWidget:
        self.clip = combo([(self.tr("none"), ClipMode.NONE), (self.tr("by value"), ClipMode.VALUE),
                           (self.tr("by norm"), ClipMode.NORM)])
        self.clip.setObjectName("clipCombo")
        self.clip.setMinimumContentsLength(6)
        self.clip.setToolTip(self.tr("Clip the gradient before the update rule sees it: each component into "
                                     "[−c, c] (by value), or scaled so that ‖g‖ ≤ c (by norm)"))
        self.clip.activated.connect(lambda _: self.controller.set_live(clip=self.clip.currentData()))
        self.clip_value = small_box(1.0, self.tr("The bound c of a clipped gradient (> 0)"), log_steps=True)
        self.clip_value.setObjectName("clipValueBox")
        self.clip_value.setAccessibleName(self.tr("Clip bound c"))
        self.clip_value.valueChanged.connect(lambda v: self._live(self.clip_value, clip_value=float(v)))
        self.clip_row = hbox(self.clip, QLabel("c"), self.clip_value)
        return self.clip_row

    def _schedule_row(self) -> QWidget:
        self.schedule = combo(translated(SCHEDULES))
        self.schedule.setObjectName("scheduleCombo")
        fit_popup(self.schedule)
        self.schedule.setToolTip(self.tr("How the learning rate changes with the step t"))
        self.schedule.activated.connect(lambda _: self.controller.set_live(schedule=self.schedule.currentData()))
        self.schedule_row = hbox(self.schedule)
        return self.schedule_row

    def _decay_row(self) -> QWidget:
        self.decay_rate = small_box(0.5, self.tr("γ: the decay rate of the schedule (> 0)"), step=0.05)
        self.decay_rate.setObjectName("decayRateBox")
        self.decay_rate.setAccessibleName(self.tr("Decay rate γ"))
        self.decay_rate.valueChanged.connect(lambda v: self._live(self.decay_rate, decay_rate=float(v)))
        self.decay_steps = small_box(100.0, self.tr("T: the schedule's step count, a whole number ≥ 1"), step=10)
        self.decay_steps.setObjectName("decayStepsBox")
        self.decay_steps.setAccessibleName(self.tr("Decay steps T"))
        self.decay_steps.valueChanged.connect(lambda v: self._live(self.decay_steps, decay_steps=v))
        self.decay_row = hbox(QLabel("γ"), self.decay_rate, QLabel("T"), self.decay_steps)
        return self.decay_row

    def row_shown(self, name: str) -> bool:
        """Whether the row of a live setting (learning_rate, momentum, …, clip, schedule) is shown."""
        return self._descent_form.isRowVisible(self._rows[name][0])

    def _show_rows(self, rule: UpdateRule) -> None:
        """Show only the rows that apply to the rule, so the panel stays short."""
        for name, fields_ in self._rows.items():
            for field in fields_:
                self._descent_form.setRowVisible(field, rule in APPLIES[name])

    def _speed_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Speed  ( [  ] )"))
        form = QFormLayout(box)
        self.steps_per_second = IntBox(1, 60)
        self.steps_per_frame = IntBox(1, 1_000_000)
        for spin in (self.steps_per_second, self.steps_per_frame):
            spin.valueChanged.connect(self._speed_edited)
        self._add_row(form, self.tr("Frames / second"), self.steps_per_second)
        self._add_row(form, self.tr("Steps / frame"), self.steps_per_frame)
        return box

    def _view_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("View"))
        col = QVBoxLayout(box)
        self.residuals = QCheckBox(self.tr("Residuals"))
        self.residuals.setToolTip(self.tr("Each point's error r = ŷ − y: a square of side |r| for squared error (L2), "
                                         "a segment for L1 and Huber"))
        self.residuals.toggled.connect(self.residuals_toggled)
        self.log_scale = QCheckBox(self.tr("Log-scale loss"))
        self.log_scale.toggled.connect(self.log_scale_toggled)
        self.log_steps = QCheckBox(self.tr("Log-scale steps"))
        self.log_steps.setToolTip(self.tr("Steps 1, 10, 100, 1,000 … equally spaced: the start of a long run "
                                          "is as wide as its end (step 0 is drawn with step 1)"))
        self.log_steps.toggled.connect(self.log_steps_toggled)
        col.addWidget(self.residuals)
        col.addWidget(self.log_scale)
        col.addWidget(self.log_steps)
        self.show_lr = QCheckBox(self.tr("η on the loss plot"))
        self.show_lr.setToolTip(self.tr("Draw η of every step (after the schedule) on a second axis of the loss plot"))
        self.show_lr.toggled.connect(self.learning_rate_toggled)
        col.addWidget(self.show_lr)
        self.landscape = QCheckBox(self.tr("Loss landscape"))
        self.sections = QCheckBox(self.tr("Cross-sections"))
        self.lock_range = QCheckBox(self.tr("Lock range"))
        self.equal_scales = QCheckBox(self.tr("Equal scales"))
        self.equal_scales.setToolTip(
            self.tr("One unit is as long across as up: a badly scaled feature shows as a narrow valley"))
        self.contours = QCheckBox(self.tr("Contour lines"))
        self.log_levels = QCheckBox(self.tr("Log-spaced levels"))
        for box_, on, signal in ((self.landscape, True, self.landscape_toggled),
                                 (self.sections, True, self.sections_toggled),
                                 (self.lock_range, False, self.lock_range_toggled),
                                 (self.equal_scales, False, self.equal_scales_toggled),
                                 (self.contours, True, self.contours_toggled),
                                 (self.log_levels, True, self.log_levels_toggled)):
            box_.setChecked(on)
            box_.toggled.connect(signal)
        for widget in (self.landscape, self.sections, self.contours, self.log_levels, self.lock_range,
                       self.equal_scales):  # one a row: the dock may be narrow
            col.addWidget(widget)
        self.trail = IntBox(0, 49)
        self.trail.setAccessibleName(self.tr("Trail of earlier lines"))
        self.trail.valueChanged.connect(self.trail_changed)
        self.trail_row = hbox(QLabel(self.tr("Trail of earlier lines")), self.trail)
        col.addWidget(self.trail_row)
        self.pins = TextBox(check=self._pins_problem)
        self.pins.setAccessibleName(self.tr("Pin at steps"))
        self.pins.setPlaceholderText(self.tr("e.g. 10, 20, 30, 100, 1000"))
        self.pins.committed.connect(self._pins_edited)
        self.pin_button = QPushButton(self.tr("Pin now (P)"))
        self.pin_button.setFocusPolicy(Qt.NoFocus)
        self.pin_button.clicked.connect(self.pin_requested)
        self.pins_row = QWidget()
        pins_col = QVBoxLayout(self.pins_row)
        pins_col.setContentsMargins(0, 0, 0, 0)
        pins_col.addWidget(QLabel(self.tr("Pin at steps")))
        pins_col.addWidget(hbox(self.pins, self.pin_button))
        col.addWidget(self.pins_row)
        self._data_widgets += [self.residuals, self.trail_row, self.pins_row]  # they draw on the data view
        return box

    def _pins_problem(self, text: str) -> str | None:
        _steps, bad = parse_steps(text)
        if bad is None:
            return None
        return self.tr("'{0}' is not a step: write whole numbers from 0 to {1}, separated by commas").format(
            bad, format_number(float(MAX_STEP)))

    def _pins_edited(self, text: str) -> None:
        steps, _bad = parse_steps(text)
        self.pins_changed.emit(steps)

    # ----- widget → controller ------------------------------------------------------------
    def _data_chosen(self, _index: int) -> None:
        data = self.data.currentData()
        if data.startswith("csv:"):
            self._load_csv(data[4:])
            return
        if data.startswith("fn:"):
            self._load(RunConfig(function=data[3:], seed=self.seed.value()))
            return
        if data.startswith(TUTORIAL_PREFIX):
            self.load_tutorial(data[len(TUTORIAL_PREFIX):])
            return
        self._load(RunConfig(data=data, seed=self.seed.value(), val_fraction=self._val_fraction()))

    def load_points(self, dataset) -> bool:
        """Refit on edited points (the data view's edit mode): a restart on that data set, undone by Ctrl+Z;
        a run that was playing goes on playing."""
        c = self.controller
        playing = c.playing
        if not c.load(c.run.config, c.run.live, dataset=dataset):
            self.show_run(c.run)
            return False
        if playing:
            c.play()
        return True

    def load_tutorial(self, key: str) -> bool:
        """Run a tutorial's own experiment (TUTORIALS[key]): its data, model, loss, start and settings; its
        pins (tutorial 003's epochs) reach the data view, and play pauses once at its length."""
        preset = TUTORIALS[key]
        if not self.controller.load(preset.config, preset.live):
            self.show_run(self.controller.run)
            return False
        self.controller.set_goal(preset.steps)
        self.pins.setText(", ".join(str(s) for s in preset.pins))
        self.pins_changed.emit(list(preset.pins))
        from .i18n import engine_text
        self.controller.info.emit(engine_text(preset.explanation))
        return True

    def _load(self, config: RunConfig) -> bool:
        from ..engine import load_dataset  # data sets carry the tutorial's settings
        try:
            live = None if config.function else load_dataset(config).preset.live
        except (ValueError, OSError):
            live = None
        if not self.controller.load(config, live):
            self.show_run(self.controller.run)
            return False
        return True

    def _import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import CSV"), str(Path.home()),
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self._load_csv(path)

    def _load_csv(self, path: str) -> bool:
        """Load a CSV (x, y columns from the boxes); keeps the old data on error."""
        config = RunConfig(csv_path=path, csv_x=self.x_col.text().strip() or None,
                           csv_y=self.y_col.text().strip() or None, seed=self.seed.value(),
                           val_fraction=self._val_fraction())
        if not self.controller.load(config, self.controller.run.live):
            self.show_run(self.controller.run)
            return False
        return True

    def _val_fraction(self) -> float | None:
        v = self.val_fraction.value()
        return None if v < 0 else float(v)

    def _val_changed(self, _v: float) -> None:
        self._restart(val_fraction=self._val_fraction(), box=self.val_fraction)

    def _init_changed(self, box: NumberBox) -> None:
        run = self.controller.run
        init = tuple((n, b.value()) for n, b in zip(run.param_names, self.start_boxes))
        if run.is_function:
            self._restart(init=init, box=box)
        else:  # a new start keeps the data loaded now (drawn points too)
            self._model_edited(box, init=init)

    def _batch_chosen(self, _index: int) -> None:
        self.controller.set_live(batch_mode=self.batch_mode.currentData())
        run = self.controller.edited_run
        self._show_order(run, run.live)

    def _slider_moved(self, v: float) -> None:
        with QSignalBlocker(self.lr):
            self.lr.setValue(v)
        self.controller.set_live(learning_rate=v)

    def _speed_edited(self, _v: int) -> None:
        self.controller.set_speed(self.steps_per_second.value(), self.steps_per_frame.value())

    # ----- controller → widgets -----------------------------------------------------------
    def show_run(self, run: Run) -> None:
        """Show a run's restart settings; a function hides every box that only data have."""
        cfg = run.config
        self._show_data_choice(cfg)
        data_mode = not run.is_function
        for widget in (self.model, self.reduction, self.val_fraction, self.bad_feature, self.standardise,
                       self.residuals, self.trail, self.pins, self.pin_button):
            widget.setEnabled(data_mode)
        for form, field in self._data_rows:  # a function has no data: keep the panel short
            form.setRowVisible(field, data_mode)
        for widget in self._data_widgets:
            widget.setVisible(data_mode)
        self.model_group.setTitle(self.tr("Model and loss") if data_mode else self.tr("Start"))
        self._enable_batch(run)
        self._show_model(run)
        for box_, on in ((self.bad_feature, cfg.bad_feature), (self.standardise, cfg.standardise)):
            with QSignalBlocker(box_):
                box_.setChecked(on)
        self._show_start(run)
        with QSignalBlocker(self.seed):
            self.seed.setValue(cfg.seed)
        with QSignalBlocker(self.val_fraction):
            self.val_fraction.setValue(-0.05 if cfg.val_fraction is None else cfg.val_fraction)
        with QSignalBlocker(self.batch_size):
            self.batch_size.setMaximum(max(1, run.objective.n_train))
        with QSignalBlocker(self.tolerance):
            self.tolerance.setValue(run.tolerance)
        self._show_seed(run, run.live)
        self._show_order(run, run.live)
        self._show_edited_runner()

    def _show_data_choice(self, cfg: RunConfig) -> None:
        if cfg.function:
            select_data(self.data, f"fn:{cfg.function}")
        elif cfg.csv_path:
            key = f"csv:{cfg.csv_path}"
            if self.data.findData(key) < 0:
                self.data.addItem(self.tr("CSV: {0}").format(Path(cfg.csv_path).name), key)
            select_data(self.data, key)
        else:
            select_data(self.data, cfg.data)

    def _show_model(self, run: Run) -> None:
        """Model, loss and reduction boxes; degree, hidden units and δ only where the model or loss has them."""
        obj, form = run.objective, self._model_form
        data_mode = not run.is_function
        kind = obj.model if data_mode else None
        loss = LossKind(getattr(obj, "loss_kind", LossKind.SQUARED))
        form.setRowVisible(self.degree, kind is ModelKind.POLY)
        form.setRowVisible(self.units_row, kind is ModelKind.TWO_LAYER)
        form.setRowVisible(self.delta, data_mode and loss is LossKind.HUBER)
        self.standardise.setEnabled(data_mode and kind is not ModelKind.POLY)  # a polynomial always standardises
        if not data_mode:
            return
        select_data(self.model, kind)
        select_data(self.loss, loss)
        with QSignalBlocker(self.reduction):
            self.reduction.clear()
            for text, data in self._reduction_items(loss):
                self.reduction.addItem(text, data)
        select_data(self.reduction, obj.reduction)
        select_data(self.activation, Activation(obj.activation))
        for box_, value in ((self.degree, obj.degree or MIN_DEGREE), (self.hidden, obj.hidden or 1),
                            (self.delta, obj.delta)):
            with QSignalBlocker(box_):
                box_.setValue(value)

    def _show_start(self, run: Run) -> None:
        """One start box per parameter (a grid, two a row), each named after its parameter."""
        names = run.param_names
        while len(self.start_boxes) < min(len(names), MAX_START_BOXES):
            self._start_box()
        for i, (box, label) in enumerate(zip(self.start_boxes, self.init_labels)):
            shown = i < len(names)
            label.setText(names[i] if shown else "")
            box.setAccessibleName(self.tr("Start {0}").format(names[i]) if shown else self.tr("Start"))
            with QSignalBlocker(box):
                box.setValue(float(run.initial_params[i]) if shown else 0.0)
            box.setEnabled(shown)
            box.setVisible(shown)
            label.setVisible(shown)

    def _show_seed(self, run: Run, live: LiveSettings) -> None:
        """The seed matters for data (order, split) and for random search; a function with another rule hides it."""
        self._seed_form.setRowVisible(self.seed, not run.is_function or live.rule is UpdateRule.RANDOM_SEARCH)

    def _show_edited_runner(self) -> None:
        """The descent group's title names the runner it edits in a race."""
        race = self.controller.race
        if race is None:
            self.descent_group.setTitle(self.tr("Descent (live)"))
            return
        entry = race.entries[min(self.controller.selected_runner, len(race.entries) - 1)]
        from .i18n import engine_text
        self.descent_group.setTitle(self.tr("Descent (live) — editing {0}").format(engine_text(entry.name)))

    def show_live(self, live: LiveSettings) -> None:
        """Show live settings (after a rewind or a rejected edit) and the rows the rule uses."""
        with QSignalBlocker(self.lr):
            self.lr.setValue(live.learning_rate)
        self.lr_slider.set_float(live.learning_rate)
        for box, data in ((self.batch_mode, live.batch_mode), (self.rule, live.rule), (self.clip, live.clip),
                          (self.schedule, live.schedule), (self.order, live.order)):
            select_data(box, data)
        self.rule.setToolTip(self.rule.currentText())
        with QSignalBlocker(self.batch_size):
            self.batch_size.setValue(live.batch_size)
        boxes = {**self.hyper, "clip_value": self.clip_value, "decay_rate": self.decay_rate,
                 "decay_steps": self.decay_steps}
        for name, box in boxes.items():
            with QSignalBlocker(box):
                box.setValue(getattr(live, name))
        self.clip_value.setEnabled(live.clip is not ClipMode.NONE)
        scheduled = live.schedule is not Schedule.CONSTANT
        self.decay_rate.setEnabled(scheduled)
        self.decay_steps.setEnabled(scheduled)
        self._enable_batch(self.controller.run, live)
        self._show_rows(live.rule)
        self._show_seed(self.controller.run, live)
        self._show_order(self.controller.run, live)

    def _show_order(self, run: Run, live: LiveSettings) -> None:
        """The sample order matters only where steps take part of the data: stochastic and mini-batch."""
        self._descent_form.setRowVisible(self.order, run.batch_mode(live) is not BatchMode.FULL)

    def _enable_batch(self, run: Run, live: LiveSettings | None = None) -> None:
        """Batch choices apply to data runs whose rule follows a batch gradient (searches use all data)."""
        live = live or run.live
        batched = not run.is_function and not live.rule.is_search
        self.batch_mode.setEnabled(batched)
        self.batch_size.setEnabled(batched and live.batch_mode is BatchMode.MINI)

    def show_speed(self, steps_per_second: int, steps_per_frame: int) -> None:
        """Show the timer speed."""
        for spin, v in ((self.steps_per_second, steps_per_second), (self.steps_per_frame, steps_per_frame)):
            with QSignalBlocker(spin):
                spin.setValue(v)
