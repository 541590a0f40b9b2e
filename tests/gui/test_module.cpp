// One wx application for the whole GUI test run, in Chinese like the doctors' screens.
#define BOOST_TEST_MODULE jiayi_gui
#include <boost/test/unit_test.hpp>

#include <wx/app.h>
#include <wx/evtloop.h>
#include <wx/init.h>

#include "gui/FormWidgets.h"
#include "gui/Translations.h"

namespace {

// A failed wx assertion would open a modal box and hang the headless run: fail instead.
void failOnAssert(const wxString& file, int line, const wxString& func, const wxString& cond,
                  const wxString& msg) {
    BOOST_ERROR("wx assertion " << cond.utf8_string() << " failed in " << func.utf8_string()
                                << " (" << file.utf8_string() << ":" << line
                                << "): " << msg.utf8_string());
}

struct WxAppFixture {
    WxAppFixture() {
        wxSetAssertHandler(failOnAssert);
        wxApp::SetInstance(new wxApp);
        static char name[] = "gui_tests";
        static char* argv[] = {name, nullptr};
        int argc = 1;
        if (!wxEntryStart(argc, argv)) throw std::runtime_error("wx cannot start (no display?)");
        wxTheApp->CallOnInit();
        jiayi::gui::setupTranslations("zh_CN");
        // Closing a form with typed values asks first; tests that close one discard unasked.
        jiayi::gui::DiscardGuard::setAsker([](wxWindow*) { return true; });
        // Timers and Yield need an active loop; the tests pump it themselves.
        m_loop = new wxGUIEventLoop;
        wxEventLoopBase::SetActive(m_loop);
    }
    ~WxAppFixture() {
        wxEventLoopBase::SetActive(nullptr);
        delete m_loop;
        wxEntryCleanup();
    }
    wxGUIEventLoop* m_loop = nullptr;
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(WxAppFixture);
