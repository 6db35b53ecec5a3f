// Comparison: sets claims about the same measure side by side and says how they differ.
//
// First slice: claims are grouped by measure alone; a group whose documents state different
// values becomes a finding.
#ifndef FACTDIFF_COMPARE_H_
#define FACTDIFF_COMPARE_H_

#include <string>
#include <vector>

#include "factdiff/claim.h"

namespace factdiff {

enum class FindingKind { kConflict, kVariant, kAgreement };

// Returns "conflict", "variant" or "agreement".
const char* FindingKindName(FindingKind k);

struct Finding {
  FindingKind kind = FindingKind::kConflict;
  std::string measure;
  std::string event;               // what the claims are about
  std::string reason;              // why the finding was raised, in plain words
  std::vector<uint32_t> claims;    // indices into the claim list, in report order
};

// Returns true iff the intervals of `a` and `b` share no value.
bool Disjoint(const Claim& a, const Claim& b);

// Compares `claims` and returns the findings, ordered by measure. `doc_order` is not needed:
// claims are listed by document index, then position.
std::vector<Finding> Compare(const std::vector<Claim>& claims);

}  // namespace factdiff

#endif  // FACTDIFF_COMPARE_H_
