// Rule files: the data every stage reads its patterns and word lists from. The default set is
// compiled into the binary (rules/*.json); `--rules DIR` adds the JSON files of DIR, a file
// replacing the default file of the same name. Each file is a JSON object whose "kind" says
// which stage reads it ("claims", "boilerplate", "segmentation", ...).
#ifndef FACTDIFF_RULE_FILES_H_
#define FACTDIFF_RULE_FILES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "factdiff/status.h"

namespace factdiff {

struct RuleFile {
  std::string name;  // file name relative to its rules folder, e.g. "claims/killed.json"
  std::string path;  // where it was read from; "<builtin>/NAME" for a default file
  std::string text;  // the file's bytes
};

// Returns the default rule files, with those found under each of `dirs` added (a file whose name
// matches a default one replaces it). A folder or file that cannot be read is an error.
Result<std::vector<RuleFile>> LoadRuleFiles(const std::vector<std::string>& dirs);

// Returns the rule files at `paths` (files, or folders searched recursively for *.json).
Result<std::vector<RuleFile>> ReadRuleFiles(const std::vector<std::string>& paths);

// Returns `base` with each of `extra` replacing the file of the same name, or, for an extra file
// named without a folder, the file of the same base name; other extra files are added.
std::vector<RuleFile> OverlayRuleFiles(std::vector<RuleFile> base, std::vector<RuleFile> extra);

// A parsed rule file with what is needed to point at its parts in error messages.
class RuleDocument {
 public:
  // Parses `file`. On a JSON syntax error returns "path:line:col: error: message".
  static Result<RuleDocument> Parse(const RuleFile& file);

  const RuleFile& file() const { return *file_; }
  const nlohmann::json& json() const { return *json_; }
  // Returns the "kind" member, or "" when there is none.
  std::string kind() const;

  // Returns "path:line:col: error: " + message, locating the JSON pointer `pointer` (such as
  // "/rules/3/pattern") in the file's text; the position of the nearest enclosing value that
  // exists when the pointer does not.
  std::string Error(std::string_view pointer, std::string_view message) const;

 private:
  const RuleFile* file_ = nullptr;
  std::shared_ptr<const nlohmann::json> json_;
};

// Returns the 1-based line and column of byte `offset` of `text`.
std::pair<uint32_t, uint32_t> LineAndColumn(std::string_view text, size_t offset);

// Returns the byte offset in `json_text` where the value at JSON pointer `pointer` starts, or
// that of the nearest enclosing value found.
size_t LocateJsonPointer(std::string_view json_text, std::string_view pointer);

}  // namespace factdiff

#endif  // FACTDIFF_RULE_FILES_H_
