// Tests of the repair order state machine table.
#include <catch2/catch.hpp>

#include <set>

#include "station/orders/order_state.h"

using namespace rs;
using namespace rs::station;

namespace {
const Role k_roles[] = {Role::Technician, Role::Warehouse, Role::PartsManager, Role::Supervisor,
                        Role::System};

bool listed(OrderState from, OrderState to, Role role) {
    for (const auto& transition : transition_table())
        if (transition.from == from && transition.to == to)
            for (Role allowed : transition.roles)
                if (allowed == role) return true;
    return false;
}
}  // namespace

TEST_CASE("every move not in the table is refused, for every role, with a reason") {
    int refused = 0;
    for (OrderState from : all_values<OrderState>())
        for (OrderState to : all_values<OrderState>())
            for (Role role : k_roles) {
                auto checked = check_transition(from, to, role);
                if (listed(from, to, role)) {
                    CHECK(checked);
                    continue;
                }
                REQUIRE_FALSE(checked);
                CHECK(checked.error().code == ErrorCode::Conflict);
                CHECK_FALSE(checked.error().message.empty());
                ++refused;
            }
    // 15 states x 15 x 5 roles, minus the allowed (from, to, role) rows.
    CHECK(refused > 1000);
}

TEST_CASE("a refused move says what is possible from here") {
    auto checked = check_transition(OrderState::Received, OrderState::Shipped, Role::Warehouse);
    REQUIRE_FALSE(checked);
    CHECK(checked.error().message ==
          "a repair order in received cannot move to shipped; from received it can move to: "
          "inspected, cancelled");
}

TEST_CASE("a move made by the wrong role names who may make it") {
    auto checked = check_transition(OrderState::Received, OrderState::Inspected, Role::Warehouse);
    REQUIRE_FALSE(checked);
    CHECK(checked.error().message.find("who may: technician, supervisor") != std::string::npos);
}

TEST_CASE("final states have no way out") {
    for (OrderState state : {OrderState::Closed, OrderState::Cancelled, OrderState::Scrapped}) {
        CHECK(is_final(state));
        auto checked = check_transition(state, OrderState::Received, Role::Supervisor);
        REQUIRE_FALSE(checked);
        CHECK(checked.error().message.find("is finished") != std::string::npos);
    }
    CHECK_FALSE(is_final(OrderState::Received));
    // Returned unrepaired still travels back to its customer, with a label.
    CHECK_FALSE(is_final(OrderState::ReturnedUnrepaired));
    CHECK(
        check_transition(OrderState::ReturnedUnrepaired, OrderState::ReadyToShip, Role::Warehouse));
}

TEST_CASE("the happy path of the design's flow is allowed") {
    const std::pair<OrderState, Role> path[] = {
        {OrderState::Inspected, Role::Technician},
        {OrderState::Diagnosed, Role::Technician},
        {OrderState::AwaitingApproval, Role::Technician},
        {OrderState::Approved, Role::System},
        {OrderState::AwaitingParts, Role::Technician},
        {OrderState::InRepair, Role::PartsManager},
        {OrderState::Qa, Role::Technician},
        {OrderState::ReadyToShip, Role::Technician},
        {OrderState::Shipped, Role::Warehouse},
        {OrderState::Closed, Role::Warehouse},
    };
    OrderState at = OrderState::Received;
    for (const auto& [to, role] : path) {
        INFO(name_of(at) << " -> " << name_of(to));
        REQUIRE(check_transition(at, to, role));
        at = to;
    }
}

TEST_CASE("every state has a unique name that parses back, and every table row has an event") {
    std::set<std::string> names;
    for (OrderState state : all_values<OrderState>()) {
        names.insert(name_of(state));
        CHECK(parse_enum<OrderState>(name_of(state)) == state);
    }
    CHECK(names.size() == all_values<OrderState>().size());
    CHECK_FALSE(parse_enum<OrderState>("repairing").has_value());
    for (const auto& transition : transition_table()) {
        CHECK(std::string(transition.event).rfind("repair_order.", 0) == 0);
        CHECK_FALSE(transition.roles.empty());
    }
}
