// Kernels for AVX-512 (compiled with -mavx512f -mavx512vl -mavx512dq -mfma, see binding.gyp).
#if defined(__x86_64__)
#define MLPN_NS avx512
#define MLPN_VW 16
#define MLPN_MR 8
#define MLPN_NV 2
#include "kernels.inc"
namespace mlpn {
const KernelTable kern_avx512 = {"avx512", avx512::gemm, avx512::binary, avx512::unary, avx512::binary_grad,
                                 avx512::reduce, avx512::reduce_cols, avx512::softmax, avx512::transpose, avx512::mlp_step, avx512::mlp_eval,
                               avx512::opt_update};
}
#endif
