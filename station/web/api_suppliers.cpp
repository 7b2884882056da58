// Routes of the Suppliers screen: the suppliers with the parts they supply, supplier returns
// with their lines, and shipping a return with its packing label, as `station suppliers list`,
// `station supplier-returns list|show|ship` do (the same calls, the same errors). Opening a
// return and adding lines stay on the command line.
#include "inventory/supplier_returns.h"
#include "inventory/suppliers.h"
#include "station/printing/supplier_return_label.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

// Parts people, and the warehouse that hands the box to the carrier.
const std::vector<Role> k_supplier_roles = {Role::Warehouse, Role::PartsManager, Role::Supervisor};

nlohmann::json line_json(const inventory::ReturnLine& line) {
    return {{"id", line.id},
            {"sku", line.sku},
            {"supplier_part_number", line.supplier_part_number},
            {"qty", line.qty},
            {"lot", line.lot},
            {"serial", line.serial},
            {"reason", name_of(line.reason)},
            {"origin", line.origin},
            {"reference", line.reference},
            {"state", name_of(line.state)},
            {"person", line.person},
            {"added_ms", line.added_ms}};
}

nlohmann::json batch_json(const inventory::SupplierReturnBatch& batch) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : batch.lines)
        lines.push_back(line_json(line));
    return {{"name", batch.name()},
            {"supplier", batch.supplier.name},
            {"state", name_of(batch.state)},
            {"supplier_rma", batch.supplier_rma},
            {"opened_by", batch.opened_by},
            {"opened_ms", batch.opened_ms},
            {"shipped_by", batch.shipped_by},
            {"shipped_ms", batch.shipped_ms},
            {"carrier", batch.carrier},
            {"tracking_number", batch.tracking_number},
            {"held", batch.units(inventory::ReturnLineState::Held)},
            {"shipped", batch.units(inventory::ReturnLineState::Shipped)},
            {"lines", lines}};
}

ApiReply list_all_suppliers(WebContext& context, ApiRequest&) {
    std::lock_guard lock(context.store_mutex);
    inventory::Inventory inventory(context.store->db(), context.store->clock());
    auto suppliers = inventory::list_suppliers(inventory);
    if (!suppliers) return error_reply(suppliers.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& supplier : *suppliers) {
        auto parts = inventory::supplied_parts(inventory, supplier.id);
        if (!parts) return error_reply(parts.error());
        nlohmann::json supplied = nlohmann::json::array();
        for (const auto& part : *parts)
            supplied.push_back({{"sku", part.sku},
                                {"description", part.description},
                                {"supplier_part_number", part.supplier_part_number}});
        rows.push_back({{"name", supplier.name},
                        {"contact", supplier.contact},
                        {"email", supplier.email},
                        {"phone", supplier.phone},
                        {"address", supplier.address},
                        {"parts", supplied}});
    }
    return json_reply(200, {{"suppliers", rows}});
}

ApiReply list_returns(WebContext& context, ApiRequest& request) {
    std::optional<inventory::ReturnState> state;
    if (auto wanted = request.query.find("state"); wanted != request.query.end()) {
        auto parsed = parse_enum<inventory::ReturnState>(wanted->second);
        if (!parsed)
            return error_reply(400, "invalid", "state is open or shipped, not " + wanted->second);
        state = *parsed;
    }
    std::lock_guard lock(context.store_mutex);
    inventory::Inventory inventory(context.store->db(), context.store->clock());
    auto batches = inventory::list_supplier_returns(inventory, state);
    if (!batches) return error_reply(batches.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& batch : *batches)
        rows.push_back(batch_json(batch));
    return json_reply(200, {{"returns", rows}});
}

ApiReply show_return(WebContext& context, ApiRequest& request) {
    std::lock_guard lock(context.store_mutex);
    inventory::Inventory inventory(context.store->db(), context.store->clock());
    auto batch = inventory::find_supplier_return(inventory, request.params["name"]);
    if (!batch) return error_reply(batch.error());
    return json_reply(200, batch_json(*batch));
}

ApiReply ship_return(WebContext& context, ApiRequest& request) {
    const auto& body = request.body.is_null() ? nlohmann::json::object() : request.body;
    SupplierReturnShipping shipping{request.params["name"],     "", "",
                                    request.session->person.id, "", {}};
    if (!body.is_object() || !text_field(body, "carrier", shipping.carrier) ||
        !text_field(body, "tracking_number", shipping.tracking_number))
        return error_reply(400, "invalid",
                           "send {\"carrier\": \"SF Express\", \"tracking_number\": \"...\"} "
                           "(both optional, and \"printer\" to choose one)");
    std::lock_guard lock(context.store_mutex);
    auto printer = label_printer(context, body);
    if (!printer) return error_reply(printer.error());
    shipping.printer = printer->name;
    shipping.labels = std::move(printer->labels);
    auto shipped = ship_supplier_return_with_label(*context.store, shipping);
    if (!shipped) return error_reply(shipped.error());
    nlohmann::json reply = batch_json(shipped->batch);
    reply["label_job"] = shipped->print_job;
    reply["printer"] = shipping.printer;
    return json_reply(200, reply);
}

}  // namespace

void add_supplier_routes(std::vector<Route>& routes) {
    routes.push_back({"GET", "/api/v1/suppliers", Access::Session, k_supplier_roles,
                      "Suppliers with their contact and the parts they supply",
                      list_all_suppliers});
    routes.push_back({"GET", "/api/v1/supplier-returns", Access::Session, k_supplier_roles,
                      "Supplier returns with their lines, newest first; ?state=open|shipped",
                      list_returns});
    routes.push_back({"GET", "/api/v1/supplier-returns/{name}", Access::Session, k_supplier_roles,
                      "A supplier return (SR-…) with each of its lines", show_return});
    routes.push_back({"POST", "/api/v1/supplier-returns/{name}/ship", Access::Session,
                      k_supplier_roles,
                      "Ship a supplier return: its held parts leave stock and its packing label "
                      "is queued, in one transaction (carrier, tracking_number optional)",
                      ship_return});
}

}  // namespace rs::station
