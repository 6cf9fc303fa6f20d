"""The website: it builds with warnings as errors and serves everything from itself."""

import re

import pytest


def test_the_site_builds_with_warnings_as_errors(site):
    assert (site / "index.html").exists()
    assert (site / "book" / "sigmoid.html").exists()


def test_mathjax_is_served_from_the_site_not_a_cdn(site):
    html = (site / "book" / "sigmoid.html").read_text()
    srcs = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert any(s.split("?")[0].endswith("mathjax/tex-chtml.js") for s in srcs)
    assert not [s for s in srcs if "://" in s], "scripts must not come from another host"
    assert (site / "mathjax" / "tex-chtml.js").exists()
    assert (site / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2" / "MathJax_Main-Regular.woff").exists()


def test_sigmoid_page_has_the_chapter_with_collapsed_solutions_and_citations(site):
    html = (site / "book" / "sigmoid.html").read_text()
    assert html.count('class="solution dropdown admonition"') >= 3  # collapsed until opened
    assert "Exercise" in html and "Rumelhart" in html  # the citation resolved
    assert "sigma" in html and "Correct:" in html  # the notebook was executed


def test_bibliography_lists_the_cited_papers(site):
    html = (site / "book" / "references.html").read_text()
    for author in ["Verhulst", "Rumelhart", "Cybenko"]:
        assert author in html


@pytest.mark.parametrize("page", ["book/intro.html", "book/sigmoid.html"])
def test_pages_have_a_download_button(site, page):
    assert "btn-download-source-button" in (site / page).read_text()


def test_notebook_pages_have_binder_and_colab_launch_buttons(site):
    html = (site / "book" / "sigmoid.html").read_text()
    assert "mybinder.org/v2/gh/" in html and "colab.research.google.com/github/" in html
