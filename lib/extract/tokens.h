// Word tokens of a sentence, for the number grammar. Internal to the extract stage.
#ifndef FACTDIFF_EXTRACT_TOKENS_H_
#define FACTDIFF_EXTRACT_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "factdiff/span.h"

namespace factdiff {

struct Token {
  enum class Type : uint8_t { kWord, kNumber, kPunct };
  uint32_t begin = 0;  // byte offsets in the text; end is exclusive
  uint32_t end = 0;
  Type type = Type::kPunct;
  bool space_before = false;
  // Lower-case ASCII for words (apostrophes as '), "-" for every dash, digits as written.
  std::string norm;
};

// Splits text[span] into tokens: words (letters, with inner apostrophes), numbers (digits with
// thousands separators and a decimal part: "4,770", "1.5"), and single punctuation characters.
void Tokenize(std::string_view text, Span span, std::vector<Token>* out);

// A phrase to match against tokens: its words, normalised as Token::norm.
using Phrase = std::vector<std::string>;

// Splits a phrase written in a rule file ("at least", "- year - old") into its tokens.
Phrase ParsePhrase(std::string_view words);

// Returns true iff `phrase` matches the tokens starting at `i`.
bool MatchesAt(const std::vector<Token>& tokens, size_t i, const Phrase& phrase);

// Returns true iff `phrase` matches the tokens ending just before `end`.
bool MatchesBefore(const std::vector<Token>& tokens, size_t end, const Phrase& phrase);

}  // namespace factdiff

#endif  // FACTDIFF_EXTRACT_TOKENS_H_
