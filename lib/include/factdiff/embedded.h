// The default rule files (rules/*.json at build time), compiled into the library so that
// factdiff works from any folder.
#ifndef FACTDIFF_EMBEDDED_H_
#define FACTDIFF_EMBEDDED_H_

#include <span>
#include <string_view>

namespace factdiff {

struct EmbeddedFile {
  std::string_view name;  // path relative to rules/, e.g. "boilerplate.json"
  std::string_view data;
};

// Returns the embedded rule files, sorted by name.
std::span<const EmbeddedFile> EmbeddedRuleFiles();

}  // namespace factdiff

#endif  // FACTDIFF_EMBEDDED_H_
