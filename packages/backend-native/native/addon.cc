// N-API bindings of the mlp-lab native backend.
#define NAPI_VERSION 8
#include <node_api.h>
#include <sched.h>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>
#include "common.h"

using namespace mlpn;

namespace {

const KernelTable* g_table = nullptr;

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, nullptr, "mlp_native: N-API call failed: " #call); \
      return nullptr;                                                 \
    }                                                                 \
  } while (0)

#define THROW(msg)                              \
  do {                                          \
    napi_throw_error(env, nullptr, msg);        \
    return nullptr;                             \
  } while (0)

bool cpu_has(const char* f) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  if (!strcmp(f, "avx512")) return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("fma");
  if (!strcmp(f, "avx2")) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
  (void)f;
  return false;
}

const KernelTable* table_by_name(const char* name) {
#if defined(__x86_64__)
  if (!strcmp(name, "avx512")) return cpu_has("avx512") ? &kern_avx512 : nullptr;
  if (!strcmp(name, "avx2")) return cpu_has("avx2") ? &kern_avx2 : nullptr;
#endif
  if (!strcmp(name, kern_base.name) || !strcmp(name, "base") || !strcmp(name, "portable")) return &kern_base;
  return nullptr;
}

const KernelTable* pick_table() {
  const char* force = getenv("MLP_NATIVE_SIMD");
  if (force && *force) {
    const KernelTable* t = table_by_name(force);
    if (t) return t;
  }
#if defined(__x86_64__)
  if (cpu_has("avx512")) return &kern_avx512;
  if (cpu_has("avx2")) return &kern_avx2;
#endif
  return &kern_base;
}

int default_threads() {
  const char* env = getenv("MLP_NATIVE_THREADS");
  if (env && *env) {
    int n = atoi(env);
    if (n >= 1 && n <= 1024) return n;
  }
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n >= 1) return n;
  }
  return 1;
}

napi_value num(napi_env env, double v) {
  napi_value r;
  napi_create_double(env, v, &r);
  return r;
}

bool get_f32(napi_env env, napi_value v, float** data, size_t* len) {
  bool is;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return false;
  napi_typedarray_type t;
  size_t n;
  void* d;
  if (napi_get_typedarray_info(env, v, &t, &n, &d, nullptr, nullptr) != napi_ok || t != napi_float32_array) return false;
  *data = (float*)d;
  *len = n;
  return true;
}
bool get_i32arr(napi_env env, napi_value v, int32_t** data, size_t* len) {
  bool is;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return false;
  napi_typedarray_type t;
  size_t n;
  void* d;
  if (napi_get_typedarray_info(env, v, &t, &n, &d, nullptr, nullptr) != napi_ok || t != napi_int32_array) return false;
  *data = (int32_t*)d;
  *len = n;
  return true;
}
bool get_f64arr(napi_env env, napi_value v, double** data, size_t* len) {
  bool is;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return false;
  napi_typedarray_type t;
  size_t n;
  void* d;
  if (napi_get_typedarray_info(env, v, &t, &n, &d, nullptr, nullptr) != napi_ok || t != napi_float64_array) return false;
  *data = (double*)d;
  *len = n;
  return true;
}
int64_t get_int(napi_env env, napi_value v) {
  int64_t r = 0;
  napi_get_value_int64(env, v, &r);
  return r;
}
double get_num(napi_env env, napi_value v) {
  double r = 0;
  napi_get_value_double(env, v, &r);
  return r;
}
bool get_bool(napi_env env, napi_value v) {
  bool r = false;
  if (napi_get_value_bool(env, v, &r) != napi_ok) {
    double d = 0;
    napi_get_value_double(env, v, &d);
    r = d != 0;
  }
  return r;
}
bool is_nullish(napi_env env, napi_value v) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  return t == napi_null || t == napi_undefined;
}

template <int N>
bool args(napi_env env, napi_callback_info info, napi_value (&argv)[N], size_t need) {
  size_t argc = N;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok) return false;
  if (argc < need) {
    napi_throw_type_error(env, nullptr, "mlp_native: too few arguments");
    return false;
  }
  return true;
}

// info() -> { simd, threads }
napi_value Info(napi_env env, napi_callback_info) {
  napi_value o, s, t;
  CHECK(napi_create_object(env, &o));
  CHECK(napi_create_string_utf8(env, g_table->name, NAPI_AUTO_LENGTH, &s));
  CHECK(napi_create_int32(env, pool_threads(), &t));
  CHECK(napi_set_named_property(env, o, "simd", s));
  CHECK(napi_set_named_property(env, o, "threads", t));
  return o;
}

// selectSimd(name) -> bool (tests run every kernel table the CPU supports)
napi_value SelectSimd(napi_env env, napi_callback_info info) {
  napi_value a[1];
  if (!args(env, info, a, 1)) return nullptr;
  char buf[32];
  size_t n;
  CHECK(napi_get_value_string_utf8(env, a[0], buf, sizeof buf, &n));
  const KernelTable* t = table_by_name(buf);
  napi_value r;
  if (t) g_table = t;
  CHECK(napi_get_boolean(env, t != nullptr, &r));
  return r;
}

// gemm(A, transA, B, transB, C, M, N, K, bias|null, act, accumulate)
napi_value Gemm(napi_env env, napi_callback_info info) {
  napi_value a[11];
  if (!args(env, info, a, 11)) return nullptr;
  GemmArgs g{};
  float *A, *B, *C, *bias = nullptr;
  size_t la, lb, lc, lbias = 0;
  if (!get_f32(env, a[0], &A, &la) || !get_f32(env, a[2], &B, &lb) || !get_f32(env, a[4], &C, &lc))
    THROW("gemm: A, B, C must be Float32Array");
  g.transA = get_bool(env, a[1]);
  g.transB = get_bool(env, a[3]);
  g.M = (int)get_int(env, a[5]);
  g.N = (int)get_int(env, a[6]);
  g.K = (int)get_int(env, a[7]);
  if (!is_nullish(env, a[8]) && !get_f32(env, a[8], &bias, &lbias)) THROW("gemm: bias must be Float32Array");
  g.act = (int)get_int(env, a[9]);
  g.accumulate = get_bool(env, a[10]);
  if (g.M < 0 || g.N < 0 || g.K < 0 || la < (size_t)g.M * g.K || lb < (size_t)g.K * g.N || lc < (size_t)g.M * g.N ||
      (bias && lbias < (size_t)g.N))
    THROW("gemm: array too small for the given sizes");
  g.A = A; g.lda = g.transA ? g.M : g.K;
  g.B = B; g.ldb = g.transB ? g.K : g.N;
  g.C = C; g.ldc = g.N;
  g.bias = bias;
  g_table->gemm(g);
  return nullptr;
}

// binary(op, a, b, out, n, inner, mode)
napi_value Binary(napi_env env, napi_callback_info info) {
  napi_value a[7];
  if (!args(env, info, a, 7)) return nullptr;
  float *x, *y, *o;
  size_t lx, ly, lo;
  if (!get_f32(env, a[1], &x, &lx) || !get_f32(env, a[2], &y, &ly) || !get_f32(env, a[3], &o, &lo))
    THROW("binary: Float32Array expected");
  long n = (long)get_int(env, a[4]), inner = (long)get_int(env, a[5]);
  int mode = (int)get_int(env, a[6]);
  if (n < 0 || lo < (size_t)n) THROW("binary: out too small");
  if (mode >= 3 && (inner <= 0 || n % inner)) THROW("binary: bad broadcast");
  // elements each operand must hold for its mode
  size_t full = (size_t)n, rows = mode >= 3 ? (size_t)(n / inner) : 0;
  size_t want_x = mode == 2 ? 1 : mode == 4 ? (size_t)inner : mode == 6 ? rows : full;
  size_t want_y = mode == 1 ? 1 : mode == 3 ? (size_t)inner : mode == 5 ? rows : full;
  if (mode < 0 || mode > 6 || (n > 0 && (lx < want_x || ly < want_y))) THROW("binary: operand too small for its mode");
  g_table->binary((int)get_int(env, a[0]), x, y, o, n, inner, mode);
  return nullptr;
}

// unary(op, x, out, n, alpha)
napi_value Unary(napi_env env, napi_callback_info info) {
  napi_value a[5];
  if (!args(env, info, a, 5)) return nullptr;
  float *x, *o;
  size_t lx, lo;
  if (!get_f32(env, a[1], &x, &lx) || !get_f32(env, a[2], &o, &lo)) THROW("unary: Float32Array expected");
  long n = (long)get_int(env, a[3]);
  if (lx < (size_t)n || lo < (size_t)n) THROW("unary: array too small");
  g_table->unary((int)get_int(env, a[0]), x, o, n, (float)get_num(env, a[4]));
  return nullptr;
}

// binaryGrad(op, x, dy, out, n)
napi_value BinaryGrad(napi_env env, napi_callback_info info) {
  napi_value a[5];
  if (!args(env, info, a, 5)) return nullptr;
  float *x, *dy, *o;
  size_t lx, ld, lo;
  if (!get_f32(env, a[1], &x, &lx) || !get_f32(env, a[2], &dy, &ld) || !get_f32(env, a[3], &o, &lo))
    THROW("binaryGrad: Float32Array expected");
  long n = (long)get_int(env, a[4]);
  if (lx < (size_t)n || ld < (size_t)n || lo < (size_t)n) THROW("binaryGrad: array too small");
  g_table->binary_grad((int)get_int(env, a[0]), x, dy, o, n);
  return nullptr;
}

// reduce(op, x, out, outer, inner)
napi_value Reduce(napi_env env, napi_callback_info info) {
  napi_value a[5];
  if (!args(env, info, a, 5)) return nullptr;
  float *x, *o;
  size_t lx, lo;
  if (!get_f32(env, a[1], &x, &lx) || !get_f32(env, a[2], &o, &lo)) THROW("reduce: Float32Array expected");
  long outer = (long)get_int(env, a[3]), inner = (long)get_int(env, a[4]);
  if (lx < (size_t)(outer * inner) || lo < (size_t)outer || inner <= 0) THROW("reduce: bad sizes");
  g_table->reduce((int)get_int(env, a[0]), x, o, outer, inner);
  return nullptr;
}

// reduceCols(op, x, out, outer, inner)
napi_value ReduceCols(napi_env env, napi_callback_info info) {
  napi_value a[5];
  if (!args(env, info, a, 5)) return nullptr;
  float *x, *o;
  size_t lx, lo;
  if (!get_f32(env, a[1], &x, &lx) || !get_f32(env, a[2], &o, &lo)) THROW("reduceCols: Float32Array expected");
  long outer = (long)get_int(env, a[3]), inner = (long)get_int(env, a[4]);
  if (lx < (size_t)(outer * inner) || lo < (size_t)inner || outer <= 0) THROW("reduceCols: bad sizes");
  g_table->reduce_cols((int)get_int(env, a[0]), x, o, outer, inner);
  return nullptr;
}

// softmax(x, out, outer, inner)
napi_value Softmax(napi_env env, napi_callback_info info) {
  napi_value a[4];
  if (!args(env, info, a, 4)) return nullptr;
  float *x, *o;
  size_t lx, lo;
  if (!get_f32(env, a[0], &x, &lx) || !get_f32(env, a[1], &o, &lo)) THROW("softmax: Float32Array expected");
  long outer = (long)get_int(env, a[2]), inner = (long)get_int(env, a[3]);
  if (lx < (size_t)(outer * inner) || lo < (size_t)(outer * inner) || inner <= 0) THROW("softmax: bad sizes");
  g_table->softmax(x, o, outer, inner);
  return nullptr;
}

// transpose(x, out, batch, rows, cols)
napi_value Transpose(napi_env env, napi_callback_info info) {
  napi_value a[5];
  if (!args(env, info, a, 5)) return nullptr;
  float *x, *o;
  size_t lx, lo;
  if (!get_f32(env, a[0], &x, &lx) || !get_f32(env, a[1], &o, &lo)) THROW("transpose: Float32Array expected");
  long batch = (long)get_int(env, a[2]), rows = (long)get_int(env, a[3]), cols = (long)get_int(env, a[4]);
  size_t n = (size_t)(batch * rows * cols);
  if (batch < 0 || rows < 0 || cols < 0 || lx < n || lo < n) THROW("transpose: bad sizes");
  g_table->transpose(x, o, batch, rows, cols);
  return nullptr;
}

// ------------------------------------------------------------------ optimizer updates of tfjs variables
double prop_num(napi_env env, napi_value o, const char* k, double dflt);

OptConfig parse_opt(napi_env env, napi_value o) {
  OptConfig oc{};
  oc.kind = (int)prop_num(env, o, "kind", 0);
  oc.lr = prop_num(env, o, "lr", 0.01);
  oc.momentum = prop_num(env, o, "momentum", 0.0);
  oc.dampening = prop_num(env, o, "dampening", 0.0);
  oc.nesterov = prop_num(env, o, "nesterov", 0.0) != 0.0;
  oc.weight_decay = prop_num(env, o, "weightDecay", 0.0);
  oc.beta1 = prop_num(env, o, "beta1", 0.9);
  oc.beta2 = prop_num(env, o, "beta2", 0.999);
  oc.eps = prop_num(env, o, "eps", 1e-8);
  return oc;
}

struct UpdChunk {
  float *p, *b1, *b2;
  const float* g;
  long n, step;
};
struct UpdJob {
  const OptConfig* o;
  std::vector<UpdChunk> chunks;
};
void upd_task(void* ctx, int t) {
  const UpdJob* j = (const UpdJob*)ctx;
  const UpdChunk& c = j->chunks[(size_t)t];
  g_table->opt_update(*j->o, c.p, c.b1, c.b2, c.g, c.n, c.step);
}

// optimizerUpdate(opt, steps Float64Array, params[], grads[], buf1[], buf2[]): every parameter in one call,
// over the pool in chunks (the update is memory-bound: one pass over p, g and the buffers).
napi_value OptimizerUpdate(napi_env env, napi_callback_info info) {
  napi_value a[6];
  if (!args(env, info, a, 6)) return nullptr;
  OptConfig oc = parse_opt(env, a[0]);
  double* steps;
  size_t nsteps;
  if (!get_f64arr(env, a[1], &steps, &nsteps)) THROW("optimizerUpdate: steps must be a Float64Array");
  uint32_t np = 0, ng = 0, n1 = 0, n2 = 0;
  napi_get_array_length(env, a[2], &np);
  napi_get_array_length(env, a[3], &ng);
  napi_get_array_length(env, a[4], &n1);
  napi_get_array_length(env, a[5], &n2);
  if (ng != np || n1 != np || n2 != np || nsteps < np) THROW("optimizerUpdate: params, grads, buffers and steps differ in length");
  const bool need1 = oc.kind != 0 || oc.momentum != 0.0, need2 = oc.kind != 0;
  constexpr long CHUNK = 1L << 15;
  UpdJob job{&oc, {}};
  long total = 0;
  for (uint32_t i = 0; i < np; i++) {
    napi_value e;
    float *p, *g, *b1 = nullptr, *b2 = nullptr;
    size_t lp, lg, l1 = 0, l2 = 0;
    napi_get_element(env, a[2], i, &e);
    if (!get_f32(env, e, &p, &lp)) THROW("optimizerUpdate: params[i] must be a Float32Array");
    napi_get_element(env, a[3], i, &e);
    if (!get_f32(env, e, &g, &lg) || lg != lp) THROW("optimizerUpdate: grads[i] must be a Float32Array of the parameter's size");
    napi_get_element(env, a[4], i, &e);
    if (need1 && (!get_f32(env, e, &b1, &l1) || l1 != lp)) THROW("optimizerUpdate: buf1[i] must be a Float32Array of the parameter's size");
    napi_get_element(env, a[5], i, &e);
    if (need2 && (!get_f32(env, e, &b2, &l2) || l2 != lp)) THROW("optimizerUpdate: buf2[i] must be a Float32Array of the parameter's size");
    long step = (long)steps[i];
    if (step < 1) THROW("optimizerUpdate: steps[i] must be >= 1");
    for (long off = 0; off < (long)lp; off += CHUNK) {
      long n = std::min(CHUNK, (long)lp - off);
      job.chunks.push_back({p + off, b1 ? b1 + off : nullptr, b2 ? b2 + off : nullptr, g + off, n, step});
    }
    total += (long)lp;
  }
  if (job.chunks.empty()) return nullptr;
  if (pool_threads() > 1 && total >= 4 * CHUNK) pool_run((int)job.chunks.size(), upd_task, &job);
  else
    for (size_t t = 0; t < job.chunks.size(); t++) upd_task(&job, (int)t);
  return nullptr;
}

// ------------------------------------------------------------------ multinomial logistic loss (estimators)
// scikit-learn's L2-penalised multinomial objective scaled by 1/n, in double precision, over the pool:
// f = (1/n) sum_i -log softmax(x_i W + b)[y_i] + |W|^2 / (2 C n), W feature-major (w[j*k + c]), then b.
// Same layout and formula as packages/estimators/src/multinomial-loss.ts (its TypeScript fallback).
template <class X>
struct MlrJob {
  const X* x;
  long rows, cols;
  const int32_t* y;
  int k;
  const double* w;
  int ntasks;
  std::vector<std::vector<double>> grads;  // per task: cols*k + k
  std::vector<double> loss;
};

// Rows [r0, r1) of the objective: loss sum into *loss, gradient sums into g (zeroed by the caller).
// KK > 0 fixes the class count at compile time (10: MNIST, CIFAR-10), so the class loops unroll.
template <class X, int KK>
static inline __attribute__((always_inline)) void mlr_rows(const MlrJob<X>* j, long r0, long r1, double* g,
                                                           double* loss_out) {
  const int k = KK > 0 ? KK : j->k;
  const long cols = j->cols, bias = cols * k;
  double z[64];
  double loss = 0;
  for (long i = r0; i < r1; i++) {
    const X* xi = j->x + i * cols;
    for (int c = 0; c < k; c++) z[c] = j->w[bias + c];
    for (long f = 0; f < cols; f++) {
      const double v = (double)xi[f];
      if (v == 0.0) continue;
      const double* wf = j->w + f * k;
      for (int c = 0; c < k; c++) z[c] += v * wf[c];
    }
    double mx = z[0];
    for (int c = 1; c < k; c++) mx = z[c] > mx ? z[c] : mx;
    double sum = 0;
    for (int c = 0; c < k; c++) sum += __builtin_exp(z[c] - mx);
    const double lse = mx + __builtin_log(sum);
    const int label = j->y[i];
    loss += lse - z[label];
    for (int c = 0; c < k; c++) z[c] = __builtin_exp(z[c] - lse);
    z[label] -= 1.0;
    for (int c = 0; c < k; c++) g[bias + c] += z[c];
    for (long f = 0; f < cols; f++) {
      const double v = (double)xi[f];
      if (v == 0.0) continue;
      double* gf = g + f * k;
      for (int c = 0; c < k; c++) gf[c] += v * z[c];
    }
  }
  *loss_out = loss;
}

template <class X>
void mlr_rows_default(const MlrJob<X>* j, long r0, long r1, double* g, double* loss) {
  if (j->k == 10) mlr_rows<X, 10>(j, r0, r1, g, loss);
  else mlr_rows<X, 0>(j, r0, r1, g, loss);
}
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
template <class X>
__attribute__((target("avx2,fma"))) void mlr_rows_avx2(const MlrJob<X>* j, long r0, long r1, double* g,
                                                       double* loss) {
  if (j->k == 10) mlr_rows<X, 10>(j, r0, r1, g, loss);
  else mlr_rows<X, 0>(j, r0, r1, g, loss);
}
#endif

template <class X>
void mlr_task(void* ctx, int t) {
  MlrJob<X>* j = (MlrJob<X>*)ctx;
  const long r0 = j->rows * t / j->ntasks, r1 = j->rows * (t + 1) / j->ntasks;
  std::vector<double>& g = j->grads[(size_t)t];
  g.assign((size_t)(j->cols * j->k + j->k), 0.0);
  double loss = 0;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  // the portable table stays portable (tests select it to check the fallback code)
  if (g_table != &kern_base && cpu_has("avx2")) mlr_rows_avx2<X>(j, r0, r1, g.data(), &loss);
  else
#endif
    mlr_rows_default<X>(j, r0, r1, g.data(), &loss);
  j->loss[(size_t)t] = loss;
}

template <class X>
double mlr_run(const X* x, long rows, long cols, const int32_t* y, int k, double C, const double* w, double* grad) {
  MlrJob<X> job{x, rows, cols, y, k, w, 1, {}, {}};
  const int nt = pool_threads();
  job.ntasks = rows * cols * k >= (1L << 20) ? nt : 1;
  if (job.ntasks > rows) job.ntasks = rows > 0 ? (int)rows : 1;
  job.grads.resize((size_t)job.ntasks);
  job.loss.assign((size_t)job.ntasks, 0.0);
  if (job.ntasks > 1) pool_run(job.ntasks, mlr_task<X>, &job);
  else mlr_task<X>(&job, 0);
  const long bias = cols * k, total = bias + k;
  double loss = 0;
  for (long p = 0; p < total; p++) grad[p] = 0.0;
  for (int t = 0; t < job.ntasks; t++) {
    loss += job.loss[(size_t)t];
    const double* g = job.grads[(size_t)t].data();
    for (long p = 0; p < total; p++) grad[p] += g[p];
  }
  const double n = (double)rows, penalty = 1.0 / (C * n);
  double sq = 0;
  for (long p = 0; p < bias; p++) {
    sq += w[p] * w[p];
    grad[p] = grad[p] / n + penalty * w[p];
  }
  for (long p = bias; p < total; p++) grad[p] /= n;
  return loss / n + 0.5 * penalty * sq;
}

// multinomialLossGrad(x Float32Array|Float64Array, rows, cols, y Int32Array, k, C, w Float64Array, grad Float64Array) -> f
napi_value MultinomialLossGrad(napi_env env, napi_callback_info info) {
  napi_value a[8];
  if (!args(env, info, a, 8)) return nullptr;
  bool is;
  napi_typedarray_type xt;
  size_t xl;
  void* xd;
  if (napi_is_typedarray(env, a[0], &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, a[0], &xt, &xl, &xd, nullptr, nullptr) != napi_ok ||
      (xt != napi_float32_array && xt != napi_float64_array))
    THROW("multinomialLossGrad: x must be a Float32Array or Float64Array");
  long rows = (long)get_int(env, a[1]), cols = (long)get_int(env, a[2]);
  int32_t* y;
  size_t yl, wl, gl;
  double *w, *g;
  int k = (int)get_int(env, a[4]);
  double C = get_num(env, a[5]);
  if (!get_i32arr(env, a[3], &y, &yl) || !get_f64arr(env, a[6], &w, &wl) || !get_f64arr(env, a[7], &g, &gl))
    THROW("multinomialLossGrad: y Int32Array, w and grad Float64Array expected");
  if (rows < 1 || cols < 1 || k < 1 || k > 64 || !(C > 0) || xl < (size_t)(rows * cols) || yl < (size_t)rows ||
      wl < (size_t)(cols * k + k) || gl < (size_t)(cols * k + k))
    THROW("multinomialLossGrad: sizes do not match (rows, cols, 1 <= k <= 64, C > 0)");
  for (long i = 0; i < rows; i++)
    if (y[i] < 0 || y[i] >= k) THROW("multinomialLossGrad: a label is outside [0, k)");
  double f = xt == napi_float32_array ? mlr_run((const float*)xd, rows, cols, y, k, C, w, g)
                                      : mlr_run((const double*)xd, rows, cols, y, k, C, w, g);
  return num(env, f);
}

// ------------------------------------------------------------------ fused MLP trainer
struct Trainer {
  std::vector<int> sizes;
  std::vector<napi_ref> refs;
  std::vector<float*> params, b1, b2, h, dz;
  std::vector<std::vector<float>> store1, store2, hstore, dzstore;
  std::vector<float> gbias, gw;
  long step = 0;
  MlpState s{};
  bool disposed = false;
};

void trainer_release(napi_env env, Trainer* t) {
  if (t->disposed) return;
  for (auto r : t->refs) napi_delete_reference(env, r);
  t->refs.clear();
  t->disposed = true;
  t->store1.clear(); t->store2.clear(); t->hstore.clear(); t->dzstore.clear();
  t->gbias.clear(); t->gw.clear();
}

void trainer_finalize(napi_env env, void* data, void*) {
  Trainer* t = (Trainer*)data;
  trainer_release(env, t);
  delete t;
}

Trainer* get_trainer(napi_env env, napi_value v) {
  void* d = nullptr;
  if (napi_get_value_external(env, v, &d) != napi_ok || !d) {
    napi_throw_type_error(env, nullptr, "mlp_native: bad trainer handle");
    return nullptr;
  }
  Trainer* t = (Trainer*)d;
  if (t->disposed) {
    napi_throw_error(env, nullptr, "FusedMlpTrainer: used after dispose()");
    return nullptr;
  }
  return t;
}

double prop_num(napi_env env, napi_value o, const char* k, double dflt) {
  bool has = false;
  napi_has_named_property(env, o, k, &has);
  if (!has) return dflt;
  napi_value v;
  napi_get_named_property(env, o, k, &v);
  napi_valuetype t;
  napi_typeof(env, v, &t);
  if (t == napi_number) return get_num(env, v);
  if (t == napi_boolean) return get_bool(env, v) ? 1.0 : 0.0;
  return dflt;
}

// mlpCreate(sizes Int32Array, act, params[], opt {kind(0,1,2), lr, momentum, dampening, nesterov, weightDecay, beta1, beta2, eps}, maxBatch)
napi_value MlpCreate(napi_env env, napi_callback_info info) {
  napi_value a[5];
  if (!args(env, info, a, 5)) return nullptr;
  int32_t* sz;
  size_t nsz;
  if (!get_i32arr(env, a[0], &sz, &nsz) || nsz < 2) THROW("FusedMlpTrainer: layers must have at least 2 sizes");
  Trainer* t = new Trainer();
  t->sizes.assign(sz, sz + nsz);
  int L = (int)nsz - 1;
  int act = (int)get_int(env, a[1]);
  uint32_t np = 0;
  napi_get_array_length(env, a[2], &np);
  if ((int)np != 2 * L) {
    delete t;
    THROW("FusedMlpTrainer: params must be [W0, b0, W1, b1, ...] for every Linear layer");
  }
  for (int i = 0; i < 2 * L; i++) {
    napi_value e;
    napi_get_element(env, a[2], i, &e);
    float* d;
    size_t n;
    int l = i / 2;
    size_t want = i % 2 == 0 ? (size_t)t->sizes[l + 1] * t->sizes[l] : (size_t)t->sizes[l + 1];
    if (!get_f32(env, e, &d, &n) || n != want) {
      for (auto r : t->refs) napi_delete_reference(env, r);
      delete t;
      THROW("FusedMlpTrainer: params[i] must be a Float32Array of out*in (weights, PyTorch layout) or out (bias) elements");
    }
    napi_ref r;
    napi_create_reference(env, e, 1, &r);
    t->refs.push_back(r);
    t->params.push_back(d);
  }
  OptConfig oc = parse_opt(env, a[3]);
  int max_batch = (int)get_int(env, a[4]);
  if (max_batch < 1) max_batch = 256;
  bool need1 = oc.kind != 0 || oc.momentum != 0.0;
  bool need2 = oc.kind != 0;
  size_t maxw = 0, maxo = 0;
  for (int l = 0; l < L; l++) {
    size_t w = (size_t)t->sizes[l + 1] * t->sizes[l];
    maxw = std::max(maxw, w);
    maxo = std::max(maxo, (size_t)t->sizes[l + 1]);
    t->hstore.emplace_back((size_t)max_batch * t->sizes[l + 1]);
    t->dzstore.emplace_back((size_t)max_batch * t->sizes[l + 1]);
  }
  for (int i = 0; i < 2 * L; i++) {
    size_t n = i % 2 == 0 ? (size_t)t->sizes[i / 2 + 1] * t->sizes[i / 2] : (size_t)t->sizes[i / 2 + 1];
    t->store1.emplace_back(need1 ? n : 0);
    t->store2.emplace_back(need2 ? n : 0);
  }
  for (int i = 0; i < 2 * L; i++) {
    t->b1.push_back(need1 ? t->store1[i].data() : nullptr);
    t->b2.push_back(need2 ? t->store2[i].data() : nullptr);
  }
  for (int l = 0; l < L; l++) {
    t->h.push_back(t->hstore[l].data());
    t->dz.push_back(t->dzstore[l].data());
  }
  t->gbias.resize(maxo);
  t->gw.resize(maxw);
  MlpState& s = t->s;
  s.nlayers = L;
  s.sizes = t->sizes.data();
  s.act = act;
  s.params = t->params.data();
  s.buf1 = need1 ? t->b1.data() : nullptr;
  s.buf2 = need2 ? t->b2.data() : nullptr;
  s.step = &t->step;
  s.opt = oc;
  s.max_batch = max_batch;
  s.h = t->h.data();
  s.dz = t->dz.data();
  s.gbias = t->gbias.data();
  s.gw = t->gw.data();
  napi_value ext;
  CHECK(napi_create_external(env, t, trainer_finalize, nullptr, &ext));
  return ext;
}

// mlpStep(handle, x, y, batch, out Float64Array(2))
napi_value MlpStep(napi_env env, napi_callback_info info) {
  napi_value a[5];
  if (!args(env, info, a, 5)) return nullptr;
  Trainer* t = get_trainer(env, a[0]);
  if (!t) return nullptr;
  float* x;
  int32_t* y;
  double* out;
  size_t lx, ly, lo;
  if (!get_f32(env, a[1], &x, &lx) || !get_i32arr(env, a[2], &y, &ly) || !get_f64arr(env, a[4], &out, &lo) || lo < 2)
    THROW("FusedMlpTrainer.step: x must be Float32Array, y Int32Array");
  int batch = (int)get_int(env, a[3]);
  if (batch < 1 || batch > t->s.max_batch) THROW("FusedMlpTrainer.step: batch must be between 1 and maxBatch");
  if (lx < (size_t)batch * t->sizes[0] || ly < (size_t)batch) THROW("FusedMlpTrainer.step: x or y shorter than batch");
  double loss;
  int correct;
  g_table->mlp_step(t->s, x, y, batch, &loss, &correct);
  out[0] = loss;
  out[1] = correct;
  return nullptr;
}

// mlpEval(handle, x, y, n, pred Int32Array, out Float64Array(2))
napi_value MlpEval(napi_env env, napi_callback_info info) {
  napi_value a[6];
  if (!args(env, info, a, 6)) return nullptr;
  Trainer* t = get_trainer(env, a[0]);
  if (!t) return nullptr;
  float* x;
  int32_t *y, *pred;
  double* out;
  size_t lx, ly, lp, lo;
  if (!get_f32(env, a[1], &x, &lx) || !get_i32arr(env, a[2], &y, &ly) || !get_i32arr(env, a[4], &pred, &lp) ||
      !get_f64arr(env, a[5], &out, &lo) || lo < 2)
    THROW("FusedMlpTrainer.evaluate: x must be Float32Array, y Int32Array");
  int n = (int)get_int(env, a[3]);
  if (n < 0 || lx < (size_t)n * t->sizes[0] || ly < (size_t)n || lp < (size_t)n) THROW("FusedMlpTrainer.evaluate: arrays shorter than n");
  double ls = 0;
  int correct = 0;
  if (n > 0) g_table->mlp_eval(t->s, x, y, n, &ls, &correct, pred);
  out[0] = ls;
  out[1] = correct;
  return nullptr;
}

napi_value MlpSetLr(napi_env env, napi_callback_info info) {
  napi_value a[2];
  if (!args(env, info, a, 2)) return nullptr;
  Trainer* t = get_trainer(env, a[0]);
  if (!t) return nullptr;
  t->s.opt.lr = get_num(env, a[1]);
  return nullptr;
}

// mlpGetState(handle) -> { step, buffers: Float32Array[] } (copies)
napi_value MlpGetState(napi_env env, napi_callback_info info) {
  napi_value a[1];
  if (!args(env, info, a, 1)) return nullptr;
  Trainer* t = get_trainer(env, a[0]);
  if (!t) return nullptr;
  napi_value o, arr;
  CHECK(napi_create_object(env, &o));
  CHECK(napi_set_named_property(env, o, "step", num(env, (double)t->step)));
  CHECK(napi_create_array(env, &arr));
  uint32_t k = 0;
  for (auto* st : {&t->store1, &t->store2}) {
    for (auto& v : *st) {
      if (v.empty()) continue;
      napi_value ab, ta;
      void* d;
      CHECK(napi_create_arraybuffer(env, v.size() * 4, &d, &ab));
      memcpy(d, v.data(), v.size() * 4);
      CHECK(napi_create_typedarray(env, napi_float32_array, v.size(), ab, 0, &ta));
      CHECK(napi_set_element(env, arr, k++, ta));
    }
  }
  CHECK(napi_set_named_property(env, o, "buffers", arr));
  return o;
}

// mlpSetState(handle, step, buffers[])
napi_value MlpSetState(napi_env env, napi_callback_info info) {
  napi_value a[3];
  if (!args(env, info, a, 3)) return nullptr;
  Trainer* t = get_trainer(env, a[0]);
  if (!t) return nullptr;
  uint32_t n = 0;
  napi_get_array_length(env, a[2], &n);
  uint32_t want = 0;
  for (auto* st : {&t->store1, &t->store2})
    for (auto& v : *st)
      if (!v.empty()) want++;
  if (n != want) THROW("FusedMlpTrainer.setOptimizerState: wrong number of buffers");
  uint32_t k = 0;
  // validate first
  for (auto* st : {&t->store1, &t->store2})
    for (auto& v : *st) {
      if (v.empty()) continue;
      napi_value e;
      napi_get_element(env, a[2], k++, &e);
      float* d;
      size_t len;
      if (!get_f32(env, e, &d, &len) || len != v.size()) THROW("FusedMlpTrainer.setOptimizerState: buffer size mismatch");
    }
  k = 0;
  for (auto* st : {&t->store1, &t->store2})
    for (auto& v : *st) {
      if (v.empty()) continue;
      napi_value e;
      napi_get_element(env, a[2], k++, &e);
      float* d = nullptr;
      size_t len = 0;
      get_f32(env, e, &d, &len);
      memcpy(v.data(), d, len * 4);
    }
  t->step = (long)get_int(env, a[1]);
  return nullptr;
}

napi_value MlpDispose(napi_env env, napi_callback_info info) {
  napi_value a[1];
  if (!args(env, info, a, 1)) return nullptr;
  void* d = nullptr;
  if (napi_get_value_external(env, a[0], &d) == napi_ok && d) trainer_release(env, (Trainer*)d);
  return nullptr;
}

#include "estimators.inc"

napi_value Init(napi_env env, napi_value exports) {
  g_table = pick_table();
  pool_init(default_threads());
  napi_property_descriptor props[] = {
      {"info", nullptr, Info, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"selectSimd", nullptr, SelectSimd, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"binary", nullptr, Binary, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"unary", nullptr, Unary, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"binaryGrad", nullptr, BinaryGrad, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"reduce", nullptr, Reduce, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"reduceCols", nullptr, ReduceCols, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"softmax", nullptr, Softmax, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"transpose", nullptr, Transpose, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"multinomialLossGrad", nullptr, MultinomialLossGrad, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sagEpoch", nullptr, SagEpoch, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sklearnUpdate", nullptr, SklearnUpdate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"optimizerUpdate", nullptr, OptimizerUpdate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mlpCreate", nullptr, MlpCreate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mlpStep", nullptr, MlpStep, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mlpEval", nullptr, MlpEval, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mlpSetLr", nullptr, MlpSetLr, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mlpGetState", nullptr, MlpGetState, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mlpSetState", nullptr, MlpSetState, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mlpDispose", nullptr, MlpDispose, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
