# The reference rows of `pnpm bench` (bench/perf/bench.mjs): PyTorch (Debian python3-torch) and
# scikit-learn (python3-sklearn) running the same workloads on the same data. Prints one JSON line.
#   python3 reference.py torch-mlp  MNIST_DIR sgd|adam THREADS STEPS
#   python3 reference.py sklearn-lr MNIST_DIR sag|lbfgs
#   python3 reference.py sklearn-mlp MNIST_DIR
#   python3 reference.py sklearn-scaler MNIST_DIR
import json, os, resource, sys, time

import numpy as np


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist(d):
    xtr = read_idx(os.path.join(d, "train-images-idx3-ubyte")).reshape(-1, 784)
    ytr = read_idx(os.path.join(d, "train-labels-idx1-ubyte")).astype(np.int64)
    xte = read_idx(os.path.join(d, "t10k-images-idx3-ubyte")).reshape(-1, 784)
    yte = read_idx(os.path.join(d, "t10k-labels-idx1-ubyte")).astype(np.int64)
    return xtr, ytr, xte, yte


def emit(sec, cpu, **extra):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"sec": sec, "cpuSec": cpu, "peakRssMB": rss, **extra}))


def torch_mlp(d, opt_name, threads, steps):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    xtr, ytr, _, _ = mnist(d)
    x = torch.from_numpy(((xtr.astype(np.float32) / 255) - 0.1307) / 0.3081)
    y = torch.from_numpy(ytr)
    sizes = [784, 512, 256, 128, 64, 10]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers)
    if opt_name == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.5)
    perm = torch.randperm(60000)

    def step(s):
        idx = perm[(s * 64) % 59968:(s * 64) % 59968 + 64]
        opt.zero_grad()
        loss = F.nll_loss(F.log_softmax(model(x[idx]), dim=1), y[idx])
        loss.backward()
        opt.step()
        return loss.item()

    for s in range(5):
        step(s)
    t0, c0 = time.perf_counter(), time.process_time()
    total = sum(step(s) for s in range(steps))
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    blas = "OpenBLAS" if "openblas" in open("/proc/self/maps").read() else "generic BLAS"
    scale = 938 / steps
    emit(sec * scale, cpu * scale, threads=threads, loss=total / steps,
         note=f"torch {torch.__version__}, {blas}")


def standardised(d):
    from sklearn.preprocessing import StandardScaler

    xtr, ytr, xte, yte = mnist(d)
    xtr = xtr.astype(np.float32) / 255
    xte = xte.astype(np.float32) / 255
    sc = StandardScaler()
    return sc.fit_transform(xtr), ytr, sc.transform(xte), yte


def sklearn_lr(d, solver):
    import warnings
    from sklearn.linear_model import LogisticRegression

    xtr, ytr, xte, yte = standardised(d)
    kw = {"solver": "sag", "tol": 0.1, "random_state": 1} if solver == "sag" else {}
    clf = LogisticRegression(C=50.0, multi_class="multinomial", **kw)
    t0, c0 = time.perf_counter(), time.process_time()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        clf.fit(xtr, ytr)
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    warned = any("converge" in str(w.message) for w in caught)
    emit(sec, cpu, score=float(clf.score(xte, yte)), nIter=int(clf.n_iter_[0]), warned=warned,
         note=f"scikit-learn {__import__('sklearn').__version__}")


def sklearn_mlp(d):
    import warnings
    from sklearn.neural_network import MLPClassifier

    xtr, ytr, xte, yte = standardised(d)
    mlp = MLPClassifier(hidden_layer_sizes=(100,), max_iter=5, alpha=1e-4, solver="sgd", tol=1e-4,
                        random_state=1, learning_rate_init=0.01, batch_size=64)
    t0, c0 = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mlp.fit(xtr, ytr)
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    emit(sec, cpu, lossCurve=[float(v) for v in mlp.loss_curve_], score=float(mlp.score(xte, yte)),
         note=f"scikit-learn {__import__('sklearn').__version__}")


def sklearn_scaler(d):
    from sklearn.preprocessing import StandardScaler

    xtr, _, _, _ = mnist(d)
    x = xtr.astype(np.float64) / 255
    best, best_cpu = float("inf"), 0.0
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        out = StandardScaler().fit_transform(x)
        sec, cpu = time.perf_counter() - t0, time.process_time() - c0
        if sec < best:
            best, best_cpu = sec, cpu
    emit(best, best_cpu, checksum=float(np.abs(out).sum()), note="float64, best of 3")


if __name__ == "__main__":
    cmd, d = sys.argv[1], sys.argv[2]
    if cmd == "torch-mlp":
        torch_mlp(d, sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "sklearn-lr":
        sklearn_lr(d, sys.argv[3])
    elif cmd == "sklearn-mlp":
        sklearn_mlp(d)
    elif cmd == "sklearn-scaler":
        sklearn_scaler(d)
    else:
        raise SystemExit(f"unknown command {cmd}")
