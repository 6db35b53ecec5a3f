#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "factdiff/rule_files.h"
#include "factdiff/segment.h"

#include "default_engine.h"

namespace factdiff {
namespace {

std::shared_ptr<const Segmenter> DefaultSegmenter() { return testing::Defaults().segmenter; }

std::vector<std::string> SentenceTexts(std::string_view text) {
  Segmentation seg;
  DefaultSegmenter()->Segment(text, &seg);
  std::vector<std::string> out;
  for (const Sentence& s : seg.sentences) out.emplace_back(s.span.Of(text));
  return out;
}

TEST_CASE("Every sentence example in the segmentation rules splits as written", "[segment]") {
  REQUIRE(DefaultSegmenter()->examples().size() >= 20);
  for (const Segmenter::Example& e : DefaultSegmenter()->examples()) {
    INFO(e.text);
    CHECK(SentenceTexts(e.text) == e.sentences);
  }
}

TEST_CASE("Every boilerplate rule matches its examples and none of its counterexamples",
          "[segment]") {
  REQUIRE(DefaultSegmenter()->boilerplate_rules().size() >= 10);
  for (const BoilerplateRule& r : DefaultSegmenter()->boilerplate_rules()) {
    for (const std::string& line : r.examples) {
      INFO(r.id << ": " << line);
      CHECK(DefaultSegmenter()->BoilerplateRuleFor(line) == r.id);
    }
    for (const std::string& line : r.counterexamples) {
      INFO(r.id << " counterexample: " << line);
      CHECK(DefaultSegmenter()->BoilerplateRuleFor(line) == "");
    }
  }
}

struct SpanCase {
  const char* name;
  std::string text;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
};

TEST_CASE("Sentence spans are exact byte offsets", "[segment]") {
  const std::vector<SpanCase> cases = {
      {"two sentences", "One two. Three four.", {{0, 8}, {9, 20}}},
      {"leading and trailing space trimmed", "  Alpha.  Beta.  ", {{2, 8}, {10, 15}}},
      {"closing quote kept with its sentence", "\"Go.\" Then stop.", {{0, 5}, {6, 16}}},
      {"typographic closing quote", "\xE2\x80\x9CGo.\xE2\x80\x9D Then.", {{0, 9}, {10, 15}}},
      {"headline line then body",
       "Big fire in town\nIt burned. Nobody died.",
       {{0, 16}, {17, 27}, {28, 40}}},
      {"decimal and thousands", "It was 1.5 million, or 4,770. Done.", {{0, 29}, {30, 35}}},
      {"blank-line paragraphs", "First one.\n\nSecond one.", {{0, 10}, {12, 23}}},
      {"ellipsis then capital", "Wait for it\xE2\x80\xA6 The end", {{0, 14}, {15, 22}}},
  };
  for (const SpanCase& c : cases) {
    SECTION(c.name) {
      Segmentation seg;
      DefaultSegmenter()->Segment(c.text, &seg);
      std::vector<std::pair<uint32_t, uint32_t>> got;
      for (const Sentence& s : seg.sentences) got.emplace_back(s.span.begin, s.span.end);
      CHECK(got == c.sentences);
    }
  }
}

TEST_CASE("Paragraph kinds: body, headline, boilerplate", "[segment]") {
  // A short wire story in the shape of the seed articles: headline, copy, a read-more teaser, a
  // subhead, copy, and site furniture at the end.
  const std::string text =
      "Gunmen attack a concert venue outside Moscow\n"
      "\n"
      "At least 115 people died when gunmen opened fire. Dozens more were hurt.\n"
      "\n"
      "READ MORE: Council votes on new bus lanes\n"
      "\n"
      "Who is behind it\n"
      "\n"
      "The group claimed the attack on Friday.\n"
      "\n"
      "Share.\n"
      "\n"
      "Leave A Reply\n";
  Segmentation seg;
  DefaultSegmenter()->Segment(text, &seg);
  std::vector<std::pair<ParagraphKind, uint32_t>> kinds;
  for (const Paragraph& p : seg.paragraphs) kinds.emplace_back(p.kind, p.sentence_count);
  CHECK(kinds == std::vector<std::pair<ParagraphKind, uint32_t>>{
                     {ParagraphKind::kHeadline, 1},
                     {ParagraphKind::kBody, 2},
                     {ParagraphKind::kBoilerplate, 0},
                     {ParagraphKind::kHeadline, 1},
                     {ParagraphKind::kBody, 1},
                     {ParagraphKind::kBoilerplate, 0},
                     {ParagraphKind::kBoilerplate, 0},
                 });
  CHECK(seg.paragraphs[2].span.Of(text) == "READ MORE: Council votes on new bus lanes");
  CHECK(SentenceTexts(text) == std::vector<std::string>{
                                   "Gunmen attack a concert venue outside Moscow",
                                   "At least 115 people died when gunmen opened fire.",
                                   "Dozens more were hurt.",
                                   "Who is behind it",
                                   "The group claimed the attack on Friday.",
                               });
}

TEST_CASE("Scraped pages: each line is a paragraph, teasers stay copy", "[segment]") {
  // Lines with no blank lines between them, as scraped copies come; the teaser lines carry
  // figures that must be read, the banner and the read-more links are furniture.
  const std::string text =
      "Officials fear more attacks after the concert hall shooting\n"
      "Security forces said 11 people were detained. Four took part in the raid.\n"
      "Europe Latest News, Europe Headlines\n"
      "Video shows raiders storming the hall before killing 133 people...The tabloid's reporter "
      "covers the worst attack in 20 years\n"
      "Read more \xC2\xBB\n";
  Segmentation seg;
  DefaultSegmenter()->Segment(text, &seg);
  std::vector<ParagraphKind> kinds;
  for (const Paragraph& p : seg.paragraphs) kinds.push_back(p.kind);
  CHECK(kinds == std::vector<ParagraphKind>{ParagraphKind::kHeadline, ParagraphKind::kBody,
                                            ParagraphKind::kBoilerplate, ParagraphKind::kHeadline,
                                            ParagraphKind::kBoilerplate});
  CHECK(SentenceTexts(text) ==
        std::vector<std::string>{
            "Officials fear more attacks after the concert hall shooting",
            "Security forces said 11 people were detained.",
            "Four took part in the raid.",
            "Video shows raiders storming the hall before killing 133 people...",
            "The tabloid's reporter covers the worst attack in 20 years",
        });
}

TEST_CASE("A hard-wrapped paragraph is one paragraph; sentences cross its line breaks",
          "[segment]") {
  const std::string text =
      "The group was founded by defectors from other militant movements and\n"
      "grew quickly in the east of the country. It was weakened by air strikes\n"
      "but recovered after the withdrawal.\n";
  Segmentation seg;
  DefaultSegmenter()->Segment(text, &seg);
  REQUIRE(seg.paragraphs.size() == 1);
  CHECK(seg.paragraphs[0].kind == ParagraphKind::kBody);
  CHECK(SentenceTexts(text) ==
        std::vector<std::string>{
            "The group was founded by defectors from other militant movements and\ngrew quickly in "
            "the east of the country.",
            "It was weakened by air strikes\nbut recovered after the withdrawal.",
        });
}

TEST_CASE("One sentence per line (ECB+ style) is not mistaken for wrapping", "[segment]") {
  const std::string text =
      "Quake strikes off the coast\n"
      "A strong earthquake struck off the coast on Tuesday, officials said.\n"
      "There were no immediate reports of damage or injuries.\n";
  CHECK(SentenceTexts(text) ==
        std::vector<std::string>{
            "Quake strikes off the coast",
            "A strong earthquake struck off the coast on Tuesday, officials said.",
            "There were no immediate reports of damage or injuries.",
        });
}

TEST_CASE("A broken boilerplate file is reported with file, line and the RE2 message",
          "[segment]") {
  RuleFile bad{
      "boilerplate.json", "rules/boilerplate.json",
      "{\n  \"kind\": \"boilerplate\",\n  \"rules\": [\n    {\"id\": \"x\", \"pattern\": "
      "\"(oops\",\n"
      "     \"examples\": [\"oops\"]},\n    {\"id\": \"y\", \"pattern\": \"y\"}\n  ]\n}\n"};
  Result<std::shared_ptr<const Segmenter>> s = Segmenter::Create({bad});
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message() ==
        "rules/boilerplate.json:4:28: error: rule \"x\": bad pattern: missing ): (oops\n"
        "rules/boilerplate.json:6:5: error: rule \"y\" has no examples");
}

}  // namespace
}  // namespace factdiff
