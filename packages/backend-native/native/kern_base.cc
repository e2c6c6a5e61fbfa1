// Portable kernels: 128-bit vectors (SSE2 on x86-64, NEON on arm64, scalar code elsewhere).
#define MLPN_NS base
#define MLPN_VW 4
#define MLPN_MR 6
#define MLPN_NV 2
#include "kernels.inc"
namespace mlpn {
#if defined(__x86_64__) || defined(__i386__)
#define MLPN_BASE_NAME "sse"
#elif defined(__aarch64__) || defined(__ARM_NEON)
#define MLPN_BASE_NAME "neon"
#else
#define MLPN_BASE_NAME "scalar"
#endif
const KernelTable kern_base = {MLPN_BASE_NAME, base::gemm, base::binary, base::unary, base::binary_grad,
                               base::reduce, base::reduce_cols, base::softmax, base::transpose, base::mlp_step, base::mlp_eval,
                               base::opt_update};
}
