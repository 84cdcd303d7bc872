"""The slow refreshes take turns: each at most every `interval`, and at most one a frame."""
from __future__ import annotations

from gdviz.ui import pacing


def test_refreshes_due_together_run_in_different_frames(monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(pacing.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(pacing, "_last_turn", 0.0)
    last = {"maths": 0.0, "dots": 0.0, "graph": 0.0}
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
