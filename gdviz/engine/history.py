"""Columnar, bounded history of a run: one row per kept step.

Arrays grow by doubling up to `max_rows`. Then the history thins, keeping what a loss plot needs:
- the first `head` rows (the start of a run is its interesting part) stay exactly, every step;
- the most recent rows stay exactly (stepping back a little needs no replay);
- the rows between are grouped into buckets of geometrically growing width (a fixed number per
  doubling of the step, so the buckets look even on a log step axis) and each bucket keeps its
  first row and the rows of its least and greatest training loss.
When the buckets alone outgrow their share, they merge in pairs (the grid is nested, so a merged
bucket still holds its true extremes). Every kept row is a real step with its whole state, so a run
can go back to any step by replaying from the nearest kept row. Views read `column(name)` slices
without copying.
"""
from __future__ import annotations

import numpy as np

STATUS_CODES = ("ready", "running", "converged", "diverged", "stalled")  # the order of types.Status
HEAD = 1 << 16  # rows kept exactly from the start (at most a quarter of max_rows)
PER_OCTAVE = 1024  # thinned buckets per doubling of the step, before any merging


class History:
    """Rows of step, epoch, pos, status, learning_rate, params, grad, losses and optimizer state."""

    def __init__(self, n_params: int, state_size: int = 0, max_rows: int = 1 << 20) -> None:
        self.n_params = n_params
        self.state_size = state_size
        self.max_rows = max(16, max_rows)
        self.head = min(HEAD, self.max_rows // 4)  # rows kept exactly from the start
        self.recent = max(2, self.max_rows // 8)  # newest rows kept exactly when thinning
        self.level = 0  # how many times the buckets have merged in pairs
        self.n = 0
        self.thinned = False
        self._cols = self._alloc(min(1024, self.max_rows))

    def _alloc(self, cap: int) -> dict[str, np.ndarray]:
        p, s = self.n_params, self.state_size
        return {
            "step": np.zeros(cap, np.int64), "epoch": np.zeros(cap, np.int64),
            "pos": np.zeros(cap, np.int64), "status": np.zeros(cap, np.int8),
            "learning_rate": np.zeros(cap), "batch_loss": np.zeros(cap),
            "train_loss": np.zeros(cap), "val_loss": np.zeros(cap),
            "params": np.zeros((cap, p)), "grad": np.zeros((cap, p)), "state": np.zeros((cap, s)),
        }

    def __len__(self) -> int:
        return self.n

    def copy(self) -> "History":
        """An independent history with the same rows (buffers trimmed to the kept rows)."""
        out = History.__new__(History)
        out.__dict__.update(self.__dict__)
        out._cols = {k: v[: max(self.n, 1)].copy() for k, v in self._cols.items()}
        return out

    def column(self, name: str) -> np.ndarray:
        """A read-only view of the kept rows of one column."""
        view = self._cols[name][: self.n]
        view.flags.writeable = False
        return view

    def row(self, i: int) -> dict[str, np.ndarray]:
        """Copies of one row's values."""
        return {k: np.array(v[i]) for k, v in self._cols.items()}

    def append(self, **block: np.ndarray) -> None:
        """Append a block of rows; every column must be given with the same length."""
        m = len(block["step"])
        if m == 0:
            return
        while self.n + m > len(self._cols["step"]):
            if len(self._cols["step"]) >= self.max_rows:
                self._thin()
            if self.n + m <= len(self._cols["step"]):
                break
            self._grow(min(self.max_rows, max(2 * len(self._cols["step"]), self.n + m)), m)
        for k, v in block.items():
            self._cols[k][self.n: self.n + m] = v
        self.n += m

    def _grow(self, cap: int, need: int) -> None:
        if self.n + need > cap:  # a block larger than the whole buffer: make room anyway
            cap = max(cap, self.n + need)
        new = self._alloc(cap)
        for k, v in self._cols.items():
            new[k][: self.n] = v[: self.n]
        self._cols = new

    def _thin(self) -> None:
        """Thin the rows between the head and the recent tail to bucket firsts and loss extremes."""
        lo, hi = self.head, self.n - self.recent
        if hi - lo < 2:
            return
        budget = max(3, self.max_rows // 4)
        steps = self._cols["step"][lo:hi]
        loss = self._cols["train_loss"][lo:hi]
        fine = np.floor(PER_OCTAVE * np.log2(np.maximum(steps, 1).astype(float))).astype(np.int64)
        while True:
            keep = _bucket_rows(fine >> self.level, loss)
            if len(keep) <= budget or self.level > 40:
                break
            self.level += 1
        keep = np.concatenate([np.arange(lo), lo + keep, np.arange(hi, self.n)])
        for v in self._cols.values():
            v[: len(keep)] = v[keep]
        self.n = len(keep)
        self.thinned = True

    def index_at_or_before(self, step: int) -> int:
        """Index of the last kept row whose step is ≤ `step`."""
        return int(np.searchsorted(self.column("step"), step, side="right")) - 1

    def truncate(self, n_rows: int) -> None:
        """Drop every row from index n_rows on."""
        self.n = max(0, min(self.n, n_rows))

    @property
    def nbytes(self) -> int:
        """Memory held by the buffers."""
        return sum(v.nbytes for v in self._cols.values())


def _bucket_rows(ids: np.ndarray, loss: np.ndarray) -> np.ndarray:
    """Sorted indices of each bucket's first row and its rows of least and greatest loss (ids ascending)."""
    starts = np.flatnonzero(np.diff(ids)) + 1
    starts = np.concatenate([[0], starts])
    ends = np.append(starts[1:], len(ids))
    order = np.lexsort((loss, ids))  # by bucket, then by loss (NaN last)
    return np.unique(np.concatenate([starts, order[starts], order[ends - 1]]))
