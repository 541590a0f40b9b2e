#pragma once
// The up-referral slip on A4 (双向转诊（转出）单, referrals.md): the patient, where and why
// the patient is referred, the findings and treatment so far, consent, the referring clinic
// and doctor by name, and signature lines, for the patient to carry.
#include <wx/print.h>

#include "core/model/Referral.h"
#include "core/model/Resident.h"

namespace jiayi::gui {

class ReferralPrintout : public wxPrintout {
public:
    // `address`: the patient's household address, as the slip's stub shows it.
    ReferralPrintout(model::Referral referral, model::Resident resident, wxString address);

    bool OnPrintPage(int page) override;
    bool HasPage(int page) override { return page == 1; }
    void GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) override;

private:
    // Draws `text` from `x` within `width` (0.1 mm units), broken between characters;
    // returns the y below it.
    wxCoord drawWrapped(wxDC& dc, const wxString& text, wxCoord x, wxCoord y, wxCoord width, wxCoord line);

    model::Referral m_referral;
    model::Resident m_resident;
    wxString m_address;
};

}  // namespace jiayi::gui
