// Tests of reading the policy file: the example reads, and each kind of mistake names its line.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "station/policy/policy.h"

using namespace rs::station;

namespace {
std::string example() {
    std::ifstream file(std::string(EXAMPLES_DIR) + "/policy.toml");
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

const char* k_small = R"(version = "t1"
[defaults]
no_reason_return_days = 7
[categories.phone]
sku_prefixes = ["PX"]
warranty_months = 12
[categories.tablet]
sku_prefixes = ["TS"]
warranty_months = 24
[platforms.vmall]
no_reason_return_days = 30
[platforms.vmall.categories.phone]
exchange_days = 30
)";
}  // namespace

TEST_CASE("the example policy reads and its layers merge") {
    auto policy = parse_policy(example(), "examples/policy.toml");
    REQUIRE(policy);
    CHECK(policy->version == "2026.11-3");
    CHECK(policy->calendar.utc_offset_minutes == 480);
    REQUIRE(policy->category_for("", "PX2-128-BLK"));
    CHECK(policy->category_for("", "PX2-128-BLK")->name == "phone");
    CHECK(policy->category_for("", "TS11-WIFI")->name == "tablet");
    CHECK_FALSE(policy->category_for("", "ZZ-1"));
    CHECK(policy->rules_for("tablet", "").warranty_months == 24);
    CHECK(policy->rules_for("phone", "").exchange_days == 15);
    CHECK(policy->rules_for("phone", "vmall").exchange_days == 30);
    CHECK(policy->rules_for("phone", "vmall").no_reason_return_days == 30);
    CHECK(policy->rules_for("tablet", "vmall").exchange_days == 15);
    CHECK(policy->rules_for("watch", "").return_requires.size() == 2);
}

TEST_CASE("the example policy ships each route with its carrier and freight payer") {
    auto policy = parse_policy(example(), "examples/policy.toml");
    REQUIRE(policy);
    const ShippingTerms& shipping = policy->shipping;
    CHECK(shipping.for_route("warranty_repair").carrier == "SF Express");
    CHECK(shipping.for_route("warranty_repair").freight == FreightPayer::Center);
    CHECK(shipping.for_route("quote").carrier == "SF Express");  // what a route leaves out
    CHECK(shipping.for_route("quote").freight == FreightPayer::Customer);
    CHECK(shipping.for_route("exchange").carrier == "UPS");
    CHECK(shipping.for_route("").service == "Standard 标快");
    CHECK(shipping.pool_low == 20);
    CHECK(shipping.carriers() == std::vector<std::string>{"SF Express", "UPS"});
}

TEST_CASE("a policy file with a mistake is refused with its line and key") {
    struct Row {
        const char* what;
        std::string from, to;  // a replacement in the small policy
        const char* message;   // what the error must say
    };
    const Row rows[] = {
        {"unknown key", "warranty_months = 24", "warranty_month = 24",
         "line 9: [categories.tablet] unknown key warranty_month"},
        {"negative window", "no_reason_return_days = 7", "no_reason_return_days = -7",
         "line 3: [defaults] no_reason_return_days is -7; it must be 0..365"},
        {"unknown category", "[platforms.vmall.categories.phone]",
         "[platforms.vmall.categories.fone]",
         "line 12: [platforms.vmall.categories.fone] unknown category fone; the file defines: "
         "phone, tablet"},
        {"unknown section", "[defaults]", "[default]", "line 2: [top] unknown key default"},
        {"wrong type", "exchange_days = 30", "exchange_days = \"30\"",
         "line 13: [platforms.vmall.categories.phone] exchange_days must be a whole number"},
        {"unknown damage", "no_reason_return_days = 7",
         "no_reason_return_days = 7\nvoids_warranty = [\"dust\"]",
         "line 4: [defaults] voids_warranty: unknown value \"dust\""},
        {"transit cannot void", "no_reason_return_days = 7",
         "no_reason_return_days = 7\nvoids_warranty = [\"transit\"]",
         "line 4: [defaults] voids_warranty: transit damage is the carrier's"},
        {"bad holiday", "[defaults]", "[calendar]\nholidays = [\"2026-02-30\"]\n[defaults]",
         "line 3: [calendar] holidays: \"2026-02-30\" is not a date"},
        {"working hours backwards", "[defaults]",
         "[calendar]\nworking_hours = \"18:00-09:00\"\n[defaults]",
         "line 3: [calendar] working_hours must read \"HH:MM-HH:MM\""},
        {"working hours not a time", "[defaults]",
         "[calendar]\nworking_hours = \"9 to 5\"\n[defaults]",
         "line 3: [calendar] working_hours must read"},
        {"no version", "version = \"t1\"", "", "version is missing"},
        // Found by tests/fuzz/fuzz_policy (regression_empty_sku_prefix in its corpus).
        {"empty SKU prefix", "sku_prefixes = [\"PX\"]", "sku_prefixes = [\"PX\", \"\"]",
         "line 5: [categories.phone] sku_prefixes holds an empty string"},
        {"not TOML", "[defaults]", "[defaults", "line 2 column"},
        {"unknown carrier", "[defaults]", "[shipping]\ncarrier = \"Pony Express\"\n[defaults]",
         "line 3: [shipping] unknown carrier \"Pony Express\"; known: UPS, FedEx"},
        {"unknown route", "[defaults]",
         "[shipping.routes.warranty]\nfreight = \"center\"\n[defaults]",
         "line 2: [shipping.routes.warranty] unknown route warranty; known: warranty_repair"},
        {"unknown payer", "[defaults]",
         "[shipping.routes.quote]\nfreight = \"platform\"\n[defaults]",
         "line 3: [shipping.routes.quote] freight: unknown value \"platform\""},
        {"unknown shipping key", "[defaults]", "[shipping]\nspeed = 3\n[defaults]",
         "line 3: [shipping] unknown key speed; known: carrier, service, freight, pool_low"},
    };
    for (const auto& row : rows) {
        std::string text = k_small;
        auto at = text.find(row.from);
        REQUIRE(at != std::string::npos);
        text.replace(at, row.from.size(), row.to);
        auto policy = parse_policy(text, "p.toml");
        INFO(row.what);
        REQUIRE_FALSE(policy);
        CHECK_THAT(policy.error().message, Catch::Contains(row.message));
        CHECK_THAT(policy.error().message, Catch::StartsWith("p.toml"));
    }
    CHECK(parse_policy(k_small, "p.toml"));
}
