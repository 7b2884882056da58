// Formatting of photos, quality verdicts and codes read from frames.
#include "station/cli/photo_output.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "common/clock.h"
#include "labels/codes/code_grammar.h"
#include "station/cli/intake_output.h"
#include "station/photos/camera_config.h"

namespace rs::cli {

std::string quality_line(const devices::QualityReport& quality) {
    return fmt::format("{} (sharpness {:.0f}, brightness {:.0f})", quality.verdict(),
                       quality.sharpness, quality.brightness);
}

std::string code_line(const std::string& format, const Scan& scan) {
    auto readings = labels::classify(scan);
    const auto& best = readings.front();
    return fmt::format("{} {} {}: {} ({})", format, scan.symbology.empty() ? "-" : scan.symbology,
                       printable_scan(scan.text), labels::kind_name(best.kind), best.why);
}

nlohmann::json code_to_json(const devices::DecodedCode& code, const std::string& source,
                            std::int64_t frame_index) {
    nlohmann::json corners = nlohmann::json::array();
    for (const auto& corner : code.corners)
        corners.push_back({corner.x, corner.y});
    return {{"source", source},
            {"frame", frame_index},
            {"format", code.format},
            {"symbology", code.scan.symbology},
            {"text", printable_scan(code.scan.text)},
            {"pass", code.pass},
            {"corners", corners},
            {"readings", readings_to_json(labels::classify(code.scan))}};
}

nlohmann::json photo_to_json(const station::Photo& photo, const station::PhotoFiles& files) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& finding : photo.quality.findings)
        findings.push_back(
            {{"issue", devices::quality_issue_name(finding.issue)}, {"advice", finding.advice}});
    nlohmann::json codes = nlohmann::json::array();
    for (const auto& code : photo.codes)
        codes.push_back({{"text", printable_scan(code.text)},
                         {"symbology", code.symbology},
                         {"format", code.format},
                         {"corners", code.corners}});
    nlohmann::json annotations = nlohmann::json::array();
    for (const auto& note : photo.annotations)
        annotations.push_back({{"id", note.id},
                               {"rect", {note.x, note.y, note.width, note.height}},
                               {"label", note.label},
                               {"operator", note.operator_id},
                               {"created", format_utc_ms(note.created_ms)}});
    const auto& q = photo.quality;
    return {{"id", photo.id},
            {"sha256", photo.sha256},
            {"order", photo.order_number},
            {"stage", name_of(photo.stage)},
            {"camera", photo.camera},
            {"operator", photo.operator_id},
            {"taken", format_utc_ms(photo.taken_ms)},
            {"width", photo.width},
            {"height", photo.height},
            {"bytes", photo.bytes},
            {"file", files.path_of(photo.sha256).value_or("")},
            {"thumbnail", files.thumbnail_of(photo.sha256).value_or("")},
            {"quality",
             {{"verdict", q.verdict()},
              {"sharpness", q.sharpness},
              {"brightness", q.brightness},
              {"clipped_shadows", q.clipped_shadows},
              {"clipped_highlights", q.clipped_highlights},
              {"glare", q.glare},
              {"findings", findings}}},
            {"codes", codes},
            {"annotations", annotations}};
}

namespace {

// The [photos] section; reports a bad one and returns nothing.
std::optional<station::PhotosConfig> photos_config_of(CliContext& context) {
    const station::StationConfig* config = context.config();
    if (!config) return std::nullopt;
    auto photos = station::parse_photos_config(*config, context.store_path());
    if (!photos) {
        context.report(photos.error());
        return std::nullopt;
    }
    return std::move(*photos);
}

}  // namespace

std::optional<station::PhotoFiles> photo_files_of(CliContext& context) {
    auto photos = photos_config_of(context);
    if (!photos) return std::nullopt;
    return station::PhotoFiles(photos->dir, photos->jpeg_quality, photos->thumbnail_width);
}

std::optional<devices::WorkerSettings> decode_worker_of(CliContext& context) {
    auto photos = photos_config_of(context);
    if (!photos) return std::nullopt;
    devices::WorkerSettings settings;
    settings.keep_dir = (std::filesystem::path(photos->dir) / "undecodable").string();
    return settings;
}

void print_photo(const station::Photo& photo, const station::PhotoFiles& files) {
    fmt::print("photo {}  {}  {}  {}x{}, {} bytes\n", photo.id, photo.order_number,
               name_of(photo.stage), photo.width, photo.height, photo.bytes);
    fmt::print("  taken      {} by {} with {}\n", format_utc_ms(photo.taken_ms), photo.operator_id,
               photo.camera);
    fmt::print("  sha256     {}\n", photo.sha256);
    fmt::print("  file       {}\n", files.path_of(photo.sha256).value_or("?"));
    fmt::print("  quality    {}\n", quality_line(photo.quality));
    for (const auto& finding : photo.quality.findings)
        fmt::print("             {}\n", finding.advice);
    for (const auto& code : photo.codes)
        fmt::print("  code       {} {} {}\n", code.format, code.symbology,
                   printable_scan(code.text));
    for (const auto& note : photo.annotations)
        fmt::print("  damage     #{} {},{} {}x{} \"{}\" by {}\n", note.id, note.x, note.y,
                   note.width, note.height, note.label, note.operator_id);
}

}  // namespace rs::cli
