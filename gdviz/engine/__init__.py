"""The descent engine: pure numpy, no Qt (a test checks)."""
from .datasets import BUILTIN, DataError, Dataset, builtin, load_csv
from .objective import DataObjective, Sums
from .run import Run, load_dataset
from .types import (BatchMode, LiveSettings, ModelKind, Reduction, RunConfig, Snapshot, Status,
                    Update, UpdateRule)

__all__ = ["BUILTIN", "DataError", "Dataset", "builtin", "load_csv", "DataObjective", "Sums", "Run",
           "load_dataset", "BatchMode", "LiveSettings", "ModelKind", "Reduction", "RunConfig",
           "Snapshot", "Status", "Update", "UpdateRule"]
