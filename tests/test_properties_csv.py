"""Property tests of the CSV reader: any text loads the numbers written, or raises DataError."""
from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdviz.engine import csvread
from gdviz.engine.datasets import DataError, load_csv

# GDVIZ_FUZZ_EXAMPLES raises the budget for a long fuzzing session
BUDGET = settings(max_examples=int(os.environ.get("GDVIZ_FUZZ_EXAMPLES", "120")), deadline=None,
                  database=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                        HealthCheck.too_slow])

EXTREMES = [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
            -1.7976931348623157e308, 1e-300, 123456789.0]
NUMBERS = st.one_of(st.sampled_from(EXTREMES), st.floats(allow_nan=False, allow_infinity=False),
                    st.integers(-10**6, 10**6).map(float))
FORMATS = [repr, lambda v: "%.17g" % v, lambda v: "%.17e" % v, lambda v: repr(v).upper()]
NAME = st.text(st.characters(categories=["L", "Nd", "Zs"], exclude_characters="\x85\xa0\u2028\u2029"),
               max_size=8).map(lambda s: "Q" + s)  # a letter first: never a number


def read_bytes(data: bytes, **kwargs):
    """load_csv on the bytes written to a fresh file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_bytes(data)
        return load_csv(path, **kwargs)


@st.composite
def tables(draw):
    """CSV bytes of two numeric columns in some layout, with the numbers written into them."""
    rows = draw(st.lists(st.tuples(NUMBERS, NUMBERS), min_size=0, max_size=40))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    decimal = "." if delimiter == "," else draw(st.sampled_from([".", ","]))
    fmt = draw(st.sampled_from(FORMATS))
    text_column = draw(st.booleans())
    header = draw(st.none() | st.tuples(NAME, NAME, NAME))
    quote = draw(st.booleans()) and delimiter != ","
    pad = draw(st.sampled_from(["", " "]))

    def cell(v: float) -> str:
        s = fmt(v).replace(".", decimal)
        return f'"{s}"' if quote else pad + s + pad

    lines = [delimiter.join(([f"Qrow{i}"] if text_column else []) + [cell(x), cell(y)])
             for i, (x, y) in enumerate(rows)]
    for _ in range(draw(st.integers(0, 3))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["", " ", "  "])))
    if header is not None:
        lines.insert(0, delimiter.join(header if text_column else header[1:]))
    if draw(st.booleans()):
        lines.insert(0, f"sep={delimiter}")
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = ending.join(lines) + draw(st.sampled_from(["", ending]))
    boms = draw(st.integers(0, 2))
    codec = draw(st.sampled_from(["utf-8", "utf-16", "gb18030"]))
    data = ("\ufeff" * boms + text).encode(codec) if codec != "utf-8" or boms else text.encode()
    return data, rows, header, text_column


@BUDGET
@given(tables())
def test_a_written_table_loads_exactly_or_is_refused_for_a_stated_reason(table) -> None:
    data, rows, header, text_column = table
    xs = [x for x, _ in rows]
    loadable = len(rows) >= 2 and min(xs) != max(xs)
    try:
        ds = read_bytes(data)
    except DataError as exc:
        assert not loadable, f"refused: {exc}"
        assert str(exc) and "\n" not in str(exc)
        return
    assert loadable
    assert ds.x_train.tolist() == xs and ds.y_train.tolist() == [y for _, y in rows]
    assert np.isfinite(ds.x_train).all() and np.isfinite(ds.y_train).all()
    if header is not None and ds.info.encoding != "gb18030":  # short GB bytes may also be UTF-8
        assert (ds.x_label, ds.y_label) == tuple(n.strip() for n in header[1:])


@BUDGET
@given(st.binary(max_size=600), st.sampled_from([None, "utf-8", "utf-16", "gb18030", "latin-1"]))
def test_random_bytes_load_finite_numbers_or_raise_data_error(data, encoding) -> None:
    try:
        ds = read_bytes(data, encoding=encoding)
    except DataError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for part in (ds.x_train, ds.y_train, ds.x_val, ds.y_val):
        assert part.dtype == np.float64 and np.isfinite(part).all()
    assert ds.n_train >= 2 and ds.x_train.min() < ds.x_train.max()


TEXT = st.lists(st.sampled_from(list("0123456789.,;\t -+eE\"\n\r xyQ中\ufeff") + ["inf", "nan", "1e400"]),
                max_size=120).map("".join)


@BUDGET
@given(TEXT, st.integers(0, 3))
def test_random_csv_like_text_loads_what_it_says_or_raises_data_error(text, split_seed) -> None:
    try:
        ds = read_bytes(text.encode("utf-8"), val_fraction=0.25 if split_seed else None, seed=split_seed)
    except DataError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    x = np.concatenate([ds.x_train, ds.x_val])
    assert np.isfinite(x).all() and np.isfinite(ds.y_train).all() and np.isfinite(ds.y_val).all()
    assert ds.x_train.min() < ds.x_train.max()  # the training part always has a slope
    assert len(x) == ds.info.rows


@BUDGET
@given(st.lists(st.tuples(NUMBERS, NUMBERS), min_size=2, max_size=60), st.integers(1, 4))
def test_blocks_of_any_size_read_the_same_numbers(rows, chunk_kib) -> None:
    text = "x,y\n" + "".join(f"{x!r},{y!r}\n" for x, y in rows)
    old = csvread.CHUNK
    csvread.CHUNK = 8 * chunk_kib  # a few lines per block
    try:
        ds = read_bytes(text.encode())
    except DataError:
        assert min(x for x, _ in rows) == max(x for x, _ in rows)
        return
    finally:
        csvread.CHUNK = old
    assert ds.x_train.tolist() == [x for x, _ in rows] and ds.y_train.tolist() == [y for _, y in rows]
    assert all(math.isfinite(v) for v in ds.y_train)
