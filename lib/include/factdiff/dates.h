// The date grammar: finds when copy says something happened and resolves it to days. Part of
// the extract stage.
//
// News is written relative to its own date: "on Friday", "last March", "nine years ago". Each
// date expression keeps its words, and is resolved against an anchor (the document's date) to an
// inclusive interval of days, preferring the past ("March 7" in a January article is last
// year's). With no anchor, relative expressions and dates without a year stay unresolved rather
// than being resolved against today. Years come from the number grammar, so a count is never
// read as a year nor a year as a count. The word lists are data (rules/dates.json), with
// examples pinned to anchors.
#ifndef FACTDIFF_DATES_H_
#define FACTDIFF_DATES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "factdiff/numbers.h"
#include "factdiff/rule_files.h"
#include "factdiff/span.h"
#include "factdiff/status.h"

namespace factdiff {

// Days since 1970-01-01 of a civil date.
int DaysFromCivil(int year, int month, int day);
// The civil date of a day count.
void CivilFromDays(int days, int* year, int* month, int* day);
// Returns "YYYY-MM-DD".
std::string FormatDay(int days);
// Returns "22 March 2024".
std::string FormatLongDay(int days);
// Returns a bound of a date claim as a reader writes it: "22 March 2024" for unit "day" (whose
// bounds are YYYYMMDD numbers), "2015" for unit "year".
std::string FormatDateBound(std::string_view unit, double bound);
// Returns YYYYMMDD as a number, the form date claims use for their bounds (ordered like days).
int DayNumber(int days);

// Reads a document date ("2024-03-23", "5/9/2016", "March 23, 2024", "27 NOVEMBER, 2005",
// "11/28/05") into *year, *month (0 when not given) and *day (days since 1970-01-01, or 0 when the
// date gives no day). Returns false when it cannot.
bool ParseDocumentDate(std::string_view date, int* year, int* month, int* day);

struct DateExpr {
  Span span;              // the expression as written, in the text passed in
  bool relative = false;  // needs an anchor ("Friday", "nine years ago", "March 7")
  bool age = false;       // an age ("a decade old"): when something began
  bool resolved = false;
  int first = 0;  // first and last day (days since 1970-01-01) when resolved
  int last = 0;
  std::string unit;  // "day", "month", "year", "period"
  std::string why;   // how it was resolved: "the Friday before 2024-03-23"
};

class DateGrammar {
 public:
  // Builds the grammar from the "dates" rule file among `files`.
  static Result<std::shared_ptr<const DateGrammar>> Create(const std::vector<RuleFile>& files);
  ~DateGrammar();

  // A pattern matching text that may hold a date expression (a screen).
  const std::string& screen_pattern() const { return screen_; }

  // Appends the date expressions in text[span] to `*out`, resolved against `anchor` (days since
  // 1970-01-01; 0 for none). `quantities` are the number grammar's quantities of that span.
  void Find(std::string_view text, Span span, int anchor, const std::vector<Quantity>& quantities,
            std::vector<DateExpr>* out) const;

  struct ExampleDate {
    std::string text;
    bool unresolved = false;
    std::string first, last;  // YYYY-MM-DD
  };
  struct Example {
    std::string file, pointer, text, anchor;
    std::vector<ExampleDate> dates;
  };
  const std::vector<Example>& examples() const { return examples_; }

  struct Tables;  // the word lists; internal

 private:
  DateGrammar();
  std::unique_ptr<Tables> t_;
  std::string screen_;
  std::vector<Example> examples_;
};

// Finds a document's date in its own text when it has none: a dateline on its first line, else
// the latest full date (day, month and year) in its first 2,000 bytes, where news says when its
// event happened. Returns the day (days since 1970-01-01) and sets *how ("a dateline", "the latest
// full date at the top of the text"), or returns 0.
int InferDocumentDate(std::string_view text, std::string* how);

// A document's date and where it came from.
struct DocumentDate {
  std::string text;         // as given, or "YYYY-MM-DD" when inferred; "" when undated
  int day = 0;              // days since 1970-01-01; 0 when undated or the date names no day
  std::string source;       // "metadata", "--date", "inferred from a dateline", "inferred from the
                            // latest full date at the top of the text", or "none"
  bool unreadable = false;  // the metadata date was given but could not be read (and was not used)
};

// Decides a document's date: its `metadata` date, else `given` (from the command line; "" for
// none), else one inferred from `text`. A date that cannot be read counts as absent.
DocumentDate DecideDocumentDate(const std::string& metadata, const std::string& given,
                                std::string_view text);

}  // namespace factdiff

#endif  // FACTDIFF_DATES_H_
