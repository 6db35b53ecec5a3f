// Parsing of one JSON Lines record into the fields ingest reads. A fast path handles the common
// shape (a flat object of strings, numbers, booleans and nulls); anything else goes through
// nlohmann::json, which also produces the error messages.
#ifndef FACTDIFF_INGEST_JSON_RECORD_H_
#define FACTDIFF_INGEST_JSON_RECORD_H_

#include <string>
#include <string_view>

namespace factdiff {

struct RecordField {
  enum class Type { kAbsent, kString, kNumber, kInteger, kNull, kBoolean, kArray, kObject };
  Type type = Type::kAbsent;
  std::string value;  // unescaped string, or the number as written

  // "string", "number", "null", "boolean", "array" or "object", as nlohmann names them.
  const char* TypeName() const;
};

struct RecordFields {
  RecordField id, text, title, source, url, date, published;
};

// Parses `line` as a JSON object into *out. Returns "" on success; otherwise an error text
// ("syntax error while parsing ...", or "expected an object, found array") and the 1-based byte
// column in *col.
std::string ParseRecord(std::string_view line, RecordFields* out, size_t* col);

// Returns true iff `line` is a flat JSON object the fast path understands, filling *out.
bool ParseFlatRecord(std::string_view line, RecordFields* out);

}  // namespace factdiff

#endif  // FACTDIFF_INGEST_JSON_RECORD_H_
