// Inputs that once crashed a fuzz harness (tests/fuzz/regressions/HARNESS/), read again the way
// that harness reads them, so that the sanitizer run of the suite catches a relapse.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "default_engine.h"
#include "factdiff/dates.h"
#include "factdiff/extract.h"
#include "factdiff/ingest.h"
#include "test_util.h"

namespace factdiff {
namespace {

std::vector<std::string> Regressions(const std::string& harness) {
  std::vector<std::string> out;
  std::string dir = testing::SourceDir() + "/tests/fuzz/regressions/" + harness;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The first two bytes of an input pick its date: days after 1990-01-01.
int Anchor(const std::string& data) {
  return DaysFromCivil(1990, 1, 1) +
         (static_cast<unsigned char>(data[0]) << 8 | static_cast<unsigned char>(data[1]));
}

TEST_CASE("Inputs that crashed extract_fuzz are read", "[extract][fuzz]") {
  const testing::DefaultEngine& e = testing::Defaults();
  std::vector<std::string> files = Regressions("extract_fuzz");
  REQUIRE(!files.empty());
  for (const std::string& path : files) {
    INFO(path);
    std::string data = testing::ReadFileOrDie(path);
    REQUIRE(data.size() >= 2);
    Document doc;
    NormalizeText(std::string_view(data).substr(2), 1, &doc.text, &doc.map, &doc.stats);
    doc.date = FormatDay(Anchor(data));
    Segmentation seg;
    e.segmenter->Segment(doc.text, &seg);
    std::vector<Claim> claims;
    e.extractor->Extract(doc, 0, seg, &claims);
    for (const Claim& c : claims) CHECK(c.sentence < seg.sentences.size());
    CHECK_NOTHROW(e.extractor->ExtractSentence(doc.text, nullptr, Anchor(data)));
  }
}

TEST_CASE("Inputs that crashed dates_fuzz resolve to non-empty intervals", "[extract][fuzz]") {
  const testing::DefaultEngine& e = testing::Defaults();
  std::vector<std::string> files = Regressions("dates_fuzz");
  REQUIRE(!files.empty());
  for (const std::string& path : files) {
    INFO(path);
    std::string data = testing::ReadFileOrDie(path);
    REQUIRE(data.size() >= 2);
    std::string text = NormalizeField(std::string_view(data).substr(2));
    Span span{0, static_cast<uint32_t>(text.size())};
    std::vector<Quantity> quantities;
    e.numbers->Find(text, span, &quantities);
    std::vector<DateExpr> dates;
    e.dates->Find(text, span, Anchor(data), quantities, &dates);
    CHECK(!dates.empty());
    for (const DateExpr& d : dates) {
      INFO(d.span.Of(text));
      if (d.resolved) CHECK(d.first <= d.last);
    }
  }
}

}  // namespace
}  // namespace factdiff
