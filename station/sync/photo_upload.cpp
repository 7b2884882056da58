// Photo upload: digest with Poco's SHA-256, one idempotent PUT.
#include "station/sync/photo_upload.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <fmt/format.h>

#include "station/sync/sync_wire.h"

namespace rs::station {

std::string sha256_hex(std::string_view bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

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

}  // namespace rs::station
