// Tests of the keyboard-wedge decoder: fixtures per layout, Ctrl+] as GS, garbage and resync.
#include <catch2/catch.hpp>

#include "devices/scanner/keyboard_protocol.h"
#include "fixture_bytes.h"
#include "labels/codes/code_grammar.h"

using namespace rs;
using namespace rs::devices;

namespace {

struct Decoded {
    std::vector<Scan> scans;
    std::vector<Error> errors;
};

Decoded decode(KeyboardDecoder& decoder, const std::vector<std::vector<std::uint8_t>>& reports,
               std::int64_t step_ms = 2) {
    Decoded out;
    std::int64_t time = 1000;
    for (const auto& report : reports) {
        for (auto& result : decoder.feed_report(report, time)) {
            if (result)
                out.scans.push_back(*result);
            else
                out.errors.push_back(result.error());
        }
        time += step_ms;
    }
    return out;
}

Decoded decode_fixture(const std::string& name, KeyboardOptions options = {}) {
    KeyboardDecoder decoder(std::move(options));
    return decode(decoder, test::read_hex_reports(name));
}

std::vector<std::uint8_t> key(std::uint8_t usage, std::uint8_t modifiers = 0) {
    return {modifiers, 0, usage, 0, 0, 0, 0, 0};
}
const std::vector<std::uint8_t> k_up = {0, 0, 0, 0, 0, 0, 0, 0};

}  // namespace

TEST_CASE("a repeated character arrives as press, release, press") {
    auto out = decode_fixture("keyboard_us_repeat.hex");
    REQUIRE(out.errors.empty());
    REQUIRE(out.scans.size() == 1);
    CHECK(out.scans[0].text == "aaB-1");
    CHECK(out.scans[0].symbology.empty());
}

TEST_CASE("a key held across reports is typed once") {
    KeyboardDecoder decoder;
    auto out = decode(decoder, {key(0x04), key(0x04), key(0x04), k_up, key(0x28)});
    REQUIRE(out.scans.size() == 1);
    CHECK(out.scans[0].text == "a");
}

TEST_CASE("a GS1 DataMatrix through keyboard reports keeps GS and classifies as GS1") {
    auto out = decode_fixture("keyboard_us_gs1.hex");
    REQUIRE(out.errors.empty());
    REQUIRE(out.scans.size() == 1);
    const Scan& scan = out.scans[0];
    CHECK(scan.symbology == "]d2");
    CHECK(scan.text ==
          "0109501101530003\x1d"
          "10LOT42\x1d"
          "21SN7788");
    auto readings = labels::classify(scan);
    REQUIRE(readings.front().kind == labels::CodeKind::Gs1);
    CHECK(readings.front().valid);
    CHECK(readings.front().field("(01)") == "09501101530003");
    CHECK(readings.front().field("(10)") == "LOT42");
    CHECK(readings.front().field("(21)") == "SN7788");
}

TEST_CASE("Tab as the configured terminator") {
    KeyboardOptions options;
    options.terminators = {k_usage_tab};
    auto out = decode_fixture("keyboard_us_tab.hex", options);
    REQUIRE(out.scans.size() == 1);
    CHECK(out.scans[0].text == "1Z999AA10123456784");
    // Enter is not a terminator then: the same code is still open without the Tab.
    auto without = decode_fixture("keyboard_us_tab.hex");
    CHECK(without.scans.empty());
}

TEST_CASE("German layout: y and z swapped, AltGr characters, umlaut keys") {
    KeyboardOptions options;
    options.layout = find_keyboard_layout("de");
    auto out = decode_fixture("keyboard_de.hex", options);
    REQUIRE(out.errors.empty());
    REQUIRE(out.scans.size() == 1);
    CHECK(out.scans[0].text == "zy-#/@ß]");
    // The same bytes read as US give another text: the layout matters.
    auto as_us = decode_fixture("keyboard_de.hex");
    CHECK((as_us.scans.empty() || as_us.scans[0].text != "zy-#/@ß]"));
}

TEST_CASE("German layout: GS1 with Ctrl+right bracket still gives GS") {
    KeyboardOptions options;
    options.layout = find_keyboard_layout("de");
    auto out = decode_fixture("keyboard_de_gs1.hex", options);
    REQUIRE(out.errors.empty());
    REQUIRE(out.scans.size() == 1);
    CHECK(out.scans[0].symbology == "]d2");
    CHECK(out.scans[0].text ==
          "0109501101530003\x1d"
          "10LOT42\x1d"
          "21SN7788");
}

TEST_CASE("French AZERTY: digits with Shift, swapped letters, AltGr") {
    KeyboardOptions options;
    options.layout = find_keyboard_layout("fr");
    auto out = decode_fixture("keyboard_fr.hex", options);
    REQUIRE(out.errors.empty());
    REQUIRE(out.scans.size() == 1);
    CHECK(out.scans[0].text == "aqzwm-12é]");
}

TEST_CASE("other Ctrl+key control bytes are kept") {
    KeyboardDecoder decoder;
    auto out = decode(decoder, {key(0x04), k_up, key(0x07, k_mod_left_ctrl), k_up,  // Ctrl+D EOT
                                key(0x1E, k_mod_right_ctrl), k_up,                  // not control
                                key(0x28), k_up});
    CHECK(out.scans.empty());
    CHECK(out.errors.size() == 1);
    out = decode(decoder, {key(0x04), k_up, key(0x07, k_mod_left_ctrl), k_up, key(0x28), k_up});
    REQUIRE(out.scans.size() == 1);
    CHECK(out.scans[0].text == std::string("a\x04"));
}

TEST_CASE("garbage reports give an error, drop the broken code and resynchronise") {
    KeyboardDecoder decoder;
    SECTION("a truncated report") {
        auto out = decode(decoder, {key(0x04),
                                    k_up,
                                    {0, 0, 0x05},
                                    key(0x06),
                                    k_up,
                                    key(0x28),
                                    k_up,
                                    key(0x07),
                                    k_up,
                                    key(0x28),
                                    k_up});
        REQUIRE(out.errors.size() == 1);
        CHECK(out.errors[0].code == ErrorCode::Protocol);
        REQUIRE(out.scans.size() == 1);  // "ac" is never reported; the next code is
        CHECK(out.scans[0].text == "d");
    }
    SECTION("phantom state (too many keys)") {
        auto out = decode(decoder, {key(0x04),
                                    {0, 0, 1, 1, 1, 1, 1, 1},
                                    k_up,
                                    key(0x06),
                                    k_up,
                                    key(0x28),
                                    k_up,
                                    key(0x07),
                                    k_up,
                                    key(0x28),
                                    k_up});
        REQUIRE(out.errors.size() == 1);
        REQUIRE(out.scans.size() == 1);
        CHECK(out.scans[0].text == "d");
    }
    SECTION("two new keys in one report: order unknown") {
        auto out = decode(decoder, {{0, 0, 0x04, 0x05, 0, 0, 0, 0}, k_up, key(0x28), k_up});
        CHECK(out.errors.size() == 1);
        CHECK(out.scans.empty());
    }
    SECTION("a key that types nothing on the layout") {
        auto out = decode(decoder, {key(0x3A), k_up, key(0x04), k_up, key(0x28), k_up});  // F1
        CHECK(out.errors.size() == 1);
        CHECK(out.scans.empty());
    }
}

TEST_CASE("the AIM prefix is left in the text when recognition is off") {
    KeyboardOptions options;
    options.aim_prefix = false;
    auto out = decode_fixture("keyboard_us_gs1.hex", options);
    REQUIRE(out.scans.size() == 1);
    CHECK(out.scans[0].symbology.empty());
    CHECK(out.scans[0].text.starts_with("]d2"));
}

TEST_CASE("typing is told from scanning by inter-key gaps and minimum length") {
    KeyboardOptions options;
    options.max_key_gap_ms = 30;
    options.min_length = 4;
    KeyboardDecoder decoder(options);
    auto reports = test::read_hex_reports("keyboard_us_repeat.hex");
    auto fast = decode(decoder, reports, 2);  // a scanner: 4 ms per key
    REQUIRE(fast.scans.size() == 1);
    auto slow = decode(decoder, reports, 60);  // a person: 120 ms per key
    CHECK(slow.scans.empty());
    REQUIRE(slow.errors.size() == 1);
    CHECK(slow.errors[0].code == ErrorCode::Invalid);
    auto short_code = decode(decoder, {key(0x04), k_up, key(0x28), k_up});
    CHECK(short_code.scans.empty());
}

TEST_CASE("a code without terminator expires with an error") {
    KeyboardDecoder decoder;
    decode(decoder, {key(0x04), k_up});
    CHECK_FALSE(decoder.expire(1010, 500).has_value());
    auto error = decoder.expire(5000, 500);
    REQUIRE(error.has_value());
    CHECK(error->code == ErrorCode::Timeout);
    CHECK_FALSE(decoder.in_code());
}
