// Files written whole or not at all: the content goes to a temporary name beside the file and is
// renamed over it on Commit(), so a reader (or a run interrupted half-way) never sees half a file.
#ifndef FACTDIFF_ATOMIC_FILE_H_
#define FACTDIFF_ATOMIC_FILE_H_

#include <fstream>
#include <string>

#include "factdiff/status.h"

namespace factdiff {

class AtomicFile {
 public:
  // Opens "<dir>/.<name>.tmp" for `path` ("<dir>/<name>").
  explicit AtomicFile(std::string path);
  // Removes the temporary file unless Commit() succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Where to write the content.
  std::ostream& out() { return out_; }

  // Flushes, closes and renames the temporary file to the path. Returns an error naming the
  // path when the file could not be written; the path is then left as it was.
  Status Commit();

  // The temporary file's path.
  const std::string& temp_path() const { return temp_; }

 private:
  std::string path_, temp_;
  std::ofstream out_;
  bool committed_ = false;
};

// Writes `content` to `path` through an AtomicFile.
Status WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace factdiff

#endif  // FACTDIFF_ATOMIC_FILE_H_
