// make_printer: a label printer driver for a device URI, chosen from one table of drivers.
#pragma once

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/error.h"
#include "devices/printer/printer.h"
#include "devices/transport/device_uri.h"

namespace rs::devices {

// What every driver takes besides the address.
struct PrinterOptions {
    std::string name;                         // what the station calls the printer
    std::chrono::milliseconds timeout{3000};  // per connection, transfer or status query
};

// One row per driver, keyed by the URI scheme it serves.
struct PrinterDriver {
    std::string_view scheme;
    std::string_view description;  // for messages that list the drivers
    Result<std::unique_ptr<Printer>> (*make)(const DeviceUri& uri, const PrinterOptions& options);
};
std::span<const PrinterDriver> printer_drivers();

Result<std::unique_ptr<Printer>> make_printer(const DeviceUri& uri, const PrinterOptions& options);
// Parses `uri` first: "tcp://192.168.1.50:9100", "usb://0a5f:0120?serial=XYZ", "cups://queue",
// "file:///var/spool/labels".
Result<std::unique_ptr<Printer>> make_printer(std::string_view uri, const PrinterOptions& options);

}  // namespace rs::devices
