// plumb's P-256 signing on the command line, for the cross-check against an
// independent implementation (tests/tools/cross_signature_test.py):
//   sign-tool keygen                        -> private key text, public key text, key id
//   sign-tool sign PRIVATE PREFIX HEX       -> signature text of PREFIX:bytes
//   sign-tool verify PUBLIC PREFIX HEX SIG  -> exit 0 if it verifies, 1 if not
#include <cstdio>
#include <string>

#include "plumb/registry-client/signing.h"

using namespace plumb::warg;

namespace {

std::string unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

int usage() {
  std::fputs("usage: sign-tool keygen | sign PRIVATE PREFIX HEX | verify PUBLIC PREFIX HEX SIG\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  if (cmd == "keygen" && argc == 2) {
    PrivateKey k = PrivateKey::generate();
    std::printf("%s\n%s\n%s\n", k.text().c_str(), k.public_key().text().c_str(), k.public_key().id().to_string().c_str());
    return 0;
  }
  if (cmd == "sign" && argc == 5) {
    Result<PrivateKey> k = PrivateKey::parse(argv[2]);
    if (!k) return std::fprintf(stderr, "%s\n", k.error().message.c_str()), 1;
    std::printf("%s\n", k->sign(argv[3], unhex(argv[4])).c_str());
    return 0;
  }
  if (cmd == "verify" && argc == 6) {
    Result<PublicKey> k = PublicKey::parse(argv[2]);
    if (!k) return std::fprintf(stderr, "%s\n", k.error().message.c_str()), 1;
    Result<bool> ok = k->verify(argv[3], unhex(argv[4]), argv[5]);
    if (!ok) return std::fprintf(stderr, "%s\n", ok.error().message.c_str()), 1;
    return *ok ? 0 : 1;
  }
  return usage();
}
