"""Which `acts` activation implements each activation PyTorch, JAX and Keras ship.

The data are three lists, one per framework, of what `torch.nn` (modules and functional),
`jax.nn` and `keras.activations` offer as activations, each entry naming the `acts` activation
that computes it and the `acts` parameters that reproduce the framework's defaults:

    >>> from acts.frameworks import lookup, frameworks_column
    >>> [(e.framework, e.acts, e.params) for e in lookup("jax.nn.gelu")]
    [('JAX', 'gelu', {'approximate': 'tanh'})]
    >>> print(frameworks_column("silu").replace("; ", ";\\n"))
    PyTorch `nn.SiLU`, `F.silu`;
    JAX `silu`, `swish` (swish is silu, without β);
    Keras `silu`, `swish`

`frameworks_columns()` gives that text for every activation any framework maps to, the
"frameworks" column of the comparison table (`acts.tables.comparison_markdown(columns)`);
`not_in_acts()` lists what the frameworks put among their activations that `acts` does not
implement (e^x, attention, one-hot encoding...), with what it is.

Sources: the activation sections of the PyTorch 2 `torch.nn` and `torch.nn.functional`
references, the `jax.nn` reference (activation functions and "other functions"), and the
`keras.activations` reference of Keras 3. The normalization functions `torch.nn.functional`
lists next to its activations (batch_norm, layer_norm, normalize, ...) are layers, not
activations, and are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Entry",
    "ENTRIES",
    "COMPOSITIONS",
    "lookup",
    "entries_for",
    "frameworks_column",
    "frameworks_columns",
    "not_in_acts",
]

FRAMEWORKS = ("PyTorch", "JAX", "Keras")
_PREFIX = {
    "PyTorch": "torch.nn.",
    "JAX": "jax.nn.",
    "Keras": "keras.activations.",
}


@dataclass(frozen=True)
class Entry:
    """One activation a framework ships.

    ``names`` are how the framework spells it, without the module prefix (PyTorch: the module
    class and the functional, ``("ELU", "functional.elu")``). ``acts`` is the activation that
    implements it (None if acts has none: then ``note`` says what it is), ``params`` the acts
    parameters that reproduce the framework's defaults, ``note`` a difference worth knowing.
    ``torch_kwargs`` are the arguments PyTorch's functional needs (tests call it with them).
    """

    framework: str
    names: tuple[str, ...]
    acts: str | None
    params: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""
    torch_kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def qualified(self) -> tuple[str, ...]:
        """The full names, ``torch.nn.functional.elu``."""
        return tuple(_PREFIX[self.framework] + n for n in self.names)

    def short(self) -> str:
        """The names as the column shows them: `nn.ELU`, `F.elu`; `elu` for JAX and Keras."""
        shown = [
            ("nn." + n if "." not in n else n.replace("functional.", "F."))
            if self.framework == "PyTorch"
            else n
            for n in self.names
        ]
        return ", ".join(f"`{n}`" for n in shown)


def _torch(
    module: str | None, functional: str | None, acts: str | None, **kw
) -> Entry:
    names = tuple(
        n for n in (module, functional and f"functional.{functional}") if n
    )
    return Entry("PyTorch", names, acts, **kw)


def _jax(names: str, acts: str | None, **kw) -> Entry:
    return Entry("JAX", tuple(names.split()), acts, **kw)


def _keras(names: str, acts: str | None, **kw) -> Entry:
    return Entry("Keras", tuple(names.split()), acts, **kw)


PYTORCH = [
    _torch("ELU", "elu", "elu"),
    _torch("Hardshrink", "hardshrink", "hardshrink"),
    _torch("Hardsigmoid", "hardsigmoid", "hardsigmoid"),
    _torch("Hardtanh", "hardtanh", "hardtanh"),
    _torch(
        "Hardswish",
        "hardswish",
        "hardswish",
        note="its vectorised CPU backward gives 1 at x = 3, its scalar one and acts 3/2",
    ),
    _torch("LeakyReLU", "leaky_relu", "leaky_relu"),
    _torch("LogSigmoid", "logsigmoid", "logsigmoid"),
    _torch("PReLU", "prelu", "prelu", note="α learnable, initialised to 0.25"),
    _torch("ReLU", "relu", "relu"),
    _torch("ReLU6", "relu6", "relu6"),
    _torch(
        "RReLU",
        "rrelu",
        "rrelu",
        note="random slopes in training, their mean in evaluation",
    ),
    _torch("SELU", "selu", "selu"),
    _torch("CELU", "celu", "celu"),
    _torch(
        "GELU",
        "gelu",
        "gelu",
        note="exact erf form by default; approximate='tanh'",
    ),
    _torch("Sigmoid", "sigmoid", "sigmoid"),
    _torch("SiLU", "silu", "silu"),
    _torch("Mish", "mish", "mish"),
    _torch(
        "Softplus",
        "softplus",
        "softplus",
        params={"threshold": 20},
        note="x where βx > 20; acts is exact by default",
    ),
    _torch("Softshrink", "softshrink", "softshrink"),
    _torch("Softsign", "softsign", "softsign"),
    _torch("Tanh", "tanh", "tanh"),
    _torch("Tanhshrink", "tanhshrink", "tanhshrink"),
    _torch(
        "Threshold",
        "threshold",
        "threshold",
        note="threshold and value are required",
        torch_kwargs={"threshold": 0.0, "value": 0.0},
    ),
    _torch(
        "GLU",
        "glu",
        "glu",
        note="first half the value, second half the gate (dim=-1)",
    ),
    _torch("Softmin", "softmin", "softmin", torch_kwargs={"dim": -1}),
    _torch("Softmax", "softmax", "softmax", torch_kwargs={"dim": -1}),
    _torch(
        "Softmax2d",
        None,
        "softmax",
        params={"axis": -3},
        note="softmax over the channels of (N, C, H, W) input",
    ),
    _torch(
        "LogSoftmax", "log_softmax", "log_softmax", torch_kwargs={"dim": -1}
    ),
    _torch(
        None,
        "gumbel_softmax",
        "softmax",
        note="softmax((x + g)/τ) with Gumbel noise g: acts.softmax of the perturbed logits",
    ),
    _torch(
        "Identity",
        None,
        "linear",
        note="c = 1; not listed among the activations",
    ),
    _torch(
        "MultiheadAttention",
        None,
        None,
        note="attention (a layer with weights), listed with the activations; not an activation",
    ),
    _torch(
        "AdaptiveLogSoftmaxWithLoss",
        None,
        None,
        note="a clustered log-softmax with its loss (Grave et al. 2017); not an activation",
    ),
]

JAX = [
    _jax("relu", "relu"),
    _jax("relu6", "relu6"),
    _jax("sigmoid", "sigmoid"),
    _jax("softplus", "softplus"),
    _jax("sparse_plus", "sparse_plus"),
    _jax("sparse_sigmoid", "sparse_sigmoid"),
    _jax("soft_sign", "softsign"),
    _jax("silu swish", "silu", note="swish is silu, without β"),
    _jax("log_sigmoid", "logsigmoid"),
    _jax("leaky_relu", "leaky_relu"),
    _jax("hard_sigmoid", "hardsigmoid"),
    _jax("hard_silu hard_swish", "hardswish"),
    _jax("hard_tanh", "hardtanh", note="fixed at ±1"),
    _jax("tanh", "tanh"),
    _jax("elu", "elu"),
    _jax("celu", "celu"),
    _jax("selu", "selu"),
    _jax(
        "gelu",
        "gelu",
        params={"approximate": "tanh"},
        note="the tanh form by default",
    ),
    _jax(
        "glu",
        "glu",
        note="first half the value, second half the gate (axis=-1)",
    ),
    _jax("squareplus", "squareplus"),
    _jax("mish", "mish"),
    _jax("identity", "linear"),
    _jax("softmax", "softmax"),
    _jax("log_softmax", "log_softmax"),
    _jax(
        "logsumexp",
        None,
        note="log Σ eˣ, a reduction: log_softmax(x) = x − logsumexp(x)",
    ),
    _jax("logmeanexp", None, note="log of the mean of eˣ, a reduction"),
    _jax("log1mexp", None, note="log(1 − e^{−x}), a numerically stable helper"),
    _jax(
        "standardize",
        None,
        note="(x − mean)/std along an axis: a normalization",
    ),
    _jax("one_hot", None, note="one-hot encoding of integer labels"),
]

KERAS = [
    _keras("celu", "celu"),
    _keras("elu", "elu"),
    _keras(
        "exponential",
        None,
        note="eˣ, its own derivative; not an activation acts has",
    ),
    _keras(
        "gelu",
        "gelu",
        note="exact by default; approximate=True for the tanh form",
    ),
    _keras(
        "glu",
        "glu",
        note="first half the value, second half the gate (axis=-1)",
    ),
    _keras(
        "hard_shrink", "hardshrink", note="its parameter is called threshold"
    ),
    _keras("hard_sigmoid", "hardsigmoid", note="Keras 2 used 0.2x + 0.5"),
    _keras("hard_silu hard_swish", "hardswish"),
    _keras("hard_tanh", "hardtanh"),
    _keras(
        "leaky_relu",
        "leaky_relu",
        params={"negative_slope": 0.2},
        note="PyTorch and JAX: 0.01",
    ),
    _keras("linear", "linear"),
    _keras("log_sigmoid", "logsigmoid"),
    _keras("log_softmax", "log_softmax"),
    _keras("mish", "mish"),
    _keras(
        "relu",
        "relu",
        note="relu(x, negative_slope, max_value, threshold) also gives leaky_relu, relu6, "
        "threshold",
    ),
    _keras("relu6", "relu6"),
    _keras("selu", "selu"),
    _keras("sigmoid", "sigmoid"),
    _keras("silu swish", "silu"),
    _keras(
        "soft_shrink", "softshrink", note="its parameter is called threshold"
    ),
    _keras("softmax", "softmax"),
    _keras("softplus", "softplus"),
    _keras("softsign", "softsign"),
    _keras("sparse_plus", "sparse_plus"),
    _keras("sparse_sigmoid", "sparse_sigmoid"),
    _keras("sparsemax", "sparsemax"),
    _keras("squareplus", "squareplus"),
    _keras("tanh", "tanh"),
    _keras("tanh_shrink", "tanhshrink"),
    _keras(
        "threshold",
        "threshold",
        note="its value is called default_value; both required",
    ),
]

ENTRIES: list[Entry] = PYTORCH + JAX + KERAS

#: acts activations no framework ships as an activation: what to write instead.
COMPOSITIONS = {
    "step": "no framework activation: `torch.heaviside(x, 0.5)`, `jnp.heaviside`",
    "sign": "`torch.sign`, `jnp.sign`, `keras.ops.sign`: functions, not activations",
    "swish": "no framework has the learnable β (JAX and Keras `swish` is silu)",
    # The GLU variants, with PyTorch's halves (first the value, second the gate).
    "reglu": "no framework function: `a * F.relu(b)` with `a, b = x.chunk(2, dim=-1)`",
    "geglu": "no framework function: `a * F.gelu(b)` with `a, b = x.chunk(2, dim=-1)`",
    "swiglu": "no framework function: `a * F.silu(b)` with `a, b = x.chunk(2, dim=-1)`",
    "squared_relu": "no framework function: `F.relu(x) ** 2`",
}


def lookup(qualified: str) -> list[Entry]:
    """The entries a full framework name belongs to ("torch.nn.functional.elu", "jax.nn.gelu")."""
    return [e for e in ENTRIES if qualified in e.qualified]


def entries_for(name: str) -> list[Entry]:
    """The framework entries the acts activation `name` implements, in framework order."""
    return [e for e in ENTRIES if e.acts == name]


def _describe(e: Entry) -> str:
    text = e.short()
    if e.params:
        args = ", ".join(f"{k}={v!r}" for k, v in e.params.items())
        text += f" = `{e.acts}(x, {args})`"
    return f"{text} ({e.note})" if e.note else text


def frameworks_column(name: str) -> str:
    """The frameworks column text for the acts activation `name` ("–" if none ships it)."""
    parts = []
    for fw in FRAMEWORKS:
        own = [e for e in entries_for(name) if e.framework == fw]
        if own:
            parts.append(f"{fw} " + ", ".join(_describe(e) for e in own))
    if name in COMPOSITIONS:
        parts.append(COMPOSITIONS[name])
    return "; ".join(parts) or "–"


def frameworks_columns() -> dict[str, str]:
    """{acts name: frameworks column text} for every acts name a framework entry maps to."""
    names = dict.fromkeys(
        [e.acts for e in ENTRIES if e.acts] + list(COMPOSITIONS)
    )
    return {n: frameworks_column(n) for n in names}


def not_in_acts() -> list[Entry]:
    """What the frameworks list among their activations without an acts implementation."""
    return [e for e in ENTRIES if e.acts is None]
