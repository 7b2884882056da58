// The firmware catalog on a real SQLite store: importing a vendor's file set all or nothing,
// and the lookups a flash makes.
#include <catch2/catch.hpp>

#include <filesystem>

#include "common/clock.h"
#include "common/sha256.h"
#include "common/store/database.h"
#include "common/store/migrations.h"
#include "firmware/catalog.h"
#include "firmware/schema.h"
#include "firmware/version.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/firmware/firmware_test_support.h"

using namespace rs;
using namespace rs::firmware;

namespace {

struct CatalogFixture {
    test::TempDir dir;
    store::Database db = test::firmware_store(dir.store("store.db"));
    ManualClock clock{1'700'000'000'000};
    FirmwareCatalog catalog{db, dir.file("images"), clock};

    // A file set with Watch 4 images 1.2.0 and 2.0.0 (floor 1.5.0) and a Buds 3 image.
    std::string file_set(nlohmann::json extra_image = nullptr) {
        std::string folder = dir.file("vendor");
        std::filesystem::create_directories(folder);
        test::write_bytes(folder + "/watch-1.2.0.bin", test::firmware_image("1.2.0", 3000));
        test::write_bytes(folder + "/watch-2.0.0.dfu",
                          add_dfu_suffix(test::firmware_image("2.0.0", 5000),
                                         {0x0200, 0x2002, 0x1209, 0x0100, 0}));
        test::write_bytes(folder + "/buds-3.1.0.bin", test::firmware_image("3.1.0", 2000));
        nlohmann::json manifest = {
            {"vendor", "Acme"},
            {"models", test::simulated_watch_models()},
            {"images",
             {{{"file", "watch-1.2.0.bin"},
               {"version", "1.2.0"},
               {"fits", {{{"model", "Watch 4"}, {"revisions", {"B"}}}}}},
              {{"file", "watch-2.0.0.dfu"},
               {"version", "2.0.0"},
               {"floor_version", "1.5.0"},
               {"notes", "fixes the heart-rate sensor"},
               {"sha256", sha256_hex(add_dfu_suffix(test::firmware_image("2.0.0", 5000),
                                                    {0x0200, 0x2002, 0x1209, 0x0100, 0}))},
               {"fits", {{{"model", "Watch 4"}, {"revisions", {"B", "C"}}}}}},
              {{"file", "buds-3.1.0.bin"},
               {"version", "3.1.0"},
               {"fits", {{{"model", "Buds 3"}}}}}}}};
        if (!extra_image.is_null()) manifest["images"].push_back(extra_image);
        test::write_bytes(folder + "/firmware.json", manifest.dump(2));
        return folder;
    }

    std::int64_t count(const char* table) {
        return db.query_one<std::int64_t>(std::string("SELECT count(*) FROM ") + table)
            ->value_or(-1);
    }
};

}  // namespace

TEST_CASE("Versions compare part by part", "[firmware]") {
    CHECK(compare_versions("2.4.1", "2.4.1") == 0);
    CHECK(compare_versions("2.4", "2.4.0") == 0);
    CHECK(compare_versions("2.10.0", "2.9.9") > 0);
    CHECK(compare_versions("1.0", "1.0.1") < 0);
    CHECK_FALSE(compare_versions("2.x", "2.0"));
    CHECK_FALSE(is_version(""));
    CHECK_FALSE(is_version("1..2"));
    CHECK(is_version("10.0"));
}

TEST_CASE("A vendor's file set is imported once; the images fit their models", "[firmware]") {
    CatalogFixture fixture;
    auto report = fixture.catalog.import(fixture.file_set());
    REQUIRE(report);
    CHECK(report->images_added == 3);
    CHECK(report->models_added == 4);
    auto again = fixture.catalog.import(fixture.file_set() + "/firmware.json");
    REQUIRE(again);
    CHECK(again->images_added == 0);
    CHECK(again->images_known == 3);
    CHECK(fixture.count("fw_images") == 3);

    auto watch = fixture.catalog.images_for("Watch 4", "B");
    REQUIRE(watch);
    REQUIRE(watch->size() == 2);
    CHECK(watch->front().version == "2.0.0");  // newest first
    CHECK(watch->front().format == ImageFormat::Dfu);
    CHECK(watch->front().notes == "fixes the heart-rate sensor");
    auto revision_c = fixture.catalog.images_for("Watch 4", "C");
    REQUIRE(revision_c);
    CHECK(revision_c->size() == 1);
    CHECK(fixture.catalog.floor_for("Watch 4", "B") == std::string("1.5.0"));
    auto model = fixture.catalog.model_of(0x1209, 0x2002, true);
    REQUIRE(model);
    REQUIRE(*model);
    CHECK((*model)->model == "Watch 4");
    CHECK((*model)->revision == "B");
    // The stored file is the imported one, named by its hash.
    const auto& image = watch->front();
    CHECK(std::filesystem::file_size(fixture.catalog.image_path(image)) ==
          static_cast<std::uintmax_t>(image.size));
}

TEST_CASE("An import with one bad image changes nothing", "[firmware]") {
    CatalogFixture fixture;
    SECTION("a SHA-256 that differs from the manifest") {
        auto with_bad = fixture.file_set({{"file", "tampered.bin"},
                                          {"version", "2.1.0"},
                                          {"sha256", std::string(64, 'a')},
                                          {"fits", {{{"model", "Watch 4"}}}}});
        test::write_bytes(with_bad + "/tampered.bin", test::firmware_image("2.1.0", 100));
        auto report = fixture.catalog.import(with_bad);
        REQUIRE_FALSE(report);
        CHECK(report.error().message.find("not the one the vendor released") != std::string::npos);
    }
    SECTION("a .dfu file whose CRC does not match") {
        std::string folder = fixture.file_set(
            {{"file", "broken.dfu"}, {"version", "2.1.0"}, {"fits", {{{"model", "Watch 4"}}}}});
        std::string file = add_dfu_suffix(test::firmware_image("2.1.0", 400), {});
        file[10] ^= 1;
        test::write_bytes(folder + "/broken.dfu", file);
        auto report = fixture.catalog.import(folder);
        REQUIRE_FALSE(report);
        CHECK(report.error().message.find("CRC") != std::string::npos);
    }
    SECTION("a version that is not a version") {
        std::string folder = fixture.file_set({{"file", "watch-1.2.0.bin"},
                                               {"version", "latest"},
                                               {"fits", {{{"model", "Watch 4"}}}}});
        auto report = fixture.catalog.import(folder);
        REQUIRE_FALSE(report);
        CHECK(report.error().message.find("latest") != std::string::npos);
    }
    SECTION("a missing file") {
        std::string folder = fixture.file_set(
            {{"file", "gone.bin"}, {"version", "2.2.0"}, {"fits", {{{"model", "Watch 4"}}}}});
        auto report = fixture.catalog.import(folder);
        REQUIRE_FALSE(report);
        CHECK(report.error().message.find("missing") != std::string::npos);
    }
    CHECK(fixture.count("fw_images") == 0);
    CHECK(fixture.count("fw_models") == 0);
}
