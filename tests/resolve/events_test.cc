#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "factdiff/extract.h"
#include "factdiff/resolve.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"

#include "default_engine.h"

namespace factdiff {
namespace {

const testing::DefaultEngine& Default() { return testing::Defaults(); }

TEST_CASE("Every event-cue example in the events rules reads as written", "[resolve]") {
  const EventResolver& r = *Default().resolver;
  REQUIRE(r.examples().size() >= 15);
  for (const EventResolver::Example& ex : r.examples()) {
    EventCues cues = r.CuesOf(ex.text, Span{0, static_cast<uint32_t>(ex.text.size())});
    std::map<std::string, std::string> got = r.AsExample(cues);
    INFO(ex.text << "\n  got: " << r.Describe(cues));
    for (const auto& [key, want] : ex.want) CHECK(got[key] == want);
  }
}

// Reads each text as a document (title "", body the text) and returns the event index of every
// claim, per document.
std::vector<std::vector<int>> EventsOf(const std::vector<std::string>& texts,
                                       std::vector<Event>* events) {
  const testing::DefaultEngine& e = Default();
  EventLinker linker(e.resolver);
  std::vector<Claim> claims;
  std::vector<size_t> first;
  for (uint32_t i = 0; i < texts.size(); ++i) {
    Document doc;
    doc.id = std::string(1, 'd').append(std::to_string(i));
    NormalizeText(texts[i], 1, &doc.text, &doc.map, &doc.stats);
    Segmentation seg;
    e.segmenter->Segment(doc.text, &seg);
    first.push_back(claims.size());
    e.extractor->Extract(doc, i, seg, &claims);
    linker.AddDocument(doc, seg, i, claims, first.back());
  }
  *events = linker.Link(&claims);
  std::vector<std::vector<int>> out(texts.size());
  for (const Claim& c : claims) out[c.doc].push_back(c.event);
  return out;
}

struct LinkCase {
  const char* name;
  std::vector<std::string> docs;  // each with exactly one claim
  bool same;
};

TEST_CASE("Events are linked across documents, and look-alikes are kept apart", "[resolve]") {
  const std::vector<LinkCase> cases = {
      {"one venue, four ways",
       {"Gunmen stormed the Crocus City Hall concert venue in Krasnogorsk, killing 60 people.",
        "The attack on a Moscow concert hall killed 93 people.",
        "Officials said 11 people were detained after the Moscow attack.",
        "The toll at the concert venue in Krasnogorsk rose to 115."},
       true},
      {"an airport, two ways",
       {"The suicide bombing at Kabul airport in 2021 killed 180 people.",
        "An attack on Kabul's international airport killed 170 people."},
       true},
      {"two attacks in one city",
       {"Gunmen stormed the Crocus City Hall concert venue in Krasnogorsk, killing 60 people.",
        "An attack on a Moscow synagogue killed 3 people."},
       false},
      {"two quakes in one province, a year apart",
       {"An earthquake in Aceh in 2012 killed 5 people.",
        "An earthquake in Aceh in 2013 killed 4 people."},
       false},
      {"two quakes in one province, of different strength",
       {"A 6.1-magnitude quake in Aceh killed 5 people.",
        "A 7.3-magnitude quake in Aceh killed 4 people."},
       false},
      {"an embassy and an airport in one city",
       {"The suicide bombing at Kabul airport in 2021 killed 180 people.",
        "In 2022 a bomber attacked the Russian embassy in Kabul, killing two employees."},
       false},
      {"a country alone does not tie two reports",
       {"A bombing in Iran killed 20 people.", "A bombing in Iran killed 30 people."},
       false},
      {"a country and a city, with the same kind of venue",
       {"Twin bombings at a memorial in the Iranian city of Kerman killed 90 people.",
        "Two suicide bombers struck a memorial in Iran, killing nearly 100 people."},
       true},
      {"a recalled event is not the document's own",
       {"A 6.1-magnitude quake hit Aceh, killing 5 people.",
        "A 6.1-magnitude quake hit Aceh. In 2004 a tsunami in Aceh killed 170,000 people."},
       false},
      {"a place outside the gazetteer with the same year",
       {"Pirates attacked a tanker in the Gulf of Aden in 2011; 26 pirates were arrested.",
        "In 2011 a navy ship in the Gulf of Aden arrested 26 pirates."},
       true},
      {"a place outside the gazetteer and a month without a year",
       {"Pirates attacked a tanker in the Gulf of Aden in November 2011; 26 pirates were arrested.",
        "In early November a navy ship in the Gulf of Aden arrested eight pirates."},
       false},
      {"shootout and attack",
       {"Police said 2 men were killed in a shootout in Kaluga.",
        "An attack in Kaluga killed 5 people."},
       false},
  };
  for (const LinkCase& c : cases) {
    SECTION(c.name) {
      std::vector<Event> events;
      std::vector<std::vector<int>> got = EventsOf(c.docs, &events);
      std::set<int> distinct;
      for (const std::vector<int>& per_doc : got) {
        REQUIRE(!per_doc.empty());
        distinct.insert(per_doc.back());
      }
      CHECK((distinct.size() == 1) == c.same);
    }
  }
}

TEST_CASE("Within a document, a figure with no cue of its own belongs to the main event",
          "[resolve]") {
  std::vector<Event> events;
  std::vector<std::vector<int>> got = EventsOf(
      {"Gunmen attack Crocus City Hall outside Moscow\n\n"
       "The gunmen opened fire at the Crocus City Hall concert venue, killing 60 people.\n\n"
       "In 2021 a bombing at Kabul airport killed 170 people.\n\n"
       "By Wednesday the death toll was 140."},
      &events);
  REQUIRE(got[0].size() == 3);
  CHECK(got[0][0] == got[0][2]);  // the Wednesday toll is the Crocus toll,
  CHECK(got[0][0] != got[0][1]);  // not the Kabul one mentioned last
  CHECK(events[got[0][0]].label == "shooting, Crocus City Hall, Krasnogorsk, Moscow");
  CHECK(events[got[0][1]].label == "bombing, Kabul airport, Kabul, Afghanistan, 2021");
}

TEST_CASE("A figure about a group is tied to the group", "[resolve]") {
  std::vector<Event> events;
  std::vector<std::vector<int>> got =
      EventsOf({"ISIS-K keeps a core group of 1500 to 2200 fighters.",
                "Experts put ISIS-K's strength at between 4,000 and 6,000 fighters."},
               &events);
  CHECK(got[0][0] == got[1][0]);
  CHECK(events[got[0][0]].label == "ISIS-K (the group)");
  CHECK(events[got[0][0]].group);
}

Segmentation SegmentOf(const std::string& text) {
  Segmentation seg;
  Default().segmenter->Segment(text, &seg);
  return seg;
}

TEST_CASE("Copies are found through shared shingles; the shorter text is the copy",
          "[resolve][copies]") {
  const std::string original =
      "Gunmen in camouflage stormed a concert hall on the edge of the capital on Friday night. "
      "They fired on the crowd with automatic rifles and set the building alight before escaping. "
      "Security services said eleven people had been detained by Saturday morning, four of them "
      "suspected of taking part. Investigators were still searching the ruins for victims on "
      "Sunday.\n";
  const std::string copy =
      "Gunmen in camouflage stormed a concert hall on the edge of the capital on Friday night. "
      "They fired on the crowd with automatic rifles and set the building alight before escaping.\n"
      "More news from our partners.\n";
  const std::string other =
      "A strong earthquake shook the province on Tuesday, flattening houses in several villages. "
      "Rescuers were digging through the rubble of a mosque in the district capital.\n";
  CopyDetector detector;
  detector.AddDocument(0, original, SegmentOf(original));
  detector.AddDocument(1, copy, SegmentOf(copy));
  detector.AddDocument(2, other, SegmentOf(other));
  detector.AddDocument(3, original, SegmentOf(original));  // the same text again
  CHECK(detector.Find() == std::vector<int32_t>{-1, 0, -1, 0});
}

}  // namespace
}  // namespace factdiff
