// The registry's store and sequencing. Each change is one SQLite
// transaction, committed before the memory state (and any answer) reflects
// it, so a crash at any point leaves the store as of the last commit.
#include "registry.h"

#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "plumb/support/atomic_write.h"
#include "plumb/support/read_file.h"

namespace plumb::registry {

namespace {

using warg::LogKind;

std::string missing_text(const std::set<Digest>& missing) {
  std::string out;
  for (const Digest& d : missing) out += (out.empty() ? "" : " ") + d.to_string();
  return out;
}

std::set<Digest> missing_of(const std::string& text) {
  std::set<Digest> out;
  std::istringstream in(text);
  std::string word;
  while (in >> word) out.insert(*Digest::parse(word));
  return out;
}

Digest digest_column(const Statement& s, int col) { return *Digest::parse(s.text(col)); }

}  // namespace

Registry::Registry(const std::string& dir, const std::vector<std::string>& namespaces)
    : db_((std::filesystem::create_directories(dir), dir + "/registry.db")),
      operator_key_(warg::PrivateKey::generate()) {
  std::string key_path = dir + "/operator.key";
  if (std::filesystem::exists(key_path)) {
    BasicExpected<std::string, std::string> read = read_whole_file(key_path);
    if (!read) throw std::runtime_error(read.error());
    std::string text = std::move(read).value();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    warg::Result<warg::PrivateKey> key = warg::PrivateKey::parse(text);
    if (!key) throw std::runtime_error(key_path + ": " + key.error().message);
    operator_key_ = std::move(key).value();
  } else {
    auto written = write_file_atomically(key_path, operator_key_.text() + "\n", {.sync = true, .mode = 0600});
    if (!written) throw std::runtime_error(written.error());
  }
  create_schema();
  load();
  bootstrap(namespaces);
}

void Registry::create_schema() {
  db_.exec(R"(
    CREATE TABLE IF NOT EXISTS records(idx INTEGER PRIMARY KEY, log_id TEXT NOT NULL, record_id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL, contents BLOB NOT NULL, key_id TEXT NOT NULL, signature TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS pending(record_id TEXT PRIMARY KEY, log_id TEXT NOT NULL, name TEXT NOT NULL,
      contents BLOB NOT NULL, key_id TEXT NOT NULL, signature TEXT NOT NULL, state INTEGER NOT NULL,
      reason TEXT NOT NULL, missing TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS checkpoints(length INTEGER PRIMARY KEY, log_root TEXT NOT NULL, map_root TEXT NOT NULL,
      timestamp INTEGER NOT NULL, key_id TEXT NOT NULL, signature TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS content(digest TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL);
  )");
}

void Registry::load() {
  Statement records = db_.prepare("SELECT idx, log_id, record_id, name, contents, key_id, signature FROM records ORDER BY idx");
  while (records.step()) {
    StoredRecord r;
    r.index = static_cast<uint64_t>(records.integer(0));
    r.log_id = digest_column(records, 1);
    r.record_id = digest_column(records, 2);
    r.envelope = {records.text(4), digest_column(records, 5), records.text(6)};
    if (r.index != records_.size()) throw std::runtime_error("the store's registry indices are not contiguous");
    auto [it, added] = logs_.try_emplace(r.log_id, r.log_id == warg::operator_log_id() ? LogKind::Operator : LogKind::Package);
    if (added) it->second.name = records.text(3);
    apply(r);
  }
  Statement cps = db_.prepare("SELECT length, log_root, map_root, timestamp, key_id, signature FROM checkpoints");
  while (cps.step()) {
    warg::Checkpoint c{digest_column(cps, 1), static_cast<uint64_t>(cps.integer(0)), digest_column(cps, 2),
                       static_cast<uint64_t>(cps.integer(3))};
    checkpoints_[c.log_length] = warg::SignedCheckpoint{c, digest_column(cps, 4), cps.text(5)};
  }
  Statement pending = db_.prepare("SELECT record_id, log_id, name, contents, key_id, signature, state, reason, missing FROM pending");
  while (pending.step()) {
    PendingRecord p;
    p.log_id = digest_column(pending, 1);
    p.name = pending.text(2);
    p.envelope = {pending.text(3), digest_column(pending, 4), pending.text(5)};
    p.state = static_cast<RecordState>(pending.integer(6));
    p.reason = pending.text(7);
    p.missing = missing_of(pending.text(8));
    pending_.emplace(digest_column(pending, 0), std::move(p));
  }
}

// Validates and adds a stored record to the memory state.
void Registry::apply(const StoredRecord& r) {
  LogInfo& info = logs_.at(r.log_id);
  warg::Result<warg::Record> ok = info.state.validate(r.envelope);
  if (!ok) throw std::runtime_error("stored record " + r.record_id.to_string() + " is invalid: " + ok.error().message);
  info.records.push_back(r.index);
  record_index_[r.record_id] = r.index;
  log_.push(warg::leaf_hash({r.log_id, r.record_id}));
  map_.set(r.log_id, r.record_id);
  records_.push_back(r);
}

void Registry::bootstrap(const std::vector<std::string>& namespaces) {
  std::lock_guard lock(mu_);
  const Digest op = warg::operator_log_id();
  auto [it, added] = logs_.try_emplace(op, LogKind::Operator);
  LogInfo& info = it->second;
  warg::Record record;
  record.time = warg::Timestamp::now();
  if (info.state.head()) {
    record.prev = info.state.head()->digest;
    record.time = std::max(record.time, info.state.head()->timestamp);
  } else {
    warg::Entry init;
    init.kind = warg::EntryKind::Init;
    init.key = operator_key_.public_key();
    record.entries.push_back(init);
  }
  for (const std::string& ns : namespaces) {
    if (info.state.namespace_state(ns)) continue;
    warg::Entry define;
    define.kind = warg::EntryKind::DefineNamespace;
    define.ns = ns;
    record.entries.push_back(define);
  }
  if (!record.entries.empty()) {
    warg::Envelope e = warg::sign_record(LogKind::Operator, warg::encode_record(LogKind::Operator, record), operator_key_);
    Digest id = warg::record_id(LogKind::Operator, e.contents);
    pending_[id] = PendingRecord{op, "", e, RecordState::Processing, "", {}, 0};
    sequence(id);
  }
  if (checkpoints_.empty() || checkpoints_.rbegin()->first != log_.length()) sign_checkpoint();
}

void Registry::save_pending(const Digest& record_id, const PendingRecord& p) {
  db_.prepare("INSERT OR REPLACE INTO pending VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, record_id.to_string())
      .bind(2, p.log_id.to_string())
      .bind(3, p.name)
      .bind_blob(4, p.envelope.contents)
      .bind(5, p.envelope.key_id.to_string())
      .bind(6, p.envelope.signature)
      .bind(7, static_cast<int64_t>(p.state))
      .bind(8, p.reason)
      .bind(9, missing_text(p.missing))
      .run();
}

// Validates a ready record against its log; appends it, or rejects it.
void Registry::sequence(const Digest& record_id) {
  PendingRecord& p = pending_.at(record_id);
  LogKind kind = p.log_id == warg::operator_log_id() ? LogKind::Operator : LogKind::Package;
  auto [it, added] = logs_.try_emplace(p.log_id, kind);
  if (added) it->second.name = p.name;
  // validate() changes the state only when the record is valid; should the
  // store then fail, the state is rebuilt from the records it holds.
  warg::Result<warg::Record> ok = it->second.state.validate(p.envelope);
  Transaction txn(db_);
  if (!ok) {
    p.state = RecordState::Rejected;
    p.reason = ok.error().message;
    save_pending(record_id, p);
    txn.commit();
    if (added && it->second.records.empty()) logs_.erase(it);
    return;
  }
  StoredRecord r{records_.size(), p.log_id, record_id, p.envelope};
  try {
    db_.prepare("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, static_cast<int64_t>(r.index))
        .bind(2, r.log_id.to_string())
        .bind(3, record_id.to_string())
        .bind(4, p.name)
        .bind_blob(5, r.envelope.contents)
        .bind(6, r.envelope.key_id.to_string())
        .bind(7, r.envelope.signature)
        .run();
    db_.prepare("DELETE FROM pending WHERE record_id = ?").bind(1, record_id.to_string()).run();
    txn.commit();
  } catch (...) {
    rebuild_state(it->second, kind);
    throw;
  }
  it->second.records.push_back(r.index);
  record_index_[record_id] = r.index;
  log_.push(warg::leaf_hash({r.log_id, r.record_id}));
  map_.set(r.log_id, r.record_id);
  records_.push_back(std::move(r));
  pending_.erase(record_id);
}

// The state of `log` from its stored records alone (their signatures were
// checked when they were sequenced).
void Registry::rebuild_state(LogInfo& log, LogKind kind) {
  std::vector<warg::Envelope> envelopes;
  envelopes.reserve(log.records.size());
  for (uint64_t index : log.records) envelopes.push_back(records_[index].envelope);
  warg::LogState state(kind);
  if (warg::Result<std::monostate> ok = state.replay_verified(envelopes); !ok) {
    throw std::logic_error("the stored records of a log no longer validate: " + ok.error().message);
  }
  log.state = std::move(state);
}

void Registry::sign_checkpoint() {
  uint64_t now = static_cast<uint64_t>(warg::Timestamp::now().seconds);
  // Checkpoint times never go backwards, whatever the clock does.
  if (!checkpoints_.empty()) now = std::max(now, checkpoints_.rbegin()->second.contents.timestamp);
  warg::Checkpoint c{log_.root(), log_.length(), map_.root(), now};
  warg::SignedCheckpoint s = warg::SignedCheckpoint::sign(c, operator_key_);
  db_.prepare("INSERT OR REPLACE INTO checkpoints VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, static_cast<int64_t>(c.log_length))
      .bind(2, c.log_root.to_string())
      .bind(3, c.map_root.to_string())
      .bind(4, static_cast<int64_t>(c.timestamp))
      .bind(5, s.key_id.to_string())
      .bind(6, s.signature)
      .run();
  checkpoints_[c.log_length] = s;
}

warg::SignedCheckpoint Registry::latest_checkpoint() {
  std::lock_guard lock(mu_);
  return checkpoints_.rbegin()->second;
}

std::optional<warg::SignedCheckpoint> Registry::checkpoint_at(uint64_t length) {
  std::lock_guard lock(mu_);
  auto it = checkpoints_.find(length);
  if (it == checkpoints_.end()) return std::nullopt;
  return it->second;
}

bool Registry::has_content(const Digest& d) {
  Statement s = db_.prepare("SELECT 1 FROM content WHERE digest = ?");
  s.bind(1, d.to_string());
  return s.step();
}

}  // namespace plumb::registry
