// write_vendor_files: a vendor's firmware file set (a DFU image for the simulated watch, a raw one
// for earbuds, their firmware.json) that `station firmware import` reads, for whole-program tests.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "firmware/dfu_file.h"
#include "tests/unit/firmware/firmware_test_support.h"

namespace rs::test {

// Writes the set into the folder `vendor` (made if missing). The watch's image is 2.0.0, 64 KiB
// (at 256 bytes a block and 20 ms a poll the slow simulated device takes about 5 s), for Watch 4
// revision B, floor 1.5.0; the earbuds' is 3.1.0.
inline void write_vendor_files(const std::string& vendor) {
    std::filesystem::create_directories(vendor);
    write_bytes(vendor + "/watch-2.0.0.dfu",
                firmware::add_dfu_suffix(firmware_image("2.0.0", 65536),
                                         {0x0200, 0x2002, 0x1209, 0x0100, 0}));
    write_bytes(vendor + "/buds-3.1.0.bin", firmware_image("3.1.0", 1000));
    write_bytes(vendor + "/firmware.json",
                nlohmann::json{{"vendor", "Acme"},
                               {"models", simulated_watch_models()},
                               {"images",
                                {{{"file", "watch-2.0.0.dfu"},
                                  {"version", "2.0.0"},
                                  {"floor_version", "1.5.0"},
                                  {"notes", "battery gauge fix"},
                                  {"fits", {{{"model", "Watch 4"}, {"revisions", {"B"}}}}}},
                                 {{"file", "buds-3.1.0.bin"},
                                  {"version", "3.1.0"},
                                  {"fits", {{{"model", "Buds 3"}}}}}}}}
                    .dump(2));
}

}  // namespace rs::test
