"""Shared protocol of the Python peers (mirrors bench/lib/common.mjs): configs, data loading, timing, report."""

import json
import math
import resource
import sys
import time

INPUTS = 784
CLASSES = 10
EPOCH_EXAMPLES = 60000
XOR_UNIT_STEPS = 10000

CONFIGS = {
    "a": dict(name="a", sizes=[784, 30, 10], activation="sigmoid", loss="mse", lr=3.0, batch=10, unit="epoch"),
    "b": dict(name="b", sizes=[784, 128, 10], activation="relu", loss="softmax-ce", lr=0.1, batch=64, unit="epoch"),
    "c": dict(name="c", sizes=[784, 800, 10], activation="relu", loss="softmax-ce", lr=0.1, batch=128, unit="epoch"),
    "d": dict(name="d", sizes=[2, 2, 1], activation="sigmoid", loss="mse", lr=0.5, batch=4, unit="10k-steps"),
}


def unit_steps(config):
    return EPOCH_EXAMPLES / config["batch"] if config["unit"] == "epoch" else XOR_UNIT_STEPS


def parse_args(argv):
    args = {}
    for i in range(0, len(argv), 2):
        if not argv[i].startswith("--"):
            raise SystemExit(f"unexpected argument {argv[i]}")
        args[argv[i][2:]] = argv[i + 1]
    return dict(
        config=CONFIGS[args["config"]],
        data=args.get("data"),
        n=int(args.get("n", EPOCH_EXAMPLES)),
        seed=int(args.get("seed", 1)),
        budget=float(args.get("budget", 2)),
    )


def load_data(np, config, prefix, n):
    """Float32 views (no copy) of the data written by run.mjs; for config d, the XOR table."""
    if config["name"] == "d":
        x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
        y = np.array([[0], [1], [1], [0]], dtype=np.float32)
        return x, y, np.array([0, 1, 1, 0], dtype=np.int64)
    x = np.fromfile(prefix + ".x.f32", dtype="<f4", count=n * INPUTS).reshape(n, INPUTS)
    labels = np.fromfile(prefix + ".y.u8", dtype=np.uint8, count=n).astype(np.int64)
    y = np.zeros((n, CLASSES), dtype=np.float32)
    y[np.arange(n), labels] = 1
    return x, y, labels


def time_steps(step, sync, config, budget):
    """Same protocol as timeSteps in bench/lib/common.mjs."""
    unit = math.ceil(unit_steps(config))
    max_units = 10 if config["name"] == "d" else 1
    i = 0
    chunk = 1
    warm = 0.0
    while True:
        t0 = time.perf_counter()
        for _ in range(chunk):
            step(i)
            i += 1
        if sync:
            sync()
        dt = time.perf_counter() - t0
        per_step = dt / chunk
        warm += dt
        if (warm >= max(0.3, 0.5 * budget) and i >= 3) or i >= unit:
            break
        chunk *= 2
    steps = max(1, min(round(max_units * unit), round(budget / per_step)))
    t0 = time.perf_counter()
    for k in range(steps):
        step(i + k)
    if sync:
        sync()
    return dict(seconds=time.perf_counter() - t0, steps=steps, warmup_steps=i)


def blas_library():
    """Which BLAS the process actually mapped (OpenBLAS or the slow reference one)."""
    try:
        with open("/proc/self/maps") as f:
            libs = sorted({line.split()[-1] for line in f if "blas" in line.split("/")[-1].lower() and "lapack" not in line})
        return ", ".join(libs) or None
    except OSError:
        return None


def blas_core():
    """The OpenBLAS kernel (core type) this process runs, asked of each mapped OpenBLAS itself (what
    threadpoolctl's `architecture` reports), with the library's file name; None where none is mapped."""
    import ctypes

    try:
        with open("/proc/self/maps") as f:
            paths = sorted({line.split()[-1] for line in f if "openblas" in line.split()[-1].lower()})
    except OSError:
        return None
    cores = []
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("openblas_get_corename", "scipy_openblas_get_corename64_", "openblas_get_corename64_"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                cores.append(f"{fn().decode()} ({path.rsplit('/', 1)[-1]})")
                break
    return ", ".join(cores) or None


def report(peer, config, timed, **extra):
    examples = timed["steps"] * config["batch"]
    if config["unit"] == "epoch":
        per_unit = timed["seconds"] * EPOCH_EXAMPLES / examples
    else:
        per_unit = timed["seconds"] * XOR_UNIT_STEPS / timed["steps"]
    line = dict(
        peer=peer,
        config=config["name"],
        seconds_per_unit=per_unit,
        unit=config["unit"],
        timed_steps=timed["steps"],
        timed_seconds=timed["seconds"],
        fraction_of_unit=timed["steps"] / unit_steps(config),
        warmup_steps=timed["warmup_steps"],
        rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **extra,
    )
    print(json.dumps(line), flush=True)


def unavailable(peer, reason):
    print(json.dumps(dict(peer=peer, unavailable=reason)), flush=True)
    sys.exit(0)
