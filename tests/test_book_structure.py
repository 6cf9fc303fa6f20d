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
    "Common claims, checked",
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


# A claim is one admonition per Markdown cell, `:class: claim`, whose title quotes the claim.
CLAIM = re.compile(
    r"^```\{admonition\}[^\n]*\n(?::\w+:[^\n]*\n)*?:class: claim\b", re.M
)


def claims_and_checks(nb):
    """(claim cell's source, the code cells that follow it up to the next Markdown cell)."""
    cells = nb["cells"]
    for k, cell in enumerate(cells):
        source = "".join(cell["source"])
        if cell["cell_type"] != "markdown" or not CLAIM.search(source):
            continue
        code = []
        for following in cells[k + 1 :]:
            if following["cell_type"] == "markdown":
                break
            code.append("".join(following["source"]))
        yield source, code


def test_the_claim_check_sees_an_unasserted_claim():
    md = lambda s: {"cell_type": "markdown", "source": s}  # noqa: E731
    code = lambda s: {"cell_type": "code", "source": s}  # noqa: E731
    nb = {
        "cells": [
            md(
                '```{admonition} "ReLU cannot vanish"\n:class: claim\nIt can.\n```'
            ),
            code("x = 1"),
            md("## In practice"),
            md('```{admonition} "tanh never saturates"\n:class: claim\n```'),
            code("assert acts.tanh.grad(20.0) < 1e-16"),
        ]
    }
    found = [
        (src.split('"')[1], any("assert" in c for c in checks))
        for src, checks in claims_and_checks(nb)
    ]
    assert found == [
        ("ReLU cannot vanish", False),
        ("tanh never saturates", True),
    ]


@pytest.mark.parametrize("nb_path", ACTIVATION_CHAPTERS, ids=_rel)
def test_common_claims_are_each_checked_by_an_assertion(nb_path):
    nb = json.loads(nb_path.read_text())
    claims = list(claims_and_checks(nb))
    assert claims, (
        f"{_rel(nb_path)} checks no common claim (```{{admonition}} + :class: claim)"
    )
    for source, checks in claims:
        title = source.splitlines()[0]
        assert len(CLAIM.findall(source)) == 1, f"one claim per cell: {title}"
        assert any("assert" in c for c in checks), (
            f"{_rel(nb_path)}: the claim {title} is not followed by a cell that asserts it"
        )


def _toc_parts():
    """{part caption: [chapter names]} from _toc.yml."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return {
        part["caption"]: [
            pathlib.Path(c["file"]).name for c in part["chapters"]
        ]
        for part in toc["parts"]
    }


def test_at_most_one_write_it_without_acts_exercise_per_family():
    from acts.problems import chapter_problems

    for caption, chapters in _toc_parts().items():
        forbidding = [
            p.label
            for chapter in chapters
            for p in chapter_problems(chapter) or []
            if any(getattr(part, "forbid_acts", False) for part in p.parts)
        ]
        assert len(forbidding) <= 1, (
            f"{caption}: {len(forbidding)} exercises ask for f' in NumPy without acts "
            f"({forbidding}); keep one, make the others derivations, reasoning or experiments"
        )


GLOSSARY_TERMS = {
    "ULP": "ULP",
    "subnormal": "subnormal number",
    "condition number": "condition number",
}


def test_the_floating_point_terms_are_defined_once_in_the_introduction():
    intro = (ROOT / "book" / "intro.md").read_text()
    glossary = re.search(r"```\{glossary\}\n(.*?)```", intro, re.S)
    assert glossary, "book/intro.md has no {glossary}"
    defined = re.findall(r"^(\S[^\n]*)\n  ", glossary.group(1), re.M)
    assert sorted(defined) == sorted(GLOSSARY_TERMS.values())


@pytest.mark.parametrize(
    "page", [p for p in PAGES if p.name != "intro.md"], ids=_rel
)
def test_the_first_mention_of_a_floating_point_term_links_to_its_definition(
    page,
):
    if page.suffix == ".ipynb":
        cells = json.loads(page.read_text())["cells"]
        text = "\n".join(
            "".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
        )
    else:
        text = page.read_text()
    text = re.sub(r"^```(?!\{).*?^```", "", text, flags=re.S | re.M)
    for word, term in GLOSSARY_TERMS.items():
        first = re.search(rf"(\{{term\}}`[^`]*)?\b{word}", text, re.I)
        if first:
            assert first.group(1), (
                f"{_rel(page)} first says {word!r} without linking it: "
                f"write {{term}}`{word} <{term}>` there"
            )
