// Fuzz target: arbitrary bytes as the station's TOML configuration (--config): the file, then
// every section's parser the station runs on it (station, store, scanners, printers, labels,
// cameras, photos, web, platform). Nothing here opens a device or a file: the platform's
// token_file is dropped and a plain-http url is pointed at a literal loopback address, so the
// target reads no file and resolves no name (the check itself is what runs).
#include <cstddef>
#include <cstdint>
#include <string>

#include "station/photos/camera_config.h"
#include "station/printing/printer_config.h"
#include "station/scanning/scanner_config.h"
#include "station/store/config.h"
#include "station/sync/sync_config.h"
#include "station/web/web_config.h"
#include "tests/fuzz/fuzz_check.h"

using namespace rs::station;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto config = parse_config(text, "fuzz.toml");
    if (!config) {
        FUZZ_FAIL_IF(config.error().message.empty());  // every refusal says why
        return 0;
    }
    FUZZ_FAIL_IF(config->station_id.empty());
    (void)parse_scanners_config(*config);
    (void)parse_printers_config(*config);
    (void)parse_labels_config(*config);
    (void)parse_cameras_config(*config);
    (void)parse_photos_config(*config, "/nonexistent/station.db");
    (void)parse_web_config(*config);
    if (auto* platform = config->document["platform"].as_table()) {
        platform->erase("token_file");
        if (auto* url = platform->get_as<std::string>("url");
            url && url->get().rfind("https://", 0) != 0)
            *url = "http://127.0.0.1:1/";
    }
    (void)parse_sync_config(*config, "/nonexistent/station.db");
    return 0;
}
