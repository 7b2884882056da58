// The table of the station's commands: which function adds which top-level commands. The
// program builds only the group of the command it runs: the whole tree, hundreds of options,
// costs a fifth of a short command's start (callgrind: 13 of 60 million instructions for
// `station firmware flash`), paid again by every scan a script hands to the CLI.
#pragma once

#include <CLI/CLI.hpp>

#include "station/cli/cli_context.h"

namespace rs::cli {

// The first word of the command line that is neither a global option (--db, --config,
// -v/--verbose) nor a global option's value: the command a person asked for; empty when none.
std::string command_word(int argc, const char* const* argv);

// Adds the group that holds `word`, or every group when `word` is empty or in no group (the
// top-level help and a mistyped command then read as they always did).
void add_commands(CLI::App& app, CliContext& context, const std::string& word);

}  // namespace rs::cli
