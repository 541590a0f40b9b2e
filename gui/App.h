#pragma once
// Start-up of the workstation: command line, display check, translations, database.
// Kept free of wx so main.cpp stays a one-liner that needs no wx headers.
#include <string>
#include <vector>

namespace jiayi::gui {

struct StartOptions {
    std::string dbPath;  // empty = Workstation::defaultDatabasePath()
    std::string lang;    // "zh_CN" (default) or "en"
    std::string user;    // empty = $USER
    bool help = false;
    std::string error;   // set when the command line cannot be understood
};

// Parses `jiayi [--db PATH] [--lang zh_CN|en] [--user NAME]`; JIAYI_LANG gives the
// default language.
StartOptions parseStartOptions(const std::vector<std::string>& args);

// Why no window can be shown (empty when a display is configured).
std::string missingDisplayReason();

// The whole application: returns the process exit code (2 without a display).
int runApplication(int argc, char** argv);

}  // namespace jiayi::gui
