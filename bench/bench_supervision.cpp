// bench_supervision: the supervision figures of issue 18 (docs/performance.md, "Supervision").
// A county of 1,000,000 residents with 5 years of follow-ups: one township of 50,000 written
// through the services as `jiayi-cli demo` writes it (registration, five years of chronic
// care with its planted doctors, a year of contracts), then copied to 20 townships of the
// county under their own division codes (ids, archive numbers and villages rewritten; the
// per-enrolment summary rebuilt once at the end, as the migration does). Then:
//   1. every indicator for the county for the last year, Supervision::report (target ≤ 2 s);
//   2. the quality scan of the county for the same year, Quality::scan (target ≤ 10 s);
//   3. the township worklist, Worklist::build (target ≤ 100 ms);
// each beside a plain SQL scan of the same rows in the same run. Measurements only.
#include <iostream>
#include <map>

#include <sqlite3.h>

#include "bench/BenchCommon.h"
#include "core/demo/DemoData.h"
#include "core/services/Quality.h"
#include "core/services/Supervision.h"
#include "core/services/Workstation.h"
#include "core/services/Worklist.h"
#include "core/store/Database.h"
#include "core/store/Site.h"

namespace fs = std::filesystem;
using namespace jiayi;
using namespace jiayi::bench;

namespace {

constexpr const char* kUsage = "[--quick] [--data DIR]";

struct Setup {
    std::size_t residents;  // of the township written through the services
    int years;
    int copies;             // townships of the county (the first is the original)
    int runs;
};

// The tables a county's indicators and scan read, with the columns that hold an id of
// another copied row (rewritten with the copy's suffix) and those that hold a division code.
struct Copied {
    const char* table;
    std::vector<const char*> ids;       // id columns (besides "id")
    std::vector<const char*> villages;  // division-code columns
};
const Copied kCopied[] = {
    {"resident", {"merged_into"}, {"village_code", "archive_no"}},
    {"household", {"head_id"}, {"village_code"}},
    {"household_member", {"household_id", "resident_id"}, {}},
    // Each township has its own doctors: their logins take the copy's suffix too.
    {"programme_enrolment", {"resident_id", "doctor"}, {"village_code"}},
    {"follow_up", {"visit_id", "resident_id", "enrolment_id", "supersedes", "doctor"}, {"village_code"}},
    {"health_check", {"resident_id", "visit_id", "supersedes", "doctor"}, {"village_code"}},
    {"bp_screening", {"resident_id", "doctor"}, {"village_code"}},
    {"referral", {"resident_id", "follow_up_id"}, {"village_code"}},
    {"care_team", {"lead"}, {"division", "villages"}},
    {"care_team_member", {"team_id", "login"}, {"division"}},
    {"contract", {"resident_id", "household_id", "signing_id", "team_id", "renews", "doctor"}, {"village_code"}},
    {"service_entry", {"resident_id", "supersedes", "doctor"}, {"village_code"}},
    {"priority_tag", {"resident_id"}, {"village_code"}},
};

std::vector<std::string> columnsOf(store::Database& db, const std::string& table) {
    std::vector<std::string> out;
    store::Statement st(db, "SELECT name FROM pragma_table_info('" + table + "')");
    while (st.step()) out.push_back(st.text(0));
    return out;
}

// Copies every row of the original township (prefix `from`, 9 digits) as township `to`.
void copyTownship(store::Database& db, const std::string& from, const std::string& to, const std::string& suffix) {
    for (const auto& c : kCopied) {
        std::string cols, values;
        for (const auto& col : columnsOf(db, c.table)) {
            if (col == "rid") continue;  // the local row number: new rows get their own
            cols += (cols.empty() ? "" : ",") + col;
            std::string v = col;
            const bool isId = col == "id" || std::find_if(c.ids.begin(), c.ids.end(), [&](const char* x) { return col == x; }) != c.ids.end();
            const bool isVillage = std::find_if(c.villages.begin(), c.villages.end(), [&](const char* x) { return col == x; }) != c.villages.end();
            if (isId) v = "CASE WHEN " + col + " IS NULL OR " + col + " = '' THEN " + col + " ELSE " + col + " || '" + suffix + "' END";
            if (isVillage) v = "replace(" + col + ", '" + from + "', '" + to + "')";
            values += (values.empty() ? "" : ",") + v;
        }
        const std::string where = std::string(c.table) == "household_member"
                                      ? "WHERE resident_id IN (SELECT id FROM resident WHERE village_code LIKE '" + from + "%')"
                                  : std::string(c.table) == "care_team" || std::string(c.table) == "care_team_member"
                                      ? "WHERE division LIKE '" + from + "%'"
                                      : "WHERE village_code LIKE '" + from + "%'";
        db.exec("INSERT INTO " + std::string(c.table) + "(" + cols + ") SELECT " + values + " FROM " + c.table + " " + where);
    }
    // The villages of the new township in the division list, named after the original's.
    db.exec("INSERT OR IGNORE INTO division(code, parent, level, name) SELECT replace(code, '" + from + "', '" + to +
            "'), replace(parent, '" + from + "', '" + to + "'), level, name || '" + suffix +
            "' FROM division WHERE code LIKE '" + from + "%'");
}

struct County {
    std::string county, township;  // prefixes: 6 and 9 digits
    std::size_t residents = 0, followUps = 0, enrolments = 0;
    std::string doctor;
};

County ensureCounty(const Setup& s, const Options& o, fs::path& path) {
    fs::create_directories(o.data);
    path = o.data / ("county-" + std::to_string(s.residents) + "x" + std::to_string(s.copies) + "-" +
                     std::to_string(s.years) + "y.db");
    County c;
    if (!fs::exists(path)) {
        const fs::path partial = path.string() + ".partial";
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(partial.string() + suffix);
        {
            auto ws = services::Workstation::open(partial, "bench");
            services::DemoOptions d;
            d.residents = s.residents;
            d.seed = 1;
            d.chronicYears = s.years;
            std::cerr << "building a township of " << s.residents << " residents, " << s.years << " years → " << partial << "\n";
            Stopwatch build;
            const auto summary = services::createDemoTownship(*ws, d);
            std::cerr << "  written through the services in " << fixed(build.seconds(), 1) << " s\n";
            const auto township = summary.townshipCode.substr(0, 9);
            auto& db = ws->database();
            // The triggers' summary is rebuilt once at the end (as migration 16 builds it).
            std::vector<std::string> triggers;
            {
                store::Statement st(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'follow_up'");
                while (st.step()) triggers.push_back(st.text(0));
            }
            db.exec("DROP TRIGGER IF EXISTS follow_up_summary_insert; DROP TRIGGER IF EXISTS follow_up_summary_update; "
                    "DROP TRIGGER IF EXISTS follow_up_summary_delete");
            store::Transaction tx(db);
            for (int k = 1; k < s.copies; ++k) {
                char to[16];
                std::snprintf(to, sizeof to, "%s%03d", township.substr(0, 6).c_str(), 300 + k);
                char suffix[16];
                std::snprintf(suffix, sizeof suffix, "~%02d", k);
                Stopwatch copy;
                copyTownship(db, township, to, suffix);
                std::cerr << "  township " << to << " copied in " << fixed(copy.seconds(), 1) << " s\n";
            }
            db.exec("DELETE FROM enrolment_summary");
            db.exec("INSERT INTO enrolment_summary(enrolment_id, latest_id) SELECT e.id, (SELECT x.id FROM follow_up x "
                    "WHERE x.enrolment_id = e.id AND NOT EXISTS (SELECT 1 FROM follow_up c WHERE c.supersedes = x.id) "
                    "ORDER BY x.visit_date DESC, x.signed_at DESC LIMIT 1) FROM programme_enrolment e "
                    "WHERE EXISTS (SELECT 1 FROM follow_up f WHERE f.enrolment_id = e.id)");
            for (const auto& t : triggers) db.exec(t);
            store::setSiteMeta(db, "bench_county_township", township);
            store::setSiteMeta(db, "bench_county_doctor", summary.chronic.doctors.begin()->second);
            tx.commit();
            db.exec("ANALYZE");
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        for (const char* suffix : {"-wal", "-shm"}) fs::remove(partial.string() + suffix);
        fs::rename(partial, path);
    }
    auto db = store::Database::open(path);
    c.township = store::siteMeta(*db, "bench_county_township").value_or("");
    c.county = c.township.substr(0, 6);
    c.doctor = store::siteMeta(*db, "bench_county_doctor").value_or("");
    const auto count = [&](const char* sql) {
        store::Statement st(*db, sql);
        st.step();
        return static_cast<std::size_t>(st.integer(0));
    };
    c.residents = count("SELECT count(*) FROM resident");
    c.followUps = count("SELECT count(*) FROM follow_up");
    c.enrolments = count("SELECT count(*) FROM programme_enrolment");
    return c;
}

template <typename F>
std::pair<Summary, double> timed(int runs, F&& f) {
    std::vector<double> samples;
    double first = 0;
    for (int i = 0; i <= runs; ++i) {
        Stopwatch sw;
        f(i);
        const double ms = sw.ms();
        if (i == 0) first = ms;
        else samples.push_back(ms);
    }
    return {summarize(samples), first};
}

}  // namespace

int main(int argc, char** argv) {
    const auto o = parseOptions(argc, argv, kUsage);
    const Setup s = o.quick ? Setup{3000, 2, 3, 3} : Setup{50000, 5, 20, 5};
    printPreamble("bench_supervision: supervision indicators and the quality scan (issue 18)", argc, argv);
    fs::path path;
    const auto county = ensureCounty(s, o, path);
    std::cout << "Database: " << path.string() << " (" << grouped(static_cast<double>(fs::file_size(path)))
              << " bytes): " << grouped(static_cast<double>(county.residents)) << " residents in " << s.copies
              << " townships of county " << county.county << ", " << grouped(static_cast<double>(county.enrolments))
              << " programme enrolments, " << grouped(static_cast<double>(county.followUps)) << " follow-ups over "
              << s.years << " years\n\n";

    auto ws = services::Workstation::open(path, "bench");
    auto& db = ws->database();
    const auto session = services::Session::bootstrap("bench");
    const Date day = today();
    const rules::indicators::Period year{addMonths(day, -12), day, "last 12 months"};
    std::vector<std::vector<std::string>> rows;
    const auto row = [&](const std::string& what, const std::string& result, const std::pair<Summary, double>& t) {
        rows.push_back({what, result, fixed(t.second, 1), fixed(t.first.p50, 1), fixed(t.first.p95, 1),
                        std::to_string(t.first.n)});
    };

    // 1. Every indicator of the county for the year.
    services::Supervision supervision(db, session);
    services::IndicatorReport report;
    row("every indicator of the county, Supervision::report", "",
        timed(std::min(s.runs, 3), [&](int) { report = supervision.report(county.county, year); }));
    const auto* control = report.figure(rules::indicators::Indicator::HtnControl);
    rows.back()[1] = "htn control " + grouped(control->numerator) + " / " + grouped(control->denominator.value_or(0)) +
                     ", " + std::to_string(report.figures.size()) + " indicators";
    // Plain SQL over the same rows: the county's records, and the follow-ups of the year.
    const std::string from = formatDate(year.from), to = formatDate(year.to);
    std::size_t plainRows = 0;
    row("  baseline: plain SQL scan of the same residents, enrolments and follow-ups", "",
        timed(s.runs, [&](int) {
            plainRows = 0;
            for (const std::string& sql :
                 {"SELECT id, village_code, birth_date, id_number, phone, ethnicity, blood_type FROM resident WHERE "
                  "village_code >= '" + county.county + "' AND village_code < '" + county.county + "\x7f'",
                  "SELECT id, resident_id, programme, enrolled_on, closed_on FROM programme_enrolment WHERE "
                  "village_code >= '" + county.county + "' AND village_code < '" + county.county + "\x7f'",
                  "SELECT id, enrolment_id, visit_date, mode, systolic, diastolic, fasting_glucose, next_due FROM "
                  "follow_up WHERE village_code >= '" + county.county + "' AND village_code < '" + county.county +
                      "\x7f' AND visit_date BETWEEN '" + from + "' AND '" + to + "'"}) {
                store::Statement st(db, sql);
                while (st.step()) ++plainRows;
            }
        }));
    rows.back()[1] = grouped(static_cast<double>(plainRows)) + " rows";
    // The same for one township, village by village (the GUI's page).
    std::vector<services::IndicatorReport> villages;
    row("one township village by village, Supervision::byDivision", "",
        timed(s.runs, [&](int) { villages = supervision.byDivision(county.township, year); }));
    rows.back()[1] = std::to_string(villages.size()) + " villages";

    // 2. The quality scan of the county.
    services::Quality quality(db, session);
    services::QualityScan scan;
    row("quality scan of the county, Quality::scan", "", timed(std::min(s.runs, 3), [&](int) { scan = quality.scan(county.county, year); }));
    rows.back()[1] = grouped(static_cast<double>(scan.visits)) + " follow-ups, " + std::to_string(scan.doctors.size()) +
                     " doctor signals, " + std::to_string(scan.errors.size()) + " logic errors";
    std::size_t scanned = 0;
    row("  baseline: plain SQL scan of the same follow-ups with their resident", "",
        timed(std::min(s.runs, 3), [&](int) {
            scanned = 0;
            store::Statement st(db, "SELECT f.id, f.doctor, f.signed_at, f.systolic, f.diastolic, f.form, r.created_on "
                                    "FROM follow_up f JOIN resident r ON r.id = f.resident_id WHERE f.village_code >= '" +
                                        county.county + "' AND f.village_code < '" + county.county +
                                        "\x7f' AND f.visit_date BETWEEN '" + from + "' AND '" + to + "'");
            while (st.step()) ++scanned;
        }));
    rows.back()[1] = grouped(static_cast<double>(scanned)) + " rows";

    // 3. The township worklist.
    services::Worklist worklist(db, session);
    std::size_t items = 0;
    row("township worklist, Worklist::build", "", timed(s.runs, [&](int) { items = worklist.build({county.township, ""}, day).size(); }));
    rows.back()[1] = grouped(static_cast<double>(items)) + " items";

    printTable({"operation", "result", "first ms", "median ms", "p95 ms", "runs"}, rows);
    std::cout << "\nPlanted doctors flagged (of the original township):";
    for (const auto& sig : scan.doctors)
        if (sig.subject.find('~') == std::string::npos) std::cout << " " << sig.subject << " (" << rules::quality::code(sig.kind) << ")";
    std::cout << "\n\nFinished at " << loadAverage() << ".\n";
    return 0;
}
