// Firmware test helpers: images that say their version the way the simulated device reads it,
// and a vendor's file set (firmware.json and its files) written to a folder.
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "common/store/database.h"
#include "common/store/migrations.h"
#include "firmware/schema.h"

namespace rs::test {

// `size` bytes starting with the simulated device's version marker, then a pattern.
inline std::string firmware_image(const std::string& version, std::size_t size) {
    std::string image = "RSFW-VERSION=" + version + "\n";
    for (std::size_t i = image.size(); i < size; ++i)
        image += static_cast<char>((i * 131 + version.size()) & 0xFF);
    image.resize(size);
    return image;
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A store file with the firmware library's tables.
inline store::Database firmware_store(const std::string& path) {
    auto opened = store::Database::open(path);
    REQUIRE(opened);
    REQUIRE(store::apply_migrations(*opened, firmware::firmware_migrations()));
    return std::move(*opened);
}

// The model the simulated device's default ids are (1209:2001 run-time, 1209:2002 DFU mode).
inline nlohmann::json simulated_watch_models() {
    return nlohmann::json::array({{{"model", "Watch 4"},
                                   {"revision", "B"},
                                   {"vendor_id", "1209"},
                                   {"runtime_product_id", "2001"},
                                   {"dfu_product_id", "2002"}},
                                  {{"model", "Buds 3"},
                                   {"revision", ""},
                                   {"vendor_id", "1209"},
                                   {"runtime_product_id", "3001"},
                                   {"dfu_product_id", "3002"}}});
}

}  // namespace rs::test
