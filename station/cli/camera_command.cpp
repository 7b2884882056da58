// `station camera list|snap|scan`: the bench cameras, photos of repair orders, codes from frames.
#include <fmt/format.h>

#include <map>
#include <opencv2/core/utils/logger.hpp>

#include "devices/camera/camera_list.h"
#include "devices/camera/camera_source.h"
#include "devices/camera/frame_decoder.h"
#include "devices/camera/still_capture.h"
#include "labels/codes/code_grammar.h"
#include "station/cli/cli_context.h"
#include "station/cli/intake_output.h"
#include "station/cli/photo_output.h"
#include "station/orders/intake.h"
#include "station/orders/repair_orders.h"
#include "station/photos/camera_config.h"
#include "station/photos/code_reader.h"
#include "station/photos/photo_taking.h"
#include "station/photos/photos.h"

namespace rs::cli {
namespace {

struct CameraOptions {
    std::string source;  // --source
    std::string name;    // --camera
};

void add_camera_options(CLI::App* command, CameraOptions& options) {
    command->add_option("--source", options.source,
                        "What to read: a device (0, /dev/video0, /dev/v4l/by-id/...), a video "
                        "file, an image file or folder, an rtsp:// or http:// URL, or sim (the "
                        "simulated camera)");
    command->add_option("--camera", options.name,
                        "A camera named in the configuration's [[cameras.device]]");
}

// OpenCV logs its backends' trouble on stderr; the camera's own error says it better.
void quiet_opencv(const CliContext& context) {
    cv::utils::logging::setLogLevel(context.verbose ? cv::utils::logging::LOG_LEVEL_INFO
                                                    : cv::utils::logging::LOG_LEVEL_SILENT);
}

// The [cameras] section, quiet OpenCV; reports a bad configuration and returns nothing.
std::optional<station::CamerasConfig> cameras_of(CliContext& context) {
    quiet_opencv(context);
    const station::StationConfig* config = context.config();
    if (!config) return std::nullopt;
    auto cameras = station::parse_cameras_config(*config);
    if (!cameras) {
        context.report(cameras.error());
        return std::nullopt;
    }
    return std::move(*cameras);
}

void add_list(CLI::App* command, CliContext& context) {
    auto json = std::make_shared<bool>(false);
    auto* list = command->add_subcommand(
        "list", "The video devices of this machine and the cameras of the configuration");
    list->add_flag("--json", *json, "As JSON");
    list->callback([&context, json] {
        auto cameras = cameras_of(context);
        if (!cameras) return;
        auto devices = devices::list_video_devices();
        if (!devices) return context.report(devices.error());
        if (*json) {
            nlohmann::json out = {{"devices", nlohmann::json::array()},
                                  {"configured", nlohmann::json::array()}};
            for (const auto& device : *devices)
                out["devices"].push_back({{"path", device.path},
                                          {"name", device.name},
                                          {"stable_paths", device.stable_paths}});
            for (const auto& camera : cameras->cameras)
                out["configured"].push_back({{"name", camera.name},
                                             {"source", camera.source},
                                             {"default", cameras->find("") == &camera},
                                             {"width", camera.settings.width},
                                             {"height", camera.settings.height},
                                             {"fourcc", camera.settings.fourcc}});
            fmt::print("{}\n", out.dump(2));
            return;
        }
        if (devices->empty())
            fmt::print("no video devices found (none plugged in, or no /sys/class/video4linux)\n");
        for (const auto& device : *devices) {
            fmt::print("{}  \"{}\"\n", device.path, device.name);
            for (const auto& path : device.stable_paths)
                fmt::print("    {}\n", path);
        }
        if (cameras->cameras.empty())
            fmt::print("no cameras configured ([[cameras.device]] in the configuration)\n");
        for (const auto& camera : cameras->cameras)
            fmt::print("camera {}{}: {} {}x{} {}\n", camera.name,
                       cameras->find("") == &camera ? " (default)" : "", camera.source,
                       camera.settings.width, camera.settings.height, camera.settings.fourcc);
    });
}

void add_snap(CLI::App* command, CliContext& context) {
    struct Options {
        CameraOptions camera;
        std::string order, stage = "intake", operator_id;
        int frames = 0;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* snap = command->add_subcommand(
        "snap",
        "Photograph a device for a repair order: keeps the sharpest of several frames, checks "
        "its quality (blur, exposure, glare; exit 3 with advice when it is poor), reads the "
        "codes in it and files it with its stage");
    add_camera_options(snap, options->camera);
    snap->add_option("--order", options->order, "Repair order number, e.g. RO-000001 + check")
        ->required();
    snap->add_option("--stage", options->stage, "intake, diagnosis, qa or packing")
        ->check(CLI::IsMember(all_names<station::PhotoStage>()));
    snap->add_option("--operator", options->operator_id,
                     "Badge of who takes it (or STATION_OPERATOR); default: the order's owner");
    snap->add_option("--frames", options->frames,
                     "Frames to compare (default: [cameras] still_frames, 5)")
        ->check(CLI::Range(1, 300));
    snap->add_flag("--json", options->json, "As JSON");
    snap->callback([&context, options] {
        auto cameras = cameras_of(context);
        if (!cameras) return;
        auto files = photo_files_of(context);
        if (!files) return;
        auto worker = decode_worker_of(context);
        if (!worker) return;
        auto store = context.open_store();
        if (!store) return;
        auto camera =
            station::choose_camera(*cameras, options->camera.source, options->camera.name);
        if (!camera) return context.report(camera.error());
        devices::StillOptions still = cameras->still;
        if (options->frames > 0) still.frames = options->frames;
        auto person = context.acting_person(*store, options->operator_id);
        if (!person) return;
        station::PhotoRequest request{options->order,
                                      *parse_enum<station::PhotoStage>(options->stage), person->id};
        auto taken = station::take_photo(*store, *files, **camera, still, cameras->decoder, *worker,
                                         request);
        if (!taken) return context.report(taken.error());
        const station::AddedPhoto* added = &taken->added;
        if (!taken->still.quality.ok() || taken->decode_failure)
            context.exit_code = k_exit_needs_attention;

        const station::Photo& filed = added->photo;
        if (options->json) {
            nlohmann::json out = photo_to_json(filed, *files);
            out["already_stored"] = added->already_stored;
            out["frames_compared"] = taken->still.sharpness.size();
            out["frame_chosen"] = taken->still.chosen;
            if (taken->decode_failure) out["codes_not_read"] = taken->decode_failure->message;
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print("{}: photo {} {} ({}), {}x{}, {} bytes\n", filed.order_number, filed.id,
                   added->already_stored ? "was already filed" : "filed", name_of(filed.stage),
                   filed.width, filed.height, filed.bytes);
        fmt::print("  quality  {}, sharpest of {} frames (frame {})\n",
                   quality_line(taken->still.quality), taken->still.sharpness.size(),
                   taken->still.chosen);
        for (const auto& finding : taken->still.quality.findings)
            fmt::print("  advice   {}\n", finding.advice);
        for (const auto& code : taken->codes)
            fmt::print("  code     {}\n", code_line(code.format, code.scan));
        if (taken->decode_failure)
            fmt::print("  codes    not read: {}\n", taken->decode_failure->message);
        fmt::print("  file     {}\n", files->path_of(filed.sha256).value_or("?"));
    });
}

void add_scan(CLI::App* command, CliContext& context) {
    struct Options {
        CameraOptions camera;
        int frames = 0;
        std::vector<std::string> formats;
        bool json = false;
        bool intake = false;
        std::string operator_id, order;
    };
    auto options = std::make_shared<Options>();
    auto* scan = command->add_subcommand(
        "scan",
        "Read barcodes from a camera, image, folder or video and print each code once, with what "
        "the code grammar says it is; with --intake they go to intake exactly like a scanner's "
        "scans (exit 3 when no code was found)");
    add_camera_options(scan, options->camera);
    scan->add_option("--frames", options->frames,
                     "Frames to read at most (default: every frame of a file or folder, 1 from a "
                     "device, stream or the simulator)")
        ->check(CLI::Range(1, 100000));
    scan->add_option("--formats", options->formats,
                     "Only these formats (default: [cameras] formats): " +
                         fmt::format("{}", fmt::join(devices::barcode_format_names(), ", ")))
        ->delimiter(',');
    scan->add_flag("--json", options->json, "One JSON object per code");
    scan->add_flag("--intake", options->intake,
                   "Hand every code to intake as a scan, as if a bench scanner read it");
    scan->add_option("--operator", options->operator_id,
                     "With --intake: badge of who scans (or STATION_OPERATOR)");
    scan->add_option("--order", options->order,
                     "With --intake: the repair order the device belongs to, as if its tag was "
                     "scanned first (a serial or IMEI is then checked against its RMA)");
    scan->callback([&context, options] {
        auto cameras = cameras_of(context);
        if (!cameras) return;
        auto worker = decode_worker_of(context);
        if (!worker) return;
        devices::DecoderOptions decoder_options = cameras->decoder;
        if (!options->formats.empty()) {
            auto formats = devices::parse_barcode_formats(options->formats);
            if (!formats) return context.report(formats.error());
            decoder_options.formats = *formats;
        }
        std::unique_ptr<station::StationStore> store;
        std::optional<station::IntakeSession> session;
        if (options->intake) {
            store = context.open_store();
            if (!store) return;
            auto person = context.acting_person(*store, options->operator_id);
            if (!person) return;
            auto started = start_intake(context, *store, person->id);
            if (!started) return context.report(started.error());
            session.emplace(std::move(*started));
            session->keep_operator();
            if (!options->order.empty()) {
                auto selected = session->scan(Scan{"cli", options->order, "", store->now_ms()});
                if (!selected) return context.report(selected.error());
                fmt::print("  intake   {}\n", intake_result_line(options->order, *selected));
                if (selected->outcome != station::IntakeOutcome::OrderSelected)
                    return context.report(
                        {ErrorCode::NotFound,
                         fmt::format("{} is not a repair order of this store", options->order),
                         "camera"});
            }
        } else if (!options->order.empty()) {
            return context.report({ErrorCode::Invalid, "--order goes with --intake", "camera"});
        }
        auto camera =
            station::choose_camera(*cameras, options->camera.source, options->camera.name);
        if (!camera) return context.report(camera.error());
        const std::string source = (*camera)->source();
        auto print_code = [&](const station::CodeInFrame& found) -> Status {
            const devices::DecodedCode& code = found.code;
            if (options->json)
                fmt::print("{}\n", code_to_json(code, source, found.frame_index).dump());
            else
                fmt::print("frame {:<4} {}\n", found.frame_index,
                           code_line(code.format, code.scan));
            if (session) {
                auto result = session->scan(code.scan);
                if (!result) return std::unexpected(result.error());
                fmt::print("  intake   {}\n", intake_result_line(code.scan.text, *result));
                if (needs_attention(*result)) context.exit_code = k_exit_needs_attention;
            }
            std::fflush(stdout);
            return {};
        };
        // A broken image in a folder is reported and skipped; an unplugged camera ends it.
        auto reading =
            station::read_codes(**camera, decoder_options, *worker, options->frames, print_code,
                                [&context](const Error& error) { context.report(error); });
        if (!reading) return context.report(reading.error());
        if (reading->codes == 0) {
            fmt::print(stderr, "station: no code found in {} frame{} of {}\n", reading->frames,
                       reading->frames == 1 ? "" : "s", source);
            if (context.exit_code == k_exit_ok) context.exit_code = k_exit_needs_attention;
        }
    });
}

}  // namespace

void add_camera_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "camera", "Inspection cameras: list them, photograph devices, read codes from frames");
    command->require_subcommand(1);
    add_list(command, context);
    add_snap(command, context);
    add_scan(command, context);
}

}  // namespace rs::cli
