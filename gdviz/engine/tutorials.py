"""The tutorials' own runs, with their numbers: data, model, loss, start, settings, length and pins."""
from __future__ import annotations

from dataclasses import dataclass

from .types import BatchMode, LiveSettings, ModelKind, Reduction, RunConfig, SampleOrder, UpdateRule

ROOMS_START = (("w", -150.0), ("b", -150.0))  # tutorial 004 draws k, b from [−200, −100]; gdviz starts mid-box


@dataclass(frozen=True)
class TutorialPreset:
    """One tutorial experiment: run `config` with `live` for `steps` steps (the window's play pauses there
    once); `pins` are the steps after which the data view pins the fitted line (tutorial 003's overlay)."""

    title: str
    explanation: str  # one line: what it shows and where its numbers come from
    config: RunConfig
    live: LiveSettings
    steps: int
    pins: tuple[int, ...] = ()


TUTORIALS: dict[str, TutorialPreset] = {
    "000-b-only": TutorialPreset(
        "House prices, b alone (tutorial 000)",
        "y = b on the six houses with the tutorial's loss, the plain sum Σ(b − y)², from b = 1: it prints "
        "346779 first. Its slope Σ(b − y) is half the derivative of that sum, so its learning rate 1e-4 is "
        "η = 5e-5 here.",
        RunConfig(data="house", model=ModelKind.CONSTANT, reduction=Reduction.SUM, init=(("b", 1.0),)),
        LiveSettings(learning_rate=5e-5), 10_000),
    "001-beans-in-order": TutorialPreset(
        "Beans, one at a time in order (tutorial 001)",
        "y = w·x from w = 0.1, one bean a step in the order of the list, α = 0.1, squared error of that bean: "
        "100 passes over the 100 beans, exactly the tutorial's loop.",
        RunConfig(data="beans"),
        LiveSettings(learning_rate=0.1, batch_mode=BatchMode.STOCHASTIC, batch_size=1, order=SampleOrder.IN_ORDER),
        10_000),
    "003-line-1000": TutorialPreset(
        "1000 points, lines after 10, 20, 30, 100 and 1000 epochs (tutorial 003)",
        "y = w·x + b from (0, 0) at η = 0.01 on the mean squared error, every step one epoch over all 1000 "
        "points; the line is pinned after 10, 20, 30, 100 and 1000 epochs.",
        RunConfig(data="line-1000"), LiveSettings(learning_rate=0.01), 1000, (10, 20, 30, 100, 1000)),
    "004-random-search": TutorialPreset(
        "Rooms → price: random search, 5000 tries (tutorial 004)",
        "Each try is a random k, b in [−200, −100] (the box around the start (−150, −150) of radius 50); the "
        "best so far is kept. The box holds no good line: the best loss stays in the hundreds of thousands.",
        RunConfig(data="rooms", init=ROOMS_START),
        LiveSettings(rule=UpdateRule.RANDOM_SEARCH, search_radius=50.0), 5000),
    "004-direction-search": TutorialPreset(
        "Rooms → price: direction search, step 0.3, 10000 tries (tutorial 004)",
        "From (−150, −150) try k ± 0.3, b ± 0.3 and keep going while the loss falls, else turn at random.",
        RunConfig(data="rooms", init=ROOMS_START),
        LiveSettings(rule=UpdateRule.DIRECTION_SEARCH, fixed_step=0.3), 10_000),
    "004-gradient": TutorialPreset(
        "Rooms → price: gradient descent, 50000 steps (tutorial 004)",
        "From (−150, −150) at η = 1e-3 on the mean squared error: after 50000 steps the loss is about 52.2, "
        "the tutorial's 'min cost about 50'; least squares reaches 43.6.",
        RunConfig(data="rooms", init=ROOMS_START), LiveSettings(learning_rate=1e-3), 50_000),
    "004-two-layer": TutorialPreset(
        "Rooms → price: the two-layer model ŷ = k2·σ(k1·x + b1) + b2 (tutorial 004)",
        "From (k1, b1, k2, b2) = (1, 0, 1, 0) at η = 1e-3: σ′ ≈ 0.002 at six rooms, so k1 hardly moves at "
        "first (the vanishing gradient); the curve then bends below the line's loss.",
        RunConfig(data="rooms", model=ModelKind.TWO_LAYER,
                  init=(("k1", 1.0), ("b1", 0.0), ("k2", 1.0), ("b2", 0.0))),
        LiveSettings(learning_rate=1e-3), 50_000),
}
