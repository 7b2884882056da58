// The DFU driver against the simulated device: a whole flash from run-time mode, read-back,
// DfuSe, and every fault ending in a clear error, the recovery the specification asks for and a
// device in a known state.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "devices/dfu/dfu_driver.h"
#include "devices/dfu/dfu_factory.h"
#include "devices/dfu/simulated_dfu_device.h"

using namespace rs::devices::dfu;
using rs::ErrorCode;
using rs::name_of;

namespace {

std::vector<std::uint8_t> image_of(std::size_t size, const std::string& version = "2.0.0") {
    std::string text = "RSFW-VERSION=" + version + "\n";
    std::vector<std::uint8_t> image(text.begin(), text.end());
    for (std::size_t i = image.size(); i < size; ++i)
        image.push_back(static_cast<std::uint8_t>(i * 7 + 3));
    return image;
}

SimulatedDfuOptions small_device() {
    SimulatedDfuOptions options;
    options.functional.transfer_size = 256;
    options.functional.manifestation_tolerant = true;
    options.firmware = "RSFW-VERSION=1.0.0\n";
    return options;
}

std::string text_of(const std::vector<std::uint8_t>& bytes) {
    return std::string(bytes.begin(), bytes.end());
}

}  // namespace

TEST_CASE("A run-time device is detached, flashed, read back and restarted", "[dfu]") {
    SimulatedDfuDevice device(small_device());
    DfuDriver driver(device);
    CHECK_FALSE(device.info().dfu_mode);
    CHECK(device.info().version() == "1.0.0");
    REQUIRE(driver.enter_dfu_mode());
    CHECK(device.info().dfu_mode);
    CHECK(device.info().usb.product_id == 0x2002);

    auto image = image_of(1000);
    std::vector<std::size_t> progress;
    REQUIRE(driver.download(image, [&](std::size_t done, std::size_t) { progress.push_back(done); },
                            {}));
    CHECK(progress == std::vector<std::size_t>{256, 512, 768, 1000});
    CHECK(device.state() == State::DfuIdle);         // manifestation tolerant
    CHECK(device.requests(Request::Download) == 5);  // four blocks and the zero-length end

    auto read = driver.upload(image.size() + 1, {}, {});
    REQUIRE(read);
    CHECK(*read == image);
    REQUIRE(driver.restart());
    CHECK_FALSE(device.info().dfu_mode);
    CHECK(device.info().version() == "2.0.0");
    CHECK(device.firmware() == text_of(image));
}

TEST_CASE("A device that is not manifestation tolerant waits for the reset", "[dfu]") {
    auto options = small_device();
    options.functional.manifestation_tolerant = false;
    options.start_in_dfu_mode = true;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    REQUIRE(driver.download(image_of(600, "3.1.0"), {}, {}));
    CHECK(device.state() == State::ManifestWaitReset);
    REQUIRE(driver.restart());
    CHECK(device.info().version() == "3.1.0");
}

TEST_CASE("bwPollTimeout is honoured: the device stalls a status request sent too early", "[dfu]") {
    auto options = small_device();
    options.poll_timeout_ms = 30;
    options.start_in_dfu_mode = true;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    REQUIRE(driver.download(image_of(600), {}, {}));
    CHECK(device.status() == DeviceStatus::Ok);
    CHECK(device.requests(Request::ClearStatus) == 0);
}

TEST_CASE("A stalled download ends in DFU_CLRSTATUS and dfuIDLE", "[dfu][fault]") {
    auto options = small_device();
    options.start_in_dfu_mode = true;
    options.fault = SimulatedFault::Stall;
    options.fault_block = 2;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    auto flashed = driver.download(image_of(2000), {}, {});
    REQUIRE_FALSE(flashed);
    INFO(flashed.error().message);
    CHECK(flashed.error().message.find("block 2") != std::string::npos);
    CHECK(flashed.error().message.find("STALL") != std::string::npos);
    CHECK(flashed.error().message.find("DFU_CLRSTATUS sent") != std::string::npos);
    CHECK(device.requests(Request::ClearStatus) == 1);
    CHECK(device.state() == State::DfuIdle);
    CHECK(driver.last_recovery().find("dfuIDLE") != std::string::npos);
}

TEST_CASE("Each error status ends in a message naming it and DFU_CLRSTATUS", "[dfu][fault]") {
    for (int code = 1; code <= 0x0F; ++code) {
        auto status = static_cast<DeviceStatus>(code);
        auto options = small_device();
        options.start_in_dfu_mode = true;
        options.fault = SimulatedFault::ErrorStatus;
        options.fault_status = status;
        options.fault_block = 1;
        SimulatedDfuDevice device(options);
        DfuDriver driver(device);
        auto flashed = driver.download(image_of(1000), {}, {});
        INFO(name_of(status));
        REQUIRE_FALSE(flashed);
        CHECK(flashed.error().message.find(name_of(status)) != std::string::npos);
        CHECK(flashed.error().message.find(status_meaning(status)) != std::string::npos);
        CHECK(flashed.error().message.find("block 1") != std::string::npos);
        CHECK(device.requests(Request::ClearStatus) == 1);
        CHECK(device.state() == State::DfuIdle);
        CHECK(device.status() == DeviceStatus::Ok);
    }
}

TEST_CASE("A slow poll timeout within the limit is waited for", "[dfu][fault]") {
    auto options = small_device();
    options.start_in_dfu_mode = true;
    options.fault = SimulatedFault::SlowPoll;
    options.fault_block = 1;
    options.slow_poll_ms = 150;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    REQUIRE(driver.download(image_of(700), {}, {}));
    CHECK(device.state() == State::DfuIdle);
}

TEST_CASE("A poll timeout beyond the limit is not waited for: the device is reset",
          "[dfu][fault]") {
    auto options = small_device();
    options.start_in_dfu_mode = true;
    options.fault = SimulatedFault::SlowPoll;
    options.fault_block = 1;
    options.slow_poll_ms = 600000;  // ten minutes
    SimulatedDfuDevice device(options);
    DfuDriverOptions limits;
    limits.max_poll = std::chrono::milliseconds(200);
    DfuDriver driver(device, limits);
    auto flashed = driver.download(image_of(1000), {}, {});
    REQUIRE_FALSE(flashed);
    CHECK(flashed.error().code == ErrorCode::Timeout);
    CHECK(flashed.error().message.find("600000 ms") != std::string::npos);
    CHECK(flashed.error().message.find("the device is in dfuIDLE") != std::string::npos);
    CHECK(device.info().dfu_mode);
    CHECK(device.state() == State::DfuIdle);
}

TEST_CASE("A device unplugged mid-download ends the download with a clear message",
          "[dfu][fault]") {
    auto options = small_device();
    options.start_in_dfu_mode = true;
    options.fault = SimulatedFault::Disconnect;
    options.fault_block = 3;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    auto flashed = driver.download(image_of(2000), {}, {});
    REQUIRE_FALSE(flashed);
    CHECK(transfer_failure_of(flashed.error()) == TransferFailure::Gone);
    CHECK(flashed.error().message.find("block 3 (768 of 2000 bytes written)") != std::string::npos);
    CHECK(flashed.error().message.find("left the bus") != std::string::npos);
    CHECK_FALSE(device.on_bus());
    CHECK_FALSE(driver.restart());  // it does not come back: an error, not a hang
}

TEST_CASE("A device that comes back with another product id is found by serial and port",
          "[dfu][fault]") {
    auto options = small_device();
    options.fault = SimulatedFault::NewProductId;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    REQUIRE(driver.enter_dfu_mode());
    CHECK(device.info().usb.product_id == 0x2012);
    CHECK(device.info().usb.serial == "SIM-0001");
    REQUIRE(driver.download(image_of(300), {}, {}));
}

TEST_CASE("A device that comes back with another serial number is not taken for ours",
          "[dfu][fault]") {
    auto options = small_device();
    options.fault = SimulatedFault::NewSerial;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    auto entered = driver.enter_dfu_mode();
    REQUIRE_FALSE(entered);
    CHECK(entered.error().code == ErrorCode::NotFound);
    CHECK(entered.error().message.find("did not come back") != std::string::npos);
}

TEST_CASE("Cancelling between blocks sends DFU_ABORT and leaves the device idle", "[dfu]") {
    auto options = small_device();
    options.start_in_dfu_mode = true;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    std::size_t seen = 0;
    auto flashed = driver.download(
        image_of(2000), [&](std::size_t done, std::size_t) { seen = done; },
        [&] { return seen >= 512; });
    REQUIRE_FALSE(flashed);
    CHECK(is_cancelled(flashed.error()));
    CHECK(flashed.error().message.find("DFU_ABORT sent") != std::string::npos);
    CHECK(device.requests(Request::Abort) == 1);
    CHECK(device.state() == State::DfuIdle);
    CHECK(seen == 512);
}

TEST_CASE("A device left in dfuERROR is cleared before a download", "[dfu]") {
    auto options = small_device();
    options.start_in_dfu_mode = true;
    SimulatedDfuDevice device(options);
    // An UPLOAD it cannot take in run-time... here: a CLRSTATUS outside dfuERROR stalls and
    // puts the device in dfuERROR, as a previous program might have left it.
    CHECK_FALSE(device.control_out(clear_status_request(0), {}, std::chrono::milliseconds(100)));
    CHECK(device.state() == State::Error);
    DfuDriver driver(device);
    REQUIRE(driver.download(image_of(300), {}, {}));
    CHECK(device.requests(Request::ClearStatus) == 2);
}

TEST_CASE("A device that cannot upload says so instead of reading nothing", "[dfu]") {
    auto options = small_device();
    options.start_in_dfu_mode = true;
    options.functional.can_upload = false;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    auto read = driver.upload(100, {}, {});
    REQUIRE_FALSE(read);
    CHECK(read.error().code == ErrorCode::Unsupported);
}

TEST_CASE("DfuSe: pages erased, elements written at their addresses, then it leaves",
          "[dfu][dfuse]") {
    auto options = small_device();
    options.dfuse = true;
    options.functional.transfer_size = 2048;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    REQUIRE(driver.enter_dfu_mode());
    auto first = image_of(5000, "4.0.0");
    std::vector<std::uint8_t> second(3000, 0x5A);
    std::vector<DfuseElement> elements{{0x08000000, first}, {0x08010000, second}};
    std::size_t last = 0;
    REQUIRE(
        driver.dfuse_download(elements, [&](std::size_t done, std::size_t) { last = done; }, {}));
    CHECK(last == 8000);
    CHECK(device.read_memory(0x08000000, first.size()) == text_of(first));
    CHECK(device.read_memory(0x08010000, second.size()) == text_of(second));
    CHECK(device.read_memory(0x08010000 + 3000, 4) == std::string(4, '\xFF'));
    REQUIRE(driver.restart());
    CHECK_FALSE(device.info().dfu_mode);
    CHECK(device.info().version() == "4.0.0");
}

TEST_CASE("DfuSe: an element outside writeable memory is refused before anything is erased",
          "[dfu][dfuse]") {
    auto options = small_device();
    options.dfuse = true;
    options.start_in_dfu_mode = true;
    SimulatedDfuDevice device(options);
    DfuDriver driver(device);
    std::vector<std::uint8_t> data(100, 1);
    std::vector<DfuseElement> elements{{0x20000000, data}};
    auto flashed = driver.dfuse_download(elements, {}, {});
    REQUIRE_FALSE(flashed);
    CHECK(flashed.error().message.find("0x20000000") != std::string::npos);
    CHECK(device.requests(Request::Download) == 0);
}

TEST_CASE("The DFU factory builds the simulator from its settings and refuses unknown ones",
          "[dfu]") {
    auto device =
        make_dfu_device("sim:?serial=AB12&version=2.1.0&mode=dfu&transfer=512&fault=stall&block=4");
    REQUIRE(device);
    CHECK((*device)->info().usb.serial == "AB12");
    CHECK((*device)->info().dfu_mode);
    CHECK((*device)->info().functional.transfer_size == 512);
    CHECK((*device)->info().version() == "2.1.0");
    auto options = parse_simulated_dfu("sim:?fault=status&status=errERASE");
    REQUIRE(options);
    CHECK(options->fault_status == DeviceStatus::ErrErase);
    CHECK_FALSE(make_dfu_device("sim:?colour=red"));
    CHECK_FALSE(make_dfu_device("sim:?fault=gremlins"));
    CHECK_FALSE(make_dfu_device("sim:?version=2.10.0"));
    auto unknown = make_dfu_device("bluetooth:device");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.find("usb://") != std::string::npos);
}
