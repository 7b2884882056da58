// Fault catalog import and lookup; recording a diagnosis with its codes checked.
#include "station/orders/diagnosis.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/json_nesting.h"
#include "common/store/transaction.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/rma/rma_store.h"

namespace rs::station {
namespace {

using json = nlohmann::json;

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, std::move(message), "diagnosis"};
}

std::string text_member(const json& object, const char* name) {
    auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

FaultCode read_code(store::RowReader row) {
    FaultCode code;
    row.read(code.category, code.kind, code.code, code.name_zh, code.name_en,
             code.standard_minutes);
    return code;
}

template <NamedEnum E>
json names_of(const std::vector<E>& values) {
    json list = json::array();
    for (E value : values)
        list.push_back(name_of(value));
    return list;
}

}  // namespace

Result<std::vector<FaultCode>> parse_fault_catalog(const std::string& json_text) {
    if (json_nesting_depth(json_text) > k_max_json_depth)
        return std::unexpected(invalid("the catalog nests too deep"));
    json document = json::parse(json_text, nullptr, false);
    if (document.is_discarded() || !document.is_object())
        return std::unexpected(invalid("a fault catalog is a JSON object"));
    std::string category = text_member(document, "category");
    if (category.empty())
        return std::unexpected(invalid("\"category\" is missing: which product category"));
    std::vector<FaultCode> codes;
    for (const auto& [key, list] : document.items()) {
        if (key == "category") continue;
        auto kind = parse_enum<FaultCodeKind>(key);
        if (!kind)
            return std::unexpected(invalid(fmt::format("unknown code set \"{}\"; the sets are {}",
                                                       key, names_or<FaultCodeKind>())));
        if (!list.is_array())
            return std::unexpected(invalid(fmt::format("\"{}\" must be a list of codes", key)));
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json& item = list[i];
            FaultCode code{category,
                           *kind,
                           text_member(item, "code"),
                           text_member(item, "zh"),
                           text_member(item, "en"),
                           0};
            std::string where = fmt::format("{} #{}", key, i + 1);
            if (code.code.empty() || code.name_zh.empty() || code.name_en.empty())
                return std::unexpected(
                    invalid(where + ": every code needs \"code\", \"zh\" and \"en\""));
            if (*kind == FaultCodeKind::Repair) {
                auto minutes = item.find("minutes");
                if (minutes == item.end() || !minutes->is_number_integer() ||
                    minutes->get<std::int64_t>() <= 0 || minutes->get<std::int64_t>() > 24 * 60)
                    return std::unexpected(invalid(fmt::format(
                        "{} ({}): a repair code needs its standard time in \"minutes\" (1..1440)",
                        where, code.code)));
                // Checked as the 64-bit number it is: as an int, 4294967326 would pass as 30.
                code.standard_minutes = static_cast<int>(minutes->get<std::int64_t>());
            }
            for (const auto& other : codes)
                if (other.kind == code.kind && other.code == code.code)
                    return std::unexpected(
                        invalid(fmt::format("{}: code {} appears twice", where, code.code)));
            codes.push_back(std::move(code));
        }
    }
    if (codes.empty()) return std::unexpected(invalid("the catalog holds no codes"));
    return codes;
}

Result<int> import_fault_catalog(StationStore& store, const std::vector<FaultCode>& codes) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto clear = store.db().cached("DELETE FROM fault_codes WHERE category = ?1");
    if (!clear) return std::unexpected(clear.error());
    (*clear)->bind(1, codes.empty() ? std::string() : codes.front().category);
    if (auto done = (*clear)->run(); !done) return std::unexpected(done.error());
    for (const auto& code : codes) {
        auto insert = store.db().cached(
            "INSERT INTO fault_codes (category, kind, code, name_zh, name_en, standard_minutes) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!insert) return std::unexpected(insert.error());
        (*insert)->bind_all(code.category, code.kind, code.code, code.name_zh, code.name_en,
                            code.standard_minutes);
        if (auto done = (*insert)->run(); !done) return std::unexpected(done.error());
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return static_cast<int>(codes.size());
}

Result<std::vector<FaultCode>> list_fault_codes(StationStore& store, const std::string& category) {
    auto query = store.db().cached(
        "SELECT category, kind, code, name_zh, name_en, standard_minutes FROM fault_codes "
        "WHERE category = ?1 OR ?1 = '' ORDER BY category, kind, code");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, category);
    std::vector<FaultCode> codes;
    auto read = (*query)->each_row([&](store::RowReader row) { codes.push_back(read_code(row)); });
    if (!read) return std::unexpected(read.error());
    return codes;
}

Result<std::optional<FaultCode>> find_fault_code(StationStore& store, const std::string& category,
                                                 FaultCodeKind kind, const std::string& code) {
    auto query = store.db().cached(
        "SELECT category, kind, code, name_zh, name_en, standard_minutes FROM fault_codes "
        "WHERE category = ?1 AND kind = ?2 AND code = ?3");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(category, kind, code);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<FaultCode>{};
    return std::optional<FaultCode>{read_code(**query)};
}

json diagnosis_to_json(const Diagnosis& d) {
    return {{"customer_symptom", d.customer_symptom},
            {"condition", d.condition_code},
            {"symptom", d.symptom_code},
            {"section", d.section_code},
            {"defect", d.defect_code},
            {"cause", name_of(d.cause)},
            {"damage", names_of(d.damage)},
            {"missing_accessories", d.missing_accessories},
            {"activated", d.activated},
            {"notes", d.notes},
            {"photos", d.photo_ids}};
}

Result<Diagnosis> record_diagnosis(StationStore& store, const Policy& policy,
                                   const Diagnosis& input) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto order = find_order_by_number(store, input.order_number);
    if (!order) return std::unexpected(order.error());
    if (!*order)
        return fail(ErrorCode::NotFound, "no repair order " + input.order_number, "diagnosis");
    auto rma = find_rma(store, (*order)->rma_id);
    if (!rma) return std::unexpected(rma.error());
    const ProductCategory* category =
        *rma ? policy.category_for((*rma)->category, (*rma)->product_sku) : nullptr;
    if (!category)
        return fail(
            ErrorCode::Invalid,
            fmt::format("{}: policy {} gives no product category for SKU {}", input.order_number,
                        policy.version, *rma ? (*rma)->product_sku : "?"),
            "diagnosis");
    if (input.customer_symptom.empty())
        return std::unexpected(invalid("the customer's symptom (in their words) is missing"));

    // Each code must be in the category's catalog; the defect comes from the no-fault-found set
    // exactly when nothing was found.
    bool nothing_found = input.cause == FaultCause::NoFaultFound;
    struct Check {
        const std::string& code;
        FaultCodeKind kind;
        bool required;
    };
    const Check checks[] = {
        {input.condition_code, FaultCodeKind::Condition, false},
        {input.symptom_code, FaultCodeKind::Symptom, true},
        {input.section_code, FaultCodeKind::Section, !nothing_found},
        {input.defect_code, nothing_found ? FaultCodeKind::NoFaultFound : FaultCodeKind::Defect,
         true},
    };
    for (const auto& check : checks) {
        if (check.code.empty()) {
            if (check.required)
                return std::unexpected(
                    invalid(fmt::format("a {} code is needed (station faults list --category {})",
                                        name_of(check.kind), category->name)));
            continue;
        }
        auto found = find_fault_code(store, category->name, check.kind, check.code);
        if (!found) return std::unexpected(found.error());
        if (!*found)
            return std::unexpected(invalid(
                fmt::format("{} is not a {} code of category {}{} (station faults list "
                            "--category {})",
                            check.code, name_of(check.kind), category->name,
                            nothing_found && check.kind == FaultCodeKind::NoFaultFound
                                ? " (the cause is no_fault_found, so the defect must be one)"
                                : "",
                            category->name)));
    }
    for (const auto& photo : input.photo_ids) {
        auto count = store.db().query_one<std::int64_t>(
            "SELECT count(*) FROM photos WHERE id = ?1 AND repair_order_id = ?2", photo,
            (*order)->id);
        if (!count) return std::unexpected(count.error());
        if (count->value_or(0) == 0)
            return std::unexpected(
                invalid(fmt::format("photo {} is not a photo of {}", photo, input.order_number)));
    }

    Diagnosis recorded = input;
    recorded.time_ms = store.now_ms();
    auto insert = store.db().cached(
        "INSERT INTO diagnoses (id, repair_order_id, customer_symptom, condition_code, "
        "symptom_code, section_code, defect_code, cause, damage, missing, activated, notes, "
        "photos, operator_id, time_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(store.ids().next(), (*order)->id, input.customer_symptom,
                        input.condition_code, input.symptom_code, input.section_code,
                        input.defect_code, input.cause, names_of(input.damage).dump(),
                        json(input.missing_accessories).dump(), input.activated, input.notes,
                        json(input.photo_ids).dump(), input.operator_id, recorded.time_ms);
    if (auto done = (*insert)->run(); !done) return std::unexpected(done.error());
    if (auto marked = mark_superseded_diagnoses(store, (*order)->id); !marked)
        return std::unexpected(marked.error());

    MoveRequest move{input.order_number, OrderState::Diagnosed, input.operator_id,
                     input.notes.empty() ? input.customer_symptom : input.notes};
    move.event_detail = {{"diagnosis", diagnosis_to_json(recorded)}, {"category", category->name}};
    auto moved = move_order_in_transaction(store, move);
    if (!moved) return std::unexpected(moved.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return recorded;
}

Status mark_superseded_diagnoses(StationStore& store, const std::string& order_id) {
    auto mark = store.db().cached(
        "UPDATE diagnoses SET superseded = 1 WHERE repair_order_id = ?1 AND superseded = 0 AND "
        "EXISTS (SELECT 1 FROM diagnoses n WHERE n.repair_order_id = diagnoses.repair_order_id "
        "AND (n.time_ms > diagnoses.time_ms OR (n.time_ms = diagnoses.time_ms AND n.id > "
        "diagnoses.id)))");
    if (!mark) return std::unexpected(mark.error());
    (*mark)->bind_all(order_id);
    return (*mark)->run();
}

Result<std::optional<Diagnosis>> latest_diagnosis(StationStore& store,
                                                  const std::string& order_id) {
    auto query = store.db().cached(
        "SELECT d.customer_symptom, d.condition_code, d.symptom_code, d.section_code, "
        "d.defect_code, d.cause, d.damage, d.missing, d.activated, d.notes, d.photos, "
        "d.operator_id, d.time_ms, o.number FROM diagnoses d "
        "JOIN repair_orders o ON o.id = d.repair_order_id "
        "WHERE d.repair_order_id = ?1 ORDER BY d.time_ms DESC, d.id DESC LIMIT 1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, order_id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Diagnosis>{};
    Diagnosis d;
    std::string damage, missing, photos;
    store::RowReader reader = **query;
    reader.read(d.customer_symptom, d.condition_code, d.symptom_code, d.section_code, d.defect_code,
                d.cause, damage, missing, d.activated, d.notes, photos, d.operator_id, d.time_ms,
                d.order_number);
    for (const auto& name : json::parse(damage, nullptr, false))
        if (name.is_string())
            if (auto kind = parse_enum<Damage>(name.get<std::string>())) d.damage.push_back(*kind);
    for (const auto& [list, text] :
         {std::pair{&d.missing_accessories, &missing}, std::pair{&d.photo_ids, &photos}})
        for (const auto& item : json::parse(*text, nullptr, false))
            if (item.is_string()) list->push_back(item.get<std::string>());
    return std::optional<Diagnosis>{std::move(d)};
}

}  // namespace rs::station
