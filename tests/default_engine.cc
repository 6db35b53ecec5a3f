#include "default_engine.h"

#include <catch2/catch.hpp>

namespace factdiff::testing {

namespace {

// Returns the value of `r`, failing the test with its message when it is an error.
template <typename T>
T Require(Result<T> r) {
  INFO(r.status().message());
  REQUIRE(r.ok());
  return std::move(*r);
}

}  // namespace

const DefaultEngine& Defaults() {
  static DefaultEngine e = [] {
    DefaultEngine x;
    x.files = Require(LoadRuleFiles({}));
    x.segmenter = Require(Segmenter::Create(x.files));
    x.numbers = Require(NumberGrammar::Create(x.files));
    x.dates = Require(DateGrammar::Create(x.files));
    x.extractor = Require(Extractor::Create(x.files));
    x.resolver = Require(EventResolver::Create(x.files));
    x.subjects = Require(SubjectClasses::Create(x.files));
    return x;
  }();
  return e;
}

}  // namespace factdiff::testing
