// The printing part of `station demo`: labels on an in-process printer emulator, which runs
// out of labels on the way.
#pragma once

#include <functional>
#include <string>

#include "labels/print/label_templates.h"
#include "station/cli/cli_context.h"
#include "station/store/station_store.h"

namespace rs::cli {

// The labels' context of the demo: [labels] of the configuration, the demo center as sender.
Result<labels::TemplateContext> demo_template_context(CliContext& context);

// Prints a tag for each received order and a second tag for the first one; `announce`
// numbers and prints a step. Reports errors through `context` and returns false on one.
// The emulator keeps the labels it prints as files in `label_dir`.
bool demo_printing(CliContext& context, station::StationStore& store, const std::string& label_dir,
                   const std::function<void(const std::string&)>& announce);

}  // namespace rs::cli
