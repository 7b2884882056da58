// `station exchange RO-…` and `station returns inspect RO-…`: the two ends of the exchange and
// no-reason return routes, where a unit leaves or enters stock.
#include <fmt/format.h>

#include "station/cli/cli_context.h"
#include "station/returns/exchange.h"
#include "station/returns/resale_inspection.h"

namespace rs::cli {
namespace {

struct ExchangeOptions {
    std::string number, serial, returned_unit = "refurbishment", operator_id, note, batch;
};

void run_exchange(CliContext& context, station::StationStore& store, const std::string& badge,
                  const ExchangeOptions& options) {
    station::ExchangeRequest request{options.number,
                                     options.serial,
                                     *parse_enum<station::ReturnedUnitFate>(options.returned_unit),
                                     badge,
                                     options.note,
                                     options.batch};
    auto exchanged = station::exchange_order(store, request);
    if (!exchanged) return context.report(exchanged.error());
    fmt::print("{} exchanged: replacement {} {} serial {} (cost {:.2f}) out of stock\n",
               exchanged->order_number, exchanged->product, exchanged->replacement_sku,
               exchanged->replacement_serial, static_cast<double>(exchanged->unit_cost) / 100.0);
    fmt::print("  the customer's unit goes to {}{}\n", name_of(exchanged->returned_unit),
               exchanged->supplier_return.empty()
                   ? ""
                   : fmt::format(", in {} as a core return", exchanged->supplier_return));
    fmt::print("  next: pack it (`station orders move {} ready_to_ship`), then `station ship {}`\n",
               exchanged->order_number, exchanged->order_number);
}

struct InspectOptions {
    std::string number, grade, outcome = "restock", bin, operator_id, note;
};

void run_inspect(CliContext& context, station::StationStore& store, const std::string& badge,
                 const InspectOptions& options) {
    station::InspectionRequest request{options.number,
                                       *parse_enum<station::ConditionGrade>(options.grade),
                                       *parse_enum<station::ResaleOutcome>(options.outcome),
                                       options.bin,
                                       badge,
                                       options.note};
    auto inspected = station::inspect_return(store, request);
    if (!inspected) return context.report(inspected.error());
    fmt::print("{} inspected: grade {}, accessories {}, {}\n", inspected->order_number,
               name_of(inspected->grade),
               inspected->missing_accessories.empty()
                   ? std::string("complete")
                   : fmt::format("missing {}", fmt::join(inspected->missing_accessories, ", ")),
               inspected->activated ? "activated" : "not activated");
    if (inspected->outcome == station::ResaleOutcome::Restock)
        fmt::print("  restocked as {} serial {} in {}\n", inspected->sku, inspected->serial,
                   inspected->bin);
    else
        fmt::print("  goes back to the vendor (serial {})\n", inspected->serial);
    fmt::print("  the platform refunds the customer on the next sync\n");
}

}  // namespace

void add_returns_commands(CLI::App& app, CliContext& context) {
    auto exchange_options = std::make_shared<ExchangeOptions>();
    auto* exchange = app.add_subcommand(
        "exchange",
        "Exchange the unit of a repair order on the exchange route: take a replacement of the "
        "same product off the shelf (scan its serial), record what becomes of the customer's "
        "unit, and move the order to exchanged, in one step");
    exchange->add_option("ORDER", exchange_options->number, "The repair order (RO-…)")->required();
    exchange
        ->add_option("--serial", exchange_options->serial,
                     "Serial of the replacement unit, scanned from it")
        ->required();
    exchange
        ->add_option("--returned-unit", exchange_options->returned_unit,
                     "What becomes of the customer's unit: refurbishment (default), "
                     "supplier_return or scrap")
        ->check(CLI::IsMember(all_names<station::ReturnedUnitFate>()));
    exchange->add_option("--supplier-return", exchange_options->batch,
                         "With --returned-unit supplier_return: the open batch (SR-…) the "
                         "customer's unit joins, as a core return under its serial");
    exchange->add_option("--note", exchange_options->note, "Why, for the audit log");
    exchange->add_option("--operator", exchange_options->operator_id,
                         "Badge of who exchanges (or STATION_OPERATOR); technician or supervisor");
    exchange->callback([&context, exchange_options] {
        as_person(context, exchange_options->operator_id,
                  [&](station::StationStore& store, const std::string& badge) {
                      run_exchange(context, store, badge, *exchange_options);
                  });
    });

    auto* returns = app.add_subcommand("returns", "No-reason returns: the resale inspection");
    returns->require_subcommand(1);
    auto inspect_options = std::make_shared<InspectOptions>();
    auto* inspect = returns->add_subcommand(
        "inspect",
        "Inspect a diagnosed no-reason return for resale: its condition grade (the accessories "
        "and activation come from its diagnosis); restock it as a graded returned unit in a bin, "
        "or return it to the vendor. The order moves to restocked and the platform refunds");
    inspect->add_option("ORDER", inspect_options->number, "The repair order (RO-…)")->required();
    inspect
        ->add_option("--grade", inspect_options->grade,
                     "A as new, B light signs of use, C visible wear, D damaged (never restocked)")
        ->required()
        ->check(CLI::IsMember(all_names<station::ConditionGrade>()));
    inspect
        ->add_option("--outcome", inspect_options->outcome, "restock (default) or return_to_vendor")
        ->check(CLI::IsMember(all_names<station::ResaleOutcome>()));
    inspect->add_option("--bin", inspect_options->bin,
                        "The bin a restocked unit is put away in (BIN-…)");
    inspect->add_option("--note", inspect_options->note, "Remarks, for the audit log");
    inspect->add_option("--operator", inspect_options->operator_id,
                        "Badge of who inspects (or STATION_OPERATOR)");
    inspect->callback([&context, inspect_options] {
        as_person(context, inspect_options->operator_id,
                  [&](station::StationStore& store, const std::string& badge) {
                      run_inspect(context, store, badge, *inspect_options);
                  });
    });
}

}  // namespace rs::cli
