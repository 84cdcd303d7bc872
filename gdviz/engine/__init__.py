"""The descent engine: pure numpy, no Qt (a test checks)."""
from .datasets import BUILTIN, DataError, Dataset, builtin, load_csv
from .objective import DataObjective, Sums
from .race import PRESETS, Race, RaceEntry, RacePreset
from .run import Run, load_dataset
from .types import (BatchMode, ClipMode, LiveSettings, ModelKind, Reduction, RunConfig, Schedule, Snapshot,
                    Status, Update, UpdateRule)

__all__ = ["BUILTIN", "DataError", "Dataset", "builtin", "load_csv", "DataObjective", "Sums", "PRESETS",
           "Race", "RaceEntry", "RacePreset", "Run", "load_dataset", "BatchMode", "ClipMode", "LiveSettings",
           "ModelKind", "Reduction", "RunConfig", "Schedule", "Snapshot", "Status", "Update", "UpdateRule"]
