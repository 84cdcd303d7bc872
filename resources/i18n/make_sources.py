"""Write the source lists that pyside6-lupdate reads beside gdviz/: texts it cannot find itself.

engine_strings.py: the engine is pure numpy and never calls Qt, so lupdate cannot see its texts;
they are listed as QT_TRANSLATE_NOOP calls in five tuples, in the context "Engine": names and titles
(race presets, runner names, tutorials, functions, data sets), messages (status templates, every
refusal and note of the CSV reader and the session and lesson readers, every refusal of the engine's
settings, runs, races, models and data, collected from their source, and Python's JSON errors),
reasons ("{0} must be a number": read after a place in a file) and suffixes (", got {1}" after a
message); and, in the context "EngineTerms", terms: the words a message is filled in with
("learning rate" in "{0} must be a positive finite number, got {1:g}", "semicolon" in "delimiter {0}
(guessed)"). gdviz.texts matches a filled-in text back to its template, for the window
(gdviz.ui.i18n.engine_text) and the command line (gdviz.cli.lang).
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
# every text with a {0} placeholder, if it has two words in a row ("max(0, {0})" is a formula). Where.fail's own parts come from safejson.
REFUSAL_FILES = ("gdviz/safejson.py", "gdviz/engine/csvread.py", "gdviz/engine/datasets.py", "gdviz/session.py",
                 "gdviz/lesson.py", "gdviz/engine/types.py", "gdviz/engine/run.py", "gdviz/engine/race.py",
                 "gdviz/engine/functions.py", "gdviz/engine/losses.py", "gdviz/engine/models.py",
                 "gdviz/engine/objective.py", "gdviz/engine/persample.py", "gdviz/engine/surface.py",
                 "gdviz/engine/graph.py")
RAISERS = ("DataError", "LoadCancelled", "SessionError", "LessonError", "ValueError", "GraphError")
# a message after a place (`where.fail(": " + str(exc))`): "x.gdviz: runners[0].live: <a message>"
PLACE_JOIN = "{0}: {1}"
# the variables a message is filled in with that hold words ("learning rate", "validation x"): the constants
# passed for a parameter of these names, or bound to a loop variable of these names (see terms())
TERM_VARIABLES = ("label",)
# further words a message is filled in with: the CSV reader's delimiter and encoding names (those with words:
# "comma", "UTF-8 with BOM"; "GB18030" is a code), and the advice objective.py puts after its data refusals
CSVREAD = "gdviz/engine/csvread.py"
CSV_WORD_TABLES = ("DELIMITERS", "ENCODING_NAMES")
ADVICE = ("rescale x or use Standardise x", "rescale y")
# Python's json module's reasons (JSONDecodeError.msg, the C scanner's and the Python one's), shown in
# brackets in safejson's "is not valid JSON at line {0}, column {1} ({2})"
JSON_REASONS = ("Expecting value", "Expecting ',' delimiter", "Expecting ':' delimiter",
                "Expecting property name enclosed in double quotes", "Unterminated string starting at",
                "Invalid control character at", "Invalid control character {0!r} at", "Extra data",
                "Invalid \\escape", "Invalid \\escape: {0!r}", "Invalid \\uXXXX escape",
                "Illegal trailing comma before end of object", "Illegal trailing comma before end of array")
NOT_MESSAGES = ("gdviz {0}", "column {0}")  # the app's version and a column's default name
SUFFIXES = ("{0}, got {1}",)  # safejson.Where.fail: the value found, after any reason
# the operating system's reasons a file cannot be read (OSError.strerror, the same on Linux and macOS)
OS_REASONS = ("No such file or directory", "Permission denied", "Is a directory", "Not a directory")
_PLACEHOLDER = re.compile(r"\{\d+[^{}]*\}")
_WORDS = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")  # two words in a row: a template without them is a formula

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
    texts += [PLACE_JOIN] if reasons else list(OS_REASONS) + list(JSON_REASONS)
    names = set(engine_strings())
    return [t for t in dict.fromkeys(texts) if t not in SUFFIXES and t not in names]


def engine_terms() -> list[str]:
    """The words messages are filled in with (TERM_VARIABLES, CSV_WORD_TABLES, ADVICE), in a stable order."""
    found: list[str] = []
    for name in REFUSAL_FILES:
        found += terms(ROOT / name)
    tree = ast.parse((ROOT / CSVREAD).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in CSV_WORD_TABLES:
            found += [v.value for v in node.value.values if isinstance(v, ast.Constant) and re.search("[a-z]{2}", v.value)]
    return [t for t in dict.fromkeys(found + list(ADVICE)) if re.search(r"[A-Za-z]{2}", t)]


def terms(path: Path) -> list[str]:
    """The constants one file passes for a parameter named in TERM_VARIABLES, or binds to a loop variable
    of such a name (`for label, value in (("momentum", m), ...)`), in source order."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    positions = {f.name: [i for i, a in enumerate(f.args.args) if a.arg in TERM_VARIABLES]
                 for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
    found: list[ast.Constant] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in positions:
            found += [node.args[i] for i in positions[node.func.id] if i < len(node.args)]
            found += [k.value for k in node.keywords if k.arg in TERM_VARIABLES]
        elif isinstance(node, ast.For) and isinstance(node.target, ast.Tuple) and isinstance(node.iter, ast.Tuple):
            slots = [i for i, t in enumerate(node.target.elts) if getattr(t, "id", "") in TERM_VARIABLES]
            found += [item.elts[i] for item in node.iter.elts if isinstance(item, ast.Tuple) for i in slots]
    constants = [n for n in found if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return [n.value for n in sorted(constants, key=lambda n: (n.lineno, n.col_offset))]


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
        elif id(node) not in given and not (_PLACEHOLDER.search(text) and _WORDS.search(text)):
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


def source(tuples: tuple[tuple, ...], context: str, what: str) -> str:
    """The text of one generated source list: a tuple of QT_TRANSLATE_NOOP calls per (name, texts), in
    `context` or in a tuple's own (name, texts, context)."""
    lines = ['"""Generated by make_sources.py (make translations): {0}, for lupdate."""'.format(what),
             "from PySide6.QtCore import QT_TRANSLATE_NOOP"]
    for name, texts, *own in tuples:
        lines += ["", "{0} = (".format(name)]
        lines += ["    QT_TRANSLATE_NOOP(\"{0}\", {1}),".format((own or [context])[0], _quoted(t)) for t in texts]
        lines.append(")")
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, str]:
    """Each generated file and its text."""
    return {HERE / "engine_strings.py": source(
                (("ENGINE_STRINGS", engine_strings()), ("ENGINE_MESSAGES", engine_messages()),
                 ("ENGINE_REASONS", engine_messages(reasons=True)), ("ENGINE_SUFFIXES", list(SUFFIXES)),
                 ("ENGINE_TERMS", engine_terms(), "EngineTerms")),
                "Engine", "the engine's texts"),
            HERE / "key_strings.py": source((("KEY_STRINGS", key_strings()),), "MainWindow", "the keys sheet's texts")}


def _quoted(text: str) -> str:
    """A double-quoted Python literal (lupdate reads only plain double-quoted strings well)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    for path, text in outputs().items():
        path.write_text(text, encoding="utf-8")
