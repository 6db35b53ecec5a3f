#include "factdiff/people.h"

#include <re2/re2.h>
#include <re2/set.h>
#include <utf8proc.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "extract/rules_internal.h"
#include "factdiff/extract.h"
#include "factdiff/strings.h"

namespace factdiff {

namespace {

using nlohmann::json;

constexpr int64_t kCueMaxMem = 8 << 20;
// The largest program (RE2 instructions) a cue may compile to; see Create.
constexpr int kMaxCueProgram = 20000;
// Longer runs of capitalised words are headlines or organisations, not a person's name.
constexpr size_t kMaxNameWords = 6;
constexpr int64_t kCueSetMaxMem = 128 << 20;
// A quote's speaker is looked for this far (bytes) before its speech verb at most.
constexpr size_t kMaxSpeakerGapWords = 5;
// A paragraph with more quote marks than this is a list or junk, not reported speech: its quotes
// are not read (attributing each quote looks at every other one in its paragraph).
constexpr size_t kMaxQuotesPerParagraph = 64;

bool IsUpperStart(std::string_view w) {
  if (w.empty()) return false;
  utf8proc_int32_t cp = 0;
  utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(w.data()),
                   static_cast<utf8proc_ssize_t>(w.size()), &cp);
  return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

// Returns the number of words in `s`.
size_t CountWords(std::string_view s) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  size_t n = 0, i = 0;
  bool in_word = false;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len =
        utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (len <= 0) {
      len = 1;
      cp = -1;
    }
    bool alnum = false;
    if (cp >= 0) {
      utf8proc_category_t cat = utf8proc_category(cp);
      alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
              (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
              (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
    }
    bool joiner = cp == '-' || cp == '\'' || cp == 0x2019;
    if (alnum && !in_word) ++n;
    in_word = alnum || (in_word && joiner);
    i += static_cast<size_t>(len);
  }
  return n;
}

// Returns true iff `s` holds a character that ends a sentence or a clause boundary a speech verb
// does not cross.
bool HasStop(std::string_view s) { return s.find_first_of(".;!?") != std::string_view::npos; }

struct Cue {
  std::string id;
  std::unique_ptr<re2::RE2> re;
  int name = -1, title = -1, role = -1, org = -1;  // group indices
};

// A quote mark pair found in a paragraph.
struct Marks {
  uint32_t open, inner_begin, inner_end, close_end;
};

}  // namespace

std::vector<std::pair<std::string, Span>> Words(std::string_view text) {
  std::vector<std::pair<std::string, Span>> out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  size_t n = text.size(), i = 0;
  std::string word;
  uint32_t begin = 0;
  // Ends the word before byte `end`, dropping trailing joiners (one byte each in the text, or
  // three for ’).
  auto emit = [&](uint32_t end) {
    while (!word.empty() && (word.back() == '-' || word.back() == '\'')) {
      word.pop_back();
      end -= (end >= 3 && text.substr(end - 3, 3) == "\u2019") ? 3 : 1;
    }
    if (!word.empty()) out.push_back({word, Span{begin, end}});
    word.clear();
  };
  while (i < n) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
    if (len <= 0) {
      len = 1;
      cp = -1;
    }
    bool alnum = false, joiner = false;
    if (cp >= 0) {
      utf8proc_category_t cat = utf8proc_category(cp);
      alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
              (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
              (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
      joiner = cp == '-' || cp == '\'' || cp == 0x2019;
    }
    if (alnum) {
      if (word.empty()) begin = static_cast<uint32_t>(i);
      word.append(text.substr(i, len));
    } else if (joiner && !word.empty()) {
      word.push_back(cp == '-' ? '-' : '\'');
    } else if (!word.empty()) {
      emit(static_cast<uint32_t>(i));
    }
    i += static_cast<size_t>(len);
  }
  if (!word.empty()) emit(static_cast<uint32_t>(n));
  return out;
}

struct PeopleRules::Data {
  std::vector<Cue> cues;
  std::unique_ptr<re2::RE2::Set> cue_set;
  std::unique_ptr<re2::RE2> speech;
  std::unordered_map<std::string, TitleInfo> titles;  // form as written -> info
  std::unordered_set<std::string> not_name_words;
  std::vector<std::string> org_qualifiers;
  std::unordered_map<std::string, std::string> role_classes;  // noun -> class
  std::unordered_set<std::string> pronouns, auxiliaries, particles, role_lead_dropped;
  std::vector<std::pair<std::string, std::string>> rewrites;
  size_t min_quote_words = 4;

  // Returns the name with leading words that are never names, or are titles, dropped; "" when a
  // word that is never a name remains in it, or fewer than `min_words` or more than
  // kMaxNameWords words remain. Sets *skip
  // to the bytes dropped.
  std::string CleanName(std::string_view name, size_t min_words, size_t* skip) const {
    std::vector<std::pair<std::string, Span>> words = Words(name);
    size_t first = 0;
    while (first < words.size() &&
           (not_name_words.count(words[first].first) || titles.count(words[first].first))) {
      ++first;
    }
    if (words.size() - first < std::max<size_t>(1, min_words) ||
        words.size() - first > kMaxNameWords) {
      return "";
    }
    for (size_t i = first; i < words.size(); ++i) {
      if (not_name_words.count(words[i].first)) return "";
    }
    *skip = words[first].second.begin;
    return FoldSpaces(name.substr(*skip));
  }

  // Returns the post without leading words such as "according to the".
  std::string CleanRole(const std::string& role) const {
    std::vector<std::pair<std::string, Span>> words = Words(role);
    size_t first = 0;
    while (first + 1 < words.size() && role_lead_dropped.count(AsciiLower(words[first].first)))
      ++first;
    return first == 0 || words.empty() ? role : role.substr(words[first].second.begin);
  }
};

PeopleRules::PeopleRules() : d_(std::make_unique<Data>()) {}
PeopleRules::~PeopleRules() = default;

Result<std::shared_ptr<const PeopleRules>> PeopleRules::Create(const std::vector<RuleFile>& files) {
  std::shared_ptr<PeopleRules> r(new PeopleRules());
  Data& d = *r->d_;
  std::vector<std::string> errors;
  bool found = false;
  for (const RuleFile& file : files) {
    Result<RuleDocument> parsed = RuleDocument::Parse(file);
    if (!parsed.ok() || parsed->kind() != "people") continue;
    found = true;
    const RuleDocument& doc = *parsed;
    const json& j = doc.json();
    auto strings = [&](const char* key, auto add) {
      auto it = j.find(key);
      if (it == j.end()) return;
      if (!it->is_array()) {
        errors.push_back(doc.Error(std::string("/") + key, "expected an array of strings"));
        return;
      }
      for (const json& w : *it) {
        if (w.is_string()) add(w.get<std::string>());
      }
    };
    strings("not_name_words", [&](const std::string& w) { d.not_name_words.insert(w); });
    strings("org_qualifiers", [&](const std::string& w) { d.org_qualifiers.push_back(w); });
    strings("pronouns", [&](const std::string& w) { d.pronouns.insert(AsciiLower(w)); });
    strings("auxiliaries", [&](const std::string& w) { d.auxiliaries.insert(AsciiLower(w)); });
    strings("role_lead_words_dropped",
            [&](const std::string& w) { d.role_lead_dropped.insert(AsciiLower(w)); });
    // Longest qualifiers first, so "the military’s" goes before "the".
    std::sort(d.org_qualifiers.begin(), d.org_qualifiers.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    d.min_quote_words = j.value("min_quote_words", size_t{4});

    std::vector<std::string> forms;
    if (auto t = j.find("titles"); t != j.end() && t->is_array()) {
      for (size_t i = 0; i < t->size(); ++i) {
        const json& e = (*t)[i];
        if (!e.is_object() || !e.contains("forms") || !e["forms"].is_array() ||
            !e.contains("class")) {
          errors.push_back(doc.Error(fmt::format("/titles/{}", i),
                                     "a title needs \"forms\" (an array) and a \"class\""));
          continue;
        }
        TitleInfo info{e.value("class", ""), e.value("family", ""), e.value("compared", true)};
        for (const json& f : e["forms"]) {
          if (!f.is_string()) continue;
          d.titles[f.get<std::string>()] = info;
          forms.push_back(f.get<std::string>());
        }
      }
    } else {
      errors.push_back(doc.Error("/titles", "a people file needs a \"titles\" array"));
    }
    std::sort(forms.begin(), forms.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    std::string title_pattern;
    for (const std::string& f : forms) {
      // A title ending in a letter must end at a word boundary ("Gen" not in "Genghis").
      std::string quoted = re2::RE2::QuoteMeta(f);
      if (std::isalpha(static_cast<unsigned char>(f.back()))) quoted += "\\b";
      AppendSeparated(&title_pattern, "|", quoted);
    }
    if (auto rc = j.find("role_classes"); rc != j.end() && rc->is_object()) {
      for (auto it = rc->begin(); it != rc->end(); ++it) {
        for (const json& w : it.value()) {
          if (w.is_string()) d.role_classes[w.get<std::string>()] = it.key();
        }
      }
    }
    if (auto sp = j.find("spelling"); sp != j.end() && sp->is_object()) {
      for (const json& pair : sp->value("rewrites", json::array())) {
        if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
          d.rewrites.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
      }
      for (const char* key : {"examples", "counterexamples"}) {
        const json& list = sp->value(key, json::array());
        for (size_t i = 0; i < list.size(); ++i) {
          const json& pair = list[i];
          std::string ptr = fmt::format("/spelling/{}/{}", key, i);
          if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() ||
              !pair[1].is_string()) {
            errors.push_back(doc.Error(ptr, "expected a pair of words"));
            continue;
          }
          r->spelling_examples_.push_back({file.path, ptr, pair[0].get<std::string>(),
                                           pair[1].get<std::string>(),
                                           std::string(key) == "examples"});
        }
      }
    }

    // Macros: the file's own, and {{title}} built from the titles.
    std::map<std::string, std::string> macros;
    if (auto m = j.find("macros"); m != j.end() && m->is_object()) {
      for (auto it = m->begin(); it != m->end(); ++it) {
        if (!it.value().is_object() || !it.value().contains("pattern") ||
            !it.value()["pattern"].is_string()) {
          errors.push_back(doc.Error("/macros/" + it.key(), "a macro needs a \"pattern\""));
          continue;
        }
        macros[it.key()] = it.value()["pattern"].get<std::string>();
      }
    }
    macros["title"] = title_pattern;
    auto lookup = [&](const std::string& name) -> const std::string* {
      auto it = macros.find(name);
      return it == macros.end() ? nullptr : &it->second;
    };
    if (auto p = macros.find("particle"); p != macros.end()) {
      for (const char* w : {"al", "el", "ul", "bin", "ibn", "van", "von", "der", "de", "del",
                            "della", "da", "di", "du", "dos", "le", "la"}) {
        if (re2::RE2::FullMatch(w, p->second)) d.particles.insert(w);
      }
    }

    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(kCueMaxMem);
    re2::RE2::Options set_options = options;
    set_options.set_max_mem(kCueSetMaxMem);
    d.cue_set = std::make_unique<re2::RE2::Set>(set_options, re2::RE2::UNANCHORED);
    const json& cues = j.value("cues", json::array());
    if (!cues.is_array() || cues.empty()) {
      errors.push_back(doc.Error("/cues", "a people file needs a \"cues\" array"));
    }
    for (size_t i = 0; i < cues.size(); ++i) {
      const json& c = cues[i];
      std::string ptr = fmt::format("/cues/{}", i);
      if (!c.is_object() || !c.contains("id") || !c.contains("pattern") ||
          !c["pattern"].is_string()) {
        errors.push_back(doc.Error(ptr, "a cue needs an \"id\" and a \"pattern\""));
        continue;
      }
      std::string id = c.value("id", "");
      std::string err;
      std::string expanded = ExpandMacros(c["pattern"].get<std::string>(), lookup, &err);
      if (!err.empty()) {
        errors.push_back(doc.Error(ptr + "/pattern", fmt::format("cue \"{}\": {}", id, err)));
        continue;
      }
      Cue cue{id, std::make_unique<re2::RE2>(expanded, options)};
      if (!cue.re->ok()) {
        errors.push_back(doc.Error(
            ptr + "/pattern", fmt::format("cue \"{}\": bad pattern: {}", id, cue.re->error())));
        continue;
      }
      // A program this large outgrows RE2's DFA memory, and RE2 then falls back, silently, to
      // its NFA, tens of times slower (\\p{Lu} in a repeated name part did that).
      if (cue.re->ProgramSize() > kMaxCueProgram) {
        errors.push_back(doc.Error(
            ptr + "/pattern",
            fmt::format("cue \"{}\": the pattern compiles to {} instructions (at most {}): "
                        "use narrower character classes or fewer copies of a repeated part",
                        id, cue.re->ProgramSize(), kMaxCueProgram)));
        continue;
      }
      const auto& groups = cue.re->NamedCapturingGroups();
      auto group = [&](const char* name) {
        auto it = groups.find(name);
        return it == groups.end() ? -1 : it->second;
      };
      cue.name = group("name");
      cue.title = group("title");
      cue.role = group("role");
      cue.org = group("org");
      if (cue.name < 0) {
        errors.push_back(
            doc.Error(ptr + "/pattern", fmt::format("cue \"{}\": no (?P<name>...) group", id)));
        continue;
      }
      const json& ex = c.value("examples", json::array());
      if (!ex.is_array() || ex.empty()) {
        errors.push_back(doc.Error(ptr, fmt::format("cue \"{}\" has no examples", id)));
        continue;
      }
      for (size_t k = 0; k < ex.size(); ++k) {
        Example e;
        e.file = file.path;
        e.pointer = fmt::format("{}/examples/{}", ptr, k);
        e.text = ex[k].value("text", "");
        e.cue = id;
        for (const json& m : ex[k].value("mentions", json::array())) {
          e.mentions.push_back(PersonMention{{},
                                             m.value("name", ""),
                                             m.value("title", ""),
                                             m.value("role", ""),
                                             m.value("org", ""),
                                             {},
                                             id});
        }
        r->examples_.push_back(std::move(e));
      }
      const json& counter = c.value("counterexamples", json::array());
      for (size_t k = 0; k < counter.size(); ++k) {
        if (!counter[k].is_string()) continue;
        Example e;
        e.file = file.path;
        e.pointer = fmt::format("{}/counterexamples/{}", ptr, k);
        e.text = counter[k].get<std::string>();
        e.cue = id;
        e.counter = true;
        r->examples_.push_back(std::move(e));
      }
      // The set holds each cue's screen (its trigger words: small, so one pass over a sentence
      // is cheap); the cue's own pattern then runs only where its screen matched.
      std::string screen = expanded;
      if (c.contains("screen")) {
        screen = c["screen"].is_string()
                     ? ExpandMacros(c["screen"].get<std::string>(), lookup, &err)
                     : std::string();
        if (!err.empty() || screen.empty()) {
          errors.push_back(doc.Error(
              ptr + "/screen",
              fmt::format("cue \"{}\": {}", id, err.empty() ? "a screen is a pattern" : err)));
          continue;
        }
      }
      if (d.cue_set->Add(screen, &err) < 0) {
        errors.push_back(doc.Error(ptr + "/screen", fmt::format("cue \"{}\": {}", id, err)));
        continue;
      }
      r->screens_.push_back(screen);
      d.cues.push_back(std::move(cue));
    }
    const json& qex = j.value("quote_examples", json::array());
    for (size_t k = 0; k < qex.size(); ++k) {
      Example e;
      e.file = file.path;
      e.pointer = fmt::format("/quote_examples/{}", k);
      e.text = qex[k].value("text", "");
      for (const json& q : qex[k].value("quotes", json::array())) {
        e.quotes.push_back(QuoteMention{{}, q.value("words", ""), q.value("speaker", ""), {}});
      }
      r->examples_.push_back(std::move(e));
    }
    std::string verbs;
    std::vector<std::string> list;
    strings("speech_verbs", [&](const std::string& w) { list.push_back(w); });
    std::sort(list.begin(), list.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const std::string& v : list) AppendSeparated(&verbs, "|", re2::RE2::QuoteMeta(v));
    if (verbs.empty()) {
      errors.push_back(doc.Error("/speech_verbs", "a people file needs \"speech_verbs\""));
    } else {
      d.speech = std::make_unique<re2::RE2>("\\b(?i:" + verbs + ")\\b", options);
    }
  }
  if (!found) errors.push_back("rules: error: no rule file of kind \"people\"");
  if (errors.empty() && !d.cue_set->Compile()) {
    errors.push_back("rules: error: the people cues do not fit in memory together");
  }
  if (!errors.empty()) return Status::Error(Join(errors, "\n"));
  return std::shared_ptr<const PeopleRules>(std::move(r));
}

std::vector<PersonMention> PeopleRules::FindMentions(std::string_view text, Span sentence) const {
  std::vector<int> hits;
  if (!d_->cue_set->Match(sentence.Of(text), &hits)) return {};
  std::sort(hits.begin(), hits.end());
  return FindMentions(text, sentence, hits);
}

std::vector<PersonMention> PeopleRules::FindMentions(std::string_view text, Span sentence,
                                                     const std::vector<int>& cues) const {
  std::vector<PersonMention> out;
  std::string_view s = sentence.Of(text);
  for (int h : cues) {
    const Cue& cue = d_->cues[h];
    int n = cue.re->NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> g(n);
    size_t pos = 0;
    while (pos <= s.size() && cue.re->Match(s, pos, s.size(), re2::RE2::UNANCHORED, g.data(), n)) {
      size_t next = static_cast<size_t>(g[0].data() - s.data()) + std::max<size_t>(1, g[0].size());
      std::string_view raw(g[cue.name].data(), g[cue.name].size());
      size_t skip = 0;
      // A name needs two words unless a title stands before it ("President Putin").
      bool titled = cue.title >= 0 && g[cue.title].data() != nullptr;
      std::string name = raw.data() ? d_->CleanName(raw, titled ? 1 : 2, &skip) : "";
      pos = next;
      if (name.empty()) continue;
      uint32_t begin = sentence.begin + static_cast<uint32_t>(raw.data() - s.data() + skip);
      PersonMention m;
      m.span = Span{begin, static_cast<uint32_t>(begin + raw.size() - skip)};
      m.name = name;
      auto text_of = [&](int group) {
        return group >= 0 && g[group].data()
                   ? FoldSpaces(std::string_view(g[group].data(), g[group].size()))
                   : std::string();
      };
      m.title = text_of(cue.title);
      m.role = d_->CleanRole(text_of(cue.role));
      m.org = text_of(cue.org);
      if (!m.org.empty()) {
        uint32_t b = sentence.begin + static_cast<uint32_t>(g[cue.org].data() - s.data());
        m.org_span = Span{b, b + static_cast<uint32_t>(g[cue.org].size())};
      }
      // An organisation's name ends at the sentence's full stop, not with it.
      if (m.org.size() > 3 && m.org.back() == '.' &&
          std::islower(static_cast<unsigned char>(m.org[m.org.size() - 2]))) {
        m.org.pop_back();
        --m.org_span.end;
      }
      m.cue = cue.id;
      // A name found twice (by two cues) is one mention with what each cue saw.
      auto same = std::find_if(out.begin(), out.end(), [&](const PersonMention& o) {
        return o.span.end == m.span.end || (o.span.begin < m.span.end && m.span.begin < o.span.end);
      });
      if (same == out.end()) {
        out.push_back(std::move(m));
        continue;
      }
      if (m.span.size() > same->span.size()) {
        same->span = m.span;
        same->name = m.name;
      }
      if (same->title.empty()) same->title = m.title;
      if (same->role.empty()) same->role = m.role;
      if (same->org.empty()) {
        same->org = m.org;
        same->org_span = m.org_span;
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const PersonMention& a, const PersonMention& b) {
    return a.span.begin < b.span.begin;
  });
  return out;
}

NameParts PeopleRules::SplitName(std::string_view name) const {
  NameParts parts;
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < name.size()) {
    size_t end = name.find(' ', pos);
    if (end == std::string_view::npos) end = name.size();
    if (end > pos) words.emplace_back(name.substr(pos, end - pos));
    pos = end + 1;
  }
  if (words.empty()) return parts;
  size_t last = words.size() - 1;
  parts.surname = words[last];
  // A particle written apart belongs to the surname: "bin Laden".
  if (last > 0 && d_->particles.count(words[last - 1])) {
    parts.surname = words[last - 1] + " " + parts.surname;
    --last;
  }
  for (size_t i = 0; i < last; ++i) {
    std::string w = words[i];
    if (w.size() == 2 && w[1] == '.') w.pop_back();
    parts.given.push_back(w);
  }
  return parts;
}

std::string PeopleRules::SpellingKey(std::string_view word) const {
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
      static_cast<utf8proc_ssize_t>(word.size()), &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE));
  std::string lower = n >= 0 ? std::string(reinterpret_cast<char*>(folded), n) : AsciiLower(word);
  free(folded);
  std::string key;
  for (char c : lower) {
    if (c == '-' || c == '\'') continue;
    if (!key.empty() && key.back() == c) continue;
    key.push_back(c);
  }
  for (const auto& [from, to] : d_->rewrites) {
    for (size_t p = key.find(from); p != std::string::npos; p = key.find(from, p + to.size())) {
      key.replace(p, from.size(), to);
    }
  }
  return key;
}

std::string PeopleRules::SurnameKey(std::string_view name) const {
  std::string surname = SplitName(name).surname;
  size_t cut = surname.find_first_of(" -");
  if (cut != std::string::npos && d_->particles.count(surname.substr(0, cut))) {
    surname.erase(0, cut + 1);
  }
  return SpellingKey(surname);
}

std::string PeopleRules::OrgKey(std::string_view org) const {
  std::string s = FoldSpaces(org);
  bool changed = true;
  while (changed) {
    changed = false;
    for (const std::string& q : d_->org_qualifiers) {
      if (s.size() > q.size() && s.compare(0, q.size(), q) == 0 && s[q.size()] == ' ') {
        s.erase(0, q.size() + 1);
        changed = true;
      }
    }
    // A possessive before the name: "the military’s Central Command".
    size_t space = s.find(' ');
    if (space != std::string::npos && !s.empty() &&
        std::islower(static_cast<unsigned char>(s[0]))) {
      std::string_view first(s.data(), space);
      if (first.ends_with("'s") || first.ends_with("\u2019s")) {
        s.erase(0, space + 1);
        changed = true;
      }
    }
  }
  // A description before the name: "the New York-based Soufan Center".
  std::vector<std::pair<std::string, Span>> words = Words(s);
  size_t first = 0;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i].first.ends_with("-based")) first = i + 1;
  }
  std::string key;
  for (size_t i = first; i < words.size(); ++i)
    AppendSeparated(&key, " ", SpellingKey(words[i].first));
  return key;
}

std::string PeopleRules::RoleClass(std::string_view role) const {
  std::vector<std::pair<std::string, Span>> words = Words(role);
  if (words.empty()) return "";
  std::string last = AsciiLower(words.back().first);
  auto it = d_->role_classes.find(last);
  if (it == d_->role_classes.end() && last.size() > 3 && last.back() == 's') {
    it = d_->role_classes.find(last.substr(0, last.size() - 1));
  }
  return it != d_->role_classes.end() ? it->second : last;
}

TitleInfo PeopleRules::Title(std::string_view title) const {
  auto it = d_->titles.find(std::string(title));
  return it != d_->titles.end() ? it->second : TitleInfo{"", "", false};
}

bool PeopleRules::TitlesCompatible(std::string_view a, std::string_view b) const {
  TitleInfo x = Title(a), y = Title(b);
  if (!x.compared || !y.compared || x.cls.empty() || y.cls.empty()) return true;
  return x.cls == y.cls || x.family == y.cls || y.family == x.cls;
}

namespace {

// Finds the quote mark pairs of text[para]: “ with ”, and straight double quotes in turn.
std::vector<Marks> FindMarks(std::string_view text, Span para) {
  std::vector<Marks> out;
  const std::string_view kOpen = "\u201c", kClose = "\u201d";
  size_t i = para.begin;
  int64_t open = -1;  // where the open quote starts, or -1
  bool straight = false;
  while (i < para.end) {
    // Skip to the next byte that can start a mark: '"', or the lead byte of “ and ”.
    while (i < para.end && text[i] != '"' && static_cast<unsigned char>(text[i]) != 0xe2) ++i;
    if (i >= para.end) break;
    size_t len = 1;
    bool is_open = false, is_close = false;
    if (text.compare(i, 3, kOpen) == 0) {
      len = 3;
      is_open = true;
    } else if (text.compare(i, 3, kClose) == 0) {
      len = 3;
      is_close = true;
    } else if (text[i] == '"') {
      is_open = open < 0;
      is_close = open >= 0 && straight;
    }
    uint32_t o = static_cast<uint32_t>(open);
    if (is_open && open < 0) {
      open = static_cast<int64_t>(i);
      straight = len == 1;
    } else if (is_close && open >= 0) {
      out.push_back(
          {o, o + (straight ? 1u : 3u), static_cast<uint32_t>(i), static_cast<uint32_t>(i + len)});
      open = -1;
    } else if (is_open && open >= 0 && !straight) {
      // A new opening mark before a close: the earlier quote ran to here (a quote continued
      // into a new one, or a missing mark).
      out.push_back({o, o + 3u, static_cast<uint32_t>(i), static_cast<uint32_t>(i)});
      open = static_cast<int64_t>(i);
    }
    i += len;
  }
  if (open >= 0) {
    uint32_t o = static_cast<uint32_t>(open);
    out.push_back({o, o + (straight ? 1u : 3u), para.end, para.end});
  }
  return out;
}

// Returns the index of the sentence holding byte `at`.
uint32_t SentenceAt(const Segmentation& seg, uint32_t at) {
  auto it = std::upper_bound(seg.sentences.begin(), seg.sentences.end(), at,
                             [](uint32_t a, const Sentence& s) { return a < s.span.begin; });
  if (it == seg.sentences.begin()) return 0;
  return static_cast<uint32_t>(it - seg.sentences.begin() - 1);
}

}  // namespace

// Everything found in one document.
struct DocumentPeople {
  std::vector<PersonMention> mentions;  // in text order
  std::vector<uint32_t> sentence_of;    // parallel to mentions
  std::vector<std::string> full_name;   // parallel to mentions: the name in full (see FullName)
  std::vector<QuoteMention> quotes;
  std::vector<uint32_t> quote_sentence;  // where each quote opens
};

class PeopleAnalyzer {
 public:
  PeopleAnalyzer(const PeopleRules& rules, const PeopleRules::Data& d, std::string_view text,
                 const Segmentation& seg, const std::vector<std::vector<int>>* cues = nullptr)
      : rules_(rules), d_(d), text_(text), seg_(seg), cues_(cues) {}

  DocumentPeople Run() {
    DocumentPeople out;
    for (uint32_t si = 0; si < seg_.sentences.size(); ++si) {
      Span span = seg_.sentences[si].span;
      if (cues_ != nullptr && (*cues_)[si].empty()) continue;
      for (PersonMention& m : cues_ != nullptr ? rules_.FindMentions(text_, span, (*cues_)[si])
                                               : rules_.FindMentions(text_, span)) {
        out.mentions.push_back(std::move(m));
        out.sentence_of.push_back(si);
      }
    }
    mentions_ = &out.mentions;
    for (const PersonMention& m : out.mentions) by_begin_.push_back(&m);
    std::stable_sort(by_begin_.begin(), by_begin_.end(),
                     [](const PersonMention* a, const PersonMention* b) {
                       return a->span.begin < b->span.begin;
                     });
    for (const PersonMention& m : out.mentions) {
      NameParts parts = rules_.SplitName(m.name);
      if (!parts.given.empty()) full_by_surname_[parts.surname].push_back(&m);
    }
    for (const PersonMention& m : out.mentions)
      out.full_name.push_back(FullName(m.name, m.span.begin));
    for (const Paragraph& para : seg_.paragraphs) {
      if (para.kind == ParagraphKind::kBoilerplate) continue;
      std::vector<Marks> marks = FindMarks(text_, para.span);
      if (marks.size() > kMaxQuotesPerParagraph) continue;
      for (size_t k = 0; k < marks.size(); ++k) Attribute(marks, k, &out);
    }
    return out;
  }

 private:
  using MentionIter = std::vector<const PersonMention*>::const_iterator;

  // Returns the first mention (in order of position) that begins at or after `at`.
  MentionIter First(uint32_t at) const {
    return std::lower_bound(
        by_begin_.begin(), by_begin_.end(), at,
        [](const PersonMention* m, uint32_t value) { return m->span.begin < value; });
  }

  // Returns the person named last in text[from, to): in full, or by surname alone ("Clarke
  // added"); "" when none is.
  std::string LastNamed(uint32_t from, uint32_t to) const {
    uint32_t best_at = 0;
    std::string best;
    for (auto it = First(from); it != by_begin_.end() && (*it)->span.begin < to; ++it) {
      const PersonMention& m = **it;
      if (m.span.end <= to && (best.empty() || m.span.begin >= best_at)) {
        best_at = m.span.begin;
        best = FullName(m.name, m.span.begin);
      }
    }
    if (full_by_surname_.empty()) return best;
    for (const auto& [w, span] : Words(text_.substr(from, to - from))) {
      if (full_by_surname_.count(w) && (best.empty() || from + span.begin > best_at)) {
        best_at = from + span.begin;
        best = FullName(w, best_at);
      }
    }
    return best;
  }

  // Returns the full name for a mention: itself when it has given names, else the person of that
  // surname named in full nearest before `at` (or after it, when none is before).
  std::string FullName(const std::string& name, uint32_t at) const {
    NameParts parts = rules_.SplitName(name);
    if (!parts.given.empty()) return name;
    auto it = full_by_surname_.find(parts.surname);
    if (it == full_by_surname_.end()) return name;
    const PersonMention* best = it->second.front();
    for (const PersonMention* m : it->second) {
      if (m->span.begin <= at) best = m;
    }
    return best->name;
  }

  // Returns the words of text[span] in lower case.
  static std::vector<std::string> LowerWords(std::string_view text, Span span) {
    std::vector<std::string> out;
    for (auto& [w, s] : Words(span.Of(text))) out.push_back(AsciiLower(w));
    return out;
  }

  // Returns the speaker of speech verb text[verb] ("" when none), looking after it for "said
  // NAME" and before it for "NAME said", a short mention or a pronoun. `floor` is where the
  // search before the verb stops.
  std::string SpeakerOf(Span verb, uint32_t floor) const {
    // After: "said Colin Clarke", "said Gen. Erik Kurilla".
    if (auto it = First(verb.end); it != by_begin_.end()) {
      const PersonMention& m = **it;
      std::string_view gap = text_.substr(verb.end, m.span.begin - verb.end);
      if (gap.find_first_of(",;:\u201c\"") == std::string_view::npos && CountWords(gap) <= 3 &&
          (m.title.empty() || gap.find(m.title) != std::string_view::npos ||
           CountWords(gap) == 0)) {
        if (CountWords(gap) <= (m.title.empty() ? 0 : CountWords(m.title))) {
          return FullName(m.name, m.span.begin);
        }
      }
    }
    // Before: the words between `floor` and the verb, adverbs and auxiliaries dropped from the
    // end.
    if (verb.begin <= floor) return "";
    Span before{floor, verb.begin};
    std::vector<std::pair<std::string, Span>> words = Words(before.Of(text_));
    size_t n = words.size();
    while (n > 0) {
      std::string w = AsciiLower(words[n - 1].first);
      if (d_.auxiliaries.count(w) || (w.size() > 4 && w.ends_with("ly"))) {
        --n;
        continue;
      }
      break;
    }
    if (n == 0) return "";
    uint32_t last_end = floor + words[n - 1].second.end;
    // A full mention ending there, or ending before an appositive that ends there.
    for (auto it = std::make_reverse_iterator(First(last_end)); it != by_begin_.rend(); ++it) {
      const PersonMention& m = **it;
      if (m.span.begin < floor) break;
      if (m.span.end > last_end) continue;
      std::string_view gap = text_.substr(m.span.end, verb.begin - m.span.end);
      size_t comma = gap.find(',');
      bool adjacent = m.span.end == last_end;
      bool appositive = comma != std::string_view::npos && comma == gap.find_first_not_of(' ') &&
                        gap.rfind(',') > comma && !HasStop(gap.substr(0, gap.rfind(',')));
      if (adjacent || appositive) return FullName(m.name, m.span.begin);
      break;
    }
    const std::string& last = words[n - 1].first;
    std::string lower = AsciiLower(last);
    if (d_.pronouns.count(lower)) {
      // The person last named before the verb, in its paragraph or the one before.
      uint32_t para = seg_.sentences[SentenceAt(seg_, verb.begin)].paragraph;
      return LastNamed(seg_.paragraphs[para > 0 ? para - 1 : 0].span.begin, verb.begin);
    }
    if (n >= 2 && AsciiLower(words[n - 2].first) == "the") {
      // "the general", "the analyst": the person last named with that title or post.
      for (auto it = std::make_reverse_iterator(First(verb.begin)); it != by_begin_.rend(); ++it) {
        const PersonMention& m = **it;
        if (m.span.end > verb.begin) continue;
        if (rules_.Title(m.title).cls == lower || rules_.RoleClass(m.role) == lower ||
            (!m.role.empty() && AsciiLower(Words(m.role).back().first) == lower)) {
          return FullName(m.name, m.span.begin);
        }
      }
      return "";
    }
    if (!IsUpperStart(last) || d_.not_name_words.count(last) || d_.titles.count(last)) return "";
    if (full_by_surname_.count(last)) return FullName(last, floor + words[n - 1].second.begin);
    return NamedInFull(last);
  }

  // Returns "Given Surname" where the document writes `surname` after a capitalised word that
  // can be a given name ("Vladimir Putin" for "Putin"), or "".
  std::string NamedInFull(const std::string& surname) const {
    // The first place where the given name does not open a sentence ("Hating Putin" in a
    // headline is no name), else the first place.
    std::string first;
    for (size_t at = text_.find(surname); at != std::string_view::npos;
         at = text_.find(surname, at + surname.size())) {
      size_t end = at + surname.size();
      if (at < 2 || text_[at - 1] != ' ' ||
          (end < text_.size() && std::isalpha(static_cast<unsigned char>(text_[end])))) {
        continue;
      }
      size_t from = at - 1 > 40 ? at - 1 - 40 : 0;
      std::vector<std::pair<std::string, Span>> before = Words(text_.substr(from, at - 1 - from));
      if (before.empty() || from + before.back().second.end != at - 1) continue;
      const std::string& given = before.back().first;
      if (!IsUpperStart(given) || d_.not_name_words.count(given) || d_.titles.count(given) ||
          std::none_of(given.begin(), given.end(), [](char c) { return std::islower(c); })) {
        continue;
      }
      uint32_t given_at = static_cast<uint32_t>(from + before.back().second.begin);
      bool opens = seg_.sentences[SentenceAt(seg_, given_at)].span.begin == given_at;
      if (!opens) return given + " " + surname;
      if (first.empty()) first = given + " " + surname;
    }
    return first;
  }

  void Attribute(const std::vector<Marks>& marks, size_t k, DocumentPeople* out) {
    const Marks& q = marks[k];
    Span inner{q.inner_begin, q.inner_end};
    std::string words = FoldSpaces(inner.Of(text_));
    size_t count = CountWords(words);
    uint32_t first = SentenceAt(seg_, q.open);
    uint32_t last = SentenceAt(seg_, q.close_end > q.open ? q.close_end - 1 : q.open);
    Span range{seg_.sentences[first].span.begin,
               std::max(seg_.sentences[last].span.end, q.close_end)};
    if (count < d_.min_quote_words) return;
    // Speech verbs in the range, outside every quote.
    std::vector<Span> verbs;
    std::string_view r = range.Of(text_);
    re2::StringPiece m;
    size_t pos = 0;
    while (pos < r.size() && d_.speech->Match(r, pos, r.size(), re2::RE2::UNANCHORED, &m, 1)) {
      Span v{static_cast<uint32_t>(range.begin + (m.data() - r.data())), 0};
      v.end = v.begin + static_cast<uint32_t>(m.size());
      pos = static_cast<size_t>(m.data() - r.data()) + std::max<size_t>(1, m.size());
      bool inside = std::any_of(marks.begin(), marks.end(), [&](const Marks& x) {
        return v.begin >= x.open && v.begin < x.close_end;
      });
      if (!inside) verbs.push_back(v);
    }
    // A verb right before a quote belongs to that quote.
    auto binds_before = [&](const Span& v, const Marks& x) {
      if (v.end > x.open) return false;
      std::string_view gap = text_.substr(v.end, x.open - v.end);
      return !HasStop(gap) && CountWords(gap) <= 4 &&
             std::none_of(marks.begin(), marks.end(),
                          [&](const Marks& y) { return y.open >= v.end && y.open < x.open; });
    };
    const Span* chosen = nullptr;
    for (const Span& v : verbs) {
      if (binds_before(v, q)) chosen = &v;
    }
    if (chosen == nullptr) {
      for (const Span& v : verbs) {
        if (v.begin < q.close_end) continue;
        std::string_view gap = text_.substr(q.close_end, v.begin - q.close_end);
        bool taken = std::any_of(marks.begin() + k + 1, marks.end(),
                                 [&](const Marks& x) { return binds_before(v, x); });
        if (!HasStop(gap) && CountWords(gap) <= kMaxSpeakerGapWords && !taken) chosen = &v;
        break;
      }
    }
    if (chosen == nullptr) {
      uint32_t best = UINT32_MAX;
      for (const Span& v : verbs) {
        bool taken = std::any_of(marks.begin(), marks.end(),
                                 [&](const Marks& x) { return &x != &q && binds_before(v, x); });
        uint32_t dist = v.end <= q.open ? q.open - v.end : v.begin - q.close_end;
        if (!taken && dist < best) {
          best = dist;
          chosen = &v;
        }
      }
    }
    std::string speaker;
    if (chosen != nullptr) {
      // Search before the verb from the end of the quote before it, else the range's start.
      uint32_t floor = range.begin;
      for (const Marks& x : marks) {
        if (x.close_end <= chosen->begin && x.close_end > floor) floor = x.close_end;
      }
      speaker = SpeakerOf(*chosen, floor);
    } else if (!out->quotes.empty() && verbs.empty()) {
      // A sentence that is only a quote continues the quote before it.
      std::string_view outside_before = text_.substr(range.begin, q.open - range.begin);
      std::string_view outside_after = text_.substr(q.close_end, range.end - q.close_end);
      const QuoteMention& prev = out->quotes.back();
      uint32_t prev_sentence = out->quote_sentence.back();
      if (CountWords(outside_before) + CountWords(outside_after) == 0 && first >= prev_sentence &&
          first <= prev_sentence + 2 && !prev.speaker.empty()) {
        speaker = prev.speaker;
      }
    }
    out->quotes.push_back(QuoteMention{inner, words, speaker, range});
    out->quote_sentence.push_back(first);
  }

  const PeopleRules& rules_;
  const PeopleRules::Data& d_;
  std::string_view text_;
  const Segmentation& seg_;
  const std::vector<std::vector<int>>* cues_;  // per sentence, or null to screen here
  const std::vector<PersonMention>* mentions_ = nullptr;
  std::unordered_map<std::string, std::vector<const PersonMention*>> full_by_surname_;
  std::vector<const PersonMention*> by_begin_;  // the mentions in order of position
};

std::vector<QuoteMention> PeopleRules::FindQuotes(std::string_view text,
                                                  const Segmentation& seg) const {
  return PeopleAnalyzer(*this, *d_, text, seg).Run().quotes;
}

void PeopleRules::Extract(std::string_view text, const Segmentation& seg, std::vector<Claim>* out,
                          const std::vector<std::vector<int>>* cues) const {
  DocumentPeople found = PeopleAnalyzer(*this, *d_, text, seg, cues).Run();
  if (found.mentions.empty() && found.quotes.empty()) return;
  auto base = [&](const char* measure, Span span, uint32_t sentence) {
    Claim c;
    c.measure = measure;
    c.unit = "text";
    c.low.reset();
    c.high.reset();
    c.bound = "exact";
    c.span = span;
    c.sentence = sentence;
    c.sentence_span = seg.sentences[sentence].span;
    return c;
  };
  // One person claim for each name the document gives (a surname alone only when the document
  // never gives it in full), at its first mention, with the first title given with it.
  std::map<std::string, size_t> person_claim;
  std::set<std::pair<std::string, std::string>> affiliations;
  std::vector<Claim> affiliation_claims;
  for (size_t i = 0; i < found.mentions.size(); ++i) {
    const PersonMention& m = found.mentions[i];
    const std::string& full = found.full_name[i];
    auto it = person_claim.find(full);
    if (full == m.name && it == person_claim.end()) {
      Claim c = base("person", m.span, found.sentence_of[i]);
      c.value = m.name;
      c.person = m.name;
      c.title = m.title;
      c.rule = m.cue;
      person_claim[full] = out->size();
      out->push_back(std::move(c));
    } else if (it != person_claim.end() && (*out)[it->second].title.empty() && full == m.name) {
      (*out)[it->second].title = m.title;
    }
    if (!m.org.empty() && affiliations.insert({full, OrgKey(m.org)}).second) {
      Claim c = base("affiliation", m.org_span, found.sentence_of[i]);
      c.value = m.org;
      c.person = full;
      c.detail = m.role;
      c.rule = m.cue;
      affiliation_claims.push_back(std::move(c));
    }
  }
  for (Claim& c : affiliation_claims) out->push_back(std::move(c));
  for (size_t i = 0; i < found.quotes.size(); ++i) {
    const QuoteMention& q = found.quotes[i];
    if (q.speaker.empty()) continue;
    Claim c = base("quote", q.span, found.quote_sentence[i]);
    c.sentence_span = q.sentence;
    c.value = q.words;
    c.person = q.speaker;
    c.rule = "quote";
    out->push_back(std::move(c));
  }
}

}  // namespace factdiff
