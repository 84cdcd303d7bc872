"""Lessons: a versioned JSON file of scenes, read and checked here, never executed. No Qt.

A lesson is a list of scenes. Each scene sets a state (a run, a race or a saved session, or the
changes from the previous scene's run, or nothing: the run goes on), shows a caption (a title and
one or two lines, in "en" and "zh_CN") and holds actions: play N steps at a speed, step, set live
settings, step back (a branch), pin lines, show or hide a view, start a race preset, wait.

    {"format": "gdviz-lesson", "version": 1,
     "title": {"en": "...", "zh_CN": "..."},
     "scenes": [{"state": {"config": {"data": "linear"}, "live": {"learning_rate": 0.1}},
                 "caption": {"en": {"title": "...", "lines": ["..."]}, "zh_CN": {...}},
                 "actions": [{"do": "step"}, {"do": "play", "steps": 100, "speed": [30, 1]}]}]}

A state is one of {"config": {...}, "live": {...}} (live settings over the data set's own),
{"changes": {"config": {...}, "live": {...}}}, {"race": "preset-name"},
{"race": {"config": {...}, "runners": [{"name": "...", "live": {...}}, ...]}} or
{"session": "file.gdviz"} (beside the lesson). Actions run one per key press; "auto": true runs an
action together with the one before it (or on entering the scene). Every action may carry "seconds":
how long a recording holds its picture, and a "caption" that replaces the scene's from there on.
Every refusal is a LessonError with one line: the file, where in it, and what is wrong.
"""
from __future__ import annotations

import dataclasses
import math
import os
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any, Sequence

from . import safejson
from .engine import BUILTIN, PRESETS, Activation, LiveSettings, LossKind, ModelKind, RaceEntry, Reduction, RunConfig
from .engine.functions import FUNCTIONS
from .engine.race import MAX_RUNS, MIN_RUNS

FORMAT = "gdviz-lesson"
VERSION = 1
LANGUAGES = ("en", "zh_CN")
BUILTIN_LESSONS = ("tutorial-000", "tutorial-001", "tutorial-002", "tutorial-003", "tutorial-004")
ACTIONS = ("play", "step", "back", "set", "pin", "pins", "view", "trail", "race", "wait")
VIEWS = ("landscape", "sections", "residuals", "log-scale", "contours", "equal-scales", "learning-rate",
         "settings", "maths", "graph")
MAX_FILE_BYTES = 1 << 20  # a lesson is a page of text, not data
MAX_DEPTH = 10  # a lesson nests about 7 levels
MAX_SCENES = 200
MAX_ACTIONS = 100  # per scene
MAX_STEPS = 1_000_000  # per action: going back replays a scene, which must stay quick
MAX_SECONDS = 600.0
MAX_TEXT = 300  # characters of a title or a caption line
MAX_PINS = 100
MAX_PIN_STEP = 10 ** 9
MAX_INT_DIGITS = 20
MAX_NUMBER = 1e100  # the engine's largest start coordinate and step size
MAX_SEED = 2_147_483_647
DEFAULT_SPEED = (30, 1)  # steps a second, steps a frame
DEFAULT_SCENE_SECONDS = 4.0  # a recording shows a new scene's caption this long before its actions
CAPTION_SECONDS = 3.0  # the default hold after a (non-play) action that brings a new caption
DEFAULT_SECONDS = {"play": 0.5}  # the recorded hold after an action; others 1 s, "auto" ones 0 s


class LessonError(ValueError):
    """A lesson that cannot be used; the message is one line saying what and where."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


@dataclass(frozen=True)
class Caption:
    """What the class reads: a title and one or two lines."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Setup:
    """A state to start from: a run ("run"), a race ("race") or a saved session ("session").

    `live` holds live settings laid over the data set's own (what the window does on choosing data);
    a race preset is named by `preset`, a race of its own has `runners` (name, live changes)."""

    kind: str
    config: RunConfig | None = None
    live: tuple[tuple[str, Any], ...] = ()
    preset: str | None = None
    runners: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    session: Path | None = None
    config_fields: tuple[tuple[str, Any], ...] = ()  # as written: what "changes" build on

    def live_over(self, base: LiveSettings) -> LiveSettings:
        """The live settings of a run: `base` (the data set's) with this state's changes."""
        return replace(base, **dict(self.live)).validated()

    def entries(self, base: LiveSettings) -> tuple[RaceEntry, ...]:
        """The race entries of a race of its own, each runner's changes over `base`."""
        return tuple(RaceEntry(name, i, replace(base, **dict(live)).validated())
                     for i, (name, live) in enumerate(self.runners))


@dataclass(frozen=True)
class Action:
    """One thing the lesson does; `seconds` is how long a recording holds the picture after it."""

    kind: str
    steps: int = 1
    speed: tuple[int, int] = DEFAULT_SPEED
    live: tuple[tuple[str, Any], ...] = ()
    view: str = ""
    shown: bool = True
    pins: tuple[int, ...] = ()
    length: int = 0
    preset: str = ""
    seconds: float = 1.0
    auto: bool = False
    captions: tuple[tuple[str, Caption], ...] = ()


@dataclass(frozen=True)
class Scene:
    """A state (None: the run goes on), a caption per language and the actions in their key presses."""

    setup: Setup | None
    captions: tuple[tuple[str, Caption], ...]
    actions: tuple[Action, ...]
    seconds: float = DEFAULT_SCENE_SECONDS

    @property
    def presses(self) -> tuple[tuple[Action, ...], ...]:
        """The actions grouped by key press: group 0 runs on entering the scene (its "auto" actions), each
        later group starts with an action that waits for a key and holds the "auto" ones after it."""
        groups: list[list[Action]] = [[]]
        for action in self.actions:
            if action.auto:
                groups[-1].append(action)
            else:
                groups.append([action])
        return tuple(tuple(g) for g in groups)

    def caption(self, language: str, press: int = 0) -> Caption:
        """The caption shown after `press` key presses in this scene, in `language` (else the other one)."""
        captions = dict(self.captions)
        for group in self.presses[: press + 1]:
            for action in group:
                if action.captions:
                    captions = dict(action.captions)
        return captions.get(language) or next(iter(captions.values()))


@dataclass(frozen=True)
class Lesson:
    """A checked lesson: its title per language and its scenes."""

    title: tuple[tuple[str, str], ...]
    scenes: tuple[Scene, ...]
    source: str = "lesson"

    def title_in(self, language: str) -> str:
        """The title in `language` (else the other one)."""
        titles = dict(self.title)
        return titles.get(language) or next(iter(titles.values()))

    @property
    def positions(self) -> tuple[tuple[int, int], ...]:
        """Every place the lesson can stand, in order: (scene, key presses done in it)."""
        return tuple((i, k) for i, scene in enumerate(self.scenes) for k in range(len(scene.presses)))

    def restart_scene(self, scene: int) -> int:
        """The nearest scene at or before `scene` that sets a state (scene 0 always does)."""
        while self.scenes[scene].setup is None:
            scene -= 1
        return scene


# ===== reading ========================================================================================
class _Where(safejson.Where):
    """Where a value sits in the file, for one-line messages: `x.json: scenes[2].actions[0].steps`."""

    error = LessonError


def load_lesson(path: str | os.PathLike) -> Lesson:
    """Read and check a lesson file; raises LessonError (one line) for anything it cannot use."""
    path = Path(path)
    source = path.name or str(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LessonError("{0}: cannot be read ({1})".format(source, exc.strerror or exc)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LessonError("{0}: is larger than {1} MB, no lesson is that large".format(source, MAX_FILE_BYTES >> 20))
    return parse_lesson(raw, source, path.parent)


def parse_lesson(raw: bytes | str, source: str = "lesson", folder: Path | None = None) -> Lesson:
    """A lesson from the bytes of a file; session files it names are looked for in `folder`."""
    top = _Where(source)
    doc = _parse_json(raw, top)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise top.fail("is not a gdviz lesson (no \"format\": \"{0}\")".format(FORMAT), shown=False)
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise top["version"].fail("must be a whole number", version)
    if version > VERSION:
        raise top["version"].fail("is {0}: this gdviz reads lessons of version {1} (a newer gdviz wrote it)"
                                  .format(version, VERSION), shown=False)
    if version < 1:
        raise top["version"].fail("must be 1 or more", version)
    _known(doc, top, ("format", "version", "title", "scenes"))
    title = _languages(doc.get("title"), top["title"], _title_text)
    scenes_doc = _get(doc, "scenes", list, top)
    if not 1 <= len(scenes_doc) <= MAX_SCENES:
        raise top["scenes"].fail("must hold 1 to {0} scenes".format(MAX_SCENES), len(scenes_doc))
    scenes: list[Scene] = []
    last_run: Setup | None = None
    for i, value in enumerate(scenes_doc):
        scene = _scene(value, top["scenes"][i], last_run, folder or Path("."))
        if i == 0 and scene.setup is None:
            raise top["scenes"][0]["state"].fail("is missing: the first scene sets the state", shown=False)
        if scene.setup is not None:
            last_run = scene.setup if scene.setup.kind == "run" else None
        scenes.append(scene)
    return Lesson(tuple(title.items()), tuple(scenes), source)


def _parse_json(raw: bytes | str, top: _Where) -> Any:
    return safejson.parse(raw, lambda reason: top.fail(reason, shown=False), MAX_DEPTH, MAX_INT_DIGITS)


# ----- plain values ------------------------------------------------------------------------------------
def _get(doc: dict, key: str, kind: type, where: _Where) -> Any:
    if key not in doc:
        raise where[key].fail("is missing", shown=False)
    value = doc[key]
    if not isinstance(value, kind):
        raise where[key].fail("must be an object" if kind is dict else "must be a list", value)
    return value


def _object(value: Any, where: _Where) -> dict:
    if not isinstance(value, dict):
        raise where.fail("must be an object", value)
    return value


def _known(doc: dict, where: _Where, keys: Sequence[str]) -> None:
    unknown = [k for k in doc if k not in keys]
    if unknown:
        raise where[str(unknown[0])].fail("is not part of a gdviz lesson (known: {0})".format(", ".join(keys)),
                                          shown=False)


def _bool(value: Any, where: _Where) -> bool:
    if not isinstance(value, bool):
        raise where.fail("must be true or false", value)
    return value


def _int(value: Any, where: _Where, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise where.fail("must be a whole number", value)
    if not low <= value <= high:
        raise where.fail("must be a whole number from {0} to {1}".format(low, high), value)
    return value


def _number(value: Any, where: _Where, low: float = -MAX_NUMBER, high: float = MAX_NUMBER) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise where.fail("must be a number", value)
    number = float(value)
    if not (math.isfinite(number) and low <= number <= high):
        raise where.fail("must be a finite number from {0:g} to {1:g}".format(low, high), value)
    return number


def _text(value: Any, where: _Where, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise where.fail("must be text", value)
    if len(value) > limit:
        raise where.fail("is longer than {0} characters".format(limit), shown=False)
    return value


def _choice(value: Any, options: Sequence[str], where: _Where) -> str:
    if not isinstance(value, str) or value not in options:
        raise where.fail("must be one of {0}".format(", ".join(options)), value)
    return value


def _enum(value: Any, enum: type[Enum], where: _Where) -> Enum:
    return enum(_choice(value, [m.value for m in enum], where))


def _languages(value: Any, where: _Where, read) -> dict[str, Any]:
    """An object of "en" and/or "zh_CN", each read by `read`."""
    doc = _object(value, where)
    _known(doc, where, LANGUAGES)
    if not doc:
        raise where.fail("needs \"en\" or \"zh_CN\"", shown=False)
    return {lang: read(doc[lang], where[lang]) for lang in LANGUAGES if lang in doc}


def _title_text(value: Any, where: _Where) -> str:
    text = _text(value, where)
    if not text.strip():
        raise where.fail("is empty", shown=False)
    return text


def _caption(value: Any, where: _Where) -> Caption:
    doc = _object(value, where)
    _known(doc, where, ("title", "lines"))
    title = _title_text(doc.get("title"), where["title"])
    lines = _get(doc, "lines", list, where) if "lines" in doc else []
    if len(lines) > 2:
        raise where["lines"].fail("holds {0} lines; a caption has one or two".format(len(lines)), shown=False)
    return Caption(title, tuple(_text(line, where["lines"][i]) for i, line in enumerate(lines)))


# ----- settings ----------------------------------------------------------------------------------------
def _positive(value: Any, where: _Where) -> float:
    number = _number(value, where, 0.0)
    if number <= 0:
        raise where.fail("must be a positive number", value)
    return number


def _init(value: Any, where: _Where) -> tuple[tuple[str, float], ...]:
    doc = _object(value, where)
    if not 1 <= len(doc) <= 32:
        raise where.fail("must name 1 to 32 parameters", len(doc))
    return tuple((_text(k, where, 40), _number(v, where[k])) for k, v in doc.items())


_CONFIG = {  # RunConfig field → reader (csv_* are not lesson settings: a session holds imported points)
    "data": lambda v, w: _choice(v, BUILTIN, w),
    "function": lambda v, w: _choice(v, tuple(FUNCTIONS), w),
    "val_fraction": lambda v, w: None if v is None else _number(v, w, 0.0, 0.9),
    "model": lambda v, w: _enum(v, ModelKind, w),
    "reduction": lambda v, w: _enum(v, Reduction, w),
    "loss": lambda v, w: _enum(v, LossKind, w),
    "activation": lambda v, w: _enum(v, Activation, w),
    "init": _init,
    "seed": lambda v, w: _int(v, w, 0, MAX_SEED),
    "standardise": _bool,
    "bad_feature": _bool,
    "grad_tol": _positive,
    "huber_delta": _positive,
    "degree": lambda v, w: _int(v, w, 1, 9),
    "hidden": lambda v, w: _int(v, w, 1, 8),
}
_LIVE_ENUMS = {f.name: type(f.default) for f in dataclasses.fields(LiveSettings) if isinstance(f.default, Enum)}
_LIVE_INTS = ("batch_size", "decay_steps")


def _config_fields(value: Any, where: _Where) -> dict[str, Any]:
    doc = _object(value, where)
    _known(doc, where, tuple(_CONFIG))
    return {key: _CONFIG[key](v, where[key]) for key, v in doc.items()}


def _make_config(fields: dict[str, Any], where: _Where) -> RunConfig:
    if "data" in fields and "function" in fields:
        raise where.fail("names both data and a function; a lesson state descends one of them", shown=False)
    return RunConfig(**fields)


def _live_fields(value: Any, where: _Where) -> dict[str, Any]:
    """Live settings changes, each checked against the engine's own limits."""
    doc = _object(value, where)
    _known(doc, where, [f.name for f in dataclasses.fields(LiveSettings)])
    out: dict[str, Any] = {}
    for key, v in doc.items():
        if key in _LIVE_ENUMS:
            out[key] = _enum(v, _LIVE_ENUMS[key], where[key])
        elif key in _LIVE_INTS:
            out[key] = _int(v, where[key], 1, 10 ** 9)
        else:
            out[key] = _number(v, where[key])
    try:
        replace(LiveSettings(), **out).validated()
    except ValueError as exc:
        raise where.fail("is refused: {0}".format(str(exc).split("\n")[0]), shown=False) from None
    return out


# ----- states, scenes and actions ----------------------------------------------------------------------
def _setup(value: Any, where: _Where, last_run: Setup | None, folder: Path) -> Setup:
    doc = _object(value, where)
    kinds = [k for k in ("config", "changes", "race", "session") if k in doc]
    if len(kinds) != 1:
        raise where.fail("must hold one of config (with live), changes, race or session", shown=False)
    kind = kinds[0]
    _known(doc, where, ("config", "live") if kind == "config" else (kind,))
    if kind == "config":
        fields = _config_fields(doc["config"], where["config"])
        live = _live_fields(doc.get("live", {}), where["live"])
        return Setup("run", _make_config(fields, where), tuple(live.items()), config_fields=tuple(fields.items()))
    if kind == "changes":
        return _changes(doc["changes"], where["changes"], last_run)
    if kind == "race":
        return _race(doc["race"], where["race"])
    name = _text(doc["session"], where["session"], 1000)
    path = (folder / name) if not Path(name).is_absolute() else Path(name)
    if not name.endswith(".gdviz") or not path.is_file():
        raise where["session"].fail("must name a .gdviz file beside the lesson", name)
    return Setup("session", session=path)


def _changes(value: Any, where: _Where, last_run: Setup | None) -> Setup:
    if last_run is None:
        raise where.fail("needs a scene before it that sets a run (config), not a race or a session", shown=False)
    doc = _object(value, where)
    _known(doc, where, ("config", "live"))
    fields = {**dict(last_run.config_fields), **_config_fields(doc.get("config", {}), where["config"])}
    if "data" in doc.get("config", {}):
        fields.pop("function", None)
    if "function" in doc.get("config", {}):
        fields.pop("data", None)
    live = {**dict(last_run.live), **_live_fields(doc.get("live", {}), where["live"])}
    return Setup("run", _make_config(fields, where), tuple(live.items()), config_fields=tuple(fields.items()))


def _race(value: Any, where: _Where) -> Setup:
    if isinstance(value, str):
        return Setup("race", preset=_choice(value, tuple(PRESETS), where))
    doc = _object(value, where)
    _known(doc, where, ("config", "runners"))
    fields = _config_fields(doc.get("config", {}), where["config"])
    runners = _get(doc, "runners", list, where)
    if not MIN_RUNS <= len(runners) <= MAX_RUNS:
        raise where["runners"].fail("must hold {0} to {1} runners".format(MIN_RUNS, MAX_RUNS), len(runners))
    out = []
    for i, runner in enumerate(runners):
        w = where["runners"][i]
        runner = _object(runner, w)
        _known(runner, w, ("name", "live"))
        name = _title_text(runner.get("name"), w["name"])
        out.append((name, tuple(_live_fields(runner.get("live", {}), w["live"]).items())))
    if len({name for name, _ in out}) != len(out):
        raise where["runners"].fail("need different names", shown=False)
    return Setup("race", _make_config(fields, where), runners=tuple(out), config_fields=tuple(fields.items()))


def _scene(value: Any, where: _Where, last_run: Setup | None, folder: Path) -> Scene:
    doc = _object(value, where)
    _known(doc, where, ("state", "caption", "actions", "seconds"))
    state = doc.get("state")
    setup = None if state is None else _setup(state, where["state"], last_run, folder)
    captions = _languages(doc.get("caption"), where["caption"], _caption)
    actions_doc = _get(doc, "actions", list, where) if "actions" in doc else []
    if len(actions_doc) > MAX_ACTIONS:
        raise where["actions"].fail("holds {0} actions, at most {1}".format(len(actions_doc), MAX_ACTIONS),
                                    shown=False)
    actions = tuple(_action(a, where["actions"][i]) for i, a in enumerate(actions_doc))
    seconds = _number(doc.get("seconds", DEFAULT_SCENE_SECONDS), where["seconds"], 0.0, MAX_SECONDS)
    return Scene(setup, tuple(captions.items()), actions, seconds)


_ACTION_KEYS = {"play": ("steps", "speed"), "step": ("steps",), "back": ("steps",), "set": ("live",), "pin": (),
                "pins": ("steps",), "view": ("name", "shown"), "trail": ("length",), "race": ("preset",),
                "wait": ()}


def _action(value: Any, where: _Where) -> Action:
    doc = _object(value, where)
    kind = _choice(doc.get("do"), ACTIONS, where["do"])
    _known(doc, where, ("do", "seconds", "auto", "caption", *_ACTION_KEYS[kind]))
    if kind == "wait" and "seconds" not in doc:
        raise where["seconds"].fail("is missing: how long to wait", shown=False)
    auto = _bool(doc.get("auto", False), where["auto"])
    # an action that comes with another takes no time of its own; a new caption needs time to be read
    default = DEFAULT_SECONDS.get(kind, 0.0 if auto else CAPTION_SECONDS if "caption" in doc else 1.0)
    seconds = _number(doc.get("seconds", default), where["seconds"], 0.0, MAX_SECONDS)
    common = dict(seconds=seconds, auto=auto,
                  captions=tuple(_languages(doc["caption"], where["caption"], _caption).items())
                  if "caption" in doc else ())
    if kind in ("play", "step", "back"):
        default = None if kind == "play" else 1
        steps = doc.get("steps", default)
        if steps is None:
            raise where["steps"].fail("is missing: how many steps to play", shown=False)
        speed = _speed(doc.get("speed", list(DEFAULT_SPEED)), where["speed"])
        return Action(kind, _int(steps, where["steps"], 1, MAX_STEPS), speed, **common)
    if kind == "set":
        live = _live_fields(_get(doc, "live", dict, where), where["live"])
        if not live:
            raise where["live"].fail("names no setting", shown=False)
        return Action(kind, live=tuple(live.items()), **common)
    if kind == "pins":
        steps = _get(doc, "steps", list, where)
        if len(steps) > MAX_PINS:
            raise where["steps"].fail("holds more than {0} steps".format(MAX_PINS), shown=False)
        return Action(kind, pins=tuple(_int(s, where["steps"][i], 0, MAX_PIN_STEP) for i, s in enumerate(steps)),
                      **common)
    if kind == "view":
        return Action(kind, view=_choice(doc.get("name"), VIEWS, where["name"]),
                      shown=_bool(doc.get("shown", True), where["shown"]), **common)
    if kind == "trail":
        return Action(kind, length=_int(doc.get("length"), where["length"], 0, 49), **common)
    if kind == "race":
        return Action(kind, preset=_choice(doc.get("preset"), tuple(PRESETS), where["preset"]), **common)
    return Action(kind, **common)


def _speed(value: Any, where: _Where) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise where.fail("must be [steps a second, steps a frame]", value)
    return _int(value[0], where[0], 1, 60), _int(value[1], where[1], 1, 10_000)


# ===== recorded timing ================================================================================
def play_frames(steps: int, speed: tuple[int, int], fps: int) -> int:
    """Frames of a recorded play: ⌈steps / steps a frame⌉ ticks at `speed[0]` ticks a second, at `fps`."""
    ticks = math.ceil(steps / speed[1])
    return max(1, round(ticks * fps / speed[0]))


def hold_frames(seconds: float, fps: int) -> int:
    """Still frames that show a picture for `seconds`."""
    return max(0, round(seconds * fps))


def action_frames(action: Action, fps: int) -> int:
    """Frames an action takes in a recording: its play (if any), then its hold."""
    play = play_frames(action.steps, action.speed, fps) if action.kind == "play" else 0
    return play + hold_frames(action.seconds, fps)


def lesson_frames(lesson: Lesson, fps: int) -> int:
    """Frames of a whole recorded lesson: each scene's hold (after its entry actions) and every action's."""
    return sum(hold_frames(scene.seconds, fps) + sum(action_frames(a, fps) for a in scene.actions)
               for scene in lesson.scenes)


# ===== built-in lessons and the engine check ===========================================================
def builtin_lessons() -> list[tuple[str, dict[str, str]]]:
    """(name, title per language) of every built-in lesson, in order, for File > Lessons."""
    return [(name, dict(load_builtin(name).title)) for name in BUILTIN_LESSONS]


def builtin_path(name: str) -> Path:
    """The file of a built-in lesson; LessonError for an unknown name."""
    from .resources import resource_path
    if name not in BUILTIN_LESSONS:
        raise LessonError("unknown lesson '{0}' (built in: {1})".format(name, ", ".join(BUILTIN_LESSONS)))
    try:
        return resource_path("lessons/{0}.json".format(name))
    except FileNotFoundError as exc:
        raise LessonError(str(exc)) from None


def load_builtin(name: str) -> Lesson:
    """A built-in lesson by name (tutorial-000 … tutorial-004)."""
    return load_lesson(builtin_path(name))


def find_lesson(name_or_path: str) -> Lesson:
    """A built-in lesson by name, else a lesson file by path (`gdviz record --lesson`)."""
    if name_or_path in BUILTIN_LESSONS:
        return load_builtin(name_or_path)
    if not Path(name_or_path).exists():
        raise LessonError("no lesson '{0}': neither a built-in one ({1}) nor a file".format(
            name_or_path, ", ".join(BUILTIN_LESSONS)))
    return load_lesson(name_or_path)


def check_runs(lesson: Lesson) -> None:
    """Build every state's run or race with the engine (no steps), so that a lesson the engine refuses
    is refused before it touches the window. Raises LessonError naming the scene."""
    from .engine import Race, Run
    for i, scene in enumerate(lesson.scenes):
        setup = scene.setup
        where = _Where(lesson.source, "scenes[{0}].state".format(i))
        try:
            if setup is None or setup.kind == "session":
                continue
            if setup.kind == "race" and setup.preset is not None:
                Race.from_preset(setup.preset, max_history=1024)
                continue
            run = Run(setup.config, None, max_history=1024)
            if setup.kind == "run":
                Run(setup.config, setup.live_over(run.live), dataset=run.dataset, max_history=1024)
            else:
                Race(setup.config, setup.entries(run.live), dataset=run.dataset, max_history=1024)
        except (ValueError, ArithmeticError, OSError) as exc:
            raise where.fail("is refused by the engine: {0}".format(str(exc).split("\n")[0]), shown=False) from None


__all__ = ["FORMAT", "VERSION", "LANGUAGES", "BUILTIN_LESSONS", "ACTIONS", "VIEWS", "LessonError", "Caption",
           "Setup", "Action", "Scene", "Lesson", "load_lesson", "parse_lesson", "builtin_lessons", "builtin_path",
           "load_builtin", "find_lesson", "check_runs", "play_frames", "hold_frames", "action_frames", "lesson_frames"]
