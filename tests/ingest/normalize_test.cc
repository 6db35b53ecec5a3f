#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "factdiff/ingest.h"

namespace factdiff {
namespace {

struct NormalizeCase {
  const char* name;
  std::string raw;
  std::string text;
  uint64_t invalid;
  uint64_t controls;
};

TEST_CASE("NormalizeText rewrites exactly what it should", "[ingest][normalize]") {
  const std::vector<NormalizeCase> cases = {
      {"ascii untouched", "Plain text.\n", "Plain text.\n", 0, 0},
      {"crlf", "abc\r\ndef", "abc\ndef", 0, 0},
      {"lone cr", "a\rb", "a\nb", 0, 0},
      {"bom dropped", "\xEF\xBB\xBFhello", "hello", 0, 0},
      {"invalid byte",
       "ab\xFF"
       "cd",
       "ab\xEF\xBF\xBD"
       "cd",
       1, 0},
      {"truncated sequence is one replacement",
       "a\xE2\x80"
       "b",
       "a\xEF\xBF\xBD"
       "b",
       1, 0},
      {"overlong lead bytes", "\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD", 2, 0},
      {"surrogate", "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3, 0},
      {"nbsp to space",
       "a\xC2\xA0"
       "b",
       "a b", 0, 0},
      {"narrow nbsp and em space",
       "a\xE2\x80\xAF"
       "b\xE2\x80\x83"
       "c",
       "a b c", 0, 0},
      {"nfc composes", "Cafe\xCC\x81 ok", "Caf\xC3\xA9 ok", 0, 0},
      {"nfc singleton", "\xE2\x84\xAB", "\xC3\x85", 0, 0},  // ANGSTROM SIGN -> A WITH RING
      {"hangul jamo compose", "\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80", 0, 0},
      {"typographic quotes and dashes kept", "\xE2\x80\x9Cx\xE2\x80\x9D \xE2\x80\x99 \xE2\x80\x94",
       "\xE2\x80\x9Cx\xE2\x80\x9D \xE2\x80\x99 \xE2\x80\x94", 0, 0},
      {"control char to space",
       "a\x01"
       "b\x7F",
       "a b ", 0, 2},
      {"nul to space", std::string("a\0b", 3), "a b", 0, 1},
      {"c1 control to space",
       "a\xC2\x85"
       "b\xC2\x90",
       "a b ", 0, 1},
      {"soft hyphen dropped", "Kras\xC2\xADno", "Krasno", 0, 0},
      {"zero width space dropped",
       "a\xE2\x80\x8B"
       "b",
       "ab", 0, 0},
      {"tab kept", "a\tb", "a\tb", 0, 0},
      {"cyrillic unchanged", "\xD0\x9A\xD1\x80\xD0\xBE\xD0\xBA\xD1\x83\xD1\x81",
       "\xD0\x9A\xD1\x80\xD0\xBE\xD0\xBA\xD1\x83\xD1\x81", 0, 0},
      {"decomposed cyrillic short i composes", "\xD0\x98\xCC\x86", "\xD0\x99", 0, 0},
  };
  for (const NormalizeCase& c : cases) {
    SECTION(c.name) {
      std::string out;
      SourceMap map;
      NormalizeStats stats;
      NormalizeText(c.raw, 1, &out, &map, &stats);
      CHECK(out == c.text);
      CHECK(stats.invalid_sequences == c.invalid);
      CHECK(stats.control_chars == c.controls);
    }
  }
}

struct LocateCase {
  const char* name;
  std::string raw;
  uint32_t first_line;
  uint32_t offset;  // in the normalised text
  uint32_t line, col;
};

TEST_CASE("SourceMap maps normalised offsets back to the original", "[ingest][normalize]") {
  const std::vector<LocateCase> cases = {
      {"start", "abc", 1, 0, 1, 1},
      {"same line", "abc def", 1, 4, 1, 5},
      {"after crlf", "abc\r\ndef", 1, 4, 2, 1},
      {"second crlf line end", "abc\r\ndef\r\nxy", 1, 9, 3, 2},
      {"first line offset", "x\ny", 5, 2, 6, 1},
      {"after bom", "\xEF\xBB\xBFhello", 1, 0, 1, 4},
      {"on a replacement",
       "ab\xFF"
       "cd",
       1, 2, 1, 3},
      {"inside a replacement",
       "ab\xFF"
       "cd",
       1, 3, 1, 3},
      {"after a replacement",
       "ab\xFF"
       "cd",
       1, 5, 1, 4},
      {"after nbsp",
       "a\xC2\xA0"
       "b",
       1, 2, 1, 4},
      {"after nfc word", "Cafe\xCC\x81 ok", 1, 6, 1, 8},
      {"after dropped soft hyphen", "Kras\xC2\xADno", 1, 4, 1, 7},
      {"multi-byte kept", "\xE2\x80\x9Cx\xE2\x80\x9D", 1, 3, 1, 4},
      {"line after replacement", "\xFF\nab", 1, 5, 2, 2},
  };
  for (const LocateCase& c : cases) {
    SECTION(c.name) {
      std::string out;
      SourceMap map;
      NormalizeStats stats;
      NormalizeText(c.raw, c.first_line, &out, &map, &stats);
      CHECK(map.Locate(c.offset) == SourceMap::Position{c.line, c.col});
    }
  }
}

TEST_CASE("NormalizeText keeps ASCII-only text to one anchor per line", "[ingest][normalize]") {
  std::string out;
  SourceMap map;
  NormalizeStats stats;
  NormalizeText("one\ntwo\nthree \xE2\x80\x99quoted\xE2\x80\x99\n", 1, &out, &map, &stats);
  CHECK(map.anchor_count() == 4);
}

TEST_CASE("NormalizeField folds whitespace and trims", "[ingest][normalize]") {
  CHECK(NormalizeField("  Gunmen\tattack \r\n concert hall  ") == "Gunmen attack concert hall");
  CHECK(NormalizeField("\xFF"
                       "x") == "\xEF\xBF\xBDx");
  CHECK(NormalizeField("") == "");
}

}  // namespace
}  // namespace factdiff
