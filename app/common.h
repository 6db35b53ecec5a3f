// What every command of the command line shares: exit codes, the diagnostics printer, and the
// compiled rules.
#ifndef FACTDIFF_APP_COMMON_H_
#define FACTDIFF_APP_COMMON_H_

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "factdiff/compare.h"
#include "factdiff/diagnostic.h"
#include "factdiff/extract.h"
#include "factdiff/ingest.h"
#include "factdiff/resolve.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"

namespace CLI {
class App;
}

namespace factdiff {

constexpr int kExitAgree = 0;
constexpr int kExitDiffer = 1;
constexpr int kExitError = 2;

// Prints each diagnostic to standard error as it arrives, and keeps it for the report.
class PrintingSink : public DiagnosticSink {
 public:
  void Report(const Diagnostic& d) override {
    std::cerr << FormatDiagnostic(d) << "\n";
    items.push_back(d);
  }
  std::vector<Diagnostic> items;
};

// The compiled rules every command needs.
struct Engine {
  std::vector<RuleFile> files;
  std::shared_ptr<const Segmenter> segmenter;
  std::shared_ptr<const Extractor> extractor;
  std::shared_ptr<const EventResolver> resolver;
  std::shared_ptr<const SubjectClasses> subjects;
};

// What a run accepts of its input; a document over a limit is skipped with the reason.
struct Limits {
  uint64_t max_document_bytes = IngestOptions().max_document_bytes;
  uint64_t max_line_bytes = IngestOptions().max_line_bytes;
  // An "article" with more claims than this is a table or a list, not copy to check.
  size_t max_claims = 10000;

  IngestOptions Ingest(bool jsonl) const;
};

// Adds --max-document-bytes, --max-line-bytes and --max-claims to `cmd`.
void AddLimitOptions(CLI::App* cmd, Limits* limits);

// Returns the diagnostic that skips `doc` for having `claims` claims, more than
// `limits.max_claims`.
Diagnostic TooManyClaims(const Document& doc, size_t claims, const Limits& limits);

// Builds the engine from `files`; prints the errors and returns false when they are broken.
bool BuildEngine(std::vector<RuleFile> files, Engine* engine);

// Builds the engine from the default rules and `rule_dirs`; prints why and returns false when
// that fails.
bool LoadEngine(const std::vector<std::string>& rule_dirs, Engine* engine);

}  // namespace factdiff

#endif  // FACTDIFF_APP_COMMON_H_
