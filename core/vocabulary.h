// The names the graph must use (shared/eval/VOCABULARY.md): entity types and predicates, in ONE table.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace dyad {

enum class EntityType : std::uint8_t {
    Country,
    Organization,
    Agreement,
    Initiative,
    Place,
    Event,
    Topic,
    Group,
    Person,
};

enum class Predicate : std::uint8_t {
    SharesBorderWith,
    TradingPartnerOf,
    AlliedWith,
    CooperatesWith,
    InDisputeWith,
    AtWarWith,
    PartyTo,
    MemberOf,
    ReplacedBy,
    ParticipantIn,
    Addresses,
    OriginatesFrom,
    LocatedIn,
    LeaderOf,
};

/// Cooperation and conflict drive edge styles and the dyad assessment.
enum class Polarity : std::uint8_t { Cooperation, Conflict, Neutral };

/// A bit set of entity types, for predicate domains and pattern slots.
using TypeSet = std::uint16_t;
constexpr TypeSet type_bit(EntityType t) { return static_cast<TypeSet>(1u << static_cast<unsigned>(t)); }
constexpr TypeSet kAnyType = 0x1ff;

struct PredicateInfo {
    Predicate id;
    std::string_view name;  // the exported local name, e.g. "sharesBorderWith"
    bool symmetric;
    Polarity polarity;
    TypeSet domain;
    TypeSet range;
};

struct EntityTypeInfo {
    EntityType id;
    std::string_view name;  // "Country"
};

std::span<const PredicateInfo> all_predicates();
std::span<const EntityTypeInfo> all_entity_types();
const PredicateInfo& info(Predicate p);
std::string_view to_string(Predicate p);
std::string_view to_string(EntityType t);
std::string_view to_string(Polarity p);
std::optional<Predicate> parse_predicate(std::string_view name);
std::optional<EntityType> parse_entity_type(std::string_view name);
/// True when (subject type, object type) fits the predicate's domain and range.
bool fits(Predicate p, EntityType subject, EntityType object);

}  // namespace dyad
