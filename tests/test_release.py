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

from acts.assignments import BEGIN, END, ReleaseError, find_exercises, release

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "book" / "sigmoid.ipynb"
STUB = "# YOUR CODE HERE\n{indent}raise NotImplementedError()"


def run(*args, cwd):
    """`python -m acts.assignments ...` as an instructor types it; fails the test on a non-zero exit."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "acts.assignments", *map(str, args)], cwd=cwd,
                            env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result.stdout


def solution_blocks(nb) -> list[str]:
    """The code between BEGIN/END SOLUTION in every answer cell, with its indentation."""
    blocks = []
    for cell in nb.cells:
        for m in re.finditer(rf"^[ \t]*{BEGIN}\n(.*?)^[ \t]*{END}", cell.source, re.M | re.S):
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
    return [m.group(1).strip() for c in nb.cells for m in re.finditer(
        r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", c.source, re.S)]


def needles(nb) -> list[str]:
    """Every solution and hidden-test line a student must not see (blank and comment lines aside)."""
    found = [line.strip() for block in solution_blocks(nb) + hidden_tests(nb)
             for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]
    return found + solution_prose(nb)


def answer_cells(nb):
    return [c for c in nb.cells if "exercise-answer" in c.metadata.get("tags", [])]


def fill(released, answers: list[str | None]):
    """A copy of the released notebook with the stubs replaced by `answers` (None: left as is)."""
    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    for cell, answer in zip(answer_cells(nb), answers):
        if answer is None:
            continue
        m = re.search(r"^([ \t]*)# YOUR CODE HERE\n[ \t]*raise NotImplementedError\(\)", cell.source, re.M)
        assert m, f"no nbgrader stub in {cell.source!r}"
        cell.source = cell.source[:m.start()] + answer + cell.source[m.end():]
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Release the sigmoid chapter with the README's command; the course folder it wrote."""
    base = tmp_path_factory.mktemp("course")
    out = run("release", "sigmoid", "--out", base / "release", "--course", base / "grading", cwd=base)
    assert f"released {base / 'release' / 'sigmoid' / 'sigmoid.ipynb'}" in out
    return base


@pytest.fixture(scope="module")
def released(course):
    return nbformat.read(course / "release" / "sigmoid" / "sigmoid.ipynb", as_version=4)


@pytest.fixture(scope="module")
def graded(course, released):
    """Autograde a solved, an untouched and a partly wrong copy; the CSV rows by student."""
    book = nbformat.read(CHAPTER, as_version=4)
    solutions = solution_blocks(book)
    naive = "    s = 1 / (1 + np.exp(-x))\n    return s * (1 - s)"  # the tails are lost
    copies = {"solved": solutions, "stub": [None] * len(solutions),
              "wrong": [solutions[0], naive, *solutions[2:]]}
    for student, answers in copies.items():
        (course / "submissions" / student).mkdir(parents=True)
        nbformat.write(fill(released, answers), course / "submissions" / student / "sigmoid.ipynb")
    run("autograde", course / "submissions", "--course", course / "grading",
        "--out", course / "grades.csv", cwd=course)
    with open(course / "grades.csv") as f:
        return {row["student"]: row for row in csv.DictReader(f)}


def test_the_release_has_every_exercise_with_a_stub_and_a_graded_check(released):
    book = nbformat.read(CHAPTER, as_version=4)
    labels = [ex.label for ex in find_exercises(book)]
    assert labels == ["sigmoid-ex-second", "sigmoid-ex-stable-grad", "sigmoid-ex-ten-layers",
                      "sigmoid-ex-spot-the-mistake"]
    answers = answer_cells(released)
    assert [c.metadata.nbgrader.grade_id for c in answers] == [f"{l}-answer" for l in labels]
    assert all("raise NotImplementedError()" in c.source and BEGIN not in c.source for c in answers)
    checks = [c for c in released.cells if "exercise-check" in c.metadata.get("tags", [])]
    assert [(c.metadata.nbgrader.grade_id, c.metadata.nbgrader.points, c.metadata.nbgrader.grade,
             c.metadata.nbgrader.locked) for c in checks] == [(f"{l}-check", 1, True, True) for l in labels]
    text = "".join(c.source for c in released.cells)
    assert "{solution-start}" not in text and "{solution-end}" not in text
    assert all(f":label: {l}" in text for l in labels)  # the statements stay
    assert not any(c.get("outputs") for c in released.cells if c.cell_type == "code")


def test_no_solution_text_reaches_any_released_file(course):
    book = nbformat.read(CHAPTER, as_version=4)
    secrets = needles(book)
    source_text = CHAPTER.read_text()
    # The needles are real: every one of them is in the instructor's notebook.
    assert len(secrets) >= 6
    assert all(s in source_text or json.dumps(s, ensure_ascii=False)[1:-1] in source_text
               for s in secrets)
    released_files = [p for p in (course / "release").rglob("*") if p.is_file()]
    released_files += [p for p in (course / "grading" / "release").rglob("*") if p.is_file()]
    assert len(released_files) >= 2
    for path in released_files:
        text = path.read_text(errors="replace")
        for secret in secrets:
            for form in {secret, json.dumps(secret, ensure_ascii=False)[1:-1], json.dumps(secret)[1:-1]}:
                assert form not in text, f"{path} leaks solution text: {secret!r}"


def test_a_solved_copy_scores_full_marks(graded):
    assert graded["solved"] == {
        "student": "solved", "assignment": "sigmoid", "sigmoid-ex-second": "1",
        "sigmoid-ex-stable-grad": "1", "sigmoid-ex-ten-layers": "1",
        "sigmoid-ex-spot-the-mistake": "1", "score": "4", "max_score": "4"}


def test_an_untouched_copy_scores_zero_and_says_not_attempted(graded, course):
    assert (graded["stub"]["score"], graded["stub"]["max_score"]) == ("0", "4")
    nb = nbformat.read(course / "grading" / "autograded" / "stub" / "sigmoid" / "sigmoid.ipynb", 4)
    errors = [o for c in nb.cells if "exercise-check" in c.metadata.get("tags", [])
              for o in c.outputs if o.output_type == "error"]
    assert [e.ename for e in errors] == ["NotAttempted"] * 4
    assert "sigmoid-ex-stable-grad is not attempted yet" in errors[1].evalue


def test_a_wrong_answer_scores_partial_marks_and_says_where(graded, course):
    row = graded["wrong"]
    assert (row["sigmoid-ex-stable-grad"], row["score"], row["max_score"]) == ("0", "3", "4")
    nb = nbformat.read(course / "grading" / "autograded" / "wrong" / "sigmoid" / "sigmoid.ipynb", 4)
    (error,) = [o for c in nb.cells if "exercise-check" in c.metadata.get("tags", [])
                for o in c.outputs if o.output_type == "error"]
    assert error.ename == "WrongAnswer"
    assert error.evalue.startswith(
        "your sigmoid_grad is off at x = 20: expected 2.0611536e-09, got 2.0611537e-09")
    assert len(error.traceback) == 1  # the message, not the checker's stack


def test_the_grades_csv_has_a_row_per_student_and_a_column_per_exercise(course, graded):
    lines = (course / "grades.csv").read_text().splitlines()
    assert lines[0] == ("student,assignment,sigmoid-ex-second,sigmoid-ex-stable-grad,"
                        "sigmoid-ex-ten-layers,sigmoid-ex-spot-the-mistake,score,max_score")
    assert sorted(lines[1:]) == ["solved,sigmoid,1,1,1,1,4,4", "stub,sigmoid,0,0,0,0,0,4",
                                 "wrong,sigmoid,1,0,1,1,3,4"]


def _broken(tmp_path, drop_tag: str) -> pathlib.Path:
    nb = nbformat.read(CHAPTER, as_version=4)
    cell = [c for c in nb.cells if drop_tag in c.metadata.get("tags", [])][1]
    if drop_tag == "exercise-check":
        nb.cells.remove(cell)
    else:
        cell.source = cell.source.replace(BEGIN + "\n", "").replace(END + "\n", "")
    path = tmp_path / "sigmoid.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("drop_tag, what", [("exercise-answer", "has no solution"),
                                            ("exercise-check", "has no check")])
def test_a_release_fails_naming_the_exercise_without_a_solution_or_check(tmp_path, drop_tag, what):
    path = _broken(tmp_path, drop_tag)
    with pytest.raises(ReleaseError, match=f"exercise sigmoid-ex-stable-grad\\b(.*){what}"):
        release([str(path)], tmp_path / "out", tmp_path / "grading")
    assert not (tmp_path / "out").exists() and not (tmp_path / "grading").exists()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "acts.assignments", "release", str(path),
                             "--out", str(tmp_path / "out"), "--course", str(tmp_path / "grading")],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "exercise sigmoid-ex-stable-grad" in result.stderr and what in result.stderr


# --------------------------------------------------------------------------- every chapter

EXERCISE_CHAPTERS = sorted(
    p.stem for p in (ROOT / "book").glob("*.ipynb")
    if any("exercise-answer" in c.get("metadata", {}).get("tags", [])
           for c in json.loads(p.read_text())["cells"]))


def visible_text(nb) -> str:
    """What the instructor's notebook shows outside its solutions: a line found here is no secret."""
    parts, inside = [], False
    for cell in nb.cells:
        source = re.sub(rf"{BEGIN}\n.*?{END}", "", cell.source, flags=re.S)
        if cell.cell_type == "markdown":
            kept = []
            for line in source.splitlines():
                inside = True if "{solution-start}" in line else False if "{solution-end}" in line else inside
                if not inside:
                    kept.append(line)
            source = "\n".join(kept)
        parts.append(source)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def whole_book(tmp_path_factory):
    """Every chapter with exercises released in one command, as an instructor would for a course."""
    base = tmp_path_factory.mktemp("book")
    run("release", *EXERCISE_CHAPTERS, "--out", base / "release", "--course", base / "grading", cwd=base)
    return base


def test_every_activation_chapter_has_at_least_three_exercises():
    activation_chapters = {p.stem for p in (ROOT / "book").glob("*.ipynb")
                           if json.loads(p.read_text())["metadata"].get("acts", {}).get("covers")}
    assert activation_chapters and activation_chapters <= set(EXERCISE_CHAPTERS)
    for chapter in EXERCISE_CHAPTERS:
        labels = [ex.label for ex in find_exercises(nbformat.read(ROOT / "book" / f"{chapter}.ipynb", 4))]
        assert len(labels) >= 3, (chapter, labels)


@pytest.mark.parametrize("chapter", EXERCISE_CHAPTERS)
def test_no_chapter_release_leaks_a_solution(whole_book, chapter):
    book = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4)
    shown = visible_text(book)
    secrets = [s for s in needles(book) if s not in shown]
    assert len(secrets) >= 3, f"{chapter}: too few solution lines to look for"
    files = [p for p in (whole_book / "release" / chapter).rglob("*") if p.is_file()]
    files += [p for p in (whole_book / "grading" / "release" / chapter).rglob("*") if p.is_file()]
    assert files, f"nothing released for {chapter}"
    for path in files:
        text = path.read_text(errors="replace")
        for secret in secrets:
            for form in {secret, json.dumps(secret, ensure_ascii=False)[1:-1], json.dumps(secret)[1:-1]}:
                assert form not in text, f"{path} leaks solution text: {secret!r}"
