#include "common.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

namespace factdiff {

IngestOptions Limits::Ingest(bool jsonl) const {
  IngestOptions o;
  o.jsonl = jsonl;
  o.max_document_bytes = max_document_bytes;
  o.max_line_bytes = max_line_bytes;
  return o;
}

void AddLimitOptions(CLI::App* cmd, Limits* limits) {
  cmd->add_option("--max-document-bytes", limits->max_document_bytes,
                  "Skip documents larger than this")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-line-bytes", limits->max_line_bytes,
                  "Skip documents with a line longer than this")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-claims", limits->max_claims, "Skip documents with more claims than this")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

Diagnostic TooManyClaims(const Document& doc, size_t claims, const Limits& limits) {
  // A text file's id is its path, which the diagnostic names already.
  std::string what = doc.record_line > 0
                         ? fmt::format("record \"{}\" has {} claims", doc.id, claims)
                         : fmt::format("{} claims", claims);
  Diagnostic d(
      Severity::kError, doc.path, doc.record_line, 0,
      fmt::format("{}, over the limit of {} (--max-claims); skipped", what, limits.max_claims));
  d.skipped = true;
  d.doc_id = doc.id;
  d.reason = "too-many-claims";
  return d;
}

// Builds the engine from `files`; prints the errors and returns false when they are broken.
bool BuildEngine(std::vector<RuleFile> files, Engine* engine) {
  engine->files = std::move(files);
  Result<std::shared_ptr<const Segmenter>> segmenter = Segmenter::Create(engine->files);
  Result<std::shared_ptr<const Extractor>> extractor = Extractor::Create(engine->files);
  Result<std::shared_ptr<const EventResolver>> resolver = EventResolver::Create(engine->files);
  Result<std::shared_ptr<const SubjectClasses>> subjects = SubjectClasses::Create(engine->files);
  bool ok = true;
  for (const Status& s : {resolver.status(), subjects.status()}) {
    if (!s.ok()) {
      std::cerr << s.message() << "\n";
      ok = false;
    }
  }
  if (!segmenter.ok()) {
    std::cerr << segmenter.status().message() << "\n";
    ok = false;
  }
  if (!extractor.ok()) {
    std::cerr << extractor.status().message() << "\n";
    ok = false;
  }
  if (!ok) {
    std::cerr << "factdiff: error: the rule files are broken; nothing was read\n";
    return false;
  }
  engine->segmenter = *segmenter;
  engine->extractor = *extractor;
  engine->resolver = *resolver;
  engine->subjects = *subjects;
  return true;
}

bool LoadEngine(const std::vector<std::string>& rule_dirs, Engine* engine) {
  Result<std::vector<RuleFile>> files = LoadRuleFiles(rule_dirs);
  if (!files.ok()) {
    std::cerr << files.status().message() << "\n";
    return false;
  }
  return BuildEngine(std::move(*files), engine);
}

}  // namespace factdiff
