#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "factdiff/extract.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"

#include "default_engine.h"

namespace factdiff {
namespace {

const Extractor& DefaultExtractor() { return *testing::Defaults().extractor; }

std::vector<std::string> Describe(std::string_view sentence) {
  std::vector<std::string> out;
  for (const Claim& c : DefaultExtractor().ExtractSentence(sentence))
    out.push_back(DescribeClaim(c));
  return out;
}

struct Case {
  const char* sentence;
  std::vector<std::string> claims;
};

TEST_CASE("Claims from sentences carrying the seed articles' figures and traps", "[extract]") {
  const std::vector<Case> cases = {
      {"Gunmen opened fire on the crowd, killing at least 115 people and injuring more than 145.",
       {"killed \"at least 115\" [115, inf] people",
        "injured \"more than 145\" [146, inf] people"}},
      {"As of Wednesday the toll stood at 140, with 182 hurt and at least 95 unaccounted for, an "
       "outlet said.",
       {"killed \"140\" [140, 140] people (according to an outlet)",
        "injured \"182\" [182, 182] people (according to an outlet)",
        "missing \"at least 95\" [95, inf] people (according to an outlet)"}},
      {"A bomber at the airport killed 13 US Marines and some 170 Afghan civilians.",
       {"killed \"13\" [13, 13] US Marines", "killed \"some 170\" [153, 187] Afghan civilians"}},
      {"The blast killed nearly 200 people, including 13 U.S. troops.",
       {"killed \"nearly 200\" [190, 199] people", "killed \"13\" [13, 13] U.S. troops (part)"}},
      {"The FSB said four people involved in the attack were among 11 detained.",
       {"detained \"11\" [11, 11] people (according to The FSB)",
        "detained \"four\" [4, 4] people (part) (according to The FSB)"}},
      {"Officials named the four Tajik suspects, who looked beaten, and arrested at least eight "
       "others.",
       {"detained \"four + at least eight\" [12, inf] Tajik suspects"}},
      {"A think tank says the group keeps a core group of 1500 to 2200 fighters.",
       {"strength \"1500 to 2200\" [1500, 2200] fighters (according to A think tank)"}},
      {"Its media office claimed 1121 attacks which killed or injured 4770 people.",
       {"casualties \"4770\" [4770, 4770] people"}},
      // Never casualty counts.
      {"Its attacks were the most lethal, averaging around 14 casualties per incident.", {}},
      {"The attackers set fire to the 6,200-capacity venue.", {}},
      {"The group is led by a 29-year-old named Ghafari.", {}},
      {"Putin won nearly 88% of the vote.", {}},
      {"The branch planned 21 external plots or attacks in nine countries.", {}},
      {"It could strike in as little as six months with little to no warning.", {}},
      {"ISIS-K took shape in 2014 and was founded in 2015.",
       {"founded \"2014\" [2014, 2014] the group", "founded \"2015\" [2015, 2015] the group"}},
      {"The gunmen struck at 8 p.m. on March 22, 2024.",
       {"date \"March 22, 2024\" [20240322, 20240322] the event"}},
  };
  for (const Case& c : cases) {
    SECTION(c.sentence) { CHECK(Describe(c.sentence) == c.claims); }
  }
}

TEST_CASE("Extract gives each claim its document position and sentence", "[extract]") {
  Result<std::vector<RuleFile>> files = LoadRuleFiles({});
  REQUIRE(files.ok());
  std::shared_ptr<const Segmenter> seg = *Segmenter::Create(*files);
  Document doc;
  doc.id = "d";
  std::string raw =
      "Headline without numbers\n\nThe toll rose to 70.  Rescuers working through the night found\n"
      "20 bodies in the collapsed building on the edge of town.\n";
  NormalizeText(raw, 1, &doc.text, &doc.map, &doc.stats);
  Segmentation s;
  seg->Segment(doc.text, &s);
  std::vector<Claim> claims;
  DefaultExtractor().Extract(doc, 7, s, &claims);
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].doc == 7);
  CHECK(claims[0].value == "70");
  CHECK(claims[0].line == 3);
  CHECK(claims[0].col == 18);
  CHECK(claims[0].text == "The toll rose to 70.");
  CHECK(claims[1].value == "20");
  CHECK(claims[1].line == 4);
  CHECK(claims[1].col == 1);
  CHECK(claims[1].text ==
        "Rescuers working through the night found 20 bodies in the collapsed building on the "
        "edge of town.");
  CHECK(claims[1].span.Of(doc.text) == "20");
}

TEST_CASE("Text holding the placeholder characters cannot forge a count", "[extract]") {
  // U+E000 and U+E001 wrap a count's index in the rewritten sentence; the article's own copies
  // of them are read as U+FFFD, and an index too long to be one is no placeholder.
  std::vector<Claim> claims = DefaultExtractor().ExtractSentence(
      "Officials said \uE0000\uE001 people were killed and 3 were injured, and "
      "\uE000999999999999\uE001 died.");
  std::vector<std::string> got;
  for (const Claim& c : claims) got.push_back(c.measure + " " + c.value);
  CHECK(got == std::vector<std::string>{"injured 3"});
}

TEST_CASE("A claim in a very long sentence shows the words around it, cut at spaces", "[extract]") {
  std::string before(700, 'a'), after(700, 'b');
  for (size_t i = 10; i < 700; i += 10) before[i] = after[i] = ' ';
  std::string sentence = before + " officials said 12 people were killed " + after + ".";
  std::vector<Claim> claims = DefaultExtractor().ExtractSentence(sentence);
  REQUIRE(claims.size() == 1);
  const Claim& c = claims[0];
  CHECK(c.text.size() <= kMaxEvidenceBytes + 8);
  CHECK(c.text.substr(0, 4) == "\u2026 ");
  CHECK(c.text.substr(c.text.size() - 4) == " \u2026");
  CHECK(c.text.substr(c.text_span.begin, c.text_span.size()) == "12");
  CHECK(c.text.find("officials said 12 people were killed") != std::string::npos);
  // Cut between words: what follows the mark is a whole run of a's.
  CHECK(c.text.substr(4, 10) == "aaaaaaaaa ");
}

TEST_CASE("Explain shows quantities, the rewritten sentence, matches and claims", "[extract]") {
  Explanation e;
  DefaultExtractor().ExtractSentence("A 29-year-old gunman killed 3 people.", &e);
  REQUIRE(e.quantities.size() == 2);
  CHECK(std::string(QuantityKindName(e.quantities[0].kind)) == "age");
  CHECK(std::string(QuantityKindName(e.quantities[1].kind)) == "count");
  CHECK(e.rewritten ==
        "A 29-year-old gunman killed \xE2\x9F\xA8"
        "0\xE2\x9F\xA9 people.");
  REQUIRE(e.matches.size() == 1);
  CHECK(e.matches[0].rule == "killed.active");
  CHECK(e.matches[0].span.Of(e.sentence) == "killed 3 people");
  CHECK(e.matches[0].kept);
  REQUIRE(e.claims.size() == 1);
  CHECK(DescribeClaim(e.claims[0]) == "killed \"3\" [3, 3] people");
}

}  // namespace
}  // namespace factdiff
