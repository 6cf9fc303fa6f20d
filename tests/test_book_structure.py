"""The book's structure: every page in the table of contents, notebooks clean, chapters in shape."""

import json
import pathlib
import re
import subprocess

import pytest

import acts

ROOT = pathlib.Path(__file__).resolve().parents[1]
TRACKED = subprocess.run(
    ["git", "ls-files", "book"], cwd=ROOT, capture_output=True, text=True
).stdout.split()
# Pages of the book: tracked ones, and new ones not yet committed (so a fresh page is checked too).
PAGES = sorted(
    {
        *(ROOT / p for p in TRACKED),
        *ROOT.glob("book/**/*.ipynb"),
        *ROOT.glob("book/**/*.md"),
    }
)
PAGES = [
    p
    for p in PAGES
    if p.suffix in (".ipynb", ".md") and ".ipynb_checkpoints" not in p.parts
]
NOTEBOOKS = [p for p in PAGES if p.suffix == ".ipynb"]

# ../shared/CHAPTER.md: the sections of an activation chapter, in this order.
CHAPTER_SECTIONS = [
    "Where it comes from",
    "Definition",
    "Deriving the derivative",
    "Implementation",
    "Explore",
    "Properties",
    "In practice",
    "Exercises",
    "Summary",
]


def _toc_files():
    text = (ROOT / "_toc.yml").read_text()
    return {
        re.sub(r"\.(md|ipynb)$", "", f)
        for f in re.findall(r"(?:file|root):\s*([^\s#]+)", text)
    }


def _rel(p):
    return p.relative_to(ROOT).with_suffix("").as_posix()


def _headings(nb):
    heads = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            heads += re.findall(
                r"^## +(.+?)\s*$", "".join(cell["source"]), flags=re.M
            )
    return heads


def test_the_book_has_pages():
    assert NOTEBOOKS, "no notebooks found under book/"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_every_page_is_in_the_table_of_contents(page):
    assert _rel(page) in _toc_files(), f"{_rel(page)} is missing from _toc.yml"


def test_every_toc_entry_exists():
    for entry in _toc_files():
        assert any(
            (ROOT / f"{entry}{ext}").exists() for ext in (".md", ".ipynb")
        ), entry


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_rel)
def test_notebooks_are_committed_without_outputs(nb_path):
    nb = json.loads(nb_path.read_text())
    dirty = [
        i
        for i, c in enumerate(nb["cells"])
        if c["cell_type"] == "code"
        and (c.get("outputs") or c.get("execution_count"))
    ]
    assert not dirty, (
        f"{_rel(nb_path)} has outputs in cells {dirty}: clear them before committing"
    )


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=_rel)
def test_notebooks_run_in_the_python3_kernel(nb_path):
    nb = json.loads(nb_path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


ACTIVATION_CHAPTERS = [
    p
    for p in NOTEBOOKS
    if json.loads(p.read_text())["metadata"].get("acts", {}).get("covers")
]


@pytest.mark.parametrize("nb_path", ACTIVATION_CHAPTERS, ids=_rel)
def test_activation_chapters_have_the_template_sections_in_order(nb_path):
    heads = _headings(json.loads(nb_path.read_text()))
    found = [h for h in heads if h in CHAPTER_SECTIONS]
    positions = [found.index(s) if s in found else -1 for s in CHAPTER_SECTIONS]
    missing = [s for s, i in zip(CHAPTER_SECTIONS, positions) if i < 0]
    assert not missing, f"{_rel(nb_path)} lacks the section(s) {missing}"
    assert (
        found[: len(CHAPTER_SECTIONS)] == CHAPTER_SECTIONS
        or sorted(positions) == positions
    ), f"{_rel(nb_path)} has its sections out of order: {found}"


@pytest.mark.parametrize("nb_path", ACTIVATION_CHAPTERS, ids=_rel)
def test_chapters_cover_registered_activations(nb_path):
    covers = json.loads(nb_path.read_text())["metadata"]["acts"]["covers"]
    for name in covers:
        # KeyError if the chapter names an activation acts does not have
        acts.get(name)


def test_the_sigmoid_chapter_is_the_template():
    assert ROOT / "book" / "sigmoid.ipynb" in ACTIVATION_CHAPTERS
