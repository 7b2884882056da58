// `station run --demo`: a station a person can use in the browser at once.
#pragma once

#include <memory>

#include "station/cli/cli_context.h"

namespace rs::cli {

// Makes the demo station (see CliContext::prepare_run_demo) and prints who can sign in with
// which PIN, where the printed labels go and how to scan.
Result<std::shared_ptr<void>> prepare_run_demo(CliContext& context);

}  // namespace rs::cli
