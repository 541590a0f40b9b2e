#pragma once
// The `form` column of follow-ups and health checks: the fields of the national forms that
// no rule or list queries, as one JSON object.
#include <string>

#include "core/model/Chronic.h"

namespace jiayi::model {

std::string followUpFormJson(const FollowUp& f);
// Fills the form members of `f` from `json`; throws StorageError on a malformed text.
void readFollowUpForm(FollowUp& f, const std::string& json);
std::string healthCheckFormJson(const HealthCheck& h);
void readHealthCheckForm(HealthCheck& h, const std::string& json);

}  // namespace jiayi::model
