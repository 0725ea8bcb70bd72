// KnowledgeGraph copies and moves: the edge index must follow the copy, not the original.
#include "core/graph.h"

#include <gtest/gtest.h>

#include <utility>

namespace dyad {
namespace {

KnowledgeGraph two_countries() {
    KnowledgeGraph g;
    g.add_or_merge(Entity{"country/peru", EntityType::Country, "Peru", {}, {}});
    g.add_or_merge(Entity{"country/chile", EntityType::Country, "Chile", {}, {}});
    Relation r;
    r.subject = "country/chile";
    r.object = "country/peru";
    r.predicate = Predicate::SharesBorderWith;
    r.confidence = 0.5f;
    r.evidence.push_back(
        {"d1", {0, 30}, {0, 4}, {9, 13}, "Peru and Chile share a border.", "cue:border-share", std::nullopt});
    g.add_or_merge(r);
    return g;
}

Relation more_evidence() {
    auto r = *two_countries().relations_sorted().front();
    r.evidence = {{"d2", {0, 20}, {0, 4}, {9, 13}, "Chile borders Peru.", "cue:border-verb", std::nullopt}};
    return r;
}

}  // namespace

TEST(Graph, ACopyMergesIntoItselfNotIntoTheOriginal) {
    const auto original = two_countries();
    auto copy = original;
    copy.add_or_merge(more_evidence());
    EXPECT_EQ(copy.relations_sorted().front()->evidence.size(), 2u);
    EXPECT_EQ(original.relations_sorted().front()->evidence.size(), 1u);
    EXPECT_FALSE(copy == original);
}

TEST(Graph, AMovedOrAssignedGraphOutlivesItsSource) {
    KnowledgeGraph assigned;
    {
        auto source = two_countries();
        assigned = std::move(source);
    }
    ASSERT_EQ(assigned.relations_sorted().size(), 1u);
    EXPECT_EQ(assigned.relations_sorted().front()->subject, "country/chile");
    assigned.add_or_merge(more_evidence());
    EXPECT_EQ(assigned.relations_sorted().front()->evidence.size(), 2u);
    KnowledgeGraph copied;
    {
        const auto source = two_countries();
        copied = source;
    }
    EXPECT_TRUE(copied == two_countries());
    auto moved = KnowledgeGraph(std::move(copied));
    EXPECT_TRUE(moved == two_countries());
}

}  // namespace dyad
