// Compiled rules, shared by the rule loader and the extractor. Internal to the extract stage.
#ifndef FACTDIFF_EXTRACT_RULES_INTERNAL_H_
#define FACTDIFF_EXTRACT_RULES_INTERNAL_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "factdiff/rules.h"

namespace factdiff {

// Returns `pattern` with each {{name}} replaced by "(?:" + the expansion of lookup(name) + ")".
// On an unknown macro (lookup returns null) or a cycle, sets *error and returns `pattern`.
std::string ExpandMacros(const std::string& pattern,
                         const std::function<const std::string*(const std::string&)>& lookup,
                         std::string* error, int depth = 0);

struct CompiledSpec {
  int count = -1;        // group index, or -1
  int date = -1;         // group index of a date, or -1
  std::vector<int> sum;  // group indices
  int subject = -1;
};

struct CompiledRule {
  std::unique_ptr<re2::RE2> re;
  int screen = -1;                  // index into Compiled::screens
  std::vector<int> screens_also;    // screens that must match too
  std::vector<CompiledSpec> specs;  // parallel to ClaimRule::claims
  int groups = 0;
  // Returns true iff some claim of the rule reads a date (otherwise they all read counts).
  bool ReadsDate() const {
    for (const CompiledSpec& s : specs) {
      if (s.date >= 0) return true;
    }
    return false;
  }
};

struct RuleSet::Compiled {
  std::vector<CompiledRule> rules;  // parallel to RuleSet::rules()
  // The rules in two passes: [0] the rules over counts, [1] those over dates. A sentence runs
  // only the passes it has placeholders for, and each pass's automaton stays small.
  struct Pass {
    // Its patterns in one leftmost-longest alternation without groups: finds the spans of
    // matches in a rewritten sentence in one scan; the rule is named afterwards.
    std::unique_ptr<re2::RE2> combined;
    // The same patterns anchored at both ends: names the rules that match a span exactly.
    std::unique_ptr<re2::RE2::Set> anchored;
    std::vector<int> rules;  // the rule (index into `rules`) of each pattern, ascending
  };
  Pass passes[2];
  std::vector<std::string> screens;                     // distinct expanded screens
  std::vector<std::vector<int>> screen_rules;           // for each screen, the rules that use it
  std::vector<std::unique_ptr<re2::RE2>> screen_res;    // each screen alone, for rule tests
  std::vector<std::unique_ptr<re2::RE2>> attributions;  // parallel to attribution_rules()
  std::unique_ptr<re2::RE2::Set> attribution_set;       // which attribution rules match
  std::vector<int> attribution_source;                  // group index of "source"
};

}  // namespace factdiff

#endif  // FACTDIFF_EXTRACT_RULES_INTERNAL_H_
