// Tests of HID report descriptor parsing: the HID 1.11 keyboard, a HID POS scanner, garbage.
#include <catch2/catch.hpp>

#include "devices/scanner/hid_descriptor_protocol.h"
#include "fixture_bytes.h"

using namespace rs;
using namespace rs::devices;

namespace {

std::vector<std::uint8_t> descriptor_fixture(const std::string& name) {
    std::vector<std::uint8_t> bytes;
    for (const auto& line : test::read_hex_reports(name))
        bytes.insert(bytes.end(), line.begin(), line.end());
    return bytes;
}

}  // namespace

TEST_CASE("HID descriptor: the boot keyboard of HID 1.11 appendix E.6 is a keyboard") {
    auto bytes = descriptor_fixture("descriptor_boot_keyboard.hex");
    REQUIRE(bytes.size() == 63);
    auto applications = parse_hid_report_descriptor(bytes);
    REQUIRE(applications);
    REQUIRE(applications->size() == 1);
    CHECK((*applications)[0].usage_page == k_usage_page_generic_desktop);
    CHECK((*applications)[0].usage == k_usage_keyboard);
    CHECK(hid_interface_kind(*applications) == HidInterfaceKind::Keyboard);
}

TEST_CASE("HID descriptor: a bar code scanner collection is HID POS, Push/Pop keep the page") {
    auto applications = parse_hid_report_descriptor(descriptor_fixture("descriptor_hid_pos.hex"));
    REQUIRE(applications);
    REQUIRE(applications->size() == 1);
    CHECK((*applications)[0].usage_page == k_usage_page_bar_code_scanner);
    CHECK((*applications)[0].usage == 0x02);
    CHECK(hid_interface_kind(*applications) == HidInterfaceKind::HidPos);
}

TEST_CASE("HID descriptor: HID POS wins over a keyboard on the same interface") {
    auto keyboard = descriptor_fixture("descriptor_boot_keyboard.hex");
    auto pos = descriptor_fixture("descriptor_hid_pos.hex");
    keyboard.insert(keyboard.end(), pos.begin(), pos.end());
    auto applications = parse_hid_report_descriptor(keyboard);
    REQUIRE(applications);
    CHECK(applications->size() == 2);
    CHECK(hid_interface_kind(*applications) == HidInterfaceKind::HidPos);
}

TEST_CASE("HID descriptor: an extended 32-bit usage carries its own page") {
    // Usage Page Generic Desktop, then Usage 0x008C0002 (4 bytes), Collection Application.
    std::vector<std::uint8_t> bytes{0x05, 0x01, 0x0b, 0x02, 0x00, 0x8c, 0x00, 0xa1, 0x01, 0xc0};
    auto applications = parse_hid_report_descriptor(bytes);
    REQUIRE(applications);
    REQUIRE(applications->size() == 1);
    CHECK((*applications)[0].usage_page == 0x8C);
    CHECK((*applications)[0].usage == 0x02);
}

TEST_CASE("HID descriptor: garbage is an error that says where") {
    auto bytes = descriptor_fixture("descriptor_boot_keyboard.hex");
    SECTION("truncated item") {
        bytes.resize(9);  // cut inside "19 e0"
        auto parsed = parse_hid_report_descriptor(bytes);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == ErrorCode::Protocol);
        CHECK(parsed.error().message.find("byte 8") != std::string::npos);
    }
    SECTION("collection never closed") {
        bytes.pop_back();
        REQUIRE_FALSE(parse_hid_report_descriptor(bytes));
    }
    SECTION("End Collection without Collection") {
        bytes.push_back(0xc0);
        REQUIRE_FALSE(parse_hid_report_descriptor(bytes));
    }
    SECTION("Pop without Push") {
        std::vector<std::uint8_t> pop{0xb4};
        REQUIRE_FALSE(parse_hid_report_descriptor(pop));
    }
    SECTION("truncated long item") {
        std::vector<std::uint8_t> long_item{0xfe, 0x05, 0x00, 0x01};
        REQUIRE_FALSE(parse_hid_report_descriptor(long_item));
    }
}
