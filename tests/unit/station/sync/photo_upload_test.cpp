// Tests of photo upload against the reference platform on loopback.
#include <catch2/catch.hpp>

#include "station/sync/photo_upload.h"
#include "tests/support/platform_fixture.h"

using namespace rs;
using namespace rs::station;

TEST_CASE("a photo is uploaded under its SHA-256, and again without harm") {
    // FIPS 180-2 appendix B.1: SHA-256("abc").
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    test::TempDir dir;
    test::TestPlatform platform(dir, 0);
    SyncConfig config;
    config.url = platform.url();
    config.token = test::k_station_token;
    config.station_id = "bench-1";
    auto client = PlatformClient::create(config);
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
