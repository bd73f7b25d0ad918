// The Warg client: it keeps, per registry, the logs it has verified and the
// last checkpoint it trusted, and brings them up to date trusting nothing
// the registry says. Every record's id, signature and log rule is checked,
// the checkpoint's signature against the operator log (by a key that may
// commit), its time against the last one seen, its consistency with the
// last one seen and the inclusion of every log head in its log and map.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plumb/registry-client/checkpoint.h"
#include "plumb/registry-client/http.h"
#include "plumb/registry-client/log_state.h"

namespace plumb::warg {

struct ClientOptions {
  std::string home;      // $PLUMB_HOME: registries/, cache/
  std::string registry;  // the registry's URL
  Progress progress;     // uploads and downloads
};

struct PublishOutcome {
  Digest record_id;
  uint64_t registry_index = 0;
};

class Client {
 public:
  static Result<Client> open(const ClientOptions& options);

  // Updates the operator log and the logs of `packages` (ns:name) to the
  // registry's latest checkpoint, verifying all of it; then saves the state.
  // A package the registry does not have is left out (package() is null).
  Result<std::monostate> update(const std::vector<std::string>& packages);
  const LogState* package(const std::string& name) const;
  const LogState& operator_log() const { return operator_.state; }
  const SignedCheckpoint* checkpoint() const { return checkpoint_ ? &*checkpoint_ : nullptr; }

  // Signs a record of `entries` for `name` (init first when the log is new,
  // chained to the head otherwise), publishes it with `content` for its
  // release, waits until it is published, and updates.
  Result<PublishOutcome> publish(const PrivateKey& key, const std::string& name, std::vector<Entry> entries,
                                 const std::optional<std::string>& content);

  // The artifact of `digest`: from the cache when it is there and intact,
  // else downloaded, checked and cached.
  Result<std::string> content(const Digest& digest);

 private:
  struct Log {
    explicit Log(LogKind k) : state(k) {}
    LogState state;
    std::string name;
    std::vector<nlohmann::json> records;  // as fetched, for saving
    uint64_t head_index = 0;              // registry index of the head
    // The length of the checkpoint this log was last verified against: a
    // log held but verified against an older checkpoint than the one
    // trusted (another package was pulled since) must be brought up to it.
    uint64_t verified_length = 0;
  };
  enum class Source { Registry, SavedState };

  // The error of an answer whose JSON has another shape than the API's
  // (nlohmann throws on a value of another type: caught at each entry point).
  static Unexpected<Error> not_the_api(const nlohmann::json::exception& e);
  Result<nlohmann::json> call(const std::string& path, const std::optional<nlohmann::json>& body);
  Result<std::monostate> load();
  Result<std::monostate> load_log(Log& log, const std::string& path);
  Result<std::monostate> load_package(const std::string& name);
  Result<std::monostate> save() const;
  Result<std::monostate> apply_records(Log& log, const nlohmann::json& records, Source source = Source::Registry);
  Result<std::monostate> update_logs(const std::vector<std::string>& names);
  Result<PublishOutcome> publish_record(const PrivateKey& key, const std::string& name, std::vector<Entry> entries,
                                        const std::optional<std::string>& content);
  Result<std::string> cached_or_downloaded(const Digest& digest);
  Result<std::monostate> fetch_logs(const SignedCheckpoint& cp, const std::vector<std::string>& names);
  Result<std::monostate> verify_checkpoint(const SignedCheckpoint& cp);
  Result<std::monostate> verify_proofs(const SignedCheckpoint& cp, const std::vector<const Log*>& logs);
  Result<PublishOutcome> wait_published(const std::string& name, const Digest& id);

  ClientOptions options_;
  std::string dir_;  // home/registries/<label>
  Http http_;
  Log operator_{LogKind::Operator};
  std::map<std::string, Log> packages_;  // by name: those loaded or fetched
  std::optional<SignedCheckpoint> checkpoint_;
};

}  // namespace plumb::warg
