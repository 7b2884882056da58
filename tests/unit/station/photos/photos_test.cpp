// Photos of repair orders: content-addressed files, rows, audit and outbox, annotations.
#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>

#include "common/sha256.h"
#include "devices/camera/camera_source.h"
#include "devices/camera/frame_decoder.h"
#include "station/orders/intake.h"
#include "station/photos/photos.h"
#include "tests/support/process.h"
#include "tests/support/station_fixture.h"

using namespace rs;
using namespace rs::station;
namespace fs = std::filesystem;

namespace {

struct PhotoFixture : test::StationFixture {
    PhotoFiles files{dir.file("photos")};
    std::string order;   // received by the warehouse person
    std::string second;  // another order

    PhotoFixture() {
        import({test::rma_json(1, "1Z999AA10123456784"), test::rma_json(2, "EA123456785CN")});
        auto session = IntakeSession::start(*store, warehouse);
        REQUIRE(session);
        order = session->scan(Scan{"test", "1Z999AA10123456784", "", 0})->order_numbers.at(0);
        second = session->scan(Scan{"test", "EA123456785CN", "", 0})->order_numbers.at(0);
    }

    cv::Mat bench_frame(double brightness = 1.0) {
        auto options = devices::default_simulated_scene();
        options.brightness = brightness;
        devices::SimulatedCamera camera(options);
        REQUIRE(camera.open());
        return (*camera.capture())->image;
    }

    NewPhoto new_photo(const std::string& number, const cv::Mat& image) {
        NewPhoto photo;
        photo.order_number = number;
        photo.stage = PhotoStage::Intake;
        photo.operator_id = technician;
        photo.camera = "sim:bench";
        photo.taken_ms = clock.now_ms();
        photo.image = image;
        photo.quality = devices::check_quality(image);
        photo.codes = devices::FrameDecoder().decode(image, "sim:bench", photo.taken_ms);
        return photo;
    }

    int files_in(const fs::path& folder) {
        int count = 0;
        for (const auto& entry : fs::recursive_directory_iterator(folder))
            count += entry.is_regular_file();
        return count;
    }
};

}  // namespace

TEST_CASE_METHOD(PhotoFixture,
                 "a photo is filed under its SHA-256 with quality, codes, audit, outbox") {
    auto added = add_photo(*store, files, new_photo(order, bench_frame()));
    REQUIRE(added);
    CHECK_FALSE(added->already_stored);
    const Photo& photo = added->photo;
    CHECK(is_uuid_v7(photo.id));
    CHECK(photo.order_number == order);
    CHECK(photo.operator_id == technician);
    CHECK(photo.quality.verdict() == "ok");
    REQUIRE(photo.codes.size() == 2);
    CHECK(photo.codes[0].text == "490154203237518");

    auto path = files.path_of(photo.sha256);
    REQUIRE(path);
    CHECK(*path ==
          dir.file("photos") + "/" + photo.sha256.substr(0, 2) + "/" + photo.sha256 + ".jpg");
    // sha256sum (coreutils, not ours) agrees with the name.
    auto summed = test::run_process({"/usr/bin/sha256sum", *path});
    REQUIRE(summed.exit_code == 0);
    CHECK(summed.out.substr(0, 64) == photo.sha256);
    CHECK(static_cast<std::int64_t>(fs::file_size(*path)) == photo.bytes);
    cv::Mat thumbnail = cv::imread(*files.thumbnail_of(photo.sha256));
    CHECK(thumbnail.cols == 320);
    CHECK(thumbnail.rows == 180);
    CHECK(files.verify(photo.sha256));

    CHECK(count("photos") == 1);
    auto audit = store->db().prepare(
        "SELECT operator_id, detail FROM audit_log WHERE action = 'photo.added'");
    REQUIRE(audit);
    REQUIRE(audit->step().value());
    CHECK(audit->text(0) == technician);
    CHECK(audit->text(1).find(photo.sha256) != std::string::npos);
    auto event =
        store->db().prepare("SELECT payload FROM outbox WHERE type = 'repair_order.photo_added'");
    REQUIRE(event);
    REQUIRE(event->step().value());
    auto payload = nlohmann::json::parse(event->text(0));
    CHECK(payload["sha256"] == photo.sha256);
    CHECK(payload["repair_order"] == order);
    CHECK(payload["stage"] == "intake");
}

TEST_CASE_METHOD(PhotoFixture,
                 "the same picture twice is stored once, for another order it is refused") {
    cv::Mat image = bench_frame();
    auto first = add_photo(*store, files, new_photo(order, image));
    REQUIRE(first);
    auto outbox_before = count("outbox");
    auto again = add_photo(*store, files, new_photo(order, image));
    REQUIRE(again);
    CHECK(again->already_stored);
    CHECK(again->photo.id == first->photo.id);
    CHECK(count("photos") == 1);
    CHECK(count("outbox") == outbox_before);
    CHECK(files_in(dir.file("photos")) == 2);  // the JPEG and its thumbnail, once

    auto elsewhere = add_photo(*store, files, new_photo(second, image));
    REQUIRE_FALSE(elsewhere);
    CHECK(elsewhere.error().code == ErrorCode::Conflict);
    CHECK(elsewhere.error().message.find("already filed under " + order) != std::string::npos);
    CHECK(count("photos") == 1);
}

TEST_CASE_METHOD(PhotoFixture, "unknown orders and people are refused before anything is written") {
    auto no_order = add_photo(*store, files, new_photo("RO-999999X", bench_frame()));
    REQUIRE_FALSE(no_order);
    CHECK(no_order.error().code == ErrorCode::NotFound);
    NewPhoto stranger = new_photo(order, bench_frame());
    stranger.operator_id = test::badge(99);
    auto refused = add_photo(*store, files, stranger);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("unknown operator") != std::string::npos);
    CHECK(count("photos") == 0);
    CHECK_FALSE(fs::exists(dir.file("photos")));

    NewPhoto nobody = new_photo(order, bench_frame());
    nobody.operator_id.clear();  // taken for the order's owner
    auto owned = add_photo(*store, files, nobody);
    REQUIRE(owned);
    CHECK(owned->photo.operator_id == warehouse);
}

TEST_CASE_METHOD(PhotoFixture, "a dark photo is filed with its verdict and advice") {
    auto added = add_photo(*store, files, new_photo(order, bench_frame(0.3)));
    REQUIRE(added);
    auto found = find_photo(*store, added->photo.id);
    REQUIRE(found);
    REQUIRE(*found);
    CHECK((*found)->quality.verdict() == "too_dark");
    REQUIRE((*found)->quality.findings.size() == 1);
    CHECK((*found)->quality.findings[0].advice.find("lamp") != std::string::npos);
}

TEST_CASE_METHOD(PhotoFixture,
                 "photos are found by id or SHA-256 prefix, nothing else becomes a lookup") {
    auto added = add_photo(*store, files, new_photo(order, bench_frame()));
    REQUIRE(added);
    const std::string sha = added->photo.sha256;
    for (const std::string& reference : {added->photo.id, sha, sha.substr(0, 8)}) {
        auto found = find_photo(*store, reference);
        REQUIRE(found);
        REQUIRE(*found);
        CHECK((*found)->id == added->photo.id);
    }
    std::string upper = sha.substr(0, 12);
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    CHECK(find_photo(*store, upper).value().has_value());
    for (const char* bad : {"../../etc/passwd", "abc", "%", "ab%cdef01", ""}) {
        auto refused = find_photo(*store, bad);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::Invalid);
    }
    CHECK_FALSE(find_photo(*store, "00000000").value().has_value());
    CHECK_FALSE(files.path_of("../" + sha.substr(3)));
    CHECK_FALSE(files.path_of(std::string(64, 'g')));

    // Two photos whose hashes start alike: the prefix is ambiguous, and says so.
    auto insert = store->db().prepare(
        "INSERT INTO photos SELECT ?1, ?2, repair_order_id, stage, camera, operator_id, taken_ms, "
        "width, height, bytes, sharpness, brightness, clipped_shadows, clipped_highlights, glare, "
        "verdict, findings, codes, created_ms FROM photos LIMIT 1");
    REQUIRE(insert);
    insert->bind_all(store->ids().next(), sha.substr(0, 10) + std::string(54, '0'));
    REQUIRE(insert->run());
    auto ambiguous = find_photo(*store, sha.substr(0, 10));
    REQUIRE_FALSE(ambiguous);
    CHECK(ambiguous.error().code == ErrorCode::Conflict);
}

TEST_CASE_METHOD(PhotoFixture, "damage is marked with a rectangle inside the photo and a label") {
    auto added = add_photo(*store, files, new_photo(order, bench_frame()));
    REQUIRE(added);
    auto marked = annotate_photo(*store, {added->photo.sha256.substr(0, 8), 100, 50, 200, 120,
                                          "  cracked screen ", technician});
    REQUIRE(marked);
    CHECK(marked->label == "cracked screen");
    auto found = find_photo(*store, added->photo.id);
    REQUIRE(found);
    REQUIRE((*found)->annotations.size() == 1);
    CHECK((*found)->annotations[0].width == 200);
    CHECK((*found)->annotations[0].operator_id == technician);
    CHECK(count("outbox") >= 2);

    auto outside =
        annotate_photo(*store, {added->photo.id, 1200, 700, 200, 120, "dent", technician});
    REQUIRE_FALSE(outside);
    CHECK(outside.error().message.find("not inside the 1280x720 photo") != std::string::npos);
    auto empty = annotate_photo(*store, {added->photo.id, 0, 0, 10, 10, "  ", technician});
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == ErrorCode::Invalid);
    auto unknown = annotate_photo(*store, {"0123456789abcdef", 0, 0, 10, 10, "dent", technician});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    auto stranger =
        annotate_photo(*store, {added->photo.id, 0, 0, 10, 10, "dent", test::badge(77)});
    REQUIRE_FALSE(stranger);
    CHECK(stranger.error().message.find("unknown operator") != std::string::npos);
    CHECK(count("photo_annotations") == 1);
}

TEST_CASE_METHOD(PhotoFixture, "photos are listed newest first, by order and by stage") {
    NewPhoto intake = new_photo(order, bench_frame());
    REQUIRE(add_photo(*store, files, intake));
    clock.advance(1000);
    NewPhoto qa = new_photo(order, bench_frame(0.9));
    qa.stage = PhotoStage::Qa;
    qa.taken_ms = clock.now_ms();
    REQUIRE(add_photo(*store, files, qa));
    clock.advance(1000);
    NewPhoto other = new_photo(second, bench_frame(0.8));
    other.taken_ms = clock.now_ms();
    REQUIRE(add_photo(*store, files, other));

    auto all = list_photos(*store, {});
    REQUIRE(all);
    REQUIRE(all->size() == 3);
    CHECK((*all)[0].order_number == second);
    auto mine = list_photos(*store, {order, std::nullopt, 100});
    REQUIRE(mine);
    REQUIRE(mine->size() == 2);
    CHECK((*mine)[0].stage == PhotoStage::Qa);
    auto packing = list_photos(*store, {"", PhotoStage::Packing, 100});
    REQUIRE(packing);
    CHECK(packing->empty());
    // No temporary files were left behind by the atomic writes.
    for (const auto& entry : fs::recursive_directory_iterator(dir.file("photos")))
        CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
}
