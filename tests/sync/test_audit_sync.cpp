// Each site's audit trail replicates to a real hub over HTTPS (issue 16): the hub checks
// every link on arrival, keeps a copy per site, refuses a broken chain naming the entry
// and storing nothing of it, and after a cut connection stores each entry once.
#include <boost/test/unit_test.hpp>

#include <future>
#include <regex>
#include <thread>

#include "../e2e/E2eSupport.h"
#include "HubFixture.h"
#include "sync/Pg.h"
#include "SyncTestSupport.h"
#include "core/store/AuditLog.h"
#include "sync/AuditBatch.h"
#include "sync/Protocol.h"
#include "sync/HubClient.h"
#include "sync/SyncStore.h"

using namespace jiayi;
using test::person;
using test::Station;

namespace {

// `n` entries that name no change (openings of a record), in one transaction.
void openRecords(store::Database& db, int n) {
    store::Transaction tx(db);
    store::AuditLog trail(db);
    for (int i = 0; i < n; ++i) trail.append("doctor-west", "open", "resident", "r" + std::to_string(i), "", "{}");
    tx.commit();
}

std::size_t logged(const testing::HubFixture& hub, const std::string& text) {
    std::size_t n = 0;
    for (const auto& line : hub.log())
        if (line.find(text) != std::string::npos) ++n;
    return n;
}

struct OneVillage {
    test::TempDir dir;
    testing::HubFixture hub{dir.path()};
    Station west{dir.file("west.db"), "doctor-west"};
    OneVillage() { hub.enrol(*west.db, test::kVillageA, "西村卫生室"); }
    std::string site() { return west.site(); }
    std::int64_t local() { return store::AuditLog(*west.db).lastSeq(); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(audit_at_the_hub, OneVillage)

BOOST_AUTO_TEST_CASE(the_audit_trail_reaches_the_hub_in_batches_and_the_hubs_copy_verifies) {
    west.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    openRecords(*west.db, 2200);
    const auto report = west.sync();
    BOOST_TEST(report.auditPushed == local());
    BOOST_TEST(logged(hub, "POST /v1/audit 200") == 3u);  // at most 1,000 entries a batch
    const auto head = hub.store().auditHead(site());
    BOOST_TEST(head.seq == local());
    BOOST_TEST(head.hash == store::AuditLog(*west.db).after(local() - 1, 1).front().hash);
    std::int64_t entries = 0;
    BOOST_TEST(!hub.service().verifyAuditCopy(site(), &entries).has_value());
    BOOST_TEST(entries == local());
    // Nothing new: nothing sent. New entries: only those.
    BOOST_TEST(west.sync().auditPushed == 0);
    BOOST_TEST(logged(hub, "POST /v1/audit") == 3u);
    west.registry->registerResident(test::registration(person("赵六", test::kVillageA, 2)));
    BOOST_TEST(west.sync().auditPushed == 3);
    BOOST_TEST(hub.store().auditHead(site()).seq == local());

    // Audit entries do not travel down: the township receives the records, not the trail.
    Station town(dir.file("town.db"), "township");
    hub.enrol(*town.db, "371721001", "曹城街道卫生院");
    BOOST_TEST(town.sync().pulled == 6);
    for (const auto& e : store::AuditLog(*town.db).after(0, 100000)) BOOST_TEST(e.site == town.site());

    // The hub's copy is checked link by link again (jiayi-hub audit): an edited entry shows.
    if (hub.sqlite()) {
        auto hubDb = store::Database::open(hub.databasePath(), hub.storeKey());
        hubDb->exec("UPDATE hub_audit SET user = 'someone-else' WHERE seq = 1500");
    } else {
        sync::pg::Connection(hub.pgConninfo()).exec("UPDATE hub_audit SET usr = 'someone-else' WHERE seq = 1500");
    }
    const auto broken = hub.service().verifyAuditCopy(site());
    BOOST_REQUIRE(broken.has_value());
    BOOST_TEST(broken->seq == 1500);
}

BOOST_AUTO_TEST_CASE(a_chain_edited_removed_reordered_or_with_a_rewritten_change_is_refused_naming_the_entry) {
    // Each way of tampering, at a site of its own; the first entries already at the hub.
    const std::vector<std::string> kinds{"edited", "removed", "reordered", "change rewritten"};
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        BOOST_TEST_CONTEXT(kinds[k]) {
            Station s(dir.file("site" + std::to_string(k) + ".db"), "doctor-west");
            hub.enrol(*s.db, test::kVillageA, "西村卫生室");
            const int n = 3 * static_cast<int>(k);  // each site's people are other people
            s.registry->registerResident(test::registration(person("王五", test::kVillageA, n + 1)));
            s.sync();
            const auto held = hub.store().auditHead(s.site());
            BOOST_REQUIRE_EQUAL(held.seq, 3);
            s.registry->registerResident(test::registration(person("赵六", test::kVillageA, n + 2)));
            s.registry->registerResident(test::registration(person("钱七", test::kVillageA, n + 3)));
            // Entry 5 is changed with sqlite3, as someone with the file could.
            if (kinds[k] == "edited") {
                s.db->exec("UPDATE audit_log SET user = 'someone-else' WHERE seq = 5");
            } else if (kinds[k] == "removed") {
                s.db->exec("DELETE FROM audit_log WHERE seq = 5");
            } else if (kinds[k] == "reordered") {
                s.db->exec("UPDATE audit_log SET seq = -5 WHERE seq = 5");
                s.db->exec("UPDATE audit_log SET seq = 5 WHERE seq = 6");
                s.db->exec("UPDATE audit_log SET seq = 6 WHERE seq = -5");
            } else {
                // The values after an entry names are the change log's: rewriting those breaks it too.
                const auto fifth = store::AuditLog(*s.db).after(4, 1).front();
                BOOST_REQUIRE(fifth.changeSeq > 0);
                s.db->exec("UPDATE change_log SET fields = substr(fields, 1, length(fields) - 1) || ',\"x\":1}' "
                           "WHERE seq = " + std::to_string(fifth.changeSeq) + " AND site = '" + s.site() + "'");
            }
            const auto eventsBefore = hub.store().events().size();
            try {
                s.sync();
                BOOST_FAIL("the hub took a broken chain");
            } catch (const sync::SyncError& e) {
                BOOST_TEST(e.code == "audit_broken");
                BOOST_TEST(std::string(e.what()).find("entry 5 (") != std::string::npos, e.what());
            }
            // Nothing of the batch was stored; the hub's copy still ends where it did.
            BOOST_TEST(hub.store().auditHead(s.site()).seq == held.seq);
            BOOST_TEST(hub.store().auditHead(s.site()).hash == held.hash);
            BOOST_TEST(!hub.service().verifyAuditCopy(s.site()).has_value());
            // The refusal is a hub event naming the site and the entry.
            const auto events = hub.store().events();
            BOOST_REQUIRE_EQUAL(events.size(), eventsBefore + 1);
            BOOST_TEST(events.back()[1] == "audit_refused");
            BOOST_TEST(events.back()[2] == s.site());
            BOOST_TEST(events.back()[3].find("entry 5:") == 0u, events.back()[3]);
            BOOST_TEST(logged(hub, "409 ") >= 1u);
            // The records themselves went on: the hub holds the site's changes.
            BOOST_TEST(hub.store().lastSeq(s.site()) == sync::SyncStore(*s.db).lastOwnSeq());
            BOOST_TEST(sync::syncStatus(*s.db).lastError.find("entry 5 (") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_connection_cut_while_the_hub_answers_then_a_retry_stores_each_entry_once) {
    west.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    west.sync();
    openRecords(*west.db, 2500);
    // Through a proxy that holds the hub's answer to the first audit batch (its body is far
    // larger than any hello or pull request): the hub stores it, the site never hears so.
    e2e::CuttingProxy proxy(hub.port());
    {
        store::Transaction tx(*west.db);
        store::setSiteMeta(*west.db, "sync.hub_url", "https://127.0.0.1:" + std::to_string(proxy.port()));
        tx.commit();
    }
    proxy.holdAnswer(20000);
    const auto answered = logged(hub, "POST /v1/audit 200");
    auto attempt = std::async(std::launch::async, [&] {
        auto db = store::Database::open(dir.file("west.db"));
        sync::HubClient client(*db);
        client.sync();
    });
    for (int waited = 0; logged(hub, "POST /v1/audit 200") == answered; ++waited) {
        BOOST_REQUIRE_MESSAGE(waited < 1500, "the hub never answered the audit batch");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    BOOST_TEST(proxy.holding());
    proxy.dropHeld();
    try {
        attempt.get();
        BOOST_FAIL("a sync whose answer was cut must fail");
    } catch (const sync::SyncError& e) {
        BOOST_TEST(e.code == "network");
    }
    const auto stored = hub.store().auditHead(site()).seq;
    BOOST_TEST(stored == 1003);  // the batch in flight was stored
    // The retry learns what the hub holds and sends the rest only.
    const auto report = west.sync();
    BOOST_TEST(report.auditPushed == local() - stored);
    // Two batches (1,000 and 500) after the one whose answer was lost, none of it again.
    BOOST_TEST(logged(hub, "POST /v1/audit 200") == answered + 3);
    BOOST_TEST(hub.store().auditHead(site()).seq == local());
    BOOST_TEST(hub.store().auditTrail(site(), 0, 100000).size() == static_cast<std::size_t>(local()));
    BOOST_TEST(!hub.service().verifyAuditCopy(site()).has_value());
}

BOOST_AUTO_TEST_CASE(entries_the_hub_holds_sent_again_are_skipped_and_a_rewritten_one_is_refused) {
    west.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    west.sync();
    const auto first = local();
    openRecords(*west.db, 10);
    // A client that did not learn what the hub holds sends the whole trail again (the hello
    // answer says the hub holds nothing): the hub skips what it holds and stores the rest.
    const auto pin = store::siteMeta(*west.db, "sync.hub_pin").value_or("");
    const auto forgetful = [&](const sync::HubRequest& request) {
        auto response = hub.service().handle(request);
        if (request.path == "/v1/hello")
            response.body = std::regex_replace(response.body, std::regex("\"audit_seq\" ?: ?[0-9]+"), "\"audit_seq\":0");
        return response;
    };
    {
        sync::HubClient client(*west.db);
        client.setTransport(forgetful, pin);
        BOOST_TEST(client.sync().auditPushed == 10);
    }
    BOOST_TEST(hub.store().auditHead(site()).seq == first + 10);
    BOOST_TEST(hub.store().auditTrail(site(), 0, 1000).size() == static_cast<std::size_t>(first + 10));
    // An entry the hub holds, rewritten at the site since with its hash made to match:
    // refused, naming it (the hub's copy is the one that counts).
    auto second = store::AuditLog(*west.db).after(1, 1).front();
    second.user = "someone-else";
    second.hash = store::AuditLog::hashOf(second);
    west.db->exec("UPDATE audit_log SET user = 'someone-else', hash = '" + second.hash + "' WHERE seq = 2");
    openRecords(*west.db, 1);
    try {
        sync::HubClient client(*west.db);
        client.setTransport(forgetful, pin);
        client.sync();
        BOOST_FAIL("the hub took a rewritten entry it holds");
    } catch (const sync::SyncError& e) {
        BOOST_TEST(e.code == "audit_broken");
        BOOST_TEST(std::string(e.what()).find("(differs from the copy the hub holds)") != std::string::npos, e.what());
    }
    BOOST_TEST(hub.store().auditHead(site()).seq == first + 10);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(audit_batch)

BOOST_AUTO_TEST_CASE(entries_cross_the_wire_exactly_so_that_their_hashes_recompute_and_malformed_ones_are_refused) {
    store::AuditEntry e;
    e.seq = 1;
    e.at = "2026-12-07T08:00:00.000Z";
    e.site = "0123456789abcdef0123456789abcdef";
    e.user = "wangli";
    e.role = "village_doctor";
    e.action = "update";
    e.table = "resident";
    e.rowId = "01900000-0000-7000-8000-000000000001";
    e.residentId = e.rowId;
    // Quotes, backslashes, a line break and CJK of another plane, as the fields hold them.
    e.detail = "{\"before\":{\"name\":\"𠀀𪚥 \\\"老\\\\王\\\"\",\"note\":\"a\\nb\"}}";
    e.changeSeq = 7;
    e.changeFields = "{\"name\":\"𠀀𪚥\",\"phone\":null,\"weight\":61.5}";
    e.hash = store::AuditLog::hashOf(e);
    auto second = e;
    second.seq = 2;
    second.prev = e.hash;
    second.action = "open";
    second.changeSeq = 0;
    second.changeFields.clear();
    second.hash = store::AuditLog::hashOf(second);
    const auto back = sync::unpackAuditBatch(sync::packAuditBatch({e, second}).body);
    BOOST_REQUIRE_EQUAL(back.size(), 2u);
    BOOST_TEST(back[0].detail == e.detail);
    BOOST_TEST(back[0].changeFields == e.changeFields);
    BOOST_TEST(!store::AuditLog::verifyChain(back).has_value());
    // A batch breaks where an entry does not hold.
    auto changed = back;
    changed[1].user = "someone";
    BOOST_TEST(store::AuditLog::verifyChain(changed)->seq == 2);
    // Strict decoding: no entry at all from a malformed batch.
    BOOST_CHECK_THROW(sync::decodeAuditBatch("{\"v\":1,\"e\":[[1,\"a\"]]}"), sync::ProtocolError);
    BOOST_CHECK_THROW(sync::decodeAuditBatch("{\"v\":2,\"e\":[]}"), sync::ProtocolError);
    auto badHash = sync::encodeAuditBatch({e});
    badHash.replace(badHash.find(e.hash), 64, std::string(64, 'Z'));
    BOOST_CHECK_THROW(sync::decodeAuditBatch(badHash), sync::ProtocolError);
    BOOST_CHECK_THROW(sync::decodeAuditBatch(sync::encodeAuditBatch(std::vector<store::AuditEntry>(1001, e))),
                      sync::ProtocolError);
    BOOST_CHECK_THROW(sync::unpackAuditBatch("not compressed"), sync::ProtocolError);
}

BOOST_AUTO_TEST_SUITE_END()
