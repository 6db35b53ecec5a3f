#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "factdiff/compare.h"
#include "factdiff/dates.h"
#include "factdiff/numbers.h"
#include "factdiff/rule_files.h"

#include "default_engine.h"

namespace factdiff {
namespace {

const std::vector<RuleFile>& Files() { return testing::Defaults().files; }

const SubjectClasses& Subjects() { return *testing::Defaults().subjects; }

// A claim of `measure` read from `figure` with the number grammar ("at least 115").
Claim ClaimOf(uint32_t doc, const std::string& measure, const std::string& figure,
              const std::string& subject = "people", int32_t event = 0) {
  static std::shared_ptr<const NumberGrammar> g = *NumberGrammar::Create(Files());
  std::vector<Quantity> q;
  g->Find(figure, Span{0, static_cast<uint32_t>(figure.size())}, &q);
  REQUIRE(q.size() == 1);
  Claim c;
  c.doc = doc;
  c.measure = measure;
  c.value = figure;
  c.low = q[0].low;
  c.high = q[0].high;
  c.figure_low = q[0].figure_low;
  c.figure_high = q[0].figure_high;
  c.bound = BoundName(q[0].bound);
  c.subject = subject;
  c.event = event;
  c.span = Span{doc * 10, doc * 10 + 1};
  return c;
}

TEST_CASE("Every hedge against every other: which can both be true", "[compare]") {
  const std::vector<std::string> figures = {
      "100",       "at least 100",   "more than 100", "nearly 100",         "about 100",
      "up to 100", "fewer than 100", "dozens",        "between 90 and 110", "100 or more"};
  // compatible[i][j]: 1 when figures i and j share a value.
  const int compatible[10][10] = {
      // 100 al  mt  ny  ab  ut  ft  dz  bt  om
      {1, 1, 0, 0, 1, 1, 0, 0, 1, 1},  // 100
      {1, 1, 1, 0, 1, 1, 0, 0, 1, 1},  // at least 100   [100, inf)
      {0, 1, 1, 0, 1, 0, 0, 0, 1, 1},  // more than 100  [101, inf)
      {0, 0, 0, 1, 1, 1, 1, 1, 1, 0},  // nearly 100     [95, 99]
      {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},  // about 100      [90, 110]
      {1, 1, 0, 1, 1, 1, 1, 1, 1, 1},  // up to 100      [0, 100]
      {0, 0, 0, 1, 1, 1, 1, 1, 1, 0},  // fewer than 100 [0, 99]
      {0, 0, 0, 1, 1, 1, 1, 1, 1, 0},  // dozens         [24, 99]
      {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},  // between 90 and 110
      {1, 1, 1, 0, 1, 1, 0, 0, 1, 1},  // 100 or more    [100, inf)
  };
  for (size_t i = 0; i < figures.size(); ++i) {
    for (size_t j = 0; j < figures.size(); ++j) {
      INFO(figures[i] << " vs " << figures[j]);
      Claim a = ClaimOf(0, "killed", figures[i]);
      Claim b = ClaimOf(1, "killed", figures[j]);
      CHECK(Disjoint(a, b) == !compatible[i][j]);
      CHECK(Compatible({&a, &b}) == static_cast<bool>(compatible[i][j]));
    }
  }
}

std::vector<Finding> Run(std::vector<Claim>* claims, size_t docs,
                         std::vector<int32_t> copy_of = {}) {
  static const std::vector<Event> kEvents = {{"e1", "attack, Somewhere", false},
                                             {"e2", "bombing, Elsewhere", false}};
  static std::vector<std::string> names;
  names.clear();
  for (size_t i = 0; i < docs; ++i) names.push_back(std::string(1, 'd').append(std::to_string(i)));
  if (copy_of.empty()) copy_of.assign(docs, -1);
  return Compare(CompareInput{claims, &kEvents, &names, &copy_of, &Subjects()});
}

struct Summary {
  std::string kind, measure, subject;
  size_t claims;
  uint32_t sources;
  friend bool operator==(const Summary&, const Summary&) = default;
};

std::ostream& operator<<(std::ostream& os, const Summary& s) {
  return os << "{" << s.kind << ", " << s.measure << ", " << s.subject << ", " << s.claims << ", "
            << s.sources << "}";
}

std::vector<Summary> Summarize(const std::vector<Finding>& findings) {
  std::vector<Summary> out;
  for (const Finding& f : findings)
    out.push_back({FindingKindName(f.kind), f.measure, f.subject, f.claims.size(), f.sources});
  return out;
}

TEST_CASE("Conflict, variant and agreement, with the reason in plain words", "[compare]") {
  SECTION("two exact figures that differ conflict") {
    std::vector<Claim> claims = {ClaimOf(0, "killed", "133"), ClaimOf(1, "killed", "140")};
    std::vector<Finding> f = Run(&claims, 2);
    REQUIRE(f.size() == 1);
    CHECK(FindingKindName(f[0].kind) == std::string("conflict"));
    CHECK(f[0].reason ==
          "\"133\" (d0) and \"140\" (d1) cannot both be the number killed: close, but different");
  }
  SECTION("a bound and a figure inside it vary") {
    std::vector<Claim> claims = {ClaimOf(0, "killed", "at least 115"), ClaimOf(1, "killed", "140")};
    std::vector<Finding> f = Run(&claims, 2);
    REQUIRE(f.size() == 1);
    CHECK(FindingKindName(f[0].kind) == std::string("variant"));
    CHECK(f[0].reason ==
          "the figures for the number killed differ but can all be true (140 fits every one)");
  }
  SECTION("the same figure under different hedges agrees") {
    std::vector<Claim> claims = {ClaimOf(0, "attackers", "a minimum of four", "gunmen"),
                                 ClaimOf(1, "attackers", "four", "assailants")};
    std::vector<Finding> f = Run(&claims, 2);
    REQUIRE(f.size() == 1);
    CHECK(FindingKindName(f[0].kind) == std::string("agreement"));
    CHECK(f[0].reason == "2 independent sources state the same figure for the number of attackers");
  }
  SECTION("90 against nearly 100: close, but different") {
    std::vector<Claim> claims = {ClaimOf(0, "killed", "nearly 100"), ClaimOf(1, "killed", "90")};
    std::vector<Finding> f = Run(&claims, 2);
    REQUIRE(f.size() == 1);
    CHECK(f[0].reason ==
          "\"90\" (d1) and \"nearly 100\" (d0) cannot both be the number killed: close, but "
          "different");
  }
}

TEST_CASE("Parts, measures and events are never mixed", "[compare]") {
  SECTION("a part is grouped with parts of its class, never with the total") {
    std::vector<Claim> claims = {
        ClaimOf(0, "killed", "nearly 200"), ClaimOf(0, "killed", "13", "U.S. troops"),
        ClaimOf(1, "killed", "13", "US Marines"), ClaimOf(2, "killed", "nearly 200"),
        ClaimOf(2, "killed", "13", "US soldiers")};
    claims[1].role = "part";
    claims[4].role = "part";
    CHECK(Summarize(Run(&claims, 3)) ==
          std::vector<Summary>{{"agreement", "killed", "US troops", 3, 3},
                               {"agreement", "killed", "total", 2, 2}});
  }
  SECTION("listed parts with no total are summed and set against totals") {
    std::vector<Claim> claims = {ClaimOf(0, "killed", "13", "US Marines"),
                                 ClaimOf(0, "killed", "some 170", "Afghan civilians"),
                                 ClaimOf(1, "killed", "nearly 200")};
    claims[0].sentence = claims[1].sentence = 4;
    std::vector<Finding> f = Run(&claims, 2);
    REQUIRE(f.size() == 1);
    CHECK(FindingKindName(f[0].kind) == std::string("variant"));
    const Claim& derived = claims[f[0].claims[0]];
    CHECK(derived.value == "13 US Marines + some 170 Afghan civilians");
    CHECK(derived.rule == "derived.sum");
    CHECK(derived.low == 166);
    CHECK(derived.high == 200);
  }
  SECTION("killed is never compared with injured, nor one event with another") {
    std::vector<Claim> claims = {ClaimOf(0, "killed", "133"), ClaimOf(1, "injured", "182"),
                                 ClaimOf(1, "killed", "90", "people", 1)};
    CHECK(Run(&claims, 2).empty());
  }
  SECTION("a copy and its original are one source") {
    std::vector<Claim> claims = {ClaimOf(0, "killed", "133"), ClaimOf(1, "killed", "140")};
    CHECK(Run(&claims, 2, {-1, 0}).empty());
    std::vector<Claim> three = {ClaimOf(0, "killed", "13"), ClaimOf(1, "killed", "13"),
                                ClaimOf(2, "killed", "13")};
    std::vector<Finding> f = Run(&three, 3, {-1, 0, -1});
    REQUIRE(f.size() == 1);
    CHECK(f[0].sources == 2);
    CHECK(f[0].reason ==
          "2 independent sources state the same figure for the number killed; d1 copies d0 and is "
          "not "
          "counted as a separate source");
  }
}

// `c` reported on 2024-03-DAY (0 for undated), and "as of ..." when `as` is given.
Claim Reported(Claim c, int day, const std::string& as = "") {
  c.reported = day > 0 ? DaysFromCivil(2024, 3, day) : 0;
  c.reported_as = as;
  return c;
}

// A date claim: unit "year" (bounds are years) or "day" (bounds are YYYYMMDD numbers).
Claim DateClaim(uint32_t doc, const std::string& measure, const std::string& value,
                std::optional<double> low, std::optional<double> high, const std::string& unit) {
  Claim c;
  c.doc = doc;
  c.measure = measure;
  c.value = value;
  c.low = low;
  c.high = high;
  c.figure_low = low.value_or(0);
  c.figure_high = high.value_or(0);
  c.bound = low ? "exact" : "unresolved";
  c.resolved = low.has_value();
  c.unit = unit;
  c.subject = measure == "date" ? "the event" : "the group";
  c.event = 0;
  c.span = Span{doc * 10, doc * 10 + 1};
  return c;
}

TEST_CASE("Figures over time: a later, higher toll supersedes; a same-day clash is a conflict",
          "[compare]") {
  struct Case {
    const char* name;
    std::vector<Claim> claims;
    std::string kind;
    std::vector<std::string> order;       // the finding's values, in report order
    std::vector<std::string> superseded;  // values superseded
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"a toll that rose from Saturday to Wednesday is an update, not a conflict",
       {Reported(ClaimOf(1, "killed", "140"), 27, "as of Wednesday"),
        Reported(ClaimOf(0, "killed", "115"), 23)},
       "update",
       {"115", "140"},
       {"115"},
       "the number killed changed as reports came in: \"115\" (d0) was superseded by \"140\" (d1); "
       "by date reported: "
       "23 March 2024: \"115\" (d0); 27 March 2024 (as of Wednesday): \"140\" (d1)"},
      {"two sources that disagree on the same day conflict",
       {Reported(ClaimOf(0, "killed", "133"), 24), Reported(ClaimOf(1, "killed", "140"), 24)},
       "conflict",
       {"133", "140"},
       {},
       "\"133\" (d0) and \"140\" (d1) cannot both be the number killed: close, but different"},
      {"a toll that fell later is not an update: the dead do not come back",
       {Reported(ClaimOf(0, "killed", "nearly 100"), 24), Reported(ClaimOf(1, "killed", "90"), 29)},
       "conflict",
       {"nearly 100", "90"},
       {},
       "\"90\" (d1) and \"nearly 100\" (d0) cannot both be the number killed: close, but "
       "different; by date "
       "reported: 24 March 2024: \"nearly 100\" (d0); 29 March 2024: \"90\" (d1)"},
      {"the missing may fall as people are found",
       {Reported(ClaimOf(0, "missing", "95"), 24), Reported(ClaimOf(1, "missing", "22"), 28)},
       "update",
       {"95", "22"},
       {"95"},
       "the number missing changed as reports came in: \"95\" (d0) was superseded by \"22\" (d1); "
       "by date "
       "reported: 24 March 2024: \"95\" (d0); 28 March 2024: \"22\" (d1)"},
      {"an undated figure cannot be placed in time, so it still conflicts",
       {Reported(ClaimOf(0, "killed", "133"), 0), Reported(ClaimOf(1, "killed", "140"), 27)},
       "conflict",
       {"140", "133"},
       {},
       "\"133\" (d0) and \"140\" (d1) cannot both be the number killed: close, but different"},
      {"a study's strength estimate does not change by the day",
       {Reported(ClaimOf(0, "strength", "1500 to 2200"), 24),
        Reported(ClaimOf(1, "strength", "4,000 to 6,000"), 28)},
       "conflict",
       {"1500 to 2200", "4,000 to 6,000"},
       {},
       "\"1500 to 2200\" (d0) and \"4,000 to 6,000\" (d1) cannot both be the group's strength"},
      {"a document at odds with itself does not stop an update between sources",
       {Reported(ClaimOf(0, "killed", "more than 130"), 23),
        Reported(ClaimOf(0, "killed", "dozens"), 23), Reported(ClaimOf(1, "killed", "140"), 27)},
       "update",
       {"more than 130", "dozens", "140"},
       {"dozens"},
       "the number killed changed as reports came in: \"dozens\" (d0) was superseded by \"140\" "
       "(d1); d0 itself "
       "gives \"more than 130\" and \"dozens\"; by date reported: 23 March 2024: \"more than 130\" "
       "(d0), \"dozens\" "
       "(d0); 27 March 2024: \"140\" (d1)"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::vector<Claim> claims = c.claims;
    std::vector<Finding> f = Run(&claims, 2);
    REQUIRE(f.size() == 1);
    CHECK(FindingKindName(f[0].kind) == c.kind);
    std::vector<std::string> order, superseded;
    for (uint32_t i : f[0].claims) order.push_back(claims[i].value);
    for (uint32_t i : f[0].superseded) superseded.push_back(claims[i].value);
    CHECK(order == c.order);
    CHECK(superseded == c.superseded);
    CHECK(f[0].reason == c.reason);
  }
}

TEST_CASE(
    "Years and days: disjoint dates conflict, nested ones agree, unresolved ones are not sources",
    "[compare]") {
  SECTION("took shape in 2014 against founded in 2015") {
    std::vector<Claim> claims = {DateClaim(0, "founded", "2015", 2015, 2015, "year"),
                                 DateClaim(1, "founded", "2014", 2014, 2014, "year")};
    std::vector<Finding> f = Run(&claims, 2);
    REQUIRE(f.size() == 1);
    CHECK(FindingKindName(f[0].kind) == std::string("conflict"));
    CHECK(f[0].reason ==
          "\"2014\" (d1) and \"2015\" (d0) cannot both be the year the group was founded");
  }
  SECTION("one outlet dates the attack a day later") {
    std::vector<Claim> claims = {DateClaim(0, "date", "Friday", 20240322, 20240322, "day"),
                                 DateClaim(1, "date", "Saturday", 20240323, 20240323, "day")};
    std::vector<Finding> f = Run(&claims, 2);
    REQUIRE(f.size() == 1);
    CHECK(FindingKindName(f[0].kind) == std::string("conflict"));
    CHECK(f[0].reason ==
          "\"Friday\" (d0) and \"Saturday\" (d1) cannot both be the date of the event");
  }
  SECTION("Friday lies inside last week: the same date told less precisely agrees") {
    std::vector<Claim> claims = {DateClaim(0, "date", "Friday", 20240322, 20240322, "day"),
                                 DateClaim(1, "date", "last week", 20240318, 20240324, "day")};
    std::vector<Finding> f = Run(&claims, 2);
    REQUIRE(f.size() == 1);
    CHECK(FindingKindName(f[0].kind) == std::string("agreement"));
    CHECK(f[0].reason ==
          "2 independent sources agree on the date of the event (22 March 2024 fits every one)");
  }
  SECTION("an unresolved 'nine years ago' is listed but is not a source") {
    std::vector<Claim> claims = {
        DateClaim(0, "founded", "2015", 2015, 2015, "year"),
        DateClaim(1, "founded", "nine years ago", std::nullopt, std::nullopt, "year")};
    CHECK(Run(&claims, 2).empty());
    claims.push_back(DateClaim(2, "founded", "roughly a decade ago", 2013, 2015, "year"));
    std::vector<Finding> f = Run(&claims, 3);
    REQUIRE(f.size() == 1);
    CHECK(f[0].sources == 2);
    CHECK(f[0].claims.size() == 3);
  }
}

TEST_CASE("Every subject-class example in the subjects rules holds", "[compare]") {
  REQUIRE(Subjects().examples().size() >= 10);
  for (const SubjectClasses::Example& ex : Subjects().examples()) {
    INFO(ex.measure << " " << ex.subject);
    CHECK(Subjects().ClassOf(ex.measure, ex.subject) == ex.cls);
  }
}

TEST_CASE("SourceOf follows copies to the original", "[compare]") {
  CHECK(SourceOf({-1, 0, 1, -1}, 4) == std::vector<uint32_t>{0, 0, 0, 3});
}

}  // namespace
}  // namespace factdiff
