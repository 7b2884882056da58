// Gathering an order's repair report from the rooms that hold its parts, and its pages.
#include "station/orders/repair_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "common/clock.h"
#include "common/store/transaction.h"
#include "labels/print/zpl_writer.h"
#include "station/orders/diagnosis.h"
#include "station/orders/firmware_flash.h"
#include "station/orders/order_parts.h"
#include "station/orders/qa.h"
#include "station/orders/quotes.h"
#include "station/people/operators.h"
#include "station/photos/photos.h"
#include "station/rma/rma_store.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "repair report";
// Lines of the report on one printed page (the template's body wraps long ones).
constexpr std::size_t k_lines_per_page = 14;

std::string money(std::int64_t minor) {
    return fmt::format("{}{}.{:02}", minor < 0 ? "-" : "", std::llabs(minor) / 100,
                       std::llabs(minor) % 100);
}

std::string text(const nlohmann::json& object, const char* key) {
    if (!object.is_object() || !object.contains(key)) return "";
    const auto& value = object.at(key);
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
    return "";
}

}  // namespace

Result<std::vector<std::string>> repair_codes(StationStore& store, const RepairOrder& order) {
    auto attempts = qa_attempts(store, order.number);
    if (!attempts) return std::unexpected(attempts.error());
    std::vector<std::string> codes;
    auto add = [&](const std::string& code) {
        if (!code.empty() && std::find(codes.begin(), codes.end(), code) == codes.end())
            codes.push_back(code);
    };
    for (const auto& attempt : *attempts)
        for (const auto& code : attempt.repair_codes)
            add(code);
    auto quote = latest_quote(store, order.id);
    if (!quote) return std::unexpected(quote.error());
    // A quote's labour is work done only once the customer accepted it: a declined or expired
    // quote's lines were offered, never carried out.
    if (*quote && (*quote)->accepted_ms)
        for (const auto& line : (*quote)->lines)
            if (line.kind == "labour") add(line.code);
    return codes;
}

Result<nlohmann::json> repair_report(StationStore& store, const RepairOrder& order) {
    auto rma = find_rma(store, order.rma_id);
    if (!rma) return std::unexpected(rma.error());
    nlohmann::json report{{"repair_order", order.number},
                          {"rma", order.rma_number},
                          {"model", *rma ? (*rma)->product_model : ""},
                          {"sku", *rma ? (*rma)->product_sku : ""},
                          {"device", order.device_identity}};
    auto diagnosis = latest_diagnosis(store, order.id);
    if (!diagnosis) return std::unexpected(diagnosis.error());
    if (*diagnosis) report["diagnosis"] = diagnosis_to_json(**diagnosis);

    auto attempts = qa_attempts(store, order.number);
    if (!attempts) return std::unexpected(attempts.error());
    auto codes = repair_codes(store, order);
    if (!codes) return std::unexpected(codes.error());
    report["repair_codes"] = *codes;
    auto parts = parts_used(store, order);
    if (!parts) return std::unexpected(parts.error());
    report["parts"] = (*parts)["parts"];
    report["parts_cost"] = (*parts)["parts_cost"];

    auto yield = qa_yield(store, order.id);
    if (!yield) return std::unexpected(yield.error());
    nlohmann::json qa{{"attempts", yield->attempts},
                      {"passed", yield->passed},
                      {"first_pass", yield->first_pass}};
    report["category"] = attempts->empty() ? "" : attempts->back().category;
    if (!attempts->empty()) qa["latest"] = qa_attempt_to_json(attempts->back());
    report["qa"] = qa;

    auto photos = list_photos(store, PhotoFilter{order.number, std::nullopt, 1000});
    if (!photos) return std::unexpected(photos.error());
    nlohmann::json photo_list = nlohmann::json::array();
    for (auto photo = photos->rbegin(); photo != photos->rend(); ++photo)  // oldest first
        photo_list.push_back(
            {{"id", photo->id}, {"sha256", photo->sha256}, {"stage", name_of(photo->stage)}});
    report["photos"] = photo_list;

    auto flashes = flash_attempts(store, order.number);
    if (!flashes) return std::unexpected(flashes.error());
    for (auto flash = flashes->rbegin(); flash != flashes->rend(); ++flash)
        if (flash->result == "succeeded") {
            report["firmware"] = {
                {"version",
                 flash->after_version.empty() ? flash->image_version : flash->after_version},
                {"before_version", flash->before_version},
                {"image_sha256", flash->image_sha256},
                {"flashed", format_utc_ms(flash->finished_ms.value_or(flash->started_ms))}};
            break;
        }
    return report;
}

std::vector<std::string> repair_report_lines(const nlohmann::json& report) {
    std::vector<std::string> lines;
    lines.push_back(fmt::format("{}  {}  {} {}", text(report, "repair_order"), text(report, "rma"),
                                text(report, "model"), text(report, "device")));
    if (report.contains("diagnosis")) {
        const auto& d = report["diagnosis"];
        lines.push_back(fmt::format("Fault: {}", text(d, "customer_symptom")));
        lines.push_back(fmt::format("Codes: symptom {} condition {} section {} defect {} ({})",
                                    text(d, "symptom"), text(d, "condition"), text(d, "section"),
                                    text(d, "defect"), text(d, "cause")));
    }
    const auto& codes = report.value("repair_codes", nlohmann::json::array());
    if (!codes.empty())
        lines.push_back(
            fmt::format("Repair: {}", fmt::join(codes.get<std::vector<std::string>>(), ", ")));
    for (const auto& part : report.value("parts", nlohmann::json::array()))
        lines.push_back(
            fmt::format("Part {} x{}{}{} @ {}", text(part, "sku"), text(part, "qty"),
                        text(part, "lot").empty() ? "" : " lot " + text(part, "lot"),
                        text(part, "serial").empty() ? "" : " serial " + text(part, "serial"),
                        money(part.value("unit_cost", std::int64_t{0}))));
    if (!report.value("parts", nlohmann::json::array()).empty())
        lines.push_back(
            fmt::format("Parts cost {}", money(report.value("parts_cost", std::int64_t{0}))));
    if (report.contains("firmware"))
        lines.push_back(fmt::format("Firmware {} (was {})", text(report["firmware"], "version"),
                                    text(report["firmware"], "before_version").empty()
                                        ? "?"
                                        : text(report["firmware"], "before_version")));
    const auto& qa = report.value("qa", nlohmann::json::object());
    if (qa.contains("latest")) {
        const auto& latest = qa["latest"];
        lines.push_back(fmt::format("QA {} attempt {} of {}: {}{}", text(latest, "checklist"),
                                    text(latest, "attempt"), text(qa, "attempts"),
                                    text(latest, "outcome"),
                                    qa.value("first_pass", false) ? ", first pass" : ""));
        for (const auto& step : latest.value("steps", nlohmann::json::array())) {
            std::string shown = text(step, "value").empty()
                                    ? ""
                                    : fmt::format(" {} {} ({})", text(step, "value"),
                                                  text(step, "unit"), text(step, "limits"));
            if (!text(step, "photo").empty()) shown += " photo " + text(step, "photo").substr(0, 8);
            std::string result = text(step, "result");
            std::transform(result.begin(), result.end(), result.begin(), ::toupper);
            lines.push_back(fmt::format("[{}] {}. {}{}", result, text(step, "step"),
                                        text(step, "text"), shown));
        }
    } else {
        lines.push_back("QA: no checklist recorded");
    }
    const auto& photos = report.value("photos", nlohmann::json::array());
    if (!photos.empty()) {
        std::vector<std::string> names;
        for (const auto& photo : photos)
            names.push_back(text(photo, "stage") + " " + text(photo, "id").substr(0, 8));
        lines.push_back(fmt::format("Photos: {}", fmt::join(names, ", ")));
    }
    return lines;
}

std::vector<nlohmann::json> repair_report_pages(const nlohmann::json& report) {
    auto lines = repair_report_lines(report);
    // The first line is the page's header; the rest is the body.
    std::string header = lines.front();
    std::vector<std::string> body(lines.begin() + 1, lines.end());
    std::size_t count =
        std::max<std::size_t>(1, (body.size() + k_lines_per_page - 1) / k_lines_per_page);
    std::vector<nlohmann::json> pages;
    for (std::size_t page = 0; page < count; ++page) {
        std::vector<std::string> chunk(
            body.begin() +
                static_cast<std::ptrdiff_t>(std::min(body.size(), page * k_lines_per_page)),
            body.begin() +
                static_cast<std::ptrdiff_t>(std::min(body.size(), (page + 1) * k_lines_per_page)));
        pages.push_back({{"repair_order", text(report, "repair_order")},
                         {"order_line", header},
                         {"page", page + 1},
                         {"pages", count},
                         {"lines", chunk}});
    }
    return pages;
}

Result<std::vector<PrintJob>> print_repair_report(StationStore& store, const ReportPrint& request) {
    if (request.printer.empty())
        return fail(ErrorCode::Invalid,
                    "no label printer to print the report on: add a [[printers.device]]", k_where);
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto person = require_operator(store, request.operator_id, k_where);
    if (!person) return std::unexpected(person.error());
    auto order = require_order(store, request.order_number, k_where);
    if (!order) return std::unexpected(order.error());
    auto report = repair_report(store, *order);
    if (!report) return std::unexpected(report.error());
    std::vector<PrintJob> jobs;
    for (const auto& data : repair_report_pages(*report)) {
        auto label = labels::build_label("repair-report", data, request.labels);
        if (!label) return std::unexpected(label.error());
        auto job = enqueue_print_job(store, {request.printer, "repair-report", data,
                                             labels::to_zpl(*label), 1, person->id, order->id});
        if (!job) return std::unexpected(job.error());
        jobs.push_back(std::move(*job));
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return jobs;
}

}  // namespace rs::station
