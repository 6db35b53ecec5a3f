// UTF-8 helpers internal to libfactdiff.
#ifndef FACTDIFF_INGEST_UTF8_H_
#define FACTDIFF_INGEST_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace factdiff {

// Decodes one UTF-8 sequence at s[0..n), n >= 1. Returns its length and sets *cp; for an
// ill-formed sequence returns the length of its maximal ill-formed subpart (at least 1) and
// sets *cp to -1.
size_t DecodeUtf8(const unsigned char* s, size_t n, int32_t* cp);

// Returns the number of ill-formed sequences in `in`. When there are any, writes `in` with each
// replaced by U+FFFD to `*out` and the byte offset of the first to `*first_offset`; otherwise
// leaves both untouched.
uint64_t FixUtf8(std::string_view in, std::string* out, uint64_t* first_offset);

}  // namespace factdiff

#endif  // FACTDIFF_INGEST_UTF8_H_
