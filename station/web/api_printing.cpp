// Routes of shipping and printing: shipping an order (its label previewed first), the print
// queue, printers.
#include <fmt/format.h>
#include <openssl/evp.h>

#include <cmath>

#include "labels/print/label_preview.h"
#include "labels/print/label_templates.h"
#include "labels/print/zpl_writer.h"
#include "station/orders/policy_store.h"
#include "station/orders/repair_orders.h"
#include "station/printing/print_queue.h"
#include "station/printing/printer_check.h"
#include "station/printing/printer_config.h"
#include "station/shipping/shipment.h"
#include "station/web/web_api.h"

namespace rs::station {

Result<LabelPrinter> label_printer(WebContext& context, const nlohmann::json& body) {
    auto printers = parse_printers_config(context.config);
    if (!printers) return std::unexpected(printers.error());
    std::string wanted = printers->default_printer;
    if (body.is_object() && body.contains("printer")) {
        if (!body["printer"].is_string())
            return fail(ErrorCode::Invalid, "printer must be a printer's name", "web");
        wanted = body["printer"].get<std::string>();
    }
    const PrinterConfig* printer = wanted.empty() ? nullptr : printers->find(wanted);
    if (!printer && wanted.empty() && !printers->devices.empty())
        printer = &printers->devices.front();
    if (!printer)
        return fail(ErrorCode::NotFound,
                    wanted.empty() ? "no label printer configured: add a [[printers.device]] entry"
                                   : "no label printer named " + wanted,
                    "web");
    auto labels_config = parse_labels_config(context.config);
    if (!labels_config) return std::unexpected(labels_config.error());
    auto template_context = make_template_context(*labels_config, printer->dpi);
    if (!template_context) return std::unexpected(template_context.error());
    return LabelPrinter{printer->name, std::move(*template_context)};
}

namespace {

nlohmann::json job_json(const PrintJob& job) {
    return {{"number", job.number},          {"printer", job.printer},
            {"template", job.template_name}, {"copies", job.copies},
            {"state", name_of(job.state)},   {"attention", job.attention},
            {"last_error", job.last_error},  {"reason", job.reason},
            {"operator", job.operator_id},   {"attempts", job.attempts},
            {"created_ms", job.created_ms},  {"updated_ms", job.updated_ms}};
}

struct ShipStep {
    Policy policy;
    ShipRequest request;
};

// What shipping an order asks for: the weight from the body, the label printer of the body, the
// policy in force. Called with the store lock held.
Result<ShipStep> ship_step(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    if (!body.is_object() || !body.contains("weight_kg") || !body["weight_kg"].is_number())
        return fail(ErrorCode::Invalid,
                    "send {\"weight_kg\": 0.45} (and \"printer\" to choose one); the carrier, "
                    "service and waybill number come from the policy and the pool",
                    "web");
    double weight_kg = body["weight_kg"].get<double>();
    if (!std::isfinite(weight_kg) || weight_kg <= 0 || weight_kg > 1000)
        return fail(ErrorCode::Invalid, "weight_kg must be a weight in kilograms, like 0.45",
                    "web");
    auto printer = label_printer(context, body);
    if (!printer) return std::unexpected(printer.error());
    auto policy_file = configured_policy_file(context.config);
    if (!policy_file) return std::unexpected(policy_file.error());
    auto policy = current_policy(*context.store, *policy_file);
    if (!policy) return std::unexpected(policy.error());
    return ShipStep{std::move(policy->policy),
                    {request.params["number"], request.session->person.id,
                     std::llround(weight_kg * 1000.0), printer->name, std::move(printer->labels)}};
}

std::string base64(const std::string& bytes) {
    std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                 reinterpret_cast<const unsigned char*>(bytes.data()),
                                 static_cast<int>(bytes.size()));
    text.resize(static_cast<std::size_t>(length));
    return text;
}

// The label as a picture (base64 PNG) with what the parcel would be: carrier, service, the
// pool's next number, and its contents, the packing slip's list the Shipping screen turns into
// the packing checklist.
ApiReply preview(WebContext& context, ApiRequest& request) {
    std::lock_guard lock(context.store_mutex);
    auto step = ship_step(context, request);
    if (!step) return error_reply(step.error());
    auto planned = preview_shipment(*context.store, step->policy, step->request);
    if (!planned) return error_reply(planned.error());
    auto labels_config = parse_labels_config(context.config);
    auto raster = labels::TextRaster::open(labels_config ? labels_config->bitmap_font : "");
    if (!raster) return error_reply(raster.error());
    auto png = labels::render_preview_png(planned->label, **raster);
    if (!png) return error_reply(png.error());
    const Shipment& shipment = planned->shipment;
    return json_reply(200, {{"repair_order", shipment.order_number},
                            {"carrier", shipment.carrier},
                            {"service", shipment.service},
                            {"tracking_number", shipment.tracking_number},
                            {"freight_payer", name_of(shipment.freight)},
                            {"weight_g", shipment.weight_g},
                            {"contents", shipment.contents},
                            {"label_png", base64(*png)}});
}

ApiReply ship(WebContext& context, ApiRequest& request) {
    std::lock_guard lock(context.store_mutex);
    auto step = ship_step(context, request);
    if (!step) return error_reply(step.error());
    auto shipped = ship_order(*context.store, step->policy, step->request);
    if (!shipped) return error_reply(shipped.error());
    return json_reply(201, {{"repair_order", shipped->order_number},
                            {"carrier", shipped->carrier},
                            {"service", shipped->service},
                            {"tracking_number", shipped->tracking_number},
                            {"freight_payer", name_of(shipped->freight)},
                            {"weight_g", shipped->weight_g},
                            {"contents", shipped->contents},
                            {"label_job", shipped->label_job},
                            {"slip_job", shipped->slip_job}});
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
    routes.push_back({"POST", "/api/v1/orders/{number}/ship/preview", Access::Session,
                      k_shipping_roles,
                      "What shipping would do now (weight_kg): carrier, service, the pool's next "
                      "number, the parcel's contents (the packing checklist), the label as a PNG",
                      preview});
    routes.push_back({"POST", "/api/v1/orders/{number}/ship", Access::Session, k_shipping_roles,
                      "Ship an order ready to ship: a waybill number from the pool, the return "
                      "label and packing slip queued, the move to shipped (weight_kg)",
                      ship});
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
