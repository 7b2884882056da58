// Tests of the station configuration file.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "station/printing/printer_config.h"
#include "station/scanning/scanner_config.h"
#include "station/store/config.h"

using namespace rs;
using namespace rs::station;

TEST_CASE("no configuration file means defaults") {
    auto config = load_config("", false);
    REQUIRE(config);
    CHECK(config->station_id == "bench-1");
    CHECK(config->store_path.empty());
}

TEST_CASE("a configuration names the station and the store") {
    auto config = parse_config(
        "[station]\nid = \"bench-3\"\n[store]\npath = \"/var/lib/rs/s.db\"\n"
        "synchronous_full = true\n",
        "test.toml");
    REQUIRE(config);
    CHECK(config->station_id == "bench-3");
    CHECK(config->store_path == "/var/lib/rs/s.db");
    CHECK(config->durable_commits);
}

TEST_CASE("configuration mistakes are errors that say where") {
    auto syntax = parse_config("[station\nid = 1\n", "bad.toml");
    REQUIRE_FALSE(syntax);
    CHECK(syntax.error().message.find("bad.toml line 1") != std::string::npos);

    auto typo = parse_config("[stoer]\npath = \"x\"\n", "typo.toml");
    REQUIRE_FALSE(typo);
    CHECK(typo.error().message == "typo.toml: unknown section [stoer]");

    auto wrong_type = parse_config("[station]\nid = 3\n", "type.toml");
    REQUIRE_FALSE(wrong_type);
    CHECK(wrong_type.error().message == "[station] id must be a string");

    auto missing = load_config("/nonexistent/station.toml", true);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("not found") != std::string::npos);
}

// Found by tests/fuzz/fuzz_config (regression_empty_station_id in its corpus).
TEST_CASE("an empty station id is refused: it names the bench to the platform") {
    for (const char* text : {"[station]\nid = \"\"\n", "[station]\nid = \"  \"\n"}) {
        auto config = parse_config(text, "bench.toml");
        REQUIRE_FALSE(config);
        CHECK(config.error().code == ErrorCode::Invalid);
        CHECK(config.error().message.find("bench.toml: [station] id is empty") !=
              std::string::npos);
    }
    auto named = parse_config("[station]\nid = \"bench-3\"\n", "bench.toml");
    REQUIRE(named);
    CHECK(named->station_id == "bench-3");
}

TEST_CASE("a section no code reads yet is refused like a misspelt one") {
    for (const char* section : {"inventory", "firmware"}) {
        auto early = parse_config(fmt::format("[{}]\nport = 8080\n", section), "early.toml");
        REQUIRE_FALSE(early);
        CHECK(early.error().message == fmt::format("early.toml: unknown section [{}]", section));
    }
}

TEST_CASE("a misspelt key in any section is an error, not a silent default") {
    // An easy mistake: a key meant for [printers], written after the device table, lands in it.
    auto config = parse_config(
        "[printers]\n[[printers.device]]\nname = \"desk\"\ndriver = \"spool\"\npath = \"/tmp\"\n"
        "intake_tags = \"desk\"\n",
        "typo.toml");
    REQUIRE(config);
    auto printers = parse_printers_config(*config);
    REQUIRE_FALSE(printers);
    CHECK(printers.error().message.find("[printers.device #1] has no key intake_tags") !=
          std::string::npos);
    for (const char* text : {"[station]\nname = \"x\"\n", "[store]\nsynchronous = true\n"}) {
        INFO(text);
        auto wrong = parse_config(text, "typo.toml");
        REQUIRE_FALSE(wrong);
        CHECK(wrong.error().message.find("has no key") != std::string::npos);
    }
    auto scanner = parse_config("[[scanners.device]]\ndriver = \"simulated\"\nintervall_ms = 5\n",
                                "typo.toml");
    REQUIRE(scanner);
    auto scanners = parse_scanners_config(*scanner);
    REQUIRE_FALSE(scanners);
    CHECK(scanners.error().message.find("has no key intervall_ms") != std::string::npos);
}
