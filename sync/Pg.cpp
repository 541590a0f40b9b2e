#include "sync/Pg.h"

#include <libpq-fe.h>

#include <cstring>

#include "core/util/Error.h"

namespace jiayi::sync::pg {

void Result::release(pg_result* r) { PQclear(r); }
int Result::rows() const { return PQntuples(m_result.get()); }
bool Result::isNull(int row, int column) const { return PQgetisnull(m_result.get(), row, column) != 0; }
std::string Result::text(int row, int column) const {
    return std::string(PQgetvalue(m_result.get(), row, column),
                       static_cast<std::size_t>(PQgetlength(m_result.get(), row, column)));
}
std::int64_t Result::integer(int row, int column) const {
    return isNull(row, column) ? 0 : std::stoll(PQgetvalue(m_result.get(), row, column));
}

Connection::Connection(const std::string& conninfo) : m_conn(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const std::string why = PQerrorMessage(m_conn);
        PQfinish(m_conn);
        m_conn = nullptr;
        throw StorageError("cannot connect to PostgreSQL: " + why);
    }
    exec("SET client_min_messages = warning");
}

Connection::~Connection() {
    if (m_conn) PQfinish(m_conn);
}

bool Connection::inTransaction() const { return PQtransactionStatus(m_conn) != PQTRANS_IDLE; }

Result Connection::exec(const std::string& sql, const std::vector<Param>& params) {
    // A connection the server dropped (a restart) is opened again between transactions.
    if (PQstatus(m_conn) != CONNECTION_OK && PQtransactionStatus(m_conn) != PQTRANS_INTRANS) PQreset(m_conn);
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    PGresult* r = params.empty() ? PQexec(m_conn, sql.c_str())
                                 : PQexecParams(m_conn, sql.c_str(), static_cast<int>(params.size()), nullptr,
                                                values.data(), nullptr, nullptr, 0);
    Result result(r);
    const auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        const std::string message = std::string("PostgreSQL: ") + PQresultErrorMessage(r);
        if (state && std::strcmp(state, "23505") == 0) throw UniqueViolation(message);
        throw StorageError(message);
    }
    return result;
}

Transaction::Transaction(Connection& c) : m_conn(c) { m_conn.exec("BEGIN"); }

Transaction::~Transaction() {
    if (m_done) return;
    try {
        m_conn.exec("ROLLBACK");
    } catch (...) {
        // The connection is gone: the server rolled back.
    }
}

void Transaction::commit() {
    m_conn.exec("COMMIT");
    m_done = true;
}

std::string arrayOf(const std::vector<Param>& values) {
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out.push_back(',');
        if (!values[i]) {
            out += "NULL";
            continue;
        }
        out.push_back('"');
        for (const char c : *values[i]) {
            if (c == '"' || c == '\\') out.push_back('\\');
            out.push_back(c);
        }
        out.push_back('"');
    }
    out.push_back('}');
    return out;
}

}  // namespace jiayi::sync::pg
