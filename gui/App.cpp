#include "gui/App.h"

#include <wx/app.h>
#include <wx/init.h>
#include <wx/log.h>
#include <wx/msgdlg.h>

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "core/services/Accounts.h"
#include "core/services/Workstation.h"
#include "core/services/SiteAccess.h"
#include "core/store/Database.h"
#include "gui/FirstAdminDialog.h"
#include "gui/MainFrame.h"
#include "gui/SignInDialog.h"
#include "gui/Translations.h"
#include "gui/WxText.h"

namespace jiayi::gui {

StartOptions parseStartOptions(const std::vector<std::string>& args) {
    StartOptions o;
    const char* envLang = std::getenv("JIAYI_LANG");
    o.lang = envLang && *envLang ? envLang : "zh_CN";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size()) o.error = a + " needs a value";
            else out = args[++i];
        };
        if (a == "--db") value(o.dbPath);
        else if (a == "--lang") value(o.lang);
        else if (a == "--user") value(o.user);
        else if (a == "--help" || a == "-h") o.help = true;
        else o.error = "unknown option " + a;
    }
    if (o.lang != "en" && o.lang != "zh_CN" && o.error.empty())
        o.error = "--lang must be zh_CN or en";
    return o;
}

std::string missingDisplayReason() {
    const char* x = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((x && *x) || (wayland && *wayland)) return {};
    return "DISPLAY is not set";
}

namespace {

class JiayiApp : public wxApp {
public:
    explicit JiayiApp(StartOptions options) : m_options(std::move(options)) {}

    bool OnInit() override {
        setupTranslations(m_options.lang);
        SetAppDisplayName(_("Jiayi Village Clinic"));
        const auto path = m_options.dbPath.empty()
                              ? services::Workstation::defaultDatabasePath()
                              : std::filesystem::path(m_options.dbPath);
        try {
            services::SiteAccess access(path);
            if (access.needsSignIn()) {
                // A site with users: sign in first, which also unlocks the encrypted records
                // (docs/security.md); Cancel closes the program.
                SignInDialog dialog(nullptr, access, m_options.user);
                if (dialog.ShowModal() != wxID_OK || !dialog.session()) return false;
                m_workstation = dialog.takeWorkstation();
            } else {
                // The first start: whoever installs the workstation becomes its administrator.
                FirstAdminDialog dialog(nullptr, access);
                if (dialog.ShowModal() != wxID_OK) return false;
                m_workstation = dialog.takeWorkstation();
                showRecoveryCode(nullptr, dialog.recoveryCode());
            }
        } catch (const std::exception& e) {
            wxMessageBox(wxString::Format(_("The database %s cannot be opened:\n%s"),
                                          toWx(path.string()), toWx(e.what())),
                         _("Jiayi"), wxOK | wxICON_ERROR);
            return false;
        }
        m_path = path;
        showMainFrame();
        return true;
    }

    void showMainFrame() {
        auto* frame = new MainFrame(*m_workstation, toWx(m_path.string()));
        frame->onSwitchUser([this, frame](const services::Session& session) { switchUser(frame, session); });
        frame->Show();
        SetTopWindow(frame);
    }

    // Another user took the PC at the lock: a window of their own on the same site (a new
    // connection with the same key). The old window's workstation lives until the program
    // ends, since the window is deleted later, when idle.
    void switchUser(MainFrame* old, const services::Session& session) {
        try {
            auto next = services::Workstation::open(store::Database::open(m_path, m_workstation->database().key()),
                                                    session);
            m_retired.push_back(std::move(m_workstation));
            m_workstation = std::move(next);
            showMainFrame();
            old->Destroy();
        } catch (const std::exception& e) {
            wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR);
            old->Close(true);
        }
    }

    int OnExit() override {
        m_workstation.reset();
        m_retired.clear();
        return wxApp::OnExit();
    }

private:
    StartOptions m_options;
    std::filesystem::path m_path;
    std::unique_ptr<services::Workstation> m_workstation;
    std::vector<std::unique_ptr<services::Workstation>> m_retired;
};

}  // namespace

int runApplication(int argc, char** argv) {
    const auto options = parseStartOptions(std::vector<std::string>(argv + 1, argv + argc));
    if (options.help || !options.error.empty()) {
        if (!options.error.empty()) std::fprintf(stderr, "jiayi: %s\n", options.error.c_str());
        std::fprintf(options.help ? stdout : stderr,
                     "usage: jiayi [--db PATH] [--lang zh_CN|en] [--user NAME]\n");
        return options.help ? 0 : 1;
    }
    // Checked before wxEntry: GTK would otherwise print several warnings and fail.
    if (const auto reason = missingDisplayReason(); !reason.empty()) {
        std::fprintf(stderr,
                     "jiayi: no graphical display (%s); use jiayi-cli, or run under a desktop "
                     "or xvfb-run\n",
                     reason.c_str());
        return 2;
    }
    wxApp::SetInstance(new JiayiApp(options));
    // Only the program name goes to wx: our options are parsed above.
    int wxArgc = 1;
    char* wxArgv[] = {argv[0], nullptr};
    if (!wxEntryStart(wxArgc, wxArgv)) {
        std::fprintf(stderr, "jiayi: no graphical display (cannot connect to %s); use jiayi-cli, "
                             "or run under a desktop or xvfb-run\n",
                     std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "the display");
        return 2;
    }
    int code = 1;
    if (wxTheApp->CallOnInit()) {
        code = wxTheApp->OnRun();
        wxTheApp->OnExit();
    }
    wxEntryCleanup();
    return code;
}

}  // namespace jiayi::gui
