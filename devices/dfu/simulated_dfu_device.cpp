// SimulatedDfuDevice: DFU 1.1 appendix A's state machine (and DfuSe's block 0 commands) in
// memory, with time taken the way a device takes it.
#include "devices/dfu/simulated_dfu_device.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <thread>

namespace rs::devices::dfu {
namespace {

constexpr std::string_view k_version_marker = "RSFW-VERSION=";

}  // namespace

std::string simulated_firmware_version(std::string_view image) {
    auto at = image.find(k_version_marker);
    if (at == std::string_view::npos) return {};
    std::string version;
    for (std::size_t i = at + k_version_marker.size(); i < image.size(); ++i) {
        char c = image[i];
        if ((c < '0' || c > '9') && c != '.') break;
        version += c;
    }
    return version;
}

std::optional<std::uint16_t> bcd_of_version(std::string_view version) {
    int parts[3] = {0, 0, 0};
    int count = 0;
    while (!version.empty() && count < 3) {
        auto dot = version.find('.');
        std::string_view part = version.substr(0, dot);
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), parts[count]);
        if (error != std::errc() || end != part.data() + part.size()) return std::nullopt;
        ++count;
        if (dot == std::string_view::npos) {
            version = {};
            break;
        }
        version.remove_prefix(dot + 1);
    }
    if (!version.empty() || count == 0) return std::nullopt;
    if (parts[0] > 99 || parts[1] > 9 || parts[2] > 9) return std::nullopt;
    return static_cast<std::uint16_t>((parts[0] / 10) << 12 | (parts[0] % 10) << 8 | parts[1] << 4 |
                                      parts[2]);
}

SimulatedDfuDevice::SimulatedDfuDevice(SimulatedDfuOptions options)
    : m_options(std::move(options)), m_firmware(m_options.firmware) {
    if (m_options.dfuse) {
        m_options.functional.dfu_version = 0x011A;
        if (auto layout = parse_memory_layout(m_options.memory_layout)) {
            m_layout = *layout;
            std::size_t sectors = 0;
            for (const auto& segment : m_layout->segments)
                sectors += segment.sector_count;
            m_flash.assign(static_cast<std::size_t>(m_layout->segments.back().end() -
                                                    m_layout->segments[0].start),
                           0xFF);
            m_erased_sector.assign(sectors, false);
        }
    }
    m_dfu_mode = m_options.start_in_dfu_mode;
    m_state = m_dfu_mode ? State::DfuIdle : State::AppIdle;
    update_info();
}

int SimulatedDfuDevice::requests(Request request) const {
    auto found = m_requests.find(request);
    return found == m_requests.end() ? 0 : found->second;
}

std::string SimulatedDfuDevice::read_memory(std::uint32_t address, std::size_t length) const {
    std::string bytes(length, '\xFF');
    if (!m_layout) return bytes;
    std::uint32_t base = m_layout->segments[0].start;
    for (std::size_t i = 0; i < length; ++i) {
        std::uint64_t at = std::uint64_t{address} + i;
        if (at >= base && at - base < m_flash.size())
            bytes[i] = static_cast<char>(m_flash[static_cast<std::size_t>(at - base)]);
    }
    return bytes;
}

void SimulatedDfuDevice::update_info() {
    m_info.usb.vendor_id = m_options.vendor_id;
    m_info.usb.product_id = m_dfu_mode ? m_options.dfu_product_id : m_options.runtime_product_id;
    if (m_dfu_mode && m_came_back_changed && m_options.fault == SimulatedFault::NewProductId)
        m_info.usb.product_id = static_cast<std::uint16_t>(m_options.dfu_product_id + 0x10);
    m_info.usb.serial = m_options.serial;
    if (m_came_back_changed && m_options.fault == SimulatedFault::NewSerial)
        m_info.usb.serial = m_options.serial + "-B";
    m_info.usb.port_path = m_options.port_path;
    m_info.usb.manufacturer = m_options.manufacturer;
    m_info.usb.product = m_options.product;
    m_info.usb.bus = 1;
    m_info.usb.address = static_cast<std::uint8_t>(m_info.usb.address % 120 + 2);
    std::string version = simulated_firmware_version(m_firmware);
    m_info.bcd_device = bcd_of_version(version).value_or(0);
    m_info.interface_number = 0;
    m_info.dfu_mode = m_dfu_mode;
    m_info.functional = m_options.functional;
    m_info.interface_name = m_options.dfuse ? m_options.memory_layout : "simulated firmware";
}

Status SimulatedDfuDevice::stall(std::string why) {
    // A stalled request puts a DFU-mode device in dfuERROR (appendix A: any state, unexpected
    // request); a run-time device just refuses.
    if (m_dfu_mode) go_error(DeviceStatus::ErrStalledPacket);
    return std::unexpected(transfer_error(TransferFailure::Stall, "STALL: " + why));
}

void SimulatedDfuDevice::go_error(DeviceStatus status) {
    m_state = State::Error;
    m_status = status;
}

void SimulatedDfuDevice::wait_for_link(std::size_t bytes) {
    if (m_options.link_bytes_per_second <= 0 || bytes == 0) return;
    auto duration =
        std::chrono::duration<double>(static_cast<double>(bytes) / m_options.link_bytes_per_second);
    std::this_thread::sleep_for(std::chrono::duration_cast<std::chrono::nanoseconds>(duration));
}

Status SimulatedDfuDevice::control_out(const SetupPacket& setup, std::span<const std::uint8_t> data,
                                       std::chrono::milliseconds) {
    if (m_gone || !m_on_bus)
        return std::unexpected(transfer_error(TransferFailure::Gone, "no such device"));
    auto request = request_of(setup);
    if (!request || setup.length != data.size()) return stall("not a DFU request");
    ++m_requests[*request];
    wait_for_link(data.size());
    if (m_state == State::DnBusy || m_state == State::Manifest) {
        if (std::chrono::steady_clock::now() < m_busy_until)
            return stall("request while busy, before bwPollTimeout passed");
    }
    switch (*request) {
        case Request::Detach:
            if (m_state != State::AppIdle) return stall("DFU_DETACH outside appIDLE");
            m_state = State::AppDetach;
            if (m_options.functional.will_detach) return reset();
            return {};
        case Request::Download:
            return download(setup, data);
        case Request::ClearStatus:
            if (m_state != State::Error) return stall("DFU_CLRSTATUS outside dfuERROR");
            m_state = State::DfuIdle;
            m_status = DeviceStatus::Ok;
            return {};
        case Request::Abort:
            if (m_state != State::DfuIdle && m_state != State::DnloadIdle &&
                m_state != State::UploadIdle)
                return stall(fmt::format("DFU_ABORT in {}", name_of(m_state)));
            m_state = State::DfuIdle;
            m_upload_offset = 0;
            return {};
        default:
            return stall("unexpected host-to-device request");
    }
}

Status SimulatedDfuDevice::download(const SetupPacket& setup, std::span<const std::uint8_t> data) {
    if (!m_dfu_mode) return stall("DFU_DNLOAD in run-time mode");
    if (m_state != State::DfuIdle && m_state != State::DnloadIdle)
        return stall(fmt::format("DFU_DNLOAD in {}", name_of(m_state)));
    if (m_state == State::DfuIdle) {
        if (!m_options.functional.can_download) return stall("the device cannot download");
        if (data.empty() && !m_options.dfuse) return stall("zero-length DFU_DNLOAD in dfuIDLE");
        m_data_blocks = 0;
        m_received.clear();
        m_downloaded_any = false;
        m_leaving = false;
    }
    if (data.empty()) {
        // The end of the image (DfuSe: leave): manifestation follows the next DFU_GETSTATUS.
        if (m_options.dfuse) {
            m_leaving = true;
        } else if (!m_downloaded_any) {
            go_error(DeviceStatus::ErrNotDone);
            return {};
        }
        m_state = State::ManifestSync;
        return {};
    }
    if (m_options.dfuse && setup.value == 0) {
        auto command = parse_dfuse_command(data);
        if (!command) return stall(command.error().message);
        using Kind = DfuseCommand::Kind;
        if (command->kind == Kind::SetAddress) {
            if (!m_layout || !m_layout->segment_at(command->address)) {
                m_pending_failure = DeviceStatus::ErrAddress;
            }
            m_pointer = command->address;
        } else if (command->kind == Kind::ErasePage || command->kind == Kind::MassErase) {
            if (!m_layout) return stall("no memory");
            std::size_t index = 0;
            std::uint32_t base = m_layout->segments[0].start;
            for (const auto& segment : m_layout->segments)
                for (std::uint32_t s = 0; s < segment.sector_count; ++s, ++index) {
                    std::uint64_t start = segment.start + std::uint64_t{s} * segment.sector_size;
                    bool hit = command->kind == Kind::MassErase ||
                               (command->address >= start &&
                                command->address < start + segment.sector_size);
                    if (!hit) continue;
                    std::fill_n(m_flash.begin() + static_cast<std::ptrdiff_t>(start - base),
                                segment.sector_size, 0xFF);
                    m_erased_sector[index] = true;
                }
        }
        m_state = State::DnloadSync;
        return {};
    }
    return write_block(setup.value, data);
}

Status SimulatedDfuDevice::write_block(std::uint16_t block, std::span<const std::uint8_t> data) {
    std::uint32_t index = m_data_blocks++;
    m_downloaded_any = true;
    m_last_block = block;
    if (m_options.fault == SimulatedFault::Disconnect && index == m_options.fault_block) {
        m_gone = true;
        m_on_bus = false;
        return std::unexpected(transfer_error(TransferFailure::Gone, "device disconnected"));
    }
    if (m_options.fault == SimulatedFault::Stall && index == m_options.fault_block)
        return stall("the simulated device stalls this block");
    if (data.size() > m_options.functional.transfer_size)
        return stall("DFU_DNLOAD longer than wTransferSize");
    if (m_options.fault == SimulatedFault::ErrorStatus && index == m_options.fault_block)
        m_pending_failure = m_options.fault_status;
    if (m_options.dfuse) {
        auto address = dfuse_block_address(m_pointer, block, m_options.functional.transfer_size);
        if (!address || !m_layout) {
            m_pending_failure = DeviceStatus::ErrAddress;
        } else {
            std::uint32_t base = m_layout->segments[0].start;
            for (std::size_t i = 0; i < data.size() && !m_pending_failure; ++i) {
                std::uint64_t at = std::uint64_t{*address} + i;
                if (at < base || at - base >= m_flash.size()) {
                    m_pending_failure = DeviceStatus::ErrAddress;
                    break;
                }
                // Flash only turns bits from 1 to 0: unerased memory is a programming error.
                auto& byte = m_flash[static_cast<std::size_t>(at - base)];
                if (byte != 0xFF) m_pending_failure = DeviceStatus::ErrCheckErased;
                byte = data[i];
            }
        }
    } else {
        if (m_received.size() + data.size() > m_options.memory_size)
            m_pending_failure = DeviceStatus::ErrAddress;
        else
            m_received.append(reinterpret_cast<const char*>(data.data()), data.size());
    }
    m_state = State::DnloadSync;
    return {};
}

StatusReply SimulatedDfuDevice::get_status() {
    StatusReply reply;
    auto now = std::chrono::steady_clock::now();
    switch (m_state) {
        case State::DnloadSync: {
            // The block is written now; the host must wait bwPollTimeout before asking again.
            bool slow = m_options.fault == SimulatedFault::SlowPoll &&
                        m_data_blocks > m_options.fault_block;
            m_poll_ms = slow ? m_options.slow_poll_ms : m_options.poll_timeout_ms;
            m_busy_until = now + std::chrono::milliseconds(m_poll_ms);
            m_state = State::DnBusy;
            break;
        }
        case State::DnBusy:
            m_poll_ms = 0;
            if (m_pending_failure) {
                go_error(*m_pending_failure);
                m_pending_failure.reset();
            } else {
                m_state = State::DnloadIdle;
            }
            break;
        case State::ManifestSync:
            m_poll_ms = m_options.manifest_poll_ms;
            m_busy_until = now + std::chrono::milliseconds(m_poll_ms);
            m_state = State::Manifest;
            if (!m_options.dfuse) {
                m_firmware = m_received;
            } else if (m_layout) {
                m_firmware = read_memory(m_layout->segments[0].start, m_flash.size());
            }
            m_manifested = true;
            m_firmware_valid = true;
            break;
        case State::Manifest:
            m_poll_ms = 0;
            if (m_options.functional.manifestation_tolerant && !m_leaving) {
                m_state = State::DfuIdle;
            } else {
                m_state = State::ManifestWaitReset;
            }
            break;
        default:
            m_poll_ms = 0;
            break;
    }
    reply.status = m_status;
    reply.state = m_state;
    reply.poll_timeout_ms = m_poll_ms;
    if (m_state == State::ManifestWaitReset && (m_leaving || !m_options.functional.will_detach)) {
        // DfuSe's leave and devices that are not manifestation tolerant reset themselves or wait
        // for the host's reset; ours waits for the host unless it is leaving.
        if (m_leaving) {
            m_leaving = false;
            run_firmware();
        }
    }
    return reply;
}

Result<std::vector<std::uint8_t>> SimulatedDfuDevice::control_in(const SetupPacket& setup,
                                                                 std::chrono::milliseconds) {
    if (m_gone || !m_on_bus)
        return std::unexpected(transfer_error(TransferFailure::Gone, "no such device"));
    auto request = request_of(setup);
    if (!request) {
        auto stalled = stall("not a DFU request");
        return std::unexpected(stalled.error());
    }
    ++m_requests[*request];
    if ((m_state == State::DnBusy || m_state == State::Manifest) &&
        std::chrono::steady_clock::now() < m_busy_until) {
        auto stalled = stall("request while busy, before bwPollTimeout passed");
        return std::unexpected(stalled.error());
    }
    std::vector<std::uint8_t> reply;
    switch (*request) {
        case Request::GetStatus: {
            auto bytes = get_status().bytes();
            reply.assign(bytes.begin(), bytes.end());
            break;
        }
        case Request::GetState:
            reply.push_back(static_cast<std::uint8_t>(m_state));
            break;
        case Request::Upload: {
            if (!m_dfu_mode || !m_options.functional.can_upload ||
                (m_state != State::DfuIdle && m_state != State::UploadIdle)) {
                auto stalled = stall("DFU_UPLOAD not allowed here");
                return std::unexpected(stalled.error());
            }
            if (m_state == State::DfuIdle) m_upload_offset = 0;
            std::size_t length =
                std::min<std::size_t>(setup.length, m_firmware.size() - m_upload_offset);
            reply.assign(
                m_firmware.begin() + static_cast<std::ptrdiff_t>(m_upload_offset),
                m_firmware.begin() + static_cast<std::ptrdiff_t>(m_upload_offset + length));
            m_upload_offset += length;
            // A short frame ends the upload (6.2).
            m_state = length < setup.length ? State::DfuIdle : State::UploadIdle;
            break;
        }
        default: {
            auto stalled = stall("unexpected device-to-host request");
            return std::unexpected(stalled.error());
        }
    }
    wait_for_link(reply.size());
    if (reply.size() > setup.length) reply.resize(setup.length);
    return reply;
}

void SimulatedDfuDevice::run_firmware() {
    m_dfu_mode = false;
    m_state = State::AppIdle;
    m_status = DeviceStatus::Ok;
    m_on_bus = false;  // it re-enumerates as the run-time device
}

Status SimulatedDfuDevice::reset() {
    if (m_gone) return std::unexpected(transfer_error(TransferFailure::Gone, "no such device"));
    if (!m_dfu_mode) {
        if (m_state == State::AppDetach) {
            m_dfu_mode = true;
            m_state = State::DfuIdle;
            m_status = DeviceStatus::Ok;
            m_came_back_changed = true;
        } else {
            m_state = State::AppIdle;
        }
    } else if (m_manifested && m_firmware_valid && m_state != State::DnloadIdle &&
               m_state != State::DnBusy && m_state != State::DnloadSync) {
        run_firmware();
    } else {
        // An interrupted download leaves no valid firmware: the device stays in DFU mode.
        m_firmware_valid = !m_downloaded_any;
        m_state = State::DfuIdle;
        m_status = DeviceStatus::Ok;
    }
    m_on_bus = false;
    return {};
}

Status SimulatedDfuDevice::reopen(bool dfu_mode, std::chrono::milliseconds) {
    if (m_gone)
        return fail(ErrorCode::NotFound,
                    fmt::format("{} did not come back: it left the bus", m_info.describe()), "dfu");
    DfuDeviceInfo before = m_info;
    m_on_bus = true;
    update_info();
    if (m_dfu_mode != dfu_mode || m_info.usb.serial != before.usb.serial ||
        m_info.usb.port_path != before.usb.port_path)
        return fail(
            ErrorCode::NotFound,
            fmt::format("{} did not come back in {} mode (serial {} at {})", before.describe(),
                        dfu_mode ? "DFU" : "run-time", before.usb.serial, before.usb.port_path),
            "dfu");
    return {};
}

}  // namespace rs::devices::dfu
