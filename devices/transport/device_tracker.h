// DeviceTracker: turns successive USB listings (hotplug or periodic rescan) into plug events.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/transport/usb_device_info.h"

namespace rs::devices {

enum class PlugEvent { Arrived, Returned, Left };
const char* plug_event_name(PlugEvent event);

struct PlugChange {
    PlugEvent event;
    UsbDeviceInfo device;
};

// Identity is serial number or port chain, never bus number or address: a scanner plugged
// back in (new address, maybe new bus number) is "returned", the same device as before.
class DeviceTracker {
public:
    std::vector<PlugChange> update(const std::vector<UsbDeviceInfo>& present);
    const std::map<std::string, UsbDeviceInfo>& present() const { return m_present; }

private:
    std::map<std::string, UsbDeviceInfo> m_present;
    std::map<std::string, bool> m_seen_before;
};

}  // namespace rs::devices
