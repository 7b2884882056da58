// Proof of who acts, through the real program: every command that acts for a person refuses
// without a PIN or token, says how to give one and changes nothing; a wrong PIN, a PIN file
// others can read and a revoked token prove nothing; a token acts as itself, named in the audit.
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/support/station_cli.h"

namespace rs::test {
namespace {

constexpr const char* k_order = "RO-000001O";

// A prepared store with an order, a closed set-up (the supervisor has a PIN) and a printer that
// nothing answers at (a refused print must be refused before it is queued).
struct ProvenStation : StationCli {
    ProvenStation() {
        write_config(
            "[printers]\n[[printers.device]]\nname = \"desk\"\ndriver = \"tcp\"\n"
            "address = \"127.0.0.1:9\"\ntimeout_ms = 200\n");
        prepare();
        auto added =
            run({"operators", "add", "--badge", "3", "--name", "Maria", "--role", "supervisor"});
        INFO(added.out << added.err);
        REQUIRE(added.exit_code == 0);
        set_pin(supervisor);
        auto intake = run({"intake", "SF1402398761234"});
        INFO(intake.out << intake.err);
        REQUIRE(intake.exit_code == 0);
    }
    std::string supervisor = "OP-0003Q";

    std::int64_t written() const {
        return count("audit_log") + count("outbox") + count("print_jobs") + count("operators");
    }
};

// No PIN file, no token, no terminal (tests run without one): nothing can prove who acts.
const std::vector<std::string> k_no_proof = {"STATION_PIN_FILE="};

TEST_CASE("no command acts for a person without proof, and none changes anything") {
    ProvenStation station;
    std::string rmas = example_file("demo-rmas.json");
    const std::vector<std::vector<std::string>> acting = {
        {"intake", "SF1402398761235"},
        {"orders", "move", k_order, "inspected"},
        {"orders", "diagnose", k_order, "--symptom", "flicker", "--symptom-code", "S110",
         "--defect", "D02", "--cause", "manufacturing_defect"},
        {"orders", "decide", k_order, "--operator", k_technician_badge},
        {"orders", "quote", k_order, "--labour", "R10"},
        {"orders", "override", k_order, "--route", "warranty_repair", "--reason", "x"},
        {"orders", "clear-flag", k_order, "--reason", "x"},
        {"orders", "handover", k_order, "--to", k_technician_badge, "--reason", "x"},
        {"orders", "expire-quotes"},
        {"stock", "receive", "--bin", "BIN-A-01E", "(01)06901234567892(10)L1(30)4"},
        {"rma", "import", rmas},
        {"policy", "load", example_file("policy.toml")},
        {"print", "ro-tag", "--data", example_file("ro-tag.json")},
        {"printers", "test"},
        {"jobs", "cancel", "1"},
        {"jobs", "retry", "1"},
        {"jobs", "reprint", "1", "--reason", "torn"},
        {"photos", "annotate", "3fd47015", "--rect", "1,1,2,2", "--label", "x"},
        {"camera", "scan", "--source", "sim", "--intake"},
        {"firmware", "flash", k_order, "--device", "sim:?poll_ms=20"},
        {"operators", "add", "--badge", "5", "--name", "Li", "--role", "supervisor"},
        {"operators", "set-pin", k_technician_badge},
        {"operators", "add-token", "robot", "--role", "supervisor"},
        {"run", "--until-idle", "--operator", k_technician_badge},
    };
    std::int64_t before = station.written();
    for (const auto& command : acting) {
        auto refused = station.run(command, "1357\n", k_no_proof);
        INFO(command[0] << " " << command[1] << ": exit " << refused.exit_code << "\n"
                        << refused.out << refused.err);
        CHECK(refused.exit_code == 2);
        CHECK(contains(refused.err, "prove who acts"));
        CHECK(station.written() == before);
    }
}

TEST_CASE("a wrong PIN, a PIN file others can read or an unknown token prove nothing") {
    ProvenStation station;
    std::int64_t before = station.written();
    std::string wrong = station.file("wrong-pin");
    std::ofstream(wrong) << "9999\n";
    ::chmod(wrong.c_str(), 0600);
    auto refused =
        station.run({"orders", "move", k_order, "inspected"}, "", {"STATION_PIN_FILE=" + wrong});
    CHECK(refused.exit_code == 2);
    CHECK(contains(refused.err, "wrong PIN for OP-0001U"));

    std::string shared = station.file("shared-pin");
    std::ofstream(shared) << k_test_pin << "\n";
    ::chmod(shared.c_str(), 0644);
    auto readable =
        station.run({"orders", "move", k_order, "inspected"}, "", {"STATION_PIN_FILE=" + shared});
    CHECK(readable.exit_code == 2);
    CHECK(contains(readable.err, "can be read by other users"));

    auto guessed = station.run({"orders", "move", k_order, "inspected"}, "",
                               {"STATION_TOKEN=0123456789abcdef"});
    CHECK(guessed.exit_code == 2);
    CHECK(contains(guessed.err, "not known here or was revoked"));
    // The wrong PIN is counted (badge_lockouts), nothing else was written.
    CHECK(station.written() == before);
}

TEST_CASE("a station token acts as itself and is named in the audit log") {
    ProvenStation station;
    auto issued = station.run({"operators", "add-token", "nightly import", "--role", "supervisor",
                               "--operator", station.supervisor});
    INFO(issued.out << issued.err);
    REQUIRE(issued.exit_code == 0);
    CHECK(contains(issued.err, "OP-9000"));
    std::string secret = issued.out.substr(0, issued.out.find('\n'));
    REQUIRE(secret.size() == 64);
    std::string token_file = station.file("token");
    std::ofstream(token_file) << secret << "\n";
    ::chmod(token_file.c_str(), 0600);
    const std::vector<std::string> as_token = {"STATION_TOKEN_FILE=" + token_file,
                                               "STATION_PIN_FILE=", "STATION_OPERATOR="};

    auto handed = station.run(
        {"orders", "handover", k_order, "--to", k_technician_badge, "--reason", "to the bench"}, "",
        as_token);
    INFO(handed.out << handed.err);
    CHECK(handed.exit_code == 0);
    auto named = station.texts("SELECT operator_id FROM audit_log ORDER BY id DESC LIMIT 1");
    REQUIRE(named.size() == 1);
    CHECK(named[0].starts_with("OP-9000"));

    auto as_someone = station.run(
        {"orders", "move", k_order, "inspected", "--operator", k_technician_badge}, "", as_token);
    CHECK(as_someone.exit_code == 2);
    CHECK(contains(as_someone.err, "acts as itself"));

    std::string badge = named[0];
    auto revoked =
        station.run({"operators", "revoke-token", badge, "--operator", station.supervisor});
    INFO(revoked.out << revoked.err);
    CHECK(revoked.exit_code == 0);
    auto after =
        station.run({"orders", "handover", k_order, "--to", k_warehouse_badge, "--reason", "back"},
                    "", as_token);
    CHECK(after.exit_code == 2);
    CHECK(contains(after.err, "revoked"));
}

TEST_CASE("after set-up only a supervisor changes the people; a person changes their own PIN") {
    ProvenStation station;
    auto by_warehouse =
        station.run({"operators", "add", "--badge", "6", "--name", "Sun", "--role", "supervisor"});
    CHECK(by_warehouse.exit_code == 2);
    CHECK(contains(by_warehouse.err, "only a supervisor"));
    auto by_supervisor = station.run({"operators", "add", "--badge", "6", "--name", "Sun", "--role",
                                      "technician", "--operator", station.supervisor});
    INFO(by_supervisor.out << by_supervisor.err);
    CHECK(by_supervisor.exit_code == 0);
    // The technician changes their own PIN, proven with the one they have (the PIN file).
    auto own = station.run(
        {"operators", "set-pin", k_technician_badge, "--operator", k_technician_badge}, "8642\n");
    INFO(own.out << own.err);
    CHECK(own.exit_code == 0);
    auto others = station.run(
        {"operators", "set-pin", station.supervisor, "--operator", k_warehouse_badge}, "8642\n");
    CHECK(others.exit_code == 2);
    CHECK(contains(others.err, "only a supervisor"));
}

}  // namespace
}  // namespace rs::test
