// Tests of the [platform] section: defaults, required token, refused plain http, clear errors.
#include <catch2/catch.hpp>

#include <fstream>

#include "station/sync/sync_config.h"
#include "tests/support/temp_dir.h"

using namespace rs;
using namespace rs::station;

namespace {
Result<SyncConfig> sync_from(const std::string& toml) {
    auto config = parse_config(toml, "test.toml");
    REQUIRE(config);
    return parse_sync_config(*config, "station.db");
}
}  // namespace

TEST_CASE("without a [platform] url the sync is off, not an error") {
    auto sync = sync_from("[station]\nid = \"bench-3\"\n");
    REQUIRE(sync);
    CHECK_FALSE(sync->enabled());
    CHECK(sync->station_id == "bench-3");
}

TEST_CASE("a full [platform] section is read with its units") {
    auto sync = sync_from(
        "[platform]\nurl = \"https://platform.example.com/\"\ntoken = \"abc\"\n"
        "ca_file = \"/etc/ca.pem\"\ntimeout_ms = 2000\nbatch_size = 100\nbatch_age_ms = 50\n"
        "pull_interval_ms = 1000\npage_size = 20\nretry_initial_ms = 100\nretry_max_ms = 900\n");
    REQUIRE(sync);
    CHECK(sync->enabled());
    CHECK(sync->url == "https://platform.example.com");  // trailing slash dropped
    CHECK(sync->token == "abc");
    CHECK(sync->ca_file == "/etc/ca.pem");
    CHECK(sync->timeout == std::chrono::milliseconds(2000));
    CHECK(sync->batch_size == 100);
    CHECK(sync->batch_age == std::chrono::milliseconds(50));
    CHECK(sync->pull_interval == std::chrono::milliseconds(1000));
    CHECK(sync->page_size == 20);
    CHECK(sync->retry_initial == std::chrono::milliseconds(100));
    CHECK(sync->retry_max == std::chrono::milliseconds(900));
}

TEST_CASE("the token can come from a file, trimmed") {
    test::TempDir dir;
    std::ofstream(dir.file("token")) << "  s3cret\n";
    auto sync = sync_from("[platform]\nurl = \"https://p.example\"\ntoken_file = \"" +
                          dir.file("token") + "\"\n");
    REQUIRE(sync);
    CHECK(sync->token == "s3cret");
}

TEST_CASE("[platform] mistakes say what to fix") {
    struct Case {
        const char* toml;
        const char* says;
    };
    const Case cases[] = {
        {"[platform]\nurl = \"https://p.example\"\n", "bearer token"},
        {"[platform]\nurl = \"http://platform.example.com\"\ntoken = \"t\"\n", "https://"},
        {"[platform]\nurl = \"https://p.example\"\ntoken = \"t\"\ntoken_file = \"f\"\n",
         "not both"},
        {"[platform]\nurl = \"https://p.example\"\ntoken_file = \"/nonexistent/tok\"\n",
         "cannot be read"},
        {"[platform]\nurl = \"https://p.example\"\ntoken = \"t\"\nbatch_size = 5000\n",
         "batch_size must be between 1 and 1000"},
        {"[platform]\nurl = \"https://p.example\"\ntoken = \"t\"\ntimeout_ms = \"10\"\n",
         "timeout_ms must be a whole number"},
        {"[platform]\nurl = \"https://p.example\"\ntoken = \"t\"\nretry_initial_ms = 500\n"
         "retry_max_ms = 100\n",
         "retry_max_ms must not be smaller"},
        {"[platform]\nurl = \"https://p.example\"\ntoken = \"t\"\nbatchsize = 5\n",
         "has no key batchsize"},
    };
    for (const auto& c : cases) {
        INFO(c.toml);
        auto sync = sync_from(c.toml);
        REQUIRE_FALSE(sync);
        CHECK(sync.error().code == ErrorCode::Invalid);
        CHECK_THAT(sync.error().message, Catch::Contains(c.says));
    }
}

TEST_CASE("plain http is allowed to loopback addresses only") {
    CHECK(sync_from("[platform]\nurl = \"http://127.0.0.1:8080\"\ntoken = \"t\"\n"));
    CHECK(sync_from("[platform]\nurl = \"http://localhost:8080\"\ntoken = \"t\"\n"));
    CHECK_FALSE(sync_from("[platform]\nurl = \"http://10.0.0.5:8080\"\ntoken = \"t\"\n"));
    CHECK_FALSE(sync_from("[platform]\nurl = \"http://localhost.evil.example\"\ntoken = \"t\"\n"));
    CHECK(sync_from("[platform]\nurl = \"http://[::1]:8080\"\ntoken = \"t\"\n"));
}

// Found by probing: the rule was a prefix test, so these sent the token in clear elsewhere.
TEST_CASE("plain http: the URL is parsed and its resolved host checked, not its prefix") {
    for (std::string url :
         {"http://localhost:1@10.0.0.5:8080", "http://localhost:1@127.0.0.2:80",
          "http://127.0.0.1.evil.example:8080", "http://localhost:@example.com"}) {
        INFO(url);
        auto sync = sync_from("[platform]\nurl = \"" + url + "\"\ntoken = \"t\"\n");
        REQUIRE_FALSE(sync);
        CHECK_THAT(sync.error().message, Catch::Contains("https://"));
    }
}

TEST_CASE("the request deadline defaults to at least the per-read timeout and is checked") {
    auto longer = sync_from(
        "[platform]\nurl = \"https://p.example\"\ntoken = \"t\"\n"
        "timeout_ms = 120000\n");
    REQUIRE(longer);
    CHECK(longer->request_deadline == std::chrono::milliseconds(120000));
    auto shorter = sync_from(
        "[platform]\nurl = \"https://p.example\"\ntoken = \"t\"\n"
        "timeout_ms = 5000\nrequest_deadline_ms = 1000\n");
    REQUIRE_FALSE(shorter);
    CHECK_THAT(shorter.error().message, Catch::Contains("request_deadline_ms"));
}
