#include "common.h"

namespace factdiff {

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
