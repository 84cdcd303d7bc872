"""The streaming CSV reader: bounded memory, interruption, reported guesses, classroom files."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from gdviz.engine import csvread
from gdviz.engine.datasets import DataError, LoadCancelled, builtin, load_csv, split

REPO = Path(__file__).resolve().parents[1]
XS = [155.4, 160.0, 171.25, 180.5, 166.0]
YS = [50.1, 55.0, 66.5, 72.25, -0.0]


def write(tmp_path: Path, data: str | bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def numbers_file(tmp_path: Path, n: int, seed: int = 1) -> tuple[Path, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=n), rng.normal(size=n) * 1e-300
    text = "x,y\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(x.tolist(), y.tolist()))
    return write(tmp_path, text, "numbers.csv"), x, y


def error(path, **kwargs) -> str:
    with pytest.raises(DataError) as info:
        load_csv(path, **kwargs)
    message = str(info.value)
    assert message and "\n" not in message
    return message


def points(data) -> tuple[list[float], list[float]]:
    return data.x_train.tolist(), data.y_train.tolist()


# ----- bounded, streaming --------------------------------------------------------------------
def test_memory_peak_stays_within_three_times_the_arrays(tmp_path) -> None:
    path, x, y = numbers_file(tmp_path, 200_000)
    tracemalloc.start()
    try:
        data = load_csv(path, val_fraction=0.25, seed=3)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    final = x.nbytes + y.nbytes
    assert peak < 3 * final + 8 * csvread.CHUNK, f"peak {peak / 1e6:.1f} MB for {final / 1e6:.1f} MB of arrays"
    joined = np.concatenate([data.x_train, data.x_val])
    assert np.array_equal(np.sort(joined), np.sort(x))


def test_many_blocks_read_every_row_exactly(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csvread, "CHUNK", 4096)
    path, x, y = numbers_file(tmp_path, 3000)
    data = load_csv(path)
    assert np.array_equal(data.x_train, x) and np.array_equal(data.y_train, y)
    assert data.info.rows == 3000


def test_row_cap_names_the_cap_and_stops_early(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csvread, "CHUNK", 4096)
    path, _, _ = numbers_file(tmp_path, 3000)
    seen: list[float] = []
    message = error(path, max_rows=1000, progress=seen.append)
    assert "1,000" in message and "row limit" in message and "max_rows" in message
    assert seen and max(seen) < 0.6  # refused long before the end of the file


def test_rows_up_to_the_cap_load(tmp_path) -> None:
    path, x, _ = numbers_file(tmp_path, 50)
    assert load_csv(path, max_rows=50).n_train == 50


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_without_reading_it_all() -> None:
    assert "not a text file" in error("/dev/zero")


def test_a_line_without_end_is_refused_after_a_bounded_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csvread, "MAX_LINE", 10_000)
    path = write(tmp_path, "1" * 50_000)
    message = error(path)
    assert "line 1" in message and "longer than 10,000 characters" in message


@pytest.mark.parametrize("data", [bytes(range(256)) * 64, b"\x89PNG\r\n\x1a\n" + bytes(500),
                                  b"x,y\n1,2\n\xff\xfe\xfd\xfc\x80\x81"])
def test_binary_files_are_refused_in_one_line(tmp_path, data) -> None:
    message = error(write(tmp_path, data))
    assert "data.csv" in message


def test_directory_and_empty_path_are_refused(tmp_path) -> None:
    assert "Is a directory" in error(tmp_path) or "directory" in error(tmp_path).lower()
    assert error("") == "no CSV file given"
    assert error("  ") == "no CSV file given"
    assert error(None) == "no CSV file given"


# ----- interruptible -------------------------------------------------------------------------
def test_progress_rises_to_one_between_blocks(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csvread, "CHUNK", 4096)
    path, _, _ = numbers_file(tmp_path, 2000)
    seen: list[float] = []
    load_csv(path, progress=seen.append)
    assert len(seen) > 10 and seen == sorted(seen) and seen[-1] == 1.0 and 0 < seen[0] < 0.2


def test_cancel_stops_between_blocks(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csvread, "CHUNK", 4096)
    path, _, _ = numbers_file(tmp_path, 2000)
    polls: list[int] = []
    seen: list[float] = []

    def cancel() -> bool:
        polls.append(1)
        return len(polls) > 3

    with pytest.raises(LoadCancelled, match="cancelled") as info:
        load_csv(path, cancel=cancel, progress=seen.append)
    assert isinstance(info.value, DataError) and len(polls) == 4 and max(seen) < 0.5


def test_ctrl_c_stops_a_parse(tmp_path) -> None:
    path, _, _ = numbers_file(tmp_path, 5000)
    child = textwrap.dedent(f"""
        import sys, time
        from gdviz.engine import csvread
        from gdviz.engine.datasets import load_csv
        csvread.CHUNK = 2048
        seen = []
        def progress(f):
            seen.append(f)
            if len(seen) == 1:
                print("started", flush=True)
            time.sleep(0.02)  # many blocks: the signal lands mid-file
        try:
            load_csv({str(path)!r}, progress=progress)
            print("finished")
        except KeyboardInterrupt:
            print("interrupted", seen[-1])
    """)
    proc = subprocess.Popen([sys.executable, "-c", child], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "started"
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=60)
    word, fraction = out.split()
    assert word == "interrupted" and float(fraction) < 1.0


# ----- guesses are reported --------------------------------------------------------------------
def test_text_first_column_without_header_keeps_the_first_row(tmp_path) -> None:
    text = "".join(f"student {i},{x!r},{y!r}\n" for i, (x, y) in enumerate(zip(XS, YS)))
    data = load_csv(write(tmp_path, text))
    assert points(data) == (XS, YS)
    info = data.info
    assert not info.header and (info.x_col, info.y_col) == (1, 2) and info.numeric == (False, True, True)
    assert any("no header" in n for n in data.notes) and any("text columns" in n for n in data.notes)


def test_text_first_column_with_header(tmp_path) -> None:
    text = "姓名,身高,体重\n" + "".join(f"学生{i},{x!r},{y!r}\n" for i, (x, y) in enumerate(zip(XS, YS)))
    data = load_csv(write(tmp_path, text))
    assert points(data) == (XS, YS) and (data.x_label, data.y_label) == ("身高", "体重")
    assert data.info.header and data.info.columns == ("姓名", "身高", "体重")


def test_numeric_header_is_noticed_and_can_be_taken(tmp_path) -> None:
    path = write(tmp_path, "2019,2020\n1.5,3\n2.5,4.5\n3,5\n")
    guessed = load_csv(path)
    assert guessed.n_train == 4 and guessed.info.possible_header
    assert any("header" in n and "whole numbers" in n for n in guessed.notes)
    told = load_csv(path, header=True)
    assert told.n_train == 3 and (told.x_label, told.y_label) == ("2019", "2020")
    assert not told.info.possible_header and "header" not in told.info.guessed


def test_numeric_rows_alike_are_not_flagged(tmp_path) -> None:
    data = load_csv(write(tmp_path, "2,3\n1,2\n3,4\n"))
    assert not data.info.possible_header and data.n_train == 3


def test_first_row_can_be_forced_to_be_data(tmp_path) -> None:
    assert load_csv(write(tmp_path, "1,2\n3,4\n"), header=False).n_train == 2
    message = error(write(tmp_path, "a,b\n1,2\n3,4\n"), header=False, x_col=0, y_col=1)
    assert "line 1" in message and "'a'" in message


def test_double_bom_is_stripped_from_the_names(tmp_path) -> None:
    data = load_csv(write(tmp_path, "\ufeff\ufeffx,y\n1,2\n2,3\n"))
    assert (data.x_label, data.y_label) == ("x", "y") and data.info.encoding == "utf-8-sig"


def test_guessed_fields_are_listed(tmp_path) -> None:
    data = load_csv(write(tmp_path, "x;y\n1,5;2\n2,5;3\n"))
    info = data.info
    assert (info.delimiter, info.decimal, info.header) == (";", ",", True)
    assert set(info.guessed) == {"delimiter", "decimal", "header", "columns"}
    told = load_csv(write(tmp_path, "x;y\n1,5;2\n2,5;3\n"), delimiter=";", decimal=",", header=True,
                    x_col="x", y_col="y", encoding="utf-8")
    assert told.info.guessed == () and told.x_train.tolist() == [1.5, 2.5]


def test_builtin_data_have_no_notes() -> None:
    assert builtin("house").notes == () and builtin("house").info is None


# ----- classroom files (issue 13) ------------------------------------------------------------
CHINESE = "身高(cm),体重(kg)\r\n" + "".join(f"{x!r},{y!r}\r\n" for x, y in zip(XS, YS))


@pytest.mark.parametrize("codec, bom, expected", [
    ("utf-8", b"", "utf-8"), ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"), ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"), ("utf-16-le", b"\xff\xfe", "utf-16-le"), ("utf-16-be", b"\xfe\xff", "utf-16-be"),
])
def test_encodings_round_trip_with_chinese_header(tmp_path, codec, bom, expected) -> None:
    data = load_csv(write(tmp_path, bom + CHINESE.encode(codec)))
    assert points(data) == (XS, YS)
    assert (data.x_label, data.y_label) == ("身高(cm)", "体重(kg)")
    assert data.info.encoding == expected
    if expected != "utf-8":
        assert any(csvread.ENCODING_NAMES[expected].split()[0] in n for n in data.notes)


def test_gb18030_found_after_the_first_block(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csvread, "CHUNK", 256)
    rows = [f"pupil {i},{i},{2 * i}" for i in range(100)] + ["张三,100,200"]
    data = load_csv(write(tmp_path, ("\n".join(rows) + "\n").encode("gb18030")))
    assert data.info.encoding == "gb18030" and data.n_train == 101 and data.x_train[-1] == 100
    assert any("GB18030" in n for n in data.notes)


def test_encoding_can_be_chosen_and_a_wrong_one_is_a_data_error(tmp_path) -> None:
    path = write(tmp_path, CHINESE.encode("gb18030"))
    assert load_csv(path, encoding="gbk").x_label == "身高(cm)"
    assert "unknown encoding" in error(path, encoding="klingon")
    assert "UTF-8" in error(path, encoding="utf-8")


EUROPE = "sep=;\r\nGröße;Gewicht\r\n" + "".join(f"{x!r};{y!r}\r\n".replace(".", ",") for x, y in zip(XS, YS))


def test_excel_sep_line_semicolons_and_decimal_commas(tmp_path) -> None:
    data = load_csv(write(tmp_path, EUROPE.encode("utf-8-sig")))
    assert points(data) == (XS, YS) and (data.x_label, data.y_label) == ("Größe", "Gewicht")
    info = data.info
    assert info.sep_line and (info.delimiter, info.decimal) == (";", ",")
    assert any("sep=" in n for n in data.notes) and any("decimal comma" in n for n in data.notes)


@pytest.mark.parametrize("sep, decimal", [(";", "."), (";", ","), ("\t", "."), ("\t", ","), (" ", ".")])
def test_separators_and_decimal_marks(tmp_path, sep, decimal) -> None:
    body = "".join(f"{x!r}{sep}{y!r}\n".replace(".", decimal) for x, y in zip(XS, YS))
    data = load_csv(write(tmp_path, f"h{sep}w\n" + body))
    assert points(data) == (XS, YS) and (data.info.delimiter, data.info.decimal) == (sep, decimal)


def test_quoted_fields_and_old_mac_line_endings(tmp_path) -> None:
    text = 'name,x,y\r"Li, Wei","1.5",2\r"Wang ""W"" Fang",2.5,"3"\r'
    data = load_csv(write(tmp_path, text))
    assert points(data) == ([1.5, 2.5], [2.0, 3.0])


def test_quoted_decimal_commas_in_a_comma_file(tmp_path) -> None:
    data = load_csv(write(tmp_path, 'x,y\n"1,5","2,25"\n"3,5","4"\n'), decimal=",")
    assert points(data) == ([1.5, 3.5], [2.25, 4.0])


def test_decimal_comma_missed_is_hinted(tmp_path) -> None:
    message = error(write(tmp_path, "x;y\n1;2\n2;3,5\n3;4\n"), decimal=".")
    assert "line 3" in message and "'3,5'" in message and "decimal comma" in message


def test_columns_that_cannot_be_chosen_are_named(tmp_path) -> None:
    message = error(write(tmp_path, "name,city,height\nLi,Beijing,170\nWang,Shanghai,165\n"))
    assert "numbers: 'height'" in message and "text: 'name', 'city'" in message and "x / y column boxes" in message


@pytest.mark.parametrize("x_col, y_col", [("体重(kg)", "身高(cm)"), (1, 0), ("1", "0")])
def test_columns_by_name_or_index(tmp_path, x_col, y_col) -> None:
    data = load_csv(write(tmp_path, CHINESE), x_col=x_col, y_col=y_col)
    assert points(data) == (YS, XS) and "columns" not in data.info.guessed


def test_one_column_chosen_the_other_is_the_first_free_numeric(tmp_path) -> None:
    text = "name,a,b,c\nLi,1,2,3\nWang,4,5,7\n"
    assert points(load_csv(write(tmp_path, text), y_col="a")) == ([2.0, 5.0], [1.0, 4.0])
    assert points(load_csv(write(tmp_path, text), x_col="c")) == ([3.0, 7.0], [1.0, 4.0])


def test_bad_cell_in_a_later_block_names_its_line(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csvread, "CHUNK", 512)
    lines = ["x,y"] + [f"{i},{i}" for i in range(1, 400)]
    lines[300] = "300,  "
    lines[350] = "oops,1"
    message = error(write(tmp_path, "\r\n".join(lines) + "\r\n"))
    assert "line 301" in message and "empty" in message and "'y'" in message


def test_whitespace_only_lines_are_blank(tmp_path) -> None:
    data = load_csv(write(tmp_path, "x,y\n1,2\n   \n\t\n3,4\n"))
    assert points(data) == ([1.0, 3.0], [2.0, 4.0]) and data.info.blank_lines == 2


def test_huge_values_load_without_warnings(tmp_path) -> None:
    data = load_csv(write(tmp_path, "x,y\n-1.7976931348623157e308,5e-324\n1.7976931348623157e308,-0.0\n"))
    assert data.x_train.tolist() == [-1.7976931348623157e308, 1.7976931348623157e308]


def test_overflowing_value_is_not_finite(tmp_path) -> None:
    message = error(write(tmp_path, "x,y\n1,2\n1e400,3\n"))
    assert "line 3" in message and "1e400" in message and "finite" in message


# ----- the split (issue 9, item 1) -----------------------------------------------------------
def test_constant_training_x_after_the_split_is_refused(tmp_path) -> None:
    path = write(tmp_path, "1,1\n1,2\n1,3\n2,4\n")  # the report's c4.csv
    message = error(path, val_fraction=0.25, seed=0)
    assert message == ("after the validation split every training x is 1: no slope can be fitted; "
                       "lower the validation fraction or change the seed")
    assert load_csv(path).n_train == 4  # the whole column is not constant


def test_split_checks_the_training_rows() -> None:
    x, y = np.array([1.0, 1.0, 1.0, 2.0]), np.arange(4.0)
    with pytest.raises(DataError, match="every training x is 1"):
        split(x, y, 0.25, 0)
    with pytest.raises(DataError, match="every x is 3"):
        split(np.full(3, 3.0), y[:3], 0.0, 0)
    kept = split(x, y, 0.25, 2)  # this seed keeps x = 2 in training
    assert 2.0 in kept[0] and len(kept[0]) == 3


def test_builtin_with_validation_still_splits() -> None:
    assert builtin("beans", val_fraction=0.5, seed=1).n_train == 50


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_unreadable_file_is_one_line(tmp_path) -> None:
    path = write(tmp_path, "x,y\n1,2\n2,3\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: every file is readable")
        assert "Permission denied" in error(path)
    finally:
        path.chmod(0o600)


def test_last_line_without_newline_counts_for_the_guesses(tmp_path) -> None:
    data = load_csv(write(tmp_path, "Li,0.0,1\nWang,5e-324,2"))  # Hypothesis found this one
    assert not data.info.header and points(data) == ([0.0, 5e-324], [1.0, 2.0])


def test_a_sea_of_blank_lines_is_read_in_bounded_memory(tmp_path) -> None:
    path = write(tmp_path, "\n" * 3_000_000 + "x,y\n1,2\n3,4\n")
    tracemalloc.start()
    try:
        data = load_csv(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert points(data) == ([1.0, 3.0], [2.0, 4.0]) and data.x_label == "x"
    assert data.info.blank_lines == 3_000_000 and peak < 32 * csvread.CHUNK  # 12e6 lines: the same peak
    assert "empty" in error(write(tmp_path, "\r\n" * 1_000_000, "blank.csv"))


def test_sep_line_is_skipped_even_when_the_delimiter_is_given(tmp_path) -> None:
    data = load_csv(write(tmp_path, EUROPE), delimiter=";")
    assert points(data) == (XS, YS) and data.info.sep_line and "delimiter" not in data.info.guessed
