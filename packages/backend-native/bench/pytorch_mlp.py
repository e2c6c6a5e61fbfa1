# PyTorch reference for bench.mjs (run only when /usr/bin/python3 can import torch; nothing is installed).
# Same workload: MLP [784,512,256,128,64,10] ReLU, log-softmax + NLL, SGD lr 0.01 momentum 0.5, batch 64,
# one epoch (938 steps) of MNIST held in memory, BENCH_TORCH_THREADS threads (default 1). Prints one JSON line.
import json, os, resource, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

THREADS = int(os.environ.get("BENCH_TORCH_THREADS", "1"))
torch.set_num_threads(THREADS)
torch.manual_seed(1)

def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return shape, data[4 + 4 * dims:]

d = sys.argv[1] if len(sys.argv) > 1 else ""
if d and os.path.exists(os.path.join(d, "train-images-idx3-ubyte")):
    shape, raw = read_idx(os.path.join(d, "train-images-idx3-ubyte"))
    x = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(shape[0], 784).float().div(255).sub(0.1307).div(0.3081)
    _, lab = read_idx(os.path.join(d, "train-labels-idx1-ubyte"))
    y = torch.frombuffer(bytearray(lab), dtype=torch.uint8).long()
    source = "MNIST"
else:
    x = torch.rand(60000, 784)
    y = torch.randint(0, 10, (60000,))
    source = "random"

sizes = [784, 512, 256, 128, 64, 10]
layers = []
for i in range(len(sizes) - 1):
    layers.append(nn.Linear(sizes[i], sizes[i + 1]))
    if i < len(sizes) - 2:
        layers.append(nn.ReLU())
model = nn.Sequential(*layers)
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.5)
perm = torch.randperm(60000)
t0 = time.perf_counter()
total = 0.0
for s in range(938):
    idx = perm[s * 64:(s + 1) * 64]
    xb, yb = x[idx], y[idx]
    opt.zero_grad()
    loss = F.nll_loss(F.log_softmax(model(xb), dim=1), yb)
    loss.backward()
    opt.step()
    total += loss.item()
sec = time.perf_counter() - t0
blas = "OpenBLAS" if "openblas" in open("/proc/self/maps").read() else "generic BLAS (install libopenblas0 for a fair comparison)"
# ru_maxrss is in KiB on Linux; the parent Node process cannot see a grandchild's peak.
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"sec": sec, "threads": THREADS, "peakRssMB": rss, "note": f"torch {torch.__version__}, {blas}; mean loss {total / 938:.4f}; {source}"}))
