#include <boost/test/unit_test.hpp>

#include <wx/uiaction.h>

#include "GuiTestSupport.h"
#include "core/util/I18n.h"
#include "gui/MainFrame.h"
#include "gui/ResidentDialog.h"
#include "gui/WxText.h"

using namespace jiayi;
using test::pump;
using test::pumpUntil;
using gui::toUtf8;
using gui::toWx;

namespace {

bool hasCjk(const wxString& text) {
    for (auto c : text)
        if (c.GetValue() >= 0x4E00 && c.GetValue() <= 0x9FFF) return true;
    return false;
}

// A record form shown modeless over the main window, as the doctor would see it.
struct FormFixture : test::SiteFixture {
    gui::MainFrame* frame;
    gui::ResidentDialog* dialog = nullptr;
    FormFixture() {
        frame = new gui::MainFrame(*ws, toWx(dir.file("jiayi.db").string()));
        frame->Show();
        pump(100);
    }
    ~FormFixture() {
        if (dialog) dialog->Destroy();
        frame->Destroy();
        pump(50);
    }
    void open(std::optional<model::Resident> resident) {
        dialog = new gui::ResidentDialog(frame, *ws, std::move(resident));
        dialog->Show();
        pump(200);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(resident_dialog)

BOOST_FIXTURE_TEST_CASE(form_shows_the_stored_record_on_every_page, FormFixture) {
    open(ws->registry().get(zhangSan.id));
    BOOST_TEST(dialog->nameCtrl()->GetValue() == toWx("张三"));
    BOOST_TEST(dialog->idNumberCtrl()->GetValue() == "371721196005010016");
    BOOST_TEST(dialog->notebook()->GetPageCount() == 6u);
    BOOST_TEST(dialog->notebook()->GetPageText(0) == wxGetTranslation("Basic information"));
    BOOST_TEST(hasCjk(dialog->notebook()->GetPageText(0)));
    const char* names[] = {"resident-form", "resident-form-social", "resident-form-history",
                           "resident-form-family", "resident-form-living", "resident-form-status"};
    for (std::size_t i = 0; i < dialog->notebook()->GetPageCount(); ++i) {
        dialog->notebook()->SetSelection(i);
        test::screenshot(dialog, names[i]);
    }
}

BOOST_FIXTURE_TEST_CASE(wrong_check_digit_is_shown_in_chinese_next_to_the_id_field,
                        FormFixture) {
    const auto before = ws->registry().get(zhangSan.id);
    open(before);
    dialog->notebook()->SetSelection(2);  // the error must bring the first page back
    dialog->idNumberCtrl()->SetValue("371721196005010017");

    // A real mouse click on Save through the X server.
    wxUIActionSimulator mouse;
    auto* save = dialog->saveButton();
    mouse.MouseMove(save->GetScreenPosition() + save->GetSize() / 2);
    pump(50);
    mouse.MouseClick();
    auto* label = dialog->errorLabel("id_number");
    BOOST_REQUIRE(label);
    if (!pumpUntil([&] { return label->IsShown(); }, 1500)) test::click(save);  // no pointer?
    BOOST_REQUIRE(label->IsShown());

    const wxString expected = toWx(jiayi::format(
        toUtf8(wxGetTranslation("The check character should be {0}, not {1}")), {"6", "7"}));
    BOOST_TEST(label->GetLabel() == expected);
    BOOST_TEST(hasCjk(label->GetLabel()));
    BOOST_TEST(dialog->notebook()->GetSelection() == 0);
    BOOST_TEST(wxWindow::FindFocus() == dialog->idNumberCtrl());
    BOOST_TEST(!dialog->errorLabel("name")->IsShown());
    BOOST_TEST((ws->registry().get(zhangSan.id) == before));  // nothing stored
    test::screenshot(dialog, "resident-form-error");

    // The next save clears the old error and stores a valid edit.
    dialog->idNumberCtrl()->SetValue("371721196005010016");
    dialog->phoneCtrl()->SetValue("13912345678");
    test::click(save);
    pump(50);
    BOOST_TEST(!label->IsShown());
    BOOST_TEST(!dialog->IsShown());
    BOOST_TEST(dialog->GetReturnCode() == wxID_OK);
    BOOST_TEST(ws->registry().get(zhangSan.id).phone == "13912345678");
}

BOOST_FIXTURE_TEST_CASE(several_errors_each_show_next_to_their_field, FormFixture) {
    open(std::nullopt);
    dialog->addressCtrl()->SetValue(toWx("西村3组1号"));
    test::click(dialog->saveButton());
    pump(50);
    BOOST_TEST(dialog->errorLabel("name")->IsShown());
    BOOST_TEST(dialog->errorLabel("name")->GetLabel() == wxGetTranslation("Required"));
    BOOST_TEST(dialog->errorLabel("birth_date")->IsShown());
    BOOST_TEST(dialog->errorLabel("sex")->IsShown());
    BOOST_TEST(wxWindow::FindFocus() == dialog->nameCtrl());
    BOOST_TEST(ws->residentCount() == 4u);
}

BOOST_FIXTURE_TEST_CASE(a_valid_id_number_fills_sex_and_birth_date_and_registers, FormFixture) {
    open(std::nullopt);
    dialog->nameCtrl()->SetValue(toWx("赵六"));
    dialog->villageChoice()->SetSelection(0);
    dialog->idNumberCtrl()->SetValue(toWx(test::withCheck("37172119700101003")));
    dialog->addressCtrl()->SetValue(toWx("西村4组8号"));
    test::click(dialog->saveButton());
    pump(50);
    BOOST_REQUIRE(!dialog->IsShown());
    const auto stored = ws->registry().get(dialog->resident().id);
    BOOST_TEST(stored.name == "赵六");
    BOOST_TEST(stored.sex == "1");
    BOOST_TEST(formatDate(*stored.birthDate) == "1970-01-01");
    BOOST_TEST(ws->registry().householdOf(stored.id)->address == "西村4组8号");
}

// Issue 15, defect 8: "必填" stayed under a field after it was filled.
BOOST_FIXTURE_TEST_CASE(a_reason_goes_away_once_its_field_is_changed, test::SiteFixture) {
    wxFrame* parent = new wxFrame(nullptr, wxID_ANY, "parent");
    auto* dialog = new gui::ResidentDialog(parent, *ws, std::nullopt);
    dialog->Show();
    test::pump(100);
    BOOST_TEST(!dialog->save());
    auto* label = dialog->errorLabel("name");
    BOOST_REQUIRE(label);
    BOOST_TEST(label->IsShown());
    dialog->nameCtrl()->SetValue(gui::toWx("王五"));  // typed: the reason goes
    BOOST_TEST(!label->IsShown());
    dialog->Destroy();
    parent->Destroy();
    test::pump(50);
}

BOOST_AUTO_TEST_SUITE_END()
