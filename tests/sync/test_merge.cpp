// Merging changes between site databases without transport: a hub and sites that push
// their own entries and pull everyone else's, in random orders.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <random>

#include "../core/TestSupport.h"
#include "core/store/Site.h"
#include "sync/ConflictReview.h"
#include "sync/Merge.h"
#include "sync/SyncStore.h"

using namespace jiayi;

namespace {

struct Site {
    std::unique_ptr<store::Database> db;
    std::unique_ptr<services::Registry> registry;
    std::string id;
};

struct Network {
    test::TempDir dir;
    Site hub;
    std::vector<Site> sites;

    explicit Network(int count) {
        hub = open("hub");
        for (int i = 0; i < count; ++i) sites.push_back(open("site" + std::to_string(i)));
    }
    Site open(const std::string& name) {
        Site s;
        s.db = store::Database::open(dir.file(name + ".db"));
        test::loadTestDivisions(*s.db);
        store::Transaction tx(*s.db);
        store::ArchiveNumbers numbers(*s.db);
        numbers.setAuthority(false);
        // Disjoint archive blocks, as the hub would grant them.
        static std::int64_t next = 1;
        for (const char* v : {test::kVillageA, test::kVillageB}) {
            numbers.accept({v, next, next + 999}, "hub");
        }
        next += 1000;
        tx.commit();
        s.id = store::siteId(*s.db);
        s.registry = std::make_unique<services::Registry>(*s.db, services::Session::bootstrap(name));
        return s;
    }
    void push(Site& s) {
        const auto from = sync::SyncStore(*hub.db).cursor(s.id);
        sync::applyChanges(*hub.db, store::changesSince(*s.db, s.id, from, 1000000));
    }
    void pull(Site& s) {
        const auto cursors = sync::SyncStore(*s.db).allCursors();
        sync::applyChanges(*s.db, sync::SyncStore(*hub.db).entriesFor(s.id, cursors, 1000000));
    }
};

std::string dump(store::Database& db) {
    store::Statement st(db, "SELECT id, name, phone, employer, status, fv FROM resident ORDER BY id");
    std::string out;
    while (st.step()) {
        for (int i = 0; i < 6; ++i) out += st.text(i) + "|";
        out += "\n";
    }
    return out;
}

model::Resident person(const std::string& name, int n) {
    auto r = test::sampleResident();
    r.idNumber.clear();
    r.name = name;
    r.birthDate = parseDate("19" + std::to_string(40 + n % 50) + "-0" + std::to_string(1 + n % 9) + "-1" + std::to_string(n % 9));
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(merge)

BOOST_AUTO_TEST_CASE(a_registration_reaches_every_site_and_a_repeated_batch_changes_nothing) {
    Network net(2);
    auto r = net.sites[0].registry->registerResident(test::registration(person("王五", 1)));
    net.push(net.sites[0]);
    const auto before = dump(*net.hub.db);
    net.push(net.sites[0]);  // the same batch again
    const auto again = sync::applyChanges(
        *net.hub.db, store::changesSince(*net.sites[0].db, net.sites[0].id, 0, 1000));
    BOOST_TEST(again.applied == 0u);
    BOOST_TEST(again.skipped > 0u);
    BOOST_TEST(dump(*net.hub.db) == before);
    net.pull(net.sites[1]);
    BOOST_TEST(dump(*net.sites[1].db) == before);
    BOOST_TEST(net.sites[1].registry->find("ww").front().id == r.id);  // searchable there
}

BOOST_AUTO_TEST_CASE(a_gap_in_a_sites_changes_is_refused_and_nothing_written) {
    Network net(1);
    auto& s = net.sites[0];
    s.registry->registerResident(test::registration(person("王五", 1)));
    s.registry->registerResident(test::registration(person("赵六", 2), "西村2组"));
    auto entries = store::changesSince(*s.db, s.id, 0, 1000);
    entries.erase(entries.begin());
    const auto before = dump(*net.hub.db);
    BOOST_CHECK_THROW(sync::applyChanges(*net.hub.db, entries), StorageError);
    BOOST_TEST(dump(*net.hub.db) == before);
    BOOST_TEST(sync::SyncStore(*net.hub.db).cursor(s.id) == 0);
}

BOOST_AUTO_TEST_CASE(sequential_edit_is_no_conflict_concurrent_edit_keeps_the_loser) {
    Network net(2);
    auto& a = net.sites[0];
    auto& b = net.sites[1];
    auto r = a.registry->registerResident(test::registration(person("王五", 1)));
    net.push(a);
    net.pull(b);
    // b edits after seeing a's value: sequential.
    auto rb = b.registry->get(r.id);
    rb.phone = "13911111111";
    b.registry->edit(rb);
    net.push(b);
    net.pull(a);
    BOOST_TEST(a.registry->get(r.id).phone == "13911111111");
    BOOST_TEST(sync::SyncStore(*a.db).conflicts().empty());
    BOOST_TEST(sync::SyncStore(*net.hub.db).conflicts().empty());
    // Now both edit the phone offline: concurrent.
    auto ra = a.registry->get(r.id);
    ra.phone = "13922222222";
    a.registry->edit(ra);
    rb = b.registry->get(r.id);
    rb.phone = "13933333333";
    b.registry->edit(rb);
    for (auto* s : {&a, &b}) net.push(*s);
    for (auto* s : {&a, &b}) net.pull(*s);
    const auto winner = net.hub.registry->get(r.id).phone;
    BOOST_TEST(a.registry->get(r.id).phone == winner);
    BOOST_TEST(b.registry->get(r.id).phone == winner);
    const auto conflicts = sync::SyncStore(*net.hub.db).conflicts();
    BOOST_REQUIRE(conflicts.size() == 1u);
    BOOST_TEST(conflicts[0].field == "phone");
    const auto lost = std::get<std::string>(conflicts[0].lostValue);
    BOOST_TEST((lost == "13922222222" || lost == "13933333333"));
    BOOST_TEST(lost != winner);

    // A person restores the value that lost: an ordinary change that reaches every site.
    sync::ConflictReview review(*net.hub.db, "supervisor");
    const auto open = review.open();
    BOOST_REQUIRE(open.size() == 1u);
    BOOST_TEST(open[0].lostText == lost);
    BOOST_TEST(open[0].rowLabel.find("王五") != std::string::npos);
    review.restoreLost(open[0].conflict.id);
    BOOST_TEST(review.open().empty());
    BOOST_CHECK_THROW(review.restoreLost(open[0].conflict.id), NotFoundError);
    BOOST_TEST(net.hub.registry->get(r.id).phone == lost);
    for (auto* s : {&a, &b}) net.pull(*s);
    BOOST_TEST(a.registry->get(r.id).phone == lost);
    BOOST_TEST(b.registry->get(r.id).phone == lost);
    BOOST_TEST(b.registry->find(lost.substr(7)).front().id == r.id);  // search follows
}

BOOST_AUTO_TEST_CASE(random_edits_and_sync_orders_converge_and_lose_no_value) {
    for (unsigned seed = 1; seed <= 12; ++seed) {
        BOOST_TEST_CONTEXT("seed " << seed) {
            Network net(4);
            std::mt19937_64 rng(seed);
            auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
            std::vector<std::string> ids;
            int counter = 0;
            for (int step = 0; step < 120; ++step) {
                auto& s = net.sites[pick(net.sites.size())];
                const auto action = pick(10);
                if (action < 3 || ids.empty()) {
                    static const char* given[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"};
                    const std::string name = std::string("李") + given[counter % 10] + given[(counter / 10) % 10];
                    auto reg = test::registration(person(name, counter),
                                                  "西村" + std::to_string(counter) + "号");
                    reg.confirmedNotDuplicate = true;
                    ++counter;
                    ids.push_back(s.registry->registerResident(reg).id);
                } else if (action < 7) {
                    const auto& id = ids[pick(ids.size())];
                    try {
                        auto r = s.registry->get(id);
                        if (pick(2)) r.phone = "139" + std::to_string(10000000 + pick(89999999));
                        else r.employer = "单位" + std::to_string(pick(1000));
                        s.registry->edit(r);
                    } catch (const NotFoundError&) {
                        // not at this site yet
                    }
                } else if (action < 9) {
                    net.push(s);
                } else {
                    net.pull(s);
                }
            }
            for (auto& s : net.sites) net.push(s);
            for (auto& s : net.sites) net.pull(s);
            const auto hub = dump(*net.hub.db);
            for (auto& s : net.sites) BOOST_TEST(dump(*s.db) == hub);

            // Every value ever written is current, was replaced by someone who saw it (it is
            // the base of a later write), or is in the conflict log.
            std::set<std::string> replaced, lost;
            store::Statement log(*net.hub.db, "SELECT coalesce(base, '') FROM change_log");
            while (log.step()) {
                if (log.text(0).empty()) continue;
                auto o = Poco::JSON::Parser().parse(log.text(0)).extract<Poco::JSON::Object::Ptr>();
                for (const auto& [field, version] : *o) replaced.insert(field + "=" + version.toString());
            }
            for (const auto& c : sync::SyncStore(*net.hub.db).conflicts())
                lost.insert(c.field + "=" + c.lostVersion);
            store::Statement writes(*net.hub.db,
                                    "SELECT site, hlc, fields, row_id FROM change_log WHERE tbl = 'resident' AND op = 'update'");
            std::size_t checked = 0;
            while (writes.step()) {
                const auto version = store::versionString(writes.integer(1), writes.text(0));
                auto o = Poco::JSON::Parser().parse(writes.text(2)).extract<Poco::JSON::Object::Ptr>();
                store::Statement fv(*net.hub.db, "SELECT fv FROM resident WHERE id = '" + writes.text(3) + "'");
                BOOST_REQUIRE(fv.step());
                const auto current = store::FieldVersions::parse(fv.text(0));
                for (const auto& [field, value] : *o) {
                    const auto key = field + "=" + version;
                    BOOST_TEST((current.of(field) == version || replaced.count(key) || lost.count(key)),
                               "value of " << field << " at " << version << " is lost");
                    ++checked;
                }
            }
            BOOST_TEST(checked > 0u);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
