// Supplier returns as the warehouse does them with `station`: a supplier and its parts, a box
// opened, a dead part from a bin and the core taken out of a repaired device put in it, then
// shipped: the parts leave stock and the label prints on the printer emulator program, drawn by
// an independent renderer and read back by zbar.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <filesystem>

#include "labels/codes/code_grammar.h"
#include "tests/support/emulator_process.h"
#include "tests/support/label_check.h"
#include "tests/support/station_cli.h"

using rs::test::contains;

namespace {

const std::string k_screen = "SKU-LCD-X2Q";
const std::string k_bin = rs::labels::make_own_id(rs::labels::CodeKind::Bin, "A-01");
const std::string k_supplier = "深圳华强配件";

struct ReturnsStation : rs::test::StationCli {
    rs::test::EmulatorProcess printer{EMULATOR_BINARY};

    ReturnsStation() {
        write_config(fmt::format(
            "[printers]\ndefault = \"emu\"\n[[printers.device]]\nname = \"emu\"\ndriver = "
            "\"tcp\"\naddress = \"127.0.0.1:{}\"\n[labels]\nsender_name = \"Repair Center\"\n"
            "sender_address = \"518057 Shenzhen\"\n",
            printer.port));
    }

    rs::test::ProcessResult ok(std::vector<std::string> args,
                               const std::string& badge = rs::test::k_warehouse_badge) const {
        args.push_back("--operator");
        args.push_back(badge);
        auto done = run(args);
        INFO(args[0] << " " << args[1] << ": " << done.out << done.err);
        REQUIRE(done.exit_code == 0);
        return done;
    }
};

}  // namespace

TEST_CASE("a dead part and a core go back to their supplier; shipping prints the label") {
    ReturnsStation station;
    station.prepare();
    const std::string order = station.start_repair("SF1402398761234");
    const std::string& tech = rs::test::k_technician_badge;
    REQUIRE(station.run({"parts", "import", rs::test::example_file("parts.csv")}).exit_code == 0);
    REQUIRE(station.run({"locations", "add", "--make-bin", "A-01"}).exit_code == 0);
    station.ok(
        {"stock", "receive", "--bin", k_bin, "--cost", "25000", "(01)06901234567892(10)L1(30)4"});

    // The supplier, with its number for the screen; the same name twice and an unknown part are
    // refused with what to do.
    auto added = station.run({"suppliers", "add", k_supplier, "--contact", "李伟", "--phone",
                              "+86 755 8321 5566", "--address", "深圳市福田区华强北路1002号 518031",
                              "--supplies", k_screen + "=HQ-LCD-X2"});
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    auto twice = station.run({"suppliers", "add", k_supplier});
    CHECK(twice.exit_code == 2);
    CHECK(contains(twice.err, "there is a supplier named '" + k_supplier + "' already"));
    auto unknown = station.run({"suppliers", "supplies", k_supplier, "SKU-NOPE-0"});
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, "is not in the catalog"));
    CHECK(contains(station.run({"suppliers", "show", k_supplier}).out, "HQ-LCD-X2"));
    CHECK(contains(station.run({"suppliers", "list"}).out, "1 parts"));

    auto opened = station.ok({"supplier-returns", "open", k_supplier, "--supplier-rma", "HQ-77"});
    CHECK(contains(opened.out, "SR-000001 opened"));

    // A screen found dead in the bin: set aside, still on hand, no longer available.
    station.ok({"supplier-returns", "add", "SR-000001", "--sku", k_screen, "--lot", "L1",
                "--reason", "doa", "--from-bin", k_bin, "--ref", "GR-2211"});
    auto shown = station.run({"parts", "show", k_screen});
    CHECK(contains(shown.out,
                   "on hand 4, reserved 0, set aside for supplier returns 1, "
                   "available 3"));
    // A part this supplier does not supply is refused, saying why.
    auto screw = station.run({"supplier-returns", "add", "SR-000001", "--sku", "SKU-SCR-M2U",
                              "--reason", "good_part_return", "--from-bin", k_bin, "--operator",
                              rs::test::k_warehouse_badge});
    CHECK(screw.exit_code == 2);
    CHECK(contains(screw.err, k_supplier + " does not supply SKU-SCR-M2U"));

    // The repair uses a new screen; the broken one taken out of the device is a core.
    station.ok({"stock", "reserve", order, k_screen}, tech);
    station.ok({"stock", "pick", order, k_bin, "(01)06901234567892(10)L1"}, tech);
    station.ok({"stock", "consume", order}, tech);
    auto not_used =
        station.run({"supplier-returns", "add", "SR-000001", "--sku", k_screen, "--lot", "X",
                     "--reason", "core_return", "--from-order", "RO-000009A", "--operator", tech});
    CHECK(not_used.exit_code == 2);
    CHECK(contains(not_used.err, "no repair order RO-000009A"));
    auto core = station.ok({"supplier-returns", "add", "SR-000001", "--sku", k_screen, "--lot",
                            "OLD-7", "--reason", "core_return", "--from-order", order},
                           tech);
    CHECK(contains(core.out, "core_return from CONSUMPTION (" + order + ")"));
    CHECK(station.texts("SELECT action FROM audit_log WHERE action = 'part_to_supplier_return'")
              .size() == 1);

    // A line put in and taken back out goes back to its bin.
    station.ok({"supplier-returns", "add", "SR-000001", "--sku", k_screen, "--lot", "L1",
                "--reason", "good_part_return", "--from-bin", k_bin});
    auto listed = station.run({"supplier-returns", "show", "SR-000001"});
    CHECK(contains(listed.out, "3 units held"));
    auto removed = station.ok({"supplier-returns", "remove", "SR-000001", "3"});
    CHECK(contains(removed.out, "back in " + k_bin));
    CHECK(contains(station.run({"parts", "show", k_screen}).out,
                   "set aside for supplier "
                   "returns 1, available 2"));

    // Shipped: the parts leave stock and the label prints, in one step.
    auto shipped = station.ok({"supplier-returns", "ship", "SR-000001", "--carrier", "SF Express",
                               "--tracking", "SF1402398761234", "--wait", "20"});
    CHECK(contains(shipped.out, "SR-000001 shipped to " + k_supplier + ": 2 units left stock"));
    CHECK(station.printer.printed() == 1);
    shown = station.run({"parts", "show", k_screen});
    CHECK(contains(shown.out,
                   "on hand 2, reserved 0, set aside for supplier returns 0, "
                   "available 2"));
    auto again = station.run(
        {"supplier-returns", "ship", "SR-000001", "--operator", rs::test::k_warehouse_badge});
    CHECK(again.exit_code == 2);
    CHECK(contains(again.err, "was shipped already"));
    CHECK(station.printer.printed() == 1);
    CHECK(
        contains(station.run({"supplier-returns", "list", "--shipped"}).out, "SR-000001 shipped"));

    // The label as the printer received it, drawn by zpl-renderer-js and read by zbar.
    std::string labels_dir = station.printer.dir.file("labels");
    std::vector<rs::test::RenderJob> jobs;
    for (const auto& entry : std::filesystem::directory_iterator(labels_dir))
        if (entry.path().extension() == ".zpl")
            jobs.push_back(
                {entry.path().string(), entry.path().string() + ".png", 101.6, 152.4, 8});
    REQUIRE(jobs.size() == 1);
    CHECK(contains(rs::test::read_text(jobs[0].zpl_path), "SUPPLIER RETURN"));
    REQUIRE(rs::test::render_zpl(jobs) == "");
    auto read = rs::test::zbarimg_decode(jobs[0].png_path);
    CHECK(std::count(read.begin(), read.end(), "SR-000001") == 1);

    for (const auto* sub : {"add", "list", "show", "edit", "supplies"})
        CHECK(station.run({"suppliers", sub, "--help"}).exit_code == 0);
    for (const auto* sub : {"open", "add", "remove", "list", "show", "ship"})
        CHECK(station.run({"supplier-returns", sub, "--help"}).exit_code == 0);
}

TEST_CASE("a supplier without an address ships nothing: the label could not say where") {
    ReturnsStation station;
    station.add_people();
    REQUIRE(station.run({"parts", "import", rs::test::example_file("parts.csv")}).exit_code == 0);
    REQUIRE(station.run({"locations", "add", "--make-bin", "A-01"}).exit_code == 0);
    station.ok({"stock", "receive", "--bin", k_bin, "(01)06901234567892(10)L1(30)2"});
    REQUIRE(station.run({"suppliers", "add", "Nowhere Ltd", "--supplies", k_screen}).exit_code ==
            0);
    station.ok({"supplier-returns", "open", "Nowhere Ltd"});
    station.ok({"supplier-returns", "add", "SR-1", "--sku", k_screen, "--lot", "L1", "--reason",
                "damaged", "--from-bin", k_bin});
    auto refused = station.run(
        {"supplier-returns", "ship", "SR-1", "--operator", rs::test::k_warehouse_badge});
    CHECK(refused.exit_code == 2);
    CHECK(contains(refused.err, "\"supplier\".\"address\" is empty"));
    // Nothing moved, nothing queued; with the address it ships.
    CHECK(station.count("print_jobs") == 0);
    CHECK(contains(station.run({"parts", "show", k_screen}).out,
                   "set aside for supplier "
                   "returns 1"));
    REQUIRE(station
                .run({"suppliers", "edit", "Nowhere Ltd", "--address",
                      "1 Harbour Rd, Hong "
                      "Kong"})
                .exit_code == 0);
    station.ok({"supplier-returns", "ship", "SR-1", "--wait", "20"});
    CHECK(station.printer.printed() == 1);
}
