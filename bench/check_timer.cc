// Times whole processes: runs a command N times and prints the median and
// best wall-clock time (process start-up included, as a user sees it).
//
//   check-timer N COMMAND [ARGS...]
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <vector>

extern char** environ;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: check-timer N COMMAND [ARGS...]\n");
    return 2;
  }
  int n = std::max(1, std::atoi(argv[1]));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<double> ms;
  int status = 0;
  for (int i = 0; i < n; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid;
    if (posix_spawn(&pid, argv[2], &actions, nullptr, argv + 2, environ) != 0) {
      std::perror("posix_spawn");
      return 1;
    }
    waitpid(pid, &status, 0);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("median %.3f ms  best %.3f ms  (%d runs, exit %d)\n", ms[ms.size() / 2], ms.front(), n,
              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return 0;
}
