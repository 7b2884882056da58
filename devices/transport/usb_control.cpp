// UsbControlChannel and interface listing: libusb 1.0.26 synchronous control transfers.
#include "devices/transport/usb_control.h"

#include <fmt/format.h>
#include <libusb.h>

#include "common/logger.h"

namespace rs::devices {
namespace {

const Logger k_log("usb");

std::string read_string(libusb_device_handle* handle, std::uint8_t index) {
    if (index == 0 || !handle) return {};
    unsigned char text[256];
    int length = libusb_get_string_descriptor_ascii(handle, index, text, sizeof(text));
    if (length <= 0) return {};
    return std::string(reinterpret_cast<char*>(text), static_cast<std::size_t>(length));
}

std::unexpected<Error> transfer_failed(const std::string& what, int status) {
    const char* kind = status == LIBUSB_ERROR_PIPE        ? "usb:stall"
                       : status == LIBUSB_ERROR_TIMEOUT   ? "usb:timeout"
                       : status == LIBUSB_ERROR_NO_DEVICE ? "usb:gone"
                                                          : "usb";
    ErrorCode code = status == LIBUSB_ERROR_TIMEOUT ? ErrorCode::Timeout
                     : status == LIBUSB_ERROR_PIPE  ? ErrorCode::Protocol
                                                    : ErrorCode::Io;
    return fail(code, fmt::format("{}: {}", what, libusb_strerror(status)), kind);
}

}  // namespace

Result<std::vector<UsbDeviceDescription>> describe_usb_devices(UsbContext& context) {
    auto infos = context.enumerate();
    if (!infos) return std::unexpected(infos.error());
    libusb_device** list = nullptr;
    ssize_t count = libusb_get_device_list(context.native(), &list);
    if (count < 0) return fail(ErrorCode::Io, "cannot list USB devices", "usb");
    std::vector<UsbDeviceDescription> described;
    for (ssize_t i = 0; i < count; ++i) {
        libusb_device* device = list[i];
        UsbDeviceDescription description;
        bool known = false;
        for (const auto& info : *infos)
            if (info.bus == libusb_get_bus_number(device) &&
                info.address == libusb_get_device_address(device)) {
                description.info = info;
                known = true;
            }
        if (!known) continue;
        libusb_device_descriptor descriptor{};
        if (libusb_get_device_descriptor(device, &descriptor) == 0)
            description.bcd_device = descriptor.bcdDevice;
        libusb_config_descriptor* config = nullptr;
        if (libusb_get_active_config_descriptor(device, &config) == 0) {
            libusb_device_handle* handle = nullptr;
            if (libusb_open(device, &handle) != 0) handle = nullptr;
            for (int n = 0; n < config->bNumInterfaces; ++n) {
                const libusb_interface& iface = config->interface[n];
                for (int a = 0; a < iface.num_altsetting; ++a) {
                    const libusb_interface_descriptor& alt = iface.altsetting[a];
                    UsbInterfaceDescription entry;
                    entry.number = alt.bInterfaceNumber;
                    entry.alt_setting = alt.bAlternateSetting;
                    entry.interface_class = alt.bInterfaceClass;
                    entry.subclass = alt.bInterfaceSubClass;
                    entry.protocol = alt.bInterfaceProtocol;
                    if (alt.extra && alt.extra_length > 0)
                        entry.extra.assign(alt.extra, alt.extra + alt.extra_length);
                    entry.name = read_string(handle, alt.iInterface);
                    description.interfaces.push_back(std::move(entry));
                }
            }
            if (handle) libusb_close(handle);
            libusb_free_config_descriptor(config);
        } else {
            k_log.debug("no active configuration on {}", description.info.vid_pid());
        }
        described.push_back(std::move(description));
    }
    libusb_free_device_list(list, 1);
    return described;
}

UsbControlChannel::~UsbControlChannel() {
    close();
}

UsbControlChannel::UsbControlChannel(UsbControlChannel&& other) noexcept
    : m_handle(other.m_handle), m_interface(other.m_interface), m_detached(other.m_detached) {
    other.m_handle = nullptr;
}

UsbControlChannel& UsbControlChannel::operator=(UsbControlChannel&& other) noexcept {
    if (this != &other) {
        close();
        m_handle = other.m_handle;
        m_interface = other.m_interface;
        m_detached = other.m_detached;
        other.m_handle = nullptr;
    }
    return *this;
}

void UsbControlChannel::close() {
    if (!m_handle) return;
    libusb_release_interface(m_handle, m_interface);
    if (m_detached) libusb_attach_kernel_driver(m_handle, m_interface);
    libusb_close(m_handle);
    m_handle = nullptr;
}

Result<UsbControlChannel> UsbControlChannel::open(UsbContext& context, std::uint8_t bus,
                                                  std::uint8_t address,
                                                  std::uint8_t interface_number,
                                                  std::uint8_t alt_setting) {
    libusb_device** list = nullptr;
    ssize_t count = libusb_get_device_list(context.native(), &list);
    if (count < 0) return fail(ErrorCode::Io, "cannot list USB devices", "usb");
    libusb_device* found = nullptr;
    for (ssize_t i = 0; i < count && !found; ++i)
        if (libusb_get_bus_number(list[i]) == bus && libusb_get_device_address(list[i]) == address)
            found = list[i];
    UsbControlChannel channel;
    int status = found ? libusb_open(found, &channel.m_handle) : LIBUSB_ERROR_NO_DEVICE;
    libusb_free_device_list(list, 1);
    if (status != 0) {
        channel.m_handle = nullptr;
        return transfer_failed(
            fmt::format("cannot open USB device {}:{} (udev rules of docs/firmware.md?)", bus,
                        address),
            status);
    }
    channel.m_interface = interface_number;
    if (libusb_kernel_driver_active(channel.m_handle, interface_number) == 1 &&
        libusb_detach_kernel_driver(channel.m_handle, interface_number) == 0)
        channel.m_detached = true;
    status = libusb_claim_interface(channel.m_handle, interface_number);
    if (status != 0) {
        libusb_close(channel.m_handle);
        channel.m_handle = nullptr;
        return transfer_failed(
            fmt::format("cannot claim interface {} (another program uses the device?)",
                        interface_number),
            status);
    }
    if (alt_setting != 0) {
        status = libusb_set_interface_alt_setting(channel.m_handle, interface_number, alt_setting);
        if (status != 0)
            return transfer_failed(fmt::format("cannot select alternate setting {}", alt_setting),
                                   status);
    }
    return channel;
}

Status UsbControlChannel::control_out(std::uint8_t request_type, std::uint8_t request,
                                      std::uint16_t value, std::uint16_t index,
                                      std::span<const std::uint8_t> data, unsigned timeout_ms) {
    if (!m_handle) return fail(ErrorCode::Io, "USB device is closed", "usb:gone");
    int status = libusb_control_transfer(m_handle, request_type, request, value, index,
                                         const_cast<std::uint8_t*>(data.data()),
                                         static_cast<std::uint16_t>(data.size()), timeout_ms);
    if (status < 0) return transfer_failed(fmt::format("control request {}", request), status);
    if (static_cast<std::size_t>(status) != data.size())
        return fail(
            ErrorCode::Io,
            fmt::format("control request {} sent {} of {} bytes", request, status, data.size()),
            "usb");
    return {};
}

Result<std::vector<std::uint8_t>> UsbControlChannel::control_in(
    std::uint8_t request_type, std::uint8_t request, std::uint16_t value, std::uint16_t index,
    std::uint16_t length, unsigned timeout_ms) {
    if (!m_handle) return fail(ErrorCode::Io, "USB device is closed", "usb:gone");
    std::vector<std::uint8_t> buffer(length);
    int status = libusb_control_transfer(m_handle, request_type, request, value, index,
                                         buffer.data(), length, timeout_ms);
    if (status < 0) return transfer_failed(fmt::format("control request {}", request), status);
    buffer.resize(static_cast<std::size_t>(status));
    return buffer;
}

Status UsbControlChannel::reset() {
    if (!m_handle) return fail(ErrorCode::Io, "USB device is closed", "usb:gone");
    int status = libusb_reset_device(m_handle);
    // NOT_FOUND: the device re-enumerated as another one, which is what a DFU reset often does.
    if (status != 0 && status != LIBUSB_ERROR_NOT_FOUND && status != LIBUSB_ERROR_NO_DEVICE)
        return transfer_failed("USB reset", status);
    return {};
}

}  // namespace rs::devices
