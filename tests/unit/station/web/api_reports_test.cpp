// The Reports screen's routes on a real store with a diagnosed case: the catalog as the CLI
// reads it, a report as JSON and as a CSV download equal to what the report itself gives, and
// each bad parameter refused with its name.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "common/clock.h"

#include "station/orders/policy_store.h"
#include "station/reports/report_catalog.h"
#include "tests/unit/station/web/diagnosed_order.h"
#include "tests/unit/station/web/web_fixture.h"

using namespace rs;
using namespace rs::station;
using test::WebFixture;

namespace {

std::string header_of(const ApiReply& reply, const std::string& name) {
    for (const auto& [key, value] : reply.headers)
        if (key == name) return value;
    return "";
}

// What the report itself gives for `scope`, with the policy in force as the CLI takes it.
ReportTable run_report(WebFixture& f, const char* name, ReportScope scope) {
    auto policy = policy_in_force(*f.store);
    REQUIRE(policy);
    if (*policy) scope.policy = &**policy;
    auto table = find_report(name)->run(*f.store, scope);
    REQUIRE(table);
    return *table;
}

}  // namespace

TEST_CASE("the Reports screen lists the catalog and shows a report as JSON and CSV", "[web]") {
    WebFixture f;
    test::diagnosed_order(f, "repair", false);

    auto listed = f.call("GET", "/api/v1/reports", f.warehouse);
    REQUIRE(listed.status == 200);
    auto reports = WebFixture::json_of(listed)["reports"];
    REQUIRE(reports.size() == report_catalog().size());
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const auto& kind = report_catalog()[i];
        CHECK(reports[i]["name"] == kind.name);
        CHECK(reports[i]["title"] == kind.title);
        CHECK(reports[i]["summary"] == kind.summary);
        CHECK(reports[i]["grouped"] == kind.grouped);
        CHECK(reports[i]["repeat_window"] == kind.repeat_window);
    }
    CHECK(WebFixture::json_of(listed)["groups"] == all_names<ReportGroup>());

    // The whole of time: the diagnosed case is the Pareto's one row.
    auto pareto = f.call("GET", "/api/v1/reports/pareto", f.technician);
    REQUIRE(pareto.status == 200);
    auto body = WebFixture::json_of(pareto);
    CHECK(body == to_json(run_report(f, "pareto", {})));
    REQUIRE(body["rows"].size() == 1);
    CHECK(body["rows"][0]["cases"] == "1");
    CHECK(body["rows"][0]["cumulative_share"] == "1.0000");

    // A period and a grouping reach the report as the CLI gives them.
    std::int64_t now = f.clock.now_ms();
    std::string today = format_utc_date(now);
    std::string tomorrow = format_utc_date(now + 24LL * 3600 * 1000);
    auto weekly =
        f.call("GET", "/api/v1/reports/pareto?from=" + today + "&to=" + tomorrow + "&by=week",
               f.supervisor);
    REQUIRE(weekly.status == 200);
    ReportScope scope{parse_utc(today), parse_utc(tomorrow), ReportGroup::Week};
    CHECK(WebFixture::json_of(weekly) == to_json(run_report(f, "pareto", scope)));
    CHECK(WebFixture::json_of(weekly)["columns"][0] == "week");
    auto later = f.call("GET", "/api/v1/reports/pareto?from=" + tomorrow, f.supervisor);
    REQUIRE(later.status == 200);
    CHECK(WebFixture::json_of(later)["rows"].empty());

    // The CSV a person downloads: the report's CSV, named for the report and its grouping.
    auto csv = f.call("GET", "/api/v1/reports/pareto?by=model&format=csv", f.warehouse);
    REQUIRE(csv.status == 200);
    CHECK(csv.content_type == "text/csv; charset=utf-8");
    CHECK(header_of(csv, "Content-Disposition") == "attachment; filename=\"pareto-model.csv\"");
    CHECK(csv.body == to_csv(run_report(f, "pareto", {0, INT64_MAX, ReportGroup::Model})));
    CHECK(csv.body.rfind("model,finding,cases,share,cumulative_share\r\n", 0) == 0);
    auto fpy = f.call("GET", "/api/v1/reports/fpy?format=csv", f.warehouse);
    CHECK(header_of(fpy, "Content-Disposition") == "attachment; filename=\"fpy-all.csv\"");
}

TEST_CASE("the Reports routes refuse bad parameters by name and unknown reports", "[web]") {
    WebFixture f;
    auto refused = [&](const std::string& path, int status, const std::string& words) {
        auto reply = f.call("GET", path, f.technician);
        INFO(path << ": " << reply.body);
        CHECK(reply.status == status);
        CHECK_THAT(WebFixture::message_of(reply), Catch::Contains(words));
    };
    refused("/api/v1/reports/nosuch", 404, "no report called nosuch: the reports are fpy, ");
    refused("/api/v1/reports/nosuch", 404, "pareto");
    refused("/api/v1/reports/pareto?from=2026-13-01", 400, "from: 2026-13-01 is not a date");
    refused("/api/v1/reports/pareto?to=yesterday", 400, "to: yesterday is not a date");
    refused("/api/v1/reports/pareto?from=2026-02-01&to=2026-02-01", 400,
            "from: 2026-02-01 is not before to 2026-02-01");
    refused("/api/v1/reports/pareto?from=2026-03-01&to=2026-02-01", 400, "the period is empty");
    refused("/api/v1/reports/fpy?by=colour", 400,
            "by: colour is not a grouping: give one of all, model, category, route, technician");
    refused("/api/v1/reports/fpy?repeat_days=0", 400, "repeat_days: 0 is not a number of days");
    refused("/api/v1/reports/fpy?repeat_days=3651", 400, "repeat_days: 3651");
    refused("/api/v1/reports/fpy?repeat_days=9x", 400, "repeat_days: 9x");
    refused("/api/v1/reports/fpy?repeat_days=30", 400,
            "repeat_days: the report fpy does not count");
    refused("/api/v1/reports/fpy?format=xlsx", 400, "format: xlsx is not a format");
    refused("/api/v1/reports/fpy?form=2026-01-01", 400, "form: no such parameter");
    // A report that takes a repeat window accepts one in range, when the catalog has one.
    for (const auto& kind : report_catalog())
        if (kind.repeat_window)
            CHECK(f.call("GET", fmt::format("/api/v1/reports/{}?repeat_days=3650", kind.name),
                         f.technician)
                      .status == 200);
}
