// A diagnosed order with its route decided by the example rules, for the web's tests. Its own
// file: the policy's `Route` and the web's `Route` cannot be declared in one translation unit.
#pragma once

#include <string>

#include "tests/support/station_fixture.h"

namespace rs::test {

// An order of a recent RMA of `type` (the fixture's phone), received, inspected and diagnosed
// (no fault found, or a manufacturing defect), its route decided.
std::string diagnosed_order(StationFixture& f, const char* type, bool no_fault_found);

}  // namespace rs::test
