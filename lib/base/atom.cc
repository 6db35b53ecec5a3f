// The store behind Atom: sharded sets of strings, each behind its own lock, so that the threads
// extracting claims rarely wait for each other. Elements of an unordered_set keep their address
// for life, rehashing included.
#include "factdiff/atom.h"

#include <functional>
#include <mutex>
#include <unordered_set>

namespace factdiff {

namespace {

constexpr size_t kShards = 16;

struct Shard {
  std::mutex mu;
  std::unordered_set<std::string> strings;
};

Shard* Shards() {
  static Shard* shards = new Shard[kShards];  // never destroyed: atoms outlive everything
  return shards;
}

}  // namespace

const std::string* Atom::Intern(std::string_view s) {
  size_t h = std::hash<std::string_view>()(s);
  Shard& shard = Shards()[h % kShards];
  std::lock_guard<std::mutex> lock(shard.mu);
  return &*shard.strings.emplace(s).first;
}

const std::string* Atom::Empty() {
  static const std::string* empty = new std::string();
  return empty;
}

}  // namespace factdiff
