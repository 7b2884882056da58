// Flash sessions against the simulated device: the refusals that come before any byte, a
// verified flash, and every fault ending in a recorded failed attempt.
#include <catch2/catch.hpp>

#include <filesystem>

#include "common/clock.h"
#include "common/store/database.h"
#include "common/store/migrations.h"
#include "devices/dfu/simulated_dfu_device.h"
#include "firmware/catalog.h"
#include "firmware/flash_session.h"
#include "firmware/schema.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/firmware/firmware_test_support.h"

using namespace rs;
using namespace rs::firmware;
namespace dfu = rs::devices::dfu;

namespace {

// Keeps what the session hands it, as the station's recorder would write it.
struct MemoryRecorder final : FlashRecorder {
    int begun = 0;
    std::vector<FlashOutcome> finished;
    Status begin(const FlashPlan&) override {
        ++begun;
        return {};
    }
    Status finish(const FlashPlan&, const FlashOutcome& outcome) override {
        finished.push_back(outcome);
        return {};
    }
};

struct SessionFixture {
    test::TempDir dir;
    store::Database db = test::firmware_store(dir.store("store.db"));
    ManualClock clock{1'700'000'000'000};
    FirmwareCatalog catalog{db, dir.file("images"), clock};
    std::string folder = dir.file("vendor");

    SessionFixture() {
        std::filesystem::create_directories(folder);
        add("watch-1.2.0.bin", test::firmware_image("1.2.0", 3000), "1.2.0", "", "Watch 4");
        add("watch-2.0.0.dfu",
            add_dfu_suffix(test::firmware_image("2.0.0", 5000),
                           {0x0200, 0x2002, 0x1209, 0x0100, 0}),
            "2.0.0", "1.5.0", "Watch 4");
        add("watch-1.8.0.bin", test::firmware_image("1.8.0", 2500), "1.8.0", "", "Watch 4");
        add("buds-3.1.0.dfu",
            add_dfu_suffix(test::firmware_image("3.1.0", 2000),
                           {0x0310, 0x3002, 0x1209, 0x0100, 0}),
            "3.1.0", "", "Buds 3");
        import();
    }
    nlohmann::json images = nlohmann::json::array();
    void add(const std::string& file, const std::string& bytes, const std::string& version,
             const std::string& floor, const std::string& model) {
        test::write_bytes(folder + "/" + file, bytes);
        images.push_back({{"file", file},
                          {"version", version},
                          {"floor_version", floor},
                          {"fits", {{{"model", model}}}}});
    }
    void import() {
        test::write_bytes(
            folder + "/firmware.json",
            nlohmann::json{
                {"vendor", "Acme"}, {"models", test::simulated_watch_models()}, {"images", images}}
                .dump());
        REQUIRE(catalog.import(folder));
    }
};

dfu::SimulatedDfuOptions watch(const std::string& version = "1.0.0") {
    dfu::SimulatedDfuOptions options;
    options.functional.transfer_size = 512;
    options.functional.manifestation_tolerant = true;
    options.firmware = "RSFW-VERSION=" + version + "\n";
    return options;
}

void nothing_sent(const dfu::SimulatedDfuDevice& device) {
    CHECK(device.requests(dfu::Request::Detach) == 0);
    CHECK(device.requests(dfu::Request::Download) == 0);
}

}  // namespace

TEST_CASE("A flash identifies the device, chooses the newest image and verifies it", "[firmware]") {
    SessionFixture fixture;
    dfu::SimulatedDfuDevice device(watch());
    FlashSession session(fixture.catalog, device);
    auto identity = session.identify();
    REQUIRE(identity);
    CHECK(identity->model == "Watch 4");
    CHECK(identity->revision == "B");
    CHECK(identity->version == "1.0.0");
    CHECK(identity->serial == "SIM-0001");
    auto plan = session.plan({});
    REQUIRE(plan);
    CHECK(plan->image.version == "2.0.0");
    MemoryRecorder recorder;
    std::size_t last = 0;
    auto outcome = session.flash(*plan, recorder,
                                 [&](const char* phase, std::size_t done, std::size_t) {
                                     if (std::string(phase) == "flash") last = done;
                                 },
                                 {});
    REQUIRE(outcome);
    INFO(outcome->message);
    CHECK(outcome->result == FlashResult::Succeeded);
    CHECK(outcome->before_version == "1.0.0");
    CHECK(outcome->after_version == "2.0.0");
    CHECK(outcome->verified_by == "read-back");
    CHECK(last == 5000);
    CHECK(recorder.begun == 1);
    REQUIRE(recorder.finished.size() == 1);
    CHECK(device.firmware() == test::firmware_image("2.0.0", 5000));
}

TEST_CASE("A device that cannot be read back is verified by the version it reports", "[firmware]") {
    SessionFixture fixture;
    auto options = watch();
    options.functional.can_upload = false;
    options.functional.manifestation_tolerant = false;
    dfu::SimulatedDfuDevice device(options);
    FlashSession session(fixture.catalog, device);
    auto plan = session.plan({"2.0.0", false});
    REQUIRE(plan);
    MemoryRecorder recorder;
    auto outcome = session.flash(*plan, recorder, {}, {});
    REQUIRE(outcome);
    CHECK(outcome->result == FlashResult::Succeeded);
    CHECK(outcome->verified_by == "reported version");
}

TEST_CASE("Refusals come before a byte is sent", "[firmware]") {
    SessionFixture fixture;
    SECTION("an image for another model, given as a file") {
        dfu::SimulatedDfuDevice device(watch());
        FlashSession session(fixture.catalog, device);
        auto plan = session.plan({fixture.folder + "/buds-3.1.0.dfu", false});
        REQUIRE_FALSE(plan);
        CHECK(plan.error().message.find("wrong model") != std::string::npos);
        CHECK(plan.error().message.find("Buds 3") != std::string::npos);
        nothing_sent(device);
    }
    SECTION("a device the catalog does not know") {
        auto options = watch();
        options.runtime_product_id = 0x7777;
        dfu::SimulatedDfuDevice device(options);
        FlashSession session(fixture.catalog, device);
        auto plan = session.plan({});
        REQUIRE_FALSE(plan);
        CHECK(plan.error().message.find("not a model the catalog knows") != std::string::npos);
        nothing_sent(device);
    }
    SECTION("a downgrade below the floor, even when downgrades are allowed") {
        dfu::SimulatedDfuDevice device(watch("2.0.0"));
        FlashSession session(fixture.catalog, device);
        auto plan = session.plan({"1.2.0", true});
        REQUIRE_FALSE(plan);
        CHECK(plan.error().message.find("below the lowest version allowed") != std::string::npos);
        CHECK(plan.error().message.find("1.5.0") != std::string::npos);
        nothing_sent(device);
    }
    SECTION("a downgrade below the running version unless asked") {
        // Floor 1.5.0: flashing 1.8.0 over 1.9.0 is a downgrade above the floor.
        dfu::SimulatedDfuDevice device(watch("1.9.0"));
        FlashSession session(fixture.catalog, device);
        auto plan = session.plan({"1.8.0", false});
        REQUIRE_FALSE(plan);
        CHECK(plan.error().message.find("--allow-downgrade") != std::string::npos);
        nothing_sent(device);
        CHECK(session.plan({"1.8.0", true}));
    }
    SECTION("a catalog file that changed since it was imported") {
        dfu::SimulatedDfuDevice device(watch());
        FlashSession session(fixture.catalog, device);
        auto image = fixture.catalog.images_for("Watch 4", "B");
        REQUIRE(image);
        std::string path = fixture.catalog.image_path(image->front());
        std::string changed = add_dfu_suffix(test::firmware_image("2.0.0", 5001),
                                             {0x0200, 0x2002, 0x1209, 0x0100, 0});
        test::write_bytes(path, changed);
        auto plan = session.plan({});
        REQUIRE_FALSE(plan);
        CHECK(plan.error().message.find("changed since it was imported") != std::string::npos);
        nothing_sent(device);
    }
    SECTION("a file that is not a catalog image") {
        dfu::SimulatedDfuDevice device(watch());
        FlashSession session(fixture.catalog, device);
        std::string stray = fixture.dir.file("stray.bin");
        test::write_bytes(stray, test::firmware_image("9.0.0", 100));
        auto plan = session.plan({stray, false});
        REQUIRE_FALSE(plan);
        CHECK(plan.error().message.find("not an image of the catalog") != std::string::npos);
        nothing_sent(device);
    }
}

TEST_CASE("Each fault of the device ends in a recorded failed attempt", "[firmware][fault]") {
    struct Case {
        dfu::SimulatedFault fault;
        const char* expected;
    };
    for (auto [fault, expected] : {Case{dfu::SimulatedFault::Stall, "DFU_CLRSTATUS sent"},
                                   Case{dfu::SimulatedFault::ErrorStatus, "errPROG"},
                                   Case{dfu::SimulatedFault::Disconnect, "left the bus"},
                                   Case{dfu::SimulatedFault::SlowPoll, "more than the"},
                                   Case{dfu::SimulatedFault::NewSerial, "did not come back"}}) {
        SessionFixture fixture;
        auto options = watch();
        options.fault = fault;
        options.fault_block = 3;
        options.fault_status = dfu::DeviceStatus::ErrProg;
        options.slow_poll_ms = 100000;
        dfu::SimulatedDfuDevice device(options);
        dfu::DfuDriverOptions limits;
        limits.max_poll = std::chrono::milliseconds(100);
        FlashSession session(fixture.catalog, device, limits);
        auto plan = session.plan({});
        REQUIRE(plan);
        MemoryRecorder recorder;
        auto outcome = session.flash(*plan, recorder, {}, {});
        REQUIRE(outcome);
        INFO(name_of(fault) << ": " << outcome->message);
        CHECK(outcome->result == FlashResult::Failed);
        CHECK((outcome->message + outcome->recovery).find(expected) != std::string::npos);
        CHECK(recorder.begun == 1);
        CHECK(recorder.finished.size() == 1);
    }
}

TEST_CASE("A cancelled flash is an aborted attempt and the device is idle", "[firmware]") {
    SessionFixture fixture;
    dfu::SimulatedDfuDevice device(watch());
    FlashSession session(fixture.catalog, device);
    auto plan = session.plan({});
    REQUIRE(plan);
    MemoryRecorder recorder;
    std::size_t sent = 0;
    auto outcome = session.flash(
        *plan, recorder, [&](const char*, std::size_t done, std::size_t) { sent = done; },
        [&] { return sent >= 1024; });
    REQUIRE(outcome);
    CHECK(outcome->result == FlashResult::Aborted);
    CHECK(outcome->recovery.find("DFU_ABORT sent") != std::string::npos);
    CHECK(device.state() == dfu::State::DfuIdle);
    CHECK(device.requests(dfu::Request::Abort) == 1);
    CHECK(recorder.finished.size() == 1);
}
