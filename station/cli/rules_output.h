// How commands and the demo print route decisions (with their traces), quotes and costs.
#pragma once

#include <cstdint>
#include <string>

#include "station/orders/order_cost.h"
#include "station/orders/quotes.h"
#include "station/orders/route_decisions.h"

namespace rs::cli {

// "CNY 60.00"
std::string format_money(std::int64_t minor, const std::string& currency);
void print_decision(const station::RouteDecision& decision);
void print_quote(const station::Quote& quote);
// The order's cost: parts, labour (each repair code) and total.
void print_cost(const station::OrderCost& cost);

}  // namespace rs::cli
