// Comparison: the fifth stage. Sets claims about the same thing side by side and says how they
// differ.
//
// Claims are grouped by (event, measure, subject class) in one pass through a hash map, so the
// work grows with the number of claims, not with pairs of documents or claims. A part is never
// compared with a total: "13 U.S. troops" is grouped with other counts of US troops, never with
// "nearly 200 people". When a source lists parts without a total ("13 US Marines and some 170
// Afghan civilians"), their sum is added as a derived total. Each group stated by at least two
// independent sources (a copy and its original are one source) becomes a finding:
//   conflict   the stated intervals share no value: they cannot all be true;
//   update     they share no value, but every two that exclude each other were reported on
//              different days: the later figure supersedes the earlier ("115" on Saturday,
//              "140 as of Wednesday");
//   variant    they share a value but the figures differ ("at least 115" and "140");
//   agreement  they share a value and state the same figure ("a minimum of four", "four").
#ifndef FACTDIFF_COMPARE_H_
#define FACTDIFF_COMPARE_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "factdiff/claim.h"
#include "factdiff/resolve.h"
#include "factdiff/rule_files.h"
#include "factdiff/status.h"

namespace re2 {
class RE2;
}

namespace factdiff {

// Which claims count the same people (rules/subjects.json).
class SubjectClasses {
 public:
  static Result<std::shared_ptr<const SubjectClasses>> Create(const std::vector<RuleFile>& files);
  ~SubjectClasses();

  // Returns "total" when `subject` means everyone counted for `measure`; otherwise the subject's
  // class ("US troops", "civilians"), or the subject itself in lower case.
  std::string ClassOf(const std::string& measure, const std::string& subject) const;

  struct Example {
    std::string file, pointer, measure, subject, cls;
  };
  const std::vector<Example>& examples() const { return examples_; }

 private:
  SubjectClasses();
  struct Data;
  std::unique_ptr<Data> d_;
  std::vector<Example> examples_;
};

// Runs the examples of the subjects rule files whose path is in `files` (all when empty).
void TestSubjectRules(const SubjectClasses& subjects, const std::vector<RuleFile>& all_files,
                      const std::set<std::string>& files, RuleTestReport* report);

enum class FindingKind { kConflict, kUpdate, kVariant, kAgreement };

// Returns "conflict", "update", "variant" or "agreement".
const char* FindingKindName(FindingKind k);

// One difference in the words of two claims about a person, from claim `a` to claim `b`.
struct WordChange {
  std::string kind;  // "changed" (other words), "added" or "removed" (words only `b` or only `a`
                     // has inside the quote), "moved-in" or "moved-out" (words one source has
                     // inside the quote marks and the other outside them), "spelling" (the same
                     // words spelt differently), "given-name", "title", "organisation", "post"
  std::string from;  // the words as `a` has them ("" when added)
  std::string to;    // the words as `b` has them ("" when removed)
  uint32_t a = 0, b = 0;  // claim indices
  friend bool operator==(const WordChange&, const WordChange&) = default;
};

struct Finding {
  FindingKind kind = FindingKind::kConflict;
  std::string measure;
  std::string event_id;              // id of the event (see resolve.h)
  std::string event;                 // its label
  std::string subject;               // "total", or the class of a part ("US troops")
  std::string reason;                // why the finding was raised, in plain words
  std::vector<uint32_t> claims;      // indices into the claim list, in the order they were reported
                                     // (undated last), then by document and position
  std::vector<uint32_t> superseded;  // claims excluded by a figure reported on a later day, in
                                     // the order of `claims`
  uint32_t sources = 0;              // independent sources among the claims' documents
  std::vector<WordChange> changes;   // for a finding about a person: what differs, word by word
};

// Returns true iff the intervals of `a` and `b` share no value.
bool Disjoint(const Claim& a, const Claim& b);

// Returns true iff some value lies in the intervals of all of `claims`.
bool Compatible(const std::vector<const Claim*>& claims);

struct CompareInput {
  std::vector<Claim>* claims;  // derived totals are appended to it
  const std::vector<Event>* events;
  const std::vector<std::string>* doc_names;  // short names, for the reasons
  const std::vector<int32_t>* copy_of;        // for each document, the one it copies, or -1
  const SubjectClasses* subjects;
  const PeopleRules* people = nullptr;  // to compare names and quotes; claims about people are
                                        // left out when null
};

// Returns how quote `b` differs from quote `a` (claim indices `ia`, `ib`), word by word, spelling
// aside but noted: changed, added and removed words inside the span both quote, and words beyond
// it that the other source gives just outside its quote marks (moved in or out). Words one
// source quotes beyond the other's span, with no trace outside the other's marks, are not a
// difference: the other quoted less.
std::vector<WordChange> DiffQuotes(const PeopleRules& rules, const Claim& a, const Claim& b,
                                   uint32_t ia, uint32_t ib);

// Compares the claims and returns the findings (claims about people through their own rules:
// names, affiliations and quotes are words, not intervals): conflicts, updates, variants, then
// agreements, each in order of event, measure and subject.
std::vector<Finding> Compare(const CompareInput& in);

// Returns, for each document, the first document of its copy family (itself if none).
std::vector<uint32_t> SourceOf(const std::vector<int32_t>& copy_of, size_t documents);

}  // namespace factdiff

#endif  // FACTDIFF_COMPARE_H_
