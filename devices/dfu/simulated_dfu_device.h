// SimulatedDfuDevice: a device with a DFU 1.1 (optionally DfuSe) interface, behind the same
// DfuDevice interface as a real one: the state machine of the specification's appendix A, the
// poll timeouts it asks for, the time its link takes for each data stage, and faults to inject
// (a stall, each error status, a slow poll timeout, a disconnect mid-download, a device that
// comes back with another product id or serial number).
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "devices/dfu/dfu_device.h"
#include "devices/dfu/dfuse_protocol.h"

namespace rs::devices::dfu {

enum class SimulatedFault {
    None,
    Stall,         // DFU_DNLOAD of block `fault_block` is stalled (dfuERROR, errSTALLEDPKT)
    ErrorStatus,   // writing block `fault_block` fails with `fault_status` (dfuERROR)
    SlowPoll,      // from block `fault_block` on, bwPollTimeout is `slow_poll_ms`
    Disconnect,    // the device leaves the bus during DFU_DNLOAD of block `fault_block`
    NewProductId,  // after DETACH it comes back in DFU mode with another product id (normal for
                   // many devices: found again by serial number and port path)
    NewSerial,     // after DETACH it comes back with another serial number: not found again
};
constexpr auto enum_names(SimulatedFault) {
    using enum SimulatedFault;
    return std::to_array<EnumName<SimulatedFault>>({{None, "none"},
                                                    {Stall, "stall"},
                                                    {ErrorStatus, "status"},
                                                    {SlowPoll, "slow-poll"},
                                                    {Disconnect, "disconnect"},
                                                    {NewProductId, "new-product-id"},
                                                    {NewSerial, "new-serial"}});
}

struct SimulatedDfuOptions {
    std::uint16_t vendor_id = 0x1209;  // pid.codes' test vendor id
    std::uint16_t runtime_product_id = 0x2001;
    std::uint16_t dfu_product_id = 0x2002;
    std::string serial = "SIM-0001";
    std::string port_path = "1-1";
    std::string manufacturer = "Repair Station";
    std::string product = "simulated DFU device";
    bool start_in_dfu_mode = false;
    FunctionalDescriptor functional{true, true, false, false, 1000, 4096, 0x0110};
    std::uint32_t poll_timeout_ms = 1;  // reported while a block is written
    std::uint32_t manifest_poll_ms = 1;
    // How fast data stages cross the link, bytes per second; 0: instantly.
    double link_bytes_per_second = 0;
    std::size_t memory_size = 32 * 1024 * 1024;  // the largest image it takes (errADDRESS past)
    std::string firmware;                        // what it runs now
    // DfuSe: bcdDFUVersion 0x011A, commands in block 0, memory as in `memory_layout`.
    bool dfuse = false;
    std::string memory_layout = "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg";

    SimulatedFault fault = SimulatedFault::None;
    std::uint32_t fault_block = 0;  // counted from 0 over data blocks
    DeviceStatus fault_status = DeviceStatus::ErrWrite;
    std::uint32_t slow_poll_ms = 2000;
};

// The version a firmware image says it is: the text after "RSFW-VERSION=" up to the first byte
// that is not a digit or '.', as the simulated device reports it in bcdDevice after it starts
// that image. Empty when the image has no such marker.
std::string simulated_firmware_version(std::string_view image);
// "2.4.1" as bcdDevice 0x0241; nullopt for versions bcdDevice cannot hold.
std::optional<std::uint16_t> bcd_of_version(std::string_view version);

class SimulatedDfuDevice final : public DfuDevice {
public:
    explicit SimulatedDfuDevice(SimulatedDfuOptions options);

    const DfuDeviceInfo& info() const override { return m_info; }
    Status control_out(const SetupPacket& setup, std::span<const std::uint8_t> data,
                       std::chrono::milliseconds timeout) override;
    Result<std::vector<std::uint8_t>> control_in(const SetupPacket& setup,
                                                 std::chrono::milliseconds timeout) override;
    Status reset() override;
    Status reopen(bool dfu_mode, std::chrono::milliseconds limit) override;

    // What tests look at.
    State state() const { return m_state; }
    DeviceStatus status() const { return m_status; }
    const std::string& firmware() const { return m_firmware; }
    int requests(Request request) const;
    bool on_bus() const { return m_on_bus; }
    // DfuSe: the bytes at `address` (0xFF where erased or never written).
    std::string read_memory(std::uint32_t address, std::size_t length) const;

private:
    Status stall(std::string why);
    void go_error(DeviceStatus status);
    void wait_for_link(std::size_t bytes);
    Status download(const SetupPacket& setup, std::span<const std::uint8_t> data);
    Status write_block(std::uint16_t block, std::span<const std::uint8_t> data);
    StatusReply get_status();
    void update_info();
    void run_firmware();  // after manifestation and a reset: the new image starts

    SimulatedDfuOptions m_options;
    DfuDeviceInfo m_info;
    std::optional<MemoryLayout> m_layout;
    bool m_dfu_mode = false;
    bool m_on_bus = true;
    bool m_gone = false;  // disconnected for good (the disconnect fault)
    State m_state = State::AppIdle;
    DeviceStatus m_status = DeviceStatus::Ok;
    std::chrono::steady_clock::time_point m_busy_until{};
    std::uint32_t m_poll_ms = 0;
    std::optional<DeviceStatus> m_pending_failure;  // reported when the busy time is over
    std::uint32_t m_data_blocks = 0;                // data blocks of this download
    std::uint16_t m_last_block = 0;
    bool m_downloaded_any = false;
    std::string m_received;             // plain DFU: the image as it arrives
    std::vector<std::uint8_t> m_flash;  // DfuSe: the whole layout's memory, 0xFF when erased
    std::vector<bool> m_erased_sector;  // DfuSe: which sectors were erased since the last leave
    std::uint32_t m_pointer = 0;        // DfuSe address pointer
    bool m_leaving = false;             // DfuSe: the zero-length download says leave
    std::string m_firmware;             // what runs after the next reset
    bool m_manifested = false;
    bool m_firmware_valid = true;
    std::size_t m_upload_offset = 0;
    bool m_came_back_changed = false;  // the NewProductId / NewSerial faults happened
    std::map<Request, int> m_requests;
};

}  // namespace rs::devices::dfu
