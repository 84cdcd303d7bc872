"""Side panel: data, model, descent settings, speed and view options, bound both ways."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ..engine import (BatchMode, ClipMode, LiveSettings, ModelKind, Reduction, Run, RunConfig, Schedule,
                      UpdateRule)
from ..engine.functions import FUNCTIONS
from .controller import RunController
from .race_panel import RacePanel
from .widgets import LogSlider, NumberBox, combo, fit_popup, hbox, select_data, small_box

DATA_SETS = [("House prices — tutorial 000", "house"), ("Beans — tutorial 001", "beans"),
             ("y = 1 + 2x — tutorial 002", "linear")] + [
             (f"Function: {spec.title}", f"fn:{name}") for name, spec in FUNCTIONS.items()]

_R = UpdateRule
RULES = [("gradient  θ ← θ − η·g", _R.GRADIENT),
         ("fixed step  θ ← θ − s·sign(g)", _R.FIXED),
         ("momentum  v ← βv + g; θ ← θ − ηv", _R.MOMENTUM),
         ("Nesterov  v ← βv + g; θ ← θ − η(g + βv)", _R.NESTEROV),
         ("AdaGrad  G ← G + g²; θ ← θ − ηg/(√G + ε)", _R.ADAGRAD),
         ("RMSProp  s ← ρs + (1 − ρ)g²; θ ← θ − ηg/(√s + ε)", _R.RMSPROP),
         ("Adam  momentum + RMSProp, bias-corrected", _R.ADAM),
         ("random search (tutorial 004)", _R.RANDOM_SEARCH),
         ("direction search (tutorial 004)", _R.DIRECTION_SEARCH)]
CLIPS = [("none", ClipMode.NONE), ("by value", ClipMode.VALUE), ("by norm", ClipMode.NORM)]
SCHEDULES = [("constant  η", Schedule.CONSTANT), ("step decay  η·γ^⌊t/T⌋", Schedule.STEP),
             ("exponential  η·γ^(t/T)", Schedule.EXPONENTIAL), ("1/t  η/(1 + γ·t/T)", Schedule.INVERSE)]
HYPER = (  # live setting, row label, tooltip, arrow step (None: arrows multiply by 10^0.1)
    ("momentum", "Momentum β", "How much of the velocity each step keeps, 0 ≤ β < 1", 0.05),
    ("beta1", "β₁  (mean g)", "Adam's decay of the mean gradient m, 0 ≤ β₁ < 1", 0.05),
    ("beta2", "β₂  (mean g²)", "Adam's decay of the mean squared gradient v, 0 ≤ β₂ < 1", 0.001),
    ("rho", "ρ  (mean g²)", "RMSProp's decay of the mean squared gradient s, 0 ≤ ρ < 1", 0.05),
    ("epsilon", "ε", "Keeps the step finite where the squared gradients are 0 (> 0)", None),
    ("fixed_step", "Step size s", "The move of fixed-step descent and of direction search (> 0)", None),
    ("search_radius", "Search radius r", "Random search tries points of the box start ± r (> 0)", None),
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


class SettingsPanel(QWidget):
    """Writes settings to the controller; follows the controller's run and live settings."""

    residuals_toggled = Signal(bool)
    log_scale_toggled = Signal(bool)
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
        controller.run_replaced.connect(self.show_run)
        controller.live_changed.connect(self.show_live)
        controller.speed_changed.connect(self.show_speed)
        self.show_run(controller.run)
        self.show_live(controller.run.live)
        self.show_speed(controller.steps_per_second, controller.steps_per_frame)

    # ----- building -----------------------------------------------------------------------
    def _data_group(self) -> QGroupBox:
        box = QGroupBox("Data")
        form = QFormLayout(box)
        self.data = combo(DATA_SETS)
        self.data.setObjectName("dataCombo")
        self.data.activated.connect(self._data_chosen)
        form.addRow("Data set", self.data)
        self.import_button = QPushButton("Import CSV…")
        self.import_button.clicked.connect(self._import_csv)
        self.x_col, self.y_col = QLineEdit(), QLineEdit()
        for edit, tip in ((self.x_col, "x column: name or index (blank: first column)"),
                          (self.y_col, "y column: name or index (blank: second column)")):
            edit.setPlaceholderText("auto")
            edit.setToolTip(tip)
            edit.setMaximumWidth(70)
        cols = QHBoxLayout()
        cols.addWidget(self.import_button)
        cols.addWidget(QLabel("x"))
        cols.addWidget(self.x_col)
        cols.addWidget(QLabel("y"))
        cols.addWidget(self.y_col)
        form.addRow(cols)
        self.val_fraction = NumberBox(-0.05, 0.9, -0.05, step=0.05)
        self.val_fraction.setSpecialValueText("data set's own")
        self.val_fraction.setToolTip("Fraction of the points held out for validation (seeded)")
        self.val_fraction.valueChanged.connect(self._val_changed)
        form.addRow("Validation", self.val_fraction)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setKeyboardTracking(False)
        self.seed.setToolTip("Seed of the sampling order and of the validation split")
        self.seed.valueChanged.connect(lambda v: self.controller.set_config(seed=int(v)))
        form.addRow("Seed", self.seed)
        self.bad_feature = QCheckBox("Bad feature (x × 10)")
        self.bad_feature.setToolTip("Tutorial 002 §4.2: a badly scaled x stretches the loss surface into a valley")
        self.bad_feature.toggled.connect(lambda on: self._restart(bad_feature=on))
        self.standardise = QCheckBox("Standardise x")
        self.standardise.setToolTip("Tutorial 002 §4.3: fit on (x − mean)/std; the line is drawn in original units")
        self.standardise.toggled.connect(lambda on: self._restart(standardise=on))
        row = QHBoxLayout()
        row.addWidget(self.bad_feature)
        row.addWidget(self.standardise)
        form.addRow(row)
        self._data_rows = [(form, self.val_fraction), (form, row)]  # hidden for a function
        return box

    def _restart(self, **changes) -> None:
        if not self.controller.set_config(**changes):
            self.show_run(self.controller.run)

    def _model_group(self) -> QGroupBox:
        box = QGroupBox("Model and loss")
        self.model_group = box
        form = QFormLayout(box)
        self.model = combo([("ŷ = w·x + b  (line)", ModelKind.LINE), ("ŷ = w·x  (through origin)", ModelKind.ORIGIN),
                            ("ŷ = b  (constant)", ModelKind.CONSTANT)])
        self.model.activated.connect(lambda _: self.controller.set_config(model=self.model.currentData()))
        form.addRow("Model", self.model)
        self.reduction = combo([("mean  (1/n)Σ", Reduction.MEAN), ("sum  Σ", Reduction.SUM),
                                ("half-sum  ½Σ", Reduction.HALF_SUM)])
        self.reduction.activated.connect(
            lambda _: self.controller.set_config(reduction=self.reduction.currentData()))
        form.addRow("Loss", self.reduction)
        self._data_rows += [(form, self.model), (form, self.reduction)]
        self.init_w = NumberBox(-1e9, 1e9, 0.0)
        self.init_b = NumberBox(-1e9, 1e9, 0.0)
        for box_ in (self.init_w, self.init_b):
            box_.valueChanged.connect(self._init_changed)
        self.init_labels = (QLabel("Start w"), QLabel("Start b"))
        form.addRow(self.init_labels[0], self.init_w)
        form.addRow(self.init_labels[1], self.init_b)
        return box

    def _descent_group(self) -> QGroupBox:
        box = QGroupBox("Descent (live)")
        form = QFormLayout(box)
        self._descent_form = form
        self.lr = NumberBox(-1e3, 1e3, 0.1, log_steps=True)
        self.lr.setObjectName("learningRate")
        self.lr.setToolTip("Learning rate η (must be > 0); arrows multiply by 10^0.1")
        self.lr.valueChanged.connect(lambda v: self.controller.set_live(learning_rate=float(v)))
        form.addRow("Learning rate η", self.lr)
        self.lr_slider = LogSlider(1e-6, 10.0)
        self.lr_slider.setObjectName("learningRateSlider")
        self.lr_slider.value_changed.connect(self._slider_moved)
        form.addRow("", self.lr_slider)
        self.batch_mode = combo([("full batch", BatchMode.FULL), ("stochastic (1 sample)", BatchMode.STOCHASTIC),
                                 ("mini-batch", BatchMode.MINI)])
        self.batch_mode.activated.connect(
            lambda _: self.controller.set_live(batch_mode=self.batch_mode.currentData()))
        form.addRow("Batch", self.batch_mode)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 10**9)
        self.batch_size.setKeyboardTracking(False)
        self.batch_size.valueChanged.connect(lambda v: self.controller.set_live(batch_size=int(v)))
        form.addRow("Batch size", self.batch_size)
        self._data_rows += [(form, self.batch_mode), (form, self.batch_size)]
        self.rule = combo(RULES)
        self.rule.setObjectName("ruleCombo")
        fit_popup(self.rule)
        self.rule.activated.connect(lambda _: self.controller.set_live(rule=self.rule.currentData()))
        form.addRow("Update", self.rule)
        self.hyper: dict[str, NumberBox] = {}
        for name, label, tip, step in HYPER:
            spin = NumberBox(-1e3, 1e3, 0.0, step=step or 0.1, log_steps=step is None)
            spin.setObjectName(f"{name}Box")
            spin.setToolTip(tip)
            spin.valueChanged.connect(lambda v, name=name: self.controller.set_live(**{name: float(v)}))
            form.addRow(label, spin)
            self.hyper[name] = spin
            setattr(self, name, spin)  # panel.momentum, panel.beta1, … panel.fixed_step
        self.epsilon.setDecimals(20)  # 1e-8 and below must not round to 0
        form.addRow("Clip gradient", self._clip_row())
        form.addRow("Schedule", self._schedule_row())
        form.addRow("", self._decay_row())
        self._rows = {  # live setting → the form fields of its rows
            "learning_rate": (self.lr, self.lr_slider), "schedule": (self.schedule_row, self.decay_row),
            "clip": (self.clip_row,), **{name: (spin,) for name, spin in self.hyper.items()}}
        return box

    def _clip_row(self) -> QWidget:
        self.clip = combo(CLIPS)
        self.clip.setObjectName("clipCombo")
        self.clip.setMinimumContentsLength(6)
        self.clip.setToolTip("Clip the gradient before the update rule sees it: each component into "
                             "[−c, c] (by value), or scaled so that ‖g‖ ≤ c (by norm)")
        self.clip.activated.connect(lambda _: self.controller.set_live(clip=self.clip.currentData()))
        self.clip_value = small_box(1.0, "The bound c of a clipped gradient (> 0)", log_steps=True)
        self.clip_value.setObjectName("clipValueBox")
        self.clip_value.valueChanged.connect(lambda v: self.controller.set_live(clip_value=float(v)))
        self.clip_row = hbox(self.clip, QLabel("c"), self.clip_value)
        return self.clip_row

    def _schedule_row(self) -> QWidget:
        self.schedule = combo(SCHEDULES)
        self.schedule.setObjectName("scheduleCombo")
        fit_popup(self.schedule)
        self.schedule.setToolTip("How the learning rate changes with the step t")
        self.schedule.activated.connect(lambda _: self.controller.set_live(schedule=self.schedule.currentData()))
        self.schedule_row = hbox(self.schedule)
        return self.schedule_row

    def _decay_row(self) -> QWidget:
        self.decay_rate = small_box(0.5, "γ: the decay rate of the schedule (> 0)", step=0.05)
        self.decay_rate.setObjectName("decayRateBox")
        self.decay_rate.valueChanged.connect(lambda v: self.controller.set_live(decay_rate=float(v)))
        self.decay_steps = small_box(100.0, "T: the schedule's step count, a whole number ≥ 1", step=10)
        self.decay_steps.setObjectName("decayStepsBox")
        self.decay_steps.valueChanged.connect(lambda v: self.controller.set_live(decay_steps=v))
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
        box = QGroupBox("Speed   ( [ slower · ] faster )")
        form = QFormLayout(box)
        self.steps_per_second = QSpinBox()
        self.steps_per_second.setRange(1, 60)
        self.steps_per_frame = QSpinBox()
        self.steps_per_frame.setRange(1, 1_000_000)
        for spin in (self.steps_per_second, self.steps_per_frame):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._speed_edited)
        form.addRow("Frames / second", self.steps_per_second)
        form.addRow("Steps / frame", self.steps_per_frame)
        return box

    def _view_group(self) -> QGroupBox:
        box = QGroupBox("View")
        col = QVBoxLayout(box)
        self.residuals = QCheckBox("Residuals (point → line)")
        self.residuals.toggled.connect(self.residuals_toggled)
        self.log_scale = QCheckBox("Log-scale loss")
        self.log_scale.toggled.connect(self.log_scale_toggled)
        col.addWidget(self.residuals)
        col.addWidget(self.log_scale)
        self.show_lr = QCheckBox("Show learning rate on the loss plot")
        self.show_lr.setToolTip("Draw η of every step (after the schedule) on a second axis of the loss plot")
        self.show_lr.toggled.connect(self.learning_rate_toggled)
        col.addWidget(self.show_lr)
        self.landscape = QCheckBox("Loss landscape")
        self.sections = QCheckBox("Cross-sections")
        self.lock_range = QCheckBox("Lock range")
        self.equal_scales = QCheckBox("Equal scales")
        self.equal_scales.setToolTip("One unit is as long across as up: a badly scaled feature shows as a narrow valley")
        self.contours = QCheckBox("Contour lines")
        self.log_levels = QCheckBox("Log-spaced levels")
        for box_, on, signal in ((self.landscape, True, self.landscape_toggled),
                                 (self.sections, True, self.sections_toggled),
                                 (self.lock_range, False, self.lock_range_toggled),
                                 (self.equal_scales, False, self.equal_scales_toggled),
                                 (self.contours, True, self.contours_toggled),
                                 (self.log_levels, True, self.log_levels_toggled)):
            box_.setChecked(on)
            box_.toggled.connect(signal)
        grid = QHBoxLayout()
        grid.addWidget(self.landscape)
        grid.addWidget(self.sections)
        col.addLayout(grid)
        grid2 = QHBoxLayout()
        grid2.addWidget(self.contours)
        grid2.addWidget(self.log_levels)
        col.addLayout(grid2)
        grid3 = QHBoxLayout()
        grid3.addWidget(self.lock_range)
        grid3.addWidget(self.equal_scales)
        col.addLayout(grid3)
        trail = QHBoxLayout()
        trail.addWidget(QLabel("Trail of earlier lines"))
        self.trail = QSpinBox()
        self.trail.setRange(0, 49)
        self.trail.setKeyboardTracking(False)
        self.trail.valueChanged.connect(self.trail_changed)
        trail.addWidget(self.trail)
        col.addLayout(trail)
        pins = QHBoxLayout()
        pins.addWidget(QLabel("Pin at steps"))
        self.pins = QLineEdit()
        self.pins.setPlaceholderText("e.g. 10, 20, 30, 100, 1000")
        self.pins.editingFinished.connect(self._pins_edited)
        pins.addWidget(self.pins)
        self.pin_button = QPushButton("Pin now (P)")
        self.pin_button.setFocusPolicy(Qt.NoFocus)
        self.pin_button.clicked.connect(self.pin_requested)
        pins.addWidget(self.pin_button)
        col.addLayout(pins)
        return box

    def _pins_edited(self) -> None:
        text = self.pins.text().replace(";", ",").replace(" ", ",")
        try:
            steps = [int(float(t)) for t in text.split(",") if t.strip()]
        except ValueError:
            self.controller.error.emit(f"pin steps must be whole numbers separated by commas, got '{self.pins.text()}'")
            return
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
        self._load(RunConfig(data=data, seed=self.seed.value(), val_fraction=self._val_fraction()))

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
        path, _ = QFileDialog.getOpenFileName(self, "Import CSV", str(Path.home()), "CSV files (*.csv *.txt);;All files (*)")
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
        if not self.controller.set_config(val_fraction=self._val_fraction()):
            self.show_run(self.controller.run)

    def _init_changed(self, _v: float) -> None:
        run = self.controller.run
        names = run.param_names if run.is_function else ("w", "b")
        init = tuple((n, box.value()) for n, box in zip(names, (self.init_w, self.init_b)))
        if not self.controller.set_config(init=init):
            self.show_run(self.controller.run)

    def _slider_moved(self, v: float) -> None:
        with QSignalBlocker(self.lr):
            self.lr.setValue(v)
        self.controller.set_live(learning_rate=v)

    def _speed_edited(self, _v: int) -> None:
        self.controller.set_speed(self.steps_per_second.value(), self.steps_per_frame.value())

    # ----- controller → widgets -----------------------------------------------------------
    def show_run(self, run: Run) -> None:
        """Show a run's restart settings."""
        cfg = run.config
        if cfg.function:
            select_data(self.data, f"fn:{cfg.function}")
        elif cfg.csv_path:
            key = f"csv:{cfg.csv_path}"
            if self.data.findData(key) < 0:
                self.data.addItem(f"CSV: {Path(cfg.csv_path).name}", key)
            select_data(self.data, key)
        else:
            select_data(self.data, cfg.data)
        data_mode = not run.is_function
        for widget in (self.model, self.reduction, self.val_fraction, self.bad_feature, self.standardise,
                       self.residuals, self.trail, self.pins, self.pin_button):
            widget.setEnabled(data_mode)
        for form, field in self._data_rows:  # a function has no data: keep the panel short
            form.setRowVisible(field, data_mode)
        self.model_group.setTitle("Model and loss" if data_mode else "Start")
        self._enable_batch(run)
        if data_mode:
            select_data(self.model, run.objective.model)
            select_data(self.reduction, run.objective.reduction)
        for box_, on in ((self.bad_feature, cfg.bad_feature), (self.standardise, cfg.standardise)):
            with QSignalBlocker(box_):
                box_.setChecked(on)
        start = dict(zip(run.param_names, run.initial_params.tolist()))
        names = run.param_names if run.is_function else ("w", "b")
        for (name, box), label in zip(zip(names + ("",) * 2, (self.init_w, self.init_b)), self.init_labels):
            label.setText(f"Start {name}" if name else "Start")
            with QSignalBlocker(box):
                box.setValue(start.get(name, 0.0))
            box.setEnabled(name in start)
        with QSignalBlocker(self.seed):
            self.seed.setValue(cfg.seed)
        with QSignalBlocker(self.val_fraction):
            self.val_fraction.setValue(-0.05 if cfg.val_fraction is None else cfg.val_fraction)
        with QSignalBlocker(self.batch_size):
            self.batch_size.setMaximum(max(1, run.objective.n_train))

    def show_live(self, live: LiveSettings) -> None:
        """Show live settings (after a rewind or a rejected edit) and the rows the rule uses."""
        with QSignalBlocker(self.lr):
            self.lr.setValue(live.learning_rate)
        self.lr_slider.set_float(live.learning_rate)
        for box, data in ((self.batch_mode, live.batch_mode), (self.rule, live.rule), (self.clip, live.clip),
                          (self.schedule, live.schedule)):
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
