"""Which training samples each step uses. An epoch visits every sample once in a seeded order.

The order of epoch e is a pure function of (seed, e), so the sampler's whole state is
(epoch, position in epoch): stepping back restores it exactly and memory stays bounded.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .types import BatchMode, SampleOrder


def epoch_order(seed: int, epoch: int, n: int, order: SampleOrder = SampleOrder.SHUFFLED) -> np.ndarray:
    """The visiting order of epoch `epoch`: a seeded permutation, or 0 … n − 1 in order."""
    if order is SampleOrder.IN_ORDER:
        return np.arange(n)
    return np.random.default_rng([seed, epoch]).permutation(n)


@dataclass(frozen=True)
class Plan:
    """Batches of a run of steps: order[starts[i]:starts[i+1]] is step i's batch."""

    order: np.ndarray | None  # None: every step uses the full training set
    starts: np.ndarray | None
    epoch: np.ndarray  # epoch after each step
    pos: np.ndarray  # position in that epoch after each step

    @property
    def steps(self) -> int:
        """Number of steps planned."""
        return len(self.epoch)

    def batch(self, i: int) -> np.ndarray | None:
        """Training indices of step i (None for the full set)."""
        if self.order is None:
            return None
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.order)
        return self.order[self.starts[i]:end]


class Sampler:
    """Plans batches for a training set of n samples; caches the current epoch's order."""

    MAX_SAMPLES = 1 << 22  # samples gathered per plan (bounds memory)

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.seed = seed
        self._cache: dict[tuple[int, SampleOrder], np.ndarray] = {}

    def order(self, epoch: int, order: SampleOrder = SampleOrder.SHUFFLED) -> np.ndarray:
        """The visiting order of one epoch, cached for the two most recent epochs."""
        key = (epoch, SampleOrder(order))
        if key not in self._cache:
            if len(self._cache) >= 2:
                self._cache.pop(min(self._cache))
            self._cache[key] = epoch_order(self.seed, epoch, self.n, key[1])
        return self._cache[key]

    def batch_size(self, mode: BatchMode, batch_size: int) -> int:
        """Samples per step for a batch mode."""
        if mode is BatchMode.FULL:
            return self.n
        return 1 if mode is BatchMode.STOCHASTIC else max(1, min(int(batch_size), self.n))

    def plan(self, epoch: int, pos: int, mode: BatchMode, batch_size: int, steps: int,
             order: SampleOrder = SampleOrder.SHUFFLED) -> Plan:
        """Batches for up to `steps` steps from (epoch, pos) visiting each epoch in `order`; may plan
        fewer to bound memory."""
        if mode is BatchMode.FULL:
            e = epoch + 1 + np.arange(steps, dtype=np.int64)
            return Plan(None, None, e, np.zeros(steps, np.int64))
        k, n = self.batch_size(mode, batch_size), self.n
        steps = max(1, min(steps, self.MAX_SAMPLES // k))
        parts, starts, epochs, poss = [], [], [], []
        offset, left = 0, steps
        while left > 0:
            take = min(left, -(-(n - pos) // k))
            end = min(pos + take * k, n)
            parts.append(self.order(epoch, order)[pos:end])
            local = pos + k * np.arange(take, dtype=np.int64)
            starts.append(offset + local - pos)
            after = np.minimum(local + k, n)
            wrap = after == n
            epochs.append(np.where(wrap, epoch + 1, epoch))
            poss.append(np.where(wrap, 0, after))
            offset += end - pos
            left -= take
            epoch, pos = (epoch + 1, 0) if end == n else (epoch, end)
        return Plan(np.concatenate(parts), np.concatenate(starts), np.concatenate(epochs),
                    np.concatenate(poss))
