// Shared declarations for the mlp-lab native backend. Kernels are compiled once per instruction set
// (kernels.inc included by kern_avx512.cc, kern_avx2.cc, kern_base.cc); the addon picks a table at load.
#pragma once
#include <cstddef>
#include <cstdint>

namespace mlpn {

// Thread pool: runs fn(ctx, task) for task in [0, ntasks) on the pool's threads and the caller.
typedef void (*TaskFn)(void* ctx, int task);
void pool_init(int threads);
int pool_threads();
void pool_run(int ntasks, TaskFn fn, void* ctx);

enum Act { ACT_IDENTITY = 0, ACT_RELU = 1, ACT_TANH = 2, ACT_SIGMOID = 3 };

// Called after a thread finished rows [m0,m1) x cols [n0,n1) of C (all of K accumulated).
typedef void (*EpiFn)(void* ctx, float* C, long ldc, int m0, int m1, int n0, int n1);

struct GemmArgs {
  int M, N, K;
  const float* A; long lda; bool transA;  // op(A) is M x K; stored K x M when transA
  const float* B; long ldb; bool transB;  // op(B) is K x N; stored N x K when transB
  float* C; long ldc;                     // M x N row-major
  bool accumulate;                        // C += op(A) op(B) instead of C = ...
  const float* bias;                      // optional, length N, added after the product
  int act;                                // Act applied after bias
  EpiFn epi; void* epi_ctx;               // optional extra epilogue (after bias/act)
  int max_threads;                        // 0 = pool size
};

struct OptConfig {
  int kind;  // 0 sgd, 1 adam, 2 adamw
  // doubles, like the JS numbers they come from: scalars derived from them (1 - beta2^t, lr / bc1, ...) are
  // computed in double and rounded once, as in PyTorch and tfjs
  double lr, momentum, dampening, weight_decay, beta1, beta2, eps;
  bool nesterov;
};

struct MlpState {
  int nlayers;           // number of Linear layers
  const int* sizes;      // nlayers + 1
  int act;
  float** params;        // W0,b0,W1,b1,... (W: out x in)
  float** buf1;          // momentum / exp_avg (null when unused)
  float** buf2;          // exp_avg_sq (null when unused)
  long* step;            // optimizer step counter
  OptConfig opt;
  // scratch, sized for max_batch rows
  int max_batch;
  float** h;             // h[l] = output of layer l after activation (logits for last), max_batch x sizes[l+1]
  float** dz;            // gradient w.r.t. pre-activation of layer l, max_batch x sizes[l+1]
  float* gbias;          // scratch for a bias gradient (max layer width)
  float* gw;             // scratch for a weight gradient (max out*in)
};

struct KernelTable {
  const char* name;
  void (*gemm)(const GemmArgs& a);
  // out = a OP b; modes: 0 same shape, 1 b scalar, 2 a scalar, 3 b broadcast over rows (b has `inner`
  // elements, a has n = outer*inner), 4 a broadcast over rows, 5 b broadcast over columns (b has n/inner
  // elements, one per row of `inner`: a [outer, inner] OP b [outer, 1]), 6 a broadcast over columns
  void (*binary)(int op, const float* a, const float* b, float* out, long n, long inner, int mode);
  void (*unary)(int op, const float* x, float* out, long n, float alpha);
  // dy * f'(x) style ops: out = g(x, y)
  void (*binary_grad)(int op, const float* x, const float* dy, float* out, long n);
  // reduce over the last axis: x is outer x inner, out has outer
  void (*reduce)(int op, const float* x, float* out, long outer, long inner);
  // reduce over the first axis: x is outer x inner, out has inner
  void (*reduce_cols)(int op, const float* x, float* out, long outer, long inner);
  // softmax over the last axis
  void (*softmax)(const float* x, float* out, long outer, long inner);
  // out[b][c][r] = x[b][r][c] for b < batch (rows x cols matrices)
  void (*transpose)(const float* x, float* out, long batch, long rows, long cols);
  // training step of an MLP; returns loss (mean) and correct count
  void (*mlp_step)(MlpState& s, const float* x, const int32_t* y, int batch, double* loss, int* correct);
  void (*mlp_eval)(MlpState& s, const float* x, const int32_t* y, int n, double* loss_sum, int* correct, int32_t* pred);
  // PyTorch's SGD / Adam / AdamW update of n parameters p from gradient g (buffers b1, b2 as the optimizer
  // needs them), `step` counted from 1 for this parameter; the optimizer update of the fused step
  void (*opt_update)(const OptConfig& o, float* p, float* b1, float* b2, const float* g, long n, long step);
};

extern const KernelTable kern_avx512;
extern const KernelTable kern_avx2;
extern const KernelTable kern_base;

enum BinOp { BIN_ADD = 0, BIN_SUB, BIN_MUL, BIN_DIV, BIN_MAX, BIN_MIN, BIN_SQDIFF };
enum UnOp { UN_RELU = 0, UN_NEG, UN_EXP, UN_LOG, UN_SQRT, UN_SQUARE, UN_ABS, UN_STEP, UN_TANH, UN_SIGMOID, UN_RELU6 };
// GRAD_RELU: x > 0 ? dy : 0. GRAD_RELU_TF: dy * step(x) exactly as tfjs's Relu gradient computes it (NaN where
// x is NaN; dy * 0 keeps a NaN or infinite dy as NaN), one pass instead of Step, Cast and Multiply kernels.
enum GradOp { GRAD_RELU = 0, GRAD_RELU_TF = 1 };
enum RedOp { RED_SUM = 0, RED_MAX, RED_MIN, RED_MEAN, RED_LOGSUMEXP };

}  // namespace mlpn
