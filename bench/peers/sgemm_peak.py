"""SGEMM peak through NumPy: GFLOP/s of a large float32 matmul (threads: OPENBLAS_NUM_THREADS, set by run.mjs).

Also measures the GEMM shapes of configs (a)–(c) (forward X·Wᵀ, backward Δᵀ·A and Δ·W) as NumPy runs them.
"""

import json
import os
import sys
import time

from common import blas_core, blas_library

try:
    import numpy as np
except ImportError as err:
    print(json.dumps(dict(peer="sgemm", unavailable=f"python3 cannot import numpy ({err})")))
    sys.exit(0)


def gflops(m, n, k, ta=False, tb=False, budget=0.5):
    rng = np.random.default_rng(0)
    a = rng.random((k, m) if ta else (m, k), dtype=np.float32)
    b = rng.random((n, k) if tb else (k, n), dtype=np.float32)
    a = a.T if ta else a
    b = b.T if tb else b
    out = np.empty((m, n), dtype=np.float32)
    np.matmul(a, b, out=out)
    reps = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            np.matmul(a, b, out=out)
        dt = time.perf_counter() - t0
        if dt >= budget:
            return 2 * m * n * k * reps / dt / 1e9
        reps *= 2


size = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
peak = max(gflops(size, size, size) for _ in range(3))
shapes = {}
for name, hid, b in (("a", 30, 10), ("b", 128, 64), ("c", 800, 128)):
    shapes[name] = {
        "forward X·Wᵀ": gflops(b, hid, 784, tb=True, budget=0.2),
        "backward Δᵀ·A": gflops(hid, 784, b, ta=True, budget=0.2),
        "backward Δ·W (output)": gflops(b, hid, 10, budget=0.2),
    }
print(
    json.dumps(
        dict(
            peer="sgemm",
            threads=os.environ.get("OPENBLAS_NUM_THREADS"),
            size=size,
            gflops=peak,
            shapes=shapes,
            numpy=np.__version__,
            blas=blas_library(),
            blas_core=blas_core(),
        )
    )
)
