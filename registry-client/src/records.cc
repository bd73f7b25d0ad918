// Records to and from protobuf (schemas/proto/warg.proto, compiled by
// protoc): the generated messages do the wire format; this file checks what
// they hold and converts it to the model.
#include "plumb/registry-client/records.h"

#include <chrono>

#include <google/protobuf/util/json_util.h>

#include "warg.pb.h"

namespace plumb::warg {

namespace {

namespace pb = ::warg::protocol;

Unexpected<Error> malformed(std::string message) { return fail(ErrorKind::Malformed, std::move(message)); }

Result<Permission> package_permission(int value) {
  switch (value) {
    case pb::PACKAGE_PERMISSION_RELEASE: return Permission::Release;
    case pb::PACKAGE_PERMISSION_YANK: return Permission::Yank;
    default: return malformed("the value " + std::to_string(value) + " could not be parsed as a permission");
  }
}

Result<Permission> operator_permission(int value) {
  switch (value) {
    case pb::OPERATOR_PERMISSION_COMMIT: return Permission::Commit;
    case pb::OPERATOR_PERMISSION_DEFINE_NAMESPACE: return Permission::DefineNamespace;
    case pb::OPERATOR_PERMISSION_IMPORT_NAMESPACE: return Permission::ImportNamespace;
    default: return malformed("the value " + std::to_string(value) + " could not be parsed as a permission");
  }
}

int permission_number(Permission p) {
  switch (p) {
    case Permission::Release: return pb::PACKAGE_PERMISSION_RELEASE;
    case Permission::Yank: return pb::PACKAGE_PERMISSION_YANK;
    case Permission::Commit: return pb::OPERATOR_PERMISSION_COMMIT;
    case Permission::DefineNamespace: return pb::OPERATOR_PERMISSION_DEFINE_NAMESPACE;
    case Permission::ImportNamespace: return pb::OPERATOR_PERMISSION_IMPORT_NAMESPACE;
  }
  return 0;
}

template <class List>
Result<std::vector<Permission>> permissions_of(LogKind log, const List& list) {
  std::vector<Permission> out;
  for (int value : list) {
    Result<Permission> p = log == LogKind::Package ? package_permission(value) : operator_permission(value);
    if (!p) return Unexpected{std::move(p).error()};
    out.push_back(*p);
  }
  return out;
}

Result<Entry> init_entry(std::string_view algorithm, std::string_view key) {
  if (algorithm != "sha256") return malformed("unknown hash algorithm `" + std::string(algorithm) + "`");
  Result<PublicKey> k = PublicKey::parse(key);
  if (!k) return Unexpected{std::move(k).error()};
  Entry e;
  e.kind = EntryKind::Init;
  e.key = std::move(k).value();
  return e;
}

Result<Entry> grant_entry(LogKind log, std::string_view key, const auto& permissions) {
  Result<PublicKey> k = PublicKey::parse(key);
  if (!k) return Unexpected{std::move(k).error()};
  Result<std::vector<Permission>> perms = permissions_of(log, permissions);
  if (!perms) return Unexpected{std::move(perms).error()};
  Entry e;
  e.kind = EntryKind::Grant;
  e.key = std::move(k).value();
  e.permissions = std::move(perms).value();
  return e;
}

Result<Entry> revoke_entry(LogKind log, std::string_view key_id, const auto& permissions) {
  std::optional<Digest> id = Digest::parse(key_id);
  if (!id) return malformed("invalid key id `" + std::string(key_id) + "`");
  Result<std::vector<Permission>> perms = permissions_of(log, permissions);
  if (!perms) return Unexpected{std::move(perms).error()};
  Entry e;
  e.kind = EntryKind::Revoke;
  e.key_id = *id;
  e.permissions = std::move(perms).value();
  return e;
}

Result<Entry> version_entry(EntryKind kind, std::string_view version, std::string_view content) {
  BasicExpected<Version, std::string> v = parse_version(version);
  if (!v) return malformed("invalid version `" + std::string(version) + "`: " + v.error());
  Entry e;
  e.kind = kind;
  e.version = std::move(v).value();
  if (kind == EntryKind::Release) {
    std::optional<Digest> d = Digest::parse(content);
    if (!d) return malformed("invalid content digest `" + std::string(content) + "`");
    e.content = *d;
  }
  return e;
}

Result<Entry> package_entry(const pb::PackageEntry& p) {
  switch (p.contents_case()) {
    case pb::PackageEntry::kInit: return init_entry(p.init().hash_algorithm(), p.init().key());
    case pb::PackageEntry::kGrantFlat:
      return grant_entry(LogKind::Package, p.grant_flat().key(), p.grant_flat().permissions());
    case pb::PackageEntry::kRevokeFlat:
      return revoke_entry(LogKind::Package, p.revoke_flat().key_id(), p.revoke_flat().permissions());
    case pb::PackageEntry::kRelease:
      return version_entry(EntryKind::Release, p.release().version(), p.release().content_hash());
    case pb::PackageEntry::kYank: return version_entry(EntryKind::Yank, p.yank().version(), {});
    default: return malformed("no content in entry");
  }
}

Result<Entry> operator_entry(const pb::OperatorEntry& p) {
  Entry e;
  switch (p.contents_case()) {
    case pb::OperatorEntry::kInit: return init_entry(p.init().hash_algorithm(), p.init().key());
    case pb::OperatorEntry::kGrantFlat:
      return grant_entry(LogKind::Operator, p.grant_flat().key(), p.grant_flat().permissions());
    case pb::OperatorEntry::kRevokeFlat:
      return revoke_entry(LogKind::Operator, p.revoke_flat().key_id(), p.revoke_flat().permissions());
    case pb::OperatorEntry::kDefineNamespace:
      e.kind = EntryKind::DefineNamespace;
      e.ns = p.define_namespace().namespace_();
      return e;
    case pb::OperatorEntry::kImportNamespace:
      e.kind = EntryKind::ImportNamespace;
      e.ns = p.import_namespace().namespace_();
      e.registry = p.import_namespace().registry();
      return e;
    default: return malformed("no content in entry");
  }
}

// What both records share: prev, version, time, and entries converted by
// `convert`.
template <class Message, class Convert>
Result<Record> record_of(std::string_view bytes, Convert convert) {
  Message m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return malformed("the record is not a valid protobuf message");
  }
  Record r;
  if (m.has_prev()) {
    std::optional<Digest> prev = Digest::parse(m.prev());
    if (!prev) return malformed("invalid previous record id `" + m.prev() + "`");
    r.prev = *prev;
  }
  r.version = m.version();
  if (!m.has_time() || m.time().seconds() < 0 || m.time().nanos() < 0 || m.time().nanos() > 999'999'999) {
    return malformed("empty or invalid timestamp in record");
  }
  r.time = Timestamp{m.time().seconds(), m.time().nanos()};
  for (const auto& entry : m.entries()) {
    Result<Entry> e = convert(entry);
    if (!e) return Unexpected{std::move(e).error()};
    r.entries.push_back(std::move(e).value());
  }
  return r;
}

template <class Message>
void set_common(Message& m, const Record& r) {
  if (r.prev) m.set_prev(r.prev->to_string());
  m.set_version(r.version);
  m.mutable_time()->set_seconds(r.time.seconds);
  m.mutable_time()->set_nanos(r.time.nanos);
}

template <class Flat>
void set_permissions(Flat* flat, const std::vector<Permission>& permissions) {
  for (Permission p : permissions) flat->add_permissions(static_cast<decltype(flat->permissions(0))>(permission_number(p)));
}

// Grants and revokes, of either log's entries.
template <class ProtoEntry>
void set_key_entry(ProtoEntry* p, const Entry& e) {
  if (e.kind == EntryKind::Grant) {
    p->mutable_grant_flat()->set_key(e.key->text());
    set_permissions(p->mutable_grant_flat(), e.permissions);
  } else {
    p->mutable_revoke_flat()->set_key_id(e.key_id.to_string());
    set_permissions(p->mutable_revoke_flat(), e.permissions);
  }
}

void add_package_entry(pb::PackageRecord& m, const Entry& e) {
  pb::PackageEntry* p = m.add_entries();
  switch (e.kind) {
    case EntryKind::Init:
      p->mutable_init()->set_key(e.key->text());
      p->mutable_init()->set_hash_algorithm("sha256");
      break;
    case EntryKind::Grant:
    case EntryKind::Revoke: set_key_entry(p, e); break;
    case EntryKind::Release:
      p->mutable_release()->set_version(e.version.to_string());
      p->mutable_release()->set_content_hash(e.content.to_string());
      break;
    case EntryKind::Yank: p->mutable_yank()->set_version(e.version.to_string()); break;
    default: break;  // not an entry of package logs
  }
}

void add_operator_entry(pb::OperatorRecord& m, const Entry& e) {
  pb::OperatorEntry* p = m.add_entries();
  switch (e.kind) {
    case EntryKind::Init:
      p->mutable_init()->set_hash_algorithm("sha256");
      p->mutable_init()->set_key(e.key->text());
      break;
    case EntryKind::Grant:
    case EntryKind::Revoke: set_key_entry(p, e); break;
    case EntryKind::DefineNamespace: p->mutable_define_namespace()->set_namespace_(e.ns); break;
    case EntryKind::ImportNamespace:
      p->mutable_import_namespace()->set_namespace_(e.ns);
      p->mutable_import_namespace()->set_registry(e.registry);
      break;
    default: break;  // not an entry of the operator log
  }
}

bool is_kebab_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string_view permission_name(Permission p) {
  switch (p) {
    case Permission::Release: return "release";
    case Permission::Yank: return "yank";
    case Permission::Commit: return "commit";
    case Permission::DefineNamespace: return "defineNamespace";
    case Permission::ImportNamespace: return "importNamespace";
  }
  return "";
}

std::string Timestamp::to_string() const { return std::to_string(seconds) + "." + std::to_string(nanos); }

Timestamp Timestamp::now() {
  auto since = std::chrono::system_clock::now().time_since_epoch();
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(since);
  auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since - secs);
  return Timestamp{secs.count(), static_cast<int32_t>(nanos.count())};
}

std::optional<Permission> Entry::required_permission(LogKind log) const {
  switch (kind) {
    case EntryKind::Release: return Permission::Release;
    case EntryKind::Yank: return Permission::Yank;
    case EntryKind::Grant:
    case EntryKind::Revoke:
      if (log == LogKind::Operator) return Permission::Commit;
      return std::nullopt;
    case EntryKind::DefineNamespace: return Permission::DefineNamespace;
    case EntryKind::ImportNamespace: return Permission::ImportNamespace;
    case EntryKind::Init: return std::nullopt;
  }
  return std::nullopt;
}

Result<Record> decode_record(LogKind log, std::string_view bytes) {
  if (log == LogKind::Package) return record_of<pb::PackageRecord>(bytes, package_entry);
  return record_of<pb::OperatorRecord>(bytes, operator_entry);
}

std::string encode_record(LogKind log, const Record& record) {
  std::string out;
  if (log == LogKind::Package) {
    pb::PackageRecord m;
    set_common(m, record);
    for (const Entry& e : record.entries) add_package_entry(m, e);
    m.SerializeToString(&out);
  } else {
    pb::OperatorRecord m;
    set_common(m, record);
    for (const Entry& e : record.entries) add_operator_entry(m, e);
    m.SerializeToString(&out);
  }
  return out;
}

template <class Message>
Result<std::string> json_to_bytes(LogKind log, std::string_view json) {
  Message m;
  google::protobuf::util::Status status = google::protobuf::util::JsonStringToMessage(json, &m);
  if (!status.ok()) return malformed("invalid record JSON: " + std::string(status.message()));
  std::string bytes = m.SerializeAsString();
  if (Result<Record> r = decode_record(log, bytes); !r) return Unexpected{std::move(r).error()};
  return bytes;
}

Result<std::string> record_bytes_from_json(LogKind log, std::string_view json) {
  if (log == LogKind::Package) return json_to_bytes<pb::PackageRecord>(log, json);
  return json_to_bytes<pb::OperatorRecord>(log, json);
}

std::string_view signature_prefix(LogKind log) {
  return log == LogKind::Package ? kPackageRecordSignature : kOperatorRecordSignature;
}

Envelope sign_record(LogKind log, std::string contents, const PrivateKey& key) {
  Envelope e;
  e.signature = key.sign(signature_prefix(log), contents);
  e.key_id = key.public_key().id();
  e.contents = std::move(contents);
  return e;
}

Digest operator_log_id() { return Digest::of("WARG-OPERATOR-LOG-ID-V0"); }

Digest package_log_id(std::string_view package_name) {
  std::string data = "WARG-PACKAGE-LOG-ID-V0:WARG-PACKAGE-ID-V0";
  append_prefixed(data, package_name);
  return Digest::of(data);
}

Digest record_id(LogKind log, std::string_view contents) {
  std::string data = log == LogKind::Package ? "WARG-PACKAGE-LOG-RECORD-V0:" : "WARG-OPERATOR-LOG-RECORD-V0:";
  data += contents;
  return Digest::of(data);
}

bool is_valid_namespace(std::string_view ns) {
  // Words of lowercase letters and digits, each starting with a letter,
  // joined by single hyphens.
  bool word_start = true;
  if (ns.empty()) return false;
  for (char c : ns) {
    if (c == '-') {
      if (word_start) return false;
      word_start = true;
      continue;
    }
    if (!is_kebab_word_char(c)) return false;
    if (word_start && !(c >= 'a' && c <= 'z')) return false;
    word_start = false;
  }
  return !word_start;
}

bool is_valid_package_name(std::string_view name) {
  size_t colon = name.rfind(':');
  return colon != std::string_view::npos && is_valid_namespace(name.substr(0, colon)) &&
         is_valid_namespace(name.substr(colon + 1));
}

}  // namespace plumb::warg
