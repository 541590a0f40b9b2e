#include "core/services/Workstation.h"

#include <algorithm>
#include <cstdlib>

#include "core/rules/Divisions.h"
#include "core/store/ArchiveNumbers.h"
#include "core/store/Database.h"
#include "core/store/DivisionRepository.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"
#include "core/util/I18n.h"

namespace jiayi::services {

Workstation::Workstation(std::unique_ptr<store::Database> db, Session session)
    : m_db(std::move(db)),
      m_session(std::move(session)),
      m_registry(std::make_unique<Registry>(*m_db, m_session)) {}

Workstation::~Workstation() = default;

std::unique_ptr<Workstation> Workstation::open(const std::filesystem::path& dbPath, const std::string& login) {
    return open(dbPath, Session::bootstrap(login));
}

std::unique_ptr<Workstation> Workstation::open(const std::filesystem::path& dbPath, Session session) {
    if (dbPath.has_parent_path() && !std::filesystem::exists(dbPath.parent_path())) {
        // A folder made for the database is the owner's alone.
        std::filesystem::create_directories(dbPath.parent_path());
        std::error_code ec;
        std::filesystem::permissions(dbPath.parent_path(), std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, ec);
    }
    return open(store::Database::open(dbPath), std::move(session));
}

std::unique_ptr<Workstation> Workstation::open(std::unique_ptr<store::Database> db, Session session) {
    std::unique_ptr<Workstation> ws(new Workstation(std::move(db), std::move(session)));
    if (!store::siteMeta(*ws->m_db, "initialised_on")) {
        store::Transaction tx(*ws->m_db);
        if (store::DivisionRepository(*ws->m_db).count() == 0)
            store::DivisionRepository(*ws->m_db).replaceAll(rules::loadDivisions());
        // Until the site enrols with a hub it is its own numbering authority
        // (docs/decisions.md, "Archive numbers").
        store::ArchiveNumbers(*ws->m_db).setAuthority(true);
        store::setSiteMeta(*ws->m_db, "initialised_on", formatDate(today()));
        tx.commit();
    }
    return ws;
}

std::string Workstation::siteId() { return store::siteId(*m_db); }

std::size_t Workstation::residentCount() { return store::ResidentRepository(*m_db).count(); }

std::string Workstation::scope() { return store::areaScope(*m_db); }

void Workstation::setScope(const std::string& divisionCode) {
    if (const auto enrolled = store::siteScope(*m_db); !enrolled.empty())
        throw ValidationError("scope", format(tr("This site is enrolled at the hub for {0}; its area comes from the hub"),
                                              {placeName(enrolled)}));
    const auto prefix = rules::divisionPrefix(divisionCode);
    if (!divisionCode.empty() &&
        (prefix.empty() || !store::DivisionRepository(*m_db).get(rules::fullDivisionCode(prefix))))
        throw ValidationError("scope", format(tr("{0} is not a division in the division list"),
                                              {divisionCode}));
    store::Transaction tx(*m_db);
    store::setSiteMeta(*m_db, "scope", prefix);
    tx.commit();
}

namespace {

std::vector<rules::Division> descendants(store::DivisionRepository& repo, const std::string& root,
                                         rules::Division::Level level) {
    std::vector<rules::Division> out;
    std::vector<std::string> frontier{root};
    while (!frontier.empty()) {
        const auto code = frontier.back();
        frontier.pop_back();
        for (auto& child : repo.children(code)) {
            if (child.level == level) out.push_back(child);
            else frontier.push_back(child.code);
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    return out;
}

}  // namespace

std::vector<rules::Division> Workstation::villages() {
    store::DivisionRepository repo(*m_db);
    const auto s = scope();
    if (!s.empty()) {
        if (auto d = repo.get(rules::fullDivisionCode(s)); d && d->level == rules::Division::Level::Village)
            return {*d};
        return descendants(repo, rules::fullDivisionCode(s), rules::Division::Level::Village);
    }
    std::vector<rules::Division> out;
    for (const auto& t : townships()) {
        auto v = repo.children(t.code);
        out.insert(out.end(), v.begin(), v.end());
    }
    return out;
}

std::vector<rules::Division> Workstation::villagesOf(const std::string& townshipCode) {
    return store::DivisionRepository(*m_db).children(townshipCode);
}

std::vector<rules::Division> Workstation::townships() {
    store::DivisionRepository repo(*m_db);
    const auto s = scope();
    if (!s.empty()) {
        auto d = repo.get(rules::fullDivisionCode(s));
        if (d && d->level == rules::Division::Level::Township) return {*d};
        if (d && d->level == rules::Division::Level::Village) return {*repo.get(d->parent)};
        return descendants(repo, rules::fullDivisionCode(s), rules::Division::Level::Township);
    }
    // Without a scope: every township loaded (the shipped file has one county's).
    return repo.byLevel(rules::Division::Level::Township);
}

std::optional<rules::Division> Workstation::findVillage(const std::string& codeOrName) {
    if (codeOrName.empty()) return std::nullopt;
    std::optional<rules::Division> found;
    for (auto& v : villages()) {
        const auto shortName = rules::shortVillageName(v.name);
        const bool match = v.code == codeOrName || v.name == codeOrName ||
                           shortName == codeOrName ||
                           (shortName.ends_with("村") &&
                            shortName.substr(0, shortName.size() - std::string("村").size()) ==
                                codeOrName);
        if (!match) continue;
        if (found) return std::nullopt;  // ambiguous: the caller asks for the code
        found = v;
    }
    return found;
}

std::string Workstation::placeName(const std::string& code) {
    store::DivisionRepository repo(*m_db);
    std::string name;
    const auto prefix = rules::divisionPrefix(code);
    auto d = prefix.empty() ? std::nullopt : repo.get(rules::fullDivisionCode(prefix));
    if (!d) return code;
    for (int depth = 0; d && depth < 3; ++depth) {
        name = name.empty() ? d->name : d->name + " " + name;
        if (d->level == rules::Division::Level::County || d->parent.empty()) break;
        d = repo.get(d->parent);
    }
    return name;
}

std::size_t Workstation::loadDivisions(const std::filesystem::path& file) {
    const auto divisions = rules::loadDivisions(file);
    store::Transaction tx(*m_db);
    store::DivisionRepository(*m_db).replaceAll(divisions);
    tx.commit();
    return divisions.size();
}

std::filesystem::path Workstation::defaultDatabasePath() {
    if (const char* env = std::getenv("JIAYI_DB"); env && *env) return env;
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".local" / "share" / "jiayi" / "jiayi.db";
}

}  // namespace jiayi::services
