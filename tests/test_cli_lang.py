"""The command line in two languages: English by default (also with LANG=C), 简体中文 with --lang zh_CN
(before or after the command) or a Chinese locale; JSON output is the same in both."""
import argparse
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gdviz.cli import lang, main, make_parser

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "gdviz_zh_CN.ts"
HAN = re.compile(r"[\u4e00-\u9fff]")
PERCENT = re.compile(r"%\(\w+\)[sr]|%[sr]")


def gdviz(*argv: str, **env: str) -> subprocess.CompletedProcess:
    """`python -m gdviz ARGV` with a clean locale (LANG=C unless given) and no display."""
    base = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    base.update({"QT_QPA_PLATFORM": "offscreen", "LANG": "C", **env})
    return subprocess.run([sys.executable, "-m", "gdviz", *argv], capture_output=True, text=True, encoding="utf-8",
                          env=base, cwd=ROOT, timeout=120)


@pytest.fixture(autouse=True)
def english_after():
    """Every test leaves the process in English (main installs the language of its argv)."""
    yield
    lang.install("en")


def run_parser() -> argparse.ArgumentParser:
    """The `run` subcommand's parser."""
    sub = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices["run"]


def flags(help_text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", help_text))


# ----- choosing the language -------------------------------------------------------------------
@pytest.mark.parametrize("argv, env, expected", [
    ([], {"LANG": "C"}, "en"),
    ([], {}, "en"),
    ([], {"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ([], {"LANG": "zh_TW.UTF-8"}, "zh_CN"),
    ([], {"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL wins
    ([], {"LANG": "C", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),
    (["--lang", "en"], {"LANG": "zh_CN.UTF-8"}, "en"),
    (["run", "--lang=zh_CN", "--steps", "3"], {"LANG": "C"}, "zh_CN"),
    (["--lang", "zh_CN", "run", "--lang", "en"], {}, "en"),  # the last one, as argparse reads it
    (["--lang", "fr"], {"LANG": "zh_CN.UTF-8"}, "en"),  # argparse refuses it, in English
    (["run", "--", "--lang", "zh_CN"], {}, "en"),
])
def test_the_language_is_the_flag_else_the_locale(argv, env, expected):
    assert lang.choose(argv, env) == expected


def test_english_needs_no_translator_and_unknown_texts_stay():
    assert lang.install("en") == "en"
    assert lang.translate("Cli", "learning rate {0}") == "learning rate {0}"
    assert lang.install("zh_CN") == "zh_CN"
    assert lang.translate("Cli", "learning rate {0}").format(0.1) == "学习率 0.1"
    assert lang.translate("Cli", "no such text here") == "no such text here"
    assert lang.engine_text("converged at step 1,733") == "第 1,733 步收敛"
    assert lang.engine_text("my_file.csv") == "my_file.csv"


def test_argparse_words_are_swapped_only_inside_the_block():
    lang.install("zh_CN")
    english = argparse._("usage: ")
    with lang.argparse_words():
        assert argparse._("usage: ") == "用法："
        assert argparse.ngettext("expected %s argument", "expected %s arguments", 2) == "需要 %s 个值"
    assert argparse._("usage: ") == english == "usage: "


def test_wrap_counts_chinese_as_two_columns():
    lines = lang.wrap("学习率，> 0（house 1e-5，beans 0.1，linear 0.1）" * 3, 30)
    assert all(lang.width(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == ("学习率，> 0（house 1e-5，beans 0.1，linear 0.1）" * 3).replace(" ", "")
    assert not any(line.startswith(("，", "：", "）")) for line in lines)


# ----- the .ts entries of the command line ------------------------------------------------------
def test_argparse_placeholders_are_kept():
    root = ET.parse(TS).getroot()
    entries = [(m.findtext("source"), m.findtext("translation")) for ctx in root.findall("context")
               if ctx.findtext("name") in ("Cli", "argparse") for m in ctx.findall("message")]
    assert len(entries) > 250
    for source, translation in entries:
        assert sorted(PERCENT.findall(source)) == sorted(PERCENT.findall(translation)), source
        assert sorted(re.findall(r"--[a-z][a-z0-9-]*", source)) == sorted(re.findall(r"--[a-z][a-z0-9-]*",
                                                                                      translation)), source


def test_example_command_lines_are_kept_in_chinese_help():
    english, chinese = gdviz("run", "--help"), gdviz("--lang", "zh_CN", "run", "--help")
    commands = [line.strip() for line in english.stdout.splitlines() if line.strip().startswith("gdviz run ")]
    assert len(commands) > 10
    assert all(c in chinese.stdout for c in commands)


# ----- the command line in each language ----------------------------------------------------------
def test_chinese_help_lists_every_flag():
    for before in (True, False):
        argv = ["--lang", "zh_CN", "run", "--help"] if before else ["run", "--help", "--lang", "zh_CN"]
        done = gdviz(*argv)
        assert done.returncode == 0, done.stderr
        every = {o for a in run_parser()._actions for o in a.option_strings if o.startswith("--")}
        assert "学习率" in done.stdout and "用法：gdviz run" in done.stdout and "示例：" in done.stdout
        assert "show this help" not in done.stdout and "examples:" not in done.stdout
        assert len(every) > 40 and every <= flags(done.stdout)
        assert max(lang.width(line) for line in done.stdout.splitlines()
                   if HAN.search(line) and not line.lstrip().startswith("gdviz")) <= 100


def test_a_bad_flag_in_chinese_is_one_chinese_line_and_exit_2():
    for argv in (["--lang", "zh_CN", "run", "--bogus"], ["run", "--lang", "zh_CN", "--lr", "-1"],
                 ["--lang", "zh_CN", "run", "--rule", "fixed", "--lr", "3"], ["--lang", "zh_CN", "run", "--data", "x"]):
        done = gdviz(*argv)
        assert done.returncode == 2, argv
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("gdviz：错误：") and HAN.search(lines[0][10:]), done.stderr
    done = gdviz("--lang", "zh_CN", "run", "--lr", "-1")
    assert "必须是正数" in done.stderr and "-1" in done.stderr


def test_chinese_summary():
    done = gdviz("--lang", "zh_CN", "run", "--data", "linear", "--steps", "3")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line[:line.index(" ")] for line in lines[:7]] == ["数据", "模型", "损失函数", "设置", "状态", "步数", "参数"]
    assert "梯度下降，学习率 0.1" in done.stdout and "3 步后停止：尚未收敛" in done.stdout
    english = gdviz("run", "--data", "linear", "--steps", "3").stdout
    numbers = re.compile(r"-?\d+\.\d+")
    assert numbers.findall(done.stdout) == numbers.findall(english)  # the same run, only the words differ


def test_chinese_race_table_is_aligned():
    done = gdviz("race", "--preset", "learning-rates", "--steps", "5", LANG="zh_CN.UTF-8")
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()[-4:]
    assert rows[0].split()[:2] == ["名称", "更新规则"]
    status_column = {lang.width(row[:row.index(cell)]) for row, cell in zip(rows, ["状态", "已停止", "已停止", "已停止"])}
    assert len(status_column) == 1


def test_json_is_identical_in_both_languages():
    argv = ("run", "--data", "linear", "--steps", "5", "--json")
    english, chinese = gdviz(*argv), gdviz("--lang", "zh_CN", *argv)
    assert chinese.stdout == english.stdout
    assert json.loads(english.stdout)["message"].startswith("stopped after 5 steps")
    race = ("race", "--preset", "learning-rates", "--steps", "3", "--json")
    assert gdviz(*race, LANG="zh_CN.UTF-8").stdout == gdviz(*race).stdout


def test_default_with_lang_c_is_english():
    done = gdviz("run", "--data", "linear", "--steps", "3")
    assert done.stdout.startswith("data      linear (x -> y): 80 training points, 20 validation\n")
    assert "settings  gradient descent, learning rate 0.1, full batch (80 points a step), seed 42" in done.stdout
    assert not HAN.search(done.stdout)
    bad = gdviz("run", "--lr", "-1")
    assert bad.stderr == ("gdviz: error: argument --lr: must be a positive number, got -1 "
                          "(see 'gdviz run --help')\n")
    assert "usage: gdviz run" in gdviz("run", "--help").stdout


def test_chinese_locale_without_the_flag():
    done = gdviz("run", "--data", "linear", "--steps", "3", LANG="zh_CN.UTF-8")
    assert done.stdout.startswith("数据      ")
    assert gdviz("run", "--data", "linear", "--steps", "3", "--lang", "en", LANG="zh_CN.UTF-8").stdout.startswith(
        "data      ")


def test_in_process_main_restores_argparse(capsys):
    assert main(["--lang", "zh_CN", "run", "--data", "linear", "--steps", "2"]) == 0
    assert capsys.readouterr().out.startswith("数据")
    assert argparse._("usage: ") == "usage: "
    assert main(["run", "--data", "linear", "--steps", "2", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("data      ")


def test_a_bad_csv_in_chinese_is_one_chinese_line_naming_line_and_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n2,abc\n3,4\n", encoding="utf-8")
    done = gdviz("--lang", "zh_CN", "run", "--csv", str(bad))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == ["gdviz：错误：bad.csv，第 3 行，列 'y'：'abc' 不是有限的数"], done.stderr
    missing = gdviz("--lang", "zh_CN", "run", "--csv", str(tmp_path / "gone.csv"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "无法读取 gone.csv：没有这个文件或文件夹" in missing.stderr


def test_chinese_help_headings_end_in_a_full_width_colon():
    for argv in (["--lang", "zh_CN", "--help"], ["--lang", "zh_CN", "run", "--help"], ["--lang", "zh_CN", "race", "--help"]):
        done = gdviz(*argv)
        headings = [line for line in done.stdout.splitlines() if line and not line[0].isspace() and HAN.search(line)
                    and line.endswith((":", "："))]
        assert "选项：" in headings and all(h.endswith("：") for h in headings), headings
    assert "options:" in gdviz("run", "--help").stdout


def bad_lr_session(path: Path) -> Path:
    """A saved session whose runner has a learning rate of -1."""
    from gdviz import session as S
    from gdviz.engine import Run
    doc = S.to_json(S.capture(Run()))
    doc["runners"][0]["live"]["learning_rate"] = -1
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_record_refuses_a_session_or_lesson_in_one_chinese_line(tmp_path):
    out = str(tmp_path / "o.mp4")
    session = bad_lr_session(tmp_path / "坏.gdviz")
    done = gdviz("--lang", "zh_CN", "record", "--session", str(session), "--out", out)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == ["gdviz：错误：坏.gdviz: runners[0].live：学习率必须是有限的正数，实际为 -1"], \
        done.stderr
    cut = tmp_path / "cut.gdviz"
    cut.write_text('{"format": "gdviz-session", "version": 1', encoding="utf-8")
    done = gdviz("--lang", "zh_CN", "record", "--session", str(cut), "--out", out)
    assert done.stderr.splitlines() == ["gdviz：错误：cut.gdviz：文件提前结束了（文件不完整？）"], done.stderr
    lesson = tmp_path / "l.json"
    lesson.write_text(json.dumps({"format": "gdviz-lesson", "version": 1, "title": {"en": "t"}, "scenes": [
        {"caption": {"en": {"title": "x"}}, "state": {"config": {"data": "linear"}, "live": {"learning_rate": -0.1}}}]}),
        encoding="utf-8")
    done = gdviz("--lang", "zh_CN", "record", "--lesson", str(lesson), "--out", out)
    assert done.stderr.splitlines() == ["gdviz：错误：l.json: scenes[0].state.live 被拒绝：学习率必须是有限的正数，实际为 -0.1"], \
        done.stderr
    done = gdviz("--lang", "zh_CN", "record", "--lesson", "nope", "--out", out)
    assert done.returncode == 2 and done.stderr.startswith("gdviz：错误：找不到课程 'nope'：它既不是内置课程")
    english = gdviz("record", "--session", str(session), "--out", out)
    assert english.stderr.splitlines() == [
        "gdviz: error: 坏.gdviz: runners[0].live: learning rate must be a positive finite number, got -1"], english.stderr


def test_the_engines_setting_refusals_are_chinese(tmp_path):
    done = gdviz("--lang", "zh_CN", "run", "--rule", "momentum", "--momentum", "2")
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["gdviz：错误：动量 β 必须在 [0, 1) 之内（大于或等于 0 且小于 1），实际为 2"], done.stderr
    done = gdviz("--lang", "zh_CN", "run", "--lr", "-1")
    assert done.returncode == 2 and HAN.search(done.stderr) and not re.search(r"\b(must|got|number)\b", done.stderr)
