// Seeds for the decode target: reads WebAssembly text on stdin and writes
// the binary the WAT reader makes of it to stdout (exit 1 when it is not
// valid text). tests/fuzz/make_corpus.py runs it on every WAT seed.
#include <iostream>
#include <iterator>
#include <string>

#include "plumb/wasm/wat_parser.h"

int main() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  try {
    std::cout << plumb::wat_to_binary(text);
  } catch (const plumb::WatError& e) {
    std::cerr << "wat_to_wasm: " << e.offset << ": " << e.message << "\n";
    return 1;
  }
  return 0;
}
