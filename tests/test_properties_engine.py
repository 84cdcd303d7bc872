"""Hypothesis properties of the engine (issue 9): odd data, models, rules, settings and starts.

- building a run raises nothing but the documented one-line errors (DataError, ValueError), and
  advancing it raises nothing at all (warnings are errors in this suite);
- what the views draw is finite, or the run is diverged;
- stepping back and forward again retraces the path bit for bit.

Budget: profile "default" (fast, for `make test`) or "fuzz" (many examples, for `make fuzz`),
chosen with the environment variable HYPOTHESIS_PROFILE.
"""
from __future__ import annotations

import math
import os

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gdviz.engine import DataError, Dataset, LiveSettings, Run, RunConfig, Status
from gdviz.engine.datasets import Preset
from gdviz.engine.functions import FUNCTIONS
from gdviz.engine.types import BatchMode, ClipMode, ModelKind, Reduction, Schedule, UpdateRule

_QUIET = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
settings.register_profile("default", max_examples=200, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("fuzz", max_examples=3000, deadline=None, suppress_health_check=_QUIET)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ODD = [0.0, -0.0, 1.0, 5e-324, -5e-324, 1e-310, 1e-160, 1e-154, 1e150, 1e154, -1e154, 1e200, 1e308, -1e308]
number = st.one_of(st.floats(-1e3, 1e3), st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(ODD))
column = st.one_of(
    st.lists(number, min_size=3, max_size=14),
    st.builds(lambda v, n: [v] * n, number, st.integers(3, 8)),  # constant
    st.builds(lambda vs: vs + vs, st.lists(number, min_size=2, max_size=6)),  # duplicates
)


@st.composite
def datasets(draw) -> Dataset:
    """Training and validation parts of random x and y columns (of equal length)."""
    x = draw(column)
    y = draw(st.lists(number, min_size=len(x), max_size=len(x)))
    n_val = draw(st.integers(0, len(x) - 2))
    model = draw(st.sampled_from([m for m in ModelKind if m.is_linear]))
    preset = Preset(model, draw(st.sampled_from(list(Reduction))), LiveSettings(), {"w": 0.0, "b": 0.0})
    xs, ys = np.array(x, float), np.array(y, float)
    cut = len(xs) - n_val
    return Dataset("fuzz", "x", "y", xs[:cut], ys[:cut], xs[cut:], ys[cut:], preset)


rates = st.one_of(st.floats(1e-20, 10.0), st.sampled_from([1e-18, 0.1, 0.5, 1.1, 1e3]))
lives = st.builds(
    LiveSettings, learning_rate=rates, batch_mode=st.sampled_from(list(BatchMode)), batch_size=st.integers(1, 9),
    rule=st.sampled_from(list(UpdateRule)), fixed_step=st.floats(1e-12, 1e3), momentum=st.floats(0, 0.99),
    beta1=st.floats(0, 0.99), beta2=st.floats(0, 0.9999), epsilon=st.floats(1e-12, 1.0), rho=st.floats(0, 0.99),
    clip=st.sampled_from(list(ClipMode)), clip_value=st.floats(1e-6, 1e6), schedule=st.sampled_from(list(Schedule)),
    decay_rate=st.floats(1e-3, 3.0), decay_steps=st.integers(1, 50), search_radius=st.floats(1e-6, 1e100))
starts = st.one_of(st.none(), st.tuples(st.one_of(st.floats(-1e3, 1e3), st.sampled_from(ODD[:10])),
                                        st.one_of(st.floats(-1e3, 1e3), st.sampled_from(ODD[:10]))))


@st.composite
def runs(draw) -> Run | None:
    """A run on random data or a random function, or None when it is refused with a documented error."""
    live = draw(lives)
    if draw(st.booleans()):
        name = draw(st.sampled_from(sorted(FUNCTIONS)))
        start = draw(starts)
        names = FUNCTIONS[name].param_names
        init = None if start is None else tuple(zip(names, start))
        config, dataset = RunConfig(function=name, init=init, seed=draw(st.integers(0, 99))), None
    else:
        dataset = draw(datasets())
        start = draw(starts)
        init = None if start is None else (("w", start[0]), ("b", start[1]))
        init = None if init is None else tuple(p for p in init if p[0] in _names(dataset.preset.model))
        config = RunConfig(init=init, standardise=draw(st.booleans()), seed=draw(st.integers(0, 99)),
                           grad_tol=draw(st.sampled_from([0.0, 1e-12, 1e-3])))
    try:
        return Run(config, live, dataset=dataset, max_history=draw(st.sampled_from([64, 1 << 20])))
    except ValueError as exc:  # DataError is a ValueError: one line, no traceback
        assert str(exc) and "\n" not in str(exc)
        return None


def _names(model: ModelKind) -> tuple[str, ...]:
    return {ModelKind.LINE: ("w", "b"), ModelKind.ORIGIN: ("w",), ModelKind.CONSTANT: ("b",)}[model]


def assert_drawable(run: Run) -> None:
    """Everything a view draws is finite unless the run diverged (then all rows before the last are)."""
    snap = run.snapshot()
    h = run.history
    rows = len(h) - (1 if snap.status is Status.DIVERGED else 0)
    for name in ("train_loss", "batch_loss", "params", "grad"):
        assert np.all(np.isfinite(h.column(name)[:rows])), name
    if snap.status is Status.DIVERGED:
        return
    values = [*snap.params, *snap.grad, snap.train_loss, snap.batch_loss]
    values += [] if snap.val_loss is None else [snap.val_loss]
    assert all(math.isfinite(v) for v in values), snap
    if snap.last_update is not None:
        assert all(math.isfinite(v) for v in (*snap.last_update.params_after, *snap.last_update.grad))
    assert snap.message and "\n" not in snap.message


@PROFILE
@given(runs(), st.integers(0, 40), st.booleans())
def test_runs_never_raise_and_draw_only_finite_values(run, steps, stop) -> None:
    assume(run is not None)
    assert_drawable(run)
    run.advance(steps, stop_on_converged=stop)
    assert_drawable(run)
    run.advance(3)
    assert_drawable(run)
    if run.status is Status.CONVERGED:
        assert run.converged_at is not None and run.converged_at <= run.step


@PROFILE
@given(runs(), st.integers(1, 40), st.data())
def test_rewind_and_replay_is_bit_exact(run, steps, data) -> None:
    assume(run is not None)
    run.advance(steps, stop_on_converged=False)
    change, changed_at = data.draw(lives), run.step
    try:
        run.set_live(change)
    except ValueError:
        changed_at = None
    run.advance(data.draw(st.integers(0, 20)), stop_on_converged=False)
    original = run.copy()
    target = data.draw(st.integers(0, run.step))
    run.rewind(target)
    assert run.step == target
    if changed_at is not None and target < changed_at:  # a rewind forgets later changes: make it again
        run.advance(changed_at - target, stop_on_converged=False)
        run.set_live(change)
    run.advance(original.step - run.step, stop_on_converged=False)
    assert run.step == original.step and run.status is original.status
    for name in ("step", "params", "train_loss", "state"):
        np.testing.assert_array_equal(run.history.column(name), original.history.column(name))
    np.testing.assert_array_equal(run.params, original.params)


@PROFILE
@given(runs(), st.integers(0, 30))
def test_optimum_and_surface_never_raise(run, steps) -> None:
    from gdviz.engine.surface import initial_framing, loss_grid

    assume(run is not None)
    run.advance(steps)
    opt = run.optimum
    assert opt is None or all(math.isfinite(v) for v in opt.values())
    if len(run.param_names) == 2:
        framing = initial_framing(run.objective, run.params[None], (0, 1))
        assert np.all(np.isfinite(framing.lo)) and np.all(np.isfinite(framing.hi))
        z = loss_grid(run.objective, np.linspace(framing.lo[0], framing.hi[0], 5),
                      np.linspace(framing.lo[1], framing.hi[1], 4))
        assert np.all(np.isfinite(z))


@PROFILE
@given(st.sampled_from(["learning_rate", "fixed_step", "batch_size", "decay_steps", "search_radius", "momentum",
                        "epsilon", "decay_rate", "clip_value"]),
       st.one_of(st.floats(), st.integers(-10 ** 30, 10 ** 30), st.text(max_size=4), st.none()))
def test_any_setting_value_is_accepted_or_refused_in_one_line(field, value) -> None:
    try:
        LiveSettings(**{field: value}).validated()
    except ValueError as exc:
        assert "\n" not in str(exc) and str(exc).split(" must ")[0] in field.replace("_", " ").replace(
            "fixed step", "step size")


def test_documented_errors_are_value_errors() -> None:
    assert issubclass(DataError, ValueError)
