// Extraction: the third stage. Finds claims in a document's sentences.
//
// One RE2::Set pass over each sentence tells whether it holds a number and which claim rules
// (rules.h) have their trigger words in it; a sentence with no number or no triggered rule stops
// there, before any per-rule match. Otherwise the number grammar (numbers.h) finds its
// quantities; sentences without a count stop there. Each count is then replaced by a
// placeholder, a second RE2::Set pass over the rewritten sentence tells which of the triggered
// rules match, and only those run, with their groups. When two matches want the same count,
// the longer match wins (then the earlier rule). Attribution rules then name whom the sentence
// credits ("according to a Russian news outlet"). Patterns are compiled once per run; no text
// is scanned once per rule.
#ifndef FACTDIFF_EXTRACT_H_
#define FACTDIFF_EXTRACT_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "factdiff/claim.h"
#include "factdiff/dates.h"
#include "factdiff/ingest.h"
#include "factdiff/numbers.h"
#include "factdiff/people.h"
#include "factdiff/rules.h"
#include "factdiff/segment.h"

namespace factdiff {

// What happened to one sentence, for `factdiff explain`.
struct Explanation {
  std::string sentence;
  std::vector<Quantity> quantities;   // spans relative to `sentence`
  std::vector<DateExpr> dates;        // spans relative to `sentence`
  std::string rewritten;              // the sentence as the rules saw it, counts shown as ⟨n⟩
  std::vector<std::string> screened;  // ids of the rules the RE2::Set pass reported
  struct Match {
    std::string rule;
    Span span;                                                // relative to `sentence`
    std::vector<std::pair<std::string, std::string>> groups;  // name -> text
    bool kept = false;
    std::string note;  // why it was dropped
  };
  std::vector<Match> matches;
  std::vector<Claim> claims;  // spans relative to `sentence`
};

class Extractor {
 public:
  // Builds the number grammar and the rule set from `files`.
  static Result<std::shared_ptr<const Extractor>> Create(const std::vector<RuleFile>& files);

  // Appends the claims in `doc` (document `doc_index`, segmented as `seg`) to `*out`: the counts
  // and dates in text order, then the claims about people (people.h).
  void Extract(const Document& doc, uint32_t doc_index, const Segmentation& seg,
               std::vector<Claim>* out) const;

  // Returns the claims of `sentence` read alone (spans relative to it), and what happened in
  // `*trace` when it is not null. Dates resolve against `anchor` (days since 1970-01-01; 0 for
  // none).
  std::vector<Claim> ExtractSentence(std::string_view sentence, Explanation* trace = nullptr,
                                     int anchor = 0) const;

  const NumberGrammar& numbers() const { return *numbers_; }
  const DateGrammar& dates() const { return *dates_; }
  const RuleSet& rules() const { return *rules_; }
  const PeopleRules& people() const { return *people_; }

 private:
  Extractor() = default;
  // Appends the claims of text[sentence] to `*out`; spans relative to `text`. Sets
  // `*people_cues`, when given, to the people cues the screen let through (see people.h).
  void ExtractSpan(std::string_view text, Span sentence, int anchor, std::vector<Claim>* out,
                   Explanation* trace, std::vector<int>* people_cues = nullptr) const;

  std::shared_ptr<const NumberGrammar> numbers_;
  std::shared_ptr<const RuleSet> rules_;
  std::shared_ptr<const DateGrammar> dates_;
  std::shared_ptr<const PeopleRules> people_;
  struct Screen;  // two RE2::Sets: the number, date and rule screens; the people cues'
                  // screens
  std::shared_ptr<const Screen> screen_;
};

// Returns `s` with every run of whitespace folded to one space, trimmed.
std::string FoldSpaces(std::string_view s);

// A claim's evidence is at most this long (plus the cut marks): a longer sentence is shown
// around the claim, so that neither time nor memory grows with the sentence for each claim in it.
constexpr size_t kMaxEvidenceBytes = 600;

// Sets *evidence to text[sentence] with whitespace folded (FoldSpaces) and *value to where
// text[span] lies in it. A sentence of more than kMaxEvidenceBytes is cut to about that many
// bytes around the span, at spaces, each cut marked by "…". `span` must lie within `sentence`
// (*value is empty otherwise).
void FoldEvidence(std::string_view text, Span sentence, Span span, std::string* evidence,
                  Span* value);

// Returns a claim as rule tests print it: killed "at least 115" [115, inf) people.
std::string DescribeClaim(const Claim& c);

struct RuleTestFailure {
  std::string where;  // "path:line:col"
  std::string rule;   // rule id, or the kind of example ("numbers", "boilerplate", ...)
  std::string text;   // the example sentence
  std::string expected;
  std::string got;
};

struct RuleTestReport {
  size_t passed = 0;
  size_t failed = 0;
  size_t claim_examples = 0;
  size_t claim_counterexamples = 0;
  std::vector<RuleTestFailure> failures;
};

// Returns "path:line:col" of JSON pointer `pointer` in the rule file at `path` among `files`.
std::string RuleLocation(const std::vector<RuleFile>& files, const std::string& path,
                         const std::string& pointer);

// Runs the examples and counterexamples of every rule file whose path is in `files` (all when
// `files` is empty): claim and attribution rules, number examples, boilerplate and
// segmentation examples.
RuleTestReport TestRules(const Extractor& extractor, const Segmenter& segmenter,
                         const std::vector<RuleFile>& all_files,
                         const std::set<std::string>& files);

}  // namespace factdiff

#endif  // FACTDIFF_EXTRACT_H_
