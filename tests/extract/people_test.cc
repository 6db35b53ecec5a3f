#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "factdiff/extract.h"
#include "factdiff/people.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"

#include "default_engine.h"

namespace factdiff {
namespace {

const testing::DefaultEngine& Default() { return testing::Defaults(); }

const PeopleRules& People() { return Default().extractor->people(); }

// "name | title | post | organisation" for each mention of `sentence`.
std::vector<std::string> Mentions(const std::string& sentence) {
  std::vector<std::string> out;
  for (const PersonMention& m :
       People().FindMentions(sentence, Span{0, static_cast<uint32_t>(sentence.size())})) {
    out.push_back(m.name + " | " + m.title + " | " + m.role + " | " + m.org);
  }
  return out;
}

TEST_CASE("Person mentions are found from titles, posts, speech verbs and 'named'", "[extract]") {
  struct Row {
    std::string sentence;
    std::vector<std::string> want;
  };
  const std::vector<Row> rows = {
      {"Adm. Grace Okafor, the head of the navy’s Pacific Fleet, spoke first.",
       {"Grace Okafor | Adm. | head | the navy’s Pacific Fleet"}},
      {"The director of the Marlow Institute, Ines P. Varga, disagreed.",
       {"Ines P. Varga |  | director | the Marlow Institute"}},
      {"“It is growing,” said Tomas Reyes, a senior fellow with the Brandt Center.",
       {"Tomas Reyes |  | senior fellow | the Brandt Center"}},
      {"The cell is run by a 34-year-old named Yusuf Adil Karimov.",
       {"Yusuf Adil Karimov |  |  | "}},
      {"Prime Minister Lena Holt and President Arvid Berg met on Monday.",
       {"Lena Holt | Prime Minister |  | ", "Arvid Berg | President |  | "}},
      // Places, organisations and capitalised openers are not people.
      {"The Islamic State said New York was a target.", {}},
      {"According to Federal Security Service figures, four were held.", {}},
      {"Yesterday the Marlow Institute published its report.", {}},
  };
  for (const Row& row : rows) {
    INFO(row.sentence);
    CHECK(Mentions(row.sentence) == row.want);
  }
}

TEST_CASE("Quotes get their speaker from the speech verb that binds them", "[extract]") {
  struct Row {
    std::string text;
    std::vector<std::string> want;  // "words" by speaker
  };
  const std::vector<Row> rows = {
      // "said NAME" after the quote.
      {"“The network is rebuilding fast,” said Tomas Reyes, a senior fellow with the Brandt "
       "Center.",
       {"The network is rebuilding fast, | Tomas Reyes"}},
      // "NAME told ..." after the quote; a short mention takes the full name; the next sentence
      // that is only a quote continues it.
      {"Tomas Reyes, a senior fellow with the Brandt Center, was asked about it. “The network is "
       "rebuilding fast,” Reyes told Reuters. \"It has money and it has recruits.\"",
       {"The network is rebuilding fast, | Tomas Reyes",
        "It has money and it has recruits. | Tomas Reyes"}},
      // A verb right before its quote, across an appositive.
      {"Adm. Grace Okafor, the head of the navy’s Pacific Fleet, warned that the fleet “cannot "
       "cover every strait at once”.",
       {"cannot cover every strait at once | Grace Okafor"}},
      // "the admiral" takes the person last named with that title.
      {"Adm. Grace Okafor, the head of the navy’s Pacific Fleet, arrived on Monday. \"We will "
       "find who did this,\" the admiral told reporters.",
       {"We will find who did this, | Grace Okafor"}},
      // A pronoun takes the person last named.
      {"President Arvid Berg spoke for an hour. He called the report “a list of guesses dressed "
       "up as facts.”",
       {"a list of guesses dressed up as facts. | Arvid Berg"}},
      // A verb followed by its own quote does not speak for the quote before it.
      {"After officials warned of “crowds at stadiums and at concert halls,” President Arvid Berg "
       "dismissed “rumours spread to make us afraid.”",
       {"crowds at stadiums and at concert halls, | ",
        "rumours spread to make us afraid. | Arvid Berg"}},
      // Scare quotes are not quotes.
      {"The agency called it a “duty to warn”.", {}},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    Segmentation seg;
    Default().segmenter->Segment(row.text, &seg);
    std::vector<std::string> got;
    for (const QuoteMention& q : People().FindQuotes(row.text, seg)) {
      got.push_back(q.words + " | " + q.speaker);
    }
    CHECK(got == row.want);
  }
}

TEST_CASE("Names split into given names and surname", "[extract]") {
  NameParts p = People().SplitName("Ines P. Varga");
  CHECK(p.given == std::vector<std::string>{"Ines", "P"});
  CHECK(p.surname == "Varga");
  p = People().SplitName("Omar bin Laden");
  CHECK(p.given == std::vector<std::string>{"Omar"});
  CHECK(p.surname == "bin Laden");
  CHECK(People().SurnameKey("Bashar al-Assad") == People().SurnameKey("Bashar Assad"));
  CHECK(People().SurnameKey("Grace Okafor") != People().SurnameKey("Grace Okafur"));
}

TEST_CASE("Spelling keys, organisation keys, post classes and titles", "[extract]") {
  const PeopleRules& p = People();
  CHECK(p.SpellingKey("organise") == p.SpellingKey("organize"));
  CHECK(p.SpellingKey("Qasem") == p.SpellingKey("Qassem"));
  CHECK(p.SpellingKey("on") != p.SpellingKey("in"));
  CHECK(p.SpellingKey("blatant") != p.SpellingKey("outright"));
  CHECK(p.OrgKey("the navy’s Pacific Fleet") == "pacific flet");
  CHECK(p.OrgKey("U.S. Pacific Fleet") == "pacific flet");
  CHECK(p.OrgKey("the London-based Brandt Center") == p.OrgKey("The Brandt Centre"));
  CHECK(p.OrgKey("the Brandt Center") != p.OrgKey("the Brandt Group"));
  CHECK(p.RoleClass("the commander") == "head");
  CHECK(p.RoleClass("senior research fellow") == "fellow");
  CHECK(p.TitlesCompatible("Gen.", "Major General"));
  CHECK(p.TitlesCompatible("General", "Gen."));
  CHECK_FALSE(p.TitlesCompatible("Major General", "Lt. Gen."));
  CHECK_FALSE(p.TitlesCompatible("President", "Prime Minister"));
  CHECK(p.TitlesCompatible("Dr.", "President"));  // a courtesy title is not compared
}

TEST_CASE("A document's claims about people: one per name, affiliation and quote", "[extract]") {
  std::string text =
      "Adm. Grace Okafor, the head of the navy’s Pacific Fleet, warned that the fleet “cannot "
      "cover every strait at once”.\n\nOkafor spoke in Manila. “We need more ships and more "
      "sailors,” Okafor said.\n";
  Segmentation seg;
  Default().segmenter->Segment(text, &seg);
  std::vector<Claim> claims;
  People().Extract(text, seg, &claims);
  std::vector<std::string> got;
  for (const Claim& c : claims) got.push_back(DescribeClaim(c));
  CHECK(got == std::vector<std::string>{
                   "person \"Grace Okafor\" (title \"Adm.\")",
                   "affiliation \"the navy’s Pacific Fleet\" of Grace Okafor (post \"head\")",
                   "quote \"cannot cover every strait at once\" of Grace Okafor",
                   "quote \"We need more ships and more sailors,\" of Grace Okafor",
               });
}

}  // namespace
}  // namespace factdiff

namespace factdiff {
namespace {

// The default rules with rules/people.json changed by `edit`; returns the error of building the
// people rules from them ("" when they build).
template <typename Edit>
std::string PeopleError(Edit edit) {
  nlohmann::json j;
  for (const RuleFile& f : testing::Defaults().files) {
    if (f.name == "people.json") j = nlohmann::json::parse(f.text);
  }
  edit(j);
  std::vector<RuleFile> files = OverlayRuleFiles(
      testing::Defaults().files, {RuleFile{"people.json", "test/people.json", j.dump(1)}});
  Result<std::shared_ptr<const PeopleRules>> r = PeopleRules::Create(files);
  return r.ok() ? "" : r.status().message();
}

TEST_CASE("A broken people file is reported with its place and the cue's id", "[extract]") {
  CHECK(PeopleError([](nlohmann::json&) {}) == "");
  CHECK(PeopleError([](nlohmann::json& j) { j["cues"][6].erase("examples"); }) ==
        "test/people.json:219:3: error: cue \"person.led-by\" has no examples");
  CHECK(PeopleError([](nlohmann::json& j) { j["cues"][6]["pattern"] = "led by (?P<name>[A-Z]"; }) ==
        "test/people.json:235:15: error: cue \"person.led-by\": bad pattern: missing ): led by "
        "(?P<name>[A-Z]");
  // A pattern RE2 would match only through its slow NFA is refused.
  std::string big = PeopleError([](nlohmann::json& j) {
    j["macros"]["upper"]["pattern"] = "\\p{Lu}";
    j["macros"]["lower"]["pattern"] = "\\p{Ll}";
    j["macros"]["name"]["pattern"] = "\\b(?:{{part}}\\s+){0,4}{{surname}}";
  });
  CHECK_THAT(big, Catch::Contains("error: cue \"person.title-name\": the pattern compiles to "));
  CHECK_THAT(big, Catch::Contains("instructions (at most 20000): use narrower character classes"));
}

}  // namespace
}  // namespace factdiff
