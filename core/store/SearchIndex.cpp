#include "core/store/SearchIndex.h"

#include <algorithm>
#include <iterator>
#include <cctype>
#include <unordered_set>

#include "core/rules/Pinyin.h"
#include "core/store/Database.h"
#include "core/util/Utf8.h"

namespace jiayi::store {
namespace {

// Kind letters, in ranking order when several kinds match one query.
constexpr char kName = 'a';          // 张三
constexpr char kGivenName = 'b';     // 三 (name without the first character)
constexpr char kInitials = 'c';      // zs
constexpr char kPinyin = 'd';        // zhangsan
constexpr char kIdSuffix = 'e';      // ID number reversed: typing the last digits
constexpr char kArchive = 'f';       // archive number, prefix
constexpr char kArchiveSuffix = 'g'; // archive number reversed
constexpr char kPhone = 'h';         // phone prefix
constexpr char kPhoneSuffix = 'i';   // phone reversed

std::string reversed(std::string s) {
    std::reverse(s.begin(), s.end());
    return s;
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// The prefix range [key, key + 0xFF): 0xFF never occurs in UTF-8, so it bounds every
// continuation of the prefix under SQLite's binary collation.
std::string upperBound(const std::string& key) { return key + '\xff'; }

}  // namespace

bool SearchIndex::isIndexedColumn(std::string_view column) {
    return column == "name" || column == "id_number" || column == "phone" ||
           column == "archive_no";
}

std::vector<std::string> SearchIndex::keysFor(const model::Resident& r) {
    std::vector<std::string> keys;
    if (!r.name.empty()) {
        keys.push_back(kName + r.name);
        const std::size_t first = utf8::offsetAfter(r.name, 1);
        if (first < r.name.size()) keys.push_back(kGivenName + r.name.substr(first));
        const auto pinyin = rules::PinyinTable::instance().nameKeys(r.name);
        for (const auto& k : pinyin.initials) keys.push_back(kInitials + k);
        for (const auto& k : pinyin.full) keys.push_back(kPinyin + k);
    }
    if (!r.idNumber.empty()) keys.push_back(kIdSuffix + reversed(r.idNumber));
    if (!r.archiveNo.empty()) {
        keys.push_back(kArchive + r.archiveNo);
        keys.push_back(kArchiveSuffix + reversed(r.archiveNo));
    }
    if (!r.phone.empty()) {
        keys.push_back(kPhone + r.phone);
        keys.push_back(kPhoneSuffix + reversed(r.phone));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

void SearchIndex::index(const model::Resident& resident) {
    // Keys point at the resident's local row number: a quarter of the size of the UUID, and the
    // index is local and derived, so a local id is enough.
    auto& rowid = m_db.cached("SELECT rid FROM resident WHERE id = ?");
    rowid.bind(1, resident.id);
    if (!rowid.step()) {
        rowid.reset();
        return;
    }
    const std::int64_t rid = rowid.integer(0);
    rowid.reset();
    replaceKeys(resident, rid);
}

void SearchIndex::replaceKeys(const model::Resident& resident, std::int64_t rid) {
    // Change only the keys that differ: an edit of the phone touches 4 keys, not all 12.
    const auto wanted = keysFor(resident);  // sorted, unique
    std::vector<std::string> have;
    auto& current = m_db.cached("SELECT key FROM search_key WHERE rid = ? ORDER BY key");
    current.bind(1, rid);
    while (current.step()) have.push_back(current.text(0));
    current.reset();
    std::vector<std::string> gone, added;
    std::set_difference(have.begin(), have.end(), wanted.begin(), wanted.end(), std::back_inserter(gone));
    std::set_difference(wanted.begin(), wanted.end(), have.begin(), have.end(), std::back_inserter(added));
    auto& remove = m_db.cached("DELETE FROM search_key WHERE key = ? AND rid = ?");
    for (const auto& key : gone) remove.bind(1, key).bind(2, rid).run();
    auto& insert = m_db.cached("INSERT OR IGNORE INTO search_key(key, rid) VALUES(?, ?)");
    for (const auto& key : added) insert.bind(1, key).bind(2, rid).run();
}

void SearchIndex::indexNew(const model::Resident& resident, std::int64_t rid) {
    auto& insert = m_db.cached("INSERT OR IGNORE INTO search_key(key, rid) VALUES(?, ?)");
    for (const auto& key : keysFor(resident)) insert.bind(1, key).bind(2, rid).run();
}

namespace {

// The columns keys are made of, after the local row number.
constexpr const char* kSearchedColumns = "SELECT rid, id, name, id_number, archive_no, phone FROM resident ";

model::Resident searchedFields(const Statement& st) {
    model::Resident r;
    r.id = st.text(1);
    r.name = st.text(2);
    r.idNumber = st.text(3);
    r.archiveNo = st.text(4);
    r.phone = st.text(5);
    return r;
}

}  // namespace

void SearchIndex::reindex(const std::string& residentId) {
    auto& st = m_db.cached(std::string(kSearchedColumns) + "WHERE id = ?");
    st.bind(1, residentId);
    if (st.step()) replaceKeys(searchedFields(st), st.integer(0));
    st.reset();
}

void SearchIndex::rebuild() {
    m_db.exec("DELETE FROM search_key");
    // Every key is gone already: insert directly by row number, without index()'s
    // per-row look-up and delete.
    Statement st(m_db, kSearchedColumns);
    while (st.step()) indexNew(searchedFields(st), st.integer(0));
}

std::vector<std::string> SearchIndex::find(std::string_view rawQuery, std::size_t limit) {
    std::string query = trim(rawQuery);
    if (query.empty() || limit == 0) return {};
    std::vector<char> kinds;
    const bool digits = std::all_of(query.begin(), query.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == 'x' || c == 'X';
    });
    const bool ascii = std::all_of(query.begin(), query.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80;
    });
    if (digits) {
        std::transform(query.begin(), query.end(), query.begin(), ::toupper);
        // People type the last digits of an ID number or phone; an archive number's
        // first 12 digits are the village code, so its prefix means something only when
        // the query goes past it.
        kinds = {kIdSuffix, kPhoneSuffix, kPhone, kArchiveSuffix};
        if (query.size() >= 12) kinds.insert(kinds.begin(), kArchive);
    } else if (ascii) {
        std::string letters;
        for (const char c : query)
            if (std::isalpha(static_cast<unsigned char>(c)))
                letters.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        query = letters;
        if (query.empty()) return {};
        kinds = {kInitials, kPinyin};
    } else {
        kinds = {kName, kGivenName};
    }

    auto& st = m_db.cached(
        "SELECT r.id FROM search_key k JOIN resident r ON r.rid = k.rid "
        "WHERE k.key >= ? AND k.key < ? ORDER BY k.key LIMIT ?");
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;
    for (const char kind : kinds) {
        std::string key(1, kind);
        key += (kind == kIdSuffix || kind == kPhoneSuffix || kind == kArchiveSuffix)
                   ? reversed(query)
                   : query;
        st.bind(1, key).bind(2, upperBound(key)).bind(3, static_cast<std::int64_t>(limit));
        while (st.step() && ids.size() < limit) {
            auto id = st.text(0);
            if (seen.insert(id).second) ids.push_back(std::move(id));
        }
        st.reset();
        if (ids.size() >= limit) break;
    }
    return ids;
}

}  // namespace jiayi::store
