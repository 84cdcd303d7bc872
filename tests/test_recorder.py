"""Recording: frames come from ticks, have the requested size, match an offscreen render; no broken files."""
from __future__ import annotations

import math
import re

import av
import numpy as np
import pytest

from gdviz.engine import LiveSettings, Run, RunConfig
from gdviz.ui import recorder as R


def decoded(path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


@pytest.fixture
def make_window(qtbot):
    """Fresh windows at a small even size (fast to encode) on tutorial 002's data, closed at the end."""
    from gdviz.ui.main_window import MainWindow
    made = []

    def make():
        w = MainWindow(Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.1)))
        qtbot.addWidget(w)
        w.resize(640, 360)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w
    yield make
    for w in made:
        w.controller.pause()
        w.close()


@pytest.fixture
def small(make_window):
    return make_window()


def png_rgb(path) -> np.ndarray:
    from PySide6.QtGui import QImage
    image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
    return R.image_array(image)[..., 2::-1].copy()


@pytest.mark.parametrize("steps, per_frame, hold", [(7, 1, 0.0), (10, 3, 0.0), (9, 3, 0.2), (1, 5, 0.0), (0, 2, 0.1)])
def test_n_steps_at_k_a_frame_make_ceil_n_over_k_frames_plus_the_hold(small, tmp_path, steps, per_frame, hold):
    out = tmp_path / "out"
    out.mkdir()
    out = out / "run.mp4"
    before = small.controller.step
    result = R.record_run(small, small.controller, out, steps, per_frame, hold, size=(320, 180), fps=10)
    frames = decoded(out)
    assert len(frames) == result.frames == math.ceil(steps / per_frame) + round(hold * 10)
    assert all(f.shape == (180, 320, 3) for f in frames)
    assert small.controller.step - before == steps == result.steps


def test_gif_and_png_frames_have_the_requested_size(small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    R.record_run(small, small.controller, out / "a.gif", 4, 2, size=(200, 120), fps=25)
    R.record_run(small, small.controller, out / "frames", 4, 1, size=(200, 120), fps=25)
    assert [f.shape for f in decoded(out / "a.gif")] == [(120, 200, 3)] * 2
    pngs = sorted((out / "frames").iterdir())
    assert [p.name for p in pngs] == [f"frame_00000{i}.png" for i in range(1, 5)]
    assert all(png_rgb(p).shape == (120, 200, 3) for p in pngs)


def test_png_frames_equal_an_offscreen_render_of_the_same_steps(make_window, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    recorded, other = make_window(), make_window()
    R.record_run(recorded, recorded.controller, out / "frames", 6, 2, size=(640, 360), fps=30)
    renderer = R.FrameRenderer(other, (640, 360))
    expected = []
    for _ in range(3):
        other.controller.step_forward(2)
        expected.append(renderer.render()[..., 2::-1].copy())
    got = [png_rgb(p) for p in sorted((out / "frames").iterdir())]
    assert len(got) == 3
    for a, b in zip(got, expected):
        # lossless: equal, but for a few pixels where two windows in one process share pixmap caches
        assert (a != b).any(-1).mean() < 1e-3
    assert not np.array_equal(got[0], got[2])  # the steps show


def test_mp4_frames_match_the_render_within_codec_loss(make_window, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    recorded, other = make_window(), make_window()
    R.record_run(recorded, recorded.controller, out / "a.mp4", 4, 1, size=(640, 360), fps=30, quality="high")
    renderer = R.FrameRenderer(other, (640, 360))
    for frame in decoded(out / "a.mp4"):
        other.controller.step_forward(1)
        want = renderer.render()[..., 2::-1].astype(int)
        error = np.abs(frame.astype(int) - want)
        assert error.mean() < 3.0 and np.percentile(error, 99) < 40  # H.264 at crf 18 on 4:2:0 chroma


def test_gif_colours_come_from_the_first_frame(make_window, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    recorded, other = make_window(), make_window()
    R.record_run(recorded, recorded.controller, out / "a.gif", 1, 1, size=(320, 180), fps=10)
    other.controller.step_forward(1)
    want = R.FrameRenderer(other, (320, 180)).render()[..., 2::-1].astype(int)
    (frame,) = decoded(out / "a.gif")
    assert np.abs(frame.astype(int) - want).mean() < 4.0  # channels in order, palette near every colour


def test_a_cancelled_recording_leaves_no_file(small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    calls = []
    result = R.record_run(small, small.controller, out / "a.mp4", 50, 1, size=(320, 180),
                          progress=lambda done, total: calls.append((done, total)), cancel=lambda: len(calls) >= 3)
    assert result.path is None and calls == [(1, 50), (2, 50), (3, 50)]
    assert list(out.iterdir()) == []
    R.record_run(small, small.controller, out / "frames", 5, 1, size=(320, 180), cancel=lambda: True)
    assert list(out.iterdir()) == []


def test_a_failure_while_recording_leaves_no_file(small, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    recorder = R.Recorder(small, out / "a.mp4", (320, 180), 30)
    recorder.add_frame()

    def broken():
        raise RuntimeError("paint failed")
    monkeypatch.setattr(recorder.renderer, "render", broken)
    with pytest.raises(R.RecordingError, match="recording failed: paint failed"):
        recorder.add_frame()
    assert list(out.iterdir()) == []


def test_nothing_appears_before_finish_and_the_old_file_stays_on_cancel(small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "a.mp4"
    target.write_bytes(b"the previous take")
    recorder = R.Recorder(small, target, (320, 180), 30)
    recorder.add_frame(repeat=3)
    assert target.read_bytes() == b"the previous take"
    recorder.cancel()
    assert target.read_bytes() == b"the previous take" and [p.name for p in out.iterdir()] == ["a.mp4"]
    recorder = R.Recorder(small, target, (320, 180), 30)
    recorder.add_frame(repeat=2)
    assert recorder.finish() == target and len(decoded(target)) == 2
    assert [p.name for p in out.iterdir()] == ["a.mp4"]


@pytest.mark.parametrize("kwargs, words", [
    ({"size": (641, 360)}, "the size must be even"),
    ({"size": (8, 8)}, "the size must be even and from 16"),
    ({"fps": 60, "fmt": "gif"}, re.escape("60 frames a second is out of range for GIF (1 to 50)")),
    ({"quality": "ultra"}, "unknown quality ultra"),
])
def test_bad_settings_are_one_line(small, tmp_path, kwargs, words):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(R.RecordingError, match=words):
        R.Recorder(small, out / "a.mp4", **{"size": (320, 180), **kwargs})
    assert list(out.iterdir()) == []


def test_bad_paths_are_one_line(small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(R.RecordingError, match="record to .mp4, .gif or a folder"):
        R.Recorder(small, out / "a.avi", (320, 180))
    with pytest.raises(R.RecordingError, match="does not exist"):
        R.Recorder(small, out / "gone" / "a.mp4", (320, 180))


def test_a_gif_past_10_mb_is_warned_about(small, tmp_path, qtbot):
    out = tmp_path / "out"
    out.mkdir()
    recorder = R.Recorder(small, out / "a.gif", (320, 180), 10)
    recorder.add_frame(repeat=2)
    qtbot.waitUntil(lambda: recorder._encoder.count == 2)
    per_frame = recorder.estimate_bytes(1)
    assert 1000 < per_frame < 100_000
    assert recorder.size_warning(10) is None
    many = int(2 * R.GIF_WARN_BYTES / max(per_frame, 1))
    assert "MB" in recorder.size_warning(many)
    recorder.cancel()


def test_presets_are_even_sizes():
    assert R.PRESETS["1280x720@30"] == (1280, 720, 30) and R.PRESETS["1920x1080@60"] == (1920, 1080, 60)
    assert all(R.check_size(w, h) == (w, h) for w, h, _fps in R.PRESETS.values())


def test_a_race_is_recorded_every_runner_stepping(small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    window = small
    window.controller.start_preset("learning-rates")
    R.record_run(window, window.controller, out / "a.mp4", 12, 4, size=(320, 180))
    assert [run.step for run in window.controller.race.runs] == [12, 12, 12]
    assert len(decoded(out / "a.mp4")) == 3


def test_live_recording_takes_a_frame_for_each_picture(small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    controller = small.controller
    live = R.LiveRecording(small, controller, R.Recorder(small, out / "a.mp4", (320, 180), 30))
    for _ in range(4):
        controller.step_forward(1)
    path = live.stop()
    assert len(decoded(path)) == 5  # the picture when it started and one per step
    controller.step_forward(1)  # after stop: nothing more is recorded
    assert len(decoded(path)) == 5


def test_offscreen_frames_come_from_the_backing_store_and_match_a_full_render(qtbot) -> None:
    """The fast path (repaint what changed, copy the window's pixels) draws what render() draws."""
    import numpy as np
    from gdviz.ui.main_window import MainWindow
    from gdviz.ui.recorder import FrameRenderer, image_array
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(640, 360)
    window.show()
    qtbot.waitUntil(lambda: window.windowHandle() is not None and window.windowHandle().isExposed(), timeout=3000)
    window.controller.step_forward(4)
    size = (window.width() // 2 * 2, window.height() // 2 * 2)
    renderer = FrameRenderer(window, size)
    renderer.render()  # settles pending layouts
    assert renderer._from_backing_store(window.width(), window.height())
    fast = image_array(renderer.image).astype(int)
    renderer._render(window.width(), window.height())
    full = image_array(renderer.image).astype(int)
    differ = np.abs(fast - full).max(axis=2) > 40
    assert differ.mean() < 1e-3  # antialiased edges may differ by a shade, nothing else
    window.close()
