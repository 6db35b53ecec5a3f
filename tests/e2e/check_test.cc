// End-to-end tests: run the factdiff binary and check its output and exit code.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <fmt/format.h>
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
      std::string doc =
          std::filesystem::path(c["doc"].get<std::string>()).filename().string().substr(0, 3);
      line += " " + doc + ":" + std::to_string(c["line"].get<int>()) + ":" +
              c["value"].get<std::string>();
    }
    out.push_back(line);
  }
  return out;
}

TEST_CASE("check on the people fixtures finds names, posts and quotes that differ", "[e2e]") {
  testing::CommandResult r = Factdiff("check --format json fixtures/people");
  CHECK(r.exit_code == 1);
  json report = json::parse(r.out);
  CheckAgainstExpected(report, "people_check.json");
  // Ruth Okafor, who runs the depot, is not the admiral: no finding pairs them.
  for (const json& f : report["findings"]) {
    for (const json& c : f["claims"]) CHECK(c.value("person", "") != "Ruth Okafor");
  }
}

TEST_CASE(
    "check on the seed articles flags what EXPECTED.md's editor flags, and nothing it forbids",
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
      // 4. ISIS-K founding year: 2014 against 2015; 003 and 004 are undated, so their relative
      // years are listed unresolved (000 is dated by a full date at its top).
      "conflict founded: 000:47:2015 002:13:2014 002:17:early 2015 003:11:nine years ago "
      "004:11:Roughly a decade old",
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
      for (const char* other : {"nearly 100", "90", "all 224", "15", "more than 60", "two", "13",
                                "nearly 200", "more than 200", "Scores"}) {
        CHECK(values.count(other) == 0);
      }
    }
    for (const char* never : {"4770", "hundreds", "6,200", "29", "88"})
      CHECK(values.count(never) == 0);
    if (values.count("nearly 200")) CHECK(f["kind"] != "conflict");
  }
  CHECK(std::find(findings.begin(), findings.end(),
                  "agreement killed: 000:59:13 002:37:13 003:19:13 004:51:13") != findings.end());
  // People and quotes (rows 5, 8, 9, 10 and 11), each with the exact differing words; the
  // agreements on Ghafari (two sources) and al-Qurashi (000 and its copy 001: one source).
  std::vector<std::string> people;
  for (const json& f : report["findings"]) {
    std::string measure = f["measure"];
    if (measure != "person" && measure != "affiliation" && measure != "quote") continue;
    std::string line = fmt::format("{} {} {} ({} sources):", f["kind"].get<std::string>(), measure,
                                   f["event"].get<std::string>(), f["sources"].get<int>());
    for (const json& c : f["claims"]) {
      std::string doc = c["doc"];
      line += fmt::format(" {}", doc.substr(doc.rfind('/') + 1, 3));
    }
    for (const json& w : f.value("changes", json::array())) {
      line += fmt::format("; {} \"{}\" -> \"{}\"", w["kind"].get<std::string>(),
                          w["from"].get<std::string>(), w["to"].get<std::string>());
    }
    people.push_back(line);
  }
  INFO(json(people).dump(2));
  for (const char* want : {
           "conflict person Michael E Kurilla (3 sources): 000 001 003 004; given-name "
           "\"Michael E\" -> \"Erik\"",
           "conflict affiliation Colin P Clarke (3 sources): 000 002 004; organisation \"Group\" "
           "-> \"Center\"; post \"counterterrorism analyst\" -> \"senior research fellow\"",
           "conflict quote Vladimir Putin (2 sources): 000 003; changed \"outright\" -> "
           "\"blatant\"; changed \"intimidate\" -> \"sow fear\"; spelling \"destabilise\" -> "
           "\"destabilize\"",
           "conflict quote Colin P Clarke (2 sources): 000 002; changed \"on\" -> \"in\"",
           "conflict quote Colin P Clarke (3 sources): 000 002 004; moved-in \"\" -> \"frequently "
           "criticizing Putin in its propaganda\"",
           "conflict quote Michael E Kurilla (3 sources): 000 001 003 004; added \"\" -> \"and\"",
           "variant person Qasem Soleimani (2 sources): 000 002; spelling \"Qasem\" -> "
           "\"Qassem\"",
           "agreement person Sanaullah Ghafari (2 sources): 002 003",
           "agreement person Abu Hafs al-Hashimi al-Qurashi (1 sources): 000 001",
       }) {
    INFO(want);
    CHECK(std::find(people.begin(), people.end(), want) != people.end());
  }
  // No person finding pairs two different people: every name in one ends in the same surname.
  for (const json& f : report["findings"]) {
    if (f["measure"] != "person") continue;
    std::set<std::string> surnames;
    for (const json& c : f["claims"]) {
      std::string v = c["value"];
      std::string last = v.substr(v.rfind(' ') + 1);
      if (last.rfind("al-", 0) == 0) last = last.substr(3);
      surnames.insert(last);
    }
    INFO(f.dump());
    CHECK(surnames.size() == 1);
  }
  // No seed carries a publication date: 000 is dated from the top of its text, the rest are
  // undated, and their relative dates are unresolved rather than read against today.
  std::vector<std::string> sources;
  for (const json& d : report["documents"]) sources.push_back(d["date_source"].get<std::string>());
  CHECK(sources ==
        std::vector<std::string>{"inferred from the latest full date at the top of the text",
                                 "none", "none", "none", "none"});
  CHECK(report["documents"][0]["date"] == "2024-03-23");
  for (const json& f : report["findings"]) {
    for (const json& c : f["claims"]) {
      if (c["value"] == "nine years ago" || c["value"] == "Roughly a decade old") {
        CHECK(c["resolved"] == false);
        CHECK(c["low"].is_null());
        CHECK(c["high"].is_null());
        CHECK(c["reported"].is_null());
      }
    }
  }
}

TEST_CASE("With the seeds' dates given, relative dates resolve and the toll is told in time order",
          "[e2e][seeds]") {
  std::string seeds = SourceDir() + "/../shared/seeds";
  if (!std::filesystem::exists(seeds)) {
    WARN("../shared/seeds is not present; skipped");
    return;
  }
  const std::string s = "../shared/seeds/";
  testing::CommandResult r =
      Factdiff("check --format json --date " + s + "001_98faa75171386d96.txt=2024-03-24 --date " +
               s + "002_75d4ad7e9ff018e8.txt=2024-03-28 --date " + s +
               "004_523ece8acc1f1402.txt=2024-03-23 --date " + s +
               "003_f83f936c93f8dedd.txt=2024-03-29 " + s + "*.txt");
  CHECK(r.exit_code == 1);
  json report = json::parse(r.out);
  std::vector<std::string> dates;
  for (const json& d : report["documents"])
    dates.push_back(d["date"].get<std::string>() + " " + d["date_source"].get<std::string>());
  CHECK(dates == std::vector<std::string>{
                     "2024-03-23 inferred from the latest full date at the top of the text",
                     "2024-03-24 --date", "2024-03-28 --date", "2024-03-29 --date",
                     "2024-03-23 --date"});
  std::vector<std::string> findings = Findings(report);
  INFO(json(findings).dump(2));
  for (const char* want : {
           // In the order reported: 000 and 004 on the 23rd, 001 on the 24th, 002's "as of
           // Wednesday" the 27th. 004's "dozens" and 000's "at least 115", both of the 23rd, clash.
           "conflict killed: 000:5:at least 115 004:3:more than 130 004:21:dozens 001:20:133 "
           "002:3:140",
           "conflict founded: 000:47:2015 004:11:Roughly a decade old 002:13:2014 002:17:early "
           "2015 "
           "003:11:nine years ago",
           // The arrests rose from 11 (23rd) to 12 or more (28th).
           "update detained: 000:9:11 001:3:11 002:55:four + at least eight",
           // Every dated "Friday" is the 22nd, inside 003's "last week".
           "agreement date: 000:23:Friday 004:3:Friday 002:1:Friday evening 003:5:last week",
       }) {
    INFO(want);
    CHECK(std::find(findings.begin(), findings.end(), want) != findings.end());
  }
  for (const json& f : report["findings"]) {
    if (f["measure"] == "killed" && f["claims"][0]["value"] == "at least 115") {
      CHECK(f["reason"].get<std::string>().find(
                "by date reported: 23 March 2024: \"at least 115\" (000_673ac94e07318d98.txt), "
                "\"more than 130\" "
                "(004_523ece8acc1f1402.txt), \"dozens\" (004_523ece8acc1f1402.txt); 24 March 2024: "
                "\"133\" "
                "(001_98faa75171386d96.txt); 27 March 2024 (as of Wednesday): \"140\" "
                "(002_75d4ad7e9ff018e8.txt)") != std::string::npos);
      CHECK(f["claims"][4]["reported"] == "2024-03-27");
      CHECK(f["claims"][4]["reported_as"] == "as of Wednesday");
      CHECK(f["superseded"] == json::array({2, 3}));
    }
    for (const json& c : f["claims"]) {
      if (c["value"] == "nine years ago")
        CHECK((c["low"] == 2015 && c["high"] == 2015 && c["resolved"] == true));
      if (c["value"] == "Roughly a decade old") CHECK((c["low"] == 2013 && c["high"] == 2015));
    }
  }
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
  CHECK(missing.out == dir.path() +
                           "/nope.txt: error: cannot open: No such file or directory\n"
                           "factdiff: error: no input documents\n");
  std::filesystem::create_directory(dir.path() + "/empty");
  testing::CommandResult empty = Factdiff("check '" + dir.path() + "/empty'", true);
  CHECK(empty.exit_code == 2);
  CHECK(empty.out == "factdiff: error: no input documents\n");
}

TEST_CASE(
    "The --date option dates a file, and an undated file's relative dates stay unresolved and the "
    "report says so",
    "[e2e][dates]") {
  TempDir dir;
  std::string a = dir.Write(
      "a.txt",
      "Date: 2024-03-25\n\nGunmen stormed a concert hall in Krasnogorsk on Friday, killing 40 "
      "people.\n");
  std::string b = dir.Write(
      "b.txt", "Gunmen stormed a concert hall in Krasnogorsk on Saturday, killing 40 people.\n");
  testing::CommandResult undated = Factdiff("check '" + a + "' '" + b + "'");
  CHECK(undated.exit_code == 0);
  CHECK(undated.out ==
        "undated: b.txt (no date in metadata or text): their relative dates, such as \"Friday\", "
        "are left "
        "unresolved; give --date FILE=YYYY-MM-DD to resolve them\n"
        "2 documents read, 4 claims: 0 conflicts, 0 updates, 0 variants, 1 agreement "
        "(--agreements lists them)\n");

  testing::CommandResult dated =
      Factdiff("check --date '" + b + "=2024-03-25' '" + a + "' '" + b + "'");
  CHECK(dated.exit_code == 1);
  CHECK(dated.out ==
        "conflict date, shooting, concert hall, Krasnogorsk, Moscow, Russia, March, 2024: "
        "\"Friday\" (a.txt) "
        "and \"Saturday\" (b.txt) cannot both be the date of the event\n"
        "  " +
            a +
            ":3:49: Friday [22 March 2024] (reported 2024-03-25)\n"
            "      Gunmen stormed a concert hall in Krasnogorsk on Friday, killing 40 people.\n"
            "  " +
            b +
            ":1:49: Saturday [23 March 2024] (reported 2024-03-25)\n"
            "      Gunmen stormed a concert hall in Krasnogorsk on Saturday, killing 40 people.\n"
            "\n"
            "2 documents read, 4 claims: 1 conflict, 0 updates, 0 variants, 1 agreement "
            "(--agreements lists them)\n");

  testing::CommandResult json_out =
      Factdiff("check --format json --date 2024-03-26 '" + a + "' '" + b + "'");
  json report = json::parse(json_out.out);
  CHECK(report["documents"][0]["date"] == "2024-03-25");
  CHECK(report["documents"][0]["date_source"] == "metadata");
  CHECK(report["documents"][1]["date"] == "2024-03-26");
  CHECK(report["documents"][1]["date_source"] == "--date");

  std::string c = dir.Write(
      "c.jsonl", "{\"id\": \"x\", \"date\": \"last spring\", \"text\": \"Floods hit Aceh.\"}\n");
  testing::CommandResult unreadable = Factdiff("check --format json '" + c + "'");
  json r3 = json::parse(unreadable.out);
  CHECK(r3["documents"][0]["date"].is_null());
  CHECK(r3["documents"][0]["date_source"] == "none");
  CHECK(r3["diagnostics"][0]["message"] ==
        "cannot read the date \"last spring\"; the document's date is unknown");
  CHECK(r3["diagnostics"][0]["line"] == 1);

  testing::CommandResult bad = Factdiff("check --date 2024-02-30 '" + a + "'", true);
  CHECK(bad.exit_code == 2);
  CHECK(
      bad.out ==
      "factdiff: error: --date \"2024-02-30\": not a day (give YYYY-MM-DD, or FILE=YYYY-MM-DD)\n");
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
  std::string jsonl = dir.Write(
      "3.jsonl", "{\"id\": \"x\", \"text\": \"Floods in Aceh killed 13 people.\"}\nnot json\n");
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
        "tests/extract/testdata/failing_rule.json:11:9: FAIL test.smote: \"The knight smote 3 "
        "dragons.\"\n"
        "    expected: killed \"4\" [4, 4] people\n"
        "    got:      killed \"3\" [3, 3] people\n"
        "tests/extract/testdata/failing_rule.json:13:27: FAIL test.smote: \"The knight smote 5 "
        "more.\"\n"
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
  REQUIRE(std::regex_search(
      out, m, std::regex("claim rules: ([0-9]+) examples, ([0-9]+) counterexamples")));
  CHECK(std::stoi(m[1]) >= 150);
  CHECK(std::stoi(m[2]) >= 60);
}

TEST_CASE("A broken rule folder stops the run with the file and line", "[e2e][rules]") {
  TempDir dir;
  dir.Write(
      "claims/killed.json",
      "{\"kind\": \"claims\", \"screen\": \"x\", \"rules\": [\n  {\"id\": \"k\", \"measure\": "
      "\"killed\", \"pattern\": \"(\", \"examples\": [{\"text\": \"t\", \"claims\": []}]}]}\n");
  std::string a = dir.Write("a.txt", "Floods in Aceh killed 12 people.\n");
  testing::CommandResult r = Factdiff("check --rules '" + dir.path() + "' '" + a + "'", true);
  CHECK(r.exit_code == 2);
  CHECK(r.out == dir.path() +
                     "/claims/killed.json:2:47: error: rule \"k\": bad pattern: missing ): (\n"
                     "factdiff: error: the rule files are broken; nothing was read\n");
}

TEST_CASE("explain prints how a sentence was read", "[e2e][rules]") {
  testing::CommandResult r = Factdiff("explain 'The toll rose to 70, officials said.'");
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "sentence: The toll rose to 70, officials said.\n"
        "quantities:\n"
        "  \"70\" at 17..19: count [70, 70]\n"
        "as the rules see it: The toll rose to \xE2\x9F\xA8"
        "0\xE2\x9F\xA9, officials said.\n"
        "rules the rule set let through: killed.toll\n"
        "  killed.toll matched \"toll rose to 70\" at 4..19: count=\"70\"; kept\n"
        "claims:\n"
        "  killed \"70\" [70, 70] people (according to officials) (rule killed.toll)\n");
}

}  // namespace
}  // namespace factdiff

namespace factdiff {
namespace {

TEST_CASE("A folder given with --rules adds rules; the inputs after it are still inputs",
          "[e2e][rules]") {
  TempDir dir;
  std::string a = dir.Write("a.txt", "Some 5,000 people were displaced by the fighting.\n");
  testing::CommandResult r =
      Factdiff("extract --format json --rules tests/e2e/testdata/rules '" + a + "'");
  CHECK(r.exit_code == 0);
  json report = json::parse(r.out);
  REQUIRE(report["claims"].size() == 1);
  CHECK(report["claims"][0]["measure"] == "displaced");
  CHECK(report["claims"][0]["rule"] == "displaced.passive");
  testing::CommandResult e = Factdiff(
      "explain --rules tests/e2e/testdata/rules 'About 300 families were evacuated from the "
      "valley.'");
  CHECK(e.exit_code == 0);
  CHECK(e.out.find("displaced \"About 300\" [270, 330] families (rule displaced.passive)") !=
        std::string::npos);
}

}  // namespace
}  // namespace factdiff
