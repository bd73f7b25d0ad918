// The v1 HTTP API (cpp-httplib) over the Registry: routing, JSON in and
// out with the reference's status codes and error bodies.
#include "plumb/registry-server/server.h"

#include <httplib.h>
#include <zstd.h>

#include "registry.h"

namespace plumb::registry {

namespace {

constexpr const char* kJson = "application/json";
const std::string kDigest = "(sha256:[0-9a-f]{64})";

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), kJson);
}

void send_error(httplib::Response& res, const ApiError& e) { send_json(res, e.status, e.body); }

// The request's JSON body, or the error response already sent.
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Content-Type") != kJson) {
    send_json(res, 415, {{"status", 415}, {"message", "expected request with `Content-Type: application/json`"}});
    return std::nullopt;
  }
  nlohmann::json j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded()) {
    send_json(res, 400, {{"status", 400}, {"message", "the request body is not valid JSON"}});
    return std::nullopt;
  }
  if (!j.is_object()) {
    send_json(res, 422, {{"status", 422}, {"message", "the request body is not a JSON object"}});
    return std::nullopt;
  }
  return j;
}

std::string record_state_name(RecordState s) {
  switch (s) {
    case RecordState::Sourcing: return "sourcing";
    case RecordState::Processing: return "processing";
    case RecordState::Rejected: return "rejected";
    case RecordState::Published: return "published";
  }
  return "";
}

nlohmann::json record_json(const Digest& id, const PendingRecord& p) {
  nlohmann::json j = {{"recordId", id.to_string()}, {"state", record_state_name(p.state)}};
  if (p.state == RecordState::Sourcing) {
    nlohmann::json missing = nlohmann::json::object();
    for (const Digest& d : p.missing) {
      std::string url = "v1/package/" + p.log_id.to_string() + "/record/" + id.to_string() + "/content/" + d.to_string();
      missing[d.to_string()] = {{"upload", {{{"type", "http"}, {"method", "POST"}, {"url", url}}}}};
    }
    j["missingContent"] = missing;
  }
  if (p.state == RecordState::Rejected) j["reason"] = p.reason;
  if (p.state == RecordState::Published) j["registryIndex"] = p.index;
  return j;
}

std::optional<std::string> decompressed(const std::string& compressed, uint64_t size) {
  std::string out(size, '\0');
  size_t n = ZSTD_decompress(out.data(), out.size(), compressed.data(), compressed.size());
  if (ZSTD_isError(n) || n != size) return std::nullopt;
  return out;
}

}  // namespace

struct Server::Impl {
  std::unique_ptr<Registry> registry;
  httplib::Server http;
  std::string host;
  int port = 0;

  std::string base() const { return "http://" + host + ":" + std::to_string(port) + "/"; }
  void routes();
  void package_routes();
  void content_routes();
  void proof_routes();
};

void Server::Impl::routes() {
  http.Get("/v1/fetch/checkpoint", [this](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, registry->latest_checkpoint().to_json());
  });
  http.Post("/v1/fetch/logs", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<nlohmann::json> body = json_body(req, res);
    if (!body) return;
    auto out = registry->fetch_logs(*body);
    out ? send_json(res, 200, *out) : send_error(res, out.error());
  });
  http.Post("/v1/fetch/names", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<nlohmann::json> body = json_body(req, res);
    if (!body) return;
    auto out = registry->fetch_names(*body);
    out ? send_json(res, 200, *out) : send_error(res, out.error());
  });
  http.Get("/.well-known/wasm-pkg/registry.json", [this](const httplib::Request&, httplib::Response& res) {
    std::string url = base();
    url.pop_back();
    send_json(res, 200, {{"preferredProtocol", "warg"}, {"warg", {{"url", url}}}, {"wargUrl", url}});
  });
  package_routes();
  content_routes();
  proof_routes();
  // A JSON value of another type than the API's (nlohmann throws) is a 422,
  // as a missing field is; anything else (the store failing) a 500, and
  // nothing was acknowledged.
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const nlohmann::json::exception& e) {
      send_json(res, 422, {{"status", 422}, {"message", std::string("the request is not the Warg API's: ") + e.what()}});
    } catch (const std::exception& e) {
      send_json(res, 500, {{"status", 500}, {"message", std::string("the registry failed: ") + e.what()}});
    } catch (...) {
      send_json(res, 500, {{"status", 500}, {"message", "the registry failed"}});
    }
  });
  // What matched no route under /v1.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.status == 404 && req.path.rfind("/v1/", 0) == 0 && res.body.empty()) {
      send_json(res, 404, {{"status", 404}, {"message", "the requested resource was not found"}});
    }
  });
}

void Server::Impl::package_routes() {
  http.Post("/v1/package/" + kDigest + "/record", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<nlohmann::json> body = json_body(req, res);
    if (!body) return;
    Digest log_id = *Digest::parse(req.matches[1].str());
    std::string name = body->value("packageName", "");
    if (!warg::is_valid_package_name(name) || warg::package_log_id(name) != log_id) {
      return send_json(res, 400, {{"status", 400}, {"message", "the package name `" + name + "` is not that of log " +
                                                                    log_id.to_string()}});
    }
    if (body->contains("contentSources") && !(*body)["contentSources"].empty()) {
      return send_json(res, 501, {{"status", 501}, {"message", "specifying content sources is not supported"}});
    }
    const nlohmann::json& rec = body->value("record", nlohmann::json::object());
    std::optional<std::string> contents = warg::base64_decode(rec.value("contentBytes", ""));
    std::optional<Digest> key_id = Digest::parse(rec.value("keyId", ""));
    if (!contents || !key_id || !rec.contains("signature")) {
      return send_json(res, 422, {{"status", 422}, {"message", "the record needs contentBytes, keyId and signature"}});
    }
    auto out = registry->publish(log_id, name, {*contents, *key_id, rec["signature"].get<std::string>()});
    if (!out) return send_error(res, out.error());
    send_json(res, 202, record_json(warg::record_id(warg::LogKind::Package, *contents), *out));
  });
  http.Get("/v1/package/" + kDigest + "/record/" + kDigest, [this](const httplib::Request& req, httplib::Response& res) {
    Digest record_id = *Digest::parse(req.matches[2].str());
    auto out = registry->record(*Digest::parse(req.matches[1].str()), record_id);
    out ? send_json(res, 200, record_json(record_id, *out)) : send_error(res, out.error());
  });
  http.Post("/v1/package/" + kDigest + "/record/" + kDigest + "/content/" + kDigest,
            [this](const httplib::Request& req, httplib::Response& res) {
              auto out = registry->upload(*Digest::parse(req.matches[1].str()), *Digest::parse(req.matches[2].str()),
                                          *Digest::parse(req.matches[3].str()), req.body);
              if (!out) return send_error(res, out.error());
              res.status = 201;
            });
}

void Server::Impl::content_routes() {
  http.Get("/v1/content/" + kDigest, [this](const httplib::Request& req, httplib::Response& res) {
    Digest d = *Digest::parse(req.matches[1].str());
    auto stored = registry->content(d);
    if (!stored) return send_json(res, 404, {{"status", 404}, {"type", "contentDigest"}, {"id", d.to_string()}});
    std::string url = base() + "content/sha256-" + d.hex();
    send_json(res, 200, {{"contentSources", {{d.to_string(), {{{"type", "httpGet"}, {"url", url}, {"size", stored->second}}}}}}});
  });
  http.Get("/content/sha256-([0-9a-f]{64})", [this](const httplib::Request& req, httplib::Response& res) {
    auto stored = registry->content(*Digest::parse("sha256:" + req.matches[1].str()));
    if (!stored) {
      res.status = 404;
      return;
    }
    // Stored compressed; sent so to a client that accepts zstd.
    if (req.get_header_value("Accept-Encoding").find("zstd") != std::string::npos) {
      res.set_header("Content-Encoding", "zstd");
      res.set_content(stored->first, "application/wasm");
      return;
    }
    std::optional<std::string> bytes = decompressed(stored->first, stored->second);
    if (!bytes) {
      res.status = 500;
      return;
    }
    res.set_content(*bytes, "application/wasm");
  });
}

void Server::Impl::proof_routes() {
  http.Post("/v1/proof/consistency", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<nlohmann::json> body = json_body(req, res);
    if (!body) return;
    auto out = registry->consistency_proof(body->value("from", uint64_t(0)), body->value("to", uint64_t(0)));
    out ? send_json(res, 200, *out) : send_error(res, out.error());
  });
  http.Post("/v1/proof/inclusion", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<nlohmann::json> body = json_body(req, res);
    if (!body) return;
    std::vector<uint64_t> leaves = body->value("leafs", std::vector<uint64_t>{});
    auto out = registry->inclusion_proof(body->value("logLength", uint64_t(0)), leaves);
    out ? send_json(res, 200, *out) : send_error(res, out.error());
  });
  http.Post("/v1/verify/checkpoint", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<nlohmann::json> body = json_body(req, res);
    if (!body) return;
    warg::Result<warg::SignedCheckpoint> c = warg::SignedCheckpoint::from_json(*body);
    if (!c) return send_json(res, 422, {{"status", 422}, {"message", c.error().message}});
    send_json(res, 200, registry->verify_checkpoint(*c));
  });
  http.Get("/v1/ledger", [this](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, registry->ledger_sources());
  });
  http.Get(R"(/v1/ledger/records/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto out = registry->ledger_records(std::stoull(req.matches[1].str()));
    if (!out) return send_error(res, out.error());
    res.set_content(*out, "application/vnd.warg.ledger.packed");
  });
}

Server::Server() : impl_(std::make_unique<Impl>()) {}
Server::~Server() = default;

warg::Result<std::unique_ptr<Server>> Server::open(const ServeOptions& options) {
  std::unique_ptr<Server> s(new Server());
  try {
    s->impl_->registry = std::make_unique<Registry>(options.data_dir, options.namespaces);
  } catch (const std::exception& e) {
    return warg::fail(warg::ErrorKind::Io, "cannot open the registry in " + options.data_dir + ": " + e.what());
  }
  s->impl_->host = options.host;
  s->impl_->routes();
  s->impl_->http.set_payload_max_length(64 << 20);
  // Headers and body go out as separate writes: without this, Nagle and
  // delayed ACKs hold each answer for 40 ms.
  s->impl_->http.set_tcp_nodelay(true);
  int port = options.port == 0 ? s->impl_->http.bind_to_any_port(options.host)
                               : (s->impl_->http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0) {
    return warg::fail(warg::ErrorKind::Io, "cannot listen on " + options.host + ":" + std::to_string(options.port));
  }
  s->impl_->port = port;
  return s;
}

int Server::port() const { return impl_->port; }
std::string Server::url() const { return impl_->base(); }
std::string Server::operator_key_id() const { return impl_->registry->operator_key().id().to_string(); }
void Server::run() { impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }

}  // namespace plumb::registry
