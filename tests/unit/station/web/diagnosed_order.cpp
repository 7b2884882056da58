// See diagnosed_order.h.
#include "tests/unit/station/web/diagnosed_order.h"

#include "station/orders/route_decisions.h"
#include "tests/support/rules_fixture.h"

namespace rs::test {

std::string diagnosed_order(StationFixture& f, const char* type, bool no_fault_found) {
    station::Policy policy = load_example_rules(*f.store);
    f.import({recent_rma(1, "1Z999AA10123456784", type)});
    std::string order = receive_for_technician(f, "1Z999AA10123456784");
    inspect_and_diagnose(f, policy, order,
                         no_fault_found ? station::FaultCause::NoFaultFound
                                        : station::FaultCause::ManufacturingDefect);
    REQUIRE(station::decide_order(*f.store, policy, order, f.technician));
    return order;
}

}  // namespace rs::test
