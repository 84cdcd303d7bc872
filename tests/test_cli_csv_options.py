"""CSV reading options on the command line, the seed's limit and the reader's notes (issues 9, 13)."""
from __future__ import annotations

import json

from gdviz.cli import main


def run_json(capsys, *argv) -> dict:
    assert main(["run", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_european_excel_file_reads_with_its_notes(tmp_path, capsys) -> None:
    path = tmp_path / "eu.csv"
    path.write_text("sep=;\nhöhe;gewicht\n150,5;50\n160,0;56\n170,2;61\n", encoding="utf-8")
    result = run_json(capsys, "--csv", str(path), "--steps", "0")
    assert result["n_train"] == 3
    assert any("comma" in note for note in result["csv_notes"])


def test_options_override_the_guesses(tmp_path, capsys) -> None:
    path = tmp_path / "t.csv"
    path.write_text("1\t2\n2\t4\n3\t6\n", encoding="gb18030")
    result = run_json(capsys, "--csv", str(path), "--delimiter", "tab", "--no-header", "--encoding", "gb18030",
                      "--steps", "0")
    assert result["n_train"] == 3


def test_csv_options_need_a_csv(capsys) -> None:
    assert main(["run", "--decimal", ","]) == 2
    assert "give --csv too" in capsys.readouterr().err


def test_seed_beyond_what_a_spin_box_holds_is_refused(capsys) -> None:
    assert main(["run", "--seed", "3000000000"]) == 2
    assert "at most 2147483647" in capsys.readouterr().err


def test_empty_csv_path_is_refused(capsys) -> None:
    assert main(["run", "--csv", ""]) != 0
    assert "no CSV file given" in capsys.readouterr().err


def test_max_rows_is_the_cap(tmp_path, capsys) -> None:
    path = tmp_path / "m.csv"
    path.write_text("x,y\n" + "".join(f"{i},{2 * i}\n" for i in range(20)), encoding="utf-8")
    assert main(["run", "--csv", str(path), "--max-rows", "10"]) != 0
    assert "10" in capsys.readouterr().err
