// End-to-end tests of `factdiff audit`: stories, every article accounted for, jobs, gzip,
// broken input, and files written whole.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "factdiff/atomic_file.h"
#include "test_util.h"

namespace factdiff {
namespace {

using nlohmann::json;
using testing::Binary;
using testing::ReadFileOrDie;
using testing::Run;
using testing::SourceDir;
using testing::TempDir;

const char* kOutputs[] = {"findings.jsonl", "stories.jsonl", "skipped.jsonl", "index.html",
                          "summary.json"};

testing::CommandResult Audit(const std::string& args) {
  return Run("cd '" + SourceDir() + "' && '" + Binary() + "' audit --quiet " + args +
             " 2>/dev/null");
}

std::vector<json> Lines(const std::string& path) {
  std::vector<json> out;
  std::istringstream in(ReadFileOrDie(path));
  std::string line;
  while (std::getline(in, line)) out.push_back(json::parse(line));
  return out;
}

// "label: article, article" for each story.
std::vector<std::string> Stories(const std::string& dir) {
  std::vector<std::string> out;
  for (const json& s : Lines(dir + "/stories.jsonl")) {
    std::string line = s["label"].get<std::string>() + ":";
    for (const json& a : s["articles"]) {
      line += ' ';
      line += a.get<std::string>();
    }
    out.push_back(line);
  }
  return out;
}

TEST_CASE("audit groups look-alike events into separate stories and accounts for every article",
          "[e2e][audit]") {
  TempDir dir;
  testing::CommandResult r = Audit("fixtures/audit/archive.jsonl --out '" + dir.path() + "'");
  CHECK(r.exit_code == 1);
  // Two earthquakes in Aceh three years apart, two shootings in Moscow: four stories, and an
  // article with no figure alone.
  CHECK(Stories(dir.path()) ==
        std::vector<std::string>{
            "earthquake, Aceh, Indonesia, July, 2013: quake13-wire quake13-daily",
            "earthquake, Aceh, Indonesia, December, 2016: quake16-wire quake16-post",
            "shooting, Moscow, Russia, December, 2021: moscow21-wire moscow21-post",
            "shooting, Crocus City Hall, Krasnogorsk, Moscow, March, 2024: moscow24-wire "
            "moscow24-daily",
            "no figures to place (recipes): recipes",
        });
  std::vector<std::string> skipped;
  for (const json& s : Lines(dir.path() + "/skipped.jsonl")) {
    skipped.push_back(s["reason"].get<std::string>() + " line " +
                      std::to_string(s["line"].get<int>()) + ' ' + s.value("id", ""));
  }
  CHECK(skipped == std::vector<std::string>{"malformed line 9 ", "empty line 10 empty-one",
                                            "duplicate-id line 11 moscow24-wire"});
  // Every record is in exactly one of stories.jsonl and skipped.jsonl: 9 read, 3 skipped.
  json summary = json::parse(ReadFileOrDie(dir.path() + "/summary.json"));
  CHECK(summary["articles"] == 9);
  CHECK(summary["skipped"] == 3);
  CHECK(summary["stories"] == 5);
  CHECK(summary["stories_with_several_articles"] == 4);
  // Findings carry their story; the conflicts are within stories, never across.
  std::vector<std::string> conflicts;
  for (const json& f : Lines(dir.path() + "/findings.jsonl")) {
    if (f["kind"] != "conflict") continue;
    std::string line = f["story"].get<std::string>() + " " + f["measure"].get<std::string>() + ":";
    for (const json& c : f["claims"]) {
      line += ' ';
      line += c["doc"].get<std::string>() + "=" + c["value"].get<std::string>();
    }
    conflicts.push_back(line);
  }
  CHECK(conflicts == std::vector<std::string>{
                         "s2 killed: quake16-wire=102 quake16-post=Ninety-seven",
                         "s3 killed: moscow21-wire=two moscow21-post=three",
                     });
  // The index links each story with findings to its report.
  std::string index = ReadFileOrDie(dir.path() + "/index.html");
  CHECK(index.find("<a href=\"stories/s2.html\">earthquake, Aceh, Indonesia, December, 2016</a>") !=
        std::string::npos);
  CHECK(std::filesystem::exists(dir.path() + "/stories/s2.html"));
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/stories/s5.html"));
}

TEST_CASE("audit skips an article over the claims limit and accounts for it", "[e2e][audit]") {
  TempDir dir;
  testing::CommandResult r =
      Audit("fixtures/audit/archive.jsonl --max-claims 2 --out '" + dir.path() + "'");
  CHECK(r.exit_code == 1);
  // The two 2013 quake articles have three claims each; the rest have at most two.
  std::vector<std::string> skipped;
  for (const json& s : Lines(dir.path() + "/skipped.jsonl")) {
    skipped.push_back(s["reason"].get<std::string>() + " line " +
                      std::to_string(s["line"].get<int>()) + ' ' + s.value("id", "") + ": " +
                      s["message"].get<std::string>());
  }
  CHECK(skipped ==
        std::vector<std::string>{
            "too-many-claims line 1 quake13-wire: record \"quake13-wire\" has 3 claims, over the "
            "limit of 2 (--max-claims); skipped",
            "too-many-claims line 2 quake13-daily: record \"quake13-daily\" has 3 claims, over the "
            "limit of 2 (--max-claims); skipped",
            "malformed line 9 : malformed JSON Lines record: syntax error while parsing value - "
            "invalid string: missing closing quote; last read: '\"unterminated'; skipped",
            "empty line 10 empty-one: record \"empty-one\" has an empty text; skipped",
            "duplicate-id line 11 moscow24-wire: duplicate id \"moscow24-wire\": an earlier "
            "document has it; skipped"});
  json summary = json::parse(ReadFileOrDie(dir.path() + "/summary.json"));
  CHECK(summary["articles"] == 7);
  CHECK(summary["skipped"] == 5);
  CHECK(summary["skipped_by_reason"]["too-many-claims"] == 2);
}

TEST_CASE("audit output is byte-identical whatever the number of jobs", "[e2e][audit]") {
  TempDir one, two;
  std::string inputs = "fixtures/audit/archive.jsonl ../shared/corpora/ecbplus.jsonl";
  if (!std::filesystem::exists(SourceDir() + "/../shared/corpora/ecbplus.jsonl")) {
    inputs = "fixtures/audit/archive.jsonl fixtures/crocus";
  }
  CHECK(Audit("--jobs 1 " + inputs + " --out '" + one.path() + "'").exit_code == 1);
  CHECK(Audit("--jobs 2 " + inputs + " --out '" + two.path() + "'").exit_code == 1);
  for (const char* name : kOutputs) {
    INFO(name);
    CHECK(ReadFileOrDie(one.path() + "/" + name) == ReadFileOrDie(two.path() + "/" + name));
  }
}

TEST_CASE("audit keeps the sentences in a temporary file it leaves nothing of, or in memory",
          "[e2e][audit]") {
  TempDir tmp, spilled, in_memory;
  const std::string input = "fixtures/audit/archive.jsonl";
  CHECK(Run("cd '" + SourceDir() + "' && TMPDIR='" + tmp.path() + "' '" + Binary() +
            "' audit --quiet " + input + " --out '" + spilled.path() + "' 2>/dev/null")
            .exit_code == 1);
  CHECK(std::filesystem::is_empty(tmp.path()));  // unlinked as soon as it was made
  // No temporary file can be made there: the sentences stay in memory, the output is the same.
  CHECK(Run("cd '" + SourceDir() + "' && TMPDIR='" + tmp.path() + "/missing' '" + Binary() +
            "' audit --quiet " + input + " --out '" + in_memory.path() + "' 2>/dev/null")
            .exit_code == 1);
  for (const char* name : kOutputs) {
    INFO(name);
    CHECK(ReadFileOrDie(spilled.path() + "/" + name) ==
          ReadFileOrDie(in_memory.path() + "/" + name));
  }
  // Every claim of a finding has its sentence back, with the value where text_span says.
  size_t claims = 0;
  for (const json& f : Lines(spilled.path() + "/findings.jsonl")) {
    for (const json& c : f["claims"]) {
      std::string text = c["text"].get<std::string>();
      size_t b = c["text_span"][0].get<size_t>(), e = c["text_span"][1].get<size_t>();
      REQUIRE(e <= text.size());
      if (b < e) CHECK(text.substr(b, e - b) == c["value"].get<std::string>());
      ++claims;
    }
  }
  CHECK(claims > 10);
}

TEST_CASE("audit --timings prints the time of each phase", "[e2e][audit]") {
  TempDir out;
  testing::CommandResult r = Run("cd '" + SourceDir() + "' && '" + Binary() +
                                 "' audit --quiet --timings fixtures/audit/archive.jsonl --out '" +
                                 out.path() + "' 2>&1 >/dev/null");
  std::vector<std::string> phases;
  std::istringstream in(r.out);
  // Phase lines ("    load rules:    0.27 s    1.6%"), not the archive's diagnostics.
  const std::regex phase(R"(^ *([a-z ,]+): +[0-9]+\.[0-9]{2} s( +[0-9.]+%)?$)");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, phase)) phases.push_back(m[1]);
  }
  CHECK(phases == std::vector<std::string>{"load rules", "engines", "read and extract",
                                           "link events and people, find copies", "stories",
                                           "compare stories", "write", "total"});
}

TEST_CASE("audit reads a gzip archive, and a truncated one up to where it breaks", "[e2e][audit]") {
  TempDir dir;
  std::string gz = dir.path() + "/archive.jsonl.gz";
  REQUIRE(
      Run("gzip -c '" + SourceDir() + "/fixtures/audit/archive.jsonl' > '" + gz + "'").exit_code ==
      0);
  std::string plain = dir.path() + "/plain", zipped = dir.path() + "/zipped";
  Audit("fixtures/audit/archive.jsonl --out '" + plain + "'");
  CHECK(Audit("'" + gz + "' --out '" + zipped + "'").exit_code == 1);
  CHECK(Stories(zipped) == Stories(plain));

  // Cut the compressed file in the middle: what was read is processed, the break reported.
  std::string cut = dir.path() + "/cut.jsonl.gz";
  size_t size = std::filesystem::file_size(gz);
  REQUIRE(
      Run("head -c " + std::to_string(size * 2 / 3) + " '" + gz + "' > '" + cut + "'").exit_code ==
      0);
  std::string out = dir.path() + "/cut";
  testing::CommandResult r = Audit("'" + cut + "' --out '" + out + "'");
  CHECK(r.exit_code != 2);
  std::vector<json> skipped = Lines(out + "/skipped.jsonl");
  REQUIRE_FALSE(skipped.empty());
  CHECK(skipped.back()["path"] == cut);
  // The records after the break cannot be named: the break itself is accounted for.
  CHECK(skipped.back()["reason"] == "truncated");
  CHECK(skipped.back()["message"].get<std::string>().find(
            "truncated gzip stream (unexpected end of file); records after line ") == 0);
  json summary = json::parse(ReadFileOrDie(out + "/summary.json"));
  CHECK(summary["skipped_by_reason"]["truncated"] == 1);
  CHECK(summary["articles"] > 0);
  CHECK(summary["articles"] < 9);
}

TEST_CASE("Files are written whole or not at all", "[e2e][audit]") {
  TempDir dir;
  std::string path = dir.Write("out.json", "old content\n");
  {
    AtomicFile f(path);
    f.out() << "new content\n";
    // Until committed, readers see the old file; the new one waits under a hidden name.
    CHECK(ReadFileOrDie(path) == "old content\n");
    CHECK(std::filesystem::exists(f.temp_path()));
    CHECK(f.temp_path() == dir.path() + "/.out.json.tmp");
  }
  // Abandoned (an interrupted run): the old file stands and no temporary file is left.
  CHECK(ReadFileOrDie(path) == "old content\n");
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/.out.json.tmp"));
  {
    AtomicFile f(path);
    f.out() << "new content\n";
    CHECK(f.Commit().ok());
  }
  CHECK(ReadFileOrDie(path) == "new content\n");
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/.out.json.tmp"));
  // A file that cannot be written says so and leaves nothing behind.
  Status s = WriteFileAtomically(dir.path() + "/no/such/folder/x.json", "x");
  CHECK(s.message() == dir.path() + "/no/such/folder/x.json: error: cannot write the file");

  // After an audit, only complete files are in the folder.
  std::string out = dir.path() + "/audit";
  Audit("fixtures/audit/archive.jsonl --out '" + out + "'");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    INFO(entry.path().string());
    CHECK(entry.path().filename().string().rfind('.', 0) != 0);
  }
  for (const char* name : kOutputs) CHECK(std::filesystem::exists(out + "/" + name));
}

}  // namespace
}  // namespace factdiff

namespace factdiff {
namespace {

// The stories as sets of articles, whatever their order and labels.
std::set<std::set<std::string>> StorySets(const std::string& dir) {
  std::set<std::set<std::string>> out;
  for (const json& s : Lines(dir + "/stories.jsonl")) {
    std::set<std::string> articles;
    for (const json& a : s["articles"]) articles.insert(a.get<std::string>());
    out.insert(articles);
  }
  return out;
}

TEST_CASE("extract --format jsonl and compare, in two steps, find the audit's stories",
          "[e2e][audit]") {
  TempDir dir;
  // The map step over two shards; the reduce step over the files in either order.
  std::string a = dir.path() + "/a.jsonl", b = dir.path() + "/b.jsonl";
  REQUIRE(Run("cd '" + SourceDir() + "' && head -6 fixtures/audit/archive.jsonl > '" + dir.path() +
              "/shard1.jsonl' && tail -n +7 fixtures/audit/archive.jsonl > '" + dir.path() +
              "/shard2.jsonl'")
              .exit_code == 0);
  REQUIRE(Run("'" + Binary() + "' extract --format jsonl '" + dir.path() + "/shard1.jsonl' > '" +
              a + "' 2>/dev/null")
              .exit_code == 0);
  REQUIRE(Run("'" + Binary() + "' extract --format jsonl '" + dir.path() + "/shard2.jsonl' > '" +
              b + "' 2>/dev/null")
              .exit_code == 0);
  std::string ab = dir.path() + "/ab", ba = dir.path() + "/ba", audit = dir.path() + "/audit";
  CHECK(Run("'" + Binary() + "' compare -q '" + a + "' '" + b + "' --out '" + ab + "'").exit_code ==
        1);
  CHECK(Run("'" + Binary() + "' compare -q '" + b + "' '" + a + "' --out '" + ba + "'").exit_code ==
        1);
  for (const char* name : kOutputs) {
    INFO(name);
    CHECK(ReadFileOrDie(ab + "/" + name) == ReadFileOrDie(ba + "/" + name));
  }
  Audit("fixtures/audit/archive.jsonl --out '" + audit + "'");
  CHECK(StorySets(ab) == StorySets(audit));
  json summary = json::parse(ReadFileOrDie(ab + "/summary.json"));
  CHECK(summary["findings"]["conflict"] == 2);
  // A broken claims line is reported with its file and line, and the rest is compared.
  REQUIRE(Run("echo '{\"document\": 1}' >> '" + b + "'").exit_code == 0);
  std::string broken = dir.path() + "/broken";
  Run("'" + Binary() + "' compare -q '" + a + "' '" + b + "' --out '" + broken + "'");
  std::vector<json> skipped = Lines(broken + "/skipped.jsonl");
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0]["path"] == b);
  CHECK(skipped[0]["reason"] == "malformed");
  CHECK(StorySets(broken) == StorySets(audit));
}

}  // namespace
}  // namespace factdiff
