// Fuzzes the rule-file loader: the input is a rule file of the kind named by its first byte,
// loaded in place of the default file of that kind and compiled by the stage that reads it.
// A broken file must come back as an error, never as a crash or a hang.
#include <cstdint>
#include <string>
#include <vector>

#include "factdiff/dates.h"
#include "factdiff/numbers.h"
#include "factdiff/people.h"
#include "factdiff/resolve.h"
#include "factdiff/rule_files.h"
#include "factdiff/rules.h"
#include "factdiff/segment.h"
#include "fuzz_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace factdiff;
  if (size < 1) return 0;
  static const char* const kNames[] = {"claims/killed.json", "dates.json",   "segmentation.json",
                                       "people.json",        "numbers.json", "events.json",
                                       "boilerplate.json",   "macros.json"};
  std::string name = kNames[data[0] % 8];
  RuleFile fuzzed{name, "fuzz/" + name,
                  std::string(reinterpret_cast<const char*>(data) + 1, size - 1)};
  (void)RuleDocument::Parse(fuzzed);
  // Only the files the stage needs, so that one run compiles little besides the fuzzed file.
  std::vector<RuleFile> files;
  for (const RuleFile& f : fuzz::Defaults().files) {
    if (f.name == "macros.json" && name != "macros.json") files.push_back(f);
  }
  files.push_back(fuzzed);
  switch (data[0] % 8) {
    case 0:
    case 7:
      if (name == "macros.json") {
        // Macros are read with one small claims file.
        for (const RuleFile& f : fuzz::Defaults().files)
          if (f.name == "claims/missing.json") files.push_back(f);
      }
      (void)RuleSet::Create(files);
      break;
    case 1:
      (void)DateGrammar::Create(files);
      break;
    case 2:
    case 6:
      (void)Segmenter::Create(files);
      break;
    case 3:
      (void)PeopleRules::Create(files);
      break;
    case 4:
      (void)NumberGrammar::Create(files);
      break;
    case 5:
      (void)EventResolver::Create(files);
      break;
  }
  return 0;
}
