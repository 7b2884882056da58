// The repair report of one order: what was wrong (diagnosis codes), what was done (repair
// codes, parts used with lot, serial and cost, firmware flashed), how it was checked (the QA
// checklist's results, first-pass yield) and the photos taken. Shown by `station qa report`,
// printed on the "repair-report" label template, and carried in the `repair_order.qa_passed`
// event.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "common/error.h"
#include "labels/print/label_templates.h"
#include "station/orders/repair_orders.h"
#include "station/printing/print_queue.h"
#include "station/store/station_store.h"

namespace rs::station {

// The repair codes recorded on the order: those given when QA started, and its quote's labour
// lines, each once (what the report lists and the order's labour cost counts).
Result<std::vector<std::string>> repair_codes(StationStore& store, const RepairOrder& order);

// From the store, inside the caller's transaction when there is one:
// {repair_order, rma, model, sku, device, category, diagnosis?, repair_codes, parts, parts_cost,
//  qa {attempts, passed, first_pass, latest?}, photos [{id, sha256, stage}], firmware?}.
Result<nlohmann::json> repair_report(StationStore& store, const RepairOrder& order);

// The report as lines a person reads, in the order the report's sections go.
std::vector<std::string> repair_report_lines(const nlohmann::json& report);

// The data of the "repair-report" label template, one object per page.
std::vector<nlohmann::json> repair_report_pages(const nlohmann::json& report);

struct ReportPrint {
    std::string order_number;
    std::string operator_id;
    std::string printer;
    labels::TemplateContext labels;
};

// Queues the report's pages for `printer` in one transaction; returns the jobs.
Result<std::vector<PrintJob>> print_repair_report(StationStore& store, const ReportPrint& request);

}  // namespace rs::station
