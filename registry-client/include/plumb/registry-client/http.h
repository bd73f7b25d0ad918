// HTTP for the registry client, with libcurl: JSON requests, uploads and
// streamed downloads (accepting zstd, which libcurl decodes), only to
// https URLs or plain http on loopback.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "plumb/registry-client/error.h"

namespace plumb::warg {

struct HttpResponse {
  long status = 0;
  std::string content_type;
  std::string body;
};

// Called with the bytes done and the total (0 if unknown).
using Progress = std::function<void(uint64_t done, uint64_t total)>;

class Http {
 public:
  Http();
  ~Http();
  Http(Http&&) noexcept;
  Http& operator=(Http&&) noexcept;

  Result<HttpResponse> get(const std::string& url);
  Result<HttpResponse> post(const std::string& url, std::string_view body, std::string_view content_type,
                            const Progress& progress = {});
  // Streams the body of `url` to `sink` (decoded), failing on a status
  // other than 200 or a transfer cut short.
  Result<std::monostate> download(const std::string& url, const std::function<void(std::string_view)>& sink,
                                  const Progress& progress = {});

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
};

// Normalises a registry URL as the reference's client does: https:// when no
// scheme is given, plain http only for localhost and loopback addresses, a
// trailing slash. An error says why a URL is refused.
Result<std::string> normalize_registry_url(std::string_view url);
// A folder name for a registry URL (host, -port, _path), safe on Windows.
std::string registry_label(const std::string& url);

}  // namespace plumb::warg
