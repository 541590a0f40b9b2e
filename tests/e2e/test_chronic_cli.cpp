// Issue 4, "Shown by": the CLI end to end with real processes — enrol, record follow-ups
// over a year, list the worklist, print the plan with reasons (--json), refer, and see the
// referral answered from the township's workstation after syncs through a real jiayi-hub
// over HTTPS on 127.0.0.1.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <random>

#include "E2eSupport.h"

using namespace jiayi::e2e;

namespace {

constexpr const char* kVillage = "371721101201";
constexpr const char* kTownship = "371721101";

struct Clinic {
    std::filesystem::path dir;
    std::string name, db;
    RunResult cli(std::vector<std::string> args) const {
        std::vector<std::string> argv{JIAYI_CLI_EXE, "--db", db, "--user", "doctor-" + name, "--lang", "en"};
        argv.insert(argv.end(), args.begin(), args.end());
        return run(argv, (dir / ("cli-" + name + ".txt")).string());
    }
    std::string errors() const { return readFile(dir / ("cli-" + name + ".txt")); }
    // Runs and requires success; returns stdout.
    std::string ok(const std::vector<std::string>& args) const {
        const auto r = cli(args);
        BOOST_REQUIRE_MESSAGE(r.code == 0, name << ": jiayi-cli failed (" << r.code << "): " << errors());
        return r.out;
    }
};

Poco::JSON::Array::Ptr jsonArray(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
}

struct TempFolder {
    std::filesystem::path path;
    TempFolder() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("jiayi-e2e-chronic-" + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(chronic_cli)

BOOST_AUTO_TEST_CASE(a_year_of_follow_ups_a_referral_answered_by_the_township_through_the_hub) {
    TempFolder tmp;
    HubProcess hub(JIAYI_HUB_EXE, tmp.path);
    hub.makeCertificate();
    hub.start();
    Clinic village{tmp.path, "village", (tmp.path / "village.db").string()};
    Clinic township{tmp.path, "township", (tmp.path / "township.db").string()};
    village.ok({"sync", "enrol", "--hub", hub.url(), "--code", hub.code(kVillage, "village"), "--name", "村卫生室"});
    township.ok({"sync", "enrol", "--hub", hub.url(), "--code", hub.code(kTownship, "township"), "--name", "卫生院"});

    // The village doctor registers a patient and enrols him in hypertension management.
    village.ok({"resident", "add", "--name", "王建国", "--sex", "1", "--birth-date", "1955-03-02", "--village", kVillage,
                "--address", "一组 3 号", "--id-number", "37172119550302001X"});
    const std::string who = "37172119550302001X";
    village.ok({"chronic", "enrol", who, "--programme", "htn", "--on", "2025-10-20", "--diagnosed-by", "县人民医院"});

    // A year of follow-ups: controlled, late, uncontrolled twice in a row.
    const std::vector<std::vector<std::string>> visits{
        {"--date", "2025-11-03", "--sbp", "136", "--dbp", "84"},
        {"--date", "2026-02-10", "--sbp", "132", "--dbp", "80"},
        {"--date", "2026-06-01", "--sbp", "138", "--dbp", "86", "--mode", "home"},  // late (due 05-10)
        {"--date", "2026-09-01", "--sbp", "150", "--dbp", "92"},
    };
    for (auto v : visits) {
        v.insert(v.begin(), {"followup", "add", who});
        v.insert(v.end(), {"--weight", "66", "--height", "168", "--medicines", "硝苯地平缓释片,2,10mg"});
        village.ok(v);
    }
    // Bad input names the field and writes nothing.
    const auto bad = village.cli({"followup", "add", who, "--date", "2026-09-10", "--sbp", "90", "--dbp", "120"});
    BOOST_TEST(bad.code == 1);
    BOOST_TEST(village.errors().find("--dbp") != std::string::npos);  // the option typed, not the field
    // Every unreadable reading is named by the option typed, and nothing is written.
    const auto typos = village.cli({"followup", "add", who, "--date", "2026-09-10", "--sbp", "1320x", "--dbp", "80",
                                    "--hr", "七十"});
    BOOST_TEST(typos.code == 1);
    BOOST_TEST(village.errors().find("--sbp") != std::string::npos);
    BOOST_TEST(village.errors().find("--hr") != std::string::npos);

    // The worklist on 2026-09-20 lists him overdue with the reason in words.
    const auto overdue = jsonArray(village.ok({"--json", "worklist", "--today", "2026-09-20", "--kind", "overdue"}));
    BOOST_REQUIRE_EQUAL(overdue->size(), 1u);
    const auto item = overdue->getObject(0);
    BOOST_TEST(item->getValue<std::string>("name") == "王建国");
    BOOST_TEST(item->getValue<std::string>("reason").find("2026-09-01") != std::string::npos);
    BOOST_TEST(item->getValue<int>("days_overdue") == 5);

    // The second uncontrolled visit in a row: the plan says refer, with both dates.
    const auto second = jsonArray(village.ok({"--json", "followup", "add", who, "--date", "2026-09-20", "--sbp", "154",
                                              "--dbp", "96", "--weight", "66"}));
    const auto followUpId = second->getObject(0)->getValue<std::string>("id");
    BOOST_TEST(second->getObject(0)->getValue<std::string>("next_step") == "refer");
    const auto plan = jsonArray(village.ok({"--json", "plan", who}));
    BOOST_REQUIRE_EQUAL(plan->size(), 1u);
    const auto reason = plan->getObject(0)->getValue<std::string>("reason");
    BOOST_TEST(reason.find("2026-09-20") != std::string::npos);
    BOOST_TEST(reason.find("2026-09-01") != std::string::npos);
    BOOST_TEST(plan->getObject(0)->getValue<std::string>("due") == "2026-10-04");

    // Refer from the follow-up: the slip carries the findings.
    const auto sent = jsonArray(village.ok({"--json", "referral", "create", "--from-followup", followUpId, "--to",
                                            "庄寨镇卫生院", "--department", "内科", "--consent", "--send"}));
    const auto referralId = sent->getObject(0)->getValue<std::string>("id");
    BOOST_TEST(sent->getObject(0)->getValue<std::string>("state") == "sent");
    BOOST_TEST(sent->getObject(0)->getValue<std::string>("reason").find("154/96") != std::string::npos);

    // Sync: the township sees the referral in its inbox and answers it.
    village.ok({"sync"});
    township.ok({"sync"});
    const auto inbox = jsonArray(township.ok({"--json", "referral", "list", "--inbox"}));
    BOOST_REQUIRE_EQUAL(inbox->size(), 1u);
    BOOST_TEST(inbox->getObject(0)->getValue<std::string>("id") == referralId);
    BOOST_TEST(inbox->getObject(0)->getValue<std::string>("resident_name") == "王建国");
    // The township's own view of the patient: the plan travels with the follow-ups.
    BOOST_TEST(township.ok({"plan", who}).find("2026-10-04") != std::string::npos);
    township.ok({"referral", "accept", referralId});
    township.ok({"referral", "return", referralId, "--diagnosis", "原发性高血压2级", "--outcome", "improved",
                 "--advice", "氨氯地平 5mg 每日一次，两周后社区随访"});
    township.ok({"sync"});

    // The village sees the answer after its next sync, and closes the referral.
    village.ok({"sync"});
    const auto answered = jsonArray(village.ok({"--json", "referral", "show", referralId}));
    BOOST_TEST(answered->getObject(0)->getValue<std::string>("state") == "returned");
    BOOST_TEST(answered->getObject(0)->getValue<std::string>("return_diagnosis") == "原发性高血压2级");
    BOOST_TEST(answered->getObject(0)->getValue<std::string>("accepted_by") == "doctor-township");
    // The 2-week follow-up after the referral is owed until a visit is recorded.
    auto awaiting = jsonArray(village.ok({"--json", "referral", "list", "--awaiting"}));
    BOOST_TEST(awaiting->size() == 1u);
    village.ok({"followup", "add", who, "--date", "2026-10-02", "--sbp", "134", "--dbp", "82", "--weight", "66"});
    awaiting = jsonArray(village.ok({"--json", "referral", "list", "--awaiting"}));
    BOOST_TEST(awaiting->size() == 0u);
    village.ok({"referral", "close", referralId, "--note", "已回社区随访"});
    village.ok({"sync"});
    township.ok({"sync"});
    const auto closed = jsonArray(township.ok({"--json", "referral", "show", referralId}));
    BOOST_TEST(closed->getObject(0)->getValue<std::string>("state") == "closed");
    BOOST_TEST(closed->getObject(0)->getValue<std::string>("return_advice").find("氨氯地平") != std::string::npos);

    // The history holds every visit; the township holds the same six records.
    const auto history = jsonArray(township.ok({"--json", "followup", "history", who}));
    BOOST_TEST(history->size() == 6u);
    BOOST_TEST(hub.stop() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
