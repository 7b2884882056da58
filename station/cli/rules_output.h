// How commands and the demo print route decisions (with their traces) and quotes.
#pragma once

#include <cstdint>
#include <string>

#include "station/orders/quotes.h"
#include "station/orders/route_decisions.h"

namespace rs::cli {

// "CNY 60.00"
std::string format_money(std::int64_t minor, const std::string& currency);
void print_decision(const station::RouteDecision& decision);
void print_quote(const station::Quote& quote);

}  // namespace rs::cli
