#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "factdiff/dates.h"
#include "factdiff/numbers.h"
#include "factdiff/rule_files.h"

#include "default_engine.h"

namespace factdiff {
namespace {

const testing::DefaultEngine& Default() { return testing::Defaults(); }

std::string Show(std::string_view text, const DateExpr& e) {
  return std::string(e.span.Of(text)) +
         (e.resolved ? " [" + FormatDay(e.first) + ", " + FormatDay(e.last) + "]"
                     : " (unresolved)");
}

TEST_CASE("Every date example resolves against its pinned anchor exactly", "[extract][dates]") {
  const auto& examples = Default().dates->examples();
  REQUIRE(examples.size() >= 80);
  for (const DateGrammar::Example& ex : examples) {
    int anchor = 0;
    if (!ex.anchor.empty()) {
      int y, m, d;
      REQUIRE(ParseDocumentDate(ex.anchor, &y, &m, &d));
      anchor = d;
    }
    std::vector<Quantity> q;
    Span span{0, static_cast<uint32_t>(ex.text.size())};
    Default().numbers->Find(ex.text, span, &q);
    std::vector<DateExpr> found;
    Default().dates->Find(ex.text, span, anchor, q, &found);
    std::string got;
    for (const DateExpr& e : found) got += Show(ex.text, e) + "; ";
    INFO(ex.text << " (anchor " << ex.anchor << ")\n  got: " << got);
    CHECK(found.size() == ex.dates.size());
    for (size_t i = 0; i < found.size() && i < ex.dates.size(); ++i) {
      CHECK(std::string(found[i].span.Of(ex.text)) == ex.dates[i].text);
      CHECK(found[i].resolved == !ex.dates[i].unresolved);
      if (!ex.dates[i].unresolved && found[i].resolved) {
        CHECK(FormatDay(found[i].first) == ex.dates[i].first);
        CHECK(FormatDay(found[i].last) == ex.dates[i].last);
      }
    }
  }
}

TEST_CASE("Civil dates and day counts convert both ways", "[extract][dates]") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(FormatDay(DaysFromCivil(2024, 2, 29)) == "2024-02-29");
  CHECK(FormatDay(DaysFromCivil(2024, 3, 1) - 1) == "2024-02-29");
  CHECK(DayNumber(DaysFromCivil(2024, 3, 22)) == 20240322);
  for (int d = DaysFromCivil(1999, 12, 25); d < DaysFromCivil(2001, 1, 5); ++d) {
    int y, m, dd;
    CivilFromDays(d, &y, &m, &dd);
    REQUIRE(DaysFromCivil(y, m, dd) == d);
  }
}

TEST_CASE("Document dates are read from metadata forms and inferred from text",
          "[extract][dates]") {
  struct Case {
    const char* text;
    const char* day;  // "" when none
  };
  for (const Case& c : std::vector<Case>{{"2024-03-23", "2024-03-23"},
                                         {"5/9/2016", "2016-05-09"},
                                         {"11/28/05", "2005-11-28"},
                                         {"Posted: Nov 27, 2005 8:20 AM ET", "2005-11-27"},
                                         {"27 NOVEMBER, 2005", "2005-11-27"},
                                         {"Monday 21 November 2016", "2016-11-21"},
                                         {"March 2024", ""},
                                         {"2/30/2024", ""}}) {
    INFO(c.text);
    int y = 0, m = 0, d = 0;
    bool ok = ParseDocumentDate(c.text, &y, &m, &d);
    CHECK((ok && d != 0 ? FormatDay(d) : std::string()) == c.day);
  }
  std::string how;
  CHECK(FormatDay(InferDocumentDate("INDONESIA, July 2, 2013\nA quake struck.", &how)) ==
        "2013-07-02");
  CHECK(how == "a dateline");
  CHECK(FormatDay(InferDocumentDate(
            "A quake struck.\nOn June 1, 2013 it was small; on July 2, 2013 it was not.", &how)) ==
        "2013-07-02");
  CHECK(how == "the latest full date at the top of the text");
  // A date far down the text is background, not the article's day.
  CHECK(InferDocumentDate(std::string(2100, 'x') + " On Jan. 3, 2024 a bomb went off.", &how) == 0);
  CHECK(InferDocumentDate("No date here at all.", &how) == 0);
}

}  // namespace
}  // namespace factdiff
