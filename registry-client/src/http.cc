#include "plumb/registry-client/http.h"

#include <curl/curl.h>

namespace plumb::warg {

namespace {

struct Transfer {
  std::string body;
  std::string content_type;
  const std::function<void(std::string_view)>* sink = nullptr;
  const Progress* progress = nullptr;
};

size_t on_data(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view chunk(data, size * n);
  if (t->sink) {
    (*t->sink)(chunk);
  } else {
    t->body.append(chunk);
  }
  return size * n;
}

int on_progress(void* user, curl_off_t dl_total, curl_off_t dl_now, curl_off_t ul_total, curl_off_t ul_now) {
  auto* t = static_cast<Transfer*>(user);
  if (t->progress && *t->progress) {
    if (ul_total > 0) {
      (*t->progress)(static_cast<uint64_t>(ul_now), static_cast<uint64_t>(ul_total));
    } else {
      (*t->progress)(static_cast<uint64_t>(dl_now), static_cast<uint64_t>(dl_total));
    }
  }
  return 0;
}

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host == "[::1]" || host.starts_with("127.");
}

}  // namespace

struct Http::Handle {
  CURL* curl = curl_easy_init();
  ~Handle() { curl_easy_cleanup(curl); }
};

Http::Http() : handle_(std::make_unique<Handle>()) {
  static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialized;
}

Http::~Http() = default;
Http::Http(Http&&) noexcept = default;
Http& Http::operator=(Http&&) noexcept = default;

static Result<HttpResponse> perform(CURL* curl, const std::string& url, Transfer& t) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // all it decodes, zstd included
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl);
  // Content cut short is content other than what was signed; an API answer
  // cut short is a registry that did not answer.
  if (rc == CURLE_PARTIAL_FILE && t.sink) return fail(ErrorKind::Content, url + ": the transfer ended before its end");
  if (rc == CURLE_HTTP_RETURNED_ERROR) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    return fail(ErrorKind::Refused, url + ": HTTP status " + std::to_string(status));
  }
  if (rc != CURLE_OK) return fail(ErrorKind::Unusable, url + ": " + curl_easy_strerror(rc));
  HttpResponse r;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  char* type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
  if (type) r.content_type = type;
  r.body = std::move(t.body);
  return r;
}

Result<HttpResponse> Http::get(const std::string& url) {
  curl_easy_reset(handle_->curl);
  Transfer t;
  return perform(handle_->curl, url, t);
}

Result<HttpResponse> Http::post(const std::string& url, std::string_view body, std::string_view content_type,
                                const Progress& progress) {
  CURL* curl = handle_->curl;
  curl_easy_reset(curl);
  Transfer t;
  t.progress = &progress;
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  std::string header = "Content-Type: " + std::string(content_type);
  struct curl_slist* headers = curl_slist_append(nullptr, header.c_str());
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  Result<HttpResponse> r = perform(curl, url, t);
  curl_slist_free_all(headers);
  return r;
}

Result<std::monostate> Http::download(const std::string& url, const std::function<void(std::string_view)>& sink,
                                      const Progress& progress) {
  curl_easy_reset(handle_->curl);
  Transfer t;
  t.sink = &sink;
  t.progress = &progress;
  curl_easy_setopt(handle_->curl, CURLOPT_FAILONERROR, 1L);
  Result<HttpResponse> r = perform(handle_->curl, url, t);
  if (!r) return Unexpected{std::move(r).error()};
  if (r->status != 200) return fail(ErrorKind::Refused, url + ": HTTP status " + std::to_string(r->status));
  return std::monostate{};
}

Result<std::string> normalize_registry_url(std::string_view text) {
  std::string url(text);
  if (url.find("://") == std::string::npos) url = "https://" + url;
  bool http = url.starts_with("http://");
  if (!http && !url.starts_with("https://")) return fail(ErrorKind::Unusable, "unsupported registry URL `" + url + "`");
  std::string rest = url.substr(http ? 7 : 8);
  std::string host = rest.substr(0, rest.find('/'));
  if (host.starts_with("[")) {
    host = host.substr(0, host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return fail(ErrorKind::Unusable, "registry URL `" + url + "` has no host");
  if (http && !is_loopback_host(host)) {
    return fail(ErrorKind::Unusable, "refusing plain http to `" + host + "`: only https, or http on loopback");
  }
  if (!url.ends_with("/")) url += "/";
  return url;
}

std::string registry_label(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  if (rest.ends_with("/")) rest.pop_back();
  std::string out;
  for (char c : rest) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
      out += c;
    } else if (c == ':') {
      out += '-';
    } else {
      out += '_';
    }
  }
  return out;
}

}  // namespace plumb::warg
