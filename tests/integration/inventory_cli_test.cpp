// The parts commands of `station` as a parts manager and a technician use them, end to end.
#include <catch2/catch.hpp>

#include "labels/codes/code_grammar.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using rs::test::ProcessResult;

namespace {
struct Cli {
    rs::test::TempDir dir;
    std::string db = dir.file("station.db");

    ProcessResult run(std::vector<std::string> args, const std::string& input = "") {
        args.insert(args.begin(), STATION_BINARY);
        args.push_back("--db");
        args.push_back(db);
        return rs::test::run_process(args, input);
    }
};
const std::string k_screen = "SKU-LCD-X2Q";
const std::string k_bin = rs::labels::make_own_id(rs::labels::CodeKind::Bin, "A-01");
}  // namespace

TEST_CASE("parts are imported, received by GS1 scan, reserved, picked and consumed") {
    Cli cli;
    auto imported = cli.run({"parts", "import", std::string(EXAMPLES_DIR) + "/parts.csv"});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    CHECK(imported.out.find("imported 4 parts") != std::string::npos);
    REQUIRE(cli.run({"locations", "add", "--make-bin", "A-01"}).exit_code == 0);

    auto received = cli.run({"stock", "receive", "--bin", k_bin, "--cost", "2500",
                             "(01)06901234567892(10)L1(30)4", "(01)04006381333931"});
    CHECK(received.exit_code == 3);  // the second label's GTIN is unknown
    CHECK(received.out.find("received SKU-LCD-X2Q x4 lot L1") != std::string::npos);
    CHECK(received.err.find("station parts add") != std::string::npos);

    auto reserved = cli.run({"stock", "reserve", "RO-1", k_screen, "--qty", "5"});
    CHECK(reserved.exit_code == 3);
    CHECK(reserved.out.find("short by 1: backordered") != std::string::npos);
    CHECK(cli.run({"stock", "consume", "RO-1"}).exit_code == 2);  // not picked yet
    auto picked = cli.run({"stock", "pick", "RO-1", k_bin, "(01)06901234567892(10)L1"});
    INFO(picked.err);
    REQUIRE(picked.exit_code == 0);
    REQUIRE(cli.run({"stock", "consume", "RO-1"}).exit_code == 0);

    auto value = cli.run({"stock", "value"});
    CHECK(value.out.find("total 0.00") != std::string::npos);
    auto reorder = cli.run({"stock", "report", "--reorder"});
    CHECK(reorder.out.find(k_screen) != std::string::npos);
    for (const auto* sub :
         {"receive", "move", "reserve", "pick", "consume", "release", "count", "report", "value"})
        CHECK(cli.run({"stock", sub, "--help"}).exit_code == 0);
}
