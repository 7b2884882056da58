// UsbPlugMonitor: USB devices arriving, leaving and coming back, from libusb's hotplug events
// where it has them and a periodic rescan always.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "devices/transport/device_tracker.h"
#include "devices/transport/usb_context.h"

namespace rs::devices {

// Lists devices on its own thread: at start, whenever a hotplug event (or poke()) says
// something changed, and every `rescan_interval` in case no event comes (containers without
// udev, an arrival announced before udev set the permissions). Changes and listing errors are
// reported on that thread.
class UsbPlugMonitor {
public:
    using ListDevices = std::function<Result<std::vector<UsbDeviceInfo>>()>;
    using OnChanges = std::function<void(const std::vector<PlugChange>&)>;
    using OnError = std::function<void(const Error&)>;

    // Lists through `context` unless `list` is given (tests give a fake bus). Without a
    // context there are no hotplug events: only the rescan and poke().
    UsbPlugMonitor(std::shared_ptr<UsbContext> context, std::chrono::milliseconds rescan_interval,
                   OnChanges on_changes, OnError on_error, ListDevices list = {});
    ~UsbPlugMonitor();
    UsbPlugMonitor(const UsbPlugMonitor&) = delete;
    UsbPlugMonitor& operator=(const UsbPlugMonitor&) = delete;

    void start();
    // Nothing is reported once stop() returns.
    void stop();
    // List again now. Only takes a lock and wakes the thread: libusb 1.0.26 forbids synchronous
    // I/O (listing opens devices) inside a hotplug callback, which is where this is called.
    void poke();
    // After start(): whether libusb delivers hotplug events here, or only the rescan runs.
    bool has_hotplug_events() const { return m_hotplug.active(); }

    // How soon a listing is made again while a device is settling, and how long a device may
    // settle before it is listed as it is (see UsbDeviceInfo::strings_pending).
    static constexpr std::chrono::milliseconds k_settling_relook{50};
    static constexpr std::chrono::milliseconds k_settling_limit{2000};

private:
    void run();
    bool hold_back_settling(std::vector<UsbDeviceInfo>& listed);

    std::shared_ptr<UsbContext> m_context;
    ListDevices m_list;
    std::chrono::milliseconds m_interval;
    OnChanges m_on_changes;
    OnError m_on_error;
    DeviceTracker m_tracker;  // the monitor thread's alone
    std::map<std::string, std::chrono::steady_clock::time_point> m_pending_since;  // likewise
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_poked = false;
    bool m_stop = false;
    std::thread m_thread;
    HotplugRegistration m_hotplug;
};

}  // namespace rs::devices
