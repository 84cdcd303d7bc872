"""Surfaces of more than two parameters: slices through the current point, cross-sections, chunks, cancel."""
import itertools

import numpy as np
import pytest

from gdviz.engine import builtin
from gdviz.engine.persample import Cancelled, SampleObjective
from gdviz.engine.surface import loss_grid, sections, slice_title, surface_axes
from gdviz.engine.types import Activation, LossKind, ModelKind


def reference(obj, h, v, p, axes):
    grid = np.empty((len(v), len(h), len(p)))
    grid[...] = p
    grid[..., axes[0]] = h[None, :]
    grid[..., axes[1]] = v[:, None]
    return obj.loss(grid)


@pytest.mark.parametrize("activation", list(Activation))
def test_two_layer_slices_equal_the_direct_losses_for_every_pair(activation):
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER, activation=activation)
    p = np.array([0.7, -1.0, 2.0, 5.0])
    h, v = np.linspace(-3, 3, 31), np.linspace(-2, 4, 17)
    for axes in itertools.permutations(range(4), 2):
        z = loss_grid(obj, h, v, p, axes)
        np.testing.assert_allclose(z, reference(obj, h, v, p, axes), rtol=1e-11)


def test_saturated_exponent_falls_back_to_the_direct_sigmoid():
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    p = np.array([0.0, 0.0, 3.0, 1.0])
    h, v = np.linspace(-800, 800, 9), np.linspace(-150, 150, 7)  # |k1·x| far beyond e^700
    z = loss_grid(obj, h, v, p, (1, 0))
    assert np.all(np.isfinite(z))
    np.testing.assert_allclose(z, reference(obj, h, v, p, (1, 0)), rtol=1e-11)


@pytest.mark.parametrize("loss", [LossKind.SQUARED, LossKind.ABSOLUTE, LossKind.HUBER])
def test_polynomial_and_hidden_unit_slices(loss):
    for obj in (SampleObjective(builtin("quadratic"), ModelKind.POLY, loss, shift=0.1, scale=1.7, degree=4),
                SampleObjective(builtin("sine"), ModelKind.TWO_LAYER, loss, hidden=3)):
        p = np.random.default_rng(0).normal(size=len(obj.param_names))
        h, v = np.linspace(-2, 2, 11), np.linspace(-1, 3, 13)
        z = loss_grid(obj, h, v, p, (len(p) - 1, 1))
        np.testing.assert_allclose(z, reference(obj, h, v, p, (len(p) - 1, 1)), rtol=1e-10)


def test_slice_title_and_axes():
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    p = [1.0, 0.0, 1.0, 0.0]
    assert surface_axes(obj) == (0, 1) and surface_axes(obj, ("k2", "b1")) == (2, 1)
    assert slice_title(obj, (2, 1), p) == "slice through the current point: k1 = 1, b2 = 0 held"
    with pytest.raises(ValueError, match="no parameter 'w'"):
        surface_axes(obj, ("w", "b1"))
    with pytest.raises(ValueError, match="two different parameters"):
        surface_axes(obj, ("k1", "k1"))
    line = SampleObjective(builtin("rooms"), ModelKind.LINE, LossKind.HUBER)
    assert surface_axes(line) == (1, 0) and slice_title(line, (1, 0), [1.0, 2.0]) == ""


def test_sections_one_per_parameter_through_the_point():
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    p = np.array([1.0, 0.0, 1.0, 0.0])
    out = sections(obj, p, [(-2, 2)] * 4, count=21)
    assert [name for name, _, _ in out] == ["k1", "b1", "k2", "b2"]
    for axis, (_, values, losses) in enumerate(out):
        q = np.tile(p, (21, 1))
        q[:, axis] = values
        np.testing.assert_allclose(losses, obj.loss(q), rtol=1e-12)


def test_long_grids_can_be_cancelled():
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    polls = []

    def cancel():
        polls.append(1)
        return len(polls) > 5

    with pytest.raises(Cancelled):
        loss_grid(obj, np.linspace(-1, 1, 50), np.linspace(-1, 1, 50), np.zeros(4), (0, 1), cancel)
    huber = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER, LossKind.HUBER)
    with pytest.raises(Cancelled):
        loss_grid(huber, np.linspace(-1, 1, 800), np.linspace(-1, 1, 800), np.zeros(4), (0, 1), lambda: True)


def test_a_slice_asked_again_after_the_held_parameters_moved_or_after_a_cancel_is_still_exact():
    # the hidden unit's sums of each grid row are kept (surface._row_cache): only k2, b2 change the answer
    obj = SampleObjective(builtin("rooms"), ModelKind.TWO_LAYER)
    h, v = np.linspace(-2, 3, 23), np.linspace(-10, 10, 19)
    polls = []
    with pytest.raises(Cancelled):
        loss_grid(obj, h, v, np.array([1.0, 0.0, 1.0, 0.0]), (0, 1), lambda: polls.append(1) or len(polls) > 7)
    for held in ([1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 4.0, -3.0], [0.5, 0.2, -2.0, 30.0]):
        p = np.array(held)
        for axes in ((0, 1), (1, 0)):
            np.testing.assert_allclose(loss_grid(obj, h, v, p, axes), reference(obj, h, v, p, axes), rtol=1e-11)


def test_objective_key_tells_objectives_apart():
    from gdviz.engine import DataObjective, Run, RunConfig
    from gdviz.engine.surface import objective_key
    rooms = builtin("rooms")
    a = SampleObjective(rooms, ModelKind.TWO_LAYER)
    assert objective_key(a) == objective_key(SampleObjective(rooms, ModelKind.TWO_LAYER))
    assert objective_key(a) != objective_key(SampleObjective(rooms, ModelKind.TWO_LAYER, LossKind.HUBER))
    assert objective_key(a) != objective_key(SampleObjective(builtin("sine"), ModelKind.TWO_LAYER))
    line = Run(RunConfig(data="rooms")).objective
    assert isinstance(line, DataObjective) and objective_key(line) == objective_key(Run(RunConfig(data="rooms")).objective)
