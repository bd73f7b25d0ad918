// The records of Warg's logs, decoded from (and encoded to) their protobuf
// bytes, and the ids derived from them. One model serves both logs: a
// record's entries are those of a package log (init, grant, revoke,
// release, yank) or of the operator log (init, grant, revoke, define and
// import a namespace).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plumb/registry-client/error.h"
#include "plumb/registry-client/hash.h"
#include "plumb/registry-client/signing.h"
#include "plumb/support/semver.h"

namespace plumb::warg {

enum class LogKind { Package, Operator };

enum class Permission : uint8_t { Release, Yank, Commit, DefineNamespace, ImportNamespace };
std::string_view permission_name(Permission p);  // release, yank, commit, defineNamespace, ...

struct Timestamp {
  int64_t seconds = 0;
  int32_t nanos = 0;
  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
  std::string to_string() const;  // "<secs>.<nanos>", as the reference's state JSON
  static Timestamp now();
};

enum class EntryKind { Init, Grant, Revoke, Release, Yank, DefineNamespace, ImportNamespace };

struct Entry {
  EntryKind kind = EntryKind::Init;
  std::optional<PublicKey> key;         // Init, Grant
  KeyId key_id;                         // Revoke
  std::vector<Permission> permissions;  // Grant, Revoke
  Version version;                      // Release, Yank
  Digest content;                       // Release
  std::string ns, registry;             // DefineNamespace, ImportNamespace

  // The permission the signer needs for this entry (grants and revokes need
  // the permissions they hand on; see LogState), if any.
  std::optional<Permission> required_permission(LogKind log) const;
};

struct Record {
  std::optional<Digest> prev;
  uint32_t version = 0;
  Timestamp time;
  std::vector<Entry> entries;
};

// Decodes a record of `log` from its protobuf bytes: keys, hashes, versions
// and permissions must all be valid.
Result<Record> decode_record(LogKind log, std::string_view bytes);
// The canonical protobuf bytes of a record (what the reference's encoder
// writes: fields in order, defaults omitted, permissions packed).
std::string encode_record(LogKind log, const Record& record);

// The protobuf bytes of a record given in protobuf's JSON mapping (the
// reference's fixtures: `time` in RFC 3339, enums by name, fields in snake or
// camel case), checked by decoding them.
Result<std::string> record_bytes_from_json(LogKind log, std::string_view json);

// A signed record: the bytes as received (ids and signatures cover them),
// the signer's key id and the signature's text.
struct Envelope {
  std::string contents;
  KeyId key_id;
  std::string signature;
};
Envelope sign_record(LogKind log, std::string contents, const PrivateKey& key);
std::string_view signature_prefix(LogKind log);

// Log ids and record ids.
Digest operator_log_id();
Digest package_log_id(std::string_view package_name);
Digest record_id(LogKind log, std::string_view contents);

// `ns:name`, each part lowercase kebab case (words starting with a letter).
bool is_valid_namespace(std::string_view ns);
bool is_valid_package_name(std::string_view name);

}  // namespace plumb::warg
