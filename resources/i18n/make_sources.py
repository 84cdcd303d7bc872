"""Write the source lists that pyside6-lupdate reads beside gdviz/: texts it cannot find itself.

engine_strings.py: the engine is pure numpy and never calls Qt, so lupdate cannot see its texts;
they are listed as QT_TRANSLATE_NOOP calls in the context "Engine", in four tuples: names and
titles (race presets, runner names, tutorials, functions, data sets), messages (status templates,
and every refusal and note of the CSV reader and the session and lesson readers, collected from
their source), reasons ("{0} must be a number": read after a place in a file) and suffixes
(", got {1}" after a message). gdviz.texts matches a filled-in text back
to its template, for the window (gdviz.ui.i18n.engine_text) and the command line (gdviz.cli.lang).
key_strings.py: main_window.key_rows() translates through a local alias `t(...)` that lupdate
cannot follow; its texts are read from the source (ast) into the context "MainWindow".
Run by `make translations`; tests/test_i18n.py checks that both files are up to date.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MAIN_WINDOW = ROOT / "gdviz" / "ui" / "main_window.py"

# Files whose refusals (and the CSV reader's notes) are collected: every text given to `fail` (a reason
# read after a place in a file: "{0} " is put before it), to an error class or to `notes.append`, and
# every text with a {0} placeholder, if it has words. Where.fail's own parts come from safejson.
REFUSAL_FILES = ("gdviz/safejson.py", "gdviz/engine/csvread.py", "gdviz/engine/datasets.py", "gdviz/session.py",
                 "gdviz/lesson.py")
RAISERS = ("DataError", "LoadCancelled", "SessionError", "LessonError", "ValueError")
NOT_MESSAGES = ("gdviz {0}", "column {0}")  # the app's version and a column's default name
SUFFIXES = ("{0}, got {1}",)  # safejson.Where.fail: the value found, after any reason
# the operating system's reasons a file cannot be read (OSError.strerror, the same on Linux and macOS)
OS_REASONS = ("No such file or directory", "Permission denied", "Is a directory", "Not a directory")
_PLACEHOLDER = re.compile(r"\{\d+[^{}]*\}")

# The status and hint templates of gdviz/engine/run.py (a test checks each one is still there).
STATUS_TEMPLATES = (
    "diverged at step {0}: f falls without bound (no minimum this way)",
    "diverged at step {0}: {1}",
    "converged at step {0}",
    "stalled: the gradient is 0 here, but this is no minimum",
    "ready",
    "running",
    "the loss exploded — lower the step size",
    "the parameters left ±1e100 — lower the search radius",
    "the parameters left ±1e100 — lower the step size",
    "the loss exploded — lower the learning rate",
    "stalled: the step changes nothing at this step size — try a larger step size",
    "stalled: the step changes nothing at this η — try a larger η",
)


def engine_strings() -> list[str]:
    """The engine's names and titles the window shows, in a stable order, without repeats."""
    from gdviz.engine import PRESETS, TUTORIALS
    from gdviz.engine.datasets import BUILTIN, builtin
    from gdviz.engine.functions import FUNCTIONS

    texts: list[str] = []
    for name in BUILTIN:
        data = builtin(name)
        texts += [data.name, data.x_label, data.y_label, data.preset.note]
    for spec in FUNCTIONS.values():
        texts.append(spec.title)
    for preset in PRESETS.values():
        texts += [preset.title, preset.explanation] + [entry.name for entry in preset.entries]
    for tutorial in TUTORIALS.values():
        texts += [tutorial.title, tutorial.explanation]
    return [t for t in dict.fromkeys(t for t in texts if t and any(c.isalpha() for c in t))
            if t not in STATUS_TEMPLATES]


def engine_messages(reasons: bool = False) -> list[str]:
    """Status lines, the refusals and notes of REFUSAL_FILES in source order and OS_REASONS; or (`reasons`)
    the texts given to `fail`, read after a place in a file."""
    texts = [] if reasons else list(STATUS_TEMPLATES)
    for name in REFUSAL_FILES:
        texts += [text for text, reason in refusals(ROOT / name) if reason == reasons]
    names = set(engine_strings())
    return [t for t in dict.fromkeys(texts + ([] if reasons else list(OS_REASONS))) if t not in SUFFIXES and t not in names]


def refusals(path: Path) -> list[tuple[str, bool]]:
    """The messages written in one file (see REFUSAL_FILES), in source order, each with whether it is a
    reason (given to `fail`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    reasons, given = set(), set()
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", "")
            notes = name == "append" and getattr(node.func.value, "id", "") == "notes"
            literals = {id(n) for n in _literals(node.args[0])}
            if name == "fail":
                reasons |= literals
            elif name in RAISERS or notes:
                given |= literals
    texts = []
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                        and id(n) not in docstrings),
                       key=lambda n: (n.lineno, n.col_offset)):
        text = node.value
        if id(node) in reasons:  # a reason after a place: "must be from {0} to {1}" → "{0} must be from {1} to {2}"
            shifted = re.sub(r"\{(\d+)", lambda m: "{" + str(int(m.group(1)) + 1), text)
            text = "{0}" + ("" if text.startswith(":") else " ") + shifted
        elif id(node) not in given and not _PLACEHOLDER.search(text):
            continue
        if re.search(r"[A-Za-z]{2}", text) and " " in text and text not in NOT_MESSAGES:
            texts.append((text, id(node) in reasons))
    return texts


def _literals(node: ast.AST) -> list[ast.Constant]:
    """The string literals a message argument is made of: "…", "…".format(…) or a if c else b."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _literals(node.func.value)
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def key_strings(path: Path = MAIN_WINDOW) -> list[str]:
    """The texts key_rows() passes to a one-letter alias of translate (none once it calls tr itself)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef) and func.name == "key_rows":
            found += [call.args[0].value for call in ast.walk(func)
                      if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "t"
                      and call.args and isinstance(call.args[0], ast.Constant)]
    return list(dict.fromkeys(found))


def source(tuples: tuple[tuple[str, list[str]], ...], context: str, what: str) -> str:
    """The text of one generated source list: a tuple of QT_TRANSLATE_NOOP calls per (name, texts)."""
    lines = ['"""Generated by make_sources.py (make translations): {0}, for lupdate."""'.format(what),
             "from PySide6.QtCore import QT_TRANSLATE_NOOP"]
    for name, texts in tuples:
        lines += ["", "{0} = (".format(name)]
        lines += ["    QT_TRANSLATE_NOOP(\"{0}\", {1}),".format(context, _quoted(t)) for t in texts]
        lines.append(")")
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, str]:
    """Each generated file and its text."""
    return {HERE / "engine_strings.py": source(
                (("ENGINE_STRINGS", engine_strings()), ("ENGINE_MESSAGES", engine_messages()),
                 ("ENGINE_REASONS", engine_messages(reasons=True)), ("ENGINE_SUFFIXES", list(SUFFIXES))),
                "Engine", "the engine's texts"),
            HERE / "key_strings.py": source((("KEY_STRINGS", key_strings()),), "MainWindow", "the keys sheet's texts")}


def _quoted(text: str) -> str:
    """A double-quoted Python literal (lupdate reads only plain double-quoted strings well)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    for path, text in outputs().items():
        path.write_text(text, encoding="utf-8")
