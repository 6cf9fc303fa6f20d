"""Student releases and autograding with nbgrader, end to end, through the README's two commands.

The sigmoid chapter is released without solutions; a solved copy scores full marks, the
untouched release scores zero, a copy with one wrong answer scores partially; no solution text
reaches a student.
"""

import csv
import json
import os
import pathlib
import re
import subprocess
import sys

import nbformat
import pytest

from acts.assignments import (
    BEGIN,
    END,
    ReleaseError,
    find_exercises,
    main,
    release,
)
from acts.problems import chapter_problems

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "book" / "sigmoid.ipynb"
STUB = "# YOUR CODE HERE\n{indent}raise NotImplementedError()"


def run(*args, cwd):
    """`python -m acts.assignments ...` as an instructor types it.

    Fails the test on a non-zero exit.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "acts.assignments", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result.stdout


def solution_blocks(nb) -> list[str]:
    """The code between BEGIN/END SOLUTION in every answer cell, with its indentation."""
    blocks = []
    for cell in nb.cells:
        for m in re.finditer(
            rf"^[ \t]*{BEGIN}\n(.*?)^[ \t]*{END}", cell.source, re.M | re.S
        ):
            blocks.append(m.group(1).rstrip("\n"))
    return blocks


def solution_prose(nb) -> list[str]:
    """The lines of the markdown inside each {solution-start} ... {solution-end} gate."""
    lines, inside = [], False
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if "{solution-start}" in line:
                inside = True
            elif "{solution-end}" in line:
                inside = False
            elif inside and line.strip() and not line.startswith((":", "```")):
                lines.append(line.strip())
    return lines


def hidden_tests(nb) -> list[str]:
    return [
        m.group(1).strip()
        for c in nb.cells
        for m in re.finditer(
            r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", c.source, re.S
        )
    ]


def needles(nb) -> list[str]:
    """Every solution and hidden-test line a student must not see.

    Blank and comment lines aside.
    """
    found = [
        line.strip()
        for block in solution_blocks(nb) + hidden_tests(nb)
        for line in block.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    return found + solution_prose(nb)


def answer_cells(nb):
    return [
        c for c in nb.cells if "exercise-answer" in c.metadata.get("tags", [])
    ]


def fill(released, answers: list[str | None]):
    """A copy of the released notebook with the stubs replaced by `answers` (None: left as is)."""
    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    for cell, answer in zip(answer_cells(nb), answers):
        if answer is None:
            continue
        m = re.search(
            r"^([ \t]*)# YOUR CODE HERE(\n[ \t]*raise NotImplementedError\(\))?$",
            cell.source,
            re.M,
        )
        assert m, f"no nbgrader stub in {cell.source!r}"
        cell.source = cell.source[: m.start()] + answer + cell.source[m.end() :]
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Release the sigmoid chapter with the README's command; the course folder it wrote."""
    base = tmp_path_factory.mktemp("course")
    out = run(
        "release",
        "sigmoid",
        "--out",
        base / "release",
        "--course",
        base / "grading",
        cwd=base,
    )
    assert f"released {base / 'release' / 'sigmoid' / 'sigmoid.ipynb'}" in out
    return base


@pytest.fixture(scope="module")
def released(course):
    return nbformat.read(
        course / "release" / "sigmoid" / "sigmoid.ipynb", as_version=4
    )


def test_the_release_has_every_exercise_with_a_stub_and_a_graded_check(
    released,
):
    book = nbformat.read(CHAPTER, as_version=4)
    labels = [ex.label for ex in find_exercises(book)]
    assert labels == [
        "sigmoid-ex-second",
        "sigmoid-ex-stable-grad",
        "sigmoid-ex-ten-layers",
        "sigmoid-ex-spot-the-mistake",
    ]
    answers = answer_cells(released)
    assert [c.metadata.nbgrader.grade_id for c in answers] == [
        f"{label}-answer" for label in labels
    ]
    assert all(
        "# YOUR CODE HERE" in c.source and BEGIN not in c.source
        for c in answers
    )
    # Only inside a function does the stub raise (calling it is "not attempted"): Run All goes on.
    assert [bool(re.search(r"^raise", c.source, re.M)) for c in answers] == [
        False
    ] * 4
    checks = [
        c
        for c in released.cells
        if "exercise-check" in c.metadata.get("tags", [])
    ]
    assert [
        (
            c.metadata.nbgrader.grade_id,
            c.metadata.nbgrader.points,
            c.metadata.nbgrader.grade,
            c.metadata.nbgrader.locked,
        )
        for c in checks
    ] == [
        (f"{label}-check", p, True, True)
        for label, p in zip(labels, [1, 2, 1, 4])
    ]
    # The check cells carry no reference: one call each.
    assert [c.source for c in checks] == [
        "ex_second.check()",
        "ex_stable_grad.check()",
        "ex_ten_layers.check()",
        "ex_spot.check()",
    ]
    text = "".join(c.source for c in released.cells)
    assert "{solution-start}" not in text and "{solution-end}" not in text
    # the statements stay
    assert all(f":label: {label}" in text for label in labels)
    assert not any(
        c.get("outputs") for c in released.cells if c.cell_type == "code"
    )


def test_no_solution_text_reaches_any_released_file(course):
    book = nbformat.read(CHAPTER, as_version=4)
    secrets = needles(book)
    source_text = CHAPTER.read_text()
    # The needles are real: every one of them is in the instructor's notebook.
    assert len(secrets) >= 6
    assert all(
        s in source_text
        or json.dumps(s, ensure_ascii=False)[1:-1] in source_text
        for s in secrets
    )
    released_files = [p for p in (course / "release").rglob("*") if p.is_file()]
    released_files += [
        p for p in (course / "grading" / "release").rglob("*") if p.is_file()
    ]
    assert len(released_files) >= 2
    for path in released_files:
        text = path.read_text(errors="replace")
        for secret in secrets:
            for form in {
                secret,
                json.dumps(secret, ensure_ascii=False)[1:-1],
                json.dumps(secret)[1:-1],
            }:
                assert form not in text, (
                    f"{path} leaks solution text: {secret!r}"
                )


def hostile_class(released) -> dict[str, object]:
    """Submissions an instructor meets: honest, wrong, cheating, crashing, hanging, broken files.

    Each value is a notebook (or the raw text of a file); the key is the student.
    """
    sol = solution_blocks(nbformat.read(CHAPTER, as_version=4))
    stub = [None] * len(sol)
    cheat_patch = (
        "import acts.exercises, acts.problems, numpy\n"
        "acts.exercises.Exercise.check_function = lambda *a, **k: print('Correct')\n"
        "acts.exercises.Exercise.check_expression = lambda *a, **k: print('Correct')\n"
        "acts.problems.Problem.check = lambda self, ns=None: print('Correct')\n"
        "acts.problems.Part.judge = lambda *a, **k: 'right'\n"
        "numpy.isclose = lambda *a, **k: numpy.ones(numpy.shape(a[0]), bool)\n"
        "second = NotImplemented"
    )
    class_ = {
        "solved": fill(released, sol),
        "stub": fill(released, stub),
        "wrong": fill(
            released,
            [
                sol[0],
                "    s = 1 / (1 + np.exp(-x))\n    return s * (1 - s)",
                *sol[2:],
            ],
        ),
        "uses_acts": fill(
            released, [sol[0], "    return acts.sigmoid.grad(x)", *sol[2:]]
        ),
        "monkeypatch": fill(released, [cheat_patch, *stub[1:]]),
        "redefines_check": fill(
            released,
            [
                "ex_second.check = lambda: print('Correct')\n"
                "type(ex_second).check = lambda self, ns=None: print('Correct')",
                *stub[1:],
            ],
        ),
        "exit": fill(released, ["exit()", *sol[1:]]),
        "os_exit": fill(released, ["import os\nos._exit(0)", *sol[1:]]),
        "bare_except_loop": fill(
            released,
            [
                sol[0],
                "    while True:\n        try:\n            pass\n        except:\n"
                "            pass",
                *sol[2:],
            ],
        ),
        "top_level_loop": fill(
            released,
            [
                "while True:\n    try:\n        pass\n    except:\n        pass",
                *sol[1:],
            ],
        ),
        "syntax_error": fill(
            released,
            ["second = in_terms_of(sp.diff(sigma, x, 2), sigma, s", *sol[1:]],
        ),
        "chatty": fill(
            released,
            [sol[0], "    print('chat ' * 200_000)\n" + sol[1], *sol[2:]],
        ),
        "renamed": fill(released, sol),
        "invalid_json": '{"cells": [ not json',
    }
    # An edited setup cell: a checker of the student's own that says "Correct" to everything.
    edited = fill(released, stub)
    for cell in edited.cells:
        if cell.source.startswith("from acts.problems import"):
            cell.source = (
                "class _Yes:\n    def __getattr__(self, name):\n        return self\n"
                "    def check(self):\n        print('Correct')\nproblems = _Yes()"
            )
    class_["edited_setup"] = edited
    return class_


@pytest.fixture(scope="module")
def graded(course, released):
    """Autograde a hostile class in one run (2 workers); the CSV rows by student, and the time."""
    import time

    folder = course / "submissions"
    for student, nb in hostile_class(released).items():
        (folder / student).mkdir(parents=True)
        name = "sigmoid (1).ipynb" if student == "renamed" else "sigmoid.ipynb"
        if isinstance(nb, str):
            (folder / student / name).write_text(nb)
        else:
            nbformat.write(nb, folder / student / name)
    (folder / "nothing").mkdir()
    start = time.monotonic()
    out = run(
        "autograde",
        folder,
        "--course",
        course / "grading",
        "--out",
        course / "grades.csv",
        "--jobs",
        2,
        "--time-limit",
        2,
        "--wall-limit",
        120,
        cwd=course,
    )
    elapsed = time.monotonic() - start
    with open(course / "grades.csv") as f:
        rows = {row["student"]: row for row in csv.DictReader(f)}
    return rows, out, elapsed


def graded_notebook(course, student):
    return nbformat.read(
        course
        / "grading"
        / "autograded"
        / student
        / "sigmoid"
        / "sigmoid.ipynb",
        4,
    )


def check_outputs(nb) -> list[str]:
    return [
        "".join(o.get("text", "") for o in c.outputs)
        for c in nb.cells
        if "exercise-check" in c.metadata.get("tags", [])
    ]


def test_every_student_gets_a_row_in_bounded_time(graded):
    rows, out, elapsed = graded
    assert set(rows) == {
        "solved",
        "stub",
        "wrong",
        "uses_acts",
        "monkeypatch",
        "redefines_check",
        "exit",
        "os_exit",
        "bare_except_loop",
        "top_level_loop",
        "syntax_error",
        "chatty",
        "renamed",
        "invalid_json",
        "edited_setup",
        "nothing",
    }
    assert elapsed < 300, elapsed
    assert "wrote" in out


def test_the_correct_answers_score_full_marks(graded):
    rows, _, _ = graded
    for student in ("solved", "chatty", "renamed"):
        assert (rows[student]["score"], rows[student]["max_score"]) == (
            "8",
            "8",
        ), rows[student]
    assert rows["solved"] == {
        "student": "solved",
        "assignment": "sigmoid",
        "sigmoid-ex-second": "1",
        "sigmoid-ex-stable-grad": "2",
        "sigmoid-ex-ten-layers": "1",
        "sigmoid-ex-spot-the-mistake": "4",
        "score": "8",
        "max_score": "8",
        "reason": "",
    }
    assert (
        rows["renamed"]["reason"] == "graded sigmoid (1).ipynb as sigmoid.ipynb"
    )


def test_cheats_score_zero(graded):
    rows, _, _ = graded
    for student in ("monkeypatch", "redefines_check", "edited_setup", "stub"):
        assert rows[student]["score"] == "0", rows[student]


def test_a_broken_submission_scores_zero_with_the_reason(graded):
    rows, _, _ = graded
    assert rows["invalid_json"]["score"] == "0"
    assert (
        "not a valid notebook (invalid JSON" in rows["invalid_json"]["reason"]
    )
    assert (rows["nothing"]["score"], rows["nothing"]["reason"]) == (
        "0",
        "no notebook submitted",
    )


def test_one_dying_or_hanging_answer_costs_only_its_own_exercise(
    graded, course
):
    rows, _, _ = graded
    for student, lost in [
        ("exit", "sigmoid-ex-second"),
        ("os_exit", "sigmoid-ex-second"),
        ("top_level_loop", "sigmoid-ex-second"),
        ("syntax_error", "sigmoid-ex-second"),
        ("bare_except_loop", "sigmoid-ex-stable-grad"),
        ("uses_acts", "sigmoid-ex-stable-grad"),
        ("wrong", "sigmoid-ex-stable-grad"),
    ]:
        row = rows[student]
        assert row[lost] == "0", (student, row)
        top = {"sigmoid-ex-second": 1, "sigmoid-ex-stable-grad": 2}[lost]
        assert row["score"] == str(8 - top), (student, row)
    assert "os._exit()" in rows["os_exit"]["reason"]
    for student, exercise in [("bare_except_loop", 1), ("top_level_loop", 0)]:
        assert (
            "s of CPU time"
            in check_outputs(graded_notebook(course, student))[exercise]
        )
    out = check_outputs(graded_notebook(course, "syntax_error"))
    assert (
        "second is not defined: your answer cell has a syntax error (line 3: "
        in out[0]
    )
    assert "exit()" in check_outputs(graded_notebook(course, "exit"))[0]
    assert (
        "without calling acts"
        in check_outputs(graded_notebook(course, "uses_acts"))[1]
    )


def test_an_untouched_copy_says_not_attempted_for_every_part(graded, course):
    out = check_outputs(graded_notebook(course, "stub"))
    assert [o.splitlines()[0] for o in out] == [
        "sigmoid-ex-second: 0 of 1 points",
        "sigmoid-ex-stable-grad: 0 of 2 points",
        "sigmoid-ex-ten-layers: 0 of 1 points",
        "sigmoid-ex-spot-the-mistake: 0 of 4 points",
    ]
    assert sum(o.count("is not attempted yet") for o in out) == 7


def test_a_wrong_answer_says_where_with_the_relative_error(graded, course):
    out = check_outputs(graded_notebook(course, "wrong"))[1]
    assert (
        "your sigmoid_grad is off at x = 20: expected 2.0611536e-09, got 2.0611537e-09, "
        "a relative error of 3.6e-08"
    ) in out


def test_the_graded_notebook_keeps_a_bounded_output(graded, course):
    nb = graded_notebook(course, "chatty")
    sizes = [
        len(o.get("text", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    ]
    assert sizes and max(sizes) < 20_000


def test_the_grades_csv_has_a_column_per_exercise_and_a_reason(course, graded):
    lines = (course / "grades.csv").read_text().splitlines()
    assert lines[0] == (
        "student,assignment,sigmoid-ex-second,sigmoid-ex-stable-grad,"
        "sigmoid-ex-ten-layers,sigmoid-ex-spot-the-mistake,score,max_score,reason"
    )
    assert "stub,sigmoid,0,0,0,0,0,8," in lines


def test_feedback_reports_are_written(course, graded, capsys):
    assert (
        main(
            [
                "feedback",
                "--course",
                str(course / "grading"),
                "--student",
                "wrong",
            ]
        )
        == 0
    )
    (html,) = (course / "grading" / "feedback" / "wrong" / "sigmoid").glob(
        "*.html"
    )
    assert f"feedback {html}" in capsys.readouterr().out
    assert "a relative error of 3.6e-08" in html.read_text()


@pytest.mark.parametrize(
    "where, message",
    [("missing", "no submissions folder"), ("", "has no student folders")],
)
def test_a_wrong_path_or_an_empty_folder_is_an_error(
    tmp_path, course, where, message, capsys
):
    # in this process: no interpreter to start
    code = main(
        [
            "autograde",
            str(tmp_path / where),
            "--course",
            str(course / "grading"),
            "--out",
            str(tmp_path / "g.csv"),
        ]
    )
    assert code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "g.csv").exists()


def test_the_release_runs_top_to_bottom_unattempted(course):
    """'Run All' on the student's copy reaches the end; every check says "not attempted yet"."""
    from nbclient import NotebookClient

    nb = nbformat.read(
        course / "release" / "sigmoid" / "sigmoid.ipynb", as_version=4
    )
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / "book")}},
    ).execute()
    out = check_outputs(nb)
    assert len(out) == 4 and all("not attempted yet" in o for o in out), out


def _broken(tmp_path, drop_tag: str) -> pathlib.Path:
    nb = nbformat.read(CHAPTER, as_version=4)
    cell = [c for c in nb.cells if drop_tag in c.metadata.get("tags", [])][1]
    if drop_tag == "exercise-check":
        nb.cells.remove(cell)
    else:
        cell.source = cell.source.replace(BEGIN + "\n", "").replace(
            END + "\n", ""
        )
    path = tmp_path / "sigmoid.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize(
    "drop_tag, what",
    [
        ("exercise-answer", "has no solution"),
        ("exercise-check", "has no check"),
    ],
)
def test_a_release_fails_naming_the_exercise_without_a_solution_or_check(
    tmp_path, drop_tag, what, capsys
):
    path = _broken(tmp_path, drop_tag)
    with pytest.raises(
        ReleaseError, match=f"exercise sigmoid-ex-stable-grad\\b(.*){what}"
    ):
        release([str(path)], tmp_path / "out", tmp_path / "grading")
    assert (
        not (tmp_path / "out").exists() and not (tmp_path / "grading").exists()
    )
    assert (
        main(
            [
                "release",
                str(path),
                "--out",
                str(tmp_path / "out"),
                "--course",
                str(tmp_path / "grading"),
            ]
        )
        == 2
    )
    result = capsys.readouterr()
    assert (
        "exercise sigmoid-ex-stable-grad" in result.err and what in result.err
    )


# --------------------------------------------------------------------------- every chapter

EXERCISE_CHAPTERS = sorted(
    p.stem
    for p in (ROOT / "book").glob("*.ipynb")
    if any(
        "exercise-answer" in c.get("metadata", {}).get("tags", [])
        for c in json.loads(p.read_text())["cells"]
    )
)


def visible_text(nb, checks: bool = True) -> str:
    """What the instructor's notebook shows outside its solutions: a line found here is no secret.

    checks=False: without the check cells either (what a student may see of a chapter).
    """
    parts, inside = [], False
    for cell in nb.cells:
        if not checks and "exercise-check" in cell.metadata.get("tags", []):
            continue
        source = re.sub(rf"{BEGIN}\n.*?{END}", "", cell.source, flags=re.S)
        if cell.cell_type == "markdown":
            kept = []
            for line in source.splitlines():
                inside = (
                    True
                    if "{solution-start}" in line
                    else False
                    if "{solution-end}" in line
                    else inside
                )
                if not inside:
                    kept.append(line)
            source = "\n".join(kept)
        parts.append(source)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def whole_book(tmp_path_factory):
    """Every chapter with exercises released in one command, as an instructor would for a course."""
    base = tmp_path_factory.mktemp("book")
    run(
        "release",
        "--all",
        "--out",
        base / "release",
        "--course",
        base / "grading",
        cwd=base,
    )
    return base


def test_every_activation_chapter_has_at_least_three_exercises():
    activation_chapters = {
        p.stem
        for p in (ROOT / "book").glob("*.ipynb")
        if json.loads(p.read_text())["metadata"].get("acts", {}).get("covers")
    }
    assert activation_chapters and activation_chapters <= set(EXERCISE_CHAPTERS)
    for chapter in EXERCISE_CHAPTERS:
        labels = [
            ex.label
            for ex in find_exercises(
                nbformat.read(ROOT / "book" / f"{chapter}.ipynb", 4)
            )
        ]
        assert len(labels) >= 3, (chapter, labels)


@pytest.mark.parametrize("chapter", EXERCISE_CHAPTERS)
def test_no_chapter_release_leaks_a_solution(whole_book, chapter):
    book = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4)
    shown = visible_text(book)
    secrets = [s for s in needles(book) if s not in shown]
    assert len(secrets) >= 3, f"{chapter}: too few solution lines to look for"
    # No expected answer of a check either: the code of every check cell but a bare
    # `ex.check()` (the older API's references, now hidden tests) and, for a chapter on
    # acts.problems, every reference and right choice its problems define.
    unshown = visible_text(book, checks=False)
    checks = [
        line.strip()
        for c in book.cells
        if "exercise-check" in c.metadata.get("tags", [])
        for line in c.source.splitlines()
        if line.strip()
        and not line.strip().startswith("#")
        and not re.fullmatch(r"\w+\.check\(\)", line.strip())
    ]
    references = [
        r
        for p in chapter_problems(chapter) or []
        for part in p.parts
        for r in part.secrets()
    ]
    answers = [s for s in checks + references if s not in unshown]
    # converted: the check cells hold no reference at all
    if chapter_problems(chapter):
        assert checks == [], (
            f"{chapter}: a check cell holds more than `ex.check()`"
        )
    else:
        assert answers, f"{chapter}: no check references to look for"
    files = [
        p for p in (whole_book / "release" / chapter).rglob("*") if p.is_file()
    ]
    files += [
        p
        for p in (whole_book / "grading" / "release" / chapter).rglob("*")
        if p.is_file()
    ]
    assert files, f"nothing released for {chapter}"
    for path in files:
        text = path.read_text(errors="replace")
        for secret in secrets + answers:
            for form in {
                secret,
                json.dumps(secret, ensure_ascii=False)[1:-1],
                json.dumps(secret)[1:-1],
            }:
                assert form not in text, (
                    f"{path} leaks solution text: {secret!r}"
                )


# --------------------------------------------------------------------------- the older API

LEGACY = [
    (
        "code",
        [],
        "import numpy as np\nimport acts\nfrom acts.exercises import Exercise",
    ),
    (
        "markdown",
        [],
        "```{exercise} Twice\n:label: legacy-ex-twice\n\nWrite `twice(x)`.\n```",
    ),
    ("code", ["remove-input"], 'ex_twice = Exercise("legacy-ex-twice")'),
    (
        "markdown",
        [],
        "```{solution-start} legacy-ex-twice\n:class: dropdown\n```",
    ),
    (
        "code",
        ["exercise-answer"],
        "def twice(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n"
        "    ### END SOLUTION",
    ),
    ("markdown", [], "```{solution-end}\n```"),
    (
        "code",
        ["exercise-check"],
        "ex_twice.check_function(twice, lambda v: v + v, tails=False)",
    ),
]


def test_a_chapter_on_the_older_api_hides_its_checks_and_is_graded_by_nbgrader(
    tmp_path, capsys
):
    """New chapters written with acts.exercises directly: hidden tests, nbgrader autograde."""
    nb = nbformat.v4.new_notebook(metadata=nbformat.read(CHAPTER, 4).metadata)
    for kind, tags, source in LEGACY:
        cell = (
            nbformat.v4.new_code_cell
            if kind == "code"
            else nbformat.v4.new_markdown_cell
        )(source)
        cell.metadata["tags"] = tags
        nb.cells.append(cell)
    nbformat.write(nb, tmp_path / "legacy.ipynb")
    assert (
        main(
            [
                "release",
                str(tmp_path / "legacy.ipynb"),
                "--out",
                str(tmp_path / "release"),
                "--course",
                str(tmp_path / "grading"),
            ]
        )
        == 0
    )
    released = nbformat.read(
        tmp_path / "release" / "legacy" / "legacy.ipynb", 4
    )
    (check,) = [
        c
        for c in released.cells
        if "exercise-check" in c.metadata.get("tags", [])
    ]
    assert (
        check.source == 'print("This exercise is checked when it is graded.")'
    )
    for student, body in [("solved", "    return 2 * x"), ("stub", None)]:
        (tmp_path / "subs" / student).mkdir(parents=True)
        nbformat.write(
            fill(released, [body]), tmp_path / "subs" / student / "legacy.ipynb"
        )
    assert (
        main(
            [
                "autograde",
                str(tmp_path / "subs"),
                "--course",
                str(tmp_path / "grading"),
                "--out",
                str(tmp_path / "grades.csv"),
                "--jobs",
                "1",
            ]
        )
        == 0
    )
    assert (tmp_path / "grades.csv").read_text().splitlines() == [
        "student,assignment,legacy-ex-twice,score,max_score,reason",
        "solved,legacy,1,1,1,",
        "stub,legacy,0,0,1,",
    ]


@pytest.mark.parametrize("chapter", EXERCISE_CHAPTERS)
def test_the_books_own_solutions_score_full_marks_in_the_grader(chapter):
    """Each chapter's acts/problems SETUP gives its solutions what they need, in the grader."""
    from acts.assignments import student_source
    from acts.problems.grader import Limits, grade_notebook

    path = ROOT / "book" / f"{chapter}.ipynb"
    problems = chapter_problems(chapter)
    assert problems, f"{chapter} has no acts/problems/{chapter}.py"
    source = json.loads(
        nbformat.writes(student_source(nbformat.read(path, 4), str(path)))
    )
    grade = grade_notebook(source, chapter, problems, Limits(time_limit=20))
    assert grade.scores == grade.max_scores, grade.reports
