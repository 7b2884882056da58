// Tests of reading a fault catalog file (parse_fault_catalog); importing and diagnosing are in
// tests/integration/rules_test.cpp.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "station/orders/diagnosis.h"

using namespace rs;
using namespace rs::station;

namespace {

nlohmann::json catalog_with_minutes(const nlohmann::json& minutes) {
    return {{"category", "phone"},
            {"repair",
             {{{"code", "R01"}, {"zh", "换屏"}, {"en", "Replace screen"}, {"minutes", minutes}}}}};
}

}  // namespace

TEST_CASE("a repair code's minutes are read as written") {
    auto codes = parse_fault_catalog(catalog_with_minutes(30).dump());
    REQUIRE(codes);
    REQUIRE(codes->size() == 1);
    CHECK(codes->front().kind == FaultCodeKind::Repair);
    CHECK(codes->front().standard_minutes == 30);
}

// Found by tests/fuzz/fuzz_fault_catalog (regression_wide_minutes.json in its corpus): the range
// was checked on the number narrowed to an int, so 4294967326 minutes passed as 30.
TEST_CASE("repair minutes beyond an int are refused, not narrowed") {
    for (const nlohmann::json& minutes :
         {nlohmann::json(4294967326), nlohmann::json(-4294967266), nlohmann::json(0),
          nlohmann::json(1441), nlohmann::json(std::uint64_t{18446744073709551615u})}) {
        auto codes = parse_fault_catalog(catalog_with_minutes(minutes).dump());
        REQUIRE_FALSE(codes);
        CHECK(codes.error().code == ErrorCode::Invalid);
        CHECK(codes.error().message.find("\"minutes\" (1..1440)") != std::string::npos);
    }
}
