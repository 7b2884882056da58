// Intake: turning parcel and device scans at the receiving bench into repair orders.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "common/scan.h"
#include "labels/codes/code_grammar.h"
#include "station/printing/printer_config.h"
#include "station/printing/repair_order_tag.h"
#include "station/rma/rma.h"
#include "station/store/station_store.h"

namespace rs::station {

enum class IntakeOutcome {
    Received,           // a new repair order was created
    AlreadyReceived,    // this parcel's RMA already has an order: nothing new was made
    Arrival,            // matched no RMA expected here: kept as an arrival for follow-up
    IdentityConfirmed,  // the device's serial/IMEI matches its RMA
    IdentityMismatch,   // the device's serial/IMEI differs from its RMA: flagged
    IdentityRecorded,   // the RMA named no serial/IMEI: recorded as scanned
    OrderSelected,      // a repair order tag was scanned: following scans apply to it
    OperatorChanged,    // a badge was scanned: following scans are this person's
    Rejected,           // not a usable code (damaged, wrong check digit...): scan again
};

constexpr auto enum_names(IntakeOutcome) {
    using enum IntakeOutcome;
    return std::to_array<EnumName<IntakeOutcome>>({
        {Received, "received"},
        {AlreadyReceived, "already_received"},
        {Arrival, "arrival"},
        {IdentityConfirmed, "identity_confirmed"},
        {IdentityMismatch, "identity_mismatch"},
        {IdentityRecorded, "identity_recorded"},
        {OrderSelected, "order_selected"},
        {OperatorChanged, "operator_changed"},
        {Rejected, "rejected"},
    });
}

struct IntakeResult {
    IntakeOutcome outcome = IntakeOutcome::Rejected;
    std::vector<std::string> order_numbers;  // orders made or touched
    std::string message;                     // what the station did and why, for a person
    std::vector<labels::Classification> readings;
};

// One person's run of scans at a bench. A parcel scan selects the order it made or found;
// a following serial/IMEI scan is checked against that order's RMA.
class IntakeSession;
// An intake session of `operator_id` that also queues a repair-order tag with every new order
// when the configuration says so ([printers] intake_tags).
Result<IntakeSession> start_intake(StationStore& store, const StationConfig& config,
                                   const std::string& operator_id);

// Rejected scans and identity mismatches need a person.
bool needs_attention(const IntakeResult& result);

class IntakeSession {
public:
    // Fails if the operator is unknown.
    static Result<IntakeSession> start(StationStore& store, const std::string& operator_id);

    // Also written in a scan's transaction, given its result (a bench agent's scan records its
    // id there, so a second delivery of it is recognised); an error rolls the scan back.
    using AlsoInTransaction = std::function<Status(const IntakeResult&)>;

    // Store failures are errors; anything wrong with the scan itself is a Rejected result.
    // Every scan is logged with its outcome, whatever it was.
    Result<IntakeResult> scan(const Scan& scan, const AlsoInTransaction& also = {});

    // From now on every new order queues its repair-order tag on `printing.printer`, in the
    // same transaction as the order ([printers] intake_tags).
    void print_tags(IntakeTagPrinting printing) { m_tag_printing = std::move(printing); }

    // The operator was proven (badge + PIN, or a token): from now on a badge scan of anyone
    // else is rejected, since a badge alone only claims who acts.
    void keep_operator() { m_operator_kept = true; }

    const std::string& operator_id() const { return m_operator_id; }
    const std::optional<std::string>& current_order() const { return m_current_order; }

private:
    IntakeSession(StationStore& store, std::string operator_id)
        : m_store(&store), m_operator_id(std::move(operator_id)) {}

    // One step per kind of scan, each in the scan's transaction.
    Result<IntakeResult> handle(const Scan& scan, std::vector<labels::Classification> readings);
    // Longer than any barcode: logged (cut to its first bytes) and rejected, never classified.
    Result<IntakeResult> refuse_oversized(const Scan& scan, const AlsoInTransaction& also);
    Result<IntakeResult> change_operator(const Scan& scan, const labels::Classification& badge,
                                         IntakeResult result);
    Result<IntakeResult> select_order(const Scan& scan, const labels::Classification& tag,
                                      IntakeResult result);
    struct RmaMatches {
        std::vector<Rma> rmas;
        std::string matched_by;  // how the first one was found ("inbound tracking number ...")
    };
    // The RMAs a parcel's scan names, by RMA number or inbound tracking number.
    Result<RmaMatches> match_rmas(const Scan& scan,
                                  const std::vector<labels::Classification>& readings);
    Result<IntakeResult> keep_unmatched(const Scan& scan, IntakeResult result);
    Result<IntakeResult> receive(const Scan& scan, const RmaMatches& matches, IntakeResult result);
    Status receive_one(const Scan& scan, const Rma& rma, const std::string& matched_by,
                       IntakeResult& result, std::vector<std::string>& messages);
    // Queues the order's tag in the open transaction; says what happened, for the result.
    Result<std::string> queue_tag(const TaggedOrder& order);
    // Compares a device's serial/IMEI with what the current order's RMA expects.
    Result<IntakeResult> check_identity(const Scan& scan, const labels::Classification& identity,
                                        IntakeResult result);

    StationStore* m_store;
    std::string m_operator_id;
    bool m_operator_kept = false;
    std::optional<std::string> m_current_order;  // order number
    std::optional<IntakeTagPrinting> m_tag_printing;
};

}  // namespace rs::station
