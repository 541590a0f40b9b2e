#pragma once
// Real processes for the fault tests (docs/sync-tests.md): the jiayi-hub daemon and the
// jiayi-cli binary started with fork/exec, killed with SIGKILL; a TCP proxy that cuts a
// connection after a number of bytes; read-only looks into the SQLite files they wrote.
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace jiayi::e2e {

// ---------------------------------------------------------------- processes

// A child process; its stderr (or stdout) is read line by line through a pipe.
class Process {
public:
    // `lineFrom`: 1 reads stdout through the pipe, 2 reads stderr; the other goes to `otherFile`.
    Process(const std::vector<std::string>& argv, int lineFrom, const std::string& otherFile) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
        m_pid = fork();
        if (m_pid < 0) throw std::runtime_error("fork");
        if (m_pid == 0) {
            close(fds[0]);
            dup2(fds[1], lineFrom);
            close(fds[1]);
            const int other = open(otherFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
            if (other >= 0) dup2(other, lineFrom == 1 ? 2 : 1);
            setenv("LANG", "C", 1);
            unsetenv("JIAYI_LANG");
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
        close(fds[1]);
        m_fd = fds[0];
    }
    ~Process() {
        if (m_pid > 0 && !m_reaped) {
            ::kill(m_pid, SIGKILL);
            wait();
        }
        if (m_fd >= 0) close(m_fd);
    }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return m_pid; }

    // The next line of output; false at end of output (the process closed it or died).
    bool readLine(std::string& line) {
        for (;;) {
            const auto nl = m_buffer.find('\n');
            if (nl != std::string::npos) {
                line = m_buffer.substr(0, nl);
                m_buffer.erase(0, nl + 1);
                m_all += line + "\n";
                return true;
            }
            char buf[4096];
            const auto n = ::read(m_fd, buf, sizeof buf);
            if (n <= 0) {
                if (!m_buffer.empty()) {
                    line = m_buffer;
                    m_all += line;
                    m_buffer.clear();
                    return true;
                }
                return false;
            }
            m_buffer.append(buf, static_cast<std::size_t>(n));
        }
    }
    // Reads the rest of the output.
    void drain() {
        std::string line;
        while (readLine(line)) {
        }
    }
    const std::string& output() const { return m_all; }

    void kill(int signal = SIGKILL) {
        if (!m_reaped) ::kill(m_pid, signal);
    }
    // Exit code, or 128 + signal when killed by a signal.
    int wait() {
        if (m_reaped) return m_status;
        int status = 0;
        while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_reaped = true;
        m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return m_status;
    }

private:
    pid_t m_pid = -1;
    int m_fd = -1;
    bool m_reaped = false;
    int m_status = -1;
    std::string m_buffer, m_all;
};

inline std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs a command to its end; returns the exit code and stdout (stderr appended to `errFile`).
struct RunResult {
    int code = -1;
    std::string out;
};
inline RunResult run(const std::vector<std::string>& argv, const std::string& errFile) {
    Process p(argv, 1, errFile);
    p.drain();
    RunResult r;
    r.code = p.wait();
    r.out = p.output();
    return r;
}

// ---------------------------------------------------------------- the hub daemon

// Keys (64 hex digits) of the encrypted database files a test reads: the hub's store.
inline std::map<std::string, std::string>& fileKeys() {
    static std::map<std::string, std::string> keys;
    return keys;
}

class HubProcess {
public:
    HubProcess(std::string exe, std::filesystem::path dir) : m_exe(std::move(exe)), m_dir(std::move(dir)) {}
    ~HubProcess() { kill(); }

    // Starts `jiayi-hub serve` on `port` (0: any free port, remembered for restarts).
    void start(std::uint16_t port = 0) {
        writeConfig(port ? port : m_port);
        m_process = std::make_unique<Process>(std::vector<std::string>{m_exe, "--config", config(), "serve"}, 1,
                                              (m_dir / "hub-stderr.txt").string());
        std::string line;
        while (m_process->readLine(line)) {
            const std::string prefix = "listening on https://127.0.0.1:";
            if (line.rfind(prefix, 0) == 0) {
                m_port = static_cast<std::uint16_t>(std::stoi(line.substr(prefix.size())));
                // The store is encrypted under the key the hub made beside its config.
                std::ifstream keyFile(m_dir / "hub-store.key");
                std::string key;
                if (std::getline(keyFile, key)) fileKeys()[database()] = key;
                return;
            }
        }
        throw std::runtime_error("jiayi-hub did not start: " + readFile(m_dir / "hub-stderr.txt"));
    }
    void kill() {
        if (!m_process) return;
        m_process->kill(SIGKILL);
        m_process->wait();
        m_process.reset();
    }
    // SIGTERM: the graceful stop; returns the exit code.
    int stop() {
        if (!m_process) return -1;
        m_process->kill(SIGTERM);
        m_process->drain();
        const int code = m_process->wait();
        m_process.reset();
        return code;
    }
    bool running() const { return m_process != nullptr; }
    std::uint16_t port() const { return m_port; }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(m_port); }
    std::string database() const { return (m_dir / "hub.db").string(); }
    std::string logFile() const { return (m_dir / "hub.log").string(); }
    std::string config() const { return (m_dir / "hub.properties").string(); }
    // The PostgreSQL store at `conninfo` instead of hub.db (issue 20).
    void usePostgres(std::string conninfo) { m_postgres = std::move(conninfo); }
    // Serves with another process's certificate (processes behind one load balancer share it).
    void shareCertificateOf(const HubProcess& other) {
        for (const char* f : {"hub-cert.pem", "hub-key.pem"})
            std::filesystem::copy_file(other.m_dir / f, m_dir / f, std::filesystem::copy_options::overwrite_existing);
    }

    // `jiayi-hub code`: a one-time enrolment code for `scope`.
    std::string code(const std::string& scope, const std::string& name) {
        if (m_port == 0) writeConfig(0);
        auto r = run({m_exe, "--config", config(), "code", "--scope", scope, "--name", name, "--hours", "1"},
                     (m_dir / "hub-stderr.txt").string());
        if (r.code != 0) throw std::runtime_error("jiayi-hub code failed: " + readFile(m_dir / "hub-stderr.txt"));
        while (!r.out.empty() && (r.out.back() == '\n' || r.out.back() == '\r')) r.out.pop_back();
        return r.out;
    }

    void makeCertificate() {
        const std::string command =
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
            "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '" +
            (m_dir / "hub-key.pem").string() + "' -out '" + (m_dir / "hub-cert.pem").string() + "' >/dev/null 2>&1";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl could not make a certificate");
    }

private:
    void writeConfig(std::uint16_t port) {
        std::ofstream out(config());
        out << "listen = 127.0.0.1:" << port << "\n"
            << "certificate = hub-cert.pem\n"
            << "private_key = hub-key.pem\n"
            << (m_postgres.empty() ? std::string("database = hub.db\n")
                                   : "store = postgresql\npostgresql = " + m_postgres + "\n")
            << "log = hub.log\n"
            << "threads = 4\n";
    }

    std::string m_exe;
    std::filesystem::path m_dir;
    std::uint16_t m_port = 0;
    std::string m_postgres;
    std::unique_ptr<Process> m_process;
};

// ---------------------------------------------------------------- a cutting proxy

// Forwards 127.0.0.1:port() to 127.0.0.1:target. Armed with cut(direction, bytes, …), the next
// connection that carries more than `bytes` in that direction is cut there (both sockets
// closed, after forwarding exactly `bytes`); then it forwards faithfully again.
class CuttingProxy {
public:
    enum class Direction { Request, Response };

    explicit CuttingProxy(std::uint16_t target) : m_target(target) {
        m_listen = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        if (bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(m_listen, 16) != 0)
            throw std::runtime_error("proxy: cannot listen");
        socklen_t len = sizeof a;
        getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }
    ~CuttingProxy() {
        m_stopping = true;
        shutdown(m_listen, SHUT_RDWR);
        close(m_listen);
        m_acceptor.join();
        std::lock_guard lock(m_mutex);
        for (auto& t : m_connections) t.join();
    }

    std::uint16_t port() const { return m_port; }
    // For a response cut, only connections whose request already carried `minRequest`
    // bytes qualify (a push's, not a hello's).
    void cut(Direction d, std::size_t bytes, std::size_t minRequest = 0) {
        std::lock_guard lock(m_mutex);
        m_armed = true;
        m_direction = d;
        m_bytes = bytes;
        m_minRequest = minRequest;
    }
    // The next connection whose request carried `minRequest` bytes gets no answer: what the
    // hub sends back is held (never forwarded) until dropHeld() closes that connection.
    void holdAnswer(std::size_t minRequest) {
        std::lock_guard lock(m_mutex);
        m_holdArmed = true;
        m_holdMin = minRequest;
    }
    bool holding() const { return m_holding; }
    // New connections go to `port` (a load balancer moving to another hub process).
    void retarget(std::uint16_t port) { m_target = port; }
    void dropHeld() { m_drop = true; }
    int cuts() const { return m_cuts; }
    int connections() const { return m_count; }

private:
    void acceptLoop() {
        while (!m_stopping) {
            const int client = accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) {
                if (m_stopping) return;
                continue;
            }
            ++m_count;
            std::lock_guard lock(m_mutex);
            m_connections.emplace_back([this, client] { pump(client); });
        }
    }

    void pump(int client) {
        const int server = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(m_target);
        if (connect(server, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            close(client);
            close(server);
            return;
        }
        std::size_t carried[2] = {0, 0};  // request, response
        bool holdingHere = false;
        char buf[16384];
        for (;;) {
            pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
            if (poll(fds, 2, 50) < 0) break;
            if (m_stopping || (holdingHere && m_drop)) break;
            bool stop = false;
            for (int side = 0; side < 2 && !stop; ++side) {
                if (!(fds[side].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const int from = side == 0 ? client : server, to = side == 0 ? server : client;
                auto n = ::read(from, buf, sizeof buf);
                if (n <= 0) {
                    stop = true;  // one side closed: close both (HTTP/1.1 per-request connections)
                    break;
                }
                std::size_t send = static_cast<std::size_t>(n);
                bool cutHere = false;
                {
                    std::lock_guard lock(m_mutex);
                    if (side == 1 && !holdingHere && m_holdArmed && carried[0] >= m_holdMin) {
                        holdingHere = true;
                        m_holdArmed = false;
                        m_holding = true;
                        ++m_cuts;
                    }
                    if (side == 1 && holdingHere) continue;  // held: never forwarded
                    const auto d = side == 0 ? Direction::Request : Direction::Response;
                    if (m_armed && m_direction == d && carried[side] + send > m_bytes &&
                        (d == Direction::Request || carried[0] >= m_minRequest)) {
                        send = m_bytes > carried[side] ? m_bytes - carried[side] : 0;
                        cutHere = true;
                        m_armed = false;
                        ++m_cuts;
                    }
                }
                std::size_t done = 0;
                while (done < send) {
                    const auto w = ::write(to, buf + done, send - done);
                    if (w <= 0) break;
                    done += static_cast<std::size_t>(w);
                }
                carried[side] += send;
                if (cutHere) stop = true;
            }
            if (stop) break;
        }
        if (holdingHere) m_holding = false;
        shutdown(client, SHUT_RDWR);
        shutdown(server, SHUT_RDWR);
        close(client);
        close(server);
    }

    std::atomic<std::uint16_t> m_target;
    std::uint16_t m_port = 0;
    int m_listen = -1;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_cuts{0};
    std::atomic<int> m_count{0};
    std::thread m_acceptor;
    std::mutex m_mutex;
    std::vector<std::thread> m_connections;
    bool m_armed = false;
    Direction m_direction = Direction::Request;
    std::size_t m_bytes = 0;
    std::size_t m_minRequest = 0;
    bool m_holdArmed = false;
    std::size_t m_holdMin = 0;
    std::atomic<bool> m_holding{false};
    std::atomic<bool> m_drop{false};
};

// ---------------------------------------------------------------- read-only SQL

// Rows of a query as text, one string per row (columns separated by \x1f, NULL as \x1e).
inline std::vector<std::string> query(const std::string& dbFile, const std::string& sql,
                                      const std::vector<std::string>& params = {}) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(dbFile.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + dbFile);
    }
    if (const auto key = fileKeys().find(dbFile); key != fileKeys().end()) {
        const std::string pragma = "PRAGMA key=\"x'" + key->second + "'\"";
        sqlite3_exec(db, pragma.c_str(), nullptr, nullptr, nullptr);
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error("bad query " + sql + ": " + message);
    }
    for (std::size_t i = 0; i < params.size(); ++i)
        sqlite3_bind_text(st, static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::string> rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            if (c) row += '\x1f';
            const auto* text = sqlite3_column_text(st, c);
            if (text) row += reinterpret_cast<const char*>(text);
            else row += '\x1e';
        }
        rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (rc != SQLITE_DONE) throw std::runtime_error("query failed: " + sql);
    return rows;
}

inline std::int64_t scalar(const std::string& dbFile, const std::string& sql,
                           const std::vector<std::string>& params = {}) {
    const auto rows = query(dbFile, sql, params);
    if (rows.empty() || rows[0].empty() || rows[0] == "\x1e") return 0;
    return std::stoll(rows[0]);
}

inline std::string text(const std::string& dbFile, const std::string& sql,
                        const std::vector<std::string>& params = {}) {
    const auto rows = query(dbFile, sql, params);
    return rows.empty() ? std::string() : rows[0];
}

// Every replicated row of `scope` (a division prefix), every column but the local row number,
// sorted: two databases that converged give the same dump.
inline std::vector<std::string> canonicalDump(const std::string& dbFile, const std::string& scope) {
    std::vector<std::string> out;
    auto add = [&](const std::string& table, const std::string& sql) {
        for (auto& row : query(dbFile, sql, {scope})) out.push_back(table + '\x1d' + row);
    };
    // Columns named explicitly: the local rid stays out.
    std::string residentColumns;
    for (const auto& c : query(dbFile, "SELECT name FROM pragma_table_info('resident') ORDER BY cid"))
        if (c != "rid") residentColumns += (residentColumns.empty() ? "" : ",") + c;
    add("resident", "SELECT " + residentColumns + " FROM resident WHERE village_code LIKE ?1 || '%' ORDER BY id");
    add("household", "SELECT * FROM household WHERE village_code LIKE ?1 || '%' ORDER BY id");
    add("household_member",
        "SELECT m.* FROM household_member m JOIN household h ON h.id = m.household_id "
        "WHERE h.village_code LIKE ?1 || '%' ORDER BY m.id");
    return out;
}

}  // namespace jiayi::e2e
