// Tests of RMA JSON parsing: good files, and every error naming the RMA and the field.
#include <catch2/catch.hpp>

#include "station/rma/rma_json.h"
#include "tests/support/station_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {
std::string error_of(const std::vector<nlohmann::json>& rmas) {
    auto parsed = parse_rmas(nlohmann::json{{"rmas", rmas}}.dump());
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == ErrorCode::Invalid);
    return parsed.error().message;
}
}  // namespace

TEST_CASE("a valid RMA with a Chinese address parses") {
    std::vector<nlohmann::json> list = {test::rma_json(1, "SF1402398761234")};
    auto parsed = parse_rmas(nlohmann::json{{"rmas", list}}.dump());
    REQUIRE(parsed);
    REQUIRE(parsed->size() == 1);
    const Rma& rma = parsed->front();
    CHECK(rma.customer_name == "张伟");
    CHECK(rma.return_address.city == "深圳市");
    CHECK(format_address(rma.return_address) == "广东省 深圳市 科苑路15号 518057 CN");
    CHECK(rma.inbound_tracking == std::vector<std::string>{"SF1402398761234"});
}

TEST_CASE("a file nested deeper than any RMA file is refused before it is decoded") {
    auto deep = parse_rmas(std::string(200000, '[') + std::string(200000, ']'));
    REQUIRE_FALSE(deep);
    CHECK(deep.error().code == ErrorCode::Invalid);
    CHECK(deep.error().message.find("nests deeper than 64 levels") != std::string::npos);
}

TEST_CASE("a bare array is accepted too") {
    auto parsed = parse_rmas(nlohmann::json::array({test::rma_json(1, "X1")}).dump());
    REQUIRE(parsed);
    CHECK(parsed->size() == 1);
}

TEST_CASE("errors name the RMA and what is wrong") {
    auto good = test::rma_json(1, "SF1402398761234");

    auto no_type = good;
    no_type.erase("type");
    CHECK(error_of({good, no_type}) == "RMA #2 (" + test::rma_number(1) + "): \"type\" is missing");

    auto bad_type = good;
    bad_type["type"] = "refund";
    CHECK(error_of({bad_type}).find("must be repair, exchange or return") != std::string::npos);

    auto bad_number = good;
    std::string number = test::rma_number(1);
    number.back() = number.back() == 'A' ? 'B' : 'A';
    bad_number["number"] = number;
    CHECK(error_of({bad_number}).find("not a valid RMA number") != std::string::npos);

    auto bad_date = good;
    bad_date["purchase_date"] = "2026-02-30";
    CHECK(error_of({bad_date}).find("\"purchase_date\" 2026-02-30") != std::string::npos);

    auto no_address = good;
    no_address["customer"].erase("address");
    CHECK(error_of({no_address}).find("\"address\" is missing") != std::string::npos);

    auto number_as_int = good;
    number_as_int["product_model"] = 42;
    CHECK(error_of({number_as_int}).find("\"product_model\" must be a string") !=
          std::string::npos);

    auto bad_tracking = good;
    bad_tracking["inbound_tracking"] = "SF1";
    CHECK(error_of({bad_tracking}).find("must be a list") != std::string::npos);
}

// Found by tests/fuzz/fuzz_rma_json (regression_wide_warranty.json in its corpus): the range was
// checked on the number narrowed to an int, so 4294967308 months passed as 12.
TEST_CASE("warranty_months beyond an int is refused, not narrowed") {
    auto good = test::rma_json(1, "SF1402398761234");
    for (std::int64_t months : {std::int64_t{4294967308}, std::int64_t{-1}, std::int64_t{241}}) {
        auto wide = good;
        wide["warranty_months"] = months;
        CHECK(error_of({wide}).find("\"warranty_months\" must be a whole number 0..240") !=
              std::string::npos);
    }
    auto huge = good;
    huge["warranty_months"] = std::uint64_t{18446744073709551615u};
    CHECK(error_of({huge}).find("0..240") != std::string::npos);
    good["warranty_months"] = 240;
    auto parsed = parse_rmas(nlohmann::json{{"rmas", {good}}}.dump());
    REQUIRE(parsed);
    CHECK(parsed->front().warranty_months == 240);
}

TEST_CASE("not JSON at all is a clear error") {
    auto parsed = parse_rmas("{\"rmas\": [ {");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message == "the file is not valid JSON");
}
