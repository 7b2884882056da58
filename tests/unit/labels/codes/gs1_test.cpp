// Unit tests of GS1 element strings: scanner data with AIM ids and GS, and the "(01)..." form.
#include <catch2/catch.hpp>

#include <string>

#include "labels/codes/gs1_dates.h"
#include "test_support.h"

using namespace rs::labels;
using rs::labels::test::classify_at;
using rs::labels::test::find;
using rs::labels::test::kGS;

namespace {

// GTIN 09501101530003: GS1 prefix 950 is GS1 Global Office's, used for the examples of GS1
// guidelines (check digit 3 verified by computation).
const std::string kGtin = "09501101530003";

const Classification& gs1_of(const std::vector<Classification>& readings) {
    const Classification* r = find(readings, CodeKind::Gs1);
    REQUIRE(r != nullptr);
    return *r;
}

}  // namespace

TEST_CASE("GS1 scanner data from the GS1 Syntax Engine examples", "[gs1]") {
    // GS1 Syntax Engine (GS1 AISBL reference implementation), gs1_encoder_setScanData example:
    // "]C1011231231231233310ABC123" GS "99TESTING".
    auto readings = classify_at(std::string("]C1011231231231233310ABC123") + kGS + "99TESTING");
    const auto& r = gs1_of(readings);
    CHECK(r.valid);
    CHECK(r.field("(01)") == "12312312312333");
    CHECK(r.field("(10)") == "ABC123");
    CHECK(r.field("(99)") == "TESTING");
    CHECK(r.field("gtin") == "12312312312333");
    CHECK(r.field("batch") == "ABC123");
    CHECK(r.why.find("]C1 GS1-128") != std::string::npos);
    REQUIRE(r.fields.size() >= 3);
    CHECK(r.fields[0].first == "(01)");  // AIs in the order found
    CHECK(r.fields[1].first == "(10)");

    // Same test suite, GS1 DataBar Expanded composite: ]e0 ... (11)991225 ...
    auto databar = classify_at(std::string("]e0011231231231233310ABC123") + kGS +
                               "1199122598COMPOSITE" + kGS + "97XYZ");
    const auto& d = gs1_of(databar);
    CHECK(d.valid);
    CHECK(d.field("(11)") == "991225");
    CHECK(d.field("production_date") == "1999-12-25");  // century per GenSpecs 7.12
    CHECK(d.field("(98)") == "COMPOSITE");
    CHECK(d.field("(97)") == "XYZ");
}

TEST_CASE("AIM id in Scan::symbology instead of the text", "[gs1]") {
    // Computed example: GS1 DataMatrix (]d2) with GTIN, expiry and batch, no GS needed after
    // the predefined-length (01) and (17).
    auto readings = classify_at("01" + kGtin + "17250630" + "10AB-123", "]d2");
    const auto& r = gs1_of(readings);
    CHECK(r.valid);
    CHECK(r.field("expiry") == "2025-06-30");
    CHECK(r.field("batch") == "AB-123");
    CHECK(r.why.find("]d2") != std::string::npos);

    // ]Q3 GS1 QR Code typed at the start of the text by a keyboard-wedge scanner.
    auto qr = classify_at("]Q301" + kGtin + "21SN12345");
    CHECK(gs1_of(qr).valid);
    CHECK(gs1_of(qr).field("serial") == "SN12345");
}

TEST_CASE("GS separators: variable AIs end at GS, predefined ones need none", "[gs1]") {
    // Computed: batch (10) then serial (21), both variable, separated by GS.
    auto readings = classify_at("]C101" + kGtin + "10LOT7" + kGS + "21S-0001" + kGS + "3103001250");
    const auto& r = gs1_of(readings);
    CHECK(r.valid);
    CHECK(r.field("(10)") == "LOT7");
    CHECK(r.field("(21)") == "S-0001");
    CHECK(r.field("(3103)") == "001250");

    // A GS after a predefined-length AI is not needed; it is tolerated and mentioned.
    auto extra = classify_at("]C101" + kGtin + kGS + "10LOT7");
    CHECK(gs1_of(extra).valid);
    CHECK(gs1_of(extra).why.find("not needed") != std::string::npos);

    // GS in the data with no AIM id still means GS1.
    auto no_aim = classify_at("10LOT7" + std::string(kGS) + "01" + kGtin);
    CHECK(gs1_of(no_aim).valid);
    CHECK(gs1_of(no_aim).field("gtin") == kGtin);
}

TEST_CASE("GS1 human-readable form", "[gs1]") {
    auto readings = classify_at("(01)" + kGtin + "(17)250200(10)AB-123");
    const auto& r = gs1_of(readings);
    CHECK(r.valid);
    // GS1 GenSpecs: day 00 in (17) means the last day of the month.
    CHECK(r.field("expiry") == "2025-02-28");
    CHECK(r.why.find("human-readable") != std::string::npos);

    auto leap = classify_at("(01)" + kGtin + "(17)240200");
    CHECK(gs1_of(leap).field("expiry") == "2024-02-29");

    auto spaced = classify_at("(01) " + kGtin + " (10) AB-123");
    CHECK(gs1_of(spaced).valid);
    CHECK(gs1_of(spaced).field("(10)") == "AB-123");

    // SSCC (00): computed example 106141411234567897 (GS1 US company prefix 0614141).
    auto sscc = classify_at("(00)106141411234567897");
    CHECK(gs1_of(sscc).valid);
    CHECK(gs1_of(sscc).field("sscc") == "106141411234567897");
    auto ship = classify_at("(00)106141411234567897(410)6291041500213(420)10023");
    CHECK(gs1_of(ship).valid);
    CHECK(gs1_of(ship).field("ship_to_gln") == "6291041500213");
    CHECK(gs1_of(ship).field("ship_to_postal_code") == "10023");
}

TEST_CASE("GS1 check digit errors name the AI and the key", "[gs1]") {
    // gs1.org example GTIN-13 6291041500213: a 4 instead of 3.
    auto gtin = classify_at("(01)06291041500214");
    CHECK_FALSE(gs1_of(gtin).valid);
    CHECK(gs1_of(gtin).why == "(01) GTIN check digit is 4, expected 3");

    auto sscc = classify_at("]C100106141411234567890");
    CHECK(gs1_of(sscc).why == "(00) SSCC check digit is 0, expected 7");

    auto gln = classify_at("(410)6291041500210");
    CHECK(gs1_of(gln).why == "(410) GLN check digit is 0, expected 3");
}

TEST_CASE("GS1 dates", "[gs1]") {
    auto month13 = classify_at("]C101" + kGtin + "17251301");
    CHECK_FALSE(gs1_of(month13).valid);
    CHECK(gs1_of(month13).why == "(17) date 251301: month 13 is not 01-12");

    auto feb30 = classify_at("(01)" + kGtin + "(15)250230");
    CHECK(gs1_of(feb30).why == "(15) date 250230: day 30 does not exist in 2025-02");

    auto feb29 = classify_at("(01)" + kGtin + "(11)250229");
    CHECK_FALSE(gs1_of(feb29).valid);

    // GenSpecs 7.12: 49 years ahead, 50 back.
    CHECK(gs1_full_year(99, 2025) == 1999);
    CHECK(gs1_full_year(75, 2025) == 2075);
    CHECK(gs1_full_year(76, 2025) == 1976);
    CHECK(gs1_full_year(10, 2095) == 2110);
    CHECK(check_gs1_date("250600", true, 2025).iso == "2025-06-30");
    CHECK_FALSE(check_gs1_date("250600", false, 2025).ok);
}

TEST_CASE("GS1 lengths and character sets", "[gs1]") {
    // Variable AI too long: (10) takes at most 20 characters.
    auto long_batch = classify_at("]C101" + kGtin + "10" + std::string(21, 'A'));
    CHECK_FALSE(gs1_of(long_batch).valid);
    CHECK(gs1_of(long_batch).why.find("(10) is 21 characters long, at most 20 allowed") == 0);

    auto short_gtin = classify_at("]C1010950110153000");
    CHECK(gs1_of(short_gtin).why == "(01) must be 14 digits, got 13");

    auto letter = classify_at("(01)0950110153000A");
    CHECK(gs1_of(letter).why == "(01) must be digits: \"A\" at character 14");

    auto space = classify_at("(01)" + kGtin + "(21)AB#1");
    CHECK(gs1_of(space).why == "(21) \"#\" at character 3 is not in GS1 character set 82");

    // (422) has a fixed length but is not predefined: a GS must follow it.
    auto no_gs = classify_at("]C101" + kGtin + "422156" + "10LOT");
    CHECK(gs1_of(no_gs).why == "(422) is not of predefined length: a GS must follow it");
    auto with_gs = classify_at("]C101" + kGtin + "422156" + kGS + "10LOT");
    CHECK(gs1_of(with_gs).valid);

    auto composite = classify_at("(421)15610002");
    CHECK(gs1_of(composite).valid);

    auto twice = classify_at("(01)" + kGtin + "(10)A(10)B");
    CHECK(gs1_of(twice).why == "(10) appears twice with different values");
}

TEST_CASE("Unknown AIs", "[gs1]") {
    auto scanner = classify_at("]C10409501101530003");
    CHECK_FALSE(gs1_of(scanner).valid);
    CHECK(gs1_of(scanner).why.find("unknown AI") == 0);

    auto hri = classify_at("(04)123");
    CHECK(gs1_of(hri).why == "unknown AI: (04) is not a known GS1 Application Identifier");

    // A failed GS1 symbol is not taken as a serial number.
    CHECK(find(scanner, CodeKind::Serial) == nullptr);
}

TEST_CASE("Bare digits that parse as GS1", "[gs1]") {
    auto readings = classify_at("01" + kGtin + "17250630");
    CHECK(gs1_of(readings).valid);
    CHECK(gs1_of(readings).field("expiry") == "2025-06-30");
}
