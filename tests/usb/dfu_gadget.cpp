// A DFU 1.1 device served from user space through gadgetfs (the 6.1 kernel's FunctionFS refuses
// the DFU functional descriptor; gadgetfs passes the configuration through as written). It runs
// as a real device does: a run-time interface that detaches on DFU_DETACH and a USB reset, a DFU
// mode with its own product id, downloads into "flash", manifestation, upload, and a reset that
// starts the new firmware, which then reports the version written in the image's header.
//
// gadgetfs and a control OUT with data (DFU_DNLOAD): gadgetfs queues the data stage in the kernel
// as soon as the setup packet arrives, before user space has read the setup event, so dummy_hcd
// completes the host's DFU_DNLOAD (data and status stage) at once. Every DFU host follows it at
// once with DFU_GETSTATUS, and gadgetfs keeps one unread setup event only: the new one replaces
// the unread DFU_DNLOAD ("previous request timed out", next_event() in legacy/inode.c), or, read
// but its data not yet collected, makes that read fail with EIDRM. The block is then lost and the
// next one arrives out of order. A real device cannot lose a request this way; here the gadget
// must take each DFU_DNLOAD before the host can send its next request. So the gadget runs at a
// real-time priority on one CPU (k_gadget_cpu) and the hosts under test are started on that same
// CPU (`taskset -c 0`, station_usb_plan.sh): gadgetfs wakes the gadget before dummy_hcd gives the
// finished DFU_DNLOAD back to the host, and a SCHED_FIFO task keeps its CPU until it blocks again
// for the next event, so the host's next request always finds the previous one taken. (Timing
// alone cannot promise that under an emulated CPU: a vCPU thread of qemu may be descheduled for
// milliseconds on a busy machine.) A lost block is still detected (EIDRM, a block out of order)
// and reported as errUNKNOWN; the test compares the manifested image with the file anyway.
#include "tests/usb/dfu_gadget.h"

#include <fcntl.h>
#include <linux/usb/ch9.h>
#include <linux/usb/gadgetfs.h>
#include <poll.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "common/sha256.h"

namespace rs::test {
namespace {

// DFU 1.1: requests (3), states (6.1.2) and functional descriptor attributes (4.1.3).
enum Request : std::uint8_t { Detach, Dnload, Upload, GetStatus, ClrStatus, GetState, Abort };
enum State : std::uint8_t {
    AppIdle = 0,
    AppDetach = 1,
    DfuIdle = 2,
    DnloadIdle = 5,
    ManifestSync = 6,
    Manifest = 7,
    UploadIdle = 9,
    DfuError = 10,
};
constexpr std::uint8_t k_status_ok = 0x00;
constexpr std::uint8_t k_err_unknown = 0x0e;
constexpr std::uint8_t k_err_stalledpkt = 0x0f;
// The CPU the gadget and the DFU hosts under test share (see the top of this file).
constexpr int k_gadget_cpu = 0;
// gadgetfs stalls a control OUT request whose data is longer than its 256-byte ep0 buffer
// (RBUF_SIZE in drivers/usb/gadget/legacy/inode.c), so a DFU_DNLOAD block may not be longer.
constexpr std::uint16_t k_transfer_size = 256;

void put16(std::vector<std::uint8_t>& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value & 0xff));
    out.push_back(static_cast<std::uint8_t>(value >> 8));
}

// "JJ.M.N" as bcdDevice (DFU devices report their firmware version there).
std::uint16_t bcd_of(const std::string& version) {
    int major = 0, minor = 0, patch = 0;
    std::sscanf(version.c_str(), "%d.%d.%d", &major, &minor, &patch);
    return static_cast<std::uint16_t>(((major / 10) << 12) | ((major % 10) << 8) | (minor << 4) |
                                      patch);
}

class DfuGadget {
public:
    explicit DfuGadget(DfuGadgetOptions options) : m_options(std::move(options)) {
        m_version = m_options.version;
    }

    int run(const volatile std::sig_atomic_t& stop) {
        cpu_set_t cpus;
        CPU_ZERO(&cpus);
        CPU_SET(k_gadget_cpu, &cpus);
        sched_param priority{};
        priority.sched_priority = 50;
        if (::sched_setaffinity(0, sizeof cpus, &cpus) != 0 ||
            ::sched_setscheduler(0, SCHED_FIFO, &priority) != 0) {
            std::fprintf(stderr,
                         "dfu gadget: cannot run at real-time priority on CPU %d (%s): without it "
                         "gadgetfs may drop DFU_DNLOAD blocks\n",
                         k_gadget_cpu, std::strerror(errno));
            return 1;
        }
        while (!stop) {
            int fd = ::open(m_options.ep0.c_str(), O_RDWR);
            if (fd < 0) {
                std::fprintf(stderr, "dfu gadget: open %s: %s\n", m_options.ep0.c_str(),
                             std::strerror(errno));
                return 1;
            }
            auto descriptors = describe();
            if (::write(fd, descriptors.data(), descriptors.size()) < 0) {
                std::fprintf(stderr, "dfu gadget: descriptors refused: %s\n", std::strerror(errno));
                return 1;
            }
            std::printf("dfu gadget: %s mode, firmware %s\n", m_dfu_mode ? "DFU" : "run-time",
                        m_version.c_str());
            std::fflush(stdout);
            serve(fd, stop);
            // Closing ep0 takes the device off the bus; it comes back in its new mode.
            ::close(fd);
            m_dfu_mode = m_switch_to_dfu;
        }
        return 0;
    }

private:
    // tag 0, the full-speed and high-speed configurations, the device descriptor (gadgetfs).
    std::vector<std::uint8_t> describe() const {
        std::vector<std::uint8_t> config = {9, USB_DT_CONFIG, 27, 0, 1, 1, 0, 0x80, 50,
                                            // interface 0: DFU (class 0xFE, subclass 1)
                                            9, USB_DT_INTERFACE, 0, 0, 0, 0xfe, 1,
                                            std::uint8_t(m_dfu_mode ? 2 : 1), 4,
                                            // DFU functional: can download, can upload,
                                            // manifestation tolerant, no self-detach
                                            9, 0x21, 0x07};
        put16(config, 1000);  // wDetachTimeOut
        put16(config, k_transfer_size);
        put16(config, 0x0110);  // bcdDFUVersion
        std::vector<std::uint8_t> out = {0, 0, 0, 0};
        out.insert(out.end(), config.begin(), config.end());
        out.insert(out.end(), config.begin(), config.end());
        std::vector<std::uint8_t> device = {18, USB_DT_DEVICE};
        put16(device, 0x0200);
        device.insert(device.end(), {0, 0, 0, 64});
        put16(device, m_options.vendor_id);
        put16(device, m_dfu_mode ? m_options.dfu_product_id : m_options.product_id);
        put16(device, bcd_of(m_version));
        device.insert(device.end(), {1, 2, 3, 1});
        out.insert(out.end(), device.begin(), device.end());
        return out;
    }

    std::vector<std::uint8_t> string_descriptor(int index) const {
        std::vector<std::uint8_t> out;
        if (index == 0) return {4, USB_DT_STRING, 0x09, 0x04};
        const std::string* texts[] = {&m_options.manufacturer, &m_options.product,
                                      &m_options.serial, &m_options.interface_name};
        if (index > 4) return out;
        const std::string& text = *texts[index - 1];
        out = {std::uint8_t(2 + 2 * text.size()), USB_DT_STRING};
        for (char c : text)
            out.insert(out.end(), {std::uint8_t(c), 0});
        return out;
    }

    void serve(int fd, const volatile std::sig_atomic_t& stop) {
        m_switch_to_dfu = m_dfu_mode;
        m_state = m_dfu_mode ? DfuIdle : AppIdle;
        m_status = k_status_ok;
        bool leave = false;
        while (!stop && !leave) {
            pollfd wait{fd, POLLIN, 0};
            if (::poll(&wait, 1, 200) <= 0) continue;
            usb_gadgetfs_event events[5];
            ssize_t got = ::read(fd, events, sizeof events);
            if (got < 0) {
                if (errno == EINTR || errno == EAGAIN) continue;
                std::fprintf(stderr, "dfu gadget: ep0 read: %s\n", std::strerror(errno));
                return;
            }
            for (ssize_t i = 0; i < got / ssize_t(sizeof events[0]); ++i) {
                if (events[i].type == GADGETFS_SETUP) setup(fd, events[i].u.setup);
                // A reset (or a cable pull) after DFU_DETACH, or after a finished download,
                // starts the other mode: re-enumerate as that device.
                if (events[i].type == GADGETFS_DISCONNECT && m_switch_to_dfu != m_dfu_mode)
                    leave = true;
            }
        }
    }

    void reply(int fd, std::vector<std::uint8_t> data, std::uint16_t length) {
        if (data.size() > length) data.resize(length);
        if (::write(fd, data.data(), data.size()) < 0)
            std::fprintf(stderr, "dfu gadget: reply: %s\n", std::strerror(errno));
    }
    void ack(int fd) {
        if (::read(fd, nullptr, 0) < 0)
            std::fprintf(stderr, "dfu gadget: ack: %s\n", std::strerror(errno));
    }
    // A stall is a transfer in the wrong direction (gadgetfs convention).
    void stall(int fd, const usb_ctrlrequest& setup) {
        std::uint8_t none = 0;
        if (setup.bRequestType & USB_DIR_IN)
            (void)::read(fd, &none, 0);
        else
            (void)::write(fd, &none, 0);
        if (m_dfu_mode) {
            m_state = DfuError;
            m_status = k_err_stalledpkt;
        }
    }

    void setup(int fd, const usb_ctrlrequest& setup) {
        std::uint16_t value = setup.wValue, length = setup.wLength;
        if ((setup.bRequestType & USB_TYPE_MASK) == USB_TYPE_STANDARD) {
            switch (setup.bRequest) {
                case USB_REQ_GET_DESCRIPTOR:
                    if ((value >> 8) == USB_DT_STRING) {
                        auto text = string_descriptor(value & 0xff);
                        if (!text.empty()) return reply(fd, text, length);
                    }
                    break;
                case USB_REQ_SET_CONFIGURATION:
                case USB_REQ_SET_INTERFACE:
                    return ack(fd);
                case USB_REQ_GET_INTERFACE:
                    return reply(fd, {0}, length);
                case USB_REQ_GET_STATUS:
                    return reply(fd, {0, 0}, length);
                default:
                    break;
            }
            return stall(fd, setup);
        }
        if ((setup.bRequestType & USB_TYPE_MASK) != USB_TYPE_CLASS) return stall(fd, setup);
        switch (setup.bRequest) {
            case Detach:
                if (m_dfu_mode) return stall(fd, setup);
                m_state = AppDetach;
                m_switch_to_dfu = true;
                return ack(fd);
            case Dnload:
                return download(fd, setup);
            case Upload:
                return upload(fd, setup);
            case GetStatus: {
                // The state this status reports, then where the device goes (DFU 1.1 A.1).
                std::uint8_t reported = m_state;
                if (m_state == ManifestSync) {
                    reported = Manifest;
                    manifest();
                    m_state = DfuIdle;  // manifestation tolerant: back to dfuIDLE
                }
                std::vector<std::uint8_t> status = {m_status, 0, 0, 0, reported, 0};
                return reply(fd, status, length);
            }
            case ClrStatus:
                m_status = k_status_ok;
                if (m_dfu_mode) m_state = DfuIdle;
                return ack(fd);
            case GetState:
                return reply(fd, {m_state}, length);
            case Abort:
                if (m_dfu_mode) m_state = DfuIdle;
                return ack(fd);
            default:
                return stall(fd, setup);
        }
    }

    void download(int fd, const usb_ctrlrequest& setup) {
        std::uint16_t block = setup.wValue, length = setup.wLength;
        if (!m_dfu_mode || (m_state != DfuIdle && m_state != DnloadIdle) ||
            length > k_transfer_size)
            return stall(fd, setup);
        if (length == 0) {
            if (m_state != DnloadIdle) return stall(fd, setup);
            m_state = ManifestSync;
            return ack(fd);
        }
        std::vector<std::uint8_t> data(length);
        ssize_t got = ::read(fd, data.data(), data.size());
        if (got != length) {
            // EIDRM: the host's next request came before this one's data was collected.
            std::fprintf(stderr, "dfu gadget: block %u: %zd of %u bytes (%s)\n", block, got, length,
                         got < 0 ? std::strerror(errno) : "short");
            m_state = DfuError;
            m_status = k_err_unknown;
            return;
        }
        if (m_state == DfuIdle) {
            m_received.clear();
            m_next_block = 0;
        }
        if (block != m_next_block) {
            // A block went missing (see the top of this file): the image would have a hole.
            std::fprintf(stderr, "dfu gadget: block %u arrived, block %u expected\n", block,
                         m_next_block);
            m_state = DfuError;
            m_status = k_err_unknown;
            return;
        }
        ++m_next_block;
        m_received.insert(m_received.end(), data.begin(), data.end());
        m_state = DnloadIdle;
    }

    // The flash in order, chunk after chunk; a short chunk ends the upload (DFU 1.1 6.2).
    void upload(int fd, const usb_ctrlrequest& setup) {
        if (!m_dfu_mode || (m_state != DfuIdle && m_state != UploadIdle)) return stall(fd, setup);
        if (m_state == DfuIdle) m_upload_offset = 0;
        std::size_t at = std::min(m_upload_offset, m_flash.size());
        std::size_t size = std::min<std::size_t>(setup.wLength, m_flash.size() - at);
        std::vector<std::uint8_t> chunk(m_flash.begin() + std::ptrdiff_t(at),
                                        m_flash.begin() + std::ptrdiff_t(at + size));
        m_upload_offset = at + size;
        m_state = size < setup.wLength ? DfuIdle : UploadIdle;
        reply(fd, chunk, setup.wLength);
    }

    // The new image becomes the firmware: kept as a file for the test to compare, and its
    // version taken from its first line ("ACME-FW 2.1.0"), as the firmware would report it.
    void manifest() {
        m_flash = m_received;
        std::ofstream(m_options.folder + "/flashed-" + std::to_string(++m_flashes) + ".bin",
                      std::ios::binary)
            .write(reinterpret_cast<const char*>(m_flash.data()), std::streamsize(m_flash.size()));
        std::string head(m_flash.begin(),
                         m_flash.begin() + std::min<std::size_t>(64, m_flash.size()));
        if (head.rfind("ACME-FW ", 0) == 0) m_version = head.substr(8, head.find('\n') - 8);
        m_switch_to_dfu = false;  // the next reset starts the new firmware
        // Its SHA-256, which the test compares with the file the host flashed.
        std::printf(
            "dfu gadget: manifested %zu bytes, sha256 %s, firmware %s\n", m_flash.size(),
            sha256_hex({reinterpret_cast<const char*>(m_flash.data()), m_flash.size()}).c_str(),
            m_version.c_str());
        std::fflush(stdout);
    }

    DfuGadgetOptions m_options;
    std::string m_version;
    bool m_dfu_mode = false;
    bool m_switch_to_dfu = false;
    std::uint8_t m_state = AppIdle;
    std::uint8_t m_status = k_status_ok;
    std::vector<std::uint8_t> m_received;
    std::vector<std::uint8_t> m_flash;
    std::uint16_t m_next_block = 0;
    std::size_t m_upload_offset = 0;
    int m_flashes = 0;
};

}  // namespace

int serve_dfu_gadget(const DfuGadgetOptions& options, const volatile std::sig_atomic_t& stop) {
    DfuGadget gadget(options);
    return gadget.run(stop);
}

}  // namespace rs::test
