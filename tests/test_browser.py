"""The built website in a real browser: Debian's Chromium driven by Playwright, with no network.

Every page is served from 127.0.0.1 by an in-process http.server and loaded once; the tests
then check what the browser saw: requests, console errors, rendered maths, page weights, and
that the figures stay interactive without a kernel.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import re
import threading
import urllib.parse
from dataclasses import dataclass, field

import pytest

from acts import plotting

# Debian's; `playwright install` would download another one
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
# a chapter's own weight, beyond what every page shares
PAGE_BUDGET = 2 * 1024 * 1024
# What every page shares, loaded once per visit to the site: the theme's and extensions' assets,
# the vendored MathJax with its fonts, and the search index.
SHARED = ("_static/", "mathjax/", "searchindex.js")

# the narrowest common phone viewport, in CSS pixels
PHONE = {"width": 375, "height": 812}

# What the page shows that does not fit: code boxes that need scrolling (the text is too wide
# for its box), and tables that stick out of the article without a box of their own to scroll
# in (cut off, or off the page).
_LAYOUT = """() => {
  const article = document.querySelector("article") || document.body;
  const right = article.getBoundingClientRect().right;
  const wide = [], cut = [];
  for (const pre of article.querySelectorAll("div.cell_input pre")) {
    if (pre.scrollWidth > pre.clientWidth + 1) {
      const lines = pre.textContent.split("\\n");
      wide.push(lines.reduce((a, b) => (b.length > a.length ? b : a)).slice(0, 60));
    }
  }
  for (const t of article.querySelectorAll("table")) {
    let el = t.parentElement, scrolls = false;
    while (el && el !== article) {
      const o = getComputedStyle(el).overflowX;
      if (o === "auto" || o === "scroll") { scrolls = true; break; }
      if (o === "hidden" || o === "clip") break;
      el = el.parentElement;
    }
    const box = (el && el !== article ? el : article).getBoundingClientRect().right;
    if (!scrolls && t.getBoundingClientRect().right > Math.min(box, right) + 1)
      cut.push((t.innerText || "").slice(0, 60));
  }
  return [wide, cut];
}"""

# The numbers in output tables that a line break splits ("4.19956e-" / "322").
_BROKEN_NUMBERS = """() => {
  const broken = [];
  for (const td of document.querySelectorAll("div.cell_output td, div.cell_output th")) {
    const text = td.innerText.trim();
    if (!/^[-+−]?[0-9.]+(e[-+−]?[0-9]+)?$/i.test(text)) continue;
    // The lines the number's text occupies (its text nodes' boxes, not the cell's <p>).
    const tops = new Set(), walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    }
    if (tops.size > 1) broken.push(text);
  }
  return broken;
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass


def _serve(directory):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@dataclass
class Visit:
    path: str
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    mathjax: int = 0
    math_nodes: int = 0
    raw_tex: list = field(default_factory=list)
    math_errors: int = 0
    wide_code: list = field(default_factory=list)
    cut_tables: list = field(default_factory=list)
    phone_broken: list = field(default_factory=list)
    phone_cut: list = field(default_factory=list)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(site):
    server, base = _serve(site)
    yield base
    server.shutdown()
    server.server_close()


def _open(browser, url: str, visit: Visit, viewport=None):
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on(
        "response", lambda r: r.status == 404 and visit.not_found.append(r.url)
    )
    page.on(
        "console",
        lambda m: m.type == "error" and visit.console_errors.append(m.text),
    )
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
    response = page.goto(url, wait_until="networkidle")
    visit.status = response.status if response else None
    return page


@pytest.fixture(scope="session")
def visits(site, served, browser) -> dict[str, Visit]:
    """Load every page of the site once and record what the browser did."""
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not {"_static", "mathjax", "_sources"}
        & set(p.relative_to(site).parts)
    )
    result = {}
    for path in pages:
        visit = Visit(path)
        page = _open(browser, f"{served}/{path}", visit)
        if 'class="math' in (site / path).read_text():
            page.wait_for_selector("mjx-container", timeout=30_000)
            # MathJax typesets a long page in passes: count once it says it is done.
            page.evaluate("() => MathJax.startup.promise")
        visit.mathjax = page.locator("mjx-container").count()
        visit.math_errors = page.locator("mjx-merror").count()
        visit.math_nodes = page.locator("span.math, div.math").count()
        outputs = " ".join(page.locator(".cell_output").all_inner_texts())
        visit.raw_tex = re.findall(r"\$\\[A-Za-z]+[^$]{0,40}", outputs)
        visit.wide_code, visit.cut_tables = page.evaluate(_LAYOUT)
        page.set_viewport_size(PHONE)  # the same page laid out on a phone
        visit.phone_broken = page.evaluate(_BROKEN_NUMBERS)
        visit.phone_cut = page.evaluate(_LAYOUT)[1]
        page.close()
        result[path] = visit
    return result


def test_every_page_loads(visits):
    assert "book/sigmoid.html" in visits and "book/intro.html" in visits
    bad = {p: v.status for p, v in visits.items() if v.status != 200}
    assert not bad, f"pages that did not load: {bad}"


def test_no_request_leaves_127_0_0_1(visits):
    outside = {
        p: [
            u
            for u in v.requests
            if urllib.parse.urlsplit(u).scheme not in ("data", "blob")
            and urllib.parse.urlsplit(u).hostname != "127.0.0.1"
        ]
        for p, v in visits.items()
    }
    outside = {p: urls for p, urls in outside.items() if urls}
    assert not outside, f"requests to other hosts: {outside}"
    # the recorder did record
    assert all(len(v.requests) > 1 for v in visits.values())


def _unexpected_errors(visit: Visit) -> list[str]:
    return visit.console_errors + visit.page_errors


def test_no_page_logs_a_console_error_or_misses_a_file(visits):
    errors = {p: _unexpected_errors(v) for p, v in visits.items()}
    errors = {p: e for p, e in errors.items() if e}
    assert not errors, f"console errors: {errors}"
    missing = {p: v.not_found for p, v in visits.items() if v.not_found}
    # the favicon included: the book has one
    assert not missing, f"404s: {missing}"


def test_no_code_cell_is_wider_than_its_box(visits):
    wide = {p: v.wide_code for p, v in visits.items() if v.wide_code}
    assert not wide, f"code cells that scroll sideways at 1280 px: {wide}"


def test_no_table_is_cut_off(visits):
    cut = {p: v.cut_tables for p, v in visits.items() if v.cut_tables}
    assert not cut, (
        f"tables wider than the page with no box to scroll in: {cut}"
    )


def test_on_a_phone_tables_scroll_and_numbers_never_break(site, visits):
    with_tables = [p for p in visits if "<table" in (site / p).read_text()]
    assert "book/comparison.html" in with_tables
    broken = {
        p: v.phone_broken[:5] for p, v in visits.items() if v.phone_broken
    }
    assert not broken, f"numbers split across lines at 375 px: {broken}"
    cut = {p: v.phone_cut for p, v in visits.items() if v.phone_cut}
    assert not cut, f"tables cut off at 375 px: {cut}"


def test_pages_with_maths_show_rendered_mathjax(site, visits):
    with_maths = [p for p in visits if 'class="math' in (site / p).read_text()]
    assert "book/sigmoid.html" in with_maths
    for path in with_maths:
        # Every formula the page ships (span.math / div.math) was typeset, and none failed.
        v = visits[path]
        assert (
            v.math_nodes > 0
            and v.mathjax >= v.math_nodes
            and v.math_errors == 0
        ), (path, v)


def _weights(site, visits) -> dict[str, int]:
    """Bytes each page loads beyond the site's shared assets (SHARED: theme, scripts, MathJax)."""

    def local(url):
        return (
            urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
            or "index.html"
        )

    own = {p: {local(u) for u in v.requests} for p, v in visits.items()}
    own = {
        p: {f for f in fs if not f.startswith(SHARED) and (site / f).is_file()}
        for p, fs in own.items()
    }
    return {
        p: sum((site / f).stat().st_size for f in fs) for p, fs in own.items()
    }


def test_a_chapter_page_weighs_under_2_mb_beyond_the_shared_theme(site, visits):
    weights = _weights(site, visits)
    print(
        "page weights beyond shared assets (bytes):",
        dict(sorted(weights.items(), key=lambda kv: -kv[1])),
    )
    assert (
        weights["book/sigmoid.html"]
        >= (site / "book" / "sigmoid.html").stat().st_size
    )
    heavy = {p: w for p, w in weights.items() if w > PAGE_BUDGET}
    assert not heavy, f"pages over {PAGE_BUDGET} bytes: {heavy}"


def _figure_hash(figure) -> str:
    return hashlib.sha256(figure.screenshot()).hexdigest()


def test_moving_a_slider_on_the_website_changes_the_figure(served, browser):
    visit = Visit("book/sigmoid.html")
    page = _open(browser, f"{served}/book/sigmoid.html", visit)
    figure = page.locator(".acts-figure").first
    figure.scroll_into_view_if_needed()
    assert figure.locator("svg").count() == 2  # drawn by the script: f and f'
    # the fallback gave way
    assert not figure.locator("img.acts-figure-png").is_visible()
    before, path_before = (
        _figure_hash(figure),
        figure.locator("svg path").first.get_attribute("d"),
    )
    slider = figure.locator('input[name="x_max"]')
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")  # x max: 8 → 4
    assert figure.locator("output").nth(1).inner_text().strip() == "4"
    after = _figure_hash(figure)
    assert (
        after != before
        and figure.locator("svg path").first.get_attribute("d") != path_before
    )
    figure.locator('input[name="derivative"]').uncheck()
    assert figure.locator("svg").nth(1).is_hidden() and _figure_hash(
        figure
    ) not in (before, after)
    print(f"sigmoid figure: {before[:16]} → after x max 8→4: {after[:16]}")
    page.close()


@contextlib.contextmanager
def _figure_page(browser, tmp_path, figure):
    """A page holding only `figure`'s HTML, served from 127.0.0.1; yields (page, its Visit)."""
    # An empty icon: else Chromium asks for /favicon.ico, which this page has no reason to have.
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><link rel="icon" href="data:,">'
        f"</head><body>{figure.html}</body></html>"
    )
    server, base = _serve(tmp_path)
    visit = Visit("index.html")
    page = _open(browser, f"{base}/index.html", visit)
    try:
        yield page, visit
        assert not _unexpected_errors(visit) and not visit.page_errors
        assert all(u.startswith(base) for u in visit.requests)
    finally:
        page.close()
        server.shutdown()
        server.server_close()


def test_a_parameter_slider_switches_to_the_precomputed_curve(
    toy, browser, tmp_path
):
    with _figure_page(browser, tmp_path, plotting.explore("toy_scaled")) as (
        page,
        visit,
    ):
        figure = page.locator(".acts-figure")
        frame, before = figure.get_attribute("data-frame"), _figure_hash(figure)
        figure.locator('input[name="a"]').focus()
        # a: 1.0 → 1.25, the next snapped value
        page.keyboard.press("ArrowRight")
        assert figure.locator("output").first.inner_text().strip() == "1.25"
        assert (
            figure.get_attribute("data-frame") != frame
            and _figure_hash(figure) != before
        )
        figure.locator('select[name="mode"]').select_option("linear")
        # a index 3 of 7, mode index 1 of 2
        assert int(figure.get_attribute("data-frame")) == 3 * 2 + 1


def test_a_vector_figure_redraws_outputs_and_jacobian_for_a_new_temperature(
    toy_softmax, browser, tmp_path
):
    with _figure_page(browser, tmp_path, plotting.explore("toy_softmax")) as (
        page,
        visit,
    ):
        figure = page.locator(".acts-figure")
        # one bar per output
        assert figure.locator("svg").nth(0).locator("rect").count() >= 3
        # the 3 × 3 Jacobian
        assert figure.locator("svg").nth(1).locator("rect").count() >= 9
        bars = figure.locator("svg").nth(0).locator("text").all_inner_texts()
        before = _figure_hash(figure)
        figure.locator('input[name="T"]').focus()
        # the highest temperature: the outputs flatten towards 1/3
        page.keyboard.press("End")
        assert (
            figure.locator("svg").nth(0).locator("text").all_inner_texts()
            != bars
        )
        assert _figure_hash(figure) != before


def test_no_generated_output_shows_raw_tex(visits):
    # A table a cell prints in Markdown must reach the reader as maths, not as "$\frac{1}{...}$".
    raw = {p: v.raw_tex[:3] for p, v in visits.items() if v.raw_tex}
    assert not raw, f"raw TeX in cell outputs: {raw}"
