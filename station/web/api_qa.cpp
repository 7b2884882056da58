// Routes of the order page's QA: the checklist with its results, starting QA, recording a
// step's result and finishing it, as `station qa` does (the same rules, the same errors).
#include "station/orders/qa.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

const std::vector<Role> k_qa_roles = {Role::Technician, Role::Supervisor};

ApiReply show_qa(WebContext& context, ApiRequest& request) {
    std::lock_guard lock(context.store_mutex);
    auto attempts = qa_attempts(*context.store, request.params["number"]);
    if (!attempts) return error_reply(attempts.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& attempt : *attempts)
        rows.push_back(qa_attempt_to_json(attempt));
    nlohmann::json body{{"attempts", rows}};
    if (!attempts->empty()) {
        auto yield = qa_yield(*context.store, attempts->front().order_id);
        if (!yield) return error_reply(yield.error());
        body["first_pass"] = yield->first_pass;
    }
    return json_reply(200, body);
}

ApiReply start_attempt(WebContext& context, ApiRequest& request) {
    const auto& body = request.body.is_null() ? nlohmann::json::object() : request.body;
    QaStart start{request.params["number"], request.session->person.id, {}, ""};
    bool ok = body.is_object() && text_field(body, "note", start.note);
    if (ok && body.contains("repair_codes")) {
        ok = body["repair_codes"].is_array();
        for (const auto& code : ok ? body["repair_codes"] : nlohmann::json::array()) {
            if (!code.is_string()) ok = false;
            if (ok) start.repair_codes.push_back(code.get<std::string>());
        }
    }
    if (!ok)
        return error_reply(400, "invalid", "send {\"repair_codes\": [\"R10\"], \"note\": \"...\"}");
    std::lock_guard lock(context.store_mutex);
    auto attempt = start_qa(*context.store, start);
    if (!attempt) return error_reply(attempt.error());
    return json_reply(200, qa_attempt_to_json(*attempt));
}

ApiReply record_result(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    QaRecord record{request.params["number"],  0, std::nullopt, "", "", "",
                    request.session->person.id};
    bool ok = body.is_object() && body.contains("step") && body["step"].is_number_integer() &&
              text_field(body, "value", record.value) && text_field(body, "photo", record.photo) &&
              text_field(body, "note", record.note);
    if (ok && body.contains("passed")) {
        ok = body["passed"].is_boolean();
        if (ok) record.passed = body["passed"].get<bool>();
    }
    if (!ok)
        return error_reply(400, "invalid",
                           "send {\"step\": 3, \"passed\": true | \"value\": \"3.92\" | "
                           "\"photo\": \"PHOTO-ID\", \"note\": \"...\"}");
    auto step = body["step"].get<std::int64_t>();
    if (step < 1 || step > 1000) return error_reply(400, "invalid", "step must be 1..1000");
    record.step = static_cast<int>(step);
    std::lock_guard lock(context.store_mutex);
    auto recorded = record_qa_result(*context.store, record);
    if (!recorded) return error_reply(recorded.error());
    return json_reply(200, {{"step", recorded->step},
                            {"passed", recorded->passed},
                            {"value", recorded->value},
                            {"photo", recorded->photo_id}});
}

ApiReply finish_attempt(WebContext& context, ApiRequest& request) {
    const auto& body = request.body.is_null() ? nlohmann::json::object() : request.body;
    std::string note;
    if (!body.is_object() || !text_field(body, "note", note))
        return error_reply(400, "invalid", "send {\"note\": \"...\"} or nothing");
    std::lock_guard lock(context.store_mutex);
    auto finished =
        finish_qa(*context.store, request.params["number"], request.session->person.id, note);
    if (!finished) return error_reply(finished.error());
    return json_reply(200, {{"state", name_of(finished->order.state)},
                            {"attempt", qa_attempt_to_json(finished->attempt)}});
}

}  // namespace

void add_qa_routes(std::vector<Route>& routes) {
    routes.push_back({"GET",
                      "/api/v1/orders/{number}/qa",
                      Access::Session,
                      {},
                      "The order's QA attempts: checklist, each step's result, outcome",
                      show_qa});
    routes.push_back({"POST", "/api/v1/orders/{number}/qa/start", Access::Session, k_qa_roles,
                      "Start QA: in_repair to qa with its category's checklist", start_attempt});
    routes.push_back({"POST", "/api/v1/orders/{number}/qa/results", Access::Session, k_qa_roles,
                      "Record one step's result (pass/fail, a measured value, a photo)",
                      record_result});
    routes.push_back({"POST", "/api/v1/orders/{number}/qa/finish", Access::Session, k_qa_roles,
                      "Finish QA: passed to ready_to_ship, a failed step back to in_repair",
                      finish_attempt});
}

}  // namespace rs::station
