// QA in tests: a photo of an order from the simulated bench camera, and a QA attempt passed
// step by step the way a technician records it (every step within its limits).
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "devices/camera/camera_source.h"
#include "devices/camera/frame_decoder.h"
#include "devices/camera/frame_quality.h"
#include "devices/camera/simulated_camera.h"
#include "station/orders/qa.h"
#include "station/photos/photos.h"
#include "tests/support/station_fixture.h"

namespace rs::test {

// A QA photo of `order` taken by the simulated bench camera; returns its id.
inline std::string qa_photo(StationFixture& f, const std::string& order) {
    // A simulator of its own per order (its noise from the order's name): another order's
    // picture is another file.
    devices::CameraSettings settings;
    settings.simulated = devices::default_simulated_scene();
    auto camera_or = devices::make_camera("sim:qa-" + order, settings);
    REQUIRE(camera_or);
    devices::Camera& camera = **camera_or;
    REQUIRE(camera.open());
    auto frame = camera.capture();
    REQUIRE(frame);
    REQUIRE(*frame);
    station::NewPhoto photo;
    photo.order_number = order;
    photo.stage = station::PhotoStage::Qa;
    photo.operator_id = f.technician;
    photo.camera = camera.source();
    photo.taken_ms = f.clock.now_ms();
    photo.image = (*frame)->image;
    photo.quality = devices::check_quality(photo.image);
    station::PhotoFiles files{f.dir.file("photos")};
    auto added = station::add_photo(*f.store, files, photo);
    INFO((added ? "" : added.error().message));
    REQUIRE(added);
    return added->photo.id;
}

// A value within the step's limits, as a technician types it.
inline std::string value_within(const station::QaStep& step) {
    double value = step.low && step.high ? (*step.low + *step.high) / 2
                   : step.low            ? *step.low + 1
                                         : *step.high - 1;
    return fmt::format("{}", value);
}

// Records a passing result for every step of the order's open QA attempt.
inline void pass_every_step(StationFixture& f, const std::string& order) {
    auto attempts = station::qa_attempts(*f.store, order);
    REQUIRE(attempts);
    REQUIRE_FALSE(attempts->empty());
    const auto& attempt = attempts->back();
    REQUIRE(attempt.outcome == station::QaOutcome::Open);
    for (std::size_t i = 0; i < attempt.checklist.steps.size(); ++i) {
        const auto& step = attempt.checklist.steps[i];
        station::QaRecord record{order,       static_cast<int>(i) + 1, std::nullopt, "", "", "",
                                 f.technician};
        if (step.kind == station::QaStepKind::PassFail) record.passed = true;
        if (step.kind == station::QaStepKind::Measured) record.value = value_within(step);
        if (step.kind == station::QaStepKind::Photo) record.photo = qa_photo(f, order);
        auto recorded = station::record_qa_result(*f.store, record);
        INFO((recorded ? "" : recorded.error().message));
        REQUIRE(recorded);
        REQUIRE(recorded->passed);
    }
}

// From in_repair through QA to ready_to_ship: QA started, every step passed, finished.
inline void pass_qa(StationFixture& f, const std::string& order) {
    auto started = station::start_qa(*f.store, {order, f.technician, {}, ""});
    INFO((started ? "" : started.error().message));
    REQUIRE(started);
    pass_every_step(f, order);
    auto finished = station::finish_qa(*f.store, order, f.technician, "");
    INFO((finished ? "" : finished.error().message));
    REQUIRE(finished);
    REQUIRE(finished->order.state == station::OrderState::ReadyToShip);
}

}  // namespace rs::test
