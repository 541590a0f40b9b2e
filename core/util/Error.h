#pragma once
// Errors that cross the core boundary. Each carries a message a person can act on; the
// message is already translated through the I18n hook (see I18n.h).
#include <stdexcept>
#include <string>

namespace jiayi {

// Bad input for one field: the GUI shows `reason` next to the field named by `field`.
class ValidationError : public std::runtime_error {
public:
    ValidationError(std::string field, std::string reason)
        : std::runtime_error(field + ": " + reason),
          m_field(std::move(field)),
          m_reason(std::move(reason)) {}
    const std::string& field() const { return m_field; }
    const std::string& reason() const { return m_reason; }

private:
    std::string m_field;
    std::string m_reason;
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

// The database could not do what was asked (I/O, corruption, newer schema, …).
class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace jiayi
