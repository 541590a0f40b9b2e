#include "core/store/DivisionRepository.h"

#include "core/store/Database.h"

namespace jiayi::store {
namespace {

rules::Division::Level parseLevel(const std::string& text) {
    using L = rules::Division::Level;
    for (const auto level : {L::Province, L::City, L::County, L::Township, L::Village})
        if (rules::levelName(level) == text) return level;
    return L::Village;
}

constexpr const char* kSelect = "SELECT code, coalesce(parent, ''), level, name FROM division ";

rules::Division read(const Statement& st) {
    return rules::Division{st.text(0), st.text(1), parseLevel(st.text(2)), st.text(3)};
}

std::vector<rules::Division> readAll(Statement& st) {
    std::vector<rules::Division> out;
    while (st.step()) out.push_back(read(st));
    st.reset();
    return out;
}

}  // namespace

void DivisionRepository::replaceAll(const std::vector<rules::Division>& divisions) {
    m_db.exec("DELETE FROM division");
    auto& st = m_db.cached("INSERT INTO division(code, parent, level, name) VALUES(?, ?, ?, ?)");
    for (const auto& d : divisions) {
        st.bind(1, d.code).bind(2, textOrNull(d.parent)).bind(3, rules::levelName(d.level));
        st.bind(4, d.name).run();
    }
}

std::size_t DivisionRepository::count() {
    auto& st = m_db.cached("SELECT count(*) FROM division");
    st.step();
    const auto n = static_cast<std::size_t>(st.integer(0));
    st.reset();
    return n;
}

std::optional<rules::Division> DivisionRepository::get(const std::string& code) {
    auto& st = m_db.cached(std::string(kSelect) + "WHERE code = ?");
    st.bind(1, code);
    std::optional<rules::Division> d;
    if (st.step()) d = read(st);
    st.reset();
    return d;
}

std::vector<rules::Division> DivisionRepository::children(const std::string& parentCode) {
    auto& st = m_db.cached(std::string(kSelect) + "WHERE parent = ? ORDER BY code");
    st.bind(1, parentCode);
    return readAll(st);
}

std::vector<rules::Division> DivisionRepository::byLevel(rules::Division::Level level) {
    auto& st = m_db.cached(std::string(kSelect) + "WHERE level = ? ORDER BY code");
    st.bind(1, rules::levelName(level));
    return readAll(st);
}

std::vector<std::string> DivisionRepository::villageCodesUnder(const std::string& prefix) {
    auto& st = m_db.cached("SELECT code FROM division WHERE level = ? AND substr(code, 1, ?) = ? ORDER BY code");
    st.bind(1, rules::levelName(rules::Division::Level::Village))
        .bind(2, static_cast<std::int64_t>(prefix.size()))
        .bind(3, prefix);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    st.reset();
    return out;
}

}  // namespace jiayi::store
