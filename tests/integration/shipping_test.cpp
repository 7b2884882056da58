// Shipping through real sockets: waybill numbers from the reference platform into the pool,
// `station ship` printing on the printer emulator program, the label read back by zbar after an
// independent renderer drew it, and the shipped event accepted by the platform.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <filesystem>

#include "tests/support/emulator_process.h"
#include "tests/support/label_check.h"
#include "tests/support/platform_fixture.h"
#include "tests/support/station_cli.h"
#include "tests/support/text.h"

using nlohmann::json;
using rs::test::contains;

namespace {

struct ShippingStation : rs::test::StationCli {
    rs::test::EmulatorProcess printer{EMULATOR_BINARY};

    void connect(const std::string& platform_url) const {
        write_config(fmt::format(
            "[platform]\nurl = \"{}\"\ntoken = \"{}\"\nretry_initial_ms = 20\n"
            "retry_max_ms = 200\n"
            "[policy]\nfile = \"{}\"\n"
            "[printers]\ndefault = \"emu\"\n"
            "[[printers.device]]\nname = \"emu\"\ndriver = \"tcp\"\naddress = "
            "\"127.0.0.1:{}\"\n"
            "[labels]\nsender_name = \"Repair Center\"\nsender_phone = \"+86 755 8600 1234\"\n"
            "sender_address = \"518057 Shenzhen\"\n",
            platform_url, rs::test::k_station_token, rs::test::example_file("policy.toml"),
            printer.port));
    }

    // A warranty repair of the demo RMAs carried to ready_to_ship and handed to the warehouse.
    std::string ready_order(const std::string& scan) const {
        std::string order = start_repair(scan);
        pass_qa(order);
        ok({"orders", "handover", order, "--to", rs::test::k_warehouse_badge, "--reason",
            "to shipping", "--operator", rs::test::k_technician_badge});
        return order;
    }

    rs::test::ProcessResult ok(std::vector<std::string> args) const {
        auto done = run(args);
        INFO(args[0] << ": " << done.out << done.err);
        REQUIRE(done.exit_code == 0);
        return done;
    }
};

}  // namespace

TEST_CASE(
    "station ship: a number from the platform's range, the label read back, the event "
    "accepted") {
    ShippingStation station;
    rs::test::TestPlatform platform(station.dir(), 0);
    // The platform holds the RMAs the station imports, so it takes their orders' events.
    auto demo = json::parse(rs::test::read_text(rs::test::example_file("demo-rmas.json")));
    REQUIRE(platform.store->upsert_rmas(demo["rmas"].get<std::vector<json>>()));
    station.connect(platform.url());
    station.prepare();
    std::string order = station.ready_order("SF1402398761234");

    // Nothing in the pool and told not to ask: refused, nothing changes.
    auto status = station.ok({"sync", "status"});
    CHECK(contains(status.out, "SF Express: 0 free, 0 used: EMPTY"));
    auto empty = station.run({"ship", order, "--weight", "0.45", "--offline"});
    CHECK(empty.exit_code != 0);
    CHECK(contains(empty.err, "no SF Express waybill number is left"));
    CHECK(station.texts("SELECT state FROM repair_orders WHERE number = '" + order + "'") ==
          std::vector<std::string>{"ready_to_ship"});
    CHECK(station.count("print_jobs") == 0);

    auto refilled = station.ok({"waybills", "refill"});
    CHECK(contains(refilled.out, "40 SF Express waybill numbers added"));
    CHECK(contains(refilled.out, "40 UPS waybill numbers added"));

    auto shipped = station.ok({"ship", order, "--weight", "0.45", "--wait", "20"});
    auto tracking = station.texts("SELECT tracking_number FROM shipments");
    REQUIRE(tracking.size() == 1);
    CHECK(contains(shipped.out, tracking[0]));
    CHECK(contains(shipped.out, "freight paid by the center"));
    CHECK(station.printer.printed() == 2);  // the return label and the packing slip

    // The label as the printer received it, drawn by zpl-renderer-js and read by zbar.
    std::string labels_dir = station.printer.dir.file("labels");
    std::vector<rs::test::RenderJob> jobs;
    for (const auto& entry : std::filesystem::directory_iterator(labels_dir))
        jobs.push_back({entry.path().string(), entry.path().string() + ".png", 101.6, 152.4, 8});
    REQUIRE(jobs.size() == 2);
    REQUIRE(rs::test::render_zpl(jobs) == "");
    std::vector<std::string> read;
    for (const auto& job : jobs)
        for (const auto& code : rs::test::zbarimg_decode(job.png_path))
            read.push_back(code);
    CHECK(std::count(read.begin(), read.end(), tracking[0]) == 1);
    CHECK(std::count(read.begin(), read.end(), order) == 1);  // the packing slip's

    // The shipped event goes to the platform, which checks it against its schema.
    station.ok({"sync", "run"});
    auto events = platform.store->events("", 1000);
    REQUIRE(events);
    bool found = false;
    for (const auto& event : *events)
        if (event["type"] == "repair_order.shipped") {
            found = true;
            CHECK(event["payload"]["tracking_number"] == tracking[0]);
            CHECK(event["payload"]["weight_g"] == 450);
            CHECK(event["payload"]["contents"].size() >= 1);
        }
    CHECK(found);
    CHECK(contains(station.ok({"sync", "status"}).out, "SF Express: 39 free, 1 used"));

    // End of the day: the carrier's manifest, its page read back by zbar, the handover published.
    auto closed = station.ok({"manifest", "close", "--carrier", "SF Express", "--wait", "20"});
    CHECK(contains(closed.out, "SF Express manifest 1: 1 parcels"));
    CHECK(station.printer.printed() == 3);
    std::string page;
    for (const auto& entry : std::filesystem::directory_iterator(labels_dir))
        if (entry.path().extension() == ".zpl" &&
            contains(rs::test::read_text(entry.path().string()), "MANIFEST"))
            page = entry.path().string();
    REQUIRE_FALSE(page.empty());
    REQUIRE(rs::test::render_zpl({{page, page + ".png", 101.6, 152.4, 8}}) == "");
    auto on_page = rs::test::zbarimg_decode(page + ".png");
    CHECK(std::count(on_page.begin(), on_page.end(), tracking[0]) == 1);
    auto pickup = station.run(
        {"manifest", "check", "--carrier", "SF Express", tracking[0], "SF499999999999"});
    CHECK(pickup.exit_code == 3);
    CHECK(contains(pickup.out, "on manifest 1: ok"));
    CHECK(contains(pickup.out, "not a parcel this station shipped"));
    station.ok({"sync", "run"});
    auto after = platform.store->events("", 1000);
    REQUIRE(after);
    CHECK(std::any_of(after->begin(), after->end(), [&](const json& event) {
        return event["type"] == "repair_order.manifested" &&
               event["payload"]["tracking_number"] == tracking[0];
    }));
}

TEST_CASE("a malformed waybill answer keeps nothing; an unreachable platform ships from the pool") {
    ShippingStation station;
    rs::test::TestPlatform platform(station.dir(), 0, {.malformed_rate = 1.0});
    station.connect(platform.url());
    station.prepare();
    auto refused = station.run({"waybills", "refill", "--carrier", "SF Express", "--count", "5"});
    CHECK(refused.exit_code != 0);
    CHECK(contains(refused.err, "malformed"));
    CHECK(station.count("waybill_pool") == 0);

    platform.start();  // answers properly again
    station.ok({"waybills", "refill", "--carrier", "SF Express", "--count", "1"});
    platform.stop();  // out of reach while shipping: the pool's number is used
    std::string order = station.ready_order("SF1402398761234");
    auto shipped = station.run({"ship", order, "--weight", "1.2", "--wait", "20"});
    INFO(shipped.out << shipped.err);
    CHECK(shipped.exit_code == 0);
    CHECK(contains(shipped.err, "waybill pool not refilled"));
    CHECK(contains(shipped.out, "0 SF Express waybill numbers left"));
    CHECK(station.count("shipments") == 1);
}
