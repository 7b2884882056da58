// Photos of repair orders: filed by stage with their quality verdict and the codes seen in them,
// and damage annotations; every change audited and published in its transaction.
#pragma once

#include <opencv2/core/mat.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "devices/camera/frame_decoder.h"
#include "devices/camera/frame_quality.h"
#include "station/orders/repair_orders.h"
#include "station/photos/photo_files.h"
#include "station/store/station_store.h"

namespace rs::station {

enum class PhotoStage { Intake, Diagnosis, Qa, Packing };
constexpr auto enum_names(PhotoStage) {
    using enum PhotoStage;
    return std::to_array<EnumName<PhotoStage>>(
        {{Intake, "intake"}, {Diagnosis, "diagnosis"}, {Qa, "qa"}, {Packing, "packing"}});
}

struct PhotoCode {
    std::string text;
    std::string symbology;  // AIM id
    std::string format;
    std::array<std::array<int, 2>, 4> corners{};  // x, y in photo pixels
};

struct PhotoAnnotation {
    std::int64_t id = 0;
    int x = 0, y = 0, width = 0, height = 0;  // photo pixels
    std::string label;
    std::string operator_id;
    std::int64_t created_ms = 0;
};

struct Photo {
    std::string id;  // UUIDv7
    std::string sha256;
    std::string order_id;
    std::string order_number;
    PhotoStage stage = PhotoStage::Intake;
    std::string camera;
    std::string operator_id;
    std::int64_t taken_ms = 0;
    int width = 0, height = 0;
    std::int64_t bytes = 0;
    devices::QualityReport quality;  // measures and findings as recorded
    std::vector<PhotoCode> codes;
    std::vector<PhotoAnnotation> annotations;  // filled by find_photo
    std::int64_t created_ms = 0;
};

struct NewPhoto {
    std::string order_number;
    PhotoStage stage = PhotoStage::Intake;
    std::string operator_id;  // empty: the order's owner, who answers for the case
    std::string camera;       // Camera::source()
    std::int64_t taken_ms = 0;
    cv::Mat image;
    devices::QualityReport quality;
    std::vector<devices::DecodedCode> codes;
};

struct AddedPhoto {
    Photo photo;
    bool already_stored = false;  // the same picture was filed for this order before
};

// The repair order a photo is for: a clear error when this store has no such order.
Result<RepairOrder> photographed_order(StationStore& store, const std::string& number);

// Checks the order and the person, stores the JPEG and thumbnail, then writes the row, the
// audit entry and the outbox event in one transaction. The same picture for the same order
// again is no change (already_stored); for another order it is a Conflict.
Result<AddedPhoto> add_photo(StationStore& store, const PhotoFiles& files, const NewPhoto& photo);

struct PhotoFilter {
    std::string order_number;  // empty: every order
    std::optional<PhotoStage> stage;
    int limit = 100;
};
// Newest first.
Result<std::vector<Photo>> list_photos(StationStore& store, const PhotoFilter& filter);

// `reference` is a photo id (UUIDv7) or its SHA-256, whole or its first 8 or more hex digits.
// Anything else is an Invalid error; a prefix shared by several photos is a Conflict.
Result<std::optional<Photo>> find_photo(StationStore& store, const std::string& reference);

struct AnnotationRequest {
    std::string photo;  // as for find_photo
    int x = 0, y = 0, width = 0, height = 0;
    std::string label;
    std::string operator_id;
};
// The rectangle must lie within the photo; the label is 1 to 200 characters.
Result<PhotoAnnotation> annotate_photo(StationStore& store, const AnnotationRequest& request);

}  // namespace rs::station
