#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "factdiff/extract.h"
#include "factdiff/rule_files.h"
#include "factdiff/rules.h"

namespace factdiff {
namespace {

// The default files with `extra` laid over them (by name).
std::vector<RuleFile> WithFile(const std::string& name, const std::string& text) {
  Result<std::vector<RuleFile>> files = LoadRuleFiles({});
  REQUIRE(files.ok());
  return OverlayRuleFiles(std::move(*files), {RuleFile{name, "test/" + name, text}});
}

std::string LoadError(const std::string& text) {
  Result<std::shared_ptr<const RuleSet>> r = RuleSet::Create(WithFile("claims/extra.json", text));
  REQUIRE_FALSE(r.ok());
  return r.status().message();
}

constexpr char kGoodRule[] =
    R"json({"id": "x.ok", "measure": "killed", "pattern": "smote (?P<count>{{count}})",
  "examples": [{"text": "He smote 3 men.", "claims": [{"value": "3", "low": 3, "high": 3, "subject": "people"}]}]})json";

struct ErrorCase {
  const char* name;
  std::string text;
  std::string error;
};

TEST_CASE("Broken rule files are reported like a compiler would, and nothing is loaded",
          "[extract][rules]") {
  const std::vector<ErrorCase> cases = {
      {"json syntax", "{\"kind\": \"claims\",\n \"rules\": [\n}",
       "test/claims/extra.json:3:1: error: invalid JSON: syntax error while parsing value - "
       "unexpected '}'; "
       "expected '[', '{', or a literal"},
      {"no kind", "{\"rules\": []}",
       "test/claims/extra.json:1:1: error: rule file has no \"kind\" (claims, macros, "
       "attributions, numbers, "
       "boilerplate, segmentation)"},
      {"bad pattern",
       "{\"kind\": \"claims\", \"screen\": \"slew\", \"rules\": [\n"
       "  {\"id\": \"x.bad\", \"measure\": \"killed\",\n   \"pattern\": \"slew ({{count}}\",\n"
       "   \"examples\": [{\"text\": \"t\", \"claims\": []}]}]}",
       "test/claims/extra.json:3:15: error: rule \"x.bad\": bad pattern: missing ): slew "
       "((?:\\x{E000}[0-9]+\\x{E001})"},
      {"over the memory budget",
       "{\"kind\": \"claims\", \"screen\": \"slew\", \"rules\": [\n"
       "  {\"id\": \"x.big\", \"measure\": \"killed\",\n   \"pattern\": \"slew {{count}} "
       "\\\\pL{1000}\",\n"
       "   \"examples\": [{\"text\": \"t\", \"claims\": []}]}]}",
       "test/claims/extra.json:3:15: error: rule \"x.big\": bad pattern: pattern too large - "
       "compile failed (over the 8 MB memory budget of a rule: use narrower character classes "
       "than \\pL, or shorter counted repetitions)"},
      {"unknown macro",
       "{\"kind\": \"claims\", \"screen\": \"slew\", \"rules\": [\n"
       "  {\"id\": \"x.macro\", \"measure\": \"killed\", \"pattern\": \"slew {{nope}} "
       "{{count}}\",\n"
       "   \"examples\": [{\"text\": \"t\", \"claims\": []}]}]}",
       "test/claims/extra.json:2:53: error: rule \"x.macro\": unknown macro {{nope}}"},
      {"no examples",
       "{\"kind\": \"claims\", \"screen\": \"slew\", \"rules\": [\n"
       "  {\"id\": \"x.none\", \"measure\": \"killed\", \"pattern\": \"slew {{count}}\"}]}",
       "test/claims/extra.json:2:3: error: rule \"x.none\" has no examples"},
      {"missing group",
       "{\"kind\": \"claims\", \"screen\": \"slew\", \"rules\": [\n"
       "  {\"id\": \"x.group\", \"measure\": \"killed\", \"pattern\": \"slew (?P<n>{{count}})\",\n"
       "   \"examples\": [{\"text\": \"t\", \"claims\": []}]}]}",
       "test/claims/extra.json:2:53: error: rule \"x.group\": claim 0 takes its count from group "
       "\"count\", which "
       "the pattern does not have"},
      {"duplicate id",
       std::string("{\"kind\": \"claims\", \"screen\": \"slew\", \"rules\": [\n") + kGoodRule +
           ",\n" + kGoodRule + "]}",
       "test/claims/extra.json:4:8: error: rule \"x.ok\": duplicate rule id"},
      {"no screen", std::string("{\"kind\": \"claims\", \"rules\": [\n") + kGoodRule + "]}",
       "test/claims/extra.json:2:1: error: rule \"x.ok\": no \"screen\" (the words the rule "
       "needs), in the rule or "
       "its file"},
      {"expected claim without value",
       "{\"kind\": \"claims\", \"screen\": \"slew\", \"rules\": [\n"
       "  {\"id\": \"x.ex\", \"measure\": \"killed\", \"pattern\": \"(?P<count>{{count}})\",\n"
       "   \"examples\": [{\"text\": \"t\", \"claims\": [{\"low\": 1}]}]}]}",
       "test/claims/extra.json:3:42: error: rule \"x.ex\": an expected claim needs \"value\", "
       "\"low\", \"high\" "
       "(number or null) and \"subject\""},
  };
  for (const ErrorCase& c : cases) {
    SECTION(c.name) { CHECK(LoadError(c.text) == c.error); }
  }
}

TEST_CASE("Every problem in a rule file is listed, not just the first", "[extract][rules]") {
  std::string text =
      "{\"kind\": \"claims\", \"screen\": \"slew\", \"rules\": [\n"
      "  {\"id\": \"a\", \"measure\": \"killed\", \"pattern\": \"(\", \"examples\": [{\"text\": "
      "\"t\", \"claims\": []}]},\n"
      "  {\"id\": \"b\", \"measure\": \"killed\", \"pattern\": \"slew {{count}}\"}]}";
  std::string error = LoadError(text);
  CHECK(error ==
        "test/claims/extra.json:2:47: error: rule \"a\": bad pattern: missing ): (\n"
        "test/claims/extra.json:3:3: error: rule \"b\" has no examples");
}

TEST_CASE("A rule added from another folder works alongside the defaults", "[extract][rules]") {
  std::string text =
      std::string("{\"kind\": \"claims\", \"screen\": \"smote\", \"rules\": [") + kGoodRule + "]}";
  Result<std::shared_ptr<const Extractor>> e =
      Extractor::Create(WithFile("claims/extra.json", text));
  INFO(e.status().message());
  REQUIRE(e.ok());
  std::vector<Claim> claims = (*e)->ExtractSentence("In the story he smote 3 men.");
  REQUIRE(claims.size() == 1);
  CHECK(DescribeClaim(claims[0]) == "killed \"3\" [3, 3] people");
  CHECK(claims[0].rule == "x.ok");
}

TEST_CASE("CountPlaceholder is what {{count}} matches", "[extract][rules]") {
  CHECK(CountPlaceholder(0) ==
        "\xEE\x80\x80"
        "0\xEE\x80\x81");
  CHECK(CountPlaceholder(12) ==
        "\xEE\x80\x80"
        "12\xEE\x80\x81");
}

}  // namespace
}  // namespace factdiff
