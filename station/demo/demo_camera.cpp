// `station demo` photographs the first phone: a poor photo, a good one, a damage mark.
#include "station/demo/demo_camera.h"

#include <fmt/format.h>

#include "devices/camera/camera_source.h"
#include "station/cli/photo_output.h"
#include "station/photos/photo_taking.h"

namespace rs::cli {

bool demo_photos(CliContext& context, station::StationStore& store, const std::string& order,
                 std::vector<std::string>& written,
                 const std::function<void(const std::string&)>& narrate) {
    auto found = photo_files_of(context);
    if (!found) return false;
    const station::PhotoFiles& files = *found;
    std::string first_id;
    for (double light : {0.3, 1.0}) {
        narrate(light < 1 ? "Zhao Lei photographs the phone for " + order +
                                " with the bench lamp off (simulated camera):"
                          : "He switches the lamp on and takes it again:");
        devices::SimulatedCameraOptions scene = devices::default_simulated_scene();
        scene.brightness = light;
        scene.blur = {3, 1.5, 0, 1.5, 3};  // the focus settles: the middle frame is sharp
        devices::SimulatedCamera camera(scene);
        auto taken = station::take_photo(store, files, camera, {}, {}, {},
                                         {order, station::PhotoStage::Intake, "OP-0002S"});
        if (!taken) {
            context.report(taken.error());
            return false;
        }
        const station::AddedPhoto* added = &taken->added;
        const devices::Still* still = &taken->still;
        for (const auto& file :
             {files.path_of(added->photo.sha256), files.thumbnail_of(added->photo.sha256)})
            written.push_back(file.value_or(""));
        fmt::print("    photo   {} (sharpest of {} frames)\n    quality {}\n", added->photo.id,
                   still->sharpness.size(), quality_line(still->quality));
        for (const auto& finding : still->quality.findings)
            fmt::print("    advice  {}\n", finding.advice);
        for (const auto& code : taken->codes)
            fmt::print("    code    {}\n", code_line(code.format, code.scan));
        first_id = added->photo.id;
    }
    narrate("He marks a scratch on the good photo:");
    auto marked = station::annotate_photo(
        store, {first_id, 160, 90, 240, 120, "scratch on the back cover", "OP-0002S"});
    if (!marked) {
        context.report(marked.error());
        return false;
    }
    fmt::print("    damage #{} at {},{} {}x{}: {}\n", marked->id, marked->x, marked->y,
               marked->width, marked->height, marked->label);
    return true;
}

}  // namespace rs::cli
