// A station store whose history a reports test writes row by row with SQL: the times, decisions
// and moves a test needs exactly, which the workflow would stamp with the clock.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/station_fixture.h"

namespace rs::test {

struct HistoryFixture : StationFixture {
    std::vector<std::string> orders;  // the order numbers, in the order received

    template <class... Args>
    void execute(const std::string& sql, const Args&... args) {
        auto statement = store->db().prepare(sql);
        REQUIRE(statement);
        statement->bind_all(args...);
        auto done = statement->run();
        INFO((done ? "" : done.error().message));
        REQUIRE(done);
    }

    // The id of the n-th order received (from 1).
    std::string order_id(int n) {
        return store->db()
            .query_one<std::string>("SELECT id FROM repair_orders WHERE number = ?1",
                                    orders.at(n - 1))
            ->value();
    }
};

}  // namespace rs::test
