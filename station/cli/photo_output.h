// How photos, their quality and the codes seen in them are shown: lines for people, or JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "devices/camera/frame_decoder.h"
#include "devices/camera/frame_quality.h"
#include "devices/camera/isolated_decoder.h"
#include "station/cli/cli_context.h"
#include "station/photos/photo_files.h"
#include "station/photos/photos.h"

namespace rs::cli {

nlohmann::json photo_to_json(const station::Photo& photo, const station::PhotoFiles& files);

// One code read from a frame, with what the code grammar says it is (`camera scan --json`).
nlohmann::json code_to_json(const devices::DecodedCode& code, const std::string& source,
                            std::int64_t frame_index);

// "ok (sharpness 308, brightness 81)" or "blurred (sharpness 12, brightness 80)".
std::string quality_line(const devices::QualityReport& quality);

// "code128 ]C0 490154203237518: IMEI (Luhn check digit 8 ok)", the code grammar's best reading.
std::string code_line(const std::string& format, const Scan& scan);

// Where this store's photo files are: [photos] dir, else next to the store. Reports a bad
// configuration and returns nothing.
// How frames are decoded in the worker process: frames it dies on are kept in the "undecodable"
// folder of the photos folder, for a bug report (docs/cameras.md).
std::optional<devices::WorkerSettings> decode_worker_of(CliContext& context);
std::optional<station::PhotoFiles> photo_files_of(CliContext& context);

// The photo's details, the way `station photos show` prints them.
void print_photo(const station::Photo& photo, const station::PhotoFiles& files);

}  // namespace rs::cli
