// Tests of device URIs: each scheme read and printed back, and a clear message for each mistake.
#include <catch2/catch.hpp>

#include "devices/transport/device_uri.h"

using namespace rs;
using namespace rs::devices;

namespace {

DeviceUri parsed(std::string_view text) {
    auto uri = parse_device_uri(text);
    INFO(text << ": " << (uri ? "" : uri.error().message));
    REQUIRE(uri);
    return *uri;
}

std::string refused(std::string_view text) {
    auto uri = parse_device_uri(text);
    INFO(text);
    REQUIRE_FALSE(uri);
    CHECK(uri.error().code == ErrorCode::Invalid);
    return uri.error().message;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("device URIs: tcp host and port, 9100 when none is written") {
    DeviceUri printer = parsed("tcp://192.168.1.50:9101");
    CHECK(printer.scheme == "tcp");
    CHECK(printer.host == "192.168.1.50");
    CHECK(printer.port == 9101);
    CHECK(printer.to_string() == "tcp://192.168.1.50:9101");

    DeviceUri by_name = parsed("tcp://zebra.bench.local/");
    CHECK(by_name.host == "zebra.bench.local");
    CHECK(by_name.port == 9100);
    CHECK(by_name.to_string() == "tcp://zebra.bench.local:9100");

    DeviceUri ipv6 = parsed("tcp://[fe80::1]:9100");
    CHECK(ipv6.host == "fe80::1");
    CHECK(ipv6.to_string() == "tcp://[fe80::1]:9100");
}

TEST_CASE("device URIs: usb ids with serial and port, printed back the same") {
    DeviceUri zebra = parsed("usb://0a5f:0120?serial=XYZ&port=1-2");
    CHECK(zebra.scheme == "usb");
    CHECK(zebra.usb.vendor_id == 0x0a5f);
    CHECK(zebra.usb.product_id == 0x0120);
    CHECK(zebra.usb.serial == "XYZ");
    CHECK(zebra.usb.port_path == "1-2");
    CHECK(zebra.to_string() == "usb://0a5f:0120?serial=XYZ&port=1-2");

    // Scheme and hex digits in capitals are the same address; a serial with '&' survives.
    DeviceUri shouting = parsed("USB://0A5F:120?serial=A%26B");
    CHECK(shouting.scheme == "usb");
    CHECK(shouting.usb.product_id == 0x0120);
    CHECK(shouting.usb.serial == "A&B");
    CHECK(shouting.to_string() == "usb://0a5f:0120?serial=A%26B");
    CHECK(parsed(shouting.to_string()).usb.serial == "A&B");
}

TEST_CASE("device URIs: cups queues and spool folders, encoded where needed") {
    DeviceUri queue = parsed("cups://zebra-raw");
    CHECK(queue.host == "zebra-raw");
    CHECK(queue.to_string() == "cups://zebra-raw");
    CHECK(parsed("cups://zebra%20raw").host == "zebra raw");

    DeviceUri spool = parsed("file:///var/spool/repair station/labels");
    CHECK(spool.path == "/var/spool/repair station/labels");
    CHECK(spool.to_string() == "file:///var/spool/repair%20station/labels");
    CHECK(parsed(spool.to_string()).path == spool.path);

    DeviceUri relative = parsed("file:labels/out");
    CHECK(relative.path == "labels/out");
    CHECK(relative.to_string() == "file:labels/out");
}

TEST_CASE("device URIs: mistakes say what to write") {
    std::string scheme = refused("ipp://printer.local/ipp/print");
    CHECK(contains(scheme, "unknown device scheme \"ipp\""));
    for (const char* known : {"tcp://host:9100", "usb://VID:PID", "cups://queue", "file:///"})
        CHECK(contains(scheme, known));
    CHECK(contains(refused("192.168.1.50:9100"), "not a device URI"));

    for (const char* bad_port :
         {"tcp://host:99999", "tcp://host:0", "tcp://host:abc", "tcp://host:", "tcp://host:-1"})
        CHECK(contains(refused(bad_port), "is not a number from 1 to 65535"));
    CHECK(contains(refused("tcp://fe80::1:9100"), "brackets"));
    CHECK(contains(refused("tcp://:9100"), "host is missing"));
    CHECK(contains(refused("tcp://host?x=1"), "no ?parameters"));

    for (const char* bad_ids : {"usb://zebra", "usb://0a5f", "usb://0a5f:12345",
                                "usb://0a5f:", "usb://0a5g:0120", "usb://0a5f:0120x"})
        CHECK(contains(refused(bad_ids), "is not VID:PID"));
    CHECK(contains(refused("usb://0a5f:0120?colour=red"), "not \"colour\""));
    CHECK(contains(refused("usb://0a5f:0120/extra"), "nothing may follow"));

    CHECK(contains(refused("cups://"), "write cups://queue"));
    CHECK(contains(refused("file://server/labels"), "local path"));
    CHECK(contains(refused("file://"), "path is missing"));
    CHECK(contains(refused("cups://zebra%2"), "two hex digits"));
}

TEST_CASE("usb ids and percent-encoding on their own") {
    auto ids = parse_usb_id("0c2e:0b61");
    REQUIRE(ids);
    CHECK(ids->vendor_id == 0x0c2e);
    CHECK(ids->product_id == 0x0b61);
    CHECK(ids->serial.empty());
    CHECK_FALSE(parse_usb_id("scanner"));
    CHECK(percent_encode("a b/c?d") == "a%20b%2Fc%3Fd");
    CHECK(percent_encode("a b/c", true) == "a%20b/c");
    CHECK(percent_encode("标签") == "%E6%A0%87%E7%AD%BE");
}
