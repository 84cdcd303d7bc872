"""A descent run: the state, the step, step back, status and history."""
from __future__ import annotations

import copy as _copy
import math
from dataclasses import dataclass, replace

import numpy as np

from . import optimizers
from .datasets import DataError, Dataset, builtin, load_csv
from .functions import FunctionObjective
from .history import History
from .kernels import LIMIT, run_linear
from .objective import DataObjective, Sums, standard_scale
from .persample import SampleObjective
from .optimizers import Context, scheduled_lr
from .sampler import Plan, Sampler
from .types import (BatchMode, ClipMode, LiveSettings, LossKind, ModelKind, RunConfig, Schedule, Snapshot,
                    Status, Update, UpdateRule)

EXPLODE = 1e12  # a loss this many times above max(L₀, 1) counts as diverged
CHUNK = 1 << 15  # steps integrated per block
AHEAD = 12  # a one-step advance computes up to this many steps ahead (see Run.advance)
AHEAD_SAMPLES = 20_000  # ... unless each step visits more samples than this (a full batch of a per-sample loss)
CHECK_EVERY = 16  # the per-step loop looks for runaway parameters this often (the record decides)
FAST_RULES = (UpdateRule.GRADIENT, UpdateRule.FIXED)  # the scalar kernel's rules (no clip, no schedule)
STATUSES = tuple(Status)
EVAL_BUDGET = 1 << 20  # per-sample objectives: training samples evaluated per block for the recorded losses
OPTIMUM_CLOSED, OPTIMUM_BEST, OPTIMUM_MINIMUM = "closed form", "best so far", "known minimum"


@dataclass
class _Block:
    """Steps integrated and checked, taken into the history a few at a time (Run.advance)."""
    stop: bool  # checked with stop_on_converged
    plan: Plan
    p: np.ndarray  # parameters before the first step and after each (k + 1 rows)
    g: np.ndarray
    s: np.ndarray
    rates: np.ndarray
    batch: np.ndarray
    train: np.ndarray
    val: np.ndarray
    status: np.ndarray  # each step's status code
    converged: np.ndarray
    evaluated: np.ndarray  # rows whose training loss and full gradient were computed (the others hold NaN)
    end: int  # rows that count (a divergence or a stop at convergence cuts the block)
    diverged_at: int | None  # the run diverges once every counted row is taken
    stops: bool  # the run stops converged once every counted row is taken
    taken: int = 0


MAX_SEED = 2**31 - 1  # what a spin box holds, and every numpy generator accepts


def load_dataset(config: RunConfig) -> Dataset:
    """The data set a configuration names, with the bad feature applied (raises DataError)."""
    if config.csv_path is not None:  # "" is refused by the reader ("no CSV file given"), never ignored
        ds = load_csv(config.csv_path, config.val_fraction, config.seed, config.csv_x, config.csv_y,
                      encoding=config.csv_encoding, delimiter=config.csv_delimiter, decimal=config.csv_decimal,
                      header=config.csv_header, max_rows=config.csv_max_rows)
    else:
        ds = builtin(config.data, config.val_fraction, config.seed)
    if not config.bad_feature:
        return ds
    xr = ds.preset.x_range
    preset = replace(ds.preset, x_range=None if xr is None else (xr[0] * 10, xr[1] * 10))
    return replace(ds, x_label=f"{ds.x_label} × 10", x_train=ds.x_train * 10, x_val=ds.x_val * 10,
                   preset=preset)


def make_objective(config: RunConfig, dataset: Dataset | None):
    """The objective a configuration describes: a function; a linear model's squared error from sufficient
    statistics (exact, O(1) a full-batch step); or any other model × loss sample by sample."""
    if config.function:
        return FunctionObjective(config.function)
    preset = dataset.preset
    model = ModelKind(config.model or preset.model)
    loss = LossKind(config.loss or preset.loss)
    reduction = config.reduction or preset.reduction
    shift, scale = 0.0, 1.0
    if config.standardise or model is ModelKind.POLY:  # a polynomial always sees standardised x
        shift, scale = standard_scale(dataset.x_train)
    if model.is_linear and loss is LossKind.SQUARED:
        return DataObjective(dataset, model, reduction, shift, scale)
    return SampleObjective(dataset, model, loss, reduction, config.huber_delta, shift, scale,
                           config.degree if config.degree is not None else preset.degree,
                           config.hidden, config.activation)


def default_start(objective, seed: int) -> dict[str, float]:
    """Where a model without a preset start begins: 0 for the lines and polynomials (their squared error
    is convex); for the two-layer model tutorial 004's draw of every parameter from N(0, 1), seeded (equal
    hidden units would stay equal for ever)."""
    names = objective.param_names
    if ModelKind(objective.model) is not ModelKind.TWO_LAYER:
        return dict.fromkeys(names, 0.0)
    values = np.random.RandomState(seed).randn(len(names))
    return dict(zip(names, values.tolist()))


class Run:
    """Gradient descent on one objective. Only `advance`, `rewind`, `reset`, `set_live` and
    `set_tolerance` change it.

    Construction raises ValueError (DataError for data) with a one-line message when the data, the
    start or a setting cannot be used; nothing else. Status per step: CONVERGED when the tolerance
    test holds (see `converged_mask`), STALLED when a deterministic step left the parameters or the
    loss unchanged without converging, DIVERGED when the loss or the parameters ran away.
    """

    def __init__(self, config: RunConfig = RunConfig(), live: LiveSettings | None = None,
                 dataset: Dataset | None = None, max_history: int = 1 << 20) -> None:
        if not (isinstance(config.seed, (int, np.integer)) and 0 <= config.seed <= MAX_SEED):
            raise ValueError("seed must be a whole number from 0 to {0}, got {1!r}".format(MAX_SEED, config.seed))
        self.config = config
        if config.function:
            self.dataset = None
        else:
            self.dataset = dataset if dataset is not None else load_dataset(config)
        self.objective = make_objective(config, self.dataset)
        self.is_function = isinstance(self.objective, FunctionObjective)
        self.per_sample = isinstance(self.objective, SampleObjective)
        self.param_names = self.objective.param_names
        self.initial_params = self._initial_params()
        preset_live = self.objective.preset_live() if self.is_function else self.dataset.preset.live
        self.live = (live or preset_live).validated()
        self.sampler = Sampler(self.objective.n_train, config.seed)
        self.max_history = max_history
        self.ahead_phase = 0  # where in AHEAD steps this run computes its next block
        self.reset()

    # ----- set-up -------------------------------------------------------------------------
    def _initial_params(self) -> np.ndarray:
        given = self.config.init_dict()
        linear = not self.is_function and ModelKind(self.objective.model).is_linear
        if self.is_function:
            start = dict(zip(self.param_names, self.objective.spec.start))
        elif linear:
            start = dict(self.dataset.preset.init)
        else:
            start = default_start(self.objective, self.config.seed)
        if given is not None:
            allowed = set(self.param_names) | ({"x", "y"} if self.is_function else {"w", "b"} if linear else set())
            unknown = sorted(set(given) - allowed)
            if unknown:
                raise ValueError("unknown parameter '{0}' in the initial values (use {1})".format(
                    unknown[0], ", ".join(self.param_names[:-1]) + " and " + self.param_names[-1]
                    if len(self.param_names) > 1 else self.param_names[0]))
            start.update(given)
        values = []
        for name in self.param_names:
            try:
                value = float(start.get(name, 0.0))
            except (TypeError, ValueError, OverflowError):
                raise ValueError("initial {0} must be a number, got {1!r}".format(name, start.get(name))) from None
            if not (math.isfinite(value) and abs(value) < LIMIT):
                raise ValueError("initial {0} must be finite and below 1e100 in size, got {1:g}".format(name, value))
            values.append(value)
        return np.array(values)

    def _start_refused(self, loss: float, grad: np.ndarray) -> ValueError | None:
        """The error for a start where the loss or its gradient overflows (None when it is fine)."""
        if math.isfinite(loss) and np.all(np.isfinite(grad)):
            return None
        where = ", ".join("{0} = {1:g}".format(n, v) for n, v in zip(self.param_names, self.initial_params))
        if self.is_function:
            return ValueError("f overflows at the start {0}: start nearer the minimum".format(where))
        return DataError("the loss overflows at the start {0} on these data: start nearer 0, rescale x or use "
                         "Standardise x".format(where))

    def reset(self) -> None:
        """Back to step 0 with the initial parameters, keeping the current live settings."""
        self._ahead: _Block | None = None  # steps computed ahead (Run.advance)
        self.params = self.initial_params.copy()
        self.optimizer = optimizers.make(self.live.rule)
        self.opt_state = self.optimizer.init(self.params)
        self.epoch = self.pos = self.step = 0
        self.diverged_at: int | None = None
        self._log: list[tuple[int, LiveSettings]] = [(0, self.live)]
        self._last_batch: np.ndarray | None = None
        self.history = History(len(self.params), optimizers.state_size(len(self.params)), self.max_history)
        with np.errstate(all="ignore"):
            loss, grad = self.objective.loss_grad(self.params)
            loss = float(loss)
            refused = self._start_refused(loss, grad)
            if refused is not None:
                raise refused
            self._set_scales(loss, grad)
            converged = bool(self.converged_mask(self.params[None], np.array([loss]), grad[None],
                                                 np.array([False]))[0])
        self._explode = EXPLODE * max(abs(loss), 1.0)
        self.status = Status.CONVERGED if converged else Status.READY
        self.converged_at: int | None = 0 if converged else None
        val = self.objective.val_loss(self.params)
        self._append(np.array([0]), np.array([0]), np.array([0]), self.status, self.params[None],
                     grad[None], np.array([loss]), np.array([loss]),
                     np.array([np.nan if val is None else val]), np.zeros((1, self.history.state_size)),
                     np.array([scheduled_lr(self.live, 0)]))

    # ----- convergence --------------------------------------------------------------------
    def _set_scales(self, loss: float, grad: np.ndarray) -> None:
        """The scales the tolerance is relative to, from the start (see converged_mask)."""
        obj = self.objective
        low = obj.minimum_value()
        gap0 = None if low is None else float(obj.gap(self.initial_params))
        self._gap_scale = None if gap0 is None else (min(gap0, low) if low > 0 else gap0)
        self._g0sq = float(grad @ grad)

    @property
    def tolerance(self) -> float:
        """The convergence tolerance (RunConfig.grad_tol)."""
        return self.config.grad_tol

    def converged_mask(self, params: np.ndarray, loss: np.ndarray, grad: np.ndarray,
                       stalled: np.ndarray) -> np.ndarray:
        """Whether each row (params, its loss, its full gradient) has converged.

        Where the least loss L* is known (every data set: the loss is quadratic; every function with
        a minimum) the test is the optimality gap L − L* ≤ tol·S, with S = min(L₀ − L*, L*) (or
        L₀ − L* when L* = 0): a loss within tol of its own best, whatever the units or the start.
        A stalled step (`stalled`) also counts when its gap is within the rounding noise of the
        loss (nothing finer exists in floating point). Without L* (the saddle) the test is
        |∇L|² ≤ tol·|∇L(θ₀)|².
        """
        tol = self.tolerance
        if self._gap_scale is None:
            return np.sum(grad * grad, axis=-1) <= tol * self._g0sq
        gap = np.asarray(self.objective.gap(params), float)
        return (gap <= tol * self._gap_scale) | (stalled & (gap <= self.objective.noise(loss)))

    def set_tolerance(self, tol: float) -> None:
        """Change the convergence tolerance for every later check, without a restart.

        The current step is checked again: when it no longer meets the tolerance the run is no longer
        converged and `converged_at` is cleared (a run that goes on stops again at the new tolerance)."""
        try:
            value = float(tol)
        except (TypeError, ValueError, OverflowError):
            raise ValueError("tolerance must be a number from 0 to 1, got {0!r}".format(tol)) from None
        if not 0.0 <= value <= 1.0:
            raise ValueError("tolerance must be a number from 0 to 1, got {0:g}".format(value))
        self.config = replace(self.config, grad_tol=value)
        self._ahead = None
        if self.status is Status.DIVERGED:
            return
        with np.errstate(all="ignore"):
            loss, grad = self.objective.loss_grad(self.params)
            stalled = self.status is Status.STALLED
            now = bool(self.converged_mask(self.params[None], np.array([float(loss)]), np.asarray(grad)[None],
                                           np.array([stalled]))[0])
        if now:
            self.status = Status.CONVERGED
            self.converged_at = self.step if self.converged_at is None else self.converged_at
        elif self.status is Status.CONVERGED:
            self.status = Status.READY if self.step == 0 else Status.RUNNING
            self.converged_at = None

    @property
    def optimum(self) -> dict[str, float] | None:
        """The closed-form least-squares parameters (a function's nearest minimum) or, for a model or loss
        without a closed form, the best point this run has found so far (`optimum_kind` says which).
        None when there is none or it is not unique: a saddle; every training x the same (line model);
        every x = 0 (y = w·x)."""
        if self.per_sample:
            best = self.best_so_far()
            return None if best is None else dict(zip(self.param_names, best[0].tolist()))
        with np.errstate(all="ignore"):
            opt = self.objective.optimum()
        return None if opt is None else dict(zip(self.param_names, opt.tolist()))

    @property
    def optimum_kind(self) -> str | None:
        """What `optimum` is: "closed form" (least squares), "known minimum" (a function's listed minimum),
        "best so far" (the lowest training loss on this run's path) or None (there is none)."""
        if self.optimum is None:
            return None
        if self.per_sample:
            return OPTIMUM_BEST
        return OPTIMUM_MINIMUM if self.is_function else OPTIMUM_CLOSED

    def best_so_far(self) -> tuple[np.ndarray, float, int] | None:
        """Parameters, training loss and step of the lowest recorded training loss on this path (thinning
        keeps every bucket's least loss, so this is the true best of the recorded rows)."""
        loss = self.history.column("train_loss")
        finite = np.isfinite(loss)
        if not finite.any():
            return None
        i = int(np.argmin(np.where(finite, loss, np.inf)))
        return self.history.column("params")[i].copy(), float(loss[i]), int(self.history.column("step")[i])

    def batch_mode(self, live: LiveSettings | None = None) -> BatchMode:
        """The batch mode in effect (functions and the search rules: always full)."""
        live = self.live if live is None else live
        return BatchMode.FULL if self.is_function or live.rule.is_search else live.batch_mode

    @property
    def has_validation(self) -> bool:
        """Whether the data set has a validation part."""
        return self.objective.val is not None

    # ----- live settings ------------------------------------------------------------------
    def set_live(self, live: LiveSettings) -> None:
        """Change any live setting: effective on the next step. Only a new rule resets the optimizer state."""
        self._apply_live(live.validated())
        if self._log[-1][0] == self.step:
            self._log[-1] = (self.step, self.live)
        else:
            self._log.append((self.step, self.live))

    def _apply_live(self, live: LiveSettings) -> None:
        self._ahead = None  # computed with the old settings
        if live.rule is not self.live.rule:
            self.optimizer = optimizers.make(live.rule)
            self.opt_state = self.optimizer.init(self.params)
        self.live = live

    def live_at(self, step: int) -> LiveSettings:
        """The settings that drove the update from `step` to `step + 1`."""
        current = self._log[0][1]
        for at, live in self._log:
            if at > step:
                break
            current = live
        return current

    @property
    def changes(self) -> list[tuple[int, LiveSettings]]:
        """Steps where the live settings changed, with the new settings (step 0 is the start)."""
        return list(self._log)

    # ----- stepping -----------------------------------------------------------------------
    def _sums(self, plan: Plan) -> Sums | None:
        if self.per_sample:
            return None
        if plan.order is None:
            return self.objective.full
        return Sums.segments(self.objective.u[plan.order], self.objective.v[plan.order], plan.starts)

    def _fast(self, live: LiveSettings) -> bool:
        """Whether the scalar kernel takes the steps (plain rules on data, no clip, no schedule)."""
        return (live.rule in FAST_RULES and isinstance(self.objective, DataObjective) and live.clip is ClipMode.NONE
                and live.schedule is Schedule.CONSTANT)

    def _context(self, live: LiveSettings, step: int) -> Context:
        if self.optimizer.needs_loss:
            return Context(step, scheduled_lr(live, step), self.objective.loss, self.initial_params,
                           self.config.seed)
        return Context(step, scheduled_lr(live, step))

    def _integrate(self, sums: Sums, steps: int):
        """From the current state: parameters after each step (k+1 rows), then batch gradients,
        optimizer states and learning rates (k rows). Changes nothing; `preview` is one such step."""
        live, width = self.live, self.history.state_size
        if self._fast(live):
            p, g = run_linear(self.objective, self.params, sums, steps, live.rule,
                              live.learning_rate, live.fixed_step)
            return p, g, np.zeros((len(g), width)), np.full(len(g), live.learning_rate)
        ps, gs, states, rates = [self.params], [], [], []
        theta, state, update = self.params, self.opt_state, self.optimizer.update
        grad = self._batch_gradients(sums)
        for i in range(steps):
            g = grad(i, theta)
            ctx = self._context(live, self.step + i)
            delta, state = update(g, state, theta, live, ctx)
            theta = theta + delta
            ps.append(theta)
            gs.append(g)
            states.append(state)
            rates.append(ctx.learning_rate)
            if i % CHECK_EVERY == 0 and not (np.abs(theta) < LIMIT).all():
                break
        return np.array(ps), np.array(gs), optimizers.flatten_many(states, width), np.array(rates)

    def _integrate_samples(self, plan: Plan, steps: int, after: bool = True):
        """`_integrate` for a per-sample objective, plus what the steps computed anyway: each step's batch
        loss and, for full-batch steps with `after`, the training loss and gradient after each step
        ("train", "full_grad"). Plain gradient descent takes a lean loop; every other rule the optimizer's."""
        live, obj, width = self.live, self.objective, self.history.state_size
        n = len(self.params)
        ps, gs, batch = np.empty((steps + 1, n)), np.empty((steps, n)), np.empty(steps)
        theta = self.params.copy()
        ps[0] = theta
        f, full = obj.step_loss_grad, plan.order is None
        plain = live.rule is UpdateRule.GRADIENT and live.clip is ClipMode.NONE and live.schedule is Schedule.CONSTANT
        lr = live.learning_rate
        state, update, states, rates = self.opt_state, self.optimizer.update, [], []
        k = steps
        for i in range(steps):
            loss, g = f(theta, None if full else plan.batch(i))
            if plain:
                theta = theta - lr * g
            else:
                ctx = self._context(live, self.step + i)
                delta, state = update(g, state, theta, live, ctx)
                theta = theta + delta
                states.append(state)
                rates.append(ctx.learning_rate)
            ps[i + 1], gs[i], batch[i] = theta, g, loss
            if i % CHECK_EVERY == 0 and not (np.abs(theta) < LIMIT).all():
                k = i + 1
                break
        ps, gs, batch = ps[:k + 1], gs[:k], batch[:k]
        if plain:
            s, r = np.zeros((k, width)), np.full(k, lr)
        else:
            s, r = optimizers.flatten_many(states, width), np.array(rates)
        extra = {"batch": batch}
        if full and after:
            last_loss, last_grad = f(theta, None)
            extra["train"] = np.append(batch[1:], last_loss)
            extra["full_grad"] = np.vstack([gs[1:], last_grad[None]])
        return ps, gs, s, r, extra

    def _batch_gradients(self, sums: Sums | None):
        """grad(i, θ): the gradient of step i's batch at θ.

        A linear model's squared error has a gradient affine in θ: g_i(θ) = c_i + J_i·θ. A block's
        c_i and J_i come from P + 1 vectorised calls of the objective, which leaves a P × P product
        per step instead of a ~20 µs objective call. Each step's numbers depend only on its own
        batch, so how steps are grouped into blocks never changes a result (rewind retraces).
        """
        objective = self.objective
        per_step = sums is not None and np.ndim(sums.n) > 0
        if self.is_function:
            return lambda i, theta: objective.grad(theta)
        n = len(self.params)
        c = objective.grad(np.zeros(n), sums)
        jac = np.stack([objective.grad(e, sums) - c for e in np.eye(n)], axis=-1)
        if not per_step:
            jac0 = jac.reshape(n, n)
            return lambda i, theta: c + jac0 @ theta
        return lambda i, theta: c[i] + jac[i] @ theta

    def advance(self, n: int = 1, stop_on_converged: bool = True) -> int:
        """Take up to n steps; stops at divergence and, with stop_on_converged, once at the first
        convergence of this path (`converged_at`); later calls go on normally. Returns steps taken.

        Steps are integrated and checked in blocks. A short advance (one step a frame) takes its
        steps from a block of up to AHEAD computed ahead: the per-call cost of the vectorised
        check is paid once a block, not once a step. A block depends only on the state it starts
        from, so taking its rows later gives exactly the numbers a fresh computation would; any
        change of state or settings drops it. `ahead_phase` staggers the steps at which runs
        refill (a race's runners do not all compute in the same frame)."""
        taken = 0
        stop = bool(stop_on_converged) and self.converged_at is None
        n = max(0, int(n))
        while taken < n and self.status is not Status.DIVERGED:
            block = self._ahead
            if block is None or block.stop != stop:
                ahead = self._ahead_steps()
                aligned = ahead - (self.step + self.ahead_phase) % ahead
                size = min(max(n - taken, aligned), CHUNK, self.history.max_rows // 4)
                plan = self.sampler.plan(self.epoch, self.pos, self.batch_mode(), self.live.batch_size, size,
                                         self.live.order)
                sums = self._sums(plan)
                with np.errstate(all="ignore"):
                    if self.per_sample:
                        p, g, s, rates, extra = self._integrate_samples(plan, plan.steps)
                    else:
                        (p, g, s, rates), extra = self._integrate(sums, plan.steps), None
                    block = self._ahead = self._check(plan, sums, p, g, s, rates, stop, extra)
            taken += self._take(block, n - taken)
            if self.status is Status.DIVERGED or (stop and self.converged_at is not None):
                break
        return taken

    def _ahead_steps(self) -> int:
        """How many steps a one-step advance computes at once. A full-batch step of a per-sample loss on
        many samples costs a pass over them, which no block amortises: computed ahead, one frame in AHEAD
        would take AHEAD passes (a stutter), and the next step's gradient, already worked out for the
        preview of the next point, would be computed again."""
        if self.per_sample and self.batch_mode() is BatchMode.FULL and \
                self.objective.n_train * (self.objective.hidden or 1) > AHEAD_SAMPLES:
            return 1
        return AHEAD

    def _evaluated_rows(self, k: int, n: int) -> np.ndarray:
        """Which of k rows get a full evaluation on n samples: all while k·n ≤ EVAL_BUDGET, else evenly
        spaced ones (always the last) so that a block costs about EVAL_BUDGET sample evaluations."""
        mask = np.zeros(k, bool)
        if k * n <= EVAL_BUDGET:
            mask[:] = True
            return mask
        stride = -(-k * n // max(EVAL_BUDGET, n))
        mask[k - 1::-stride] = True
        return mask

    def _sample_losses(self, p: np.ndarray, extra: dict):
        """Training loss, full gradient, validation loss and the evaluated mask of a per-sample block."""
        k, obj = len(p) - 1, self.objective
        if "train" in extra:
            train, full_grad, evaluated = extra["train"], extra["full_grad"], np.ones(k, bool)
        else:
            evaluated = self._evaluated_rows(k, obj.n_train)
            train, full_grad = np.full(k, np.nan), np.full((k, p.shape[1]), np.nan)
            train[evaluated], full_grad[evaluated] = obj.loss_grad(p[1:][evaluated])
        val = np.full(k, np.nan)
        if obj.val is not None:
            rows = evaluated & self._evaluated_rows(k, len(obj.val[0]))
            val[rows] = obj.val_loss(p[1:][rows])
        return train, full_grad, val, evaluated

    def _check(self, plan: Plan, sums: Sums, p, g, s, rates, stop_on_converged: bool,
               extra: dict | None = None) -> "_Block":
        """Check a block of steps: losses, status of each step, and where the block must end."""
        k = len(g)
        obj = self.objective
        if extra is None:
            train, full_grad = obj.loss_grad(p[1:])
            batch_sums = sums if sums is None or np.ndim(sums.n) == 0 else Sums(*(np.asarray(a)[:k] for a in vars(sums).values()))
            batch = obj.loss(p[:-1], batch_sums)
            val = obj.val_loss(p[1:])
            val = np.full(k, np.nan) if val is None else val
            evaluated = np.ones(k, bool)
            val_ok = np.isfinite(val) | (obj.val is None)
        else:
            batch = extra["batch"]
            train, full_grad, val, evaluated = self._sample_losses(p, extra)
            val_ok = np.isfinite(val) | np.isnan(val)  # NaN: not evaluated at this row
        finite = (np.isfinite(batch) & np.isfinite(p[1:]).all(1) & np.isfinite(g).all(1) & val_ok
                  & ((np.isfinite(train) & np.isfinite(full_grad).all(1)) | ~evaluated))
        bad = ~finite | (np.abs(train) > self._explode) | (np.abs(p[1:]) >= LIMIT).any(1)
        if extra is not None:  # rows without a training loss: a runaway batch loss
            bad |= ~evaluated & (np.abs(batch) > self._explode)
        # only a deterministic step can stall: a batch's zero gradient is no stall, nor is a search's rejected try
        deterministic = plan.order is None and not self.live.rule.is_search
        stalled = (p[1:] == p[:-1]).all(1) & deterministic
        converged = self.converged_mask(p[1:], train, full_grad, stalled) & finite & evaluated
        end, status = k, np.full(k, STATUSES.index(Status.RUNNING), np.int8)
        status[stalled] = STATUSES.index(Status.STALLED)
        status[converged] = STATUSES.index(Status.CONVERGED)
        first_bad = int(np.argmax(bad)) if bad.any() else k
        diverged_at = None
        if first_bad < k:
            end = first_bad + int(finite[first_bad])
            diverged_at = self.step + first_bad + 1
            status[first_bad] = STATUSES.index(Status.DIVERGED)
        stops = bool(stop_on_converged and converged[:first_bad].any())
        if stops:
            end, diverged_at = int(np.argmax(converged)) + 1, None
        return _Block(stop_on_converged, plan, p, g, s, rates, batch, train, val, status, converged, evaluated,
                      end, diverged_at, stops)

    def _take(self, block: "_Block", n: int) -> int:
        """Append up to n of the block's rows to the history and move the state to the last of them."""
        i = block.taken
        m = min(n, block.end - i)
        if m:
            j = i + m  # rows i … j − 1
            steps = self.step + 1 + np.arange(m)
            self._append(steps, block.plan.epoch[i:j], block.plan.pos[i:j], block.status[i:j], block.p[i + 1:j + 1],
                         block.g[i:j], block.batch[i:j], block.train[i:j], block.val[i:j], block.s[i:j],
                         block.rates[i:j])
            if self.converged_at is None and block.converged[i:j].any():
                self.converged_at = self.step + 1 + int(np.argmax(block.converged[i:j]))
            self.params = block.p[j].copy()
            self.step += m
            self.epoch, self.pos = int(block.plan.epoch[j - 1]), int(block.plan.pos[j - 1])
            self._last_batch = block.plan.batch(j - 1)
            self.opt_state = optimizers.unflatten(block.s[j - 1], self.opt_state)
            block.taken = j
            self.status = STATUSES[int(block.status[j - 1])]
        if block.taken >= block.end:
            self._ahead = None  # used up
            if block.diverged_at is not None:
                self.status, self.diverged_at = Status.DIVERGED, block.diverged_at
        return m

    def _append(self, steps, epoch, pos, status, params, grad, batch, train, val, state, rates) -> None:
        codes = status if isinstance(status, np.ndarray) else np.full(len(steps), STATUSES.index(status))
        self.history.append(step=steps, epoch=epoch, pos=pos, status=codes, learning_rate=rates,
                            params=params, grad=grad, batch_loss=batch, train_loss=train,
                            val_loss=val, state=state)

    # ----- stepping back ------------------------------------------------------------------
    def rewind(self, step: int) -> None:
        """Go back to an earlier step exactly: parameters, sampler position, optimizer state, settings."""
        step = max(0, min(int(step), self.step))
        if step == self.step and self.status is not Status.DIVERGED:
            return
        self._ahead = None
        i = self.history.index_at_or_before(step)
        row = self.history.row(i)
        self.history.truncate(i + 1)
        self.step, self.epoch, self.pos = int(row["step"]), int(row["epoch"]), int(row["pos"])
        self.params = row["params"].copy()
        produced_by = self.live_at(self.step - 1) if self.step else self.live_at(0)
        self.live = produced_by
        self.optimizer = optimizers.make(produced_by.rule)
        state = self.optimizer.init(self.params)
        self.opt_state = optimizers.unflatten(row["state"], state) if self.step else state
        self._apply_live(self.live_at(self.step))
        self.status = STATUSES[int(row["status"])]
        self.diverged_at = self.step if self.status is Status.DIVERGED else None  # back to the step that ran away
        if self.converged_at is not None and self.converged_at > self.step:
            self.converged_at = None
        while self.step < step:  # the row was thinned away: replay the exact path
            nxt = min([at for at, _ in self._log if at > self.step] + [step])
            self.advance(nxt - self.step, stop_on_converged=False)
            self._apply_live(self.live_at(self.step))
        self._log = [(at, lv) for at, lv in self._log if at <= step]
        self._apply_live(self.live_at(step))
        self._last_batch = self._batch_of_step(step)

    def _batch_of_step(self, step: int) -> np.ndarray | None:
        """Training rows used by the update into `step` (recomputed from the previous row)."""
        if step == 0:
            return None
        i = self.history.index_at_or_before(step - 1)
        if int(self.history.column("step")[i]) != step - 1:
            return None
        live = self.live_at(step - 1)
        row = self.history.row(i)
        plan = self.sampler.plan(int(row["epoch"]), int(row["pos"]), self.batch_mode(live), live.batch_size, 1,
                                 live.order)
        return plan.batch(0)

    # ----- reading ------------------------------------------------------------------------
    def preview(self) -> Update | None:
        """The update the next step will make: one step of the same integration, recorded nowhere."""
        if self.status is Status.DIVERGED:
            return None
        plan = self.sampler.plan(self.epoch, self.pos, self.batch_mode(), self.live.batch_size, 1, self.live.order)
        if self.per_sample:
            with np.errstate(all="ignore"):
                p, g, s, rates, extra = self._integrate_samples(plan, 1, after=False)  # where it lands: not shown
            size = self.objective.n_train if plan.order is None else len(plan.batch(0))
            return self._update_record(p[0], g[0], p[1], float(extra["batch"][0]), size, float(rates[0]),
                                       self.live, s[0])
        sums = self._sums(plan)
        one = sums if sums is None or np.ndim(sums.n) == 0 else sums.at(0)
        with np.errstate(all="ignore"):
            p, g, s, rates = self._integrate(sums, 1)
            loss = self.objective.loss(self.params, one)
        return self._update_record(p[0], g[0], p[1], float(loss), 1 if one is None else int(one.n),
                                   float(rates[0]), self.live, s[0])

    def _update_record(self, before, grad, after, loss, size, rate, live, state) -> Update:
        tried = tuple(state[:len(before)].tolist()) if live.rule.is_search else None
        return Update(tuple(before.tolist()), tuple(grad.tolist()), tuple(after.tolist()), loss, size, rate,
                      live.rule, live.fixed_step, tried)

    def _last_update(self) -> Update | None:
        h = self.history
        if self.step == 0 or h.n < 2 or int(h.column("step")[-2]) != self.step - 1:
            return None
        live = self.live_at(self.step - 1)
        k = self.sampler.batch_size(self.batch_mode(live), live.batch_size)
        if self._last_batch is not None:
            k = len(self._last_batch)
        return self._update_record(h.column("params")[-2], h.column("grad")[-1], h.column("params")[-1],
                                   float(h.column("batch_loss")[-1]), k, float(h.column("learning_rate")[-1]),
                                   live, h.column("state")[-1])

    def tried_points(self) -> tuple[np.ndarray, np.ndarray]:
        """Kept history steps made by a search rule and the point each one tried: (k,) and (k, P)."""
        steps = self.history.column("step")
        mask = np.zeros(len(steps), bool)
        for i, (at, live) in enumerate(self._log):
            until = self._log[i + 1][0] if i + 1 < len(self._log) else np.inf
            if live.rule.is_search:
                mask |= (steps > at) & (steps <= until)
        return steps[mask].copy(), self.history.column("state")[mask, :len(self.param_names)].copy()

    def snapshot(self, preview: bool = True) -> Snapshot:
        """An immutable picture of the current step (without the next update when preview is False)."""
        h = self.history
        val = float(h.column("val_loss")[-1])
        train, grad = self.current_loss_grad()
        if math.isnan(val) and self.has_validation:  # a large per-sample block skipped this row
            with np.errstate(all="ignore"):
                val = float(self.objective.val_loss(self.params))
        return Snapshot(
            step=self.step, epoch=self.epoch, epoch_position=self.pos, n_train=self.objective.n_train,
            param_names=self.param_names, params=tuple(self.params.tolist()), grad=tuple(grad.tolist()),
            train_loss=train, val_loss=None if math.isnan(val) else val,
            batch_loss=float(h.column("batch_loss")[-1]), status=self.status, diverged_at=self.diverged_at,
            message=self.status_message(), live=self.live, last_update=self._last_update(),
            next_update=self.preview() if preview else None, batch_indices=self._last_batch,
            converged_at=self.converged_at)

    def current_loss_grad(self) -> tuple[float, np.ndarray]:
        """The training loss (as recorded, or computed when a large per-sample block skipped it) and the
        full training gradient at the current parameters; cached per step."""
        cached = getattr(self, "_current", None)
        if cached is not None and cached[0] == self.step and np.array_equal(cached[1], self.params):
            return cached[2], cached[3]
        recorded = float(self.history.column("train_loss")[-1])
        with np.errstate(all="ignore"):
            if math.isnan(recorded) and self.per_sample:
                loss, grad = self.objective.loss_grad(self.params)
                recorded = float(loss)
            else:
                grad = self.objective.grad(self.params)
        self._current = (self.step, self.params.copy(), recorded, np.asarray(grad, float))
        return recorded, self._current[3]

    def status_message(self) -> str:
        """One line saying where the run stands."""
        if self.status is Status.DIVERGED:
            if float(self.history.column("train_loss")[-1]) < 0:
                return "diverged at step {0}: f falls without bound (no minimum this way)".format(self.diverged_at)
            hint = _divergence_hint(self.live_at(self.diverged_at - 1))
            return "diverged at step {0}: {1}".format(self.diverged_at, hint)
        if self.status is Status.CONVERGED:
            return "converged at step {0}".format(self.step if self.converged_at is None else self.converged_at)
        if self.status is Status.STALLED:
            with np.errstate(all="ignore"):
                flat = not np.any(self.objective.grad(self.params))
            if flat:
                return "stalled: the gradient is 0 here, but this is no minimum"
            return _stall_hint(self.live)
        return "ready" if self.status is Status.READY else "running"

    def copy(self) -> "Run":
        """An independent copy at the same step: history, optimizer state, sampler position, live-change
        log and status. Stepping the copy gives bit-identical results to stepping this run."""
        out = _copy.copy(self)
        out.history = self.history.copy()
        out.params = self.params.copy()
        out.initial_params = self.initial_params.copy()
        out.opt_state = tuple(np.array(a, dtype=float, copy=True) for a in self.opt_state)
        out._log = list(self._log)
        out._ahead = None  # a fresh computation gives the same numbers
        out._last_batch = None if self._last_batch is None else self._last_batch.copy()
        out.sampler = Sampler(self.objective.n_train, self.config.seed)
        return out

    def with_config(self, **changes) -> "Run":
        """A new run with some restart settings changed and the same live settings."""
        return Run(replace(self.config, **changes), self.live, max_history=self.max_history)


def _divergence_hint(live: LiveSettings) -> str:
    """What ran away and which setting to lower, for the rule that ran."""
    if live.rule is UpdateRule.FIXED:
        return "the loss exploded — lower the step size"
    if live.rule is UpdateRule.RANDOM_SEARCH:
        return "the parameters left ±1e100 — lower the search radius"
    if live.rule is UpdateRule.DIRECTION_SEARCH:
        return "the parameters left ±1e100 — lower the step size"
    return "the loss exploded — lower the learning rate"


def _stall_hint(live: LiveSettings) -> str:
    """Why a deterministic step changed nothing and which setting to raise."""
    if live.rule is UpdateRule.FIXED:
        return "stalled: the step changes nothing at this step size — try a larger step size"
    return "stalled: the step changes nothing at this η — try a larger η"


__all__ = ["Run", "load_dataset", "BatchMode"]
