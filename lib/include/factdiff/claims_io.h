// The claims interchange format: one JSON object a line per document, holding everything the
// later steps need (its details, claims, event mentions and copy shingles) and none of its
// text. `factdiff extract --format jsonl` writes it; `factdiff compare` reads any number of such
// files, in any order, and runs linking and comparison as an audit would (docs/scaling.md).
#ifndef FACTDIFF_CLAIMS_IO_H_
#define FACTDIFF_CLAIMS_IO_H_

#include <ostream>
#include <string>
#include <vector>

#include "factdiff/report.h"
#include "factdiff/resolve.h"
#include "factdiff/status.h"

namespace factdiff {

// One document of a claims file.
struct DocumentClaims {
  DocumentInfo info;
  std::vector<Claim> claims;  // `doc` 0; `part_of` and mentions' `claim` index into this list
  EventLinker::Prepared mentions;
  CopyDetector::Prepared shingles;
};

// Writes `d` as one line.
void WriteDocumentClaims(const DocumentClaims& d, std::ostream& out);

// Reads one line written by WriteDocumentClaims. Returns an error quoting what is wrong.
Result<DocumentClaims> ReadDocumentClaims(const std::string& line);

}  // namespace factdiff

#endif  // FACTDIFF_CLAIMS_IO_H_
