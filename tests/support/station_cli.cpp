// StationCli: argument lists for the real `station` program, and its store read back directly.
#include "tests/support/station_cli.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/store/database.h"

namespace rs::test {

std::string example_file(const std::string& name) {
    return std::string(EXAMPLES_DIR) + "/" + name;
}

ProcessResult run_station(std::vector<std::string> args, const std::string& input,
                          const std::vector<std::string>& environment) {
    args.insert(args.begin(), STATION_BINARY);
    return run_process(args, input, environment);
}

void prove_people_with_test_pin() {
    static const TempDir folder;  // lives as long as the test process
    static const bool done = [] {
        std::string path = folder.file("pin");
        std::ofstream(path) << k_test_pin << "\n";
        std::filesystem::permissions(
            path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        ::setenv("STATION_PIN_FILE", path.c_str(), 1);
        ::setenv("STATION_OPERATOR", k_warehouse_badge.c_str(), 1);
        return true;
    }();
    (void)done;
}

StationCli::StationCli(std::string store)
    : m_db(store.empty() ? m_dir.store("station.db") : std::move(store)) {
    prove_people_with_test_pin();
    write_config("");
}

std::vector<std::string> StationCli::argv(std::vector<std::string> args) const {
    args.insert(args.begin(), STATION_BINARY);
    args.insert(args.end(), {"--db", m_db, "--config", m_config});
    return args;
}

ProcessResult StationCli::run(std::vector<std::string> args, const std::string& input,
                              const std::vector<std::string>& environment) const {
    return run_process(argv(std::move(args)), input, environment);
}

nlohmann::json StationCli::run_json(std::vector<std::string> args) const {
    auto result = run(std::move(args));
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

void StationCli::write_config(const std::string& text) const {
    std::ofstream(m_config) << text;
}

void StationCli::append_config(const std::string& text) const {
    std::ofstream(m_config, std::ios::app) << text;
}

void StationCli::add_people() const {
    auto init =
        run({"init", "--operator", k_warehouse_badge, "--name", "王芳", "--role", "warehouse"});
    INFO(init.out << init.err);
    REQUIRE(init.exit_code == 0);
    auto added =
        run({"operators", "add", "--badge", "2", "--name", "赵磊", "--role", "technician"});
    INFO(added.out << added.err);
    REQUIRE(added.exit_code == 0);
    REQUIRE(contains(added.out, k_technician_badge));
    set_pin(k_warehouse_badge);
    set_pin(k_technician_badge);
}

void StationCli::set_pin(const std::string& badge) const {
    auto set = run({"operators", "set-pin", badge}, k_test_pin + "\n");
    INFO(set.out << set.err);
    REQUIRE(set.exit_code == 0);
}

std::string StationCli::start_repair(const std::string& scan) const {
    auto must = [&](std::vector<std::string> args, const std::string& badge) {
        args.insert(args.end(), {"--operator", badge});
        auto done = run(args);
        INFO(args[0] << " " << args[1] << ": " << done.out << done.err);
        REQUIRE(done.exit_code == 0);
        return done;
    };
    if (texts("SELECT id FROM operators WHERE id = '" + k_supervisor_badge + "'").empty()) {
        must({"operators", "add", "--badge", "3", "--name", "Maria", "--role", "supervisor"},
             k_warehouse_badge);
        set_pin(k_supervisor_badge);
    }
    auto received = must({"intake", "--json", scan}, k_warehouse_badge);
    std::string order = nlohmann::json::parse(received.out)["orders"].at(0);
    must({"orders", "handover", order, "--to", k_technician_badge, "--reason", "to the bench"},
         k_warehouse_badge);
    for (const char* state : {"inspected", "diagnosed"})
        must({"orders", "move", order, state}, k_technician_badge);
    must({"orders", "override", order, "--route", "warranty_repair", "--reason",
          "a test repair in warranty"},
         k_supervisor_badge);
    must({"orders", "move", order, "in_repair"}, k_technician_badge);
    return order;
}

void StationCli::pass_qa(const std::string& order) const {
    auto must = [&](std::vector<std::string> args) {
        args.insert(args.end(), {"--operator", k_technician_badge});
        auto done = run(args);
        INFO(args[0] << " " << args[1] << ": " << done.out << done.err);
        REQUIRE(done.exit_code == 0);
        return done;
    };
    must({"qa", "start", order});
    auto attempts = run_json({"qa", "show", order, "--json"});
    REQUIRE_FALSE(attempts.empty());
    for (const auto& step : attempts.back()["steps"]) {
        std::string number = std::to_string(step["step"].get<int>());
        std::string kind = step["kind"];
        if (kind == "pass_fail") {
            must({"qa", "record", order, number, "--pass"});
        } else if (kind == "measured") {
            // "3.7..4.4 V", ">= 1 V" or "<= 0.5 mA": the first limit passes (inclusive).
            std::string limits = step["limits"];
            double limit =
                std::strtod(limits.c_str() + limits.find_first_of("0123456789-"), nullptr);
            std::ostringstream value;
            value << limit;
            must({"qa", "record", order, number, "--value", value.str()});
        } else {
            // A simulator of its own per order: a picture of another order is another file.
            auto snap = run({"camera", "snap", "--source", "sim:qa-" + order, "--order", order,
                             "--stage", "qa", "--json", "--operator", k_technician_badge});
            INFO(snap.out << snap.err);
            REQUIRE((snap.exit_code == 0 || snap.exit_code == 3));  // 3: a poor verdict, filed
            std::string photo = nlohmann::json::parse(snap.out)["id"];
            must({"qa", "record", order, number, "--photo", photo});
        }
    }
    must({"qa", "finish", order});
}

ProcessResult StationCli::import_rmas(const std::string& path) const {
    auto imported = run({"rma", "import", path});
    INFO(imported.out << imported.err);
    REQUIRE(imported.exit_code == 0);
    return imported;
}

std::int64_t StationCli::count(const std::string& table) const {
    auto rows = texts("SELECT count(*) FROM " + table);
    REQUIRE(rows.size() == 1);
    return std::stoll(rows[0]);
}

std::vector<std::string> StationCli::texts(const std::string& sql) const {
    auto database = store::Database::open(m_db, {.create = false});
    REQUIRE(database);
    auto query = database->prepare(sql);
    REQUIRE(query);
    std::vector<std::string> rows;
    REQUIRE(query->each_row([&](const store::Statement& row) { rows.push_back(row.text(0)); }));
    return rows;
}

}  // namespace rs::test
