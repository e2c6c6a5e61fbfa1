// A small thread pool: the caller takes part; workers spin briefly between calls (training dispatches a
// few dozen parallel regions per step, microseconds apart) and then sleep on a condition variable.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <sched.h>
#include <thread>
#include <vector>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define MLPN_PAUSE() _mm_pause()
#elif defined(__aarch64__)
#define MLPN_PAUSE() __asm__ __volatile__("yield")
#else
#define MLPN_PAUSE() ((void)0)
#endif
#include "common.h"

namespace mlpn {
namespace {

struct Pool {
  int nthreads = 1;
  std::vector<std::thread> workers;
  // high 32 bits: generation, low 32 bits: next task index
  std::atomic<uint64_t> ticket{0};
  std::atomic<int> done{0};
  std::atomic<uint32_t> gen{0};
  TaskFn fn = nullptr;
  void* ctx = nullptr;
  int ntasks = 0;
  std::mutex mu;
  std::condition_variable cv;
  std::atomic<bool> stop{false};
  long spin_ns = 200000;

  // Take tasks of generation g until none left; returns how many ran.
  void drain(uint32_t g) {
    for (;;) {
      uint64_t t = ticket.load(std::memory_order_acquire);
      if ((uint32_t)(t >> 32) != g) return;
      uint32_t idx = (uint32_t)t;
      if ((int)idx >= ntasks) return;
      if (!ticket.compare_exchange_weak(t, t + 1, std::memory_order_acq_rel)) continue;
      fn(ctx, (int)idx);
      done.fetch_add(1, std::memory_order_release);
    }
  }

  void worker_main() {
    uint32_t seen = 0;
    for (;;) {
      uint32_t g = gen.load(std::memory_order_acquire);
      if (g == seen) {
        // Spin for about spin_ns (parallel regions of a step follow each other within microseconds), then sleep.
        int spins = 0;
        auto t0 = std::chrono::steady_clock::now();
        bool spinning = true;
        while ((g = gen.load(std::memory_order_acquire)) == seen && !stop.load(std::memory_order_relaxed)) {
          if (spinning) {
            // A short busy spin, then a polite one: sched_yield returns at once on an idle core (same
            // latency) and hands the core to another runnable thread on a busy machine (where a busy
            // spin would take it from the caller's own thread or another process).
            if (spins < 256) MLPN_PAUSE();
            else sched_yield();
            if ((++spins & 63) == 0 && std::chrono::steady_clock::now() - t0 > std::chrono::nanoseconds(spin_ns))
              spinning = false;
          } else {
            std::unique_lock<std::mutex> lk(mu);
            cv.wait(lk, [&] { return gen.load(std::memory_order_acquire) != seen || stop.load(); });
          }
        }
        if (stop.load()) return;
      }
      seen = g;
      drain(g);
    }
  }

  std::mutex run_mu;  // one parallel region at a time (Node worker threads may share the pool)

  void run(int n, TaskFn f, void* c) {
    if (nthreads <= 1 || n <= 1) {
      for (int i = 0; i < n; i++) f(c, i);
      return;
    }
    std::lock_guard<std::mutex> region(run_mu);
    fn = f;
    ctx = c;
    ntasks = n;
    done.store(0, std::memory_order_relaxed);
    uint32_t g = gen.load(std::memory_order_relaxed) + 1;
    ticket.store((uint64_t)g << 32, std::memory_order_release);
    {
      std::lock_guard<std::mutex> lk(mu);
      gen.store(g, std::memory_order_release);
    }
    cv.notify_all();
    drain(g);
    // Tasks still running on other threads: spin briefly, then yield (a descheduled worker needs a core).
    for (int spins = 0; done.load(std::memory_order_acquire) < n; spins++) {
      if (spins < 256) MLPN_PAUSE();
      else sched_yield();
    }
  }

  void start(int n) {
    nthreads = n < 1 ? 1 : n;
    if (const char* e = getenv("MLP_NATIVE_SPIN_US")) spin_ns = atol(e) * 1000;
    for (int i = 1; i < nthreads; i++) workers.emplace_back([this] { worker_main(); });
  }

  ~Pool() {
    stop.store(true);
    {
      std::lock_guard<std::mutex> lk(mu);
    }
    cv.notify_all();
    for (auto& t : workers) t.join();
  }
};

Pool* g_pool = nullptr;
std::once_flag g_pool_once;

}  // namespace

void pool_init(int threads) {
  std::call_once(g_pool_once, [threads] {
    Pool* p = new Pool();
    p->start(threads);
    g_pool = p;
  });
}
int pool_threads() { return g_pool ? g_pool->nthreads : 1; }
void pool_run(int ntasks, TaskFn fn, void* ctx) {
  if (!g_pool) {
    for (int i = 0; i < ntasks; i++) fn(ctx, i);
    return;
  }
  g_pool->run(ntasks, fn, ctx);
}

}  // namespace mlpn
