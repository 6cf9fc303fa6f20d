"""Each notebook is executed once per test run: by nbval, whose outputs then seed the website.

`python -m pytest` runs every notebook under nbval (``--nbval-lax``: every cell must run without
an error) and builds the website, which would execute every notebook a second time. Instead,
when nbval has run all the code cells of a notebook without a failure, this plugin writes the
executed notebook, with the outputs nbval received from the kernel, into the execution cache
of the website build (``_build/.jupyter_cache``, keyed on the notebook's code). The build then
renders those outputs rather than running the notebook again; a notebook nbval did not run, or
that failed, is executed by the build as before.

The cache is keyed on code only, so it is emptied at the start of a session whenever `acts/`
has changed since it was filled: the pages never show outputs of an older `acts`.
"""

from __future__ import annotations

import hashlib
import pathlib
import shutil
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parent
BUILD = ROOT / "_build"
# where jupyter-book 1 keeps its execution cache
CACHE = BUILD / ".jupyter_cache"


def _acts_digest() -> str:
    files = sorted((ROOT / "acts").rglob("*.py"))
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


def pytest_sessionstart(session):
    stamp = BUILD / ".acts-hash"
    digest = _acts_digest()
    if not stamp.exists() or stamp.read_text() != digest:
        shutil.rmtree(CACHE, ignore_errors=True)
        BUILD.mkdir(exist_ok=True)
        stamp.write_text(digest)


def _is_notebook_cell(item) -> bool:
    from nbval.plugin import IPyNbCell

    return isinstance(item, IPyNbCell)


def pytest_collection_modifyitems(session, config, items):
    # Notebooks first (sort is stable: cells keep their order), so that the website build,
    # which a later test asks for, finds them executed.
    items.sort(key=lambda item: not _is_notebook_cell(item))


class _Run:
    def __init__(self):
        self.start = time.perf_counter()
        self.outputs: dict[int, list] = {}
        self.failed = False


_RUNS: dict[pathlib.Path, _Run] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    # The first cell's setup starts the notebook's kernel: time the notebook from there.
    if _is_notebook_cell(item):
        _RUNS.setdefault(pathlib.Path(item.parent.path), _Run())
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    if not _is_notebook_cell(item):
        return
    run = _RUNS.setdefault(pathlib.Path(item.parent.path), _Run())
    if report.failed or report.skipped:
        run.failed = True
    if call.when == "call":
        run.outputs[item.cell_num] = getattr(item, "test_outputs", None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if not _is_notebook_cell(item):
        return
    if nextitem is not None and nextitem.parent is item.parent:
        return
    path = pathlib.Path(item.parent.path)
    run = _RUNS.pop(path, None)
    if run is not None and not run.failed:
        _cache_executed(path, run)


def _cache_executed(path: pathlib.Path, run: _Run) -> None:
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    nb = nbformat.read(path, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    if any(run.outputs.get(i) is None for i in range(len(code))):
        return  # a cell did not run: the build executes this notebook itself
    # What nbclient records from the kernel; the build highlights code with its lexer.
    from ipykernel.ipkernel import IPythonKernel

    nb.metadata["language_info"] = dict(IPythonKernel.language_info)
    for count, cell in enumerate(code, start=1):
        cell.execution_count = count
        cell.outputs = [_output(out, count) for out in run.outputs[count - 1]]
    nbformat.validate(nb)
    get_cache(str(CACHE)).cache_notebook_bundle(
        CacheBundleIn(
            nb,
            str(path),
            data={"execution_seconds": time.perf_counter() - run.start},
        ),
        check_validity=False,
        overwrite=True,
    )


def _output(out, count: int):
    import nbformat

    kind = out["output_type"]
    if kind == "stream":
        return nbformat.v4.new_output(
            "stream", name=out["name"], text=out["text"]
        )
    if kind == "execute_result":
        return nbformat.v4.new_output(
            kind,
            data=out["data"],
            metadata=out["metadata"],
            execution_count=count,
        )
    return nbformat.v4.new_output(
        kind, data=out["data"], metadata=out["metadata"]
    )
