// Comparing claims about people (names, affiliations, quotes). Internal to the compare stage.
#ifndef FACTDIFF_COMPARE_TEXT_COMPARE_H_
#define FACTDIFF_COMPARE_TEXT_COMPARE_H_

#include <string>
#include <vector>

#include "factdiff/compare.h"

namespace factdiff {

// Returns true iff claims of `measure` are words about a person rather than figures.
bool IsTextMeasure(const std::string& measure);

// Sets the kind, reason and changes of finding `*f` over the claims `ids` (in report order) of
// one person and measure. Requires in.people.
void CompareTextGroup(const CompareInput& in, const std::vector<uint32_t>& ids, Finding* f);

}  // namespace factdiff

#endif  // FACTDIFF_COMPARE_TEXT_COMPARE_H_
