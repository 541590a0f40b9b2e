#include "cli/Output.h"

#include <ostream>

#include "core/model/ResidentFields.h"
#include "core/model/ResidentJson.h"
#include "core/rules/CodeLists.h"
#include "core/services/Workstation.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {
namespace {

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "、") + p;
    return out;
}

std::string labels(const char* list, const std::vector<std::string>& codes) {
    std::vector<std::string> parts;
    for (const auto& c : codes) parts.push_back(rules::codeLabel(list, c));
    return joined(parts);
}

std::string dated(const std::string& what, const std::optional<Date>& date) {
    return date ? what + " (" + formatDate(*date) + ")" : what;
}

// The value of one field as a person reads it; "" when not recorded.
std::string display(services::Workstation& ws, const model::Resident& r, std::string_view name) {
    if (name == "village_code") return ws.placeName(r.villageCode);
    if (name == "payment") return labels("payment", r.payment);
    if (name == "drug_allergy") return labels("drug_allergy", r.drugAllergy);
    if (name == "exposure") return labels("exposure", r.exposure);
    if (name == "disability") return labels("disability", r.disability);
    if (name == "past_diseases") {
        std::vector<std::string> parts;
        for (const auto& d : r.pastDiseases) {
            auto what = rules::codeLabel("disease", d.code);
            if (!d.note.empty()) what += " " + d.note;
            parts.push_back(dated(what, d.diagnosedOn));
        }
        return joined(parts);
    }
    for (const auto& [field, events] : {std::pair{"surgeries", &r.surgeries},
                                        std::pair{"injuries", &r.injuries},
                                        std::pair{"transfusions", &r.transfusions}}) {
        if (name != field) continue;
        std::vector<std::string> parts;
        for (const auto& e : *events) parts.push_back(dated(e.name, e.date));
        return joined(parts);
    }
    if (name == "family_history") {
        std::vector<std::string> parts;
        for (const auto& [who, codes] :
             {std::pair{N_("Father"), &r.familyHistory.father},
              std::pair{N_("Mother"), &r.familyHistory.mother},
              std::pair{N_("Siblings"), &r.familyHistory.siblings},
              std::pair{N_("Children"), &r.familyHistory.children}}) {
            if (!codes->empty()) parts.push_back(tr(who) + ": " + labels("disease", *codes));
        }
        return joined(parts);
    }
    const auto* field = model::findResidentField(name);
    const auto value = field->get(r);
    if (name == "status") return rules::codeLabel("status", value);
    if (rules::codeList(name)) return rules::codeLabel(name, value);
    return value;
}

}  // namespace

void printResident(std::ostream& out, services::Workstation& ws, const model::Resident& r) {
    for (const auto& f : model::residentFields()) {
        if (std::string_view(f.name) == "created_site") continue;
        const auto value = display(ws, r, f.name);
        if (!value.empty()) out << tr(f.label) << ": " << value << "\n";
    }
    if (auto h = ws.registry().householdOf(r.id)) {
        std::string relation;
        for (const auto& m : h->members)
            if (m.residentId == r.id && !m.leftOn) relation = rules::codeLabel("relation", m.relation);
        out << tr("Household") << ": " << h->address << " (" << relation << ")\n";
    }
}

void printResidentRows(std::ostream& out, services::Workstation& ws,
                       const std::vector<model::Resident>& residents) {
    for (const auto& r : residents) {
        out << r.archiveNo << "  " << r.name << "  " << rules::codeLabel("sex", r.sex) << "  "
            << (r.birthDate ? formatDate(*r.birthDate) : "") << "  " << r.idNumber << "  "
            << r.phone << "  " << ws.placeName(r.villageCode);
        if (r.status != model::RecordStatus::Active)
            out << "  [" << rules::codeLabel("status", model::statusCode(r.status)) << "]";
        out << "\n";
    }
    if (residents.empty()) out << tr("No resident found") << "\n";
}

void printHousehold(std::ostream& out, services::Workstation& ws, const model::Household& h) {
    out << tr("Household") << ": " << h.address << "  " << ws.placeName(h.villageCode) << "\n";
    out << "ID: " << h.id << "\n";
    for (const auto& m : h.members) {
        out << "  " << (m.leftOn ? "-" : "*") << " " << m.residentName << "  "
            << rules::codeLabel("relation", m.relation) << "  " << formatDate(m.joinedOn);
        if (m.leftOn) out << " → " << formatDate(*m.leftOn) << "  " << m.leftReason;
        out << "\n";
    }
}

std::string householdJson(const model::Household& h) {
    std::string out = "{\"id\":" + jsonString(h.id) + ",\"village_code\":" +
                      jsonString(h.villageCode) + ",\"address\":" + jsonString(h.address) +
                      ",\"head_id\":" + jsonString(h.headId) + ",\"status\":" +
                      jsonString(h.status) + ",\"members\":[";
    for (std::size_t i = 0; i < h.members.size(); ++i) {
        const auto& m = h.members[i];
        out += (i ? "," : "") + std::string("{\"id\":") + jsonString(m.id) +
               ",\"resident_id\":" + jsonString(m.residentId) +
               ",\"name\":" + jsonString(m.residentName) +
               ",\"relation\":" + jsonString(m.relation) +
               ",\"joined_on\":" + jsonString(formatDate(m.joinedOn)) + ",\"left_on\":" +
               (m.leftOn ? jsonString(formatDate(*m.leftOn)) : "null") +
               ",\"left_reason\":" + jsonString(m.leftReason) + "}";
    }
    return out + "]}";
}

std::string residentsJson(const std::vector<model::Resident>& residents) {
    std::string out = "[";
    for (std::size_t i = 0; i < residents.size(); ++i)
        out += (i ? "," : "") + model::residentToJson(residents[i]);
    return out + "]";
}

}  // namespace jiayi::cli
