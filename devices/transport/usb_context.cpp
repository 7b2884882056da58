// UsbContext: libusb 1.0.26 initialisation (libusb_init: no libusb_init_context yet), the event
// thread, listing and hotplug callbacks.
#include "devices/transport/usb_context.h"

#include <fmt/format.h>
#include <libusb.h>

#include "common/logger.h"

namespace rs::devices {
namespace {

const Logger k_log("usb");

std::string read_string(libusb_device_handle* handle, std::uint8_t index) {
    if (index == 0) return {};
    unsigned char text[256];
    int length = libusb_get_string_descriptor_ascii(handle, index, text, sizeof(text));
    if (length <= 0) return {};
    return std::string(reinterpret_cast<char*>(text), static_cast<std::size_t>(length));
}

}  // namespace

// The callback and the switch that turns it off, under one lock: once release() returns, the
// callback is never entered again, so its captures may go.
struct HotplugRegistration::Listener {
    std::mutex mutex;
    bool active = true;
    std::function<void()> on_change;
};

namespace {

int LIBUSB_CALL on_hotplug(libusb_context*, libusb_device*, libusb_hotplug_event, void* data) {
    auto* listener = static_cast<HotplugRegistration::Listener*>(data);
    std::lock_guard lock(listener->mutex);
    if (listener->active) listener->on_change();
    return 0;  // stay registered
}

}  // namespace

HotplugRegistration::~HotplugRegistration() {
    release();
}

HotplugRegistration::HotplugRegistration(HotplugRegistration&& other) noexcept
    : m_context(std::exchange(other.m_context, nullptr)),
      m_listener(std::exchange(other.m_listener, nullptr)),
      m_handle(other.m_handle) {}

HotplugRegistration& HotplugRegistration::operator=(HotplugRegistration&& other) noexcept {
    if (this != &other) {
        release();
        m_context = std::exchange(other.m_context, nullptr);
        m_listener = std::exchange(other.m_listener, nullptr);
        m_handle = other.m_handle;
    }
    return *this;
}

void HotplugRegistration::release() {
    if (m_context) m_context->deregister(m_listener, m_handle);
    m_context = nullptr;
    m_listener = nullptr;
}

UsbContext::UsbContext(libusb_context* context) : m_context(context) {
    m_event_thread = std::thread([this] { run_events(); });
}

UsbContext::~UsbContext() {
    m_stop = true;
    libusb_interrupt_event_handler(m_context);  // wakes the event thread at once
    if (m_event_thread.joinable()) m_event_thread.join();
    libusb_exit(m_context);
}

Result<std::shared_ptr<UsbContext>> UsbContext::create() {
    libusb_context* context = nullptr;
    int status = libusb_init(&context);
    if (status != 0)
        return fail(ErrorCode::Io, fmt::format("cannot start libusb: {}", libusb_strerror(status)),
                    "usb");
    return std::shared_ptr<UsbContext>(new UsbContext(context));
}

Result<std::shared_ptr<UsbContext>> UsbContext::shared() {
    static std::mutex mutex;
    static std::weak_ptr<UsbContext> current;
    std::lock_guard lock(mutex);
    if (auto existing = current.lock()) return existing;
    auto created = create();
    if (created) current = *created;
    return created;
}

void UsbContext::run_events() {
    while (!m_stop) {
        timeval timeout{0, 200000};
        int status = libusb_handle_events_timeout_completed(m_context, &timeout, nullptr);
        if (status != 0 && status != LIBUSB_ERROR_INTERRUPTED)
            k_log.warn("USB event handling failed: {}", libusb_strerror(status));
    }
}

bool UsbContext::has_hotplug() const {
    return libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG);
}

HotplugRegistration UsbContext::watch_hotplug(std::function<void()> on_change) {
    if (!has_hotplug()) return {};
    auto listener = std::make_unique<HotplugRegistration::Listener>();
    listener->on_change = std::move(on_change);
    libusb_hotplug_callback_handle handle = 0;
    int status = libusb_hotplug_register_callback(
        m_context,
        static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                          LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        static_cast<libusb_hotplug_flag>(0), LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
        LIBUSB_HOTPLUG_MATCH_ANY, on_hotplug, listener.get(), &handle);
    if (status != 0) {
        k_log.warn("no USB hotplug events ({}): rescanning instead", libusb_strerror(status));
        return {};
    }
    std::lock_guard lock(m_listeners_mutex);
    m_listeners.push_back(std::move(listener));
    return HotplugRegistration(this, m_listeners.back().get(), handle);
}

void UsbContext::deregister(HotplugRegistration::Listener* listener, int handle) {
    libusb_hotplug_deregister_callback(m_context, handle);
    std::lock_guard lock(listener->mutex);
    listener->active = false;
}

Result<std::vector<UsbDeviceInfo>> UsbContext::enumerate() {
    libusb_device** list = nullptr;
    ssize_t count = libusb_get_device_list(m_context, &list);
    if (count < 0)
        return fail(
            ErrorCode::Io,
            fmt::format("cannot list USB devices: {}", libusb_strerror(static_cast<int>(count))),
            "usb");
    std::vector<UsbDeviceInfo> devices;
    for (ssize_t i = 0; i < count; ++i) {
        libusb_device* device = list[i];
        libusb_device_descriptor descriptor{};
        if (libusb_get_device_descriptor(device, &descriptor) != 0) continue;
        UsbDeviceInfo info;
        info.vendor_id = descriptor.idVendor;
        info.product_id = descriptor.idProduct;
        info.bus = libusb_get_bus_number(device);
        info.address = libusb_get_device_address(device);
        std::uint8_t ports[8];
        int depth = libusb_get_port_numbers(device, ports, sizeof(ports));
        info.port_path = fmt::format("{}", info.bus);
        for (int p = 0; p < depth; ++p)
            info.port_path += fmt::format("{}{}", p == 0 ? "-" : ".", ports[p]);
        libusb_device_handle* handle = nullptr;
        // Strings need the device opened; without permission (no udev rule) they stay empty
        // and identity falls back to the port chain.
        if (int opened = libusb_open(device, &handle); opened == 0) {
            info.serial = read_string(handle, descriptor.iSerialNumber);
            info.manufacturer = read_string(handle, descriptor.iManufacturer);
            info.product = read_string(handle, descriptor.iProduct);
            libusb_close(handle);
        } else {
            // Right after a plug the kernel may still be setting the device up (seen under
            // load: NO_DEVICE, IO): its serial will be readable in a moment, and naming it by
            // port now would make it another device than the one unplugged.
            info.strings_pending = opened != LIBUSB_ERROR_ACCESS && descriptor.iSerialNumber != 0;
            k_log.debug("cannot open {} at {} to read its strings: {}{}", info.vid_pid(),
                        info.port_path, libusb_error_name(opened),
                        info.strings_pending ? " (will look again)" : "");
        }
        devices.push_back(std::move(info));
    }
    libusb_free_device_list(list, 1);
    return devices;
}

}  // namespace rs::devices
