// Linking people across documents (see resolve.h, LinkPeople).
#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "factdiff/resolve.h"
#include "factdiff/strings.h"

namespace factdiff {

namespace {

// Surname groups larger than this are linked only by equal given names, not pair by pair.
constexpr size_t kMaxPairwise = 200;
// Quotes of one person are matched pair by pair up to this many.
constexpr size_t kMaxQuotes = 400;

class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // Joins the sets of a and b; the smaller root stays the root, so results are stable.
  void Join(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<size_t> parent_;
};

// One person as one document names them.
struct DocPerson {
  uint32_t doc;
  std::string name;  // in full, as the document gives it
  NameParts parts;
  std::set<std::string> titles;  // as written
  std::set<std::string> orgs;    // OrgKey
  std::set<std::string> posts;   // RoleClass
  std::vector<uint32_t> claims;
};

bool GivenAgree(const PeopleRules& rules, const NameParts& a, const NameParts& b) {
  if (a.given.empty() || b.given.empty()) return false;
  const std::string& x = a.given[0];
  const std::string& y = b.given[0];
  if (x.size() == 1 || y.size() == 1) return x[0] == y[0];
  return rules.SpellingKey(x) == rules.SpellingKey(y);
}

bool Share(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const std::string& x : a) {
    if (!x.empty() && b.count(x)) return true;
  }
  return false;
}

bool TitlesAgree(const PeopleRules& rules, const DocPerson& a, const DocPerson& b) {
  for (const std::string& x : a.titles) {
    for (const std::string& y : b.titles) {
      if (!rules.TitlesCompatible(x, y)) return false;
    }
  }
  return true;
}

// Returns true iff two compared titles of one class stand with the two names.
bool SameRank(const PeopleRules& rules, const DocPerson& a, const DocPerson& b) {
  for (const std::string& x : a.titles) {
    TitleInfo tx = rules.Title(x);
    if (!tx.compared || tx.cls.empty()) continue;
    for (const std::string& y : b.titles) {
      if (rules.TitlesCompatible(x, y) && rules.Title(y).compared) return true;
    }
  }
  return false;
}

// Returns the spelling keys of the word trigrams of `text`.
std::set<std::string> Trigrams(const PeopleRules& rules, std::string_view text) {
  std::vector<std::string> keys;
  for (const auto& [w, span] : Words(text)) keys.push_back(rules.SpellingKey(w));
  std::set<std::string> out;
  for (size_t i = 0; i + 2 < keys.size(); ++i) {
    out.insert(keys[i] + " " + keys[i + 1] + " " + keys[i + 2]);
  }
  return out;
}

// Returns the opening words of a quote: up to eight, with "…" when there are more.
std::string Opening(std::string_view words) {
  std::vector<std::pair<std::string, Span>> w = Words(words);
  if (w.size() <= 8) return std::string(words);
  return std::string(words.substr(0, w[7].second.end)) + "…";
}

}  // namespace

void LinkPeople(const PeopleRules& rules, std::vector<Claim>* claims, std::vector<Event>* events) {
  std::vector<Claim>& all = *claims;
  // Gather each document's people.
  std::vector<DocPerson> people;
  std::map<std::pair<uint32_t, std::string>, size_t> index;
  for (uint32_t i = 0; i < all.size(); ++i) {
    const Claim& c = all[i];
    if (c.unit != "text" || c.person.empty()) continue;
    auto [it, added] = index.try_emplace({c.doc, c.person}, people.size());
    if (added)
      people.push_back(DocPerson{c.doc, c.person, rules.SplitName(c.person), {}, {}, {}, {}});
    DocPerson& p = people[it->second];
    p.claims.push_back(i);
    if (c.measure == "person" && !c.title.empty()) p.titles.insert(c.title);
    if (c.measure == "affiliation") {
      p.orgs.insert(rules.OrgKey(c.value));
      if (!c.detail.empty()) p.posts.insert(rules.RoleClass(c.detail));
    }
  }
  // Link within each surname.
  std::map<std::string, std::vector<size_t>> by_surname;
  for (size_t i = 0; i < people.size(); ++i) {
    by_surname[rules.SurnameKey(people[i].name)].push_back(i);
  }
  DisjointSets sets(people.size());
  for (const auto& [surname, all_members] : by_surname) {
    // Mentions alike in name, titles, organisations and posts are one person outright; the
    // pairwise test below runs over the distinct ones only.
    std::map<std::string, size_t> alike;
    std::vector<size_t> members;
    for (size_t i : all_members) {
      const DocPerson& p = people[i];
      std::string key = p.name;
      for (const auto* set : {&p.titles, &p.orgs, &p.posts}) {
        key += '\x1f';
        for (const std::string& v : *set) key += v + '\x1e';
      }
      auto [it, added] = alike.try_emplace(key, i);
      if (added) {
        members.push_back(i);
      } else {
        sets.Join(it->second, i);
      }
    }
    if (members.size() > kMaxPairwise) {
      std::map<std::string, size_t> first;
      for (size_t i : members) {
        const NameParts& n = people[i].parts;
        if (n.given.empty()) continue;
        auto [it, added] = first.try_emplace(rules.SpellingKey(n.given[0]), i);
        if (!added) sets.Join(it->second, i);
      }
      continue;
    }
    for (size_t x = 0; x < members.size(); ++x) {
      for (size_t y = x + 1; y < members.size(); ++y) {
        const DocPerson& a = people[members[x]];
        const DocPerson& b = people[members[y]];
        if (a.parts.given.empty() || b.parts.given.empty()) continue;
        bool same_org = Share(a.orgs, b.orgs);
        // The same given name is the same person, a different title being a finding; an initial
        // agrees only when the titles do.
        bool full_names = a.parts.given[0].size() > 1 && b.parts.given[0].size() > 1;
        bool linked = GivenAgree(rules, a.parts, b.parts)
                          ? full_names || TitlesAgree(rules, a, b) || same_org
                          : same_org || (SameRank(rules, a, b) && Share(a.posts, b.posts));
        if (linked) sets.Join(members[x], members[y]);
      }
    }
    // A surname alone joins the one person of that surname.
    std::set<size_t> roots;
    for (size_t i : members) {
      if (!people[i].parts.given.empty()) roots.insert(sets.Find(i));
    }
    if (roots.size() == 1) {
      for (size_t i : members) {
        if (people[i].parts.given.empty()) sets.Join(*roots.begin(), i);
      }
    }
  }
  // One event per person, in the order of their first mention.
  std::map<size_t, int32_t> event_of;
  for (size_t i = 0; i < people.size(); ++i) {
    size_t root = sets.Find(i);
    auto [it, added] = event_of.try_emplace(root, static_cast<int32_t>(events->size()));
    if (added) {
      events->push_back(Event{"e" + std::to_string(events->size() + 1), "", false, true});
    }
    Event& e = (*events)[it->second];
    // The label: the name given with most words, the first of those.
    auto words = [](const std::string& s) { return std::count(s.begin(), s.end(), ' '); };
    if (e.label.empty() || words(people[i].name) > words(e.label)) e.label = people[i].name;
    for (uint32_t c : people[i].claims) all[c].event = it->second;
  }
  // Quotes of each person that share words are one quote.
  std::map<int32_t, std::vector<uint32_t>> quotes;
  for (uint32_t i = 0; i < all.size(); ++i) {
    if (all[i].unit == "text" && all[i].measure == "quote" && all[i].event >= 0) {
      quotes[all[i].event].push_back(i);
    }
  }
  for (const auto& [event, ids] : quotes) {
    DisjointSets q(ids.size());
    // The same words are one quote outright; the distinct ones are compared pair by pair.
    std::map<std::string, size_t> same;
    std::vector<size_t> distinct;
    for (size_t k = 0; k < ids.size(); ++k) {
      auto [it, added] = same.try_emplace(all[ids[k]].value, k);
      if (added) {
        distinct.push_back(k);
      } else {
        q.Join(it->second, k);
      }
    }
    size_t n = std::min(distinct.size(), kMaxQuotes);
    std::vector<std::set<std::string>> grams;
    for (size_t k = 0; k < n; ++k) grams.push_back(Trigrams(rules, all[ids[distinct[k]]].value));
    for (size_t x = 0; x < n; ++x) {
      for (size_t y = x + 1; y < n; ++y) {
        size_t shared = 0;
        for (const std::string& g : grams[x]) shared += grams[y].count(g);
        if (shared >= 2 || (shared >= 1 && std::min(grams[x].size(), grams[y].size()) <= 2)) {
          q.Join(distinct[x], distinct[y]);
        }
      }
    }
    for (size_t k = 0; k < ids.size(); ++k) {
      all[ids[k]].subject = Opening(all[ids[q.Find(k)]].value);
    }
  }
}

}  // namespace factdiff
