#include "core/demo/DemoContracts.h"

#include <algorithm>
#include <random>

#include "core/rules/Divisions.h"
#include "core/services/Contracts.h"
#include "core/store/ContractRepository.h"
#include "core/store/Database.h"

namespace jiayi::services {

namespace cr = rules::contracts;

namespace {

// Coverage at national-report levels: most priority groups, fewer of the rest.
constexpr double kPrioritySigned = 0.72, kOthersSigned = 0.26;
constexpr std::size_t kChunk = 400;

}  // namespace

ContractDemoSummary createDemoContracts(store::Database& db, const std::vector<demo::DemoVillage>& villages,
                                        const ContractDemoOptions& o) {
    ContractDemoSummary summary;
    std::mt19937_64 rng(o.seed * 7919 + 17);
    const auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    const auto days = [&](int from, int to) { return std::uniform_int_distribution<int>(from, to)(rng); };

    // Teams: the township hospital's doctor leads each; a nurse each; the villages' doctors.
    std::map<std::string, std::string> teamOfVillage;
    Contracts setup(db, Session::bootstrap(o.hospitalDoctor));
    setup.setToday(o.today);
    for (std::size_t first = 0, n = 1; first < villages.size(); first += o.villagesPerTeam, ++n) {
        model::CareTeam team;
        team.name = "家庭医生第" + std::to_string(n) + "团队";
        team.institution = o.hospital;
        team.lead = o.hospitalDoctor;
        std::vector<model::TeamMember> members;
        model::TeamMember nurse;
        nurse.login = "hushi" + std::to_string(n);
        nurse.role = "nurse";
        members.push_back(nurse);
        summary.nurses.push_back(nurse.login);
        for (std::size_t i = first; i < std::min(villages.size(), first + o.villagesPerTeam); ++i) {
            team.villages.push_back(villages[i].code);
            const auto doctor = o.villageDoctors.find(villages[i].code);
            if (doctor == o.villageDoctors.end()) continue;
            model::TeamMember m;
            m.login = doctor->second;
            m.role = "village_doctor";
            if (std::none_of(members.begin(), members.end(), [&](const auto& x) { return x.login == m.login; }))
                members.push_back(m);
        }
        const auto made = setup.createTeam(team, members);
        for (const auto& v : made.team.villages) teamOfVillage[v] = made.team.id;
        ++summary.teams;
    }

    // Who signs: each active resident, by the record's priority groups on the day.
    store::ContractRepository repo(db);
    const auto scope = villages.empty() ? std::string() : rules::divisionPrefix(villages.front().code.substr(0, 9));
    const auto programmes = repo.programmesIn(scope);
    std::map<std::string, std::vector<ContractDraft>> byVillage;
    std::map<std::string, bool> elderlyHome;
    for (const auto& r : repo.residentsIn(scope)) {
        if (!r.birth || !teamOfVillage.count(r.villageCode)) continue;
        cr::PersonFacts facts;
        facts.birth = *r.birth;
        if (const auto p = programmes.find(r.id); p != programmes.end())
            facts.programmes.insert(p->second.begin(), p->second.end());
        if (r.disabled) facts.tags.insert(cr::Group::Disabled);
        const auto groups = cr::priorityGroups(facts, o.today);
        const bool priority = !groups.empty();
        summary.priorityPeople += priority;
        if (!chance(priority ? kPrioritySigned : kOthersSigned)) continue;
        summary.prioritySigned += priority;
        ContractDraft d;
        d.residentId = r.id;
        d.teamId = teamOfVillage[r.villageCode];
        d.doctor = o.villageDoctors.count(r.villageCode) ? o.villageDoctors.at(r.villageCode) : o.hospitalDoctor;
        d.signedOn = addDays(o.today, -days(0, 364));
        d.agreementSigned = true;
        const bool elderly = std::find(groups.begin(), groups.end(), cr::Group::Elderly65) != groups.end();
        const bool chronicPatient = facts.programmes.count("htn") || facts.programmes.count("t2d");
        std::int64_t insured = 0;
        if (elderly && chance(0.35)) {
            d.packages.push_back("elderly_home");
            insured += 4000;  // 40 of its 60 yuan from public funds
            elderlyHome[r.id] = true;
        }
        if (chronicPatient && chance(0.2)) {
            d.packages.push_back("chronic_plus");
            insured += 6000;
        }
        if (insured) d.insuranceFen = insured;
        if (chance(0.08)) d.signedFor = "家属代签";
        byVillage[r.villageCode].push_back(std::move(d));
    }
    for (auto& [village, drafts] : byVillage) {
        const auto& doctor = drafts.front().doctor;
        Contracts signer(db, Session::bootstrap(doctor));
        signer.setToday(o.today);
        std::vector<model::ServiceEntry> services;
        for (std::size_t first = 0; first < drafts.size(); first += kChunk) {
            const std::vector<ContractDraft> chunk(drafts.begin() + static_cast<long>(first),
                                                   drafts.begin() + static_cast<long>(std::min(drafts.size(), first + kChunk)));
            for (const auto& v : signer.signAll(chunk)) {
                ++summary.contracts;
                // A year of delivery beyond the visits: a health-education session for most,
                // home visits without readings for the elderly who bought them.
                const auto& c = v.contract;
                const int elapsed = std::max(0, daysBetween(*c.startOn, o.today));
                model::ServiceEntry e;
                e.residentId = c.residentId;
                e.note = "";
                if (elapsed > 30 && chance(0.6)) {
                    e.item = "health_education";
                    e.mode = "clinic";
                    e.serviceDate = addDays(*c.startOn, days(0, elapsed));
                    services.push_back(e);
                }
                if (elderlyHome.count(c.residentId))
                    for (int k = 0; k < 2; ++k)
                        if (elapsed > 60 && chance(0.55)) {
                            e.item = "home_visit";
                            e.mode = "home";
                            e.serviceDate = addDays(*c.startOn, days(0, elapsed));
                            services.push_back(e);
                        }
            }
        }
        for (std::size_t first = 0; first < services.size(); first += kChunk) {
            signer.recordServices(std::vector<model::ServiceEntry>(
                services.begin() + static_cast<long>(first),
                services.begin() + static_cast<long>(std::min(services.size(), first + kChunk))));
        }
        summary.services += services.size();
    }
    return summary;
}

}  // namespace jiayi::services
