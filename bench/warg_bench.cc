// Warg figures: records verified per second on a long package log, the
// registry's fetch-logs requests per second on loopback, and the latency
// from publishing a record to its being published (client and server in
// this process, HTTP on loopback between them).
//
//   warg-bench [RECORDS]   (default 20000)
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "plumb/registry-client/client.h"
#include "plumb/registry-client/log_state.h"
#include "plumb/registry-server/server.h"

using namespace plumb;
using namespace plumb::warg;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::vector<Envelope> long_log(const PrivateKey& key, size_t n) {
  std::vector<Envelope> out;
  std::optional<Digest> prev;
  for (size_t i = 0; i < n; ++i) {
    Record r;
    r.prev = prev;
    r.time = Timestamp{1700000000 + static_cast<int64_t>(i), 0};
    if (i == 0) {
      Entry init;
      init.kind = EntryKind::Init;
      init.key = key.public_key();
      r.entries.push_back(init);
    }
    Entry rel;
    rel.kind = EntryKind::Release;
    rel.version = *parse_version("1.0." + std::to_string(i));
    rel.content = Digest::of(std::to_string(i));
    r.entries.push_back(rel);
    out.push_back(sign_record(LogKind::Package, encode_record(LogKind::Package, r), key));
    prev = record_id(LogKind::Package, out.back().contents);
  }
  return out;
}

void verify_figure(size_t n) {
  PrivateKey key = PrivateKey::generate();
  std::vector<Envelope> log = long_log(key, n);
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    LogState state(LogKind::Package);
    auto t = Clock::now();
    size_t failed = 0;
    if (!state.validate_all(log, failed)) {
      std::fprintf(stderr, "record %zu did not validate\n", failed);
      std::exit(1);
    }
    best = std::min(best, seconds_since(t));
  }
  std::printf("verify a %zu-record package log (every rule and signature, %u threads): %.0f records/s (best of 3: %.1f ms;"
              " goal >= 20,000/s)\n", n, std::thread::hardware_concurrency(), n / best, best * 1e3);
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = argc > 1 ? std::stoul(argv[1]) : 20000;
  verify_figure(n);

  std::string dir = (std::filesystem::temp_directory_path() / ("plumb-warg-bench-" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(dir);
  auto server = registry::Server::open({dir, "127.0.0.1", 0, {"bench"}});
  if (!server) return std::fprintf(stderr, "%s\n", server.error().message.c_str()), 1;
  std::thread serving([&] { (*server)->run(); });

  // Publish -> published, through the client (update, sign, publish,
  // upload, wait, re-verify).
  std::string home = dir + "/home";
  Result<Client> client = Client::open({home, (*server)->url(), {}});
  PrivateKey key = PrivateKey::generate();
  auto publish_release = [&](int i) {
    Entry rel;
    rel.kind = EntryKind::Release;
    rel.version = *parse_version("1.0." + std::to_string(i));
    std::string content = "artifact " + std::to_string(i);
    rel.content = Digest::of(content);
    Result<PublishOutcome> out = client->publish(key, "bench:pkg", {rel}, content);
    if (!out) std::fprintf(stderr, "%s\n", out.error().message.c_str());
    return out.has_value();
  };
  std::vector<double> latencies;
  for (int i = 0; i < 30; ++i) {
    auto t = Clock::now();
    if (!publish_release(i)) return 1;
    latencies.push_back(seconds_since(t) * 1e3);
  }
  std::sort(latencies.begin(), latencies.end());
  std::printf("publish -> published (client and server on loopback, %zu records): median %.2f ms, best %.2f ms\n",
              latencies.size(), latencies[latencies.size() / 2], latencies.front());

  // fetch-logs requests per second, one keep-alive connection.
  httplib::Client http("127.0.0.1", (*server)->port());
  http.set_keep_alive(true);
  http.set_tcp_nodelay(true);
  auto cp = http.Get("/v1/fetch/checkpoint");
  std::string length = cp->body.substr(cp->body.find("\"logLength\":") + 12);
  length = length.substr(0, length.find_first_not_of("0123456789"));
  std::string body = "{\"logLength\":" + length + ",\"packages\":{\"" + package_log_id("bench:pkg").to_string() + "\":null}}";
  size_t requests = 0;
  auto t = Clock::now();
  while (seconds_since(t) < 2.0) {
    auto res = http.Post("/v1/fetch/logs", body, "application/json");
    if (!res || res->status != 200) return std::fprintf(stderr, "fetch/logs failed\n"), 1;
    ++requests;
  }
  std::printf("fetch/logs (31 records each, one keep-alive connection): %.0f requests/s (goal >= 2,000/s)\n",
              requests / seconds_since(t));

  // A cached pull's client work on a longer log: open the saved state (its
  // records replayed by the rules, their signatures checked when fetched)
  // and find the checkpoint unchanged.
  for (int i = 30; i < 500; ++i) {
    if (!publish_release(i)) return 1;
  }
  std::vector<double> reopen;
  for (int i = 0; i < 20; ++i) {
    auto t = Clock::now();
    Result<Client> again = Client::open({home, (*server)->url(), {}});
    if (!again || !again->update({"bench:pkg"})) return std::fprintf(stderr, "re-opening the client failed\n"), 1;
    reopen.push_back(seconds_since(t) * 1e3);
  }
  std::sort(reopen.begin(), reopen.end());
  std::printf("open the saved state of a 501-record log and update it (unchanged): median %.2f ms\n",
              reopen[reopen.size() / 2]);

  (*server)->stop();
  serving.join();
  std::filesystem::remove_all(dir);
  return 0;
}
