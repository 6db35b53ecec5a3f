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
  // The temporary file of skipped.jsonl is a FIFO: opening it blocks, so the signal arrives
  // exactly while the audit has written some files and not others.
  std::string fifo = out + "/.skipped.jsonl.tmp";
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
  CHECK(names == std::vector<std::string>{"findings.jsonl", "stories", "stories.jsonl"});
  for (const char* name : {"findings.jsonl", "stories.jsonl"}) {
    std::string text = ReadFileOrDie(out + "/" + name);
    REQUIRE(!text.empty());
    CHECK(text.back() == '\n');
    size_t lines = 0;
    for (size_t pos = 0; pos < text.size();) {
      size_t end = text.find('\n', pos);
      CHECK(nlohmann::json::accept(text.substr(pos, end - pos)));
      ++lines;
      pos = end + 1;
    }
    CHECK(lines >= 1);
  }
  for (const auto& e : std::filesystem::directory_iterator(out + "/stories")) {
    std::string page = ReadFileOrDie(e.path().string());
    CHECK(page.find("</html>") != std::string::npos);
    CHECK(e.path().filename().string().front() != '.');
  }
}

// Returns the control bytes (other than a line end) in `s`, as "0x1B at 12" items.
std::vector<std::string> ControlBytes(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool c1 = c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(s[i + 1]) <= 0x9f;
    if ((c < 0x20 && c != '\n') || c == 0x7f || c1)
      out.push_back(std::to_string(c) + " at " + std::to_string(i));
  }
  return out;
}

TEST_CASE("Terminal output carries no control characters from the input; JSON stays valid",
          "[e2e][robustness]") {
  TempDir dir;
  // Escape sequences (as JSON escapes, so the records are valid JSON), a C1 control, a bell,
  // and an ill-formed UTF-8 byte, in the id, the metadata and the text; a file name with ESC.
  std::string esc = "\\u001b[31m", osc = "\\u001b]0;owned\\u0007", c1 = "\\u009b2J";
  std::string archive = dir.Write(
      "evil.jsonl", "{\"id\": \"a" + esc + "\", \"title\": \"T" + osc + "\", \"source\": \"S" + c1 +
                        "\", \"text\": \"Officials said 5 people were killed" + esc +
                        " in the blast.\"}\n" + "{\"id\": \"b" + esc +
                        "\xff\", \"text\": \"Officials said 7 people were killed in the "
                        "blast.\\u009b \xff\"}\n" +
                        "{\"id\": \"a" + esc + "\", \"text\": \"A copy" + osc + ".\"}\n");
  dir.Write("texts/c\x1b[2J.txt", "Officials said 9 people were killed in the blast.\n");
  dir.Write("texts/d\x1b[2J.txt", "");
  std::string inputs = "'" + archive + "' '" + dir.path() + "/texts'";
  std::string err = dir.path() + "/err.txt";
  const std::vector<std::string> commands = {"check --color always --agreements", "extract",
                                             "check --html '" + dir.path() + "/r.html'"};
  for (const std::string& command : commands) {
    CommandResult r = Run(Binary() + " " + command + " " + inputs + " 2>'" + err + "'");
    INFO(command << "\n" << r.out << ReadFileOrDie(err));
    CHECK(r.exit_code <= 1);
    std::string out = r.out;
    // Our own colours are the only escapes allowed: drop them first.
    for (const char* own : {"\x1b[1m", "\x1b[0m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[33m",
                            "\x1b[36m", "\x1b[1;31m", "\x1b[7m", "\x1b[4m"}) {
      if (command.find("always") == std::string::npos) break;
      for (size_t at = out.find(own); at != std::string::npos; at = out.find(own))
        out.erase(at, std::string(own).size());
    }
    CHECK(ControlBytes(out).empty());
    std::string errors = ReadFileOrDie(err);
    CHECK(ControlBytes(errors).empty());
    CHECK(errors.find("duplicate id \"a[31m\"") != std::string::npos);
    CHECK(errors.find("d[2J.txt: error: empty file; skipped") != std::string::npos);
  }
  // The JSON report keeps the ids as they are, escaped, in valid UTF-8 (nlohmann's parser
  // refuses anything else): an ill-formed byte became U+FFFD when read.
  CommandResult json = Run(Binary() + " check --format json " + inputs + " 2>/dev/null");
  nlohmann::json report = nlohmann::json::parse(json.out, nullptr, false);
  REQUIRE(!report.is_discarded());
  std::vector<std::string> ids;
  for (const auto& d : report["documents"]) ids.push_back(d["id"].get<std::string>());
  // The JSON report keeps the ids as they are, escaped, in valid UTF-8 (nlohmann's parser
  // refuses anything else): the ill-formed byte became U+FFFD when read.
  CHECK(ids == std::vector<std::string>{"a\x1b[31m", "b\x1b[31m\uFFFD",
                                        dir.path() + "/texts/c\x1b[2J.txt"});
}

}  // namespace
}  // namespace factdiff::testing
