#include <nlohmann/json.hpp>

#include "factdiff/report.h"

namespace factdiff {

namespace {

using ojson = nlohmann::ordered_json;

ojson Bound(const std::optional<double>& v) {
  if (!v) return nullptr;
  double d = *v;
  if (d == static_cast<double>(static_cast<int64_t>(d))) return static_cast<int64_t>(d);
  return d;
}

}  // namespace

void WriteJsonReport(const ReportInput& in, std::ostream& out) {
  ojson report;
  ojson docs = ojson::array();
  for (const DocumentInfo& d : in.documents) {
    ojson j;
    j["id"] = d.id;
    j["path"] = d.path;
    if (d.record_line > 0) j["record_line"] = d.record_line;
    if (!d.title.empty()) j["title"] = d.title;
    if (!d.source.empty()) j["source"] = d.source;
    if (!d.url.empty()) j["url"] = d.url;
    if (!d.date.empty()) j["date"] = d.date;
    j["bytes"] = d.bytes;
    j["sentences"] = d.sentences;
    docs.push_back(std::move(j));
  }
  report["documents"] = std::move(docs);
  ojson findings = ojson::array();
  for (const Finding& f : in.findings) {
    ojson j;
    j["kind"] = FindingKindName(f.kind);
    j["measure"] = f.measure;
    j["event"] = f.event;
    j["reason"] = f.reason;
    ojson claims = ojson::array();
    for (uint32_t ci : f.claims) {
      const Claim& c = in.claims[ci];
      ojson cj;
      cj["doc"] = in.documents[c.doc].id;
      cj["line"] = c.line;
      cj["col"] = c.col;
      cj["value"] = c.value;
      cj["low"] = Bound(c.low);
      cj["high"] = Bound(c.high);
      cj["hedge"] = c.hedge;
      cj["subject"] = c.subject;
      cj["rule"] = c.rule;
      cj["text"] = c.text;
      claims.push_back(std::move(cj));
    }
    j["claims"] = std::move(claims);
    findings.push_back(std::move(j));
  }
  report["findings"] = std::move(findings);
  ojson diags = ojson::array();
  for (const Diagnostic& d : in.diagnostics) {
    ojson j;
    j["severity"] = d.severity == Severity::kError ? "error" : "warning";
    j["path"] = d.path;
    if (d.line > 0) j["line"] = d.line;
    if (d.col > 0) j["col"] = d.col;
    j["message"] = d.message;
    if (d.skipped) j["skipped"] = d.reason;
    diags.push_back(std::move(j));
  }
  report["diagnostics"] = std::move(diags);
  out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace factdiff
