// Kernels for AVX2 + FMA (compiled with -mavx2 -mfma, see binding.gyp).
#if defined(__x86_64__)
#define MLPN_NS avx2
#define MLPN_VW 8
#define MLPN_MR 6
#define MLPN_NV 2
#include "kernels.inc"
namespace mlpn {
const KernelTable kern_avx2 = {"avx2", avx2::gemm, avx2::binary, avx2::unary, avx2::binary_grad,
                               avx2::reduce, avx2::reduce_cols, avx2::softmax, avx2::transpose, avx2::mlp_step, avx2::mlp_eval,
                               avx2::opt_update};
}
#endif
