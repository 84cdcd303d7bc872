"""The Chinese translation is complete, keeps placeholders and markup, and every visible text of
the real window changes in Chinese mode; switching language is remembered and sends LanguageChange."""
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit,
                               QWidget)

from gdviz.ui import i18n
from gdviz.ui.equation_panel import RichText

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "gdviz_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# Words that stay as they are in Chinese: names, file types, key names and function names in formulas.
KEEP_WORDS = {"Adam", "AdaGrad", "RMSProp", "Nesterov", "ReLU", "Huber", "Rosenbrock", "Himmelblau", "sigmoid",
              "CSV", "PNG", "SVG", "MP4", "GIF", "FFT", "gdviz", "UTF", "GB", "GBK", "BOM", "Ctrl", "Shift", "PgUp",
              "PgDn", "Home", "Esc", "Escape", "Space", "sign", "max", "sin", "huber", "RM", "MEDV", "tol", "std",
              "dy", "dx"}
ALLOWED = {"η", "«", "»", "x", "y", "ŷ = w·x + b", "ε", "γ", "T", "c", "≈0"}


def messages():
    root = ET.parse(TS).getroot()
    for ctx in root.findall("context"):
        for m in ctx.findall("message"):
            yield ctx.findtext("name"), m.findtext("source"), m.find("translation")


def is_words(text: str) -> bool:
    """Whether a text has English words a reader would expect in Chinese (not names or symbols)."""
    plain = PLACEHOLDER.sub(" ", TAG.sub(" ", text))
    if plain.strip() in ALLOWED:
        return False
    words = re.findall(r"[A-Za-z]{2,}", plain)
    return any(w not in KEEP_WORDS and not re.fullmatch(r"F\d+", w) for w in words)


# ----- the .ts file ---------------------------------------------------------------------------
def test_ts_has_no_unfinished_or_empty_translation():
    bad = [(c, s) for c, s, t in messages() if t is None or t.get("type") in ("unfinished", "obsolete", "vanished")
           or not (t.text or "").strip()]
    assert bad == []
    assert len(list(messages())) > 500


def test_placeholders_markup_and_accelerators_are_kept():
    for context, source, translation in messages():
        text = translation.text
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (context, source)
        assert sorted(TAG.findall(source)) == sorted(TAG.findall(text)), (context, source)
        assert source.count("&") == text.count("&"), (context, source)
        assert source.count("\n") == text.count("\n"), (context, source)


def test_every_word_is_translated():
    same = [(c, s) for c, s, t in messages() if t.text == s and is_words(s)]
    assert same == []


def test_teacher_vocabulary():
    tr = {s: t.text for _c, s, t in messages()}
    assert tr["Learning rate η"] == "学习率 η"
    assert tr["mean squared error"] == "均方误差"
    assert tr["mini-batch"] == "小批量"
    assert tr["converged at step {0}"] == "第 {0} 步收敛"
    assert "发散" in tr["diverged at step {0}: {1}"]
    assert tr["Standardise x"] == "标准化 x"


def test_generated_source_lists_are_up_to_date():
    spec = importlib.util.spec_from_file_location("make_sources", ROOT / "resources" / "i18n" / "make_sources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path, text in module.outputs().items():
        assert path.read_text(encoding="utf-8") == text, "run make translations: {0} is stale".format(path.name)
    run_source = (ROOT / "gdviz" / "engine" / "run.py").read_text(encoding="utf-8")
    for template in module.STATUS_TEMPLATES:
        assert '"{0}"'.format(template) in run_source, template


def test_the_ts_holds_every_text_of_the_sources(tmp_path):
    # a tr() text added to the code but not yet in the .ts shows in English: lupdate on a copy adds nothing
    import shutil
    import subprocess
    import sys
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = ["gdviz"] + ["resources/i18n/{0}.py".format(n) for n in ("engine_strings", "key_strings",
                                                                       "pyqtgraph_strings")]
    subprocess.run([str(lupdate), "-extensions", "py", "-locations", "none", "-no-obsolete", *sources,
                    "-ts", str(copy)], cwd=ROOT, check=True, capture_output=True)
    assert copy.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8"), "run make translations"


def test_translator_files_are_shipped_and_load():
    from gdviz.resources import resource_path
    assert resource_path("i18n/gdviz_zh_CN.qm").stat().st_size > 10_000


# ----- installing and switching (the `chinese` fixture is in conftest.py) ------------------------

def test_install_translates_gdviz_qt_and_pyqtgraph(chinese):
    t = QCoreApplication.translate
    assert t("MainWindow", "&File") == "文件(&F)"
    assert t("ViewBox", "View All") == "显示全部"
    assert t("QPlatformTheme", "Cancel") == "取消"  # Qt's own qtbase_zh_CN.qm
    assert i18n.current_language() == "zh_CN"


def test_engine_texts_and_filled_in_templates(chinese):
    assert i18n.engine_text("diverged at step 12: the loss exploded — lower the learning rate") == \
        "第 12 步发散：损失爆炸——请减小学习率"
    assert i18n.engine_text("converged at step 1,733") == "第 1,733 步收敛"
    assert i18n.engine_text("house") == "房价"
    assert i18n.engine_text("some file name") == "some file name"


def test_english_is_untouched(qapp):
    i18n.install(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert i18n.engine_text("converged at step 3") == "converged at step 3"


def test_first_start_follows_the_system_then_the_remembered_choice(qapp, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    try:
        assert i18n.install(qapp) == "zh_CN"  # nothing remembered yet
        assert i18n.set_language(qapp, "en") == "en"
        assert QSettings().value(i18n.SETTINGS_KEY, "", type=str) == "en"
        assert i18n.install(qapp) == "en"  # the remembered choice wins over the system
    finally:
        i18n.remove(qapp)
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.set_language(qapp, "fr")


def test_switching_sends_language_change(qapp, qtbot):
    class Listener(QWidget):
        changes = 0

        def changeEvent(self, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.LanguageChange:
                type(self).changes += 1
            super().changeEvent(event)

    widget = Listener()
    qtbot.addWidget(widget)
    try:
        i18n.set_language(qapp, "zh_CN")
        qtbot.waitUntil(lambda: Listener.changes > 0)
    finally:
        i18n.set_language(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_a_cjk_font_follows_the_app_font_in_chinese(chinese):
    family = i18n.cjk_family()
    if family is None:
        pytest.skip("no CJK font installed (Debian: {0})".format(i18n.CJK_PACKAGE))
    assert QApplication.font().families()[-1] == family


# ----- the real window -----------------------------------------------------------------------------
def texts(window) -> dict[tuple, str]:
    """Every user-visible text of the window by a path that is the same in every language."""
    found: dict[tuple, str] = {("title",): window.windowTitle()}

    def walk(widget, path):
        counts: dict[str, int] = {}
        for child in widget.children():
            if not isinstance(child, QWidget):
                continue
            kind = type(child).__name__
            counts[kind] = counts.get(kind, 0) + 1
            here = path + ((kind, counts[kind]),)
            if isinstance(child, (QLabel, RichText)) and child.property("role") != "key":  # key names stay as typed
                found[here + ("text",)] = child.text()
            if isinstance(child, QAbstractButton):
                found[here + ("text",)] = child.text()
            if isinstance(child, QGroupBox):
                found[here + ("title",)] = child.title()
            if isinstance(child, QDockWidget):
                found[here + ("title",)] = child.windowTitle()
            if isinstance(child, QLineEdit):
                found[here + ("placeholder",)] = child.placeholderText()
            if isinstance(child, QComboBox):
                for i in range(child.count()):
                    found[here + ("item", i)] = child.itemText(i)
            if child.toolTip():
                found[here + ("tooltip",)] = child.toolTip()
            walk(child, here)

    walk(window, ())
    for i, menu_action in enumerate(window.menuBar().actions()):
        found[("menu", i)] = menu_action.text()
        for j, action in enumerate(menu_action.menu().actions() if menu_action.menu() else ()):
            found[("menu", i, j)] = action.text()
    for i, (keys, what) in enumerate(__import__("gdviz.ui.main_window", fromlist=["key_rows"]).key_rows()):
        found[("keys", i)] = what
    for view in (window.data_view, window.loss_view, window.surface, window.curve, window.sections):
        plots = [p for p in [view, *view.findChildren(QWidget)] if hasattr(p, "title") and hasattr(p, "legend")]
        for k, plot in enumerate(plots):
            name = (view.objectName(), k)
            found[name + ("plot title",)] = plot.title
            item = plot.getPlotItem()
            for side in ("bottom", "left"):
                found[name + (side,)] = getattr(item.getAxis(side), "_text", "")
            for n, (_sample, label) in enumerate(plot.legend.items):
                found[name + ("legend", n)] = label.text
    return found


def open_window(qtbot):
    from gdviz.ui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1600, 950)
    w.show()
    qtbot.waitExposed(w)
    return w


def close_window(w) -> None:
    w.controller.pause()
    w.close()


def test_no_visible_text_stays_english_in_chinese_mode(qapp, qtbot):
    english_window = open_window(qtbot)
    english = texts(english_window)
    close_window(english_window)
    i18n.install(qapp, "zh_CN")
    try:
        chinese_window = open_window(qtbot)
        chinese = texts(chinese_window)
        close_window(chinese_window)
    finally:
        i18n.remove(qapp)
    shared = [k for k in english if k in chinese]
    assert len(shared) > 0.9 * len(english) > 300  # the two trees line up
    same = sorted((str(k), english[k]) for k in shared if english[k] == chinese[k] and is_words(english[k]))
    assert same == []
    assert any(k[0] == "keys" for k in shared) and any("legend" in k for k in shared)
