// Photo upload: one idempotent PUT per photo, and the photos a batch of events refers to.
#include "station/sync/photo_upload.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "common/logger.h"
#include "common/sha256.h"
#include "station/photos/photo_files.h"

namespace rs::station {
namespace {
const Logger k_log("sync");
constexpr const char* k_photo_added = "repair_order.photo_added";
}  // namespace

Result<PhotoUpload> upload_photo(PlatformClient& client, std::string_view bytes,
                                 const std::string& content_type) {
    PhotoUpload upload{sha256_hex(bytes), false};
    auto reply = client.put("/v1/photos/" + upload.sha256, bytes, content_type);
    if (!reply) return std::unexpected(reply.error());
    if (reply->status != 200 && reply->status != 201)
        return fail(
            reply->status >= 500 || reply->status == 429 ? ErrorCode::Io : ErrorCode::Protocol,
            fmt::format("the platform refused photo {} ({})", upload.sha256,
                        describe_error_reply(reply->status, reply->body)),
            "sync");
    upload.created = reply->status == 201;
    return upload;
}

Status upload_event_photos(PlatformClient& client, const std::string& photos_dir,
                           std::span<const OutboxRow> batch) {
    PhotoFiles files(photos_dir);
    for (const auto& row : batch) {
        if (row.type != k_photo_added) continue;
        auto payload = nlohmann::json::parse(row.payload, nullptr, false);
        std::string sha256 = payload.is_object() ? payload.value("sha256", "") : "";
        auto path = files.path_of(sha256);  // only a well-formed digest becomes a path
        if (!path) {
            k_log.warn("event {} names no valid photo digest: sent without its photo",
                       row.event_id);
            continue;
        }
        std::ifstream file(*path, std::ios::binary);
        if (!file) {
            k_log.warn("photo {} is missing from {}: event {} is sent without it", sha256,
                       photos_dir, row.event_id);
            continue;
        }
        std::stringstream bytes;
        bytes << file.rdbuf();
        if (sha256_hex(bytes.str()) != sha256) {
            k_log.warn(
                "photo file {} no longer has its digest (damaged?): event {} is sent "
                "without it",
                *path, row.event_id);
            continue;
        }
        auto uploaded = upload_photo(client, bytes.str(), "image/jpeg");
        if (!uploaded) return std::unexpected(uploaded.error());
    }
    return {};
}

}  // namespace rs::station
