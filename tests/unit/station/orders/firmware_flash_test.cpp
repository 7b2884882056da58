// Firmware flashes recorded on repair orders: the attempt row before the first byte, its end,
// the audit rows and events, who may flash, and refusals that record nothing.
#include <catch2/catch.hpp>

#include <filesystem>

#include "firmware/dfu_file.h"
#include "station/orders/firmware_flash.h"
#include "station/orders/intake.h"
#include "tests/support/station_fixture.h"
#include "tests/unit/firmware/firmware_test_support.h"

using namespace rs;
using namespace rs::station;

namespace {

struct FlashFixture : test::StationFixture {
    std::string order;
    firmware::FirmwareCatalog catalog{store->db(), dir.file("station.db.firmware"), clock};

    FlashFixture() {
        import({test::rma_json(1, "1Z999AA10123456784")});
        auto session = IntakeSession::start(*store, warehouse);
        REQUIRE(session);
        auto received = session->scan(Scan{"test", "1Z999AA10123456784", "", 0});
        REQUIRE(received);
        order = received->order_numbers.at(0);
        std::string folder = dir.file("vendor");
        std::filesystem::create_directories(folder);
        test::write_bytes(folder + "/watch-2.0.0.dfu",
                          firmware::add_dfu_suffix(test::firmware_image("2.0.0", 4000), {}));
        test::write_bytes(folder + "/firmware.json",
                          nlohmann::json{{"models", test::simulated_watch_models()},
                                         {"images",
                                          {{{"file", "watch-2.0.0.dfu"},
                                            {"version", "2.0.0"},
                                            {"floor_version", "1.5.0"},
                                            {"fits", {{{"model", "Watch 4"}}}}}}}}
                              .dump());
        REQUIRE(catalog.import(folder));
    }

    Result<FlashOrderResult> flash(const std::string& device, const std::string& who,
                                   std::function<bool()> cancel = {}) {
        return flash_order_device(*store, catalog, {order, who, device, {}, false}, {},
                                  std::move(cancel));
    }
};

}  // namespace

TEST_CASE_METHOD(FlashFixture, "A successful flash is on the order with versions, hash and who",
                 "[firmware]") {
    auto outbox_before = count("outbox");
    auto result = flash("sim:?version=1.0.0&tolerant=1&transfer=512", technician);
    REQUIRE(result);
    REQUIRE(result->outcome);
    CHECK(result->outcome->result == firmware::FlashResult::Succeeded);
    auto attempts = flash_attempts(*store, order);
    REQUIRE(attempts);
    REQUIRE(attempts->size() == 1);
    const FlashAttempt& attempt = attempts->front();
    CHECK(attempt.result_text() == "succeeded");
    CHECK(attempt.before_version == "1.0.0");
    CHECK(attempt.after_version == "2.0.0");
    CHECK(attempt.operator_id == technician);
    CHECK(attempt.image_sha256 == result->plan.image.sha256);
    CHECK(attempt.verified_by == "read-back");
    CHECK(attempt.finished_ms);
    CHECK(count("outbox") == outbox_before + 2);
    auto event = store->db().prepare("SELECT type, payload FROM outbox ORDER BY seq DESC LIMIT 1");
    REQUIRE(event);
    REQUIRE(event->step().value());
    CHECK(event->text(0) == "repair_order.firmware_flashed");
    auto payload = nlohmann::json::parse(event->text(1));
    CHECK(payload["result"] == "succeeded");
    CHECK(payload["after_version"] == "2.0.0");
    CHECK(payload["repair_order"] == order);
    CHECK(payload["rma_id"] == "plat-1");
}

TEST_CASE_METHOD(FlashFixture, "A failed flash is recorded with what was done to the device",
                 "[firmware][fault]") {
    auto result = flash("sim:?fault=status&status=errVERIFY&block=2&transfer=512", technician);
    REQUIRE(result);
    CHECK(result->outcome->result == firmware::FlashResult::Failed);
    auto attempts = flash_attempts(*store, order);
    REQUIRE(attempts);
    REQUIRE(attempts->size() == 1);
    CHECK(attempts->front().result == "failed");
    CHECK(attempts->front().message.find("errVERIFY") != std::string::npos);
    CHECK(attempts->front().recovery.find("DFU_CLRSTATUS sent") != std::string::npos);
    CHECK(attempts->front().bytes_sent == 1024);
}

TEST_CASE_METHOD(FlashFixture, "An attempt is on the record before the first byte is sent",
                 "[firmware]") {
    // Cancel as the first block is about to go: by then the row must already be there.
    bool row_was_there = false;
    auto result = flash("sim:?transfer=512", technician, [&] {
        auto started = store->db().query_one<std::int64_t>(
            "SELECT count(*) FROM firmware_flashes WHERE result = 'started' AND finished_ms IS "
            "NULL");
        row_was_there = started && started->value_or(0) == 1;
        return true;
    });
    REQUIRE(result);
    CHECK(row_was_there);
    CHECK(result->outcome->result == firmware::FlashResult::Aborted);
    auto attempts = flash_attempts(*store, order);
    REQUIRE(attempts);
    CHECK(attempts->front().result_text() == "aborted");
}

TEST_CASE_METHOD(FlashFixture, "Who may flash, and refusals that record nothing", "[firmware]") {
    auto by_warehouse = flash("sim:", warehouse);
    REQUIRE_FALSE(by_warehouse);
    auto downgrade = flash("sim:?version=3.0.0", technician);
    REQUIRE_FALSE(downgrade);
    CHECK(downgrade.error().message.find("nothing was sent") != std::string::npos);
    auto unknown =
        flash_order_device(*store, catalog, {"RO-999999X", technician, "sim:", {}, false}, {}, {});
    REQUIRE_FALSE(unknown);
    CHECK(count("firmware_flashes") == 0);
    auto dry = flash_order_device(*store, catalog, {order, technician, "sim:", {}, true}, {}, {});
    REQUIRE(dry);
    CHECK_FALSE(dry->outcome);
    CHECK(count("firmware_flashes") == 0);
}

TEST_CASE("A started attempt that never finished reads as did not finish", "[firmware]") {
    FlashAttempt attempt;
    attempt.result = "started";
    CHECK(attempt.result_text() == "did not finish");
}
