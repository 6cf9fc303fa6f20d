"""The website: it builds with warnings as errors and serves everything from itself."""

import json
import pathlib
import re
import subprocess
import sys
import urllib.parse

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_the_site_builds_with_warnings_as_errors(site):
    assert (site / "index.html").exists()
    assert (site / "book" / "sigmoid.html").exists()


def test_mathjax_is_served_from_the_site_not_a_cdn(site):
    html = (site / "book" / "sigmoid.html").read_text()
    srcs = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert any(s.split("?")[0].endswith("mathjax/tex-chtml.js") for s in srcs)
    assert not [s for s in srcs if "://" in s], (
        "scripts must not come from another host"
    )
    assert (site / "mathjax" / "tex-chtml.js").exists()
    assert (
        site
        / "mathjax"
        / "output"
        / "chtml"
        / "fonts"
        / "woff-v2"
        / "MathJax_Main-Regular.woff"
    ).exists()


def test_no_page_shows_an_exercise_s_references(site):
    """A check cell prints its report only: no page shows the problem's definition."""
    shown = {
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if re.search(r"Result\(part=|reference=", page.read_text())
    }
    assert not shown, f"pages that show an exercise's references: {shown}"


def test_sigmoid_page_has_the_chapter_with_collapsed_solutions_and_citations(
    site,
):
    html = (site / "book" / "sigmoid.html").read_text()
    # collapsed until opened
    assert html.count('class="solution dropdown admonition"') >= 3
    assert "Exercise" in html and "Rumelhart" in html  # the citation resolved
    # the notebook was executed: each check cell printed its report
    assert "sigma" in html and "sigmoid-ex-second: 1 of 1 points" in html
    # and showed nothing of the problem's definition (its references)
    assert "reference=" not in html and "Result(" not in html


def test_bibliography_lists_the_cited_papers(site):
    html = (site / "book" / "references.html").read_text()
    for author in ["Verhulst", "Rumelhart", "Cybenko"]:
        assert author in html


@pytest.mark.parametrize("page", ["book/intro.html", "book/sigmoid.html"])
def test_pages_have_a_download_button(site, page):
    assert "btn-download-source-button" in (site / page).read_text()


# --------------------------------------------------------------------------- where the book lives

# How each button shows in a page (checked present in the build with a home, below).
BUTTONS = (
    "btn-source-repository-button",
    "btn-source-issues-button",
    'title="Launch on Binder"',
    'title="Launch on Colab"',
    "btn-source-edit-button",
    "thebe-launch-button",
)


def _hosts_the_book_names() -> set[str]:
    """Hosts the book's own text links to: its Markdown (pages and notebook cells) and the
    bibliography's DOIs and URLs. With no repository set, nothing else may be linked."""
    text = [p.read_text() for p in (ROOT / "book").glob("*.md")]
    for nb in (ROOT / "book").glob("*.ipynb"):
        text += [
            "".join(c["source"]) for c in json.loads(nb.read_text())["cells"]
        ]
    bib = (ROOT / "book" / "references.bib").read_text()
    hosts = {
        urllib.parse.urlsplit(u).hostname
        for u in re.findall(r"https?://[^\s)>\]\"'`}]+", "\n".join(text) + bib)
    }
    # The bibliography style links a DOI to doi.org and an arXiv e-print to arxiv.org.
    if re.search(r"^\s*doi\s*=", bib, re.M):
        hosts.add("doi.org")
    if re.search(r"^\s*eprint\s*=", bib, re.M):
        hosts.add("arxiv.org")
    return hosts


def _external_links(html_dir) -> dict[str, set[str]]:
    """Host → pages, for every href and src that leaves the site."""
    found = {}
    for page in html_dir.rglob("*.html"):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        for url in re.findall(r'(?:href|src)="([^"]+)"', page.read_text()):
            host = urllib.parse.urlsplit(url).hostname
            if host:
                found.setdefault(host, set()).add(
                    page.relative_to(html_dir).as_posix()
                )
    return found


def test_the_configuration_names_no_home_yet():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["repository"]["url"] == ""  # until the book has a public home


def test_with_no_home_the_site_links_to_no_host_its_text_does_not_name(site):
    links = _external_links(site)
    # the recorder did record: the bibliography links its DOIs
    assert "doi.org" in links
    foreign = {
        h: sorted(p)[:3]
        for h, p in links.items()
        if h not in _hosts_the_book_names()
    }
    assert not foreign, (
        f"links to hosts neither the configuration nor the book names: {foreign}"
    )


def test_with_no_home_no_repository_issue_or_launch_button_is_rendered(site):
    for page in ["book/intro.html", "book/sigmoid.html", "book/working.html"]:
        html = (site / page).read_text()
        assert not [b for b in BUTTONS if b in html], page
        assert "THEBE_JS_URL" not in html and "github.com" not in html


# A second, cheap build: three pages, rendered from the execution cache, with the repository set.
HOME = "https://github.com/example-course/activations-book"


@pytest.fixture(scope="module")
def site_with_home(tmp_path_factory):
    """The site built with `repository.url` (and a branch) set, from a generated configuration
    and table of contents (three pages, from the execution cache), in a temporary folder."""
    out = tmp_path_factory.mktemp("site-with-home")
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["repository"].update(url=HOME, branch="spring-term")
    # the chapter renders from the main build's execution cache (filled by nbval earlier in
    # the run); a chapter whose prose is glued cannot be built unexecuted under -W
    config["execute"]["cache"] = str(ROOT / "_build" / ".jupyter_cache")
    # and only the pages of this toc are read (the others would be executed if not cached)
    config["only_build_toc_files"] = True
    # local extensions are found relative to the configuration file: name them absolutely
    config["sphinx"]["local_extensions"] = {
        name: str(ROOT / path)
        for name, path in config["sphinx"]["local_extensions"].items()
    }
    (out / "_config.yml").write_text(yaml.safe_dump(config))
    toc = {
        "format": "jb-book",
        "root": "book/intro",
        # a chapter that links to no other chapter (the toc holds only these pages)
        "chapters": [{"file": "book/glu"}, {"file": "book/references"}],
    }
    (out / "_toc.yml").write_text(yaml.safe_dump(toc))
    jupyter_book = pathlib.Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [
            str(jupyter_book),
            "build",
            str(ROOT),
            "-W",
            "-n",
            "--keep-going",
            "--config",
            str(out / "_config.yml"),
            "--toc",
            str(out / "_toc.yml"),
            "--path-output",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-4000:]
    return out / "_build" / "html"


def test_with_a_home_the_buttons_point_there(site_with_home):
    html = (site_with_home / "book" / "glu.html").read_text()
    hrefs = set(re.findall(r'href="([^"]+)"', html))
    assert HOME in hrefs  # the repository button
    assert any(h.startswith(f"{HOME}/issues/new") for h in hrefs)
    assert (
        "https://mybinder.org/v2/gh/example-course/activations-book/spring-term"
        "?urlpath=lab/tree/book/glu.ipynb"
        in {h.replace("&amp;", "&") for h in hrefs}
    )
    assert (
        "https://colab.research.google.com/github/example-course/activations-book/blob/"
        "spring-term/book/glu.ipynb" in hrefs
    )
    assert "btn-download-source-button" in html
    # no edit button, no Thebe
    assert [b for b in BUTTONS if b in html] == list(BUTTONS[:4])
    # and nothing else is added: every foreign host is the home's or a launch service's
    hosts = set(_external_links(site_with_home)) - _hosts_the_book_names()
    assert hosts == {
        "github.com",
        "mybinder.org",
        "colab.research.google.com",
    }, hosts
