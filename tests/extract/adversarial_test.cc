// Text written to make a parser slow: RE2 keeps every match linear, and the code around it must
// not add a quadratic step. Each hostile text is read at two sizes, four times apart; the larger
// must take no more than about four times as long (with room for a noisy machine).
#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "default_engine.h"
#include "factdiff/extract.h"
#include "factdiff/ingest.h"
#include "factdiff/segment.h"

namespace factdiff {
namespace {

// Returns `unit` repeated up to `bytes` bytes.
std::string Repeat(const std::string& unit, size_t bytes) {
  std::string s;
  while (s.size() + unit.size() <= bytes) s += unit;
  return s;
}

struct Hostile {
  const char* name;
  std::function<std::string(size_t)> make;  // a text of about that many bytes
};

// Seconds to read `raw` as a document (normalise, segment, extract); the best of three runs.
double SecondsToRead(const std::string& raw, size_t* claims) {
  const testing::DefaultEngine& e = testing::Defaults();
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    Document doc;
    doc.id = doc.path = "hostile.txt";
    doc.date = "2024-03-23";
    NormalizeText(raw, 1, &doc.text, &doc.map, &doc.stats);
    Segmentation seg;
    e.segmenter->Segment(doc.text, &seg);
    std::vector<Claim> out;
    e.extractor->Extract(doc, 0, seg, &out);
    *claims = out.size();
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

TEST_CASE("Hostile text takes time in proportion to its size", "[extract][adversarial]") {
  const std::vector<Hostile> cases = {
      // Trigger words around each, so that the number grammar and the rules run too.
      {"a run of digits", [](size_t n) { return std::string(n, '7') + " people were killed."; }},
      {"digits and commas", [](size_t n) { return Repeat("1,000,", n) + " were killed."; }},
      {"commas alone", [](size_t n) { return "5 killed" + Repeat(", ", n) + "."; }},
      {"hedges without end", [](size_t n) { return Repeat("more than ", n) + "5 people died."; }},
      {"hedged counts in one sentence",
       [](size_t n) { return Repeat("at least 12 killed and some 30 injured, ", n) + "."; }},
      {"unbalanced quotes",
       [](size_t n) {
         return Repeat(
             "\xE2\x80\x9C"
             "He said 3 died ",
             n);
       }},
      {"straight quotes", [](size_t n) { return Repeat("\"No,\" said Gen. Ali Khan \"", n); }},
      {"titles and names",
       [](size_t n) { return Repeat("Gen. Michael Smith, Col. Erik Jones and ", n) + "others."; }},
      {"number words", [](size_t n) { return Repeat("hundred thousand ", n) + "killed."; }},
      {"dates", [](size_t n) { return Repeat("on March 3, 2024 and ", n) + "then."; }},
      {"a quote and its speaker in every paragraph",
       [](size_t n) { return Repeat("\"We will rebuild the town,\" said Gen. Ali Khan.\n\n", n); }},
      {"pronouns far from any name",
       [](size_t n) {
         return "Gen. Ali Khan spoke.\n\n" + Repeat("\"No more,\" he said.\n\n", n);
       }},
      {"short sentences", [](size_t n) { return Repeat("Two died. ", n); }},
      {"one long paragraph of words", [](size_t n) { return Repeat("word ", n); }},
  };
  constexpr size_t kSmall = 16 << 10;
  constexpr size_t kLarge = 64 << 10;
  for (const Hostile& h : cases) {
    SECTION(h.name) {
      size_t small_claims = 0, large_claims = 0;
      double small = SecondsToRead(h.make(kSmall), &small_claims);
      double large = SecondsToRead(h.make(kLarge), &large_claims);
      INFO(h.name << ": " << small * 1e3 << " ms for 16 KB (" << small_claims << " claims), "
                  << large * 1e3 << " ms for 64 KB (" << large_claims << " claims)");
      // Four times the text: at most eight times the time, plus 20 ms for the timer and caches.
      CHECK(large <= 8 * small + 0.020);
    }
  }
}

}  // namespace
}  // namespace factdiff
