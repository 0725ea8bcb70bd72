// KnowledgeGraph value semantics: a copy (or a move, which Boost makes a copy) is a graph of its own.
#include "core/graph.h"

#include <gtest/gtest.h>

#include <memory>

namespace dyad {
namespace {

KnowledgeGraph two_countries() {
    KnowledgeGraph g;
    g.add_or_merge(Entity{"country/chile", EntityType::Country, "Chile", {}, {}});
    g.add_or_merge(Entity{"country/peru", EntityType::Country, "Peru", {}, {}});
    Relation r;
    r.subject = "country/chile";
    r.object = "country/peru";
    r.predicate = Predicate::SharesBorderWith;
    r.evidence.push_back({"d1", {0, 30}, {0, 5}, {10, 14}, "Chile and Peru share a border.", "cue:border-share"});
    g.add_or_merge(r);
    return g;
}

}  // namespace

TEST(KnowledgeGraph, CopiesAndMovesOutliveTheOriginal) {
    auto original = std::make_unique<KnowledgeGraph>(two_countries());
    KnowledgeGraph copy(*original);
    KnowledgeGraph moved(std::move(*original));
    KnowledgeGraph assigned;
    assigned = moved;
    original.reset();
    for (const auto* g : {&copy, &moved, &assigned}) {
        ASSERT_EQ(g->relation_count(), 1u);
        const auto relations = g->relations_sorted();
        ASSERT_EQ(relations.size(), 1u);
        EXPECT_EQ(relations[0]->subject, "country/chile");
        EXPECT_EQ(relations[0]->evidence.at(0).quote, "Chile and Peru share a border.");
    }
    // Merging into a copy changes the copy only, through its own index.
    Relation again = *copy.relations_sorted()[0];
    again.evidence[0].doc_id = "d2";
    copy.add_or_merge(again);
    EXPECT_EQ(copy.relation_count(), 1u);
    EXPECT_EQ(copy.relations_sorted()[0]->evidence.size(), 2u);
    EXPECT_EQ(moved.relations_sorted()[0]->evidence.size(), 1u);
}

}  // namespace dyad
