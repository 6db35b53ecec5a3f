// Fuzzes claim extraction: a document made of the input (normalised and segmented as ingest
// and segmentation would) goes through every claim rule, the number and date grammars and the
// people pass; each claim must point inside its document. The first two bytes pick the
// document's date, so relative dates resolve too.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "fuzz_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace factdiff;
  if (size < 2) return 0;
  int anchor = DaysFromCivil(1990, 1, 1) + (data[0] << 8 | data[1]);  // 1990 to 2169
  std::string_view raw(reinterpret_cast<const char*>(data) + 2, size - 2);
  Document doc;
  Segmentation seg;
  fuzz::MakeDocument(raw, &doc, &seg);
  doc.date = FormatDay(anchor);
  const Extractor& extractor = *fuzz::Defaults().extractor;
  std::vector<Claim> claims;
  extractor.Extract(doc, 0, seg, &claims);
  for (const Claim& c : claims) {
    if (c.sentence >= seg.sentences.size() || c.line == 0 || c.col == 0) std::abort();
    if (c.low && c.high && *c.low > *c.high) std::abort();
  }
  // The same text read as one sentence, as `factdiff explain` does.
  Explanation trace;
  (void)extractor.ExtractSentence(doc.text, &trace, anchor);
  return 0;
}
