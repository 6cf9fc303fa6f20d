"""Grading a submission where its code cannot reach the grade.

`grade_notebook` runs a submission's answer cells, and nothing else of it, in a child process
(``python -m acts.problems.grader child ...``): first the chapter's trusted ``SETUP``, then each
answer cell, then, for every part of every problem, `Part.extract`, which sends back *data* (an
answer's values on the grid, an expression's srepr, a number, a choice). The grading process
never runs student code: it judges that data against references it computes itself
(`Problem.judge`). The child's limits:

- CPU time: `Limits.time_limit` seconds per answer cell and per checked part (SIGPROF raises in
  the answer; RLIMIT_CPU, a little above it, ends a process whose bare ``except:`` swallowed
  that), CPU time so that a loaded machine does not fail a correct but slow answer;
- `Limits.wall_limit` seconds of wall-clock time per submission, a backstop for a process that
  sleeps or waits;
- `Limits.memory_limit` MB of address space, and `Limits.output_limit` characters of output kept
  per cell (the rest is counted, not kept).

When the child dies (``os._exit``, a signal, a limit), the item it was running is recorded as
failed, with the reason, and a new child carries on with the rest: one answer cannot cost the
others their marks.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

__all__ = ["Limits", "NotebookGrade", "answer_sources", "grade_notebook"]


@dataclass
class Limits:
    """Per-submission limits (see the module docstring); the CLI options of `autograde`."""

    time_limit: float = 10.0
    wall_limit: float = 600.0
    memory_limit: int = 4096
    output_limit: int = 10_000


@dataclass
class NotebookGrade:
    """The grade of one notebook: per problem label, its results and report; cell outputs."""

    scores: dict = field(default_factory=dict)  # label -> points earned
    max_scores: dict = field(default_factory=dict)  # label -> points available
    reports: dict = field(default_factory=dict)  # label -> the feedback text
    # answer cell grade_id -> captured output
    outputs: dict = field(default_factory=dict)
    # what went wrong beyond wrong answers
    notes: list = field(default_factory=list)


def answer_sources(nb, problems) -> dict[str, list[tuple[str, str]]]:
    """label -> [(grade_id, source)] of its answer cells, found by nbgrader's grade_id."""
    labels = {p.label for p in problems}
    found: dict[str, list[tuple[str, str]]] = {label: [] for label in labels}
    seen = set()
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        grade_id = str(
            ((cell.get("metadata") or {}).get("nbgrader") or {}).get(
                "grade_id", ""
            )
        )
        m = re.fullmatch(r"(.+)-answer(?:-\d+)?", grade_id)
        # a duplicated cell counts once
        if m and m[1] in labels and grade_id not in seen:
            seen.add(grade_id)
            source = cell.get("source", "")
            found[m[1]].append(
                (
                    grade_id,
                    "".join(source) if isinstance(source, list) else source,
                )
            )
    return found


# --------------------------------------------------------------------------- the parent


def _reason(returncode: int, killed: bool, limits: Limits) -> str:
    if killed:
        return f"did not finish within the wall-clock limit of {limits.wall_limit:g} s"
    if returncode == -signal.SIGXCPU or returncode == -signal.SIGKILL:
        return (
            f"used more than {limits.time_limit:g} s of CPU time: a loop that never ends, "
            "perhaps one whose bare `except:` swallows the time limit"
        )
    if returncode < 0:
        return f"was ended by signal {signal.Signals(-returncode).name}"
    return (
        f"ended the grading process (exit code {returncode}), as os._exit() or a crash "
        "does: answer cells must not end the Python process"
    )


def _run_child(
    job: dict, limits: Limits, deadline: float
) -> tuple[list[dict], str | None]:
    """Run one child on `job`; its events, and why it died (None if it finished)."""
    with tempfile.TemporaryDirectory(prefix="acts-grade-") as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "job.json").write_text(json.dumps(job))
        events_path = tmp / "events.jsonl"
        events_path.touch()
        work = tmp / "work"
        work.mkdir()
        errors = open(tmp / "stderr.txt", "wb")  # noqa: SIM115  closed below
        env = {
            **os.environ,
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "MPLBACKEND": "Agg",
        }
        package_root = str(pathlib.Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(
            [package_root, env.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep)
        if hasattr(os, "fork") and os.environ.get("ACTS_GRADER_SPAWN") != "1":
            returncode, killed = _forked(
                str(tmp / "job.json"), str(events_path), work, errors, deadline
            )
        else:
            # a fresh interpreter: slower (it imports NumPy and SymPy again), but portable
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "acts.problems.grader",
                    "child",
                    str(tmp / "job.json"),
                    str(events_path),
                ],
                cwd=work,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                start_new_session=True,
            )
            killed = False
            try:
                proc.wait(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                killed = True
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            returncode = proc.returncode
            with contextlib.suppress(OSError):
                # anything the answer left running
                os.killpg(proc.pid, signal.SIGKILL)
        errors.close()
        with open(tmp / "stderr.txt", "rb") as f:
            f.seek(max(0, f.seek(0, 2) - 4000))
            err = f.read()
        events = []
        for line in events_path.read_text(errors="replace").splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict):
                events.append(event)
        if events and events[-1].get("e") == "done":
            return events, None
        if not events:
            tail = err.decode(errors="replace").strip().splitlines()[-1:] or [
                "no output"
            ]
            return events, f"the grader could not start: {tail[0]}"
        return events, _reason(returncode, killed, limits)


def _forked(
    job: str, events: str, work: pathlib.Path, errors, deadline: float
) -> tuple[int, bool]:
    """Run the child as a fork of this process (NumPy, SymPy and acts already imported)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            os.setsid()
            os.chdir(work)
            os.dup2(errors.fileno(), 2)
            _child(job, events)
        except BaseException:  # noqa: BLE001  the child reports, then ends, whatever happened
            with contextlib.suppress(BaseException):
                import traceback

                os.write(2, traceback.format_exc().encode())
        os._exit(1)
    killed = False
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() >= deadline:
            killed = True
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            break
        time.sleep(0.01)
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)  # anything the answer left running
    return os.waitstatus_to_exitcode(status), killed


def grade_notebook(
    nb, chapter: str, problems, limits: Limits | None = None
) -> NotebookGrade:
    """Grade the answer cells of notebook `nb` (a dict) for `problems` of `chapter`."""
    limits = limits or Limits()
    sources = answer_sources(nb, problems)
    cells = [
        (gid, label, src)
        for p in problems
        for label in [p.label]
        for gid, src in sources[label]
    ]
    keys = [f"{p.label}/{i}" for p in problems for i in range(len(p.parts))]
    payloads: dict[str, dict] = {}
    cell_errors: dict[str, str] = {}
    outputs: dict[str, str] = {}
    skip: set[str] = set()
    grade = NotebookGrade()
    deadline = time.monotonic() + limits.wall_limit
    if problems:
        from . import setup_namespace

        # computed once here, inherited by each forked child
        setup_namespace(problems[0].setup)
    while True:
        todo = [k for k in keys if k not in payloads]
        if not todo:
            break
        job = {
            "module": f"acts.problems.{chapter}",
            "limits": limits.__dict__,
            "cells": [c for c in cells if c[0] not in skip],
            "parts": todo,
        }
        events, death = _run_child(job, limits, deadline)
        running = None
        for ev in events:
            kind = ev.get("e")
            if kind in ("cell_start", "part_start"):
                running = (kind, ev.get("id"))
            elif kind == "cell_end":
                running = None
                outputs[str(ev.get("id"))] = str(ev.get("output", ""))
                if ev.get("error"):
                    cell_errors[str(ev["id"])] = str(ev["error"])
            elif kind == "part" and ev.get("id") in todo:
                running = None
                payloads[ev["id"]] = (
                    ev.get("payload")
                    if isinstance(ev.get("payload"), dict)
                    else {"error": "no answer"}
                )
        if death is None:
            break
        if running is None:  # died outside any answer: setup, or between items
            grade.notes.append(f"the grader stopped: {death}")
            for k in keys:
                payloads.setdefault(
                    k, {"error": f"not checked: the grader stopped ({death})"}
                )
            break
        kind, item = running
        if kind == "cell_start":
            cell_errors[item] = death
            grade.notes.append(f"answer cell {item} {death}")
            skip.add(item)
        else:
            payloads[item] = {"error": f"checking this answer {death}"}
            grade.notes.append(
                f"{item.split('/')[0]}: checking an answer {death}"
            )
        if time.monotonic() >= deadline:
            for k in keys:
                payloads.setdefault(
                    k, {"error": "not checked: the submission ran out of time"}
                )
            break
    for p in problems:
        p_payloads = []
        errors = [
            cell_errors[gid]
            for gid, _ in sources[p.label]
            if gid in cell_errors
        ]
        for i in range(len(p.parts)):
            payload = dict(
                payloads.get(f"{p.label}/{i}", {"error": "not checked"})
            )
            if "missing" in payload:
                if not sources[p.label]:
                    why = "the answer cell of this exercise is missing from the notebook"
                elif errors:
                    why = f"your answer cell {errors[0]}"
                else:
                    why = "its answer cell does not define it"
                payload = {
                    "error": f"{payload['missing']} is not defined: {why}"
                }
            p_payloads.append(payload)
        results = p.judge(p_payloads, [src for _, src in sources[p.label]])
        report = p.report(results)
        if errors:
            report += "\n  " + "\n  ".join(
                f"(the answer cell {e})" for e in errors
            )
        grade.scores[p.label] = sum(r.score for r in results)
        grade.max_scores[p.label] = p.points
        grade.reports[p.label] = report
    grade.outputs = outputs
    return grade


# --------------------------------------------------------------------------- the child


class _Capped:
    """A stdout that keeps the first `limit` characters of each cell and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit, self.kept, self.dropped = limit, [], 0
        self.size = 0

    def write(self, text) -> int:
        text = str(text)
        room = self.limit - self.size
        if room > 0:
            self.kept.append(text[:room])
            self.size += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def flush(self) -> None:
        pass

    def take(self) -> str:
        text = "".join(self.kept)
        if self.dropped:
            text += f"\n[... {self.dropped} more characters of output not kept]"
        self.kept, self.dropped, self.size = [], 0, 0
        return text


def _child(job_path: str, events_path: str) -> None:
    import builtins
    import importlib
    import resource
    import traceback

    job = json.loads(pathlib.Path(job_path).read_text())
    limits = Limits(**job["limits"])
    fd = os.open(events_path, os.O_WRONLY | os.O_APPEND)
    dumps, write = json.dumps, os.write

    def emit(**event) -> None:
        write(fd, (dumps(event, default=str) + "\n").encode())

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    mb = limits.memory_limit * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (mb, mb))
    resource.setrlimit(resource.RLIMIT_FSIZE, (2**26, 2**26))

    def cpu_now() -> float:
        used = resource.getrusage(resource.RUSAGE_SELF)
        return used.ru_utime + used.ru_stime

    # A hard limit for the whole child, a soft one (SIGXCPU) a little past each item's budget.
    hard = int(
        cpu_now()
        + 30
        + (len(job["cells"]) + len(job["parts"])) * (limits.time_limit + 2)
    )
    resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))

    def cpu_budget() -> None:
        resource.setrlimit(
            resource.RLIMIT_CPU,
            (min(hard, int(cpu_now() + limits.time_limit + 2)), hard),
        )

    problems_mod = importlib.import_module("acts.problems")
    from acts.exercises import _time_limit, _TimeLimit

    chapter = importlib.import_module(job["module"])
    by_label = {
        v.label: v
        for v in vars(chapter).values()
        if isinstance(v, problems_mod.Problem)
    }
    # The references' namespace (in a fork, the grading process's, already computed); the
    # answers run in a copy of it. What they change there changes only this process.
    env = problems_mod.setup_namespace(chapter.SETUP)
    ns = dict(env)
    ns["__builtins__"] = builtins
    out = _Capped(limits.output_limit)
    sys.stdout = sys.stderr = out
    for gid, _label, source in job["cells"]:
        emit(e="cell_start", id=gid)
        cpu_budget()
        error = None
        try:
            code = compile(source, f"<answer cell {gid}>", "exec")
        except SyntaxError as exc:
            code = None
            error = f"has a syntax error (line {exc.lineno}: {exc.msg})"
        if code is not None:
            try:
                with _time_limit(limits.time_limit):
                    exec(code, ns)
            except _TimeLimit:
                error = (
                    f"did not finish within {limits.time_limit:g} s of CPU time"
                )
            except SystemExit:
                error = "called exit(): answer cells must not end the Python process"
            except BaseException as exc:
                frames = [
                    f
                    for f in traceback.extract_tb(exc.__traceback__)
                    if f.filename.startswith("<answer cell")
                ]
                where = f" at line {frames[-1].lineno}" if frames else ""
                error = f"raised {type(exc).__name__}: {exc}{where}"
        sys.stdout = sys.stderr = out
        emit(e="cell_end", id=gid, error=error, output=out.take())
    for key in job["parts"]:
        label, index = key.rsplit("/", 1)
        emit(e="part_start", id=key)
        cpu_budget()
        part = by_label[label].parts[int(index)]
        try:
            with _time_limit(limits.time_limit * 2):
                payload = part.extract(ns, env, limits.time_limit)
        except problems_mod._Missing as missing:
            payload = {"missing": str(missing)}
        except _TimeLimit:
            payload = {
                "error": f"{part.label} did not finish within {limits.time_limit:g} s of "
                "CPU time"
            }
        except BaseException as exc:
            payload = {
                "error": f"{part.label} could not be evaluated: {type(exc).__name__}: "
                f"{str(exc)[:500]}"
            }
        sys.stdout = sys.stderr = out
        out.take()
        emit(e="part", id=key, payload=payload)
    emit(e="done")
    # nothing the answers registered (atexit, threads) runs after this
    os._exit(0)


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        _child(sys.argv[2], sys.argv[3])
