#include <algorithm>

#include <nlohmann/json.hpp>

#include "factdiff/dates.h"
#include "factdiff/extract.h"
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

ojson DocumentsJson(const ReportInput& in) {
  ojson docs = ojson::array();
  for (const DocumentInfo& d : in.documents) {
    ojson j;
    j["id"] = d.id;
    j["path"] = d.path;
    if (d.record_line > 0) j["record_line"] = d.record_line;
    if (!d.title.empty()) j["title"] = d.title;
    if (!d.source.empty()) j["source"] = d.source;
    if (!d.url.empty()) j["url"] = d.url;
    j["date"] = d.date.empty() ? ojson(nullptr) : ojson(d.date);
    if (!d.date_source.empty()) j["date_source"] = d.date_source;
    j["bytes"] = d.bytes;
    j["sentences"] = d.sentences;
    if (d.copy_of >= 0) j["copy_of"] = in.documents[d.copy_of].id;
    docs.push_back(std::move(j));
  }
  return docs;
}

ojson ClaimJson(const ReportInput& in, const Claim& c) {
  ojson j;
  j["doc"] = in.documents[c.doc].id;
  j["line"] = c.line;
  j["col"] = c.col;
  j["measure"] = c.measure;
  j["value"] = c.value;
  j["low"] = Bound(c.low);
  j["high"] = Bound(c.high);
  if (!c.unit.empty()) {
    j["unit"] = c.unit;
    j["resolved"] = c.resolved;
    if (!c.resolution.empty()) j["resolution"] = c.resolution;
  }
  j["hedge"] = c.hedge;
  j["bound"] = c.bound;
  j["subject"] = c.subject;
  j["role"] = c.role;
  if (c.part_of >= 0) j["part_of"] = in.claims[c.part_of].value;
  if (!c.attribution.empty()) j["attribution"] = c.attribution;
  if (c.unit == "text") {
    j["person"] = c.person;
    if (!c.title.empty()) j["title"] = c.title;
    if (!c.detail.empty()) j["post"] = c.detail;
  }
  j["rule"] = c.rule;
  j["reported"] = c.reported > 0 ? ojson(FormatDay(c.reported)) : ojson(nullptr);
  if (!c.reported_as.empty()) j["reported_as"] = c.reported_as;
  if (c.event >= 0 && static_cast<size_t>(c.event) < in.events.size())
    j["event"] = in.events[c.event].id;
  j["span"] = {c.span.begin, c.span.end};
  j["text"] = c.text;
  j["text_span"] = {c.text_span.begin, c.text_span.end};
  return j;
}

ojson DiagnosticsJson(const ReportInput& in) {
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
  return diags;
}

void Dump(const ojson& j, std::ostream& out) {
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

ojson FindingJson(const ReportInput& in, const Finding& f) {
  ojson j;
  j["kind"] = FindingKindName(f.kind);
  j["measure"] = f.measure;
  j["event"] = f.event;
  j["event_id"] = f.event_id;
  j["subject"] = f.subject;
  j["sources"] = f.sources;
  j["reason"] = f.reason;
  ojson claims = ojson::array();
  for (uint32_t ci : f.claims) claims.push_back(ClaimJson(in, in.claims[ci]));
  j["claims"] = std::move(claims);
  if (!f.superseded.empty()) {
    ojson superseded = ojson::array();
    for (uint32_t ci : f.superseded) {
      for (size_t k = 0; k < f.claims.size(); ++k) {
        if (f.claims[k] == ci) superseded.push_back(k);
      }
    }
    j["superseded"] = std::move(superseded);
  }
  if (!f.changes.empty()) {
    // Claims are named by their position in "claims".
    auto position = [&](uint32_t ci) {
      return static_cast<size_t>(std::find(f.claims.begin(), f.claims.end(), ci) -
                                 f.claims.begin());
    };
    ojson changes = ojson::array();
    for (const WordChange& w : f.changes) {
      ojson c;
      c["kind"] = w.kind;
      c["from"] = w.from;
      c["to"] = w.to;
      c["claims"] = {position(w.a), position(w.b)};
      changes.push_back(std::move(c));
    }
    j["changes"] = std::move(changes);
  }
  return j;
}

}  // namespace

void WriteJsonReport(const ReportInput& in, std::ostream& out) {
  ojson report;
  report["schema_version"] = kJsonSchemaVersion;
  report["documents"] = DocumentsJson(in);
  ojson findings = ojson::array();
  for (const Finding& f : in.findings) findings.push_back(FindingJson(in, f));
  report["findings"] = std::move(findings);
  report["diagnostics"] = DiagnosticsJson(in);
  Dump(report, out);
}

void WriteClaimsJson(const ReportInput& in, std::ostream& out) {
  ojson report;
  report["schema_version"] = kJsonSchemaVersion;
  report["documents"] = DocumentsJson(in);
  ojson claims = ojson::array();
  for (const Claim& c : in.claims) claims.push_back(ClaimJson(in, c));
  report["claims"] = std::move(claims);
  report["diagnostics"] = DiagnosticsJson(in);
  Dump(report, out);
}

void WriteFindingsJsonLines(const ReportInput& in, const std::string& story, std::ostream& out) {
  for (const Finding& f : in.findings) {
    ojson j;
    j["story"] = story;
    ojson finding = FindingJson(in, f);
    for (auto it = finding.begin(); it != finding.end(); ++it) j[it.key()] = it.value();
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
}

}  // namespace factdiff
