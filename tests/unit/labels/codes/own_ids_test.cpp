// Unit tests of our own ids: RMA, repair order, bin, badge, SKU with an ISO 7064 check character.
#include <catch2/catch.hpp>

#include <string>

#include "labels/codes/check_digits.h"
#include "test_support.h"

using namespace rs::labels;
using rs::labels::test::classify_at;

TEST_CASE("make_own_id appends the MOD 37,36 check character", "[own_ids]") {
    // Computed with the ISO/IEC 7064 MOD 37,36 implementation verified against the GRid and
    // DPD examples in check_digits_test.cpp: "RO000123" -> 4.
    CHECK(make_own_id(CodeKind::RepairOrder, "000123") == "RO-0001234");
    CHECK(make_own_id(CodeKind::Rma, "20250601001") == "RMA-20250601001Y");
    CHECK(make_own_id(CodeKind::Bin, "A-01-03") == "BIN-A-01-03D");  // hyphens ignored
    CHECK(make_own_id(CodeKind::OperatorBadge, "0042") == "OP-0042C");
    CHECK(make_own_id(CodeKind::PartSku, "bat-ip12") == "SKU-BAT-IP124");  // upper-cased

    CHECK(make_own_id(CodeKind::Gtin, "123").empty());
    CHECK(make_own_id(CodeKind::RepairOrder, "").empty());
    CHECK(make_own_id(CodeKind::RepairOrder, "12A").empty());  // RO bodies are digits
    CHECK(make_own_id(CodeKind::Bin, "A_1").empty());
    CHECK(make_own_id(CodeKind::Bin, "--").empty());
}

TEST_CASE("Our ids round-trip through classify", "[own_ids]") {
    struct Case {
        CodeKind kind;
        const char* body;
    };
    for (Case c : {Case{CodeKind::RepairOrder, "000123"}, Case{CodeKind::Rma, "20250601001"},
                   Case{CodeKind::Bin, "A-01-03"}, Case{CodeKind::OperatorBadge, "0042"},
                   Case{CodeKind::PartSku, "BAT-IP12"}}) {
        std::string id = make_own_id(c.kind, c.body);
        auto readings = classify_at(id);
        REQUIRE(readings.size() == 1);
        CHECK(readings[0].kind == c.kind);
        CHECK(readings[0].valid);
        CHECK(readings[0].field("body") == c.body);
        CHECK(readings[0].why.find("check character") != std::string::npos);
    }
    // Lower case from a scanner with caps lock off.
    CHECK(classify_at("ro-0001234")[0].valid);
}

TEST_CASE("A misread id is caught and says why", "[own_ids]") {
    auto wrong_check = classify_at("RO-0001235");
    REQUIRE(wrong_check.size() == 1);  // no serial fallback for a broken id
    CHECK(wrong_check[0].kind == CodeKind::RepairOrder);
    CHECK_FALSE(wrong_check[0].valid);
    CHECK(wrong_check[0].why == "RO check character is 5, expected 4");

    // One digit of the body misread: the check character no longer fits.
    auto misread = classify_at("RO-0001284");
    CHECK_FALSE(misread[0].valid);
    CHECK(misread[0].why.find("RO check character is 4, expected") == 0);

    auto letter = classify_at("RMA-12A45X");
    CHECK_FALSE(letter[0].valid);
    CHECK(letter[0].why == "RMA body may only hold digits: \"A\" at character 3");

    auto empty = classify_at("BIN-");
    CHECK(empty[0].kind == CodeKind::Bin);
    CHECK_FALSE(empty[0].valid);
}
