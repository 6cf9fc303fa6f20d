"""Where each activation came from: year, paper, the problem it answered, its own weakness.

One `Origin` per registered activation, keyed by its `acts` name (a test checks that every
registered name has one). `paper` is a key of book/references.bib; `parent` is the activation
it descends from (an `acts` name, or None for a root). The texts are short, for a table cell;
a text may name a property that `acts.properties` computes, in braces, and the comparison
table fills it in: {lo} and {hi} (the ends of the range), {mean} (E[f(z)], z ~ N(0, 1)),
{max_grad} (max |f'|), {f0}, {df0}. Exact constants of mathematics (1/4, 4^L) are typed.

    >>> from acts.lineage import LINEAGE, ancestors
    >>> LINEAGE["relu"].year, LINEAGE["relu"].paper
    (2010, 'nair2010')
    >>> ancestors("mish")
    ['mish', 'swish', 'silu', 'gelu', 'relu', 'tanh', 'sigmoid', 'step']
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FRAMEWORKS", "LINEAGE", "MAIN_LINE", "Origin", "ancestors"]


@dataclass(frozen=True)
class Origin:
    """The history of one activation, as the comparison chapter's tables show it."""

    year: int
    paper: str  # a references.bib key
    problem: str  # what it was introduced to solve
    weakness: str  # its own weakness
    reason: str  # the mathematics behind the weakness
    parent: str | None = (
        None  # the acts name of the activation it descends from
    )


LINEAGE: dict[str, Origin] = {
    "linear": Origin(
        1960,
        "widrow1960",
        "the adaptive linear neuron (ADALINE), trained by gradient descent on squared error",
        "a stack of linear layers is one linear layer",
        "W₂(W₁x + b₁) + b₂ is affine in x, and f'' = 0: no curvature to combine",
    ),
    "step": Origin(
        1943,
        "mcculloch1943",
        "a model of a neuron's all-or-none firing: logic from threshold units",
        "no gradient to learn from",
        "f' = 0 wherever it exists; the perceptron rule needs none, back-propagation does",
    ),
    "sign": Origin(
        1958,
        "rosenblatt1958",
        "symmetric ±1 outputs for perceptrons and Hopfield networks",
        "no gradient, like the step",
        "sign(x) = 2H(x) − 1, so sign' = 0 almost everywhere; trained with "
        "straight-through estimates",
        parent="step",
    ),
    "sigmoid": Origin(
        1986,
        "rumelhart1986",
        "a differentiable step, so that back-propagation can train hidden layers",
        "vanishing gradients; outputs not zero-centred",
        "σ' = σ(1 − σ) ≤ 1/4, so a gradient shrinks at least 4^L through L layers "
        "(times the weights); σ > 0, mean {mean}",
        parent="step",
    ),
    "tanh": Origin(
        1998,
        "lecun1998",
        "zero-centred outputs and a slope of 1 at 0, recommended over the sigmoid",
        "still saturates on both sides",
        "tanh' = 1 − tanh² ≤ 1, and tanh' → 0 as |x| → ∞: saturated units pass no gradient",
        parent="sigmoid",
    ),
    "relu": Origin(
        2010,
        "nair2010",
        "gradients that vanish through depth; cheap, sparse activations",
        "dead units",
        "relu'(x) = 0 for x < 0: a unit whose inputs are all negative never gets a gradient again",
        parent="tanh",
    ),
    "leaky_relu": Origin(
        2013,
        "maas2013",
        "dead ReLU units",
        "a slope to choose, with different defaults per framework",
        "f' = s > 0 for x < 0, so no unit freezes; but the mean stays {mean}, near ReLU's",
        parent="relu",
    ),
    "prelu": Origin(
        2015,
        "he2015",
        "learning the negative slope instead of tuning it",
        "more parameters, which can overfit small data",
        "∂f/∂α = x for x < 0: α trains like a weight, and weight decay pulls it to 0 (ReLU)",
        parent="leaky_relu",
    ),
    "relu6": Origin(
        2010,
        "krizhevsky2010",
        "bounded activations that fit a fixed-point number format",
        "zero gradient above 6 as well as below 0",
        "f' = 0 outside (0, 6): saturation on both sides",
        parent="relu",
    ),
    "hardtanh": Origin(
        2004,
        "collobert2004",
        "a piecewise-linear tanh, cheap to compute",
        "zero gradient outside the clipping interval",
        "f' = 0 for |x| > 1: a unit held there learns nothing",
        parent="tanh",
    ),
    "softplus": Origin(
        2001,
        "dugas2001",
        "a smooth, positive function with linear growth (a smooth ReLU)",
        "not zero-centred and never sparse",
        "softplus > 0 everywhere and softplus' = σ ∈ (0, 1): never exactly 0, mean {mean}",
        parent="sigmoid",
    ),
    "elu": Origin(
        2016,
        "clevert2016",
        "ReLU's positive mean (bias shift), which slows learning",
        "an exp per negative input; f' jumps at 0 unless α = 1",
        "saturating at −α on the left pulls the mean towards 0: {mean} against ReLU's 1/√(2π)",
        parent="leaky_relu",
    ),
    "celu": Origin(
        2017,
        "barron2017",
        "ELU is continuously differentiable only for α = 1",
        "like ELU: exp cost, mean not 0",
        "CELU'(0⁻) = 1 for every α, but f'' still jumps (from 1/α to 0)",
        parent="elu",
    ),
    "selu": Origin(
        2017,
        "klambauer2017",
        "deep fully connected networks that keep mean 0 and variance 1 without normalisation",
        "holds only with LeCun-normal weights in plain dense layers",
        "λ and α make (0, 1) the fixed point of the layer's mean and variance map; mean {mean}",
        parent="elu",
    ),
    "gelu": Origin(
        2016,
        "hendrycks2016",
        "a smooth ReLU that weights x by the probability Φ(x) of keeping it",
        "an erf per element; two forms in use; not monotone",
        "GELU' < 0 left of its minimum: the function dips to {lo}",
        parent="relu",
    ),
    "silu": Origin(
        2017,
        "elfwing2018",
        "a smooth, self-gated unit for reinforcement learning",
        "an exp per element; not monotone",
        "SiLU' = 0 at x* = −1 − W(1/e), so SiLU dips to {lo} = −W(1/e)",
        parent="gelu",
    ),
    "swish": Origin(
        2017,
        "ramachandran2017",
        "the best activation of an automated search, with a trainable slope β",
        "like SiLU, plus one more parameter",
        "x·σ(βx) runs from x/2 (β = 0) to ReLU (β → ∞); its minimum is −W(1/e)/β",
        parent="silu",
    ),
    "mish": Origin(
        2019,
        "misra2019",
        "a smoother self-gated unit than Swish (better accuracy reported in detection)",
        "the most expensive here: exp, log and tanh",
        "x·tanh(softplus(x)) dips to {lo}; Mish'(0) = tanh(ln 2) = 3/5",
        parent="swish",
    ),
    "hardsigmoid": Origin(
        2015,
        "courbariaux2015",
        "a sigmoid with no exponential, exact in fixed point",
        "zero gradient outside (−3, 3)",
        "f' = 1/6 inside, 0 outside: saturation on both sides",
        parent="sigmoid",
    ),
    "hardswish": Origin(
        2019,
        "howard2019",
        "Swish on phones: x·hardsigmoid(x), no exponential",
        "f' jumps at ±3",
        "only C⁰; f' reaches {max_grad} at 3 and drops to 1",
        parent="swish",
    ),
    "softsign": Origin(
        2009,
        "bergstra2009",
        "a cheaper tanh whose tails approach ±1 polynomially",
        "still saturates, and is only C¹",
        "softsign' = 1/(1 + |x|)² → 0 as |x| → ∞, and f'' jumps from 2 to −2 at 0",
        parent="tanh",
    ),
    "logsigmoid": Origin(
        2013,
        "mikolov2013",
        "the log-likelihood of a positive label (logistic regression, negative sampling)",
        "unbounded below: large negative inputs give large values",
        "log σ(x) ≈ x as x → −∞ and ≈ −e^{−x} as x → ∞; mean {mean}",
        parent="sigmoid",
    ),
    "tanhshrink": Origin(
        2011,
        "collobert2011torch7",
        "x − tanh(x): a residual of tanh, flat near 0",
        "no gradient at 0",
        "f'(0) = 0 (f ≈ x³/3 near 0), so small inputs barely learn",
        parent="tanh",
    ),
    "softshrink": Origin(
        1994,
        "donoho1994",
        "soft thresholding: denoising by shrinking small coefficients to 0",
        "zero gradient in the dead zone",
        "f' = 0 for |x| < λ: inputs there neither pass nor learn",
    ),
    "hardshrink": Origin(
        1994,
        "donoho1994",
        "hard thresholding: keep a coefficient or drop it",
        "discontinuous at ±λ",
        "f jumps by λ at ±λ, and f' = 0 in the dead zone",
        parent="softshrink",
    ),
    "softmax": Origin(
        1990,
        "bridle1990",
        "outputs that are probabilities, for classification by maximum likelihood",
        "saturates when one logit dominates",
        "∂Sᵢ/∂aᵢ = Sᵢ(1 − Sᵢ) ≤ 1/4, and the Jacobian → 0 as one Sᵢ → 1",
        parent="sigmoid",
    ),
    "log_softmax": Origin(
        2011,
        "collobert2011torch7",
        "log-probabilities for the cross-entropy loss, without log(0)",
        "not a probability itself; unbounded below",
        "aᵢ − log Σ e^{a_k} → −∞ for a logit far below the others",
        parent="softmax",
    ),
    "softmin": Origin(
        2011,
        "collobert2011torch7",
        "a soft minimum: probabilities that favour the smallest input",
        "as softmax",
        "softmin(a) = softmax(−a): the same saturation",
        parent="softmax",
    ),
    # Activations other engineers are adding; their papers are appended to references.bib.
    "threshold": Origin(
        2011,
        "collobert2011torch7",
        "ReLU with the cut-off and the value below it chosen freely",
        "zero gradient below the threshold, and a jump there unless value = threshold",
        "f' = 0 for x ≤ θ, like ReLU's dead side",
        parent="relu",
    ),
    "rrelu": Origin(
        2015,
        "xu2015",
        "overfitting of leaky units: a random negative slope while training",
        "training and inference compute different functions",
        "the slope is drawn from U(l, u) in training and is (l + u)/2 at inference",
        parent="leaky_relu",
    ),
    "squared_relu": Origin(
        2021,
        "so2021",
        "a better transformer feed-forward activation, found by search (Primer)",
        "unbounded slope and dead units",
        "f' = 2·relu(x) grows without bound, and f' = 0 for x < 0",
        parent="relu",
    ),
    "squareplus": Origin(
        2021,
        "barron2021",
        "a softplus with only a square root: no exp, no log",
        "its left tail decays slowly",
        "(x + √(x² + b))/2 ≈ b/(4|x|) as x → −∞: algebraic, not exponential, decay",
        parent="softplus",
    ),
    "sparse_plus": Origin(
        2020,
        "blondel2020",
        "a softplus that is exactly 0 and exactly x outside [−1, 1]",
        "zero gradient for x ≤ −1",
        "f = (x + 1)²/4 on [−1, 1] and f' = 0 for x ≤ −1: dead like ReLU",
        parent="softplus",
    ),
    "sparse_sigmoid": Origin(
        2020,
        "blondel2020",
        "a sigmoid that reaches 0 and 1 exactly (the derivative of sparse plus)",
        "zero gradient outside (−1, 1)",
        "f' = 1/2 inside (−1, 1) and 0 outside",
        parent="sigmoid",
    ),
    "sparsemax": Origin(
        2016,
        "martins2016",
        "sparse probabilities: exact zeros for unlikely classes",
        "no gradient to the classes it sets to 0",
        "a Euclidean projection onto the simplex: its Jacobian is 0 on the zero outputs",
        parent="softmax",
    ),
    "glu": Origin(
        2017,
        "dauphin2017",
        "gating for convolutional language models, with a linear path for the gradient",
        "two input projections per output",
        "∇(a·σ(b)) = σ(b)∇a + a·σ'(b)∇b: the a-term is not shrunk by σ' ≤ 1/4",
        parent="sigmoid",
    ),
    "reglu": Origin(
        2020,
        "shazeer2020",
        "better transformer feed-forward layers (a ReLU gate)",
        "a third weight matrix; a zero gate gives a zero gradient to a",
        "∂f/∂a = relu(b) = 0 wherever b < 0",
        parent="glu",
    ),
    "geglu": Origin(
        2020,
        "shazeer2020",
        "better transformer feed-forward layers (a GELU gate)",
        "a third weight matrix; an erf per element",
        "∂f/∂a = GELU(b), which is negative for b < 0",
        parent="glu",
    ),
    "swiglu": Origin(
        2020,
        "shazeer2020",
        "better transformer feed-forward layers (a Swish gate); used by PaLM and LLaMA",
        "a third weight matrix; an exp per element",
        "∂f/∂a = SiLU(b), which dips to −W(1/e) for b < 0",
        parent="glu",
    ),
}

# The line of descent the comparison chapter's figure draws in bold, in the order of the
# issue that asked for it: each step answers a weakness of the one before.
MAIN_LINE = [
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "prelu",
    "elu",
    "selu",
    "gelu",
    "silu",
    "swish",
    "mish",
    "glu",
]

# Column text per activation until `acts.frameworks` exists; acts.tables prefers that module.
FRAMEWORKS = {
    "linear": "Keras `linear`; PyTorch `nn.Identity` (c = 1)",
    "step": "no framework activation; NumPy `heaviside(x, 0.5)`",
    "sign": "`torch.sign`, `jnp.sign` (sign(0) = 0 in all)",
    "sigmoid": "same everywhere; Keras also `hard_sigmoid` (different slope)",
    "tanh": "same everywhere",
    "relu": "relu'(0) = 0 in PyTorch, JAX and TensorFlow",
    "leaky_relu": "negative slope: PyTorch 0.01, JAX 0.01, Keras `LeakyReLU` 0.3 (Keras 3: 0.2)",
    "prelu": "PyTorch α = 0.25 (learnable); Keras `PReLU` α = 0",
    "relu6": "JAX `relu6`, Keras `relu6`; derivative at 0 and 6 differs between them",
    "hardtanh": "JAX `hard_tanh` (fixed ±1); Keras has none",
    "softplus": "PyTorch `threshold=20` cuts off to x (inexact); JAX and Keras exact",
    "elu": "α = 1 everywhere",
    "celu": "PyTorch α = 1; JAX `celu` α = 1; Keras has none",
    "selu": "same constants everywhere",
    "gelu": "exact erf by default in PyTorch and Keras; JAX `gelu` defaults to the "
    "tanh approximation",
    "silu": "PyTorch `silu`, JAX `silu`/`swish`, Keras `silu`/`swish` (β = 1)",
    "swish": "learnable β: none of the three has it built in",
    "mish": "PyTorch `mish`; Keras `mish`; JAX has none",
    "hardsigmoid": "PyTorch relu6(x + 3)/6; Keras 2 used 0.2x + 0.5 (different slope)",
    "hardswish": "PyTorch and JAX `hard_swish` agree; Keras `hard_silu`",
    "softsign": "same everywhere",
    "logsigmoid": "PyTorch `logsigmoid`, JAX `log_sigmoid`, Keras `log_sigmoid`",
    "tanhshrink": "PyTorch only",
    "softshrink": "PyTorch λ = 0.5; Keras `soft_shrink` λ = 0.5",
    "hardshrink": "PyTorch λ = 0.5; Keras `hard_shrink` λ = 0.5",
    "softmax": "PyTorch `softmax(x, dim)` (dim required); JAX `jax.nn.softmax`, "
    "Keras `softmax` (axis −1)",
    "log_softmax": "PyTorch `log_softmax(x, dim)`; JAX `jax.nn.log_softmax`; Keras `log_softmax`",
    "softmin": "PyTorch `softmin(x, dim)` only",
}


def ancestors(name: str) -> list[str]:
    """`name` and the activations it descends from, nearest first."""
    chain = [name]
    while (parent := LINEAGE[chain[-1]].parent) is not None:
        chain.append(parent)
    return chain
