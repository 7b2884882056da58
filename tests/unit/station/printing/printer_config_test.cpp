// [printers] and [labels]: every driver's row, and a clear message for each mistake.
#include <catch2/catch.hpp>

#include "station/printing/printer_config.h"

using namespace rs;

namespace {

Result<station::PrintersConfig> printers(const std::string& toml) {
    auto config = station::parse_config(toml, "test.toml");
    REQUIRE(config);
    return station::parse_printers_config(*config);
}

std::string printers_error(const std::string& toml) {
    auto parsed = printers(toml);
    REQUIRE_FALSE(parsed);
    return parsed.error().message;
}

}  // namespace

TEST_CASE("[printers] rows make their drivers; the default is the first unless named") {
    auto parsed = printers(R"(
[printers]
retry_first_ms = 100
[[printers.device]]
name = "desk"
driver = "tcp"
address = "192.168.1.50"
[[printers.device]]
name = "folder"
driver = "spool"
path = "/tmp/labels"
dpi = 300
[[printers.device]]
name = "office"
driver = "cups"
queue = "zebra-raw"
)");
    REQUIRE(parsed);
    CHECK(parsed->default_printer == "desk");
    CHECK(parsed->backoff.first_ms == 100);
    REQUIRE(parsed->devices.size() == 3);
    CHECK(parsed->find("folder")->dpi == 300);
    auto desk = station::make_printer(*parsed->find("desk"));
    REQUIRE(desk);
    CHECK((*desk)->describe() == "tcp 192.168.1.50:9100");
    auto folder = station::make_printer(*parsed->find("folder"));
    REQUIRE(folder);
    CHECK((*folder)->describe() == "spool /tmp/labels");
    CHECK(printers("")->devices.empty());
}

TEST_CASE("[printers] mistakes name the key to fix") {
    CHECK(printers_error("[[printers.device]]\nname = \"a\"\ndriver = \"serial\"\n")
              .find("use tcp, usb, cups or spool") != std::string::npos);
    CHECK(printers_error("[[printers.device]]\nname = \"a\"\ndriver = \"tcp\"\n").find("address") !=
          std::string::npos);
    CHECK(printers_error("[[printers.device]]\nname = \"a\"\ndriver = \"usb\"\n").find("VID:PID") !=
          std::string::npos);
    CHECK(printers_error("[[printers.device]]\nname = \"a\"\ndriver = \"spool\"\npath = \"/x\"\n"
                         "dpi = 250\n")
              .find("203, 300 or 600") != std::string::npos);
    CHECK(printers_error("[printers]\ndefault = \"b\"\n[[printers.device]]\nname = \"a\"\n"
                         "driver = \"spool\"\npath = \"/x\"\n")
              .find("names no") != std::string::npos);
    CHECK(printers_error("[[printers.device]]\nname = \"a\"\ndriver = \"spool\"\npath = \"/x\"\n"
                         "[[printers.device]]\nname = \"a\"\ndriver = \"spool\"\npath = \"/y\"\n")
              .find("two printers") != std::string::npos);
    auto bad_usb =
        printers("[[printers.device]]\nname = \"u\"\ndriver = \"usb\"\ndevice = \"zebra\"\n");
    REQUIRE(bad_usb);
    auto made = station::make_printer(bad_usb->devices.front());
    REQUIRE_FALSE(made);
    CHECK(made.error().message.find("VID:PID") != std::string::npos);
}

TEST_CASE("[labels] takes a resident font as DEVICE:FILE and the sender address") {
    auto config = station::parse_config(
        "[labels]\nresident_font = \"E:SIMSUN.TTF\"\nsender_name = \"RC\"\n"
        "sender_address = \"Shenzhen\"\n",
        "test.toml");
    REQUIRE(config);
    auto labels = station::parse_labels_config(*config);
    REQUIRE(labels);
    CHECK(labels->resident_font == "E:SIMSUN.TTF");
    CHECK(labels->sender["name"] == "RC");
    auto bad = station::parse_config("[labels]\nresident_font = \"SIMSUN\"\n", "test.toml");
    REQUIRE(bad);
    auto refused = station::parse_labels_config(*bad);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("E:SIMSUN.TTF") != std::string::npos);
}
