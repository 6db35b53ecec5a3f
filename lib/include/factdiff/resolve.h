// Resolve: the fourth stage. Ties each claim to the event it is about, links events across
// documents, and finds documents that are copies of others.
//
// A figure is only comparable with figures about the same thing. Each claim gets event cues:
// places (from a gazetteer whose places lie within others: Crocus City Hall within Krasnogorsk
// within Moscow), counted only where they locate something ("in Kerman", "suburban Moscow",
// "Moscow concert hall", not "the Islamic State's Afghanistan affiliate"); venue types, kinds of
// event (a bombing is an attack), years, months, coarse relative times ("last year", "this
// month"), quake magnitudes. Cues come from the claim's clause, else its sentence, else the
// sentences before it in its paragraph, else the document's main event (its title and lead). A
// figure about a group rather than an event (a group's strength) is tied to the group.
//
// Linking: mentions are taken most specific first; each joins the first event it is compatible
// with (places related through the gazetteer, venue types and kinds that do not contradict,
// times and magnitudes that do not differ), found through an index of places, or starts a new
// event. A country alone never links two mentions. The word lists are data
// (rules/events.json) with examples.
//
// Copies: documents are compared through sampled 8-word shingles in an inverted index, never
// all pairs; a document most of whose shingles appear in a longer one is its copy.
#ifndef FACTDIFF_RESOLVE_H_
#define FACTDIFF_RESOLVE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "factdiff/claim.h"
#include "factdiff/extract.h"
#include "factdiff/ingest.h"
#include "factdiff/people.h"
#include "factdiff/rule_files.h"
#include "factdiff/segment.h"
#include "factdiff/status.h"

namespace factdiff {

// What a stretch of text says about where, when and what happened.
struct EventCues {
  int place = -1;          // the most specific gazetteer place named as a location, or -1
  std::string free_place;  // a location not in the gazetteer, lower case ("tal rifaat")
  int venue_type = -1;     // "concert hall", "airport", ...
  int kind = -1;           // "attack", "bombing", "earthquake", ...
  int year = 0;            // 0 when not given
  int month = 0;           // 1-12, 0 when not given
  int day = 0;  // days since 1970-01-01 of a known day (from the document's date), 0 when none
  int relative = -1;       // a relative time scope ("last-year"), or -1
  double magnitude = 0;    // an earthquake's magnitude, 0 when not given
  int org = -1;            // the most specific organisation named, or -1
  bool aggregate = false;  // the sentence sums many events ("1121 attacks") or is about a
                           // separate, unlocated one ("in a separate attack"): not compared
  // Set when linking: the mention is about its document's main event (rather than an event the
  // document recalls), and whether its time was stated (by the text, or by the main event's).
  bool main_event = false;

  bool HasPlace() const { return place >= 0 || !free_place.empty(); }
};

struct Event {
  std::string id;       // "e1", "e2", ... in a stable order for a given input
  std::string label;    // "attack, Crocus City Hall, Krasnogorsk, Moscow"
  bool group = false;   // about an organisation rather than an event
  bool person = false;  // a person: the claims are their name, affiliation and quotes
};

class EventResolver {
 public:
  // Builds the resolver from the "events" rule file among `files`.
  static Result<std::shared_ptr<const EventResolver>> Create(const std::vector<RuleFile>& files);
  ~EventResolver();

  // Returns the cues of text[span]. When `anchor` (an offset in span) is given, the kind of
  // event named nearest to it is taken.
  EventCues CuesOf(std::string_view text, Span span, uint32_t anchor = UINT32_MAX) const;

  // Returns the kind of event named in text[span] nearest to `anchor` (of two as near, the more
  // specific), or -1: what CuesOf(text, span, anchor).kind is, without the other cues.
  int NearestKind(std::string_view text, Span span, uint32_t anchor) const;

  // Returns the cues as words, e.g. "place=Kerman kind=bombing month=1".
  std::string Describe(const EventCues& c) const;

  // Returns true iff mentions with cues `a` and `b` may be about the same event. A mention of a
  // document's main event and a mention of a recalled event are linked only when both state the
  // same year.
  bool Compatible(const EventCues& a, const EventCues& b) const;

  // Returns how specific the cues' place is: 0 none, 1 country, 2 region, 3 city or a free
  // place, 4 district, 5 venue.
  int Specificity(const EventCues& c) const;

  // Returns a label for an event with cues `c`.
  std::string Label(const EventCues& c) const;

  // Returns true iff places `a` and `b` are the same or one lies within the other.
  bool PlacesRelated(int a, int b) const;

  // Returns `place` and the places it lies within, innermost first.
  std::vector<int> PlaceChain(int place) const;

  // Returns the organisation's name, or "".
  std::string OrgName(int org) const;

  // Returns true iff claims of `measure` are about a group rather than an event.
  bool GroupMeasure(const std::string& measure) const;

  // Returns the clause of text[sentence] that holds `at`: the sentence cut at ", when",
  // ", where", semicolons and dashes.
  Span ClauseOf(std::string_view text, Span sentence, uint32_t at) const;

  struct Example {
    std::string file, pointer, text;
    std::map<std::string, std::string> want;  // cue name -> value as written in the file
  };
  const std::vector<Example>& examples() const { return examples_; }

  // Renders cues the way the examples state them (for the tests).
  std::map<std::string, std::string> AsExample(const EventCues& c) const;

 private:
  EventResolver();
  struct Data;
  std::unique_ptr<Data> d_;
  std::vector<Example> examples_;
};

// Runs the examples of the events rule files whose path is in `files` (all when empty), adding
// to *report.
void TestEventRules(const EventResolver& resolver, const std::vector<RuleFile>& all_files,
                    const std::set<std::string>& files, RuleTestReport* report);

// Gathers event mentions document by document (the text can be dropped afterwards), then links
// them into events.
class EventLinker {
 public:
  explicit EventLinker(std::shared_ptr<const EventResolver> resolver);

  // Records document `doc_index`'s main event and a mention for each of claims[first, end).
  void AddDocument(const Document& doc, const Segmentation& seg, uint32_t doc_index,
                   const std::vector<Claim>& claims, size_t first);

  struct Mention {
    EventCues cues;
    uint32_t doc;
    uint32_t claim;  // index of the claim in the list Link() is given
  };
  // What AddDocument records for a document, worked out without recording it: Prepare may run
  // on many threads at once, Add then records in input order. Claim indices are claim_base + i.
  struct Prepared {
    std::vector<Mention> mentions;
  };
  Prepared Prepare(const Document& doc, const Segmentation& seg, uint32_t doc_index,
                   const std::vector<Claim>& claims, size_t first, uint32_t claim_base) const;
  void Add(Prepared prepared);

  // Links every mention into events and sets each claim's `event` (an index into the result;
  // -1 for a claim that sums many events).
  std::vector<Event> Link(std::vector<Claim>* claims);

  // Returns, for each of `documents` documents, the event its own figures are about (after
  // Link): the event most of its claims about its main event were linked to (the earliest such
  // claim's on a tie), or -1 when it has none. Documents with the same main event report the
  // same story.
  std::vector<int32_t> MainEvents(const std::vector<Claim>& claims, size_t documents) const;

 private:
  std::shared_ptr<const EventResolver> resolver_;
  std::vector<Mention> mentions_;
};

// Links the claims about people (unit "text", see people.h) across documents. Mentions in two
// documents are one person when their surnames are spelt alike and their given names agree (an
// initial agrees with a name of that letter), or, when the given names differ, they name the same
// organisation or the same rank and post ("Michael E Kurilla" and "Erik Kurilla", both at Central
// Command). A surname given alone joins the one person of that surname, when there is one. Each
// person becomes an event (appended to `*events`, ids continuing theirs) and its claims' `event`
// is set. Quotes of one person that share enough words (two word trigrams, spelling aside) are
// one quote: their `subject` is set to its opening words as the first document gives them.
void LinkPeople(const PeopleRules& rules, std::vector<Claim>* claims, std::vector<Event>* events);

// Finds documents that are copies (syndicated or scraped versions) of others.
class CopyDetector {
 public:
  // Records the copy text of document `doc_index` (boilerplate left out).
  void AddDocument(uint32_t doc_index, std::string_view text, const Segmentation& seg);

  // What AddDocument records, worked out without recording it (safe on many threads); Add then
  // records it, in input order.
  struct Prepared {
    uint32_t index;
    std::vector<uint64_t> shingles;  // sampled shingle hashes, sorted, unique
    size_t words;
  };
  static Prepared Prepare(uint32_t doc_index, std::string_view text, const Segmentation& seg);
  void Add(Prepared prepared);

  // Returns, for each document added, the index of the document it copies, or -1.
  std::vector<int32_t> Find() const;

 private:
  // Documents with the same shingles and the same number of words form a class, whose shingles
  // are kept once (an archive carrying one wire story a thousand times keeps them once).
  struct Class {
    std::vector<uint64_t> shingles;
    size_t words;
    std::vector<uint32_t> members;  // document indices, in the order added
  };
  std::vector<Class> classes_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> class_by_hash_;  // content hash -> classes
};

}  // namespace factdiff

#endif  // FACTDIFF_RESOLVE_H_
