#include "core/rules/ResidentValidation.h"

#include <algorithm>

#include "core/rules/CodeLists.h"
#include "core/rules/FieldChecker.h"
#include "core/rules/IdNumber.h"
#include "core/util/I18n.h"
#include "core/util/Utf8.h"

namespace jiayi::rules {
namespace {

using model::Resident;


void trimAll(Resident& r) {
    for (auto* s : {&r.name, &r.idNumber, &r.employer, &r.phone, &r.contactName, &r.contactPhone,
                    &r.paymentOther, &r.drugAllergyOther, &r.hereditaryDisease, &r.disabilityOther,
                    &r.statusReason, &r.villageCode})
        *s = trimmed(*s);
}

}  // namespace

std::vector<FieldError> validateResident(Resident& r, const Date& today) {
    trimAll(r);
    Checker check(today);

    // Identity: name, sex, birth date are always required (records.md: a resident
    // without an ID number needs name + sex + birth date + household).
    if (r.name.empty()) {
        check.add("name", tr("Required"));
    } else {
        check.length("name", r.name, kMaxNameLength);
        if (std::any_of(r.name.begin(), r.name.end(), [](char c) { return c >= '0' && c <= '9'; }))
            check.add("name", tr("A name has no digits"));
    }
    check.code("sex", "sex", r.sex, true);
    if (!r.birthDate) {
        check.add("birth_date", tr("Required"));
    } else if (*r.birthDate > today) {
        check.add("birth_date", format(tr("The birth date {0} is in the future"),
                                       {formatDate(*r.birthDate)}));
    } else if (ageOn(*r.birthDate, today) > 130) {
        check.add("birth_date", format(tr("The birth date {0} makes the person older than 130"),
                                       {formatDate(*r.birthDate)}));
    }
    if (!r.idNumber.empty()) {
        try {
            const auto id = parseIdNumber(r.idNumber, today, "id_number");
            r.idNumber = id.normalized;
            if (!check.has("birth_date") && !check.has("sex"))
                checkIdAgreement(id, r.sex, r.birthDate);
        } catch (const ValidationError& e) {
            for (const auto& fe : e.errors()) check.add(fe.field, fe.reason);
        }
    }
    if (r.villageCode.size() != 12 ||
        !std::all_of(r.villageCode.begin(), r.villageCode.end(),
                     [](char c) { return c >= '0' && c <= '9'; }))
        check.add("village_code", tr("Choose the village"));

    check.length("employer", r.employer, kMaxTextLength);
    check.phone("phone", r.phone);
    check.length("contact_name", r.contactName, kMaxNameLength);
    check.phone("contact_phone", r.contactPhone);
    check.code("residence_type", "residence_type", r.residenceType, false);
    check.code("ethnicity", "ethnicity", r.ethnicity, false);
    check.code("blood_type", "blood_type", r.bloodType, false);
    check.code("rh_negative", "rh_negative", r.rhNegative, false);
    check.code("education", "education", r.education, false);
    check.code("occupation", "occupation", r.occupation, false);
    check.code("marital_status", "marital_status", r.maritalStatus, false);
    check.codes("payment", "payment", r.payment, false);
    check.length("payment_other", r.paymentOther, kMaxTextLength);
    check.codes("drug_allergy", "drug_allergy", r.drugAllergy, true);
    check.length("drug_allergy_other", r.drugAllergyOther, kMaxTextLength);
    check.codes("exposure", "exposure", r.exposure, true);

    std::vector<std::string> diseaseCodes;
    for (const auto& d : r.pastDiseases) {
        diseaseCodes.push_back(d.code);
        check.lifeDate("past_diseases", d.diagnosedOn, r.birthDate);
        check.length("past_diseases", d.note, kMaxTextLength);
    }
    check.codes("past_diseases", "disease", diseaseCodes, true);
    for (const auto& [field, events] :
         {std::pair{"surgeries", &r.surgeries}, std::pair{"injuries", &r.injuries},
          std::pair{"transfusions", &r.transfusions}}) {
        for (const auto& e : *events) {
            if (trimmed(e.name).empty()) check.add(field, tr("Each entry needs a name"));
            check.length(field, e.name, kMaxTextLength);
            check.lifeDate(field, e.date, r.birthDate);
        }
    }
    for (const auto* family : {&r.familyHistory.father, &r.familyHistory.mother,
                               &r.familyHistory.siblings, &r.familyHistory.children})
        check.codes("family_history", "disease", *family, true);
    check.length("hereditary_disease", r.hereditaryDisease, kMaxTextLength);
    check.codes("disability", "disability", r.disability, true);
    check.length("disability_other", r.disabilityOther, kMaxTextLength);
    check.code("kitchen_ventilation", "kitchen_ventilation", r.kitchenVentilation, false);
    check.code("fuel", "fuel", r.fuel, false);
    check.code("water", "water", r.water, false);
    check.code("toilet", "toilet", r.toilet, false);
    check.code("animal_pen", "animal_pen", r.animalPen, false);

    // Record status (records.md): moved needs date + destination, dead needs date,
    // lost needs a reason.
    using model::RecordStatus;
    if (r.status != RecordStatus::Active) {
        if ((r.status == RecordStatus::Moved || r.status == RecordStatus::Dead) && !r.statusDate)
            check.add("status_date", tr("Required"));
        check.lifeDate("status_date", r.statusDate, r.birthDate);
        if ((r.status == RecordStatus::Moved || r.status == RecordStatus::Lost) &&
            r.statusReason.empty())
            check.add("status_reason", r.status == RecordStatus::Moved
                                           ? tr("Say where the person moved to")
                                           : tr("Say why the person is lost to follow-up"));
        check.length("status_reason", r.statusReason, kMaxTextLength);
    }
    return check.take();
}

std::vector<FieldError> validateAddress(const std::string& address, bool required) {
    Checker check(Date{});
    if (address.empty()) {
        if (required) check.add("address", tr("Required"));
    } else {
        check.length("address", address, kMaxTextLength);
    }
    return check.take();
}

}  // namespace jiayi::rules
