// Tests of photo upload against the reference platform on loopback.
#include <catch2/catch.hpp>
#include <opencv2/core.hpp>

#include <filesystem>

#include "common/sha256.h"
#include "station/photos/photo_files.h"
#include "station/sync/photo_upload.h"
#include "tests/support/platform_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {

SyncConfig config_for(const test::TestPlatform& platform) {
    SyncConfig config;
    config.url = platform.url();
    config.token = test::k_station_token;
    config.station_id = "bench-1";
    return config;
}

OutboxRow photo_event(std::int64_t seq, const std::string& sha256) {
    OutboxRow row;
    row.seq = seq;
    row.event_id = fmt::format("01936f1e-8a2b-7c3d-9e4f-0000000000{:02}", seq);
    row.type = "repair_order.photo_added";
    row.aggregate_id = "order-1";
    row.payload = nlohmann::json{{"sha256", sha256}}.dump();
    return row;
}

}  // namespace

TEST_CASE("a photo is uploaded under its SHA-256, and again without harm") {
    test::TempDir dir;
    test::TestPlatform platform(dir, 0);
    auto client = PlatformClient::create(config_for(platform));
    REQUIRE(client);
    std::string jpeg = "\xff\xd8\xff\xe0 not really a picture \xff\xd9";
    auto first = upload_photo(**client, jpeg, "image/jpeg");
    REQUIRE(first);
    CHECK(first->created);
    CHECK(first->sha256 == sha256_hex(jpeg));
    auto again = upload_photo(**client, jpeg, "image/jpeg");
    REQUIRE(again);
    CHECK_FALSE(again->created);
    CHECK(platform.store->stats().value().photos == 1);
    auto refused = upload_photo(**client, jpeg, "image/gif");
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("415 unsupported_media_type"));
}

TEST_CASE("a batch's photo_added events put their photos first; a lost file does not block") {
    test::TempDir dir;
    test::TestPlatform platform(dir, 0);
    auto client = PlatformClient::create(config_for(platform));
    REQUIRE(client);
    PhotoFiles files(dir.file("photos"));
    cv::Mat image(48, 64, CV_8UC3, cv::Scalar(40, 120, 200));
    auto stored = files.store(image);
    REQUIRE(stored);
    auto lost = files.store(cv::Mat(48, 64, CV_8UC3, cv::Scalar(0, 0, 0)));
    REQUIRE(lost);
    std::filesystem::remove(lost->path);

    OutboxRow not_a_photo;
    not_a_photo.type = "repair_order.inspected";
    not_a_photo.payload = R"({"sha256": "not even hex"})";
    std::vector<OutboxRow> batch{photo_event(1, stored->sha256), not_a_photo,
                                 photo_event(2, lost->sha256), photo_event(3, "../../etc/passwd")};
    REQUIRE(upload_event_photos(**client, files.dir(), batch));
    CHECK(platform.store->stats().value().photos == 1);  // the one still on disk

    platform.stop();  // unreachable: the batch must wait, with a reason
    auto failed = upload_event_photos(**client, files.dir(), batch);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code != ErrorCode::Internal);
}
