// Binaries the unit tests of several layers read.
#pragma once

#include <string>

namespace plumb::test {

// The bytes `wasm-tools component wit --wasm` writes for
// `package e:e; interface e {}` (without the custom sections): the
// `deps/e.wasm` of the reference's kinds-of-deps test.
// Its interface export uses the name byte 0x01 of older encoders.
inline const std::string kEmptyInterface(
    "\x00\x61\x73\x6d\x0d\x00\x01\x00"
    "\x07\x10\x01\x41\x02\x01\x42\x00\x04\x01\x05\x65\x3a\x65\x2f\x65\x05\x00"
    "\x0b\x07\x01\x00\x01\x65\x03\x00\x00",
    35);

}  // namespace plumb::test
