// Unit tests of classify() as a whole: ordering, fallbacks, IMEI, GTIN and garbage input.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>

#include "test_support.h"

using namespace rs::labels;
using rs::labels::test::classify_at;
using rs::labels::test::find;

TEST_CASE("kind_name gives stable lowercase names", "[code_grammar]") {
    CHECK(std::string(kind_name(CodeKind::Gs1)) == "gs1");
    CHECK(std::string(kind_name(CodeKind::Gtin)) == "gtin");
    CHECK(std::string(kind_name(CodeKind::Tracking)) == "tracking");
    CHECK(std::string(kind_name(CodeKind::Rma)) == "rma");
    CHECK(std::string(kind_name(CodeKind::RepairOrder)) == "repair_order");
    CHECK(std::string(kind_name(CodeKind::Bin)) == "bin");
    CHECK(std::string(kind_name(CodeKind::OperatorBadge)) == "operator_badge");
    CHECK(std::string(kind_name(CodeKind::PartSku)) == "part_sku");
    CHECK(std::string(kind_name(CodeKind::Imei)) == "imei");
    CHECK(std::string(kind_name(CodeKind::Serial)) == "serial");
    CHECK(std::string(kind_name(CodeKind::Unknown)) == "unknown");
}

TEST_CASE("Bare GTINs", "[code_grammar]") {
    // gs1.org check digit example 6291041500213.
    auto ean = classify_at("6291041500213");
    const auto* g = find(ean, CodeKind::Gtin);
    REQUIRE(g != nullptr);
    CHECK(g->valid);
    CHECK(g->field("gtin14") == "06291041500213");
    CHECK(g->field("format") == "GTIN-13 (EAN-13)");
    CHECK(ean[0].kind == CodeKind::Gtin);

    // UPC-A 036000241457 (GS1 US/Wikipedia check digit example) and an EAN-8 computed example.
    CHECK(find(classify_at("036000241457"), CodeKind::Gtin)->valid);
    CHECK(find(classify_at("96385074"), CodeKind::Gtin)->valid);

    // From an EAN/UPC symbol (]E0) a wrong check digit is reported, not taken as a serial.
    auto bad = classify_at("6291041500217", "]E0");
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].kind == CodeKind::Gtin);
    CHECK(bad[0].why == "GTIN check digit is 7, expected 3");
}

TEST_CASE("IMEI", "[code_grammar]") {
    // 3GPP TS 23.003 annex B.3 example: 26053179311383 + check digit 7.
    auto ok = classify_at("260531793113837");
    const auto* imei = find(ok, CodeKind::Imei);
    REQUIRE(imei != nullptr);
    CHECK(imei->valid);
    CHECK(imei->field("tac") == "26053179");
    CHECK(imei->field("serial") == "311383");
    CHECK(imei->field("check") == "7");
    CHECK(ok[0].kind == CodeKind::Imei);

    auto bad = classify_at("260531793113836");
    const auto* bad_imei = find(bad, CodeKind::Imei);
    REQUIRE(bad_imei != nullptr);
    CHECK_FALSE(bad_imei->valid);
    CHECK(bad_imei->why == "IMEI check digit is 6, expected 7");
}

TEST_CASE("Serial numbers only as a fallback", "[code_grammar]") {
    // Punctuation a serial never has is not taken as one.
    CHECK(classify_at("garbage!!").front().kind == CodeKind::Unknown);

    auto serial = classify_at("C02XK1ZJJG5H");
    REQUIRE(serial.size() == 1);
    CHECK(serial[0].kind == CodeKind::Serial);
    CHECK(serial[0].valid);
    CHECK(serial[0].why == "no other rule matched; taken as a device serial");
    CHECK(serial[0].field("serial") == "C02XK1ZJJG5H");

    // Digits whose check digits all fail: serial first, the failed readings after it.
    auto digits = classify_at("12345678");
    REQUIRE(digits.size() >= 2);
    CHECK(digits[0].kind == CodeKind::Serial);
    CHECK_FALSE(digits[1].valid);

    // Valid readings come first, and a valid reading leaves no room for a serial.
    auto valid = classify_at("260531793113837");
    CHECK(find(valid, CodeKind::Serial) == nullptr);
    for (std::size_t i = 1; i < valid.size(); ++i)
        CHECK((valid[i - 1].valid || !valid[i].valid));

    CHECK(classify_at(std::string(41, 'A'))[0].kind == CodeKind::Unknown);
    CHECK(classify_at("ABCDE")[0].kind == CodeKind::Unknown);
    CHECK(classify_at("ABC DEF GHI")[0].kind == CodeKind::Unknown);
}

TEST_CASE("Nothing fits: one Unknown that says why", "[code_grammar]") {
    auto empty = classify_at("");
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].kind == CodeKind::Unknown);
    CHECK(empty[0].why == "empty scan");

    CHECK(classify_at("]C1")[0].why == "symbology identifier ]C1 but no data");
    CHECK(classify_at("   ")[0].why == "blank scan (only spaces)");
    CHECK(classify_at("AB\nCD12")[0].why == "contains control characters (0x0A at position 3)");
    CHECK(classify_at("\xff\xfe\x01garbage")[0].why.find("not valid UTF-8") == 0);
    CHECK(classify_at("ABC")[0].why ==
          "too short (3 characters) for a serial number and matches no rule");
    CHECK(classify_at("\xe4\xb8\xad\xe6\x96\x87")[0].why ==
          "contains non-ASCII characters and matches no rule");
    CHECK(classify_at(std::string(5000, '7'))[0].kind == CodeKind::Unknown);
}

TEST_CASE("A trailing CR/LF from a keyboard-wedge scanner is ignored", "[code_grammar]") {
    auto readings = classify_at("1Z999AA10123456784\r\n");
    REQUIRE(readings.size() == 1);
    CHECK(readings[0].valid);
    CHECK(classify_at("\r\n")[0].why == "empty scan");
}

TEST_CASE("classify(text) accepts an AIM id at the start", "[code_grammar]") {
    auto readings = classify(std::string("]C10106291041500213"));
    REQUIRE_FALSE(readings.empty());
    CHECK(readings[0].kind == CodeKind::Gs1);
    CHECK(readings[0].valid);
    // Other symbologies are stripped and the rest classified as text.
    CHECK(classify(std::string("]C01Z999AA10123456784"))[0].field("carrier") == "UPS");
}

TEST_CASE("Garbage bytes never crash and never give an empty answer", "[code_grammar]") {
    std::mt19937 rng(12345);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 80);
    const std::string seeds[] = {"]C1", "(01)", "1Z", "RO-", "420", "96", "EA", "JD", ""};
    int problems = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text = seeds[static_cast<std::size_t>(i) % std::size(seeds)];
        int n = length(rng);
        for (int k = 0; k < n; ++k) {
            // Mostly digits and GS so the GS1 and carrier parsers get deep, plus any byte.
            int b = byte(rng);
            if (b < 100)
                b = '0' + b % 10;
            else if (b < 110)
                b = 0x1d;
            text.push_back(static_cast<char>(b));
        }
        auto readings = classify_at(text);
        if (readings.empty()) ++problems;
        for (const auto& r : readings) {
            for (char c : r.why) {
                if (c < 0x20 || c > 0x7e) ++problems;  // output is safe printable ASCII
            }
            for (const auto& [key, value] : r.fields) {
                for (char c : value) {
                    if (c < 0x20 || c > 0x7e) ++problems;
                }
            }
        }
    }
    CHECK(problems == 0);
}
