"""The one properties helper: ranges with the right ends, exact extremes, means by quadrature."""

import math
import re

import mpmath
import numpy as np
import pytest

import acts
from acts.properties import Interval, properties, table


def ulps(a: float, b: float) -> float:
    return abs(a - b) / math.ulp(b)


def test_silu_range_is_closed_at_its_exact_minimum_and_open_at_infinity():
    with mpmath.workdps(50):
        exact = float(-mpmath.lambertw(1 / mpmath.e).real)  # SiLU(x*) = −W(1/e)
        x_star = float(-1 - mpmath.lambertw(1 / mpmath.e).real)
    for name in ("silu", "swish"):
        r = properties(name).range
        assert r.lo_closed and not r.hi_closed and r.hi == math.inf
        assert ulps(r.lo, exact) <= 1, (name, r.lo, exact)
    assert abs(properties("silu").minimum_at - x_star) < 1e-12
    assert str(properties("silu").range) == "[−0.278465, ∞)"


def test_saturating_ranges_are_open_where_only_a_limit_reaches():
    assert str(properties("tanh").range) == "(−1, 1)"
    assert properties("tanh").range == Interval(-1.0, 1.0, False, False)
    assert str(properties("sigmoid").range) == "(0, 1)"
    logsig = properties("logsigmoid").range
    assert (
        str(logsig) == "(−∞, 0)" and math.copysign(1, logsig.hi) == 1
    )  # no −0
    assert str(properties("relu").range) == "[0, ∞)"
    assert str(properties("step").range) == "[0, 1]"
    assert (
        str(properties("hardtanh", min_val=-2.0, max_val=0.5).range)
        == "[−2, 0.5]"
    )
    assert str(properties("elu").range) == "(−1, ∞)"


def test_mean_output_is_the_gaussian_integral():
    assert abs(properties("relu").mean - 1 / math.sqrt(2 * math.pi)) < 1e-12
    assert (
        abs(properties("tanh").mean) < 1e-15 and properties("tanh").zero_centred
    )
    for name in ("gelu", "silu", "mish"):
        p = properties(name)
        assert p.mean > 0.2 and not p.zero_centred, name
    # GELU's mean is E[z·Φ(z)] = 1/(2√π); ELU's is e^{1/2}Φ(−1) − 1/2 + 1/√(2π).
    assert abs(properties("gelu").mean - 1 / (2 * math.sqrt(math.pi))) < 1e-12
    elu = (
        math.exp(0.5) * 0.5 * math.erfc(1 / math.sqrt(2))
        - 0.5
        + 1 / math.sqrt(2 * math.pi)
    )
    assert abs(properties("elu").mean - elu) < 1e-12


def test_slopes_monotonicity_smoothness_and_saturation():
    sig = properties("sigmoid")
    assert (
        sig.max_grad == 0.25
        and sig.max_grad_at == 0
        and sig.f0 == 0.5
        and sig.df0 == 0.25
    )
    assert sig.monotone == "increasing" and sig.grad_monotone == "no"
    assert sig.saturates == "both sides" and sig.smoothness == "C^∞"
    relu = properties("relu")
    assert (
        relu.monotone == "non-decreasing"
        and relu.saturates == "left"
        and relu.smoothness == "C⁰"
    )
    assert relu.max_grad_at == Interval(0.0, math.inf, False, False)
    assert (
        properties("elu").smoothness == "C¹"
        and properties("elu", alpha=2.0).smoothness == "C⁰"
    )
    assert properties("hardshrink").smoothness == "discontinuous"
    soft = properties("softplus")
    assert (
        soft.max_grad == 1
        and not soft.max_grad_attained
        and soft.grad_monotone == "increasing"
    )
    gelu = properties("gelu")
    assert abs(gelu.max_grad_at - math.sqrt(2)) < 1e-7 and gelu.monotone == "no"
    assert properties("tanhshrink").max_grad_at == "x → ±∞"


def test_a_registered_toy_gets_its_properties(toy):
    p = properties("toy_scaled", a=2.0)
    assert str(p.range) == "(−2, 2)" and p.max_grad == 2 and p.max_grad_at == 0
    assert (
        p.monotone == "increasing"
        and p.saturates == "both sides"
        and p.smoothness == "C^∞"
    )
    assert abs(p.mean) < 1e-15 and p.zero_centred and p.f0 == 0 and p.df0 == 2
    lin = properties("toy_scaled", mode="linear", a=0.5)
    assert (
        str(lin.range) == "(−∞, ∞)"
        and lin.grad_monotone == "constant"
        and lin.saturates == "no"
    )
    assert "| toy_scaled (mode = linear, a = 0.5) |" in table([lin]).replace(
        "property | ", ""
    )


def test_vector_activations_get_per_component_properties():
    sm = properties("softmax")
    assert str(sm.range) == "(0, 1)" and sm.extra["outputs sum to 1"] is True
    assert abs(sm.f0 - 1 / 3) < 1e-15 and abs(sm.max_grad - 0.25) < 1e-15
    assert (
        abs(sm.mean - 1 / 3) < 1e-12
    )  # by symmetry the three outputs share the mass
    ls = properties("log_softmax")
    assert str(ls.range) == "(−∞, 0)" and ls.extra["outputs sum to 1"] is False


def test_unknown_kinds_get_a_row_not_an_exception(toy_softmax):
    class Odd:
        name, kind = "odd", "mystery"

        def __call__(self, x, axis=-1):
            return np.asarray(x) * 2

    p = properties(Odd())
    assert p.kind == "mystery" and p.range is None and "mystery" in p.note
    toy = properties(
        "toy_softmax"
    )  # a Jacobian for one vector at a time is enough
    assert str(toy.range) == "(0, 1)" and toy.extra["outputs sum to 1"] is True


@pytest.mark.parametrize("name", acts.names())
def test_every_registered_activation_has_displayable_properties(name):
    p = properties(name)
    rows = dict(p.rows())
    assert (
        not re.search(r"−0(?![.\d])", " ".join(rows.values()))
        and "nan" not in " ".join(rows.values()).lower()
    )
    if p.kind in ("elementwise", "vector"):
        assert p.range.lo <= p.f0 <= p.range.hi and p.mean is not None
