// Helpers shared by the tests.
#ifndef FACTDIFF_TESTS_TEST_UTIL_H_
#define FACTDIFF_TESTS_TEST_UTIL_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "factdiff/diagnostic.h"

namespace factdiff::testing {

// A fresh temporary folder, removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "factdiff-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  // Writes `content` to the file `name` inside the folder (creating folders) and returns its path.
  std::string Write(const std::string& name, const std::string& content) const {
    std::filesystem::path p = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

 private:
  std::string path_;
};

inline std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Returns each diagnostic formatted, in order.
inline std::vector<std::string> Formatted(const DiagnosticList& list) {
  std::vector<std::string> out;
  for (const Diagnostic& d : list.items()) out.push_back(FormatDiagnostic(d));
  return out;
}

// The folder of the source tree and the built binary, set by CMake.
inline std::string SourceDir() { return FACTDIFF_SOURCE_DIR; }
inline std::string Binary() { return FACTDIFF_BINARY; }

// Runs `command` with /bin/sh, returning its exit code and standard output.
struct CommandResult {
  int exit_code = -1;
  std::string out;
};
inline CommandResult Run(const std::string& command) {
  CommandResult r;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace factdiff::testing

#endif  // FACTDIFF_TESTS_TEST_UTIL_H_
