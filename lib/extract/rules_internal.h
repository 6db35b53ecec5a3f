// Compiled rules, shared by the rule loader and the extractor. Internal to the extract stage.
#ifndef FACTDIFF_EXTRACT_RULES_INTERNAL_H_
#define FACTDIFF_EXTRACT_RULES_INTERNAL_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <vector>

#include "factdiff/rules.h"

namespace factdiff {

struct CompiledSpec {
  int count = -1;             // group index, or -1
  std::vector<int> sum;       // group indices
  int subject = -1;
};

struct CompiledRule {
  std::unique_ptr<re2::RE2> re;
  int screen = -1;  // index into Compiled::screens
  std::vector<CompiledSpec> specs;  // parallel to ClaimRule::claims
  int groups = 0;
};

struct RuleSet::Compiled {
  std::vector<CompiledRule> rules;  // parallel to RuleSet::rules()
  // All claim patterns in one leftmost-longest alternation without groups: finds the spans of
  // matches in a rewritten sentence in one pass; the rule is named afterwards.
  std::unique_ptr<re2::RE2> combined;
  // The same patterns anchored at both ends: names the rules that match a span exactly.
  std::unique_ptr<re2::RE2::Set> anchored;
  std::vector<std::string> screens;    // distinct expanded screens
  std::vector<std::vector<int>> screen_rules;  // for each screen, the rules that use it
  std::vector<std::unique_ptr<re2::RE2>> screen_res;  // each screen alone, for rule tests
  std::vector<std::unique_ptr<re2::RE2>> attributions;  // parallel to attribution_rules()
  std::unique_ptr<re2::RE2::Set> attribution_set;       // which attribution rules match
  std::vector<int> attribution_source;                  // group index of "source"
};

}  // namespace factdiff

#endif  // FACTDIFF_EXTRACT_RULES_INTERNAL_H_
