#include "core/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <random>

#include "core/error.h"
#include "core/pipeline.h"
#include "tests/support/test_support.h"

namespace dyad {
namespace {

// A random but valid graph: entities of every type, relations that fit the vocabulary.
KnowledgeGraph random_graph(unsigned seed) {
    std::mt19937 rng(seed);
    KnowledgeGraph g;
    std::vector<Entity> entities;
    const auto types = all_entity_types();
    for (int i = 0; i < 20; ++i) {
        Entity e;
        e.type = types[rng() % types.size()].id;
        e.name = "Name \"" + std::to_string(i) + "\" <&> \\ ü 日本";
        e.key = "k/" + std::to_string(seed) + "-" + std::to_string(i);
        if (rng() % 2) e.alt_names = {"alt " + std::to_string(i), "z" + std::to_string(i)};
        if (rng() % 3 == 0) e.same_as = {"http://www.wikidata.org/entity/Q" + std::to_string(i + 1)};
        g.add_or_merge(e);
        entities.push_back(e);
    }
    for (int i = 0; i < 60; ++i) {
        const auto& s = entities[rng() % entities.size()];
        const auto& o = entities[rng() % entities.size()];
        const auto& p = all_predicates()[rng() % all_predicates().size()];
        if (!fits(p.id, s.type, o.type) || s.key == o.key) continue;
        Relation r;
        r.subject = s.key;
        r.object = o.key;
        r.predicate = p.id;
        if (p.symmetric && r.object < r.subject) std::swap(r.subject, r.object);
        r.negated = rng() % 5 == 0;
        r.confidence = static_cast<float>(rng() % 100) / 100.0f + 0.01f;
        if (rng() % 2) r.qualifiers.topics = {entities[rng() % entities.size()].key};
        if (rng() % 3 == 0) r.qualifiers.quantity = Quantity{1234.5, "mile", "nearly", "nearly 1,234.5 miles"};
        if (rng() % 3 == 0) r.qualifiers.time = "historical";
        if (rng() % 4 == 0) r.qualifiers.modality = "may";
        r.evidence.push_back({"doc" + std::to_string(rng() % 3), {10, 90}, {12, 20}, {30, 40},
                              "A quoted sentence with \"quotes\" and 'apostrophes'.", "cue:test"});
        g.add_or_merge(r);
    }
    return g;
}

}  // namespace

TEST(Store, GraphRoundTripsThroughSqliteLosslessly) {
    for (unsigned seed = 1; seed <= 8; ++seed) {
        tests::TempDir dir;
        const auto graph = random_graph(seed);
        {
            auto store = Store::open(dir / "g.db", Store::Mode::ReadWrite);
            store.save_graph(graph);
        }
        const auto loaded = Store::open(dir / "g.db", Store::Mode::ReadOnly).load_graph();
        EXPECT_EQ(loaded.entity_count(), graph.entity_count()) << "seed " << seed;
        EXPECT_EQ(loaded.relation_count(), graph.relation_count()) << "seed " << seed;
        EXPECT_TRUE(loaded == graph) << "seed " << seed;
    }
}

TEST(Store, IngestingTheSameDocumentTwiceChangesNothing) {
    tests::TempDir dir;
    ExtractionResult r;
    r.document = {content_id("text"), "a.txt", "text", ""};
    r.entities = {{"country/peru", EntityType::Country, "Peru", {}, {}},
                  {"country/chile", EntityType::Country, "Chile", {}, {}}};
    Relation rel;
    rel.subject = "country/chile";
    rel.object = "country/peru";
    rel.predicate = Predicate::SharesBorderWith;
    rel.confidence = 0.9f;
    rel.evidence.push_back({r.document.id, {0, 4}, {0, 1}, {2, 3}, "text", "cue:x"});
    r.relations = {rel};
    auto store = Store::open(dir / "g.db", Store::Mode::ReadWrite);
    EXPECT_TRUE(store.ingest(r));
    EXPECT_FALSE(store.ingest(r));
    const auto stats = store.stats();
    EXPECT_EQ(stats.documents, 1u);
    EXPECT_EQ(stats.relations, 1u);
    EXPECT_EQ(stats.evidence, 1u);
}

TEST(Store, SameEntityFromTwoDocumentsIsOneNode) {
    tests::TempDir dir;
    auto store = Store::open(dir / "g.db", Store::Mode::ReadWrite);
    for (const std::string text : {"one", "two"}) {
        ExtractionResult r;
        r.document = {content_id(text), text + ".txt", text, ""};
        r.entities = {{"country/peru", EntityType::Country, "Peru", {text == "one" ? "Perú" : "Republic of Peru"}, {}}};
        ASSERT_TRUE(store.ingest(r));
    }
    const auto g = store.load_graph();
    ASSERT_EQ(g.entity_count(), 1u);
    EXPECT_EQ(g.find("country/peru")->alt_names.size(), 2u);
}

TEST(Store, NewerSchemaIsRefusedWithAClearMessage) {
    tests::TempDir dir;
    { Store::open(dir / "g.db", Store::Mode::ReadWrite); }
    {
        SQLite::Database db((dir / "g.db").string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA user_version = 99");
    }
    try {
        Store::open(dir / "g.db", Store::Mode::ReadOnly);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("schema version 99 is newer"), std::string::npos) << e.what();
    }
}

TEST(Store, AFileThatIsNotADatabaseIsRefused) {
    tests::TempDir dir;
    tests::write_file(dir / "notes.db", std::string(4096, 'x'));
    try {
        Store::open(dir / "notes.db", Store::Mode::ReadWrite);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Storage);
        EXPECT_NE(std::string(e.what()).find("notes.db"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not a dyad database"), std::string::npos) << e.what();
    }
}

TEST(Store, MissingDatabaseForReadingSaysHowToCreateIt) {
    tests::TempDir dir;
    try {
        Store::open(dir / "none.db", Store::Mode::ReadOnly);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("dyad extract"), std::string::npos) << e.what();
    }
}

}  // namespace dyad
