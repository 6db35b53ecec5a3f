#include "factdiff/rules.h"
#include "factdiff/strings.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "extract/rules_internal.h"

namespace factdiff {

using nlohmann::json;

namespace {

// The placeholder brackets: private-use characters, which normalised news text does not hold.
constexpr char kOpen[] = "\xEE\x80\x80";   // U+E000
constexpr char kClose[] = "\xEE\x80\x81";  // U+E001
constexpr char kCountMacro[] = "\\x{E000}[0-9]+\\x{E001}";
constexpr char kDateMacro[] = "\\x{E002}[0-9]+\\x{E003}";
constexpr char kAgeMacro[] = "\\x{E004}[0-9]+\\x{E005}";
constexpr int64_t kRuleMaxMem = 8 << 20;
constexpr int64_t kSetMaxMem = 64 << 20;
// The combined pass holds every claim pattern; its DFA needs room, or RE2 falls back to the
// much slower NFA. The cache only grows as states are used.
constexpr int64_t kCombinedMaxMem = int64_t{512} << 20;

re2::RE2::Options RuleOptions(int64_t max_mem) {
  re2::RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(max_mem);
  return o;
}

// Returns what to do about a pattern RE2 refused as too large, or "".
std::string BudgetHint(const re2::RE2& re) {
  if (re.error_code() != re2::RE2::ErrorPatternTooLarge) return "";
  return fmt::format(
      " (over the {} MB memory budget of a rule: use narrower character classes than \\pL, "
      "or shorter counted repetitions)",
      kRuleMaxMem >> 20);
}

}  // namespace

std::string ExpandMacros(const std::string& pattern,
                         const std::function<const std::string*(const std::string&)>& lookup,
                         std::string* error, int depth) {
  if (depth > 12) {
    *error = "macros nest too deep (a macro that uses itself?)";
    return pattern;
  }
  std::string out;
  size_t pos = 0;
  while (pos < pattern.size()) {
    size_t open = pattern.find("{{", pos);
    size_t close = open == std::string::npos ? open : pattern.find("}}", open + 2);
    if (close == std::string::npos) {
      out.append(pattern, pos, std::string::npos);
      break;
    }
    out.append(pattern, pos, open - pos);
    std::string name = pattern.substr(open + 2, close - open - 2);
    const std::string* body = lookup(name);
    if (body == nullptr) {
      *error = fmt::format("unknown macro {{{{{}}}}}", name);
      return pattern;
    }
    out += "(?:" + ExpandMacros(*body, lookup, error, depth + 1) + ")";
    if (!error->empty()) return pattern;
    pos = close + 2;
  }
  return out;
}

namespace {

class Loader {
 public:
  std::vector<std::string> errors;
  std::map<std::string, std::string> macros;       // name -> pattern as written
  std::map<std::string, std::string> macro_where;  // name -> "path:line:col"

  // Expands {{name}} in `pattern`, the built-in {{count}}, {{date}} and {{age}} included.
  std::string Expand(const std::string& pattern, std::string* error) {
    static const std::map<std::string, std::string> kBuiltins = {
        {"count", kCountMacro}, {"date", kDateMacro}, {"age", kAgeMacro}};
    return ExpandMacros(
        pattern,
        [&](const std::string& name) -> const std::string* {
          auto b = kBuiltins.find(name);
          if (b != kBuiltins.end()) return &b->second;
          auto it = macros.find(name);
          return it == macros.end() ? nullptr : &it->second;
        },
        error);
  }
};

// Returns `pattern` with its named groups "(?P<name>" made plain "(?:".
std::string WithoutGroupNames(const std::string& pattern) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      out.append(pattern, i, 2);
      i += 2;
      continue;
    }
    if (pattern.compare(i, 4, "(?P<") == 0) {
      size_t close = pattern.find('>', i + 4);
      if (close != std::string::npos) {
        out += "(?:";
        i = close + 1;
        continue;
      }
    }
    out.push_back(pattern[i++]);
  }
  return out;
}

std::optional<double> OptionalNumber(const json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<double>();
}

}  // namespace

std::string CountPlaceholder(size_t index) { return kOpen + std::to_string(index) + kClose; }

std::string DatePlaceholder(size_t index, bool age) {
  return (age ? "\xEE\x80\x84" : "\xEE\x80\x82") + std::to_string(index) +
         (age ? "\xEE\x80\x85" : "\xEE\x80\x83");
}

RuleSet::RuleSet() : compiled_(std::make_unique<Compiled>()) {}
RuleSet::~RuleSet() = default;

bool RuleSet::IgnoredSource(const std::string& lower) const {
  return std::find(ignored_sources_.begin(), ignored_sources_.end(), lower) !=
         ignored_sources_.end();
}

Result<std::shared_ptr<const RuleSet>> RuleSet::Create(const std::vector<RuleFile>& files) {
  std::shared_ptr<RuleSet> set(new RuleSet());
  Loader L;
  std::vector<RuleDocument> docs;
  // Parse everything first: macros may be used by files that come before theirs.
  for (const RuleFile& file : files) {
    Result<RuleDocument> parsed = RuleDocument::Parse(file);
    if (!parsed.ok()) {
      L.errors.push_back(parsed.status().message());
      continue;
    }
    std::string kind = parsed->kind();
    if (kind.empty()) {
      L.errors.push_back(
          parsed->Error("",
                        "rule file has no \"kind\" (claims, macros, attributions, numbers, "
                        "boilerplate, segmentation)"));
      continue;
    }
    docs.push_back(std::move(*parsed));
  }
  for (const RuleDocument& doc : docs) {
    if (doc.kind() != "macros") continue;
    auto m = doc.json().find("macros");
    if (m == doc.json().end() || !m->is_object()) {
      L.errors.push_back(doc.Error("/macros", "a macros file needs a \"macros\" object"));
      continue;
    }
    for (auto it = m->begin(); it != m->end(); ++it) {
      std::string ptr = "/macros/" + it.key();
      const json& v = it.value();
      std::string pattern;
      if (v.is_string()) {
        pattern = v.get<std::string>();
      } else if (v.is_object() && v.contains("pattern") && v["pattern"].is_string()) {
        pattern = v["pattern"].get<std::string>();
      } else {
        L.errors.push_back(
            doc.Error(ptr, fmt::format("macro \"{}\" must be a pattern string or an object "
                                       "with a \"pattern\"",
                                       it.key())));
        continue;
      }
      if (it.key() == "count" || it.key() == "date" || it.key() == "age") {
        L.errors.push_back(doc.Error(
            ptr, fmt::format("macro \"{}\" is built in and cannot be redefined", it.key())));
        continue;
      }
      if (L.macros.count(it.key())) {
        L.errors.push_back(doc.Error(ptr, fmt::format("macro \"{}\" is defined twice", it.key())));
        continue;
      }
      L.macros[it.key()] = pattern;
      auto [line, col] = LineAndColumn(doc.file().text, LocateJsonPointer(doc.file().text, ptr));
      L.macro_where[it.key()] = fmt::format("{}:{}:{}", doc.file().path, line, col);
    }
  }
  // Each macro must make a valid pattern on its own, so that errors point at the macro.
  for (const RuleDocument& doc : docs) {
    if (doc.kind() != "macros") continue;
    auto m = doc.json().find("macros");
    if (m == doc.json().end() || !m->is_object()) continue;
    for (auto it = m->begin(); it != m->end(); ++it) {
      if (!L.macros.count(it.key())) continue;
      std::string err;
      std::string expanded = L.Expand("{{" + it.key() + "}}", &err);
      std::string ptr = "/macros/" + it.key();
      if (!err.empty()) {
        L.errors.push_back(doc.Error(ptr, fmt::format("macro \"{}\": {}", it.key(), err)));
        continue;
      }
      re2::RE2 re(expanded, RuleOptions(kRuleMaxMem));
      if (!re.ok()) {
        L.errors.push_back(
            doc.Error(ptr, fmt::format("macro \"{}\": bad pattern: {}", it.key(), re.error())));
      }
    }
  }

  std::set<std::string> ids;
  Compiled& c = *set->compiled_;
  for (const RuleDocument& doc : docs) {
    std::string kind = doc.kind();
    if (kind != "claims" && kind != "attributions") continue;
    std::string file_screen;
    if (doc.json().contains("screen")) {
      if (!doc.json()["screen"].is_string()) {
        L.errors.push_back(doc.Error("/screen", "\"screen\" must be a pattern"));
        continue;
      }
      file_screen = doc.json()["screen"].get<std::string>();
    }
    if (kind == "attributions") {
      auto ig = doc.json().find("ignore_sources");
      if (ig != doc.json().end() && ig->is_array()) {
        for (const json& w : *ig) {
          if (w.is_string()) set->ignored_sources_.push_back(w.get<std::string>());
        }
      }
    }
    auto rules = doc.json().find("rules");
    if (rules == doc.json().end() || !rules->is_array()) {
      L.errors.push_back(
          doc.Error("/rules", fmt::format("a {} file needs a \"rules\" array", kind)));
      continue;
    }
    for (size_t i = 0; i < rules->size(); ++i) {
      const json& r = (*rules)[i];
      std::string ptr = fmt::format("/rules/{}", i);
      if (!r.is_object()) {
        L.errors.push_back(doc.Error(ptr, "a rule must be an object"));
        continue;
      }
      std::string id = r.contains("id") && r["id"].is_string() ? r["id"].get<std::string>() : "";
      if (id.empty()) {
        L.errors.push_back(doc.Error(ptr, "rule has no \"id\""));
        continue;
      }
      auto fail = [&](const std::string& where, const std::string& msg) {
        L.errors.push_back(doc.Error(where, fmt::format("rule \"{}\": {}", id, msg)));
      };
      if (!ids.insert(id).second) {
        fail(ptr + "/id", "duplicate rule id");
        continue;
      }
      if (!r.contains("pattern") || !r["pattern"].is_string()) {
        fail(ptr, "no \"pattern\"");
        continue;
      }
      std::string pattern = r["pattern"].get<std::string>();
      std::string err;
      std::string expanded = L.Expand(pattern, &err);
      if (!err.empty()) {
        fail(ptr + "/pattern", err);
        continue;
      }
      auto re = std::make_unique<re2::RE2>(expanded, RuleOptions(kRuleMaxMem));
      if (!re->ok()) {
        fail(ptr + "/pattern", fmt::format("bad pattern: {}{}", re->error(), BudgetHint(*re)));
        continue;
      }
      const std::map<std::string, int>& groups = re->NamedCapturingGroups();
      auto group = [&](const std::string& name) {
        auto g = groups.find(name);
        return g == groups.end() ? -1 : g->second;
      };
      // Counterexamples: the same shape for both kinds of rule.
      std::vector<Counterexample> counters;
      bool bad = false;
      if (r.contains("counterexamples")) {
        const json& ce = r["counterexamples"];
        if (!ce.is_array()) {
          fail(ptr + "/counterexamples", "\"counterexamples\" must be an array of sentences");
          bad = true;
        } else {
          for (size_t k = 0; k < ce.size(); ++k) {
            if (!ce[k].is_string()) {
              fail(fmt::format("{}/counterexamples/{}", ptr, k),
                   "a counterexample must be a sentence");
              bad = true;
              continue;
            }
            counters.push_back(
                {fmt::format("{}/counterexamples/{}", ptr, k), ce[k].get<std::string>()});
          }
        }
      }
      if (!r.contains("examples") || !r["examples"].is_array() || r["examples"].empty()) {
        L.errors.push_back(doc.Error(ptr, fmt::format("rule \"{}\" has no examples", id)));
        continue;
      }
      const json& examples = r["examples"];

      if (kind == "attributions") {
        AttributionRule a;
        a.id = id;
        a.file = doc.file().path;
        a.pointer = ptr;
        a.pattern = pattern;
        a.expanded = expanded;
        a.counterexamples = std::move(counters);
        int source = group("source");
        if (source < 0) {
          fail(ptr + "/pattern", "an attribution pattern needs a group named \"source\"");
          continue;
        }
        for (size_t k = 0; k < examples.size(); ++k) {
          const json& e = examples[k];
          std::string ep = fmt::format("{}/examples/{}", ptr, k);
          if (!e.is_object() || !e.contains("text") || !e["text"].is_string() ||
              !e.contains("source") || !e["source"].is_string()) {
            fail(ep, "an attribution example needs \"text\" and \"source\"");
            bad = true;
            continue;
          }
          a.examples.push_back({ep, e["text"].get<std::string>(), e["source"].get<std::string>()});
        }
        if (bad) continue;
        c.attributions.push_back(std::move(re));
        c.attribution_source.push_back(source);
        set->attributions_.push_back(std::move(a));
        continue;
      }

      ClaimRule rule;
      rule.id = id;
      rule.file = doc.file().path;
      rule.pointer = ptr;
      rule.measure = r.value("measure", "");
      rule.description = r.value("description", "");
      rule.pattern = pattern;
      rule.expanded = expanded;
      rule.counterexamples = std::move(counters);
      if (rule.measure.empty()) {
        fail(ptr, "no \"measure\"");
        continue;
      }
      CompiledRule cr;
      cr.groups = re->NumberOfCapturingGroups();
      {
        // "screen": a pattern, or a list of patterns that must all match.
        std::vector<std::string> screens;
        std::string where = r.contains("screen") ? ptr + "/screen" : "/screen";
        if (r.contains("screen") && r["screen"].is_array()) {
          for (const json& sc : r["screen"]) {
            if (sc.is_string()) screens.push_back(sc.get<std::string>());
          }
          if (screens.size() != r["screen"].size()) {
            fail(where, "\"screen\" must be a pattern or a list of patterns");
            continue;
          }
        } else if (r.contains("screen") && r["screen"].is_string()) {
          screens.push_back(r["screen"].get<std::string>());
        } else if (!file_screen.empty()) {
          screens.push_back(file_screen);
        }
        if (screens.empty() || screens[0].empty()) {
          fail(ptr, "no \"screen\" (the words the rule needs), in the rule or its file");
          continue;
        }
        bool screens_ok = true;
        for (size_t k = 0; k < screens.size() && screens_ok; ++k) {
          std::string serr;
          std::string expanded = L.Expand(screens[k], &serr);
          if (!serr.empty()) {
            fail(where, serr);
            screens_ok = false;
            break;
          }
          re2::RE2 sre(expanded, RuleOptions(kRuleMaxMem));
          if (!sre.ok()) {
            fail(where, fmt::format("bad screen: {}", sre.error()));
            screens_ok = false;
            break;
          }
          auto found = std::find(c.screens.begin(), c.screens.end(), expanded);
          int index = static_cast<int>(found - c.screens.begin());
          if (found == c.screens.end()) {
            c.screens.push_back(expanded);
            c.screen_rules.emplace_back();
            c.screen_res.push_back(std::make_unique<re2::RE2>(expanded, RuleOptions(kRuleMaxMem)));
          }
          if (k == 0) {
            rule.screen = expanded;
            cr.screen = index;
          } else {
            rule.screens_also.push_back(expanded);
            cr.screens_also.push_back(index);
          }
        }
        if (!screens_ok) continue;
      }
      if (r.contains("claims")) {
        const json& cs = r["claims"];
        if (!cs.is_array() || cs.empty()) {
          fail(ptr + "/claims", "\"claims\" must be a non-empty array");
          continue;
        }
        for (size_t k = 0; k < cs.size(); ++k) {
          const json& s = cs[k];
          std::string sp = fmt::format("{}/claims/{}", ptr, k);
          if (!s.is_object()) {
            fail(sp, "a claim must be an object");
            bad = true;
            continue;
          }
          ClaimSpec spec;
          spec.measure = s.value("measure", rule.measure);
          spec.count_group = s.value("count", "count");
          spec.date_group = s.value("date", "");
          spec.unit = s.value("unit", "year");
          if (spec.unit != "year" && spec.unit != "day") {
            fail(sp + "/unit", "\"unit\" must be \"year\" or \"day\"");
            bad = true;
          }
          spec.subject_group = s.value("subject", "subject");
          spec.default_subject = s.value("default_subject", "");
          spec.role = s.value("role", "total");
          spec.of = s.value("of", -1);
          if (s.contains("sum") && s["sum"].is_array()) {
            for (const json& g : s["sum"]) {
              if (g.is_string()) spec.sum_groups.push_back(g.get<std::string>());
            }
          }
          if (spec.role != "total" && spec.role != "part") {
            fail(sp + "/role", "\"role\" must be \"total\" or \"part\"");
            bad = true;
          }
          if (spec.role == "part" && (spec.of < 0 || spec.of >= static_cast<int>(k))) {
            fail(sp + "/of",
                 "a part needs \"of\": the index of its total, listed before it among the rule's "
                 "claims");
            bad = true;
          }
          rule.claims.push_back(std::move(spec));
        }
      } else {
        ClaimSpec spec;
        spec.measure = rule.measure;
        rule.claims.push_back(spec);
      }
      for (size_t k = 0; k < rule.claims.size(); ++k) {
        const ClaimSpec& spec = rule.claims[k];
        CompiledSpec cspec;
        std::string sp =
            r.contains("claims") ? fmt::format("{}/claims/{}", ptr, k) : ptr + "/pattern";
        if (!spec.date_group.empty()) {
          cspec.date = group(spec.date_group);
          if (cspec.date < 0) {
            fail(sp,
                 fmt::format(
                     "claim {} takes its date from group \"{}\", which the pattern does not have",
                     k, spec.date_group));
            bad = true;
          }
        } else if (spec.sum_groups.empty()) {
          cspec.count = group(spec.count_group);
          if (cspec.count < 0) {
            fail(sp,
                 fmt::format(
                     "claim {} takes its count from group \"{}\", which the pattern does not have",
                     k, spec.count_group));
            bad = true;
          }
        } else {
          for (const std::string& g : spec.sum_groups) {
            int gi = group(g);
            if (gi < 0) {
              fail(sp, fmt::format("claim {} sums group \"{}\", which the pattern does not have", k,
                                   g));
              bad = true;
            }
            cspec.sum.push_back(gi);
          }
        }
        cspec.subject = group(spec.subject_group);
        if (cspec.subject < 0 && r.contains("claims") && r["claims"][k].contains("subject")) {
          fail(sp,
               fmt::format(
                   "claim {} takes its subject from group \"{}\", which the pattern does not have",
                   k, spec.subject_group));
          bad = true;
        }
        cr.specs.push_back(cspec);
      }
      for (size_t k = 0; k < examples.size(); ++k) {
        const json& e = examples[k];
        std::string ep = fmt::format("{}/examples/{}", ptr, k);
        if (!e.is_object() || !e.contains("text") || !e["text"].is_string() ||
            !e.contains("claims") || !e["claims"].is_array()) {
          fail(ep, "an example needs \"text\" and \"claims\"");
          bad = true;
          continue;
        }
        RuleExample ex{ep, e["text"].get<std::string>(), e.value("anchor", ""), {}};
        for (size_t q = 0; q < e["claims"].size(); ++q) {
          const json& cj = e["claims"][q];
          std::string cp = fmt::format("{}/claims/{}", ep, q);
          if (!cj.is_object() || !cj.contains("value") || !cj["value"].is_string() ||
              !cj.contains("low") || !(cj["low"].is_number() || cj["low"].is_null()) ||
              !cj.contains("high") || !(cj["high"].is_number() || cj["high"].is_null()) ||
              !cj.contains("subject") || !cj["subject"].is_string()) {
            fail(cp,
                 "an expected claim needs \"value\", \"low\", \"high\" (number or null) and "
                 "\"subject\"");
            bad = true;
            continue;
          }
          ExpectedClaim want;
          want.measure = cj.value("measure", rule.measure);
          want.value = cj["value"].get<std::string>();
          want.subject = cj["subject"].get<std::string>();
          want.low = OptionalNumber(cj["low"]);
          want.high = OptionalNumber(cj["high"]);
          want.role = cj.value("role", "");
          if (cj.contains("attribution") && cj["attribution"].is_string()) {
            want.attribution = cj["attribution"].get<std::string>();
            want.has_attribution = true;
          }
          ex.claims.push_back(std::move(want));
        }
        rule.examples.push_back(std::move(ex));
      }
      if (bad) continue;
      cr.re = std::move(re);
      c.screen_rules[cr.screen].push_back(static_cast<int>(c.rules.size()));
      c.rules.push_back(std::move(cr));
      set->rules_.push_back(std::move(rule));
    }
  }
  if (set->rules_.empty() && L.errors.empty()) {
    L.errors.push_back("rules: error: no claim rules (no rule file of kind \"claims\")");
  }
  if (!L.errors.empty()) {
    std::string all = Join(L.errors, "\n");
    return Status::Error(all);
  }
  // The passes: every claim pattern of a pass, groups dropped, leftmost-longest.
  for (int p = 0; p < 2; ++p) {
    RuleSet::Compiled::Pass& pass = c.passes[p];
    std::string combined;
    for (size_t r = 0; r < set->rules_.size(); ++r) {
      if (c.rules[r].ReadsDate() != (p == 1)) continue;
      pass.rules.push_back(static_cast<int>(r));
      combined +=
          (combined.empty() ? "(?:" : "|(?:") + WithoutGroupNames(set->rules_[r].expanded) + ")";
    }
    if (pass.rules.empty()) continue;
    re2::RE2::Options longest = RuleOptions(kCombinedMaxMem);
    longest.set_longest_match(true);
    longest.set_never_capture(true);
    pass.combined = std::make_unique<re2::RE2>(combined, longest);
    if (!pass.combined->ok()) {
      return Status::Error("rules: error: the claim rules cannot be combined: " +
                           pass.combined->error());
    }
    pass.anchored = std::make_unique<re2::RE2::Set>(RuleOptions(kSetMaxMem), re2::RE2::ANCHOR_BOTH);
    for (int r : pass.rules) {
      const ClaimRule& rule = set->rules_[r];
      std::string err;
      if (pass.anchored->Add(rule.expanded, &err) < 0) {
        return Status::Error(fmt::format("{}: error: rule \"{}\": {}", rule.file, rule.id, err));
      }
    }
    if (!pass.anchored->Compile())
      return Status::Error("rules: error: the claim rules are too large to compile");
  }
  c.attribution_set =
      std::make_unique<re2::RE2::Set>(RuleOptions(kRuleMaxMem), re2::RE2::UNANCHORED);
  for (const AttributionRule& a : set->attributions_) {
    std::string err;
    if (c.attribution_set->Add(a.expanded, &err) < 0) {
      return Status::Error(fmt::format("{}: error: rule \"{}\": {}", a.file, a.id, err));
    }
  }
  if (!c.attribution_set->Compile())
    return Status::Error("rules: error: the attribution rules are too large");
  return std::shared_ptr<const RuleSet>(std::move(set));
}

}  // namespace factdiff
