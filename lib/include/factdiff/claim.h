// Claims: what extraction finds in a sentence, and what comparison sets side by side.
#ifndef FACTDIFF_CLAIM_H_
#define FACTDIFF_CLAIM_H_

#include <cstdint>
#include <optional>
#include <string>

#include "factdiff/atom.h"
#include "factdiff/span.h"

namespace factdiff {

struct Claim {
  uint32_t doc = 0;            // index of the document in the run
  Atom measure;                // "killed", "injured", "missing", "detained", "strength", ...
  std::string value;           // the figure as written, hedge included: "at least 115"
  std::optional<double> low;   // inclusive lower bound; none when unbounded
  std::optional<double> high;  // inclusive upper bound; none when unbounded
  double figure_low = 0;       // the figure as written, before its hedge: 115 for "at least 115"
  double figure_high = 0;      // (the two differ for a range or a word like "dozens")
  Atom hedge;                  // the hedge as written, lower case: "at least", "some", "" for none
  Atom bound;            // how the hedge bounds it: "exact", "at least", "nearly", "about", ...
  Atom unit;             // "" for a count; "year" (bounds are years) or "day" (bounds are
                         // YYYYMMDD numbers) for a claim about when something happened;
                         // "text" for words (a name, an organisation, a quote): no bounds
  bool resolved = true;  // false for a relative date with no document date to resolve it
  Atom resolution;       // how a date was resolved: "nine years before 2024-03-29"
  int32_t reported = 0;  // when it was reported (days since 1970-01-01), 0 when unknown
  Atom reported_as;      // "as of Wednesday" when the sentence says so; "" for the document's date
  std::string subject;   // who or what is counted, as written: "people", "US Marines"
  Atom role = "total";   // "total", or "part" of another claim ("13 U.S. troops" of 200)
  int32_t part_of = -1;  // for a part: index of its total in the same claim list
  Atom attribution;      // who the sentence credits the figure to, or ""
  // For a claim about a person (unit "text"; measure "person", "affiliation" or "quote"):
  Atom person;            // the person's name in full as the document gives it ("Colin P Clarke")
  Atom title;             // person: the title or rank before the name as written ("Gen."), or ""
  Atom detail;            // affiliation: the post as written ("counterterrorism analyst"), or ""
  Atom rule;              // id of the rule that made the claim ("derived.sum" for a total
                          // factdiff added up from parts the source listed)
  int32_t event = -1;     // index of the event it is about, set by resolve; -1 when none
  Span span;              // of the value in the document's normalised text
  Span sentence_span;     // of its sentence
  uint32_t sentence = 0;  // index of the sentence in the document's segmentation
  uint32_t line = 0;      // 1-based line of the value in the original input
  uint32_t col = 0;       // 1-based byte column of the value in the original input
  std::string text;       // the sentence, whitespace runs folded to single spaces
  Span text_span;         // of the value in `text` (empty for a total factdiff added up)
};

}  // namespace factdiff

#endif  // FACTDIFF_CLAIM_H_
