// UsbInterruptReader: libusb claim with kernel-driver detach/re-attach and async interrupt-IN.
#include "devices/transport/usb_interrupt_reader.h"

#include <fmt/format.h>
#include <libusb.h>

#include <chrono>
#include <thread>

#include "common/logger.h"

namespace rs::devices {
namespace {

const Logger k_log("usb");
constexpr int k_report_buffer = 64;  // full-speed interrupt max packet size

}  // namespace

bool UsbMatch::matches(const UsbDeviceInfo& device) const {
    return device.vendor_id == vendor_id && device.product_id == product_id &&
           (serial.empty() || device.serial == serial) &&
           (port_path.empty() || device.port_path == port_path);
}

UsbInterruptReader::~UsbInterruptReader() {
    close();
}

Status UsbInterruptReader::open(const UsbMatch& match, int interface_number,
                                ReportHandler on_report, GoneHandler on_gone) {
    if (m_handle) return fail(ErrorCode::Conflict, "USB reader already open", "usb");
    auto devices = m_context->enumerate();
    if (!devices) return std::unexpected(devices.error());
    libusb_device** list = nullptr;
    ssize_t count = libusb_get_device_list(m_context->native(), &list);
    if (count < 0) return fail(ErrorCode::Io, "cannot list USB devices", "usb");
    libusb_device* found = nullptr;
    for (ssize_t i = 0; i < count && !found; ++i) {
        for (const auto& info : *devices) {
            if (info.bus == libusb_get_bus_number(list[i]) &&
                info.address == libusb_get_device_address(list[i]) && match.matches(info)) {
                found = list[i];
                break;
            }
        }
    }
    std::string wanted = fmt::format("{:04x}:{:04x}", match.vendor_id, match.product_id);
    if (!found) {
        libusb_free_device_list(list, 1);
        return fail(ErrorCode::NotFound, fmt::format("USB device {} is not plugged in", wanted),
                    "usb");
    }
    // The endpoint: the first interrupt-IN of the interface.
    unsigned char endpoint = 0;
    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(found, &config) == 0) {
        if (interface_number < config->bNumInterfaces) {
            const libusb_interface& iface = config->interface[interface_number];
            if (iface.num_altsetting > 0) {
                const libusb_interface_descriptor& alt = iface.altsetting[0];
                for (int e = 0; e < alt.bNumEndpoints && !endpoint; ++e) {
                    const auto& ep = alt.endpoint[e];
                    if ((ep.bmAttributes & 0x03) == LIBUSB_TRANSFER_TYPE_INTERRUPT &&
                        (ep.bEndpointAddress & LIBUSB_ENDPOINT_IN))
                        endpoint = ep.bEndpointAddress;
                }
            }
        }
        libusb_free_config_descriptor(config);
    }
    int status = libusb_open(found, &m_handle);
    libusb_free_device_list(list, 1);
    if (status != 0) {
        m_handle = nullptr;
        return fail(ErrorCode::Io,
                    fmt::format("cannot open USB device {}: {} (udev rules of docs/hardware.md?)",
                                wanted, libusb_strerror(status)),
                    "usb");
    }
    if (!endpoint) {
        close();
        return fail(
            ErrorCode::Unsupported,
            fmt::format("{} interface {} has no interrupt-IN endpoint", wanted, interface_number),
            "usb");
    }
    m_interface = interface_number;
    if (libusb_kernel_driver_active(m_handle, m_interface) == 1) {
        status = libusb_detach_kernel_driver(m_handle, m_interface);
        if (status != 0) {
            close();
            return fail(ErrorCode::Busy,
                        fmt::format("cannot detach the kernel driver of {}: {}", wanted,
                                    libusb_strerror(status)),
                        "usb");
        }
        m_detached = true;
    }
    status = libusb_claim_interface(m_handle, m_interface);
    if (status != 0) {
        close();
        return fail(ErrorCode::Busy,
                    fmt::format("cannot claim {} interface {}: {}", wanted, interface_number,
                                libusb_strerror(status)),
                    "usb");
    }
    m_on_report = std::move(on_report);
    m_on_gone = std::move(on_gone);
    m_buffer = std::make_unique<std::uint8_t[]>(k_report_buffer);
    m_transfer = libusb_alloc_transfer(0);
    libusb_fill_interrupt_transfer(m_transfer, m_handle, endpoint, m_buffer.get(), k_report_buffer,
                                   &UsbInterruptReader::on_transfer, this, 0);
    m_stop = false;
    status = libusb_submit_transfer(m_transfer);
    if (status != 0) {
        close();
        return fail(ErrorCode::Io,
                    fmt::format("cannot start reading {}: {}", wanted, libusb_strerror(status)),
                    "usb");
    }
    m_transfer_active = true;
    return {};
}

Result<std::vector<std::uint8_t>> UsbInterruptReader::control_in(
    std::uint8_t request_type, std::uint8_t request, std::uint16_t value, std::uint16_t index,
    std::uint16_t max_length, unsigned timeout_ms) {
    if (!m_handle) return fail(ErrorCode::Conflict, "USB reader is not open", "usb");
    std::vector<std::uint8_t> data(max_length);
    int got = libusb_control_transfer(m_handle, request_type | LIBUSB_ENDPOINT_IN, request, value,
                                      index, data.data(), max_length, timeout_ms);
    if (got == LIBUSB_ERROR_TIMEOUT)
        return fail(ErrorCode::Timeout, "USB control transfer got no answer", "usb");
    if (got < 0)
        return fail(ErrorCode::Io,
                    fmt::format("USB control transfer failed: {}", libusb_strerror(got)), "usb");
    data.resize(static_cast<std::size_t>(got));
    return data;
}

void UsbInterruptReader::on_transfer(libusb_transfer* transfer) {
    auto* self = static_cast<UsbInterruptReader*>(transfer->user_data);
    if (transfer->status == LIBUSB_TRANSFER_COMPLETED) {
        // A zero-length packet carries no report: a device may send one to end a transfer that
        // filled whole packets (Linux's HID gadget did after each 64-byte HID POS report, in the
        // USB guest tests). Handed on, it read as a truncated report: a false "scan it again".
        if (self->m_on_report && transfer->actual_length > 0)
            self->m_on_report(std::span<const std::uint8_t>(
                transfer->buffer, static_cast<std::size_t>(transfer->actual_length)));
        if (!self->m_stop && libusb_submit_transfer(transfer) == 0) return;
    } else if (transfer->status == LIBUSB_TRANSFER_NO_DEVICE && self->m_on_gone) {
        self->m_on_gone(Error{ErrorCode::Io, "the USB scanner was unplugged", "usb"});
    } else if (transfer->status != LIBUSB_TRANSFER_CANCELLED && self->m_on_gone) {
        self->m_on_gone(Error{ErrorCode::Io,
                              fmt::format("USB read failed: {}",
                                          libusb_error_name(static_cast<int>(transfer->status))),
                              "usb"});
    }
    self->m_transfer_active = false;
}

bool UsbInterruptReader::wait_for_transfer_end() {
    using namespace std::chrono;
    auto deadline = steady_clock::now() + seconds(5);
    while (m_transfer_active) {
        // Cancelled again each round: a completion running while we set m_stop may have
        // resubmitted the transfer after our first cancel.
        libusb_cancel_transfer(m_transfer);
        if (steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(milliseconds(10));
    }
    return true;
}

void UsbInterruptReader::close() {
    m_stop = true;
    if (m_transfer && !wait_for_transfer_end()) {
        // Freeing a transfer libusb still owns would corrupt memory: leak it and the handle.
        k_log.error("a USB transfer did not come back after cancel; leaving the device open");
        m_transfer = nullptr;
        m_handle = nullptr;
        static_cast<void>(m_buffer.release());
        return;
    }
    if (m_transfer) libusb_free_transfer(m_transfer);
    m_transfer = nullptr;
    if (m_handle) {
        libusb_release_interface(m_handle, m_interface);
        if (m_detached) libusb_attach_kernel_driver(m_handle, m_interface);
        libusb_close(m_handle);
        k_log.debug("released USB interface {}", m_interface);
    }
    m_detached = false;
    m_handle = nullptr;
}

}  // namespace rs::devices
