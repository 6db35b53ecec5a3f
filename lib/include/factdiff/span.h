// Byte spans into a document's normalised text.
#ifndef FACTDIFF_SPAN_H_
#define FACTDIFF_SPAN_H_

#include <cstdint>
#include <string_view>

namespace factdiff {

// [begin, end) in bytes; end is exclusive.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  // Returns the spanned part of `text`. Requires end <= text.size().
  std::string_view Of(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace factdiff

#endif  // FACTDIFF_SPAN_H_
