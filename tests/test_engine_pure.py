"""The engine is pure numpy: importing it must not pull in any Qt binding or pyqtgraph."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GUI_PREFIXES = ("PySide6", "shiboken6", "pyqtgraph", "PyQt")

PROBE = f"""
import sys
import gdviz.engine
import gdviz.engine.slice_process
from gdviz.engine import Run, RunConfig
Run(RunConfig()).advance(10)
bad = sorted(m for m in sys.modules if m.startswith({GUI_PREFIXES!r}))
print("\\n".join(bad))
"""


def test_importing_and_running_engine_loads_no_qt() -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"the engine imported GUI modules: {done.stdout.split()}"
