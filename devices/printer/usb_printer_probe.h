// What a plugged-in USB device is as a label printer: its IEEE 1284 id, the model row it
// matches and the URI that configures it (for `station devices list`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/printer/printer_models.h"
#include "devices/transport/usb_context.h"
#include "devices/transport/usb_device_info.h"

namespace rs::devices {

struct UsbPrinterProbe {
    std::string device_id;                // "MFG:Zebra Technologies;CMD:ZPL;MDL:ZD421-203dpi;"
    std::string maker;                    // MFG
    std::string model_text;               // MDL
    const PrinterModel* model = nullptr;  // the row of printer_models, null when unknown
    bool zpl = false;                     // CMD lists ZPL (true when the id gives no CMD)
    std::string uri;                      // usb://VID:PID?serial=... (or port=...)
};

// Reads the 1284 id of `device` through its printer-class interface. nullopt: the device has no
// printer interface; an error: it has one but could not be opened or did not answer.
Result<std::optional<UsbPrinterProbe>> probe_usb_printer(UsbContext& context,
                                                         const UsbDeviceInfo& device,
                                                         unsigned timeout_ms = 2000);

// Every plugged-in device with a printer-class interface (class 7), each with its probe or the
// error that stopped it. Devices without one are not opened.
struct UsbPrinterFound {
    UsbDeviceInfo device;
    Result<UsbPrinterProbe> probe;
};
Result<std::vector<UsbPrinterFound>> find_usb_printers(UsbContext& context);

}  // namespace rs::devices
