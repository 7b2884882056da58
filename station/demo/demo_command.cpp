// `station demo`: a scripted intake on a fresh store, narrated step by step.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "demo_data.h"
#include "station/cli/cli_context.h"
#include "station/cli/intake_output.h"
#include "station/cli/photo_output.h"
#include "station/cli/scan_argument.h"
#include "station/demo/demo_camera.h"
#include "station/demo/demo_firmware.h"
#include "station/demo/demo_platform.h"
#include "station/demo/demo_printing.h"
#include "station/demo/demo_rules.h"
#include "station/demo/demo_shipping.h"
#include "station/orders/arrivals.h"
#include "station/orders/ownership.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/people/operators.h"
#include "station/rma/rma_json.h"
#include "station/rma/rma_store.h"

namespace rs::cli {
namespace {

// The people of the demo; their badge codes carry check characters like any badge.
struct DemoPerson {
    const char* badge;
    const char* name;
    station::Role role;
};
const DemoPerson k_people[] = {
    {"OP-0001U", "王芳 (Wang Fang)", station::Role::Warehouse},
    {"OP-0002S", "赵磊 (Zhao Lei)", station::Role::Technician},
    {"OP-0003Q", "Maria Silva", station::Role::Supervisor},
};

// One scripted scan and what the person at the bench is doing.
struct DemoScan {
    const char* narration;
    const char* typed;  // as in `station intake`: <GS> for the GS1 separator
};
const DemoScan k_scans[] = {
    {"Wang Fang scans her badge to start receiving", "OP-0001U"},
    {"an SF Express parcel arrives for RMA-26110001X", "SF1402398761234"},
    {"she opens it and scans the phone's IMEI: it should match the RMA", "490154203237518"},
    {"a UPS parcel for the exchange RMA-26110002V", "1Z999AA10123456784"},
    {"the phone inside has another IMEI than the customer declared", "353918056789015"},
    {"an EMS parcel from Beijing (UPU S10 number)", "EA123456785CN"},
    {"the same EMS parcel is scanned again by mistake", "EA123456785CN"},
    {"a USPS label: the scanner sends the 420+ZIP routing code, a GS, then the IMpb number",
     "42090210<GS>9400100000000000000006"},
    {"a DHL parcel nobody announced", "3318810025"},
    {"someone scans that unknown DHL parcel once more", "3318810025"},
    {"a torn UPS label reads one digit wrong", "1Z999AA10123456785"},
    {"a customer brings a watch to the counter with the RMA slip; she scans the RMA number",
     "RMA-26110005P"},
    {"a parcel for an RMA the customer cancelled on the platform", "YT7512345678901"},
};

}  // namespace

void add_demo_command(CLI::App& app, CliContext& context) {
    auto keep = std::make_shared<bool>(false);
    auto* command = app.add_subcommand(
        "demo",
        "Run a scripted intake on a fresh store and explain each step (uses --db only if given; "
        "otherwise a new temporary store)");
    command->add_flag("--keep", *keep, "Keep the temporary store afterwards to look at it");
    command->callback([&context, keep] {
        std::string path = context.db_path;
        bool temporary = path.empty();
        if (temporary) {
            path = (std::filesystem::temp_directory_path() /
                    fmt::format("station-demo-{}.db", ::getpid()))
                       .string();
            std::filesystem::remove(path);
        } else if (std::filesystem::exists(path)) {
            return context.report({ErrorCode::Invalid,
                                   fmt::format("the demo needs a fresh store but {} exists; give "
                                               "another --db or remove it",
                                               path),
                                   "demo"});
        }
        context.db_path = path;
        int step = 0;
        fmt::print("Repair Station demo: a receiving bench on a fresh store ({})\n", path);

        auto store = context.open_store(CliContext::IfMissing::Create);
        if (!store) return;
        print_step(step, "The station's people are registered with their badges and roles:");
        for (const auto& person : k_people) {
            auto added = station::add_operator(*store, {person.badge, person.name, person.role});
            if (!added) return context.report(added.error());
            fmt::print("    {}  {:<14} {}\n", person.badge, name_of(person.role), person.name);
        }

        if (auto rules = demo_load_rules(*store, step); !rules)
            return context.report(rules.error());

        auto photo_store = photo_files_of(context);
        if (!photo_store) return;
        auto platform_rmas = demo_rmas_with_samples(*store);
        if (!platform_rmas) return context.report(platform_rmas.error());
        auto platform = DemoPlatform::start(*store, *platform_rmas,
                                            context.config() ? context.config()->station_id : "",
                                            photo_store->dir());
        if (!platform) return context.report(platform.error());
        print_step(step, fmt::format("The station pulls its RMAs from the platform (the reference "
                                     "platform at {}, holding examples/demo-rmas.json):",
                                     (*platform)->url()));
        if (auto pulled = (*platform)->pull("    "); !pulled) return context.report(pulled.error());
        auto rmas = station::parse_rmas(k_demo_rmas_json);
        if (!rmas) return context.report(rmas.error());
        for (const auto& listed : *rmas) {
            auto found = station::find_rma(*store, listed.id);
            if (!found) return context.report(found.error());
            if (!*found) continue;
            const station::Rma& rma = **found;
            fmt::print("    {}  {:<8} {:<9} {:<16} {} {}\n", rma.number, name_of(rma.type),
                       name_of(rma.status), rma.product_model, rma.customer_name,
                       rma.inbound_tracking.empty() ? "(no parcel)" : rma.inbound_tracking.front());
        }

        auto session = station::IntakeSession::start(*store, "OP-0001U");
        if (!session) return context.report(session.error());
        for (const auto& scripted : k_scans) {
            print_step(step, scripted.narration);
            std::string text = decode_scan_argument(scripted.typed);
            auto result = session->scan(Scan{"demo", text, "", store->now_ms()});
            if (!result) return context.report(result.error());
            fmt::print("    scan    {}\n    is      {}\n    result  {}: {}\n", printable_scan(text),
                       result->readings.empty() ? "" : result->readings.front().why,
                       name_of(result->outcome), result->message);
        }

        print_step(step,
                   "Wang Fang, who received the first phone, hands the case to technician Zhao "
                   "Lei (only the owner or a supervisor moves a case), and he inspects it:");
        auto first = station::list_orders(*store, {.state = std::nullopt, .limit = 1000});
        if (!first) return context.report(first.error());
        std::string first_number = first->empty() ? "" : first->back().number;
        auto handed =
            station::hand_over(*store, first_number, "OP-0002S", "OP-0001U", "to the repair bench");
        if (!handed) return context.report(handed.error());
        fmt::print("    {} is now owned by {}\n", handed->number, handed->owner_id);
        auto moved = station::move_order(*store, {first_number, station::OrderState::Inspected,
                                                  "OP-0002S", "screen photographed"});
        if (!moved) return context.report(moved.error());
        fmt::print("    {} is now {}\n", moved->number, name_of(moved->state));
        std::vector<std::string> photo_files;
        if (!demo_photos(context, *store, first_number, photo_files,
                         [&step](const std::string& text) { print_step(step, text); }))
            return;

        print_step(step,
                   "Wang Fang (warehouse) tries to inspect a device herself: refused, and why:");
        std::string second_number = first->size() < 2 ? "" : (*first)[first->size() - 2].number;
        auto refused = station::move_order(
            *store, {second_number, station::OrderState::Inspected, "OP-0001U", ""});
        if (refused)
            return context.report({ErrorCode::Internal, "the demo's refusal was accepted", "demo"});
        fmt::print("    refused: {}\n", refused.error().message);

        std::string label_dir = path + "-labels";
        if (!demo_printing(context, *store, label_dir,
                           [&step](const std::string& text) { print_step(step, text); }))
            return;

        std::string firmware_dir = path + "-firmware";
        if (!demo_firmware(context, *store, firmware_dir, "OP-0002S",
                           [&step](const std::string& text) { print_step(step, text); }))
            return;

        print_step(step, "Where things stand:");
        auto orders = station::list_orders(*store, {.state = std::nullopt, .limit = 1000});
        if (!orders) return context.report(orders.error());
        for (auto it = orders->rbegin(); it != orders->rend(); ++it)
            fmt::print("    {}  {:<10} {}  identity {}\n", it->number, name_of(it->state),
                       it->rma_number, name_of(it->identity_status));
        auto arrivals = station::list_arrivals(*store, false);
        if (!arrivals) return context.report(arrivals.error());
        for (const auto& arrival : *arrivals)
            fmt::print("    arrival {}  seen {}x: {}\n", printable_scan(arrival.scan_text),
                       arrival.times_seen, arrival.reason);
        auto pending = store->db().query_one<std::int64_t>("SELECT count(*) FROM outbox");
        if (!pending) return context.report(pending.error());
        fmt::print("    {} events wait in the outbox for the platform\n", pending->value_or(0));

        if (auto synced = run_demo_sync_steps(**platform, *store, first_number, step); !synced)
            return context.report(synced.error());
        // Repaired devices go through their category's QA checklist; the first one fails its
        // battery measurement once and goes back to repair.
        auto qa_files = photo_files_of(context);
        if (!qa_files) return;
        DemoQa qa{&*qa_files, &photo_files, true, true};
        if (auto routes = demo_routes(**platform, *store, qa, step); !routes)
            return context.report(routes.error());
        std::string shipping_dir = path + "-shipping";
        if (auto shipped = demo_shipping(context, **platform, *store, shipping_dir, step); !shipped)
            return context.report(shipped.error());
        platform->reset();
        store.reset();
        if (temporary && !*keep) {
            for (const char* suffix : {"", "-wal", "-shm"})
                std::filesystem::remove(path + suffix);
            std::error_code ignored;
            for (const auto& file : photo_files) {
                std::filesystem::remove(file, ignored);
                // The folders too, when the demo's files were all they held.
                std::filesystem::path folder = std::filesystem::path(file).parent_path();
                std::filesystem::remove(folder, ignored);
                std::filesystem::remove(folder.parent_path(), ignored);
            }
            std::filesystem::remove_all(label_dir);
            std::filesystem::remove_all(firmware_dir);
            std::filesystem::remove_all(shipping_dir);
            fmt::print(
                "\nDone. (Run `station demo --keep` to keep the store and look at it with "
                "`station orders list --db FILE`.)\n");
        } else {
            fmt::print("\nDone. The store is {}: try `station orders list --db {}`.\n", path, path);
        }
    });
}

}  // namespace rs::cli
