#pragma once
// Maternal care (issue 19, ../shared/domain/groups.md "Maternal care"): a pregnancy's
// registration, its antenatal and postpartum visits with chronic.md's urgent-referral rules
// for high blood pressure or glucose (the referral slip prefilled), the delivery with the
// newborns registered at once into the mother's household, and the area's due list. Every
// call runs as the session's user under its rights and area.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Maternal.h"
#include "core/model/Referral.h"
#include "core/model/Resident.h"
#include "core/rules/Maternal.h"
#include "core/services/Session.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct PregnancyView {
    model::Pregnancy pregnancy;
    std::string name, archiveNo;
    rules::maternal::GestationalAge today;  // gestational age today (while pregnant)
    std::vector<rules::maternal::VisitLine> plan;
    std::vector<model::MaternalVisit> visits;
};

struct MaternalDue {
    std::string residentId, name, archiveNo, villageCode, pregnancyId;
    rules::maternal::VisitLine visit;  // due or overdue
    std::optional<rules::maternal::GestationalAge> ga;  // while pregnant
};

struct NewbornRequest {
    std::string name;  // "" = 母亲姓名之子/之女 until named
    std::string sex;   // "1" boy, "2" girl
    // A baby already on record (registered at the hospital, or with the household): linked,
    // not registered again. Its birth date must be the delivery's.
    std::string existingId;
};

struct DeliveryRequest {
    std::string pregnancyId;
    std::optional<Date> deliveredOn, dischargedOn;
    std::string place, mode;
    std::vector<NewbornRequest> babies;
};

class Maternal {
public:
    Maternal(store::Database& db, Session session);

    // SignClinical in the woman's village; EDD = LMP + 280 days; "aged 35 or over at
    // delivery" added to the risks; refused while another pregnancy of hers is open.
    model::Pregnancy registerPregnancy(model::Pregnancy p);

    struct SavedVisit {
        model::MaternalVisit visit;
        std::vector<rules::chronic::UrgentFinding> urgent;  // refer urgently when not empty
    };
    // Every field's error at once, nothing written.
    SavedVisit recordVisit(model::MaternalVisit v);
    // The urgent findings a visit's readings give, as the form shows them while typing.
    std::vector<rules::chronic::UrgentFinding> urgentFindings(const std::string& pregnancyId,
                                                              const model::MaternalVisit& v);
    // The referral slip of a visit with urgent findings, filled in (to send through Referrals).
    model::Referral draftReferral(const std::string& visitId);

    struct Delivered {
        model::Pregnancy pregnancy;
        std::vector<model::Resident> babies;
    };
    // The delivery, and each newborn registered in the mother's household with a record
    // number, in one transaction.
    Delivered recordDelivery(const DeliveryRequest& d);
    model::Pregnancy endPregnancy(const std::string& pregnancyId, const Date& on, const std::string& reason);

    PregnancyView view(const std::string& pregnancyId);
    std::vector<PregnancyView> ofResident(const std::string& residentId);
    // Pregnancies of `scope` (within the user's area) with a visit due or overdue on `day`.
    std::vector<MaternalDue> due(const std::string& scope, const Date& day);

    void setToday(const Date& d) { m_today = d; }

private:
    Date today() const;
    PregnancyView viewOf(model::Pregnancy p, std::string name, std::string archiveNo,
                         std::vector<model::MaternalVisit> visits, const Date& day) const;

    store::Database& m_db;
    Session m_session;
    std::optional<Date> m_today;
};

}  // namespace jiayi::services
