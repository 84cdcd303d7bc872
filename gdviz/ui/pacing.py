"""Turns for the refreshes nobody reads sixty times a second while a run plays: the status line with
the maths, the path's colours, the tried dots, the graph. Each runs at most every `interval` seconds,
and at most one of them a frame: they take turns instead of piling into the same frame every tenth of
a second (which made every sixth frame two or three times as long as the others)."""
from __future__ import annotations

import time

FRAME = 0.008  # seconds: two turns closer than this would fall into one frame (even at 120 frames a second)

_last_turn = 0.0


def take_turn(last: float, interval: float) -> bool:
    """Whether a refresh last done at `last` (time.monotonic()) may run now; True claims this frame's turn.
    A refresh that has waited twice its interval runs whatever else ran in this frame: at ten frames a
    second another refresh could otherwise take every turn, and the status line would stand still."""
    global _last_turn
    now = time.monotonic()
    waited = now - last
    if waited < interval or (now - _last_turn < FRAME and waited < 2 * interval):
        return False
    _last_turn = now
    return True
