// How the binary behaves when its run is cut short: a reader that stops reading, a signal in the
// middle of writing the audit's files.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"

extern char** environ;

namespace factdiff::testing {
namespace {

// Returns what the kernel says process `pid` waits in ("wait_for_partner" for an open of a FIFO
// with no reader), or "" when it cannot be read.
std::string WaitChannel(pid_t pid) {
  return ReadFileOrDie("/proc/" + std::to_string(pid) + "/wchan");
}

TEST_CASE("a pipe closed early ends a run quietly, even with SIGPIPE ignored by the parent") {
  // An archive whose claims fill more than a pipe's buffer: the fixture's records, 20 times over
  // with fresh ids.
  TempDir dir;
  std::string archive;
  std::set<std::string> ids;
  std::string fixture = ReadFileOrDie(SourceDir() + "/fixtures/audit/archive.jsonl");
  for (int copy = 0; copy < 20; ++copy) {
    for (size_t pos = 0; pos < fixture.size();) {
      size_t end = fixture.find('\n', pos);
      nlohmann::json record = nlohmann::json::parse(fixture.substr(pos, end - pos), nullptr, false);
      pos = end + 1;
      // The well-formed records with a text and an id not seen before.
      if (!record.is_object() || !record["id"].is_string() || !record["text"].is_string() ||
          record["text"].get<std::string>().empty() ||
          !ids.insert(record["id"].get<std::string>() + "-" + std::to_string(copy)).second) {
        continue;
      }
      record["id"] = record["id"].get<std::string>() + "-" + std::to_string(copy);
      archive += record.dump() + "\n";
    }
  }
  std::string path = dir.Write("big.jsonl", archive);
  REQUIRE(
      std::stoul(Run(Binary() + " extract --format jsonl " + path + " 2>/dev/null | wc -c").out) >
      (1u << 17));
  // `trap '' PIPE` starts the children with SIGPIPE ignored; factdiff restores the default, so
  // the closed pipe ends it at once (128 + 13) with nothing on standard error.
  std::string err = dir.path() + "/err.txt";
  CommandResult r = Run("bash -c 'trap \"\" PIPE; " + Binary() + " extract --format jsonl " + path +
                        " 2>" + err + " | head -c 1 >/dev/null; echo ${PIPESTATUS[0]}'");
  CHECK(r.out == "141\n");
  CHECK(ReadFileOrDie(err) == "");
}

TEST_CASE("an audit stopped by SIGTERM while writing leaves only complete files") {
  TempDir dir;
  std::string out = dir.path() + "/out";
  std::filesystem::create_directories(out);
  // The temporary file of stories.jsonl is a FIFO: opening it blocks, so the signal arrives
  // exactly while the audit has written some files and not others.
  std::string fifo = out + "/.stories.jsonl.tmp";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  std::string binary = Binary();
  std::string input = SourceDir() + "/fixtures/audit/archive.jsonl";
  std::vector<std::string> args = {binary, "audit", input, "--out", out, "--quiet", "--jobs", "1"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (WaitChannel(pid) != "wait_for_partner" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(WaitChannel(pid) == "wait_for_partner");
  kill(pid, SIGTERM);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGTERM);

  // The FIFO, the temporary file being written, was removed; the files written before it are
  // whole; the ones after it (summary.json last) were never started.
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(out))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"findings.jsonl", "stories"});
  std::string findings = ReadFileOrDie(out + "/findings.jsonl");
  REQUIRE(!findings.empty());
  CHECK(findings.back() == '\n');
  size_t lines = 0;
  for (size_t pos = 0; pos < findings.size();) {
    size_t end = findings.find('\n', pos);
    CHECK(nlohmann::json::accept(findings.substr(pos, end - pos)));
    ++lines;
    pos = end + 1;
  }
  CHECK(lines >= 1);
  for (const auto& e : std::filesystem::directory_iterator(out + "/stories")) {
    std::string page = ReadFileOrDie(e.path().string());
    CHECK(page.find("</html>") != std::string::npos);
    CHECK(e.path().filename().string().front() != '.');
  }
}

}  // namespace
}  // namespace factdiff::testing
