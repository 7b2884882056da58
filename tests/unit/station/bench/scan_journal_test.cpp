// The bench agent's journal on a real SQLite file: capture order, delivery marks, what a reopen
// (a restarted agent) finds, and the wire form of a scan.
#include <catch2/catch.hpp>

#include "common/uuid.h"
#include "station/bench/scan_journal.h"
#include "tests/support/temp_dir.h"

using rs::station::BenchScan;
using rs::station::ScanJournal;

namespace {

BenchScan scan_of(rs::UuidGenerator& ids, const std::string& text) {
    return BenchScan{ids.next(), rs::Scan{"sim:intake", text, "]C1", 1'763'900'000'000},
                     rs::station::ScannerRole::Intake};
}

}  // namespace

TEST_CASE("the journal gives scans back in capture order until each is delivered") {
    rs::test::TempDir dir;
    rs::UuidGenerator ids;
    auto journal = ScanJournal::open(dir.file("journal.db"));
    REQUIRE(journal);
    // Bytes a barcode may hold that are not text: GS, NUL, a high byte.
    std::string gs1 = std::string("0109501101530003") + '\x1d' + "10AB" + '\0' + "\xff";
    auto first = scan_of(ids, gs1);
    auto second = scan_of(ids, "1Z999AA10123456784");
    REQUIRE((*journal)->append(first).value() == 1);
    REQUIRE((*journal)->append(second).value() == 2);
    CHECK((*journal)->waiting_count().value() == 2);

    auto oldest = (*journal)->oldest_waiting();
    REQUIRE(oldest);
    REQUIRE(*oldest);
    CHECK((*oldest)->scan.id == first.id);
    CHECK((*oldest)->scan.scan.text == gs1);
    CHECK((*oldest)->scan.scan.symbology == "]C1");

    REQUIRE((*journal)->mark_delivered(first.id, "received", 5));
    CHECK((*journal)->oldest_waiting().value()->scan.id == second.id);
    // Marking twice changes nothing (a delivery answered twice).
    REQUIRE((*journal)->mark_delivered(first.id, "duplicate", 6));
    CHECK((*journal)->delivered_count().value() == 1);
    CHECK((*journal)->waiting_count().value() == 1);
}

TEST_CASE("a reopened journal still holds what was kept and not delivered") {
    rs::test::TempDir dir;
    rs::UuidGenerator ids;
    std::vector<BenchScan> kept;
    {
        auto journal = ScanJournal::open(dir.file("journal.db"));
        REQUIRE(journal);
        for (int i = 0; i < 5; ++i) {
            kept.push_back(scan_of(ids, "RMA-" + std::to_string(i)));
            REQUIRE((*journal)->append(kept.back()));
        }
        REQUIRE((*journal)->mark_delivered(kept[0].id, "received", 1));
    }
    auto journal = ScanJournal::open(dir.file("journal.db"));
    REQUIRE(journal);
    CHECK((*journal)->waiting_count().value() == 4);
    for (int i = 1; i < 5; ++i) {
        auto oldest = (*journal)->oldest_waiting().value();
        REQUIRE(oldest);
        CHECK(oldest->scan.id == kept[static_cast<std::size_t>(i)].id);
        CHECK(oldest->seq == i + 1);
        REQUIRE((*journal)->mark_delivered(oldest->scan.id, "received", 2));
    }
    CHECK_FALSE((*journal)->oldest_waiting().value());
}

TEST_CASE("a bench scan survives its JSON form, and a malformed one is refused by field") {
    rs::UuidGenerator ids;
    auto scan = scan_of(ids, std::string("A\x1d\xfe"));
    auto back = rs::station::parse_bench_scan(rs::station::bench_scan_json(scan));
    REQUIRE(back);
    CHECK(back->id == scan.id);
    CHECK(back->scan.text == scan.scan.text);
    CHECK(back->scan.time_ms == scan.scan.time_ms);

    auto broken = rs::station::bench_scan_json(scan);
    broken["id"] = "not-a-uuid";
    CHECK(rs::station::parse_bench_scan(broken).error().message.find("\"id\"") !=
          std::string::npos);
    broken = rs::station::bench_scan_json(scan);
    broken["text_hex"] = "abc";
    CHECK(rs::station::parse_bench_scan(broken).error().message.find("text_hex") !=
          std::string::npos);
    broken = rs::station::bench_scan_json(scan);
    broken["role"] = "cashier";
    CHECK_FALSE(rs::station::parse_bench_scan(broken));
    CHECK_FALSE(rs::station::parse_bench_scan(nlohmann::json::array()));
}
