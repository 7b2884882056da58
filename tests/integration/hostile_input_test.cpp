// Input a person or a device gets wrong, given to the real `station` program: a mistyped store
// path, a damaged store file, a device node as a file, a scan longer than any barcode. Each was
// found by probing the station as a new user would (issue 17); each is refused with a clear
// message and nothing is lost or written.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "common/sha256.h"
#include "tests/support/station_cli.h"

using rs::test::contains;
using rs::test::k_warehouse_badge;
using rs::test::run_station;
using rs::test::StationCli;

namespace {

std::string file_bytes(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A store with people, the demo RMAs and one received parcel, checkpointed into its main file.
struct FilledStation : StationCli {
    FilledStation() {
        prepare();
        auto intake = run({"intake", "-"}, k_warehouse_badge + "\nSF1402398761234\n");
        REQUIRE(intake.exit_code == 0);
        REQUIRE_FALSE(std::filesystem::exists(db() + "-wal"));  // every byte is in the file
    }
};

}  // namespace

TEST_CASE("a mistyped --db is refused; no empty store is made to answer from") {
    StationCli station;
    station.add_people();
    std::string typo = station.file("statoin.db");
    auto listed = run_station({"orders", "list", "--db", typo});
    INFO(listed.out << listed.err);
    CHECK(listed.exit_code == 2);
    CHECK(contains(listed.err, "there is no store at " + typo));
    CHECK_FALSE(std::filesystem::exists(typo));
    // `init` still makes one.
    CHECK(run_station({"init", "--db", typo}).exit_code == 0);
    CHECK(run_station({"orders", "list", "--db", typo}).exit_code == 0);
}

// Damage every b-tree page of a real store in turn (its page type byte), then try an intake on
// each copy: each is refused at open, and the file is left byte for byte as it was.
TEST_CASE("a store with a damaged page is refused before anything is written to it", "[sqlite]") {
    FilledStation station;
    const std::string good = file_bytes(station.db());
    const std::size_t page_size = 4096;
    REQUIRE(good.size() % page_size == 0);
    int damaged_pages = 0;
    for (std::size_t page = 1; page < good.size() / page_size; ++page) {  // page 1 holds the header
        std::size_t at = page * page_size;
        unsigned char type = static_cast<unsigned char>(good[at]);
        if (type != 0x02 && type != 0x05 && type != 0x0A && type != 0x0D) continue;  // not b-tree
        std::string damaged = good;
        damaged[at] = '\x42';
        std::string copy = station.file("damaged.db");
        write_bytes(copy, damaged);
        auto intake =
            run_station({"intake", "-", "--db", copy}, k_warehouse_badge + "\nEA123456785CN\n");
        INFO("page " << page + 1 << ": " << intake.out << intake.err);
        CHECK(intake.exit_code != 0);
        CHECK((contains(intake.err, "is damaged") || contains(intake.err, "not a Repair Station")));
        if (contains(intake.err, "is damaged")) CHECK(contains(intake.err, "station restore"));
        CHECK(rs::sha256_hex(file_bytes(copy)) == rs::sha256_hex(damaged));
        std::filesystem::remove(copy + "-wal");
        std::filesystem::remove(copy + "-shm");
        ++damaged_pages;
    }
    CHECK(damaged_pages >= 5);
}

TEST_CASE("an RMA file that never ends (a device node) is refused at a size limit") {
    StationCli station;
    station.add_people();
    auto imported = station.run({"rma", "import", "/dev/zero"});
    INFO(imported.err);
    CHECK(imported.exit_code != 0);
    CHECK(contains(imported.err, "larger than 64 MB"));
    CHECK(station.count("rmas") == 0);
}

TEST_CASE("a scan longer than any barcode is refused and logged cut short; the next one counts") {
    StationCli station;
    station.prepare();
    std::string input =
        k_warehouse_badge + "\n" + std::string(3 << 20, 'A') + "\nSF1402398761234\n";
    auto intake = station.run({"intake", "-"}, input);
    INFO(intake.out.substr(0, 2000) << intake.err);
    CHECK(intake.exit_code == 3);  // done, but a scan needs a person
    CHECK(contains(intake.out, "no barcode holds more than about 3 KB"));
    CHECK(station.count("repair_orders") == 1);
    auto lengths = station.texts("SELECT length(text) FROM scans ORDER BY length(text) DESC");
    REQUIRE_FALSE(lengths.empty());
    CHECK(lengths.front() == "8192");
}

// A disk that fills up during intake. A file-size limit stands in for the full disk (the kernel
// refuses the write past it as it would on a full one, EFBIG instead of ENOSPC, and needs no
// privilege): the station stops with an error naming the store and what to do, keeps every scan
// before it whole, writes nothing half, and once there is room the same input goes on.
TEST_CASE("a full disk stops intake with a clear error, nothing half-written; it goes on after",
          "[sqlite]") {
    FilledStation station;
    std::string scans;
    const int parcels = 300;
    for (int i = 0; i < parcels; ++i)
        scans += "SF14023990" + std::to_string(10000 + i) + "\n";
    auto kilobytes = std::filesystem::file_size(station.db()) / 1024 + 64;
    // bash ignores SIGXFSZ (inherited across exec) so the write fails instead of killing.
    std::vector<std::string> limited = {
        "/bin/bash", "-c", "trap '' XFSZ; ulimit -f " + std::to_string(kilobytes) + "; exec \"$@\"",
        "bash"};
    for (auto& arg : station.argv({"intake", "-"}))
        limited.push_back(arg);
    auto full = rs::test::run_process(limited, scans);
    INFO(full.err);
    CHECK(full.exit_code == 1);
    CHECK(
        contains(full.err, "the disk holding the store " + station.db() + " is full (it refused"));
    CHECK(contains(full.err, "scans before it were kept"));
    auto kept = static_cast<std::int64_t>(std::count(full.out.begin(), full.out.end(), '\n'));
    CHECK(kept < parcels);
    // Every scan it printed is in the store, the failed one is not, the file is whole.
    CHECK(station.count("arrivals") == kept);
    auto check = station.texts("PRAGMA integrity_check");
    CHECK(check == std::vector<std::string>{"ok"});

    auto later = station.run({"intake", "-"}, scans);
    INFO(later.err);
    CHECK(later.exit_code != 1);
    CHECK(station.count("arrivals") == parcels);
}
