// `station run --demo`: a fresh store with people and PINs, the reference platform and a printer
// emulator in-process, a configuration naming them, and one order already ready to ship.
#include "station/demo/run_demo.h"

#include <fmt/format.h>
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/store/database.h"
#include "demo_data.h"
#include "inventory/catalog.h"
#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/part_csv.h"
#include "inventory/supplier_returns.h"
#include "inventory/suppliers.h"
#include "labels/codes/code_grammar.h"
#include "station/demo/demo_platform.h"
#include "station/demo/demo_qa.h"
#include "station/demo/demo_returns.h"
#include "station/orders/diagnosis.h"
#include "station/orders/intake.h"
#include "station/orders/ownership.h"
#include "station/orders/policy_store.h"
#include "station/orders/route_decisions.h"
#include "station/orders/workflow.h"
#include "station/people/operators.h"
#include "station/people/pins.h"
#include "station/rma/rma_store.h"
#include "tools/printer_emulator/printer_emulator.h"

namespace rs::cli {
namespace {

struct DemoPerson {
    const char* badge;
    const char* name;
    station::Role role;
    const char* pin;
};
const DemoPerson k_people[] = {
    {"OP-0001U", "王芳 (Wang Fang)", station::Role::Warehouse, "1111"},
    {"OP-0002S", "赵磊 (Zhao Lei)", station::Role::Technician, "2222"},
    {"OP-0003Q", "Maria Silva", station::Role::Supervisor, "3333"},
    {"OP-0004O", "李娜 (Li Na)", station::Role::PartsManager, "4444"},
};

// What stays alive while the demo station runs; the folder goes when it ends.
struct RunDemo {
    std::string dir;
    std::unique_ptr<station::StationStore> store;  // the platform's sync engine uses it
    std::unique_ptr<DemoPlatform> platform;
    std::unique_ptr<tools::PrinterEmulator> printer;
    ~RunDemo() {
        printer.reset();
        platform.reset();
        store.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

// The supervisor's diagnosis in codes of a phone (inspected to diagnosed), as `station orders
// diagnose` records it: the Reports screen's fault Pareto has findings to count.
bool diagnose_phone(station::StationStore& store, const std::string& number, const char* symptom,
                    const char* section, const char* defect) {
    auto policy = station::policy_in_force(store);
    station::Diagnosis diagnosis;
    diagnosis.order_number = number;
    diagnosis.operator_id = "OP-0003Q";
    diagnosis.customer_symptom = "demo";
    diagnosis.condition_code = "1";
    diagnosis.symptom_code = symptom;
    diagnosis.section_code = section;
    diagnosis.defect_code = defect;
    if (!policy || !*policy) {
        fmt::print("demo: {} is not diagnosed: no policy in force\n", number);
        return false;
    }
    auto diagnosed = station::record_diagnosis(store, **policy, diagnosis);
    if (!diagnosed)
        fmt::print("demo: {} is not diagnosed: {}\n", number, diagnosed.error().message);
    return diagnosed.has_value();
}

// Receives the first parcel and moves its order along the shortest path of the transition
// table to ready_to_ship, each move by a person whose role may make it: the Shipping screen has
// an order at once. Says why when a rule of the workflow stops it.
void prepare_ready_order(station::StationStore& store, const std::string& photo_dir) {
    auto session = station::IntakeSession::start(store, "OP-0001U");
    if (!session) return;
    auto received = session->scan(Scan{"demo", "SF1402398761234", "", store.now_ms()});
    if (!received || received->order_numbers.empty()) return;
    const std::string number = received->order_numbers.front();
    // A warranty repair carried to ready_to_ship by the supervisor (who may move any case and
    // set its route), so the Shipping screen has a parcel to send from the start.
    const std::string supervisor = "OP-0003Q";
    using enum station::OrderState;
    auto move = [&](station::OrderState to) {
        auto moved = station::move_order(store, {number, to, supervisor, "demo", {}});
        if (!moved)
            fmt::print("demo: {} is not {}: {}\n", number, name_of(to), moved.error().message);
        return moved.has_value();
    };
    if (!move(Inspected)) return;
    if (auto routed = station::override_route(store, number, station::Route::WarrantyRepair,
                                              supervisor, "demo: a warranty repair to ship");
        !routed) {
        fmt::print("demo: {} has no route: {}\n", number, routed.error().message);
        return;
    }
    if (!diagnose_phone(store, number, "S210", "CHG", "D01") || !move(InRepair)) return;
    // QA against the phone checklist, every step recorded, its photo from the simulated camera.
    station::PhotoFiles files{photo_dir};
    DemoQa qa{&files, nullptr, false, false};
    if (auto checked = demo_qa(store, qa, number, supervisor); !checked)
        fmt::print("demo: {} did not pass QA: {}\n", number, checked.error().message);
}

// The exchange RMA's parcel received and diagnosed for an exchange by the supervisor, and a
// replacement unit of its product on the shelf: the order page's exchange form has a case.
void prepare_exchange_order(station::StationStore& store) {
    auto session = station::IntakeSession::start(store, "OP-0001U");
    if (!session) return;
    auto received = session->scan(Scan{"demo", "1Z999AA10123456784", "", store.now_ms()});
    if (!received || received->order_numbers.empty()) return;
    const std::string number = received->order_numbers.front();
    const std::string supervisor = "OP-0003Q";
    auto moved = station::move_order(
        store, {number, station::OrderState::Inspected, supervisor, "demo", {}});
    auto routed = moved ? station::override_route(store, number, station::Route::Exchange,
                                                  supervisor, "demo: a defect to exchange")
                        : Result<station::RouteDecision>(std::unexpected(moved.error()));
    if (routed && !diagnose_phone(store, number, "S310", "MBD", "D05")) return;
    if (!routed || !moved) {
        fmt::print("demo: {} is not ready for its exchange: {}\n", number,
                   (routed ? moved.error() : routed.error()).message);
        return;
    }
    // The technician's case from here: theirs to exchange on the order page.
    if (auto handed = station::hand_over(store, number, "OP-0002S", supervisor,
                                         "demo: to the bench for its exchange");
        !handed)
        fmt::print("demo: {} stays with its owner: {}\n", number, handed.error().message);
    auto order = station::find_order_by_number(store, number);
    auto rma = order && *order ? station::find_rma(store, (**order).rma_id)
                               : Result<std::optional<station::Rma>>(std::nullopt);
    std::string product = rma && *rma ? (*rma)->product_model : "Phone X2 256GB";
    fmt::print("  {} ({}) waits for its exchange on the order page:\n", number, product);
    if (auto shelved = demo_shelve_unit(store, product, "PX2W26110077", supervisor.c_str());
        !shelved)
        fmt::print("demo: no replacement on the shelf: {}\n", shelved.error().message);
}

// Screens found dead in the bin, in an open box for their supplier: the Suppliers screen has a
// return to ship. Through the same calls as `station stock receive`, `station suppliers add` and
// `station supplier-returns open|add`.
Status prepare_supplier_return(station::StationStore& store) {
    inventory::Inventory inventory(store.db(), store.clock());
    const std::string bin = labels::make_own_id(labels::CodeKind::Bin, "A-01");
    if (auto added = inventory::add_location(
            inventory, {0, bin, inventory::LocationKind::Bin, "", "spare parts"});
        !added)
        return std::unexpected(added.error());
    auto screen = inventory::find_part(inventory, "SKU-LCD-X2Q");
    if (!screen) return std::unexpected(screen.error());
    inventory::MoveRequest received;
    received.part_id = screen->id;
    received.from_id = inventory::find_location(inventory, inventory::k_supplier)->id;
    received.to_id = inventory::find_location(inventory, bin)->id;
    received.qty = 4;
    received.lot = "L1";
    received.unit_cost = 25000;
    received.reference = "GR-2211";
    received.person = "OP-0004O";
    received.reason = "received";
    if (auto moved = inventory::move_stock(inventory, received); !moved)
        return std::unexpected(moved.error());
    const std::string supplier = "深圳华强配件";
    if (auto added = inventory::add_supplier(
            inventory,
            {0, supplier, "李伟", "", "+86 755 8321 5566", "518031 深圳市福田区华强北路1002号"},
            {{"SKU-LCD-X2Q", "", "HQ-LCD-X2"}});
        !added)
        return std::unexpected(added.error());
    auto batch = inventory::open_supplier_return(inventory, supplier, "HQ-77", "OP-0004O");
    if (!batch) return std::unexpected(batch.error());
    inventory::ReturnLineRequest line{
        batch->name(), "SKU-LCD-X2Q", 1, "L1", "", inventory::ReturnReason::DeadOnArrival, bin, "",
        "GR-2211",     "OP-0004O"};
    if (auto added = inventory::add_return_line(inventory, line); !added)
        return std::unexpected(added.error());
    fmt::print("  {} for {} waits on the Suppliers screen: a screen found dead in {}\n",
               batch->name(), supplier, bin);
    return {};
}

}  // namespace

Result<std::shared_ptr<void>> prepare_run_demo(CliContext& context) {
    auto demo = std::make_shared<RunDemo>();
    demo->dir =
        (std::filesystem::temp_directory_path() / fmt::format("station-run-demo-{}", ::getpid()))
            .string();
    std::filesystem::remove_all(demo->dir);
    std::filesystem::create_directories(demo->dir + "/labels");
    // --db names an empty store to fill (the PostgreSQL copies of the web tests); else a file
    // of its own.
    const std::string db = context.db_path.empty() ? demo->dir + "/station.db" : context.db_path;
    auto store = station::StationStore::open(db);
    if (!store) return std::unexpected(store.error());
    demo->store = std::move(*store);
    for (const auto& person : k_people) {
        if (auto added =
                station::add_operator(*demo->store, {person.badge, person.name, person.role});
            !added)
            return std::unexpected(added.error());
        if (auto pin = station::set_pin(*demo->store, person.badge, person.pin, "OP-0003Q"); !pin)
            return std::unexpected(pin.error());
    }
    auto platform =
        DemoPlatform::start(*demo->store, k_demo_rmas_json, "bench-demo", demo->dir + "/photos");
    if (!platform) return std::unexpected(platform.error());
    demo->platform = std::move(*platform);
    if (auto pulled = demo->platform->pull("demo: "); !pulled)
        return std::unexpected(pulled.error());
    // The center's rules, whose [shipping] names the carriers, and numbers of each in the pool:
    // the Shipping screen ships at once.
    if (auto loaded = station::load_policy(*demo->store, k_demo_policy_toml, "examples/policy.toml",
                                           "OP-0003Q");
        !loaded)
        return std::unexpected(loaded.error());
    auto phone_codes = station::parse_fault_catalog(k_demo_phone_faults_json);
    if (!phone_codes) return std::unexpected(phone_codes.error());
    if (auto imported = station::import_fault_catalog(*demo->store, *phone_codes); !imported)
        return std::unexpected(imported.error());
    if (auto topped = demo->platform->top_up_waybills("demo: "); !topped)
        return std::unexpected(topped.error());
    auto printer = tools::PrinterEmulator::start({.label_dir = demo->dir + "/labels"});
    if (!printer) return std::unexpected(printer.error());
    demo->printer = std::move(*printer);
    prepare_ready_order(*demo->store, demo->dir + "/photos");
    prepare_exchange_order(*demo->store);
    std::istringstream parts_csv(k_demo_parts_csv);
    auto parts = inventory::read_parts_csv(parts_csv, "examples/parts.csv");
    if (!parts) return std::unexpected(parts.error());
    inventory::Inventory inventory(demo->store->db(), demo->store->clock());
    for (const auto& [line, part] : *parts)
        if (auto added = inventory::add_part(inventory, part); !added)
            return std::unexpected(added.error());

    if (auto returned = prepare_supplier_return(*demo->store); !returned)
        fmt::print("demo: no supplier return: {}\n", returned.error().message);

    std::ofstream(demo->dir + "/platform-token") << "demo-station-token\n";
    std::ofstream config(demo->dir + "/station.toml");
    config << fmt::format(R"toml([station]
id = "bench-demo"
[store]
{3} = "{4}"
[scanners]
auto_usb = false
[[scanners.device]]
name = "bench"
role = "intake"
driver = "simulated"
input = "-"
[printers]
default = "desk"
[[printers.device]]
name = "desk"
driver = "tcp"
address = "127.0.0.1:{1}"
[labels]
sender_name = "Repair Center Shenzhen 维修中心"
sender_phone = "+86 755 8600 1234"
sender_address = "518057 广东省深圳市南山区科技园高新南一道8号"
[platform]
url = "{2}"
token_file = "{0}/platform-token"
[photos]
dir = "{0}/photos"
)toml",
                          demo->dir, demo->printer->port(), demo->platform->url(),
                          store::Database::is_server_url(db) ? "url" : "path", db);
    config.close();
    context.db_path = db;
    context.config_path = demo->dir + "/station.toml";

    fmt::print("station run --demo: a demo station in {}\n", demo->dir);
    fmt::print("  sign in with a badge and its PIN:\n");
    for (const auto& person : k_people)
        fmt::print("    {}  PIN {}  {:<14} {}\n", person.badge, person.pin, name_of(person.role),
                   person.name);
    fmt::print(
        "  the bench's scanner is simulated: type a code here and press Enter to scan it\n"
        "  (try EA123456785CN; 3318810025; SF1402398761234, then 490154203237518)\n");
    fmt::print("  labels printed on the printer emulator (127.0.0.1:{}) are kept in {}/labels\n",
               demo->printer->port(), demo->dir);
    std::fflush(stdout);
    return std::shared_ptr<void>(demo);
}

}  // namespace rs::cli
