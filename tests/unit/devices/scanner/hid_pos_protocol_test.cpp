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
    if (more && layout.continuation == HidPosContinuation::Flag)
        bytes[layout.continuation_offset] |= layout.continuation_mask;
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

TEST_CASE("Honeywell HID POS: bytes captured from a Voyager 1602g decode to its reply") {
    HidPosDecoder decoder(*find_hid_pos_layout("honeywell"));
    auto reports = test::read_hex_reports("hid_pos_honeywell_capture.hex");
    REQUIRE(reports.size() == 7);
    for (std::size_t i = 0; i < 5; ++i)
        CHECK_FALSE(decoder.feed(reports[i], static_cast<std::int64_t>(i)).has_value());
    auto reply = decoder.feed(reports[5], 5);
    REQUIRE(reply.has_value());
    REQUIRE(reply->has_value());
    CHECK((*reply)->symbology == "]X0");
    CHECK((*reply)->text.size() == 5 * 56 + 9);
    CHECK((*reply)->text.starts_with("Product Name: Voyager 1602g\r\nBoot Revision"));
    CHECK((*reply)->text.find("Serial Number: 15232B1F0C\r\n") != std::string::npos);
    CHECK((*reply)->text.ends_with("Checksum: N/A\r\n"));
    auto ack = decoder.feed(reports[6], 6);
    REQUIRE(ack.has_value());
    REQUIRE(ack->has_value());
    CHECK((*ack)->symbology == "]Z6");
    CHECK((*ack)->text == "REVINF\x06.");
}

TEST_CASE("Newland HID-POS: a GS1 code over two reports, AIM id sent inline") {
    HidPosDecoder decoder(*find_hid_pos_layout("newland"));
    auto reports = test::read_hex_reports("hid_pos_newland_gs1.hex");
    REQUIRE(reports.size() == 2);
    CHECK_FALSE(decoder.feed(reports[0], 1).has_value());  // full: more may follow
    auto scan = decoder.feed(reports[1], 2);
    REQUIRE(scan.has_value());
    REQUIRE(scan->has_value());
    CHECK((*scan)->symbology == "]d2");
    CHECK((*scan)->text ==
          "0109501101530003\x1d"
          "10LOT42\x1d"
          "21SN7788\x1d"
          "17261231\x1d"
          "240PART-0042");
}

TEST_CASE("Newland HID-POS: a code filling its report exactly ends after a quiet time") {
    HidPosDecoder decoder(*find_hid_pos_layout("newland"));
    auto reports = test::read_hex_reports("hid_pos_newland_exact.hex");
    REQUIRE(reports.size() == 1);
    CHECK_FALSE(decoder.feed(reports[0], 100).has_value());
    CHECK_FALSE(decoder.expire(150, 100).has_value());  // not quiet long enough yet
    auto scan = decoder.expire(200, 100);
    REQUIRE(scan.has_value());
    REQUIRE(scan->has_value());
    CHECK((*scan)->symbology == "]C0");
    CHECK((*scan)->text.size() == 53);
    CHECK((*scan)->time_ms == 100);
    CHECK_FALSE(decoder.in_code());
}

TEST_CASE("Honeywell HID POS: a code whose last report never comes is an error, not a scan") {
    const HidPosLayout& layout = *find_hid_pos_layout("honeywell");
    HidPosDecoder decoder(layout);
    CHECK_FALSE(decoder.feed(report(layout, "FIRST-PART", "]C0", true), 10).has_value());
    auto expired = decoder.expire(1000, 500);
    REQUIRE(expired.has_value());
    CHECK_FALSE(expired->has_value());
    CHECK(expired->error().code == ErrorCode::Protocol);
    auto next = decoder.feed(report(layout, "NEXT", "]C0", false), 1100);
    REQUIRE(next.has_value());
    REQUIRE(next->has_value());
    CHECK((*next)->text == "NEXT");
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
