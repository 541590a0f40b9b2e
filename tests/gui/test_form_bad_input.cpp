// Every form submitted as a hurried doctor might (issue 15, defect 1): each text box in turn
// emptied and given an impossible value, then saved. The form refuses with an error shown
// beside a field (for a reading, beside that reading) and never crashes; the follow-up form
// used to crash on Enter with the systolic box empty or 1320 in it.
#include <boost/test/unit_test.hpp>

#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>

#include "GuiTestSupport.h"
#include "core/services/ChronicCare.h"
#include "core/services/Referrals.h"
#include "core/services/Screening.h"
#include "gui/ClinicSettingsDialog.h"
#include "gui/EnrolDialog.h"
#include "gui/EnrolProgrammeDialog.h"
#include "gui/FollowUpDialog.h"
#include "gui/HealthCheckDialog.h"
#include "gui/HouseholdDialog.h"
#include "gui/ReferralDialog.h"
#include "gui/ResidentDialog.h"
#include "gui/ReturnSlipDialog.h"
#include "gui/ScreeningDialog.h"
#include "gui/WxText.h"

using namespace jiayi;
using test::pump;

namespace {

// The text boxes a person can type in, in creation order.
void textBoxes(wxWindow* root, std::vector<wxTextCtrl*>& out) {
    for (auto* child : root->GetChildren()) {
        if (auto* box = dynamic_cast<wxTextCtrl*>(child); box && box->IsEditable() && box->IsThisEnabled() && box->IsShown())
            out.push_back(box);
        textBoxes(child, out);
    }
}
std::vector<wxTextCtrl*> textBoxes(wxWindow* root) {
    std::vector<wxTextCtrl*> out;
    textBoxes(root, out);
    return out;
}

bool isErrorLabel(wxStaticText* t) {
    return t->IsShown() && !t->GetLabel().empty() &&
           (t->GetName().StartsWith("error_") || t->GetForegroundColour() == wxColour(200, 0, 0));
}

void errorLabels(wxWindow* root, std::vector<wxStaticText*>& out) {
    for (auto* child : root->GetChildren()) {
        if (auto* t = dynamic_cast<wxStaticText*>(child); t && isErrorLabel(t)) out.push_back(t);
        errorLabels(child, out);
    }
}

bool sizerHolds(wxSizer* sizer, wxSizer* inner) {
    if (!sizer || !inner) return false;
    if (sizer == inner) return true;
    for (auto* item : sizer->GetChildren())
        if (item->IsSizer() && sizerHolds(item->GetSizer(), inner)) return true;
    return false;
}

// An error is shown in the cell of `box` (the line under the box, FormSection::errorCell).
bool errorBeside(wxWindow* root, wxWindow* box) {
    std::vector<wxStaticText*> labels;
    errorLabels(root, labels);
    for (auto* label : labels)
        if (label->GetName().StartsWith("error_") && sizerHolds(label->GetContainingSizer(), box->GetContainingSizer()))
            return true;
    return false;
}

struct Form {
    const char* name;
    std::function<wxDialog*()> open;
    std::function<bool(wxDialog*)> submit;  // true when the form stored
    // The reading boxes whose impossible value must be said beside them.
    std::function<std::vector<wxTextCtrl*>(wxDialog*)> readings = [](wxDialog*) { return std::vector<wxTextCtrl*>{}; };
    // The form stays usable after it stored (an edited record saves again), so it need not
    // be opened again (a resident form is costly to build and to destroy under GTK).
    bool usableAfterStore = false;
};

// Submits `form` once with every box as it opens, then once per box with that box emptied
// and once with it holding 99999. A refused form is used again with the box put back (a
// save clears the errors first); one that stored is replaced by a fresh one.
void submitEveryWay(const Form& form) {
    BOOST_TEST_CONTEXT(form.name) {
        auto* dialog = form.open();
        const auto count = textBoxes(dialog).size();
        BOOST_TEST_REQUIRE(count > 0u);
        if (form.submit(dialog)) {
            dialog->Destroy();
            dialog = form.open();
        } else {
            std::vector<wxStaticText*> labels;
            errorLabels(dialog, labels);
            BOOST_TEST(!labels.empty(), "refused as opened without saying why");
        }
        for (const char* value : {"", "99999"}) {
            for (std::size_t i = 0; i < count; ++i) {
                auto boxes = textBoxes(dialog);
                BOOST_REQUIRE_EQUAL(boxes.size(), count);
                auto* box = boxes[i];
                const auto before = box->GetValue();
                box->ChangeValue(value);
                const auto readings = form.readings(dialog);
                const bool isReading = std::find(readings.begin(), readings.end(), box) != readings.end();
                if (!form.submit(dialog)) {
                    std::vector<wxStaticText*> labels;
                    errorLabels(dialog, labels);
                    BOOST_TEST(!labels.empty(), "box " << i << " = '" << value << "': refused without saying why");
                    if (isReading && std::string(value) == "99999")
                        BOOST_TEST(errorBeside(dialog, box), "box " << box->GetName() << " = 99999: no error beside it");
                    box->ChangeValue(before);
                } else {
                    BOOST_TEST(!(isReading && std::string(value) == "99999"), "an impossible reading was stored");
                    if (form.usableAfterStore) {
                        box->ChangeValue(before);
                    } else {
                        dialog->Destroy();
                        dialog = form.open();
                    }
                }
            }
        }
        dialog->Destroy();
        pump(20);
    }
}

struct FormsFixture : test::SiteFixture {
    wxFrame* frame = new wxFrame(nullptr, wxID_ANY, "forms");
    services::ChronicCare care{ws->database(), ws->session()};
    services::Screening screening{ws->database(), ws->session()};
    model::Referral referral;

    FormsFixture() {
        frame->Show();
        services::EnrolmentRequest request;
        request.residentId = zhangSan.id;
        request.programme = "htn";
        request.enrolledOn = addDays(today(), -200);
        care.enrol(request);
        model::FollowUp f;
        f.residentId = zhangSan.id;
        f.programme = "htn";
        f.visitDate = addDays(today(), -100);
        f.mode = "clinic";
        f.systolic = 186;
        f.diastolic = 96;
        f.weight = 70;
        f.height = 170;
        f.symptoms = {"1"};
        const auto signedVisit = care.recordVisit({f}).records.at(0);
        services::Referrals referrals(ws->database(), ws->session());
        referral = referrals.draftFromFollowUp(signedVisit.id);
        referral.toInstitution = "曹县人民医院";
        referral.consent = true;
    }
    ~FormsFixture() {
        frame->Destroy();
        pump(20);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(form_bad_input, FormsFixture)

BOOST_AUTO_TEST_CASE(resident_forms_new_and_edited) {
    submitEveryWay({"new resident", [&] { return new gui::ResidentDialog(frame, *ws, std::nullopt); },
                    [](wxDialog* d) { return static_cast<gui::ResidentDialog*>(d)->save(); }});
    submitEveryWay({"edited resident", [&] { return new gui::ResidentDialog(frame, *ws, ws->registry().get(liSi.id)); },
                    [](wxDialog* d) { return static_cast<gui::ResidentDialog*>(d)->save(); },
                    [](wxDialog*) { return std::vector<wxTextCtrl*>{}; }, true});
}

BOOST_AUTO_TEST_CASE(household_form) {
    const auto household = ws->registry().householdOf(zhangSan.id)->id;
    submitEveryWay({"household", [&] { return new gui::HouseholdDialog(frame, *ws, household); },
                    [](wxDialog* d) { return static_cast<gui::HouseholdDialog*>(d)->saveAddress(); }});
}

BOOST_AUTO_TEST_CASE(follow_up_form) {
    submitEveryWay({"follow-up", [&] { return new gui::FollowUpDialog(frame, *ws, ws->registry().get(zhangSan.id)); },
                    [](wxDialog* d) { return static_cast<gui::FollowUpDialog*>(d)->sign(); },
                    [](wxDialog* d) {
                        auto* f = static_cast<gui::FollowUpDialog*>(d);
                        return std::vector<wxTextCtrl*>{f->systolicCtrl(), f->diastolicCtrl(), f->heartRateCtrl(),
                                                        f->weightCtrl()};
                    }});
}

BOOST_AUTO_TEST_CASE(health_check_form) {
    submitEveryWay({"health check",
                    [&] { return new gui::HealthCheckDialog(frame, care, ws->registry().get(zhangSan.id)); },
                    [](wxDialog* d) { return static_cast<gui::HealthCheckDialog*>(d)->save(); },
                    [](wxDialog* d) {
                        auto* h = static_cast<gui::HealthCheckDialog*>(d);
                        return std::vector<wxTextCtrl*>{h->systolicCtrl(), h->diastolicCtrl(), h->heightCtrl(),
                                                        h->weightCtrl(), h->glucoseCtrl()};
                    }});
}

BOOST_AUTO_TEST_CASE(screening_form) {
    submitEveryWay({"screening",
                    [&] { return new gui::ScreeningDialog(frame, screening, ws->registry().get(liSi.id)); },
                    [](wxDialog* d) { return static_cast<gui::ScreeningDialog*>(d)->save(); },
                    [](wxDialog* d) {
                        auto* s = static_cast<gui::ScreeningDialog*>(d);
                        return std::vector<wxTextCtrl*>{s->systolicCtrl(), s->diastolicCtrl(), s->weightCtrl(),
                                                        s->heightCtrl(), s->waistCtrl()};
                    }});
}

BOOST_AUTO_TEST_CASE(referral_and_return_slips) {
    submitEveryWay({"referral slip",
                    [&] { return new gui::ReferralDialog(frame, *ws, ws->registry().get(zhangSan.id), referral); },
                    [](wxDialog* d) { return static_cast<gui::ReferralDialog*>(d)->save(false); }});
    services::Referrals referrals(ws->database(), ws->session());
    const auto sent = referrals.create(referral, true);
    submitEveryWay({"return slip", [&] { return new gui::ReturnSlipDialog(frame, *ws, sent); },
                    [](wxDialog* d) { return static_cast<gui::ReturnSlipDialog*>(d)->save(); }});
}

BOOST_AUTO_TEST_CASE(programme_and_hub_enrolment) {
    submitEveryWay({"programme enrolment",
                    [&] { return new gui::EnrolProgrammeDialog(frame, care, ws->registry().get(liSi.id), {}); },
                    [](wxDialog* d) { return static_cast<gui::EnrolProgrammeDialog*>(d)->save(); }});
    submitEveryWay({"hub enrolment",
                    [&] {
                        auto* d = new gui::EnrolDialog(frame, dir.file("jiayi.db"));
                        d->hubCtrl()->ChangeValue("https://127.0.0.1:9/");
                        d->codeCtrl()->ChangeValue("ABCD-EFGH-JKLM");
                        d->nameCtrl()->ChangeValue(gui::toWx("西村卫生室"));
                        return d;
                    },
                    [](wxDialog* d) {
                        auto* e = static_cast<gui::EnrolDialog*>(d);
                        e->enrol();
                        test::pumpUntil([&] { return !e->busy(); }, 15000);
                        return false;  // nothing answers at that address
                    }});
}

BOOST_AUTO_TEST_CASE(clinic_settings) {
    submitEveryWay({"clinic settings", [&] { return new gui::ClinicSettingsDialog(frame, *ws); },
                    [](wxDialog* d) { return static_cast<gui::ClinicSettingsDialog*>(d)->save(); }});
}

BOOST_AUTO_TEST_SUITE_END()
