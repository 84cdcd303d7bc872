"""gdviz: an animated gradient-descent visualiser for teaching."""
import os

# numpy's BLAS runs one thread unless told otherwise. gdviz's arrays are small or summed once, and
# handing a dot product to a second thread costs more than it saves on the 2-core machines gdviz is
# measured on (the surface's sums at N = 1e6: 1.9 ms on one thread, 6.3 ms on two while the GUI
# thread runs); it also leaves the GUI thread a core. Set before numpy is first imported.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

__version__ = "0.1.0"
