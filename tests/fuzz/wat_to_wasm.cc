// Seeds for the decode target: reads WebAssembly text on stdin and writes
// the binary the WAT reader makes of it to stdout (exit 1 when it is not
// valid text). tests/fuzz/make_corpus.py runs it on every WAT seed.
#include <iostream>
#include <iterator>
#include <string>

#include "plumb/wasm/wat_parser.h"

int main() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  plumb::Expected<std::string> binary = plumb::wat_to_binary(text);
  if (!binary) {
    std::cerr << "wat_to_wasm: " << binary.error().span.start << ": " << binary.error().message << "\n";
    return 1;
  }
  std::cout << *binary;
  return 0;
}
