#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "factdiff/dates.h"
#include "factdiff/resolve.h"
#include "factdiff/strings.h"

namespace factdiff {

namespace {

using nlohmann::json;

constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

// Ranks of place types: how specific a place is.
int TypeRank(const std::string& type) {
  if (type == "country") return 1;
  if (type == "region") return 2;
  if (type == "city") return 3;
  if (type == "district") return 4;
  if (type == "venue") return 5;
  return 0;
}

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Relative time scopes, as ranges of days before the article's date.
struct Scope {
  const char* name;
  int from, to;
};
constexpr Scope kScopes[] = {
    {"this-week", 0, 7},       {"last-week", 7, 14},  {"this-month", 0, 31},
    {"last-month", 28, 62},    {"this-year", 0, 366}, {"last-year", 365, 731},
    {"long-ago", 700, 100000},
};

int ScopeIndex(const std::string& name) {
  for (size_t i = 0; i < std::size(kScopes); ++i) {
    if (name == kScopes[i].name) return static_cast<int>(i);
  }
  return -1;
}

// An alternation of literal alternatives, longest first (so RE2's leftmost-first picks the
// longest at a position).
std::string Alternation(std::vector<std::string> words) {
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += "|";
    out += RE2::QuoteMeta(w);
  }
  return out;
}

struct Hit {
  size_t begin, end;
  int id;
};

}  // namespace

struct EventResolver::Data {
  struct Place {
    std::string name;
    int rank = 0;
    int parent = -1;
    int venue_type = -1;
  };
  struct Node {
    std::string name;
    int parent = -1;
    int depth = 0;
  };
  std::vector<Place> places;
  std::vector<std::string> venues;
  std::vector<Node> kinds, orgs;
  std::unordered_map<std::string, int> place_alias, org_alias;                // as written
  std::unordered_map<std::string, int> venue_word, kind_word, relative_word;  // lower case
  std::unique_ptr<re2::RE2> place_re, org_re, venue_re, kind_re, relative_re, free_re, year_re,
      month_re, magnitude_re;
  std::vector<std::unique_ptr<re2::RE2>> aggregate;
  std::vector<std::unique_ptr<re2::RE2>> distinct;  // "in a separate attack": another event
  // Every cue pattern above in one set (entry k: the pattern of Cue k, then the aggregate
  // markers, then the distinct ones), so that a span is read once to learn which patterns can
  // match in it, and only those are run (null when the set could not be built: all are run).
  enum Cue { kPlace, kOrg, kVenue, kKind, kRelative, kFree, kYear, kMonth, kMagnitude, kCues };
  std::unique_ptr<re2::RE2::Set> cue_set;
  std::vector<std::string> locatives;  // lower case
  std::vector<std::string> suffixes;   // lower case
  std::unordered_set<std::string> not_places;
  std::vector<std::string> clause_breaks;
  std::set<std::string> group_measures;

  // Returns every match of `re` in text[b, e) that starts and ends at word boundaries.
  std::vector<Hit> FindAll(const re2::RE2& re, std::string_view text, size_t b, size_t e,
                           const std::unordered_map<std::string, int>* ids, bool lower) const {
    std::vector<Hit> hits;
    size_t pos = b;
    re2::StringPiece m;
    re2::StringPiece input(text.data(), e);
    while (pos < e && re.Match(input, pos, e, re2::RE2::UNANCHORED, &m, 1)) {
      size_t mb = static_cast<size_t>(m.data() - text.data());
      size_t me = mb + m.size();
      if (m.empty()) {
        pos = mb + 1;
        continue;
      }
      bool left = mb == 0 || !IsWordByte(static_cast<unsigned char>(text[mb - 1]));
      bool right = me >= text.size() || !IsWordByte(static_cast<unsigned char>(text[me]));
      if (left && right) {
        int id = 0;
        if (ids != nullptr) {
          std::string key(m.data(), m.size());
          auto it = ids->find(lower ? AsciiLower(key) : key);
          id = it == ids->end() ? -1 : it->second;
        }
        if (id >= 0) hits.push_back({mb, me, id});
        pos = me;
      } else {
        pos = mb + 1;
      }
    }
    return hits;
  }

  bool IsAncestor(int a, int b) const {  // a is b or contains b
    for (int p = b; p >= 0; p = places[p].parent) {
      if (p == a) return true;
    }
    return false;
  }
  bool PlaceRelated(int a, int b) const { return IsAncestor(a, b) || IsAncestor(b, a); }
  bool NodeRelated(const std::vector<Node>& nodes, int a, int b) const {
    auto up = [&](int x, int y) {
      for (int p = y; p >= 0; p = nodes[p].parent) {
        if (p == x) return true;
      }
      return false;
    };
    return up(a, b) || up(b, a);
  }
  int Venue(const EventCues& c) const {
    if (c.venue_type >= 0) return c.venue_type;
    return c.place >= 0 ? places[c.place].venue_type : -1;
  }
};

EventResolver::EventResolver() : d_(std::make_unique<Data>()) {}
EventResolver::~EventResolver() = default;

Result<std::shared_ptr<const EventResolver>> EventResolver::Create(
    const std::vector<RuleFile>& files) {
  std::shared_ptr<EventResolver> r(new EventResolver());
  Data& d = *r->d_;
  std::vector<std::string> errors;
  bool found = false;
  for (const RuleFile& file : files) {
    Result<RuleDocument> parsed = RuleDocument::Parse(file);
    if (!parsed.ok() || parsed->kind() != "events") continue;
    found = true;
    const RuleDocument& doc = *parsed;
    const json& j = doc.json();
    auto strings = [&](const char* key) {
      std::vector<std::string> out;
      auto it = j.find(key);
      if (it == j.end()) return out;
      if (!it->is_array()) {
        errors.push_back(doc.Error(std::string("/") + key,
                                   fmt::format("\"{}\" must be an array of strings", key)));
        return out;
      }
      for (size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_string()) {
          errors.push_back(doc.Error(fmt::format("/{}/{}", key, i), "expected a string"));
          continue;
        }
        out.push_back((*it)[i].get<std::string>());
      }
      return out;
    };
    for (const std::string& s : strings("locatives")) d.locatives.push_back(AsciiLower(s));
    std::sort(d.locatives.begin(), d.locatives.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const std::string& s : strings("place_suffixes")) d.suffixes.push_back(AsciiLower(s));
    for (const std::string& s : strings("not_places")) d.not_places.insert(s);
    d.clause_breaks = strings("clause_breaks");
    for (const std::string& s : strings("org_measures")) d.group_measures.insert(s);
    for (auto [key, out] : {std::pair<const char*, std::vector<std::unique_ptr<re2::RE2>>*>{
                                "aggregate_markers", &d.aggregate},
                            {"distinct_markers", &d.distinct}}) {
      std::vector<std::string> patterns = strings(key);
      for (size_t i = 0; i < patterns.size(); ++i) {
        auto re = std::make_unique<re2::RE2>(patterns[i], re2::RE2::Quiet);
        if (!re->ok()) {
          errors.push_back(doc.Error(fmt::format("/{}/{}", key, i), "bad pattern: " + re->error()));
          continue;
        }
        out->push_back(std::move(re));
      }
    }
    // Venue types.
    auto vt = j.find("venue_types");
    if (vt != j.end() && vt->is_object()) {
      for (auto it = vt->begin(); it != vt->end(); ++it) {
        int id = static_cast<int>(d.venues.size());
        d.venues.push_back(it.key());
        if (it.value().is_array()) {
          for (const json& w : it.value()) {
            if (w.is_string()) d.venue_word[AsciiLower(w.get<std::string>())] = id;
          }
        }
      }
    }
    auto venue_id = [&](const std::string& name) {
      auto it = std::find(d.venues.begin(), d.venues.end(), name);
      return it == d.venues.end() ? -1 : static_cast<int>(it - d.venues.begin());
    };
    // Hierarchies: kinds and organisations name a parent in "within".
    auto load_nodes = [&](const char* key, std::vector<Data::Node>* nodes,
                          std::unordered_map<std::string, int>* words, const char* words_key,
                          bool lower) {
      auto arr = j.find(key);
      if (arr == j.end() || !arr->is_array()) return;
      std::vector<std::string> parents;
      for (size_t i = 0; i < arr->size(); ++i) {
        const json& n = (*arr)[i];
        if (!n.is_object() || !n.contains("name") || !n["name"].is_string()) {
          errors.push_back(doc.Error(fmt::format("/{}/{}", key, i), "an entry needs a \"name\""));
          parents.push_back("");
          nodes->push_back({});
          continue;
        }
        nodes->push_back({n["name"].get<std::string>(), -1, 0});
        parents.push_back(n.value("within", ""));
        int id = static_cast<int>(nodes->size() - 1);
        (*words)[lower ? AsciiLower(nodes->back().name) : nodes->back().name] = id;
        if (n.contains(words_key) && n[words_key].is_array()) {
          for (const json& w : n[words_key]) {
            if (w.is_string())
              (*words)[lower ? AsciiLower(w.get<std::string>()) : w.get<std::string>()] = id;
          }
        }
      }
      for (size_t i = 0; i < nodes->size(); ++i) {
        if (parents[i].empty()) continue;
        auto it = std::find_if(nodes->begin(), nodes->end(),
                               [&](const Data::Node& x) { return x.name == parents[i]; });
        if (it == nodes->end()) {
          errors.push_back(doc.Error(fmt::format("/{}/{}/within", key, i),
                                     fmt::format("\"{}\" is within \"{}\", which is not listed",
                                                 (*nodes)[i].name, parents[i])));
          continue;
        }
        (*nodes)[i].parent = static_cast<int>(it - nodes->begin());
      }
      for (Data::Node& n : *nodes) {
        for (int p = n.parent; p >= 0 && n.depth < 16; p = (*nodes)[p].parent) ++n.depth;
      }
    };
    load_nodes("kinds", &d.kinds, &d.kind_word, "words", true);
    load_nodes("organizations", &d.orgs, &d.org_alias, "aliases", false);
    // Places.
    auto pl = j.find("places");
    std::vector<std::string> parents;
    if (pl != j.end() && pl->is_array()) {
      for (size_t i = 0; i < pl->size(); ++i) {
        const json& p = (*pl)[i];
        std::string ptr = fmt::format("/places/{}", i);
        if (!p.is_object() || !p.contains("name") || !p["name"].is_string() ||
            !p.contains("type") || TypeRank(p.value("type", "")) == 0) {
          errors.push_back(doc.Error(
              ptr,
              "a place needs a \"name\" and a \"type\" (country, region, city, district, venue)"));
          continue;
        }
        Data::Place place;
        place.name = p["name"].get<std::string>();
        place.rank = TypeRank(p["type"].get<std::string>());
        if (p.contains("venue_type")) {
          place.venue_type = venue_id(p.value("venue_type", ""));
          if (place.venue_type < 0)
            errors.push_back(doc.Error(ptr + "/venue_type", "unknown venue type"));
        }
        int id = static_cast<int>(d.places.size());
        d.places.push_back(place);
        parents.push_back(p.value("within", ""));
        d.place_alias[place.name] = id;
        if (p.contains("aliases") && p["aliases"].is_array()) {
          for (const json& a : p["aliases"]) {
            if (a.is_string()) d.place_alias[a.get<std::string>()] = id;
          }
        }
      }
      for (size_t i = 0; i < d.places.size(); ++i) {
        if (parents[i].empty()) continue;
        auto it = std::find_if(d.places.begin(), d.places.end(),
                               [&](const Data::Place& x) { return x.name == parents[i]; });
        if (it == d.places.end()) {
          errors.push_back(doc.Error(fmt::format("/places/{}/within", i),
                                     fmt::format("\"{}\" is within \"{}\", which is not listed",
                                                 d.places[i].name, parents[i])));
          continue;
        }
        d.places[i].parent = static_cast<int>(it - d.places.begin());
      }
    }
    auto rel = j.find("relative_times");
    if (rel != j.end() && rel->is_array()) {
      for (size_t i = 0; i < rel->size(); ++i) {
        const json& t = (*rel)[i];
        int scope = t.is_object() ? ScopeIndex(t.value("scope", "")) : -1;
        if (scope < 0 || !t.contains("words") || !t["words"].is_string()) {
          errors.push_back(doc.Error(
              fmt::format("/relative_times/{}", i),
              "a relative time needs \"words\" and a \"scope\" (this-week, last-week, this-month, "
              "last-month, this-year, last-year, long-ago)"));
          continue;
        }
        d.relative_word[AsciiLower(t["words"].get<std::string>())] = scope;
      }
    }
    auto ex = j.find("examples");
    if (ex != j.end() && ex->is_array()) {
      for (size_t i = 0; i < ex->size(); ++i) {
        const json& e = (*ex)[i];
        std::string ptr = fmt::format("/examples/{}", i);
        if (!e.is_object() || !e.contains("text") || !e["text"].is_string() ||
            !e.contains("event") || !e["event"].is_object()) {
          errors.push_back(doc.Error(ptr, "an example needs \"text\" and \"event\""));
          continue;
        }
        Example example{file.path, ptr, e["text"].get<std::string>(), {}};
        for (auto it = e["event"].begin(); it != e["event"].end(); ++it) {
          example.want[it.key()] =
              it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
        }
        r->examples_.push_back(std::move(example));
      }
    }
  }
  if (!found) errors.push_back("rules: error: no rule file of kind \"events\"");
  if (!errors.empty()) {
    std::string all;
    for (const std::string& e : errors) {
      if (!all.empty()) all += "\n";
      all += e;
    }
    return Status::Error(all);
  }
  auto keys = [](const std::unordered_map<std::string, int>& m) {
    std::vector<std::string> out;
    for (const auto& [k, v] : m) out.push_back(k);
    return out;
  };
  re2::RE2::Options cs;
  cs.set_log_errors(false);
  re2::RE2::Options ci = cs;
  ci.set_case_sensitive(false);
  auto build = [&](const std::vector<std::string>& words, const re2::RE2::Options& o) {
    return std::make_unique<re2::RE2>(
        words.empty() ? "\\x{E001}\\x{E000}" : "(?:" + Alternation(words) + ")", o);
  };
  d.place_re = build(keys(d.place_alias), cs);
  d.org_re = build(keys(d.org_alias), cs);
  d.venue_re = build(keys(d.venue_word), ci);
  d.kind_re = build(keys(d.kind_word), ci);
  d.relative_re = build(keys(d.relative_word), ci);
  d.free_re = std::make_unique<re2::RE2>(
      "\\b(?:in|near|at|outside)\\s+(?:the\\s+)?([A-Z][\\w’'-]+(?:\\s+(?:al-|el-)?[A-Z][\\w’'-]+){"
      "0,2})",
      cs);
  std::vector<std::string> months(std::begin(kMonths), std::end(kMonths));
  // A year is this event's time only after a preposition or a month ("in 2021", "in the summer
  // of 2021", "March 23, 2024"), not before a noun ("the 2004 tsunami", "a 2023 report").
  d.year_re = std::make_unique<re2::RE2>(
      "(?i:\\b(?:in|during|of|by|until|till|since|from|early|late|mid)\\s+(?:(?:early|late|mid|the "
      "(?:summer|spring|"
      "autumn|fall|winter|start|end|middle) of)\\s+)?)(19[0-9]{2}|20[0-9]{2})\\b(?:[^-\\w]|$)|"
      "\\b(?:" +
          Alternation(months) +
          ")\\s+(?:[0-9]{1,2}(?:st|nd|rd|th)?,?\\s+)?(19[0-9]{2}|20[0-9]{2})\\b",
      cs);
  d.month_re = std::make_unique<re2::RE2>("\\b(" + Alternation(months) + ")\\b", cs);
  d.magnitude_re = std::make_unique<re2::RE2>(
      "([0-9]\\.[0-9])\\s*-?\\s*magnitude|magnitude\\s*(?:of\\s+)?-?\\s*([0-9]\\.[0-9])", ci);
  {
    re2::RE2::Options o = cs;
    o.set_max_mem(int64_t{32} << 20);
    auto set = std::make_unique<re2::RE2::Set>(o, re2::RE2::UNANCHORED);
    bool ok = true;
    auto add = [&](const re2::RE2& re) {
      std::string p = re.options().case_sensitive() ? re.pattern() : "(?i:" + re.pattern() + ")";
      ok = ok && set->Add(p, nullptr) >= 0;
    };
    for (const re2::RE2* re :
         {d.place_re.get(), d.org_re.get(), d.venue_re.get(), d.kind_re.get(), d.relative_re.get(),
          d.free_re.get(), d.year_re.get(), d.month_re.get(), d.magnitude_re.get()})
      add(*re);
    for (const auto& re : d.aggregate) add(*re);
    for (const auto& re : d.distinct) add(*re);
    if (ok && set->Compile()) d.cue_set = std::move(set);
  }
  return std::shared_ptr<const EventResolver>(std::move(r));
}

EventCues EventResolver::CuesOf(std::string_view text, Span span, uint32_t anchor) const {
  const Data& d = *d_;
  EventCues c;
  size_t b = span.begin, e = span.end;
  // Which patterns can match in the span: one read of it instead of one per pattern.
  const size_t n_patterns = Data::kCues + d.aggregate.size() + d.distinct.size();
  std::vector<bool> may(n_patterns, d.cue_set == nullptr);
  if (d.cue_set != nullptr) {
    std::vector<int> hits;
    re2::RE2::Set::ErrorInfo error;
    if (d.cue_set->Match(re2::StringPiece(text.data() + b, e - b), &hits, &error)) {
      for (int h : hits) may[h] = true;
    } else if (error.kind != re2::RE2::Set::kNoError) {
      may.assign(n_patterns, true);  // out of memory: run them all
    }
  }
  // Places, kept only where they locate something.
  std::vector<Hit> places;
  if (may[Data::kPlace]) places = d.FindAll(*d.place_re, text, b, e, &d.place_alias, false);
  int best = -1;
  size_t prev_end = 0;
  int prev_place = -1;
  for (const Hit& h : places) {
    const Data::Place& p = d.places[h.id];
    bool strong = p.rank == 5;
    std::string before = AsciiLower(text.substr(b, h.begin - b));
    while (!before.empty() && before.back() == ' ') before.pop_back();
    for (const std::string& loc : d.locatives) {
      if (before.size() >= loc.size() &&
          before.compare(before.size() - loc.size(), loc.size(), loc) == 0 &&
          (before.size() == loc.size() ||
           !IsWordByte(static_cast<unsigned char>(before[before.size() - loc.size() - 1])))) {
        strong = true;
        break;
      }
    }
    if (!strong) {
      size_t k = h.end;
      if (text.compare(k, 2, "'s") == 0) k += 2;
      if (text.compare(k, 4, "\xE2\x80\x99s") == 0) k += 4;
      while (k < e && (text[k] == ' ' || text[k] == '-')) ++k;
      std::string after = AsciiLower(text.substr(k, std::min<size_t>(40, e - k)));
      auto starts = [&](const std::string& w) {
        return after.compare(0, w.size(), w) == 0 &&
               (after.size() == w.size() ||
                !IsWordByte(static_cast<unsigned char>(after[w.size()])));
      };
      for (const std::string& s : d.suffixes) strong = strong || starts(s);
      for (const auto& [w, id] : d.venue_word) strong = strong || starts(w);
      for (const auto& [w, id] : d.kind_word) strong = strong || starts(w);
    }
    // "Kerman, Iran": a place right after a strong one that contains it.
    if (!strong && prev_place >= 0 && text.substr(prev_end, h.begin - prev_end) == ", " &&
        d.IsAncestor(h.id, prev_place)) {
      strong = true;
    }
    // "Indonesia's Aceh province": a place after a place that contains it, in the possessive.
    for (const Hit& other : places) {
      if (strong || other.end > h.begin) break;
      std::string_view between = text.substr(other.end, h.begin - other.end);
      if ((between == "'s " || between == "\xE2\x80\x99s ") && d.IsAncestor(other.id, h.id))
        strong = true;
    }
    if (strong) {
      if (best < 0 || p.rank > d.places[best].rank) best = h.id;
      prev_place = h.id;
      prev_end = h.end;
    }
  }
  c.place = best;
  if (best < 0 && may[Data::kFree]) {
    re2::StringPiece input(text.data(), e);
    re2::StringPiece m[2];
    size_t pos = b;
    while (pos < e && d.free_re->Match(input, pos, e, re2::RE2::UNANCHORED, m, 2)) {
      std::string name(m[1].data(), m[1].size());
      std::string first = name.substr(0, name.find(' '));
      if (!d.not_places.count(first) && !d.org_alias.count(name) && !d.place_alias.count(name)) {
        c.free_place = AsciiLower(name);
        break;
      }
      pos = static_cast<size_t>(m[0].data() - text.data()) + std::max<size_t>(m[0].size(), 1);
    }
  }
  if (may[Data::kVenue]) {
    std::vector<Hit> venues = d.FindAll(*d.venue_re, text, b, e, &d.venue_word, true);
    if (!venues.empty()) c.venue_type = venues[0].id;
  }
  if (may[Data::kKind] && anchor != UINT32_MAX) {
    c.kind = NearestKind(text, span, anchor);
  } else if (may[Data::kKind]) {
    for (const Hit& h : d.FindAll(*d.kind_re, text, b, e, &d.kind_word, true)) {
      if (c.kind < 0 || d.kinds[h.id].depth > d.kinds[c.kind].depth) c.kind = h.id;
    }
  }
  if (may[Data::kOrg]) {
    for (const Hit& h : d.FindAll(*d.org_re, text, b, e, &d.org_alias, false)) {
      if (c.org < 0 || d.orgs[h.id].depth > d.orgs[c.org].depth) c.org = h.id;
    }
  }
  if (may[Data::kRelative]) {
    std::vector<Hit> rel = d.FindAll(*d.relative_re, text, b, e, &d.relative_word, true);
    if (!rel.empty()) c.relative = rel[0].id;
  }
  re2::StringPiece input(text.data() + b, e - b);
  re2::StringPiece y1, y2;
  if (may[Data::kYear] && re2::RE2::PartialMatch(input, *d.year_re, &y1, &y2)) {
    re2::StringPiece y = y1.empty() ? y2 : y1;
    c.year = std::stoi(std::string(y.data(), y.size()));
  }
  re2::StringPiece mo;
  if (may[Data::kMonth] && re2::RE2::PartialMatch(input, *d.month_re, &mo)) {
    for (int i = 0; i < 12; ++i) {
      if (std::string_view(mo.data(), mo.size()) == kMonths[i]) c.month = i + 1;
    }
  }
  re2::StringPiece m1, m2;
  if (may[Data::kMagnitude] && re2::RE2::PartialMatch(input, *d.magnitude_re, &m1, &m2)) {
    re2::StringPiece m = m1.empty() ? m2 : m1;
    c.magnitude = std::stod(std::string(m.data(), m.size()));
  }
  for (size_t i = 0; i < d.aggregate.size() && !c.aggregate; ++i) {
    if (may[Data::kCues + i] && re2::RE2::PartialMatch(input, *d.aggregate[i])) c.aggregate = true;
  }
  // A figure said to be about a separate incident is set aside like a sum of many: it is about
  // an event the text does not locate.
  for (size_t i = 0; i < d.distinct.size() && !c.aggregate; ++i) {
    size_t k = Data::kCues + d.aggregate.size() + i;
    if (may[k] && re2::RE2::PartialMatch(input, *d.distinct[i])) c.aggregate = true;
  }
  return c;
}

int EventResolver::NearestKind(std::string_view text, Span span, uint32_t anchor) const {
  const Data& d = *d_;
  int kind = -1;
  size_t best_distance = SIZE_MAX;
  for (const Hit& h : d.FindAll(*d.kind_re, text, span.begin, span.end, &d.kind_word, true)) {
    size_t distance = h.end <= anchor ? anchor - h.end : h.begin >= anchor ? h.begin - anchor : 0;
    if (distance < best_distance ||
        (distance == best_distance && d.kinds[h.id].depth > d.kinds[kind].depth)) {
      best_distance = distance;
      kind = h.id;
    }
  }
  return kind;
}

Span EventResolver::ClauseOf(std::string_view text, Span sentence, uint32_t at) const {
  Span clause = sentence;
  for (const std::string& brk : d_->clause_breaks) {
    // Only breaks that start in the sentence: never read past it.
    std::string_view upto =
        text.substr(0, std::min<size_t>(text.size(), sentence.end + brk.size() - 1));
    size_t pos = sentence.begin;
    while ((pos = upto.find(brk, pos)) != std::string_view::npos && pos < sentence.end) {
      uint32_t p = static_cast<uint32_t>(pos);
      if (p < at && p + brk.size() > clause.begin)
        clause.begin = p + static_cast<uint32_t>(brk.size());
      if (p >= at && p < clause.end) clause.end = p;
      pos += brk.size();
    }
  }
  return clause;
}

bool EventResolver::Compatible(const EventCues& a, const EventCues& b) const {
  const Data& d = *d_;
  if (a.place >= 0 && b.place >= 0) {
    if (!d.PlaceRelated(a.place, b.place)) return false;
    // A country alone is too wide to tie two reports together, unless both give the same year
    // or name the same kind of venue ("a memorial" in Iran).
    int rank = std::min(d.places[a.place].rank, d.places[b.place].rank);
    int va = d.Venue(a), vb = d.Venue(b);
    bool same_month = a.year != 0 && a.year == b.year && a.month != 0 && a.month == b.month;
    if (rank <= 1 && !same_month && !(va >= 0 && va == vb)) return false;
    // A city sees many events: two reports dated to the day must be close in time. Reports
    // keep coming for days after an event, so a named venue (or the same kind of venue) allows
    // two weeks; a mere city, two days.
    if (rank <= 3 && a.day != 0 && b.day != 0) {
      bool specific =
          d.places[a.place].rank == 5 || d.places[b.place].rank == 5 || (va >= 0 && va == vb);
      if (std::abs(a.day - b.day) > (specific ? 14 : 2)) return false;
    }
  } else if (a.HasPlace() && b.HasPlace()) {
    std::string pa = a.place >= 0 ? AsciiLower(d.places[a.place].name) : a.free_place;
    std::string pb = b.place >= 0 ? AsciiLower(d.places[b.place].name) : b.free_place;
    if (pa != pb) return false;
    // A place outside the gazetteer is weak evidence ("the Gulf"): it needs a shared time too,
    // and a month without a year ("early November" in an undated report) is not one.
    bool same_time = (a.year != 0 && a.year == b.year) ||
                     (a.day != 0 && b.day != 0 && std::abs(a.day - b.day) <= 2);
    if (!same_time) return false;
  } else {
    return false;
  }
  int va = d.Venue(a), vb = d.Venue(b);
  if (va >= 0 && vb >= 0 && va != vb) return false;
  if (a.kind >= 0 && b.kind >= 0 && !d.NodeRelated(d.kinds, a.kind, b.kind)) return false;
  if (a.year != 0 && b.year != 0 && a.year != b.year) return false;
  if (a.month != 0 && b.month != 0 && a.month != b.month) return false;
  if (a.relative >= 0 && b.relative >= 0) {
    const Scope& x = kScopes[a.relative];
    const Scope& y = kScopes[b.relative];
    if (x.to < y.from || y.to < x.from) return false;
  }
  if (a.magnitude > 0 && b.magnitude > 0 && std::fabs(a.magnitude - b.magnitude) >= 0.5)
    return false;
  // A document's own event and an event another document recalls: only the same stated year
  // ties them (otherwise "the 2004 tsunami killed 170,000" would join a 2013 quake's toll).
  if (a.main_event != b.main_event && !(a.year != 0 && a.year == b.year)) return false;
  return true;
}

int EventResolver::Specificity(const EventCues& c) const {
  if (c.place >= 0) return d_->places[c.place].rank;
  return c.free_place.empty() ? 0 : 3;
}

bool EventResolver::PlacesRelated(int a, int b) const { return d_->PlaceRelated(a, b); }

std::vector<int> EventResolver::PlaceChain(int place) const {
  std::vector<int> out;
  for (int p = place; p >= 0 && out.size() < 16; p = d_->places[p].parent) out.push_back(p);
  return out;
}

std::string EventResolver::OrgName(int org) const { return org >= 0 ? d_->orgs[org].name : ""; }

bool EventResolver::GroupMeasure(const std::string& measure) const {
  return d_->group_measures.count(measure) > 0;
}

std::string EventResolver::Label(const EventCues& c) const {
  const Data& d = *d_;
  std::vector<std::string> parts;
  if (c.kind >= 0) parts.push_back(d.kinds[c.kind].name);
  int venue = d.Venue(c);
  if (c.place >= 0) {
    if (d.places[c.place].rank < 5 && venue >= 0) parts.push_back(d.venues[venue]);
    int p = c.place;
    for (int i = 0; p >= 0 && i < 3; ++i, p = d.places[p].parent) parts.push_back(d.places[p].name);
  } else {
    if (venue >= 0) parts.push_back(d.venues[venue]);
    if (!c.free_place.empty()) parts.push_back(c.free_place);
  }
  if (c.month != 0) parts.push_back(kMonths[c.month - 1]);
  if (c.year != 0) parts.push_back(std::to_string(c.year));
  if (c.magnitude > 0) parts.push_back(fmt::format("magnitude {}", c.magnitude));
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out.empty() ? "an event" : out;
}

std::map<std::string, std::string> EventResolver::AsExample(const EventCues& c) const {
  const Data& d = *d_;
  std::map<std::string, std::string> m;
  m["place"] = c.place >= 0 ? d.places[c.place].name : "";
  if (!c.free_place.empty()) m["free"] = c.free_place;
  if (c.venue_type >= 0) m["venue"] = d.venues[c.venue_type];
  if (c.kind >= 0) m["kind"] = d.kinds[c.kind].name;
  if (c.year != 0) m["year"] = std::to_string(c.year);
  if (c.month != 0) m["month"] = std::to_string(c.month);
  if (c.relative >= 0) m["relative"] = kScopes[c.relative].name;
  if (c.magnitude > 0) m["magnitude"] = fmt::format("{}", c.magnitude);
  if (c.org >= 0) m["org"] = d.orgs[c.org].name;
  return m;
}

std::string EventResolver::Describe(const EventCues& c) const {
  std::string out;
  for (const auto& [k, v] : AsExample(c)) {
    if (!v.empty()) {
      if (!out.empty()) out += " ";
      out += k + "=" + v;
    }
  }
  if (c.aggregate) {
    if (!out.empty()) out += " ";
    out += "aggregate";
  }
  return out.empty() ? "(no cues)" : out;
}

void TestEventRules(const EventResolver& resolver, const std::vector<RuleFile>& all_files,
                    const std::set<std::string>& files, RuleTestReport* report) {
  for (const EventResolver::Example& ex : resolver.examples()) {
    if (!files.empty() && !files.count(ex.file)) continue;
    EventCues cues = resolver.CuesOf(ex.text, Span{0, static_cast<uint32_t>(ex.text.size())});
    std::map<std::string, std::string> got = resolver.AsExample(cues);
    std::string want_text, got_text;
    bool ok = true;
    for (const auto& [key, want] : ex.want) {
      AppendSeparated(&want_text, " ", key + "=" + want);
      AppendSeparated(&got_text, " ", key + "=" + got[key]);
      ok = ok && got[key] == want;
    }
    if (ok) {
      ++report->passed;
    } else {
      ++report->failed;
      report->failures.push_back(
          {RuleLocation(all_files, ex.file, ex.pointer), "events", ex.text, want_text, got_text});
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Linking

EventLinker::EventLinker(std::shared_ptr<const EventResolver> resolver)
    : resolver_(std::move(resolver)) {}

namespace {

// Fills what `into` lacks from `from`.
void FillFrom(EventCues* into, const EventCues& from, bool place) {
  if (place && !into->HasPlace()) {
    into->place = from.place;
    into->free_place = from.free_place;
    if (into->venue_type < 0) into->venue_type = from.venue_type;
  }
  if (into->kind < 0) into->kind = from.kind;
  if (into->year == 0 && into->month == 0 && into->relative < 0) {
    into->year = from.year;
    into->month = from.month;
    into->day = from.day;
    into->relative = from.relative;
  }
  if (into->magnitude == 0) into->magnitude = from.magnitude;
  if (into->org < 0) into->org = from.org;
}

}  // namespace

void EventLinker::AddDocument(const Document& doc, const Segmentation& seg, uint32_t doc_index,
                              const std::vector<Claim>& claims, size_t first) {
  Add(Prepare(doc, seg, doc_index, claims, first, 0));
}

void EventLinker::Add(Prepared prepared) {
  for (Mention& m : prepared.mentions) mentions_.push_back(std::move(m));
}

EventLinker::Prepared EventLinker::Prepare(const Document& doc, const Segmentation& seg,
                                           uint32_t doc_index, const std::vector<Claim>& claims,
                                           size_t first, uint32_t claim_base) const {
  Prepared out;
  const EventResolver& r = *resolver_;
  // The main event: the title, then the first paragraphs until one names a place.
  EventCues main = r.CuesOf(doc.title, Span{0, static_cast<uint32_t>(doc.title.size())});
  main.aggregate = false;
  int seen = 0;
  for (const Paragraph& p : seg.paragraphs) {
    if (main.HasPlace() || seen >= 4) break;
    if (p.kind == ParagraphKind::kBoilerplate) continue;
    ++seen;
    EventCues pc = r.CuesOf(doc.text, p.span);
    FillFrom(&main, pc, true);
  }
  // The main event's time: the document's date, or a dateline on its first line ("July 2,
  // 2013", "Posted 11/27/2005"); a year in the lead is as often a past event's ("a region hit by
  // a tsunami in 2004"), so only relative times ("this weekend") are taken from it.
  main.year = main.month = main.day = 0;
  {
    int year = 0, month = 0, day = 0;
    std::string_view first_line =
        std::string_view(doc.text).substr(0, std::min(doc.text.find('\n'), doc.text.size()));
    if (ParseDocumentDate(doc.date, &year, &month, &day) ||
        (first_line.size() < 80 && ParseDocumentDate(first_line, &year, &month, &day) &&
         month != 0)) {
      main.year = year;
      main.month = month;
      main.day = day;
    }
  }
  bool main_has_time = main.year != 0 || main.month != 0 || main.relative >= 0;
  auto has_time = [](const EventCues& c) { return c.year != 0 || c.month != 0 || c.relative >= 0; };
  auto contradicts_main = [&](const EventCues& c) {
    return (c.year != 0 && main.year != 0 && c.year != main.year) ||
           (c.month != 0 && main.month != 0 && c.month != main.month &&
            (c.year == 0 || c.year == main.year));
  };
  // The document's group: the most specific organisation it names most often, for claims about
  // a group that name none. Worked out only when such a claim needs it (a pass over every
  // sentence).
  // Each sentence's cues (with no figure to anchor the kind) are worked out once: the claims of
  // a sentence, and of the sentences after it in its paragraph, all look at them.
  std::unordered_map<uint32_t, EventCues> sentence_cues;
  auto cues_of_sentence = [&](uint32_t k) -> const EventCues& {
    auto it = sentence_cues.find(k);
    if (it == sentence_cues.end())
      it = sentence_cues.emplace(k, r.CuesOf(doc.text, seg.sentences[k].span)).first;
    return it->second;
  };
  int main_org = -2;  // -2: not worked out yet
  auto document_org = [&] {
    if (main_org != -2) return main_org;
    main_org = -1;
    std::map<int, int> counts;
    for (uint32_t k = 0; k < seg.sentences.size(); ++k) {
      int org = cues_of_sentence(k).org;
      if (org >= 0) ++counts[org];
    }
    int best = 0;
    for (const auto& [org, n] : counts) {
      if (n > best) {
        best = n;
        main_org = org;
      }
    }
    return main_org;
  };
  for (size_t i = first; i < claims.size(); ++i) {
    const Claim& c = claims[i];
    if (c.unit == "text") continue;  // about a person: linked by LinkPeople
    const Sentence& s = seg.sentences[c.sentence];
    // Only a figure about a group needs its organisation.
    bool group = r.GroupMeasure(c.measure);
    Span clause = r.ClauseOf(doc.text, s.span, c.span.begin);
    EventCues whole = cues_of_sentence(c.sentence);
    // The kind nearest the figure (none when the sentence names none).
    if (whole.kind >= 0) whole.kind = r.NearestKind(doc.text, s.span, c.span.begin);
    EventCues cues = clause.begin == s.span.begin && clause.end == s.span.end
                         ? whole
                         : r.CuesOf(doc.text, clause, c.span.begin);
    cues.aggregate = whole.aggregate;
    // When the clause names a place, the rest of the sentence may be about another event: take
    // only its organisation. Otherwise the sentence's cues stand for the clause.
    if (cues.HasPlace()) {
      if (cues.org < 0) cues.org = whole.org;
    } else {
      FillFrom(&cues, whole, true);
    }
    // The sentences before it in its paragraph, nearest first.
    const Paragraph& para = seg.paragraphs[s.paragraph];
    for (uint32_t k = c.sentence;
         k > para.first_sentence && (!cues.HasPlace() || (group && cues.org < 0));) {
      --k;
      if (c.sentence - k > 3) break;
      const EventCues& prev = cues_of_sentence(k);
      if (!cues.HasPlace() && prev.HasPlace()) FillFrom(&cues, prev, true);
      if (cues.org < 0) cues.org = prev.org;
    }
    // With no place of its own, a figure is about the main event, unless it states a time that
    // the main event's contradicts (a past event recalled: "the 2004 tsunami killed ...").
    bool own_place = cues.HasPlace();
    if (!own_place && !contradicts_main(cues)) FillFrom(&cues, main, true);
    // A figure placed where the main event happened, with no time of its own, is about it.
    bool at_main =
        !own_place ||
        (cues.place >= 0 && main.place >= 0 && r.PlacesRelated(cues.place, main.place)) ||
        (!cues.free_place.empty() && cues.free_place == main.free_place);
    if (at_main && !has_time(cues) && main_has_time && cues.HasPlace()) {
      cues.year = main.year;
      cues.month = main.month;
      cues.day = main.day;
      cues.relative = main.relative;
    }
    // A month without a year in a dated document is the last such month up to the document's
    // date ("in June", written in August 2016, is June 2016; written in May, June 2015).
    if (cues.month != 0 && cues.year == 0 && main.year != 0 && main.day != 0) {
      cues.year = main.month == 0 || cues.month <= main.month ? main.year : main.year - 1;
    }
    cues.main_event = at_main && !contradicts_main(cues);
    if (cues.org < 0 && group) cues.org = document_org();
    out.mentions.push_back(Mention{cues, doc_index, static_cast<uint32_t>(claim_base + i)});
  }
  return out;
}

std::vector<Event> EventLinker::Link(std::vector<Claim>* claims) {
  const EventResolver& r = *resolver_;
  std::vector<Event> events;
  std::vector<EventCues> profiles;
  // Groups first: one event per organisation.
  std::map<int, int> org_event;
  std::vector<size_t> order;
  for (size_t i = 0; i < mentions_.size(); ++i) {
    const Mention& m = mentions_[i];
    Claim& claim = (*claims)[m.claim];
    if (m.cues.aggregate) {
      claim.event = -1;
      continue;
    }
    if (r.GroupMeasure(claim.measure)) {
      if (m.cues.org < 0) {
        claim.event = -1;
        continue;
      }
      auto [it, added] = org_event.emplace(m.cues.org, static_cast<int>(events.size()));
      if (added) {
        events.push_back(Event{"", r.OrgName(m.cues.org) + " (the group)", true});
        profiles.push_back(m.cues);
      }
      claim.event = it->second;
      continue;
    }
    order.push_back(i);
  }
  // Events: most specific mentions first; each joins the first compatible event found through
  // the place index, or starts one.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return r.Specificity(mentions_[a].cues) > r.Specificity(mentions_[b].cues);
  });
  // The place index. "below:P" lists the events placed at P or inside it; "at:P" those placed
  // exactly at P; "free:NAME" those at a place outside the gazetteer.
  std::unordered_map<std::string, std::vector<int>> index;
  // Each list is kept twice: whole, and split by the events' years ("below:P@2016"; "@0" for
  // events with no year), so that a dated mention walks only the events of its year and the
  // undated ones, not every event ever placed in a busy country. Years never change once set,
  // so the split lists hold every event that can be compatible.
  auto add = [&](const std::string& key, int ev, int year) {
    index[key].push_back(ev);
    index[key + "@" + std::to_string(year)].push_back(ev);
  };
  auto register_event = [&](int ev, const EventCues& c) {
    if (c.place >= 0) {
      add("at:" + std::to_string(c.place), ev, c.year);
      for (int p : r.PlaceChain(c.place)) add("below:" + std::to_string(p), ev, c.year);
    } else if (!c.free_place.empty()) {
      add("free:" + c.free_place, ev, c.year);
    }
  };
  std::map<uint32_t, int> unplaced;  // document -> its event for figures with no place at all
  for (size_t i : order) {
    const Mention& m = mentions_[i];
    Claim& claim = (*claims)[m.claim];
    int chosen = -1;
    if (!m.cues.HasPlace()) {
      auto it = unplaced.find(m.doc);
      if (it != unplaced.end()) chosen = it->second;
    }
    if (m.cues.HasPlace()) {
      std::vector<int> candidates;
      auto collect = [&](const std::string& whole) {
        for (const std::string& key :
             m.cues.year != 0
                 ? std::vector<std::string>{whole + "@" + std::to_string(m.cues.year), whole + "@0"}
                 : std::vector<std::string>{whole}) {
          auto it = index.find(key);
          if (it != index.end())
            candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        }
      };
      if (m.cues.place >= 0) {
        collect("below:" + std::to_string(m.cues.place));
        for (int p : r.PlaceChain(m.cues.place)) collect("at:" + std::to_string(p));
      } else {
        collect("free:" + m.cues.free_place);
      }
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      for (int ev : candidates) {
        if (!events[ev].group && r.Compatible(profiles[ev], m.cues)) {
          chosen = ev;
          break;
        }
      }
    }
    if (chosen < 0) {
      chosen = static_cast<int>(events.size());
      events.push_back(Event{"", "", false});
      profiles.push_back(m.cues);
      // An event that its own first mention could not join (a country alone with no month or
      // venue; a place outside the gazetteer with no time) can be joined by no mention found
      // through the index, and is left out of it: a busy country's lists would otherwise grow
      // with every such figure and each lookup walk them all.
      if (r.Compatible(m.cues, m.cues)) register_event(chosen, m.cues);
      if (!m.cues.HasPlace()) unplaced[m.doc] = chosen;
    } else {
      EventCues& p = profiles[chosen];
      if (r.Specificity(m.cues) > r.Specificity(p)) {
        p.place = m.cues.place;
        p.free_place = m.cues.free_place;
        register_event(chosen, p);
      }
      int year_before = p.year;
      FillFrom(&p, m.cues, false);
      if (year_before == 0 && p.year != 0) register_event(chosen, p);  // now under its year too
      if (p.venue_type < 0) p.venue_type = m.cues.venue_type;
    }
    claim.event = chosen;
  }
  for (size_t e = 0; e < events.size(); ++e) {
    events[e].id = "e" + std::to_string(e + 1);
    if (!events[e].group) events[e].label = r.Label(profiles[e]);
  }
  return events;
}

std::vector<int32_t> EventLinker::MainEvents(const std::vector<Claim>& claims,
                                             size_t documents) const {
  // (document, event) -> (claims, first claim)
  std::map<std::pair<uint32_t, int32_t>, std::pair<int, uint32_t>> votes;
  for (const Mention& m : mentions_) {
    if (!m.cues.main_event || m.claim >= claims.size()) continue;
    const Claim& c = claims[m.claim];
    if (c.event < 0 || resolver_->GroupMeasure(c.measure)) continue;
    auto [it, added] = votes.try_emplace({m.doc, c.event}, 0, m.claim);
    ++it->second.first;
    it->second.second = std::min(it->second.second, m.claim);
  }
  std::vector<int32_t> out(documents, -1);
  std::vector<std::pair<int, uint32_t>> best(documents, {0, UINT32_MAX});
  for (const auto& [key, vote] : votes) {
    auto [doc, event] = key;
    if (doc >= documents) continue;
    auto& b = best[doc];
    if (vote.first > b.first || (vote.first == b.first && vote.second < b.second)) {
      b = vote;
      out[doc] = event;
    }
  }
  return out;
}

}  // namespace factdiff
