// The parts catalog as a CSV file (`station parts import`, docs/inventory.md).
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "common/error.h"
#include "inventory/catalog.h"

namespace rs::inventory {

// The first line of every file; lists inside a field are separated by |.
inline constexpr const char* k_parts_csv_header =
    "sku,mpn,gtins,description_zh,description_en,tracking,unit,standard_cost,reorder_point,"
    "reorder_qty,models,substitutes";

struct CsvPart {
    int line = 0;  // in the file, for messages
    Part part;
};

// Every part of the file, or an error naming the file and line to fix; nothing half-read.
Result<std::vector<CsvPart>> read_parts_csv(std::istream& in, const std::string& file_name);

}  // namespace rs::inventory
