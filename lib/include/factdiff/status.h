// Status and Result: how errors cross the library boundary. No exception leaves libfactdiff;
// library exceptions (nlohmann::json, std::filesystem) are caught where they are raised and
// turned into a Status whose message reads like a compiler's ("path:line:col: message").
#ifndef FACTDIFF_STATUS_H_
#define FACTDIFF_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace factdiff {

class Status {
 public:
  // An OK status.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  // Returns true iff this status carries no error.
  bool ok() const { return !message_.has_value(); }
  // The error message; empty for an OK status.
  const std::string& message() const {
    static const std::string kEmpty;
    return message_ ? *message_ : kEmpty;
  }

 private:
  explicit Status(std::string message) : message_(std::move(message)) {}
  std::optional<std::string> message_;
};

// Either a value or an error Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The error; an OK status when ok().
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }
  // The value. Requires ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace factdiff

#endif  // FACTDIFF_STATUS_H_
