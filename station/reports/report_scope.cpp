// Grouping keys of the reports, as SQL, and their labels.
#include "station/reports/report_scope.h"

#include <fmt/format.h>

#include "common/clock.h"

namespace rs::station {
namespace {

constexpr std::int64_t k_week_ms = 7LL * 24 * 3600 * 1000;
constexpr std::int64_t k_first_monday_ms = 4LL * 24 * 3600 * 1000;  // 1970-01-05, a Monday

// The latest route decision of the order: the one in force.
std::string decision_column(const char* column) {
    return fmt::format(
        "coalesce((SELECT d.{} FROM route_decisions d WHERE d.repair_order_id = o.id ORDER BY "
        "d.decided_ms DESC, d.id DESC LIMIT 1), '')",
        column);
}

}  // namespace

std::string group_sql(ReportGroup by, const std::string& when_ms) {
    switch (by) {
        case ReportGroup::All:
            return "'all'";
        case ReportGroup::Model:
            return "r.product_model";
        case ReportGroup::Category:
            return decision_column("category");
        case ReportGroup::Route:
            return decision_column("route");
        case ReportGroup::Technician:
            return "o.owner_id";
        case ReportGroup::Week:
            // Integer division: both SQLite and PostgreSQL truncate, and times are after 1970.
            return fmt::format("(({} - {}) / {})", when_ms, k_first_monday_ms, k_week_ms);
    }
    return "'all'";
}

std::string group_label(ReportGroup by, const std::string& value) {
    if (by != ReportGroup::Week) return value;
    return format_utc_date(k_first_monday_ms + std::stoll(value) * k_week_ms);
}

std::string week_label(std::int64_t when_ms) {
    return format_utc_date(k_first_monday_ms +
                           (when_ms - k_first_monday_ms) / k_week_ms * k_week_ms);
}

}  // namespace rs::station
