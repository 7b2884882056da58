// Firmware files against dfu-util's own tools: `dfu-suffix -c` accepts every .dfu we write, and
// we read what `dfu-suffix -a` and `dfu-prefix -a` make.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "firmware/dfu_file.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/firmware/firmware_test_support.h"

using namespace rs;
using namespace rs::firmware;

namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

test::ProcessResult tool(std::vector<std::string> argv) {
    return test::run_process(argv);
}

}  // namespace

TEST_CASE("The suffix CRC is dfu-util's: a suffix captured from dfu-suffix 0.11", "[firmware]") {
    // `dfu-suffix -v 0483 -p df11 -d 0x0241 -a` on the 14 bytes "hello firmware".
    std::string file = add_dfu_suffix("hello firmware", {0x0241, 0xDF11, 0x0483, 0x0100, 0});
    std::string expected = "hello firmware";
    for (int byte : {0x41, 0x02, 0x11, 0xDF, 0x83, 0x04, 0x00, 0x01, 0x55, 0x46, 0x44, 0x10, 0xDD,
                     0xFE, 0x45, 0xE1})
        expected += static_cast<char>(byte);
    CHECK(file == expected);
    auto parsed = parse_firmware_file(file);
    REQUIRE(parsed);
    CHECK(parsed->format == ImageFormat::Dfu);
    CHECK(parsed->payload == "hello firmware");
    CHECK(parsed->suffix->vendor_id == 0x0483);
    CHECK(parsed->suffix->product_id == 0xDF11);
    CHECK(parsed->suffix->bcd_device == 0x0241);
    CHECK(parsed->suffix->crc == 0xE145FEDD);
}

TEST_CASE("dfu-suffix -c accepts the .dfu files we write", "[firmware][dfu-util]") {
    test::TempDir dir;
    std::string plain = dir.file("plain.dfu");
    test::write_bytes(plain, add_dfu_suffix(test::firmware_image("2.4.1", 10000),
                                            {0x0241, 0x2002, 0x1209, 0x0100, 0}));
    auto checked = tool({DFU_SUFFIX, "-c", plain});
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
    CHECK(checked.out.find("Vendor ID:\t0x1209") != std::string::npos);
    CHECK(checked.out.find("Product ID:\t0x2002") != std::string::npos);

    std::string dfuse = dir.file("dfuse.dfu");
    test::write_bytes(
        dfuse,
        write_dfuse_file(
            {{0, "Internal Flash", {{0x08000000, std::string(3000, 'a')}, {0x08010000, "bcd"}}},
             {1, "", {{0x1FFFC000, "\x01\x02"}}}},
            {0xFFFF, 0xDF11, 0x0483, 0, 0}));
    auto dfuse_checked = tool({DFU_SUFFIX, "-c", dfuse});
    INFO(dfuse_checked.out << dfuse_checked.err);
    CHECK(dfuse_checked.exit_code == 0);
    CHECK(dfuse_checked.out.find("BCD DFU:\t0x011A") != std::string::npos);

    // The check can fail: one changed byte and dfu-suffix refuses the file, as we do.
    std::string damaged = read_bytes(plain);
    damaged[100] ^= 0x40;
    test::write_bytes(plain, damaged);
    CHECK(tool({DFU_SUFFIX, "-c", plain}).exit_code != 0);
    auto ours = parse_firmware_file(damaged);
    REQUIRE_FALSE(ours);
    CHECK(ours.error().message.find("CRC") != std::string::npos);
}

TEST_CASE("We read the suffix dfu-suffix -a adds", "[firmware][dfu-util]") {
    test::TempDir dir;
    std::string path = dir.file("image.bin");
    std::string raw = test::firmware_image("3.0.0", 5000);
    test::write_bytes(path, raw);
    auto added = tool({DFU_SUFFIX, "-v", "1209", "-p", "2002", "-d", "0x0300", "-a", path});
    INFO(added.out << added.err);
    REQUIRE(added.exit_code == 0);
    auto parsed = parse_firmware_file(read_bytes(path));
    REQUIRE(parsed);
    CHECK(parsed->format == ImageFormat::Dfu);
    CHECK(parsed->payload == raw);
    CHECK(parsed->suffix->vendor_id == 0x1209);
    CHECK(parsed->suffix->product_id == 0x2002);
    CHECK(parsed->suffix->bcd_device == 0x0300);
    CHECK(parsed->prefix == PrefixKind::None);
}

TEST_CASE("We read the prefixes dfu-prefix -a adds (TI Stellaris and NXP LPC)",
          "[firmware][dfu-util]") {
    test::TempDir dir;
    std::string raw = test::firmware_image("1.2.0", 3000);

    std::string stellaris = dir.file("stellaris.bin");
    test::write_bytes(stellaris, raw);
    REQUIRE(tool({DFU_SUFFIX, "-v", "1cbe", "-p", "00ff", "-a", stellaris}).exit_code == 0);
    auto prefixed = tool({DFU_PREFIX, "-s", "0x2800", "-a", stellaris});
    INFO(prefixed.out << prefixed.err);
    REQUIRE(prefixed.exit_code == 0);
    auto parsed = parse_firmware_file(read_bytes(stellaris));
    REQUIRE(parsed);
    CHECK(parsed->prefix == PrefixKind::Stellaris);
    CHECK(parsed->prefix_address == 0x2800);
    CHECK(parsed->payload.size() == raw.size() + 8);
    CHECK(parsed->payload.substr(8) == raw);
    CHECK(tool({DFU_SUFFIX, "-c", stellaris}).exit_code == 0);

    std::string lpc = dir.file("lpc.bin");
    test::write_bytes(lpc, raw);
    REQUIRE(tool({DFU_SUFFIX, "-v", "1fc9", "-p", "000c", "-a", lpc}).exit_code == 0);
    REQUIRE(tool({DFU_PREFIX, "-L", "-a", lpc}).exit_code == 0);
    auto lpc_parsed = parse_firmware_file(read_bytes(lpc));
    REQUIRE(lpc_parsed);
    CHECK(lpc_parsed->prefix == PrefixKind::Lpc);
    CHECK(lpc_parsed->payload.substr(16) == raw);
}

TEST_CASE("DfuSe files round-trip and broken ones are refused with the place at fault",
          "[firmware]") {
    std::vector<DfuseTarget> targets{
        {0, "Internal Flash", {{0x08000000, "abcdef"}, {0x08004000, "gh"}}},
        {2, "", {{0x1FFF7800, std::string(512, '\0')}}}};
    std::string file = write_dfuse_file(targets, {0x0200, 0xDF11, 0x0483, 0, 0});
    auto parsed = parse_firmware_file(file);
    REQUIRE(parsed);
    CHECK(parsed->format == ImageFormat::Dfuse);
    REQUIRE(parsed->targets.size() == 2);
    CHECK(parsed->targets[0].name == "Internal Flash");
    CHECK(parsed->targets[0].elements[1].address == 0x08004000);
    CHECK(parsed->targets[0].elements[1].data == "gh");
    CHECK(parsed->targets[1].alt_setting == 2);
    CHECK(parsed->targets[1].name.empty());
    CHECK(parsed->data_size() == 520);
    CHECK(parsed->suffix->dfu_version == 0x011A);

    // Cut a byte out of the element data and re-suffix it: the sizes no longer add up.
    std::string body = file.substr(0, file.size() - k_suffix_length);
    std::string cut = body.substr(0, 300) + body.substr(301);
    auto broken = parse_firmware_file(add_dfu_suffix(cut, {}));
    REQUIRE_FALSE(broken);
    CHECK(broken.error().message.find("DfuSe") != std::string::npos);
}

TEST_CASE("A file without a suffix is a raw image", "[firmware]") {
    auto parsed = parse_firmware_file("just bytes of an image");
    REQUIRE(parsed);
    CHECK(parsed->format == ImageFormat::Raw);
    CHECK_FALSE(parsed->suffix);
    CHECK(parsed->payload == "just bytes of an image");
}
