# The reference rows of `pnpm bench` (bench/perf/bench.mjs): PyTorch (Debian python3-torch) and
# scikit-learn (python3-sklearn) running the same workloads on the same data. Prints one JSON line.
#   python3 reference.py torch-mlp  MNIST_DIR sgd|adam THREADS STEPS
#   python3 reference.py sklearn-lr MNIST_DIR sag|lbfgs
#   python3 reference.py sklearn-mlp MNIST_DIR
#   python3 reference.py sklearn-scaler MNIST_DIR
#   python3 reference.py torch-cifar CIFAR_DIR_OR_TAR_GZ aug|step THREADS STEPS
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


def cifar_split(path, train):
    """CIFAR-10 binary records (label, 1024 R, 1024 G, 1024 B) from the .bin folder or the .tar.gz."""
    import tarfile

    names = [f"data_batch_{i}.bin" for i in range(1, 6)] if train else ["test_batch.bin"]
    if path.endswith(".tar.gz"):
        with tarfile.open(path, "r:gz") as tar:
            members = {os.path.basename(m.name): m for m in tar.getmembers()}
            raw = b"".join(tar.extractfile(members[n]).read() for n in names)
    else:
        raw = b"".join(open(os.path.join(path, n), "rb").read() for n in names)
    rec = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3073)
    return rec[:, 1:].reshape(-1, 3, 32, 32), rec[:, 0].astype(np.int64)


def torch_cifar(path, mode, threads, steps):
    # As bench.mjs's torch-mlp runs get: PyTorch's own OpenMP threads only, waiting passively.
    os.environ.update(OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS="1", OMP_WAIT_POLICY="PASSIVE")
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    mean, std = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)
    xtr, ytr = cifar_split(path, True)
    xte, yte = cifar_split(path, False)
    sizes = [3072, 512, 256, 128, 64, 10]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    model = nn.Sequential(nn.Flatten(), *layers)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    m = torch.tensor(mean).view(1, 3, 1, 1)
    s = torch.tensor(std).view(1, 3, 1, 1)

    def norm(u8):
        return (torch.from_numpy(np.ascontiguousarray(u8)).float() / 255 - m) / s

    how = ""
    if mode == "aug":
        try:
            import torchvision.transforms as T
            from PIL import Image

            tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(),
                            T.Normalize(mean, std)])
            hwc = np.ascontiguousarray(xtr.transpose(0, 2, 3, 1))

            class Cifar(torch.utils.data.Dataset):  # what torchvision.datasets.CIFAR10 does per item
                def __len__(self):
                    return len(ytr)

                def __getitem__(self, i):
                    return tf(Image.fromarray(hwc[i])), int(ytr[i])

            loader = torch.utils.data.DataLoader(Cifar(), batch_size=100, shuffle=True, num_workers=2)
            how = f"torchvision {__import__('torchvision').__version__} RandomCrop(32, padding=4) + RandomHorizontalFlip, DataLoader(num_workers=2)"
        except ImportError:
            def batches():
                perm = torch.randperm(len(ytr))
                for b in range(0, len(ytr), 100):
                    idx = perm[b:b + 100]
                    # zero bytes padded before Normalize, as RandomCrop(padding=4) pads the image
                    xb = norm(np.pad(xtr[idx.numpy()], ((0, 0), (0, 0), (4, 4), (4, 4))))
                    out = torch.empty(len(idx), 3, 32, 32)
                    for k in range(len(idx)):
                        i, j = np.random.randint(0, 9, 2)
                        crop = xb[k, :, i:i + 32, j:j + 32]
                        out[k] = crop.flip(2) if np.random.rand() < 0.5 else crop
                    yield out, torch.from_numpy(ytr[idx.numpy()])
            loader = batches()
            how = "torchvision absent: crop + flip in torch ops on the training thread"
    else:
        ring = []
        for b in range(50):
            ring.append((norm(xtr[b * 100:(b + 1) * 100]), torch.from_numpy(ytr[b * 100:(b + 1) * 100])))
        loader = (ring[k % 50] for k in range(10 ** 9))
        how = "no augmentation, 50 batches prepared before timing, cycled"

    warm = norm(xtr[:100]), torch.from_numpy(ytr[:100])
    for _ in range(5):
        opt.zero_grad()
        F.cross_entropy(model(warm[0]), warm[1]).backward()
        opt.step()
    ch0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0, c0 = time.perf_counter(), time.process_time()
    total, correct, seen, done = 0.0, 0, 0, 0
    it = iter(loader)
    for xb, yb in it:
        opt.zero_grad()
        out = model(xb)
        loss = F.cross_entropy(out, yb)
        loss.backward()
        opt.step()
        total += loss.item() * len(yb)
        correct += int((out.argmax(1) == yb).sum())
        seen += len(yb)
        done += 1
        if done == steps:
            break
    del it  # DataLoader workers shut down (and are reaped) here
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    ch1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += (ch1.ru_utime + ch1.ru_stime) - (ch0.ru_utime + ch0.ru_stime)
    with torch.no_grad():
        score = sum(int((model(norm(xte[b:b + 1000])).argmax(1) == torch.from_numpy(yte[b:b + 1000])).sum())
                    for b in range(0, len(yte), 1000)) / len(yte)
    scale = 500 / steps
    emit(sec * scale, cpu * scale, threads=threads, loss=total / seen, trainAccuracy=correct / seen,
         score=score, note=f"torch {torch.__version__}, {how}")


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
    elif cmd == "torch-cifar":
        torch_cifar(d, sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "sklearn-lr":
        sklearn_lr(d, sys.argv[3])
    elif cmd == "sklearn-mlp":
        sklearn_mlp(d)
    elif cmd == "sklearn-scaler":
        sklearn_scaler(d)
    else:
        raise SystemExit(f"unknown command {cmd}")
