// DfuDriver: DFU 1.1 sections 5-6 (and AN3156 for DfuSe) as a sequence of control transfers.
#include "devices/dfu/dfu_driver.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <thread>

#include "common/logger.h"
#include "devices/dfu/dfuse_protocol.h"

namespace rs::devices::dfu {
namespace {

const Logger k_log("dfu");

bool busy(State state) {
    return state == State::DnBusy || state == State::Manifest || state == State::DnloadSync ||
           state == State::ManifestSync;
}

Error with_context(Error error, const std::string& during) {
    error.message = fmt::format("{}: {}", during, error.message);
    return error;
}

std::string block_context(std::size_t block, std::size_t done, std::size_t total) {
    return fmt::format("block {} ({} of {} bytes written)", block, done, total);
}

}  // namespace

bool is_cancelled(const Error& error) {
    return error.where == "dfu:cancelled";
}

Result<StatusReply> DfuDriver::get_status() {
    auto reply = m_device.control_in(get_status_request(m_device.info().interface_number),
                                     m_options.request_timeout);
    if (!reply) return std::unexpected(reply.error());
    return parse_status_reply(*reply);
}

Result<StatusReply> DfuDriver::poll_until_settled(const std::string& during) {
    auto deadline = std::chrono::steady_clock::now() + 4 * m_options.max_poll;
    for (;;) {
        auto status = get_status();
        if (!status) return std::unexpected(with_context(status.error(), during));
        if (status->state == State::Error || status->status != DeviceStatus::Ok)
            return fail(ErrorCode::Io,
                        fmt::format("{}: the device reported {} ({}) in {}", during,
                                    name_of(status->status), status_meaning(status->status),
                                    name_of(status->state)),
                        "dfu");
        if (!busy(status->state)) return status;
        auto poll = std::chrono::milliseconds(status->poll_timeout_ms);
        if (poll > m_options.max_poll)
            return fail(ErrorCode::Timeout,
                        fmt::format("{}: the device asks to wait {} ms before the next status "
                                    "request, more than the {} ms this station waits",
                                    during, poll.count(), m_options.max_poll.count()),
                        "dfu");
        if (std::chrono::steady_clock::now() + poll > deadline)
            return fail(ErrorCode::Timeout,
                        fmt::format("{}: the device stayed busy ({}) for more than {} ms", during,
                                    name_of(status->state), (4 * m_options.max_poll).count()),
                        "dfu");
        // bwPollTimeout is the least time before the next DFU_GETSTATUS (6.1.2); at least a
        // millisecond, so a device that says 0 while busy is not asked in a tight loop.
        std::this_thread::sleep_for(std::max(poll, std::chrono::milliseconds(1)));
    }
}

Status DfuDriver::send_download(std::uint16_t block, std::span<const std::uint8_t> data,
                                const std::string& during) {
    auto sent = m_device.control_out(download_request(m_device.info().interface_number, block,
                                                      static_cast<std::uint16_t>(data.size())),
                                     data, m_options.request_timeout);
    if (!sent) return std::unexpected(with_context(sent.error(), during));
    return {};
}

Error DfuDriver::recover(Error error) {
    std::vector<std::string> actions;
    bool settled = false;
    for (int attempt = 0; attempt < 5 && !settled; ++attempt) {
        auto status = get_status();
        if (!status) {
            TransferFailure failure = transfer_failure_of(status.error());
            if (failure == TransferFailure::Gone) {
                actions.push_back(
                    "none possible: the device left the bus; plug it in again in "
                    "DFU mode and flash again");
                break;
            }
            // A stalled DFU_GETSTATUS puts the device in dfuERROR: the next one says why.
            if (failure == TransferFailure::Stall && attempt == 0) continue;
            status = std::unexpected(status.error());
        }
        bool needs_reset = !status;
        if (status) {
            switch (status->state) {
                case State::Error:
                    if (m_device.control_out(clear_status_request(m_device.info().interface_number),
                                             {}, m_options.request_timeout))
                        actions.push_back("DFU_CLRSTATUS sent");
                    else
                        needs_reset = true;
                    continue;
                case State::DnloadIdle:
                case State::UploadIdle:
                    if (m_device.control_out(abort_request(m_device.info().interface_number), {},
                                             m_options.request_timeout))
                        actions.push_back("DFU_ABORT sent");
                    else
                        needs_reset = true;
                    continue;
                case State::DfuIdle:
                case State::AppIdle:
                    settled = true;
                    break;
                case State::ManifestWaitReset:
                    needs_reset = true;
                    break;
                default:
                    if (std::chrono::milliseconds(status->poll_timeout_ms) <= m_options.max_poll) {
                        std::this_thread::sleep_for(
                            std::chrono::milliseconds(status->poll_timeout_ms + 1));
                        continue;
                    }
                    needs_reset = true;
                    break;
            }
        }
        if (needs_reset) {
            // The specification's last resort: a USB reset puts a DFU-mode device back in
            // dfuIDLE (or dfuERROR, cleared on the next round).
            if (!m_device.reset() || !m_device.reopen(true, m_options.reenumerate_limit)) {
                actions.push_back("USB reset failed: unplug the device and plug it in again");
                break;
            }
            actions.push_back("USB reset");
        }
    }
    if (settled) actions.push_back("the device is in dfuIDLE");
    m_recovery = actions.empty() ? "nothing to do" : fmt::format("{}", fmt::join(actions, ", "));
    k_log.warn("{} (recovery: {})", error.message, m_recovery);
    error.message += fmt::format(" (recovery: {})", m_recovery);
    return error;
}

Error DfuDriver::cancelled(std::size_t done, std::size_t total) {
    Error error{ErrorCode::Conflict,
                fmt::format("flashing stopped by request after {} of {} bytes", done, total),
                "dfu:cancelled"};
    Error recovered = recover(error);
    recovered.where = "dfu:cancelled";
    return recovered;
}

Status DfuDriver::enter_dfu_mode() {
    const DfuDeviceInfo& info = m_device.info();
    if (info.dfu_mode) return {};
    std::uint16_t timeout = std::min<std::uint16_t>(
        info.functional.detach_timeout_ms ? info.functional.detach_timeout_ms : 1000, 5000);
    auto detached = m_device.control_out(detach_request(info.interface_number, timeout), {},
                                         m_options.request_timeout);
    // A device that detaches at once may drop the request's status stage: that is success.
    if (!detached && transfer_failure_of(detached.error()) != TransferFailure::Gone)
        return std::unexpected(with_context(detached.error(), "DFU_DETACH"));
    if (!info.functional.will_detach) {
        if (auto reset = m_device.reset(); !reset)
            return std::unexpected(with_context(reset.error(), "USB reset after DFU_DETACH"));
    }
    return m_device.reopen(true, m_options.reenumerate_limit);
}

Result<StatusReply> DfuDriver::make_idle() {
    auto status = get_status();
    if (status && status->state == State::DfuIdle && status->status == DeviceStatus::Ok)
        return status;
    Error note = recover(Error{ErrorCode::Protocol, "the device was not idle", "dfu"});
    status = get_status();
    if (!status) return std::unexpected(status.error());
    if (status->state != State::DfuIdle)
        return fail(ErrorCode::Protocol,
                    fmt::format("the device cannot be brought to dfuIDLE (it is in {}; {})",
                                name_of(status->state), note.message),
                    "dfu");
    return status;
}

Status DfuDriver::download(std::span<const std::uint8_t> image, const DfuProgress& progress,
                           const DfuCancel& cancel) {
    const FunctionalDescriptor& functional = m_device.info().functional;
    if (!functional.can_download)
        return fail(ErrorCode::Unsupported, "the device's DFU interface cannot download", "dfu");
    if (image.empty()) return fail(ErrorCode::Invalid, "the image is empty", "dfu");
    if (auto idle = make_idle(); !idle) return std::unexpected(idle.error());
    std::size_t size = functional.transfer_size;
    std::size_t total = image.size();
    std::size_t done = 0;
    std::uint16_t block = 0;
    while (done < total) {
        if (cancel && cancel()) return std::unexpected(cancelled(done, total));
        std::size_t length = std::min(size, total - done);
        std::string during = block_context(block, done, total);
        if (auto sent = send_download(block, image.subspan(done, length), during); !sent)
            return std::unexpected(recover(sent.error()));
        auto status = poll_until_settled(during);
        if (!status) return std::unexpected(recover(status.error()));
        if (status->state != State::DnloadIdle)
            return std::unexpected(
                recover(Error{ErrorCode::Protocol,
                              fmt::format("{}: the device went to {} instead of dfuDNLOAD-IDLE",
                                          during, name_of(status->state)),
                              "dfu"}));
        done += length;
        ++block;  // wraps at 65535 like every DFU host: the device only sees consecutive numbers
        if (progress) progress(done, total);
    }
    if (cancel && cancel()) return std::unexpected(cancelled(done, total));
    // The zero-length download ends the image and starts manifestation (6.1.1, 7).
    if (auto sent = send_download(block, {}, "end of image"); !sent)
        return std::unexpected(recover(sent.error()));
    auto status = poll_until_settled("manifestation");
    if (!status) {
        // A device that is not manifestation tolerant may drop off the bus to start its image.
        if (!functional.manifestation_tolerant &&
            transfer_failure_of(status.error()) == TransferFailure::Gone) {
            m_left_dfu_mode = true;
            return {};
        }
        return std::unexpected(recover(status.error()));
    }
    if (status->state != State::DfuIdle && status->state != State::ManifestWaitReset)
        return std::unexpected(recover(
            Error{ErrorCode::Protocol,
                  fmt::format("after manifestation the device is in {}", name_of(status->state)),
                  "dfu"}));
    return {};
}

Status DfuDriver::dfuse_command(std::span<const std::uint8_t> command, const std::string& during) {
    if (auto sent = send_download(0, command, during); !sent) return sent;
    auto status = poll_until_settled(during);
    if (!status) return std::unexpected(status.error());
    if (status->state != State::DnloadIdle)
        return fail(ErrorCode::Protocol,
                    fmt::format("{}: the device went to {} instead of dfuDNLOAD-IDLE", during,
                                name_of(status->state)),
                    "dfu");
    return {};
}

Status DfuDriver::dfuse_download(std::span<const DfuseElement> elements,
                                 const DfuProgress& progress, const DfuCancel& cancel) {
    const DfuDeviceInfo& info = m_device.info();
    if (!info.functional.is_dfuse())
        return fail(ErrorCode::Unsupported,
                    fmt::format("{} does not speak DfuSe (bcdDFUVersion {:04x}): flash a plain "
                                "DFU image",
                                info.describe(), info.functional.dfu_version),
                    "dfu");
    auto layout = parse_memory_layout(info.interface_name);
    if (!layout) return std::unexpected(layout.error());
    // Every byte must land in erasable, writeable memory: checked before anything is erased.
    std::set<std::uint32_t> pages;
    std::size_t total = 0;
    for (const auto& element : elements) {
        for (std::uint64_t at = element.address; at < element.address + element.data.size();) {
            const MemorySegment* segment = layout->segment_at(static_cast<std::uint32_t>(at));
            if (!segment || !segment->writeable() || !segment->erasable())
                return fail(ErrorCode::Invalid,
                            fmt::format("the image writes to 0x{:08x}, which is not writeable "
                                        "memory of this device ({})",
                                        at, info.interface_name),
                            "dfu");
            std::uint64_t page = segment->start + (at - segment->start) / segment->sector_size *
                                                      segment->sector_size;
            pages.insert(static_cast<std::uint32_t>(page));
            at = page + segment->sector_size;
        }
        total += element.data.size();
    }
    if (auto idle = make_idle(); !idle) return std::unexpected(idle.error());
    for (std::uint32_t page : pages) {
        if (cancel && cancel()) return std::unexpected(cancelled(0, total));
        if (auto erased = dfuse_command(dfuse_erase_page(page),
                                        fmt::format("erasing the page at 0x{:08x}", page));
            !erased)
            return std::unexpected(recover(erased.error()));
    }
    std::size_t done = 0;
    std::size_t size = info.functional.transfer_size;
    for (const auto& element : elements) {
        for (std::size_t offset = 0; offset < element.data.size(); offset += size) {
            if (cancel && cancel()) return std::unexpected(cancelled(done, total));
            auto address = static_cast<std::uint32_t>(element.address + offset);
            std::size_t length = std::min(size, element.data.size() - offset);
            std::string during =
                fmt::format("writing 0x{:08x} ({} of {} bytes written)", address, done, total);
            // Like dfu-util: the address pointer set before every chunk, written as block 2.
            if (auto pointed = dfuse_command(dfuse_set_address(address), during); !pointed)
                return std::unexpected(recover(pointed.error()));
            if (auto sent = send_download(k_dfuse_first_data_block,
                                          element.data.subspan(offset, length), during);
                !sent)
                return std::unexpected(recover(sent.error()));
            auto status = poll_until_settled(during);
            if (!status) return std::unexpected(recover(status.error()));
            done += length;
            if (progress) progress(done, total);
        }
    }
    // Leave: the address the device starts from, then a zero-length download (AN3156 6.3.4).
    std::uint32_t start = elements.empty() ? layout->segments[0].start : elements[0].address;
    if (auto pointed = dfuse_command(dfuse_set_address(start), "setting the start address");
        !pointed)
        return std::unexpected(recover(pointed.error()));
    if (auto sent = send_download(k_dfuse_first_data_block, {}, "leaving DFU mode"); !sent)
        return std::unexpected(recover(sent.error()));
    for (int polls = 0; polls < 8; ++polls) {
        auto status = get_status();
        if (!status || status->state == State::ManifestWaitReset) break;  // it has left
        std::this_thread::sleep_for(std::chrono::milliseconds(status->poll_timeout_ms + 1));
    }
    m_left_dfu_mode = true;
    return {};
}

Result<std::vector<std::uint8_t>> DfuDriver::upload(std::size_t limit, const DfuProgress& progress,
                                                    const DfuCancel& cancel) {
    const FunctionalDescriptor& functional = m_device.info().functional;
    if (!functional.can_upload)
        return fail(ErrorCode::Unsupported, "the device's DFU interface cannot upload", "dfu");
    if (auto idle = make_idle(); !idle) return std::unexpected(idle.error());
    std::vector<std::uint8_t> image;
    std::uint16_t size = functional.transfer_size;
    for (std::uint16_t block = 0;; ++block) {
        if (cancel && cancel()) return std::unexpected(cancelled(image.size(), limit));
        auto chunk =
            m_device.control_in(upload_request(m_device.info().interface_number, block, size),
                                m_options.request_timeout);
        if (!chunk)
            return std::unexpected(recover(with_context(
                chunk.error(),
                fmt::format("reading back block {} ({} bytes read)", block, image.size()))));
        image.insert(image.end(), chunk->begin(), chunk->end());
        if (progress) progress(std::min(image.size(), limit), limit);
        // A short frame ends the upload and returns the device to dfuIDLE (6.2.2).
        if (chunk->size() < size) return image;
        if (image.size() >= limit) {
            image.resize(limit);
            // Enough read: DFU_ABORT takes dfuUPLOAD-IDLE back to dfuIDLE.
            if (auto aborted = m_device.control_out(abort_request(m_device.info().interface_number),
                                                    {}, m_options.request_timeout);
                !aborted)
                return std::unexpected(recover(with_context(aborted.error(), "ending the upload")));
            return image;
        }
    }
}

Status DfuDriver::restart() {
    if (!m_left_dfu_mode) {
        if (auto reset = m_device.reset(); !reset)
            return std::unexpected(with_context(reset.error(), "USB reset to start the firmware"));
    }
    m_left_dfu_mode = false;
    return m_device.reopen(false, m_options.reenumerate_limit);
}

}  // namespace rs::devices::dfu
