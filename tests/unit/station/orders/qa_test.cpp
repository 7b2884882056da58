// QA of a repaired order: the checklist recorded when QA starts, results checked against each
// step's kind and limits, a failed check back to repair with its reason, first-pass yield, and
// the repair report the qa_passed event carries.
#include <catch2/catch.hpp>

#include "labels/print/text_raster.h"
#include "station/orders/qa.h"
#include "station/orders/repair_report.h"
#include "tests/support/parts_fixture.h"
#include "tests/support/qa_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {

struct QaFixture : test::PartsFixture {
    // A warranty repair in in_repair whose screen was replaced (lot L7, consumed).
    std::string repaired_order() {
        receive(fmt::format("(01){}(10)L7", test::k_screen_gtin), 1);
        std::string order = diagnosed_order();
        REQUIRE(move_order(*store, {order, OrderState::InRepair, technician, ""}));
        REQUIRE(reserve(order, test::k_screen));
        REQUIRE(pick_order_part(*store, order, bin, test::k_screen_gtin, technician));
        REQUIRE(consume_order_parts(*store, order, technician));
        return order;
    }

    Result<QaResult> record(const std::string& order, int step, std::optional<bool> passed,
                            std::string value = "", std::string photo = "", std::string note = "") {
        return record_qa_result(*store, {order, step, passed, std::move(value), std::move(photo),
                                         std::move(note), technician});
    }

    QaAttempt latest(const std::string& order) {
        auto attempts = qa_attempts(*store, order);
        REQUIRE(attempts);
        REQUIRE_FALSE(attempts->empty());
        return attempts->back();
    }

    // Every step of the phone checklist but the last (the photo) passed.
    void pass_all_but_photo(const std::string& order) {
        REQUIRE(record(order, 1, true));
        REQUIRE(record(order, 2, true));
        REQUIRE(record(order, 3, std::nullopt, "3.92"));
        REQUIRE(record(order, 4, std::nullopt, "1.8"));
        REQUIRE(record(order, 5, true));
    }
};

}  // namespace

TEST_CASE_METHOD(QaFixture,
                 "QA starts with the checklist in force, kept whatever the policy "
                 "says later") {
    std::string order = repaired_order();
    auto started = start_qa(*store, {order, technician, {"R10"}, "screen replaced"});
    INFO((started ? "" : started.error().message));
    REQUIRE(started);
    CHECK(state(order) == OrderState::Qa);
    CHECK(started->attempt == 1);
    CHECK(started->category == "phone");
    CHECK(started->policy_version == "2026.11-3");
    REQUIRE(started->checklist.steps.size() == 6);
    CHECK(started->repair_codes == std::vector<std::string>{"R10"});
    auto repaired = last_event("repair_order.repaired");
    CHECK(repaired["qa"]["attempt"] == 1);
    CHECK(repaired["qa"]["steps"] == 6);
    CHECK(repaired["qa"]["policy_version"] == "2026.11-3");

    // A new policy with a shorter phone checklist: the order keeps the one it started with.
    std::string changed = test::example_text("policy.toml");
    changed.replace(changed.find("version = \"2026.11-3\""), 21, "version = \"2026.12-1\"");
    changed.replace(changed.find("title = \"Phone final test\""), 26, "title = \"Phone v2\"");
    REQUIRE(load_policy(*store, changed, "policy.toml", "system"));
    QaAttempt kept = latest(order);
    CHECK(kept.checklist.title == "Phone final test");
    CHECK(kept.policy_version == "2026.11-3");
    CHECK(kept.checklist.steps.size() == 6);

    auto twice = start_qa(*store, {order, technician, {}, ""});
    REQUIRE_FALSE(twice);
    CHECK_THAT(twice.error().message, Catch::Contains("QA attempt 1 is open"));
}

TEST_CASE_METHOD(QaFixture, "QA refuses what it cannot check") {
    std::string order = repaired_order();
    auto bad_code = start_qa(*store, {order, technician, {"R99"}, ""});
    REQUIRE_FALSE(bad_code);
    CHECK_THAT(bad_code.error().message, Catch::Contains("R99 is not a repair code of category "
                                                         "phone"));
    CHECK(state(order) == OrderState::InRepair);  // nothing moved
    auto not_started = record(order, 1, true);
    REQUIRE_FALSE(not_started);
    CHECK_THAT(not_started.error().message, Catch::Contains("station qa start " + order));
    auto by_warehouse = start_qa(*store, {order, warehouse, {}, ""});
    REQUIRE_FALSE(by_warehouse);  // a technician's or supervisor's step

    std::string other = repaired_order();
    REQUIRE(start_qa(*store, {order, technician, {}, ""}));
    REQUIRE(start_qa(*store, {other, technician, {}, ""}));
    std::string photo_of_other = test::qa_photo(*this, other);
    struct Row {
        const char* what;
        int step;
        std::optional<bool> passed;
        std::string value, photo, message;
    };
    const Row rows[] = {
        {"no step 0", 0, true, "", "", "the checklist has steps 1 to 6; there is no step 0"},
        {"no step 7", 7, true, "", "", "there is no step 7"},
        {"pass/fail without a verdict", 1, std::nullopt, "", "", "give --pass or --fail"},
        {"pass/fail with a value", 1, true, "3", "", "is pass/fail: give --pass or --fail, not"},
        {"measured without a value", 3, std::nullopt, "", "", "is measured: give --value in V"},
        {"measured with a verdict", 3, true, "3.9", "", "its limits (3.7..4.4 V) decide"},
        {"measured not a number", 3, std::nullopt, "3,9", "", "\"3,9\" is not a number"},
        {"measured with a unit typed", 3, std::nullopt, "3.9V", "", "\"3.9V\" is not a number"},
        {"photo step without a photo", 6, std::nullopt, "", "", "needs a photo of " + order},
        {"a photo of another order", 6, std::nullopt, "", photo_of_other,
         "is not a photo of " + order},
    };
    for (const auto& row : rows) {
        INFO(row.what);
        auto recorded = record(order, row.step, row.passed, row.value, row.photo);
        REQUIRE_FALSE(recorded);
        CHECK(recorded.error().code == ErrorCode::Invalid);
        CHECK_THAT(recorded.error().message, Catch::Contains(row.message));
    }
    CHECK(latest(order).missing_steps().size() == 6);  // nothing was kept
}

TEST_CASE_METHOD(QaFixture, "a measured value passes only within its limits, both inclusive") {
    std::string order = repaired_order();
    REQUIRE(start_qa(*store, {order, technician, {}, ""}));
    const std::pair<const char*, bool> values[] = {{"3.69", false}, {"3.7", true}, {"4.4", true},
                                                   {"4.41", false}, {"-1", false}, {"3.92", true}};
    for (const auto& [value, passes] : values) {
        INFO(value);
        auto recorded = record(order, 3, std::nullopt, value);
        REQUIRE(recorded);
        CHECK(recorded->passed == passes);
        CHECK(recorded->value == value);
    }
    QaAttempt attempt = latest(order);
    REQUIRE(attempt.results[2]);
    CHECK(attempt.results[2]->value == "3.92");  // recording again replaced the result
    CHECK(attempt.results[2]->passed);
    // Every recording stays in the audit log.
    CHECK(
        store->db()
            .query_one<std::int64_t>("SELECT count(*) FROM audit_log WHERE action = 'qa.recorded'")
            .value()
            .value_or(0) == 6);
}

TEST_CASE_METHOD(QaFixture,
                 "QA passes only when every step passed; qa_passed carries the "
                 "repair report") {
    std::string order = repaired_order();
    REQUIRE(start_qa(*store, {order, technician, {"R10"}, ""}));
    pass_all_but_photo(order);

    auto early = finish_qa(*store, order, technician, "");
    REQUIRE_FALSE(early);
    CHECK(early.error().code == ErrorCode::Conflict);
    CHECK_THAT(early.error().message, Catch::Contains("has no result for step 6"));
    auto bare = move_order(*store, {order, OrderState::ReadyToShip, technician, ""});
    REQUIRE_FALSE(bare);
    CHECK_THAT(bare.error().message, Catch::Contains("no result: step 6"));
    CHECK(state(order) == OrderState::Qa);

    std::string photo = test::qa_photo(*this, order);
    REQUIRE(record(order, 6, std::nullopt, "", photo));
    auto finished = finish_qa(*store, order, technician, "");
    INFO((finished ? "" : finished.error().message));
    REQUIRE(finished);
    CHECK(finished->order.state == OrderState::ReadyToShip);
    CHECK(finished->attempt.outcome == QaOutcome::Passed);
    auto yield = qa_yield(*store, finished->attempt.order_id);
    REQUIRE(yield);
    CHECK(yield->attempts == 1);
    CHECK(yield->first_pass);

    auto event = last_event("repair_order.qa_passed");
    CHECK(event["qa"]["first_pass"] == true);
    CHECK(event["qa"]["attempts"] == 1);
    const auto& report = event["repair_report"];
    CHECK(report["repair_order"] == order);
    CHECK(report["diagnosis"]["defect"] == "D02");
    CHECK(report["diagnosis"]["symptom"] == "S110");
    CHECK(report["repair_codes"] == nlohmann::json{"R10"});
    REQUIRE(report["parts"].size() == 1);
    CHECK(report["parts"][0]["sku"] == test::k_screen);
    CHECK(report["parts"][0]["lot"] == "L7");
    CHECK(report["parts_cost"] == 2500);
    CHECK(report["qa"]["first_pass"] == true);
    const auto& steps = report["qa"]["latest"]["steps"];
    REQUIRE(steps.size() == 6);
    for (const auto& step : steps)
        CHECK(step["result"] == "pass");
    CHECK(steps[2]["value"] == "3.92");
    CHECK(steps[2]["limits"] == "3.7..4.4 V");
    CHECK(steps[5]["photo"] == photo);
    REQUIRE(report["photos"].size() == 1);
    CHECK(report["photos"][0]["stage"] == "qa");
    CHECK_FALSE(report.contains("firmware"));  // never flashed

    // The report as people read it and as the label pages print it.
    auto lines = repair_report_lines(report);
    auto has = [&](const std::string& text) {
        return std::any_of(lines.begin(), lines.end(),
                           [&](const std::string& line) { return line.find(text) != line.npos; });
    };
    CHECK(has("defect D02"));
    CHECK(has("Repair: R10"));
    CHECK(has("Part " + test::k_screen + " x1 lot L7 @ 25.00"));
    CHECK(has("QA Phone final test attempt 1 of 1: passed, first pass"));
    CHECK(has("[PASS] 3. Battery voltage at the connector, charger unplugged 3.92 V (3.7..4.4 V)"));
    auto pages = repair_report_pages(report);
    REQUIRE_FALSE(pages.empty());
    CHECK(pages[0]["repair_order"] == order);
    std::size_t body = 0;
    for (const auto& page : pages)
        body += page["lines"].size();
    CHECK(body + 1 == lines.size());  // every line but the header, on some page
}

TEST_CASE_METHOD(QaFixture,
                 "a failed check sends the order back to repair with its reason; the "
                 "second attempt is no first pass") {
    std::string order = repaired_order();
    REQUIRE(start_qa(*store, {order, technician, {}, ""}));
    REQUIRE(record(order, 1, true));
    auto low = record(order, 3, std::nullopt, "3.41");
    REQUIRE(low);
    CHECK_FALSE(low->passed);
    // A failed step ends QA even before every step has its result.
    auto failed = finish_qa(*store, order, technician, "battery swollen");
    INFO((failed ? "" : failed.error().message));
    REQUIRE(failed);
    CHECK(failed->order.state == OrderState::InRepair);
    CHECK(failed->attempt.outcome == QaOutcome::Failed);
    CHECK_THAT(failed->attempt.reason,
               Catch::Contains("step 3 (Battery voltage at the connector, charger unplugged): "
                               "3.41 V (expected 3.7..4.4 V)"));
    CHECK_THAT(failed->attempt.reason, Catch::Contains("battery swollen"));
    auto event = last_event("repair_order.qa_failed");
    CHECK(event["to"] == "in_repair");
    CHECK(event["reason"] == failed->attempt.reason);
    CHECK(event["qa"]["failed_steps"] == nlohmann::json{3});
    auto no_record = record(order, 1, true);  // the attempt is closed
    REQUIRE_FALSE(no_record);

    auto second = start_qa(*store, {order, technician, {"R30"}, "battery replaced"});
    REQUIRE(second);
    CHECK(second->attempt == 2);
    CHECK(second->missing_steps().size() == 6);  // a new attempt starts from nothing
    test::pass_every_step(*this, order);
    auto passed = finish_qa(*store, order, technician, "");
    REQUIRE(passed);
    CHECK(passed->order.state == OrderState::ReadyToShip);
    auto yield = qa_yield(*store, second->order_id);
    REQUIRE(yield);
    CHECK(yield->attempts == 2);
    CHECK(yield->passed);
    CHECK_FALSE(yield->first_pass);
    auto qa_passed = last_event("repair_order.qa_passed");
    CHECK(qa_passed["qa"]["first_pass"] == false);
    CHECK(qa_passed["qa"]["attempts"] == 2);
    CHECK(qa_passed["repair_report"]["repair_codes"] == nlohmann::json{"R30"});
    auto attempts = qa_attempts(*store, order);
    REQUIRE(attempts);
    REQUIRE(attempts->size() == 2);
    CHECK(attempts->at(0).outcome == QaOutcome::Failed);
    CHECK(attempts->at(1).outcome == QaOutcome::Passed);
}

TEST_CASE_METHOD(QaFixture, "a move from qa back to repair always says why") {
    std::string order = repaired_order();
    REQUIRE(start_qa(*store, {order, technician, {}, ""}));
    auto silent = move_order(*store, {order, OrderState::InRepair, technician, ""});
    REQUIRE_FALSE(silent);
    CHECK_THAT(silent.error().message, Catch::Contains("say why it goes back to repair"));
    REQUIRE(move_order(*store, {order, OrderState::InRepair, technician, "rattles when shaken"}));
    CHECK(last_event("repair_order.qa_failed")["reason"] == "rattles when shaken");
    CHECK(latest(order).outcome == QaOutcome::Failed);
    CHECK(latest(order).reason == "rattles when shaken");
}

TEST_CASE_METHOD(QaFixture, "an order whose category has no checklist moves through QA as before") {
    std::string small = R"(version = "no-qa"
[categories.phone]
sku_prefixes = ["PX"]
)";
    std::string order = repaired_order();
    REQUIRE(load_policy(*store, small, "small.toml", "system"));
    auto refused = start_qa(*store, {order, technician, {}, ""});
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message,
               Catch::Contains("policy no-qa has no QA checklist for category phone"));
    REQUIRE(move_order(*store, {order, OrderState::Qa, technician, ""}));
    REQUIRE(move_order(*store, {order, OrderState::ReadyToShip, technician, ""}));
    auto event = last_event("repair_order.qa_passed");
    CHECK(event["repair_report"]["repair_order"] == order);
    CHECK_FALSE(event["repair_report"]["qa"].contains("latest"));
    CHECK(event["qa"]["attempts"] == 0);
}

TEST_CASE_METHOD(QaFixture, "the repair report pages print on the repair-report template") {
    std::string order = repaired_order();
    test::pass_qa(*this, order);
    auto found = require_order(*store, order, "test");
    REQUIRE(found);
    auto report = repair_report(*store, *found);
    REQUIRE(report);
    labels::TemplateContext context;
    auto raster = labels::TextRaster::open();
    REQUIRE(raster);
    context.text.raster = *raster;
    auto jobs = print_repair_report(*store, {order, technician, "desk", context});
    INFO((jobs ? "" : jobs.error().message));
    REQUIRE(jobs);
    REQUIRE(jobs->size() == repair_report_pages(*report).size());
    CHECK(jobs->at(0).template_name == "repair-report");
    CHECK(jobs->at(0).zpl.find("^BC") != std::string::npos);  // the order as Code 128
    auto no_printer = print_repair_report(*store, {order, technician, "", context});
    REQUIRE_FALSE(no_printer);
}
