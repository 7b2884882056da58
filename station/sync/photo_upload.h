// Photo upload: PUT /v1/photos/{sha256}, content-addressed, so sending twice is harmless.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "common/error.h"
#include "station/sync/platform_client.h"
#include "station/sync/sync_wire.h"

namespace rs::station {

struct PhotoUpload {
    std::string sha256;    // lower-case hex: how events refer to the photo
    bool created = false;  // false: the platform had it already
};

// Uploads a JPEG or PNG; any answer but 200/201 is an error saying what the platform said.
Result<PhotoUpload> upload_photo(PlatformClient& client, std::string_view bytes,
                                 const std::string& content_type);

// Before a batch goes out: uploads the photo of every repair_order.photo_added event in it from
// `photos_dir`, so the platform never holds an event whose photo it lacks. A failed upload is an
// error (the batch waits and is sent again later); a photo file gone from the disk is logged
// and its event sent without it, since waiting would not bring it back.
Status upload_event_photos(PlatformClient& client, const std::string& photos_dir,
                           std::span<const OutboxRow> batch);

}  // namespace rs::station
