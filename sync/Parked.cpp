#include "sync/Parked.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/util/I18n.h"

namespace jiayi::sync {

namespace {

std::string field(const ParkedEntry& p, const char* name) {
    try {
        const auto o = Poco::JSON::Parser().parse(p.entry.fields).extract<Poco::JSON::Object::Ptr>();
        return o->optValue<std::string>(name, "");
    } catch (const std::exception&) {
        return {};
    }
}

std::string recordKind(const std::string& table) {
    if (table == "resident") return tr("resident record");
    if (table == "household") return tr("household");
    if (table == "household_member") return tr("household membership");
    if (table == "follow_up") return tr("follow-up record");
    if (table == "programme_enrolment") return tr("programme enrolment");
    if (table == "referral") return tr("referral");
    if (table == "contract") return tr("family-doctor contract");
    if (table == "care_team") return tr("family-doctor team");
    if (table == "care_team_member") return tr("team membership");
    if (table == "service_entry") return tr("contract service");
    if (table == "vaccination") return tr("vaccination");
    if (table == "child_visit") return tr("child health visit");
    if (table == "pregnancy") return tr("pregnancy");
    if (table == "maternal_visit") return tr("maternal visit");
    return table;
}

}  // namespace

std::string parkedText(const ParkedEntry& p) {
    const auto& table = p.entry.table;
    if (p.reason == "missing_row") {
        if (table == "household_member" && p.detail == "resident")
            return tr("A household here lists a member registered in another village, outside this site's area; "
                      "the membership is kept at the township and shown here when the person's record comes here");
        if (table == "household" && p.detail == "resident")
            return tr("A household's head is registered in another village, outside this site's area; the household "
                      "is shown here when the head's record comes here");
        return format(tr("A change to a {0} refers to a record that is not at this site yet; it applies when that "
                         "record arrives"),
                      {recordKind(table)});
    }
    if (p.reason == "unknown_row")
        return format(tr("A change to a {0} that is not at this site yet; it applies when the record arrives"),
                      {recordKind(table)});
    if (p.reason == "clash" && p.detail == "resident.archive_no")
        return format(tr("Archive number {0} is already used here by another record: the township must renumber one "
                         "of the two records"),
                      {field(p, "archive_no")});
    if (p.reason == "clash")
        return format(tr("A change to a {0} clashes with a record here ({1})"), {recordKind(table), p.detail});
    return format(tr("A change to a {0} could not be applied: {1}"), {recordKind(table), p.detail});
}

}  // namespace jiayi::sync
