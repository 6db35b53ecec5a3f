// Small string helpers shared by every stage.
#ifndef FACTDIFF_STRINGS_H_
#define FACTDIFF_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace factdiff {

// Returns `s` with ASCII letters in lower case (other bytes, UTF-8 included, unchanged).
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Appends `item` to `*out`, after `separator` unless `*out` is empty.
inline void AppendSeparated(std::string* out, std::string_view separator, std::string_view item) {
  if (!out->empty()) out->append(separator);
  out->append(item);
}

// Returns the items joined by `separator`.
inline std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (&item != &items.front()) out.append(separator);
    out.append(item);
  }
  return out;
}

}  // namespace factdiff

#endif  // FACTDIFF_STRINGS_H_
