// The reports against a store with a known history, checked twice: against figures worked out
// by hand here, and against tests/reports/check_reports.py, which recomputes every report from
// the case export with Python's standard library only (not our code).
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <fstream>

#include "station/reports/fault_pareto.h"
#include "station/reports/first_pass_yield.h"
#include "station/reports/report_cases.h"
#include "tests/support/process.h"
#include "tests/support/rules_fixture.h"
#include "tests/support/station_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {

constexpr std::int64_t k_day = 24LL * 3600 * 1000;
constexpr std::int64_t k_monday = 1'764'547'200'000;  // 2025-12-01T00:00Z, a Monday

// Six cases on two models, two categories and two routes, over two weeks: first QA attempts
// passed, failed (then passed), still open and never started; diagnoses superseded, without a
// defect code and of no fault found.
struct History : test::StationFixture {
    std::vector<std::string> orders;

    History() {
        const char* models[] = {"Phone X2", "Phone X2", "Tab S 11",
                                "Tab S 11", "Tab S 11", "Watch 4"};
        for (int n = 1; n <= 6; ++n) {
            auto rma = test::recent_rma(n, "1Z999AA1012345678" + std::to_string(n));
            rma["product_model"] = models[n - 1];
            import({rma});
            orders.push_back(test::receive_for_technician(*this, test::rma_number(n)));
        }
        decide(1, "phone", "warranty_repair");
        decide(2, "phone", "quote");
        decide(3, "tablet", "warranty_repair");
        decide(4, "tablet", "quote");  // overridden below: the latest decision counts
        decide(4, "tablet", "warranty_repair", 1);
        decide(5, "tablet", "warranty_repair");
        diagnose(1, "manufacturing_defect", "D01", k_monday);
        diagnose(2, "manufacturing_defect", "D01", k_monday + k_day);
        diagnose(3, "manufacturing_defect", "D02", k_monday + 8 * k_day);
        diagnose(4, "manufacturing_defect", "D09", k_monday + 2 * k_day);  // superseded
        diagnose(4, "no_fault_found", "", k_monday + 9 * k_day);
        diagnose(5, "customer_damage", "", k_monday + 9 * k_day);
        qa(1, 1, "passed", k_monday + 2 * k_day);
        qa(2, 1, "failed", k_monday + 3 * k_day);
        qa(2, 2, "passed", k_monday + 10 * k_day);  // a second attempt does not count
        qa(3, 1, "passed", k_monday + 9 * k_day);
        qa(4, 1, "failed", k_monday + 10 * k_day);
        qa(5, 1, "open", 0);
    }

    template <class... Args>
    void execute(const std::string& sql, const Args&... args) {
        auto statement = store->db().prepare(sql);
        REQUIRE(statement);
        statement->bind_all(args...);
        auto done = statement->run();
        INFO((done ? "" : done.error().message));
        REQUIRE(done);
    }
    std::string order_id(int n) {
        return store->db()
            .query_one<std::string>("SELECT id FROM repair_orders WHERE number = ?1",
                                    orders.at(n - 1))
            ->value();
    }
    void decide(int n, const char* category, const char* route, int later = 0) {
        execute(
            "INSERT INTO route_decisions (id, repair_order_id, kind, route, category, "
            "policy_version, trace, facts, confirmed_by, decided_ms) VALUES (?1, ?2, 'computed', "
            "?3, ?4, 'test', '[]', '{}', ?5, ?6)",
            fmt::format("rd-{}-{}", n, later), order_id(n), route, category, technician,
            k_monday - k_day + later);
    }
    void diagnose(int n, const char* cause, const char* defect, std::int64_t at) {
        execute(
            "INSERT INTO diagnoses (id, repair_order_id, customer_symptom, defect_code, cause, "
            "operator_id, time_ms) VALUES (?1, ?2, 'broken', ?3, ?4, ?5, ?6)",
            fmt::format("dg-{}-{}", n, at), order_id(n), defect, cause, technician, at);
    }
    void qa(int n, int attempt, const char* outcome, std::int64_t finished) {
        execute(
            "INSERT INTO qa_attempts (id, repair_order_id, attempt, category, policy_version, "
            "checklist, started_by, started_ms, outcome, finished_by, finished_ms) VALUES (?1, "
            "?2, ?3, 'phone', 'test', '{}', ?4, ?5, ?6, ?7, ?8)",
            fmt::format("qa-{}-{}", n, attempt), order_id(n), attempt, technician,
            finished - 3600000, outcome, technician,
            finished ? std::optional<std::int64_t>(finished) : std::nullopt);
    }
};

std::vector<std::vector<std::string>> rows(const Result<ReportTable>& table) {
    INFO((table ? "" : table.error().message));
    REQUIRE(table);
    return table->rows;
}

}  // namespace

TEST_CASE_METHOD(History, "first-pass yield counts each case's first finished QA attempt") {
    using Rows = std::vector<std::vector<std::string>>;
    CHECK(rows(first_pass_yield(*store, {})) == Rows{{"all", "4", "2", "0.5000"}});
    CHECK(rows(first_pass_yield(*store, {0, k_monday + 7 * k_day, ReportGroup::All})) ==
          Rows{{"all", "2", "1", "0.5000"}});
    CHECK(rows(first_pass_yield(*store, {0, INT64_MAX, ReportGroup::Model})) ==
          Rows{{"Phone X2", "2", "1", "0.5000"}, {"Tab S 11", "2", "1", "0.5000"}});
    CHECK(rows(first_pass_yield(*store, {0, INT64_MAX, ReportGroup::Route})) ==
          Rows{{"quote", "1", "0", "0.0000"}, {"warranty_repair", "3", "2", "0.6667"}});
    CHECK(rows(first_pass_yield(*store, {0, INT64_MAX, ReportGroup::Week})) ==
          Rows{{"2025-12-01", "2", "1", "0.5000"}, {"2025-12-08", "2", "1", "0.5000"}});
}

TEST_CASE_METHOD(History, "the fault Pareto counts the diagnosis in force, most cases first") {
    using Rows = std::vector<std::vector<std::string>>;
    CHECK(rows(fault_pareto(*store, {})) ==
          Rows{{"all", "D01", "2", "0.4000", "0.4000"},
               {"all", "(no defect code)", "1", "0.2000", "0.6000"},
               {"all", "D02", "1", "0.2000", "0.8000"},
               {"all", "no_fault_found", "1", "0.2000", "1.0000"}});
    CHECK(rows(fault_pareto(*store, {0, INT64_MAX, ReportGroup::Category})) ==
          Rows{{"phone", "D01", "2", "1.0000", "1.0000"},
               {"tablet", "(no defect code)", "1", "0.3333", "0.3333"},
               {"tablet", "D02", "1", "0.3333", "0.6667"},
               {"tablet", "no_fault_found", "1", "0.3333", "1.0000"}});
}

TEST_CASE_METHOD(History, "every report agrees with the independent Python check") {
    auto write = [&](const std::string& name, const Result<ReportTable>& table) {
        INFO(name << (table ? "" : table.error().message));
        REQUIRE(table);
        std::ofstream(dir.file(name), std::ios::binary) << to_csv(*table);
    };
    write("cases.csv", report_cases(*store, nullptr));
    for (auto by : {ReportGroup::All, ReportGroup::Model, ReportGroup::Category, ReportGroup::Route,
                    ReportGroup::Technician, ReportGroup::Week}) {
        ReportScope scope{0, INT64_MAX, by};
        write(fmt::format("fpy-{}.csv", name_of(by)), first_pass_yield(*store, scope));
        write(fmt::format("pareto-{}.csv", name_of(by)), fault_pareto(*store, scope));
    }
    auto checked =
        test::run_process({"/usr/bin/python3", CHECK_REPORTS_SCRIPT, dir.path().string()});
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
    CHECK_THAT(checked.out, Catch::Contains("12 reports agree"));
}
