// factdiff: the command line. Thin glue over libfactdiff; exit codes as diff's: 0 when the
// sources agree, 1 when discrepancies were found, 2 on error.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "factdiff/compare.h"
#include "factdiff/extract.h"
#include "factdiff/ingest.h"
#include "factdiff/report.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"
#include "factdiff/version.h"

namespace factdiff {
namespace {

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

struct CheckOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::vector<std::string> rule_dirs;
  bool jsonl = false;
};

int RunCheck(const CheckOptions& opt) {
  Result<std::vector<RuleFile>> files = LoadRuleFiles(opt.rule_dirs);
  if (!files.ok()) {
    std::cerr << files.status().message() << "\n";
    return kExitError;
  }
  Result<std::shared_ptr<const Segmenter>> segmenter = Segmenter::Create(*files);
  if (!segmenter.ok()) {
    std::cerr << segmenter.status().message() << "\n";
    return kExitError;
  }
  CasualtyExtractor extractor;
  PrintingSink sink;
  IngestOptions ingest;
  ingest.jsonl = opt.jsonl;
  DocumentReader reader(opt.inputs, ingest, &sink);
  ReportInput report;
  Document doc;
  Segmentation seg;
  while (reader.Next(&doc)) {
    uint32_t index = static_cast<uint32_t>(report.documents.size());
    (*segmenter)->Segment(doc.text, &seg);
    extractor.Extract(doc, index, seg, &report.claims);
    report.documents.push_back(DocumentInfo{doc.id, doc.path, doc.record_line, doc.title,
                                            doc.source, doc.url, doc.date, doc.raw_bytes,
                                            static_cast<uint32_t>(seg.sentences.size())});
  }
  report.diagnostics = std::move(sink.items);
  if (report.documents.empty()) {
    std::cerr << "factdiff: error: no input documents\n";
    return kExitError;
  }
  report.findings = Compare(report.claims);
  if (opt.format == "json") {
    WriteJsonReport(report, std::cout);
  } else {
    WriteTextReport(report, std::cout);
  }
  std::cout.flush();
  for (const Finding& f : report.findings) {
    if (f.kind != FindingKind::kAgreement) return kExitDiffer;
  }
  return kExitAgree;
}

int Main(int argc, char** argv) {
  CLI::App app{"factdiff: find where news articles disagree on the facts", "factdiff"};
  app.set_version_flag("--version", std::string("factdiff ") + kVersion);
  app.require_subcommand(1);

  CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "Compare articles and report what they disagree on");
  check_cmd->add_option("inputs", check.inputs, "Text files, folders, JSON Lines archives, or - for standard input")
      ->required();
  check_cmd->add_option("--format", check.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check_cmd->add_option("--rules", check.rule_dirs, "Folder of rule files to add to (or replace) the defaults");
  check_cmd->add_flag("--jsonl", check.jsonl, "Read every input as JSON Lines");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  if (check_cmd->parsed()) return RunCheck(check);
  return kExitError;
}

}  // namespace
}  // namespace factdiff

int main(int argc, char** argv) {
  try {
    return factdiff::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "factdiff: internal error: " << e.what() << "\n";
    return factdiff::kExitError;
  }
}
