"""`python -m gdviz`: the same as `python main.py`."""
import sys

from gdviz.cli import main

if __name__ == "__main__":
    sys.exit(main())
