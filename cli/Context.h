#pragma once
// What every command gets: its arguments, the open workstation and the output mode.
#include <iosfwd>
#include <memory>
#include <string>

#include "cli/Args.h"
#include "core/services/Workstation.h"

namespace jiayi::cli {

struct Context {
    Context(Args& a, std::ostream& o) : args(a), out(o) {}
    Args& args;
    std::ostream& out;
    bool json = false;
    std::string dbPath;
    std::string user;

    services::Workstation& workstation();
    // The JSON document given with --json (an object, or "-" for stdin); empty if none.
    std::string jsonInput() const;

private:
    std::unique_ptr<services::Workstation> m_ws;
};

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

}  // namespace jiayi::cli
