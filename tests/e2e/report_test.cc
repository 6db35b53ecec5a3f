// End-to-end tests of the reports: the HTML page in a real browser (headless Chromium), hostile
// article text, the JSON report against its documented schema, and byte-identical output.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
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

testing::CommandResult Factdiff(const std::string& args) {
  return Run("cd '" + SourceDir() + "' && '" + Binary() + "' " + args + " 2>/dev/null");
}

// Returns the DOM of the page at `path` (with `fragment`, "" for none) after its script ran, as
// headless Chromium serialises it. Fails the test when Chromium is not installed (.ci/setup
// installs it).
std::string RenderedDom(const std::string& path, const std::string& fragment = "") {
  testing::CommandResult which = Run("command -v chromium");
  INFO("headless Chromium is needed for the browser tests: run .ci/setup");
  REQUIRE(which.exit_code == 0);
  std::string url = "file://" + std::filesystem::absolute(path).string() + fragment;
  testing::CommandResult r =
      Run("chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=3000 "
          "--dump-dom '" +
          url + "' 2>/dev/null");
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.find("</html>") != std::string::npos);
  return r.out;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// The value of data-shown on <body>: how many findings the filters show.
int Shown(const std::string& dom) {
  std::smatch m;
  REQUIRE(std::regex_search(dom, m, std::regex("<body data-shown=\"([0-9]+)\"")));
  return std::stoi(m[1]);
}

TEST_CASE("The HTML report shows every finding, and its filters work, in a real browser",
          "[e2e][browser]") {
  TempDir dir;
  std::string page = dir.path() + "/report.html";
  testing::CommandResult r = Factdiff("check --format json --html '" + page + "' fixtures/crocus");
  REQUIRE(r.exit_code == 1);
  json report = json::parse(r.out);
  std::map<std::string, int> kinds;
  for (const json& f : report["findings"]) ++kinds[f["kind"].get<std::string>()];
  size_t findings = report["findings"].size();
  REQUIRE(kinds["conflict"] > 0);
  REQUIRE(kinds["agreement"] > 0);

  // As it opens: every finding is a card; agreements start filtered out.
  std::string dom = RenderedDom(page);
  CHECK(Count(dom, "<article class=\"finding") == findings);
  CHECK(Shown(dom) == static_cast<int>(findings) - kinds["agreement"]);
  CHECK(dom.find(fmt::format("{} of {} findings shown", findings - kinds["agreement"], findings)) !=
        std::string::npos);
  for (const json& f : report["findings"]) {
    INFO(f["event"]);
    CHECK(dom.find(f["reason"].get<std::string>().substr(0, 20)) != std::string::npos);
  }
  // Every claim of a finding links to its place in its document, marked there.
  for (const json& f : report["findings"]) {
    for (const json& c : f["claims"]) {
      if (c["rule"] == "derived.sum") continue;
      INFO(c.dump());
      CHECK(dom.find("<mark class=\"claim found\" id=\"c") != std::string::npos);
    }
  }
  CHECK(Count(dom, "<mark class=\"claim") >= report["findings"][0]["claims"].size());
  CHECK(dom.find("copy of") != std::string::npos);  // digest.txt copies herald.txt

  // The kind filter, set from the address: only conflicts stay visible.
  dom = RenderedDom(page, "#kind=conflict");
  CHECK(Shown(dom) == kinds["conflict"]);
  CHECK(Count(dom, "data-kind=\"conflict\" data-measure") ==
        static_cast<size_t>(kinds["conflict"]));
  std::regex hidden_variant("<article class=\"finding kind-variant\"[^>]*hidden");
  if (kinds["variant"] > 0) CHECK(std::regex_search(dom, hidden_variant));
  // The measure filter: conflicts and variants about the number killed.
  int killed = 0;
  for (const json& f : report["findings"]) {
    if (f["measure"] == "killed" && f["kind"] != "agreement" && f["kind"] != "update") ++killed;
  }
  dom = RenderedDom(page, "#kind=conflict,variant&measure=killed");
  CHECK(Shown(dom) == killed);
}

TEST_CASE("A hostile article shows as text in the HTML report and runs nothing", "[e2e][browser]") {
  TempDir dir;
  const std::string attack =
      "<script>document.body.setAttribute('data-pwned','script')</script>"
      "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
      "\"><svg onload=\"document.body.setAttribute('data-pwned','svg')\">' onmouseover='x";
  dir.Write("a.txt", "Title: Attack " + attack +
                         "\nSource: <b>bold</b>\n\nGunmen stormed a concert hall in Krasnogorsk, "
                         "killing 40 people. " +
                         attack + "\n");
  dir.Write("b.txt",
            "Gunmen stormed a concert hall in Krasnogorsk " + attack + ", killing 45 people.\n");
  std::string page = dir.path() + "/report.html";
  testing::CommandResult r =
      Factdiff("check --html '" + page + "' '" + dir.path() + "/a.txt' '" + dir.path() + "/b.txt'");
  REQUIRE(r.exit_code == 1);
  std::string html = testing::ReadFileOrDie(page);
  CHECK(Count(html, "<script") == 1);  // the page's own
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<svg") == std::string::npos);
  CHECK(html.find("&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;") !=
        std::string::npos);
  std::string dom = RenderedDom(page);
  // The attack's text is in the page, but no element got the attribute it would set.
  CHECK(dom.find("data-pwned=") == std::string::npos);
  CHECK(Count(dom, "<article class=\"finding") == 1);
  CHECK(Shown(dom) == 1);
}

// Returns the field names documented in the table under "## `heading`" or "Each change:" of
// docs/json-report.md: the first cell of each row, in backquotes.
std::map<std::string, std::set<std::string>> DocumentedFields() {
  std::string doc = testing::ReadFileOrDie(SourceDir() + "/docs/json-report.md");
  std::map<std::string, std::set<std::string>> out;
  std::string section;
  std::istringstream in(doc);
  std::string line;
  std::regex heading("^## (\\w+)");
  std::regex row("^\\| (`[a-z_]+`(?:, `[a-z_]+`)*) \\|");
  std::regex name("`([a-z_]+)`");
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, heading)) {
      section = m[1];
    } else if (line.rfind("Each change:", 0) == 0) {
      section = "changes";
    } else if (std::regex_search(line, m, row)) {
      std::string cell = m[1];
      for (std::sregex_iterator it(cell.begin(), cell.end(), name), end; it != end; ++it) {
        out[section].insert((*it)[1]);
      }
    }
  }
  return out;
}

TEST_CASE("Every field of the JSON report is documented in docs/json-report.md", "[e2e]") {
  std::map<std::string, std::set<std::string>> documented = DocumentedFields();
  REQUIRE(documented.count("top"));
  testing::CommandResult r = Factdiff("check --format json fixtures/crocus fixtures/people");
  json report = json::parse(r.out);
  CHECK(report["schema_version"] == 1);
  auto check = [&](const json& object, const std::string& section) {
    for (auto it = object.begin(); it != object.end(); ++it) {
      INFO(section << "." << it.key());
      CHECK(documented[section].count(it.key()) == 1);
    }
  };
  check(report, "top");
  for (const json& d : report["documents"]) check(d, "documents");
  for (const json& f : report["findings"]) {
    check(f, "findings");
    for (const json& c : f["claims"]) check(c, "claims");
    for (const json& w : f.value("changes", json::array())) check(w, "changes");
  }
  for (const json& d : report["diagnostics"]) check(d, "diagnostics");
  // `factdiff extract` writes the same with its claims.
  json claims = json::parse(Factdiff("extract --format json fixtures/people").out);
  check(claims, "top");
  for (const json& c : claims["claims"]) check(c, "claims");
}

TEST_CASE("The same input gives byte-identical text, JSON and HTML", "[e2e]") {
  TempDir dir;
  for (const char* format : {"text", "json", "html"}) {
    INFO(format);
    std::string args = fmt::format("check --format {} fixtures/crocus fixtures/people", format);
    testing::CommandResult a = Factdiff(args);
    testing::CommandResult b = Factdiff(args);
    CHECK(a.exit_code == 1);
    CHECK(a.out.size() > 1000);
    CHECK(a.out == b.out);
  }
  // --html writes the same page --format html prints.
  std::string page = dir.path() + "/r.html";
  Factdiff("check --html '" + page + "' fixtures/crocus fixtures/people");
  CHECK(testing::ReadFileOrDie(page) ==
        Factdiff("check --format html fixtures/crocus fixtures/people").out);
}

}  // namespace
}  // namespace factdiff

namespace factdiff {
namespace {

TEST_CASE("An HTML report that cannot be written is an error, and nothing is left", "[e2e]") {
  TempDir dir;
  std::string page = dir.path() + "/missing/report.html";
  testing::CommandResult r =
      Run("cd '" + SourceDir() + "' && '" + Binary() + "' check --html '" + page +
          "' fixtures/crocus 2>&1 >/dev/null");
  CHECK(r.exit_code == 2);
  CHECK(r.out == page + ": error: cannot write the file\n");
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/missing"));
}

}  // namespace
}  // namespace factdiff
