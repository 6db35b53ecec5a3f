#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ingest/json_record.h"

namespace factdiff {
namespace {

struct RecordCase {
  const char* name;
  std::string line;
  bool fast;             // the fast path accepts it
  std::string error;     // expected error, "" for none
  std::string id, text;  // expected values when there is no error
};

TEST_CASE("ParseRecord reads flat objects fast and everything else correctly", "[ingest][json]") {
  const std::vector<RecordCase> cases = {
      {"plain", R"({"id": "a", "text": "Hello."})", true, "", "a", "Hello."},
      {"escapes", R"({"id":"a","text":"q\"b\\s\/n\nt\tu\u00e9"})", true, "", "a",
       "q\"b\\s/n\nt\tu\xC3\xA9"},
      {"surrogate pair", R"({"id":"a","text":"\ud83d\ude00"})", true, "", "a", "\xF0\x9F\x98\x80"},
      {"integer id", R"({"id": 42, "text": "x"})", true, "", "42", "x"},
      {"negative id", R"({"id": -7, "text": "x"})", true, "", "-7", "x"},
      {"extra keys and types", R"({"n": 1.5e3, "b": true, "z": null, "id": "a", "text": "x"})",
       true, "", "a", "x"},
      {"last duplicate wins", R"({"id": "a", "id": "b", "text": "x"})", true, "", "b", "x"},
      {"nested value goes to the full parser", R"({"id": "a", "meta": {"k": [1, 2]}, "text": "x"})",
       false, "", "a", "x"},
      {"lone surrogate goes to the full parser", R"({"id": "a", "text": "\udc00"})", false,
       "syntax error while parsing value - invalid string: surrogate U+DC00..U+DFFF must follow "
       "U+D800..U+DBFF; "
       "last read: '\"\\udc00'",
       "", ""},
      {"raw control character", std::string("{\"id\": \"a\", \"text\": \"a\tb\"}"), false,
       "syntax error while parsing value - invalid string: control character U+0009 (HT) must be "
       "escaped to "
       "\\u0009 or \\t; last read: '\"a<U+0009>'",
       "", ""},
      {"trailing garbage", R"({"id": "a", "text": "x"} extra)", false,
       "syntax error while parsing value - invalid literal; last read: '\"x\"} e'; "
       "expected end of input",
       "", ""},
      {"number too large for a double, in a key not read",
       R"({"id": "a", "n": 1e999, "text": "x"})", true, "", "a", "x"},
      {"a bare number too large", "6000739e6520", false, "number overflow parsing '6000739e6520'",
       "", ""},
      {"leading zero", R"({"id": 01, "text": "x"})", false,
       "syntax error while parsing object - unexpected number literal; expected '}'", "", ""},
      {"not an object", R"("just a string")", false,
       "expected an object, found string \"\"just a string\"\"", "", ""},
  };
  for (const RecordCase& c : cases) {
    SECTION(c.name) {
      RecordFields fast;
      CHECK(ParseFlatRecord(c.line, &fast) == c.fast);
      RecordFields rec;
      size_t col = 0;
      std::string error = ParseRecord(c.line, &rec, &col);
      CHECK(error == c.error);
      if (c.error.empty()) {
        CHECK(rec.id.value == c.id);
        CHECK(rec.text.value == c.text);
      }
    }
  }
}

TEST_CASE("Field types are named as nlohmann names them", "[ingest][json]") {
  RecordFields rec;
  size_t col = 0;
  REQUIRE(
      ParseRecord(
          R"({"id": "a", "text": "x", "title": [1], "source": true, "url": 3.5, "date": {"y": 1}})",
          &rec, &col) == "");
  CHECK(std::string(rec.title.TypeName()) == "array");
  CHECK(std::string(rec.source.TypeName()) == "boolean");
  CHECK(std::string(rec.url.TypeName()) == "number");
  CHECK(std::string(rec.date.TypeName()) == "object");
  CHECK(std::string(rec.published.TypeName()) == "absent");
}

}  // namespace
}  // namespace factdiff
