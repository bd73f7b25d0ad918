// What the Warg layer returns instead of a value: a kind callers branch on
// (the command line gives each its diagnostic code) and the message, worded
// as the reference words it where it has one.
#pragma once

#include <string>

#include "plumb/support/expected.h"

namespace plumb::warg {

enum class ErrorKind {
  Malformed,      // bytes, text or JSON that do not decode (records, keys, proofs)
  InvalidRecord,  // a record that breaks a rule of its log
  BadSignature,   // a signature that does not verify
  BadProof,       // a proof that does not hold; a fork or a rollback of what was seen
  Unusable,       // a registry that cannot be reached, or answers outside the API
  Refused,        // a request the registry answered with an error
  Content,        // content that is not what its release signs (changed, cut short)
  Io,             // local files (keys, state, cache)
};

struct Error {
  ErrorKind kind;
  std::string message;
};

template <class T>
using Result = BasicExpected<T, Error>;

inline Unexpected<Error> fail(ErrorKind kind, std::string message) { return Unexpected{Error{kind, std::move(message)}}; }

}  // namespace plumb::warg
