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
  std::string text;      // the normalised text, kept only for the HTML report ("" otherwise)
};

struct ReportInput {
  std::vector<DocumentInfo> documents;
  std::vector<Claim> claims;
  std::vector<Event> events;
  std::vector<Finding> findings;
  std::vector<Diagnostic> diagnostics;
};

// The version of the JSON report's layout ("schema_version"), raised when a field changes
// meaning or goes away.
constexpr int kJsonSchemaVersion = 1;

// Writes the JSON report (see docs/json-report.md), followed by a newline.
void WriteJsonReport(const ReportInput& in, std::ostream& out);

struct TextOptions {
  bool color = false;       // ANSI colours, and the value highlighted in its sentence
  bool agreements = false;  // list agreements too
  size_t width = 160;       // sentences longer than this (bytes) are trimmed around the value
};

// Writes the text report: the findings, conflicts first, each as a line saying what differs
// and why, then its claims as "path:line:col: value" with their sentences, then a summary line.
// Article text is written without control characters.
void WriteTextReport(const ReportInput& in, std::ostream& out, const TextOptions& options);

// Writes the HTML report: one self-contained page (CSS and script inline, nothing fetched) with
// a summary, the findings as cards with their values side by side, filters by kind and measure,
// and, for each document whose `text` was kept, the text with every claim marked. Every piece
// of article text is escaped.
void WriteHtmlReport(const ReportInput& in, std::ostream& out);

// Returns a document's short name for reports: the record id, or the file name without folders.
std::string ShortName(const DocumentInfo& d);

// Returns a claim's value as written, with the day or year interval a date resolved to
// ("Friday [22 March 2024]") or "[unresolved: no document date]".
std::string ValueWithBounds(const Claim& c);

// Returns `s` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

// Writes each finding as one line of JSON (as in the JSON report) with "story": `story` first.
void WriteFindingsJsonLines(const ReportInput& in, const std::string& story, std::ostream& out);

// Writes the documents and every claim as JSON ({"documents": [...], "claims": [...]}).
void WriteClaimsJson(const ReportInput& in, std::ostream& out);

// Writes every claim as a line "path:line:col: measure "value" [low, high] subject (rule)".
void WriteClaimsText(const ReportInput& in, std::ostream& out);

}  // namespace factdiff

#endif  // FACTDIFF_REPORT_H_
