// serve_dfu_gadget: a DFU 1.1 device on a gadgetfs ep0 file, for the USB guest tests.
#pragma once

#include <csignal>
#include <cstdint>
#include <string>

namespace rs::test {

struct DfuGadgetOptions {
    std::string ep0;     // /dev/gadget/dummy_udc.N (gadgetfs mounted on /dev/gadget)
    std::string folder;  // each manifested image is written here as flashed-N.bin
    std::uint16_t vendor_id = 0x1209;
    std::uint16_t product_id = 0x2001;      // run-time mode
    std::uint16_t dfu_product_id = 0x2002;  // DFU mode
    std::string version = "1.2.0";          // of the firmware it starts with
    std::string manufacturer = "Acme Wearables";
    std::string product = "Watch 4";
    std::string serial = "W4-88321";
    std::string interface_name = "Watch 4 firmware";
};

// Serves until `stop` is set; re-enumerates on DFU_DETACH + reset and after a manifested
// download + reset. Returns the exit code.
int serve_dfu_gadget(const DfuGadgetOptions& options, const volatile std::sig_atomic_t& stop);

}  // namespace rs::test
