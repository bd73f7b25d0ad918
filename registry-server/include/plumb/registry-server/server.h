// plumb's Warg registry server: the v1 HTTP API over a store in one folder
// (registry.db, SQLite; operator.key, the key that signs checkpoints).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plumb/registry-client/error.h"

namespace plumb::registry {

struct ServeOptions {
  std::string data_dir;
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  std::vector<std::string> namespaces;  // defined in the operator log if new
};

class Server {
 public:
  // Opens the store and binds the socket; run() then serves.
  static warg::Result<std::unique_ptr<Server>> open(const ServeOptions& options);
  ~Server();
  int port() const;
  std::string url() const;  // http://host:port/
  std::string operator_key_id() const;
  void run();   // serves until stop()
  void stop();  // from any thread

 private:
  Server();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace plumb::registry
