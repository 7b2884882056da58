// Unit tests of carrier tracking numbers against the carriers' published examples.
#include <catch2/catch.hpp>

#include <string>

#include "labels/codes/tracking_numbers.h"
#include "test_support.h"

using namespace rs::labels;
using rs::labels::test::classify_at;
using rs::labels::test::find;
using rs::labels::test::kGS;

TEST_CASE("UPS 1Z", "[tracking]") {
    // UPS's published sample/test tracking number.
    auto ok = classify_at("1Z999AA10123456784");
    REQUIRE(ok.size() == 1);
    CHECK(ok[0].kind == CodeKind::Tracking);
    CHECK(ok[0].valid);
    CHECK(ok[0].field("carrier") == "UPS");
    CHECK(ok[0].why == "UPS 1Z, check digit 4 ok");

    auto bad = classify_at("1Z999AA10123456785");
    REQUIRE(bad.size() == 1);  // specific rule: no serial fallback
    CHECK_FALSE(bad[0].valid);
    CHECK(bad[0].why == "UPS 1Z check digit is 5, expected 4");

    // Typed in groups and lower case.
    CHECK(classify_at("1z 999 aa1 01 2345 6784")[0].valid);
    // From the tracking_number_data test set (real-looking shipper numbers with letters).
    CHECK(classify_at("1Z5R89390357567127")[0].valid);
    CHECK(classify_at("1Z879E930346834440")[0].valid);
}

TEST_CASE("FedEx Express 12 digits and the 34-digit barcode", "[tracking]") {
    // FedEx Web API department's example via Google Answers 207899.
    auto ok = classify_at("012345678983");
    const auto* fx = find(ok, CodeKind::Tracking, "FedEx");
    REQUIRE(fx != nullptr);
    CHECK(fx->valid);
    CHECK(fx->field("service") == "Express");

    auto bad = classify_at("012345678984");
    const auto* fx_bad = find(bad, CodeKind::Tracking, "FedEx");
    REQUIRE(fx_bad != nullptr);
    CHECK_FALSE(fx_bad->valid);
    CHECK(fx_bad->why == "FedEx Express check digit is 4, expected 3");

    // 34-digit FedEx Express barcode (tracking_number_data test set): number = last 12 digits.
    auto barcode = classify_at("1001921334250001000300779017972697");
    const auto* b = find(barcode, CodeKind::Tracking, "FedEx");
    REQUIRE(b != nullptr);
    CHECK(b->valid);
    CHECK(b->field("tracking_number") == "779017972697");
    CHECK(b->field("barcode") == "1001921334250001000300779017972697");
    auto barcode_bad = classify_at("1001901781990001000300617767839438");
    REQUIRE(find(barcode_bad, CodeKind::Tracking, "FedEx") != nullptr);
    CHECK(find(barcode_bad, CodeKind::Tracking, "FedEx")->why ==
          "FedEx Express check digit is 8, expected 7");
}

TEST_CASE("FedEx Ground 15 digits and the 22-digit 96 barcode", "[tracking]") {
    // tracking_number_data test set (FedEx Ground spec check: mod 10, weights 3,1).
    auto ok = classify_at("041441760228964");
    const auto* g = find(ok, CodeKind::Tracking, "FedEx");
    REQUIRE(g != nullptr);
    CHECK(g->valid);
    CHECK(g->field("service") == "Ground");

    // "96" + SCNC 11 + service 020 + 15-digit tracking number 987654312345672.
    auto barcode = classify_at("9611020987654312345672");
    const auto* b = find(barcode, CodeKind::Tracking, "FedEx");
    REQUIRE(b != nullptr);
    CHECK(b->valid);
    CHECK(b->field("tracking_number") == "987654312345672");
    auto barcode_bad = classify_at("9611020987654312345673");
    REQUIRE(find(barcode_bad, CodeKind::Tracking, "FedEx") != nullptr);
    CHECK(find(barcode_bad, CodeKind::Tracking, "FedEx")->why ==
          "FedEx Ground check digit is 3, expected 2");
}

TEST_CASE("USPS IMpb", "[tracking]") {
    // tracking_number_data test set, USPS Pub 199 mod 10.
    auto ok = classify_at("9400111201080805483016");
    const auto* u = find(ok, CodeKind::Tracking, "USPS");
    REQUIRE(u != nullptr);
    CHECK(u->valid);
    auto bad = classify_at("9400111201080805483017");
    REQUIRE(find(bad, CodeKind::Tracking, "USPS") != nullptr);
    CHECK(find(bad, CodeKind::Tracking, "USPS")->why == "USPS IMpb check digit is 7, expected 6");

    // 420 + ZIP 10023 + GS + PIC, as a GS1-128 scan: both the tracking number and the GS1
    // element string are returned.
    auto routed = classify_at(std::string("]C142010023") + kGS + "9400111201080805483016");
    const auto* r = find(routed, CodeKind::Tracking, "USPS");
    REQUIRE(r != nullptr);
    CHECK(r->valid);
    CHECK(r->field("zip") == "10023");
    CHECK(r->field("tracking_number") == "9400111201080805483016");
    REQUIRE(find(routed, CodeKind::Gs1) != nullptr);
    CHECK(find(routed, CodeKind::Gs1)->field("(420)") == "10023");
    CHECK(routed[0].kind == CodeKind::Tracking);

    // Scanner dropped the FNC1: ZIP 5 or 9 is found by the check digit (tracking_number_data
    // examples).
    auto zip5 = classify_at("420221539101026837331000039521");
    REQUIRE(find(zip5, CodeKind::Tracking, "USPS") != nullptr);
    CHECK(find(zip5, CodeKind::Tracking, "USPS")->field("zip") == "22153");
    auto zip9 = classify_at("4201002334249200190132607600833457");
    REQUIRE(find(zip9, CodeKind::Tracking, "USPS") != nullptr);
    CHECK(find(zip9, CodeKind::Tracking, "USPS")->field("zip") == "100233424");
    CHECK(find(zip9, CodeKind::Tracking, "USPS")->field("tracking_number") ==
          "9200190132607600833457");

    auto routed_bad = classify_at("420221539101026837331000039522");
    REQUIRE(find(routed_bad, CodeKind::Tracking, "USPS") != nullptr);
    CHECK_FALSE(find(routed_bad, CodeKind::Tracking, "USPS")->valid);
}

TEST_CASE("DHL Express 10 digits", "[tracking]") {
    // tracking_number_data test set (no DHL-published example found).
    auto ok = classify_at("3318810025");
    REQUIRE(find(ok, CodeKind::Tracking, "DHL") != nullptr);
    CHECK(find(ok, CodeKind::Tracking, "DHL")->valid);
    auto bad = classify_at("3318810024");
    REQUIRE(find(bad, CodeKind::Tracking, "DHL") != nullptr);
    CHECK(find(bad, CodeKind::Tracking, "DHL")->why == "DHL Express check digit is 4, expected 5");
}

TEST_CASE("UPU S10", "[tracking]") {
    // The example; check digit computed with the UPU S10 weights.
    auto cn = classify_at("EA123456785CN");
    REQUIRE(cn.size() == 1);
    CHECK(cn[0].valid);
    CHECK(cn[0].field("carrier") == "China Post");
    CHECK(cn[0].field("service") == "EMS");
    CHECK(cn[0].field("country") == "CN");
    CHECK(cn[0].field("serial") == "12345678");

    // UPU S10 worked example serial 47312482 -> 9, on a registered item from Great Britain.
    auto gb = classify_at("RR473124829GB");
    CHECK(gb[0].valid);
    CHECK(gb[0].field("carrier") == "Royal Mail");
    CHECK(gb[0].field("service") == "letter post, registered");

    CHECK(classify_at("CP123456785DE")[0].field("carrier") == "Deutsche Post");
    CHECK(classify_at("LX123456785JP")[0].field("carrier") == "Japan Post");
    CHECK(classify_at("CA123456785FR")[0].field("carrier") == "La Poste");
    CHECK(classify_at("EA123456785US")[0].field("carrier") == "USPS");
    CHECK(classify_at("EA123456785NO")[0].field("carrier") == "postal operator of NO");

    auto bad = classify_at("EA123456784CN");
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].why == "S10 check digit is 4, expected 5");

    auto country = classify_at("EA123456785XX");
    REQUIRE(country.size() == 1);
    CHECK_FALSE(country[0].valid);
    CHECK(country[0].why == "S10 country code XX is not an ISO 3166-1 alpha-2 code");
}

TEST_CASE("Chinese carriers by pattern only", "[tracking]") {
    // Shapes shown on the carriers' tracking pages; numbers made up.
    for (const char* number : {"SF1234567890123", "JDVA11408814483", "YT2230158463254"}) {
        auto readings = classify_at(number);
        REQUIRE(readings.size() == 1);
        CHECK(readings[0].valid);
        CHECK(readings[0].why.find("pattern only, no public check digit") != std::string::npos);
    }
    auto jd = classify_at("JDVA11408814483-1-1-");
    CHECK(jd[0].field("tracking_number") == "JDVA11408814483");
    CHECK(jd[0].field("carrier") == "JD Logistics");
}

TEST_CASE("Two carriers that fit are both returned", "[tracking]") {
    // tracking_number_data FedEx Express example; it also has the 12-digit ZTO shape.
    auto both = classify_at("799531274483");
    const auto* fx = find(both, CodeKind::Tracking, "FedEx");
    const auto* zto = find(both, CodeKind::Tracking, "ZTO Express");
    REQUIRE(fx != nullptr);
    REQUIRE(zto != nullptr);
    CHECK(fx->valid);
    CHECK(zto->valid);
    CHECK(both[0].field("carrier") == "FedEx");  // a passing check digit ranks above a pattern

    // Computed: TAC 26053179 (3GPP example) with a serial chosen so that both the IMEI Luhn
    // digit and the FedEx Ground mod 10 digit are 4.
    auto imei_or_ground = classify_at("260531793113894");
    REQUIRE(find(imei_or_ground, CodeKind::Imei) != nullptr);
    REQUIRE(find(imei_or_ground, CodeKind::Tracking, "FedEx") != nullptr);
    CHECK(find(imei_or_ground, CodeKind::Imei)->valid);
    CHECK(find(imei_or_ground, CodeKind::Tracking, "FedEx")->valid);
}

TEST_CASE("The carrier table is well formed", "[tracking]") {
    CHECK(tracking_rules().size() >= 10);
    for (const auto& rule : tracking_rules()) {
        CHECK_FALSE(rule.carrier.empty());
        CHECK_FALSE(rule.pattern.empty());
        CHECK_FALSE(rule.describe.empty());
    }
}
