// Claims: what extraction finds in a sentence, and what comparison sets side by side.
#ifndef FACTDIFF_CLAIM_H_
#define FACTDIFF_CLAIM_H_

#include <cstdint>
#include <optional>
#include <string>

#include "factdiff/span.h"

namespace factdiff {

struct Claim {
  uint32_t doc = 0;       // index of the document in the run
  std::string measure;    // "killed", "injured", "missing", "detained", "strength", ...
  std::string value;      // the figure as written, hedge included: "at least 115"
  std::optional<double> low;   // inclusive lower bound; none when unbounded
  std::optional<double> high;  // inclusive upper bound; none when unbounded
  std::string hedge;      // "at least", "nearly", ... or "" for an exact figure
  std::string subject;    // who or what is counted: "people", "US Marines"
  std::string rule;       // id of the rule that made the claim
  Span span;              // of `value` in the document's normalised text
  uint32_t sentence = 0;  // index of the sentence in the document's segmentation
  uint32_t line = 0;      // 1-based line of the value in the original input
  uint32_t col = 0;       // 1-based byte column of the value in the original input
  std::string text;       // the sentence, whitespace runs folded to single spaces
};

}  // namespace factdiff

#endif  // FACTDIFF_CLAIM_H_
