"""`gdviz record`: render a run, a race or a saved session to MP4, GIF or a folder of PNGs, frame by frame.

The real window is opened offscreen at the video's size; each frame takes its steps and is rendered,
never timed, so the same flags give the same frames on every run.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from .base import FAILURE_EXIT, PROG, CliError, Command, flag, given
from .lang import QT_TRANSLATE_NOOP, engine_text, translate
from .options import epilog, add_run_options, checked_run
from .race import RACE_STEPS, _run_option_dests, build_race, runner
from .values import count, finite

DEFAULT_STEPS = 100
SIZES = ("1280x720", "1920x1080")  # with --fps 30 or 60: the presets of File > Record

RECORD_EXAMPLES = QT_TRANSLATE_NOOP("Cli", """examples:
  tutorial 002 at 1280x720, 30 frames a second, one step a frame, 2 s still at the end:
    gdviz record --data linear --lr 0.1 --steps 300 --hold 2 --out 002.mp4
  a learning rate too high, in full HD at 60 frames a second:
    gdviz record --data linear --lr 1.1 --steps 60 --size 1920x1080 --fps 60 --out diverge.mp4
  the beans by stochastic descent, 10 steps a frame, as a GIF for slides:
    gdviz record --data beans --steps 2000 --steps-per-frame 10 --fps 25 --out beans.gif
  a ready-made race, as a folder of PNG frames:
    gdviz record --preset valley-optimizers --steps 300 --out frames/
  go on from a saved session (File > Save) for 500 steps:
    gdviz record --session lesson.gdviz --steps 500 --out lesson.mp4

output:
  --out FILE.mp4 (H.264, yuv420p), FILE.gif (one palette, at most 50 frames a second) or a
  folder name without a suffix (frame_000001.png, ...). The file appears only when the
  recording is complete; an interrupted or failed recording leaves nothing.
  A recording has ceil(steps / steps-per-frame) frames, plus fps x hold still frames. Every
  step of --steps is taken: a converged run goes on, as Play does after convergence.

exit status:
  0 when the recording was written; 2 for a bad flag, value, data or session file; 1 when it
  could not be written or no window could be made here.
""")


def size_value(text: str) -> tuple[int, int]:
    """WxH, both even, from 16 to 7680."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise argparse.ArgumentTypeError(translate("Cli", "expected WIDTHxHEIGHT like 1280x720, got '{0}'").format(text))
    w, h = (int(p) for p in parts)
    if not (16 <= w <= 7680 and 16 <= h <= 7680) or w % 2 or h % 2:
        raise argparse.ArgumentTypeError(translate("Cli", "width and height must be even and from 16 to 7680, "
                                                   "got '{0}'").format(text))
    return w, h


def fps_value(text: str) -> int:
    """Frames a second, 1 to 120."""
    value = count(text)
    if not 1 <= value <= 120:
        raise argparse.ArgumentTypeError(translate("Cli", "must be from 1 to 120, got {0}").format(text))
    return value


def per_frame(text: str) -> int:
    """Steps a frame, 1 to 1e9."""
    value = count(text)
    if not 1 <= value <= 10 ** 9:
        raise argparse.ArgumentTypeError(translate("Cli", "must be a whole number from 1 to 1e9, got {0}").format(text))
    return value


def hold_value(text: str) -> float:
    """Seconds of still frames at the end, 0 to 600."""
    value = finite(text)
    if not 0 <= value <= 600:
        raise argparse.ArgumentTypeError(translate("Cli", "must be from 0 to 600 seconds, got {0}").format(text))
    return value


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """The `record` subcommand's flags: those of `run` and `race`, and the recording's."""
    parser = sub.add_parser("record", help=translate("Cli", "render a run, race or session to MP4, GIF or PNG frames"),
                            description=translate("Cli", "Record the window's animation of a run, a race or a saved session, "
                                        "frame by frame\n(no screen needed)."),
                            epilog=epilog(RECORD_EXAMPLES))
    rec = parser.add_argument_group(translate("Cli", "the recording"))
    rec.add_argument("--out", metavar="FILE", required=True,
                     help=translate("Cli", "FILE.mp4, FILE.gif, or a new folder (no suffix) for PNG frames"))
    rec.add_argument("--size", metavar="WxH", type=size_value, default=(1280, 720),
                     help=translate("Cli", "frame size, even numbers (default 1280x720; also 1920x1080)"))
    rec.add_argument("--fps", metavar="N", type=fps_value, default=30,
                     help=translate("Cli", "frames a second: 30 or 60 (default 30); a GIF takes at most 50"))
    rec.add_argument("--steps-per-frame", metavar="K", type=per_frame, default=1,
                     help=translate("Cli", "steps each frame moves on (default 1)"))
    rec.add_argument("--hold", metavar="SECONDS", type=hold_value, default=0.0,
                     help=translate("Cli", "show the last frame this long at the end (default 0)"))
    rec.add_argument("--view", choices=VIEWS, default="window",
                     help=translate("Cli", "what to record: the whole window (default), presentation mode (the "
                                           "plots and a status line, no docks or menus), or one view"))
    rec.add_argument("--quality", choices=("low", "medium", "high"), default="medium",
                     help=translate("Cli", "MP4 quality: low (smallest), medium (default) or high"))
    rec.add_argument("--session", metavar="FILE.gdviz", default=None,
                     help=translate("Cli", "go on from a saved session (File > Save) instead of the flags below"))
    rec.add_argument("--lesson", metavar="NAME|FILE", default=None,
                     help=translate("Cli", "render a whole lesson with its captions: a built-in one (tutorial-000 … tutorial-004) "
                          "or a lesson file (.json)"))
    rec.add_argument("--language", choices=("en", "zh_CN"), default=None,
                     help=translate("Cli", "the captions' language for --lesson (default: the system's)"))
    rec.add_argument("--steps", metavar="N", type=count, default=None,
                     help=translate("Cli", "steps to record (default {0}; a preset race: its own, else {1})").format(
                         DEFAULT_STEPS, RACE_STEPS))
    race = parser.add_argument_group(translate("Cli", "a race instead of one run (as in 'gdviz race')"))
    race.add_argument("--preset", choices=_preset_names(), default=None, help=translate("Cli", "a ready-made race"))
    race.add_argument("--runner", metavar="NAME:SETTING=VALUE,...", type=runner, action="append", default=None,
                      help=translate("Cli", "one runner of your own race (give 2 to 6)"))
    add_run_options(parser, keep_defaults=False)
    return parser


def _preset_names() -> list[str]:
    from ..engine import PRESETS
    return list(PRESETS)


def _check_out(args: argparse.Namespace) -> Path:
    from ..ui.recorder import format_of  # noqa: PLC0415 - Qt only once the flags are good
    out = Path(args.out)
    if not str(args.out).strip():
        raise CliError(translate("Cli", "--out needs a file name"))
    suffix = out.suffix.lower()
    if suffix not in ("", ".mp4", ".gif"):
        raise CliError(translate("Cli", "--out {0}: record to .mp4, .gif or a folder of PNGs (a name without a suffix)")
                       .format(args.out))
    if not (out.parent if str(out.parent) else Path(".")).is_dir():
        raise CliError(translate("Cli", "--out {0}: the folder {1} does not exist").format(args.out, out.parent))
    if suffix == "" and out.exists():
        raise CliError(translate("Cli", "--out {0}: already exists; PNG frames go into a new folder").format(args.out))
    if suffix == ".gif" and args.fps > 50:
        raise CliError(translate("Cli", "--fps {0}: a GIF takes at most 50 frames a second").format(args.fps))
    format_of(out)
    return out


def _problem(args: argparse.Namespace):
    """(run, race, steps, restored session or None) from the flags. Raises CliError."""
    if args.session is not None:
        return _from_session(args)
    try:
        if given(args, "preset") is not None or given(args, "runner"):
            race, steps, _title = build_race(args)
            return race.runs[0], race, steps, None
        run = checked_run(args)
    except CliError:
        raise
    except ValueError as exc:
        raise CliError(engine_text(str(exc))) from None
    return run, None, DEFAULT_STEPS if args.steps is None else args.steps, None


def _from_session(args: argparse.Namespace):
    from ..session import SessionError, open_session
    extra = next((d for d in (*_run_option_dests(), "preset", "runner") if given(args, d) not in (None, False)), None)
    if extra is not None:
        raise CliError(translate("Cli", "--session sets its own data and runners; drop {0}").format(flag(extra)))
    try:
        restored = open_session(args.session)
    except SessionError as exc:
        raise CliError(engine_text(str(exc))) from None
    return restored.run, restored.race, DEFAULT_STEPS if args.steps is None else args.steps, restored


def _lesson(args: argparse.Namespace):
    """The lesson --lesson names (None without it). Raises CliError for a bad lesson or extra flags."""
    if args.lesson is None:
        if args.language is not None:
            raise CliError(translate("Cli", "--language chooses the captions of a --lesson; give --lesson too"))
        return None
    extra = next((d for d in (*_run_option_dests(), "preset", "runner", "session", "steps")
                  if given(args, d) not in (None, False)), None)
    if extra is None and args.steps_per_frame != 1:
        extra = "steps_per_frame"
    if extra is not None:
        raise CliError(translate("Cli", "--lesson sets its own data, runs and steps; drop {0}").format(flag(extra)))
    from ..lesson import LessonError, find_lesson
    try:
        return find_lesson(args.lesson)
    except LessonError as exc:
        raise CliError(engine_text(str(exc))) from None


def handle(args: argparse.Namespace) -> int:
    """Check every flag and file, then open the window offscreen and record."""
    out = _check_out(args)
    lesson = _lesson(args)
    if lesson is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .display import display_problem
        problem = display_problem()
        if problem:
            raise CliError(problem, FAILURE_EXIT)
        with tempfile.TemporaryDirectory(prefix="gdviz-record-") as settings_dir:
            return _record_lesson(args, out, lesson, settings_dir)
    run, race, steps, restored = _problem(args)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a recording needs no screen
    from .display import display_problem
    problem = display_problem()
    if problem:
        raise CliError(problem, FAILURE_EXIT)
    with tempfile.TemporaryDirectory(prefix="gdviz-record-") as settings_dir:
        return _record(args, out, run, race, steps, restored, settings_dir)


@contextlib.contextmanager
def _offscreen_window(args, settings_dir: str, run=None):
    """The real window, offscreen at the video's size, with throwaway preferences (the user's zoom or theme
    must not change the frames, and a recording must not change them); closed at the end. A failed
    recording becomes a one-line CliError."""
    from PySide6.QtCore import QSettings
    from ..ui.app import make_app, quiet_offscreen_notes
    from ..ui.recorder import RecordingError
    quiet_offscreen_notes()
    app = make_app()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, settings_dir)
    from ..ui.main_window import MainWindow
    window = MainWindow(run)
    try:
        yield window, app
    except RecordingError as exc:
        raise CliError(str(exc), FAILURE_EXIT) from None
    finally:
        window.controller.pause()
        window.close()


def _show_at(window, app, size: tuple[int, int], presenting: bool = False) -> None:
    window.show()
    if presenting:
        window.set_presentation(True)  # a lesson is the plots and its captions: no docks, menus or toolbar
        window.showNormal()  # offscreen full screen is the virtual screen's size: the video's size instead
    window.resize(*size)
    app.processEvents()
    window.resize(*size)  # a first show may apply the screen's geometry


VIEWS = ("window", "presentation", "data", "loss", "surface", "sections", "maths", "graph")


def _target(window, name: str):
    """The widget a --view records (the window itself for window and presentation)."""
    views = {"data": window.data_view, "loss": window.loss_view, "surface": window.surface,
             "sections": window.sections, "maths": window.equations, "graph": window.graph_panel.view}
    if name == "graph":
        window.graph_dock.show()
    return views.get(name, window)


def _record(args, out: Path, run, race, steps: int, restored, settings_dir: str) -> int:
    from ..ui.recorder import record_run
    progress = _progress_printer() if sys.stderr.isatty() else None
    view = getattr(args, "view", "window")
    with _offscreen_window(args, settings_dir, run) as (window, app):
        _install(window, race, restored)
        _show_at(window, app, args.size, presenting=view == "presentation")
        widget = _target(window, view)
        app.processEvents()
        result = record_run(widget, window.controller, out, steps, args.steps_per_frame, args.hold, args.size,
                            args.fps, None, args.quality, progress=progress)
    if progress is not None:
        print(file=sys.stderr)
    if result.warning:
        print(f"{PROG}: {result.warning}", file=sys.stderr)
    w, h = args.size
    print(translate("Cli", "wrote {0}: {1} frames, {2}x{3} at {4} frames a second, {5} steps").format(
        out, result.frames, w, h, args.fps, result.steps))
    return 0


def _record_lesson(args, out: Path, lesson, settings_dir: str) -> int:
    """Render a whole lesson, caption by caption, action by action, in presentation mode."""
    from ..ui.lesson_player import lesson_language, record_lesson
    progress = _progress_printer() if sys.stderr.isatty() else None
    with _offscreen_window(args, settings_dir) as (window, app):
        _show_at(window, app, args.size, presenting=True)
        result = record_lesson(window, lesson, out, args.size, args.fps, args.quality, progress=progress,
                               language=args.language or getattr(args, "lang", None) or lesson_language(),
                               hold_seconds=args.hold)
    if progress is not None:
        print(file=sys.stderr)
    w, h = args.size
    print(translate("Cli", "wrote {0}: {1} frames, {2}x{3} at {4} frames a second").format(
        out, result.frames, w, h, args.fps))
    return 0


def _install(window, race, restored) -> None:
    """Give the window's controller the race or the saved session (ghosts, runner, speed, view options)."""
    controller = window.controller
    if restored is not None:
        install = getattr(controller, "install_session", None)
        if install is not None:
            install(restored)
        elif restored.race is not None:
            controller.start_race(restored.race)
            controller.select_runner(restored.selected)
        apply_view = getattr(window, "apply_view_options", None)
        if apply_view is not None:
            apply_view(restored.view)
        return
    if race is not None:
        controller.start_race(race)


def _progress_printer():
    def show(done: int, total: int) -> None:
        print("\r" + translate("Cli", "recording: frame {0} of {1}").format(done, total), end="", file=sys.stderr,
              flush=True)
    return show


COMMAND = Command(add_parser, handle)
