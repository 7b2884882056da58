// The supplier and satisfaction reports against a store with a known history, checked twice:
// against figures worked out by hand here, and against tests/reports/check_reports.py, which
// recomputes them from the case and part exports with Python's standard library only.
//
// The history: two suppliers (Acme Phones supplies the screen, 华强配件 the screw); three orders
// whose repairs use 3 screens and 7 screws (2 + 4 on day 0, 1 + 3 on day 8); a screen dead when
// fitted (doa, from an order), a screen that arrived damaged (defective, from the bin), a screen
// put in a batch and taken out again; a screw dead on arrival and five good screws going back to
// 华强配件 in a shipped batch; an empty Acme batch opened later; and three customers' ratings of
// cases of two technicians (5 and 4 for Zhao Lei, 2 for the second one).
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <fstream>

#include "common/clock.h"
#include "inventory/supplier_returns.h"
#include "inventory/suppliers.h"
#include "station/orders/workflow.h"
#include "station/reports/open_supplier_returns.h"
#include "station/reports/report_cases.h"
#include "station/reports/report_parts.h"
#include "station/reports/satisfaction_report.h"
#include "station/reports/supplier_quality.h"
#include "station/rma/satisfaction.h"
#include "tests/support/parts_fixture.h"
#include "tests/support/process.h"

using namespace rs;
using namespace rs::station;
using Rows = std::vector<std::vector<std::string>>;

namespace {

constexpr std::int64_t k_day = 24LL * 3600 * 1000;
const std::string k_acme = "Acme Phones";
const std::string k_huaqiang = "华强配件";

struct PartsHistory : test::PartsFixture {
    std::int64_t day0 = clock.now_ms();
    std::string second_technician = test::badge(5);
    std::vector<std::string> orders;
    std::int64_t first_batch_opened = 0, last_batch_opened = 0;

    PartsHistory() {
        auto inv = inventory();
        REQUIRE(inventory::add_supplier(inv, {0, k_acme, "", "", "", "Shenzhen"},
                                        {{test::k_screen, "", "ACME-LCD"}}));
        REQUIRE(inventory::add_supplier(inv, {0, k_huaqiang, "", "", "", "深圳"},
                                        {{test::k_screw, "", "HQ-M2"}}));
        REQUIRE(add_operator(*store, {second_technician, "Liu Yang", Role::Technician}));
        receive(fmt::format("(01){}(10)L7", test::k_screen_gtin), 5, 2500);
        receive(test::k_screw, 20, 5);

        repair_with({{test::k_screen, 2}, {test::k_screw, 4}});
        clock.advance(8 * k_day);
        repair_with({{test::k_screen, 1}, {test::k_screw, 3}});
        repair_with({});

        clock.advance(3600'000);
        first_batch_opened = clock.now_ms();
        std::string acme = open_batch(k_acme);
        REQUIRE(return_order_part(
            *store, {acme, test::k_screen, 1, "L7", "", inventory::ReturnReason::DeadOnArrival, "",
                     orders.at(1), "", technician}));
        add_line({acme, test::k_screen, 1, "L7", "", inventory::ReturnReason::Damaged, bin});
        auto taken_back = add_line(
            {acme, test::k_screen, 1, "L7", "", inventory::ReturnReason::GoodPartReturn, bin});
        REQUIRE(inventory::remove_return_line(inv, acme, taken_back.id, parts_manager));

        std::string huaqiang = open_batch(k_huaqiang);
        add_line({huaqiang, test::k_screw, 1, "", "", inventory::ReturnReason::DeadOnArrival, bin});
        add_line(
            {huaqiang, test::k_screw, 5, "", "", inventory::ReturnReason::GoodPartReturn, bin});
        REQUIRE(inventory::ship_supplier_return(inv, {huaqiang, "SF", "SF123", parts_manager}));

        clock.advance(k_day);
        last_batch_opened = clock.now_ms();
        open_batch(k_acme);

        // The second order was the second technician's case (handed over after its repair).
        auto handed =
            store->db().prepare("UPDATE repair_orders SET owner_id = ?1 WHERE number = ?2");
        REQUIRE(handed);
        handed->bind_all(second_technician, orders.at(1));
        REQUIRE(handed->run());
        rate(1, 5, "great", day0 + 10 * k_day);
        rate(2, 2, "slow, 太慢", day0 + 10 * k_day);
        rate(3, 4, "", day0 + 12 * k_day);
    }

    // A warranty repair of a new order that uses `parts` (sku, qty): reserved, picked, consumed.
    void repair_with(const std::vector<std::pair<std::string, std::int64_t>>& parts) {
        std::string order = diagnosed_order();
        orders.push_back(order);
        REQUIRE(move_order(*store, {order, OrderState::InRepair, technician, ""}));
        for (const auto& [sku, qty] : parts)
            REQUIRE(reserve(order, sku, qty));
        for (const auto& [sku, qty] : parts)
            REQUIRE(pick_order_part(*store, order, bin,
                                    sku == test::k_screen ? test::k_screen_gtin : sku, technician));
        if (!parts.empty()) REQUIRE(consume_order_parts(*store, order, technician));
    }
    std::string open_batch(const std::string& supplier) {
        auto inv = inventory();
        auto batch = inventory::open_supplier_return(inv, supplier, "", parts_manager);
        REQUIRE(batch);
        return batch->name();
    }
    inventory::ReturnLine add_line(inventory::ReturnLineRequest request) {
        request.person = parts_manager;
        auto inv = inventory();
        auto line = inventory::add_return_line(inv, request);
        INFO((line ? "" : line.error().message));
        REQUIRE(line);
        return *line;
    }
    // The platform's rating of the n-th RMA, stored as the sync stores it.
    void rate(int n, int rating, const std::string& comment, std::int64_t at) {
        auto transaction = store::Transaction::begin(store->db());
        REQUIRE(transaction);
        REQUIRE(store_satisfaction(*store, "plat-" + std::to_string(n),
                                   Satisfaction{rating, comment, at}));
        REQUIRE(transaction->commit());
    }
};

Rows rows(const Result<ReportTable>& table) {
    INFO((table ? "" : table.error().message));
    REQUIRE(table);
    return table->rows;
}

}  // namespace

TEST_CASE_METHOD(PartsHistory,
                 "the supplier report counts parts used and those dead on arrival or defective") {
    // Acme: (1 doa + 1 damaged) / 3 used = 666,666.67 ppm; 华强配件: 1 doa / 7 used = 142,857.14.
    CHECK(rows(supplier_quality(*store, {})) ==
          Rows{{k_acme, test::k_screen, "3", "1", "1", "666667"},
               {k_huaqiang, test::k_screw, "7", "1", "0", "142857"}});
    // From day 1: the second repair's parts only (1 screen, 3 screws) and every return line.
    CHECK(rows(supplier_quality(*store, {day0 + k_day, INT64_MAX, ReportGroup::All})) ==
          Rows{{k_acme, test::k_screen, "1", "1", "1", "2000000"},
               {k_huaqiang, test::k_screw, "3", "1", "0", "333333"}});
    // Before the returns: used only, no defect yet.
    CHECK(rows(supplier_quality(*store, {0, day0 + k_day, ReportGroup::All})) ==
          Rows{{k_acme, test::k_screen, "2", "0", "0", "0"},
               {k_huaqiang, test::k_screw, "4", "0", "0", "0"}});

    // Once two suppliers supply the screw, nobody can tell whose screws were used.
    auto inv = inventory();
    REQUIRE(inventory::set_supplied_part(inv, k_acme, test::k_screw, "ACME-M2"));
    CHECK(rows(supplier_quality(*store, {})) ==
          Rows{{"(not known)", test::k_screw, "7", "0", "0", "0"},
               {k_acme, test::k_screen, "3", "1", "1", "666667"},
               {k_huaqiang, test::k_screw, "0", "1", "0", ""}});
}

TEST_CASE_METHOD(PartsHistory, "the open supplier returns are listed oldest first") {
    // SR-000001: the doa and the damaged screen (the one taken back out does not count), 2 x
    // 2,500 at the screen's average cost; SR-000002 is shipped; SR-000003 is open and empty.
    CHECK(rows(open_supplier_returns(*store, {})) ==
          Rows{{"SR-000001", k_acme, format_utc_ms(first_batch_opened), "2", "2", "5000"},
               {"SR-000003", k_acme, format_utc_ms(last_batch_opened), "0", "0", "0"}});
    CHECK(rows(open_supplier_returns(*store, {last_batch_opened, INT64_MAX, ReportGroup::All}))
              .size() == 1);
}

TEST_CASE_METHOD(PartsHistory, "satisfaction counts the ratings by the case's group") {
    // 5, 2, 4: mean 11 / 3; two of three rated 4 or 5, one rated 1 or 2.
    CHECK(rows(satisfaction_report(*store, {})) == Rows{{"all", "3", "3.67", "0.6667", "0.3333"}});
    CHECK(rows(satisfaction_report(*store, {0, INT64_MAX, ReportGroup::Technician})) ==
          Rows{{technician, "2", "4.50", "1.0000", "0.0000"},
               {second_technician, "1", "2.00", "0.0000", "1.0000"}});
    // Dated by the rating: only the third case was rated on day 12.
    CHECK(rows(satisfaction_report(*store, {day0 + 11 * k_day, INT64_MAX, ReportGroup::All})) ==
          Rows{{"all", "1", "4.00", "1.0000", "0.0000"}});
}

TEST_CASE_METHOD(PartsHistory,
                 "the supplier and satisfaction reports agree with the Python check") {
    auto write = [&](const std::string& name, const Result<ReportTable>& table) {
        INFO(name << (table ? "" : table.error().message));
        REQUIRE(table);
        std::ofstream(dir.file(name), std::ios::binary) << to_csv(*table);
    };
    write("cases.csv", report_cases(*store, nullptr));
    write("parts.csv", report_parts(*store));
    write("suppliers-all.csv", supplier_quality(*store, {}));
    write("supplier-returns-all.csv", open_supplier_returns(*store, {}));
    for (auto by : {ReportGroup::All, ReportGroup::Model, ReportGroup::Category, ReportGroup::Route,
                    ReportGroup::Technician, ReportGroup::Week})
        write(fmt::format("satisfaction-{}.csv", name_of(by)),
              satisfaction_report(*store, {0, INT64_MAX, by}));
    auto checked =
        test::run_process({"/usr/bin/python3", CHECK_REPORTS_SCRIPT, dir.path().string()});
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
    CHECK_THAT(checked.out, Catch::Contains("8 reports agree"));

    // The script is not a rubber stamp: a wrong figure is found.
    auto wrong = supplier_quality(*store, {});
    REQUIRE(wrong);
    wrong->rows[0][2] = "4";
    std::ofstream(dir.file("suppliers-all.csv"), std::ios::binary) << to_csv(*wrong);
    auto caught =
        test::run_process({"/usr/bin/python3", CHECK_REPORTS_SCRIPT, dir.path().string()});
    CHECK(caught.exit_code == 1);
    CHECK_THAT(caught.out, Catch::Contains("suppliers-all.csv"));
}
