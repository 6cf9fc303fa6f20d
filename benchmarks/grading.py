"""Autograding speed: 40 generated submissions of one chapter, graded serially and in parallel.

    python benchmarks/grading.py [--chapter sigmoid] [--students 40] [--jobs N]

Releases the chapter into a temporary course, writes `--students` submissions (a mix of solved,
untouched and partly wrong copies, as a class hands in), and runs ``autograde`` twice, with
``--jobs 1`` and with ``--jobs N`` (default: the cores available). Prints the wall-clock seconds
per submission of each, and the time of the whole command (nbgrader's start and the gradebook
included). Times depend on the machine and its load: say which when quoting them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import pathlib
import re
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from acts.assignments import BEGIN, END, main  # noqa: E402


def solutions(chapter: str) -> list[str]:
    nb = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4)
    return [
        m.group(1).rstrip("\n")
        for c in nb.cells
        for m in re.finditer(
            rf"^[ \t]*{BEGIN}\n(.*?)^[ \t]*{END}", c.source, re.M | re.S
        )
    ]


def fill(released, answers):
    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    cells = [
        c for c in nb.cells if "exercise-answer" in c.metadata.get("tags", [])
    ]
    for cell, answer in zip(cells, answers):
        if answer is not None:
            cell.source = re.sub(
                r"^[ \t]*# YOUR CODE HERE(\n[ \t]*raise NotImplementedError\(\))?$",
                lambda _m: answer,
                cell.source,
                count=1,
                flags=re.M,
            )
    return nb


def run(argv) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main([str(a) for a in argv])
    assert code == 0, argv
    return time.perf_counter() - start


def bench(chapter: str, students: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = pathlib.Path(tmp)
        run(
            [
                "release",
                chapter,
                "--out",
                base / "release",
                "--course",
                base / "grading",
            ]
        )
        released = nbformat.read(
            base / "release" / chapter / f"{chapter}.ipynb", as_version=4
        )
        sol = solutions(chapter)
        kinds = [sol, [None] * len(sol), [None, *sol[1:]], [*sol[:-1], None]]
        for i in range(students):
            folder = base / "submissions" / f"student{i:03d}"
            folder.mkdir(parents=True)
            nbformat.write(
                fill(released, kinds[i % len(kinds)]),
                folder / f"{chapter}.ipynb",
            )
        print(
            f"{chapter}: {students} submissions, {len(sol)} answer cells; "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
        )
        for n in (1, jobs):
            seconds = run(
                [
                    "autograde",
                    base / "submissions",
                    "--course",
                    base / "grading",
                    "--out",
                    base / f"grades{n}.csv",
                    "--jobs",
                    n,
                ]
            )
            print(
                f"  --jobs {n}: {seconds:6.1f} s in all, {seconds / students:5.2f} s per "
                "submission"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chapter", default="sigmoid")
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument(
        "--jobs",
        type=int,
        default=len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count() or 1,
    )
    args = parser.parse_args()
    bench(args.chapter, args.students, args.jobs)
