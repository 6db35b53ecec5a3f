// End-to-end tests: run the factdiff binary and check its output and exit code.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace factdiff {
namespace {

using nlohmann::json;
using testing::Binary;
using testing::Run;
using testing::SourceDir;
using testing::TempDir;

// Runs factdiff with `args` from the source folder; standard error is dropped unless
// `keep_stderr`, in which case it is merged into the output.
testing::CommandResult Factdiff(const std::string& args, bool keep_stderr = false) {
  return Run("cd '" + SourceDir() + "' && '" + Binary() + "' " + args +
             (keep_stderr ? " 2>&1" : " 2>/dev/null"));
}

// Compares `got` with the expected file tests/e2e/expected/NAME; with FACTDIFF_UPDATE_EXPECTED
// set, rewrites the file instead.
void CheckAgainstExpected(const json& got, const std::string& name) {
  std::string path = SourceDir() + "/tests/e2e/expected/" + name;
  if (std::getenv("FACTDIFF_UPDATE_EXPECTED") != nullptr) {
    std::ofstream(path) << got.dump(2) << "\n";
  }
  REQUIRE(std::filesystem::exists(path));
  json want = json::parse(testing::ReadFileOrDie(path));
  INFO("differences (want -> got): " << json::diff(want, got).dump(2));
  CHECK(got == want);
}

TEST_CASE("check on the fixture articles gives the expected JSON report", "[e2e]") {
  testing::CommandResult r = Factdiff("check --format json fixtures/crocus");
  CHECK(r.exit_code == 1);
  CheckAgainstExpected(json::parse(r.out), "crocus_check.json");
}

// Returns each finding as "kind measure: doc:line:value, ..." with documents by their
// three-digit prefix.
std::vector<std::string> Findings(const json& report) {
  std::vector<std::string> out;
  for (const json& f : report["findings"]) {
    std::string line = f["kind"].get<std::string>() + " " + f["measure"].get<std::string>() + ":";
    for (const json& c : f["claims"]) {
      std::string doc = std::filesystem::path(c["doc"].get<std::string>()).filename().string().substr(0, 3);
      line += " " + doc + ":" + std::to_string(c["line"].get<int>()) + ":" + c["value"].get<std::string>();
    }
    out.push_back(line);
  }
  return out;
}

TEST_CASE("check on the seed articles flags what EXPECTED.md's editor flags, and nothing it forbids",
          "[e2e][seeds]") {
  std::string seeds = SourceDir() + "/../shared/seeds";
  if (!std::filesystem::exists(seeds)) {
    WARN("../shared/seeds is not present; skipped");
    return;
  }
  testing::CommandResult r = Factdiff("check --format json ../shared/seeds/*.txt");
  CHECK(r.exit_code == 1);
  json report = json::parse(r.out);
  CHECK(report["documents"].size() == 5);
  CHECK(report["documents"][1]["copy_of"] == "../shared/seeds/000_673ac94e07318d98.txt");
  std::vector<std::string> findings = Findings(report);
  INFO(json(findings).dump(2));
  // Must flag (core): rows 1, 2, 3, 6 and 7, each as a non-agreement finding with exactly these
  // documents and values.
  const std::vector<std::string> must = {
      // 1. Crocus attack, killed
      "conflict killed: 000:5:at least 115 001:20:133 002:3:140 004:3:more than 130 004:21:dozens",
      // 2. Crocus attack, injured
      "variant injured: 000:5:more than 145 002:3:182 004:21:more than 100",
      // 3. ISIS-K strength
      "conflict strength: 000:55:1500 to 2200 001:6:1500 to 2200 002:21:between 4,000 and 6,000 "
      "003:13:between 4,000 and 6,000",
      // 6. Arrests after the attack
      "conflict detained: 000:9:11 001:3:11 002:55:four + at least eight",
      // 7. Kerman bombings, killed
      "conflict killed: 000:61:nearly 100 002:41:nearly 100 003:27:90 004:56:Scores",
  };
  for (const std::string& want : must) {
    INFO(want);
    CHECK(std::find(findings.begin(), findings.end(), want) != findings.end());
  }
  // Must not flag: figures about other events set against the Crocus toll, injured against
  // killed, statistics that are not one event's casualties; Kabul's parts and total never conflict.
  for (const json& f : report["findings"]) {
    std::set<std::string> values;
    for (const json& c : f["claims"]) values.insert(c["value"].get<std::string>());
    INFO(f.dump());
    if (values.count("at least 115") || values.count("182")) {
      for (const char* other : {"nearly 100", "90", "all 224", "15", "more than 60", "two", "13", "nearly 200",
                                "more than 200", "Scores"}) {
        CHECK(values.count(other) == 0);
      }
    }
    for (const char* never : {"4770", "hundreds", "6,200", "29", "88"}) CHECK(values.count(never) == 0);
    if (values.count("nearly 200")) CHECK(f["kind"] != "conflict");
  }
  CHECK(std::find(findings.begin(), findings.end(),
                  "agreement killed: 000:59:13 002:37:13 003:19:13 004:51:13") != findings.end());
}

TEST_CASE("Exit codes: 0 when sources agree, 1 when they differ, 2 on error", "[e2e]") {
  TempDir dir;
  std::string a = dir.Write("a.txt", "Floods in Aceh killed 12 people on Monday.\n");
  std::string b = dir.Write("b.txt", "The floods in Aceh killed 12 people, officials said.\n");
  std::string c = dir.Write("c.txt", "Floods in Aceh killed 14 people on Monday.\n");
  CHECK(Factdiff("check '" + a + "' '" + b + "'").exit_code == 0);
  CHECK(Factdiff("check '" + a + "' '" + c + "'").exit_code == 1);
  CHECK(Factdiff("check").exit_code == 2);
  CHECK(Factdiff("frobnicate").exit_code == 2);
  CHECK(Factdiff("check --format yaml '" + a + "'").exit_code == 2);

  testing::CommandResult missing = Factdiff("check '" + dir.path() + "/nope.txt'", true);
  CHECK(missing.exit_code == 2);
  CHECK(missing.out == dir.path() + "/nope.txt: error: cannot open: No such file or directory\n"
                                    "factdiff: error: no input documents\n");
  std::filesystem::create_directory(dir.path() + "/empty");
  testing::CommandResult empty = Factdiff("check '" + dir.path() + "/empty'", true);
  CHECK(empty.exit_code == 2);
  CHECK(empty.out == "factdiff: error: no input documents\n");
}

TEST_CASE("Help and version", "[e2e]") {
  testing::CommandResult version = Factdiff("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("factdiff ", 0) == 0);
  testing::CommandResult help = Factdiff("check --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--format") != std::string::npos);
}

TEST_CASE("Standard input is read as text, or as JSON Lines with --jsonl", "[e2e]") {
  TempDir dir;
  std::string other = dir.Write("other.txt", "Floods in Aceh killed 14 people on Monday.\n");
  testing::CommandResult text =
      Run("printf 'Title: Floods\\n\\nFloods in Aceh killed 12 people.\\n' | '" + Binary() +
          "' check --format json - '" + other + "'");
  CHECK(text.exit_code == 1);
  json report = json::parse(text.out);
  CHECK(report["documents"][0]["id"] == "-");
  CHECK(report["documents"][0]["title"] == "Floods");
  CHECK(report["findings"][0]["claims"][0]["line"] == 3);

  testing::CommandResult jsonl =
      Run("printf '{\"id\": \"s1\", \"text\": \"Floods in Aceh killed 12 people.\"}\\n"
          "{\"id\": \"s2\", \"text\": \"Floods in Aceh killed 13 people.\"}\\n' | '" +
          Binary() + "' check --jsonl --format json -");
  CHECK(jsonl.exit_code == 1);
  json r2 = json::parse(jsonl.out);
  CHECK(r2["documents"][1]["id"] == "s2");
  CHECK(r2["documents"][1]["record_line"] == 2);
}

TEST_CASE("Problems in the input are reported and the rest is still checked", "[e2e]") {
  TempDir dir;
  std::string good1 = dir.Write("1.txt", "Floods in Aceh killed 12 people.\n");
  std::string bin = dir.Write("2.bin", std::string("\0\1\2\3", 4));
  std::string jsonl = dir.Write("3.jsonl", "{\"id\": \"x\", \"text\": \"Floods in Aceh killed 13 people.\"}\nnot json\n");
  testing::CommandResult r = Factdiff("check --format json '" + dir.path() + "'");
  CHECK(r.exit_code == 1);
  json report = json::parse(r.out);
  CHECK(report["documents"].size() == 2);
  REQUIRE(report["diagnostics"].size() == 2);
  CHECK(report["diagnostics"][0]["skipped"] == "binary");
  CHECK(report["diagnostics"][1]["skipped"] == "malformed");
  CHECK(report["diagnostics"][1]["line"] == 2);
  (void)good1;
  (void)bin;
  (void)jsonl;
}

}  // namespace
}  // namespace factdiff

namespace factdiff {
namespace {

TEST_CASE("rules test names each failure and ends with the tally", "[e2e][rules]") {
  testing::CommandResult r = Factdiff("rules test tests/extract/testdata/failing_rule.json");
  CHECK(r.exit_code == 1);
  CHECK(r.out ==
        "tests/extract/testdata/failing_rule.json:11:9: FAIL test.smote: \"The knight smote 3 dragons.\"\n"
        "    expected: killed \"4\" [4, 4] people\n"
        "    got:      killed \"3\" [3, 3] people\n"
        "tests/extract/testdata/failing_rule.json:13:27: FAIL test.smote: \"The knight smote 5 more.\"\n"
        "    expected: (nothing from this rule)\n"
        "    got:      killed \"5\" [5, 5] people\n"
        "claim rules: 1 examples, 1 counterexamples\n"
        "0 passed, 2 failed\n");
}

TEST_CASE("rules test over the default rules has enough examples and passes", "[e2e][rules]") {
  testing::CommandResult r = Factdiff("rules test rules");
  CHECK(r.exit_code == 0);
  std::smatch m;
  std::string out = r.out;
  REQUIRE(std::regex_search(out, m, std::regex("claim rules: ([0-9]+) examples, ([0-9]+) counterexamples")));
  CHECK(std::stoi(m[1]) >= 150);
  CHECK(std::stoi(m[2]) >= 60);
}

TEST_CASE("A broken rule folder stops the run with the file and line", "[e2e][rules]") {
  TempDir dir;
  dir.Write("claims/killed.json", "{\"kind\": \"claims\", \"screen\": \"x\", \"rules\": [\n  {\"id\": \"k\", \"measure\": \"killed\", \"pattern\": \"(\", \"examples\": [{\"text\": \"t\", \"claims\": []}]}]}\n");
  std::string a = dir.Write("a.txt", "Floods in Aceh killed 12 people.\n");
  testing::CommandResult r = Factdiff("check --rules '" + dir.path() + "' '" + a + "'", true);
  CHECK(r.exit_code == 2);
  CHECK(r.out == dir.path() + "/claims/killed.json:2:47: error: rule \"k\": bad pattern: missing ): (\n"
                              "factdiff: error: the rule files are broken; nothing was read\n");
}

TEST_CASE("explain prints how a sentence was read", "[e2e][rules]") {
  testing::CommandResult r = Factdiff("explain 'The toll rose to 70, officials said.'");
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "sentence: The toll rose to 70, officials said.\n"
        "quantities:\n"
        "  \"70\" at 17..19: count [70, 70]\n"
        "as the rules see it: The toll rose to \xE2\x9F\xA8" "0\xE2\x9F\xA9, officials said.\n"
        "rules the rule set let through: killed.toll\n"
        "  killed.toll matched \"toll rose to 70\" at 4..19: count=\"70\"; kept\n"
        "claims:\n"
        "  killed \"70\" [70, 70] people (according to officials) (rule killed.toll)\n");
}

}  // namespace
}  // namespace factdiff

namespace factdiff {
namespace {

TEST_CASE("A folder given with --rules adds rules; the inputs after it are still inputs", "[e2e][rules]") {
  TempDir dir;
  std::string a = dir.Write("a.txt", "Some 5,000 people were displaced by the fighting.\n");
  testing::CommandResult r = Factdiff("extract --format json --rules tests/e2e/testdata/rules '" + a + "'");
  CHECK(r.exit_code == 0);
  json report = json::parse(r.out);
  REQUIRE(report["claims"].size() == 1);
  CHECK(report["claims"][0]["measure"] == "displaced");
  CHECK(report["claims"][0]["rule"] == "displaced.passive");
  testing::CommandResult e =
      Factdiff("explain --rules tests/e2e/testdata/rules 'About 300 families were evacuated from the valley.'");
  CHECK(e.exit_code == 0);
  CHECK(e.out.find("displaced \"About 300\" [270, 330] families (rule displaced.passive)") != std::string::npos);
}

}  // namespace
}  // namespace factdiff
