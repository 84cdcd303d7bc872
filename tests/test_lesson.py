"""Lessons: the file format refuses anything malformed in one line; every built-in lesson holds its tutorial's
numbers and plays from its first scene to its last in the real window, live and recorded."""
from __future__ import annotations

import json

import av
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gdviz import lesson as L
from gdviz.engine import LiveSettings, Run, RunConfig

TINY = {"format": "gdviz-lesson", "version": 1, "title": {"en": "t"},
        "scenes": [{"state": {"config": {"data": "linear"}}, "caption": {"en": {"title": "a", "lines": ["b"]}},
                    "actions": [{"do": "step"}, {"do": "play", "steps": 3, "speed": [10, 1]}]}]}


def doc(**changes) -> dict:
    """TINY with some keys of its first scene replaced."""
    d = json.loads(json.dumps(TINY))
    d["scenes"][0].update(changes)
    return d


def parse(value) -> L.Lesson:
    raw = value if isinstance(value, (bytes, str)) else json.dumps(value)
    return L.parse_lesson(raw, "x.json")


def builtin_text(name: str) -> str:
    return L.builtin_path(name).read_text(encoding="utf-8")


# ----- the format -----------------------------------------------------------------------------------------
def test_a_small_lesson_reads():
    lesson = parse(TINY)
    assert lesson.positions == ((0, 0), (0, 1), (0, 2))
    assert lesson.scenes[0].caption("zh_CN") == L.Caption("a", ("b",))  # the other language stands in
    assert lesson.scenes[0].setup.config == RunConfig(data="linear")


@pytest.mark.parametrize("name", L.BUILTIN_LESSONS)
def test_every_builtin_lesson_validates_in_both_languages(name):
    lesson = L.load_builtin(name)
    L.check_runs(lesson)
    assert set(dict(lesson.title)) == {"en", "zh_CN"}
    for scene in lesson.scenes:
        assert set(dict(scene.captions)) == {"en", "zh_CN"}
        for action in scene.actions:
            assert not action.captions or set(dict(action.captions)) == {"en", "zh_CN"}
    assert L.find_lesson(name) == lesson


def test_builtin_lessons_lists_every_tutorial_with_titles():
    listed = L.builtin_lessons()
    assert [name for name, _ in listed] == ["tutorial-000", "tutorial-001", "tutorial-002", "tutorial-003",
                                           "tutorial-004"]
    assert all(titles["en"] and titles["zh_CN"] for _, titles in listed)


HOSTILE = [
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    ("{\"format\": \"gdviz-lesson\", \"version\": 1, \"scenes\": [", "ends too early"),
    ("[1, 2", "ends too early"),
    ("{\"format\": \"gdviz-lesson\",, }", "not valid JSON"),
    ("[" * 100_000 + "]" * 100_000, "nests deeper"),
    (json.dumps({"format": "gdviz-lesson", "version": 1, "title": {"en": [[[[[[[[[[["x"]]]]]]]]]]]}}), "nests deeper"),
    ({"format": "gdviz-session", "version": 1}, "is not a gdviz lesson"),
    ([1, 2, 3], "is not a gdviz lesson"),
    ({**TINY, "version": 2}, "version is 2: this gdviz reads lessons of version 1"),
    ({**TINY, "version": "1"}, "version must be a whole number"),
    ({**TINY, "version": 0}, "version must be 1 or more"),
    ({**TINY, "scenes": []}, "scenes must hold 1 to"),
    ({**TINY, "scenes": {}}, "scenes must be a list"),
    ({**TINY, "extra": 1}, "extra is not part of a gdviz lesson"),
    ({**TINY, "title": {"fr": "x"}}, "title.fr is not part"),
    ({**TINY, "title": {}}, "title needs"),
    (json.dumps(doc(state={"config": {"data": "linear"}, "live": {"learning_rate": 0.5}})).replace("0.5", "1e400"),
     "live.learning_rate must be a finite number"),
    (json.dumps(doc(state={"config": {"data": "linear"}})).replace('"linear"}', '"linear", "seed": 1' + "0" * 40 + "}"),
     "holds a number JSON cannot hold"),
    (json.dumps(doc()).replace('"steps": 3', '"steps": NaN'), "holds a number JSON cannot hold"),
    (doc(state={"config": {"data": "linear"}, "live": {"learning_rate": -0.1}}), "learning rate must be a positive"),
    (doc(state={"config": {"data": "linear"}, "live": {"learning_rate": "0.1"}}), "must be a number"),
    (doc(state={"config": {"data": "linear"}, "live": {"batch_mode": "huge"}}), "must be one of full, stochastic"),
    (doc(state={"config": {"data": "nowhere"}}), "scenes[0].state.config.data must be one of"),
    (doc(state={"config": {"data": "linear", "function": "bowl"}}), "names both data and a function"),
    (doc(state={"config": {"data": "linear", "seed": -1}}), "seed must be a whole number from 0"),
    (doc(state={"config": {"init": {"w": 1e300}}}), "must be a finite number from"),
    (doc(state={"changes": {"live": {"learning_rate": 0.2}}}), "needs a scene before it that sets a run"),
    (doc(state={"config": {}, "race": "learning-rates"}), "must hold one of config"),
    (doc(state={"race": "no-such-race"}), "must be one of learning-rates"),
    (doc(state={"race": {"runners": [{"name": "a"}]}}), "must hold 2 to 6 runners"),
    (doc(state={"race": {"runners": [{"name": "a"}, {"name": "a"}]}}), "need different names"),
    (doc(state={"session": "/etc/passwd"}), "must name a .gdviz file"),
    (doc(state={"session": "gone.gdviz"}), "must name a .gdviz file"),
    (doc(state=None), "the first scene sets the state"),
    (doc(caption={"en": {"title": "a", "lines": ["1", "2", "3"]}}), "a caption has one or two"),
    (doc(caption={"en": {"title": "   "}}), "title is empty"),
    (doc(caption={"en": {"title": "x" * 301}}), "is longer than 300 characters"),
    (doc(caption="hello"), "caption must be an object"),
    (doc(actions=[{"do": "dance"}]), "must be one of play, step"),
    (doc(actions=[{"do": "play"}]), "steps is missing"),
    (doc(actions=[{"do": "play", "steps": 10 ** 7}]), "must be a whole number from 1 to 1000000"),
    (doc(actions=[{"do": "play", "steps": 5, "speed": [0, 1]}]), "speed[0] must be a whole number from 1 to 60"),
    (doc(actions=[{"do": "play", "steps": 5, "speed": 30}]), "speed must be [steps a second"),
    (doc(actions=[{"do": "step", "steps": True}]), "must be a whole number"),
    (doc(actions=[{"do": "wait"}]), "how long to wait"),
    (doc(actions=[{"do": "wait", "seconds": 1e9}]), "must be a finite number from 0 to 600"),
    (doc(actions=[{"do": "set", "live": {}}]), "names no setting"),
    (doc(actions=[{"do": "set", "live": {"momentum": 1.0}}]), "momentum must be in [0, 1)"),
    (doc(actions=[{"do": "view", "name": "everything"}]), "must be one of landscape"),
    (doc(actions=[{"do": "pins", "steps": [-1]}]), "from 0 to"),
    (doc(actions=[{"do": "step", "colour": "red"}]), "actions[0].colour is not part"),
    (doc(actions=[{"do": "step", "speed": [1, 1]}]), "actions[0].speed is not part"),
    (doc(actions=[{"do": "step"}] * 101), "at most 100"),
]


@pytest.mark.parametrize("raw, words", HOSTILE, ids=[str(i) for i in range(len(HOSTILE))])
def test_a_bad_lesson_is_refused_in_one_line_saying_where(raw, words):
    with pytest.raises(L.LessonError) as caught:
        parse(raw)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("x.json: ")
    assert words in message


@pytest.mark.parametrize("name", L.BUILTIN_LESSONS)
def test_a_truncated_builtin_lesson_is_refused(name):
    text = builtin_text(name)
    for cut in (1, len(text) // 3, len(text) // 2, len(text) - 3):
        with pytest.raises(L.LessonError, match="ends too early|not valid JSON"):
            parse(text[:cut])


def test_files_too_large_missing_or_unknown_are_refused(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (L.MAX_FILE_BYTES + 1))
    with pytest.raises(L.LessonError, match="big.json: is larger than 1 MB"):
        L.load_lesson(big)
    with pytest.raises(L.LessonError, match="cannot be read"):
        L.load_lesson(tmp_path / "nothing.json")
    with pytest.raises(L.LessonError, match="no lesson 'tutorial-9'"):
        L.find_lesson("tutorial-9")
    with pytest.raises(L.LessonError, match="unknown lesson"):
        L.builtin_path("tutorial-9")


def test_a_lesson_file_is_found_by_path_and_names_a_session_beside_it(tmp_path):
    from gdviz import session
    run = Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.1))
    run.advance(7)
    session.save_session(tmp_path / "start.gdviz", session.capture(run))
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(doc(state={"session": "start.gdviz"})), encoding="utf-8")
    lesson = L.find_lesson(str(path))
    assert lesson.scenes[0].setup.session == tmp_path / "start.gdviz"


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scene=st.integers(0, 4), key=st.sampled_from(["state", "caption", "actions", "seconds", "extra"]), value=JSON)
def test_any_value_anywhere_gives_a_lesson_or_one_line(scene, key, value):
    d = json.loads(builtin_text("tutorial-002"))
    d["scenes"][scene][key] = value
    try:
        parse(d)
    except L.LessonError as exc:
        assert "\n" not in str(exc)


def test_recorded_timing_counts_frames_of_plays_and_holds():
    assert L.play_frames(10, (5, 1), 30) == 60  # 10 ticks at 5 a second: 2 s
    assert L.play_frames(100, (60, 10), 30) == 5  # 10 ticks at 60 a second: 1/6 s
    assert L.play_frames(1, (60, 1), 1) == 1  # never less than one frame
    lesson = parse(TINY)  # scene hold 4 s, step holds 1 s, play of 3 ticks at 10/s then 0.5 s
    assert L.lesson_frames(lesson, 10) == 40 + 10 + 3 + 5


# ----- the player in the real window ------------------------------------------------------------------------
@pytest.fixture
def player(window):
    from gdviz.ui.lesson_player import LessonPlayer
    return LessonPlayer(window, "en")


def walk(player) -> list[tuple]:
    """Press next until the last place, finishing each play at once; the parameters at every place."""
    seen = [params(player)]
    while player.index < player.total - 1:
        player.next()
        if player.animating:
            player.next()
        seen.append(params(player))
    return seen


def params(player) -> tuple:
    c = player.window.controller
    return (player.index, c.step, tuple(c.run.snapshot().params))


@pytest.mark.parametrize("name", L.BUILTIN_LESSONS)
def test_every_builtin_lesson_plays_from_first_scene_to_last_and_back(player, name):
    lesson = L.load_builtin(name)
    assert player.open(lesson)
    forward = walk(player)
    assert [i for i, _, _ in forward] == list(range(player.total))
    assert player.caption.title.text() == lesson.scenes[-1].caption("en", len(lesson.scenes[-1].presses) - 1).title
    assert player.progress.value() == 1000
    for expected in reversed(forward[:-1]):  # each place rebuilt exactly
        player.prev()
        assert params(player) == expected
    player.close()
    assert not player.caption.isVisible()


def test_tutorial_002_shows_one_update_by_hand(player):
    assert player.open(L.load_builtin("tutorial-002"))
    assert player.window.panel.residuals.isChecked()  # the errors are drawn
    snap = player.window.controller.run.snapshot()
    assert snap.params == pytest.approx((-0.1382643, 0.49671415), abs=1e-7)
    player.next()
    snap = player.window.controller.run.snapshot()
    assert dict(zip(snap.param_names, snap.params)) == pytest.approx({"b": 0.80119529, "w": 0.04511107}, abs=1e-8)
    assert player.caption.lines.text().startswith("b = 0.4967 − 0.1 · (−3.04) = 0.8012")
    player.close()
    assert not player.window.panel.residuals.isChecked()  # the view as it was before the lesson


def test_tutorial_000_b_alone_starts_at_346779(player):
    lesson = L.load_builtin("tutorial-000")
    assert player.open(lesson)
    player.go_to(lesson.positions.index((2, 0)))
    snap = player.window.controller.run.snapshot()
    assert snap.param_names == ("b",) and snap.train_loss == pytest.approx(346779)


def test_tutorial_003_pins_its_epochs_and_004_reaches_52(player):
    lesson = L.load_builtin("tutorial-003")
    assert player.open(lesson)
    assert player.window.data_view.pinned_steps == [10, 20, 30, 100, 1000]
    lesson = L.load_builtin("tutorial-004")
    assert player.open(lesson)
    player.go_to(lesson.positions.index((2, 1)))
    assert player.window.controller.run.snapshot().train_loss == pytest.approx(52.2, abs=0.05)


def test_a_play_runs_on_the_timer_and_next_finishes_it(player, qtbot):
    assert player.open(parse(TINY))
    player.next()  # the step
    player.next()  # the play: 3 steps at 10 a second
    assert player.animating
    assert player.toggle() and not player.animating  # Space pauses the play
    assert player.toggle() and player.animating
    qtbot.waitUntil(lambda: not player.animating, timeout=5000)
    assert not player.toggle()
    assert player.window.controller.step == 4
    player.prev()
    assert player.window.controller.step == 1 and not player.animating


def test_captions_follow_the_language_setting(window):
    from PySide6.QtCore import QSettings
    from gdviz.ui.lesson_player import LessonPlayer, lesson_language
    QSettings().setValue("view/language", "zh_CN")
    assert lesson_language() == "zh_CN"
    player = LessonPlayer(window)
    assert player.open(L.load_builtin("tutorial-001"))
    assert player.caption.title.text() == "豆豆：随机梯度下降，每步一颗豆子"
    player.set_language("en")
    assert player.caption.title.text() == "Beans: stochastic descent, one bean a step"
    QSettings().setValue("view/language", "en")
    assert lesson_language() == "en"


def test_a_lesson_the_engine_refuses_leaves_the_window_as_it_was(player):
    c = player.window.controller
    c.step_forward(3)
    run, step = c.run, c.step
    refused = parse(doc(state={"config": {"data": "house", "init": {"nope": 1.0}}}))
    assert not player.open(refused)
    assert c.run is run and c.step == step and not player.is_open
    assert player.window.banner.isVisible() and "\n" not in player.window.banner.text()


def test_a_session_state_opens_the_saved_run_at_its_step(player, tmp_path):
    from gdviz import session
    run = Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.1))
    run.advance(7)
    session.save_session(tmp_path / "start.gdviz", session.capture(run))
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(doc(state={"session": "start.gdviz"})), encoding="utf-8")
    assert player.open(L.load_lesson(path))
    assert player.window.controller.step == 7
    assert player.window.controller.run.snapshot().params == run.snapshot().params


# ----- recorded ----------------------------------------------------------------------------------------------
def decoded_count(path) -> tuple[int, tuple[int, int]]:
    with av.open(str(path)) as container:
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    return len(frames), frames[0].shape[:2]


@pytest.mark.parametrize("name", L.BUILTIN_LESSONS)
def test_every_builtin_lesson_records_with_its_frames_and_ends_where_the_live_one_does(window, tmp_path, name):
    from gdviz.ui.lesson_player import record_lesson
    lesson = L.load_builtin(name)
    window.resize(640, 360)
    live_end = _live_end(window, lesson)
    out = tmp_path / "lesson.mp4"
    result = record_lesson(window, lesson, out, size=(160, 90), fps=1, quality="low", hold_seconds=2)
    assert result.path == out and result.frames == L.lesson_frames(lesson, 1) + 2
    assert decoded_count(out) == (result.frames, (90, 160))
    c = window.controller
    assert (c.step, tuple(c.run.snapshot().params)) == live_end  # the video ends where the live lesson does


def _live_end(window, lesson) -> tuple:
    from gdviz.ui.lesson_player import LessonPlayer
    player = LessonPlayer(window, "en")
    assert player.open(lesson)
    walk(player)
    out = params(player)[1:]
    player.close()
    return out


def test_a_cancelled_lesson_recording_leaves_no_file(window, tmp_path):
    from gdviz.ui.lesson_player import record_lesson
    folder = tmp_path / "videos"
    folder.mkdir()
    out = folder / "cut.mp4"
    calls = []
    result = record_lesson(window, parse(TINY), out, size=(160, 90), fps=2,
                           progress=lambda done, total: calls.append((done, total)), cancel=lambda: len(calls) >= 2)
    assert result.path is None and not out.exists()
    assert list(folder.iterdir()) == []
    assert calls[0][1] == L.lesson_frames(parse(TINY), 2)


def test_the_lesson_format_imports_no_qt():
    import subprocess
    import sys
    code = "import sys, gdviz.lesson; print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
