#include "core/services/SupervisionReports.h"

#include <cmath>
#include <sstream>

#include "core/util/I18n.h"

namespace jiayi::services {

namespace {

std::string number(double v) {
    std::ostringstream s;
    s << (std::round(v * 10.0) / 10.0);
    return s.str();
}

print::Cell rateCell(const Figure& f) {
    if (const auto r = f.rate()) return *r;
    return std::string("—");
}

}  // namespace

std::string rateText(const Figure& f) {
    const auto r = f.rate();
    return r ? number(*r * 100.0) + "%" : "—";
}

std::string countText(const Figure& f) {
    return number(f.numerator) + " / " +
           (f.denominator ? number(*f.denominator) : std::string("—"));
}

print::Document indicatorDocument(const IndicatorReport& total,
                                  const std::vector<IndicatorReport>& divisions) {
    print::Document doc;
    doc.titled(format(tr("Supervision indicators: {0}, {1}"), {total.scopeName, total.period.label}));
    print::Block fields;
    fields.kind = print::Block::Kind::Fields;
    fields.fields = {
        {tr("Area"), total.scopeName + " (" + total.scope + ")"},
        {tr("Period"), formatDate(total.period.from) + " – " + formatDate(total.period.to)}};
    if (!total.doctor.empty()) fields.fields.emplace_back(tr("Doctor"), total.doctor);
    doc.blocks.push_back(fields);
    print::Block table;
    table.kind = print::Block::Kind::Table;
    table.rows.push_back({tr("Indicator"), tr("Numerator / denominator"), tr("Rate"), tr("Note")});
    table.widths = {34, 18, 10, 38};
    for (const auto& f : total.figures)
        table.rows.push_back({f.name, countText(f), rateText(f), f.note});
    doc.blocks.push_back(table);
    if (!divisions.empty()) {
        doc.heading(tr("By division"));
        print::Block byDivision;
        byDivision.kind = print::Block::Kind::Table;
        std::vector<std::string> header{tr("Division")};
        // The chronic-care and record figures side by side; every figure is in the XLSX.
        const rules::indicators::Indicator shown[] = {rules::indicators::Indicator::RecordUse,
                                                      rules::indicators::Indicator::HtnStandard,
                                                      rules::indicators::Indicator::HtnControl,
                                                      rules::indicators::Indicator::T2dControl,
                                                      rules::indicators::Indicator::ElderlyCheck,
                                                      rules::indicators::Indicator::TimelyFollowUp};
        for (const auto i : shown) header.push_back(rules::indicators::indicatorName(i));
        byDivision.rows.push_back(header);
        byDivision.widths = {22, 13, 13, 13, 13, 13, 13};
        for (const auto& d : divisions) {
            std::vector<std::string> row{d.scopeName};
            for (const auto i : shown) row.push_back(d.figure(i) ? rateText(*d.figure(i)) : "");
            byDivision.rows.push_back(row);
        }
        doc.blocks.push_back(byDivision);
    }
    doc.heading(tr("Definitions"));
    for (const auto& d : total.definitions)
        doc.note(d.name + ": " + tr("numerator") + " — " + d.numerator + "; " + tr("denominator") +
                 " — " + d.denominator + " (" + d.source + ")");
    std::string settings;
    for (const auto& [name, value] : total.settings)
        settings += (settings.empty() ? "" : ", ") + name + " = " + value;
    doc.note(tr("Settings in force") + ": " + settings);
    doc.footer = doc.title;
    return doc;
}

print::Workbook indicatorWorkbook(const IndicatorReport& total,
                                  const std::vector<IndicatorReport>& divisions,
                                  const std::vector<IndicatorReport>& months,
                                  const std::string& tracedName,
                                  const std::vector<Member>& members) {
    print::Workbook book;
    book.title =
        format(tr("Supervision indicators: {0}, {1}"), {total.scopeName, total.period.label});
    print::Sheet main;
    main.name = tr("Indicators");
    main.rows.push_back(
        {tr("Indicator"), tr("Code"), tr("Numerator"), tr("Denominator"), tr("Rate"), tr("Note")});
    main.widths = {36, 22, 12, 12, 10, 50};
    main.percent = {false, false, false, false, true, false};
    for (const auto& f : total.figures)
        main.rows.push_back(
            {f.name, f.code, f.numerator,
             f.denominator ? print::Cell(*f.denominator) : print::Cell(std::string("—")),
             rateCell(f), f.note});
    book.sheets.push_back(main);
    const auto grid = [&](const std::string& name, const std::string& first,
                          const std::vector<IndicatorReport>& rows, bool byLabel) {
        print::Sheet s;
        s.name = name;
        if (rows.empty()) return;
        std::vector<print::Cell> header{first};
        s.widths = {20};
        s.percent = {false};
        for (const auto& f : rows.front().figures) {
            header.push_back(f.name);
            s.widths.push_back(14);
            s.percent.push_back(true);
        }
        s.rows.push_back(header);
        for (const auto& r : rows) {
            std::vector<print::Cell> row{byLabel ? r.period.label : r.scopeName};
            for (const auto& f : r.figures) row.push_back(rateCell(f));
            s.rows.push_back(row);
        }
        book.sheets.push_back(s);
    };
    grid(tr("By division"), tr("Division"), divisions, false);
    grid(tr("By month"), tr("Month"), months, true);
    if (!tracedName.empty()) {
        print::Sheet s;
        s.name = tracedName;
        s.rows.push_back({tr("Archive number"), tr("Name"), tr("Village"), tr("Doctor"),
                          tr("Counted"), tr("Reason"), tr("Record")});
        s.widths = {18, 10, 14, 14, 8, 60, 38};
        for (const auto& m : members)
            s.rows.push_back({m.archiveNo, m.name, m.villageCode, m.doctor,
                              std::string(m.counted ? tr("yes") : tr("no")), m.reason, m.recordId});
        book.sheets.push_back(s);
    }
    print::Sheet defs;
    defs.name = tr("Definitions");
    defs.rows.push_back({tr("Indicator"), tr("Numerator"), tr("Denominator"), tr("Source")});
    defs.widths = {34, 60, 60, 40};
    for (const auto& d : total.definitions)
        defs.rows.push_back({d.name, d.numerator, d.denominator, d.source});
    defs.rows.push_back({});
    for (const auto& [name, value] : total.settings) defs.rows.push_back({name, value});
    book.sheets.push_back(defs);
    return book;
}

}  // namespace jiayi::services
