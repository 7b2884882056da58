// What a configured label printer says about itself right now: its readiness, its counters, its
// model, and whether the configuration agrees with it (`station printers list|status`).
#pragma once

#include <optional>
#include <string>

#include "devices/printer/printer_status.h"
#include "devices/printer/zpl_status_protocol.h"
#include "station/printing/printer_config.h"

namespace rs::station {

struct PrinterCheck {
    devices::PrinterCondition condition;               // Unreachable when it did not answer
    std::optional<devices::PrinterStatus> status;      // when it answered ~HS / ~HQES
    std::optional<devices::PrinterIdentity> identity;  // when it answered ~HI
    std::string known_model;  // the model table's name for it, empty when not in the table
};

// Asks the printer; an error only when its driver cannot be made from the configuration.
Result<PrinterCheck> check_printer(const PrinterConfig& printer);

// "tcp 192.168.1.50:9100" (the driver's own description), or why it cannot be made.
std::string describe_printer(const PrinterConfig& printer);

}  // namespace rs::station
