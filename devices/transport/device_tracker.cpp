// DeviceTracker: differences between listings, keyed by stable identity.
#include "devices/transport/device_tracker.h"

namespace rs::devices {

const char* plug_event_name(PlugEvent event) {
    switch (event) {
        case PlugEvent::Arrived:
            return "arrived";
        case PlugEvent::Returned:
            return "returned";
        case PlugEvent::Left:
            return "left";
    }
    return "unknown";
}

std::vector<PlugChange> DeviceTracker::update(const std::vector<UsbDeviceInfo>& present) {
    std::vector<PlugChange> changes;
    std::map<std::string, UsbDeviceInfo> now;
    for (const auto& device : present)
        now[device.identity()] = device;
    for (const auto& [identity, device] : m_present)
        if (!now.contains(identity)) changes.push_back({PlugEvent::Left, device});
    for (const auto& [identity, device] : now) {
        if (m_present.contains(identity)) continue;
        bool returned = m_seen_before.contains(identity);
        m_seen_before[identity] = true;
        changes.push_back({returned ? PlugEvent::Returned : PlugEvent::Arrived, device});
    }
    m_present = std::move(now);
    return changes;
}

}  // namespace rs::devices
