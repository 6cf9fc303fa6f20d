"""The exercise checkers: every wrong answer gets its own message, and the checker never crashes.

Each test gives a wrong answer and asserts the message a student reads; a right answer passes.
"""

import time

import numpy as np
import pytest
import sympy as sp

import acts
from acts.core import Activation
from acts.exercises import Exercise, NotAttempted, WrongAnswer
from acts.symbolic import x

ex = Exercise("test-ex", hints=["first hint", "second hint"])
sigma = acts.sigmoid.expr


def stable_grad(x):
    t = np.exp(-np.abs(x))
    return t / (1 + t) ** 2


def wrong(check, *args, **kwargs) -> str:
    """The message of the WrongAnswer `check` raises."""
    with pytest.raises(WrongAnswer) as info:
        check(*args, **kwargs)
    return str(info.value)


# -- check_function --------------------------------------------------------------------------


def test_a_right_function_passes_with_the_size_of_the_grid(capsys):
    ex.check_function(stable_grad, acts.sigmoid.grad)
    assert capsys.readouterr().out == (
        "Correct: your stable_grad matches acts.sigmoid.grad at 225 points, tails included.\n"
    )


def test_a_wrong_value_names_x_the_expected_and_the_received_value():
    message = wrong(
        ex.check_function,
        acts.sigmoid,
        acts.sigmoid.grad,
        what="your derivative",
    )
    assert message.startswith(
        "your derivative is off at x = 0: expected 0.25, got 0.5, a relative "
        "error of 1 "
    )

    def sigmoid_grad(x):  # right for x > -3, the sigmoid itself below
        return np.where(x <= -3, acts.sigmoid(x), stable_grad(x))

    assert wrong(
        ex.check_function,
        sigmoid_grad,
        acts.sigmoid.grad,
        what="your derivative",
        tails=False,
    ) == (
        "your derivative is off at x = -3: expected 0.04517666, "
        "got 0.04742587, a relative error of 0.05 (wrong at 71 of 201 "
        "points, x from -10 to -3)"
    )


def test_the_grid_includes_the_tails():
    naive = lambda x: acts.sigmoid(x) * (1 - acts.sigmoid(x))  # noqa: E731
    # right on [-10, 10] ...
    ex.check_function(naive, acts.sigmoid.grad, tails=False)
    # ... wrong in the tails
    message = wrong(ex.check_function, naive, acts.sigmoid.grad)
    assert message.startswith(
        "your function is off at x = 20: expected 2.0611536e-09, "
        "got 2.0611537e-09, a relative error of 3.6e-08 (wrong at 7 of 225 points, x from 20 "
        "to 700)"
    )


def _toy_relu(kink: float) -> Activation:
    return Activation(
        "toy_shifted_relu",
        title="toy",
        forward=lambda x: np.maximum(x - kink, 0.0),
        grad=lambda x: (x > kink).astype(np.float64),
        expr=lambda x: sp.Max(x - kink, 0),
        kinks=(kink,),
    )


def test_the_grid_includes_the_kinks_of_a_bound_grad_and_of_an_activation():
    # 0.05 is not on the dense grid, so only the kinks can catch this
    toy = _toy_relu(0.05)
    at_kink = lambda x: (x >= 0.05).astype(np.float64)  # noqa: E731  the other value at the kink
    assert "off at x = 0.05: expected 0, got 1" in wrong(
        ex.check_function, at_kink, toy.grad
    )
    below = lambda x: np.where(x < 0.05, 0.0, x - 0.05) + (x == 0.05)  # noqa: E731
    assert "off at x = 0.05: expected 0, got 1" in wrong(
        ex.check_function, below, toy
    )
    right_off_grid = lambda x: (x > 0.04).astype(np.float64)  # noqa: E731  wrong only near the kink
    # the kink's left neighbour, 0.05 - 1 ULP, is on the grid too
    assert (
        "off at x = 0.049999999999999996: expected 0, got 1 (wrong at 2 of 204 points"
        in wrong(ex.check_function, right_off_grid, toy.grad, tails=False)
    )


def test_none_asks_about_a_missing_return():
    def sigmoid_grad(x):
        t = np.exp(-np.abs(x))
        t / (1 + t) ** 2  # noqa: B018  computed, never returned

    assert wrong(ex.check_function, sigmoid_grad, acts.sigmoid.grad) == (
        "your sigmoid_grad returned None: did you forget a `return`?"
    )
    assert "is None: did you forget to define it" in wrong(
        ex.check_function, None, acts.sigmoid.grad
    )


def test_an_untouched_stub_is_not_attempted_yet():
    def sigmoid_grad(x):
        # YOUR CODE HERE
        raise NotImplementedError()

    message = wrong(ex.check_function, sigmoid_grad, acts.sigmoid.grad)
    assert message.startswith(
        "test-ex is not attempted yet: write your answer in the answer cell"
    )
    with pytest.raises(NotAttempted):
        ex.check_function(sigmoid_grad, acts.sigmoid.grad)

    def uses_a_missing_feature(x):
        raise NotImplementedError("float128 is not supported here")

    assert wrong(
        ex.check_function, uses_a_missing_feature, acts.sigmoid.grad
    ).startswith(
        "your uses_a_missing_feature raised NotImplementedError: float128 is not supported here"
    )
    # A top-level answer in a student release starts as NotImplemented (acts.assignments).
    for check, args in [
        (ex.check_function, (NotImplemented, acts.sigmoid.grad)),
        (ex.check_expression, (NotImplemented, sigma)),
        (ex.check_number, (NotImplemented, 0.25)),
        (ex.check_choice, (NotImplemented, "a")),
    ]:
        kwargs = {"choices": ["a", "b"]} if check == ex.check_choice else {}
        with pytest.raises(NotAttempted, match="not attempted yet"):
            check(*args, **kwargs)


def test_nan_has_its_own_message():
    def sigmoid_grad(x):
        return np.where(x > 5, np.nan, stable_grad(x))

    assert wrong(ex.check_function, sigmoid_grad, acts.sigmoid.grad).startswith(
        "your sigmoid_grad returned NaN at x = 5.1 (expected 0.00602308): look for inf/inf"
    )
    # An overflow to NaN further out is named after the first wrong point.
    naive = lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2  # noqa: E731  inf/inf for x < -709.8
    message = wrong(ex.check_function, naive, acts.sigmoid.grad)
    assert message.startswith(
        "your function is off at x = -500: expected 7.124576e-218, got 0"
    )
    assert message.endswith("; NaN at x = -1000")


def test_the_wrong_shape_has_its_own_message():
    assert wrong(
        ex.check_function,
        lambda x: float(stable_grad(x).sum()),
        acts.sigmoid.grad,
    ) == (
        "your function returned shape () for an input of shape (225,): it must work "
        "elementwise, one output per input"
    )


def test_the_wrong_dtype_has_its_own_message():
    assert wrong(
        ex.check_function, lambda x: (x > 0).astype(int), acts.sigmoid.grad
    ).startswith(
        "your function returned dtype int64 for a float64 input: return float64"
    )

    def keeps_float64(x):
        return stable_grad(np.asarray(x, dtype=np.float64))

    assert wrong(
        ex.check_function,
        keeps_float64,
        acts.sigmoid.grad,
        dtypes=(np.float64, np.float32),
    ).startswith(
        "your keeps_float64 returned dtype float64 for a float32 input"
    )
    ex.check_function(
        stable_grad, acts.sigmoid.grad, dtypes=(np.float64, np.float32)
    )


def test_a_mutated_input_has_its_own_message():
    def sigmoid_grad(x):
        np.abs(x, out=x)  # saves a copy, and changes the caller's array
        t = np.exp(-x)
        return t / (1 + t) ** 2

    assert wrong(ex.check_function, sigmoid_grad, acts.sigmoid.grad).startswith(
        "your sigmoid_grad changed its input in place (x = -1000 became 1000)"
    )


def test_an_exception_in_the_answer_is_reported_not_raised():
    def sigmoid_grad(x):
        t = np.exp(-np.abs(x))
        return t / (1 + tt) ** 2  # noqa: F821  the student's typo

    message = wrong(ex.check_function, sigmoid_grad, acts.sigmoid.grad)
    assert message.startswith(
        "your sigmoid_grad raised NameError: name 'tt' is not defined (line "
    )
    assert "of sigmoid_grad: `return t / (1 + tt) ** 2" in message

    def relu_grad(x):
        return 1.0 if x > 0 else 0.0  # scalar code given an array

    message = wrong(ex.check_function, relu_grad, acts.sigmoid.grad)
    assert message.startswith(
        "your relu_grad raised ValueError: The truth value of an array"
    )
    assert message.endswith("use np.where or a mask instead of `if`")


def test_an_endless_loop_hits_the_time_limit():
    def sigmoid_grad(x):
        while True:
            pass

    start = time.monotonic()
    message = wrong(
        Exercise("loop", time_limit=0.5).check_function,
        sigmoid_grad,
        acts.sigmoid.grad,
    )
    assert message == (
        "your sigmoid_grad did not finish within 0.5 s of CPU time on 225 points: "
        "is there a loop that never ends?"
    )
    assert time.monotonic() - start < 5


def test_a_student_except_cannot_swallow_the_time_limit():
    def sigmoid_grad(x):
        try:
            while True:
                pass
        except Exception:
            return stable_grad(x)

    assert "did not finish within 0.3 s" in wrong(
        Exercise("loop", time_limit=0.3).check_function,
        sigmoid_grad,
        acts.sigmoid.grad,
    )


def test_overflow_warnings_in_the_answer_do_not_escape():
    # filterwarnings = error: a RuntimeWarning leaking out of the checker would fail this test.
    naive = lambda x: 1 / (1 + np.exp(-x)) * (1 - 1 / (1 + np.exp(-x)))  # noqa: E731
    assert "is off at x = " in wrong(
        ex.check_function, naive, acts.sigmoid.grad
    )


def test_a_non_function_is_named():
    assert wrong(ex.check_function, 0.25, acts.sigmoid.grad) == (
        "your function should be a function, got float 0.25"
    )


def test_params_reach_the_answer_and_the_reference():
    toy = _toy_relu(1.5)
    ex.check_function(lambda x: (x > 1.5).astype(float), toy.grad, params={})
    assert "off at x = 1.5: expected 0, got 1" in wrong(
        ex.check_function,
        lambda x: (x >= 1.5).astype(float),
        toy.grad,
        params={},
    )


# -- check_expression ------------------------------------------------------------------------


def test_any_equivalent_expression_is_accepted(capsys):
    s = sp.Symbol("sigma")
    second = sp.diff(sigma, x, 2)
    for form in [
        s * (1 - s) * (1 - 2 * s),
        2 * s**3 - 3 * s**2 + s,
        s - 3 * s**2 + 2 * s**3,
        s * (s - 1) * (2 * s - 1),
    ]:
        ex.check_expression(form, second, subs={s: sigma})
    ex.check_expression(
        sp.exp(-x) * (sp.exp(-x) - 1) / (1 + sp.exp(-x)) ** 3, second
    )
    # x written without real=True is the same x to a student.
    ex.check_expression(1 / (1 + sp.exp(-sp.Symbol("x"))), sigma)
    assert (
        capsys.readouterr().out.count("Correct: your expression is equal") == 6
    )


def test_a_wrong_expression_names_a_point_and_both_values():
    s = sp.Symbol("sigma")
    message = wrong(
        ex.check_expression,
        s * (1 - s),
        sp.diff(sigma, x, 2),
        subs={s: sigma},
        what="your σ''",
    )
    assert message.startswith(
        "your σ'', sigma*(1 - sigma), is not equal to the expected "
        "expression: at x = -0.5 it is 0.2350037, expected 0.05755679"
    )


def test_a_wrong_constant_says_which_way_not_what():
    message = wrong(
        ex.check_expression,
        sp.Rational(1, 4),
        sp.Rational(1, 4) ** 10,
        what="your bound",
    )
    assert (
        message
        == "your bound, 1/4, is not equal to the expected expression: it is too large"
    )


def test_an_expression_with_a_foreign_symbol_or_no_expression_is_named():
    y = sp.Symbol("y")
    assert wrong(ex.check_expression, y * (1 - y), sigma) == (
        "your expression, y*(1 - y), contains y: write it in x only"
    )
    assert "should be a SymPy expression, got function" in wrong(
        ex.check_expression, stable_grad, sigma
    )
    assert "is None: did you forget to assign it?" in wrong(
        ex.check_expression, None, sigma
    )


# -- check_number and check_choice -----------------------------------------------------------


def test_numbers_within_tolerance_pass_and_others_say_too_large_or_small(
    capsys,
):
    ex.check_number(0.2500001, 0.25, rtol=1e-6)
    assert "Correct" in capsys.readouterr().out
    assert (
        wrong(ex.check_number, 0.26, 0.25)
        == "your number is 0.26, which is too large"
    )
    assert (
        wrong(ex.check_number, 0.24, 0.25)
        == "your number is 0.24, which is too small"
    )
    assert wrong(ex.check_number, float("nan"), 0.25) == "your number is NaN"
    assert wrong(ex.check_number, np.ones(3), 0.25) == (
        "your number should be one number, got an array of shape (3,)"
    )
    assert wrong(ex.check_number, "a quarter", 0.25) == (
        "your number should be a number, got str 'a quarter'"
    )
    assert (
        wrong(ex.check_number, None, 0.25)
        == "your number is None: did you forget to assign it?"
    )


def test_choices():
    ex.check_choice("b", "b", choices=["a", "b"])
    assert wrong(ex.check_choice, "c", "b", choices=["a", "b"]) == (
        "your choice must be one of ['a', 'b'], got 'c'"
    )
    assert wrong(ex.check_choice, "a", "b", choices=["a", "b"]) == (
        "your choice, 'a', is not right: the hints can help (.hint(1) on the exercise)"
    )


# -- hints and display -----------------------------------------------------------------------


def test_hints_by_number(capsys):
    ex.hint(2)
    ex.hint(3)
    Exercise("bare").hint()
    assert capsys.readouterr().out.splitlines() == [
        "Hint 2 of 2: second hint",
        "Exercise test-ex has hints 1 to 2; there is no hint 3.",
        "Exercise bare has no hints.",
    ]
    assert ex._repr_html_().count("<details><summary>Hint") == 2


def test_a_wrong_answer_is_an_assertion_error_shown_without_the_checker_traceback():
    # what nbgrader and pytest count as a failure
    with pytest.raises(AssertionError) as info:
        ex.check_function(
            acts.sigmoid, acts.sigmoid.grad, what="your derivative"
        )
    lines = info.value._render_traceback_()
    assert len(lines) == 1 and "WrongAnswer" in lines[0]
    assert lines[0].endswith(str(info.value))


def test_a_symbol_that_cancels_is_accepted_but_one_that_matters_is_named():
    y1, y2, s = sp.symbols("y1 y2 s", real=True)
    ex = Exercise("t-ex")
    # y2 cancels: correct
    ex.check_expression(y2 * s + (1 - y1 - y2) * s, (1 - y1) * s)
    with pytest.raises(AssertionError, match="contains y2"):
        ex.check_expression(y2 * s, (1 - y1) * s)


# -- acts.problems: exercises defined once, checked by parts ---------------------------------

from acts.problems import (  # noqa: E402
    Choice,
    Expression,
    Function,
    Number,
    Problem,
    parse_srepr,
)

SETUP = (
    "import numpy as np\nimport sympy as sp\nimport acts\nx = acts.symbolic.x\n"
)
multi = Problem(
    "test-ex-multi",
    SETUP,
    hints=["a hint"],
    parts=[
        Expression("d", "sp.diff(x**3, x)", what="your derivative"),
        Number("n", "2", what="your count", points=2),
        Choice(
            "c",
            choices=["a", "b", "c"],
            right="b",
            feedback={
                "a": "a is for the forward pass",
                "c": "c has no gradient",
            },
        ),
        Function("f", "acts.sigmoid.grad", forbid_acts=True, what="your f"),
    ],
)


def test_every_failing_part_is_listed_with_partial_credit():
    ns = {"d": 3 * x**2, "n": 3, "c": "c", "f": stable_grad}
    with pytest.raises(WrongAnswer) as info:
        multi.check(ns)
    assert str(info.value).splitlines() == [
        "test-ex-multi: 2 of 5 points",
        "  ✓ [1/1] your derivative is equal to the expected expression",
        "  ✗ [0/2] your count is 3, which is too large",
        "  ✗ [0/1] your c, 'c', is not right: c has no gradient",
        "  ✓ [1/1] your f is right at 225 points, tails included",
    ]


def test_each_wrong_choice_has_its_own_explanation():
    results = {
        c: multi.judge(
            [
                {"srepr": "Integer(0)"},
                {"value": 0.0},
                {"value": c},
                {"error": "-"},
            ]
        )[2].message
        for c in "ab"
    }
    assert results == {
        "a": "your c, 'a', is not right: a is for the forward pass",
        "b": "your c is right",
    }


def test_an_untouched_problem_prints_not_attempted_without_raising(capsys):
    def f(x):
        raise NotImplementedError()

    multi.check(
        {"d": NotImplemented, "n": NotImplemented, "c": NotImplemented, "f": f}
    )
    out = capsys.readouterr().out
    assert (
        out.startswith("test-ex-multi: 0 of 5 points\n")
        and out.count("not attempted yet") == 4
    )


def test_a_syntax_error_in_the_answer_cell_is_reported_as_such():
    ns = {
        "In": ["", "d = sp.diff(x**3, x\nn = 2"],
        "n": 2,
        "c": "b",
        "f": stable_grad,
    }
    with pytest.raises(
        WrongAnswer,
        match=r"d is not defined: your answer cell has a syntax error "
        r"\(line 1: ",
    ):
        multi.check(ns)


def test_an_answer_that_calls_acts_is_refused_where_the_exercise_forbids_it():
    ns = {"d": 3 * x**2, "n": 2, "c": "b", "f": lambda v: acts.sigmoid.grad(v)}
    with pytest.raises(WrongAnswer, match="without calling acts"):
        multi.check(ns)


def test_an_expression_comes_back_from_its_srepr_and_nothing_else_runs():
    assert parse_srepr(
        sp.srepr(sp.Max(x, 2 * x) + sp.Rational(1, 3))
    ) == sp.Max(x, 2 * x) + sp.Rational(1, 3)
    for evil in [
        "__import__('os').system('true')",
        "Symbol.__init__",
        "eval('1')",
        "Integer(1).__class__",
    ]:
        with pytest.raises(WrongAnswer):
            parse_srepr(evil)


def test_the_check_cell_holds_no_reference():
    """A chapter converted to acts.problems: its check cells are one call each."""
    import json
    import pathlib

    nb = json.loads(
        (
            pathlib.Path(__file__).parents[1] / "book" / "sigmoid.ipynb"
        ).read_text()
    )
    checks = [
        "".join(c["source"])
        for c in nb["cells"]
        if "exercise-check" in c["metadata"].get("tags", [])
    ]
    assert checks == [
        "ex_second.check()",
        "ex_stable_grad.check()",
        "ex_ten_layers.check()",
        "ex_spot.check()",
    ]
