// `station photos list|show|annotate`: the photos filed with repair orders, and damage marks.
#include <fmt/format.h>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/cli/photo_output.h"
#include "station/photos/photos.h"

namespace rs::cli {
namespace {

// "x,y,w,h" in photo pixels.
std::optional<std::array<int, 4>> parse_rect(const std::string& text) {
    std::array<int, 4> values{};
    std::size_t start = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        std::size_t end = text.find(',', start);
        if ((i < 3) != (end != std::string::npos)) return std::nullopt;
        std::string part = text.substr(start, i < 3 ? end - start : std::string::npos);
        if (part.empty() || part.size() > 6 ||
            part.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        values[i] = std::stoi(part);
        start = end + 1;
    }
    return values;
}

}  // namespace

void add_photos_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "photos", "Photos filed with repair orders: list, show, mark damage on them");
    command->require_subcommand(1);

    struct Options {
        std::string order, stage, photo, rect, label, operator_id;
        int limit = 50;
        bool json = false;
    };
    auto options = std::make_shared<Options>();

    auto* list = command->add_subcommand("list", "Photos, newest first");
    list->add_option("--order", options->order, "Only this repair order's");
    list->add_option("--stage", options->stage, "Only this stage's")
        ->check(CLI::IsMember(all_names<station::PhotoStage>()));
    list->add_option("--limit", options->limit, "At most this many")->check(CLI::PositiveNumber);
    list->add_flag("--json", options->json, "One JSON object per photo");
    list->callback([&context, options] {
        auto files = photo_files_of(context);
        if (!files) return;
        auto store = context.open_store();
        if (!store) return;
        station::PhotoFilter filter{options->order, parse_enum<station::PhotoStage>(options->stage),
                                    options->limit};
        auto photos = station::list_photos(*store, filter);
        if (!photos) return context.report(photos.error());
        if (photos->empty() && !options->json) fmt::print("no photos\n");
        for (const auto& photo : *photos) {
            if (options->json) {
                fmt::print("{}\n", photo_to_json(photo, *files).dump());
                continue;
            }
            fmt::print("{}  {:<11} {:<9} {}  {:.12}  {}{}\n", photo.id, photo.order_number,
                       name_of(photo.stage), format_utc_ms(photo.taken_ms), photo.sha256,
                       photo.quality.verdict(),
                       photo.codes.empty() ? "" : fmt::format(", {} codes", photo.codes.size()));
        }
    });

    auto* show = command->add_subcommand(
        "show",
        "One photo: file, quality and advice, codes, damage marks; checks the file is "
        "intact");
    show->add_option("PHOTO", options->photo,
                     "Photo id, or its SHA-256 (at least the first 8 hex digits)")
        ->required();
    show->add_flag("--json", options->json, "As JSON");
    show->callback([&context, options] {
        auto files = photo_files_of(context);
        if (!files) return;
        auto store = context.open_store();
        if (!store) return;
        auto photo = station::find_photo(*store, options->photo);
        if (!photo) return context.report(photo.error());
        if (!*photo)
            return context.report(
                {ErrorCode::NotFound,
                 fmt::format("no photo {}; see `station photos list`", options->photo), "photos"});
        auto intact = files->verify((*photo)->sha256);
        if (options->json) {
            nlohmann::json out = photo_to_json(**photo, *files);
            out["file_intact"] = intact.has_value();
            fmt::print("{}\n", out.dump(2));
        } else {
            print_photo(**photo, *files);
        }
        if (!intact) context.report(intact.error());
    });

    auto* annotate = command->add_subcommand(
        "annotate", "Mark damage on a photo: a rectangle in its pixels and what it shows");
    annotate
        ->add_option("PHOTO", options->photo,
                     "Photo id, or its SHA-256 (at least the first 8 hex digits)")
        ->required();
    annotate
        ->add_option(
            "--rect", options->rect,
            "X,Y,WIDTH,HEIGHT in photo pixels from its top-left corner, e.g. 120,80,200,90")
        ->required();
    annotate->add_option("--label", options->label, "What it shows, e.g. \"cracked screen\"")
        ->required();
    annotate->add_option("--operator", options->operator_id,
                         "Badge of who marks it (or STATION_OPERATOR)");
    annotate->callback([&context, options] {
        auto rect = parse_rect(options->rect);
        if (!rect)
            return context.report({ErrorCode::Invalid,
                                   fmt::format("--rect {} must be X,Y,WIDTH,HEIGHT: four whole "
                                               "numbers of pixels, e.g. 120,80,200,90",
                                               options->rect),
                                   "photos"});
        auto store = context.open_store();
        if (!store) return;
        auto person = context.acting_person(*store, options->operator_id);
        if (!person) return;
        const std::string& operator_id = person->id;
        auto marked =
            station::annotate_photo(*store, {options->photo, (*rect)[0], (*rect)[1], (*rect)[2],
                                             (*rect)[3], options->label, operator_id});
        if (!marked) return context.report(marked.error());
        fmt::print("damage #{} marked on photo {}: {},{} {}x{} \"{}\"\n", marked->id,
                   options->photo, marked->x, marked->y, marked->width, marked->height,
                   marked->label);
    });
}

}  // namespace rs::cli
