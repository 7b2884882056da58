// Fuzz target: arbitrary bytes as the platform's replies to the sync (docs/sync-api.md): the
// results of a pushed batch, an RMA page of the pull, and an error reply. A reply accepted
// only names events of the batch, stays within the JSON depth limit, and every RMA of a page
// goes through parse_rma (as the pull does) without throwing.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "common/json_nesting.h"
#include "station/rma/rma_json.h"
#include "station/sync/sync_wire.h"
#include "tests/fuzz/fuzz_check.h"

using namespace rs::station;

namespace {

// The batch the replies answer: ids a fuzzer finds in the seeds (tests/fixtures/fuzz/sync_reply).
const std::vector<OutboxRow>& sent_batch() {
    static const std::vector<OutboxRow> rows = [] {
        std::vector<OutboxRow> made;
        for (int i = 1; i <= 3; ++i)
            made.push_back(OutboxRow{i, "0190a0b0-0000-7000-8000-00000000000" + std::to_string(i),
                                     "order.received", "RO-000123", 1700000000000 + i, "{}"});
        return made;
    }();
    return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string body(reinterpret_cast<const char*>(data), size);
    const auto& sent = sent_batch();
    if (auto outcomes = decode_results(body, sent)) {
        std::set<std::string> ids;
        for (const auto& row : sent)
            ids.insert(row.event_id);
        for (const auto& outcome : *outcomes) {
            FUZZ_FAIL_IF(!ids.contains(outcome.id));
            FUZZ_FAIL_IF(outcome.status == EventStatus::Rejected && outcome.reason.empty());
        }
    }
    if (auto page = decode_rma_page(body)) {
        FUZZ_FAIL_IF(rs::json_nesting_depth(body) > rs::k_max_json_depth);
        for (const auto& item : page->rmas) {
            auto rma = parse_rma(item);
            FUZZ_FAIL_IF(!rma && rma.error().message.empty());
            (void)json_text(item, "id");
            (void)item.dump();  // a refused RMA is recorded with its text
        }
    }
    FUZZ_FAIL_IF(describe_error_reply(500, body).empty());
    // What we send parses back as JSON (the batch the platform reads).
    FUZZ_FAIL_IF(!nlohmann::json::parse(encode_batch("bench-1", sent)).is_object());
    return 0;
}
