// UsbPlugMonitor: a hotplug registration that only nudges, and one thread that lists devices
// when nudged or when the rescan interval passes.
#include "devices/transport/usb_plug_monitor.h"

#include <algorithm>

namespace rs::devices {

UsbPlugMonitor::UsbPlugMonitor(std::shared_ptr<UsbContext> context,
                               std::chrono::milliseconds rescan_interval, OnChanges on_changes,
                               OnError on_error, ListDevices list)
    : m_context(std::move(context)),
      m_list(std::move(list)),
      m_interval(rescan_interval),
      m_on_changes(std::move(on_changes)),
      m_on_error(std::move(on_error)) {
    if (!m_list)
        m_list = [context = m_context]() -> Result<std::vector<UsbDeviceInfo>> {
            if (!context) return std::vector<UsbDeviceInfo>{};
            return context->enumerate();
        };
}

UsbPlugMonitor::~UsbPlugMonitor() {
    stop();
}

void UsbPlugMonitor::start() {
    if (m_thread.joinable()) return;
    m_stop = false;
    if (m_context) m_hotplug = m_context->watch_hotplug([this] { poke(); });
    m_thread = std::thread([this] { run(); });
}

void UsbPlugMonitor::stop() {
    // First the registration: once it is released the callback is never entered again.
    m_hotplug = {};
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void UsbPlugMonitor::poke() {
    {
        std::lock_guard lock(m_mutex);
        m_poked = true;
    }
    m_wake.notify_all();
}

// A device whose strings could not be read yet is left out of the listing, and the next one
// comes soon: it arrives once, under the identity it keeps. One that stays unreadable for
// k_settling_limit is let through as it is (named by its port), never hidden for good.
bool UsbPlugMonitor::hold_back_settling(std::vector<UsbDeviceInfo>& listed) {
    auto now = std::chrono::steady_clock::now();
    std::map<std::string, std::chrono::steady_clock::time_point> still_pending;
    bool held = false;
    std::erase_if(listed, [&](const UsbDeviceInfo& device) {
        if (!device.strings_pending) return false;
        std::string where = device.vid_pid() + "@" + device.port_path;
        auto since = m_pending_since.contains(where) ? m_pending_since[where] : now;
        still_pending[where] = since;
        bool hold = now - since < k_settling_limit;
        held = held || hold;
        return hold;
    });
    m_pending_since = std::move(still_pending);
    return held;
}

void UsbPlugMonitor::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_poked = false;
        lock.unlock();  // listing opens devices: never under the lock poke() takes
        auto listed = m_list();
        bool settling = false;
        if (!listed) {
            if (m_on_error) m_on_error(listed.error());
        } else {
            settling = hold_back_settling(*listed);
            if (auto changes = m_tracker.update(*listed); !changes.empty()) m_on_changes(changes);
        }
        lock.lock();
        auto wait = settling ? std::min(m_interval, k_settling_relook) : m_interval;
        m_wake.wait_for(lock, wait, [this] { return m_stop || m_poked; });
    }
}

}  // namespace rs::devices
