"""Issue 13: the refusals of the CSV reader and the session and lesson readers are Chinese in Chinese mode,
in the window's banner and on the command line, with their line, column, value, file and place kept."""
from __future__ import annotations

import json
import re

import pytest

from gdviz import texts
from gdviz.engine import RunConfig
from gdviz.ui import i18n

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_template_filled_in_is_read_back_as_itself():
    tags = {t: "#{0} ".format(i) + " ".join("{%d}" % n for n in sorted(set(map(int, re.findall(r"\{(\d+)", t)))))
            for i, t in enumerate(texts.strings())}
    reasons = set(texts.listed()[texts.REASONS])
    seen = set()
    for template in texts.templates():
        if template.pattern.pattern in seen:
            continue  # "got {0!r}" and "got {0:g}": one text, read as the first
        seen.add(template.pattern.pattern)
        values = ["v{0}".format(n) for n in range(max(template.parts) + 1)]
        if template.text in reasons:
            values[0] = "f.gdviz: a.b"
        for i in template.needs:  # ", got {1}" after a message, "{0}: {1}" a message after a place
            values[template.parts[i]] = "no CSV file given"
        filled = texts.PLACEHOLDER.sub(lambda m: values[int(m.group(1))], template.text)
        want = tags[template.text].format(*values).replace("no CSV file given", "#NOCSV")
        got = texts.translated(filled, lambda t: "#NOCSV" if t == "no CSV file given" else tags.get(t, t)
                               if "{" in t else t)
        assert got == want, template.text


def test_the_places_names_and_values_are_kept_and_each_part_is_translated(chinese):
    assert i18n.engine_text("b.gdviz: runners[0].step must be from 0 to 5, got 'x, y'") == \
        "b.gdviz: runners[0].step 必须在 0 到 5 之间，实际为 'x, y'"
    assert i18n.engine_text("b.gdviz: config: cannot start a run: diverged at step 3: the loss exploded — lower "
                            "the learning rate") == "b.gdviz: config：无法开始运行：第 3 步发散：损失爆炸——请减小学习率"
    assert i18n.engine_text("house.csv, line 2: empty value in column 'house'") == \
        "house.csv，第 2 行：列 'house' 的值是空的"  # a column named like a data set stays a name
    assert i18n.engine_text("momentum must be in [0, 1), got 1") == "momentum must be in [0, 1), got 1"  # not a listed text


@pytest.fixture
def chinese_window(chinese, window):
    return window


def test_a_malformed_csv_is_a_chinese_banner_naming_line_and_column(chinese_window, qtbot, tmp_path):
    window = chinese_window
    path = tmp_path / "成绩.csv"
    path.write_text("x,y\n1,2\n2,abc\n3,4\n", encoding="utf-8")
    old = window.controller.run
    window.import_csv(RunConfig(csv_path=str(path)))
    qtbot.waitUntil(lambda: window._import is None, timeout=10000)
    assert window.controller.run is old
    assert window.banner.text() == "⚠ 成绩.csv，第 3 行，列 'y'：'abc' 不是有限的数"


@pytest.mark.parametrize("content, words", [
    ("[1 2]", "bad.gdviz：文件在第 1 行、第 4 列不是有效的 JSON（此处应当是分隔符 ','）"),
    ("{\"format\": ", "bad.gdviz：文件提前结束了（文件不完整？）"),
    (json.dumps({"format": "gdviz-session", "version": 99}), "由较新的 gdviz 保存（版本 99）；这个 gdviz 只能读取版本 1"),
    (json.dumps({"format": "gdviz-session", "version": "1"}), "bad.gdviz: version 必须是整数，实际为 '1'"),
])
def test_a_bad_session_is_a_chinese_line_and_the_run_stays(chinese_window, tmp_path, content, words):
    window = chinese_window
    path = tmp_path / "bad.gdviz"
    path.write_text(content, encoding="utf-8")
    window.controller.step_forward(3)
    old = window.controller.run
    assert not window.open_session(str(path))
    assert window.controller.run is old and old.step == 3
    text = window.banner.text()
    assert words in text and "bad.gdviz" in text and "\n" not in text
    assert not re.search(r"\b(must|is|the|file|made)\b", text), text


def test_a_bad_lesson_is_a_chinese_line(chinese_window, tmp_path):
    path = tmp_path / "课.json"
    path.write_text(json.dumps({"format": "gdviz-lesson", "version": 1, "title": {"en": "t"},
                                "scenes": [{"caption": {"en": {"title": "x"}}}]}), encoding="utf-8")
    assert not chinese_window.open_lesson(str(path))
    assert chinese_window.banner.text() == "⚠ 课.json: scenes[0].state 缺失：第一幕必须设定状态"


def test_engine_refusals_settings_json_reasons_and_csv_words(chinese):
    t = i18n.engine_text
    assert t("batch size must be a whole number from 1 to 1e9, got 0") == "批量大小必须是 1 到 1e9 之间的整数，实际为 0"
    assert t("b.gdviz: config: cannot start a run: seed must be a whole number from 0 to 4294967295, got -1") == \
        "b.gdviz: config：无法开始运行：随机种子必须是 0 到 4294967295 之间的整数，实际为 -1"
    assert t("l.json: scenes[0].state.live is refused: decay steps must be a whole number from 1 to 1e9, got 0") == \
        "l.json: scenes[0].state.live 被拒绝：衰减步数 T 必须是 1 到 1e9 之间的整数，实际为 0"
    assert t("validation x values near 1e+200 overflow the squared sums; rescale x or use Standardise x") == \
        "验证集 x 的值在 1e+200 左右，平方和会溢出；请缩放 x，或使用标准化 x"
    # Python's JSON reasons in brackets; no stray space where a translated part meets Chinese
    assert t("b.gdviz: the file is not valid JSON at line 3, column 2 (Expecting property name enclosed in double "
             "quotes)") == "b.gdviz：文件在第 3 行、第 2 列不是有效的 JSON（此处应当是用双引号括起来的属性名）"
    assert t("b.gdviz: the file is not valid JSON at line 1, column 9 (Invalid \\escape: 'q')") == \
        "b.gdviz：文件在第 1 行、第 9 列不是有效的 JSON（无效的 \\ 转义：'q'）"
    # the delimiter names are words; a column named like one is a name and stays
    assert t("delimiter semicolon (guessed)") == "分隔符为分号（自动推测）"
    assert t("Excel's 'sep=' line skipped; delimiter tab") == "已跳过 Excel 的 'sep=' 行；分隔符为制表符"
    assert t("house.csv, line 2: empty value in column 'tab'") == "house.csv，第 2 行：列 'tab' 的值是空的"
    # "momentum" the runner is 动量法; the setting β is 动量 β
    assert t("momentum") == "动量法"
    # "{0}: {1}" reads only a message after a place: anything else stays as it is
    assert t("a.gdviz: where: no such thing") == "a.gdviz: where: no such thing"


def test_english_engine_texts_are_untouched(qapp):
    assert i18n.engine_text("momentum must be in [0, 1) (0 or more and below 1), got 2") == \
        "momentum must be in [0, 1) (0 or more and below 1), got 2"


def test_a_session_with_a_bad_learning_rate_is_a_fully_chinese_banner(chinese_window, tmp_path):
    from gdviz import session as S
    from gdviz.engine import Run
    doc = S.to_json(S.capture(Run()))
    doc["runners"][0]["live"]["learning_rate"] = -1
    path = tmp_path / "课堂.gdviz"
    path.write_text(json.dumps(doc), encoding="utf-8")
    old = chinese_window.controller.run
    assert not chinese_window.open_session(str(path))
    assert chinese_window.controller.run is old
    assert chinese_window.banner.text() == "⚠ 课堂.gdviz: runners[0].live：学习率必须是有限的正数，实际为 -1"
