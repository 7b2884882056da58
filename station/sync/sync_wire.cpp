// Sync wire format: batches are built by splicing stored payload text, replies are checked.
#include "station/sync/sync_wire.h"

#include <fmt/format.h>

#include <unordered_set>

#include "common/clock.h"
#include "common/json_nesting.h"

namespace rs::station {
namespace {

using json = nlohmann::json;

Error protocol(std::string message) {
    return Error{ErrorCode::Protocol, std::move(message), "sync"};
}

}  // namespace

std::string encode_batch(const std::string& station_id, std::span<const OutboxRow> rows) {
    std::string body;
    std::size_t size = 64;
    for (const auto& row : rows)
        size += row.payload.size() + row.type.size() + row.aggregate_id.size() + 160;
    body.reserve(size);
    body += "{\"station_id\":";
    body += json(station_id).dump();
    body += ",\"events\":[";
    bool first = true;
    for (const auto& row : rows) {
        if (!first) body += ',';
        first = false;
        // The payload was written by our own code as valid JSON: spliced, not re-parsed.
        body += fmt::format(
            R"({{"id":{},"type":{},"aggregate_id":{},"sequence":{},"time":"{}","payload":)",
            json(row.event_id).dump(), json(row.type).dump(), json(row.aggregate_id).dump(),
            row.seq, format_utc_ms(row.time_ms));
        body += row.payload;
        body += '}';
    }
    body += "]}";
    return body;
}

Result<std::vector<EventOutcome>> decode_results(const std::string& body,
                                                 std::span<const OutboxRow> sent) {
    if (auto nesting = check_json_nesting(body, "the platform's answer to a batch", "sync");
        !nesting)
        return std::unexpected(nesting.error());
    json document = json::parse(body, nullptr, false);
    if (document.is_discarded())
        return std::unexpected(protocol(
            fmt::format("the platform's answer to a batch is not JSON ({} bytes, starting \"{}\")",
                        body.size(), body.substr(0, 40))));
    auto results = document.is_object() ? document.find("results") : document.end();
    if (!document.is_object() || results == document.end() || !results->is_array())
        return std::unexpected(
            protocol("the platform's answer to a batch has no \"results\" list"));
    std::unordered_set<std::string> ids;
    for (const auto& row : sent)
        ids.insert(row.event_id);
    std::vector<EventOutcome> outcomes;
    outcomes.reserve(results->size());
    for (const auto& item : *results) {
        if (!item.is_object() || !item.contains("id") || !item["id"].is_string() ||
            !item.contains("status") || !item["status"].is_string())
            return std::unexpected(
                protocol("a result in the platform's answer lacks a string id or status"));
        EventOutcome outcome;
        outcome.id = item["id"].get<std::string>();
        if (!ids.contains(outcome.id))
            return std::unexpected(protocol(fmt::format(
                "the platform answered for event {}, which was not in the batch", outcome.id)));
        const std::string& status = item["status"].get_ref<const std::string&>();
        auto known = parse_enum<EventStatus>(status);
        if (!known)
            return std::unexpected(
                protocol(fmt::format("the platform answered status \"{}\" for event {}; the API "
                                     "knows {}",
                                     status, outcome.id, names_or<EventStatus>(" and "))));
        outcome.status = *known;
        if (outcome.status == EventStatus::Rejected) {
            outcome.code = json_text(item, "code");
            outcome.reason = json_text(item, "reason");
            if (outcome.reason.empty()) outcome.reason = "no reason given";
        }
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

Result<RmaPageReply> decode_rma_page(const std::string& body) {
    // Copying the page's RMAs out recurses once per level: a deep page would overflow the stack.
    if (auto nesting = check_json_nesting(body, "the platform's RMA page", "sync"); !nesting)
        return std::unexpected(nesting.error());
    json document = json::parse(body, nullptr, false);
    if (document.is_discarded())
        return std::unexpected(
            protocol(fmt::format("the platform's RMA page is not JSON ({} bytes, starting \"{}\")",
                                 body.size(), body.substr(0, 40))));
    if (!document.is_object() || !document.contains("rmas") || !document["rmas"].is_array())
        return std::unexpected(protocol("the platform's RMA page has no \"rmas\" list"));
    if (!document.contains("next_cursor") || !document["next_cursor"].is_string())
        return std::unexpected(protocol("the platform's RMA page has no \"next_cursor\" string"));
    RmaPageReply page;
    page.rmas = document["rmas"].get<std::vector<json>>();
    page.next_cursor = document["next_cursor"].get<std::string>();
    if (auto more = document.find("has_more"); more != document.end()) {
        if (!more->is_boolean())
            return std::unexpected(protocol("\"has_more\" in the RMA page must be true or false"));
        page.has_more = more->get<bool>();
    }
    return page;
}

std::string json_text(const json& object, const char* name) {
    if (!object.is_object()) return {};
    auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

std::string describe_error_reply(int status, const std::string& body) {
    json document =
        json_nesting_depth(body) <= k_max_json_depth ? json::parse(body, nullptr, false) : json();
    if (document.is_object() && document.contains("error") && document["error"].is_object()) {
        const json& error = document["error"];
        return fmt::format("{} {}: {}", status, json_text(error, "code"),
                           json_text(error, "message"));
    }
    std::string start = body.substr(0, 80);
    for (char& c : start)
        if (c == '\n' || c == '\r') c = ' ';
    return start.empty() ? fmt::format("HTTP {}", status)
                         : fmt::format("HTTP {}: {}", status, start);
}

}  // namespace rs::station
