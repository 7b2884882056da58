// The kill harness over every durable command of the station: each is SIGKILLed at random moments
// (and at chosen points), the store checked, the command run again, and what its input asked for
// counted: nothing lost, nothing twice. KILL_RUNS=200 for the offline run (tests/kill/README.md).
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <fmt/format.h>
#include <signal.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "tests/kill/kill_harness.h"
#include "tests/kill/store_invariants.h"
#include "tests/support/emulator_process.h"
#include "tests/support/firmware_vendor.h"
#include "tests/support/platform_fixture.h"
#include "tests/support/station_cli.h"
#include "tests/support/station_fixture.h"
#include "tools/platform/seed_data.h"

using namespace std::chrono_literals;
using namespace rs;
using test::KillHarness;
using test::StationCommand;

namespace {

// The inbound tracking number of generated RMA n (0-based; tools/platform/seed_data.h).
std::string tracking(int n) {
    return fmt::format("SF{:013}", 1402398000000LL + 27000001 + n);
}

// `count` generated RMAs in a file `station rma import` reads.
std::string rma_file(const test::StationCli& station, int count) {
    std::string path = station.file("rmas.json");
    std::ofstream(path) << nlohmann::json{{"rmas", platform::generated_rmas(count)}}.dump();
    return path;
}

// The store checked by the one invariant checker; what breaks is counted and shown.
void check(KillHarness& harness, const std::string& platform_db = "") {
    harness.broken(test::check_store(harness.station().db(), platform_db));
}

// The command must end well when run again after a kill.
void run_to_end(KillHarness& harness, const StationCommand& command,
                std::vector<int> expected = {0}) {
    auto result = harness.run(command);
    if (std::find(expected.begin(), expected.end(), result.exit_code) == expected.end())
        harness.broken({fmt::format("`{}` run again exited {}: {}{}", command.args[0],
                                    result.exit_code, result.out, result.err)});
}

// How many times each text is in `rows`.
std::map<std::string, int> tally_of(const std::vector<std::string>& rows) {
    std::map<std::string, int> counts;
    for (const auto& row : rows)
        ++counts[row];
    return counts;
}

// Each of `wanted` exactly once in `counts`; the rest are findings.
void exactly_once(KillHarness& harness, const std::map<std::string, int>& counts,
                  const std::vector<std::string>& wanted, const std::string& what) {
    for (const auto& key : wanted) {
        auto found = counts.find(key);
        int n = found == counts.end() ? 0 : found->second;
        if (n == 0) harness.lost(fmt::format("{} {}", what, key));
        if (n > 1) harness.duplicated(fmt::format("{} {} x{}", what, key, n));
    }
}

void finish(KillHarness& harness) {
    const auto& tally = harness.tally();
    tally.report();
    INFO("seed " << harness.seed() << "; findings: " << tally.findings.size());
    for (const auto& finding : tally.findings)
        UNSCOPED_INFO(finding);
    CHECK(tally.lost == 0);
    CHECK(tally.duplicated == 0);
    CHECK(tally.broken == 0);
    CHECK(tally.kills > 0);  // the kills landed while the command ran, not only after
}

}  // namespace

TEST_CASE("intake from standard input, SIGKILLed at random: every parcel one order") {
    const int kills = test::kill_runs(12);
    const int rounds = test::kill_rounds(kills);
    const int parcels = 50;  // per round
    test::StationCli station;
    station.add_people();
    station.import_rmas(rma_file(station, (rounds + 1) * parcels));
    KillHarness harness(station, "intake");
    auto round = [&](int r) {
        StationCommand command{{"intake", "-"}, test::k_warehouse_badge + "\n"};
        for (int n = r * parcels; n < (r + 1) * parcels; ++n)
            command.input += tracking(n) + "\n";
        return command;
    };
    harness.calibrate(round(0));
    harness.calibrate_idle({{"intake", "-"}, test::k_warehouse_badge + "\n"});
    int r = 1;
    for (; r <= rounds && harness.wants_more(kills); ++r) {
        auto before = station.count("repair_orders");
        if (r % 3 == 2) {
            // A chosen point: some of the round's parcels are orders, the rest not yet.
            int target = harness.pick(1, parcels - 1);
            harness.kill_when(round(r),
                              [&] { return station.count("repair_orders") - before >= target; });
        } else {
            harness.kill_at_random(round(r));
        }
        auto made = station.count("repair_orders") - before;
        harness.landed("midway", made > 0 && made < parcels);
        check(harness);
        run_to_end(harness, round(r));
        check(harness);
    }
    std::vector<std::string> sent;
    for (int n = 0; n < r * parcels; ++n)
        sent.push_back(tracking(n));
    exactly_once(harness, tally_of(station.texts("SELECT arrival_scan FROM repair_orders")), sent,
                 "parcel");
    finish(harness);
}

TEST_CASE("orders move, SIGKILLed at random: each state change once, with its audit and event") {
    const int kills = test::kill_runs(8);
    const int rounds = test::kill_rounds(kills);
    test::StationCli station;
    station.add_people();
    station.import_rmas(rma_file(station, rounds + 1));
    std::string scans = test::k_warehouse_badge + "\n";
    for (int n = 0; n <= rounds; ++n)
        scans += tracking(n) + "\n";
    REQUIRE(station.run({"intake", "-"}, scans).exit_code == 0);
    KillHarness harness(station, "orders-move");
    // Round r's order, handed to the technician (the first person who takes a case owns it).
    auto order = [&](int r) {
        auto number = station
                          .texts("SELECT number FROM repair_orders WHERE arrival_scan = '" +
                                 tracking(r) + "'")
                          .at(0);
        auto handed =
            station.run({"orders", "handover", number, "--to", test::k_technician_badge, "--reason",
                         "to the bench", "--operator", test::k_warehouse_badge});
        REQUIRE(handed.exit_code == 0);
        return number;
    };
    auto move = [](const std::string& number) {
        return StationCommand{
            {"orders", "move", number, "inspected", "--operator", test::k_technician_badge}, ""};
    };
    auto state = [&](const std::string& number) {
        return station.texts("SELECT state FROM repair_orders WHERE number = '" + number + "'")
            .at(0);
    };
    harness.calibrate(move(order(0)));
    harness.calibrate_idle({{"orders", "show", "RO-000001O"}, ""});
    std::vector<std::string> moved;
    for (int r = 1; r <= rounds && harness.wants_more(kills); ++r) {
        moved.push_back(order(r));
        harness.kill_at_random(move(moved.back()));
        check(harness);
        if (state(moved.back()) == "received") run_to_end(harness, move(moved.back()));
        check(harness);
    }
    // Each order moved once: one audited change to inspected (the checker matched its event).
    exactly_once(
        harness,
        tally_of(station.texts("SELECT r.number FROM audit_log a JOIN repair_orders r ON r.id = "
                               "a.repair_order_id WHERE a.action = 'transition' AND a.to_state = "
                               "'inspected'")),
        moved, "move of");
    finish(harness);
}

namespace {

const std::string k_screen_gtin = "06901234567892";  // SKU-LCD-X2Q, lot-tracked (parts.csv)
const std::string k_bin = "BIN-A-01E";

// A stock step killed at random; when `done` says it did not happen, a person does it again.
void stock_step(KillHarness& harness, const StationCommand& command,
                const std::function<bool()>& done, std::vector<int> expected = {0}) {
    harness.kill_at_random(command);
    check(harness);
    if (!done()) run_to_end(harness, command, expected);
    check(harness);
}

}  // namespace

TEST_CASE("stock receive, reserve, pick, consume and release, SIGKILLed at random") {
    const int kills = test::kill_runs(8);
    const int rounds = test::kill_rounds(kills);
    const int labels = 10;  // per receipt
    test::StationCli station;
    station.add_people();
    REQUIRE(station.run({"parts", "import", test::example_file("parts.csv")}).exit_code == 0);
    REQUIRE(station.run({"locations", "add", "--make-bin", "A-01"}).exit_code == 0);
    // One phone a round, its repair started (parts are reserved for a real order in repair).
    std::vector<nlohmann::json> rmas;
    for (int r = 0; r <= rounds; ++r)
        rmas.push_back(test::rma_json(100 + r, "1Z999AA10123456784"));
    std::ofstream(station.file("rmas.json")) << nlohmann::json{{"rmas", rmas}}.dump();
    station.import_rmas(station.file("rmas.json"));
    std::map<int, std::string> orders_of_rounds;
    auto order = [&](int r) -> std::string {
        if (!orders_of_rounds.contains(r))
            orders_of_rounds[r] = station.start_repair(test::rma_number(100 + r));
        return orders_of_rounds[r];
    };
    const std::vector<std::string> person{"--operator", test::k_technician_badge};
    auto with_person = [&](std::vector<std::string> args) {
        args.insert(args.end(), person.begin(), person.end());
        return StationCommand{args, ""};
    };
    KillHarness receive(station, "stock-receive");
    KillHarness reserve(station, "stock-reserve");
    KillHarness pick(station, "stock-pick");
    KillHarness settle(station, "stock-consume-release");
    auto lot = [](int r, int j) { return fmt::format("K{}-{}", r, j); };
    auto received_lots = [&] {
        return tally_of(station.texts(
            "SELECT m.lot FROM inv_moves m JOIN inv_locations l ON l.id = m.from_id WHERE l.code "
            "= 'SUPPLIER'"));
    };
    // The labels of round r whose lot has no receipt yet.
    auto missing = [&](int r) {
        auto received = received_lots();
        std::vector<std::string> labels_left;
        for (int j = 0; j < labels; ++j)
            if (!received.contains(lot(r, j)))
                labels_left.push_back(fmt::format("(01){}(10){}(30)2", k_screen_gtin, lot(r, j)));
        return labels_left;
    };
    auto receipt = [&](int r) {
        std::vector<std::string> args{"stock", "receive", "--bin", k_bin, "--cost", "2500"};
        auto left = missing(r);
        args.insert(args.end(), left.begin(), left.end());
        return with_person(args);
    };
    auto reservations = [&](int r, const std::string& state) {
        return station.texts(
            fmt::format("SELECT lot FROM inv_reservations WHERE order_ref = '{}' "
                        "AND state IN ({})",
                        order(r), state));
    };
    receive.calibrate(receipt(0));
    reserve.calibrate(with_person({"stock", "reserve", order(0), "SKU-LCD-X2Q"}));
    pick.calibrate(with_person(
        {"stock", "pick", order(0), k_bin,
         fmt::format("(01){}(10){}", k_screen_gtin, reservations(0, "'reserved'").at(0))}));
    settle.calibrate(with_person({"stock", "consume", order(0)}));
    for (auto* harness : {&receive, &reserve, &pick, &settle})
        harness->calibrate_idle({{"stock", "report"}, ""});
    auto wants_more = [&] {
        return receive.wants_more(kills) || reserve.wants_more(kills) || pick.wants_more(kills) ||
               settle.wants_more(kills);
    };
    int last = 0;
    for (int r = 1; r <= rounds && wants_more(); last = r++) {
        // Labels all received: the command run again names only those still missing.
        auto first = receipt(r);
        if (r % 3 == 2) {
            int target = receive.pick(1, labels - 1);
            receive.kill_when(first, [&] {
                return missing(r).size() <= static_cast<std::size_t>(labels - target);
            });
        } else {
            receive.kill_at_random(first);
        }
        check(receive);
        auto left = missing(r).size();
        receive.landed("midway", left > 0 && left < static_cast<std::size_t>(labels));
        if (left > 0) run_to_end(receive, receipt(r));
        check(receive);

        stock_step(reserve, with_person({"stock", "reserve", order(r), "SKU-LCD-X2Q"}),
                   [&] { return !reservations(r, "'reserved', 'picked'").empty(); });
        auto reserved = reservations(r, "'reserved', 'picked'");
        if (reserved.size() != 1) {
            reserve.lost(fmt::format("{}: {} reservations", order(r), reserved.size()));
            continue;
        }
        stock_step(pick,
                   with_person({"stock", "pick", order(r), k_bin,
                                fmt::format("(01){}(10){}", k_screen_gtin, reserved[0])}),
                   [&] { return !reservations(r, "'picked'").empty(); });
        const char* verb = r % 2 ? "release" : "consume";
        stock_step(settle, with_person({"stock", verb, order(r)}),
                   [&] { return reservations(r, "'reserved', 'picked'").empty(); });
    }
    // Every label received once; each order's one part picked and then used or put back.
    std::vector<std::string> lots;
    for (int r = 0; r <= last; ++r)
        for (int j = 0; j < labels; ++j)
            lots.push_back(lot(r, j));
    exactly_once(receive, received_lots(), lots, "received lot");
    auto reservation_rows = tally_of(station.texts("SELECT order_ref FROM inv_reservations"));
    auto settled = tally_of(station.texts(
        "SELECT order_ref || ' ' || state FROM inv_reservations WHERE state IN ('consumed', "
        "'released')"));
    std::vector<std::string> orders, outcomes;
    for (int r = 1; r <= last; ++r) {
        orders.push_back(order(r));
        outcomes.push_back(order(r) + (r % 2 ? " released" : " consumed"));
    }
    exactly_once(reserve, reservation_rows, orders, "reservation of");
    exactly_once(settle, settled, outcomes, "settled reservation");
    for (auto* harness : {&receive, &reserve, &pick, &settle})
        finish(*harness);
}

namespace {

// A station printing to the emulator program; `jobs` read back, and a person who settles a job
// the crash left waiting (cancels it when the label came out, has it sent again when not).
struct PrintingStation : test::StationCli {
    test::EmulatorProcess emulator{EMULATOR_BINARY};

    PrintingStation() {
        write_config(
            fmt::format("[printers]\nretry_first_ms = 20\nretry_max_ms = 100\n"
                        "[[printers.device]]\nname = \"emu\"\ndriver = \"tcp\"\n"
                        "address = \"127.0.0.1:{}\"\ntimeout_ms = 1000\n",
                        emulator.port));
        add_people();
    }
    std::vector<std::string> jobs_in(const std::string& states) const {
        return texts("SELECT number FROM print_jobs WHERE state IN (" + states + ")");
    }
    // The emulator's count once it has settled (what a killed sender left may still arrive).
    int printed() {
        int seen = emulator.printed();
        for (int again = 0; again < 20; ++again) {
            std::this_thread::sleep_for(25ms);
            int now = emulator.printed();
            if (now == seen) break;
            seen = now;
        }
        return seen;
    }
    // A chosen point: the printer reads slowly, the kill comes once it holds part of a label
    // (between the label leaving and its record).
    void kill_while_sending(KillHarness& harness, const StationCommand& command) {
        emulator.control("slow 20");
        auto process = harness.start(command);
        test::eventually([&] { return test::contains(emulator.control("status"), "partial=1"); },
                         30s);
        harness.kill(*process);
        emulator.control("slow 0");
    }
    // Sends what is queued, then settles jobs waiting for a person as one would: looking at the
    // printer. `expected` labels should have come out since `before`.
    void settle(KillHarness& harness, int before, int expected) {
        run_to_end(harness, {{"jobs", "run"}, ""}, {0, 3});
        auto waiting = jobs_in("'failed'");
        harness.landed("needs-person", !waiting.empty());
        for (const auto& number : waiting) {
            bool came_out = printed() - before >= expected;
            run_to_end(harness, {{"jobs", came_out ? "cancel" : "retry", number}, ""});
        }
        check(harness);
        int labels = printed() - before;
        if (labels < expected)
            harness.lost(fmt::format("{} of {} labels printed", labels, expected));
        if (labels > expected)
            harness.duplicated(fmt::format("{} labels printed for {}", labels, expected));
    }
};

}  // namespace

TEST_CASE("print, SIGKILLed at random while it queues and sends: each label once") {
    const int kills = test::kill_runs(10);
    PrintingStation station;
    KillHarness harness(station, "print");
    const StationCommand print{
        {"print", "location-label", "--data", test::example_file("location-label.json"),
         "--operator", test::k_warehouse_badge},
        ""};
    harness.calibrate(print);
    harness.calibrate_idle({{"jobs", "list"}, ""});
    for (int r = 0; harness.wants_more(kills); ++r) {
        int before = station.printed();
        auto jobs = station.count("print_jobs");
        if (r % 3 == 1)
            station.kill_while_sending(harness, print);
        else if (r % 3 == 2)  // the label out, its record maybe not yet written
            harness.kill_when(print, [&] { return station.emulator.printed() > before; });
        else
            harness.kill_at_random(print);
        harness.landed("while-sending", !station.jobs_in("'sending'").empty());
        check(harness);
        // The job was never queued: the person prints again.
        if (station.count("print_jobs") == jobs) run_to_end(harness, print);
        station.settle(harness, before, 1);
    }
    finish(harness);
}

namespace {

// The waybill numbers in the labels the emulator printed, and in how many labels each is.
std::map<std::string, int> numbers_on_printed_labels(PrintingStation& station) {
    static const std::regex k_number("SF5\\d{11}");
    std::map<std::string, int> counts;
    std::string folder = station.emulator.dir.file("labels");
    if (!std::filesystem::exists(folder)) return counts;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        std::string zpl = test::read_text(entry.path().string());
        std::set<std::string> in_label;
        for (std::sregex_iterator it(zpl.begin(), zpl.end(), k_number), end; it != end; ++it)
            in_label.insert(it->str());
        for (const auto& number : in_label)
            ++counts[number];
    }
    return counts;
}

}  // namespace

// Issue 14: the waybill number, the labels, the shipment record and the move to shipped are one
// transaction, so a kill anywhere never prints a label without its move, never uses a number
// twice and never loses one from the pool without a record (the invariant checker's shipping
// rules run after every kill).
TEST_CASE("ship, SIGKILLed at random: a label only with its move, each waybill number once") {
    const int kills = test::kill_runs(12);  // KILL_RUNS=50 for the offline figure
    const int rounds = test::kill_rounds(kills);
    PrintingStation station;
    test::TestPlatform platform(station.dir(), 0);
    station.append_config(fmt::format(
        "[platform]\nurl = \"{}\"\ntoken = \"{}\"\n[policy]\nfile = \"{}\"\n"
        "[labels]\nsender_name = \"Repair Center\"\nsender_address = \"518057 Shenzhen\"\n",
        platform.url(), test::k_station_token, test::example_file("policy.toml")));
    station.import_rmas(rma_file(station, rounds + 1));
    REQUIRE(station.run({"waybills", "refill", "--carrier", "SF Express", "--count", "400"})
                .exit_code == 0);
    // Round r's parcel: repaired, passed QA, handed to the warehouse.
    auto ready = [&](int r) {
        std::string number = station.start_repair(tracking(r));
        station.pass_qa(number);
        REQUIRE(station
                    .run({"orders", "handover", number, "--to", test::k_warehouse_badge, "--reason",
                          "to shipping", "--operator", test::k_technician_badge})
                    .exit_code == 0);
        return number;
    };
    auto ship = [](const std::string& number) {
        return StationCommand{{"ship", number, "--weight", "0.5", "--printer", "emu", "--wait", "2",
                               "--operator", test::k_warehouse_badge},
                              ""};
    };
    auto state = [&](const std::string& number) {
        return station.texts("SELECT state FROM repair_orders WHERE number = '" + number + "'")
            .at(0);
    };
    KillHarness harness(station, "ship");
    std::vector<std::string> orders{ready(0)};
    int before = station.printed();
    harness.calibrate(ship(orders.back()));
    station.settle(harness, before, 2);
    harness.calibrate_idle({{"waybills", "list"}, ""});
    for (int r = 1; r <= rounds && harness.wants_more(kills); ++r) {
        orders.push_back(ready(r));
        before = station.printed();
        if (r % 3 == 1)  // a chosen point: committed, its labels on their way to the printer
            harness.kill_when(ship(orders.back()),
                              [&] { return state(orders.back()) == "shipped"; });
        else if (r % 3 == 2)  // a chosen point: a label half-way into the printer
            station.kill_while_sending(harness, ship(orders.back()));
        else
            harness.kill_at_random(ship(orders.back()));
        harness.landed("before-commit", state(orders.back()) == "ready_to_ship");
        check(harness);
        if (state(orders.back()) == "ready_to_ship")
            run_to_end(harness, ship(orders.back()), {0, 3});
        station.settle(harness, before, 2);
    }
    // Each order shipped once, with its own number; each number on exactly its two labels.
    exactly_once(harness,
                 tally_of(station.texts("SELECT r.number FROM shipments s JOIN repair_orders r "
                                        "ON r.id = s.repair_order_id")),
                 orders, "shipment of");
    auto numbers = station.texts("SELECT tracking_number FROM shipments");
    auto printed = numbers_on_printed_labels(station);
    for (const auto& number : numbers) {
        int labels = printed.contains(number) ? printed[number] : 0;
        if (labels < 2) harness.lost(fmt::format("labels of {}: {} of 2", number, labels));
        if (labels > 2) harness.duplicated(fmt::format("labels of {}: {}", number, labels));
    }
    for (const auto& [number, labels] : printed)
        if (std::find(numbers.begin(), numbers.end(), number) == numbers.end())
            harness.broken({fmt::format("a label printed {} without its shipment", number)});
    finish(harness);
}

TEST_CASE("jobs run, the print worker SIGKILLed at random: each queued label once") {
    const int kills = test::kill_runs(8);
    const int queued = 3;  // per round
    PrintingStation station;
    KillHarness harness(station, "jobs-run");
    auto queue = [&] {
        station.emulator.control("paper-out on");
        for (int j = 0; j < queued; ++j) {
            auto waiting = station.run({"print", "location-label", "--data",
                                        test::example_file("location-label.json"), "--wait", "0.01",
                                        "--operator", test::k_warehouse_badge});
            REQUIRE(waiting.exit_code == 3);
        }
        station.emulator.control("paper-out off");
    };
    const StationCommand worker{{"jobs", "run"}, ""};
    queue();
    harness.calibrate(worker);
    harness.calibrate_idle(worker);  // nothing queued now
    for (int r = 0; harness.wants_more(kills); ++r) {
        int before = station.printed();
        queue();
        if (r % 3 == 1)
            station.kill_while_sending(harness, worker);
        else if (r % 3 == 2)
            harness.kill_when(worker, [&] { return station.emulator.printed() > before; });
        else
            harness.kill_at_random(worker);
        int out = station.printed() - before;
        harness.landed("midway", out > 0 && out < queued);
        harness.landed("while-sending", !station.jobs_in("'sending'").empty());
        check(harness);
        station.settle(harness, before, queued);
    }
    finish(harness);
}

TEST_CASE("sync run, SIGKILLed at random during batches: the platform holds each event once") {
    const int kills = test::kill_runs(10);
    const int rounds = test::kill_rounds(kills);
    const int parcels = 20;
    test::StationCli station;
    station.add_people();
    // Every request waits a little, so kills often land while a batch is on the wire; some
    // answers are lost after the platform committed.
    test::TestPlatform platform(station.dir(), (rounds + 1) * parcels,
                                {.latency_ms = 10, .drop_after_commit_rate = 0.1, .seed = 7});
    station.write_config(
        fmt::format("[platform]\nurl = \"{}\"\ntoken = \"{}\"\n"
                    "retry_initial_ms = 20\nretry_max_ms = 200\n"
                    "page_size = 500\nbatch_size = 4\n",
                    platform.url(), test::k_station_token));
    KillHarness harness(station, "sync");
    const std::string platform_db = station.file("platform.db");
    const StationCommand sync{{"sync", "run"}, ""};
    auto receive = [&](int r) {
        std::string scans = test::k_warehouse_badge + "\n";
        for (int n = r * parcels; n < (r + 1) * parcels; ++n)
            scans += tracking(n) + "\n";
        REQUIRE(station.run({"intake", "-"}, scans).exit_code == 0);
    };
    REQUIRE(station.run({"sync", "run"}).exit_code == 0);  // the RMAs pulled
    receive(0);
    harness.calibrate(sync);
    harness.calibrate_idle({{"sync", "status"}, ""});
    for (int r = 1; r <= rounds && harness.wants_more(kills); ++r) {
        receive(r);
        auto waiting = station.count("outbox");
        if (r % 3 == 2) {
            // A chosen point: some batches taken by the platform, the rest waiting.
            int target = harness.pick(1, static_cast<int>(waiting) - 1);
            harness.kill_when(sync, [&] { return station.count("outbox") <= waiting - target; });
        } else {
            harness.kill_at_random(sync);
        }
        auto left = station.count("outbox");
        harness.landed("midway", left > 0 && left < waiting);
        check(harness, platform_db);
        run_to_end(harness, sync);
        check(harness, platform_db);
        if (station.count("outbox") != 0)
            harness.lost(fmt::format("{} events left in the outbox", station.count("outbox")));
    }
    // One event per order received, each held once by the platform.
    auto held = platform.events();
    auto made = station.count("repair_orders");
    if (held < made) harness.lost(fmt::format("the platform holds {} of {} events", held, made));
    if (held > made) harness.duplicated(fmt::format("the platform holds {} for {}", held, made));
    CHECK(platform.deliveries() >= platform.events());
    finish(harness);
}

namespace {

const std::string k_flashed_order = "RO-000001O";  // the first order of the demo RMAs' intake

// A store with one received order and the firmware catalog of tests/integration's flashing tests.
void prepare_firmware(const test::StationCli& station) {
    station.prepare();
    REQUIRE(station.run({"intake", "--operator", test::k_warehouse_badge, "SF1402398761234"})
                .exit_code == 0);
    std::string vendor = station.file("vendor");
    test::write_vendor_files(vendor);
    REQUIRE(station.run({"firmware", "import", vendor}).exit_code == 0);
}

}  // namespace

TEST_CASE("firmware flash, SIGKILLed at random and mid-transfer: each attempt recorded") {
    const int kills = test::kill_runs(10);
    test::StationCli station;
    prepare_firmware(station);
    KillHarness harness(station, "firmware-flash");
    const StationCommand flash{
        {"firmware", "flash", k_flashed_order, "--device",
         "sim:?version=1.0.0&tolerant=1&transfer=1024", "--operator", test::k_technician_badge},
        ""};
    harness.calibrate(flash);
    harness.calibrate_idle({{"firmware", "attempts", k_flashed_order}, ""});
    auto unfinished = [&] {
        return std::stoll(
            station.texts("SELECT count(*) FROM firmware_flashes WHERE result = 'started'").at(0));
    };
    int runs_to_end = 1;  // the calibration's
    for (int r = 0; harness.wants_more(kills); ++r, ++runs_to_end) {
        auto unfinished_before = unfinished();
        if (r % 2) {
            // A chosen point: a quarter, half or three quarters of the image on the device.
            auto process = harness.start(flash);
            process->wait_for_output(fmt::format("flash  {}%", harness.pick(1, 3) * 25), 60s);
            harness.kill(*process);
        } else {
            harness.kill_at_random(flash);
        }
        // The attempt was recorded as started and never ended: killed while the device worked.
        harness.landed("midway", unfinished() > unfinished_before);
        check(harness);
        run_to_end(harness, flash);
        check(harness);
    }
    // Every attempt has its audit row and its event, and its end when it had one; every run that
    // was not killed succeeded.
    auto started = station.count("firmware_flashes");
    auto succeeded = station
                         .texts(
                             "SELECT count(*) FROM firmware_flashes WHERE result = "
                             "'succeeded'")
                         .at(0);
    auto count_of = [&](const std::string& sql) { return std::stoll(station.texts(sql).at(0)); };
    std::map<std::string, std::int64_t> figures{
        {"audit started", count_of("SELECT count(*) FROM audit_log WHERE action = "
                                   "'firmware.flash_started'")},
        {"event started", count_of("SELECT count(*) FROM outbox WHERE type = "
                                   "'repair_order.firmware_flash_started'")}};
    for (const auto& [what, n] : figures)
        if (n != started) harness.broken({fmt::format("{} attempts but {} {}", started, n, what)});
    auto finished = count_of("SELECT count(*) FROM firmware_flashes WHERE result <> 'started'");
    for (const auto& [what, sql] : std::map<std::string, std::string>{
             {"audit finished",
              "SELECT count(*) FROM audit_log WHERE action = 'firmware.flash_finished'"},
             {"event finished",
              "SELECT count(*) FROM outbox WHERE type = 'repair_order.firmware_flashed'"}})
        if (count_of(sql) != finished)
            harness.broken(
                {fmt::format("{} finished attempts but {} {}", finished, count_of(sql), what)});
    // (A run that ended before its kill came succeeded too.)
    if (std::stoll(succeeded) < runs_to_end)
        harness.lost(
            fmt::format("{} successful flashes for {} runs to the end", succeeded, runs_to_end));
    finish(harness);
}

namespace {

// A client of the station's web API: signs in with badge and PIN, posts typed scans. Any
// failure (the server killed under it) is an answer of 0.
class ApiClient {
public:
    explicit ApiClient(const std::string& url) {
        Poco::URI uri(url);
        m_host = uri.getHost();
        m_port = uri.getPort();
        m_origin = fmt::format("http://{}:{}", m_host, m_port);
    }
    int post(const std::string& path, const nlohmann::json& body, std::string* cookie = nullptr) {
        try {
            Poco::Net::HTTPClientSession session(m_host, m_port);
            session.setTimeout(Poco::Timespan(30, 0));
            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path,
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            request.setContentType("application/json");
            request.set("Origin", m_origin);
            if (!m_cookie.empty()) request.set("Cookie", m_cookie);
            std::string text = body.dump();
            request.setContentLength(static_cast<std::streamsize>(text.size()));
            session.sendRequest(request) << text;
            Poco::Net::HTTPResponse response;
            std::string reply;
            Poco::StreamCopier::copyToString(session.receiveResponse(response), reply);
            if (cookie && response.has("Set-Cookie")) {
                std::string set = response.get("Set-Cookie");
                *cookie = set.substr(0, set.find(';'));
            }
            return static_cast<int>(response.getStatus());
        } catch (const Poco::Exception&) {
            return 0;
        }
    }
    bool sign_in(const std::string& badge, const std::string& pin) {
        return post("/api/v1/session", {{"badge", badge}, {"pin", pin}}, &m_cookie) == 200;
    }
    // Posts each code in turn until one is not answered; returns those answered 200.
    std::vector<std::string> scan(const std::vector<std::string>& codes) {
        std::vector<std::string> answered;
        for (const auto& code : codes) {
            if (post("/api/v1/scans", {{"code", code}}) != 200) break;
            answered.push_back(code);
        }
        return answered;
    }

private:
    std::string m_host;
    std::uint16_t m_port = 0;
    std::string m_origin;
    std::string m_cookie;
};

// The warehouse person signs in to the web UI with the PIN add_people gave her.
const std::string& k_pin = test::k_test_pin;

// `station run` started and serving; its web UI's address.
std::string serving(test::BackgroundProcess& run) {
    REQUIRE(run.wait_for_output("web UI at ", 60s));
    std::string out = run.out();
    std::string url = out.substr(out.find("web UI at ") + 10);
    return url.substr(0, url.find('\n'));
}

}  // namespace

TEST_CASE("station run's web API, SIGKILLed while a client posts scans: every parcel one order") {
    const int kills = test::kill_runs(6);
    const int rounds = test::kill_rounds(kills);
    const int parcels = 15;
    test::StationCli station;
    station.add_people();
    station.import_rmas(rma_file(station, (rounds + 1) * parcels));
    // Any free port; no scanners to wait for.
    station.write_config("[web]\nport = 0\n");
    KillHarness harness(station, "web-api");
    const StationCommand run{{"run"}, ""};
    auto codes = [&](int r) {
        std::vector<std::string> list;
        for (int n = r * parcels; n < (r + 1) * parcels; ++n)
            list.push_back(tracking(n));
        return list;
    };
    // Posts a round's codes to a fresh `station run` and stops it with SIGTERM; returns how long
    // the posting took (the window the kills fall in).
    auto post_all = [&](int r) {
        auto server = harness.start(run);
        ApiClient client(serving(*server));
        REQUIRE(client.sign_in(test::k_warehouse_badge, k_pin));
        auto began = std::chrono::steady_clock::now();
        auto answered = client.scan(codes(r));
        auto took = std::chrono::steady_clock::now() - began;
        if (answered.size() != codes(r).size())
            harness.broken({fmt::format("round {}: {} of {} scans answered by a running station", r,
                                        answered.size(), codes(r).size())});
        auto stopped = server->stop(SIGTERM);
        if (stopped.exit_code != 0)
            harness.broken({"station run did not stop cleanly: " + stopped.err});
        return std::chrono::duration_cast<std::chrono::microseconds>(took);
    };
    auto window = post_all(0);
    harness.tally().window_ms = static_cast<double>(window.count()) / 1000.0;
    int r = 1;
    for (; r <= rounds && harness.wants_more(kills); ++r) {
        auto server = harness.start(run);
        ApiClient client(serving(*server));
        REQUIRE(client.sign_in(test::k_warehouse_badge, k_pin));
        std::vector<std::string> answered;
        std::thread posting([&] { answered = client.scan(codes(r)); });
        std::this_thread::sleep_for(
            std::chrono::microseconds(harness.pick(0, static_cast<int>(window.count()))));
        harness.kill(*server);
        posting.join();
        harness.landed("midway", !answered.empty() && answered.size() < codes(r).size());
        check(harness);
        // What the API answered was committed before the answer: it is there after the kill.
        auto orders = tally_of(station.texts("SELECT arrival_scan FROM repair_orders"));
        for (const auto& code : answered)
            if (!orders.contains(code)) harness.lost("answered scan " + code);
        post_all(r);  // the person scans the round's parcels again
        check(harness);
    }
    std::vector<std::string> sent;
    for (int done = 0; done < r; ++done)
        for (const auto& code : codes(done))
            sent.push_back(code);
    exactly_once(harness, tally_of(station.texts("SELECT arrival_scan FROM repair_orders")), sent,
                 "parcel");
    finish(harness);
}
