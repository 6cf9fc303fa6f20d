"""No typed number: a decimal the prose states is computed by the page (glued) or exact.

A page's Markdown may state a decimal number of three or more significant digits only when
it is rendered from a computed value (``{glue:text}`` and friends, or Markdown a cell outputs)
or when it is in the one allow-list of exact constants, ``book/_data/exact_numbers.yml``,
with the reason it is exact. Everything else drifts from what the code computes.
"""

import json
import pathlib
import re

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
PAGES = sorted(BOOK.glob("*.ipynb")) + sorted(BOOK.glob("*.md"))
ALLOWED = yaml.safe_load((BOOK / "_data" / "exact_numbers.yml").read_text())

# what is not prose: fenced code, roles that render computed values or name sources, link
# targets and addresses, version numbers (3.10.2); inline code that is code (not a bare number)
NOT_PROSE = [
    re.compile(r"\{(?:glue|cite|numref|ref|doc|eq|term)(?::\w+)?\}`[^`]*`"),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"https?://\S+"),
    re.compile(r"\b\d+\.\d+\.\d+\b"),
    re.compile(r"(?<!`)`(?!`)(?:[^`]|\n(?!\s*\n))*?[A-Za-z_=(\[][^`]*?`"),
]
# a decimal: digits with a fraction, or with an exponent (e or × 10); its sign is kept
DECIMAL = re.compile(
    r"(?<![\w.\\/#])[-−]?(?:\d+\.\d+|\.\d+|\d+(?=[eE][-+−]?\d))(?:[eE][-+−]?\d+)?"
    r"(?!\.\d)"
)


def significant_digits(number: str) -> int:
    mantissa = re.split(r"[eE]", number.lstrip("-−"))[0]
    digits = mantissa.replace(".", "").lstrip("0")
    return len(digits) if "." in mantissa else len(digits.rstrip("0"))


def prose(page: pathlib.Path):
    """(cell number, Markdown) of every Markdown cell of a notebook, or the whole .md page."""
    if page.suffix == ".md":
        yield 1, page.read_text()
        return
    cells = json.loads(page.read_text())["cells"]
    for k, cell in enumerate(cells, 1):
        if cell["cell_type"] == "markdown":
            yield k, "".join(cell["source"])


FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(\S*)")


def strip_fenced_code(text: str) -> str:
    """Blank out fenced code (```python, ```text, ```{code-cell}); keep the body of a directive
    (```{admonition}, ```{exercise}, ```{math}): that is prose, and it is checked."""
    out, stack = [], []  # stack: (fence, is code) of the open fences
    for line in text.split("\n"):
        m = FENCE.match(line)
        if m and stack and m.group(1) == stack[-1][0] and not m.group(2):
            stack.pop()
            out.append("")
            continue
        in_code = any(code for _, code in stack)
        if m and (m.group(2) or not stack):
            info = m.group(2)
            stack.append(
                (
                    m.group(1),
                    not info.startswith("{") or info.startswith("{code"),
                )
            )
            out.append("" if in_code else line if info.startswith("{") else "")
            continue
        out.append(" " * len(line) if in_code else line)
    return "\n".join(out)


def strip_code(text: str) -> str:
    text = strip_fenced_code(text)
    for pattern in NOT_PROSE:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def typed_numbers(page: pathlib.Path):
    """(cell, number, context) of every decimal of ≥ 3 significant digits not glued or allowed."""
    allowed = {str(entry["text"]) for entry in ALLOWED}
    for k, text in prose(page):
        bare = strip_code(text)
        for m in DECIMAL.finditer(bare):
            if significant_digits(m.group()) < 3:
                continue
            context = text[max(0, m.start() - 40) : m.end() + 40]
            if any(
                a in context and m.group().lstrip("-−") in a for a in allowed
            ):
                continue
            yield k, m.group(), " ".join(context.split())


def test_the_allow_list_gives_a_reason_for_every_constant():
    assert ALLOWED, "book/_data/exact_numbers.yml is empty"
    for entry in ALLOWED:
        assert set(entry) == {"text", "why"}, entry
        assert len(str(entry["why"]).split()) >= 4, (
            f"say why {entry['text']} is exact"
        )
        assert any(
            str(entry["text"]) in "".join(t for _, t in prose(p)) for p in PAGES
        ), (
            f"{entry['text']} is allowed but no page states it: drop it from the list"
        )


@pytest.mark.parametrize(
    "number, digits",
    [
        ("0.25", 2),
        ("4.24835e-18", 6),
        ("-4.4", 2),
        ("−7.21", 3),
        ("1e-16", 1),
        ("20.0", 3),
        ("0.044715", 5),
        ("1.00", 3),
        (".125", 3),
    ],
)
def test_significant_digits(number, digits):
    assert significant_digits(number) == digits


def test_the_check_finds_typed_numbers_and_only_those(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "The naive value at $x = -40$ is $4.24835\\times10^{-18}$ and GELU dips to −0.1700;\n"
        "the minimum is {glue:text}`gelu_min:.6f`, a quarter is 0.25, see [v](a/1.234.html),\n"
        "call `f(x, eps=1.2345)` with NumPy 2.1.3.\n\n```python\ny = 3.14159\n```\n"
        "```{admonition} A claim\n:class: claim\nIt is 2.71828. Also σ(1.41421x).\n```\n"
    )
    found = [number for _, number, _ in typed_numbers(page)]
    assert found == ["4.24835", "−0.1700", "2.71828", "1.41421"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_typed_numbers(page):
    found = list(typed_numbers(page))
    assert not found, (
        f"{page.name} types numbers that code computes; glue them "
        "(myst_nb.glue, {glue:text}) or, if exact, add them to book/_data/exact_numbers.yml:\n"
        + "\n".join(f"  cell {k}: {n}   …{c}…" for k, n, c in found)
    )
