"""Sessions (.gdviz): save → open restores the exact state; bad files are refused with one line."""
from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import zlib
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gdviz import session as S
from gdviz.engine import (BatchMode, LiveSettings, ModelKind, Race, RaceEntry, Reduction, Run, RunConfig, Status,
                          UpdateRule, load_csv)
from gdviz.engine.datasets import Dataset, Preset


# ----- helpers -----------------------------------------------------------------------------------------
def assert_same_run(a: Run, b: Run) -> None:
    """Step, parameters, every history column, the log, the status and the next steps agree bit for bit."""
    assert b.step == a.step
    assert a.params.tobytes() == b.params.tobytes()
    for name in S.HISTORY_COLUMNS:
        assert a.history.column(name).tobytes() == b.history.column(name).tobytes(), name
    assert b.changes == a.changes
    assert (b.status, b.converged_at, b.diverged_at) == (a.status, a.converged_at, a.diverged_at)
    assert b.live == a.live and b.epoch == a.epoch and b.pos == a.pos
    assert all(x.tobytes() == y.tobytes() for x, y in zip(a.opt_state, b.opt_state))
    assert b.snapshot().next_update == a.snapshot().next_update


def continues_alike(a: Run, b: Run, steps: int = 40) -> None:
    """After a restore the run goes on exactly as the original would (optimizer state, sampler position)."""
    a, b = a.copy(), b.copy()
    a.advance(steps, stop_on_converged=False)
    b.advance(steps, stop_on_converged=False)
    assert_same_run(a, b)


def roundtrip(tmp_path: Path, run: Run, race: Race | None = None, **kwargs) -> S.Restored:
    path = tmp_path / "lesson.gdviz"
    S.save_session(path, S.capture(run, race, **kwargs))
    return S.open_session(path)


def exercise(run: Run) -> Run:
    """Steps, live changes (a new rule mid-run), a step back and a change after it: the log the file must keep."""
    run.advance(60, stop_on_converged=False)
    run.set_live(replace(run.live, learning_rate=run.live.learning_rate / 2))
    run.advance(40, stop_on_converged=False)
    run.set_live(replace(run.live, rule=UpdateRule.ADAM, learning_rate=0.05))
    run.advance(30, stop_on_converged=False)
    run.rewind(110)
    run.set_live(replace(run.live, rule=UpdateRule.MOMENTUM, momentum=0.5, learning_rate=0.01))
    run.advance(25, stop_on_converged=False)
    return run


def csv_run(tmp_path: Path) -> Run:
    """A run on an imported CSV file that is deleted afterwards (its points must be in the session)."""
    path = tmp_path / "heights.csv"
    rng = np.random.default_rng(3)
    x = rng.normal(1.7, 0.1, 40)
    rows = "\n".join(f"{float(a)!r},{float(3 * a + rng.normal())!r}" for a in x)
    path.write_text("height,weight\n" + rows + "\n", encoding="utf-8")
    config = RunConfig(csv_path=str(path), val_fraction=0.25, standardise=True)
    run = Run(config, LiveSettings(learning_rate=0.05, batch_mode=BatchMode.MINI, batch_size=4),
              dataset=load_csv(path, 0.25, 42))
    path.unlink()
    return run


def custom_run() -> Run:
    """A data set made in code, under the default configuration's name "linear" (not tutorial 002's points)."""
    x = np.linspace(0, 1, 30)
    preset = Preset(ModelKind.LINE, Reduction.SUM, LiveSettings(learning_rate=0.01), {"w": 2.0, "b": -1.0},
                    x_range=(0.0, 1.0))
    ds = Dataset("made", "x", "y", x[:24], 1 + 2 * x[:24], x[24:], 1 + 2 * x[24:], preset)
    return Run(RunConfig(grad_tol=0), LiveSettings(learning_rate=0.01), dataset=ds)


SOURCES = {
    "linear": lambda tmp: Run(RunConfig(data="linear")),
    "house constant": lambda tmp: Run(RunConfig(data="house", model=ModelKind.CONSTANT, reduction=Reduction.HALF_SUM),
                                      LiveSettings(learning_rate=1e-4)),
    "beans stochastic": lambda tmp: Run(RunConfig(data="beans", seed=7)),
    "bad feature": lambda tmp: Run(RunConfig(data="linear", bad_feature=True, val_fraction=0.3),
                                   LiveSettings(learning_rate=0.001)),
    "function": lambda tmp: Run(RunConfig(function="rosenbrock"), LiveSettings(learning_rate=1e-3)),
    "csv deleted": csv_run,
    "made in code": lambda tmp: custom_run(),
}


# ----- round trips -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("source", list(SOURCES))
def test_every_data_source_restores_step_params_history_and_log(tmp_path, source):
    run = exercise(SOURCES[source](tmp_path))
    restored = roundtrip(tmp_path, run, view={"pins": [10, 20, 30], "log_scale": True})
    assert restored.race is None and restored.notes == ()
    assert_same_run(run, restored.run)
    continues_alike(run, restored.run)
    assert restored.view == {"pins": [10, 20, 30], "log_scale": True}
    if run.dataset is not None:
        for k in ("x_train", "y_train", "x_val", "y_val"):
            assert np.array_equal(getattr(run.dataset, k), getattr(restored.run.dataset, k))
        assert restored.run.dataset.preset.model == run.dataset.preset.model


def test_builtin_data_are_saved_by_name_and_imported_data_as_points(tmp_path):
    S.save_session(tmp_path / "a.gdviz", S.capture(Run(RunConfig(data="beans"))))
    S.save_session(tmp_path / "b.gdviz", S.capture(csv_run(tmp_path)))
    S.save_session(tmp_path / "c.gdviz", S.capture(custom_run()))
    assert json.loads((tmp_path / "a.gdviz").read_text())["data"] == {"source": "builtin"}
    for name in ("b.gdviz", "c.gdviz"):
        data = json.loads((tmp_path / name).read_text())["data"]
        assert data["source"] == "points" and data["x_train"]["shape"] == [30 if name == "b.gdviz" else 24]


def test_the_file_is_versioned_json_with_plain_settings(tmp_path):
    S.save_session(tmp_path / "s.gdviz", S.capture(exercise(Run())))
    doc = json.loads((tmp_path / "s.gdviz").read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("gdviz-session", 1)
    assert doc["runners"][0]["changes"][-1] == {"step": 110, "live": doc["runners"][0]["changes"][-1]["live"]}
    assert doc["runners"][0]["changes"][-1]["live"]["rule"] == "momentum"
    assert doc["config"]["data"] == "linear" and doc["runners"][0]["step"] == 135


def test_a_race_restores_every_runner_its_entry_the_selection_ghosts_and_speed(tmp_path):
    race = Race.from_preset("batch-modes")
    race.advance(70)
    race.runs[2].set_live(replace(race.runs[2].live, learning_rate=0.2, batch_size=3))
    race.advance(30)
    ghost = SimpleNamespace(steps=np.arange(50, 100), params=np.random.default_rng(0).random((50, 1)),
                            train_loss=np.linspace(3, 1, 50))
    restored = roundtrip(tmp_path, race.runs[0], race, ghosts=[ghost], selected=2, speed=(30, 10))
    assert restored.race is not None and restored.run is restored.race.runs[0]
    assert restored.race.entries == race.entries
    for a, b in zip(race.runs, restored.race.runs):
        assert_same_run(a, b)
        continues_alike(a, b)
    assert (restored.selected, restored.speed) == (2, (30, 10))
    (g,) = restored.ghosts
    assert np.array_equal(g.steps, ghost.steps) and np.array_equal(g.params, ghost.params)
    assert np.array_equal(g.train_loss, ghost.train_loss)


def test_state_from_reads_a_controller(tmp_path):
    run = exercise(Run())
    controller = SimpleNamespace(run=run, race=None, ghosts=[], selected_runner=0, steps_per_second=60,
                                 steps_per_frame=3)
    state = S.state_from(controller, {"presentation": {"on": True, "zoom": 1.5}})
    S.save_session(tmp_path / "s.gdviz", state)
    restored = S.open_session(tmp_path / "s.gdviz")
    assert restored.speed == (60, 3) and restored.view == {"presentation": {"on": True, "zoom": 1.5}}
    assert_same_run(run, restored.run)


def test_a_diverged_run_and_non_finite_view_values_round_trip(tmp_path):
    run = Run(RunConfig(data="linear"), LiveSettings(learning_rate=1.1))
    run.advance(10_000)
    assert run.status is Status.DIVERGED
    view = {"y_range": [float("-inf"), float("inf")], "last": float("nan"), "marks": np.array([1.5, np.inf])}
    restored = roundtrip(tmp_path, run, view=view)
    assert_same_run(run, restored.run)
    assert restored.view["y_range"] == [float("-inf"), float("inf")] and np.isnan(restored.view["last"])
    assert np.array_equal(restored.view["marks"], view["marks"])
    text = (tmp_path / "lesson.gdviz").read_text()
    assert "Infinity" not in text and "NaN" not in text


def test_a_thinned_history_restores_and_goes_on_alike(tmp_path):
    run = Run(RunConfig(data="beans"), LiveSettings(learning_rate=0.01, batch_mode=BatchMode.MINI, batch_size=5),
              max_history=256)
    run.advance(3000, stop_on_converged=False)
    assert run.history.thinned
    restored = roundtrip(tmp_path, run)
    assert_same_run(run, restored.run)
    continues_alike(run, restored.run, 500)
    run.rewind(1234)
    restored.run.rewind(1234)
    assert_same_run(run, restored.run)


def test_a_history_this_engine_does_not_compute_is_recomputed(tmp_path):
    run = exercise(Run())
    state = S.capture(run)
    history = dict(state.runners[0].history)
    history["train_loss"] = history["train_loss"].copy()
    history["train_loss"][-1] += 1.0  # as if an older engine had rounded differently
    tampered = replace(state, runners=(replace(state.runners[0], history=history),))
    S.save_session(tmp_path / "s.gdviz", tampered)
    restored = S.open_session(tmp_path / "s.gdviz")
    assert len(restored.notes) == 1 and "recomputed" in restored.notes[0]
    assert_same_run(run, restored.run)


def test_a_reset_after_a_change_keeps_step_zeros_learning_rate(tmp_path):
    run = Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.3))
    run.set_live(LiveSettings(learning_rate=0.05))
    run.advance(20)
    state = S.capture(run)
    history = dict(state.runners[0].history)
    history["grad"] = history["grad"] + 1.0  # force the full replay
    S.save_session(tmp_path / "s.gdviz", replace(state, runners=(replace(state.runners[0], history=history),)))
    restored = S.open_session(tmp_path / "s.gdviz")
    assert restored.notes and restored.run.history.column("learning_rate")[0] == 0.3
    assert_same_run(run, restored.run)


ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("advance"), st.integers(1, 60)),
    st.tuples(st.just("back"), st.integers(1, 40)),
    st.tuples(st.just("live"), st.sampled_from([
        LiveSettings(learning_rate=0.05), LiveSettings(learning_rate=0.2, batch_mode=BatchMode.STOCHASTIC),
        LiveSettings(learning_rate=0.1, rule=UpdateRule.ADAM, batch_mode=BatchMode.MINI, batch_size=6),
        LiveSettings(rule=UpdateRule.FIXED, fixed_step=0.02), LiveSettings(rule=UpdateRule.DIRECTION_SEARCH),
        LiveSettings(learning_rate=0.5, rule=UpdateRule.NESTEROV, schedule="step", decay_steps=7)]))),
    max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS, data=st.sampled_from(["linear", "beans"]))
def test_any_sequence_of_steps_changes_and_steps_back_round_trips(tmp_path, actions, data):
    run = Run(RunConfig(data=data))
    for kind, value in actions:
        if kind == "advance":
            run.advance(value)
        elif kind == "back":
            run.rewind(run.step - value)
        else:
            run.set_live(value.validated())
    restored = roundtrip(tmp_path, run)
    assert_same_run(run, restored.run)
    assert restored.notes == ()


# ----- writing --------------------------------------------------------------------------------------------
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "s.gdviz"
    S.save_session(path, S.capture(Run()))
    before = path.read_bytes()
    with pytest.raises(ValueError):
        S.save_session(path, S.capture(Run(), view={"bad": object()}))
    original = os.replace

    def broken(*args):
        raise OSError(28, "No space left on device")
    os.replace = broken
    try:
        with pytest.raises(OSError):
            S.save_session(path, S.capture(exercise(Run())))
    finally:
        os.replace = original
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.gdviz"]


def test_saving_into_a_missing_folder_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        S.save_session(tmp_path / "gone" / "s.gdviz", S.capture(Run()))


# ----- refusals ----------------------------------------------------------------------------------------------
def good_doc() -> dict:
    return S.to_json(S.capture(exercise(Run())))


def refused(tmp_path: Path, content: bytes | str | dict) -> str:
    path = tmp_path / "bad.gdviz"
    if isinstance(content, dict):
        content = json.dumps(content)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(S.SessionError) as info:
        S.open_session(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith("bad.gdviz: "), message
    return message


def edited(change) -> dict:
    doc = good_doc()
    change(doc)
    return doc


def test_wrong_type_says_where_and_what(tmp_path):
    def bad_lr(doc):
        doc["runners"][0]["changes"][1]["live"]["learning_rate"] = "abc"
    assert refused(tmp_path, edited(bad_lr)) == \
        "bad.gdviz: runners[0].changes[1].live.learning_rate must be a number, got 'abc'"


@pytest.mark.parametrize("change, words", [
    (lambda d: d["runners"][0]["live"].update(learning_rate=-1), "runners[0].live: learning rate must be a positive"),
    (lambda d: d["runners"][0]["live"].update(batch_size=2.5), "runners[0].live.batch_size must be a whole number"),
    (lambda d: d["runners"][0]["live"].update(rule="newton"), "runners[0].live.rule must be one of"),
    (lambda d: d["config"].update(seed=-3), "config.seed must be from 0"),
    (lambda d: d["config"].update(data="mars"), "config.data must be one of house, beans, linear"),
    (lambda d: d["config"].update(init=[["w", 1e200]]), "config.init[0][1] must be below 1e100"),
    (lambda d: d.update(selected=4), "selected must be from 0 to 0"),
    (lambda d: d.update(race=True), "runners must hold 2 to 6 runners (a race)"),
    (lambda d: d["runners"][0].update(step=99), "runners[0].changes[2].step must be from 0 to 99"),
    (lambda d: d["runners"][0].update(status="flying"), "runners[0].status must be one of"),
    (lambda d: d["runners"][0].update(diverged_at=3), "runners[0].diverged_at must be set exactly when"),
    (lambda d: d.update(extra=1), "extra is not part of a gdviz session"),
    (lambda d: d.pop("runners"), "runners is missing"),
    (lambda d: d["speed"].update(steps_per_second=1000), "speed.steps_per_second must be from 1 to 60"),
    (lambda d: d["view"].update(deep=[[[[[[[[[[[[[[1]]]]]]]]]]]]]]), "nests deeper than 12 levels"),
    (lambda d: d["view"].update(n=2 ** 60), "view.n must be from"),
    (lambda d: d["view"].update(f={"$float": "lots"}), "view.f must be 'inf', '-inf' or 'nan'"),
])
def test_bad_values_are_refused_with_one_line(tmp_path, change, words):
    assert words in refused(tmp_path, edited(change))


def _column(doc: dict, name: str) -> dict:
    return doc["runners"][0]["history"]["columns"][name]


def _packed(data: bytes, dtype: str, shape: list) -> dict:
    return {"dtype": dtype, "shape": shape, "zlib": base64.b64encode(zlib.compress(data)).decode()}


@pytest.mark.parametrize("change, words", [
    (lambda d: _column(d, "step").update(shape=[3]), "step.zlib holds"),
    (lambda d: _column(d, "params").update(dtype="object"), "params.dtype must be '<f8'"),
    (lambda d: _column(d, "params").update(shape=[136, 3]), "params.shape must have 2 columns"),
    (lambda d: _column(d, "step").update(zlib="!!!"), "step.zlib is not base64"),
    (lambda d: d["runners"][0]["history"]["columns"].update(
        step=_packed(np.arange(136)[::-1].astype("<i8").tobytes(), "<i8", [136])), "step must grow from 0"),
    # zip bombs: zeros that claim to be 136 numbers are refused before (or while) they inflate
    (lambda d: d["runners"][0]["history"]["columns"].update(
        step=_packed(bytes(1 << 27), "<i8", [136])), "step.zlib is larger than its shape allows (1088 bytes)"),
    (lambda d: d["runners"][0]["history"]["columns"].update(
        step=_packed(bytes(1 << 20), "<i8", [136])), "step.zlib holds 1089 bytes, the shape needs 1088"),
    (lambda d: d["runners"][0]["history"]["columns"].update(
        train_loss=_packed(np.full(136, np.nan).tobytes(), "<f8", [136])), "train_loss must hold finite numbers"),
])
def test_bad_arrays_are_refused_before_they_are_used(tmp_path, change, words):
    assert words in refused(tmp_path, edited(change))


def test_not_a_session_truncated_and_newer_versions_are_refused(tmp_path):
    text = json.dumps(good_doc())
    assert "ends too early (truncated?)" in refused(tmp_path, text[: len(text) // 2])
    assert "is not valid JSON at line 1" in refused(tmp_path, "{'format': 1}")
    assert refused(tmp_path, b"\xff\xfe\x00garbage").startswith("bad.gdviz: the file is not UTF-8 text (byte")
    assert "is not a gdviz session (format 'gdviz-lesson')" in refused(tmp_path, {"format": "gdviz-lesson"})
    assert "is not a gdviz session (format missing)" in refused(tmp_path, {"version": 1})
    assert "a JSON object is expected" in refused(tmp_path, "[1, 2]")
    assert refused(tmp_path, edited(lambda d: d.update(version=7))) == \
        "bad.gdviz: made by a newer gdviz (version 7); this gdviz reads version 1"
    assert "version must be a whole number" in refused(tmp_path, edited(lambda d: d.update(version="1")))


def test_hostile_numbers_and_nesting_are_refused(tmp_path):
    assert "holds a number JSON cannot hold" in refused(tmp_path, '{"format": NaN}')
    assert "must be a finite number" in refused(tmp_path, json.dumps(good_doc()).replace(
        '"learning_rate": 0.1', '"learning_rate": 1e999', 1))
    assert "holds a number JSON cannot hold" in refused(tmp_path, '{"version": 1' + "0" * 5000 + "}")
    assert "nests deeper than" in refused(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert "nests deeper than" in refused(tmp_path, '{"a":' * 60 + "1" + "}" * 60)


def test_a_missing_file_is_one_line(tmp_path):
    with pytest.raises(S.SessionError, match=r"^nothing\.gdviz: cannot be read \(No such file"):
        S.load_session(tmp_path / "nothing.gdviz")


def test_points_that_cannot_be_fitted_are_refused_by_the_engines_reason(tmp_path):
    def same_x(doc):
        S.save_session(tmp_path / "tmp.gdviz", S.capture(custom_run()))
        doc.clear()
        doc.update(json.loads((tmp_path / "tmp.gdviz").read_text()))
        doc["data"]["x_train"] = S._array(np.full(24, 1e200), "<f8")
    assert "config: cannot start a run: x values near 1e200 overflow" in refused(tmp_path, edited(same_x))


def test_the_session_module_imports_no_qt():
    code = "import sys, gdviz.session; print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
