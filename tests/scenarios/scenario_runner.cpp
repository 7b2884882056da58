// Runs one scenario of tests/scenarios/ (README.md there): its `$` commands on a fresh store with
// its station.toml, each command's output checked against the lines written under it.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string_view>

#include "tests/support/station_cli.h"

namespace {

std::string g_folder;  // --scenario

// One `$ ARGS` line of expected.txt and what is written under it.
struct Step {
    int line = 0;  // of the command, for messages
    std::string command;
    std::vector<std::string> args;
    int exit_code = 0;
    std::vector<std::pair<int, std::string>> expected;  // line number, text
};

// Splits at spaces; "double quotes" keep the spaces of one argument.
std::vector<std::string> split_args(std::string_view text) {
    std::vector<std::string> args;
    std::string current;
    bool quoted = false, pending = false;
    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;
            pending = true;
        } else if (c == ' ' && !quoted) {
            if (pending) args.push_back(std::move(current));
            current.clear();
            pending = false;
        } else {
            current += c;
            pending = true;
        }
    }
    if (pending) args.push_back(std::move(current));
    return args;
}

// Runs of white space become one space, none at the ends: columns may be aligned any way.
std::string fold_spaces(std::string_view text) {
    std::string folded;
    for (char c : text) {
        bool space = c == ' ' || c == '\t' || c == '\r';
        if (!space)
            folded += c;
        else if (!folded.empty() && folded.back() != ' ')
            folded += ' ';
    }
    if (!folded.empty() && folded.back() == ' ') folded.pop_back();
    return folded;
}

// Whether the whole of `line` matches `pattern`, where * stands for any text (dates, times).
bool matches(std::string_view pattern, std::string_view line) {
    std::size_t star = pattern.find('*');
    if (star == std::string_view::npos) return pattern == line;
    if (line.substr(0, star) != pattern.substr(0, star)) return false;
    for (std::size_t from = star; from <= line.size(); ++from)
        if (matches(pattern.substr(star + 1), line.substr(from))) return true;
    return false;
}

std::vector<Step> read_steps(const std::string& path) {
    std::istringstream text(rs::test::read_text(path));
    std::vector<Step> steps;
    std::string line;
    for (int number = 1; std::getline(text, line); ++number) {
        std::string folded = fold_spaces(line);
        if (folded.empty() || folded.starts_with('#')) continue;
        if (folded.starts_with("$ ")) {
            steps.push_back({number, folded.substr(2), split_args(folded.substr(2)), 0, {}});
            continue;
        }
        INFO(path << ":" << number << ": " << line);
        REQUIRE_FALSE(steps.empty());  // an expected line before any command
        if (folded.starts_with("exit "))
            steps.back().exit_code = std::stoi(folded.substr(5));
        else
            steps.back().expected.emplace_back(number, folded);
    }
    return steps;
}

// The output lines, stdout first, folded like the expected ones.
std::vector<std::string> output_lines(const rs::test::ProcessResult& result) {
    std::vector<std::string> lines;
    bool open_line = !result.out.empty() && result.out.back() != '\n';
    std::istringstream text(result.out + (open_line ? "\n" : "") + result.err);
    std::string line;
    while (std::getline(text, line))
        lines.push_back(fold_spaces(line));
    return lines;
}

}  // namespace

TEST_CASE("a scenario's commands print its expected lines, in order") {
    REQUIRE_FALSE(g_folder.empty());
    // Its commands name their files relative to the scenario.
    REQUIRE(::chdir(g_folder.c_str()) == 0);
    auto steps = read_steps("expected.txt");
    REQUIRE_FALSE(steps.empty());
    rs::test::StationCli station;
    station.write_config(rs::test::read_text("station.toml"));
    for (const auto& step : steps) {
        // `$ ARGS < FILE`: FILE (of the scenario) is the command's standard input.
        std::vector<std::string> args = step.args;
        std::string input;
        if (args.size() >= 2 && args[args.size() - 2] == "<") {
            input = rs::test::read_text(args.back());
            args.resize(args.size() - 2);
        }
        auto result = station.run(args, input);
        INFO(g_folder << "/expected.txt:" << step.line << ": $ " << step.command << "\nexit "
                      << result.exit_code << ", printed:\n"
                      << result.out << result.err);
        CHECK(result.exit_code == step.exit_code);
        auto lines = output_lines(result);
        auto next = lines.begin();
        for (const auto& [number, pattern] : step.expected) {
            auto found = std::find_if(
                next, lines.end(), [&](const std::string& line) { return matches(pattern, line); });
            INFO("line " << number
                         << " not printed (after the lines matched before it): " << pattern);
            REQUIRE(found != lines.end());
            next = found + 1;
        }
    }
}

int main(int argc, char* argv[]) {
    Catch::Session session;
    session.cli(session.cli() | Catch::clara::Opt(g_folder, "folder")["--scenario"](
                                    "the scenario's folder (tests/scenarios/NAME)"));
    if (int status = session.applyCommandLine(argc, argv)) return status;
    if (!g_folder.empty()) g_folder = std::filesystem::absolute(g_folder).string();
    return session.run();
}
