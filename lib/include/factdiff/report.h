// Reports: the last stage. Writes documents, findings and their claims as JSON or text.
#ifndef FACTDIFF_REPORT_H_
#define FACTDIFF_REPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include "factdiff/claim.h"
#include "factdiff/compare.h"
#include "factdiff/diagnostic.h"
#include "factdiff/resolve.h"

namespace factdiff {

// What a report needs to know of a document (the text itself is not kept).
struct DocumentInfo {
  std::string id;
  std::string path;
  uint64_t record_line = 0;
  std::string title, source, url, date;
  std::string date_source;  // see DocumentDate::source; "" when not decided
  uint64_t bytes = 0;
  uint32_t sentences = 0;
  int32_t copy_of = -1;  // index of the document this one copies, or -1
};

struct ReportInput {
  std::vector<DocumentInfo> documents;
  std::vector<Claim> claims;
  std::vector<Event> events;
  std::vector<Finding> findings;
  std::vector<Diagnostic> diagnostics;
};

// Writes the JSON report (see docs/json-report.md), followed by a newline.
void WriteJsonReport(const ReportInput& in, std::ostream& out);

// Writes the plain-text report.
void WriteTextReport(const ReportInput& in, std::ostream& out);

// Writes the documents and every claim as JSON ({"documents": [...], "claims": [...]}).
void WriteClaimsJson(const ReportInput& in, std::ostream& out);

// Writes every claim as a line "path:line:col: measure "value" [low, high] subject (rule)".
void WriteClaimsText(const ReportInput& in, std::ostream& out);

}  // namespace factdiff

#endif  // FACTDIFF_REPORT_H_
