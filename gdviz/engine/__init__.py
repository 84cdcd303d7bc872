"""The descent engine: pure numpy, no Qt (a test checks)."""
from . import losses
from .datasets import BUILTIN, DataError, Dataset, builtin, load_csv
from .objective import DataObjective, Sums
from .persample import Cancelled, SampleObjective
from .race import PRESETS, Race, RaceEntry, RacePreset
from .run import OPTIMUM_BEST, OPTIMUM_CLOSED, OPTIMUM_MINIMUM, Run, load_dataset
from .tutorials import TUTORIALS, TutorialPreset
from .types import (Activation, BatchMode, ClipMode, LiveSettings, LossKind, ModelKind, Reduction, RunConfig,
                    SampleOrder, Schedule, Snapshot, Status, Update, UpdateRule)

__all__ = ["BUILTIN", "DataError", "Dataset", "builtin", "load_csv", "DataObjective", "Sums", "PRESETS",
           "Race", "RaceEntry", "RacePreset", "Run", "load_dataset", "BatchMode", "ClipMode", "LiveSettings",
           "ModelKind", "Reduction", "RunConfig", "Schedule", "Snapshot", "Status", "Update", "UpdateRule",
           "Activation", "Cancelled", "LossKind", "SampleObjective", "SampleOrder", "TUTORIALS", "TutorialPreset",
           "OPTIMUM_BEST", "OPTIMUM_CLOSED", "OPTIMUM_MINIMUM", "losses"]
