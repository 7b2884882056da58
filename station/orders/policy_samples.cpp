// Reading the sample devices: RMAs through the RMA parser, findings through the enum tables.
#include "station/orders/policy_samples.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "common/json_nesting.h"
#include "station/policy/calendar.h"
#include "station/rma/rma_json.h"

namespace rs::station {
namespace {

using json = nlohmann::json;

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, std::move(message), "samples"};
}

std::string text(const json& object, const char* name) {
    auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

std::vector<std::string> texts(const json& object, const char* name) {
    std::vector<std::string> values;
    auto found = object.find(name);
    if (found == object.end() || !found->is_array()) return values;
    for (const auto& item : *found)
        if (item.is_string()) values.push_back(item.get<std::string>());
    return values;
}

Status shift(json& object, const char* name, std::int64_t days) {
    std::string value = text(object, name);
    if (value.empty() || days == 0) return {};
    auto day = parse_day(value);
    if (!day) return std::unexpected(invalid(fmt::format("{} {} is not a date", name, value)));
    object[name] = day_text(*day + days);
    return {};
}

}  // namespace

Result<PolicySamples> parse_policy_samples(const std::string& json_text, std::int64_t shift_days) {
    if (json_nesting_depth(json_text) > k_max_json_depth)
        return std::unexpected(invalid("the samples file nests too deep"));
    json document = json::parse(json_text, nullptr, false);
    if (document.is_discarded() || !document.is_object() || !document.contains("samples") ||
        !document["samples"].is_array())
        return std::unexpected(invalid("a samples file is an object with a \"samples\" list"));
    auto received = parse_day(text(document, "received"));
    if (!received)
        return std::unexpected(invalid("\"received\" (the day the samples arrive) is missing"));
    PolicySamples samples;
    samples.received_ms = (*received + shift_days) * 86'400'000;
    for (std::size_t i = 0; i < document["samples"].size(); ++i) {
        const json& item = document["samples"][i];
        std::string where = fmt::format("sample #{}", i + 1);
        if (!item.is_object() || !item.contains("rma") || !item.contains("diagnosis"))
            return std::unexpected(invalid(where + ": needs \"rma\" and \"diagnosis\""));
        PolicySample sample;
        sample.story = text(item, "story");
        sample.expected_route = text(item, "route");
        sample.customer = text(item, "customer");
        sample.rma_json = item["rma"];
        for (const char* name : {"purchase_date", "delivered_date", "extended_warranty_until"})
            if (auto moved = shift(sample.rma_json, name, shift_days); !moved)
                return std::unexpected(invalid(where + ": " + moved.error().message));
        auto rma = parse_rma(sample.rma_json);
        if (!rma) return std::unexpected(invalid(where + ": " + rma.error().message));
        sample.rma = *rma;

        const json& found = item["diagnosis"];
        Diagnosis& d = sample.diagnosis;
        d.customer_symptom = text(found, "customer_symptom");
        d.condition_code = text(found, "condition");
        d.symptom_code = text(found, "symptom");
        d.section_code = text(found, "section");
        d.defect_code = text(found, "defect");
        d.notes = text(found, "notes");
        auto cause = parse_enum<FaultCause>(text(found, "cause"));
        if (!cause)
            return std::unexpected(invalid(
                fmt::format("{}: diagnosis.cause must be {}", where, names_or<FaultCause>())));
        d.cause = *cause;
        for (const auto& name : texts(found, "damage")) {
            auto kind = parse_enum<Damage>(name);
            if (!kind)
                return std::unexpected(invalid(
                    fmt::format("{}: damage \"{}\" must be {}", where, name, names_or<Damage>())));
            d.damage.push_back(*kind);
        }
        d.missing_accessories = texts(found, "missing");
        d.activated = found.value("activated", false);
        if (auto quote = item.find("quote"); quote != item.end()) {
            sample.quote_labour = texts(*quote, "labour");
            sample.quote_parts = texts(*quote, "parts");
        }
        samples.samples.push_back(std::move(sample));
    }
    return samples;
}

DecisionFacts sample_facts(const PolicySample& sample, std::int64_t received_ms) {
    DecisionFacts facts;
    facts.requested = sample.rma.type;
    facts.platform = sample.rma.platform;
    facts.declared_category = sample.rma.category;
    facts.sku = sample.rma.product_sku;
    facts.purchase_ms = sample.rma.purchase_date_ms;
    facts.delivered_ms = sample.rma.delivered_ms;
    facts.extended_warranty_until_ms = sample.rma.extended_warranty_until_ms;
    facts.received_ms = received_ms;
    facts.decided_ms = received_ms;
    facts.cause = sample.diagnosis.cause;
    facts.damage = sample.diagnosis.damage;
    facts.missing_accessories = sample.diagnosis.missing_accessories;
    facts.activated = sample.diagnosis.activated;
    return facts;
}

}  // namespace rs::station
