#include "factdiff/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

namespace factdiff {

namespace {

std::string TempPathFor(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return dir + "." + name + ".tmp";
}

}  // namespace

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path)),
      temp_(TempPathFor(path_)),
      out_(temp_, std::ios::binary | std::ios::trunc) {}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::remove(temp_.c_str());
  }
}

Status AtomicFile::Commit() {
  out_.flush();
  bool ok = static_cast<bool>(out_);
  out_.close();
  ok = ok && !out_.fail();
  if (!ok) return Status::Error(fmt::format("{}: error: cannot write the file", path_));
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    return Status::Error(
        fmt::format("{}: error: cannot write the file: {}", path_, std::strerror(errno)));
  }
  committed_ = true;
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, const std::string& content) {
  AtomicFile file(path);
  file.out() << content;
  return file.Commit();
}

}  // namespace factdiff
