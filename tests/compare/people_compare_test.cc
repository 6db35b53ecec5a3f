#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "factdiff/compare.h"
#include "factdiff/extract.h"
#include "factdiff/resolve.h"
#include "factdiff/rule_files.h"

#include "default_engine.h"

namespace factdiff {
namespace {

const testing::DefaultEngine& Default() { return testing::Defaults(); }

const PeopleRules& People() { return Default().extractor->people(); }

// A claim about a person, as extraction makes it.
Claim About(uint32_t doc, const std::string& measure, const std::string& value,
            const std::string& person, const std::string& title = "",
            const std::string& detail = "") {
  Claim c;
  c.doc = doc;
  c.measure = measure;
  c.value = value;
  c.unit = "text";
  c.person = person;
  c.title = title;
  c.detail = detail;
  c.text = value;
  return c;
}

// Links and compares `claims` from `docs` documents; "kind measure event: reason" per finding,
// and the changes as "kind from -> to".
struct Outcome {
  std::vector<std::string> findings;
  std::vector<std::string> changes;
};

Outcome Run(std::vector<Claim> claims, size_t docs, std::vector<int32_t> copy_of = {}) {
  std::vector<Event> events;
  LinkPeople(People(), &claims, &events);
  std::vector<std::string> names;
  for (size_t d = 0; d < docs; ++d) names.push_back(std::string("d").append(std::to_string(d)));
  if (copy_of.empty()) copy_of.assign(docs, -1);
  std::vector<Finding> findings = Compare(
      CompareInput{&claims, &events, &names, &copy_of, Default().subjects.get(), &People()});
  Outcome out;
  for (const Finding& f : findings) {
    out.findings.push_back(std::string(FindingKindName(f.kind)) + " " + f.measure + " " + f.event +
                           ": " + f.reason);
    for (const WordChange& w : f.changes) {
      out.changes.push_back(w.kind + " " + w.from + " -> " + w.to);
    }
  }
  return out;
}

TEST_CASE("People are linked by surname and given name, or by a shared organisation",
          "[compare][people]") {
  std::vector<Claim> claims = {
      About(0, "person", "Michael E Kurilla", "Michael E Kurilla", "General"),
      About(0, "affiliation", "the military’s Central Command", "Michael E Kurilla", "", "head"),
      About(1, "person", "Erik Kurilla", "Erik Kurilla", "Gen."),
      About(1, "affiliation", "US Central Command", "Erik Kurilla", "", "commander"),
      // Another Kurilla: another given name, another organisation.
      About(2, "person", "Ruth Kurilla", "Ruth Kurilla"),
      About(2, "affiliation", "the Lakeside Bakery", "Ruth Kurilla", "", "owner"),
      // Two Harlans with no post in common are two people; a surname alone is left alone when
      // it could be either.
      About(0, "person", "Joseph Harlan", "Joseph Harlan"),
      About(1, "person", "Anne Harlan", "Anne Harlan"),
      About(2, "person", "Harlan", "Harlan"),
      // A surname alone joins the one person of that surname.
      About(1, "person", "Vesna Dorić", "Vesna Dorić"),
      About(2, "person", "Dorić", "Dorić"),
  };
  std::vector<Event> events;
  LinkPeople(People(), &claims, &events);
  std::vector<std::string> got;
  for (const Claim& c : claims) got.push_back(c.person + " -> " + events[c.event].label);
  CHECK(got == std::vector<std::string>{
                   "Michael E Kurilla -> Michael E Kurilla",
                   "Michael E Kurilla -> Michael E Kurilla",
                   "Erik Kurilla -> Michael E Kurilla",
                   "Erik Kurilla -> Michael E Kurilla",
                   "Ruth Kurilla -> Ruth Kurilla",
                   "Ruth Kurilla -> Ruth Kurilla",
                   "Joseph Harlan -> Joseph Harlan",
                   "Anne Harlan -> Anne Harlan",
                   "Harlan -> Harlan",
                   "Vesna Dorić -> Vesna Dorić",
                   "Dorić -> Vesna Dorić",
               });
  for (const Event& e : events) CHECK(e.person);
}

TEST_CASE("Names: a different given name, a spelling, a rank; or the same name",
          "[compare][people]") {
  Outcome o = Run({About(0, "person", "Michael E Kurilla", "Michael E Kurilla", "General"),
                   About(0, "affiliation", "Central Command", "Michael E Kurilla"),
                   About(1, "person", "Erik Kurilla", "Erik Kurilla", "Gen."),
                   About(1, "affiliation", "US Central Command", "Erik Kurilla")},
                  2);
  CHECK(o.findings == std::vector<std::string>{
                          "conflict person Michael E Kurilla: the sources name Michael E Kurilla "
                          "differently: \"Michael E Kurilla\" (d0) and \"Erik Kurilla\" (d1); the "
                          "initial \"E\" in \"Michael E Kurilla\" may stand for Erik",
                          "agreement affiliation Michael E Kurilla: 2 independent sources tie "
                          "Michael E Kurilla to Central Command",
                      });
  CHECK(o.changes == std::vector<std::string>{"given-name Michael E -> Erik"});

  o = Run({About(0, "person", "Qasem Soleimani", "Qasem Soleimani", "Major General"),
           About(1, "person", "Qassem Soleimani", "Qassem Soleimani", "Gen.")},
          2);
  CHECK(o.findings == std::vector<std::string>{
                          "variant person Qasem Soleimani: the sources spell the name of Qasem "
                          "Soleimani differently: spelt \"Qasem Soleimani\" (d0) and \"Qassem "
                          "Soleimani\" (d1)"});
  CHECK(o.changes == std::vector<std::string>{"spelling Qasem -> Qassem"});

  o = Run({About(0, "person", "Arvid Berg", "Arvid Berg", "President"),
           About(1, "person", "Arvid Berg", "Arvid Berg", "Prime Minister")},
          2);
  CHECK(o.findings == std::vector<std::string>{
                          "conflict person Arvid Berg: the sources name Arvid Berg differently: "
                          "the title differs: \"President\" (d0) and \"Prime Minister\" (d1)"});
  CHECK(o.changes == std::vector<std::string>{"title President -> Prime Minister"});

  // The same name in a document and its copy is one source.
  o = Run({About(0, "person", "Ines Varga", "Ines Varga"),
           About(1, "person", "Ines Varga", "Ines Varga")},
          2, {-1, 0});
  CHECK(o.findings == std::vector<std::string>{
                          "agreement person Ines Varga: stated alike only by d0 and d1, copies of "
                          "one article: one source, not corroboration"});
  o = Run({About(0, "person", "Ines Varga", "Ines Varga"),
           About(1, "person", "Ines P. Varga", "Ines P. Varga")},
          2);
  CHECK(o.findings == std::vector<std::string>{
                          "agreement person Ines P. Varga: 2 independent sources name Ines P. "
                          "Varga alike"});
}

TEST_CASE("Affiliations: another organisation is a conflict, another post a variant",
          "[compare][people]") {
  Outcome o =
      Run({About(0, "affiliation", "the Brandt Group", "Tomas Reyes", "", "analyst"),
           About(1, "affiliation", "The Brandt Group", "Tomas Reyes", "", "analyst"),
           About(2, "affiliation", "the Brandt Center", "Tomas Reyes", "", "senior fellow")},
          3);
  CHECK(o.findings ==
        std::vector<std::string>{
            "conflict affiliation Tomas Reyes: the sources tie Tomas Reyes to different "
            "organisations: \"the Brandt Group\" (d0, d1) and \"the Brandt Center\" (d2); posts "
            "given: \"analyst\" (d0, d1), \"senior fellow\" (d2)"});
  CHECK(o.changes ==
        std::vector<std::string>{"organisation Group -> Center", "post analyst -> senior fellow"});
  o = Run({About(0, "affiliation", "the Brandt Group", "Tomas Reyes", "", "analyst"),
           About(1, "affiliation", "the Brandt Group", "Tomas Reyes", "", "director")},
          2);
  CHECK(o.findings == std::vector<std::string>{
                          "variant affiliation Tomas Reyes: the sources give Tomas Reyes "
                          "different posts at the Brandt Group: \"analyst\" (d0) and \"director\" "
                          "(d1)"});
}

TEST_CASE("Quotes are compared word by word", "[compare][people]") {
  struct Row {
    std::string a, a_text, b, b_text;
    std::vector<std::string> want;
  };
  const std::vector<Row> rows = {
      {"We will not bow to threats and we will not be frightened.",
       "",
       "We will never bow to threats and we will not be scared.",
       "",
       {"changed not -> never", "changed frightened -> scared"}},
      {"within a year with little to no warning",
       "",
       "within a year and with little to no warning",
       "",
       {"added  -> and"}},
      {"within a year and with little to no warning",
       "",
       "within a year with little to no warning",
       "",
       {"removed and -> "}},
      {"we must organise and we must defend",
       "",
       "we must organize and we must defence",
       "",
       {"spelling organise -> organize", "changed defend -> defence"}},
      // One source quotes less: not a difference.
      {"the group is patient and it is careful", "", "patient and it is careful", "", {}},
      // Words the other source gives outside its quote marks.
      {"The group is patient,",
       "“The group is patient,” often striking at night, said Tomas Reyes.",
       "The group is patient, often striking at night,",
       "“The group is patient, often striking at night,” said Tomas Reyes.",
       {"moved-in  -> often striking at night"}},
      {"The group is patient, often striking at night,",
       "“The group is patient, often striking at night,” said Tomas Reyes.",
       "The group is patient,",
       "“The group is patient,” often striking at night, said Tomas Reyes.",
       {"moved-out often striking at night -> "}},
  };
  for (const Row& row : rows) {
    INFO(row.a + " / " + row.b);
    Claim a = About(0, "quote", row.a, "Tomas Reyes");
    Claim b = About(1, "quote", row.b, "Tomas Reyes");
    if (!row.a_text.empty()) a.text = row.a_text;
    if (!row.b_text.empty()) b.text = row.b_text;
    std::vector<std::string> got;
    for (const WordChange& w : DiffQuotes(People(), a, b, 0, 1)) {
      got.push_back(w.kind + " " + w.from + " -> " + w.to);
      CHECK(w.a == 0);
      CHECK(w.b == 1);
    }
    CHECK(got == row.want);
  }
}

TEST_CASE("Quote findings: drift is a conflict, spelling alone a variant, other quotes apart",
          "[compare][people]") {
  Outcome o = Run(
      {About(0, "quote", "These threats are meant to frighten and destabilise us", "Arvid Berg"),
       About(1, "quote", "These threats are meant to scare and destabilize us", "Arvid Berg"),
       // Another quote of his, shared by no one: no finding.
       About(1, "quote", "The harbour will reopen next week", "Arvid Berg")},
      2);
  CHECK(o.findings ==
        std::vector<std::string>{
            "conflict quote Arvid Berg: the sources quote Arvid Berg in different words: "
            "\"frighten\" (d0) / \"scare\" (d1); \"destabilise\" (d0) / \"destabilize\" (d1)"});
  CHECK(o.changes == std::vector<std::string>{"changed frighten -> scare",
                                              "spelling destabilise -> destabilize"});
  o = Run(
      {About(0, "quote", "We will not be frightened and we will not be destabilised", "Arvid Berg"),
       About(1, "quote", "We will not be frightened and we will not be destabilized",
             "Arvid Berg")},
      2);
  CHECK(o.findings == std::vector<std::string>{
                          "variant quote Arvid Berg: the sources quote Arvid Berg in the same "
                          "words, spelt differently: \"destabilised\" (d0) / \"destabilized\" "
                          "(d1)"});
}

}  // namespace
}  // namespace factdiff
