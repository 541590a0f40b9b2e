#pragma once
// The indicator reports on paper and in a spreadsheet (issue 18): the same figures a
// supervisor sees on screen, with every definition and the settings in force printed under
// them (quality.md: "print the definition under every report").
#include <string>
#include <vector>

#include "core/print/Document.h"
#include "core/print/Workbook.h"
#include "core/services/Supervision.h"

namespace jiayi::services {

// "72.5%", or "—" when there is no denominator.
std::string rateText(const Figure& f);
// "58 / 80" (expected patients with one decimal).
std::string countText(const Figure& f);

// The report of an area with its divisions one level below (may be empty).
print::Document indicatorDocument(const IndicatorReport& total,
                                  const std::vector<IndicatorReport>& divisions);
// Sheets: the indicators, by division, by month, the members of a traced figure (each may be
// empty), and the definitions.
print::Workbook indicatorWorkbook(const IndicatorReport& total,
                                  const std::vector<IndicatorReport>& divisions,
                                  const std::vector<IndicatorReport>& months,
                                  const std::string& tracedName = {},
                                  const std::vector<Member>& members = {});

}  // namespace jiayi::services
