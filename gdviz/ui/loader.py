"""Import a CSV file off the GUI thread, with a progress bar and Cancel; the window keeps animating."""
from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QObject, QThread, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..engine import DataError, Dataset
from ..engine.datasets import load_csv


class _Worker(QObject):
    """Runs load_csv on the loading thread; reports through signals (queued to the GUI thread)."""

    progress = Signal(float)
    loaded = Signal(object)  # Dataset
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, path: str, options: dict, stop: threading.Event) -> None:
        super().__init__()
        self.path, self.options, self.stop = path, options, stop

    def run(self) -> None:
        """Read the file; every outcome ends in exactly one of loaded, failed or cancelled."""
        try:
            data = load_csv(self.path, cancel=self.stop.is_set, progress=self.progress.emit, **self.options)
        except MemoryError:
            self.failed.emit(self.tr("{0}: not enough memory to read this file").format(self.path))
        except DataError as exc:
            (self.cancelled.emit() if self.stop.is_set() else self.failed.emit(str(exc).splitlines()[0]))
        except (OSError, ValueError, UnicodeError) as exc:
            self.failed.emit("{0}: {1}".format(self.path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        else:
            self.loaded.emit(data)


class CsvImport(QObject):
    """One import: a thread, a progress dialog shown after half a second, and Cancel.

    `done(dataset)` runs on the GUI thread when the file is read; `error(text)` when it is not.
    Nothing changes in the window until `done` runs."""

    finished = Signal()

    def __init__(self, path: str, options: dict, done: Callable[[Dataset], None],
                 error: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread = QThread(self)
        self._worker = _Worker(path, options, self._stop)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._dialog = QProgressDialog(self.tr("Reading {0}…").format(path), self.tr("Cancel"), 0, 1000, parent)
        self._dialog.setWindowTitle(self.tr("Import CSV"))
        self._dialog.setMinimumDuration(500)
        self._dialog.setWindowModality(Qt.WindowModal)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.canceled.connect(self.cancel)
        self._done, self._error = done, error
        # bound methods of this object (which lives on the GUI thread): the calls are queued there
        self._worker.progress.connect(self._on_progress)
        self._worker.loaded.connect(self._on_loaded)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)

    def start(self) -> None:
        """Begin reading."""
        self._thread.start()

    def cancel(self) -> None:
        """Stop reading at the next block; the window keeps its data."""
        self._stop.set()

    def wait(self, ms: int = 30000) -> bool:
        """Block until the thread ends (tests, closing the window)."""
        return self._thread.wait(ms)

    def _on_progress(self, fraction: float) -> None:
        self._dialog.setValue(int(1000 * min(1.0, max(0.0, fraction))))

    def _on_loaded(self, data) -> None:
        self._end(lambda: self._done(data))

    def _on_failed(self, text: str) -> None:
        self._end(lambda: self._error(text))

    def _on_cancelled(self) -> None:
        self._end(lambda: None)

    def _end(self, then: Callable[[], None]) -> None:
        self._thread.quit()
        self._thread.wait()
        self._dialog.reset()
        self._dialog.hide()
        then()
        self.finished.emit()
