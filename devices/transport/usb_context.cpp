// UsbContext: libusb 1.0.26 initialisation (libusb_init: no libusb_init_context yet) and listing.
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

UsbContext::~UsbContext() {
    if (m_context) libusb_exit(m_context);
}

Result<std::unique_ptr<UsbContext>> UsbContext::create() {
    libusb_context* context = nullptr;
    int status = libusb_init(&context);
    if (status != 0)
        return fail(ErrorCode::Io, fmt::format("cannot start libusb: {}", libusb_strerror(status)),
                    "usb");
    return std::unique_ptr<UsbContext>(new UsbContext(context));
}

bool UsbContext::has_hotplug() const {
    return libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG);
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
        if (libusb_open(device, &handle) == 0) {
            info.serial = read_string(handle, descriptor.iSerialNumber);
            info.manufacturer = read_string(handle, descriptor.iManufacturer);
            info.product = read_string(handle, descriptor.iProduct);
            libusb_close(handle);
        } else {
            k_log.debug("cannot open {} at {} to read its strings", info.vid_pid(), info.port_path);
        }
        devices.push_back(std::move(info));
    }
    libusb_free_device_list(list, 1);
    return devices;
}

}  // namespace rs::devices
