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

// Returns `s` without control characters (C0, DEL and C1), so that text from an article, a file
// name or a record id cannot move a terminal's cursor or change its colours when printed.
inline std::string Printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) continue;
    // C1 controls are U+0080..U+009F: C2 80..C2 9F in UTF-8.
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
      ++i;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace factdiff

#endif  // FACTDIFF_STRINGS_H_
