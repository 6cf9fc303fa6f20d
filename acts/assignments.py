"""Student assignments from the book's chapters, with nbgrader: a release without solutions, autograding.

Two commands, offline, on a plain folder (no JupyterHub, no exchange)::

    python -m acts.assignments release sigmoid [more chapters] --out release/ --course grading/
    python -m acts.assignments autograde submissions/ --course grading/ --out grades.csv

`release` reads ``book/<chapter>.ipynb`` (the instructor's source, solutions included), checks that
every exercise has a solution and a check, turns the book's cell tags into nbgrader's metadata,
and runs nbgrader's ``generate_assignment`` in the course directory ``--course`` (created, with its
database ``gradebook.db``, if needed). Each chapter is one assignment named after it (or all of
them one assignment, ``--assignment NAME``). The student notebooks are copied to
``--out/<assignment>/<chapter>.ipynb``.

What a student copy loses, exercise by exercise (see `acts.exercises` for the cell layout):

- the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the ``exercise-answer``
  cell, which nbgrader replaces by ``raise NotImplementedError()``. A variable or function the
  solution defines at the top level is first set to ``NotImplemented``, so that the check says
  "not attempted yet" rather than NameError;
- the ``{solution-start}`` / ``{solution-end}`` gate and everything else inside it (the
  solution's prose and any other code cell);
- outputs, and any ``### BEGIN HIDDEN TESTS`` block of a check cell.

The ``exercise-check`` cell becomes an autograded test cell worth `points` (1), read-only.

`autograde` takes submitted notebooks laid out as ``<student>/<chapter>.ipynb`` (or nbgrader's
``<student>/<assignment>/<chapter>.ipynb``), runs nbgrader's ``autograde`` on each, and writes
one CSV row per student and assignment: a score per exercise, the total and the maximum.
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
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import nbformat

__all__ = ["ReleaseError", "Exercise", "find_exercises", "student_source", "release", "autograde",
           "write_grades"]

ANSWER_TAG, CHECK_TAG = "exercise-answer", "exercise-check"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
BOOK = pathlib.Path(__file__).resolve().parents[1] / "book"

# A MyST directive fence: ```{name} argument ... ``` (3+ backticks or colons).
_FENCE = r"^(?P<fence>`{3,}|:{3,})\{%s\}(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$\n?"
_EXERCISE = re.compile(_FENCE % r"exercise(?:-start)?", re.M | re.S)
_GATE = re.compile(_FENCE % r"(?P<kind>solution-start|solution-end)", re.M | re.S)
_LABEL = re.compile(r"^\s*:label:\s*(\S+)", re.M)


class ReleaseError(ValueError):
    """A chapter cannot be released: an exercise lacks a solution or a check, or is malformed."""


@dataclass
class Exercise:
    """Where one exercise's cells are in a notebook."""

    label: str
    answers: list[int] = field(default_factory=list)  # exercise-answer cells inside its gate
    checks: list[int] = field(default_factory=list)   # exercise-check cells after it
    gated: bool = False                                # has {solution-start} <label>


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _events(text: str):
    """The exercise statements and solution gates of a markdown cell, in order: (start, kind, arg)."""
    found = [(m.start(), "exercise", (_LABEL.search(m["body"]) or [None, None])[1])
             for m in _EXERCISE.finditer(text)]
    found += [(m.start(), m["kind"], m["arg"].strip()) for m in _GATE.finditer(text)]
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
                        raise ReleaseError(f"{where}: an exercise (cell {i}) has no :label:")
                    current = Exercise(arg)
                    exercises.append(current)
                elif kind == "solution-start":
                    if current is None or arg != current.label:
                        raise ReleaseError(f"{where}: {{solution-start}} {arg} (cell {i}) does not "
                                           "follow the exercise it solves")
                    current.gated, gate = True, arg
                else:
                    gate = None
            continue
        tags = _tags(cell)
        if ANSWER_TAG in tags:
            label = current.label if current else f"before any exercise (cell {i})"
            if gate is None or current is None:
                raise ReleaseError(f"{where}: exercise {label}: its {ANSWER_TAG} cell (cell {i}) is "
                                   "not inside {solution-start}/{solution-end}, so the website "
                                   "would show the solution")
            if BEGIN not in cell.source or END not in cell.source:
                raise ReleaseError(f"{where}: exercise {label}: its {ANSWER_TAG} cell (cell {i}) has "
                                   f"no solution between '{BEGIN}' and '{END}'")
            current.answers.append(i)
        elif CHECK_TAG in tags:
            if current is None or gate is not None:
                raise ReleaseError(f"{where}: the {CHECK_TAG} cell {i} must follow an exercise's "
                                   "{solution-end}")
            current.checks.append(i)
        elif BEGIN in cell.source:
            label = current.label if current else "?"
            raise ReleaseError(f"{where}: exercise {label}: cell {i} has '{BEGIN}' but is not "
                               f"tagged {ANSWER_TAG}")
    for ex in exercises:
        if not ex.gated or not ex.answers:
            raise ReleaseError(f"{where}: exercise {ex.label} has no solution (a {{solution-start}} "
                               f"{ex.label} gate holding a code cell tagged {ANSWER_TAG} with "
                               f"'{BEGIN}' ... '{END}')")
        if not ex.checks:
            raise ReleaseError(f"{where}: exercise {ex.label} has no check (a code cell tagged "
                               f"{CHECK_TAG} after its solution)")
    return exercises


def _drop_gated_text(text: str, inside: bool) -> tuple[str, bool]:
    """Remove solution gates and what they enclose from markdown; return (kept text, still inside)."""
    kept, pos = [], 0
    for m in _GATE.finditer(text):
        if not inside:
            kept.append(text[pos:m.start()])
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
            j = next(k for k in range(i + 1, len(lines)) if lines[k].strip() == END)
            try:
                body = ast.parse("\n".join(lines[i + 1:j]))
            except SyntaxError:
                body = ast.Module(body=[], type_ignores=[])
            names: list[str] = []
            for node in body.body:
                targets = (node.targets if isinstance(node, ast.Assign) else
                           [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else
                           [ast.Name(node.name)] if isinstance(
                               node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else [])
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name) and n.id not in names:
                            names.append(n.id)
            out += [f"{n} = NotImplemented" for n in names]
        out.append(line)
        i += 1
    return "\n".join(out)


def student_source(nb, where: str = "the notebook", points: int = 1):
    """The notebook nbgrader's generate_assignment starts from: nbgrader metadata, gates dropped.

    The solutions are still in it (nbgrader's source version); generate_assignment removes them.
    """
    exercises = find_exercises(nb, where)
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
            if not inside:  # code inside a solution gate other than the answer is solution too
                cells.append(cell)
            continue
        label, kind, n = role[i]
        counts[label, kind] = counts.get((label, kind), 0) + 1
        grade_id = f"{label}-{kind}" + (f"-{counts[label, kind]}" if n > 1 else "")
        meta = {"grade_id": grade_id, "schema_version": 3, "task": False}
        if kind == "answer":
            cell.source = _stub_markers(cell.source)
            meta.update(solution=True, grade=False, locked=False)
        else:
            meta.update(solution=False, grade=True, locked=True, points=points)
        cell.metadata["nbgrader"] = meta
        cells.append(cell)
    out = nbformat.from_dict(dict(nb))
    out.cells = cells
    return out


# --------------------------------------------------------------------------- nbgrader


def _api(course: pathlib.Path, timeout: int = 60):
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = f"sqlite:///{course / 'gradebook.db'}"
    config.Execute.timeout = timeout  # per cell; the checker's own limit stops endless loops first
    return NbGraderAPI(config=config)


def _run(result: dict, what: str) -> None:
    if not result.get("success"):
        raise RuntimeError(f"nbgrader {what} failed:\n{result.get('error') or ''}\n"
                           f"{result.get('log') or ''}")


def chapter_path(chapter: str, book: pathlib.Path = BOOK) -> pathlib.Path:
    """book/<chapter>.ipynb, or `chapter` itself if it is a path to a notebook."""
    p = pathlib.Path(chapter)
    if p.suffix == ".ipynb" and p.exists():
        return p
    p = pathlib.Path(book) / f"{chapter}.ipynb"
    if not p.exists():
        raise ReleaseError(f"no chapter {chapter!r}: {p} does not exist")
    return p


def release(chapters: Sequence[str], out: pathlib.Path, course: pathlib.Path,
            assignment: str | None = None, book: pathlib.Path = BOOK,
            points: int = 1) -> list[pathlib.Path]:
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
        _run(api.generate_assignment(name, force=True, create=True), f"generate_assignment {name}")
        dest = out / name
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(course / "release" / name, dest)
        written += sorted(dest.glob("*.ipynb"))
    return written


def _submissions(folder: pathlib.Path) -> Iterable[tuple[str, pathlib.Path]]:
    for nb in sorted(folder.rglob("*.ipynb")):
        rel = nb.relative_to(folder)
        if ".ipynb_checkpoints" in rel.parts or len(rel.parts) < 2:
            continue
        yield rel.parts[0], nb


def autograde(submissions: pathlib.Path, course: pathlib.Path, timeout: int = 60) -> list[dict]:
    """Autograde every submitted notebook against the release in `course`; return the grade rows."""
    from nbgrader.api import Gradebook

    submissions, course = pathlib.Path(submissions).resolve(), pathlib.Path(course).resolve()
    if not (course / "gradebook.db").exists():
        raise ReleaseError(f"{course} has no gradebook.db: release the chapters there first")
    api = _api(course, timeout)
    with Gradebook(api.coursedir.db_url) as gb:
        owner = {nb.name: a.name for a in gb.assignments for nb in a.notebooks}
    todo: dict[tuple[str, str], list[pathlib.Path]] = {}
    for student, nb in _submissions(submissions):
        if nb.stem not in owner:
            raise ReleaseError(f"{nb}: no released assignment has a notebook {nb.stem!r} "
                               f"(released: {', '.join(sorted(owner)) or 'none'})")
        todo.setdefault((student, owner[nb.stem]), []).append(nb)
    for (student, name), nbs in sorted(todo.items()):
        dest = course / "submitted" / student / name
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        for nb in nbs:
            shutil.copy(nb, dest / nb.name)
        _run(api.autograde(name, student, force=True, create=True), f"autograde {name} {student}")
    rows = []
    with Gradebook(api.coursedir.db_url) as gb:
        for student, name in sorted(todo):
            sub = gb.find_submission(name, student)
            row = {"student": student, "assignment": name}
            for nb in sub.notebooks:
                # Exercises in the order of the chapter, as nbgrader's source notebook has them.
                source = nbformat.read(course / "source" / name / f"{nb.name}.ipynb", as_version=4)
                order = [c.metadata.get("nbgrader", {}).get("grade_id") for c in source.cells]
                for grade in sorted(nb.grades, key=lambda g: order.index(g.name)
                                    if g.name in order else len(order)):
                    if grade.max_score:
                        row[re.sub(r"-check(-\d+)?$", r"\1", grade.name)] = grade.score
            row.update(score=sub.score, max_score=sub.max_score)
            rows.append(row)
    return rows


def write_grades(rows: list[dict], path: pathlib.Path) -> None:
    """The grades table: student, assignment, one column per exercise, score, max_score."""
    columns = ["student", "assignment"]
    for row in rows:
        columns += [k for k in row if k not in columns and k not in ("score", "max_score")]
    columns += ["score", "max_score"]
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, columns, restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:g}" if isinstance(v, float) else v) for k, v in row.items()})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acts.assignments", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rel = sub.add_parser("release", help="student notebooks without solutions (nbgrader generate_assignment)")
    rel.add_argument("chapters", nargs="+", help="chapter names (book/<name>.ipynb) or notebook paths")
    rel.add_argument("--out", default="release", help="where the student notebooks go (default: release/)")
    rel.add_argument("--course", default="grading", help="nbgrader course directory and its gradebook.db "
                     "(default: grading/)")
    rel.add_argument("--assignment", help="release all chapters as one assignment of this name")
    rel.add_argument("--book", default=str(BOOK), help="where chapters are found (default: the book/ folder)")
    rel.add_argument("--points", type=int, default=1, help="points per check cell (default: 1)")
    grade = sub.add_parser("autograde", help="grade submitted notebooks (nbgrader autograde) into a CSV")
    grade.add_argument("submissions", help="folder of <student>/<chapter>.ipynb")
    grade.add_argument("--out", default="grades.csv", help="the grades table (default: grades.csv)")
    grade.add_argument("--course", default="grading", help="the course directory of the release")
    grade.add_argument("--timeout", type=int, default=60, help="seconds per cell (default: 60)")
    args = parser.parse_args(argv)
    # nbgrader 0.9's gradebook trips SQLAlchemy 2's autoflush warning; it is harmless noise here.
    warnings.filterwarnings("ignore", message=".*not in session.*")
    try:
        if args.command == "release":
            for p in release(args.chapters, pathlib.Path(args.out), pathlib.Path(args.course),
                             args.assignment, pathlib.Path(args.book), args.points):
                print(f"released {p}")
        else:
            rows = autograde(pathlib.Path(args.submissions), pathlib.Path(args.course), args.timeout)
            write_grades(rows, pathlib.Path(args.out))
            for row in rows:
                print(f"{row['student']} {row['assignment']}: {row['score']:g} / {row['max_score']:g}")
            print(f"wrote {args.out}")
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
