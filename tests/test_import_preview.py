"""The CSV import preview: guesses shown (never applied silently), changeable, rows and points follow."""
import codecs

import numpy as np
import pytest

from gdviz.engine.datasets import load_csv
from gdviz.ui.import_preview import ImportPreview, config_changes, preview_csv, save_options, saved_options

HEIGHTS = [(150.2, 45.5), (160.4, 52.0), (170.6, 61.25), (180.8, 70.5), (155.4, 48.0)]


def table_text(dialog: ImportPreview) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount())] for r in range(t.rowCount())]


def headers(dialog: ImportPreview) -> list[str]:
    return [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]


@pytest.fixture
def gbk_file(tmp_path):
    text = "姓名,身高(cm),体重(kg)\r\n" + "".join(f"学生{i},{h},{w}\r\n" for i, (h, w) in enumerate(HEIGHTS))
    path = tmp_path / "班级.csv"
    path.write_bytes(text.encode("gbk"))
    return path


@pytest.fixture
def utf16_file(tmp_path):
    text = "x\ty\n" + "".join(f"{h}\t{w}\n" for h, w in HEIGHTS)
    path = tmp_path / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return path


@pytest.fixture
def european_file(tmp_path):
    text = "sep=;\nhöhe;gewicht\n" + "".join(f"{str(h).replace('.', ',')};{str(w).replace('.', ',')}\n"
                                            for h, w in HEIGHTS)
    path = tmp_path / "europa.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_gbk_file_shows_chinese_header_and_offers_text_column_disabled(qtbot, gbk_file):
    dialog = ImportPreview(gbk_file)
    qtbot.addWidget(dialog)
    assert dialog.encoding.currentData() == "gb18030"
    assert dialog.header.isChecked()
    assert headers(dialog) == ["姓名", "身高(cm)", "体重(kg)"]
    assert table_text(dialog)[0] == ["学生0", "150.2", "45.5"]
    # the text column is listed but cannot be chosen; x and y are the two numeric columns
    assert dialog.x_col.count() == 3
    assert not dialog.x_col.model().item(0).isEnabled()
    assert dialog.options() == {"encoding": "gb18030", "delimiter": ",", "decimal": ".", "header": True,
                                "x_col": 1, "y_col": 2}
    x, y = dialog.points.getData()
    np.testing.assert_allclose(x, [h for h, _ in HEIGHTS])
    np.testing.assert_allclose(y, [w for _, w in HEIGHTS])
    assert "encoding" in dialog.guesses.text()


def test_wrong_encoding_is_refused_in_one_line_and_import_disabled(qtbot, gbk_file):
    dialog = ImportPreview(gbk_file)
    qtbot.addWidget(dialog)
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("utf-8"))
    dialog.refresh()
    assert "byte 1" in dialog.message.text() and "\n" not in dialog.message.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("gb18030"))
    dialog.refresh()
    assert dialog.message.text() == ""
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_utf16_tab_file_and_the_options_load_the_whole_file(qtbot, utf16_file):
    dialog = ImportPreview(utf16_file)
    qtbot.addWidget(dialog)
    chosen = dialog.options()
    assert chosen["encoding"] == "utf-16" and chosen["delimiter"] == "\t" and chosen["header"]
    assert headers(dialog) == ["x", "y"]
    fields = config_changes(chosen)
    data = load_csv(utf16_file, x_col=fields["csv_x"], y_col=fields["csv_y"], encoding=fields["csv_encoding"],
                    delimiter=fields["csv_delimiter"], decimal=fields["csv_decimal"], header=fields["csv_header"])
    np.testing.assert_allclose(data.x_train, [h for h, _ in HEIGHTS])


def test_european_semicolons_and_decimal_commas_and_sep_line(qtbot, european_file):
    dialog = ImportPreview(european_file)
    qtbot.addWidget(dialog)
    assert (dialog.delimiter.currentData(), dialog.decimal.currentData()) == (";", ",")
    assert headers(dialog) == ["höhe", "gewicht"]
    assert table_text(dialog)[0] == ["150,2", "45,5"]
    np.testing.assert_allclose(dialog.points.getData()[0], [h for h, _ in HEIGHTS])
    # choosing the decimal point instead refuses the cells, naming the cure
    dialog.decimal.setCurrentIndex(dialog.decimal.findData("."))
    dialog.refresh()
    assert "decimal comma" in dialog.message.text()
    assert "decimal mark" not in dialog.guesses.text()


def test_header_unticked_makes_the_first_row_data_and_swapping_columns(qtbot, utf16_file):
    dialog = ImportPreview(utf16_file)
    qtbot.addWidget(dialog)
    dialog.x_col.setCurrentIndex(1)
    dialog.y_col.setCurrentIndex(0)
    dialog.refresh()
    assert (dialog.options()["x_col"], dialog.options()["y_col"]) == (1, 0)
    np.testing.assert_allclose(dialog.points.getData()[0], [w for _, w in HEIGHTS])
    dialog.header.setChecked(False)  # "x", "y" are not numbers: the first row cannot be data
    assert dialog.message.text() != ""
    assert table_text(dialog)[0] == ["x", "y"]


def test_choice_is_remembered_per_file(qtbot, gbk_file, european_file, monkeypatch):
    chosen = {"encoding": "gb18030", "delimiter": ",", "decimal": ".", "header": True, "x_col": 2, "y_col": 1}
    save_options(gbk_file, chosen)
    assert saved_options(gbk_file) == chosen
    assert saved_options(european_file) is None
    monkeypatch.setattr(ImportPreview, "exec", lambda self: ImportPreview.Accepted)
    assert preview_csv(gbk_file) == chosen  # the dialog opens with the remembered columns
    monkeypatch.setattr(ImportPreview, "exec", lambda self: ImportPreview.Rejected)
    assert preview_csv(european_file) is None
    assert saved_options(european_file) is None


def test_a_refusal_in_the_preview_is_chinese_in_chinese_mode(chinese, qtbot, european_file, gbk_file):
    """Issue 13: the preview's own message line goes through the engine's translations too."""
    dialog = ImportPreview(european_file)
    qtbot.addWidget(dialog)
    dialog.decimal.setCurrentIndex(dialog.decimal.findData("."))
    dialog.refresh()
    text = dialog.message.text()
    assert text.startswith("{0}，第 ".format(european_file.name)) and "不是有限的数" in text, text
    assert "'150,2'" in text and "小数逗号" in text and "decimal" not in text
    dialog = ImportPreview(gbk_file)
    qtbot.addWidget(dialog)
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("utf-8"))
    dialog.refresh()
    assert "字节" in dialog.message.text() and "byte" not in dialog.message.text(), dialog.message.text()
