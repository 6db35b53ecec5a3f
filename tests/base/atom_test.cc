#include "factdiff/atom.h"

#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace factdiff {
namespace {

TEST_CASE("atoms: one stored copy per string, compared as strings", "[base][atom]") {
  Atom killed("killed");
  Atom again(std::string("kil") + "led");
  CHECK(&killed.str() == &again.str());  // interned: the same copy
  CHECK(killed == again);
  CHECK(killed == "killed");
  CHECK(killed == std::string("killed"));
  CHECK(killed == std::string_view("killed"));
  CHECK_FALSE(killed == "injured");
  CHECK(killed != Atom("injured"));

  Atom empty;
  CHECK(empty.empty());
  CHECK(empty == "");
  CHECK(empty == Atom(""));
  CHECK(&empty.str() == &Atom(std::string()).str());

  // Ordered as their strings, whatever order they were stored in.
  std::vector<std::string> words = {"missing", "detained", "injured", "killed", ""};
  std::set<Atom> sorted(words.begin(), words.end());
  std::vector<std::string> got(sorted.begin(), sorted.end());
  CHECK(got == std::vector<std::string>{"", "detained", "injured", "killed", "missing"});

  CHECK(killed + " people" == "killed people");
  CHECK("people " + killed == "people killed");
  CHECK(fmt::format("[{}] [{:>8}]", killed, Atom("hurt")) == "[killed] [    hurt]");
  CHECK(killed.size() == 6);
  CHECK(killed.find('l') == 2);
  CHECK(killed.substr(0, 4) == "kill");
  CHECK(std::string_view(killed) == "killed");
}

TEST_CASE("atoms: to and from JSON", "[base][atom]") {
  nlohmann::json j;
  j["measure"] = Atom("killed");
  CHECK(j.dump() == R"({"measure":"killed"})");
  Atom back = j.at("measure").get<Atom>();
  CHECK(back == "killed");
  CHECK(&back.str() == &Atom("killed").str());
}

TEST_CASE("atoms: threads storing the same strings get the same copies", "[base][atom]") {
  constexpr int kWords = 2000;
  std::vector<std::vector<const std::string*>> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &seen] {
      for (int i = 0; i < kWords; ++i) seen[t].push_back(&Atom(fmt::format("word{}", i)).str());
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 1; t < 4; ++t) CHECK(seen[t] == seen[0]);
  CHECK(*seen[0][1234] == "word1234");
}

}  // namespace
}  // namespace factdiff
