// The vocabulary table: one row per predicate, one per entity type.
#include "core/vocabulary.h"

#include <array>

namespace dyad {
namespace {

constexpr TypeSet kCountry = type_bit(EntityType::Country);
constexpr TypeSet kOrg = type_bit(EntityType::Organization);
constexpr TypeSet kAgreement = type_bit(EntityType::Agreement);
constexpr TypeSet kInitiative = type_bit(EntityType::Initiative);
constexpr TypeSet kPlace = type_bit(EntityType::Place);
constexpr TypeSet kEvent = type_bit(EntityType::Event);
constexpr TypeSet kTopic = type_bit(EntityType::Topic);
constexpr TypeSet kGroup = type_bit(EntityType::Group);
constexpr TypeSet kPerson = type_bit(EntityType::Person);

using P = Predicate;
using Pol = Polarity;
constexpr std::array<PredicateInfo, 14> kPredicates{{
    {P::SharesBorderWith, "sharesBorderWith", true, Pol::Neutral, kCountry, kCountry},
    {P::TradingPartnerOf, "tradingPartnerOf", true, Pol::Cooperation, kCountry, kCountry},
    {P::AlliedWith, "alliedWith", true, Pol::Cooperation, kCountry, kCountry},
    {P::CooperatesWith, "cooperatesWith", true, Pol::Cooperation, kCountry | kOrg, kCountry | kOrg},
    {P::InDisputeWith, "inDisputeWith", true, Pol::Conflict, kCountry, kCountry},
    {P::AtWarWith, "atWarWith", true, Pol::Conflict, kCountry, kCountry},
    {P::PartyTo, "partyTo", false, Pol::Neutral, kCountry | kOrg, kAgreement | kInitiative},
    {P::MemberOf, "memberOf", false, Pol::Neutral, kCountry | kOrg, kOrg},
    {P::ReplacedBy, "replacedBy", false, Pol::Neutral, kAgreement | kInitiative | kOrg,
     kAgreement | kInitiative | kOrg},
    {P::ParticipantIn, "participantIn", false, Pol::Neutral, kCountry | kOrg | kPerson, kEvent},
    {P::Addresses, "addresses", false, Pol::Neutral, kAgreement | kInitiative | kEvent, kTopic},
    {P::OriginatesFrom, "originatesFrom", false, Pol::Neutral, kGroup, kCountry},
    {P::LocatedIn, "locatedIn", false, Pol::Neutral, kGroup | kPlace | kOrg, kCountry | kPlace},
    {P::LeaderOf, "leaderOf", false, Pol::Neutral, kPerson, kCountry | kOrg},
}};

constexpr std::array<EntityTypeInfo, 9> kTypes{{
    {EntityType::Country, "Country"},
    {EntityType::Organization, "Organization"},
    {EntityType::Agreement, "Agreement"},
    {EntityType::Initiative, "Initiative"},
    {EntityType::Place, "Place"},
    {EntityType::Event, "Event"},
    {EntityType::Topic, "Topic"},
    {EntityType::Group, "Group"},
    {EntityType::Person, "Person"},
}};

}  // namespace

std::span<const PredicateInfo> all_predicates() { return kPredicates; }
std::span<const EntityTypeInfo> all_entity_types() { return kTypes; }
const PredicateInfo& info(Predicate p) { return kPredicates[static_cast<std::size_t>(p)]; }
std::string_view to_string(Predicate p) { return info(p).name; }
std::string_view to_string(EntityType t) { return kTypes[static_cast<std::size_t>(t)].name; }

std::string_view to_string(Polarity p) {
    switch (p) {
    case Polarity::Cooperation: return "cooperation";
    case Polarity::Conflict: return "conflict";
    case Polarity::Neutral: return "neutral";
    }
    return "neutral";
}

std::optional<Predicate> parse_predicate(std::string_view name) {
    for (const auto& row : kPredicates)
        if (row.name == name) return row.id;
    return std::nullopt;
}

std::optional<EntityType> parse_entity_type(std::string_view name) {
    for (const auto& row : kTypes)
        if (row.name == name) return row.id;
    return std::nullopt;
}

bool fits(Predicate p, EntityType subject, EntityType object) {
    const auto& row = info(p);
    return (row.domain & type_bit(subject)) && (row.range & type_bit(object));
}

}  // namespace dyad
