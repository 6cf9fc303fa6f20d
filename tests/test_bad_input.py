"""Bad input gets one clear error naming what was wrong, never a NaN or a deep traceback."""

import numpy as np
import pytest

import acts

NAMES = acts.names("elementwise")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "x, dtype",
    [
        (np.array([1 + 2j]), "complex128"),
        (np.array([1.0], dtype=object), "object"),
        (np.array(["1.0"]), "<U3"),
        (["a", "b"], "<U1"),
        (np.array([1.0], dtype=np.longdouble), "float128"),
    ],
)
def test_non_real_input_is_a_type_error_naming_the_activation_and_dtype(
    name, x, dtype
):
    a = acts.get(name)
    for fn in (a, a.grad):
        with pytest.raises(TypeError) as info:
            fn(x)
        assert name in str(info.value) and dtype in str(info.value)


@pytest.mark.parametrize("name", NAMES)
def test_an_unknown_parameter_is_a_value_error_naming_it(name):
    with pytest.raises(ValueError, match=rf"{name}: unknown parameter 'slope'"):
        acts.get(name)(1.0, slope=2.0)


@pytest.mark.parametrize("name", NAMES)
def test_param_grad_of_a_parameter_it_does_not_have_is_a_value_error(name):
    with pytest.raises(
        ValueError, match=rf"{name}: no numeric parameter 'slope'"
    ):
        acts.get(name).param_grad(1.0, "slope")


@pytest.mark.parametrize("name", ["softshrink", "hardshrink"])
@pytest.mark.parametrize("lambd", [-0.5, -1e-300, float("nan"), float("inf")])
def test_shrink_lambd_must_be_finite_and_nonnegative(name, lambd):
    a = acts.get(name)
    for call in (
        lambda: a(1.0, lambd=lambd),
        lambda: a.grad(1.0, lambd=lambd),
        lambda: a.param_grad(1.0, "lambd", lambd=lambd),
    ):
        with pytest.raises(
            ValueError, match=rf"{name}: lambd must be .*got {lambd!r}"
        ):
            call()


@pytest.mark.parametrize("name", ["softshrink", "hardshrink"])
def test_shrink_lambd_must_be_a_scalar(name):
    with pytest.raises(ValueError, match=rf"{name}: lambd must be a scalar"):
        acts.get(name)(np.ones(3), lambd=np.array([0.5, 0.5, 0.5]))


@pytest.mark.parametrize(
    "min_val, max_val", [(1.0, 1.0), (2.0, -1.0), (0.5, 0.0)]
)
def test_hardtanh_min_val_not_below_max_val_is_a_value_error_naming_both(
    min_val, max_val
):
    for fn in (acts.hardtanh, acts.hardtanh.grad):
        with pytest.raises(
            ValueError,
            match=rf"hardtanh: min_val must be < max_val, got "
            rf"min_val={min_val!r} and max_val={max_val!r}",
        ):
            fn(0.0, min_val=min_val, max_val=max_val)
    with pytest.raises(ValueError, match="min_val"):
        acts.hardtanh.param_grad(
            0.0, "min_val", min_val=min_val, max_val=max_val
        )


@pytest.mark.parametrize(
    "name, pname",
    [
        ("leaky_relu", "negative_slope"),
        ("prelu", "alpha"),
        ("hardtanh", "min_val"),
        ("hardtanh", "max_val"),
    ],
)
@pytest.mark.parametrize("value", [np.nan, np.inf, "0.1"])
def test_a_rectifier_parameter_that_is_not_a_finite_number_is_a_value_error(
    name, pname, value
):
    with pytest.raises(
        ValueError, match=rf"{name}: {pname} must be a finite real number"
    ):
        acts.get(name)(0.5, **{pname: value})


def test_prelu_alpha_that_does_not_broadcast_to_x_is_a_value_error():
    with pytest.raises(
        ValueError, match=r"prelu: alpha of shape \(3,\) does not broadcast"
    ):
        acts.prelu(np.zeros((2, 4)), alpha=np.array([0.1, 0.2, 0.3]))
    with pytest.raises(
        ValueError, match="prelu: alpha must be a finite real number"
    ):
        acts.prelu(np.zeros(2), alpha=np.array([0.1, np.nan]))
    with pytest.raises(
        ValueError, match="leaky_relu: negative_slope must be a scalar"
    ):
        acts.leaky_relu(np.zeros(2), negative_slope=np.array([0.1, 0.2]))


# --------------------------------------------------------------------------- vector activations

VECTOR = acts.names("vector")


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize(
    "x, dtype",
    [
        (np.array([1 + 2j]), "complex128"),
        (np.array([1.0], dtype=object), "object"),
        (np.array(["1.0"]), "<U3"),
        (["a", "b"], "<U1"),
        (np.array([1.0], dtype=np.longdouble), "float128"),
    ],
)
def test_vector_non_real_input_is_a_type_error_naming_the_activation_and_dtype(
    name, x, dtype
):
    a = acts.get(name)
    for fn in (
        a,
        a.jacobian,
        lambda v: a.vjp(v, np.ones(np.shape(v))),
        lambda v: a.vjp([1.0], v),
    ):
        with pytest.raises(TypeError) as info:
            fn(x)
        assert name in str(info.value) and dtype in str(info.value)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_unknown_parameter_is_a_value_error_naming_it(name):
    with pytest.raises(
        ValueError,
        match=rf"{name}: unknown parameter 'dim' \(its parameters are: axis\)",
    ):
        acts.get(name)([1.0, 2.0], dim=0)


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("axis", [1.5, "0", True, None])
def test_vector_non_integer_axis_is_a_value_error_naming_it(name, axis):
    with pytest.raises(
        ValueError, match=rf"{name}: axis must be an integer, got {axis!r}"
    ):
        acts.get(name)([1.0, 2.0], axis=axis)


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize(
    "shape, axis", [((3,), 1), ((3,), -2), ((2, 3), 2), ((2, 3), -3), ((), 1)]
)
def test_vector_axis_out_of_range_is_a_value_error_naming_it(name, shape, axis):
    a = acts.get(name)
    x = np.zeros(shape)
    for fn, who in (
        (a, name),
        (a.jacobian, f"{name}.jacobian"),
        (lambda v, axis: a.vjp(v, v, axis=axis), f"{name}.vjp"),
    ):
        with pytest.raises(
            ValueError,
            match=rf"{who}: axis {axis} is out of range .*{len(shape)}",
        ):
            fn(x, axis=axis)


@pytest.mark.parametrize("name", VECTOR)
def test_vjp_with_a_g_that_does_not_fit_x_is_a_value_error(name):
    with pytest.raises(
        ValueError,
        match=rf"{name}.vjp: g of shape \(2,\) does not broadcast to x of shape \(3,\)",
    ):
        acts.get(name).vjp([1.0, 2.0, 3.0], [1.0, 2.0])


@pytest.mark.parametrize(
    "value", [-0.1, 1.5, np.nan, np.inf, "half", [0.5, 0.5]]
)
def test_step_at_zero_outside_zero_to_one_is_a_value_error_naming_it(value):
    for call in (
        lambda: acts.step(0.0, at_zero=value),
        lambda: acts.step.grad(0.0, at_zero=value),
        lambda: acts.step.param_grad(0.0, "at_zero", at_zero=value),
    ):
        with pytest.raises(ValueError, match=r"step: at_zero must be"):
            call()


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf, "one", None])
def test_linear_c_not_finite_is_a_value_error_naming_it(value):
    with pytest.raises(
        ValueError, match=r"linear: c must be a finite real number"
    ):
        acts.linear(1.0, c=value)


@pytest.mark.parametrize("name", ["sign", "tanh"])
def test_sign_and_tanh_have_no_parameters(name):
    with pytest.raises(
        ValueError,
        match=rf"{name}: unknown parameter 'at_zero' \(its parameters are: none\)",
    ):
        acts.get(name)(1.0, at_zero=0.5)


@pytest.mark.parametrize("beta", [-1.0, 0.0, float("nan"), float("inf")])
def test_softplus_beta_must_be_positive(beta):
    with pytest.raises(
        ValueError, match=rf"softplus: beta must be .*got {beta!r}"
    ):
        acts.softplus(1.0, beta=beta)


def test_softplus_beta_error_reads_as_the_guide_quotes_it():
    with pytest.raises(ValueError) as info:
        acts.softplus(1.0, beta=-1.0)
    assert str(info.value) == "softplus: beta must be > 0, got -1.0"


@pytest.mark.parametrize("threshold", ["20", float("nan"), [20.0, 30.0]])
def test_softplus_threshold_must_be_none_or_a_finite_number(threshold):
    with pytest.raises(ValueError, match="softplus: threshold must be"):
        acts.softplus(1.0, threshold=threshold)


def test_softplus_threshold_has_no_derivative():
    with pytest.raises(
        ValueError, match="softplus: threshold is not differentiable"
    ):
        acts.softplus.param_grad(1.0, "threshold")


def test_celu_alpha_must_be_nonzero_as_in_pytorch():
    with pytest.raises(ValueError, match=r"celu: alpha must be != 0 .*got 0.0"):
        acts.celu(1.0, alpha=0.0)
    assert acts.celu(-1.0, alpha=-2.0) < 0  # PyTorch accepts a negative alpha


@pytest.mark.parametrize("name", ["elu", "celu"])
def test_elu_and_celu_alpha_must_be_finite(name):
    with pytest.raises(
        ValueError, match=rf"{name}: alpha must be a finite real number"
    ):
        acts.get(name)(1.0, alpha=float("nan"))


def test_celu_alpha_whose_reciprocal_overflows_is_refused():
    with pytest.raises(
        ValueError, match=r"celu: alpha must be at least .*got 5e-324"
    ):
        acts.celu(1.0, alpha=5e-324)


@pytest.mark.parametrize("value", ["exact", "Tanh", None, 1.0])
def test_gelu_approximate_outside_none_and_tanh_is_a_value_error_naming_it(
    value,
):
    for fn in (acts.gelu, acts.gelu.grad):
        with pytest.raises(
            ValueError,
            match=rf"gelu: approximate must be one of 'none', 'tanh', got {value!r}",
        ):
            fn(1.0, approximate=value)


@pytest.mark.parametrize("value", [np.nan, np.inf, "1"])
def test_swish_beta_must_be_a_finite_number(value):
    with pytest.raises(
        ValueError, match=r"swish: beta must be a finite real number"
    ):
        acts.swish(1.0, beta=value)


# ------------------------------------------------------- byte order, ragged, huge ints, masks
ALL_NAMES = acts.names()


def _calls(a, x):
    if a.kind == "vector":
        return [
            lambda: a(x),
            lambda: a.jacobian(x),
            lambda: a.vjp(x, np.ones(np.shape(x))),
        ]
    if (
        a.kind == "glu"
    ):  # halves along the last axis: the output is half as long
        half = np.shape(x)[:-1] + (np.shape(x)[-1] // 2,)
        return [
            lambda: a(x),
            lambda: a.jacobian(x),
            lambda: a.vjp(x, np.ones(half)),
        ]
    return [lambda: a(x), lambda: a.grad(x)]


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("order", [">f8", ">f4", ">f2", "<f8", "<f4"])
def test_non_native_byte_order_is_computed_like_native_and_gives_the_native_dtype(
    name, order
):
    a = acts.get(name)
    x = np.linspace(-4, 4, 12).astype(order)
    native = x.astype(x.dtype.newbyteorder("="))
    for swapped, plain in zip(_calls(a, x), _calls(a, native)):
        y, expected = swapped(), plain()
        assert y.dtype == expected.dtype and y.dtype.isnative
        np.testing.assert_array_equal(y, expected)


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize(
    "x, message",
    [
        ([[1.0, 2.0], [3.0]], "rectangular"),  # ragged
        ([1.0, [2.0, 3.0]], "rectangular"),
        (10**400, "beyond float64's range"),  # a Python int no float holds
        ([1, -(10**400)], "beyond float64's range"),
    ],
)
def test_ragged_lists_and_huge_ints_are_one_value_error_naming_the_activation(
    name, x, message
):
    for call in (
        _calls(acts.get(name), x)
        if acts.get(name).kind == "elementwise"
        else [lambda: acts.get(name)(x)]
    ):
        with pytest.raises(
            ValueError, match=rf"^{name}(\.grad)?: .*{message}"
        ) as info:
            call()
        assert "got " in str(info.value)  # the input is shown


@pytest.mark.parametrize("name", ALL_NAMES)
def test_python_ints_beyond_int64_but_within_float_range_are_numbers(name):
    a = acts.get(name)
    np.testing.assert_array_equal(a([2**70, -3]), a(np.array([2.0**70, -3.0])))


@pytest.mark.parametrize("name", ALL_NAMES)
def test_masked_arrays_are_refused_not_silently_unmasked(name):
    x = np.ma.masked_array([1.0, 2.0, 3.0], mask=[False, True, False])
    for call in _calls(acts.get(name), x):
        with pytest.raises(
            TypeError,
            match=rf"^{name}(\.grad|\.jacobian|\.vjp)?: masked arrays",
        ):
            call()


@pytest.mark.parametrize("name", ALL_NAMES)
def test_object_arrays_are_a_type_error_showing_the_input(name):
    with pytest.raises(
        TypeError, match=rf"^{name}: .*dtype object: array\(\['a'"
    ):
        acts.get(name)(np.array(["a", 1.0], dtype=object))
