// Standalone probe (no Node): fused-step timing and GEMM GFLOP/s per kernel table and thread count.
// Dev tool only, not part of the addon: built and run by bench/probe.sh.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include "common.h"
using namespace mlpn;
static double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
int main(int argc, char** argv) {
  const KernelTable* t = &kern_base;
  if (argc > 1 && !strcmp(argv[1], "avx512")) t = &kern_avx512;
  if (argc > 1 && !strcmp(argv[1], "avx2")) t = &kern_avx2;
  int threads = argc > 2 ? atoi(argv[2]) : 1;
  pool_init(threads);
  int sizes[6] = {784, 512, 256, 128, 64, 10};
  int L = 5, B = 64;
  std::vector<std::vector<float>> P, b1, H, DZ;
  std::vector<float*> pp, pb1, ph, pdz;
  srand(1);
  for (int l = 0; l < L; l++) {
    P.emplace_back((size_t)sizes[l] * sizes[l + 1]);
    P.emplace_back((size_t)sizes[l + 1]);
    H.emplace_back((size_t)B * sizes[l + 1]);
    DZ.emplace_back((size_t)B * sizes[l + 1]);
  }
  for (auto& p : P) { for (auto& v : p) v = (rand() / (float)RAND_MAX - 0.5f) * 0.1f; b1.emplace_back(p.size()); }
  for (size_t i = 0; i < P.size(); i++) { pp.push_back(P[i].data()); pb1.push_back(b1[i].data()); }
  for (int l = 0; l < L; l++) { ph.push_back(H[l].data()); pdz.push_back(DZ[l].data()); }
  std::vector<float> gb(512), gw(512 * 784);
  long step = 0;
  MlpState s{};
  s.nlayers = L; s.sizes = sizes; s.act = ACT_RELU; s.params = pp.data(); s.buf1 = pb1.data(); s.buf2 = nullptr;
  s.step = &step; s.opt = OptConfig{0, 0.01, 0.5, 0.0, 0.0, 0.9, 0.999, 1e-8, false};
  s.max_batch = B; s.h = ph.data(); s.dz = pdz.data(); s.gbias = gb.data(); s.gw = gw.data();
  int N = 4096;
  std::vector<float> X((size_t)N * 784);
  std::vector<int32_t> Y(N);
  for (auto& v : X) v = rand() / (float)RAND_MAX;
  for (auto& v : Y) v = rand() % 10;
  double best = 1e9, loss; int corr;
  int reps = argc > 3 ? 12 : 6;
  for (int rep = 0; rep < reps; rep++) {
    double t0 = now();
    for (int i = 0; i < 200; i++) { int o = (i * 64) % (N - 64); t->mlp_step(s, X.data() + (size_t)o * 784, Y.data() + o, B, &loss, &corr); }
    double dt = (now() - t0) / 200;
    if (rep > 0 && dt < best) best = dt;
  }
  printf("%s threads=%d step %.3f ms -> %.2f s/epoch |", t->name, threads, best * 1e3, best * 938);
  if (argc > 3 && !strcmp(argv[3], "step")) { printf("\n"); return 0; }
  int shapes[3][5] = {{64, 512, 784, 0, 1}, {64, 784, 512, 0, 0}, {512, 784, 64, 1, 0}};
  for (auto& sh : shapes) {
    int M = sh[0], Nn = sh[1], K = sh[2];
    std::vector<float> A((size_t)M * K, 0.1f), Bm((size_t)K * Nn, 0.2f), C((size_t)M * Nn);
    GemmArgs g{}; g.M = M; g.N = Nn; g.K = K; g.A = A.data(); g.transA = sh[3]; g.lda = sh[3] ? M : K;
    g.B = Bm.data(); g.transB = sh[4]; g.ldb = sh[4] ? K : Nn; g.C = C.data(); g.ldc = Nn;
    double bt = 1e9;
    for (int rep = 0; rep < 6; rep++) { double t0 = now(); for (int i = 0; i < 100; i++) t->gemm(g); double dt = (now() - t0) / 100; if (rep && dt < bt) bt = dt; }
    printf(" %dx%dx%d%c%c %.0fGF |", M, Nn, K, sh[3] ? 'T' : 'N', sh[4] ? 'T' : 'N', 2.0 * M * Nn * K / bt / 1e9);
  }
  // pool_run round trip with trivial tasks
  {
    static std::atomic<int> sink{0};
    auto fn = [](void*, int) { sink.fetch_add(1, std::memory_order_relaxed); };
    for (int i = 0; i < 1000; i++) pool_run(threads, fn, nullptr);
    double t0 = now();
    for (int i = 0; i < 20000; i++) pool_run(threads, fn, nullptr);
    printf(" pool_run %.2f us |", (now() - t0) / 20000 * 1e6);
  }
  // the step's GEMMs alone (same shapes and transposes, no epilogues)
  {
    std::vector<float> A(512 * 784, 0.1f), Bm(512 * 784, 0.2f), C(512 * 784);
    double bt = 1e9;
    for (int rep = 0; rep < 6; rep++) {
      double t0 = now();
      for (int it = 0; it < 100; it++) {
        for (int l = 0; l < L; l++) {  // forward NT: M=64 N=out K=in
          GemmArgs g{}; g.M = B; g.N = sizes[l + 1]; g.K = sizes[l]; g.A = A.data(); g.lda = g.K; g.B = Bm.data(); g.ldb = g.K; g.transB = true; g.C = C.data(); g.ldc = g.N; t->gemm(g);
        }
        for (int l = L - 1; l >= 0; l--) {
          if (l > 0) { GemmArgs g{}; g.M = B; g.N = sizes[l]; g.K = sizes[l + 1]; g.A = A.data(); g.lda = g.K; g.B = Bm.data(); g.ldb = g.N; g.C = C.data(); g.ldc = g.N; t->gemm(g); }
          GemmArgs g{}; g.M = sizes[l + 1]; g.N = sizes[l]; g.K = B; g.A = A.data(); g.lda = g.M; g.transA = true; g.B = Bm.data(); g.ldb = g.N; g.C = C.data(); g.ldc = g.N; t->gemm(g);
        }
      }
      double dt = (now() - t0) / 100;
      if (rep && dt < bt) bt = dt;
    }
    printf(" step GEMMs only %.3f ms |", bt * 1e3);
  }
  printf("\n");
  return 0;
}
