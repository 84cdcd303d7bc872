"""The slow refreshes take turns: each at most every `interval`, and at most one a frame."""
from __future__ import annotations

from gdviz.ui import pacing


def test_refreshes_due_together_run_in_different_frames(monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(pacing.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(pacing, "_last_turn", 0.0)
    last = {"maths": 99.9, "dots": 99.9, "graph": 99.9}  # each just drawn while paused
    ran = []
    for frame in range(12):  # 60 frames a second
        clock[0] = 100.0 + frame / 60
        for name in last:
            if pacing.take_turn(last[name], 0.1):
                last[name] = clock[0]
                ran.append((frame, name))
    frames = [f for f, _ in ran]
    assert len(frames) == len(set(frames))  # never two in one frame
    assert [n for _, n in ran[:3]] == ["maths", "dots", "graph"]  # each gets its turn, in order
    for name in last:  # and each again after its interval
        runs = [f for f, n in ran if n == name]
        assert len(runs) == 2 and runs[1] - runs[0] >= 6


def test_no_refresh_waits_more_than_twice_its_interval_and_a_frame_at_ten_frames_a_second(monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(pacing.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(pacing, "_last_turn", 0.0)
    last = {"path": 100.0, "status": 100.0, "graph": 100.0}
    ran = {name: [] for name in last}
    for frame in range(1, 41):  # 10 frames a second for 4 s, every refresh due on every frame
        clock[0] = 100.0 + frame / 10
        for name in last:
            if pacing.take_turn(last[name], 0.1):
                last[name] = clock[0]
                ran[name].append(clock[0])
    for name, times in ran.items():
        gaps = [b - a for a, b in zip([100.0] + times, times)]
        assert len(times) >= 13 and max(gaps) <= 0.3 + 1e-9, name  # twice its interval and a frame at most
