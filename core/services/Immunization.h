#pragma once
// Immunization of children (issue 19, ../shared/domain/groups.md "Immunization"): doses
// recorded against the site's edition of the national schedule, each refused with its reason
// when the schedule does not allow it; the child's card; the due list of an area. Every call
// runs as the session's user under its rights and area.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Child.h"
#include "core/model/Resident.h"
#include "core/print/Document.h"
#include "core/rules/Immunization.h"
#include "core/services/Session.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

// One child's immunization card: every dose of the schedule with its state, and every
// record, voided ones included.
struct ImmunizationCard {
    std::string residentId, name, archiveNo, villageCode, sex;
    Date birth;
    std::string edition;
    std::vector<rules::immunization::DoseLine> lines;
    std::vector<model::Vaccination> records;
    std::size_t duplicates = 0;  // doses recorded more than once, waiting for review
};

// A child with doses due or overdue (the worklist's lines), in catch-up order.
struct ChildDue {
    std::string residentId, name, archiveNo, villageCode;
    Date birth;
    std::vector<rules::immunization::DoseLine> doses;  // due or overdue, the order to give them
    std::size_t duplicates = 0;
};

class Immunization {
public:
    Immunization(store::Database& db, Session session);

    // The site's edition of the schedule ("2021" unless set) and its change (ManageSite or
    // ReviewQuality, audited).
    std::string edition();
    void setEdition(const std::string& edition);
    const rules::immunization::Schedule& schedule();

    // Records a dose: SignClinical in the child's village; refused with the field and the
    // reason when the schedule does not allow it. `givenBy` defaults to the user.
    model::Vaccination record(model::Vaccination v);
    // What `record` would refuse, every field's reason, without writing: the form shows it
    // while the doctor types.
    std::vector<FieldError> check(model::Vaccination v);
    // Voids a record (entered by mistake, or the second record of one dose), with a reason.
    model::Vaccination voidRecord(const std::string& id, const std::string& reason);

    ImmunizationCard card(const std::string& residentId);
    // The card on paper (预防接种卡): the child, then every dose of the schedule with the day
    // it is due, the day given, batch, site and who gave it.
    print::Document cardDocument(const std::string& residentId);
    // Children 0-6 of `scope` (within the user's area) with a dose due or overdue on `day`, or
    // a dose recorded twice.
    std::vector<ChildDue> due(const std::string& scope, const Date& day);

    void setToday(const Date& d) { m_today = d; }

private:
    Date today() const;
    std::vector<FieldError> checkFor(const model::Resident& r, model::Vaccination& v);
    std::vector<rules::immunization::Given> givenOf(const std::vector<model::Vaccination>& records) const;

    store::Database& m_db;
    Session m_session;
    std::optional<Date> m_today;
};

}  // namespace jiayi::services
