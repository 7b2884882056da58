// UsbContext: the one libusb context of the process: enumeration and hotplug support.
#pragma once

#include <memory>
#include <vector>

#include "common/error.h"
#include "devices/transport/usb_device_info.h"

struct libusb_context;

namespace rs::devices {

class UsbContext {
public:
    ~UsbContext();
    UsbContext(const UsbContext&) = delete;
    UsbContext& operator=(const UsbContext&) = delete;

    static Result<std::unique_ptr<UsbContext>> create();

    // Every device on every bus; an empty list on a machine without USB is not an error.
    Result<std::vector<UsbDeviceInfo>> enumerate();
    // False in containers without udev: callers then rescan periodically.
    bool has_hotplug() const;
    libusb_context* native() const { return m_context; }

private:
    explicit UsbContext(libusb_context* context) : m_context(context) {}
    libusb_context* m_context;
};

}  // namespace rs::devices
