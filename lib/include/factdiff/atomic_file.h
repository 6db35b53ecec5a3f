// Files written whole or not at all: the content goes to a temporary name beside the file and is
// renamed over it on Commit(), so a reader (or a run interrupted half-way) never sees half a file.
// A run stopped by a signal removes its temporary files too (RemoveTempFilesOnSignal).
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
  // Registers temp_ for removal on a signal, before it is created. Returns temp_.
  const std::string& Track();

  std::string path_, temp_;
  int slot_ = -1;  // in the table of temporary files removed on a signal; -1 when not in it
  std::ofstream out_;
  bool committed_ = false;
};

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the temporary file of every
// AtomicFile not yet committed or destroyed, then end the process by the same signal, as it
// would have ended without them. A signal already ignored (nohup) stays ignored. Call once,
// before any AtomicFile is opened.
void RemoveTempFilesOnSignal();

// Writes `content` to `path` through an AtomicFile.
Status WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace factdiff

#endif  // FACTDIFF_ATOMIC_FILE_H_
