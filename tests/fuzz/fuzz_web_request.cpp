// Fuzz target: arbitrary bytes as one request to the station's web API, read the way
// station/web/web_server.cpp reads it, without a server or a socket: Poco's HTTP request parser
// (the head: request line, headers, within Poco's limits), the session cookie and Origin header,
// the query string, our route table (match_route) and the JSON body (parse_json_body, the
// server's own function, with its depth limit). The server answers any exception with a 500;
// the properties checked here are that a body it accepts stays within the depth limit and
// prints back to JSON that parses to the same value, and that a matched route is one of the
// table's with the method asked.
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

#include "common/json_nesting.h"
#include "station/web/web_api.h"
#include "tests/fuzz/fuzz_check.h"

using namespace rs::station;

namespace {

void check_body(const std::string& body) {
    auto parsed = parse_json_body(body);
    if (!parsed) {
        FUZZ_FAIL_IF(parsed.error().code != rs::ErrorCode::Invalid);
        return;
    }
    FUZZ_FAIL_IF(rs::json_nesting_depth(body) > rs::k_max_json_depth);
    // The reply helpers dump what routes put in them; a parsed body must survive that.
    auto again = parse_json_body(parsed->dump());
    FUZZ_FAIL_IF(!again || *again != *parsed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    std::istringstream in(bytes);
    Poco::Net::HTTPRequest request;
    try {
        request.read(in);  // what HTTPServerRequestImpl does with the connection's stream
    } catch (const Poco::Exception&) {
        // The server refuses a head it cannot read (400); the body, if any, is never read.
        check_body(bytes);  // the same bytes as a body, so short inputs reach the JSON parser
        return 0;
    }
    Poco::Net::NameValueCollection cookies;
    try {
        request.getCookies(cookies);
    } catch (const Poco::Exception&) {
    }
    (void)request.get("Origin", "");
    try {
        (void)request.getHost();  // the Origin check compares with it; absent: Poco throws (500)
    } catch (const Poco::Exception&) {
    }
    const std::string& target = request.getURI();
    std::string raw_path = target.substr(0, target.find('?'));
    std::map<std::string, std::string> query;
    try {
        for (const auto& [name, value] : Poco::URI(target).getQueryParameters())
            query[name] = value;
    } catch (const Poco::Exception&) {
        // Answered 500 by the server's handler.
    }
    if (raw_path.rfind("/api/", 0) == 0) {
        std::map<std::string, std::string> params;
        bool path_known = false;
        const Route* route = match_route(request.getMethod(), raw_path, params, path_known);
        FUZZ_FAIL_IF(route && (!path_known || request.getMethod() != route->method));
        FUZZ_FAIL_IF(!route && !params.empty());
    }
    std::string body(std::istreambuf_iterator<char>(in), {});
    if (!body.empty()) check_body(body);
    return 0;
}
