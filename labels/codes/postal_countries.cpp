// ISO 3166-1 alpha-2 country codes and the postal operators that issue UPU S10 numbers.
#include "labels/codes/postal_countries.h"

#include <array>

namespace rs::labels {

namespace {

// Source: ISO 3166-1, officially assigned alpha-2 codes (249 codes, as published by the ISO
// 3166 Maintenance Agency). UPU S10 section on the country code requires one of these.
constexpr std::string_view kIso3166Alpha2 =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ "
    "BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
    "DE DJ DK DM DO DZ "
    "EC EE EG EH ER ES ET "
    "FI FJ FK FM FO FR "
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
    "HK HM HN HR HT HU "
    "ID IE IL IM IN IO IQ IR IS IT "
    "JE JM JO JP "
    "KE KG KH KI KM KN KP KR KW KY KZ "
    "LA LB LC LI LK LR LS LT LU LV LY "
    "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ "
    "NA NC NE NF NG NI NL NO NP NR NU NZ "
    "OM "
    "PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA "
    "RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ "
    "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ "
    "UA UG UM US UY UZ "
    "VA VC VE VG VI VN VU "
    "WF WS "
    "YE YT "
    "ZA ZM ZW";

struct OperatorRow {
    std::string_view country;
    std::string_view name;
};

// Source: UPU list of designated operators (the operator that manages S10 numbers of each
// member country); only the ones parcels at our benches commonly come from.
constexpr std::array kOperators = {
    OperatorRow{"CN", "China Post"},    OperatorRow{"HK", "Hongkong Post"},
    OperatorRow{"TW", "Chunghwa Post"}, OperatorRow{"US", "USPS"},
    OperatorRow{"GB", "Royal Mail"},    OperatorRow{"DE", "Deutsche Post"},
    OperatorRow{"JP", "Japan Post"},    OperatorRow{"FR", "La Poste"},
    OperatorRow{"KR", "Korea Post"},    OperatorRow{"SG", "Singapore Post"},
    OperatorRow{"CA", "Canada Post"},   OperatorRow{"AU", "Australia Post"},
    OperatorRow{"NL", "PostNL"},        OperatorRow{"IT", "Poste Italiane"},
    OperatorRow{"ES", "Correos"},       OperatorRow{"CH", "Swiss Post"},
    OperatorRow{"RU", "Russian Post"},  OperatorRow{"SE", "PostNord Sverige"},
    OperatorRow{"BE", "bpost"},         OperatorRow{"IN", "India Post"},
    OperatorRow{"BR", "Correios"},      OperatorRow{"NZ", "NZ Post"},
    OperatorRow{"MY", "Pos Malaysia"},  OperatorRow{"TH", "Thailand Post"},
};

struct ServiceRow {
    char first;
    std::string_view name;
};

// Source: UPU S10 standard, table of service indicator ranges (first letter).
constexpr std::array kServices = {
    ServiceRow{'A', "letter post, recorded delivery"},
    ServiceRow{'C', "parcel post"},
    ServiceRow{'E', "EMS"},
    ServiceRow{'H', "e-commerce parcel"},
    ServiceRow{'L', "letter post, express"},
    ServiceRow{'M', "letter post, M bag"},
    ServiceRow{'R', "letter post, registered"},
    ServiceRow{'U', "letter post, customs declared"},
    ServiceRow{'V', "letter post, insured"},
};

}  // namespace

bool is_iso3166_alpha2(std::string_view code) {
    if (code.size() != 2) return false;
    for (std::size_t i = 0; i + 2 <= kIso3166Alpha2.size(); i += 3) {
        if (kIso3166Alpha2.substr(i, 2) == code) return true;
    }
    return false;
}

std::string_view postal_operator(std::string_view country) {
    for (const auto& row : kOperators) {
        if (row.country == country) return row.name;
    }
    return {};
}

std::string_view s10_service_name(std::string_view indicator) {
    if (indicator.empty()) return {};
    for (const auto& row : kServices) {
        if (row.first == indicator[0]) return row.name;
    }
    return "domestic or bilateral use";
}

}  // namespace rs::labels
