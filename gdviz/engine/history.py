"""Columnar, bounded history of a run: one row per kept step.

Arrays grow by doubling up to `max_rows`; then the older three quarters are thinned to every
other row, so memory stays bounded on any run length while the recent past stays complete.
Views read `column(name)` slices without copying.
"""
from __future__ import annotations

import numpy as np

STATUS_CODES = ("ready", "running", "converged", "diverged")


class History:
    """Rows of step, epoch, pos, status, learning_rate, params, grad, losses and optimizer state."""

    def __init__(self, n_params: int, state_size: int = 0, max_rows: int = 1 << 20) -> None:
        self.n_params = n_params
        self.state_size = state_size
        self.max_rows = max(16, max_rows)
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
        if self.n + need > cap:  # a block larger than the whole buffer: thin until it fits
            cap = max(cap, self.n + need)
        new = self._alloc(cap)
        for k, v in self._cols.items():
            new[k][: self.n] = v[: self.n]
        self._cols = new

    def _thin(self) -> None:
        """Keep every other row of the older three quarters (always keeping row 0)."""
        old = (self.n * 3) // 4
        keep = np.concatenate([np.arange(0, old, 2), np.arange(old, self.n)])
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
