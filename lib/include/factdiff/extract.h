// Extraction: the third stage. Finds claims in a document's sentences.
//
// This is the first slice: a handful of built-in patterns for killed and injured counts stated
// with digits, number words or hedges ("at least 115 people", "killing 133", "the death toll was
// 140", "182 wounded"). The rule engine replaces it.
#ifndef FACTDIFF_EXTRACT_H_
#define FACTDIFF_EXTRACT_H_

#include <memory>
#include <vector>

#include "factdiff/claim.h"
#include "factdiff/ingest.h"
#include "factdiff/segment.h"

namespace factdiff {

class CasualtyExtractor {
 public:
  CasualtyExtractor();
  ~CasualtyExtractor();

  // Appends the claims found in `doc` (document index `doc_index`, segmented as `seg`) to
  // `*out`, in text order. Boilerplate paragraphs are not read.
  void Extract(const Document& doc, uint32_t doc_index, const Segmentation& seg,
               std::vector<Claim>* out) const;

 private:
  struct Patterns;
  std::unique_ptr<Patterns> p_;
};

// Returns `s` with every run of whitespace folded to one space.
std::string FoldSpaces(std::string_view s);

}  // namespace factdiff

#endif  // FACTDIFF_EXTRACT_H_
