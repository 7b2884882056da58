// Reading the [qa] table of a policy file (policy.cpp calls it); apart from qa_checklist.h so
// that only the policy's readers include toml++.
#pragma once

#include <toml++/toml.h>

#include <map>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/policy/qa_checklist.h"

namespace rs::station {

// One [qa.CATEGORY] per category the file defines (`categories`), each with a title and its
// [[qa.CATEGORY.steps]]. Refused with the line and key, like the rest of the file: unknown keys,
// a category the file does not define, a step without text or expected result, an unknown kind,
// limits on a step that measures nothing, a measured step without limits or unit, low above
// high, more than 100 steps. `source` names the file in messages.
Result<std::map<std::string, QaChecklist>> parse_qa_checklists(
    const toml::table& qa, const std::vector<std::string>& categories, const std::string& source);

}  // namespace rs::station
