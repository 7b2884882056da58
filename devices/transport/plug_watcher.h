// PlugWatcher: keeps a DeviceTracker up to date from hotplug nudges and a periodic rescan.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "common/error.h"
#include "devices/transport/device_tracker.h"

namespace rs::devices {

// Lists devices on its own thread: at start, whenever poke() says something changed (libusb's
// hotplug callback may not list devices itself) and every `rescan_interval` in case no event
// comes (containers without udev). Changes are reported on that thread.
class PlugWatcher {
public:
    using ListDevices = std::function<Result<std::vector<UsbDeviceInfo>>()>;
    using OnChanges = std::function<void(const std::vector<PlugChange>&)>;
    using OnError = std::function<void(const Error&)>;

    PlugWatcher(ListDevices list, std::chrono::milliseconds rescan_interval, OnChanges on_changes,
                OnError on_error);
    ~PlugWatcher();
    PlugWatcher(const PlugWatcher&) = delete;
    PlugWatcher& operator=(const PlugWatcher&) = delete;

    void start();
    void stop();
    // Something arrived or left: list again now. Only takes a lock and wakes the thread, so a
    // hotplug callback may call it.
    void poke();

private:
    void run();

    ListDevices m_list;
    std::chrono::milliseconds m_interval;
    OnChanges m_on_changes;
    OnError m_on_error;
    DeviceTracker m_tracker;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_poked = false;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace rs::devices
