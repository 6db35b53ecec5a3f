// Comparing claims about people: names, affiliations and quotes are words, compared word by
// word with spelling set aside (see compare.h).
#include "compare/text_compare.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "factdiff/extract.h"
#include "factdiff/strings.h"

namespace factdiff {

namespace {

// Quotes longer than this (in words) are compared as wholes, not aligned word by word.
constexpr size_t kMaxAlignedWords = 800;

struct Token {
  std::string text;  // as written
  std::string key;   // SpellingKey
};

std::vector<Token> Tokens(const PeopleRules& rules, std::string_view s) {
  std::vector<Token> out;
  for (auto& [w, span] : Words(s)) out.push_back({std::string(span.Of(s)), rules.SpellingKey(w)});
  return out;
}

// Returns the pairs (i, j) of a longest common subsequence of the keys of `a` and `b`, ascending.
std::vector<std::pair<size_t, size_t>> Align(const std::vector<Token>& a,
                                             const std::vector<Token>& b) {
  size_t n = a.size(), m = b.size();
  std::vector<uint16_t> len((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint16_t& { return len[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = a[i].key == b[j].key ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<std::pair<size_t, size_t>> out;
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i].key == b[j].key) {
      out.push_back({i, j});
      ++i;
      ++j;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

// Returns the words [from, to) of `t` joined by spaces.
std::string Slice(const std::vector<Token>& t, size_t from, size_t to) {
  std::string out;
  for (size_t k = from; k < to; ++k) AppendSeparated(&out, " ", t[k].text);
  return out;
}

// Returns true iff the words [af, at) of `a` and [bf, bt) of `b` are the same spelling aside
// ("anti-terror" and "anti terror").
bool SameKeys(const std::vector<Token>& a, size_t af, size_t at, const std::vector<Token>& b,
              size_t bf, size_t bt) {
  std::string x, y;
  for (size_t k = af; k < at; ++k) x += a[k].key;
  for (size_t k = bf; k < bt; ++k) y += b[k].key;
  return x == y;
}

// The words of claim `c`'s sentence outside its quote: before it (`after` false) or after it.
std::vector<Token> Outside(const PeopleRules& rules, const Claim& c, bool after) {
  size_t at = c.text.find(c.value);
  if (at == std::string::npos) return {};
  return Tokens(rules, after ? std::string_view(c.text).substr(at + c.value.size())
                             : std::string_view(c.text).substr(0, at));
}

// Returns how many of `extra` (words one quote has beyond the other's span) the other source
// gives right outside its marks: read outward from the quote, so `extra` is matched from its end
// when it leads the quote (`leading`) and from its start when it trails it.
size_t MovedWords(const std::vector<Token>& extra, size_t from, size_t to,
                  const std::vector<Token>& outside, bool leading) {
  size_t n = 0;
  while (n < to - from && n < outside.size()) {
    const Token& e = leading ? extra[to - 1 - n] : extra[from + n];
    const Token& o = leading ? outside[outside.size() - 1 - n] : outside[n];
    if (e.key != o.key) break;
    ++n;
  }
  return n;
}

// Returns the short names of the documents of `ids` whose value maps to `key` under `key_of`.
template <typename KeyOf>
std::string DocsWith(const CompareInput& in, const std::vector<uint32_t>& ids,
                     const std::string& key, KeyOf key_of) {
  std::vector<std::string> names;
  std::set<uint32_t> seen;
  for (uint32_t i : ids) {
    const Claim& c = (*in.claims)[i];
    if (key_of(c) == key && seen.insert(c.doc).second) names.push_back((*in.doc_names)[c.doc]);
  }
  return Join(names, ", ");
}

void AddChange(std::vector<WordChange>* out, WordChange change) {
  for (const WordChange& w : *out) {
    if (w.kind == change.kind && w.from == change.from && w.to == change.to) return;
  }
  out->push_back(std::move(change));
}

bool Decisive(const std::string& kind) { return kind != "spelling" && kind != "post"; }

void ComparePeople(const CompareInput& in, const std::vector<uint32_t>& ids, Finding* f) {
  const PeopleRules& rules = *in.people;
  const std::vector<Claim>& claims = *in.claims;
  uint32_t ref = ids[0];
  for (uint32_t i : ids) {
    if (!rules.SplitName(claims[i].value).given.empty()) {
      ref = i;
      break;
    }
  }
  const Claim& r = claims[ref];
  NameParts pr = rules.SplitName(r.value);
  std::string initial_note;
  for (uint32_t i : ids) {
    const Claim& c = claims[i];
    if (i == ref || c.doc == r.doc) continue;
    NameParts pc = rules.SplitName(c.value);
    if (!pr.given.empty() && !pc.given.empty()) {
      const std::string& x = pr.given[0];
      const std::string& y = pc.given[0];
      bool initial = x.size() == 1 || y.size() == 1;
      if (initial ? x[0] != y[0] : rules.SpellingKey(x) != rules.SpellingKey(y)) {
        AddChange(&f->changes, {"given-name", Join(pr.given, " "), Join(pc.given, " "), ref, i});
        // "Michael E" and "Erik": the E. may be Erik.
        for (const auto& [mine, theirs, whose] :
             {std::tuple{&pr.given, &y, &r.value}, std::tuple{&pc.given, &x, &c.value}}) {
          for (size_t k = 1; k < mine->size(); ++k) {
            if ((*mine)[k].size() == 1 && (*mine)[k][0] == (*theirs)[0] && initial_note.empty()) {
              initial_note = fmt::format("; the initial \"{}\" in \"{}\" may stand for {}",
                                         (*mine)[k], *whose, *theirs);
            }
          }
        }
      } else if (!initial && x != y) {
        AddChange(&f->changes, {"spelling", x, y, ref, i});
      }
    }
    if (pr.surname != pc.surname)
      AddChange(&f->changes, {"spelling", pr.surname, pc.surname, ref, i});
    if (!r.title.empty() && !c.title.empty() && !rules.TitlesCompatible(r.title, c.title)) {
      AddChange(&f->changes, {"title", r.title, c.title, ref, i});
    }
  }
  auto value = [](const Claim& c) { return c.value; };
  auto title = [](const Claim& c) { return c.title; };
  std::vector<std::string> parts;
  bool decisive = false;
  for (const WordChange& w : f->changes) {
    const Claim& a = claims[w.a];
    const Claim& b = claims[w.b];
    decisive = decisive || Decisive(w.kind);
    if (w.kind == "title") {
      parts.push_back(fmt::format("the title differs: \"{}\" ({}) and \"{}\" ({})", w.from,
                                  DocsWith(in, ids, a.title, title), w.to,
                                  DocsWith(in, ids, b.title, title)));
    } else {
      parts.push_back(fmt::format("{} ({}) and \"{}\" ({})",
                                  w.kind == "spelling" ? fmt::format("spelt \"{}\"", a.value)
                                                       : fmt::format("\"{}\"", a.value),
                                  DocsWith(in, ids, a.value, value), b.value,
                                  DocsWith(in, ids, b.value, value)));
    }
  }
  if (f->changes.empty()) {
    f->kind = FindingKind::kAgreement;
    f->reason = fmt::format("{} independent sources name {} alike", f->sources, f->event);
  } else if (decisive) {
    f->kind = FindingKind::kConflict;
    f->reason = fmt::format("the sources name {} differently: {}{}", f->event, Join(parts, "; "),
                            initial_note);
  } else {
    f->kind = FindingKind::kVariant;
    f->reason = fmt::format("the sources spell the name of {} differently: {}", f->event,
                            Join(parts, "; "));
  }
}

void CompareAffiliations(const CompareInput& in, const std::vector<uint32_t>& ids, Finding* f) {
  const PeopleRules& rules = *in.people;
  const std::vector<Claim>& claims = *in.claims;
  uint32_t ref = ids[0];
  const Claim& r = claims[ref];
  std::string org_ref = rules.OrgKey(r.value);
  std::string posts;
  for (uint32_t i : ids) {
    const Claim& c = claims[i];
    if (i == ref || c.doc == r.doc) continue;
    if (rules.OrgKey(c.value) != org_ref) {
      // The differing words of the two names.
      std::vector<Token> a = Tokens(rules, r.value), b = Tokens(rules, c.value);
      std::vector<std::pair<size_t, size_t>> m = Align(a, b);
      m.push_back({a.size(), b.size()});
      size_t pi = 0, pj = 0;
      for (auto [mi, mj] : m) {
        if (mi > pi || mj > pj) {
          std::string from = Slice(a, pi, mi), to = Slice(b, pj, mj);
          if (AsciiLower(from) != "the" || !to.empty()) {
            AddChange(&f->changes, {"organisation", from, to, ref, i});
          }
        }
        pi = mi + 1;
        pj = mj + 1;
      }
    }
    if (!r.detail.empty() && !c.detail.empty() &&
        rules.RoleClass(r.detail) != rules.RoleClass(c.detail)) {
      AddChange(&f->changes, {"post", r.detail, c.detail, ref, i});
    }
  }
  auto org = [&](const Claim& c) { return rules.OrgKey(c.value); };
  auto post = [](const Claim& c) { return c.detail; };
  std::vector<std::string> orgs, post_list;
  std::set<std::string> seen_orgs, seen_posts;
  bool org_differs = false;
  for (uint32_t i : ids) {
    const Claim& c = claims[i];
    if (seen_orgs.insert(org(c)).second) {
      orgs.push_back(fmt::format("\"{}\" ({})", c.value, DocsWith(in, ids, org(c), org)));
    }
    if (!c.detail.empty() && seen_posts.insert(c.detail).second) {
      post_list.push_back(fmt::format("\"{}\" ({})", c.detail, DocsWith(in, ids, c.detail, post)));
    }
  }
  for (const WordChange& w : f->changes) org_differs = org_differs || w.kind == "organisation";
  bool post_differs = f->changes.size() > (org_differs ? 1u : 0u) ||
                      std::any_of(f->changes.begin(), f->changes.end(),
                                  [](const WordChange& w) { return w.kind == "post"; });
  std::string post_note =
      post_differs ? fmt::format("; posts given: {}", Join(post_list, ", ")) : std::string();
  if (org_differs) {
    f->kind = FindingKind::kConflict;
    f->reason = fmt::format("the sources tie {} to different organisations: {}{}", f->event,
                            Join(orgs, " and "), post_note);
  } else if (post_differs) {
    f->kind = FindingKind::kVariant;
    f->reason = fmt::format("the sources give {} different posts at {}: {}", f->event, r.value,
                            Join(post_list, " and "));
  } else {
    f->kind = FindingKind::kAgreement;
    f->reason = fmt::format("{} independent sources tie {} to {}", f->sources, f->event, r.value);
  }
}

void CompareQuotes(const CompareInput& in, const std::vector<uint32_t>& ids, Finding* f) {
  const std::vector<Claim>& claims = *in.claims;
  uint32_t ref = ids[0];
  for (uint32_t i : ids) {
    if (i == ref || claims[i].doc == claims[ref].doc) continue;
    for (WordChange& w : DiffQuotes(*in.people, claims[ref], claims[i], ref, i)) {
      AddChange(&f->changes, std::move(w));
    }
  }
  std::vector<std::string> parts;
  bool decisive = false;
  for (const WordChange& w : f->changes) {
    const std::string& a = (*in.doc_names)[claims[w.a].doc];
    const std::string& b = (*in.doc_names)[claims[w.b].doc];
    decisive = decisive || Decisive(w.kind);
    if (w.kind == "changed" || w.kind == "spelling") {
      parts.push_back(fmt::format("\"{}\" ({}) / \"{}\" ({})", w.from, a, w.to, b));
    } else if (w.kind == "added") {
      parts.push_back(fmt::format("{} adds \"{}\"", b, w.to));
    } else if (w.kind == "removed") {
      parts.push_back(fmt::format("{} leaves out \"{}\"", b, w.from));
    } else if (w.kind == "moved-in") {
      parts.push_back(fmt::format("{} puts \"{}\" inside the quote marks, where {} has it outside",
                                  b, w.to, a));
    } else if (w.kind == "moved-out") {
      parts.push_back(
          fmt::format("{} has \"{}\" outside the quote marks, where {} quotes it", b, w.from, a));
    }
  }
  if (f->changes.empty()) {
    f->kind = FindingKind::kAgreement;
    f->reason =
        fmt::format("{} independent sources quote {} in the same words", f->sources, f->event);
  } else if (decisive) {
    f->kind = FindingKind::kConflict;
    f->reason =
        fmt::format("the sources quote {} in different words: {}", f->event, Join(parts, "; "));
  } else {
    f->kind = FindingKind::kVariant;
    f->reason = fmt::format("the sources quote {} in the same words, spelt differently: {}",
                            f->event, Join(parts, "; "));
  }
}

}  // namespace

std::vector<WordChange> DiffQuotes(const PeopleRules& rules, const Claim& a, const Claim& b,
                                   uint32_t ia, uint32_t ib) {
  std::vector<WordChange> out;
  std::vector<Token> ta = Tokens(rules, a.value), tb = Tokens(rules, b.value);
  if (ta.size() > kMaxAlignedWords || tb.size() > kMaxAlignedWords) {
    if (!SameKeys(ta, 0, ta.size(), tb, 0, tb.size())) {
      out.push_back({"changed", a.value, b.value, ia, ib});
    }
    return out;
  }
  std::vector<std::pair<size_t, size_t>> m = Align(ta, tb);
  if (m.empty()) return out;
  // Words before (`leading`) or after the span both quote.
  auto beyond = [&](bool leading) {
    size_t af = leading ? 0 : m.back().first + 1, at = leading ? m.front().first : ta.size();
    size_t bf = leading ? 0 : m.back().second + 1, bt = leading ? m.front().second : tb.size();
    if (af < at && bf < bt) {
      if (!SameKeys(ta, af, at, tb, bf, bt)) {
        out.push_back({"changed", Slice(ta, af, at), Slice(tb, bf, bt), ia, ib});
      }
    } else if (bf < bt) {
      size_t n = MovedWords(tb, bf, bt, Outside(rules, a, !leading), leading);
      if (n > 0) {
        std::string moved = leading ? Slice(tb, bt - n, bt) : Slice(tb, bf, bf + n);
        out.push_back({"moved-in", "", moved, ia, ib});
      }
    } else if (af < at) {
      size_t n = MovedWords(ta, af, at, Outside(rules, b, !leading), leading);
      if (n > 0) {
        std::string moved = leading ? Slice(ta, at - n, at) : Slice(ta, af, af + n);
        out.push_back({"moved-out", moved, "", ia, ib});
      }
    }
  };
  beyond(true);
  // Within it: gaps between matched words, and matched words spelt differently.
  for (size_t k = 0; k < m.size(); ++k) {
    auto [i, j] = m[k];
    if (AsciiLower(ta[i].text) != AsciiLower(tb[j].text)) {
      out.push_back({"spelling", ta[i].text, tb[j].text, ia, ib});
    }
    if (k + 1 == m.size()) break;
    auto [ni, nj] = m[k + 1];
    if (ni == i + 1 && nj == j + 1) continue;
    if (ni > i + 1 && nj > j + 1) {
      out.push_back({SameKeys(ta, i + 1, ni, tb, j + 1, nj) ? "spelling" : "changed",
                     Slice(ta, i + 1, ni), Slice(tb, j + 1, nj), ia, ib});
    } else if (nj > j + 1) {
      out.push_back({"added", "", Slice(tb, j + 1, nj), ia, ib});
    } else {
      out.push_back({"removed", Slice(ta, i + 1, ni), "", ia, ib});
    }
  }
  beyond(false);
  return out;
}

bool IsTextMeasure(const std::string& measure) {
  return measure == "person" || measure == "affiliation" || measure == "quote";
}

void CompareTextGroup(const CompareInput& in, const std::vector<uint32_t>& ids, Finding* f) {
  if (f->measure == "person") {
    ComparePeople(in, ids, f);
  } else if (f->measure == "affiliation") {
    CompareAffiliations(in, ids, f);
  } else {
    CompareQuotes(in, ids, f);
  }
}

}  // namespace factdiff
