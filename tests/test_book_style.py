"""Code the reader sees fits the book's text width: 80 columns in every displayed code cell."""

import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
# the text width of a page (book/_static/custom.css sizes code to it)
WIDTH = 80
# cells whose code no reader sees (a hide-input cell's code opens on a click: it counts)
HIDDEN = {"remove-input", "remove-cell"}
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def displayed_lines(path):
    """(cell number, line number, line) of every line of every code cell shown on the page."""
    cells = json.loads(path.read_text())["cells"]
    for k, cell in enumerate(cells, 1):
        if cell["cell_type"] != "code" or HIDDEN & set(
            cell.get("metadata", {}).get("tags", [])
        ):
            continue
        source = "".join(cell["source"])
        for i, line in enumerate(source.splitlines(), 1):
            yield k, i, line


def test_the_check_sees_the_chapters_and_their_wide_lines(tmp_path):
    assert len(NOTEBOOKS) > 20
    sample = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": ["x = 1\n", "y" * 81],
            },
            {
                "cell_type": "code",
                "metadata": {"tags": ["remove-input"]},
                "source": ["z" * 99],
            },
            {"cell_type": "markdown", "metadata": {}, "source": ["w" * 99]},
        ]
    }
    (tmp_path / "s.ipynb").write_text(json.dumps(sample))
    assert [
        (k, i)
        for k, i, line in displayed_lines(tmp_path / "s.ipynb")
        if len(line) > WIDTH
    ] == [(1, 2)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_displayed_code_fits_80_columns(path):
    wide = [
        f"cell {k} line {i} ({len(line)} columns): {line.strip()[:50]}"
        for k, i, line in displayed_lines(path)
        if len(line) > WIDTH
    ]
    assert not wide, (
        f"{path.name}: displayed code wider than {WIDTH} columns:\n"
        + "\n".join(wide)
    )
