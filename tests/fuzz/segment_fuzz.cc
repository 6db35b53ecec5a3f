// Fuzzes text normalisation and segmentation: any bytes become valid UTF-8 text whose
// paragraphs and sentences are ordered, non-overlapping spans inside it.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_engine.h"

namespace {

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace factdiff;
  Document doc;
  Segmentation seg;
  fuzz::MakeDocument(std::string_view(reinterpret_cast<const char*>(data), size), &doc, &seg);
  if (!ValidUtf8(doc.text)) std::abort();
  size_t end = 0;
  for (const Paragraph& p : seg.paragraphs) {
    if (p.span.begin < end || p.span.end < p.span.begin || p.span.end > doc.text.size())
      std::abort();
    end = p.span.end;
  }
  end = 0;
  for (const Sentence& s : seg.sentences) {
    if (s.span.begin < end || s.span.end < s.span.begin || s.span.end > doc.text.size())
      std::abort();
    if (s.paragraph >= seg.paragraphs.size()) std::abort();
    end = s.span.end;
  }
  return 0;
}
