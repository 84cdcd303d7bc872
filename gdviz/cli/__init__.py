"""The command line: `gdviz` opens the window, `gdviz run` descends headless, `gdviz race` races runs.

One module per command (gui, run, race), each a `Command`: how to add its parser and what to do
with the flags. `options` turns flags into a run (shared with the window), `unused` is the rule
for flags that would change nothing, `report` and `text` write results as JSON and as text.
"""
from .base import CliError
from .entry import main, make_parser
from .options import build_config, build_live, build_run, checked_run
from .race import build_race
from .report import result_dict
from .text import race_table, summary

__all__ = ["CliError", "build_config", "build_live", "build_race", "build_run", "checked_run", "main", "make_parser",
           "race_table", "result_dict", "summary"]
