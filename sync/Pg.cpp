#include "sync/Pg.h"

#include <libpq-fe.h>

#include <cstring>

#include "core/util/Error.h"
#include "sync/HubStore.h"

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

namespace {

// A connection that gives up on an unreachable server within seconds, not TCP's hours:
// the defaults unless the connection string sets them.
std::string withDefaults(const std::string& conninfo) {
    std::string out = conninfo;
    for (const char* option : {"connect_timeout=10", "keepalives=1", "keepalives_idle=30", "keepalives_interval=10",
                               "keepalives_count=3"}) {
        const std::string key = std::string(option).substr(0, std::string(option).find('=') + 1);
        if (conninfo.find(key) == std::string::npos) out += std::string(" ") + option;
    }
    return out;
}

// SQLSTATE classes of a server that cannot serve now: connection exceptions (08), operator
// intervention (57P: shutdown, crash), insufficient resources (53: too many connections).
bool unavailable(const char* state) {
    return state && (std::strncmp(state, "08", 2) == 0 || std::strncmp(state, "57P", 3) == 0 ||
                     std::strncmp(state, "53", 2) == 0);
}

}  // namespace

Connection::Connection(const std::string& conninfo) : m_conn(PQconnectdb(withDefaults(conninfo).c_str())) {
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const std::string why = PQerrorMessage(m_conn);
        PQfinish(m_conn);
        m_conn = nullptr;
        throw StoreUnavailable("cannot connect to PostgreSQL: " + why);
    }
    // A transaction left open by a process cut off from the server, or a push waiting too
    // long on the log's lock, ends instead of holding every other push.
    exec("SET client_min_messages = warning");
    exec("SET idle_in_transaction_session_timeout = '120s'");
    exec("SET lock_timeout = '60s'");
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
        if (unavailable(state) || PQstatus(m_conn) != CONNECTION_OK) throw StoreUnavailable(message);
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
