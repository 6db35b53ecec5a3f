// Segmentation: the second stage. Splits a document's normalised text into paragraphs and
// sentences, with byte spans.
//
// A blank line ends a paragraph. Within a block of lines, each line is its own paragraph unless
// the block looks hard-wrapped (lines of similar width that break mid-sentence), in which case
// the block is one paragraph. Lines matching a boilerplate pattern ("READ MORE: ...", "Share.",
// "Source link") are marked as such and yield no sentences. Sentences end at . ! ? or an
// ellipsis, followed by closing quotes or brackets, then a capital letter or digit, except after
// a title ("Gen.", "Mr."), an initial ("Colin P. Clarke"), or another abbreviation ("U.S.",
// "Jan.") not followed by a common sentence opener. A line with no final stop (a headline, a
// caption) ends its sentence at the line end. The abbreviations, openers and boilerplate
// patterns are data (rules/segmentation.json, rules/boilerplate.json).
#ifndef FACTDIFF_SEGMENT_H_
#define FACTDIFF_SEGMENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "factdiff/rule_files.h"
#include "factdiff/span.h"
#include "factdiff/status.h"

namespace re2 {
class RE2;
}

namespace factdiff {

enum class ParagraphKind {
  kBody,         // ends with a full stop
  kHeadline,     // no final stop: a headline, a subhead, a caption or a teaser
  kBoilerplate,  // site furniture, not copy; has no sentences
};

struct Paragraph {
  Span span;  // trimmed of surrounding whitespace
  ParagraphKind kind = ParagraphKind::kBody;
  uint32_t first_sentence = 0;  // index into Segmentation::sentences
  uint32_t sentence_count = 0;
};

struct Sentence {
  Span span;           // trimmed; may hold line breaks when its paragraph is hard-wrapped
  uint32_t paragraph;  // index into Segmentation::paragraphs
};

struct Segmentation {
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
};

// One boilerplate pattern with its tests.
struct BoilerplateRule {
  std::string id;
  std::string file;     // path of its rule file
  std::string pointer;  // JSON pointer of the rule in it
  std::string pattern;
  std::vector<std::string> examples;         // lines that must match
  std::vector<std::string> counterexamples;  // lines that must not
};

class Segmenter {
 public:
  // Builds a segmenter from the "segmentation" and "boilerplate" rule files among `files`.
  // Returns every problem found, one per line, when a file is broken.
  static Result<std::shared_ptr<const Segmenter>> Create(const std::vector<RuleFile>& files);

  ~Segmenter();

  // Segments `text` into `*out` (cleared first).
  void Segment(std::string_view text, Segmentation* out) const;

  // Returns the id of the boilerplate rule that matches the whole of `line` (trimmed), or ""
  // when none does.
  std::string BoilerplateRuleFor(std::string_view line) const;

  const std::vector<BoilerplateRule>& boilerplate_rules() const { return boilerplate_; }

  // Sentence-splitting examples from the segmentation file: a text and the sentences it must
  // split into.
  struct Example {
    std::string file;
    std::string pointer;
    std::string text;
    std::vector<std::string> sentences;
  };
  const std::vector<Example>& examples() const { return examples_; }

 private:
  Segmenter();
  bool IsBoilerplate(std::string_view line) const;
  void SplitSentences(std::string_view text, Span para, uint32_t index, Segmentation* out) const;
  bool IsBoundary(std::string_view text, size_t term_begin, size_t term_end, size_t next) const;

  std::unordered_set<std::string> titles_;         // never end a sentence
  std::unordered_set<std::string> abbreviations_;  // end one only before an opener
  std::unordered_set<std::string> openers_;
  std::vector<BoilerplateRule> boilerplate_;
  std::unique_ptr<re2::RE2> boilerplate_re_;  // all patterns, alternated and anchored
  std::vector<std::unique_ptr<re2::RE2>> boilerplate_each_;
  std::vector<Example> examples_;
};

}  // namespace factdiff

#endif  // FACTDIFF_SEGMENT_H_
