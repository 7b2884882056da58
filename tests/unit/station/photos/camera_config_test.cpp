// The [cameras] and [photos] sections of the station configuration.
#include <catch2/catch.hpp>

#include "station/photos/camera_config.h"

using namespace rs;
using namespace rs::station;

namespace {
StationConfig parsed(const std::string& text) {
    auto config = parse_config(text, "test.toml");
    REQUIRE(config);
    return *config;
}
}  // namespace

TEST_CASE("no [cameras] section: defaults, no configured camera") {
    auto cameras = parse_cameras_config(parsed(""));
    REQUIRE(cameras);
    CHECK(cameras->cameras.empty());
    CHECK(cameras->find("") == nullptr);
    CHECK(cameras->still.frames == 5);
    CHECK(cameras->decoder.formats == devices::default_barcode_formats());
}

TEST_CASE("[cameras] with devices, formats and quality thresholds") {
    auto cameras = parse_cameras_config(parsed(R"(
[cameras]
default = "bench"
still_frames = 8
formats = ["datamatrix", "code128"]
try_inverted = false
[cameras.quality]
min_sharpness = 55
max_glare = 0.01
[[cameras.device]]
name = "overview"
source = "sim"
[[cameras.device]]
name = "bench"
source = "/dev/v4l/by-id/usb-046d_C920-video-index0"
width = 1920
height = 1080
fps = 30
)"));
    REQUIRE(cameras);
    REQUIRE(cameras->cameras.size() == 2);
    CHECK(cameras->find("")->name == "bench");
    CHECK(cameras->find("overview")->source == "sim");
    CHECK(cameras->find("nothing") == nullptr);
    CHECK(cameras->find("bench")->settings.width == 1920);
    CHECK(cameras->find("bench")->settings.fourcc == "MJPG");
    CHECK(cameras->still.frames == 8);
    CHECK(cameras->still.thresholds.min_sharpness == 55);
    CHECK(cameras->still.thresholds.max_glare == 0.01);
    CHECK(cameras->decoder.formats.names() == std::vector<std::string>{"code128", "datamatrix"});
    CHECK_FALSE(cameras->decoder.try_inverted);
}

TEST_CASE("[cameras] mistakes name the key to fix") {
    auto message = [](const std::string& text) {
        auto config = parse_config(text, "test.toml");
        REQUIRE(config);
        auto cameras = parse_cameras_config(*config);
        REQUIRE_FALSE(cameras);
        return cameras.error().message;
    };
    CHECK(message("[cameras]\nstill_frame = 3\n").find("[cameras] has no key still_frame") !=
          std::string::npos);
    CHECK(message("[cameras]\nformats = [\"qr\"]\n").find("unknown barcode format \"qr\"") !=
          std::string::npos);
    CHECK(message("[cameras]\nstill_frames = 0\n").find("still_frames must be from 1") !=
          std::string::npos);
    CHECK(message("[cameras]\ndefault = \"top\"\n").find("names no [[cameras.device]]") !=
          std::string::npos);
    CHECK(message("[[cameras.device]]\nname = \"a\"\n").find("needs source") != std::string::npos);
    CHECK(message("[[cameras.device]]\nsource = \"0\"\nfourcc = \"MJPEG\"\n")
              .find("fourcc must be 4 characters") != std::string::npos);
    CHECK(message("[cameras.quality]\nmin_sharpness = \"high\"\n")
              .find("min_sharpness must be a number") != std::string::npos);
    // Found by probing: nan was accepted, and then every photo was "ok".
    for (std::string limit : {"min_sharpness = nan", "max_glare = inf", "min_brightness = -nan"})
        CHECK(message("[cameras.quality]\n" + limit + "\n").find("must be a finite number") !=
              std::string::npos);
    CHECK(message("[[cameras.device]]\nname = \"a\"\nsource = \"0\"\n[[cameras.device]]\nname = "
                  "\"a\"\nsource = \"1\"\n")
              .find("used twice") != std::string::npos);
}

TEST_CASE("[photos]: next to the store unless configured") {
    auto defaults = parse_photos_config(parsed(""), "/var/lib/rs/station.db");
    REQUIRE(defaults);
    CHECK(defaults->dir == "/var/lib/rs/photos");
    CHECK(parse_photos_config(parsed(""), "station.db")->dir == "photos");
    auto configured = parse_photos_config(
        parsed("[photos]\ndir = \"/srv/photos\"\njpeg_quality = 80\n"), "station.db");
    REQUIRE(configured);
    CHECK(configured->dir == "/srv/photos");
    CHECK(configured->jpeg_quality == 80);
    auto wrong = parse_photos_config(parsed("[photos]\njpeg_quality = 101\n"), "station.db");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().message.find("jpeg_quality must be from 1 to 100") != std::string::npos);
}
