// Tests of HID POS decoding: single and continued reports, both layouts, garbage and resync.
#include <catch2/catch.hpp>

#include "devices/scanner/hid_pos_protocol.h"
#include "fixture_bytes.h"

using namespace rs;
using namespace rs::devices;

namespace {

std::vector<std::uint8_t> report(const HidPosLayout& layout, const std::string& data,
                                 const std::string& aim, bool more) {
    std::vector<std::uint8_t> bytes(layout.report_size, 0);
    bytes[0] = layout.report_id;
    bytes[layout.length_offset] = static_cast<std::uint8_t>(data.size());
    std::copy(data.begin(), data.end(), bytes.begin() + static_cast<long>(layout.data_offset));
    if (layout.aim_offset)
        std::copy(aim.begin(), aim.end(), bytes.begin() + static_cast<long>(layout.aim_offset));
    if (more) bytes[layout.continuation_offset] |= layout.continuation_mask;
    return bytes;
}

}  // namespace

TEST_CASE("Honeywell HID POS: one report") {
    HidPosDecoder decoder(*find_hid_pos_layout("honeywell"));
    auto reports = test::read_hex_reports("hid_pos_honeywell_short.hex");
    REQUIRE(reports.size() == 1);
    auto scan = decoder.feed(reports[0], 7);
    REQUIRE(scan.has_value());
    REQUIRE(scan->has_value());
    CHECK((*scan)->text == "SF1402398761234");
    CHECK((*scan)->symbology == "]C0");
    CHECK((*scan)->time_ms == 7);
}

TEST_CASE("Honeywell HID POS: a long code joined from three reports") {
    HidPosDecoder decoder(*find_hid_pos_layout("honeywell"));
    auto reports = test::read_hex_reports("hid_pos_honeywell_long.hex");
    REQUIRE(reports.size() == 3);
    CHECK_FALSE(decoder.feed(reports[0], 1).has_value());
    CHECK_FALSE(decoder.feed(reports[1], 2).has_value());
    auto scan = decoder.feed(reports[2], 3);
    REQUIRE(scan.has_value());
    REQUIRE(scan->has_value());
    CHECK((*scan)->text.size() == 130);
    CHECK((*scan)->text.substr(0, 3) == "ABC");
    CHECK((*scan)->text.substr(52, 4) == "ABCD");
    CHECK((*scan)->symbology == "]Q1");
}

TEST_CASE("Newland HID POS layout is a table row of its own") {
    const HidPosLayout* newland = find_hid_pos_layout("newland");
    REQUIRE(newland);
    HidPosDecoder decoder(*newland);
    CHECK_FALSE(decoder.feed(report(*newland, "0109501101", "]d2", true), 1).has_value());
    auto scan = decoder.feed(report(*newland, "530003", "]d2", false), 2);
    REQUIRE(scan.has_value());
    REQUIRE(scan->has_value());
    CHECK((*scan)->text == "0109501101530003");
    CHECK((*scan)->symbology == "]d2");
}

TEST_CASE("HID POS garbage gives errors and never a wrong code") {
    const HidPosLayout& layout = *find_hid_pos_layout("honeywell");
    HidPosDecoder decoder(layout);
    SECTION("truncated report") {
        auto bytes = report(layout, "ABC", "]C0", false);
        bytes.resize(20);
        auto result = decoder.feed(bytes, 1);
        REQUIRE(result.has_value());
        CHECK_FALSE(result->has_value());
    }
    SECTION("wrong report id") {
        auto bytes = report(layout, "ABC", "]C0", false);
        bytes[0] = 7;
        auto result = decoder.feed(bytes, 1);
        REQUIRE(result.has_value());
        CHECK_FALSE(result->has_value());
    }
    SECTION("length beyond the report") {
        auto bytes = report(layout, "ABC", "]C0", false);
        bytes[1] = 200;
        auto result = decoder.feed(bytes, 1);
        REQUIRE(result.has_value());
        CHECK_FALSE(result->has_value());
    }
    SECTION("out of order: another code's report in the middle of a long code") {
        CHECK_FALSE(decoder.feed(report(layout, "FIRST-PART", "]C0", true), 1).has_value());
        auto broken = decoder.feed(report(layout, "OTHER", "]Q1", true), 2);
        REQUIRE(broken.has_value());
        CHECK_FALSE(broken->has_value());
        // The rest of the broken code is dropped, not reported as a code of its own.
        CHECK_FALSE(decoder.feed(report(layout, "TAIL", "]Q1", false), 3).has_value());
        auto next = decoder.feed(report(layout, "NEXT", "]C0", false), 4);
        REQUIRE(next.has_value());
        REQUIRE(next->has_value());
        CHECK((*next)->text == "NEXT");
    }
    SECTION("empty code") {
        auto result = decoder.feed(report(layout, "", "", false), 1);
        REQUIRE(result.has_value());
        CHECK_FALSE(result->has_value());
    }
}
