#pragma once
// 个人基本信息表 (personal basic information form, 3rd edition):
// shared/domain/records.md. Codes are those of the paper form (see rules/CodeLists.h).
#include <optional>
#include <string>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::model {

// A disease of 既往史 with its diagnosis date (disease code from CodeLists "disease").
struct DiagnosedDisease {
    std::string code;
    std::optional<Date> diagnosedOn;
    std::string note;  // the name for 恶性肿瘤 / 职业病 / 其他
    friend bool operator==(const DiagnosedDisease&, const DiagnosedDisease&) = default;
};

// 手术 / 外伤 / 输血: what and when.
struct HistoryEvent {
    std::string name;
    std::optional<Date> date;
    friend bool operator==(const HistoryEvent&, const HistoryEvent&) = default;
};

struct FamilyHistory {
    std::vector<std::string> father, mother, siblings, children;  // disease codes
    friend bool operator==(const FamilyHistory&, const FamilyHistory&) = default;
};

enum class RecordStatus { Active, Moved, Dead, Lost };

struct Resident {
    std::string id;         // UUIDv7, made on the site
    std::string archiveNo;  // 17 digits: village code (12) + serial (5)
    std::string villageCode;

    std::string name;
    std::string sex;  // 1 男, 2 女, 9 未说明, 0 未知
    std::optional<Date> birthDate;
    std::string idNumber;  // empty when the person has none (newborn, undocumented)
    std::string employer;
    std::string phone;
    std::string contactName;
    std::string contactPhone;
    std::string residenceType;  // 1 户籍, 2 非户籍
    std::string ethnicity;      // GB 3304 code, 01 汉
    std::string bloodType;      // 1 A, 2 B, 3 O, 4 AB, 5 不详
    std::string rhNegative;     // 1 否, 2 是, 3 不详
    std::string education;
    std::string occupation;
    std::string maritalStatus;
    std::vector<std::string> payment;
    std::string paymentOther;
    std::vector<std::string> drugAllergy;
    std::string drugAllergyOther;
    std::vector<std::string> exposure;
    std::vector<DiagnosedDisease> pastDiseases;
    std::vector<HistoryEvent> surgeries, injuries, transfusions;
    FamilyHistory familyHistory;
    std::string hereditaryDisease;  // empty = 无
    std::vector<std::string> disability;
    std::string disabilityOther;
    std::string kitchenVentilation, fuel, water, toilet, animalPen;

    RecordStatus status = RecordStatus::Active;
    std::optional<Date> statusDate;
    std::string statusReason;  // destination, cause of death, or why lost
    // Raised by every reopen, so that the record status only moves forward when sites
    // merge (docs/sync-design.md, "State machines"). Not a form field.
    std::int64_t statusEpoch = 0;
    // Set by the hub when this record duplicates an earlier one (the same ID number
    // registered at two sites): readers go to that survivor; undone by clearing it.
    std::string mergedInto;

    std::optional<Date> createdOn;
    std::optional<Date> updatedOn;
    std::string createdSite;

    friend bool operator==(const Resident&, const Resident&) = default;
};

const char* statusCode(RecordStatus status);
std::optional<RecordStatus> parseStatus(std::string_view code);

}  // namespace jiayi::model
