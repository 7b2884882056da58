// usb_gadget: the device side of the USB guest tests. Runs inside the QEMU guest and plays what a
// real scanner or printer sends over its gadget node (/dev/hidgN, /dev/g_printerN): keyboard
// reports typed key by key, HID POS reports, and a Zebra printer that keeps the ZPL it receives
// and answers ~HS, ~HQES and ~HI. Its key table is its own (USB HID usage tables 1.12, chapter
// 10), not the station's decoder, so a mistake in either shows.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "devices/printer/zpl_status_protocol.h"
#include "tests/usb/dfu_gadget.h"
#include "tools/printer_emulator/zpl_stream.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;

int fail(const std::string& what) {
    std::fprintf(stderr, "usb_gadget: %s: %s\n", what.c_str(), std::strerror(errno));
    return 1;
}

// Writes all of `bytes` to a non-blocking gadget node within `timeout_ms`: a HID gadget's write
// waits until the host has read the previous report, and a host that never reads must end the
// test with an error rather than hang it.
bool write_all(int fd, const std::uint8_t* bytes, std::size_t size, int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (size > 0) {
        ssize_t written = ::write(fd, bytes, size);
        if (written > 0) {
            bytes += written;
            size -= static_cast<std::size_t>(written);
            continue;
        }
        if (written < 0 && errno != EAGAIN && errno != EINTR) return false;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0) {
            errno = ETIMEDOUT;
            return false;
        }
        pollfd wait{fd, POLLOUT, 0};
        ::poll(&wait, 1, static_cast<int>(left));
    }
    return true;
}

// A US keyboard: the usage id and whether Shift is held, for the printable ASCII a barcode holds.
std::optional<std::pair<std::uint8_t, bool>> us_key(char c) {
    if (c >= 'a' && c <= 'z') return std::pair{std::uint8_t(0x04 + (c - 'a')), false};
    if (c >= 'A' && c <= 'Z') return std::pair{std::uint8_t(0x04 + (c - 'A')), true};
    if (c >= '1' && c <= '9') return std::pair{std::uint8_t(0x1e + (c - '1')), false};
    constexpr std::string_view shifted_digits = "!@#$%^&*(";
    if (auto at = shifted_digits.find(c); at != std::string_view::npos)
        return std::pair{std::uint8_t(0x1e + at), true};
    switch (c) {
        case '0':
            return std::pair{std::uint8_t(0x27), false};
        case ')':
            return std::pair{std::uint8_t(0x27), true};
        case '\r':
            return std::pair{std::uint8_t(0x28), false};
        case ' ':
            return std::pair{std::uint8_t(0x2c), false};
        case '-':
            return std::pair{std::uint8_t(0x2d), false};
        case '_':
            return std::pair{std::uint8_t(0x2d), true};
        case '=':
            return std::pair{std::uint8_t(0x2e), false};
        case '+':
            return std::pair{std::uint8_t(0x2e), true};
        case '/':
            return std::pair{std::uint8_t(0x38), false};
        case '.':
            return std::pair{std::uint8_t(0x37), false};
        case ',':
            return std::pair{std::uint8_t(0x36), false};
        case ':':
            return std::pair{std::uint8_t(0x33), true};
        case ';':
            return std::pair{std::uint8_t(0x33), false};
        default:
            return std::nullopt;
    }
}

// Boot keyboard reports (modifiers, reserved, six keys): press and release per character, then
// Enter, as a scanner in keyboard mode types a code (without Enter: a code cut off mid-way).
int type_keys(const char* path, std::string_view text, bool enter) {
    int fd = ::open(path, O_WRONLY | O_NONBLOCK);
    if (fd < 0) return fail(std::string("open ") + path);
    std::string keys(text);
    if (enter) keys += '\r';
    for (char c : keys) {
        auto key = us_key(c);
        if (!key) {
            std::fprintf(stderr, "usb_gadget: no US key types '%c'\n", c);
            return 2;
        }
        std::array<std::uint8_t, 8> press{};
        press[0] = key->second ? 0x02 : 0x00;  // left Shift
        press[2] = key->first;
        std::array<std::uint8_t, 8> release{};
        if (!write_all(fd, press.data(), press.size(), 10000) ||
            !write_all(fd, release.data(), release.size(), 10000))
            return fail(std::string("write ") + path);
    }
    ::close(fd);
    return 0;
}

// Newland HID-POS input reports (NLS user guide): report id 2, data length, up to 56 data bytes
// from offset 2, Newland code id at 62, 64 bytes in all; a longer code goes on in the next report.
int newland_pos(const char* path, std::string_view text, char code_id) {
    int fd = ::open(path, O_WRONLY | O_NONBLOCK);
    if (fd < 0) return fail(std::string("open ") + path);
    std::size_t at = 0;
    do {
        std::array<std::uint8_t, 64> report{};
        std::size_t size = std::min<std::size_t>(56, text.size() - at);
        report[0] = 0x02;
        report[1] = static_cast<std::uint8_t>(size);
        std::memcpy(report.data() + 2, text.data() + at, size);
        report[62] = static_cast<std::uint8_t>(code_id);
        if (!write_all(fd, report.data(), report.size(), 10000))
            return fail(std::string("write ") + path);
        at += size;
    } while (at < text.size());
    ::close(fd);
    return 0;
}

// Honeywell HID POS input reports (the layout of devices/scanner/hid_pos_protocol.cpp, taken from
// a Voyager 1602g capture): report id 2, data length, AIM id at 2-4, up to 56 data bytes from 5,
// bit 0 of byte 63 set while more reports of the same code follow.
int honeywell_pos(const char* path, std::string_view text, std::string_view aim) {
    if (aim.size() != 3) {
        std::fprintf(stderr, "usb_gadget: an AIM id is three characters (]C1)\n");
        return 2;
    }
    int fd = ::open(path, O_WRONLY | O_NONBLOCK);
    if (fd < 0) return fail(std::string("open ") + path);
    std::size_t at = 0;
    do {
        std::array<std::uint8_t, 64> report{};
        std::size_t size = std::min<std::size_t>(56, text.size() - at);
        report[0] = 0x02;
        report[1] = static_cast<std::uint8_t>(size);
        std::memcpy(report.data() + 2, aim.data(), 3);
        std::memcpy(report.data() + 5, text.data() + at, size);
        at += size;
        report[63] = at < text.size() ? 0x01 : 0x00;
        if (!write_all(fd, report.data(), report.size(), 10000))
            return fail(std::string("write ") + path);
    } while (at < text.size());
    ::close(fd);
    return 0;
}

// A Zebra printer behind f_printer: formats kept as numbered files in `folder`, ~HS / ~HQES / ~HI
// answered on bulk IN. f_printer holds its lock across a blocking read, so a blocking read would
// stall the host's GET_DEVICE_ID and our own writes: non-blocking I/O and poll only.
int serve_printer(const char* path, const std::string& folder, const std::string& model) {
    int fd = ::open(path, O_RDWR | O_NONBLOCK);
    if (fd < 0) return fail(std::string("open ") + path);
    rs::tools::ZplStream stream;
    rs::devices::PrinterStatus status;
    status.answered = true;
    int formats = 0;
    std::printf("printer gadget ready on %s\n", path);
    std::fflush(stdout);
    while (!g_stop) {
        pollfd wait{fd, POLLIN, 0};
        if (::poll(&wait, 1, 200) <= 0) continue;
        char buffer[4096];
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got <= 0) {
            if (got < 0 && errno != EAGAIN && errno != EINTR) {
                // The host side went away (UDC unbound): wait for it to come back.
                ::usleep(100000);
            }
            continue;
        }
        std::string replies;
        for (const auto& event : stream.feed(std::string_view(buffer, std::size_t(got)))) {
            switch (event.kind) {
                case rs::tools::ZplEvent::Format: {
                    char name[32];
                    std::snprintf(name, sizeof name, "/%05d.zpl", ++formats);
                    std::ofstream(folder + name, std::ios::binary) << event.text;
                    std::printf("printer gadget: format %d, %zu bytes\n", formats,
                                event.text.size());
                    break;
                }
                case rs::tools::ZplEvent::HostStatus:
                    status.partial_format = stream.partial();
                    replies += rs::devices::format_host_status(status);
                    break;
                case rs::tools::ZplEvent::HostQueryErrors:
                    replies += rs::devices::format_hqes(status);
                    break;
                case rs::tools::ZplEvent::HostIdentification:
                    replies += rs::devices::format_identification(
                        {model, "V84.20.18Z-GADGET", 8, "8192KB"});
                    break;
                case rs::tools::ZplEvent::CancelAll:
                    stream.cancel_partial();
                    break;
                case rs::tools::ZplEvent::Unknown:
                    break;
            }
        }
        std::fflush(stdout);
        if (!replies.empty() &&
            !write_all(fd, reinterpret_cast<const std::uint8_t*>(replies.data()), replies.size(),
                       5000))
            std::fprintf(stderr, "usb_gadget: reply not read by the host: %s\n",
                         std::strerror(errno));
    }
    ::close(fd);
    return 0;
}

int usage() {
    std::fprintf(stderr,
                 "usage: usb_gadget keyboard|keyboard-partial /dev/hidgN TEXT\n"
                 "       usb_gadget newland-pos /dev/hidgN TEXT [CODE_ID]\n"
                 "       usb_gadget honeywell-pos /dev/hidgN TEXT AIM_ID\n"
                 "       usb_gadget printer /dev/g_printerN FOLDER [MODEL]\n"
                 "       usb_gadget dfu /dev/gadget/UDC FOLDER [VERSION]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    std::signal(SIGTERM, [](int) { g_stop = 1; });
    std::signal(SIGINT, [](int) { g_stop = 1; });
    if (args.size() == 3 && args[0] == "keyboard") return type_keys(argv[2], args[2], true);
    if (args.size() == 3 && args[0] == "keyboard-partial")
        return type_keys(argv[2], args[2], false);
    if ((args.size() == 3 || args.size() == 4) && args[0] == "newland-pos")
        return newland_pos(argv[2], args[2], args.size() == 4 ? args[3].front() : 'b');
    if (args.size() == 4 && args[0] == "honeywell-pos")
        return honeywell_pos(argv[2], args[2], args[3]);
    if ((args.size() == 3 || args.size() == 4) && args[0] == "printer")
        return serve_printer(argv[2], argv[3], args.size() == 4 ? argv[4] : "ZD421-203dpi");
    if ((args.size() == 3 || args.size() == 4) && args[0] == "dfu") {
        rs::test::DfuGadgetOptions options;
        options.ep0 = argv[2];
        options.folder = argv[3];
        if (args.size() == 4) options.version = argv[4];
        return rs::test::serve_dfu_gadget(options, g_stop);
    }
    return usage();
}
