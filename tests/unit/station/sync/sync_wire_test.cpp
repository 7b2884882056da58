// Tests of the sync API's JSON on the station's side: batches out, answers in.
#include <catch2/catch.hpp>

#include "common/json_nesting.h"
#include "station/sync/sync_wire.h"

using namespace rs;
using namespace rs::station;
using nlohmann::json;

namespace {
std::vector<OutboxRow> two_rows() {
    return {
        {7, "01900000-0000-7000-8000-000000000001", "repair_order.received", "order-a",
         1'763'900'000'000, R"({"repair_order":"RO-1","rma_id":"r1","note":"引号 \" ok"})"},
        {9, "01900000-0000-7000-8000-000000000002", "repair_order.inspected", "order-a",
         1'763'900'000'500, R"({"repair_order":"RO-1","rma_id":"r1"})"},
    };
}
}  // namespace

TEST_CASE("a batch is JSON with each event's id, type, order, sequence, time and payload") {
    auto rows = two_rows();
    auto body = json::parse(encode_batch("bench-3", rows));
    CHECK(body["station_id"] == "bench-3");
    REQUIRE(body["events"].size() == 2);
    const auto& first = body["events"][0];
    CHECK(first["id"] == rows[0].event_id);
    CHECK(first["type"] == "repair_order.received");
    CHECK(first["aggregate_id"] == "order-a");
    CHECK(first["sequence"] == 7);
    CHECK(first["time"] == "2025-11-23T12:13:20.000Z");
    CHECK(first["payload"]["note"] == "引号 \" ok");
    CHECK(body["events"][1]["sequence"] == 9);
}

TEST_CASE("the platform's answer gives each event's fate") {
    auto rows = two_rows();
    auto outcomes = decode_results(json{{"results",
                                         {{{"id", rows[0].event_id}, {"status", "duplicate"}},
                                          {{"id", rows[1].event_id},
                                           {"status", "rejected"},
                                           {"code", "invalid_payload"},
                                           {"reason", "payload.to is missing"}}}}}
                                       .dump(),
                                   rows);
    REQUIRE(outcomes);
    REQUIRE(outcomes->size() == 2);
    CHECK((*outcomes)[0].status == EventStatus::Duplicate);
    CHECK((*outcomes)[1].status == EventStatus::Rejected);
    CHECK((*outcomes)[1].code == "invalid_payload");
    CHECK((*outcomes)[1].reason == "payload.to is missing");
}

TEST_CASE("an answer that is off in any way is a protocol error, used not at all") {
    auto rows = two_rows();
    const std::pair<std::string, const char*> cases[] = {
        {R"({"results": [{"id": ")", "not JSON"},
        {"<html>502 Bad Gateway</html>", "not JSON"},
        {R"({"results": "ok"})", "no \"results\" list"},
        {R"([1, 2])", "no \"results\" list"},
        {R"({"results": [{"status": "accepted"}]})", "lacks a string id"},
        {R"({"results": [{"id": "00000000-0000-7000-8000-000000000000", "status": "accepted"}]})",
         "not in the batch"},
        {json{{"results", {{{"id", rows[0].event_id}, {"status", "maybe"}}}}}.dump(),
         "status \"maybe\""},
    };
    for (const auto& [body, says] : cases) {
        INFO(body);
        auto outcomes = decode_results(body, rows);
        REQUIRE_FALSE(outcomes);
        CHECK(outcomes.error().code == ErrorCode::Protocol);
        CHECK_THAT(outcomes.error().message, Catch::Contains(says));
    }
}

TEST_CASE("events the answer does not mention are not outcomes") {
    auto rows = two_rows();
    auto outcomes = decode_results(
        json{{"results", {{{"id", rows[1].event_id}, {"status", "accepted"}}}}}.dump(), rows);
    REQUIRE(outcomes);
    REQUIRE(outcomes->size() == 1);
    CHECK((*outcomes)[0].id == rows[1].event_id);
}

TEST_CASE("an RMA page is checked before use") {
    auto page =
        decode_rma_page(R"({"rmas": [{"id": "x"}], "next_cursor": "12", "has_more": true})");
    REQUIRE(page);
    CHECK(page->rmas.size() == 1);
    CHECK(page->next_cursor == "12");
    CHECK(page->has_more);
    CHECK_FALSE(decode_rma_page("{\"rmas\": []}"));                      // no cursor
    CHECK_FALSE(decode_rma_page("{\"next_cursor\": \"1\"}"));            // no list
    CHECK_FALSE(decode_rma_page("{\"rmas\": [], \"next_cursor\": 5}"));  // cursor not text
    CHECK_FALSE(decode_rma_page("{\"rmas\": [], \"next_cursor\": \"1\", \"has_more\": 1}"));
    CHECK_FALSE(decode_rma_page("not json"));
}

TEST_CASE("error answers are described for people, whatever their shape") {
    CHECK(describe_error_reply(401, R"({"error":{"code":"unauthorized","message":"bad token"}})") ==
          "401 unauthorized: bad token");
    CHECK(describe_error_reply(502, "<html>\nBad Gateway</html>") ==
          "HTTP 502: <html> Bad Gateway</html>");
    CHECK(describe_error_reply(503, "") == "HTTP 503");
}

TEST_CASE("a reply nested a hundred thousand levels deep is refused unread, not a crash") {
    std::string deep = R"({"rmas":[)" + std::string(100000, '[') + std::string(100000, ']') +
                       R"(],"next_cursor":"c"})";
    auto page = decode_rma_page(deep);
    REQUIRE_FALSE(page);
    CHECK(page.error().code == ErrorCode::Protocol);
    CHECK(page.error().message.find("nests deeper than 64 levels") != std::string::npos);

    auto results = decode_results(R"({"results":)" + std::string(100000, '[') + "}", two_rows());
    REQUIRE_FALSE(results);
    CHECK(results.error().code == ErrorCode::Protocol);
    CHECK_FALSE(describe_error_reply(500, std::string(100000, '{')).empty());

    // Brackets inside strings are text, and an ordinary page nests a few levels.
    std::string ordinary = R"({"rmas":[{"id":"p-1","fault":"[[[[ {{{{ \" ]]]]"}],)"
                           R"("next_cursor":"c","has_more":false})";
    CHECK(json_nesting_depth(ordinary) == 3);
    REQUIRE(decode_rma_page(ordinary));
}
