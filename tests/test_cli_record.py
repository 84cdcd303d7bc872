"""`gdviz record`: the same flags give the same frames; sessions; every bad flag or path is one line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from gdviz import session as S
from gdviz.cli import main
from gdviz.engine import LiveSettings, Run, RunConfig


def record(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`gdviz record` in its own process (a fresh Qt, as a user runs it), without a display."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([sys.executable, "-m", "gdviz", "record", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def test_the_same_flags_give_the_same_decoded_frames(tmp_path):
    flags = ("--data", "beans", "--steps", "12", "--steps-per-frame", "3", "--hold", "0.1", "--size", "320x180",
             "--fps", "20")
    one = record(*flags, "--out", "a.mp4", cwd=tmp_path)
    two = record(*flags, "--out", "b.mp4", cwd=tmp_path)
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert one.stdout.strip() == "wrote a.mp4: 6 frames, 320x180 at 20 frames a second, 12 steps"
    assert one.stderr == ""
    a, b = frames(tmp_path / "a.mp4"), frames(tmp_path / "b.mp4")
    assert len(a) == len(b) == 6 and a[0].shape == (180, 320, 3)
    assert all(x.tobytes() == y.tobytes() for x, y in zip(a, b))
    assert a[0].tobytes() != a[3].tobytes()  # the descent moves


def test_a_race_and_a_gif(tmp_path):
    done = record("--preset", "learning-rates", "--steps", "8", "--steps-per-frame", "4", "--size", "320x180",
                  "--out", "race.gif", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(frames(tmp_path / "race.gif")) == 2


def test_a_session_goes_on_from_its_step(tmp_path):
    run = Run(RunConfig(data="linear"), LiveSettings(learning_rate=0.2))
    run.advance(30)
    S.save_session(tmp_path / "lesson.gdviz", S.capture(run, speed=(30, 1)))
    done = record("--session", "lesson.gdviz", "--steps", "4", "--size", "320x180", "--out", "frames", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "4 frames" in done.stdout and "4 steps" in done.stdout
    assert len(list((tmp_path / "frames").iterdir())) == 4


@pytest.mark.parametrize("args, words", [
    (["--out", "a.avi"], "record to .mp4, .gif or a folder of PNGs"),
    (["--out", "gone/a.mp4"], "the folder gone does not exist"),
    (["--out", "a.mp4", "--size", "641x360"], "width and height must be even"),
    (["--out", "a.mp4", "--size", "big"], "expected WIDTHxHEIGHT like 1280x720"),
    (["--out", "a.gif", "--fps", "60"], "a GIF takes at most 50 frames a second"),
    (["--out", "a.mp4", "--fps", "0"], "must be from 1 to 120"),
    (["--out", "a.mp4", "--hold", "-1"], "must be from 0 to 600 seconds"),
    (["--out", "a.mp4", "--steps-per-frame", "0"], "must be a whole number from 1"),
    (["--out", "a.mp4", "--quality", "ultra"], "invalid choice: 'ultra'"),
    (["--out", "a.mp4", "--lr", "-1"], "must be a positive number"),
    (["--out", "a.mp4", "--rule", "fixed", "--lr", "0.1"], "--lr has no effect with --rule fixed"),
    (["--out", "a.mp4", "--preset", "learning-rates", "--lr", "0.1"], "--preset learning-rates sets its own data"),
    (["--out", "a.mp4", "--session", "x.gdviz", "--lr", "0.1"], "--session sets its own data and runners; drop --lr"),
    (["--out", "a.mp4", "--session", "missing.gdviz"], "missing.gdviz: cannot be read"),
    (["--out", "a.mp4", "--csv", "missing.csv"], "missing.csv"),
    ([], "the following arguments are required: --out"),
])
def test_bad_flags_and_paths_are_one_line_and_write_nothing(tmp_path, capsys, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.gdviz").write_text("{}")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["record", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gdviz: error: ") and err.count("\n") == 1 and words in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_png_folder_that_exists_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "frames").mkdir()
    assert main(["record", "--out", "frames"]) == 2
    assert "already exists; PNG frames go into a new folder" in capsys.readouterr().err


def test_help_lists_the_recording_flags(capsys):
    assert main(["record", "--help"]) == 0
    text = capsys.readouterr().out
    for flag in ("--out", "--size", "--fps", "--steps", "--steps-per-frame", "--hold", "--quality", "--session",
                 "--preset", "--runner", "--lr", "--data"):
        assert flag in text


@pytest.mark.parametrize("view", ["presentation", "loss"])
def test_record_presentation_mode_or_one_view(tmp_path, view) -> None:
    av = pytest.importorskip("av")
    out = tmp_path / f"{view}.mp4"
    from gdviz.cli import main
    assert main(["record", "--data", "linear", "--steps", "4", "--size", "640x360", "--fps", "10",
                 "--quality", "low", "--view", view, "--out", str(out)]) == 0
    with av.open(str(out)) as container:
        frames = list(container.decode(video=0))
    assert len(frames) == 4 and (frames[0].width, frames[0].height) == (640, 360)
