// The number grammar: finds every quantity a sentence states and says what kind of quantity it
// is. Part of the extract stage.
//
// Reporters write numbers many ways ("4,770", "twenty-two", "two dozen", "1.5 million",
// "dozens"), hedge them ("at least 115", "nearly 100", "some 170", "100 or more"), give ranges
// ("1500 to 2200", "between 4,000 and 6,000") and write numbers that are not counts at all (a
// year, a date, an age, a percentage, money, a duration, "the 6,200-capacity venue"). The
// grammar reads a sentence's tokens, finds each number, widens it to its hedge and range, turns
// it into an interval, and classifies it. Only quantities of kind kCount can become claims.
// Every word list (number words, hedges, units, month names) is data: rules/numbers.json.
#ifndef FACTDIFF_NUMBERS_H_
#define FACTDIFF_NUMBERS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "factdiff/rule_files.h"
#include "factdiff/span.h"
#include "factdiff/status.h"

namespace re2 {
class RE2;
}

namespace factdiff {

enum class QuantityKind {
  kCount,
  kYear,
  kDate,
  kTime,
  kAge,
  kPercent,
  kMoney,
  kDuration,
  kMeasure,
  kRate,
  kIdentifier,
  kModifier,  // a compound modifier: "6,200-capacity", "12-gauge"
  kOrdinal,
  kScore,
  kDecimal,
};

// Returns "count", "year", ... as used in rule files and reports.
const char* QuantityKindName(QuantityKind k);

// How a hedge bounds a figure. The interval each gives is documented in docs/rules.md.
enum class Bound { kExact, kAtLeast, kMoreThan, kLessThan, kAtMost, kNearly, kAbout };

// Returns "exact", "at least", "more than", "less than", "at most", "nearly" or "about".
const char* BoundName(Bound b);

struct Quantity {
  Span span;  // the expression with its hedges: "at least 115", "100 or more"
  QuantityKind kind = QuantityKind::kCount;
  Bound bound = Bound::kExact;
  std::string hedge;      // the hedge as written, lower case: "at least", "some", "or more"
  double figure_low = 0;  // the number as written, before the hedge
  double figure_high = 0;
  std::optional<double> low;   // inclusive; none when unbounded
  std::optional<double> high;  // inclusive; none when unbounded
  bool range = false;          // written as a range ("1500 to 2200")
  bool vague = false;          // a word like "dozens" that stands for a documented range
  std::string why;             // for a kind other than count: the cue that decided it
};

class NumberGrammar {
 public:
  // Builds the grammar from the "numbers" rule file among `files`. Errors name the file and
  // the JSON pointer's line and column.
  static Result<std::shared_ptr<const NumberGrammar>> Create(const std::vector<RuleFile>& files);
  ~NumberGrammar();

  // Returns true iff `text` may hold a number (a digit or a number word): a cheap screen.
  bool MayHoldNumber(std::string_view text) const;
  // The pattern behind MayHoldNumber.
  const std::string& screen_pattern() const { return screen_pattern_; }

  // Appends the quantities found in text[span] to `*out`, in text order, with spans relative to
  // `text`.
  void Find(std::string_view text, Span span, std::vector<Quantity>* out) const;

  struct ExampleQuantity {
    std::string text;
    std::string kind;
    std::optional<std::optional<double>> low, high;  // unset when the example does not say
    std::string bound;                               // "" when the example does not say
  };
  struct Example {
    std::string file;
    std::string pointer;  // JSON pointer of the example in its file
    std::string text;
    std::vector<ExampleQuantity> quantities;
  };
  const std::vector<Example>& examples() const { return examples_; }

 private:
  NumberGrammar();
  struct Tables;
  std::unique_ptr<Tables> t_;
  std::unique_ptr<re2::RE2> screen_;
  std::string screen_pattern_;
  std::vector<Example> examples_;
};

}  // namespace factdiff

#endif  // FACTDIFF_NUMBERS_H_
