// SARIF 2.1.0 (OASIS): the log, its run, rules and results. Keys are
// written in a fixed order (ordered_json) so that the same run gives the
// same bytes.
#include <map>
#include <vector>

#include <nlohmann/json.hpp>

#include "plumb/diagnostics/sarif.h"
#include "render_internal.h"

#ifndef PLUMB_VERSION
#error "PLUMB_VERSION (the project's version) is defined by diagnostics/meson.build"
#endif

namespace plumb {
namespace {

using Json = nlohmann::ordered_json;
using render_detail::Place;

constexpr const char* kSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '/';
}

// A path as a URI reference: relative paths stay relative (resolved against
// %SRCROOT%, where the run started); absolute ones become file: URIs. Bytes
// other than unreserved characters and `/` are percent-encoded.
Json artifact_location(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string uri = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (unreserved(c)) {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  Json loc;
  loc["uri"] = uri;
  if (path.empty() || path[0] != '/') loc["uriBaseId"] = "%SRCROOT%";
  return loc;
}

Json physical_location(const SourceMap& sources, Span span) {
  Place p = render_detail::place_of(sources, span);
  Json region;
  region["startLine"] = p.line;
  region["startColumn"] = p.column_chars;
  region["endLine"] = p.end_line;
  region["endColumn"] = p.end_column_chars;
  region["byteOffset"] = p.byte_start;
  region["byteLength"] = p.byte_end - p.byte_start;
  Json physical;
  physical["artifactLocation"] = artifact_location(p.file->path());
  physical["region"] = std::move(region);
  return physical;
}

Json message(std::string text) {
  Json m;
  m["text"] = std::move(text);
  return m;
}

const char* level_of(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// The result of `d` without its ruleIndex (known once every code is).
Json result_of(const Diagnostic& d, const SourceMap& sources) {
  std::string text = d.message;
  for (const std::string& n : d.notes) text += "\nnote: " + n;
  for (const std::string& h : d.help) text += "\nhelp: " + h;
  Json result;
  result["ruleId"] = code_text(d.code);
  result["ruleIndex"] = 0;
  result["level"] = level_of(d.severity);
  result["message"] = message(std::move(text));
  Json locations = Json::array();
  if (render_detail::locatable(sources, d.span)) {
    Json loc;
    loc["physicalLocation"] = physical_location(sources, d.span);
    if (!d.label.empty()) loc["message"] = message(d.label);
    locations.push_back(std::move(loc));
  } else if (!d.file.empty()) {
    Json loc;
    loc["physicalLocation"]["artifactLocation"] = artifact_location(d.file);
    locations.push_back(std::move(loc));
  }
  result["locations"] = std::move(locations);
  Json related = Json::array();
  for (const Label& l : d.secondary) {
    if (!render_detail::locatable(sources, l.span)) continue;
    Json loc;
    loc["id"] = related.size();
    loc["physicalLocation"] = physical_location(sources, l.span);
    loc["message"] = message(l.message);
    related.push_back(std::move(loc));
  }
  if (!related.empty()) result["relatedLocations"] = std::move(related);
  return result;
}

}  // namespace

struct SarifLog::Results {
  std::vector<std::pair<DiagCode, Json>> all;
};

SarifLog::SarifLog() : results_(std::make_unique<Results>()) {}
SarifLog::~SarifLog() = default;

void SarifLog::add(const Diagnostic& d, const SourceMap& sources) {
  results_->all.emplace_back(d.code, result_of(d, sources));
}

std::string SarifLog::document() const {
  // One rule per code that occurs, in the table's order.
  std::map<DiagCode, size_t> rule_index;
  for (const auto& [code, result] : results_->all) rule_index.emplace(code, 0);
  Json rules = Json::array();
  for (auto& [code, index] : rule_index) {
    const DiagCodeInfo& info = diag_code_info(code);
    index = rules.size();
    Json rule;
    rule["id"] = info.text;
    rule["shortDescription"] = message(std::string(info.summary));
    rule["defaultConfiguration"]["level"] = info.text.starts_with('W') ? "warning" : "error";
    rules.push_back(std::move(rule));
  }
  Json results = Json::array();
  for (const auto& [code, result] : results_->all) {
    Json r = result;
    r["ruleIndex"] = rule_index.at(code);
    results.push_back(std::move(r));
  }
  Json driver;
  driver["name"] = "plumb";
  driver["version"] = PLUMB_VERSION;
  driver["rules"] = std::move(rules);
  Json run;
  run["tool"]["driver"] = std::move(driver);
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  Json log;
  log["$schema"] = kSchema;
  log["version"] = "2.1.0";
  log["runs"] = Json::array({std::move(run)});
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace plumb
