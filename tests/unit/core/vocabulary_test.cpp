#include "core/vocabulary.h"

#include <gtest/gtest.h>

namespace dyad {

TEST(Vocabulary, PredicateNamesRoundTrip) {
    for (const auto& row : all_predicates()) {
        const auto parsed = parse_predicate(row.name);
        ASSERT_TRUE(parsed) << row.name;
        EXPECT_EQ(*parsed, row.id);
        EXPECT_EQ(to_string(row.id), row.name);
    }
    EXPECT_EQ(all_predicates().size(), 14u);
    EXPECT_FALSE(parse_predicate("sharesborderwith"));
}

TEST(Vocabulary, EntityTypeNamesRoundTrip) {
    for (const auto& row : all_entity_types()) {
        const auto parsed = parse_entity_type(row.name);
        ASSERT_TRUE(parsed) << row.name;
        EXPECT_EQ(*parsed, row.id);
    }
    EXPECT_FALSE(parse_entity_type("country"));
}

TEST(Vocabulary, DomainAndRangeFollowTheSharedVocabulary) {
    EXPECT_TRUE(fits(Predicate::PartyTo, EntityType::Country, EntityType::Agreement));
    EXPECT_FALSE(fits(Predicate::PartyTo, EntityType::Country, EntityType::Country));
    EXPECT_TRUE(fits(Predicate::Addresses, EntityType::Initiative, EntityType::Topic));
    EXPECT_FALSE(fits(Predicate::Addresses, EntityType::Organization, EntityType::Topic));
    EXPECT_TRUE(fits(Predicate::LeaderOf, EntityType::Person, EntityType::Country));
    EXPECT_TRUE(info(Predicate::SharesBorderWith).symmetric);
    EXPECT_FALSE(info(Predicate::ReplacedBy).symmetric);
    EXPECT_EQ(info(Predicate::InDisputeWith).polarity, Polarity::Conflict);
}

}  // namespace dyad
