// UsbBulkChannel: libusb 1.0.26 synchronous bulk transfers on a printer-class interface.
#include "devices/transport/usb_bulk.h"

#include <fmt/format.h>
#include <libusb.h>

namespace rs::devices {
namespace {

constexpr int k_printer_class = 7;
constexpr std::uint8_t k_get_device_id = 0;  // USB Printer Class 1.1, section 4.2.1

std::unexpected<Error> usb_error(ErrorCode code, const std::string& what, int status) {
    return fail(code, fmt::format("{}: {}", what, libusb_strerror(status)), "usb");
}

}  // namespace

UsbBulkChannel::~UsbBulkChannel() {
    if (!m_handle) return;
    libusb_release_interface(m_handle, m_interface);
    if (m_detached) libusb_attach_kernel_driver(m_handle, m_interface);
    libusb_close(m_handle);
}

UsbBulkChannel::UsbBulkChannel(UsbBulkChannel&& other) noexcept
    : m_handle(other.m_handle),
      m_interface(other.m_interface),
      m_alt(other.m_alt),
      m_out(other.m_out),
      m_in(other.m_in),
      m_detached(other.m_detached) {
    other.m_handle = nullptr;
}

Result<UsbBulkChannel> UsbBulkChannel::open(UsbContext& context, const UsbMatch& match) {
    auto devices = context.enumerate();
    if (!devices) return std::unexpected(devices.error());
    libusb_device** list = nullptr;
    ssize_t count = libusb_get_device_list(context.native(), &list);
    if (count < 0) return fail(ErrorCode::Io, "cannot list USB devices", "usb");
    std::string wanted = fmt::format("{:04x}:{:04x}", match.vendor_id, match.product_id);
    UsbBulkChannel channel;
    libusb_device* found = nullptr;
    for (ssize_t i = 0; i < count && !found; ++i)
        for (const auto& info : *devices)
            if (info.bus == libusb_get_bus_number(list[i]) &&
                info.address == libusb_get_device_address(list[i]) && match.matches(info))
                found = list[i];
    if (found) {
        libusb_config_descriptor* config = nullptr;
        if (libusb_get_active_config_descriptor(found, &config) == 0) {
            for (int i = 0; i < config->bNumInterfaces && channel.m_interface < 0; ++i) {
                const libusb_interface& iface = config->interface[i];
                for (int a = 0; a < iface.num_altsetting && channel.m_interface < 0; ++a) {
                    const libusb_interface_descriptor& alt = iface.altsetting[a];
                    if (alt.bInterfaceClass != k_printer_class) continue;
                    unsigned char out = 0, in = 0;
                    for (int e = 0; e < alt.bNumEndpoints; ++e) {
                        const auto& ep = alt.endpoint[e];
                        if ((ep.bmAttributes & 0x03) != LIBUSB_TRANSFER_TYPE_BULK) continue;
                        if (ep.bEndpointAddress & LIBUSB_ENDPOINT_IN)
                            in = ep.bEndpointAddress;
                        else
                            out = ep.bEndpointAddress;
                    }
                    if (!out) continue;
                    channel.m_interface = alt.bInterfaceNumber;
                    channel.m_alt = alt.bAlternateSetting;
                    channel.m_out = out;
                    channel.m_in = in;
                }
            }
            libusb_free_config_descriptor(config);
        }
    }
    int status = found && channel.m_interface >= 0 ? libusb_open(found, &channel.m_handle)
                                                   : LIBUSB_ERROR_NOT_FOUND;
    libusb_free_device_list(list, 1);
    if (!found)
        return fail(ErrorCode::NotFound, fmt::format("USB printer {} is not plugged in", wanted),
                    "usb");
    if (channel.m_interface < 0)
        return fail(
            ErrorCode::Unsupported,
            fmt::format("USB device {} has no printer interface with a bulk OUT endpoint", wanted),
            "usb");
    if (status != 0) {
        channel.m_handle = nullptr;
        return usb_error(
            ErrorCode::Io,
            fmt::format("cannot open USB printer {} (udev rules of docs/hardware.md?)", wanted),
            status);
    }
    // usblp holds the interface when loaded; it is given back when the channel closes.
    if (libusb_kernel_driver_active(channel.m_handle, channel.m_interface) == 1 &&
        libusb_detach_kernel_driver(channel.m_handle, channel.m_interface) == 0)
        channel.m_detached = true;
    status = libusb_claim_interface(channel.m_handle, channel.m_interface);
    if (status != 0)
        return usb_error(ErrorCode::Busy, fmt::format("cannot claim USB printer {}", wanted),
                         status);
    if (channel.m_alt != 0)
        libusb_set_interface_alt_setting(channel.m_handle, channel.m_interface, channel.m_alt);
    return channel;
}

Status UsbBulkChannel::write(std::string_view bytes, unsigned timeout_ms, std::size_t* written) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        int chunk = static_cast<int>(std::min<std::size_t>(bytes.size() - done, 16384));
        int moved = 0;
        auto* data = reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data() + done));
        int status = libusb_bulk_transfer(m_handle, m_out, data, chunk, &moved, timeout_ms);
        done += static_cast<std::size_t>(moved);
        if (status != 0) {
            if (written) *written = done;
            return usb_error(
                status == LIBUSB_ERROR_TIMEOUT ? ErrorCode::Timeout : ErrorCode::Io,
                fmt::format("USB write stopped after {} of {} bytes", done, bytes.size()), status);
        }
    }
    if (written) *written = done;
    return {};
}

Result<std::string> UsbBulkChannel::read(unsigned timeout_ms) {
    if (!m_in)
        return fail(ErrorCode::Unsupported, "this USB printer has no bulk IN endpoint", "usb");
    unsigned char buffer[4096];
    int moved = 0;
    int status = libusb_bulk_transfer(m_handle, m_in, buffer, sizeof buffer, &moved, timeout_ms);
    if (status != 0 && !(status == LIBUSB_ERROR_TIMEOUT && moved > 0))
        return usb_error(status == LIBUSB_ERROR_TIMEOUT ? ErrorCode::Timeout : ErrorCode::Io,
                         "USB read", status);
    return std::string(reinterpret_cast<char*>(buffer), static_cast<std::size_t>(moved));
}

Result<std::string> UsbBulkChannel::device_id(unsigned timeout_ms) {
    unsigned char buffer[1024];
    int status = libusb_control_transfer(
        m_handle,
        static_cast<std::uint8_t>(static_cast<int>(LIBUSB_ENDPOINT_IN) |
                                  static_cast<int>(LIBUSB_REQUEST_TYPE_CLASS) |
                                  static_cast<int>(LIBUSB_RECIPIENT_INTERFACE)),
        k_get_device_id, 0, static_cast<std::uint16_t>((m_interface << 8) | m_alt), buffer,
        sizeof buffer, timeout_ms);
    if (status < 2) return usb_error(ErrorCode::Io, "GET_DEVICE_ID", status < 0 ? status : 0);
    // The first two bytes are the length, big-endian, counting themselves.
    std::size_t length = static_cast<std::size_t>((buffer[0] << 8) | buffer[1]);
    length = std::min<std::size_t>({length, static_cast<std::size_t>(status), sizeof buffer});
    return std::string(reinterpret_cast<char*>(buffer) + 2, length > 2 ? length - 2 : 0);
}

}  // namespace rs::devices
