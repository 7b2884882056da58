// Routes of the order page's exchange and resale inspection: the two ends of the exchange and
// no-reason return routes, as `station exchange` and `station returns inspect` do (the same
// calls, the same rules, the same errors). The person signed in acts.
#include <fmt/format.h>

#include "station/orders/repair_orders.h"
#include "station/returns/exchange.h"
#include "station/returns/resale_inspection.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

// Who exchanges or inspects: the moves to exchanged and restocked are theirs.
const std::vector<Role> k_returns_roles = {Role::Technician, Role::Supervisor};

// An enum named by a body's text field, or an Invalid that lists the names it may take.
template <class E>
Result<E> enum_field(const nlohmann::json& body, const char* key, const std::string& fallback) {
    std::string text = fallback;
    if (!text_field(body, key, text))
        return fail(ErrorCode::Invalid, fmt::format("{} must be text", key), "web");
    auto parsed = parse_enum<E>(text);
    if (!parsed)
        return fail(
            ErrorCode::Invalid,
            fmt::format("{} \"{}\" is not one of: {}", key, text, fmt::join(all_names<E>(), ", ")),
            "web");
    return *parsed;
}

ApiReply exchange(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    ExchangeRequest exchange_request{
        request.params["number"], "", {}, request.session->person.id, ""};
    if (!body.is_object() || !text_field(body, "serial", exchange_request.replacement_serial) ||
        exchange_request.replacement_serial.empty() ||
        !text_field(body, "note", exchange_request.note) ||
        !text_field(body, "supplier_return", exchange_request.supplier_return))
        return error_reply(400, "invalid",
                           "send {\"serial\": \"the replacement's serial\", \"returned_unit\": "
                           "\"refurbishment | supplier_return | scrap\", \"supplier_return\": "
                           "\"SR-... (for supplier_return)\", \"note\": \"...\"}");
    auto fate = enum_field<ReturnedUnitFate>(body, "returned_unit", "refurbishment");
    if (!fate) return error_reply(fate.error());
    exchange_request.returned_unit = *fate;
    std::lock_guard lock(context.store_mutex);
    auto exchanged = exchange_order(*context.store, exchange_request);
    if (!exchanged) return error_reply(exchanged.error());
    return json_reply(200, {{"repair_order", exchanged->order_number},
                            {"product", exchanged->product},
                            {"replacement_sku", exchanged->replacement_sku},
                            {"replacement_serial", exchanged->replacement_serial},
                            {"unit_cost", exchanged->unit_cost},
                            {"returned_unit", name_of(exchanged->returned_unit)},
                            {"supplier_return", exchanged->supplier_return},
                            {"state", name_of(OrderState::Exchanged)}});
}

ApiReply inspect(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    InspectionRequest inspection{request.params["number"],   {}, {}, "",
                                 request.session->person.id, ""};
    if (!body.is_object() || !body.contains("grade") || !text_field(body, "bin", inspection.bin) ||
        !text_field(body, "note", inspection.note))
        return error_reply(400, "invalid",
                           "send {\"grade\": \"A | B | C | D\", \"outcome\": \"restock | "
                           "return_to_vendor\", \"bin\": \"BIN-… (to restock)\", \"note\": "
                           "\"...\"}");
    auto grade = enum_field<ConditionGrade>(body, "grade", "");
    if (!grade) return error_reply(grade.error());
    auto outcome = enum_field<ResaleOutcome>(body, "outcome", "restock");
    if (!outcome) return error_reply(outcome.error());
    inspection.grade = *grade;
    inspection.outcome = *outcome;
    std::lock_guard lock(context.store_mutex);
    auto inspected = inspect_return(*context.store, inspection);
    if (!inspected) return error_reply(inspected.error());
    return json_reply(200, {{"repair_order", inspected->order_number},
                            {"grade", name_of(inspected->grade)},
                            {"missing_accessories", inspected->missing_accessories},
                            {"activated", inspected->activated},
                            {"outcome", name_of(inspected->outcome)},
                            {"serial", inspected->serial},
                            {"sku", inspected->sku},
                            {"bin", inspected->bin},
                            {"state", name_of(OrderState::Restocked)}});
}

}  // namespace

void add_returns_routes(std::vector<Route>& routes) {
    routes.push_back({"POST", "/api/v1/orders/{number}/exchange", Access::Session, k_returns_roles,
                      "Exchange: a replacement of the RMA's product off the shelf by its serial, "
                      "the returned unit's fate recorded, the move to exchanged",
                      exchange});
    routes.push_back({"POST", "/api/v1/orders/{number}/returns/inspect", Access::Session,
                      k_returns_roles,
                      "Resale inspection of a no-reason return: its grade, restocked in a bin or "
                      "returned to the vendor, the move to restocked (the platform refunds)",
                      inspect});
}

}  // namespace rs::station
