// People: part of the extract stage. Finds who is named in a document and what they are quoted
// as saying, and makes claims of it that later stages compare like any figure:
//   person       a person's name as the document gives it in full ("Michael E Kurilla"), with
//                the title or rank before it ("Gen.");
//   affiliation  the organisation given beside a name ("the Soufan Group"), with the post
//                ("a counterterrorism analyst");
//   quote        words inside quote marks, with their speaker.
//
// Names are found only where something says a person is meant: a title before the name, a post
// beside it, a speech verb, "named", "led by". Capitalised words alone are not enough (they are
// as often places and organisations). Within a document a later short mention ("Clarke", "he",
// "the general") is the person last named in full with that surname, pronoun or title.
//
// A quote is a span between “ and ” (or two straight double quotes) of at least a few words,
// within a paragraph. Its speaker comes from the speech verb that binds it: one right before it
// ("Putin lambasted “...”", "warned that ISIS-K “...”"), else one right after it ("“...,” said
// Colin Clarke", "“...,” Clarke added"), else the nearest in its sentence; the verb's speaker is
// the name (or short mention, or pronoun) beside it. A sentence that is only a quote continues the
// quote just before it. Titles, posts, speech verbs, the words that are never names and the
// spelling rewrites are data (rules/people.json) with examples.
#ifndef FACTDIFF_PEOPLE_H_
#define FACTDIFF_PEOPLE_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "factdiff/claim.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"
#include "factdiff/span.h"
#include "factdiff/status.h"

namespace factdiff {

struct PersonMention {
  Span span;          // of the name (title excluded)
  std::string name;   // as written, spaces folded: "Michael E Kurilla"
  std::string title;  // as written, or "": "Gen."
  std::string role;   // the post as written, without its article, or "": "counterterrorism analyst"
  std::string org;    // the organisation as written, or "": "the Soufan Group"
  Span org_span;      // of the organisation, when there is one
  std::string cue;    // id of the cue that found it
};

struct QuoteMention {
  Span span;            // of the words inside the marks
  std::string words;    // as written, spaces folded
  std::string speaker;  // the speaker's name in full, or "" when unknown
  Span sentence;        // from the start of the sentence where the quote opens to the end of the
                        // one where it closes
};

// A name in parts: given names and initials, then the surname (a particle kept with it).
struct NameParts {
  std::vector<std::string> given;  // "Michael", "E"
  std::string surname;             // "Kurilla", "al-Qurashi"
};

// How a title compares with another: "Major General" lies within "general".
struct TitleInfo {
  std::string cls;     // "major general"; "" for an unknown title
  std::string family;  // "general", or ""
  bool compared = true;
};

class PeopleRules {
 public:
  // Builds the rules from the "people" rule file among `files`.
  static Result<std::shared_ptr<const PeopleRules>> Create(const std::vector<RuleFile>& files);
  ~PeopleRules();

  // Returns the person mentions of text[sentence], in text order, spans relative to `text`.
  std::vector<PersonMention> FindMentions(std::string_view text, Span sentence) const;

  // The same, running only the cues `cues` (indices into screens(), ascending): those whose
  // screen matched the sentence in a caller's own RE2::Set pass.
  std::vector<PersonMention> FindMentions(std::string_view text, Span sentence,
                                          const std::vector<int>& cues) const;

  // Returns each cue's screen (its trigger words), expanded: a sentence its screen does not
  // match yields no mention from the cue.
  const std::vector<std::string>& screens() const { return screens_; }

  // Returns the quotes of `text` (segmented as `seg`), speakers resolved within the document.
  std::vector<QuoteMention> FindQuotes(std::string_view text, const Segmentation& seg) const;

  // Appends the person, affiliation and quote claims of `text` to `*out`, in text order within
  // each measure. Sets measure, value, unit ("text"), person, title, detail, rule, span,
  // sentence_span and sentence; the caller sets the rest. `cues`, when given, holds for each
  // sentence the cues its screen let through (see FindMentions); otherwise they are screened
  // here.
  void Extract(std::string_view text, const Segmentation& seg, std::vector<Claim>* out,
               const std::vector<std::vector<int>>* cues = nullptr) const;

  // Returns the parts of a name as written.
  NameParts SplitName(std::string_view name) const;

  // Returns the spelling key of the name's surname, a particle before it dropped ("al-Assad"
  // and "Assad" are one surname).
  std::string SurnameKey(std::string_view name) const;

  // Returns the key under which two spellings of a word are the same ("destabilise" and
  // "destabilize", "Qasem" and "Qassem"): lower case, doubled letters made single, then the
  // spelling rewrites applied.
  std::string SpellingKey(std::string_view word) const;

  // Returns the organisation without articles and qualifiers, in lower case: "central command"
  // for "the military’s Central Command" and "U.S. Central Command".
  std::string OrgKey(std::string_view org) const;

  // Returns the class of a post ("head" for "the commander"), or its last word in lower case.
  std::string RoleClass(std::string_view role) const;

  // Returns what is known of a title as written.
  TitleInfo Title(std::string_view title) const;

  // Returns true iff titles `a` and `b` can name the same rank: either is not compared or
  // unknown, they are of one class, or one is the family of the other.
  bool TitlesCompatible(std::string_view a, std::string_view b) const;

  struct Example {
    std::string file, pointer, text;
    std::string cue;  // the cue whose example it is; "" for a quote example
    bool counter = false;
    std::vector<PersonMention> mentions;  // what a cue example must yield
    std::vector<QuoteMention> quotes;     // what a quote example must yield
  };
  const std::vector<Example>& examples() const { return examples_; }

  struct SpellingExample {
    std::string file, pointer, a, b;
    bool same = true;
  };
  const std::vector<SpellingExample>& spelling_examples() const { return spelling_examples_; }

 private:
  friend class PeopleAnalyzer;
  PeopleRules();
  struct Data;
  std::unique_ptr<Data> d_;
  std::vector<Example> examples_;
  std::vector<SpellingExample> spelling_examples_;
  std::vector<std::string> screens_;  // parallel to the cues
};

// Returns the words of `text`: runs of letters and digits, with inner hyphens and apostrophes
// (’ read as '), each with its span in `text`.
std::vector<std::pair<std::string, Span>> Words(std::string_view text);

}  // namespace factdiff

#endif  // FACTDIFF_PEOPLE_H_
