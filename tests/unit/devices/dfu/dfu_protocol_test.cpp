// The DFU 1.1 and DfuSe protocol layer against the byte sequences of the specifications.
#include <catch2/catch.hpp>

#include <vector>

#include "devices/dfu/dfu_protocol.h"
#include "devices/dfu/dfuse_protocol.h"

using namespace rs::devices::dfu;
using rs::name_of;
using Bytes = std::vector<std::uint8_t>;

namespace {
Bytes bytes_of(const SetupPacket& setup) {
    auto array = setup.bytes();
    return Bytes(array.begin(), array.end());
}
}  // namespace

TEST_CASE("DFU class requests are the setup packets of DFU 1.1 section 3", "[dfu]") {
    // Table 3.1: bmRequestType 00100001b / 10100001b, wIndex the interface.
    CHECK(bytes_of(detach_request(0, 1000)) ==
          Bytes{0x21, 0x00, 0xE8, 0x03, 0x00, 0x00, 0x00, 0x00});
    CHECK(bytes_of(download_request(2, 5, 2048)) ==
          Bytes{0x21, 0x01, 0x05, 0x00, 0x02, 0x00, 0x00, 0x08});
    CHECK(bytes_of(upload_request(0, 0x1234, 64)) ==
          Bytes{0xA1, 0x02, 0x34, 0x12, 0x00, 0x00, 0x40, 0x00});
    CHECK(bytes_of(get_status_request(0)) == Bytes{0xA1, 0x03, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00});
    CHECK(bytes_of(clear_status_request(1)) ==
          Bytes{0x21, 0x04, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00});
    CHECK(bytes_of(get_state_request(0)) == Bytes{0xA1, 0x05, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00});
    CHECK(bytes_of(abort_request(0)) == Bytes{0x21, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
}

TEST_CASE("A setup packet reads back, and only DFU requests in their direction are DFU", "[dfu]") {
    auto packet = download_request(3, 7, 512);
    auto array = packet.bytes();
    auto parsed = SetupPacket::parse(array);
    REQUIRE(parsed);
    CHECK(*parsed == packet);
    CHECK(request_of(packet) == Request::Download);
    CHECK(request_of(get_status_request(0)) == Request::GetStatus);
    SetupPacket wrong_direction = upload_request(0, 0, 64);
    wrong_direction.request_type = k_request_out;
    CHECK_FALSE(request_of(wrong_direction));
    CHECK_FALSE(request_of(SetupPacket{0x80, 0x06, 0x0100, 0, 18}));  // GET_DESCRIPTOR
    CHECK_FALSE(SetupPacket::parse(Bytes{0x21, 0x01}));
}

TEST_CASE("DFU_GETSTATUS replies carry status, a 24-bit bwPollTimeout and the state", "[dfu]") {
    // 6.1.2: bStatus, bwPollTimeout (3 bytes, little-endian), bState, iString.
    auto busy = parse_status_reply(Bytes{0x00, 0x64, 0x00, 0x00, 0x04, 0x00});
    REQUIRE(busy);
    CHECK(busy->status == DeviceStatus::Ok);
    CHECK(busy->poll_timeout_ms == 100);
    CHECK(busy->state == State::DnBusy);
    auto long_poll = parse_status_reply(Bytes{0x00, 0x01, 0x02, 0x03, 0x05, 0x00});
    REQUIRE(long_poll);
    CHECK(long_poll->poll_timeout_ms == 0x030201);
    CHECK(long_poll->state == State::DnloadIdle);
    auto error = parse_status_reply(Bytes{0x03, 0x00, 0x00, 0x00, 0x0A, 0x07});
    REQUIRE(error);
    CHECK(error->status == DeviceStatus::ErrWrite);
    CHECK(error->state == State::Error);
    CHECK(error->string_index == 7);
    CHECK(std::string(name_of(error->status)) == "errWRITE");
    CHECK(std::string(status_meaning(error->status)) == "the device is unable to write memory");
    auto round = error->bytes();
    CHECK(Bytes(round.begin(), round.end()) == Bytes{0x03, 0x00, 0x00, 0x00, 0x0A, 0x07});
    // Short replies and undefined codes are protocol errors, never guesses.
    CHECK_FALSE(parse_status_reply(Bytes{0x00, 0x00, 0x00, 0x00, 0x02}));
    CHECK_FALSE(parse_status_reply(Bytes{0x10, 0x00, 0x00, 0x00, 0x02, 0x00}));
    CHECK_FALSE(parse_status_reply(Bytes{0x00, 0x00, 0x00, 0x00, 0x0B, 0x00}));
    CHECK(parse_state_reply(Bytes{0x02}) == State::DfuIdle);
    CHECK_FALSE(parse_state_reply(Bytes{0x0B}));
    CHECK_FALSE(parse_state_reply(Bytes{}));
}

TEST_CASE("Every status code has its specification name", "[dfu]") {
    for (int code = 0; code <= 0x0F; ++code) {
        auto status = static_cast<DeviceStatus>(code);
        CHECK(std::string(name_of(status)).size() > 1);
        CHECK(std::string(status_meaning(status)).size() > 10);
    }
}

TEST_CASE("The DFU functional descriptor of DFU 1.1 table 4.2 and of DFU 1.0", "[dfu]") {
    // An ST DfuSe bootloader: bitWillDetach | bitCanUpload | bitCanDnload, wDetachTimeOut 255,
    // wTransferSize 2048, bcdDFUVersion 1.1a.
    auto st =
        parse_functional_descriptor(Bytes{0x09, 0x21, 0x0B, 0xFF, 0x00, 0x00, 0x08, 0x1A, 0x01});
    REQUIRE(st);
    CHECK(st->can_download);
    CHECK(st->can_upload);
    CHECK_FALSE(st->manifestation_tolerant);
    CHECK(st->will_detach);
    CHECK(st->detach_timeout_ms == 255);
    CHECK(st->transfer_size == 2048);
    CHECK(st->is_dfuse());
    CHECK(st->bytes() == Bytes{0x09, 0x21, 0x0B, 0xFF, 0x00, 0x00, 0x08, 0x1A, 0x01});
    // DFU 1.0: seven bytes, no bcdDFUVersion.
    auto old = parse_functional_descriptor(Bytes{0x07, 0x21, 0x05, 0x64, 0x00, 0x40, 0x00});
    REQUIRE(old);
    CHECK(old->manifestation_tolerant);
    CHECK(old->transfer_size == 64);
    CHECK(old->dfu_version == 0x0100);
    CHECK_FALSE(
        parse_functional_descriptor(Bytes{0x09, 0x24, 0x0B, 0xFF, 0x00, 0x00, 0x08, 0x1A, 0x01}));
    CHECK_FALSE(
        parse_functional_descriptor(Bytes{0x09, 0x21, 0x0B, 0xFF, 0x00, 0x00, 0x00, 0x1A, 0x01}));
    CHECK_FALSE(parse_functional_descriptor(Bytes{0x09, 0x21, 0x0B}));
}

TEST_CASE("The functional descriptor is found among an interface's extra descriptors", "[dfu]") {
    Bytes extra{0x05, 0x24, 0x00, 0x10, 0x01,  // some other class descriptor first
                0x09, 0x21, 0x07, 0xE8, 0x03, 0x00, 0x04, 0x10, 0x01};
    auto found = find_functional_descriptor(extra);
    REQUIRE(found);
    REQUIRE(*found);
    CHECK((*found)->transfer_size == 1024);
    CHECK((*found)->detach_timeout_ms == 1000);
    auto none = find_functional_descriptor(Bytes{0x05, 0x24, 0x00, 0x10, 0x01});
    REQUIRE(none);
    CHECK_FALSE(*none);
    CHECK_FALSE(find_functional_descriptor(Bytes{0x09, 0x21, 0x07}));  // runs past the end
    CHECK_FALSE(find_functional_descriptor(Bytes{0x00, 0x21}));        // zero length
}

TEST_CASE("bcdDevice is read as JJ.M.N", "[dfu]") {
    CHECK(bcd_version(0x0241) == "2.4.1");
    CHECK(bcd_version(0x1000) == "10.0.0");
    CHECK(bcd_version(0x0100) == "1.0.0");
}

TEST_CASE("DfuSe commands are the bytes of AN3156 section 6.1", "[dfu][dfuse]") {
    CHECK(dfuse_set_address(0x08000000) == Bytes{0x21, 0x00, 0x00, 0x00, 0x08});
    CHECK(dfuse_erase_page(0x08004000) == Bytes{0x41, 0x00, 0x40, 0x00, 0x08});
    CHECK(dfuse_mass_erase() == Bytes{0x41});
    auto set = parse_dfuse_command(Bytes{0x21, 0x00, 0x00, 0x00, 0x08});
    REQUIRE(set);
    CHECK(set->kind == DfuseCommand::Kind::SetAddress);
    CHECK(set->address == 0x08000000);
    auto erase = parse_dfuse_command(Bytes{0x41, 0x00, 0x40, 0x00, 0x08});
    REQUIRE(erase);
    CHECK(erase->kind == DfuseCommand::Kind::ErasePage);
    CHECK(parse_dfuse_command(Bytes{0x41})->kind == DfuseCommand::Kind::MassErase);
    CHECK_FALSE(parse_dfuse_command(Bytes{0x21, 0x00}));
    CHECK_FALSE(parse_dfuse_command(Bytes{0x55}));
    CHECK_FALSE(parse_dfuse_command(Bytes{}));
    // Data blocks: address pointer + (wBlockNum - 2) * wTransferSize.
    CHECK(dfuse_block_address(0x08000000, 2, 2048) == 0x08000000u);
    CHECK(dfuse_block_address(0x08000000, 5, 2048) == 0x08001800u);
    CHECK_FALSE(dfuse_block_address(0x08000000, 1, 2048));
    CHECK_FALSE(dfuse_block_address(0xFFFFF000, 10, 2048));
}

TEST_CASE("A DfuSe memory layout from an STM32F4's interface string", "[dfu][dfuse]") {
    auto layout = parse_memory_layout("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg");
    REQUIRE(layout);
    CHECK(layout->name == "Internal Flash");
    REQUIRE(layout->segments.size() == 3);
    CHECK(layout->segments[0].start == 0x08000000);
    CHECK(layout->segments[0].sector_count == 4);
    CHECK(layout->segments[0].sector_size == 16 * 1024);
    CHECK(layout->segments[1].start == 0x08010000);
    CHECK(layout->segments[2].start == 0x08020000);
    CHECK(layout->segments[2].end() == 0x08100000);
    CHECK(layout->segments[0].readable());
    CHECK(layout->segments[0].erasable());
    CHECK(layout->segments[0].writeable());
    CHECK(layout->segment_at(0x08011000) == &layout->segments[1]);
    CHECK(layout->segment_at(0x08100000) == nullptr);
    auto option_bytes = parse_memory_layout("@Option Bytes  /0x1FFFC000/01*016 e");
    REQUIRE(option_bytes);
    CHECK(option_bytes->segments[0].sector_size == 16);
    CHECK(option_bytes->segments[0].readable());  // e = 5: readable and writeable
    CHECK_FALSE(option_bytes->segments[0].erasable());
    CHECK(option_bytes->segments[0].writeable());
    CHECK_FALSE(parse_memory_layout("Internal Flash /0x08000000/04*016Kg"));
    CHECK_FALSE(parse_memory_layout("@Internal Flash /0x08000000/04*016Kz"));
    CHECK_FALSE(parse_memory_layout("@Flash /0xFFFFFFFF/2*1Kg"));
    CHECK_FALSE(parse_memory_layout("@Flash"));
}
