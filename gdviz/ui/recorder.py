"""Recording: render a widget offscreen into fixed-size frames and stream them to a video, a GIF or PNGs.

Frames come from the animation's ticks, never from the clock: `record_run` takes the steps of one
frame, lets every view draw them, renders the widget into a QImage of exactly the requested size
and hands it to the encoder, so a 60 fps video has one frame per tick however slow the machine.
The encoder streams (PyAV: H.264 in MP4, or GIF with one palette), so memory stays flat; it
writes to a temporary file beside the target and renames it on `finish`, and `cancel` or a
failure removes it, so no broken file is ever left.
"""
from __future__ import annotations

import math
from fractions import Fraction
import os
import queue
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QRegion
from PySide6.QtWidgets import QGraphicsView, QWidget

FORMATS = ("mp4", "gif", "png-folder")
PRESETS: dict[str, tuple[int, int, int]] = {  # name → width, height, frames a second (manim's -qm, -qh)
    "1280x720@30": (1280, 720, 30),
    "1920x1080@30": (1920, 1080, 30),
    "1920x1080@60": (1920, 1080, 60),
}
QUALITIES: dict[str, tuple[int, str]] = {  # name → x264 constant rate factor, preset (lower crf: better)
    "low": (28, "ultrafast"),
    "medium": (23, "superfast"),
    "high": (18, "veryfast"),
}
GIF_MAX_FPS = 50  # GIF delays are whole hundredths of a second; browsers slow anything faster
GIF_WARN_BYTES = 10 * 1000 * 1000
MAX_SIDE = 7680
BACKGROUND = QColor("white")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Recorder", text)


class RecordingError(OSError):
    """A recording that cannot be made or written (one line)."""


def format_of(path: str | os.PathLike) -> str:
    """mp4, gif, or png-folder (a path without one of those suffixes) from the target path."""
    suffix = Path(path).suffix.lower()
    if suffix in (".mp4", ".gif"):
        return suffix[1:]
    if suffix:
        raise RecordingError(_tr("{0}: record to .mp4, .gif or a folder of PNGs (a name without a suffix)")
                             .format(str(path)))
    return "png-folder"


def check_size(width: int, height: int) -> tuple[int, int]:
    """An even size from 16 to 7680 a side (H.264's 4:2:0 needs even sides), or RecordingError."""
    if not (16 <= width <= MAX_SIDE and 16 <= height <= MAX_SIDE) or width % 2 or height % 2:
        raise RecordingError(_tr("the size must be even and from 16 to {0} a side, got {1}×{2}")
                             .format(MAX_SIDE, width, height))
    return int(width), int(height)


def frames_for(steps: int, steps_per_frame: int, hold_seconds: float, fps: int) -> int:
    """Frames of a recording of `steps` steps at `steps_per_frame` a frame, with a still hold at the end."""
    return math.ceil(steps / steps_per_frame) + hold_frames(hold_seconds, fps)


def hold_frames(hold_seconds: float, fps: int) -> int:
    """Still frames that show the last picture for `hold_seconds`."""
    return max(0, round(hold_seconds * fps))


# ----- rendering ------------------------------------------------------------------------------------
class FrameRenderer:
    """Draws a widget into one reused QImage of a fixed size (scaled to fit, centred on white)."""

    def __init__(self, widget: QWidget, size: tuple[int, int]) -> None:
        self.widget = widget
        self.size = size
        self.image = QImage(QSize(*size), QImage.Format_RGB32)  # memory: B, G, R, 255 per pixel

    def render(self) -> np.ndarray:
        """The widget's current picture as an (h, w, 4) BGRA array (a view of the reused image)."""
        # pending layouts and queued calls, but not the window's own repaint (render() paints) nor timers
        for kind in (QEvent.LayoutRequest, QEvent.MetaCall):
            QCoreApplication.sendPostedEvents(None, kind)
        # pyqtgraph applies a changed view range just before it paints (ViewBox.prepareForPaint); a paint
        # through render() would draw the items with the previous range, so apply it first
        views = self.widget.findChildren(QGraphicsView)
        for view in views + ([self.widget] if isinstance(self.widget, QGraphicsView) else []):
            prepare = getattr(view.scene(), "prepareForPaint", None)
            if prepare is not None and view.isVisible():
                prepare()
        w, h = self.widget.width(), self.widget.height()
        if (w, h) != self.size:
            self.image.fill(BACKGROUND)  # the margins of a widget scaled to fit
        if not self._from_backing_store(w, h):
            self._render(w, h)
        return image_array(self.image)

    def _render(self, w: int, h: int) -> None:
        """Paint the whole widget afresh (any platform; every child repaints)."""
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setRenderHint(QPainter.TextAntialiasing)
        scale = min(self.size[0] / max(w, 1), self.size[1] / max(h, 1))
        painter.translate((self.size[0] - w * scale) / 2, (self.size[1] - h * scale) / 2)
        painter.scale(scale, scale)
        QWidget.render(self.widget, painter, QPoint(), QRegion(QRect(0, 0, w, h)),
                       QWidget.DrawWindowBackground | QWidget.DrawChildren)
        painter.end()

    def _from_backing_store(self, w: int, h: int) -> bool:
        """Offscreen, the window's backing store is an image in memory: repaint only what changed (as the
        screen would) and copy the widget's pixels from it — 7 ms a 720p frame instead of 12 for a whole
        render(). False where that is not possible (a real display, a hidden or unpainted window)."""
        window = self.widget.window()
        handle = window.windowHandle()
        if (QGuiApplication.platformName() != "offscreen" or not self.widget.isVisible() or handle is None
                or not handle.isExposed()):
            return False
        QCoreApplication.sendPostedEvents(None, QEvent.UpdateRequest)  # paint the dirty regions now
        corner = self.widget.mapTo(window, QPoint(0, 0)) if self.widget is not window else QPoint(0, 0)
        pixmap = window.screen().grabWindow(window.winId(), corner.x(), corner.y(), w, h)
        if pixmap.isNull() or pixmap.width() < w or pixmap.height() < h:
            return False
        frame = pixmap.toImage()
        if pixmap.devicePixelRatio() != 1 or (w, h) != self.size:
            frame = frame.scaled(QSize(*self.size), Qt.KeepAspectRatio, Qt.SmoothTransformation)
        painter = QPainter(self.image)
        painter.drawImage(QPoint((self.size[0] - frame.width()) // 2, (self.size[1] - frame.height()) // 2), frame)
        painter.end()
        return True


def image_array(image: QImage) -> np.ndarray:
    """An RGB32 QImage's pixels as an (h, w, 4) uint8 BGRA view (no copy)."""
    h, w = image.height(), image.width()
    return np.frombuffer(image.constBits(), np.uint8, count=h * image.bytesPerLine()).reshape(
        h, image.bytesPerLine() // 4, 4)[:, :w]


# ----- encoders -----------------------------------------------------------------------------------------
class _Encoder:
    """Encodes frames on a worker thread while the GUI thread renders the next one (PyAV releases the GIL
    while it encodes). The queue holds at most QUEUE frames, so memory stays flat however long the video."""

    QUEUE = 3

    def __init__(self, path: Path, size: tuple[int, int], fps: int, codec: str, container: str, pix_fmt: str,
                 options: dict[str, str]) -> None:
        import av
        self.av = av
        self.container = av.open(str(path), "w", format=container)
        try:
            stream = self.container.add_stream(codec, rate=fps)
            stream.width, stream.height = size
            stream.pix_fmt = pix_fmt
            stream.options = options
        except Exception:
            self.container.close()
            raise
        self.stream = stream
        self.count, self.time_base = 0, Fraction(1, fps)  # frames encoded so far, and their time unit
        self.encoded_bytes = 0
        self.error: BaseException | None = None
        self.queue: queue.Queue = queue.Queue(maxsize=self.QUEUE)
        self.thread = threading.Thread(target=self._work, name="gdviz-encoder", daemon=True)
        self.thread.start()

    def add(self, bgra: np.ndarray, repeat: int = 1) -> None:
        """Queue a frame (copied: the renderer reuses its image); blocks while the queue is full."""
        self._raise()
        pixels = bgra.copy()  # the worker makes the frame: less work on the GUI thread
        for _ in range(repeat):
            self.queue.put(pixels)
            self._raise()

    def frame(self, bgra: np.ndarray):
        """The PyAV frame of a BGRA array."""
        return self.av.VideoFrame.from_ndarray(bgra, format="bgra")

    def _work(self) -> None:
        previous = frame = None
        while True:
            pixels = self.queue.get()
            if pixels is None:
                return
            if self.error is not None:
                continue  # drain: the GUI thread reports the error
            try:
                if pixels is not previous:  # a hold queues the same pixels again: one frame for them
                    frame, previous = self.frame(pixels), pixels
                frame.pts, frame.time_base = self.count, self.time_base  # a held frame is queued again
                packets = self.stream.encode(frame)
                self.container.mux(packets)
                self.encoded_bytes += sum(p.size for p in packets)
                self.count += 1
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
                self.error = exc

    def _raise(self) -> None:
        if self.error is not None:
            raise RecordingError(_one_line(self.error))

    def close(self, flush: bool = True) -> None:
        """Encode what is queued (unless cancelled), flush the encoder and close the file."""
        if not flush:
            self.error = self.error or RecordingError("cancelled")
        self.queue.put(None)
        self.thread.join()
        try:
            if flush:
                self._raise()
                self.container.mux(self.stream.encode(None))
        finally:
            self.container.close()


class _Video(_Encoder):
    """H.264 (yuv420p) in MP4."""

    def __init__(self, path: Path, size: tuple[int, int], fps: int, quality: str) -> None:
        crf, preset = QUALITIES[quality]
        # x264 gives the same frames for the same input and options on every run
        super().__init__(path, size, fps, "libx264", "mp4", "yuv420p",
                         {"crf": str(crf), "preset": preset, "tune": "animation"})


class _Gif(_Encoder):
    """GIF with one 256-colour palette taken from the first frame (and a colour cube for later colours);
    each pixel goes to the nearest palette colour through a 32×32×32 lookup table, so it streams."""

    def __init__(self, path: Path, size: tuple[int, int], fps: int) -> None:
        super().__init__(path, size, fps, "gif", "gif", "pal8", {})
        self.palette: np.ndarray | None = None
        self.lut: np.ndarray | None = None

    def frame(self, bgra: np.ndarray):
        if self.palette is None:
            self.palette, self.lut = gif_palette(bgra)
        return self.av.VideoFrame.from_ndarray((self.lut[_codes(bgra)], self.palette), format="pal8")


def _codes(bgra: np.ndarray) -> np.ndarray:
    """Each pixel's colour with 5 bits a channel: (r << 10) | (g << 5) | b."""
    return ((bgra[..., 2] >> 3).astype(np.int32) << 10) | ((bgra[..., 1] >> 3).astype(np.int32) << 5) | (
        bgra[..., 0] >> 3)


def gif_palette(bgra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A 256-colour palette (ARGB rows, as PyAV's pal8 wants) and the lookup table from 15-bit colour to index.

    The first frame's most frequent colours (15-bit) come first; a 6×6×6 cube fills the rest, so colours
    that appear later (a diverged run's red) still find a near neighbour."""
    values, counts = np.unique(_codes(bgra), return_counts=True)
    top = values[np.argsort(-counts, kind="stable")][:256]
    rgb = np.stack([(top >> 10) & 31, (top >> 5) & 31, top & 31], axis=1) * 255.0 / 31.0
    if len(rgb) < 256:
        cube = np.array([(r, g, b) for r in range(6) for g in range(6) for b in range(6)], float) * 51.0
        rgb = np.concatenate([rgb, cube[: 256 - len(rgb)]])
    rgb = np.rint(rgb).astype(np.uint8)
    grid = np.arange(32) * 255.0 / 31.0
    lut = np.empty(32768, np.uint8)
    every = np.stack(np.meshgrid(grid, grid, grid, indexing="ij"), -1).reshape(-1, 3)
    for start in range(0, 32768, 4096):  # bounded memory: 4096 × 256 distances at a time
        d = ((every[start:start + 4096, None, :] - rgb[None, :, :].astype(float)) ** 2).sum(-1)
        lut[start:start + 4096] = np.argmin(d, axis=1)
    palette = np.empty((256, 4), np.uint8)
    palette[:, 0], palette[:, 1:] = 255, rgb  # rows of A, R, G, B bytes, as PyAV's pal8 takes them
    return palette, lut


class _Pngs:
    """One PNG per frame, frame_000001.png, … in a folder."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        self.folder = folder
        self.count = 0

    def add_image(self, image: QImage, repeat: int = 1) -> None:
        for _ in range(repeat):
            self.count += 1
            name = str(self.folder / "frame_{0:06d}.png".format(self.count))
            if not image.save(name, "PNG"):
                raise RecordingError(_tr("could not write {0}").format(name))

    def close(self, flush: bool = True) -> None:
        pass


# ----- the recorder -------------------------------------------------------------------------------------
class Recorder:
    """Frames of a widget, streamed to `path` (.mp4, .gif or a folder of PNGs): add_frame(), then finish() or
    cancel(). Nothing appears at `path` before finish(); a cancel or a failure leaves nothing behind."""

    def __init__(self, widget: QWidget, path: str | os.PathLike, size: tuple[int, int] = (1280, 720), fps: int = 30,
                 fmt: str | None = None, quality: str = "medium") -> None:
        self.path = Path(path)
        self.fmt = fmt or format_of(self.path)
        if self.fmt not in FORMATS:
            raise RecordingError(_tr("unknown recording format {0} (mp4, gif or png-folder)").format(self.fmt))
        if quality not in QUALITIES:
            raise RecordingError(_tr("unknown quality {0} (low, medium or high)").format(quality))
        self.size = check_size(*size)
        max_fps = GIF_MAX_FPS if self.fmt == "gif" else 120
        if not 1 <= int(fps) <= max_fps:
            raise RecordingError(_tr("{0} frames a second is out of range for {1} (1 to {2})")
                                 .format(fps, self.fmt.upper(), max_fps))
        self.fps = int(fps)
        self.renderer = FrameRenderer(widget, self.size)
        self.frames = 0
        self.done = False
        self._tmp = self._temporary()
        try:
            self._encoder = self._open_encoder(quality)
        except Exception as exc:
            self._remove_temporary()
            raise RecordingError(_tr("cannot record to {0}: {1}").format(str(self.path), _one_line(exc))) from None

    def _temporary(self) -> Path:
        folder = self.path.parent if str(self.path.parent) else Path(".")
        if not folder.is_dir():
            raise RecordingError(_tr("cannot record to {0}: the folder {1} does not exist")
                                 .format(str(self.path), str(folder)))
        if self.fmt == "png-folder" and self.path.exists():
            raise RecordingError(_tr("cannot record to {0}: it already exists").format(str(self.path)))
        suffix = "" if self.fmt == "png-folder" else "." + self.fmt
        fd, name = tempfile.mkstemp(prefix="." + self.path.name + ".", suffix=".part" + suffix, dir=str(folder))
        os.close(fd)
        if self.fmt == "png-folder":
            os.unlink(name)
        return Path(name)

    def _open_encoder(self, quality: str):
        if self.fmt == "mp4":
            return _Video(self._tmp, self.size, self.fps, quality)
        if self.fmt == "gif":
            return _Gif(self._tmp, self.size, self.fps)
        return _Pngs(self._tmp)

    def add_frame(self, repeat: int = 1) -> None:
        """Render the widget as it is now and append it `repeat` times (a hold repeats one picture)."""
        if self.done:
            raise RecordingError(_tr("the recording is already finished"))
        try:
            pixels = self.renderer.render()
            if isinstance(self._encoder, _Pngs):
                self._encoder.add_image(self.renderer.image, repeat)
            else:
                self._encoder.add(pixels, repeat)
            self.frames += repeat
        except Exception as exc:
            self.cancel()
            if isinstance(exc, RecordingError):
                raise
            raise RecordingError(_tr("recording failed: {0}").format(_one_line(exc))) from None

    def estimate_bytes(self, total_frames: int) -> int:
        """The final size if the remaining frames cost what the encoded ones did (0 before any is encoded)."""
        encoder = self._encoder
        if isinstance(encoder, _Pngs):
            done = encoder.count
            written = sum(p.stat().st_size for p in self._tmp.iterdir()) if done else 0
        else:
            done, written = encoder.count, encoder.encoded_bytes
        return 0 if done == 0 else round(written * total_frames / done)

    def size_warning(self, total_frames: int) -> str | None:
        """A line to show when a GIF will pass 10 MB (GIFs that big load slowly in slides and pages)."""
        if self.fmt != "gif":
            return None
        estimate = self.estimate_bytes(total_frames)
        if estimate <= GIF_WARN_BYTES:
            return None
        return _tr("This GIF will be about {0} MB; an MP4 of the same frames is far smaller.").format(
            round(estimate / 1e6))

    def finish(self) -> Path:
        """Close the encoder and move the recording to its place; returns the path."""
        if self.done:
            raise RecordingError(_tr("the recording is already finished"))
        self.done = True
        try:
            self._encoder.close()
            if self.fmt == "png-folder":
                os.rename(self._tmp, self.path)
            else:
                os.replace(self._tmp, self.path)
        except Exception as exc:
            self._remove_temporary()
            raise RecordingError(_tr("cannot write {0}: {1}").format(str(self.path), _one_line(exc))) from None
        return self.path

    def cancel(self) -> None:
        """Stop and remove everything written so far."""
        if self.done:
            return
        self.done = True
        try:
            self._encoder.close(flush=False)
        except Exception:  # noqa: BLE001 - the file goes anyway
            pass
        self._remove_temporary()

    def _remove_temporary(self) -> None:
        if self._tmp.is_dir():
            shutil.rmtree(self._tmp, ignore_errors=True)
        else:
            try:
                self._tmp.unlink()
            except OSError:
                pass


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# ----- recording a run ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecordResult:
    """What record_run made: the file (None when cancelled), frames written and steps taken."""

    path: Path | None
    frames: int
    steps: int
    warning: str | None = None


def record_run(widget: QWidget, controller, path: str | os.PathLike, steps: int, steps_per_frame: int = 1,
               hold_seconds: float = 0.0, size: tuple[int, int] = (1280, 720), fps: int = 30, fmt: str | None = None,
               quality: str = "medium", progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None, first_frame: bool = False) -> RecordResult:
    """Record `steps` steps of the controller's run (or race): one frame per tick of `steps_per_frame` steps
    (the last tick takes what is left), so ⌈steps/steps_per_frame⌉ frames, then `hold_seconds` of the last
    picture. With `first_frame` the picture before the first step opens the video (one more frame).

    `progress(frames_done, frames_total)` is called after each frame; `cancel()` is polled before each
    frame and a True stops and removes the file (the result's path is then None)."""
    if steps < 0 or steps_per_frame < 1:
        raise RecordingError(_tr("steps must be 0 or more and steps per frame 1 or more"))
    controller.pause()
    recorder = Recorder(widget, path, size, fps, fmt, quality)
    ticks = math.ceil(steps / steps_per_frame)
    total = ticks + hold_frames(hold_seconds, fps) + int(first_frame)
    start = controller.step
    warning = None
    try:
        if first_frame:
            controller.refresh()
            recorder.add_frame()
            _report(progress, recorder.frames, total)
        left = steps
        for _ in range(ticks):
            if cancel is not None and cancel():
                recorder.cancel()
                return RecordResult(None, recorder.frames, controller.step - start)
            take = min(steps_per_frame, left)
            controller.step_forward(take)
            left -= take
            recorder.add_frame()
            _report(progress, recorder.frames, total)
            if warning is None and recorder.frames >= 10:
                warning = recorder.size_warning(total)
        hold = hold_frames(hold_seconds, fps)
        if hold and not (cancel is not None and cancel()):
            recorder.add_frame(repeat=hold)
            _report(progress, recorder.frames, total)
        elif hold:
            recorder.cancel()
            return RecordResult(None, recorder.frames, controller.step - start)
        return RecordResult(recorder.finish(), recorder.frames, controller.step - start, warning)
    except BaseException:
        recorder.cancel()
        raise


def _report(progress: Callable[[int, int], None] | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


class LiveRecording:
    """Recording while the teacher presents (File > Record, R): one frame for each picture the controller
    emits (every tick while playing, every step by hand), none while nothing changes."""

    def __init__(self, widget: QWidget, controller, recorder: Recorder) -> None:
        self.recorder = recorder
        self.controller = controller
        self.warning: str | None = None
        # race_snapshots is emitted last in each update, after every view has its snapshot
        controller.race_snapshots.connect(self._frame)
        self.recorder.add_frame()

    def _frame(self, _items=None) -> None:
        if self.recorder.done:
            return
        try:
            self.recorder.add_frame()
        except RecordingError as exc:
            self._disconnect()
            self.controller.pause()
            self.controller.error.emit(str(exc))
            return
        if self.warning is None and self.recorder.frames % 30 == 0:
            self.warning = self.recorder.size_warning(self.recorder.frames * 2)

    def _disconnect(self) -> None:
        try:
            self.controller.race_snapshots.disconnect(self._frame)
        except (RuntimeError, TypeError):
            pass

    def stop(self) -> Path:
        """Finish: the file is written and its path returned."""
        self._disconnect()
        return self.recorder.finish()

    def cancel(self) -> None:
        """Stop and leave no file."""
        self._disconnect()
        self.recorder.cancel()


__all__ = ["FORMATS", "PRESETS", "QUALITIES", "GIF_MAX_FPS", "GIF_WARN_BYTES", "RecordingError", "Recorder",
           "FrameRenderer", "RecordResult", "record_run", "LiveRecording", "frames_for", "hold_frames",
           "check_size", "format_of", "image_array"]
