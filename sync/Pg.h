#pragma once
// A thin libpq connection for the PostgreSQL hub store (issue 20): text parameters ($1, $2 …)
// and text results, errors as StorageError with the server's message. Not thread-safe: one
// connection per thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace jiayi::sync::pg {

using Param = std::optional<std::string>;  // nullopt = NULL

class Result {
public:
    explicit Result(pg_result* r) : m_result(r, &release) {}
    int rows() const;
    bool isNull(int row, int column) const;
    std::string text(int row, int column) const;
    std::int64_t integer(int row, int column) const;

private:
    static void release(pg_result* r);
    std::unique_ptr<pg_result, void (*)(pg_result*)> m_result;
};

// SQLSTATE 23505: a unique or primary key was already taken.
class UniqueViolation : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Connection {
public:
    explicit Connection(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Result exec(const std::string& sql, const std::vector<Param>& params = {});
    bool inTransaction() const;

private:
    pg_conn* m_conn = nullptr;
};

// BEGIN … COMMIT; rolled back unless committed.
class Transaction {
public:
    explicit Transaction(Connection& c);
    ~Transaction();
    void commit();

private:
    Connection& m_conn;
    bool m_done = false;
};

// A text[] literal for unnest($n::text[]): {"a","b",NULL}.
std::string arrayOf(const std::vector<Param>& values);
inline Param text(std::string s) { return Param(std::move(s)); }
inline Param number(std::int64_t n) { return Param(std::to_string(n)); }

}  // namespace jiayi::sync::pg
