#include "core/services/CsvImport.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "core/rules/CodeLists.h"
#include "core/rules/IdNumber.h"
#include "core/rules/ResidentValidation.h"
#include "core/rules/Divisions.h"
#include "core/services/Workstation.h"
#include "core/store/Database.h"
#include "core/util/Csv.h"
#include "core/util/Encoding.h"
#include "core/util/I18n.h"

namespace jiayi::services {
namespace {

// ---- Columns ---------------------------------------------------------------------------

enum Column : std::size_t {
    Name,
    Sex,
    BirthDate,
    IdNumber,
    Phone,
    Village,
    Address,
    Relation,
    ResidenceType,
    Ethnicity,
    Employer,
    ContactName,
    ContactPhone,
    BloodType,
    ColumnCount
};

struct ColumnSpec {
    const char* field;                      // the field name the registry's errors use
    const char* label;                      // shown when the file has no such column
    std::array<std::string_view, 5> names;  // header texts, compared case-insensitively
};

// shared/domain/records.md, 个人基本信息表 and "Households": the form's own words first.
const std::array<ColumnSpec, ColumnCount> kColumns = {{
    {"name", N_("Name"), {"姓名", "name"}},
    {"sex", N_("Sex"), {"性别", "sex"}},
    {"birth_date", N_("Birth date"), {"出生日期", "birth_date"}},
    {"id_number", N_("ID number"), {"身份证号", "身份证号码", "id_number"}},
    {"phone", N_("Phone"), {"本人电话", "联系电话", "电话", "phone"}},
    {"village_code", N_("Village"), {"村", "村名", "村编码", "village"}},
    {"household", N_("Household address"), {"家庭住址", "住址", "address"}},
    {"relation", N_("Relation to head"), {"与户主关系", "relation"}},
    {"residence_type", N_("Residence type"), {"常住类型", "residence_type"}},
    {"ethnicity", N_("Ethnicity"), {"民族", "ethnicity"}},
    {"employer", N_("Employer"), {"工作单位", "employer"}},
    {"contact_name", N_("Contact name"), {"联系人姓名", "contact_name"}},
    {"contact_phone", N_("Contact phone"), {"联系人电话", "contact_phone"}},
    {"blood_type", N_("Blood type"), {"血型", "blood_type"}},
}};

std::string lowerAscii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string withoutSpaces(std::string s) {
    for (const std::string_view sp : {" ", "\t", "\u3000"}) {
        for (auto pos = s.find(sp); pos != std::string::npos; pos = s.find(sp, pos))
            s.erase(pos, sp.size());
    }
    return s;
}

// "*姓名" and "身份证号（必填）" are the same column as 姓名 and 身份证号.
std::string headerKey(const std::string& text) {
    std::string key = csv::trimCell(text);
    while (!key.empty() && key.front() == '*') key.erase(0, 1);
    while (!key.empty() && key.back() == '*') key.pop_back();
    for (const std::string_view open : {"(", "（"}) {
        if (const auto pos = key.find(open); pos != std::string::npos && pos > 0) key.resize(pos);
    }
    return lowerAscii(csv::trimCell(key));
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += separator;
        out += p;
    }
    return out;
}

struct Header {
    std::size_t row = 0;  // index of the header row among the parsed rows
    std::array<std::optional<std::size_t>, ColumnCount> index;
    std::array<std::string, ColumnCount> text;
    std::vector<std::string> ignored;

    std::string columnName(Column c) const { return index[c] ? text[c] : tr(kColumns[c].label); }
    std::string cell(const csv::Row& row, Column c) const {
        if (!index[c] || *index[c] >= row.fields.size()) return {};
        return csv::trimCell(row.fields[*index[c]]);
    }
};

std::optional<Column> columnFor(const std::string& key) {
    for (std::size_t c = 0; c < ColumnCount; ++c) {
        for (const auto name : kColumns[c].names)
            if (!name.empty() && key == name) return static_cast<Column>(c);
    }
    return std::nullopt;
}

Header readHeader(const std::vector<csv::Row>& rows, std::vector<std::string>& warnings) {
    // A title line ("马山庄村居民花名册") above the header is common: look a few rows down.
    constexpr std::size_t kHeaderSearch = 10;
    for (std::size_t r = 0; r < rows.size() && r < kHeaderSearch; ++r) {
        if (rows[r].blank()) continue;
        Header h;
        h.row = r;
        for (std::size_t i = 0; i < rows[r].fields.size(); ++i) {
            const auto key = headerKey(rows[r].fields[i]);
            if (key.empty()) continue;
            const auto column = columnFor(key);
            if (!column) {
                h.ignored.push_back(csv::trimCell(rows[r].fields[i]));
                continue;
            }
            if (h.index[*column]) {
                throw ValidationError(
                    "file", format(tr("The columns \"{0}\" and \"{1}\" hold the same field; keep "
                                      "one of them."),
                                   {h.text[*column], csv::trimCell(rows[r].fields[i])}));
            }
            h.index[*column] = i;
            h.text[*column] = csv::trimCell(rows[r].fields[i]);
        }
        if (!h.index[Name]) continue;
        if (r > 0 && rows[r].line > 1) {
            warnings.push_back(format(tr("Lines 1 to {0} above the header row were skipped."),
                                      {std::to_string(rows[r].line - 1)}));
        }
        if (!h.ignored.empty()) {
            warnings.push_back(format(tr("These columns are not resident fields and were "
                                         "ignored: {0}"),
                                      {join(h.ignored, ", ")}));
        }
        return h;
    }
    if (rows.empty()) throw ValidationError("file", tr("The file is empty."));
    throw ValidationError(
        "file", format(tr("The file has no {0} column. The first row must name the columns, "
                          "for example: {1}"),
                       {"姓名 (name)", "姓名,性别,出生日期,身份证号,村,家庭住址,与户主关系"}));
}

// ---- Cell values -----------------------------------------------------------------------

std::string excelNumberReason(const std::string& text) {
    return format(tr("Excel turned \"{0}\" into a number and dropped digits. Format the column "
                     "as text in Excel, type the numbers again and save the file again."),
                  {text});
}

// A code of one of the form's code lists from its code, its official term (with or without
// the suffix 族 / 型 / 的性别), its English label, or one of `synonyms`.
std::optional<std::string> matchCode(
    const char* list, std::string text,
    std::initializer_list<std::pair<std::string_view, const char*>> synonyms = {}) {
    const auto* codes = rules::codeList(list);
    if (!codes || text.empty()) return std::nullopt;
    // Excel drops the leading zero of ethnicity code 01.
    if (std::string_view(list) == "ethnicity" && text.size() == 1 && std::isdigit(text[0]))
        text.insert(0, "0");
    const auto lower = lowerAscii(text);
    for (const auto& [word, code] : synonyms)
        if (lower == word) return code;
    for (const auto& c : codes->codes) {
        std::string_view official = c.official;
        if (text == c.code || text == official || lower == lowerAscii(c.english)) return c.code;
        for (const std::string_view suffix : {"族", "型", "的性别"}) {
            if (official.ends_with(suffix) && official.size() > suffix.size() &&
                lowerAscii(std::string(official.substr(0, official.size() - suffix.size()))) ==
                    lower)
                return c.code;
        }
    }
    return std::nullopt;
}

std::string officialTerms(const char* list) {
    std::vector<std::string> terms;
    for (const auto& c : rules::codeList(list)->codes) terms.push_back(c.official);
    return join(terms, "、");
}

// ---- Villages --------------------------------------------------------------------------

// The site's villages by code, full committee name and short name (马山庄村 for
// 马山庄村民委员会, as addresses and spreadsheets write them).
class VillageIndex {
public:
    explicit VillageIndex(const std::vector<rules::Division>& villages) {
        for (const auto& v : villages) {
            m_codes.insert(v.code);
            m_byName[v.name].push_back(v.code);
            const auto shortName = rules::shortVillageName(v.name);
            if (shortName != v.name) m_byName[shortName].push_back(v.code);
        }
    }
    bool has(const std::string& code) const { return m_codes.count(code) > 0; }
    std::size_t size() const { return m_codes.size(); }
    const std::string& only() const { return *m_codes.begin(); }

    std::optional<std::string> resolve(const std::string& text, std::string& reason) const {
        if (csv::isExcelScientific(text)) {
            reason = excelNumberReason(text);
            return std::nullopt;
        }
        if (rules::isValidDivisionCode(text)) {
            if (has(text)) return text;
            reason = format(tr("{0} is not a village this site serves"), {text});
            return std::nullopt;
        }
        auto it = m_byName.find(text);
        if (it == m_byName.end()) it = m_byName.find(rules::shortVillageName(text));
        if (it == m_byName.end()) {
            reason = format(tr("There is no village \"{0}\" among this site's villages"), {text});
            return std::nullopt;
        }
        std::set<std::string> codes(it->second.begin(), it->second.end());
        if (codes.size() > 1) {
            reason =
                format(tr("Several villages are called \"{0}\" ({1}); write the 12-digit "
                          "village code instead"),
                       {text, join(std::vector<std::string>(codes.begin(), codes.end()), ", ")});
            return std::nullopt;
        }
        return *codes.begin();
    }

private:
    std::set<std::string> m_codes;
    std::map<std::string, std::vector<std::string>> m_byName;
};

// ---- Rows ------------------------------------------------------------------------------

struct Candidate {
    std::size_t line = 0;
    Registration reg;
    std::string address;
    std::string groupKey;  // village + address without spaces; "" = no household
    bool saysHead = false;
    bool relationGiven = false;
    std::vector<FieldError> errors;  // problems found before the registry is asked
};

class RowReader {
public:
    RowReader(const Header& header, const VillageIndex& villages, std::string defaultVillage)
        : m_header(header), m_villages(villages), m_defaultVillage(std::move(defaultVillage)) {}

    Candidate read(const csv::Row& row) const;

private:
    void readIdentity(const csv::Row& row, Candidate& c) const;
    void readCodes(const csv::Row& row, Candidate& c) const;
    void readPlace(const csv::Row& row, Candidate& c) const;
    void code(const csv::Row& row, Candidate& c, Column column, const char* list,
              std::string& target,
              std::initializer_list<std::pair<std::string_view, const char*>> synonyms = {}) const;
    std::string digits(const csv::Row& row, Candidate& c, Column column) const;

    const Header& m_header;
    const VillageIndex& m_villages;
    std::string m_defaultVillage;
};

std::string RowReader::digits(const csv::Row& row, Candidate& c, Column column) const {
    auto text = csv::unwrapTextNumber(m_header.cell(row, column));
    if (csv::isExcelScientific(text))
        c.errors.push_back({kColumns[column].field, excelNumberReason(text)});
    return text;
}

void RowReader::code(
    const csv::Row& row, Candidate& c, Column column, const char* list, std::string& target,
    std::initializer_list<std::pair<std::string_view, const char*>> synonyms) const {
    const auto text = m_header.cell(row, column);
    if (text.empty()) return;
    if (auto matched = matchCode(list, text, synonyms)) {
        target = *matched;
        return;
    }
    // A short list is spelled out; the 58 ethnic groups would drown the message.
    const auto* codes = rules::codeList(list);
    c.errors.push_back({kColumns[column].field,
                        codes->codes.size() <= 12
                            ? format(tr("\"{0}\" is not one of: {1}"), {text, officialTerms(list)})
                            : format(tr("\"{0}\" is not a name or code in the list \"{1}\""),
                                     {text, tr(codes->english)})});
}

void RowReader::readIdentity(const csv::Row& row, Candidate& c) const {
    auto& r = c.reg.resident;
    r.name = m_header.cell(row, Name);
    r.idNumber = digits(row, c, IdNumber);
    const auto birth = m_header.cell(row, BirthDate);
    if (!birth.empty()) {
        std::string reason;
        r.birthDate = csv::parseCellDate(birth, reason);
        if (!r.birthDate) c.errors.push_back({"birth_date", reason});
    }
    code(row, c, Sex, "sex", r.sex, {{"男性", "1"}, {"女性", "2"}, {"m", "1"}, {"f", "2"}});
    // Many village lists hold only name and ID number: sex and birth date follow from a
    // valid ID (records.md, Identity), and the registry checks that they agree.
    if (!r.idNumber.empty() && (r.sex.empty() || !r.birthDate) && c.errors.empty()) {
        try {
            const auto id = rules::parseIdNumber(r.idNumber, today());
            if (r.sex.empty()) r.sex = id.male ? "1" : "2";
            if (!r.birthDate && m_header.cell(row, BirthDate).empty()) r.birthDate = id.birthDate;
        } catch (const ValidationError&) {
            // The registry reports the bad ID number with its reason.
        }
    }
}

void RowReader::readCodes(const csv::Row& row, Candidate& c) const {
    auto& r = c.reg.resident;
    r.phone = digits(row, c, Phone);
    r.contactPhone = digits(row, c, ContactPhone);
    r.employer = m_header.cell(row, Employer);
    r.contactName = m_header.cell(row, ContactName);
    code(row, c, ResidenceType, "residence_type", r.residenceType);
    code(row, c, Ethnicity, "ethnicity", r.ethnicity);
    code(row, c, BloodType, "blood_type", r.bloodType);
    // records.md, Households: 本人, 配偶, 子, 女, 父母, 孙子女, 兄弟姐妹, 其他, and the
    // everyday words for them.
    std::string relation;
    code(row, c, Relation, "relation", relation,
         {{"户主", "0"}, {"妻", "1"},   {"妻子", "1"}, {"夫", "1"},     {"丈夫", "1"},
          {"儿子", "2"}, {"长子", "2"}, {"次子", "2"}, {"女儿", "3"},   {"长女", "3"},
          {"次女", "3"}, {"父", "4"},   {"母", "4"},   {"父亲", "4"},   {"母亲", "4"},
          {"孙子", "5"}, {"孙女", "5"}, {"外孙", "5"}, {"外孙子", "5"}, {"外孙女", "5"},
          {"兄", "6"},   {"弟", "6"},   {"姐", "6"},   {"妹", "6"},     {"哥哥", "6"},
          {"弟弟", "6"}, {"姐姐", "6"}, {"妹妹", "6"}, {"儿媳", "7"},   {"女婿", "7"}});
    c.saysHead = relation == "0";
    c.relationGiven = !relation.empty();
    // A member whose relation is not given is recorded as 其他 rather than guessed.
    c.reg.relation = relation.empty() ? "7" : relation;
}

void RowReader::readPlace(const csv::Row& row, Candidate& c) const {
    auto& village = c.reg.resident.villageCode;
    const auto text = m_header.cell(row, Village);
    if (!text.empty()) {
        std::string reason;
        if (auto code = m_villages.resolve(text, reason))
            village = *code;
        else
            c.errors.push_back({"village_code", reason});
    } else if (!m_defaultVillage.empty()) {
        village = m_defaultVillage;
    } else {
        c.errors.push_back({"village_code", tr("Required")});
    }
    c.address = m_header.cell(row, Address);
    if (!c.address.empty() && !village.empty())
        c.groupKey = village + '\n' + withoutSpaces(c.address);
}

Candidate RowReader::read(const csv::Row& row) const {
    Candidate c;
    c.line = row.line;
    readIdentity(row, c);
    readCodes(row, c);
    readPlace(row, c);
    if (!c.errors.empty()) {
        // Report the registry's own findings on the other fields too, so the user fixes
        // the row once; the pure rules need no database.
        auto copy = c.reg.resident;
        for (auto& e : rules::validateResident(copy, today())) {
            const bool known = std::any_of(c.errors.begin(), c.errors.end(),
                                           [&](const auto& f) { return f.field == e.field; });
            if (!known) c.errors.push_back(std::move(e));
        }
    }
    return c;
}

// ---- Import ----------------------------------------------------------------------------

std::string columnOfField(const Header& header, const std::string& field) {
    if (field == "address") return header.columnName(Address);
    for (std::size_t c = 0; c < ColumnCount; ++c)
        if (field == kColumns[c].field) return header.columnName(static_cast<Column>(c));
    return field;
}

// Heads first within each address group, groups in the order they first appear, rows
// without a household where they stand (shared/domain/records.md, Households: the head
// founds the household, the others join it).
std::vector<std::size_t> processingOrder(const std::vector<Candidate>& candidates) {
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (!candidates[i].groupKey.empty()) groups[candidates[i].groupKey].push_back(i);
    std::vector<std::size_t> order;
    std::set<std::string> scheduled;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto& key = candidates[i].groupKey;
        if (key.empty()) {
            order.push_back(i);
        } else if (scheduled.insert(key).second) {
            auto members = groups[key];
            std::stable_partition(members.begin(), members.end(),
                                  [&](std::size_t m) { return candidates[m].saysHead; });
            order.insert(order.end(), members.begin(), members.end());
        }
    }
    return order;
}

class ImportRun {
public:
    ImportRun(Workstation& ws, const Header& header, const ImportOptions& options,
              ImportReport& report)
        : m_ws(ws), m_header(header), m_options(options), m_report(report) {}

    void process(Candidate& c);

private:
    struct Household {
        std::string id;
        std::size_t headLine = 0;
    };
    void reject(std::size_t line, const std::string& field, std::string reason) {
        m_report.rejected.push_back({line, columnOfField(m_header, field), std::move(reason)});
    }
    bool registerRow(Candidate& c);

    Workstation& m_ws;
    const Header& m_header;
    const ImportOptions& m_options;
    ImportReport& m_report;
    std::map<std::string, Household> m_households;       // by group key
    std::map<std::string, std::size_t> m_importedLines;  // resident id → line
};

void ImportRun::process(Candidate& c) {
    if (!c.errors.empty()) {
        for (auto& e : c.errors) reject(c.line, e.field, std::move(e.reason));
        return;
    }
    Household* household = c.groupKey.empty() ? nullptr : &m_households[c.groupKey];
    const bool founds = household && household->id.empty();
    if (founds) {
        c.reg.newHouseholdAddress = c.address;
        c.reg.relation.assign(1, '0');
    } else if (household) {
        if (c.saysHead) {
            reject(c.line, "relation",
                   format(tr("The household at {0} already has its head on line {1}"),
                          {c.address, std::to_string(household->headLine)}));
            return;
        }
        c.reg.householdId = household->id;
    }
    if (!registerRow(c)) return;
    if (founds) {
        household->id = c.reg.householdId;
        household->headLine = c.line;
        ++m_report.households;
        // Only a row that said something else is worth a warning; a row without a
        // relation (a one-person household, a list without the column) simply heads it.
        if (!c.saysHead && c.relationGiven) {
            m_report.warnings.push_back(
                format(tr("Line {0}: {1} became the head of the household at {2}, because no "
                          "imported row of it says 户主 (head)."),
                       {std::to_string(c.line), c.reg.resident.name, c.address}));
        }
    }
}

// One row in its own savepoint: a failure leaves nothing of it (no resident, household,
// change-log entry or archive number).
bool ImportRun::registerRow(Candidate& c) {
    const auto sameFileLine = [&](const std::string& residentId) -> std::optional<std::size_t> {
        const auto it = m_importedLines.find(residentId);
        if (it == m_importedLines.end()) return std::nullopt;
        return it->second;
    };
    try {
        store::Savepoint savepoint(m_ws.database());
        c.reg.confirmedNotDuplicate = m_options.acceptLikelyDuplicates;
        const auto saved = m_ws.registry().registerInTransaction(c.reg);
        savepoint.release();
        m_importedLines[saved.id] = c.line;
        ++m_report.imported;
        return true;
    } catch (const DuplicateIdNumberError& e) {
        if (const auto line = sameFileLine(e.existing().id)) {
            reject(c.line, "id_number",
                   format(tr("ID number {0} is already on line {1} of this file ({2})"),
                          {e.existing().idNumber, std::to_string(*line), e.existing().name}));
        } else {
            reject(c.line, "id_number", e.what());
        }
    } catch (const LikelyDuplicateError& e) {
        const auto line = sameFileLine(e.candidates().front().id);
        reject(c.line, "name",
               line ? format(tr("Same name, sex, birth date and village as line {0} of this "
                                "file. If this is another person, import again accepting "
                                "likely duplicates."),
                             {std::to_string(*line)})
                    : std::string(e.what()));
    } catch (const ValidationError& e) {
        for (const auto& fe : e.errors()) reject(c.line, fe.field, fe.reason);
    } catch (const ConflictError& e) {
        reject(c.line, "", e.what());  // e.g. no archive numbers left for the village
    }
    return false;
}

std::string defaultVillage(const VillageIndex& villages, const Header& header,
                           const ImportOptions& options) {
    if (!options.defaultVillageCode.empty()) {
        if (!villages.has(options.defaultVillageCode)) {
            throw ValidationError("file", format(tr("{0} is not a village this site serves"),
                                                 {options.defaultVillageCode}));
        }
        return options.defaultVillageCode;
    }
    if (header.index[Village]) return {};
    if (villages.size() == 1) return villages.only();
    throw ValidationError("file", tr("The file has no village column (村). Choose the village "
                                     "these residents belong to."));
}

}  // namespace

CsvImport::CsvImport(Workstation& workstation) : m_workstation(workstation) {}

ImportReport CsvImport::importFile(const std::filesystem::path& file,
                                   const ImportOptions& options) {
    // A village register is a few thousand rows; anything this large is not one.
    constexpr std::uintmax_t kMaxBytes = 64u << 20;
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (!ec && size > kMaxBytes)
        throw ValidationError("file",
                              format(tr("{0} is too large for a resident list"), {file.string()}));
    std::ifstream in(file, std::ios::binary);
    if (ec || !in) throw ValidationError("file", format(tr("Cannot read {0}"), {file.string()}));
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in) throw ValidationError("file", format(tr("Cannot read {0}"), {file.string()}));
    return importBytes(bytes, options);
}

ImportReport CsvImport::importBytes(std::string_view bytes, const ImportOptions& options) {
    const auto mode = encoding::parseMode(options.encoding);
    if (!mode) {
        throw ValidationError("encoding",
                              format(tr("Unknown encoding \"{0}\"; choose UTF-8, GB18030 or "
                                        "automatic detection"),
                                     {options.encoding}));
    }
    ImportReport report;
    const auto text = encoding::toUtf8(bytes, *mode);
    report.encoding = text.encoding;
    const auto rows = csv::parse(text.utf8);
    const auto header = readHeader(rows, report.warnings);
    const VillageIndex villages(m_workstation.villages());
    const RowReader reader(header, villages, defaultVillage(villages, header, options));

    std::vector<Candidate> candidates;
    for (std::size_t r = header.row + 1; r < rows.size(); ++r)
        if (!rows[r].blank()) candidates.push_back(reader.read(rows[r]));
    report.rows = candidates.size();

    store::Transaction tx(m_workstation.database());
    ImportRun run(m_workstation, header, options, report);
    for (const auto i : processingOrder(candidates)) run.process(candidates[i]);
    std::stable_sort(report.rejected.begin(), report.rejected.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
    if (!options.dryRun) tx.commit();
    return report;
}

}  // namespace jiayi::services
