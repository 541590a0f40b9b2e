#pragma once
// The one table that knows every field a doctor enters on the follow-up forms
// (shared/domain/chronic.md, "Follow-up form" of each programme): its name (the JSON key,
// the ValidationError field and the GUI's error anchor), the jiayi-cli option that types
// it, its label, the member of model::FollowUp it fills, which programmes' national forms
// carry it, and where it is stored. The form document (ChronicJson), the CLI's options, the
// GUI's labels and plain controls, and splitting one visit into per-programme forms
// (rules::splitVisit) all read it, so a new follow-up field is added here and on the screen.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/model/Chronic.h"
#include "core/util/Error.h"

namespace jiayi::model {

// The national forms that carry a field.
enum FormBits : unsigned {
    kHypertensionForm = 1,
    kDiabetesForm = 2,
    kMentalIllnessForm = 4,
    kTuberculosisForm = 8,
    kHypertensionDiabetesForms = kHypertensionForm | kDiabetesForm,
    kEveryForm = 15,
};
// The FormBits of a programme code (htn, t2d, smi, tb); 0 for anything else.
unsigned formBitOf(std::string_view programme);

enum class FollowUpStore {
    Column,  // its own column of follow_up (a list or a rule queries it)
    Form,    // a key of the `form` JSON document
    Input,   // typed but not stored as such (the chosen next-visit date)
};

struct FollowUpField {
    using Member = std::variant<std::string FollowUp::*, std::optional<int> FollowUp::*,
                                std::optional<double> FollowUp::*, std::optional<Date> FollowUp::*,
                                bool FollowUp::*, std::vector<std::string> FollowUp::*,
                                std::map<std::string, std::string> FollowUp::*, std::vector<Medicine> FollowUp::*>;
    const char* name;
    const char* option;    // jiayi-cli option without "--"; nullptr when not typed there
    const char* label;     // English label of the form (translate with tr())
    Member member;
    const char* codeList;  // the code list of a coded field (rules::CodeLists), else nullptr
    unsigned forms;        // FormBits
    FollowUpStore store;
    // Each programme's form of a combined visit has its own value (symptoms, the doctor's
    // classification): typed per form, not shared (rules::splitVisit).
    bool perForm = false;

    bool isFlag() const { return std::holds_alternative<bool FollowUp::*>(member); }
    bool onForm(std::string_view programme) const { return (forms & formBitOf(programme)) != 0; }
};

// In the order of the national forms.
const std::vector<FollowUpField>& followUpFields();
const FollowUpField* findFollowUpField(std::string_view name);

// A field's value as text: numbers as typed ("7.5"), dates YYYY-MM-DD, flags "1" or "",
// code sets "a,b", lifestyle "key=value,key=value", medicines "name,times,dose;…". "" when
// empty.
std::string followUpFieldText(const FollowUpField& field, const FollowUp& f);
// Sets a field from such text ("" empties it). An unreadable number or date leaves the field
// empty and returns the error naming the field, in the user's language.
std::optional<FieldError> setFollowUpFieldText(const FollowUpField& field, FollowUp& f, std::string_view text);
void clearFollowUpField(const FollowUpField& field, FollowUp& f);

}  // namespace jiayi::model
