"""Vectorised NumPy peer: the notes' matrix backprop in float32, batch rows are examples.

Z = X·Wᵀ + b, A = f(Z); output δ for sigmoid+MSE(½, batch mean) or softmax+CE (batch mean);
∇W = Δᵀ·A, ∇b = Σ rows of Δ, Δ_prev = (Δ·W) ⊙ f'(Z_prev); plain SGD in place.
"""

import os
import sys

from common import blas_core, blas_library, load_data, parse_args, report, time_steps, unavailable

try:
    import numpy as np
except ImportError as err:
    unavailable("numpy", f"python3 cannot import numpy ({err}); apt-get install python3-numpy libopenblas0-pthread")

args = parse_args(sys.argv[1:])
config = args["config"]
x, y, _labels = load_data(np, config, args["data"], args["n"])
n_in, n_hid, n_out = config["sizes"]
B = config["batch"]
batches = max(1, x.shape[0] // B)
lr = np.float32(config["lr"])
rng = np.random.default_rng(args["seed"])
W1 = (rng.standard_normal((n_hid, n_in)) / np.sqrt(n_in)).astype(np.float32)
b1 = np.zeros(n_hid, dtype=np.float32)
W2 = (rng.standard_normal((n_out, n_hid)) / np.sqrt(n_hid)).astype(np.float32)
b2 = np.zeros(n_out, dtype=np.float32)
sigmoid_hidden = config["activation"] == "sigmoid"
mse = config["loss"] == "mse"


def sigmoid(z):
    return np.float32(1) / (np.float32(1) + np.exp(-z))


def step(i):
    global W1, b1, W2, b2  # updated in place
    k = i % batches
    xb = x[k * B : (k + 1) * B]
    yb = y[k * B : (k + 1) * B]
    m = np.float32(xb.shape[0])
    z1 = xb @ W1.T
    z1 += b1
    a1 = sigmoid(z1) if sigmoid_hidden else np.maximum(z1, 0)
    z2 = a1 @ W2.T
    z2 += b2
    if mse:
        a2 = sigmoid(z2)
        d2 = (a2 - yb) * a2 * (1 - a2) / m
    else:
        z2 -= z2.max(axis=1, keepdims=True)
        e = np.exp(z2)
        d2 = (e / e.sum(axis=1, keepdims=True) - yb) / m
    gW2 = d2.T @ a1
    gb2 = d2.sum(axis=0)
    d1 = d2 @ W2
    if sigmoid_hidden:
        d1 *= a1 * (1 - a1)
    else:
        d1 *= z1 > 0
    gW1 = d1.T @ xb
    gb1 = d1.sum(axis=0)
    W2 -= lr * gW2
    b2 -= lr * gb2
    W1 -= lr * gW1
    b1 -= lr * gb1


timed = time_steps(step, None, config, args["budget"])
report(
    "numpy",
    config,
    timed,
    numpy=np.__version__,
    blas=blas_library(),
    blas_core=blas_core(),
    threads=os.environ.get("OPENBLAS_NUM_THREADS", "default"),
)
