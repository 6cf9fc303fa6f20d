"""Student assignments from the book's chapters, with nbgrader: releases without solutions,
autograding.

Three commands, offline, on a plain folder (no JupyterHub, no exchange)::

    python -m acts.assignments release sigmoid [more chapters] | --all \
        --out release/ --course grading/
    python -m acts.assignments autograde submissions/ --course grading/ --out grades.csv [--jobs N]
    python -m acts.assignments feedback --course grading/

`release` reads ``book/<chapter>.ipynb`` (the instructor's source, solutions included), checks that
every exercise has a solution and a check, turns the book's cell tags into nbgrader's metadata,
and runs nbgrader's ``generate_assignment`` in the course directory ``--course`` (created, with its
database ``gradebook.db``, if needed). Each chapter is one assignment named after it (or all of
them one assignment, ``--assignment NAME``). The student notebooks are copied to
``--out/<assignment>/<chapter>.ipynb``.

What a student copy loses, exercise by exercise (see `acts.exercises` for the cell layout):

- the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the ``exercise-answer``
  cell, replaced by ``# YOUR CODE HERE``. A variable or function the solution defines at the top
  level is first set to ``NotImplemented``, so that the check says "not attempted yet" and "Run
  All" goes on; inside a function the stub is nbgrader's ``raise NotImplementedError()``;
- the ``{solution-start}`` / ``{solution-end}`` gate and everything else inside it (the
  solution's prose and any other code cell);
- outputs, and any ``### BEGIN HIDDEN TESTS`` block of a check cell.

The ``exercise-check`` cell becomes a read-only graded cell worth its problem's points
(`acts.problems`), or `points` for a chapter whose checks still use `acts.exercises` directly;
such a check cell's code becomes a hidden test (its references stay out of the student's copy).

`autograde` takes submitted notebooks laid out as ``<student>/<chapter>.ipynb`` (or nbgrader's
``<student>/<assignment>/<chapter>.ipynb``), grades each in a worker (`acts.problems.grader`:
only the answer cells run, in a limited child process; a chapter on the older API runs nbgrader's
autograde in a private copy of the course), writes the scores to nbgrader's gradebook from the
main process, and writes one CSV row per student and assignment: a score per exercise, the
total, the maximum and the reason a submission scored 0 or was noticed.
"""

from __future__ import annotations

import argparse
import ast
import csv
import pathlib
import re
import shutil
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import nbformat

__all__ = [
    "ReleaseError",
    "Exercise",
    "find_exercises",
    "student_source",
    "release",
    "autograde",
    "write_grades",
]

ANSWER_TAG, CHECK_TAG = "exercise-answer", "exercise-check"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
BOOK = pathlib.Path(__file__).resolve().parents[1] / "book"

# A MyST directive fence: ```{name} argument ... ``` (3+ backticks or colons).
_FENCE = r"^(?P<fence>`{3,}|:{3,})\{%s\}(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$\n?"
_EXERCISE = re.compile(_FENCE % r"exercise(?:-start)?", re.M | re.S)
_GATE = re.compile(
    _FENCE % r"(?P<kind>solution-start|solution-end)", re.M | re.S
)
_LABEL = re.compile(r"^\s*:label:\s*(\S+)", re.M)


class ReleaseError(ValueError):
    """A chapter cannot be released: an exercise lacks a solution or a check, or is malformed."""


@dataclass
class Exercise:
    """Where one exercise's cells are in a notebook."""

    label: str
    # exercise-answer cells inside its gate
    answers: list[int] = field(default_factory=list)
    # exercise-check cells after it
    checks: list[int] = field(default_factory=list)
    # has {solution-start} <label>
    gated: bool = False


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _events(text: str):
    """The exercise statements and solution gates of a markdown cell, in order.

    Each is a tuple (start, kind, arg).
    """
    found = [
        (m.start(), "exercise", (_LABEL.search(m["body"]) or [None, None])[1])
        for m in _EXERCISE.finditer(text)
    ]
    found += [
        (m.start(), m["kind"], m["arg"].strip()) for m in _GATE.finditer(text)
    ]
    return sorted(found)


def find_exercises(nb, where: str = "the notebook") -> list[Exercise]:
    """The exercises of a chapter and their cells; ReleaseError for a malformed layout."""
    exercises: list[Exercise] = []
    current: Exercise | None = None
    gate: str | None = None  # the label of the solution gate we are in
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for _, kind, arg in _events(cell.source):
                if kind == "exercise":
                    if not arg:
                        raise ReleaseError(
                            f"{where}: an exercise (cell {i}) has no :label:"
                        )
                    current = Exercise(arg)
                    exercises.append(current)
                elif kind == "solution-start":
                    if current is None or arg != current.label:
                        raise ReleaseError(
                            f"{where}: {{solution-start}} {arg} (cell {i}) does not "
                            "follow the exercise it solves"
                        )
                    current.gated, gate = True, arg
                else:
                    gate = None
            continue
        tags = _tags(cell)
        if ANSWER_TAG in tags:
            label = (
                current.label if current else f"before any exercise (cell {i})"
            )
            if gate is None or current is None:
                raise ReleaseError(
                    f"{where}: exercise {label}: its {ANSWER_TAG} cell (cell {i}) is "
                    "not inside {solution-start}/{solution-end}, so the website "
                    "would show the solution"
                )
            if BEGIN not in cell.source or END not in cell.source:
                raise ReleaseError(
                    f"{where}: exercise {label}: its {ANSWER_TAG} cell (cell {i}) has "
                    f"no solution between '{BEGIN}' and '{END}'"
                )
            current.answers.append(i)
        elif CHECK_TAG in tags:
            if current is None or gate is not None:
                raise ReleaseError(
                    f"{where}: the {CHECK_TAG} cell {i} must follow an exercise's "
                    "{solution-end}"
                )
            current.checks.append(i)
        elif BEGIN in cell.source:
            label = current.label if current else "?"
            raise ReleaseError(
                f"{where}: exercise {label}: cell {i} has '{BEGIN}' but is not "
                f"tagged {ANSWER_TAG}"
            )
    for ex in exercises:
        if not ex.gated or not ex.answers:
            raise ReleaseError(
                f"{where}: exercise {ex.label} has no solution (a {{solution-start}} "
                f"{ex.label} gate holding a code cell tagged {ANSWER_TAG} with "
                f"'{BEGIN}' ... '{END}')"
            )
        if not ex.checks:
            raise ReleaseError(
                f"{where}: exercise {ex.label} has no check (a code cell tagged "
                f"{CHECK_TAG} after its solution)"
            )
    return exercises


def _drop_gated_text(text: str, inside: bool) -> tuple[str, bool]:
    """Remove solution gates and what they enclose from markdown.

    Returns (kept text, still inside).
    """
    kept, pos = [], 0
    for m in _GATE.finditer(text):
        if not inside:
            kept.append(text[pos : m.start()])
        inside = m["kind"] == "solution-start"
        pos = m.end()
    if not inside:
        kept.append(text[pos:])
    return "".join(kept).strip("\n"), inside


def _stub_markers(source: str) -> str:
    """Set the names a top-level solution defines to NotImplemented before '### BEGIN SOLUTION'.

    nbgrader replaces the solution by ``raise NotImplementedError()``, after which the names the
    check needs would be undefined (a NameError); NotImplemented makes the check say "not
    attempted yet" instead.
    """
    lines = source.split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == BEGIN and not line[: len(line) - len(line.lstrip())]:
            j = next(
                k for k in range(i + 1, len(lines)) if lines[k].strip() == END
            )
            try:
                body = ast.parse("\n".join(lines[i + 1 : j]))
            except SyntaxError:
                body = ast.Module(body=[], type_ignores=[])
            names: list[str] = []
            for node in body.body:
                targets = (
                    node.targets
                    if isinstance(node, ast.Assign)
                    else [node.target]
                    if isinstance(node, (ast.AnnAssign, ast.AugAssign))
                    else [ast.Name(node.name)]
                    if isinstance(
                        node,
                        (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef),
                    )
                    else []
                )
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name) and n.id not in names:
                            names.append(n.id)
            out += [f"{n} = NotImplemented" for n in names]
        out.append(line)
        i += 1
    return "\n".join(out)


HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
GRADED_LATER = 'print("This exercise is checked when it is graded.")'


def _problems(nb, where: str):
    """The chapter's problems (acts/problems/<chapter>.py) if its checks use them, else None."""
    from .problems import chapter_problems

    stem = pathlib.Path(where).stem
    problems = chapter_problems(stem) if stem.isidentifier() else None
    checks = [c.source for c in nb.cells if CHECK_TAG in _tags(c)]
    if (
        problems
        and checks
        and all(re.fullmatch(r"\s*\w+\.check\(\)\s*", s) for s in checks)
    ):
        return problems
    return None


def student_source(nb, where: str = "the notebook", points: int = 1):
    """The notebook nbgrader's generate_assignment starts from: nbgrader metadata, gates dropped.

    The solutions are still in it (nbgrader's source version); generate_assignment removes them.
    A check cell is worth its problem's points (acts.problems) or `points`; a check cell of the
    older API, whose code holds the references, becomes a hidden test, so that the student's copy
    only says it is checked when graded.
    """
    exercises = find_exercises(nb, where)
    problems = _problems(nb, where)
    worth = {p.label: p.points for p in problems or []}
    role = {}
    for ex in exercises:
        for i in ex.answers:
            role[i] = (ex.label, "answer", len(ex.answers))
        for i in ex.checks:
            role[i] = (ex.label, "check", len(ex.checks))
    counts: dict[tuple[str, str], int] = {}
    cells, inside = [], False
    for i, cell in enumerate(nb.cells):
        cell = nbformat.from_dict(dict(cell))
        cell.metadata = nbformat.from_dict(dict(cell.get("metadata", {})))
        if cell.cell_type == "markdown":
            cell.source, inside = _drop_gated_text(cell.source, inside)
            if cell.source.strip():
                cells.append(cell)
            continue
        if i not in role:
            # code inside a solution gate other than the answer is solution too
            if not inside:
                cells.append(cell)
            continue
        label, kind, n = role[i]
        counts[label, kind] = counts.get((label, kind), 0) + 1
        grade_id = f"{label}-{kind}" + (
            f"-{counts[label, kind]}" if n > 1 else ""
        )
        meta = {"grade_id": grade_id, "schema_version": 3, "task": False}
        if kind == "answer":
            cell.source = _stub_markers(cell.source)
            meta.update(solution=True, grade=False, locked=False)
        else:
            meta.update(
                solution=False,
                grade=True,
                locked=True,
                points=worth.get(label, points) if n == 1 else points,
            )
            if problems is None and HIDDEN_BEGIN not in cell.source:
                cell.source = f"{GRADED_LATER}\n{HIDDEN_BEGIN}\n{cell.source}\n{HIDDEN_END}"
        cell.metadata["nbgrader"] = meta
        cells.append(cell)
    out = nbformat.from_dict(dict(nb))
    out.cells = cells
    return out


def _runnable_stubs(path: pathlib.Path) -> None:
    """A released notebook runs top to bottom: a top-level stub assigns NotImplemented, not raises.

    nbgrader's stub is ``raise NotImplementedError()``; at the top level of a cell it would stop
    "Run All". The names the solution defined are already NotImplemented (_stub_markers), so the
    raise is dropped there; inside a function it stays (calling the stub is "not attempted").
    """
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if (
            cell.get("metadata", {}).get("nbgrader", {}).get("solution")
            and cell.cell_type == "code"
        ):
            cell.source = re.sub(
                r"^# YOUR CODE HERE\nraise NotImplementedError\(\)$",
                "# YOUR CODE HERE",
                cell.source,
                flags=re.M,
            )
    nbformat.write(nb, path)


# --------------------------------------------------------------------------- nbgrader


def _api(course: pathlib.Path, timeout: int = 60):
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = f"sqlite:///{course / 'gradebook.db'}"
    # per cell; the checker's own limit stops endless loops first
    config.Execute.timeout = timeout
    return NbGraderAPI(config=config)


def _run(result: dict, what: str) -> None:
    if not result.get("success"):
        raise RuntimeError(
            f"nbgrader {what} failed:\n{result.get('error') or ''}\n"
            f"{result.get('log') or ''}"
        )


def chapter_path(chapter: str, book: pathlib.Path = BOOK) -> pathlib.Path:
    """book/<chapter>.ipynb, or `chapter` itself if it is a path to a notebook."""
    p = pathlib.Path(chapter)
    if p.suffix == ".ipynb" and p.exists():
        return p
    p = pathlib.Path(book) / f"{chapter}.ipynb"
    if not p.exists():
        raise ReleaseError(f"no chapter {chapter!r}: {p} does not exist")
    return p


def release(
    chapters: Sequence[str],
    out: pathlib.Path,
    course: pathlib.Path,
    assignment: str | None = None,
    book: pathlib.Path = BOOK,
    points: int = 1,
) -> list[pathlib.Path]:
    """Release `chapters` without solutions into `out`; return the student notebooks written."""
    out, course = pathlib.Path(out).resolve(), pathlib.Path(course).resolve()
    # Check every chapter before writing anything.
    sources = {}
    for chapter in chapters:
        path = chapter_path(chapter, book)
        nb = nbformat.read(path, as_version=4)
        sources[path] = student_source(nb, str(path), points)
    groups: dict[str, list[pathlib.Path]] = {}
    for path in sources:
        groups.setdefault(assignment or path.stem, []).append(path)
    api = _api(course)
    written = []
    for name, paths in groups.items():
        src = course / "source" / name
        shutil.rmtree(src, ignore_errors=True)
        src.mkdir(parents=True)
        for path in paths:
            nbformat.write(sources[path], src / path.name)
        _run(
            api.generate_assignment(name, force=True, create=True),
            f"generate_assignment {name}",
        )
        for nb_path in (course / "release" / name).glob("*.ipynb"):
            _runnable_stubs(nb_path)
        dest = out / name
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(course / "release" / name, dest)
        written += sorted(dest.glob("*.ipynb"))
    return written


def exercise_chapters(book: pathlib.Path = BOOK) -> list[str]:
    """Every chapter with exercises (what ``release --all`` releases)."""
    import json

    return sorted(
        p.stem
        for p in pathlib.Path(book).glob("*.ipynb")
        if any(
            ANSWER_TAG in c.get("metadata", {}).get("tags", [])
            for c in json.loads(p.read_text()).get("cells", [])
        )
    )


# --------------------------------------------------------------------------- autograde

#: What browsers and Jupyter add to a file name: "sigmoid (1).ipynb", "sigmoid-Copy1.ipynb".
_RENAMED = re.compile(
    r"^(?P<stem>.+?)(?:\s*\(\d+\)|-Copy\d*|_copy\d*| copy\d*)+$", re.I
)


@dataclass
class Submission:
    """One student's notebook for one released notebook, or why it cannot be graded."""

    student: str
    path: pathlib.Path | None
    notebook: str = ""  # the released notebook's name (its chapter)
    assignment: str = ""
    reason: str = ""  # why it is not graded (score 0), or a note
    graded: bool = True


def _student_folders(folder: pathlib.Path) -> list[pathlib.Path]:
    folder = pathlib.Path(folder)
    if not folder.is_dir():
        raise ReleaseError(f"no submissions folder {folder}")
    students = sorted(
        p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")
    )
    if not students:
        raise ReleaseError(
            f"{folder} has no student folders (<student>/<chapter>.ipynb): "
            "nothing to grade"
        )
    return students


def find_submissions(
    folder: pathlib.Path, owner: dict[str, str]
) -> list[Submission]:
    """Each student's notebooks, matched to the released notebooks; the unusable ones with why."""
    students = _student_folders(folder)
    found: list[Submission] = []
    for student_dir in students:
        student = student_dir.name
        notebooks = sorted(
            p
            for p in student_dir.rglob("*.ipynb")
            if ".ipynb_checkpoints" not in p.parts
        )
        if not notebooks:
            found.append(
                Submission(
                    student, None, reason="no notebook submitted", graded=False
                )
            )
            continue
        mine: dict[str, Submission] = {}
        for path in notebooks:
            stem, note = path.stem, ""
            if (
                stem not in owner
                and (m := _RENAMED.match(stem))
                and m["stem"] in owner
            ):
                note = f"graded {path.name} as {m['stem']}.ipynb"
                stem = m["stem"]
            if stem not in owner:
                found.append(
                    Submission(
                        student,
                        path,
                        reason=f"{path.name} is not a released "
                        f"notebook (released: {', '.join(sorted(owner))})",
                        graded=False,
                    )
                )
                continue
            sub = Submission(student, path, stem, owner[stem], note)
            # two copies: the exactly named one, else the newest
            if stem in mine:
                other = mine[stem]
                keep = (
                    other
                    if other.path.stem == stem
                    or (
                        path.stem != stem
                        and other.path.stat().st_mtime >= path.stat().st_mtime
                    )
                    else sub
                )
                drop = sub if keep is other else other
                keep.reason = "; ".join(
                    filter(
                        None,
                        [
                            keep.reason,
                            f"{drop.path.name} not graded: "
                            f"{keep.path.name} was",
                        ],
                    )
                )
                mine[stem] = keep
            else:
                mine[stem] = sub
        found += mine.values()
    if not any(s.path for s in found):
        raise ReleaseError(
            f"{folder} holds no submitted notebooks: nothing to grade"
        )
    return found


def _read_notebook(path: pathlib.Path):
    """The submitted notebook, or ReleaseError saying why it cannot be read."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ReleaseError(f"{path.name} is not a text file") from None
    except ValueError as exc:
        raise ReleaseError(
            f"{path.name} is not a valid notebook (invalid JSON: {exc})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise ReleaseError(f"{path.name} is not a notebook (no cells)")
    return data


def _cap_outputs(nb, limit: int) -> None:
    """Truncate every output of the graded notebook to `limit` characters."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if (
                out.get("output_type") == "stream"
                and len(out.get("text", "")) > limit
            ):
                cut = len(out["text"]) - limit
                out["text"] = (
                    out["text"][:limit]
                    + f"\n[... {cut} more characters not kept]"
                )
            for key, value in list(out.get("data", {}).items()):
                if isinstance(value, str) and len(value) > limit:
                    out["data"][key] = value[:limit] + "\n[... not kept]"


def _grade_one(sub: Submission, course: pathlib.Path, limits) -> dict:
    """Grade one submission (in a worker); the scores by grade cell and the graded notebook."""
    from .problems import chapter_problems
    from .problems.grader import grade_notebook

    try:
        data = _read_notebook(sub.path)
        problems = chapter_problems(sub.notebook)
        source = nbformat.read(
            course / "source" / sub.assignment / f"{sub.notebook}.ipynb", 4
        )
        if problems and _problems(source, f"{sub.notebook}.ipynb"):
            result = grade_notebook(data, sub.notebook, problems, limits)
            scores = {f"{label}-check": s for label, s in result.scores.items()}
            nb = nbformat.from_dict(data)
            for cell in nb.cells:
                gid = (
                    cell.get("metadata", {})
                    .get("nbgrader", {})
                    .get("grade_id", "")
                )
                if cell.cell_type != "code":
                    continue
                if gid.endswith("-check") and gid[:-6] in result.reports:
                    cell.source = next(
                        (
                            c.source
                            for c in source.cells
                            if c.get("metadata", {})
                            .get("nbgrader", {})
                            .get("grade_id")
                            == gid
                        ),
                        cell.source,
                    )
                    cell.outputs = [
                        nbformat.v4.new_output(
                            "stream",
                            name="stdout",
                            text=result.reports[gid[:-6]] + "\n",
                        )
                    ]
                elif gid in result.outputs:
                    text = result.outputs[gid]
                    cell.outputs = (
                        [
                            nbformat.v4.new_output(
                                "stream", name="stdout", text=text
                            )
                        ]
                        if text
                        else []
                    )
            _cap_outputs(nb, limits.output_limit)
            notes = "; ".join(result.notes)
            return {
                "scores": scores,
                "notebook": nbformat.writes(nb),
                "note": notes,
            }
        return _grade_legacy(sub, course, data, limits)
    except ReleaseError as exc:
        return {"error": str(exc)}
    except Exception as exc:  # never let one submission stop the class
        return {"error": f"could not be graded: {type(exc).__name__}: {exc}"}


def _grade_legacy(sub: Submission, course: pathlib.Path, data, limits) -> dict:
    """A chapter still on the older exercise API: nbgrader autograde, in a private course copy."""
    import tempfile

    from nbgrader.api import Gradebook

    with tempfile.TemporaryDirectory(prefix="acts-nbgrader-") as tmp:
        private = pathlib.Path(tmp)
        shutil.copy(course / "gradebook.db", private / "gradebook.db")
        shutil.copytree(
            course / "source" / sub.assignment,
            private / "source" / sub.assignment,
        )
        dest = private / "submitted" / sub.student / sub.assignment
        dest.mkdir(parents=True)
        nbformat.write(nbformat.from_dict(data), dest / f"{sub.notebook}.ipynb")
        api = _api(private, int(max(limits.time_limit * 6, 30)))
        result = api.autograde(
            sub.assignment, sub.student, force=True, create=True
        )
        if not result.get("success"):
            log = (result.get("error") or "") + (result.get("log") or "")
            why = (
                "the kernel died (exit()?)"
                if "DeadKernel" in log or "died" in log
                else "a cell timed out"
                if "Timeout" in log
                else "nbgrader autograde failed"
            )
            return {"error": f"could not be graded: {why}"}
        with Gradebook(f"sqlite:///{private / 'gradebook.db'}") as gb:
            nb = gb.find_submission_notebook(
                sub.notebook, sub.assignment, sub.student
            )
            scores = {g.name: g.score for g in nb.grades if g.max_score}
        graded = nbformat.read(
            private
            / "autograded"
            / sub.student
            / sub.assignment
            / f"{sub.notebook}.ipynb",
            4,
        )
        _cap_outputs(graded, limits.output_limit)
        return {
            "scores": scores,
            "notebook": nbformat.writes(graded),
            "note": "",
        }


def _worker(args):
    return _grade_one(*args)


def autograde(
    submissions: pathlib.Path,
    course: pathlib.Path,
    timeout: int | None = None,
    jobs: int | None = None,
    limits=None,
) -> list[dict]:
    """Grade every submitted notebook against the release in `course`; the grade rows.

    Every student gets a row: a submission that cannot be graded scores 0 with the reason.
    Grading runs in `jobs` worker processes; only this process writes nbgrader's gradebook.
    """
    import concurrent.futures
    import multiprocessing
    import os

    from .problems.grader import Limits

    limits = limits or Limits()
    if timeout is not None:
        limits.time_limit = timeout
    submissions, course = (
        pathlib.Path(submissions).resolve(),
        pathlib.Path(course).resolve(),
    )
    if not (course / "gradebook.db").exists():
        raise ReleaseError(
            f"{course} has no gradebook.db: release the chapters there first"
        )
    # before nbgrader's slow import: a wrong path fails at once
    _student_folders(submissions)
    from nbgrader.api import Gradebook

    db_url = f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(db_url) as gb:
        owner = {nb.name: a.name for a in gb.assignments for nb in a.notebooks}
        max_points = {
            (a.name, nb.name): {c.name: c.max_score for c in nb.grade_cells}
            for a in gb.assignments
            for nb in a.notebooks
        }
    found = find_submissions(submissions, owner)
    todo = [s for s in found if s.graded]
    if not jobs:
        jobs = (
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1)
        )
    jobs = max(1, min(jobs, len(todo) or 1))
    # Import each chapter's problems and compute its setup once, here: forked workers inherit them.
    from .problems import chapter_problems, setup_namespace

    for chapter in {s.notebook for s in todo}:
        for p in (chapter_problems(chapter) or [])[:1]:
            setup_namespace(p.setup)
    args = [(s, course, limits) for s in todo]
    if jobs == 1:
        results = [_worker(a) for a in args]
    else:
        context = multiprocessing.get_context(
            "fork" if sys.platform != "win32" else "spawn"
        )
        with concurrent.futures.ProcessPoolExecutor(
            jobs, mp_context=context
        ) as pool:
            results = list(pool.map(_worker, args))
    # Serially, in this process: the gradebook, the graded notebooks, the rows.
    rows = []
    with Gradebook(db_url) as gb:
        for sub, result in zip(todo, results):
            cells = max_points[sub.assignment, sub.notebook]
            row = {"student": sub.student, "assignment": sub.assignment}
            scores = result.get("scores", {})
            for name, max_score in cells.items():
                if max_score:
                    row[re.sub(r"-check(-\d+)?$", r"\1", name)] = scores.get(
                        name, 0
                    )
            row["score"] = sum(scores.get(n, 0) for n in cells)
            row["max_score"] = sum(cells.values())
            row["reason"] = "; ".join(
                filter(
                    None,
                    [
                        sub.reason,
                        result.get("error", ""),
                        result.get("note", ""),
                    ],
                )
            )
            rows.append(row)
            gb.update_or_create_student(sub.student)
            gb.update_or_create_submission(sub.assignment, sub.student)
            for name in cells:
                grade = gb.find_grade(
                    name, sub.notebook, sub.assignment, sub.student
                )
                grade.auto_score = float(scores.get(name, 0))
            gb.db.commit()
            dest = course / "autograded" / sub.student / sub.assignment
            dest.mkdir(parents=True, exist_ok=True)
            if "notebook" in result:
                (dest / f"{sub.notebook}.ipynb").write_text(result["notebook"])
    for sub in found:
        if not sub.graded:
            rows.append(
                {
                    "student": sub.student,
                    "assignment": sub.assignment,
                    "score": 0,
                    "max_score": "",
                    "reason": sub.reason,
                }
            )
    rows.sort(key=lambda r: (r["student"], r["assignment"]))
    return rows


def feedback(
    course: pathlib.Path,
    assignment: str | None = None,
    student: str | None = None,
) -> list[pathlib.Path]:
    """nbgrader's generate_feedback: an HTML report per graded notebook, in course/feedback/."""
    from nbgrader.api import Gradebook

    course = pathlib.Path(course).resolve()
    if not (course / "gradebook.db").exists():
        raise ReleaseError(
            f"{course} has no gradebook.db: release and autograde there first"
        )
    api = _api(course)
    with Gradebook(api.coursedir.db_url) as gb:
        names = [a.name for a in gb.assignments if assignment in (None, a.name)]
    if not names:
        raise ReleaseError(f"no assignment {assignment!r} in {course}")
    for name in names:
        _run(api.generate_feedback(name, student), f"generate_feedback {name}")
    return sorted((course / "feedback").rglob("*.html"))


def write_grades(rows: list[dict], path: pathlib.Path) -> None:
    """The grades table: student, assignment, one column per exercise, score, max_score, reason."""
    columns = ["student", "assignment"]
    for row in rows:
        columns += [
            k
            for k in row
            if k not in columns and k not in ("score", "max_score", "reason")
        ]
    columns += ["score", "max_score", "reason"]
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, columns, restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: (f"{v:g}" if isinstance(v, float) else v)
                    for k, v in row.items()
                }
            )


def main(argv: Sequence[str] | None = None) -> int:
    from .problems.grader import Limits

    d = Limits()
    parser = argparse.ArgumentParser(
        prog="python -m acts.assignments", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    rel = sub.add_parser(
        "release",
        help="student notebooks without solutions (nbgrader generate_assignment)",
    )
    rel.add_argument(
        "chapters",
        nargs="*",
        help="chapter names (book/<name>.ipynb) or notebook paths",
    )
    rel.add_argument(
        "--all", action="store_true", help="every chapter with exercises"
    )
    rel.add_argument(
        "--out",
        default="release",
        help="where the student notebooks go (default: release/)",
    )
    rel.add_argument(
        "--course",
        default="grading",
        help="nbgrader course directory and its gradebook.db "
        "(default: grading/)",
    )
    rel.add_argument(
        "--assignment",
        help="release all chapters as one assignment of this name",
    )
    rel.add_argument(
        "--book",
        default=str(BOOK),
        help="where chapters are found (default: the book/ folder)",
    )
    rel.add_argument(
        "--points",
        type=int,
        default=1,
        help="points per check cell of a chapter without "
        "acts/problems/<chapter>.py (default: 1)",
    )
    grade = sub.add_parser(
        "autograde",
        help="grade submitted notebooks into a CSV (a row per student)",
    )
    grade.add_argument(
        "submissions", help="folder of <student>/<chapter>.ipynb"
    )
    grade.add_argument(
        "--out",
        default="grades.csv",
        help="the grades table (default: grades.csv)",
    )
    grade.add_argument(
        "--course",
        default="grading",
        help="the course directory of the release",
    )
    grade.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="parallel workers (default: the cores available)",
    )
    grade.add_argument(
        "--time-limit",
        type=float,
        default=d.time_limit,
        help="CPU seconds per answer "
        f"cell and per checked part (default: {d.time_limit:g})",
    )
    grade.add_argument(
        "--wall-limit",
        type=float,
        default=d.wall_limit,
        help="wall-clock seconds per "
        f"submission, a backstop (default: {d.wall_limit:g})",
    )
    grade.add_argument(
        "--memory-limit",
        type=int,
        default=d.memory_limit,
        help=f"MB of memory per submission (default: {d.memory_limit})",
    )
    grade.add_argument(
        "--output-limit",
        type=int,
        default=d.output_limit,
        help="characters of output "
        f"kept per cell in the graded notebook (default: {d.output_limit})",
    )
    fb = sub.add_parser(
        "feedback",
        help="HTML feedback per graded notebook (nbgrader generate_feedback)",
    )
    fb.add_argument(
        "--course",
        default="grading",
        help="the course directory of the release",
    )
    fb.add_argument("--assignment", help="only this assignment (default: all)")
    fb.add_argument("--student", help="only this student (default: all)")
    args = parser.parse_args(argv)
    # nbgrader 0.9's gradebook trips SQLAlchemy 2's autoflush warning; it is harmless noise here.
    warnings.filterwarnings("ignore", message=".*not in session.*")
    try:
        if args.command == "release":
            chapters = list(args.chapters) + (
                exercise_chapters(pathlib.Path(args.book)) if args.all else []
            )
            if not chapters:
                raise ReleaseError("name the chapters to release, or --all")
            for p in release(
                list(dict.fromkeys(chapters)),
                pathlib.Path(args.out),
                pathlib.Path(args.course),
                args.assignment,
                pathlib.Path(args.book),
                args.points,
            ):
                print(f"released {p}")
        elif args.command == "autograde":
            limits = Limits(
                args.time_limit,
                args.wall_limit,
                args.memory_limit,
                args.output_limit,
            )
            rows = autograde(
                pathlib.Path(args.submissions),
                pathlib.Path(args.course),
                jobs=args.jobs,
                limits=limits,
            )
            write_grades(rows, pathlib.Path(args.out))
            for row in rows:
                score, top = row["score"], row["max_score"]
                print(
                    f"{row['student']} {row['assignment'] or '?'}: {score:g} / "
                    f"{top if top == '' else format(top, 'g')}"
                    + (f" ({row['reason']})" if row["reason"] else "")
                )
            print(f"wrote {args.out}")
        else:
            for p in feedback(
                pathlib.Path(args.course), args.assignment, args.student
            ):
                print(f"feedback {p}")
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
