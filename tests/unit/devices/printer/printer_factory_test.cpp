// Tests of the printer factory: a driver per URI scheme, a TCP printer made from tcp:// talking
// to the printer emulator over loopback, a spool printer made from file:// writing its files.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "devices/printer/cups_printer.h"
#include "devices/printer/printer_factory.h"
#include "devices/printer/spool_printer.h"
#include "devices/printer/tcp_printer.h"
#include "devices/printer/usb_printer.h"
#include "tests/support/temp_dir.h"
#include "tools/printer_emulator/printer_emulator.h"

using namespace rs;
using namespace rs::devices;

namespace {

const std::string k_label = "^XA^FO20,20^A0N,30,30^FDfactory^FS^XZ";

std::unique_ptr<Printer> made(const std::string& uri, int timeout_ms = 3000) {
    auto printer = make_printer(uri, {"bench", std::chrono::milliseconds(timeout_ms)});
    INFO(uri << ": " << (printer ? "" : printer.error().message));
    REQUIRE(printer);
    return std::move(*printer);
}

}  // namespace

TEST_CASE("printer factory: tcp:// makes a TCP printer that prints on the emulator") {
    test::TempDir dir;
    auto emulator = tools::PrinterEmulator::start({.label_dir = dir.file("labels")});
    REQUIRE(emulator);
    const std::string uri = fmt::format("tcp://127.0.0.1:{}", (*emulator)->port());
    auto printer = made(uri, 500);
    CHECK(dynamic_cast<TcpPrinter*>(printer.get()));
    CHECK(printer->name() == "bench");
    CHECK(printer->describe() == fmt::format("tcp 127.0.0.1:{}", (*emulator)->port()));
    SendResult sent = printer->send(k_label);
    CHECK(sent.ok());
    CHECK(sent.confirmed);
    CHECK((*emulator)->printed_labels() == 1);
    auto status = printer->query_status();
    REQUIRE(status);
    CHECK(status->answered);
}

TEST_CASE("printer factory: file:// makes a spool printer that writes each job as a file") {
    test::TempDir dir;
    const std::string folder = dir.file("spool folder");
    auto printer = made(DeviceUri{.scheme = "file", .path = folder}.to_string());
    CHECK(dynamic_cast<SpoolPrinter*>(printer.get()));
    CHECK(printer->describe() == "spool " + folder);
    REQUIRE(printer->send(k_label).ok());
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        files.push_back(entry.path());
    REQUIRE(files.size() == 1);
    CHECK(files[0].extension() == ".zpl");
    std::ifstream file(files[0], std::ios::binary);
    std::stringstream written;
    written << file.rdbuf();
    CHECK(written.str() == k_label);
}

TEST_CASE("printer factory: usb:// and cups:// make their drivers") {
    auto usb = made("usb://0a5f:0120?serial=XYZ&port=1-2");
    CHECK(dynamic_cast<UsbPrinter*>(usb.get()));
    CHECK(usb->describe() == "usb 0a5f:0120 serial XYZ");
    auto cups = made("cups://zebra-raw");
    CHECK(dynamic_cast<CupsPrinter*>(cups.get()));
    CHECK(cups->describe() == "cups zebra-raw");
}

TEST_CASE("printer factory: a bad address, or a scheme no driver serves, is a clear error") {
    auto bad_ids = make_printer("usb://zebra", {"bench"});
    REQUIRE_FALSE(bad_ids);
    CHECK(bad_ids.error().message.find("VID:PID") != std::string::npos);

    auto unknown_scheme = make_printer("ipp://printer.local", {"bench"});
    REQUIRE_FALSE(unknown_scheme);
    CHECK(unknown_scheme.error().message.find("unknown device scheme \"ipp\"") !=
          std::string::npos);

    // A scheme the URI reader knows but no driver row serves lists the drivers there are.
    auto no_driver = make_printer(DeviceUri{.scheme = "ipp"}, {"bench"});
    REQUIRE_FALSE(no_driver);
    CHECK(no_driver.error().code == ErrorCode::Invalid);
    for (const auto& driver : printer_drivers()) {
        INFO(driver.scheme);
        CHECK(no_driver.error().message.find(std::string(driver.scheme) + ":// (" +
                                             std::string(driver.description) + ")") !=
              std::string::npos);
    }
}
