// Claim rules as data. Part of the extract stage.
//
// A claim rule is an RE2 pattern with named groups, written against a sentence in which every
// count the number grammar found has been replaced by a placeholder that the built-in macro
// {{count}} matches. So a rule says only how a count is phrased ("killing {{count}}",
// "{{count}} people were wounded"); whether "29" is an age or "2015" a year was settled before
// any rule ran, and no rule can take them for counts. Shared sub-patterns are macros, named once
// in a "macros" rule file and written {{name}} in patterns. Each rule says what its groups
// produce (one or more claims), and carries examples (sentences and exactly the claims the rule
// must yield) and counterexamples (sentences it must yield nothing from). The file format is
// documented in docs/rules.md.
#ifndef FACTDIFF_RULES_H_
#define FACTDIFF_RULES_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "factdiff/rule_files.h"
#include "factdiff/status.h"

namespace re2 {
class RE2;
}

namespace factdiff {

// The placeholders for count number `index` of a sentence, and for date expression number
// `index` (an age, "a decade old", gets its own), as the rules see them: {{count}}, {{date}}
// and {{age}} match them.
std::string CountPlaceholder(size_t index);
std::string DatePlaceholder(size_t index, bool age);

// What one match of a rule produces.
struct ClaimSpec {
  std::string measure;                  // defaults to the rule's measure
  std::string count_group = "count";    // the group holding the count
  std::string date_group;               // instead of a count: the group holding a date
  std::string unit = "year";            // for a date: "year" or "day"
  std::vector<std::string> sum_groups;  // if set: one claim whose value is the sum of these
  std::string subject_group = "subject";
  std::string default_subject;  // used when the subject group matched nothing
  std::string role = "total";   // "total", or "part" of another claim of the match
  int of = -1;                  // for a part: index in the rule's claims of its total
};

struct ExpectedClaim {
  std::string measure, value, subject;
  std::optional<double> low, high;
  std::string role;         // "" when the example does not say
  std::string attribution;  // "" when the example does not say
  bool has_attribution = false;
};

struct RuleExample {
  std::string pointer;  // JSON pointer in the rule file
  std::string text;
  std::string anchor;  // the document date dates resolve against ("2024-03-23"), or ""
  std::vector<ExpectedClaim> claims;
};

struct Counterexample {
  std::string pointer;
  std::string text;
};

struct ClaimRule {
  std::string id;
  std::string file;     // path of the rule file
  std::string pointer;  // JSON pointer of the rule in it
  std::string measure;
  std::string description;
  std::string pattern;   // as written
  std::string expanded;  // with macros expanded
  // A pattern the original sentence must match for the rule to have a chance (its trigger
  // words): the rule's own "screen", or its file's. Matched, for all rules at once, before the
  // number grammar runs.
  std::string screen;
  // Further patterns the sentence must also match ("screen" given as a list).
  std::vector<std::string> screens_also;
  std::vector<ClaimSpec> claims;
  std::vector<RuleExample> examples;
  std::vector<Counterexample> counterexamples;
};

struct AttributionExample {
  std::string pointer;
  std::string text;
  std::string source;
};

struct AttributionRule {
  std::string id;
  std::string file;
  std::string pointer;
  std::string pattern;
  std::string expanded;
  std::vector<AttributionExample> examples;
  std::vector<Counterexample> counterexamples;
};

class RuleSet {
 public:
  // Compiles the "macros", "claims" and "attributions" files among `files`. Any problem (bad
  // JSON, an unknown macro, an RE2 error, a rule without examples, a group a claim names but
  // the pattern lacks, a duplicate id) fails the whole set: no partial rule set is used. The
  // error lists every problem, one per line, as "path:line:col: error: rule "id": ...".
  static Result<std::shared_ptr<const RuleSet>> Create(const std::vector<RuleFile>& files);
  ~RuleSet();

  const std::vector<ClaimRule>& rules() const { return rules_; }
  const std::vector<AttributionRule>& attribution_rules() const { return attributions_; }
  // Words that are never an attribution's source on their own ("he", "it").
  bool IgnoredSource(const std::string& lower) const;

  // Compiled forms, for the extractor.
  struct Compiled;
  const Compiled& compiled() const { return *compiled_; }

 private:
  RuleSet();
  std::vector<ClaimRule> rules_;
  std::vector<AttributionRule> attributions_;
  std::vector<std::string> ignored_sources_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace factdiff

#endif  // FACTDIFF_RULES_H_
