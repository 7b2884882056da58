// ST's DfuSe extension of DFU 1.1 (bcdDFUVersion 0x011A) as pure functions: the commands sent
// as DFU_DNLOAD block 0 (set address pointer, erase page, mass erase), the zero-length download
// that leaves DFU mode, where data blocks land, and the memory layout in the interface's name
// (ST application note AN3156, sections 6.1-6.3).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace rs::devices::dfu {

// Command bytes of DFU_DNLOAD with wBlockNum 0 (AN3156 6.1).
inline constexpr std::uint8_t k_dfuse_get_commands = 0x00;
inline constexpr std::uint8_t k_dfuse_set_address = 0x21;
inline constexpr std::uint8_t k_dfuse_erase = 0x41;
inline constexpr std::uint8_t k_dfuse_read_unprotect = 0x92;
// Data blocks start at wBlockNum 2; block 0 carries commands and 1 is not used.
inline constexpr std::uint16_t k_dfuse_first_data_block = 2;

std::vector<std::uint8_t> dfuse_set_address(std::uint32_t address);
std::vector<std::uint8_t> dfuse_erase_page(std::uint32_t address);
std::vector<std::uint8_t> dfuse_mass_erase();

// What a block-0 download asks for.
struct DfuseCommand {
    enum class Kind { GetCommands, SetAddress, ErasePage, MassErase, ReadUnprotect } kind;
    std::uint32_t address = 0;
};
Result<DfuseCommand> parse_dfuse_command(std::span<const std::uint8_t> payload);

// The address a data block is written to: pointer + (wBlockNum - 2) * wTransferSize.
std::optional<std::uint32_t> dfuse_block_address(std::uint32_t pointer, std::uint16_t block,
                                                 std::uint16_t transfer_size);

// "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg" (AN3156 table 4 notes): a name, a
// start address and runs of sectors; the letter says what each may do (a readable, b erasable,
// c writeable: the bits of a..g).
struct MemorySegment {
    std::uint32_t start = 0;
    std::uint32_t sector_count = 0;
    std::uint32_t sector_size = 0;
    char attributes = 'g';
    bool readable() const { return ((attributes - 'a' + 1) & 1) != 0; }
    bool erasable() const { return ((attributes - 'a' + 1) & 2) != 0; }
    bool writeable() const { return ((attributes - 'a' + 1) & 4) != 0; }
    std::uint64_t end() const { return start + std::uint64_t{sector_count} * sector_size; }
};
struct MemoryLayout {
    std::string name;
    std::vector<MemorySegment> segments;
    // The sector holding `address`, if any.
    const MemorySegment* segment_at(std::uint32_t address) const;
};
Result<MemoryLayout> parse_memory_layout(std::string_view text);

}  // namespace rs::devices::dfu
