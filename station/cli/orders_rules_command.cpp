// `station orders diagnose|decide|quote|accept-quote|override|clear-flag|handover|expire-quotes`:
// the after-sales steps of a repair order (docs/policy.md).
#include <fmt/format.h>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/cli/rules_output.h"
#include "station/orders/diagnosis.h"
#include "station/orders/ownership.h"
#include "station/orders/policy_store.h"
#include "station/orders/quotes.h"
#include "station/orders/route_decisions.h"

namespace rs::cli {
namespace {

struct Options {
    std::string number, operator_id, reason, to, route, notes;
    std::string symptom, symptom_code, condition, section, defect, cause;
    std::vector<std::string> damage, missing, photos, parts, substitutes, labour;
    bool activated = false;
    bool consent_substitutes = false;
};

// The same, with the policy in force loaded: body(store, policy, badge).
template <class Body>
void as_person_under_policy(CliContext& context, const Options& options, Body&& body) {
    as_person(context, options.operator_id,
              [&](station::StationStore& store, const std::string& badge) {
                  auto policy = policy_for(context, store);
                  if (!policy) return;
                  body(store, *policy, badge);
              });
}

}  // namespace

void add_orders_rules_subcommands(CLI::App& orders, CliContext& context) {
    auto options = std::make_shared<Options>();
    auto add_order_and_operator = [&](CLI::App* command) {
        command->add_option("ORDER", options->number, "Repair order number")->required();
        command->add_option("--operator", options->operator_id,
                            "Badge code of who does it (or STATION_OPERATOR)");
    };

    auto* diagnose = orders.add_subcommand(
        "diagnose",
        "Record the diagnosis in the fault catalog's codes and move the order to diagnosed");
    add_order_and_operator(diagnose);
    diagnose->add_option("--symptom", options->symptom, "The customer's symptom, in their words")
        ->required();
    diagnose->add_option("--symptom-code", options->symptom_code, "Symptom code")->required();
    diagnose->add_option("--condition", options->condition, "Condition code (how often)");
    diagnose->add_option("--section", options->section, "Section code (where in the device)");
    diagnose
        ->add_option("--defect", options->defect,
                     "Defect code (a no-fault-found code when --cause no_fault_found)")
        ->required();
    diagnose->add_option("--cause", options->cause, "Why it failed")
        ->required()
        ->check(CLI::IsMember(all_names<station::FaultCause>()));
    diagnose->add_option("--damage", options->damage, "Damage found (repeatable)")
        ->check(CLI::IsMember(all_names<station::Damage>()));
    diagnose->add_option("--missing", options->missing, "A missing accessory (repeatable)");
    diagnose->add_flag("--activated", options->activated, "The device was activated");
    diagnose->add_option("--photo", options->photos, "Id of a photo that shows it (repeatable)");
    diagnose->add_option("--notes", options->notes, "The technician's notes");
    diagnose->callback([&context, options] {
        as_person_under_policy(
            context, *options,
            [&](station::StationStore& store, const station::Policy& policy,
                const std::string& badge) {
                station::Diagnosis diagnosis;
                diagnosis.order_number = options->number;
                diagnosis.operator_id = badge;
                diagnosis.customer_symptom = options->symptom;
                diagnosis.symptom_code = options->symptom_code;
                diagnosis.condition_code = options->condition;
                diagnosis.section_code = options->section;
                diagnosis.defect_code = options->defect;
                diagnosis.cause = *parse_enum<station::FaultCause>(options->cause);
                for (const auto& kind : options->damage)
                    diagnosis.damage.push_back(*parse_enum<station::Damage>(kind));
                diagnosis.missing_accessories = options->missing;
                diagnosis.activated = options->activated;
                diagnosis.photo_ids = options->photos;
                diagnosis.notes = options->notes;
                auto recorded = station::record_diagnosis(store, policy, diagnosis);
                if (!recorded) return context.report(recorded.error());
                fmt::print("{} is now diagnosed: {} {} {} {}, cause {}\n", options->number,
                           options->condition, options->symptom_code, options->section,
                           options->defect, options->cause);
            });
    });

    auto* decide = orders.add_subcommand(
        "decide",
        "Decide the order's route by the policy in force and show the trace; with no operator, "
        "show the decisions made so far");
    add_order_and_operator(decide);
    decide->callback([&context, options] {
        auto store = context.open_store();
        if (!store) return;
        if (!operator_or_environment(options->operator_id).empty() || has_station_token()) {
            auto person = context.acting_person(*store, options->operator_id);
            if (!person) return;
            auto policy = policy_for(context, *store);
            if (!policy) return;
            auto decided = station::decide_order(*store, *policy, options->number, person->id);
            if (!decided) return context.report(decided.error());
            fmt::print("{}:\n", options->number);
            print_decision(*decided);
            return;
        }
        auto order = station::find_order_by_number(*store, options->number);
        if (!order) return context.report(order.error());
        if (!*order)
            return context.report(
                {ErrorCode::NotFound, "no repair order " + options->number, "cli"});
        auto history = station::route_history(*store, (*order)->id);
        if (!history) return context.report(history.error());
        if (history->empty())
            fmt::print("{}: no route decided yet (give --operator to decide)\n", options->number);
        for (const auto& decision : *history)
            print_decision(decision);
    });

    auto* quote = orders.add_subcommand(
        "quote",
        "Quote the repair (parts at catalog price, labour at the repair code's standard time) "
        "and send it to the customer: the order waits for approval");
    add_order_and_operator(quote);
    quote->add_option("--part", options->parts, "An original part's SKU (repeatable)");
    quote->add_option("--substitute", options->substitutes,
                      "A substitute part's SKU (repeatable; the customer consents on the quote)");
    quote->add_option("--labour", options->labour, "A repair code (repeatable)");
    quote->add_option("--notes", options->notes, "Kept with the move");
    quote->callback([&context, options] {
        as_person_under_policy(context, *options,
                               [&](station::StationStore& store, const station::Policy& policy,
                                   const std::string& badge) {
                                   station::QuoteRequest request{
                                       options->number, badge, {}, options->labour, options->notes};
                                   for (const auto& sku : options->parts)
                                       request.parts.push_back({sku, 1, false});
                                   for (const auto& sku : options->substitutes)
                                       request.parts.push_back({sku, 1, true});
                                   auto made = station::make_quote(store, policy, request);
                                   if (!made) return context.report(made.error());
                                   fmt::print("{} is now awaiting_approval:\n", options->number);
                                   print_quote(*made);
                               });
    });

    auto* accept = orders.add_subcommand(
        "accept-quote",
        "A supervisor records that the customer accepted the order's quote (told by phone or in "
        "writing; the platform's answers arrive by `station sync`): the order is approved. A "
        "substitute part on the quote is reserved only when the customer consented to it");
    add_order_and_operator(accept);
    accept->add_flag("--consent-substitutes", options->consent_substitutes,
                     "The customer consented to the quote's substitute (not original) parts");
    accept->add_option("--notes", options->notes, "Kept with the move");
    accept->callback([&context, options] {
        as_person(context, options->operator_id,
                  [&](station::StationStore& store, const std::string& badge) {
                      auto accepted = station::accept_quote(
                          store,
                          {options->number, badge, options->consent_substitutes, options->notes});
                      if (!accepted) return context.report(accepted.error());
                      fmt::print("{} is now approved{}\n", accepted->number,
                                 options->consent_substitutes
                                     ? ": the customer consented to its substitute parts"
                                     : "");
                  });
    });

    auto* override_command = orders.add_subcommand(
        "override",
        "A supervisor replaces the route, with a reason (the original stays in the "
        "trace)");
    add_order_and_operator(override_command);
    override_command->add_option("--route", options->route, "The new route")
        ->required()
        ->check(CLI::IsMember(all_names<station::Route>()));
    override_command->add_option("--reason", options->reason, "Why")->required();
    override_command->callback([&context, options] {
        as_person(context, options->operator_id,
                  [&](station::StationStore& store, const std::string& badge) {
                      auto decided = station::override_route(
                          store, options->number, *parse_enum<station::Route>(options->route),
                          badge, options->reason);
                      if (!decided) return context.report(decided.error());
                      fmt::print("{}:\n", options->number);
                      print_decision(*decided);
                  });
    });

    auto* clear = orders.add_subcommand(
        "clear-flag",
        "A supervisor accepts a device whose identity does not match its RMA, with "
        "a reason: the order may move past inspection");
    add_order_and_operator(clear);
    clear->add_option("--reason", options->reason, "Why")->required();
    clear->callback([&context, options] {
        as_person(context, options->operator_id,
                  [&](station::StationStore& store, const std::string& badge) {
                      auto cleared = station::clear_identity_flag(store, options->number, badge,
                                                                  options->reason);
                      if (!cleared) return context.report(cleared.error());
                      fmt::print("{}: identity mismatch cleared by {}\n", cleared->number, badge);
                  });
    });

    auto* handover = orders.add_subcommand(
        "handover", "The owner (or a supervisor) gives the case to another person, with a reason");
    add_order_and_operator(handover);
    handover->add_option("--to", options->to, "Badge code of the new owner")->required();
    handover->add_option("--reason", options->reason, "Why")->required();
    handover->callback([&context, options] {
        as_person(context, options->operator_id,
                  [&](station::StationStore& store, const std::string& badge) {
                      auto moved = station::hand_over(store, options->number, options->to, badge,
                                                      options->reason);
                      if (!moved) return context.report(moved.error());
                      fmt::print("{} is now owned by {}\n", moved->number, moved->owner_id);
                  });
    });

    auto* expire = orders.add_subcommand(
        "expire-quotes", "Return unrepaired the orders whose quote expired unanswered");
    expire->add_option("--operator", options->operator_id,
                       "Badge code of who does it (a supervisor, or STATION_OPERATOR)");
    expire->callback([&context, options] {
        as_person(context, options->operator_id,
                  [&](station::StationStore& store, const std::string& badge) {
                      auto moved = station::expire_quotes(store, badge);
                      if (!moved) return context.report(moved.error());
                      for (const auto& number : *moved)
                          fmt::print("{}: quote expired, returned unrepaired\n", number);
                      if (moved->empty()) fmt::print("no expired quotes\n");
                  });
    });
}

}  // namespace rs::cli
