// DfuDriver: the DFU family's verbs over any DfuDevice (a USB device or the simulator): enter DFU
// mode, download an image in blocks with status polls honouring bwPollTimeout, manifest and
// restart it, read it back, and after any failure bring the device to a known state the way the
// specification says (DFU_CLRSTATUS out of dfuERROR, DFU_ABORT out of an idle state, a reset
// when it stays busy).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/dfu/dfu_device.h"

namespace rs::devices::dfu {

struct DfuDriverOptions {
    std::chrono::milliseconds request_timeout{5000};  // per control transfer
    // The longest bwPollTimeout honoured; a device asking for more is reset, not waited for.
    std::chrono::milliseconds max_poll{15000};
    std::chrono::milliseconds reenumerate_limit{10000};  // after DETACH or a reset
};

// Called after each block: bytes done of the total.
using DfuProgress = std::function<void(std::size_t done, std::size_t total)>;
// Asked between blocks: true stops the download (the device gets DFU_ABORT).
using DfuCancel = std::function<bool()>;

// One contiguous piece of a DfuSe image: where it goes in the device's memory.
struct DfuseElement {
    std::uint32_t address = 0;
    std::span<const std::uint8_t> data;
};

// Errors from the driver say which block, what the device reported and what was done about it;
// `where` is "dfu:cancelled" for a cancelled download, "dfu" otherwise.
bool is_cancelled(const Error& error);

class DfuDriver {
public:
    DfuDriver(DfuDevice& device, DfuDriverOptions options = {})
        : m_device(device), m_options(options) {}

    DfuDevice& device() { return m_device; }

    // A run-time device: DFU_DETACH, a reset unless it detaches itself, and waiting for it to
    // come back in DFU mode (found by serial number and port path). Nothing for a device already
    // in DFU mode.
    Status enter_dfu_mode();
    // dfuIDLE from wherever a DFU-mode device is (CLRSTATUS from dfuERROR, ABORT from the idle
    // states, waiting out a busy state).
    Result<StatusReply> make_idle();
    // DFU 1.1 download of `image`, then the zero-length download that starts manifestation;
    // the device ends in dfuIDLE (manifestation tolerant) or waiting for reset.
    Status download(std::span<const std::uint8_t> image, const DfuProgress& progress,
                    const DfuCancel& cancel);
    // DfuSe: erases the pages the elements cover (memory layout from the interface's name),
    // writes each element at its address and leaves DFU mode.
    Status dfuse_download(std::span<const DfuseElement> elements, const DfuProgress& progress,
                          const DfuCancel& cancel);
    // DFU_UPLOAD up to `limit` bytes (or to the device's short frame). Unsupported when the
    // functional descriptor says the device cannot upload.
    Result<std::vector<std::uint8_t>> upload(std::size_t limit, const DfuProgress& progress,
                                             const DfuCancel& cancel);
    // Starts the new firmware: a reset, then waiting for the device in run-time mode. A device
    // that left DFU mode by itself (DfuSe leave) is only waited for.
    Status restart();

    // What the last recovery did, for the record ("DFU_CLRSTATUS sent", ...).
    const std::string& last_recovery() const { return m_recovery; }

private:
    Result<StatusReply> get_status();
    // GETSTATUS until the device leaves its busy states, sleeping bwPollTimeout each time.
    Result<StatusReply> poll_until_settled(const std::string& during);
    Status send_download(std::uint16_t block, std::span<const std::uint8_t> data,
                         const std::string& during);
    Status dfuse_command(std::span<const std::uint8_t> command, const std::string& during);
    // After a failure: bring the device to dfuIDLE per the specification and say what was done.
    Error recover(Error error);
    Error cancelled(std::size_t done, std::size_t total);

    DfuDevice& m_device;
    DfuDriverOptions m_options;
    std::string m_recovery;
    bool m_left_dfu_mode = false;
};

}  // namespace rs::devices::dfu
