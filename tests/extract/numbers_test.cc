#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "factdiff/numbers.h"
#include "factdiff/rule_files.h"

#include "default_engine.h"

namespace factdiff {
namespace {

std::shared_ptr<const NumberGrammar> DefaultGrammar() { return testing::Defaults().numbers; }

std::string Show(std::string_view text, const Quantity& q) {
  auto bound = [](const std::optional<double>& v) {
    return v ? std::to_string(static_cast<long long>(*v)) : "inf";
  };
  return std::string(q.span.Of(text)) + " (" + QuantityKindName(q.kind) + " [" + bound(q.low) +
         ", " + bound(q.high) + "] " + BoundName(q.bound) + ")";
}

TEST_CASE("Every example in the number rules reads as written", "[extract][numbers]") {
  const auto& examples = DefaultGrammar()->examples();
  REQUIRE(examples.size() >= 70);
  for (const NumberGrammar::Example& ex : examples) {
    std::vector<Quantity> found;
    DefaultGrammar()->Find(ex.text, Span{0, static_cast<uint32_t>(ex.text.size())}, &found);
    std::string got;
    for (const Quantity& q : found) got += Show(ex.text, q) + "; ";
    INFO(ex.text << "\n  got: " << got);
    REQUIRE(found.size() == ex.quantities.size());
    for (size_t i = 0; i < found.size(); ++i) {
      const auto& want = ex.quantities[i];
      CHECK(std::string(found[i].span.Of(ex.text)) == want.text);
      CHECK(std::string(QuantityKindName(found[i].kind)) == want.kind);
      if (want.low) CHECK(found[i].low == *want.low);
      if (want.high) CHECK(found[i].high == *want.high);
      if (!want.bound.empty()) CHECK(std::string(BoundName(found[i].bound)) == want.bound);
    }
  }
}

TEST_CASE("MayHoldNumber screens sentences", "[extract][numbers]") {
  CHECK(DefaultGrammar()->MayHoldNumber("killed 13 people"));
  CHECK(DefaultGrammar()->MayHoldNumber("Dozens were hurt"));
  CHECK(DefaultGrammar()->MayHoldNumber("No one was hurt"));
  CHECK_FALSE(DefaultGrammar()->MayHoldNumber("The attackers fled in a white car."));
  CHECK_FALSE(DefaultGrammar()->MayHoldNumber("Someone phoned the station."));
}

}  // namespace
}  // namespace factdiff
