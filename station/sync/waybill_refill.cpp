// Waybill refill: one request per carrier, its reply checked whole before the pool keeps it.
#include "station/sync/waybill_refill.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "station/shipping/waybill_pool.h"
#include "station/sync/sync_wire.h"

namespace rs::station {

Result<std::int64_t> refill_waybills(StationStore& store, PlatformClient& client,
                                     const std::string& carrier, int count) {
    const std::string request_id = store.ids().next();
    nlohmann::json body = {{"carrier", carrier}, {"count", count}, {"request_id", request_id}};
    auto reply = client.post_json("/v1/waybills", body.dump());
    if (!reply) return std::unexpected(reply.error());
    if (reply->status != 200 && reply->status != 201)
        return fail(ErrorCode::Protocol,
                    fmt::format("the platform refused waybill numbers for {} ({})", carrier,
                                describe_error_reply(reply->status, reply->body)),
                    "waybills");
    auto document = nlohmann::json::parse(reply->body, nullptr, false);
    auto malformed = [&](const char* what) {
        return fail(ErrorCode::Protocol,
                    fmt::format("the platform's answer to a waybill request is malformed ({}); "
                                "nothing was kept",
                                what),
                    "waybills");
    };
    if (!document.is_object()) return malformed("not a JSON object");
    auto numbers = document.find("numbers");
    if (numbers == document.end() || !numbers->is_array()) return malformed("no \"numbers\" list");
    if (document.value("carrier", std::string()) != carrier)
        return malformed("numbers of another carrier");
    WaybillBatch batch{carrier, request_id, {}};
    for (const auto& number : *numbers) {
        if (!number.is_string()) return malformed("a number that is not a string");
        batch.numbers.push_back(number.get<std::string>());
    }
    if (batch.numbers.empty() || static_cast<int>(batch.numbers.size()) > count)
        return malformed(
            fmt::format("{} numbers for {} asked", batch.numbers.size(), count).c_str());
    return add_waybills(store, batch);
}

Result<std::vector<TopUp>> top_up_waybills(StationStore& store, PlatformClient& client,
                                           const ShippingTerms& terms) {
    std::vector<TopUp> done;
    for (const auto& carrier : terms.carriers()) {
        auto free = free_waybills(store, carrier);
        if (!free) return std::unexpected(free.error());
        if (*free >= terms.pool_low && *free > 0) continue;
        int wanted = static_cast<int>(
            std::clamp<std::int64_t>(2 * std::max(terms.pool_low, 1) - *free, 1, 500));
        auto added = refill_waybills(store, client, carrier, wanted);
        if (!added) return std::unexpected(added.error());
        done.push_back({carrier, *added});
    }
    return done;
}

}  // namespace rs::station
