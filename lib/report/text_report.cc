#include <algorithm>

#include <fmt/format.h>

#include "factdiff/dates.h"
#include "factdiff/extract.h"
#include "factdiff/report.h"
#include "factdiff/strings.h"

namespace factdiff {

void WriteTextReport(const ReportInput& in, std::ostream& out) {
  size_t shown = 0;
  for (const Finding& f : in.findings) {
    if (f.kind == FindingKind::kAgreement) continue;
    ++shown;
    out << fmt::format("{} {}, {}: {}\n", FindingKindName(f.kind), f.measure, f.event, f.reason);
    for (uint32_t ci : f.claims) {
      const Claim& c = in.claims[ci];
      const DocumentInfo& d = in.documents[c.doc];
      std::string where = d.record_line > 0 ? fmt::format("{}:{}: [{}] line {}", d.path,
                                                          d.record_line, d.id, c.line)
                                            : fmt::format("{}:{}:{}", d.path, c.line, c.col);
      std::string value = c.value;
      if (!c.unit.empty() && c.low && c.high) {
        value += *c.low == *c.high ? fmt::format(" [{}]", FormatDateBound(c.unit, *c.low))
                                   : fmt::format(" [{} to {}]", FormatDateBound(c.unit, *c.low),
                                                 FormatDateBound(c.unit, *c.high));
      } else if (!c.resolved) {
        value += " [unresolved: no document date]";
      }
      std::string when;
      if (c.reported > 0) {
        when = c.reported_as.empty()
                   ? fmt::format(" (reported {})", FormatDay(c.reported))
                   : fmt::format(" ({}, {})", c.reported_as, FormatDay(c.reported));
      } else if (!c.reported_as.empty()) {
        when = fmt::format(" ({}, unresolved)", c.reported_as);
      }
      bool superseded =
          std::find(f.superseded.begin(), f.superseded.end(), ci) != f.superseded.end();
      out << fmt::format("  {}: {}{}{}\n      {}\n", where, value, when,
                         superseded ? " [superseded]" : "", c.text);
    }
    // The word-level differences of a finding about a person.
    for (const WordChange& w : f.changes) {
      auto name = [&](uint32_t ci) {
        const std::string& id = in.documents[in.claims[ci].doc].id;
        return id.substr(id.find_last_of('/') + 1);
      };
      std::string what = w.from.empty() ? fmt::format("+ \"{}\"", w.to)
                         : w.to.empty() ? fmt::format("- \"{}\"", w.from)
                                        : fmt::format("\"{}\" -> \"{}\"", w.from, w.to);
      out << fmt::format("  {}: {} ({} -> {})\n", w.kind, what, name(w.a), name(w.b));
    }
    out << "\n";
  }
  std::vector<std::string> undated;
  for (const DocumentInfo& d : in.documents) {
    if (d.date_source == "none") undated.push_back(d.id.substr(d.id.find_last_of('/') + 1));
  }
  if (!undated.empty()) {
    out << fmt::format(
        "undated: {} (no date in metadata or text): their relative dates, such as \"Friday\", are "
        "left unresolved; give --date FILE=YYYY-MM-DD to resolve them\n",
        Join(undated, ", "));
  }
  out << fmt::format("{} documents, {} claims, {} finding{}\n", in.documents.size(),
                     in.claims.size(), shown, shown == 1 ? "" : "s");
}

void WriteClaimsText(const ReportInput& in, std::ostream& out) {
  for (const Claim& c : in.claims) {
    const DocumentInfo& d = in.documents[c.doc];
    std::string where =
        d.record_line > 0 ? fmt::format("{}:{}: [{}] line {}", d.path, d.record_line, d.id, c.line)
                          : fmt::format("{}:{}:{}", d.path, c.line, c.col);
    out << fmt::format("{}: {} (rule {})\n", where, DescribeClaim(c), c.rule);
  }
  out << fmt::format("{} documents, {} claims\n", in.documents.size(), in.claims.size());
}

}  // namespace factdiff
