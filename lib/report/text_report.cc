#include <fmt/format.h>

#include "factdiff/extract.h"
#include "factdiff/report.h"

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
      std::string where = d.record_line > 0
                              ? fmt::format("{}:{}: [{}] line {}", d.path, d.record_line, d.id, c.line)
                              : fmt::format("{}:{}:{}", d.path, c.line, c.col);
      out << fmt::format("  {}: {}\n      {}\n", where, c.value, c.text);
    }
    out << "\n";
  }
  out << fmt::format("{} documents, {} claims, {} findings\n", in.documents.size(),
                     in.claims.size(), shown);
}

void WriteClaimsText(const ReportInput& in, std::ostream& out) {
  for (const Claim& c : in.claims) {
    const DocumentInfo& d = in.documents[c.doc];
    std::string where = d.record_line > 0 ? fmt::format("{}:{}: [{}] line {}", d.path, d.record_line, d.id, c.line)
                                          : fmt::format("{}:{}:{}", d.path, c.line, c.col);
    out << fmt::format("{}: {} (rule {})\n", where, DescribeClaim(c), c.rule);
  }
  out << fmt::format("{} documents, {} claims\n", in.documents.size(), in.claims.size());
}

}  // namespace factdiff
