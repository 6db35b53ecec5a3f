#include "factdiff/compare.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace factdiff {

const char* FindingKindName(FindingKind k) {
  switch (k) {
    case FindingKind::kConflict:
      return "conflict";
    case FindingKind::kVariant:
      return "variant";
    case FindingKind::kAgreement:
      return "agreement";
  }
  return "conflict";
}

bool Disjoint(const Claim& a, const Claim& b) {
  // [a.low, a.high] and [b.low, b.high], a missing bound being infinite.
  if (a.high && b.low && *a.high < *b.low) return true;
  if (b.high && a.low && *b.high < *a.low) return true;
  return false;
}

std::vector<Finding> Compare(const std::vector<Claim>& claims) {
  std::map<std::string, std::vector<uint32_t>> by_measure;
  for (uint32_t i = 0; i < claims.size(); ++i) by_measure[claims[i].measure].push_back(i);
  std::vector<Finding> findings;
  for (auto& [measure, ids] : by_measure) {
    std::set<uint32_t> docs;
    std::set<std::pair<std::optional<double>, std::optional<double>>> intervals;
    for (uint32_t i : ids) {
      docs.insert(claims[i].doc);
      intervals.insert({claims[i].low, claims[i].high});
    }
    if (docs.size() < 2) continue;
    Finding f;
    f.measure = measure;
    f.event = "all documents";
    f.claims = ids;
    std::stable_sort(f.claims.begin(), f.claims.end(), [&](uint32_t a, uint32_t b) {
      const Claim& x = claims[a];
      const Claim& y = claims[b];
      return std::tie(x.doc, x.span.begin) < std::tie(y.doc, y.span.begin);
    });
    if (intervals.size() == 1) {
      f.kind = FindingKind::kAgreement;
      f.reason = fmt::format("{} documents state the same figure", docs.size());
    } else {
      bool disjoint = false;
      for (size_t a = 0; a < ids.size() && !disjoint; ++a) {
        for (size_t b = a + 1; b < ids.size() && !disjoint; ++b) {
          const Claim& x = claims[ids[a]];
          const Claim& y = claims[ids[b]];
          if (x.doc != y.doc && Disjoint(x, y)) {
            disjoint = true;
            f.reason = fmt::format("\"{}\" and \"{}\" cannot both be right", x.value, y.value);
          }
        }
      }
      f.kind = disjoint ? FindingKind::kConflict : FindingKind::kVariant;
      if (!disjoint) f.reason = "the figures differ but could all be true";
    }
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace factdiff
