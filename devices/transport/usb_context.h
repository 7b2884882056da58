// UsbContext: the one libusb context of the process, its event thread, listing and hotplug.
#pragma once

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/error.h"
#include "devices/transport/usb_device_info.h"

struct libusb_context;

namespace rs::devices {

class UsbContext;

// Keeps one hotplug callback registered; deregisters it when destroyed. Empty (active() false)
// where libusb has no hotplug support: the holder then relies on its periodic rescan.
class HotplugRegistration {
public:
    HotplugRegistration() = default;
    ~HotplugRegistration();
    HotplugRegistration(HotplugRegistration&& other) noexcept;
    HotplugRegistration& operator=(HotplugRegistration&& other) noexcept;
    bool active() const { return m_context != nullptr; }

    struct Listener;  // defined in usb_context.cpp: the callback and its off switch

private:
    friend class UsbContext;
    HotplugRegistration(UsbContext* context, Listener* listener, int handle)
        : m_context(context), m_listener(listener), m_handle(handle) {}
    void release();

    UsbContext* m_context = nullptr;
    Listener* m_listener = nullptr;
    int m_handle = 0;
};

// All USB work of the process shares one context, and one thread runs its events: the
// asynchronous transfers of every reader and the hotplug callbacks. libusb allows several
// threads to handle events, but one is simpler to reason about and is what libusb recommends.
class UsbContext {
public:
    ~UsbContext();
    UsbContext(const UsbContext&) = delete;
    UsbContext& operator=(const UsbContext&) = delete;

    // Initialises libusb and starts the event thread.
    static Result<std::shared_ptr<UsbContext>> create();
    // The context every part of the process shares (scanners, printers, the plug watcher):
    // made on first use, kept while anyone holds it.
    static Result<std::shared_ptr<UsbContext>> shared();

    // Every device on every bus; an empty list on a machine without USB is not an error.
    Result<std::vector<UsbDeviceInfo>> enumerate();
    // False in containers without udev: callers then rescan periodically.
    bool has_hotplug() const;
    // `on_change` runs on the event thread whenever any device arrives or leaves. It must only
    // take note (set a flag, wake a thread) and return: libusb forbids synchronous I/O there,
    // and a hotplug arrival can come before udev has set the device's permissions.
    HotplugRegistration watch_hotplug(std::function<void()> on_change);
    libusb_context* native() const { return m_context; }

private:
    friend class HotplugRegistration;
    explicit UsbContext(libusb_context* context);
    void run_events();
    void deregister(HotplugRegistration::Listener* listener, int handle);

    libusb_context* m_context;
    std::atomic<bool> m_stop{false};
    std::thread m_event_thread;
    std::mutex m_listeners_mutex;
    // Listeners stay allocated until the context goes: libusb may still be calling one while
    // it is being deregistered, so a deregistered listener is only switched off.
    std::list<std::unique_ptr<HotplugRegistration::Listener>> m_listeners;
};

}  // namespace rs::devices
