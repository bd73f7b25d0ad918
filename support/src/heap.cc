#include "plumb/support/heap.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace plumb {
namespace {

// Past this, the run is long enough that its page faults hardly count, and
// glibc's own tuning (which any mallopt call turns off) serves it better.
constexpr size_t kMaxReady = size_t{4} << 20;
// Pieces below glibc's threshold for blocks mapped on their own.
constexpr size_t kPiece = size_t{64} << 10;

bool allowed = false;
bool tuned = false;
size_t expected = 0;  // bytes announced so far
size_t readied = 0;   // bytes populated so far

#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE)
// Extends the top of the heap by about `bytes`, with its pages populated:
// blocks taken from the top, populated, and freed, stay there for the
// allocations to come (the trim threshold keeps glibc from giving them
// back to the system).
void populate_heap(size_t bytes) {
  if (!tuned) tuned = mallopt(M_TRIM_THRESHOLD, static_cast<int>(kMaxReady * 16)) == 1;
  if (!tuned) return;
  std::vector<void*> pieces;
  uintptr_t low = UINTPTR_MAX, high = 0;
  for (size_t done = 0; done < bytes; done += kPiece) {
    void* p = std::malloc(kPiece);
    if (p == nullptr) break;
    pieces.push_back(p);
    low = std::min(low, reinterpret_cast<uintptr_t>(p));
    high = std::max(high, reinterpret_cast<uintptr_t>(p) + kPiece);
  }
  const uintptr_t page = 4096;
  uintptr_t begin = (low + page - 1) & ~(page - 1), end = high & ~(page - 1);
  // The pieces lie side by side at the top; all of the span is heap, so
  // populating it whole is one system call and harmless.
  if (end > begin && end - begin <= 2 * bytes) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) std::free(*it);
}
#endif

}  // namespace

void tune_heap_for_short_run() { allowed = true; }

void expect_more_heap_use(size_t bytes) {
#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE)
  if (!allowed) return;
  expected += bytes;
  if (expected > kMaxReady) {
    allowed = false;  // a large input: see kMaxReady
    return;
  }
  if (expected < readied + kPiece) return;  // not worth a system call
  populate_heap(expected - readied);
  readied = expected;
#else
  (void)bytes;
#endif
}

}  // namespace plumb
