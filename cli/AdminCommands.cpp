// jiayi-cli init | demo | villages | validate-id
#include <unistd.h>

#include <iostream>
#include <ostream>

#include "cli/Context.h"
#include "cli/MoCatalog.h"
#include "core/rules/CodeLists.h"
#include "core/rules/IdNumber.h"
#include "core/rules/FieldChecker.h"
#include "core/demo/DemoData.h"
#include "core/services/Accounts.h"
#include "core/services/SiteAccess.h"
#include "core/store/Database.h"
#include "core/store/Site.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

int runInit(Context& ctx) {
    // --admin LOGIN --name NAME: the site's first administrator (issue 16), with the
    // password given as for signing in; from then on every command signs in.
    // The database is encrypted from then on; the recovery code is shown once.
    std::string recoveryCode;
    if (const auto admin = ctx.args.get("admin")) {
        services::SiteAccess access(ctx.dbPath);
        if (access.needsSignIn()) throw ConflictError(tr("This workstation already has an administrator: sign in"));
        const auto password = ctx.password(format(tr("New password for {0}: "), {*admin}));
        auto created = access.createFirstAdministrator({*admin, ctx.args.get("name", *admin), "", "", password});
        recoveryCode = created.recoveryCode;
        ctx.adopt(std::move(created.workstation));
    }
    auto& ws = ctx.workstation();
    if (const auto file = ctx.args.get("divisions")) ws.loadDivisions(*file);
    if (const auto scope = ctx.args.get("scope")) ws.setScope(*scope);
    const auto villages = ws.villages().size();
    if (ctx.json) {
        ctx.out << "{\"database\":" << jsonString(ctx.dbPath) << ",\"site_id\":"
                << jsonString(ws.siteId()) << ",\"scope\":" << jsonString(ws.scope())
                << ",\"villages\":" << villages << ",\"residents\":"
                << ws.residentCount();
        if (!recoveryCode.empty()) ctx.out << ",\"recovery_code\":" << jsonString(recoveryCode);
        ctx.out << "}\n";
    } else {
        ctx.out << tr("Database") << ": " << ctx.dbPath << "\n"
                << tr("Site") << ": " << ws.siteId() << "\n"
                << tr("Scope") << ": " << (ws.scope().empty() ? tr("all loaded divisions") : ws.placeName(ws.scope())) << "\n"
                << tr("Villages") << ": " << villages << "\n"
                << tr("Residents") << ": " << ws.residentCount() << "\n";
        if (!recoveryCode.empty()) printRecoveryCode(ctx, recoveryCode);
    }
    return 0;
}

void printRecoveryCode(Context& ctx, const std::string& code) {
    ctx.out << "\n"
            << tr("The site is encrypted. Recovery code (write it down or print it, and keep it locked away: "
                  "it opens the site when every password is lost, and it is shown only now):")
            << "\n\n    " << code << "\n\n";
}

int runEncrypt(Context& ctx) {
    ctx.args.allowOnly({"db", "user", "json", "lang", "password-stdin"});
    const char* envUser = std::getenv("JIAYI_USER");
    const auto login = ctx.args.get("user").value_or(envUser && *envUser ? envUser : "");
    if (login.empty()) throw ValidationError("--user", tr("Required: the administrator who encrypts the site"));
    const auto password = ctx.password(format(tr("Password for {0}: "), {login}));
    const auto code = services::SiteAccess(ctx.dbPath).encrypt(login, password);
    if (ctx.json) ctx.out << "{\"encrypted\":true,\"recovery_code\":" << jsonString(code) << "}\n";
    else printRecoveryCode(ctx, code);
    return 0;
}

int runRecover(Context& ctx) {
    ctx.args.allowOnly({"db", "user", "json", "lang", "password-stdin"});
    const char* envUser = std::getenv("JIAYI_USER");
    const auto login = ctx.args.get("user").value_or(envUser && *envUser ? envUser : "");
    if (login.empty()) throw ValidationError("--user", tr("Required: the administrator who gets a new password"));
    std::string code;
    if (const char* env = std::getenv("JIAYI_RECOVERY_CODE"); env && *env) code = env;
    else code = ctx.password(tr("Recovery code: "), false);
    const auto password = ctx.password(format(tr("New password for {0}: "), {login}), true);
    ctx.adopt(services::SiteAccess(ctx.dbPath).recover(code, login, password));
    if (ctx.json) ctx.out << "{\"recovered\":" << jsonString(login) << "}\n";
    else ctx.out << format(tr("{0} has a new password; sign in with it."), {login}) << "\n";
    return 0;
}

int runSettings(Context& ctx) {
    ctx.args.allowOnly({"db", "user", "json", "lang", "clinic-name", "doctor-name"});
    auto& db = ctx.workstation().database();
    const auto clinic = ctx.args.get("clinic-name");
    const auto doctor = ctx.args.get("doctor-name");
    if (clinic || doctor) {
        for (const auto& [option, value] : {std::pair{"--clinic-name", clinic}, std::pair{"--doctor-name", doctor}})
            if (value && rules::trimmed(*value).empty())
                throw ValidationError(option, tr("Required: a name cannot be blank"));
        store::Transaction tx(db);
        if (clinic) store::setClinicName(db, rules::trimmed(*clinic));
        if (doctor) store::setDisplayName(db, ctx.user, rules::trimmed(*doctor));
        tx.commit();
    }
    if (ctx.json) {
        ctx.out << "{\"clinic_name\":" << jsonString(store::clinicName(db)) << ",\"user\":" << jsonString(ctx.user)
                << ",\"doctor_name\":" << jsonString(store::displayName(db, ctx.user)) << "}\n";
    } else {
        ctx.out << tr("Clinic") << ": " << store::clinicName(db) << "\n"
                << format(tr("Name of {0} on slips and printouts"), {ctx.user}) << ": "
                << store::displayName(db, ctx.user) << "\n";
    }
    return 0;
}

int runDemo(Context& ctx) {
    const std::string key = ctx.workstation().database().key();  // signs in where the site has users
    ctx.closeWorkstation();  // the demo replaces the database file when complete
    services::DemoOptions options;
    try {
        options.residents = std::stoul(ctx.args.get("residents", "3000"));
        options.seed = std::stoull(ctx.args.get("seed", "1"));
        options.chronicYears = std::stoi(ctx.args.get("chronic-years", "1"));
    } catch (const std::exception&) {
        throw ValidationError("residents", tr("Give whole numbers for --residents, --seed and --chronic-years"));
    }
    options.townshipCode = ctx.args.get("township", "");
    options.users = ctx.args.has("users");
    if (!ctx.json && isatty(STDERR_FILENO)) {  // a progress line only for a person watching
        options.progress = [](std::size_t done, std::size_t total) {
            std::cerr << "\r" << done << " / " << total << std::flush;
        };
        options.chronicProgress = [](std::size_t done, std::size_t total) {
            std::cerr << "\r" << tr("Chronic care") << " " << done << " / " << total << std::flush;
        };
    }
    services::requireEmptyForDemo(ctx.dbPath, ctx.user, key);  // refused in the user's language
    // What the demo's doctors write (referral reasons, plans in words) is stored in the
    // language they write in, Chinese, whatever language this command speaks.
    installTranslations("zh_CN");
    const auto s = [&] {
        try {
            // All or nothing: a killed demo leaves the database as `init` made it.
            return services::createDemoDatabase(ctx.dbPath, ctx.user, options, key);
        } catch (...) {
            setTranslator(nullptr);
            installTranslations(ctx.args.get("lang").value_or(userLanguage()));
            throw;
        }
    }();
    setTranslator(nullptr);
    installTranslations(ctx.args.get("lang").value_or(userLanguage()));
    // The demo made its users and encrypted the site: its administrator opens it here.
    if (!s.users.empty()) ctx.adopt(services::SiteAccess(ctx.dbPath).signIn("admin", options.password));
    if (ctx.json) {
        ctx.out << "{\"township\":" << jsonString(s.townshipCode) << ",\"name\":"
                << jsonString(s.townshipName) << ",\"villages\":" << s.villages
                << ",\"households\":" << s.households << ",\"residents\":" << s.residents
                << ",\"hypertension\":" << s.hypertension << ",\"diabetes\":" << s.diabetes
                << ",\"managed_patients\":" << s.chronic.patients << ",\"follow_ups\":" << s.chronic.followUps
                << ",\"health_checks\":" << s.chronic.healthChecks << ",\"referrals\":" << s.chronic.referrals
                << ",\"teams\":" << s.contracts.teams << ",\"contracts\":" << s.contracts.contracts
                << ",\"priority_people\":" << s.contracts.priorityPeople
                << ",\"priority_signed\":" << s.contracts.prioritySigned
                << ",\"contract_services\":" << s.contracts.services << ",\"children\":" << s.children.children
                << ",\"vaccine_doses\":" << s.children.doses << ",\"child_visits\":" << s.children.visits
                << ",\"pregnant\":" << s.maternal.pregnant << ",\"recent_deliveries\":" << s.maternal.delivered
                << ",\"maternal_visits\":" << s.maternal.visits;
        if (!s.users.empty()) {
            ctx.out << ",\"password\":" << jsonString(options.password) << ",\"recovery_code\":"
                    << jsonString(s.recoveryCode) << ",\"users\":[";
            for (std::size_t i = 0; i < s.users.size(); ++i)
                ctx.out << (i ? "," : "") << "{\"login\":" << jsonString(s.users[i].login)
                        << ",\"name\":" << jsonString(s.users[i].displayName) << ",\"role\":"
                        << jsonString(s.users[i].role) << ",\"division\":" << jsonString(s.users[i].division) << "}";
            ctx.out << "]";
        }
        ctx.out << "}\n";
    } else {
        if (isatty(STDERR_FILENO)) std::cerr << "\n";
        ctx.out << format(tr("Demo township {0}: {1} villages, {2} households, {3} residents "
                             "({4} with hypertension, {5} with diabetes)"),
                          {s.townshipName, std::to_string(s.villages),
                           std::to_string(s.households), std::to_string(s.residents),
                           std::to_string(s.hypertension), std::to_string(s.diabetes)})
                << "\n";
        if (s.chronic.patients)
            ctx.out << format(tr("Chronic care: {0} patients under management, {1} follow-ups, {2} health checks, "
                                 "{3} referrals; village doctors (worklist --doctor NAME), for example:"),
                              {std::to_string(s.chronic.patients), std::to_string(s.chronic.followUps),
                               std::to_string(s.chronic.healthChecks), std::to_string(s.chronic.referrals)})
                    << "\n";
        if (s.contracts.teams)
            ctx.out << format(tr("Family-doctor contracts: {0} teams, {1} residents signed ({2} of {3} in priority "
                                 "groups), {4} services recorded"),
                              {std::to_string(s.contracts.teams), std::to_string(s.contracts.contracts),
                               std::to_string(s.contracts.prioritySigned), std::to_string(s.contracts.priorityPeople),
                               std::to_string(s.contracts.services)})
                    << "\n";
        if (s.children.children)
            ctx.out << format(tr("Children under 7: {0}, with {1} vaccine doses and {2} health visits ({3} families "
                                 "late, {4} stopped coming)"),
                              {std::to_string(s.children.children), std::to_string(s.children.doses),
                               std::to_string(s.children.visits), std::to_string(s.children.late),
                               std::to_string(s.children.stopped)})
                    << "\n";
        if (s.maternal.pregnant || s.maternal.delivered)
            ctx.out << format(tr("Maternal care: {0} women pregnant, {1} delivered in the last eight weeks, {2} "
                                 "antenatal and postpartum visits ({3} with blood pressure above normal)"),
                              {std::to_string(s.maternal.pregnant), std::to_string(s.maternal.delivered),
                               std::to_string(s.maternal.visits), std::to_string(s.maternal.highBloodPressure)})
                    << "\n";
        std::size_t shown = 0;
        auto& ws = ctx.workstation();
        for (const auto& [village, doctor] : s.chronic.doctors)
            if (shown++ < 5) ctx.out << "  " << ws.placeName(village) << "  " << doctor << "\n";
        if (!s.users.empty()) {
            ctx.out << format(tr("Users of the demo, each with the password {0}:"), {options.password}) << "\n";
            for (const auto& u : s.users) {
                const auto role = rules::roleFromCode(u.role);
                ctx.out << "  " << u.login << "  " << u.displayName << "  "
                        << (role ? rules::roleName(*role) : u.role)
                        << (u.division.empty() ? "" : "  " + ws.placeName(u.division)) << "\n";
            }
            printRecoveryCode(ctx, s.recoveryCode);
        }
    }
    return 0;
}

int runVillages(Context& ctx) {
    auto& ws = ctx.workstation();
    const auto villages = ws.villages();
    if (ctx.json) ctx.out << "[";
    for (std::size_t i = 0; i < villages.size(); ++i) {
        const auto& v = villages[i];
        if (ctx.json) ctx.out << (i ? "," : "") << "{\"code\":" << jsonString(v.code) << ",\"name\":" << jsonString(v.name) << "}";
        else ctx.out << v.code << "  " << ws.placeName(v.code) << "\n";
    }
    if (ctx.json) ctx.out << "]\n";
    return 0;
}

int runValidateId(Context& ctx) {
    const auto id = rules::parseIdNumber(ctx.args.positional(1, tr("the ID number")), today());
    std::optional<Date> birth;
    if (const auto b = ctx.args.get("birth-date")) {
        birth = parseDate(*b);
        if (!birth) throw ValidationError("birth_date", format(tr("\"{0}\" is not a real date (YYYY-MM-DD)"), {*b}));
    }
    std::string sex;
    if (const auto s = ctx.args.get("sex")) {
        const auto code = rules::parseCode("sex", *s);
        if (!code) throw ValidationError("sex", format(tr("\"{0}\" is not one of the allowed codes"), {*s}));
        sex = *code;
    }
    rules::checkIdAgreement(id, sex, birth);
    if (ctx.json) {
        ctx.out << "{\"valid\":true,\"normalized\":" << jsonString(id.normalized)
                << ",\"address_code\":" << jsonString(id.addressCode) << ",\"birth_date\":"
                << jsonString(formatDate(id.birthDate)) << ",\"sex\":" << jsonString(id.male ? "1" : "2")
                << ",\"converted_from_15\":" << (id.convertedFrom15 ? "true" : "false") << "}\n";
    } else {
        ctx.out << tr("Valid ID number") << ": " << id.normalized << "\n"
                << tr("Birth date") << ": " << formatDate(id.birthDate) << "\n"
                << tr("Sex") << ": " << rules::codeLabel("sex", id.male ? "1" : "2") << "\n"
                << tr("Address code") << ": " << id.addressCode << "\n";
    }
    return 0;
}

}  // namespace jiayi::cli
