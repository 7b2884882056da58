// QA checklists in the policy file: the example's read, each mistake refused with its line, and
// the JSON an order keeps them in.
#include <catch2/catch.hpp>

#include "station/policy/policy.h"
#include "tests/support/rules_fixture.h"

using namespace rs::station;

namespace {

std::string example() {
    return rs::test::example_text("policy.toml");
}

// 20 lines; the steps start at lines 6, 10 and 17.
const char* k_small = R"(version = "t1"
[categories.phone]
sku_prefixes = ["PX"]
[qa.phone]
title = "Phone final test"
[[qa.phone.steps]]
text = "Screen"
expected = "no dead pixel"
kind = "pass_fail"
[[qa.phone.steps]]
text = "Battery voltage"
expected = "charged"
kind = "measured"
low = 3.7
high = 4.4
unit = "V"
[[qa.phone.steps]]
text = "Photo of the front"
expected = "screen lit"
kind = "photo"
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the example policy has a QA checklist for each of its categories") {
    auto policy = parse_policy(example(), "examples/policy.toml");
    INFO((policy ? "" : policy.error().message));
    REQUIRE(policy);
    for (const char* category : {"phone", "tablet", "audio", "watch"}) {
        INFO(category);
        REQUIRE(policy->qa_checklist(category));
        CHECK_FALSE(policy->qa_checklist(category)->steps.empty());
    }
    CHECK_FALSE(policy->qa_checklist("fridge"));
    const QaChecklist& phone = *policy->qa_checklist("phone");
    CHECK(phone.title == "Phone final test");
    REQUIRE(phone.steps.size() == 6);
    CHECK(phone.steps[0].kind == QaStepKind::PassFail);
    CHECK(phone.steps[2].kind == QaStepKind::Measured);
    CHECK(phone.steps[2].limits_text() == "3.7..4.4 V");
    CHECK(phone.steps[5].kind == QaStepKind::Photo);
}

TEST_CASE("a measured step's limits are inclusive, and either may stand alone") {
    QaStep both{"v", "ok", QaStepKind::Measured, 3.7, 4.4, "V"};
    CHECK(both.within_limits(3.7));
    CHECK(both.within_limits(4.4));
    CHECK_FALSE(both.within_limits(3.69));
    CHECK_FALSE(both.within_limits(4.41));
    CHECK_FALSE(both.within_limits(std::nan("")));
    QaStep at_least{"r", "ok", QaStepKind::Measured, 1.0, std::nullopt, "MΩ"};
    CHECK(at_least.limits_text() == ">= 1 MΩ");
    CHECK(at_least.within_limits(1e6));
    CHECK_FALSE(at_least.within_limits(0.5));
    QaStep at_most{"i", "ok", QaStepKind::Measured, std::nullopt, 0.5, "mA"};
    CHECK(at_most.limits_text() == "<= 0.5 mA");
    CHECK(at_most.within_limits(-1));
    CHECK_FALSE(at_most.within_limits(0.51));
}

TEST_CASE("a QA checklist with a mistake is refused with its line and section") {
    REQUIRE(parse_policy(k_small, "p.toml"));
    struct Row {
        const char* what;
        std::string from, to;
        const char* message;
    };
    const Row rows[] = {
        {"unknown key in a step", "kind = \"pass_fail\"", "kind = \"pass_fail\"\ncolour = 1",
         "p.toml line 10: [qa.phone.steps 1] unknown key colour; known: text, expected, kind, "
         "low, high, unit"},
        {"unknown kind", "kind = \"pass_fail\"", "kind = \"looks_ok\"",
         "line 9: [qa.phone.steps 1] kind: unknown value \"looks_ok\"; it must be pass_fail, "
         "measured or photo"},
        {"no expected result", "expected = \"no dead pixel\"\n", "",
         "line 6: [qa.phone.steps 1] expected is missing"},
        {"no text", "text = \"Screen\"\n", "", "line 6: [qa.phone.steps 1] text is missing"},
        {"no kind", "kind = \"photo\"\n", "", "line 17: [qa.phone.steps 3] kind is missing"},
        {"low above high", "low = 3.7", "low = 4.7",
         "line 10: [qa.phone.steps 2] low 4.7 is above high 4.4"},
        {"measured without limits", "low = 3.7\nhigh = 4.4\n", "",
         "[qa.phone.steps 2] a measured step needs its limits"},
        {"measured without unit", "unit = \"V\"\n", "",
         "[qa.phone.steps 2] a measured step needs its unit"},
        {"a limit that is text", "high = 4.4", "high = \"4.4\"",
         "line 15: [qa.phone.steps 2] high must be a number"},
        {"limits on a photo step", "kind = \"photo\"", "kind = \"photo\"\nlow = 1",
         "[qa.phone.steps 3] low, high and unit are for measured steps; this one is photo"},
        {"unknown category", "[qa.phone]\n", "[qa.fone]\n",
         "line 4: [qa.fone] unknown category fone; the file defines: phone"},
        {"unknown checklist key", "title = \"Phone final test\"", "titel = \"x\"",
         "line 5: [qa.phone] unknown key titel; known: title, steps"},
        {"an empty text", "text = \"Screen\"", "text = \"\"",
         "line 7: [qa.phone.steps 1] text is empty"},
    };
    for (const auto& row : rows) {
        INFO(row.what);
        auto policy = parse_policy(replaced(k_small, row.from, row.to), "p.toml");
        REQUIRE_FALSE(policy);
        CHECK(policy.error().code == rs::ErrorCode::Invalid);
        CHECK_THAT(policy.error().message, Catch::Contains(row.message));
    }
}

TEST_CASE("a checklist without steps is refused") {
    std::string text = R"(version = "t1"
[categories.phone]
sku_prefixes = ["PX"]
[qa.phone]
title = "Phone final test"
)";
    auto policy = parse_policy(text, "p.toml");
    REQUIRE_FALSE(policy);
    CHECK_THAT(
        policy.error().message,
        Catch::Contains("line 4: [qa.phone] no [[qa.phone.steps]]: a checklist needs steps"));
    auto numbers = parse_policy(text + "steps = [1, 2]\n", "p.toml");
    REQUIRE_FALSE(numbers);
    CHECK_THAT(numbers.error().message,
               Catch::Contains("line 6: [qa.phone] steps must be a list of [[qa.phone.steps]] "
                               "tables"));
}

TEST_CASE("a checklist survives its JSON unchanged") {
    auto policy = parse_policy(example(), "examples/policy.toml");
    REQUIRE(policy);
    for (const auto& [category, checklist] : policy->qa) {
        INFO(category);
        auto json = checklist_to_json(checklist);
        auto back = checklist_from_json(nlohmann::json::parse(json.dump()));
        REQUIRE(back);
        CHECK(checklist_to_json(*back) == json);
        CHECK(back->steps.size() == checklist.steps.size());
    }
    CHECK_FALSE(checklist_from_json(nlohmann::json{{"steps", {{{"kind", "vibes"}}}}}));
    CHECK_FALSE(checklist_from_json(nlohmann::json::array()));
}
