"""CSV import, the train/validation split and the built-in data sets."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from gdviz.engine import DataError, ModelKind, Reduction, Run, RunConfig, builtin, load_csv, load_dataset

XS = [1.0, 2.0, 3.5, 4.0, 6.0]
YS = [2.5, 4.0, 7.25, 8.0, 13.0]


def write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(sep: str = ",") -> str:
    return "".join(f"{x:g}{sep}{y:g}\n" for x, y in zip(XS, YS))


def all_points(data) -> list[tuple[float, float]]:
    x = np.concatenate([data.x_train, data.x_val])
    y = np.concatenate([data.y_train, data.y_val])
    return sorted(zip(x.tolist(), y.tolist()))


def one_line_error(path: Path, **kwargs) -> str:
    with pytest.raises(DataError) as info:
        load_csv(path, **kwargs)
    message = str(info.value)
    assert message and "\n" not in message
    return message


# ----- reading -------------------------------------------------------------------------------
def test_csv_with_header_reads_values_and_labels(tmp_path) -> None:
    data = load_csv(write(tmp_path, "area,price\n" + rows()))
    assert np.array_equal(data.x_train, XS) and np.array_equal(data.y_train, YS)
    assert (data.x_label, data.y_label) == ("area", "price")
    assert data.n_val == 0 and data.name == "data"


def test_csv_without_header_reads_every_row_as_data(tmp_path) -> None:
    data = load_csv(write(tmp_path, rows()))
    assert np.array_equal(data.x_train, XS) and np.array_equal(data.y_train, YS)
    assert data.x_label != data.y_label


@pytest.mark.parametrize("sep", [";", "\t"])
def test_csv_with_other_delimiter(tmp_path, sep) -> None:
    data = load_csv(write(tmp_path, f"area{sep}price\n" + rows(sep)))
    assert np.array_equal(data.x_train, XS) and np.array_equal(data.y_train, YS)
    assert (data.x_label, data.y_label) == ("area", "price")


def test_csv_with_spaces_after_commas_and_label_with_spaces(tmp_path) -> None:
    text = "area (m²), price\n" + "".join(f"{x:g}, {y:g}\n" for x, y in zip(XS, YS))
    data = load_csv(write(tmp_path, text))
    assert np.array_equal(data.x_train, XS) and np.array_equal(data.y_train, YS)
    assert (data.x_label, data.y_label) == ("area (m²)", "price")


def test_csv_with_byte_order_mark_and_blank_lines(tmp_path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("\ufeffx,y\n\n" + rows() + "\n\n", encoding="utf-8")
    data = load_csv(path)
    assert np.array_equal(data.x_train, XS) and data.x_label == "x"


THREE = "id,size,cost\n" + "".join(f"{i},{x:g},{y:g}\n" for i, (x, y) in enumerate(zip(XS, YS)))


@pytest.mark.parametrize("x_col, y_col", [("size", "cost"), (1, 2), ("1", "2"), ("size", 2)])
def test_csv_columns_chosen_by_name_or_index(tmp_path, x_col, y_col) -> None:
    data = load_csv(write(tmp_path, THREE), x_col=x_col, y_col=y_col)
    assert np.array_equal(data.x_train, XS) and np.array_equal(data.y_train, YS)
    assert (data.x_label, data.y_label) == ("size", "cost")


def test_csv_columns_can_be_swapped(tmp_path) -> None:
    data = load_csv(write(tmp_path, THREE), x_col="cost", y_col="size")
    assert np.array_equal(data.x_train, YS) and np.array_equal(data.y_train, XS)


def test_csv_defaults_to_first_two_columns(tmp_path) -> None:
    data = load_csv(write(tmp_path, THREE))
    assert np.array_equal(data.x_train, np.arange(5)) and np.array_equal(data.y_train, XS)


def test_csv_run_config_loads_the_chosen_columns(tmp_path) -> None:
    path = write(tmp_path, THREE)
    config = RunConfig(csv_path=str(path), csv_x="size", csv_y="cost", val_fraction=0.0)
    data = load_dataset(config)
    assert np.array_equal(data.x_train, XS)
    run = Run(config)
    assert run.objective.model is ModelKind.LINE and run.objective.reduction is Reduction.MEAN
    coef = np.polyfit(XS, YS, 1)
    assert run.optimum["w"] == pytest.approx(coef[0], rel=1e-10)
    assert run.optimum["b"] == pytest.approx(coef[1], rel=1e-10)


# ----- errors --------------------------------------------------------------------------------
def test_text_cell_error_names_line_and_column(tmp_path) -> None:
    text = "x,y\n1,2\n2,3\n3,abc\n4,5\n"
    message = one_line_error(write(tmp_path, text))
    assert "line 4" in message and "'y'" in message and "abc" in message


def test_text_cell_line_number_counts_blank_lines(tmp_path) -> None:
    text = "x,y\n\n1,2\n\nten,3\n4,5\n"
    message = one_line_error(write(tmp_path, text))
    assert "line 5" in message and "'x'" in message and "ten" in message


@pytest.mark.parametrize("text", ["x,y\n1,2\n2,\n3,4\n", "x,y\n1,2\n2\n3,4\n"])
def test_blank_cell_error_names_line_and_column(tmp_path, text) -> None:
    message = one_line_error(write(tmp_path, text))
    assert "line 3" in message and "'y'" in message and "empty" in message


def test_non_finite_cell_is_an_error(tmp_path) -> None:
    message = one_line_error(write(tmp_path, "x,y\n1,2\n2,inf\n3,4\n"))
    assert "line 3" in message and "inf" in message


@pytest.mark.parametrize("text", ["x,y\n1,2\n", "1,2\n", "x,y\n"])
def test_fewer_than_two_data_rows_is_an_error(tmp_path, text) -> None:
    message = one_line_error(write(tmp_path, text))
    assert "2 data rows" in message


def test_constant_x_column_is_an_error(tmp_path) -> None:
    message = one_line_error(write(tmp_path, "size,cost\n3,1\n3,2\n3,4\n"))
    assert "'size'" in message and "constant" in message


def test_missing_file_is_an_error(tmp_path) -> None:
    message = one_line_error(tmp_path / "nowhere.csv")
    assert "nowhere.csv" in message


def test_empty_file_is_an_error(tmp_path) -> None:
    assert "empty" in one_line_error(write(tmp_path, "\n\n"))


def test_single_column_file_is_an_error(tmp_path) -> None:
    message = one_line_error(write(tmp_path, "x\n1\n2\n3\n"))
    assert "two columns" in message and "line 1" in message


@pytest.mark.parametrize("kwargs", [{"x_col": "weight"}, {"y_col": "weight"}])
def test_unknown_column_name_is_an_error(tmp_path, kwargs) -> None:
    message = one_line_error(write(tmp_path, THREE), **kwargs)
    assert "'weight'" in message and "'size'" in message


def test_column_name_on_a_file_without_header_is_an_error(tmp_path) -> None:
    message = one_line_error(write(tmp_path, rows()), x_col="x")
    assert "'x'" in message and "header" in message


@pytest.mark.parametrize("index", [3, -1, "7"])
def test_column_index_out_of_range_is_an_error(tmp_path, index) -> None:
    message = one_line_error(write(tmp_path, THREE), x_col=index)
    assert str(index) in message and "3 columns" in message


def test_file_of_only_delimiters_is_a_data_error(tmp_path) -> None:
    one_line_error(write(tmp_path, ",,\n"))


# ----- the validation split ------------------------------------------------------------------
def ten_points(tmp_path) -> Path:
    return write(tmp_path, "x,y\n" + "".join(f"{i},{i * i}\n" for i in range(10)))


@pytest.mark.parametrize("fraction, n_val", [(0.0, 0), (0.1, 1), (0.3, 3), (0.5, 5), (0.8, 8)])
def test_val_fraction_split_sizes_and_no_point_lost(tmp_path, fraction, n_val) -> None:
    data = load_csv(ten_points(tmp_path), val_fraction=fraction)
    assert (data.n_train, data.n_val) == (10 - n_val, n_val)
    assert all_points(data) == [(float(i), float(i * i)) for i in range(10)]


def test_val_split_is_reproducible_with_the_same_seed(tmp_path) -> None:
    path = ten_points(tmp_path)
    a = load_csv(path, val_fraction=0.3, seed=5)
    b = load_csv(path, val_fraction=0.3, seed=5)
    assert np.array_equal(a.x_val, b.x_val) and np.array_equal(a.x_train, b.x_train)


def test_val_split_depends_on_the_seed(tmp_path) -> None:
    path = ten_points(tmp_path)
    splits = {tuple(sorted(load_csv(path, val_fraction=0.3, seed=s).x_val)) for s in range(6)}
    assert len(splits) > 1


@pytest.mark.parametrize("fraction", [0.9, 0.95])
def test_val_fraction_leaving_fewer_than_two_training_points_is_an_error(tmp_path, fraction) -> None:
    message = one_line_error(ten_points(tmp_path), val_fraction=fraction)
    assert "fewer than 2 training points" in message


@pytest.mark.parametrize("fraction", [1.0, -0.1, float("nan")])
def test_val_fraction_out_of_range_is_an_error(tmp_path, fraction) -> None:
    message = one_line_error(ten_points(tmp_path), val_fraction=fraction)
    assert "validation fraction" in message


def test_builtin_split_keeps_every_point(tmp_path) -> None:
    whole = builtin("beans")
    part = builtin("beans", val_fraction=0.25, seed=3)
    assert (part.n_train, part.n_val) == (75, 25)
    assert all_points(part) == all_points(whole)


def test_linear_default_split_is_80_20_and_resplits_on_request() -> None:
    data = builtin("linear")
    assert (data.n_train, data.n_val) == (80, 20)
    half = builtin("linear", val_fraction=0.5)
    assert (half.n_train, half.n_val) == (50, 50)
    assert all_points(half) == all_points(data)


def test_unknown_builtin_is_an_error() -> None:
    with pytest.raises(DataError, match="unknown data set"):
        builtin("tulips")


# ----- the built-in data sets against the tutorials ------------------------------------------
def test_house_is_tutorial_000_data() -> None:
    data = builtin("house")
    assert data.x_train.tolist() == [80, 95, 104, 112, 125, 135]
    assert data.y_train.tolist() == [200, 230, 245, 247, 259, 262]
    assert data.preset.init == {"w": 1.0, "b": 1.0}


def test_beans_are_tutorial_001_shape() -> None:
    data = builtin("beans")
    x, y = data.x_train, data.y_train
    assert data.n_train == 100 and data.n_val == 0
    assert np.all(np.diff(x) >= 0) and x.min() >= 0 and x.max() < 1
    noise = y - 1.2 * x
    assert noise.min() >= 0 and noise.max() < 0.1
    assert data.preset.model is ModelKind.ORIGIN and data.preset.init["w"] == 0.1


# ----- issue 9: checks on the training rows, guesses reported ---------------------------------
def test_constant_training_x_stops_a_standardised_run_before_it_starts(tmp_path) -> None:
    path = write(tmp_path, "1,1\n1,2\n1,3\n2,4\n", "c4.csv")  # the report's file
    config = RunConfig(csv_path=str(path), val_fraction=0.25, seed=0, standardise=True)
    with pytest.raises(DataError, match="after the validation split every training x is 1: no slope"):
        Run(config)
    assert Run(RunConfig(csv_path=str(path), val_fraction=0.0, standardise=True)).dataset.n_train == 4


def test_empty_csv_path_is_an_error() -> None:
    with pytest.raises(DataError, match="^no CSV file given$"):
        load_csv("")


def test_csv_dataset_says_how_it_was_read(tmp_path) -> None:
    data = load_csv(write(tmp_path, "area,price\n" + rows()))
    assert data.info.header and data.info.delimiter == "," and data.info.rows == len(XS)
    assert data.notes and all("\n" not in n for n in data.notes)
