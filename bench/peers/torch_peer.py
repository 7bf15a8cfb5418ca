"""PyTorch CPU peer: nn.Sequential of Linear layers, autograd, torch.optim.SGD — the idiomatic loop.

Threads: --threads N (set by run.mjs for its one- and two-thread tables); --threads 0 keeps PyTorch's own
default (its defaults table). The default two-thread setting stalls on small 2-core VMs unless
OMP_WAIT_POLICY=PASSIVE, which run.mjs sets.
"""

import os
import sys

from common import blas_core, blas_library, load_data, parse_args, report, time_steps, unavailable

threads = 1
if "--threads" in sys.argv:
    i = sys.argv.index("--threads")
    threads = int(sys.argv[i + 1])
    del sys.argv[i : i + 2]

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
except ImportError as err:
    unavailable("pytorch", f"python3 cannot import torch ({err}); apt-get install python3-torch libopenblas0-pthread")

if threads > 0:
    torch.set_num_threads(threads)
args = parse_args(sys.argv[1:])
config = args["config"]
torch.manual_seed(args["seed"])
x_np, y_np, labels_np = load_data(np, config, args["data"], args["n"])
x = torch.from_numpy(x_np)
y = torch.from_numpy(y_np)
labels = torch.from_numpy(labels_np)
n_in, n_hid, n_out = config["sizes"]
B = config["batch"]
batches = max(1, x.shape[0] // B)
hidden_act = torch.nn.Sigmoid() if config["activation"] == "sigmoid" else torch.nn.ReLU()
model = torch.nn.Sequential(torch.nn.Linear(n_in, n_hid), hidden_act, torch.nn.Linear(n_hid, n_out))
opt = torch.optim.SGD(model.parameters(), lr=config["lr"])
mse = config["loss"] == "mse"


def step(i):
    k = i % batches
    xb = x[k * B : (k + 1) * B]
    out = model(xb)
    if mse:
        yb = y[k * B : (k + 1) * B]
        loss = (torch.sigmoid(out) - yb).pow(2).sum() / (2 * xb.shape[0])
    else:
        loss = F.cross_entropy(out, labels[k * B : (k + 1) * B])
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()


timed = time_steps(step, None, config, args["budget"])
report(
    "pytorch",
    config,
    timed,
    torch=torch.__version__,
    threads=torch.get_num_threads(),
    omp_wait_policy=os.environ.get("OMP_WAIT_POLICY"),
    blas=blas_library(),
    blas_core=blas_core(),
)
