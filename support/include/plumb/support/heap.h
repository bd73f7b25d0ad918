// Readying the heap of a short-lived process (one command-line run) for
// what it is about to allocate. A fresh page costs a page fault when an
// allocation first touches it: 1 to 1.5 µs on a virtual machine, a good
// part of checking or printing a small package. Populated ahead, in one
// system call, the same pages cost about 0.6 µs each.
#pragma once

#include <cstddef>

namespace plumb {

// Called once, at the start of a process that ends soon, this lets
// expect_more_heap_use ready the heap; until then it does nothing (a
// library never changes its host's allocator). From the main thread.
void tune_heap_for_short_run();

// About `bytes` more of heap are about to be used: after
// tune_heap_for_short_run, the pages for them are populated now
// (MADV_POPULATE_WRITE, Linux 5.14, with glibc; elsewhere nothing), and
// memory freed at the top of the heap then stays in the process. Only
// for small runs: once more than 4 MiB in all are announced, it stops.
// From the main thread.
void expect_more_heap_use(size_t bytes);

}  // namespace plumb
