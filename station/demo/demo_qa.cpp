// `station demo`'s QA: the technician records each step of the checklist, as at the bench.
#include "station/demo/demo_qa.h"

#include <fmt/format.h>

#include "devices/camera/camera_source.h"
#include "devices/camera/simulated_camera.h"
#include "station/orders/diagnosis.h"
#include "station/orders/qa.h"
#include "station/orders/repair_report.h"
#include "station/photos/photo_taking.h"

namespace rs::cli {
namespace {

// What the bench's instruments read on a good device: 60 % of the way between the limits.
std::string good_reading(const station::QaStep& step) {
    double low = step.low.value_or(step.high.value_or(0) - 1);
    double high = step.high.value_or(low + 1);
    return fmt::format("{:.2f}", low + (high - low) * 0.6);
}

Result<std::string> qa_photo(station::StationStore& store, DemoQa& qa, const std::string& number,
                             const std::string& who) {
    // A simulator of its own per order: another device's picture is another file.
    devices::CameraSettings settings;
    settings.simulated = devices::default_simulated_scene();
    auto camera = devices::make_camera("sim:qa-" + number, settings);
    if (!camera) return std::unexpected(camera.error());
    auto taken = station::take_photo(store, *qa.files, **camera, {}, {}, {},
                                     {number, station::PhotoStage::Qa, who});
    if (!taken) return std::unexpected(taken.error());
    if (qa.written)
        for (const auto& file : {qa.files->path_of(taken->added.photo.sha256),
                                 qa.files->thumbnail_of(taken->added.photo.sha256)})
            qa.written->push_back(file.value_or(""));
    return taken->added.photo.id;
}

// The repair codes the demo gives, where the category's catalog has them.
std::vector<std::string> known_codes(station::StationStore& store, const std::string& category,
                                     std::vector<std::string> codes) {
    std::erase_if(codes, [&](const std::string& code) {
        auto found =
            station::find_fault_code(store, category, station::FaultCodeKind::Repair, code);
        return !found || !*found;
    });
    return codes;
}

Result<station::QaFinish> one_attempt(station::StationStore& store, DemoQa& qa,
                                      const std::string& number, const std::string& who,
                                      const std::vector<std::string>& codes, bool fail_battery) {
    auto started = station::start_qa(store, {number, who, codes, ""});
    if (!started) return std::unexpected(started.error());
    if (qa.verbose)
        fmt::print("    {} QA attempt {}: {} ({} steps, policy {})\n", number, started->attempt,
                   started->checklist.title, started->checklist.steps.size(),
                   started->policy_version);
    for (std::size_t i = 0; i < started->checklist.steps.size(); ++i) {
        const auto& step = started->checklist.steps[i];
        station::QaRecord record{number, static_cast<int>(i) + 1, std::nullopt, "", "", "", who};
        switch (step.kind) {
            case station::QaStepKind::PassFail:
                record.passed = true;
                break;
            case station::QaStepKind::Measured:
                record.value = good_reading(step);
                if (fail_battery && step.low && step.unit == "V")
                    record.value = fmt::format("{:.2f}", *step.low - 0.18);
                break;
            case station::QaStepKind::Photo: {
                auto photo = qa_photo(store, qa, number, who);
                if (!photo) return std::unexpected(photo.error());
                record.photo = *photo;
                break;
            }
        }
        auto recorded = station::record_qa_result(store, record);
        if (!recorded) return std::unexpected(recorded.error());
        if (qa.verbose)
            fmt::print(
                "      [{}] {}. {}{}\n", recorded->passed ? "PASS" : "FAIL", i + 1, step.text,
                step.kind == station::QaStepKind::Measured
                    ? fmt::format(": {} {} ({})", record.value, step.unit, step.limits_text())
                : step.kind == station::QaStepKind::Photo
                    ? fmt::format(": photo {}", record.photo.substr(0, 8))
                    : "");
        if (!recorded->passed) break;  // a failed check ends the attempt
    }
    return station::finish_qa(store, number, who, fail_battery ? "battery swollen" : "");
}

}  // namespace

Status demo_qa(station::StationStore& store, DemoQa& qa, const std::string& number,
               const std::string& who) {
    auto order = station::require_order(store, number, "demo");
    if (!order) return std::unexpected(order.error());
    bool fail_first = qa.fail_next;
    qa.fail_next = false;
    // The category is known once QA starts; the demo's codes are the phone and tablet catalogs'.
    auto category = [&]() -> std::string {
        auto attempts = station::qa_attempts(store, number);
        return attempts && !attempts->empty() ? attempts->back().category : "";
    };
    auto first = one_attempt(store, qa, number, who, {}, fail_first);
    if (!first) return std::unexpected(first.error());
    if (first->attempt.outcome == station::QaOutcome::Failed) {
        if (qa.verbose)
            fmt::print("    {} failed QA: back to {}\n      reason: {}\n", number,
                       name_of(first->order.state), first->attempt.reason);
        auto second =
            one_attempt(store, qa, number, who, known_codes(store, category(), {"R20"}), false);
        if (!second) return std::unexpected(second.error());
        first = std::move(second);
    }
    if (first->attempt.outcome != station::QaOutcome::Passed)
        return fail(ErrorCode::Internal, number + ": the demo's QA did not pass", "demo");
    auto yield = station::qa_yield(store, first->attempt.order_id);
    if (!yield) return std::unexpected(yield.error());
    if (!qa.verbose) return {};
    fmt::print("    {} passed QA at attempt {}{}: {}\n", number, first->attempt.attempt,
               yield->first_pass ? " (first pass)" : "", name_of(first->order.state));
    if (first->attempt.attempt > 1) {
        auto report = station::repair_report(store, first->order);
        if (!report) return std::unexpected(report.error());
        fmt::print("    its repair report (station qa report {}), in the qa_passed event:\n",
                   number);
        for (const auto& line : station::repair_report_lines(*report))
            fmt::print("      {}\n", line);
    }
    return {};
}

}  // namespace rs::cli
