"""Start gdviz: `python main.py` opens the window, `python main.py run --help` shows the command line."""
import sys

from gdviz.cli import main

if __name__ == "__main__":
    sys.exit(main())
