#include "core/store/ArchiveNumbers.h"

#include <algorithm>
#include <cstdio>

#include "core/store/Database.h"
#include "core/store/Site.h"
#include "core/util/Date.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::store {

bool ArchiveNumbers::isAuthority() { return siteMeta(m_db, "numbering_authority") == "self"; }

void ArchiveNumbers::setAuthority(bool self) {
    setSiteMeta(m_db, "numbering_authority", self ? "self" : "hub");
}

SerialBlock ArchiveNumbers::grant(const std::string& villageCode, const std::string& siteId,
                                  std::int64_t size, std::int64_t firstSerial) {
    auto& st = m_db.cached("SELECT coalesce(max(last_serial), 0) FROM archive_grant "
                           "WHERE village_code = ?");
    st.bind(1, villageCode);
    st.step();
    const std::int64_t first = std::max(st.integer(0) + 1, firstSerial);
    st.reset();
    if (first > kMaxSerial) {
        throw ConflictError(format(tr("All 99,999 archive serial numbers of village {0} are "
                                      "used"),
                                   {villageCode}));
    }
    const std::int64_t last = std::min(first + size - 1, kMaxSerial);
    m_db.cached("INSERT INTO archive_grant(village_code, first_serial, last_serial, site_id, "
                "granted_on) VALUES(?, ?, ?, ?, ?)")
        .bindAll(villageCode, first, last, siteId, formatDate(today()))
        .run();
    return SerialBlock{villageCode, first, last};
}

void ArchiveNumbers::recordGrant(const SerialBlock& block, const std::string& siteId) {
    auto& st = m_db.cached("SELECT site_id, first_serial = ? AND last_serial = ? FROM archive_grant "
                           "WHERE village_code = ? AND first_serial <= ? AND last_serial >= ?");
    st.bindAll(block.first, block.last, block.villageCode, block.last, block.first);
    bool same = false;
    while (st.step()) {
        if (st.text(0) != siteId || st.integer(1) == 0) {
            st.reset();
            throw ConflictError(format(tr("Archive serials {0}–{1} of village {2} were handed out by two "
                                          "computers before the hub existed"),
                                       {std::to_string(block.first), std::to_string(block.last), block.villageCode}));
        }
        same = true;
    }
    st.reset();
    if (same) return;
    m_db.cached("INSERT INTO archive_grant(village_code, first_serial, last_serial, site_id, "
                "granted_on) VALUES(?, ?, ?, ?, ?)")
        .bindAll(block.villageCode, block.first, block.last, siteId, formatDate(today()))
        .run();
}

std::vector<SerialBlock> ArchiveNumbers::grantsTo(const std::string& siteId) {
    auto& st = m_db.cached("SELECT village_code, first_serial, last_serial FROM archive_grant "
                           "WHERE site_id = ? ORDER BY village_code, first_serial");
    st.bind(1, siteId);
    std::vector<SerialBlock> out;
    while (st.step()) out.push_back({st.text(0), st.integer(1), st.integer(2)});
    st.reset();
    return out;
}

void ArchiveNumbers::accept(const SerialBlock& block, const std::string& grantedBy) {
    m_db.cached("INSERT INTO archive_block(village_code, first_serial, last_serial, next_serial, "
                "granted_by) VALUES(?, ?, ?, ?, ?)")
        .bindAll(block.villageCode, block.first, block.last, block.first, grantedBy)
        .run();
}

std::int64_t ArchiveNumbers::remaining(const std::string& villageCode) {
    auto& st = m_db.cached("SELECT coalesce(sum(last_serial - next_serial + 1), 0) "
                           "FROM archive_block WHERE village_code = ?");
    st.bind(1, villageCode);
    st.step();
    const auto n = st.integer(0);
    st.reset();
    return n;
}

std::string ArchiveNumbers::allocate(const std::string& villageCode) {
    if (!m_db.inTransaction())
        throw std::logic_error("archive numbers are allocated inside the write transaction");
    auto& find = m_db.cached(
        "SELECT first_serial, next_serial FROM archive_block "
        "WHERE village_code = ? AND next_serial <= last_serial ORDER BY first_serial LIMIT 1");
    find.bind(1, villageCode);
    if (!find.step()) {
        find.reset();
        if (!isAuthority()) {
            throw ConflictError(format(
                tr("No archive numbers are left for village {0} on this computer. Connect to "
                   "the township hub to receive a new block."),
                {villageCode}));
        }
        const auto self = siteId(m_db);
        accept(grant(villageCode, self), self);
        return allocate(villageCode);
    }
    const std::int64_t first = find.integer(0);
    const std::int64_t serial = find.integer(1);
    find.reset();
    m_db.cached("UPDATE archive_block SET next_serial = next_serial + 1 "
                "WHERE village_code = ? AND first_serial = ?")
        .bindAll(villageCode, first)
        .run();
    char buf[8];
    std::snprintf(buf, sizeof buf, "%05lld", static_cast<long long>(serial));
    return villageCode + buf;
}

}  // namespace jiayi::store
