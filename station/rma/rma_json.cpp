// RMA JSON: validation of each field with messages that point at the problem.
#include "station/rma/rma_json.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "common/json_nesting.h"
#include "labels/codes/code_grammar.h"

namespace rs::station {
namespace {

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, std::move(message), "rma"};
}

// Reads an optional string member; wrong types are errors, not silently dropped.
Result<std::string> string_member(const nlohmann::json& object, const char* name, bool required) {
    auto found = object.find(name);
    if (found == object.end() || found->is_null()) {
        if (required) return std::unexpected(invalid(fmt::format("\"{}\" is missing", name)));
        return std::string{};
    }
    if (!found->is_string())
        return std::unexpected(invalid(fmt::format("\"{}\" must be a string", name)));
    std::string value = found->get<std::string>();
    if (required && value.empty())
        return std::unexpected(invalid(fmt::format("\"{}\" is empty", name)));
    return value;
}

// A string member of a record, for the tables of fields below.
template <class Record>
struct StringField {
    const char* name;
    std::string Record::*member;
    bool required;
};

// Reads every field of the table into `record`; the first problem is prefixed with `context`.
template <class Record, std::size_t N>
Status read_string_fields(const nlohmann::json& object, const StringField<Record> (&fields)[N],
                          Record& record, const std::string& context) {
    for (const auto& field : fields) {
        auto value = string_member(object, field.name, field.required);
        if (!value) return std::unexpected(invalid(context + value.error().message));
        record.*field.member = *value;
    }
    return {};
}

// Reads a required string member that must be one of the names of E.
template <NamedEnum E>
Status enum_member(const nlohmann::json& object, const char* name, E& value) {
    auto text = string_member(object, name, true);
    if (!text) return std::unexpected(text.error());
    auto parsed = parse_enum<E>(*text);
    if (!parsed)
        return std::unexpected(
            invalid(fmt::format("\"{}\" is \"{}\"; it must be {}", name, *text, names_or<E>())));
    value = *parsed;
    return {};
}

}  // namespace

bool is_expected_here(const Rma& rma) {
    return rma.status == RmaStatus::Approved;
}

nlohmann::json address_to_json(const Address& address) {
    return {{"country", address.country}, {"province", address.province},
            {"city", address.city},       {"district", address.district},
            {"street", address.street},   {"postal_code", address.postal_code}};
}

Result<Address> address_from_json(const nlohmann::json& object) {
    if (!object.is_object()) return std::unexpected(invalid("\"address\" must be an object"));
    Address address;
    static const StringField<Address> k_fields[] = {
        {"country", &Address::country, true}, {"province", &Address::province, false},
        {"city", &Address::city, true},       {"district", &Address::district, false},
        {"street", &Address::street, true},   {"postal_code", &Address::postal_code, false},
    };
    if (auto read = read_string_fields(object, k_fields, address, "address: "); !read)
        return std::unexpected(read.error());
    if (address.country.size() != 2)
        return std::unexpected(
            invalid("address: \"country\" must be a two-letter ISO code like CN"));
    return address;
}

std::string format_address(const Address& address) {
    std::string text;
    for (const std::string* part : {&address.province, &address.city, &address.district,
                                    &address.street, &address.postal_code, &address.country}) {
        if (part->empty()) continue;
        if (!text.empty()) text += ' ';
        text += *part;
    }
    return text;
}

Result<Rma> parse_rma(const nlohmann::json& object) {
    if (!object.is_object()) return std::unexpected(invalid("an RMA must be a JSON object"));
    Rma rma;
    static const StringField<Rma> k_fields[] = {
        {"id", &Rma::id, true},
        {"number", &Rma::number, true},
        {"product_model", &Rma::product_model, true},
        {"product_sku", &Rma::product_sku, false},
        {"expected_serial", &Rma::expected_serial, false},
        {"expected_imei", &Rma::expected_imei, false},
        {"fault", &Rma::fault, false},
        {"platform", &Rma::platform, false},
        {"category", &Rma::category, false},
    };
    if (auto read = read_string_fields(object, k_fields, rma, ""); !read)
        return std::unexpected(read.error());
    if (auto type = enum_member(object, "type", rma.type); !type)
        return std::unexpected(type.error());
    if (auto status = enum_member(object, "status", rma.status); !status)
        return std::unexpected(status.error());

    // The RMA number carries a check character: a typo in an import file is caught here.
    auto readings = labels::classify(rma.number);
    if (readings.empty() || readings.front().kind != labels::CodeKind::Rma ||
        !readings.front().valid)
        return std::unexpected(
            invalid(fmt::format("\"number\" {} is not a valid RMA number: {}", rma.number,
                                readings.empty() ? "" : readings.front().why)));

    auto customer = object.find("customer");
    if (customer == object.end() || !customer->is_object())
        return std::unexpected(
            invalid("\"customer\" is missing (an object with name and address)"));
    auto name = string_member(*customer, "name", true);
    if (!name) return std::unexpected(invalid("customer: " + name.error().message));
    rma.customer_name = *name;
    auto phone = string_member(*customer, "phone", false);
    if (!phone) return std::unexpected(invalid("customer: " + phone.error().message));
    rma.customer_phone = *phone;
    auto address = customer->find("address");
    if (address == customer->end())
        return std::unexpected(invalid("customer: \"address\" is missing"));
    auto parsed_address = address_from_json(*address);
    if (!parsed_address) return std::unexpected(parsed_address.error());
    rma.return_address = *parsed_address;

    auto purchase = string_member(object, "purchase_date", false);
    if (!purchase) return std::unexpected(purchase.error());
    if (!purchase->empty()) {
        std::int64_t ms = parse_utc(*purchase);
        if (ms < 0)
            return std::unexpected(invalid(
                fmt::format("\"purchase_date\" {} is not a date like 2026-03-01", *purchase)));
        rma.purchase_date_ms = ms;
    }
    for (auto [member, field] :
         {std::pair{"delivered_date", &Rma::delivered_ms},
          std::pair{"extended_warranty_until", &Rma::extended_warranty_until_ms}}) {
        auto text = string_member(object, member, false);
        if (!text) return std::unexpected(text.error());
        if (text->empty()) continue;
        std::int64_t ms = parse_utc(*text);
        if (ms < 0)
            return std::unexpected(
                invalid(fmt::format("\"{}\" {} is not a date like 2026-03-01", member, *text)));
        rma.*field = ms;
    }
    if (auto months = object.find("warranty_months"); months != object.end()) {
        // Checked as the 64-bit number it is: read as an int, 4294967308 would pass as 12.
        if (!months->is_number_integer() || months->get<std::int64_t>() < 0 ||
            months->get<std::int64_t>() > 240)
            return std::unexpected(invalid("\"warranty_months\" must be a whole number 0..240"));
        rma.warranty_months = static_cast<int>(months->get<std::int64_t>());
    }
    if (auto tracking = object.find("inbound_tracking"); tracking != object.end()) {
        if (!tracking->is_array())
            return std::unexpected(invalid("\"inbound_tracking\" must be a list of strings"));
        for (const auto& number : *tracking) {
            if (!number.is_string() || number.get<std::string>().empty())
                return std::unexpected(
                    invalid("\"inbound_tracking\" must hold non-empty strings only"));
            rma.inbound_tracking.push_back(number.get<std::string>());
        }
    }
    auto updated = string_member(object, "updated_at", false);
    if (!updated) return std::unexpected(updated.error());
    if (!updated->empty()) {
        rma.updated_ms = parse_utc(*updated);
        if (rma.updated_ms < 0)
            return std::unexpected(invalid(fmt::format(
                "\"updated_at\" {} is not a time like 2026-11-20T08:00:00Z", *updated)));
    }
    return rma;
}

Result<std::vector<Rma>> parse_rmas(const std::string& json_text) {
    if (json_nesting_depth(json_text) > k_max_json_depth)
        return std::unexpected(
            invalid(fmt::format("the file nests deeper than {} levels", k_max_json_depth)));
    nlohmann::json document = nlohmann::json::parse(json_text, nullptr, false);
    if (document.is_discarded()) return std::unexpected(invalid("the file is not valid JSON"));
    const nlohmann::json* list = &document;
    if (document.is_object()) {
        auto found = document.find("rmas");
        if (found == document.end())
            return std::unexpected(invalid("expected an object with an \"rmas\" list"));
        list = &*found;
    }
    if (!list->is_array()) return std::unexpected(invalid("\"rmas\" must be a list"));
    std::vector<Rma> rmas;
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto rma = parse_rma((*list)[i]);
        if (!rma) {
            Error error = rma.error();
            std::string which = fmt::format("RMA #{}", i + 1);
            if ((*list)[i].is_object() && (*list)[i].contains("number") &&
                (*list)[i]["number"].is_string())
                which += " (" + (*list)[i]["number"].get<std::string>() + ")";
            error.message = which + ": " + error.message;
            return std::unexpected(error);
        }
        rmas.push_back(std::move(*rma));
    }
    return rmas;
}

}  // namespace rs::station
