// The snapshot conformance suite (in-process, so that a few hundred
// packages take a second): on ../shared's reference cases,
//   - interfaces (wit-component's tests): `print` equals X.wit.print, the
//     encoding equals the reference's bytes (X.wat read by the WAT reader)
//     but for the producers section, decoding those bytes and printing gives
//     X.wit.print again, and encoding the decoded package gives the bytes;
//   - the WASI corpus and every ui case that resolves: encode -> decode ->
//     print equals the print of the source, and encode -> decode -> encode
//     gives the same bytes.
// usage: snapshot-roundtrip SHARED_DIR. Exits 77 (skipped) without
// SHARED_DIR/conformance, unless PLUMB_REQUIRE_SHARED=1.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "plumb/component/encode_package.h"
#include "plumb/model/print_wit.h"
#include "plumb/resolver/resolve.h"
#include "plumb/wasm/wat_parser.h"
#include "plumb/wasm/wat_printer.h"

namespace fs = std::filesystem;
using namespace plumb;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The bytes of a component without its `producers` section (the one part
// that names the tool that wrote it).
std::string without_producers(const std::string& bytes) {
  std::string out = bytes.substr(0, 8);
  size_t pos = 8;
  while (pos < bytes.size()) {
    size_t start = pos++;
    uint64_t size = 0;
    for (int shift = 0; pos < bytes.size(); shift += 7) {
      uint8_t b = static_cast<uint8_t>(bytes[pos++]);
      size |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    size_t end = std::min(bytes.size(), pos + static_cast<size_t>(size));
    bool producers = bytes[start] == 0 && end > pos && bytes.compare(pos, 10, "\x09producers") == 0;
    if (!producers) out.append(bytes, start, end - start);
    pos = end;
  }
  return out;
}

// WebAssembly text without its `(@producers ...)` block (as
// conformance-score's without_producers compares it).
std::string without_producers_text(const std::string& wat) {
  size_t start = wat.find("\n  (@producers");
  if (start == std::string::npos) return wat;
  size_t end = wat.find("\n  )", start);
  return end == std::string::npos ? wat : wat.substr(0, start) + wat.substr(end + 4);
}

struct Failures {
  std::vector<std::string> list;
  void add(const std::string& what) {
    list.push_back(what);
    std::cout << "FAIL " << what << "\n";
  }
};

// The main package of `path`, resolved; nullptr (and a failure) otherwise.
std::unique_ptr<ResolveResult> resolve(const fs::path& path, const ResolveOptions& options, Failures& f) {
  Diagnostics diags;
  auto out = std::make_unique<ResolveResult>(resolve_path(path.string(), options, diags));
  if (!out->ok()) {
    f.add(path.string() + ": does not resolve");
    return nullptr;
  }
  return out;
}

// encode -> decode -> print and encode again. Returns the decoded print.
// Decoding keeps what `options` keeps (a consumer's features filter the
// gated items of a snapshot as they filter those of WIT text).
std::string round_trip(const std::string& name, const std::string& bytes, const ResolveOptions& options,
                       Failures& f) {
  Diagnostics diags;
  ResolveResult decoded = resolve_text(name + ".wasm", bytes, options, diags);
  if (!decoded.ok()) {
    f.add(name + ": its snapshot does not decode");
    return {};
  }
  SnapshotResult again = encode_wit_package(*decoded.resolve, *decoded.main);
  if (!again || *again != bytes) f.add(name + ": re-encoding gives other bytes");
  return print_wit(*decoded.resolve, *decoded.main, {});
}

// For a folder, X.wit.print holds the main package and the dependencies
// follow it as nested blocks.
bool print_matches(const std::string& got, const std::string& want, bool folder) {
  if (got == want) return true;
  if (!folder || got.compare(0, want.size(), want) != 0) return false;
  size_t rest = got.find_first_not_of('\n', want.size());
  return rest != std::string::npos && got.compare(rest, 8, "package ") == 0;
}

// print_wat of our bytes is X.wat but for the producers block, and
// print_wat of the bytes of X.wat is X.wat exactly.
// Returns whether both hold.
bool check_wat_print(const std::string& stem, const std::string& bytes, const std::string& wat, Failures& f) {
  size_t failures = f.list.size();
  Expected<std::string> ours = wasm::print_wat(bytes);
  if (!ours) {
    f.add(stem + ": the snapshot does not print as text: " + ours.error().message);
  } else if (without_producers_text(*ours) != without_producers_text(wat)) {
    f.add(stem + ": the snapshot's text differs from " + stem + ".wat");
  }
  Expected<std::string> binary = wat_to_binary(wat);
  if (!binary) {
    f.add(stem + ": " + stem + ".wat does not read");
  } else if (Expected<std::string> theirs = wasm::print_wat(*binary); !theirs || *theirs != wat) {
    f.add(stem + ": the text of " + stem + ".wat's bytes is not " + stem + ".wat");
  }
  return f.list.size() == failures;
}

int interface_cases(const fs::path& dir, Failures& f, int& wat_matches) {
  int n = 0;
  std::vector<fs::path> wats;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".wat") wats.push_back(e.path());
  }
  std::sort(wats.begin(), wats.end());
  for (const fs::path& wat : wats) {
    std::string stem = wat.stem().string();
    fs::path input = fs::exists(dir / (stem + ".wit")) ? dir / (stem + ".wit") : dir / stem;
    if (!fs::exists(input)) continue;
    bool folder = fs::is_directory(input);
    fs::path expected = folder ? fs::path() : fs::path(input.string() + ".print");
    for (const auto& e : folder ? fs::directory_iterator(input) : fs::directory_iterator()) {
      if (e.path().string().ends_with(".wit.print")) expected = e.path();
    }
    auto r = resolve(input, ResolveOptions{}, f);
    if (!r) continue;
    ++n;
    const Resolve& model = *r->resolve;
    std::string want = read(expected);
    if (!print_matches(print_wit(model, *r->main, nested_packages(model, *r->main)), want, folder)) {
      f.add(stem + ": print differs from " + expected.filename().string());
    }
    SnapshotResult snapshot = encode_wit_package(model, *r->main);
    if (!snapshot) {
      f.add(stem + ": does not encode: " + snapshot.error().front().message);
      continue;
    }
    const std::string& bytes = *snapshot;
    Expected<std::string> converted = wat_to_binary(read(wat));
    if (!converted) {
      f.add(stem + ": " + wat.filename().string() + " does not read: " + converted.error().message);
    } else if (without_producers(bytes) != without_producers(*converted)) {
      f.add(stem + ": encoding differs from " + wat.filename().string());
    }
    if (round_trip(stem, bytes, ResolveOptions{}, f) != want) f.add(stem + ": decoding the snapshot prints differently");
    wat_matches += check_wat_print(stem, bytes, read(wat), f);
  }
  return n;
}

// Every one of `inputs` that resolves (ui cases, corpus packages).
int source_round_trips(const std::vector<fs::path>& inputs, const ResolveOptions& options, Failures& f,
                       int& refused) {
  int n = 0;
  for (const fs::path& input : inputs) {
    Diagnostics diags;
    ResolveResult r = resolve_path(input.string(), options, diags);
    if (!r.ok()) continue;  // the parse-fail cases, and ui cases that need other features
    std::string name = input.filename().string();
    SnapshotResult snapshot = encode_wit_package(*r.resolve, *r.main);
    if (!snapshot) {
      // The reference writes these and its validator rejects them; plumb
      // refuses to write them, saying why.
      ++refused;
      continue;
    }
    const std::string& bytes = *snapshot;
    ++n;
    if (round_trip(name, bytes, options, f) != print_wit(*r.resolve, *r.main, {})) {
      f.add(input.string() + ": decode(encode(x)) prints differently from x");
    }
  }
  return n;
}

std::vector<fs::path> ui_inputs(const fs::path& ui) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(ui)) {
    const fs::path& p = e.path();
    if (p.filename() == "parse-fail") continue;
    if (e.is_directory() || p.extension() == ".wit" || p.extension() == ".wat") out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: snapshot-roundtrip SHARED_DIR\n";
    return 2;
  }
  fs::path shared = argv[1];
  fs::path interfaces = shared / "conformance" / "wit-component-interfaces";
  if (!fs::is_directory(interfaces)) {
    const char* require = std::getenv("PLUMB_REQUIRE_SHARED");
    if (require && std::string(require) == "1") {
      std::cout << "FAIL: " << interfaces.string() << " not found, and PLUMB_REQUIRE_SHARED=1 forbids skipping\n";
      return 1;
    }
    std::cout << "SKIP: " << interfaces.string() << " not found; this suite needs ../shared beside the repository\n";
    return 77;
  }
  Failures f;
  int wat_matches = 0;
  int cases = interface_cases(interfaces, f, wat_matches);
  std::cout << "interface cases (print, bytes, decode, re-encode): " << cases << "\n";
  std::cout << "interface cases whose snapshot prints as X.wat (as does X.wat's binary): " << wat_matches << "\n";
  std::vector<fs::path> corpus;
  for (const auto& e : fs::directory_iterator(shared / "corpus")) {
    if (fs::is_directory(e.path() / "wit")) corpus.push_back(e.path() / "wit");
  }
  std::sort(corpus.begin(), corpus.end());
  ResolveOptions all;
  all.all_features = true;
  int refused = 0;
  std::cout << "corpus packages round-tripped: " << source_round_trips(corpus, all, f, refused) << "\n";
  if (refused > 0) f.add("a corpus package does not encode");
  ResolveOptions active;
  active.features = {"active"};
  int ui = source_round_trips(ui_inputs(shared / "conformance" / "wit-parser-ui"), active, f, refused);
  std::cout << "ui cases round-tripped: " << ui << " (and " << refused
            << " refused: empty packages or empty types, which the component model forbids)\n";
  if (cases < 41) f.add("expected 41 interface cases, found " + std::to_string(cases));
  std::cout << (f.list.empty() ? "ok\n" : std::to_string(f.list.size()) + " failures\n");
  return f.list.empty() ? 0 : 1;
}
