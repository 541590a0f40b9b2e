// Signing in at the workstation and the idle lock (issue 16, docs/security.md), in the real
// windows: a wrong password is refused in words, a first password is changed before
// anything opens, and a screen left alone hides its patients until the same user signs in.
#include <boost/test/unit_test.hpp>

#include <wx/timer.h>

#include <optional>

#include "GuiTestSupport.h"
#include "core/services/Accounts.h"
#include "core/services/SiteAccess.h"
#include "core/store/Database.h"
#include "gui/FirstAdminDialog.h"
#include "gui/MainFrame.h"
#include "gui/SignInDialog.h"
#include "gui/WxText.h"

using namespace jiayi;
using gui::toWx;
using test::pump;

namespace {

struct SignInFixture : test::SiteFixture {
    services::Accounts accounts{ws->database()};
    services::Session admin;
    std::string doctorFirst = "Doctor-first-1";

    SignInFixture() {
        admin = accounts.createFirstAdministrator({"admin", "王管理", "", "", "Admin-pass-2026"});
        accounts.addUser(admin, {"zhangsan", "张三医生", "village_doctor", "", doctorFirst});
    }
    gui::SignInDialog* open(const std::string& login = {}, bool locked = false) {
        auto* dialog = new gui::SignInDialog(nullptr, ws->database(), login, locked);
        dialog->Show();
        pump(150);
        return dialog;
    }
    static void type(gui::SignInDialog* d, const char* login, const char* password) {
        if (d->loginCtrl()->IsEnabled()) d->loginCtrl()->SetValue(login);
        d->passwordCtrl()->SetValue(toWx(password));
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sign_in, SignInFixture)

BOOST_AUTO_TEST_CASE(a_wrong_password_is_refused_in_words_and_the_right_one_signs_in) {
    auto* dialog = open();
    BOOST_TEST(!dialog->submit());  // nothing typed
    BOOST_TEST(!dialog->errorLabel()->GetLabel().empty());
    type(dialog, "admin", "not-the-password");
    BOOST_TEST(!dialog->submit());
    BOOST_TEST(dialog->errorLabel()->GetLabel() == wxGetTranslation("Wrong login or password"));
    BOOST_TEST(dialog->passwordCtrl()->GetValue().empty());  // cleared for the next try
    test::screenshot(dialog, "sign-in-error");
    type(dialog, "admin", "Admin-pass-2026");
    BOOST_TEST(dialog->submit());
    BOOST_REQUIRE(dialog->session());
    BOOST_TEST(dialog->session()->displayName == "王管理");
    dialog->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(five_wrong_passwords_lock_the_login_and_say_for_how_long) {
    auto* dialog = open("zhangsan");
    for (int i = 0; i < 5; ++i) {
        type(dialog, "zhangsan", "wrong-one");
        BOOST_TEST(!dialog->submit());
    }
    BOOST_TEST(dialog->errorLabel()->GetLabel().Contains("30"));
    type(dialog, "zhangsan", "Doctor-first-1");
    BOOST_TEST(!dialog->submit());  // locked: even the right password waits
    dialog->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(a_first_password_is_changed_before_anything_opens) {
    auto* dialog = open();
    type(dialog, "zhangsan", doctorFirst.c_str());
    BOOST_TEST(!dialog->submit());  // signed in, but must choose a password first
    BOOST_TEST(dialog->changingPassword());
    BOOST_TEST(!dialog->passwordCtrl()->IsEnabled());
    test::screenshot(dialog, "sign-in-new-password");
    dialog->newPasswordCtrl()->SetValue("Zhang-own-2026");
    dialog->repeatCtrl()->SetValue("Zhang-own-2027");
    BOOST_TEST(!dialog->submit());  // the two differ
    BOOST_TEST(!dialog->errorLabel()->GetLabel().empty());
    dialog->repeatCtrl()->SetValue("Zhang-own-2026");
    BOOST_TEST(dialog->submit());
    BOOST_TEST(!dialog->session()->mustChangePassword);
    BOOST_TEST(!accounts.signIn("zhangsan", "Zhang-own-2026").mustChangePassword);
    dialog->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(a_screen_left_alone_hides_its_patients_until_the_same_user_signs_in) {
    accounts.resetPassword(admin, "zhangsan", "Temp-pass-123");
    auto signedIn = accounts.signIn("zhangsan", "Temp-pass-123");
    accounts.changePassword(signedIn, "Temp-pass-123", "Zhang-own-2026");
    signedIn.mustChangePassword = false;
    auto doctorWs = services::Workstation::open(dir.file("jiayi.db"), signedIn);
    auto* frame = new gui::MainFrame(*doctorWs, "jiayi.db");
    frame->Show();
    pump(300);
    BOOST_TEST(frame->GetStatusBar()->GetStatusText(1).Contains(toWx("张三医生")));
    BOOST_TEST(frame->idleLockSeconds() == 600);  // 10 minutes unless the site says otherwise
    bool contentHidden = false, loginFixed = false, othersRefused = false;
    wxTimer poll;
    poll.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
        auto* lock = test::findOpenDialog<gui::SignInDialog>();
        if (!lock) return;
        poll.Stop();
        pump(200);
        contentHidden = !frame->searchBox()->IsShownOnScreen();
        loginFixed = !lock->loginCtrl()->IsEnabled() && lock->loginCtrl()->GetValue() == "zhangsan";
        test::screenshot(frame, "locked-screen");
        test::screenshot(lock, "locked");
        // The administrator's password does not open the doctor's session.
        lock->passwordCtrl()->SetValue("Admin-pass-2026");
        othersRefused = !lock->submit();
        lock->passwordCtrl()->SetValue("Zhang-own-2026");
        if (lock->submit()) lock->EndModal(wxID_OK);
        else lock->EndModal(wxID_CANCEL);
    });
    poll.Start(100);
    const bool unlocked = frame->lockNow();
    BOOST_TEST(unlocked);
    BOOST_TEST(contentHidden);
    BOOST_TEST(loginFixed);
    BOOST_TEST(othersRefused);
    pump(100);
    BOOST_TEST(frame->searchBox()->IsShownOnScreen());
    frame->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_SUITE_END()

// The first start on a site without users: the administrator is made, the site encrypted,
// the recovery code shown; the next start signs in, which unlocks it.
BOOST_AUTO_TEST_SUITE(first_start)

BOOST_AUTO_TEST_CASE(the_first_administrator_is_made_and_the_site_encrypted) {
    test::TempDir dir;
    const auto path = dir.file("new.db");
    services::SiteAccess access(path);
    BOOST_TEST(!access.needsSignIn());
    auto* dialog = new gui::FirstAdminDialog(nullptr, access);
    dialog->Show();
    pump(150);
    BOOST_TEST(!dialog->submit());  // nothing typed: the login is named
    BOOST_TEST(dialog->errorLabel()->GetLabel().Contains(_("Login")));
    dialog->loginCtrl()->SetValue("admin");
    dialog->nameCtrl()->SetValue(toWx("王管理"));
    dialog->passwordCtrl()->SetValue("short");
    dialog->repeatCtrl()->SetValue("shorter");
    BOOST_TEST(!dialog->submit());
    BOOST_TEST(dialog->errorLabel()->GetLabel() == _("The two passwords differ"));
    dialog->repeatCtrl()->SetValue("short");
    BOOST_TEST(!dialog->submit());
    BOOST_TEST(dialog->errorLabel()->GetLabel().Contains(wxGetTranslation("A password has at least 8 characters")));
    BOOST_TEST(!std::filesystem::exists(path));  // nothing written by the refusals
    test::screenshot(dialog, "first-admin");
    dialog->passwordCtrl()->SetValue("Admin-pass-2026");
    dialog->repeatCtrl()->SetValue("Admin-pass-2026");
    BOOST_TEST(dialog->submit());
    auto ws = dialog->takeWorkstation();
    BOOST_REQUIRE(ws);
    BOOST_TEST(ws->session().login == "admin");
    BOOST_TEST(dialog->recoveryCode().size() == 29u);
    BOOST_TEST(store::Database::isEncrypted(path));
    dialog->Destroy();
    pump(50);

    // The recovery code, shown once in a dialog of its own.
    bool shown = false;
    wxTimer poll;
    poll.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
        auto* code = test::findOpenDialog<wxDialog>();
        if (!code || code->GetName() != "recoveryCodeDialog") return;
        poll.Stop();
        pump(150);
        auto* text = dynamic_cast<wxTextCtrl*>(code->FindWindow("recoveryCode"));
        shown = text && text->GetValue() == "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX";
        test::screenshot(code, "recovery-code");
        code->EndModal(wxID_OK);
    });
    poll.Start(100);
    gui::showRecoveryCode(nullptr, "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX");
    BOOST_TEST(shown);
    ws.reset();

    // The next start: the site needs a sign-in, which opens it.
    BOOST_TEST(services::SiteAccess(path).needsSignIn());
    services::SiteAccess again(path);
    auto* signIn = new gui::SignInDialog(nullptr, again);
    signIn->Show();
    pump(150);
    signIn->loginCtrl()->SetValue("admin");
    signIn->passwordCtrl()->SetValue("wrong-password");
    BOOST_TEST(!signIn->submit());
    BOOST_TEST(signIn->errorLabel()->GetLabel() == wxGetTranslation("Wrong login or password"));
    signIn->passwordCtrl()->SetValue("Admin-pass-2026");
    BOOST_TEST(signIn->submit());
    auto opened = signIn->takeWorkstation();
    BOOST_REQUIRE(opened);
    BOOST_TEST(opened->session().displayName == "王管理");
    signIn->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_SUITE_END()

// The administrator's page: users listed with role, area and state; adding, resetting,
// disabling and a held account's rename, each through services::Accounts.
BOOST_FIXTURE_TEST_SUITE(users_page, SignInFixture)

BOOST_AUTO_TEST_CASE(an_administrator_starts_on_the_users_page_and_manages_them) {
    auto adminWs = services::Workstation::open(dir.file("jiayi.db"), admin);
    auto* frame = new gui::MainFrame(*adminWs, "jiayi.db");
    frame->Show();
    pump(300);
    auto* users = frame->usersPanel();
    BOOST_REQUIRE(users);
    BOOST_TEST(frame->notebook()->GetCurrentPage() == users);  // an administrator opens no record
    BOOST_TEST(frame->notebook()->GetPageCount() == 2u);  // users and the audit trail, no record page
    BOOST_TEST(frame->auditPanel());
    BOOST_TEST(!frame->searchBox()->IsShownOnScreen());
    BOOST_TEST(users->users().size() == 2u);
    // A mistake is refused with the field named, and nothing is added.
    BOOST_CHECK_THROW(users->add({"Bad Login", "某人", "nurse", "", ""}), ValidationError);
    BOOST_TEST(users->users().size() == 2u);
    const auto first = users->add({"lihua", "李华", "nurse", village, ""});
    BOOST_TEST(first.size() == 14u);
    BOOST_REQUIRE(users->users().size() == 3u);
    // The new nurse signs in with the first password, which she must change.
    BOOST_TEST(accounts.signIn("lihua", first).mustChangePassword);
    long row = 0;
    for (; row < static_cast<long>(users->users().size()); ++row)
        if (users->users()[static_cast<std::size_t>(row)].login == "zhangsan") break;
    users->select(row);
    const auto reset = users->resetSelected();
    BOOST_TEST(accounts.signIn("zhangsan", reset).login == "zhangsan");
    users->select(row);
    users->toggleDisabledSelected();
    BOOST_CHECK_THROW(accounts.signIn("zhangsan", reset), SignInError);
    test::screenshot(frame, "users-page");
    frame->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(a_doctor_has_no_users_page) {
    auto doctor = accounts.signIn("zhangsan", doctorFirst);
    doctor.mustChangePassword = false;
    auto doctorWs = services::Workstation::open(dir.file("jiayi.db"), doctor);
    auto* frame = new gui::MainFrame(*doctorWs, "jiayi.db");
    frame->Show();
    pump(200);
    BOOST_TEST(!frame->usersPanel());
    frame->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_SUITE_END()

// The audit trail's page: a supervisor checks the chain and reads a resident's history; an
// entry changed behind Jiayi's back is reported at its number.
BOOST_FIXTURE_TEST_SUITE(audit_page, SignInFixture)

BOOST_AUTO_TEST_CASE(a_supervisor_checks_the_trail_and_reads_a_residents_history) {
    accounts.addUser(admin, {"zhikong", "质控员", "supervisor", "", "Supervisor-2026"}, false);
    auto supervisor = accounts.signIn("zhikong", "Supervisor-2026");
    auto supervisorWs = services::Workstation::open(dir.file("jiayi.db"), supervisor);
    auto* frame = new gui::MainFrame(*supervisorWs, "jiayi.db");
    frame->Show();
    pump(300);
    BOOST_TEST(!frame->usersPanel());
    auto* audit = frame->auditPanel();
    BOOST_REQUIRE(audit);
    frame->notebook()->SetSelection(frame->notebook()->FindPage(audit));
    BOOST_TEST(audit->verify());
    BOOST_TEST(audit->verdict()->GetLabel().Contains(toWx("1")));
    audit->showHistory(zhangSan.idNumber);
    BOOST_TEST(!audit->entries().empty());
    BOOST_TEST(audit->history()->GetItemCount() == static_cast<int>(audit->entries().size()));
    BOOST_TEST(audit->entries().front().action == "insert");
    pump(100);
    test::screenshot(frame, "audit-trail");
    // Someone edits an entry with SQLite directly: the check names it.
    ws->database().exec("UPDATE audit_log SET user = 'someone' WHERE seq = 3");
    BOOST_TEST(!audit->verify());
    BOOST_TEST(audit->verdict()->GetLabel().Contains("3"));
    frame->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_SUITE_END()

// At the lock, another user of the PC takes it over ("Switch user"): they sign in on the
// open site and the window is handed to them; the locked user's session is not reopened.
BOOST_FIXTURE_TEST_SUITE(switch_user, SignInFixture)

BOOST_AUTO_TEST_CASE(another_user_takes_the_pc_at_the_lock) {
    accounts.addUser(admin, {"lisi", "李四医生", "township_doctor", "", "Lisi-pass-2026"}, false);
    auto doctor = accounts.signIn("zhangsan", doctorFirst);
    doctor.mustChangePassword = false;
    auto doctorWs = services::Workstation::open(dir.file("jiayi.db"), doctor);
    auto* frame = new gui::MainFrame(*doctorWs, "jiayi.db");
    std::optional<services::Session> handedTo;
    frame->onSwitchUser([&](const services::Session& s) { handedTo = s; });
    frame->Show();
    pump(200);
    bool sawLock = false, sawSwitch = false, wrongRefused = false;
    wxTimer poll;
    poll.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
        auto* dialog = test::findOpenDialog<gui::SignInDialog>();
        if (!dialog) return;
        if (!dialog->loginCtrl()->IsEnabled()) {  // the lock: zhangsan's, fixed
            if (sawLock) return;
            sawLock = true;
            dialog->EndModal(gui::SignInDialog::kSwitchUser);
            return;
        }
        poll.Stop();
        sawSwitch = true;
        dialog->loginCtrl()->SetValue("lisi");
        dialog->passwordCtrl()->SetValue("not-his-password");
        wrongRefused = !dialog->submit();
        dialog->passwordCtrl()->SetValue("Lisi-pass-2026");
        if (dialog->submit()) dialog->EndModal(wxID_OK);
        else dialog->EndModal(wxID_CANCEL);
    });
    poll.Start(100);
    BOOST_TEST(!frame->lockNow());  // not unlocked for zhangsan
    pump(200);
    BOOST_TEST(sawLock);
    BOOST_TEST(sawSwitch);
    BOOST_TEST(wrongRefused);
    BOOST_REQUIRE(handedTo);
    BOOST_TEST(handedTo->login == "lisi");
    frame->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_SUITE_END()
