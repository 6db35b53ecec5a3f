// The default rule set, compiled once for all the tests that need it.
#ifndef FACTDIFF_TESTS_DEFAULT_ENGINE_H_
#define FACTDIFF_TESTS_DEFAULT_ENGINE_H_

#include <memory>
#include <vector>

#include "factdiff/compare.h"
#include "factdiff/dates.h"
#include "factdiff/extract.h"
#include "factdiff/numbers.h"
#include "factdiff/resolve.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"

namespace factdiff::testing {

struct DefaultEngine {
  std::vector<RuleFile> files;
  std::shared_ptr<const Segmenter> segmenter;
  std::shared_ptr<const NumberGrammar> numbers;
  std::shared_ptr<const DateGrammar> dates;
  std::shared_ptr<const Extractor> extractor;
  std::shared_ptr<const EventResolver> resolver;
  std::shared_ptr<const SubjectClasses> subjects;
};

// Returns the stages built from the default rule files (the test fails when one cannot be).
const DefaultEngine& Defaults();

}  // namespace factdiff::testing

#endif  // FACTDIFF_TESTS_DEFAULT_ENGINE_H_
