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
#include "factdiff/resolve.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"

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

// Builds the engine from `files`; prints the errors and returns false when they are broken.
bool BuildEngine(std::vector<RuleFile> files, Engine* engine);

// Builds the engine from the default rules and `rule_dirs`; prints why and returns false when
// that fails.
bool LoadEngine(const std::vector<std::string>& rule_dirs, Engine* engine);

}  // namespace factdiff

#endif  // FACTDIFF_APP_COMMON_H_
