// Readying the heap ahead of allocations (support/heap.h), measured by the
// page faults the process takes: those are what it exists to spare.
#include <doctest/doctest.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <cstring>
#include <memory>
#include <vector>

#include "plumb/support/heap.h"

using namespace plumb;

// A sanitizer's allocator stands in for glibc's: nothing to measure.
#if defined(__SANITIZE_ADDRESS__)
#define PLUMB_SANITIZED_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define PLUMB_SANITIZED_HEAP 1
#endif
#endif

namespace {

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Page faults taken while allocating and filling `bytes` in small blocks,
// kept alive in `keep`.
long faults_filling(size_t bytes, std::vector<std::unique_ptr<char[]>>& keep) {
  long before = minor_faults();
  for (size_t done = 0; done < bytes; done += 4000) {
    keep.emplace_back(new char[4000]);
    std::memset(keep.back().get(), 1, 4000);
  }
  return minor_faults() - before;
}

#if defined(MADV_POPULATE_WRITE)
bool kernel_populates() {
  void* page = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) return false;
  bool ok = madvise(page, 4096, MADV_POPULATE_WRITE) == 0;
  munmap(page, 4096);
  return ok;
}
#endif

}  // namespace

TEST_CASE("a heap readied ahead takes its allocations without page faults") {
#if !defined(__GLIBC__) || !defined(MADV_POPULATE_WRITE) || defined(PLUMB_SANITIZED_HEAP)
  MESSAGE("skipped: needs glibc's allocator (not a sanitizer's) and MADV_POPULATE_WRITE");
#else
  if (!kernel_populates()) {
    MESSAGE("skipped: this kernel has no MADV_POPULATE_WRITE (Linux 5.14)");
    return;
  }
  const size_t bytes = size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> keep;
  // Not tuned yet: announcing does nothing, and each fresh page faults.
  expect_more_heap_use(2 * bytes);
  long untuned = faults_filling(bytes, keep);
  CHECK(untuned >= 200);
  tune_heap_for_short_run();
  expect_more_heap_use(2 * bytes);
  long readied = faults_filling(bytes, keep);
  CHECK(readied < 40);
  // Past 4 MiB announced in all it stops: a large run is left to glibc.
  expect_more_heap_use(size_t{8} << 20);
  // (The 1 MiB left of what was readied goes first, faulting nothing.)
  long large = faults_filling(2 * bytes, keep);
  CHECK(large >= 200);
#endif
}
