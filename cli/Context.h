#pragma once
// What every command gets: its arguments, the open workstation and the output mode.
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "cli/Args.h"
#include "core/services/Accounts.h"
#include "core/services/Workstation.h"

namespace jiayi::cli {

struct Context {
    Context(Args& a, std::ostream& o) : args(a), out(o) {}
    Args& args;
    std::ostream& out;
    bool json = false;
    std::string dbPath;
    std::string user;

    // The site's workstation, opened once. Once the site has users, the first call signs in
    // (a token in JIAYI_TOKEN, or --user / JIAYI_USER with the password from JIAYI_PASSWORD,
    // --password-stdin or typed when asked) and `user` becomes the signed-in login.
    services::Workstation& workstation();
    // Takes a workstation opened already (init --admin, recover): its session is this person's.
    void adopt(std::unique_ptr<services::Workstation> ws);
    // Closes the workstation (a command that replaces the database file underneath).
    void closeWorkstation() { m_ws.reset(); }
    // The signed-in user; empty on a site without users yet.
    std::optional<services::Session> session;
    // The password this person gives: JIAYI_PASSWORD, the first line of stdin with
    // --password-stdin, or typed at the terminal with `prompt` (without echo).
    // `fromEnvironment` false: not JIAYI_PASSWORD (a new password is asked for).
    std::string password(const std::string& prompt, bool fromEnvironment = true);
    // The password signed in with (kept in memory for `user passwd`, which needs it).
    std::string signInPassword;
    // The JSON document given with --json (an object, or "-" for stdin); empty if none.
    std::string jsonInput() const;

private:
    std::unique_ptr<services::Workstation> m_ws;
};

// Options and arguments shared by the commands (each refuses bad input naming the option).
std::optional<Date> dateOption(Context& ctx, const std::string& name);  // YYYY-MM-DD
std::optional<int> intOption(Context& ctx, const std::string& name);
std::optional<double> realOption(Context& ctx, const std::string& name);
// The resident named by positional argument `index` (id, archive or ID number).
model::Resident residentOf(Context& ctx, std::size_t index);

int runResident(Context& ctx, const std::string& action);
int runHousehold(Context& ctx, const std::string& action);
int runInit(Context& ctx);
int runDemo(Context& ctx);
int runSettings(Context& ctx);
int runImport(Context& ctx);
int runValidateId(Context& ctx);
int runVillages(Context& ctx);
int runConflicts(Context& ctx);
int runSync(Context& ctx);
// chronic | followup | plan | worklist | check
int runChronicCommand(Context& ctx, const std::string& command);
int runReferral(Context& ctx);
int runTeam(Context& ctx);
int runContract(Context& ctx);
int runReport(Context& ctx);
int runQuality(Context& ctx);
int runVaccine(Context& ctx);
int runChild(Context& ctx);
int runPregnancy(Context& ctx);
int runUser(Context& ctx);
int runAudit(Context& ctx);
int runBackup(Context& ctx);
int runEncrypt(Context& ctx);
int runRecover(Context& ctx);
// The recovery code of a newly encrypted site, with what it is for (shown once).
void printRecoveryCode(Context& ctx, const std::string& code);

}  // namespace jiayi::cli
