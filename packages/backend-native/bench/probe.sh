#!/bin/sh
# Standalone timing of the fused step and the GEMMs, without Node (native/probe_main.cc linked with the
# addon's objects; build the addon first). Pins to two cores when taskset exists: sh bench/probe.sh [cpus]
set -e
cd "$(dirname "$0")/.."
O=build/Release/obj.target
g++ -O3 -std=c++17 -o build/probe native/probe_main.cc "$O/mlp_native/native/pool.o" "$O/mlp_native/native/kern_base.o" \
  $(ls "$O"/mlpn_avx512/native/kern_avx512.o "$O"/mlpn_avx2/native/kern_avx2.o 2>/dev/null) -lpthread
PIN=""
command -v taskset >/dev/null && PIN="taskset -c ${1:-0,1}"
for simd in avx512 avx2 sse; do for t in 1 2; do $PIN ./build/probe $simd $t || true; done; done
