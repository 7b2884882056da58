// Routes of shipping and printing: return labels (preview first), the print queue, printers.
#include <fmt/format.h>

#include <cmath>

#include "common/clock.h"
#include "labels/print/label_preview.h"
#include "labels/print/label_templates.h"
#include "labels/print/zpl_writer.h"
#include "station/orders/repair_orders.h"
#include "station/printing/print_queue.h"
#include "station/printing/printer_check.h"
#include "station/printing/printer_config.h"
#include "station/rma/rma_store.h"
#include "station/shipping/parcel_labels.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

nlohmann::json job_json(const PrintJob& job) {
    return {{"number", job.number},          {"printer", job.printer},
            {"template", job.template_name}, {"copies", job.copies},
            {"state", name_of(job.state)},   {"attention", job.attention},
            {"last_error", job.last_error},  {"reason", job.reason},
            {"operator", job.operator_id},   {"attempts", job.attempts},
            {"created_ms", job.created_ms},  {"updated_ms", job.updated_ms}};
}

struct ReturnLabel {
    std::string printer;
    nlohmann::json data;
    labels::Label label;
    std::string order_id;
};

// The return label of an order: the customer from its RMA, the carrier and tracking number from
// the request. Called with the store lock held.
Result<ReturnLabel> build_return_label(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    for (const char* key : {"carrier", "tracking_number"})
        if (!body.is_object() || !body.contains(key) || !body[key].is_string() ||
            body[key].get<std::string>().empty())
            return fail(ErrorCode::Invalid,
                        "send {\"carrier\": \"SF Express\", \"tracking_number\": \"SF...\"} "
                        "(service and weight_kg optional)",
                        "web");
    if (body.contains("weight_kg") && !body["weight_kg"].is_number())
        return fail(ErrorCode::Invalid, "weight_kg must be a number", "web");
    auto printers = parse_printers_config(context.config);
    if (!printers) return std::unexpected(printers.error());
    // The printer asked for, else [printers] default, else the first one.
    std::string wanted = body.value("printer", printers->default_printer);
    const PrinterConfig* printer = wanted.empty() ? nullptr : printers->find(wanted);
    if (!printer && wanted.empty() && !printers->devices.empty())
        printer = &printers->devices.front();
    if (!printer)
        return fail(ErrorCode::NotFound,
                    "no label printer configured: add a [[printers.device]] entry", "web");
    auto order = find_order_by_number(*context.store, request.params["number"]);
    if (!order) return std::unexpected(order.error());
    if (!*order)
        return fail(ErrorCode::NotFound, "no repair order " + request.params["number"], "web");
    auto rma = find_rma(*context.store, (*order)->rma_id);
    if (!rma) return std::unexpected(rma.error());
    if (!*rma) return fail(ErrorCode::NotFound, "the order's RMA is missing", "web");
    Parcel parcel{body["carrier"].get<std::string>(),
                  body.value("service", std::string("Standard")),
                  body["tracking_number"].get<std::string>(),
                  std::llround(body.value("weight_kg", 0.5) * 1000.0),
                  context.store->now_ms(),
                  nlohmann::json::array()};
    nlohmann::json data = return_label_data(**order, **rma, parcel);
    auto labels_config = parse_labels_config(context.config);
    if (!labels_config) return std::unexpected(labels_config.error());
    auto template_context = make_template_context(*labels_config, printer->dpi);
    if (!template_context) return std::unexpected(template_context.error());
    auto label = labels::build_label("return-label", data, *template_context);
    if (!label) return std::unexpected(label.error());
    return ReturnLabel{printer->name, std::move(data), std::move(*label), (*order)->id};
}

ApiReply preview_return_label(WebContext& context, ApiRequest& request) {
    std::lock_guard lock(context.store_mutex);
    auto label = build_return_label(context, request);
    if (!label) return error_reply(label.error());
    auto labels_config = parse_labels_config(context.config);
    auto raster = labels::TextRaster::open(labels_config ? labels_config->bitmap_font : "");
    if (!raster) return error_reply(raster.error());
    auto png = labels::render_preview_png(label->label, **raster);
    if (!png) return error_reply(png.error());
    return ApiReply{200, std::move(*png), "image/png", {}};
}

ApiReply print_return_label(WebContext& context, ApiRequest& request) {
    std::lock_guard lock(context.store_mutex);
    auto label = build_return_label(context, request);
    if (!label) return error_reply(label.error());
    auto job = submit_print_job(
        *context.store, {label->printer, "return-label", label->data, labels::to_zpl(label->label),
                         1, request.session->person.id, label->order_id});
    if (!job) return error_reply(job.error());
    return json_reply(201, job_json(*job));
}

ApiReply list_jobs(WebContext& context, ApiRequest&) {
    std::lock_guard lock(context.store_mutex);
    auto jobs = list_print_jobs(*context.store,
                                {.state = std::nullopt, .printer = std::nullopt, .limit = 100});
    if (!jobs) return error_reply(jobs.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& job : *jobs)
        rows.push_back(job_json(job));
    return json_reply(200, {{"jobs", rows}});
}

std::optional<std::int64_t> job_number(ApiRequest& request) {
    const std::string& text = request.params["number"];
    if (text.empty() || text.size() > 15 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(text);
}

template <class Action>
ApiReply job_action(WebContext& context, ApiRequest& request, Action action) {
    auto number = job_number(request);
    if (!number) return error_reply(400, "invalid", "a job number is digits");
    std::lock_guard lock(context.store_mutex);
    auto job = action(*number);
    if (!job) return error_reply(job.error());
    return json_reply(200, job_json(*job));
}

ApiReply retry_job(WebContext& context, ApiRequest& request) {
    return job_action(context, request, [&](std::int64_t number) {
        return retry_print_job(*context.store, number, request.session->person.id);
    });
}

ApiReply cancel_job(WebContext& context, ApiRequest& request) {
    return job_action(context, request, [&](std::int64_t number) {
        return cancel_print_job(*context.store, number, request.session->person.id);
    });
}

ApiReply reprint_job(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    if (!body.is_object() || !body.contains("reason") || !body["reason"].is_string())
        return error_reply(400, "invalid", "send {\"reason\": \"why it is printed again\"}");
    return job_action(context, request, [&](std::int64_t number) {
        return reprint_print_job(*context.store, number, request.session->person.id,
                                 body["reason"].get<std::string>());
    });
}

ApiReply list_printers(WebContext& context, ApiRequest&) {
    auto printers = parse_printers_config(context.config);
    if (!printers) return error_reply(printers.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& printer : printers->devices) {
        nlohmann::json row = {{"name", printer.name}, {"address", describe_printer(printer)}};
        auto check = check_printer(printer);  // asks the printer: no store lock held
        if (check) {
            row["readiness"] = devices::readiness_name(check->condition.readiness);
            row["message"] = check->condition.message;
        } else {
            row["readiness"] = "unreachable";
            row["message"] = check.error().message;
        }
        rows.push_back(row);
    }
    return json_reply(200, {{"printers", rows}});
}

}  // namespace

void add_printing_routes(std::vector<Route>& routes) {
    routes.push_back({"POST", "/api/v1/orders/{number}/return-label/preview", Access::Session,
                      k_shipping_roles, "The return label of an order as a PNG picture",
                      preview_return_label});
    routes.push_back({"POST", "/api/v1/orders/{number}/return-label", Access::Session,
                      k_shipping_roles, "Print the return label of an order (queued)",
                      print_return_label});
    routes.push_back({"GET",
                      "/api/v1/print-jobs",
                      Access::Session,
                      {},
                      "The print queue, newest first",
                      list_jobs});
    routes.push_back({"POST", "/api/v1/print-jobs/{number}/retry", Access::Session,
                      k_receiving_roles, "Send a failed job again", retry_job});
    routes.push_back({"POST", "/api/v1/print-jobs/{number}/cancel", Access::Session,
                      k_receiving_roles, "Cancel a queued or failed job", cancel_job});
    routes.push_back({"POST", "/api/v1/print-jobs/{number}/reprint", Access::Session,
                      k_receiving_roles, "Print a job's label again, with a reason", reprint_job});
    routes.push_back({"GET",
                      "/api/v1/printers",
                      Access::Session,
                      {},
                      "Each label printer's state in plain words",
                      list_printers});
}

}  // namespace rs::station
