#pragma once
// Errors that cross the core boundary. Each carries a message a person can act on; the
// message is already translated through the I18n hook (see I18n.h).
#include <stdexcept>
#include <string>
#include <vector>

namespace jiayi {

struct FieldError {
    std::string field;   // column name, e.g. "id_number"
    std::string reason;  // translated sentence a person can act on
};

// Bad input: the GUI shows each reason next to its field; the CLI prints the first.
// Carries every field error found, so a form can mark them all at once.
class ValidationError : public std::runtime_error {
public:
    ValidationError(std::string field, std::string reason)
        : ValidationError(std::vector<FieldError>{{std::move(field), std::move(reason)}}) {}
    explicit ValidationError(std::vector<FieldError> errors)
        : std::runtime_error(errors.at(0).field + ": " + errors.at(0).reason),
          m_errors(std::move(errors)) {}
    const std::string& field() const { return m_errors.front().field; }
    const std::string& reason() const { return m_errors.front().reason; }
    const std::vector<FieldError>& errors() const { return m_errors; }

private:
    std::vector<FieldError> m_errors;
};

// A request that conflicts with stored data (duplicate ID number, closed record, …).
class ConflictError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Something the caller asked for does not exist.
class NotFoundError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The signed-in user's role does not have the right to do what was asked (issue 16).
class PermissionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Sign-in refused: a wrong login or password (one message for both), a locked account
// (with the seconds until it may try again), or a disabled one.
class SignInError : public std::runtime_error {
public:
    enum class Why { Wrong, Locked, Disabled, Held };
    SignInError(Why why, std::string message, long long retryAfterSeconds = 0)
        : std::runtime_error(std::move(message)), why(why), retryAfterSeconds(retryAfterSeconds) {}
    Why why;
    long long retryAfterSeconds;
};

// The database could not do what was asked (I/O, corruption, newer schema, …).
class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An encrypted database that the given key does not open, or that was opened without its
// key (issue 16, encryption at rest). Nothing was read or written.
class KeyError : public StorageError {
public:
    using StorageError::StorageError;
};

}  // namespace jiayi
