#include <zlib.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "factdiff/ingest.h"
#include "test_util.h"

namespace factdiff {
namespace {

using testing::Formatted;
using testing::TempDir;

// Reads every document of `inputs`; diagnostics go to *diags.
std::vector<Document> ReadAll(const std::vector<std::string>& inputs, DiagnosticList* diags,
                              IngestOptions options = IngestOptions()) {
  DocumentReader reader(inputs, options, diags);
  std::vector<Document> docs;
  Document doc;
  while (reader.Next(&doc)) docs.push_back(doc);
  return docs;
}

std::vector<std::string> Ids(const std::vector<Document>& docs) {
  std::vector<std::string> ids;
  for (const Document& d : docs) ids.push_back(d.id);
  return ids;
}

void WriteGzip(const std::string& path, const std::string& content) {
  gzFile f = gzopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
  gzclose(f);
}

TEST_CASE("A text file's header block becomes metadata", "[ingest][reader]") {
  TempDir dir;
  std::string path = dir.Write("a.txt",
                               "Title: Gunmen attack a concert hall\n"
                               "Source: Example Wire\n"
                               "URL: https://example.com/a\n"
                               "Date: 2024-03-23\n"
                               "\n"
                               "The attack began at night.\n"
                               "Many fled.\n");
  DiagnosticList diags;
  std::vector<Document> docs = ReadAll({path}, &diags);
  REQUIRE(docs.size() == 1);
  const Document& d = docs[0];
  CHECK(d.id == path);
  CHECK(d.path == path);
  CHECK(d.title == "Gunmen attack a concert hall");
  CHECK(d.source == "Example Wire");
  CHECK(d.url == "https://example.com/a");
  CHECK(d.date == "2024-03-23");
  CHECK(d.text == "The attack began at night.\nMany fled.\n");
  CHECK(d.map.Locate(0) == SourceMap::Position{6, 1});
  CHECK(d.map.Locate(static_cast<uint32_t>(d.text.find("Many"))) == SourceMap::Position{7, 1});
  CHECK(diags.items().empty());
}

TEST_CASE("Header-like lines without a closing blank line stay text", "[ingest][reader]") {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"no blank line", "Title: Not a header\nBody starts here.\n"},
      {"unknown key", "Author: Someone\n\nBody.\n"},
      {"header not first", "Body first.\nTitle: late\n\nMore.\n"},
  };
  for (const auto& [name, content] : cases) {
    SECTION(name) {
      std::string path = dir.Write("b.txt", content);
      DiagnosticList diags;
      std::vector<Document> docs = ReadAll({path}, &diags);
      REQUIRE(docs.size() == 1);
      CHECK(docs[0].title.empty());
      CHECK(docs[0].text == content);
    }
  }
}

TEST_CASE("Folders are read recursively in sorted order, hidden files skipped",
          "[ingest][reader]") {
  TempDir dir;
  dir.Write("news/b.txt", "Second.\n");
  dir.Write("news/a/z.txt", "First.\n");
  dir.Write("news/c.jsonl", "{\"id\": \"j1\", \"text\": \"Third.\"}\n");
  dir.Write("news/.hidden.txt", "Never.\n");
  dir.Write("news/.git/config", "Never.\n");
  DiagnosticList diags;
  std::vector<Document> docs = ReadAll({dir.path() + "/news"}, &diags);
  CHECK(Ids(docs) ==
        std::vector<std::string>{dir.path() + "/news/a/z.txt", dir.path() + "/news/b.txt", "j1"});
  CHECK(diags.items().empty());
}

TEST_CASE("JSON Lines records become documents, bad records are reported and skipped",
          "[ingest][reader]") {
  TempDir dir;
  std::string path = dir.Write(
      "archive.jsonl",
      "{\"id\": \"a1\", \"text\": \"First story.\", \"title\": \"One\", \"source\": \"wire\", "
      "\"url\": null, \"published\": \"2024-03-23\"}\n"
      "{\"id\": \"a2\", \"text\": \"broken\"\n"
      "\n"
      "{\"text\": \"no id\"}\n"
      "{\"id\": \"a3\"}\n"
      "[1, 2]\n"
      "{\"id\": 42, \"text\": \"Numeric id.\", \"date\": \"5/9/2016\"}\n"
      "{\"id\": \"a1\", \"text\": \"Same id again.\"}\n"
      "{\"id\": \"a4\", \"text\": \"   \"}\n"
      "{\"id\": \"a5\", \"text\": \"Title is odd.\", \"title\": [1]}\n");
  DiagnosticList diags;
  std::vector<Document> docs = ReadAll({path}, &diags);
  CHECK(Ids(docs) == std::vector<std::string>{"a1", "42", "a5"});
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].title == "One");
  CHECK(docs[0].source == "wire");
  CHECK(docs[0].url.empty());
  CHECK(docs[0].date == "2024-03-23");
  CHECK(docs[0].record_line == 1);
  CHECK(docs[0].path == path);
  CHECK(docs[1].date == "5/9/2016");
  CHECK(docs[1].record_line == 7);
  CHECK(Formatted(diags) ==
        std::vector<std::string>{
            path + ":2:30: error: malformed JSON Lines record: syntax error while parsing object - "
                   "unexpected end of input; expected '}'; skipped",
            path + ":4:1: error: record has no \"id\"; skipped",
            path + ":5:1: error: record \"a3\" has no \"text\"; skipped",
            path +
                ":6:1: error: malformed JSON Lines record: expected an object, found array \"[1, "
                "2]\"; skipped",
            path + ":8: error: duplicate id \"a1\": an earlier document has it; skipped",
            path + ":9: error: record \"a4\" has an empty text; skipped",
            path + ":10: warning: record \"a5\": \"title\" is array, not a string; ignored",
        });
  std::vector<std::string> reasons;
  for (const Diagnostic& d : diags.items()) reasons.push_back(d.skipped ? d.reason : "-");
  CHECK(reasons == std::vector<std::string>{"malformed", "missing-field", "missing-field",
                                            "malformed", "duplicate-id", "empty", "-"});
}

TEST_CASE("Invalid UTF-8 becomes U+FFFD with a warning naming file and offset",
          "[ingest][reader]") {
  TempDir dir;
  SECTION("in a text file") {
    std::string path = dir.Write("bad.txt",
                                 "Fine line.\nThe toll rose to 1\xFF"
                                 "40 people.\n");
    DiagnosticList diags;
    std::vector<Document> docs = ReadAll({path}, &diags);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].text ==
          "Fine line.\nThe toll rose to 1\xEF\xBF\xBD"
          "40 people.\n");
    CHECK(Formatted(diags) ==
          std::vector<std::string>{path +
                                   ":2:19: warning: invalid UTF-8 byte 0xFF at byte offset 29 "
                                   "replaced by U+FFFD"});
  }
  SECTION("in a JSON Lines record") {
    std::string path = dir.Write("bad.jsonl", "{\"id\": \"x\", \"text\": \"caf\xE9 and \xFE\"}\n");
    DiagnosticList diags;
    std::vector<Document> docs = ReadAll({path}, &diags);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].text == "caf\xEF\xBF\xBD and \xEF\xBF\xBD");
    CHECK(Formatted(diags) ==
          std::vector<std::string>{path +
                                   ":1:25: warning: invalid UTF-8 byte 0xE9 at byte offset 24 "
                                   "replaced by U+FFFD (2 ill-formed sequences in all)"});
  }
  SECTION("mostly invalid is not UTF-8 and is skipped") {
    std::string latin1;
    for (int i = 0; i < 20; ++i) latin1 += "\xE9t\xE9 ";
    std::string path = dir.Write("latin1.txt", latin1);
    DiagnosticList diags;
    std::vector<Document> docs = ReadAll({path}, &diags);
    CHECK(docs.empty());
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].reason == "not-utf8");
    CHECK(Formatted(diags)[0] == path +
                                     ":1:1: error: not UTF-8: 40 of 80 bytes are ill-formed "
                                     "(first 0xE9 at byte offset 0); document \"" +
                                     path + "\" skipped");
  }
}

TEST_CASE("Binary, empty, missing and oversized inputs are reported and skipped",
          "[ingest][reader]") {
  TempDir dir;
  std::string binary = dir.Write("image.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  std::string empty = dir.Write("empty.txt", "");
  std::string blank = dir.Write("blank.txt", " \n\t\n");
  std::string big = dir.Write("big.txt", std::string(300, 'x'));
  std::string good = dir.Write("good.txt", "Still read.\n");
  std::string missing = dir.path() + "/missing.txt";
  std::string binary_jsonl = dir.Write("junk.jsonl", std::string("\0\0\0\0", 4));
  IngestOptions options;
  options.max_document_bytes = 100;
  DiagnosticList diags;
  std::vector<Document> docs =
      ReadAll({binary, empty, blank, missing, big, binary_jsonl, good}, &diags, options);
  CHECK(Ids(docs) == std::vector<std::string>{good});
  CHECK(Formatted(diags) ==
        std::vector<std::string>{
            binary + ": error: binary file (NUL byte in its first 8000 bytes); skipped",
            empty + ": error: empty file; skipped",
            blank + ": error: empty file; skipped",
            missing + ": error: cannot open: No such file or directory",
            big + ": error: file larger than the 100-byte limit for a document; skipped",
            binary_jsonl +
                ": error: binary file (NUL byte in its first 8000 bytes), not JSON Lines; skipped",
        });
  std::vector<std::string> reasons;
  for (const Diagnostic& d : diags.items()) reasons.push_back(d.reason);
  CHECK(reasons ==
        std::vector<std::string>{"binary", "empty", "empty", "unreadable", "too-large", "binary"});
}

TEST_CASE("An oversized JSON Lines record is skipped without stopping the archive",
          "[ingest][reader]") {
  TempDir dir;
  std::string path =
      dir.Write("big.jsonl", "{\"id\": \"a\", \"text\": \"" + std::string(5000, 'y') +
                                 "\"}\n{\"id\": \"b\", \"text\": \"Small.\"}\n");
  IngestOptions options;
  options.max_record_bytes = 1000;
  DiagnosticList diags;
  std::vector<Document> docs = ReadAll({path}, &diags, options);
  CHECK(Ids(docs) == std::vector<std::string>{"b"});
  CHECK(Formatted(diags) ==
        std::vector<std::string>{path +
                                 ":1: error: record is 5023 bytes, over the 1000-byte limit for "
                                 "a JSON Lines record; skipped"});
}

TEST_CASE("A document with a line over the line limit is skipped, naming the line",
          "[ingest][reader]") {
  TempDir dir;
  std::string long_line(120, 'x');
  // A header block of two lines and a blank one: the long line is line 5 of the file.
  std::string text =
      dir.Write("a.txt", "Title: T\nDate: 2024-03-23\n\nShort.\n" + long_line + "\nShort again.\n");
  std::string fine = dir.Write("b.txt", "Short.\r\n" + std::string(100, 'y') + "\r\n");
  std::string archive =
      dir.Write("c.jsonl", "{\"id\": \"r1\", \"text\": \"One.\\nTwo.\\n" + long_line + "\"}\n" +
                               "{\"id\": \"r2\", \"text\": \"" + std::string(100, 'z') + "\"}\n");
  IngestOptions options;
  options.max_line_bytes = 100;
  DiagnosticList diags;
  std::vector<Document> docs = ReadAll({text, fine, archive}, &diags, options);
  CHECK(Ids(docs) == std::vector<std::string>{fine, "r2"});
  CHECK(Formatted(diags) ==
        std::vector<std::string>{
            text + ":5: error: line of 120 bytes is over the 100-byte limit for a line; skipped",
            archive +
                ":1: error: record \"r1\": line 3 of its text is 120 bytes, over the 100-byte "
                "limit for a line; skipped"});
  CHECK(diags.items()[0].reason == "line-too-long");
  CHECK(diags.items()[1].doc_id == "r1");
  CHECK(IngestOptions().max_line_bytes == 1048576);
}

TEST_CASE("An empty input set yields no documents", "[ingest][reader]") {
  TempDir dir;
  DiagnosticList diags;
  CHECK(ReadAll({}, &diags).empty());
  CHECK(ReadAll({dir.path()}, &diags).empty());
  CHECK(diags.items().empty());
}

TEST_CASE("Gzip-compressed archives are read, a truncated one is reported", "[ingest][reader]") {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 200; ++i) {
    content += "{\"id\": \"r" + std::to_string(i) + "\", \"text\": \"Story number " +
               std::to_string(i) + " about a flood that killed " + std::to_string(i) +
               " people.\"}\n";
  }
  std::string gz = dir.path() + "/a.jsonl.gz";
  WriteGzip(gz, content);
  DiagnosticList diags;
  std::vector<Document> docs = ReadAll({gz}, &diags);
  CHECK(docs.size() == 200);
  CHECK(diags.items().empty());

  std::string bytes = testing::ReadFileOrDie(gz);
  std::string cut = dir.Write("cut.jsonl.gz", bytes.substr(0, bytes.size() / 2));
  DiagnosticList cut_diags;
  std::vector<Document> partial = ReadAll({cut}, &cut_diags);
  CHECK(partial.size() > 0);
  CHECK(partial.size() < 200);
  REQUIRE(!cut_diags.items().empty());
  const Diagnostic& last = cut_diags.items().back();
  CHECK(last.reason == "truncated");
  CHECK(last.message.find("truncated gzip stream (unexpected end of file)") == 0);
}

TEST_CASE("The reader's position reaches the inputs' stored size", "[ingest][reader]") {
  TempDir dir;
  std::string records;
  for (int i = 0; i < 300; ++i) {
    records += "{\"id\": \"r" + std::to_string(i) + "\", \"text\": \"Some " + std::to_string(i) +
               " words of text, and more of them to fill the line.\"}\n";
  }
  std::string plain = dir.Write("a.jsonl", records);
  std::string gz = dir.path() + "/b.jsonl.gz";
  std::string renamed = records;  // other ids, or the second copy would be duplicates
  for (size_t at = renamed.find("\"r"); at != std::string::npos; at = renamed.find("\"r", at))
    renamed[++at] = 'g';
  WriteGzip(gz, renamed);
  dir.Write("texts/one.txt", "First text.\n");
  dir.Write("texts/two.txt", "Second text, a little longer.\n");
  std::vector<std::string> inputs = {plain, gz, dir.path() + "/texts"};
  uint64_t total = TotalInputBytes(inputs);
  uint64_t gz_size = std::filesystem::file_size(gz);
  CHECK(total == records.size() + gz_size + 12 + 30);
  DiagnosticList diags;
  DocumentReader reader(inputs, IngestOptions(), &diags);
  Document doc;
  CHECK(reader.input_position() == 0);
  std::vector<uint64_t> positions;
  while (reader.Next(&doc)) positions.push_back(reader.input_position());
  REQUIRE(positions.size() == 602);
  CHECK(std::is_sorted(positions.begin(), positions.end()));
  CHECK(positions[299] <= records.size());
  CHECK(positions.back() == total);
  CHECK(TotalInputBytes({plain, "-"}) == 0);
}

TEST_CASE("IsJsonLinesPath", "[ingest][reader]") {
  CHECK(IsJsonLinesPath("a.jsonl"));
  CHECK(IsJsonLinesPath("dir/a.jsonl.gz"));
  CHECK(IsJsonLinesPath("a.ndjson"));
  CHECK_FALSE(IsJsonLinesPath("a.json"));
  CHECK_FALSE(IsJsonLinesPath("a.txt.gz"));
  CHECK_FALSE(IsJsonLinesPath("jsonl"));
}

}  // namespace
}  // namespace factdiff
