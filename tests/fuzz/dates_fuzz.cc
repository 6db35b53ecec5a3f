// Fuzzes the date resolver: document dates as metadata gives them, dates inferred from the top
// of a text, and date expressions resolved against an anchor picked by the first two bytes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace factdiff;
  if (size < 2) return 0;
  int anchor = DaysFromCivil(1990, 1, 1) + (data[0] << 8 | data[1]);
  std::string_view raw(reinterpret_cast<const char*>(data) + 2, size - 2);
  int year = 0, month = 0, day = 0;
  (void)ParseDocumentDate(raw, &year, &month, &day);
  std::string text = NormalizeField(raw);
  std::string how;
  (void)InferDocumentDate(text, &how);
  (void)DecideDocumentDate(std::string(raw), "", text);
  const fuzz::Engine& e = fuzz::Defaults();
  Span span{0, static_cast<uint32_t>(text.size())};
  std::vector<Quantity> quantities;
  e.numbers->Find(text, span, &quantities);
  std::vector<DateExpr> dates;
  e.dates->Find(text, span, anchor, quantities, &dates);
  for (const DateExpr& d : dates) {
    if (d.span.end > text.size() || d.span.begin > d.span.end) std::abort();
    if (d.resolved && d.first > d.last) std::abort();
    (void)FormatDay(d.first);
    (void)FormatLongDay(d.last);
  }
  return 0;
}
