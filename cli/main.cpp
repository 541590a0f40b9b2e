// jiayi-cli: every service of the workstation from a terminal or a script.
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <iterator>

#include "cli/Context.h"
#include "cli/MoCatalog.h"
#include "core/model/FollowUpFields.h"
#include "core/model/ResidentFields.h"
#include "core/rules/FollowUpForm.h"
#include "core/services/Registry.h"
#include "core/services/SiteAccess.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

services::Workstation& Context::workstation() {
    if (m_ws) return *m_ws;
    services::SiteAccess access(dbPath);
    if (!access.needsSignIn()) {
        // A site without users yet runs as Session::bootstrap(--user) (installation, demo).
        m_ws = services::Workstation::open(dbPath, user);
        return *m_ws;
    }
    // The site has users (and so, once encrypted, opens only for them): who is this?
    const char* token = std::getenv("JIAYI_TOKEN");
    if (token && *token) {
        m_ws = access.signInWithToken(token);
    } else {
        const char* envUser = std::getenv("JIAYI_USER");
        const auto login = args.get("user").value_or(envUser && *envUser ? envUser : "");
        if (login.empty())
            throw SignInError(SignInError::Why::Wrong,
                              tr("Sign in: give --user LOGIN (or JIAYI_USER) and the password (JIAYI_PASSWORD, "
                                 "--password-stdin, or typed when asked), or a token in JIAYI_TOKEN"));
        signInPassword = password(format(tr("Password for {0}: "), {login}));
        m_ws = access.signIn(login, signInPassword);
    }
    session = m_ws->session();
    const bool changing = args.positionals().size() >= 2 && args.positionals()[0] == "user" &&
                          args.positionals()[1] == "passwd";
    if (session->mustChangePassword && !changing) {
        m_ws.reset();
        throw SignInError(SignInError::Why::Wrong,
                          tr("Your password was set by the administrator: change it first (jiayi-cli user passwd)"));
    }
    user = session->login;
    return *m_ws;
}

void Context::adopt(std::unique_ptr<services::Workstation> ws) {
    m_ws = std::move(ws);
    session = m_ws->session();
    user = session->login;
}

std::string Context::password(const std::string& prompt, bool fromEnvironment) {
    if (const char* env = std::getenv("JIAYI_PASSWORD"); fromEnvironment && env && *env) return env;
    std::string line;
    if (args.has("password-stdin")) {
        std::getline(std::cin, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }
    if (!isatty(STDIN_FILENO))
        throw SignInError(SignInError::Why::Wrong,
                          tr("No password given: set JIAYI_PASSWORD, use --password-stdin, or run at a terminal"));
    std::cerr << prompt << std::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
    return line;
}

std::string Context::jsonInput() const {
    const auto value = args.get("json");
    if (!value || *value == "1") return {};
    if (*value == "-")
        return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return *value;
}

namespace {

constexpr const char* kUsage = N_(
    "Usage: jiayi-cli [--db FILE] [--user LOGIN] [--json] COMMAND ...\n"
    "\n"
    "  init [--scope CODE] [--divisions FILE]   create or open the site database\n"
    "  init --admin LOGIN [--name NAME]         the site's first administrator; the site is encrypted\n"
    "                                           and commands sign in from then on\n"
    "  demo [--residents N] [--seed S] [--township CODE] [--users]   a synthetic township (--users:\n"
    "                                           with its users, encrypted)\n"
    "  settings [--clinic-name NAME] [--doctor-name NAME]   the clinic's name and the --user's\n"
    "                                           name as slips and printouts show them\n"
    "  villages                                 list the villages of the site\n"
    "  resident add --name N --sex S --birth-date D [--id-number ID] [--village V]\n"
    "               [--address A | --household H --relation R] [--FIELD VALUE ...]\n"
    "  resident add --json '{\"name\":...}'      the same from a JSON object (or - for stdin)\n"
    "  resident show|edit|close|reopen WHO     WHO: record id, archive number or ID number\n"
    "  resident unmerge WHO                    undo the hub's merge of a duplicate record\n"
    "  resident edit WHO --FIELD VALUE ...      change fields (every form field has a flag)\n"
    "  resident close WHO --status moved|dead|lost [--date D] [--reason TEXT]\n"
    "  resident find TEXT                       name, pinyin (zs), ID/phone digits, archive no\n"
    "  household show|find|create|add-member|set-head|address ...\n"
    "  import FILE.csv [--encoding auto|utf-8|gb18030] [--village V] [--dry-run]\n"
    "  validate-id ID [--sex S] [--birth-date D]\n"
    "  conflicts [list] | keep N | restore N    values that lost a concurrent edit in sync\n"
    "  sync enrol --hub https://HOST:PORT --code CODE [--name NAME]   enrol at the hub once\n"
    "  sync [run] | status                      send and receive changes; show the state\n"
    "  chronic enrol WHO --programme htn|t2d|smi|tb [--on D] | close ID --reason R | list WHO\n"
    "  followup add WHO [--programme htn,t2d] --date D [--mode clinic|home|phone|lost|dead]\n"
    "               [--sbp N --dbp N --weight KG --glucose MMOL ...]   sign a visit by the rules\n"
    "  followup correct ID --reason TEXT [fields]   | followup history WHO\n"
    "  plan WHO [--today D]                     each programme's next date and why\n"
    "  worklist [--scope CODE] [--doctor NAME] [--today D] [--kind overdue|...]\n"
    "  check add WHO --date D [--self-care eating=0,grooming=1,...] [--sbp N ...]\n"
    "  screen add WHO --sbp N --dbp N [--date D] [--waist CM --high-salt ...] | screen status WHO\n"
    "  referral create WHO --to INST --reason TEXT [--urgent] [--consent --send]\n"
    "  referral create --from-followup ID --to INST [--consent --send]\n"
    "  referral send|accept|refuse|return|cancel|close|show ID | list [--inbox|--awaiting|WHO]\n"
    "  team add --name N --lead LOGIN --nurses L,L [--doctors L,L] [--village-doctors L,L] --villages V,V\n"
    "  team list | show TEAM | member TEAM add|remove LOGIN [--role R] | villages TEAM V... | dashboard TEAM\n"
    "  contract sign WHO --team TEAM --agreement [--packages P,P] [--start D] [--insurance YUAN] [--prepare]\n"
    "               [--replaces ID] [--signed-for TEXT]   sign a resident (--replaces: 重签, ends ID)\n"
    "  contract household WHO|HOUSEHOLD --team TEAM --agreement ...   every member, each a contract\n"
    "  contract sign-pending|renew|show|delivery ID | end ID --reason R | list WHO\n"
    "  contract agreement ID [--pdf FILE]       the agreement (协议书) to print, as A4 PDF\n"
    "  contract service WHO --item CODE [--date D] [--mode clinic|home|phone]   a service delivered\n"
    "  contract tag WHO GROUP [--off] | coverage [--scope CODE] | review [--keep ID] | packages\n"
    "  report [indicators] [--scope CODE] [--period 2025|2025-Q2|2025-06|D..D] [--doctor LOGIN]\n"
    "               [--by-division] [--monthly] [--xlsx FILE] [--pdf FILE]   supervision indicators\n"
    "  report members INDICATOR [--scope CODE] [--period P] [--doctor LOGIN] [--xlsx FILE]   who counts\n"
    "  report explain WHO [--period P]          which records counted for a resident, or why not\n"
    "  report settings [NAME VALUE] | population [VILLAGE --count N] [--year Y]   definitions' settings\n"
    "  quality scan [--scope CODE] [--period P]   signals of fabricated or careless follow-up\n"
    "  quality sample --size N --reviewers L,L [--weighted] [--scope CODE] [--period P]   review cases\n"
    "  quality verify CASE --method phone|home --outcome confirmed|not_confirmed|data_error [--sbp N\n"
    "               --dbp N --glucose MMOL] [--note TEXT] | send-back CASE --note TEXT | close CASE\n"
    "  quality cases [--state S] [--reviewer L] | show CASE | requests | scores [--by doctor|village]\n"
    "  child visit WHO --visit newborn|m1|m3|…|y6 --weight KG --length CM [--head CM] [--date D]\n"
    "               [--discharge D] [--feeding F] [--development normal|warning] [--guidance G,G]\n"
    "  child timeline WHO | due [--scope CODE] [--date D]   children 0-6: visits, growth, doses\n"
    "  pregnancy register WHO --lmp D --gravidity N --parity N [--risks R,R]   a pregnancy (EDD = LMP + 280 d)\n"
    "  pregnancy visit ID --visit an1…an5|pp_home|pp42 --sbp N --dbp N [--weight KG] [--glucose MMOL]\n"
    "               [--hemoglobin G/L] [--date D] | referral VISIT [--to INSTITUTION --consent --send]\n"
    "  pregnancy deliver ID --date D --place P --mode M --babies 女[,男] [--names N,N] [--discharge D]\n"
    "  pregnancy end ID --reason miscarriage|termination|other [--date D] | show ID|WHO | due [--scope CODE]\n"
    "  vaccine record WHO --vaccine CODE --dose N --batch B --site S [--date D] [--by WHO]   a dose given\n"
    "  vaccine card WHO [--pdf FILE] | due [--scope CODE] [--date D] | void ID --reason TEXT\n"
    "  vaccine schedule [--edition E] | edition [2021|2025]   the national schedule, the site's edition\n"
    "  user add LOGIN --name N --role ROLE [--division CODE] | list | passwd | reset LOGIN\n"
    "  user disable|enable LOGIN | rename LOGIN|ID NEW | token LOGIN --name N | revoke-token --name N\n"
    "  audit verify | history WHO               the audit trail: intact? who did what when\n"
    "  backup [now] [--to FOLDER] | folder FOLDER | list | restore FILE   copies of this site\n"
    "  user recovery-code                       a new recovery code (the old one stops working)\n"
    "  encrypt --user ADMIN                     encrypt a site made before encryption at rest\n"
    "  recover --user ADMIN                     every password lost: the recovery code\n"
    "                                           ($JIAYI_RECOVERY_CODE or typed) sets a new one\n"
    "\n"
    "The database is --db, else $JIAYI_DB, else ~/.local/share/jiayi/jiayi.db.\n"
    "Once the site has users: --user LOGIN (or $JIAYI_USER) with $JIAYI_PASSWORD, --password-stdin\n"
    "or the password typed when asked; scripts use a token in $JIAYI_TOKEN.\n"
    "See docs/cli.md for every command and field.\n");

const std::set<std::string> kFlags = {"json", "dry-run", "confirm-not-duplicate", "help", "password-stdin",
                                      "accept-likely-duplicates", "adverse-hard", "complication", "pregnant",
                                      "cannot-handle", "urgent", "consent", "send", "inbox", "outbox", "awaiting",
                                      "high-salt", "users", "agreement", "prepare", "off", "by-division",
                                      "monthly", "weighted"};

int dispatch(Context& ctx) {
    const auto& p = ctx.args.positionals();
    if (p.empty() || ctx.args.has("help")) {
        std::cout << tr(kUsage);
        return p.empty() && !ctx.args.has("help") ? 2 : 0;
    }
    const auto& command = p[0];
    if (command == "init") return runInit(ctx);
    if (command == "demo") return runDemo(ctx);
    if (command == "settings") return runSettings(ctx);
    if (command == "villages") return runVillages(ctx);
    if (command == "import") return runImport(ctx);
    if (command == "validate-id") return runValidateId(ctx);
    if (command == "conflicts") return runConflicts(ctx);
    if (command == "sync") return runSync(ctx);
    if (command == "resident") return runResident(ctx, ctx.args.positional(1, tr("the action")));
    if (command == "household") return runHousehold(ctx, ctx.args.positional(1, tr("the action")));
    if (command == "chronic" || command == "followup" || command == "plan" || command == "worklist" ||
        command == "check" || command == "screen")
        return runChronicCommand(ctx, command);
    if (command == "referral") return runReferral(ctx);
    if (command == "team") return runTeam(ctx);
    if (command == "contract") return runContract(ctx);
    if (command == "report") return runReport(ctx);
    if (command == "quality") return runQuality(ctx);
    if (command == "vaccine") return runVaccine(ctx);
    if (command == "child") return runChild(ctx);
    if (command == "pregnancy") return runPregnancy(ctx);
    if (command == "user") return runUser(ctx);
    if (command == "audit") return runAudit(ctx);
    if (command == "backup") return runBackup(ctx);
    if (command == "encrypt") return runEncrypt(ctx);
    if (command == "recover") return runRecover(ctx);
    throw UsageError(format(tr("Unknown command: {0}"), {command}));
}

// The option the person typed for a model field ("diastolic" → "--dbp"), else "".
std::string optionFor(const Args* args, const std::string& field) {
    // Follow-up fields name their option in model::followUpFields(); these are the others.
    static const std::pair<const char*, const char*> kRenamed[] = {
        {"enrolled_on", "on"}, {"notified_on", "notified-on"}, {"screened_on", "date"}, {"self_care", "self-care"},
        {"check_date", "date"}};
    if (!args || field.empty()) return {};
    if (field.starts_with("--")) return field;
    std::string option = field;
    if (const auto* f = model::findFollowUpField(field.substr(0, field.find('.'))); f && f->option)
        option = f->option;
    for (const auto& [model, typed] : kRenamed)
        if (field == model) option = typed;
    std::replace(option.begin(), option.end(), '_', '-');
    return args->has(option) ? "--" + option : std::string();
}

void reportError(Context* ctx, const std::string& field, const std::string& reason, const Args* args = nullptr) {
    if (ctx) args = &ctx->args;
    auto label = field.empty() ? std::string() : model::fieldLabel(field);
    if (label == field) {
        const auto formLabel = rules::formFieldLabel(field);
        if (!formLabel.empty()) label = formLabel;
    }
    // Name what the person typed (--dbp), else the field.
    const auto option = optionFor(args, field);
    const auto named = !option.empty() ? option : field;
    std::cerr << "jiayi-cli: " << (field.empty() ? "" : (label != named ? label + " (" + named + ")" : named) + ": ")
              << reason << "\n";
    if (ctx && ctx->json) {
        std::cout << "{\"error\":{\"field\":" << jsonString(field) << ",\"reason\":"
                  << jsonString(reason) << "}}\n";
    }
}

}  // namespace
}  // namespace jiayi::cli

int main(int argc, char** argv) {
    using namespace jiayi;
    using namespace jiayi::cli;
    std::unique_ptr<Args> args;
    std::unique_ptr<Context> ctx;
    try {
        args = std::make_unique<Args>(argc, argv, kFlags);
        installTranslations(args->get("lang").value_or(userLanguage()));
        ctx.reset(new Context{*args, std::cout});
        ctx->json = args->has("json");
        ctx->dbPath = args->get("db", services::Workstation::defaultDatabasePath().string());
        const char* user = std::getenv("USER");
        ctx->user = args->get("user", user && *user ? user : "local");
        return dispatch(*ctx);
    } catch (const UsageError& e) {
        reportError(ctx.get(), "", e.what());
        std::cerr << tr("Run jiayi-cli --help for the commands.") << "\n";
        return 2;
    } catch (const ValidationError& e) {
        reportError(ctx.get(), e.field(), e.reason());
        for (std::size_t i = 1; i < e.errors().size(); ++i)
            reportError(nullptr, e.errors()[i].field, e.errors()[i].reason, args.get());
        return 1;
    } catch (const ConflictError& e) {
        reportError(ctx.get(), "", e.what());
        return 1;
    } catch (const NotFoundError& e) {
        reportError(ctx.get(), "", e.what());
        return 1;
    } catch (const SignInError& e) {
        reportError(ctx.get(), "", e.what());
        return 4;
    } catch (const PermissionError& e) {
        reportError(ctx.get(), "", e.what());
        return 4;
    } catch (const KeyError& e) {
        reportError(ctx.get(), "", e.what());
        return 4;
    } catch (const std::exception& e) {
        reportError(ctx.get(), "", e.what());
        return 3;
    }
}
