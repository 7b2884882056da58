// make_dfu_device: a DFU device from its address, chosen from one table of drivers: a USB
// device ("usb://0483:df11?serial=...&port=1-2") or the simulator ("sim:?fault=stall&block=3").
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "common/error.h"
#include "devices/dfu/dfu_device.h"
#include "devices/dfu/simulated_dfu_device.h"

namespace rs::devices::dfu {

struct DfuDriverRow {
    std::string_view scheme;
    std::string_view description;  // for messages that list the drivers
    Result<std::unique_ptr<DfuDevice>> (*make)(std::string_view address);
};
std::span<const DfuDriverRow> dfu_drivers();

Result<std::unique_ptr<DfuDevice>> make_dfu_device(std::string_view address);

// The simulator's settings from "sim:?key=value&...": serial, port, vid, pid, dfu_pid, version
// (of the firmware it starts with), mode (runtime|dfu), transfer (wTransferSize), poll_ms,
// rate (link bytes per second), upload (0|1), tolerant (0|1), detach (0|1: bitWillDetach),
// dfuse (0|1), fault (none|stall|status|slow-poll|disconnect|new-product-id|new-serial),
// block (the data block the fault hits), status (errWRITE, ...), slow_poll_ms.
Result<SimulatedDfuOptions> parse_simulated_dfu(std::string_view address);

}  // namespace rs::devices::dfu
