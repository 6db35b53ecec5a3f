#include "factdiff/atomic_file.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

#include <fmt/format.h>

namespace factdiff {

namespace {

std::string TempPathFor(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return dir + "." + name + ".tmp";
}

// The temporary files a signal handler removes: fixed storage, since a handler may neither
// allocate nor take a lock. A slot is written while it is free and published by `used`.
constexpr int kSlots = 64;
constexpr size_t kSlotPath = 4096;
char g_temp_paths[kSlots][kSlotPath];
std::atomic<bool> g_used[kSlots];
std::mutex g_slots_mutex;  // serialises taking a slot (never held by the handler)

int TakeSlot(const std::string& path) {
  if (path.size() >= kSlotPath) return -1;
  std::lock_guard<std::mutex> lock(g_slots_mutex);
  for (int i = 0; i < kSlots; ++i) {
    if (g_used[i].load()) continue;
    std::memcpy(g_temp_paths[i], path.c_str(), path.size() + 1);
    g_used[i].store(true);
    return i;
  }
  return -1;
}

void ReleaseSlot(int slot) {
  if (slot >= 0) g_used[slot].store(false);
}

extern "C" void RemoveTempFilesAndDie(int sig) {
  for (int i = 0; i < kSlots; ++i) {
    if (g_used[i].load()) unlink(g_temp_paths[i]);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

}  // namespace

void RemoveTempFilesOnSignal() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old;
    // A signal the parent ignores (nohup, a background job's SIGINT) stays ignored.
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_handler = RemoveTempFilesAndDie;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, nullptr);
  }
}

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path)),
      temp_(TempPathFor(path_)),
      out_(Track(), std::ios::binary | std::ios::trunc) {}

const std::string& AtomicFile::Track() {
  slot_ = TakeSlot(temp_);
  return temp_;
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::remove(temp_.c_str());
  }
  ReleaseSlot(slot_);
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
  ReleaseSlot(slot_);
  slot_ = -1;
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, const std::string& content) {
  AtomicFile file(path);
  file.out() << content;
  return file.Commit();
}

}  // namespace factdiff
