#include "core/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <random>

#include "core/error.h"
#include "core/pipeline.h"
#include "core/store_schema.h"
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
        const auto doc = "doc" + std::to_string(rng() % 3);
        // Code points known for doc0 and doc1, unknown (evidence from a schema-1 file) for doc2.
        const auto chars = doc == "doc2" ? std::nullopt : std::optional<Span>(Span{9, 80});
        r.evidence.push_back({doc,
                              {10, 90},
                              {12, 20},
                              {30, 40},
                              "A quoted sentence with \"quotes\" and 'apostrophes'.",
                              "cue:test",
                              chars});
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

TEST(Store, SavingAGraphAgainAddsNoEvidenceTwice) {
    tests::TempDir dir;
    const auto graph = random_graph(3);
    std::size_t evidence = 0;
    for (const auto* r : graph.relations_sorted()) evidence += r->evidence.size();
    ASSERT_GT(evidence, 0u);
    auto count = [&] {
        SQLite::Database db((dir / "g.db").string(), SQLite::OPEN_READONLY);
        return static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM evidence").getInt64());
    };
    {
        auto store = Store::open(dir / "g.db", Store::Mode::ReadWrite);
        store.save_graph(graph);
    }
    EXPECT_EQ(count(), evidence);
    {
        // The same graph merged in again (import --merge), and the database's own graph too.
        auto store = Store::open(dir / "g.db", Store::Mode::ReadWrite);
        store.save_graph(graph);
        store.save_graph(Store::open(dir / "g.db", Store::Mode::ReadOnly).load_graph());
    }
    EXPECT_EQ(count(), evidence);
    EXPECT_EQ(Store::open(dir / "g.db", Store::Mode::ReadOnly).load_graph().relation_count(), graph.relation_count());
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
    rel.evidence.push_back({r.document.id, {0, 4}, {0, 1}, {2, 3}, "text", "cue:x", std::nullopt});
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

// A schema-1 database as dyad 1 wrote it: the evidence table has no code-point columns, and the
// index that schema 3 dropped is there.
void make_schema_1(const std::filesystem::path& path) {
    { Store::open(path, Store::Mode::ReadWrite); }
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("CREATE INDEX mentions_by_entity ON mentions(entity)");
    db.exec("ALTER TABLE evidence DROP COLUMN sentence_char_begin");
    db.exec("ALTER TABLE evidence DROP COLUMN sentence_char_end");
    db.exec("INSERT INTO entities VALUES ('country/chile', 'Country', 'Chile'), ('country/peru', 'Country', 'Peru')");
    db.exec(
        "INSERT INTO relations(id, subject, predicate, object, negated, confidence) "
        "VALUES (1, 'country/chile', 'sharesBorderWith', 'country/peru', 0, 0.9)");
    db.exec("INSERT INTO evidence VALUES (1, 'd1', 4, 34, 4, 9, 14, 18, 'Chile and Peru share a border.', 'cue:x')");
    db.exec("PRAGMA user_version = 1");
}

TEST(Store, Schema1IsReadAsItIsAndMigratedByAWriter) {
    tests::TempDir dir;
    make_schema_1(dir / "g.db");
    {
        const auto g = Store::open(dir / "g.db", Store::Mode::ReadOnly).load_graph();
        ASSERT_EQ(g.relation_count(), 1u);
        const auto& e = g.relations_sorted().front()->evidence.at(0);
        EXPECT_EQ(e.sentence, (Span{4, 34}));
        EXPECT_FALSE(e.sentence_chars.has_value());
        SQLite::Database db((dir / "g.db").string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), 1);  // a reader does not migrate
    }
    {
        auto store = Store::open(dir / "g.db", Store::Mode::ReadWrite);
        ExtractionResult r;
        r.document = {"d2", "two.txt", "Perú: Chile and Peru share a border.", ""};
        Relation rel;
        rel.subject = "country/chile";
        rel.predicate = Predicate::SharesBorderWith;
        rel.object = "country/peru";
        rel.confidence = 0.9f;
        rel.evidence.push_back(
            {"d2", {7, 37}, {7, 12}, {17, 21}, "Chile and Peru share a border.", "cue:x", Span{6, 36}});
        r.relations = {rel};
        ASSERT_TRUE(store.ingest(r));
    }
    SQLite::Database db((dir / "g.db").string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), kSchemaVersion);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'mentions_by_entity'").getInt(),
              0);  // schema 3 dropped it
    const auto g = Store::open(dir / "g.db", Store::Mode::ReadOnly).load_graph();
    const auto& evidence = g.relations_sorted().front()->evidence;
    ASSERT_EQ(evidence.size(), 2u);
    EXPECT_FALSE(evidence[0].sentence_chars.has_value());  // d1: written before the migration
    EXPECT_EQ(evidence[1].sentence_chars, (Span{6, 36}));
    // Opening it again (or a file whose version was set back by hand) migrates nothing twice.
    { Store::open(dir / "g.db", Store::Mode::ReadWrite); }
    {
        SQLite::Database rw((dir / "g.db").string(), SQLite::OPEN_READWRITE);
        rw.exec("PRAGMA user_version = 1");
    }
    { Store::open(dir / "g.db", Store::Mode::ReadWrite); }
    EXPECT_EQ(Store::open(dir / "g.db", Store::Mode::ReadOnly).load_graph().relations_sorted().front()->evidence,
              evidence);
}

// The mentions table as schemas 1 to 3 made it: keyed by (doc, begin, end, entity).
constexpr const char* kKeyedMentions =
    "CREATE TABLE mentions (doc TEXT NOT NULL REFERENCES documents(id), entity TEXT NOT NULL "
    "REFERENCES entities(key), begin INTEGER NOT NULL, end INTEGER NOT NULL, surface TEXT NOT NULL, "
    "extractor TEXT NOT NULL, PRIMARY KEY (doc, begin, end, entity)) WITHOUT ROWID";

ExtractionResult document_with_mentions(const std::string& id) {
    ExtractionResult r;
    r.document = {id, id + ".txt", "Chile and Peru share a border.", ""};
    r.entities = {Entity{"country/chile", EntityType::Country, "Chile", {}, {}},
                  Entity{"country/peru", EntityType::Country, "Peru", {}, {}}};
    r.mentions = {{"country/chile", {0, 5}, "Chile", "gazetteer"}, {"country/peru", {10, 14}, "Peru", "gazetteer"}};
    return r;
}

TEST(Store, NewFilesAppendMentionsAndASchema3FileKeepsItsKey) {
    tests::TempDir dir;
    auto mentions_sql = [&](const char* file) {
        SQLite::Database db((dir / file).string(), SQLite::OPEN_READONLY);
        return db.execAndGet("SELECT sql FROM sqlite_master WHERE name = 'mentions'").getString();
    };
    {
        auto store = Store::open(dir / "new.db", Store::Mode::ReadWrite);
        ASSERT_TRUE(store.ingest(document_with_mentions("d1")));
        EXPECT_FALSE(store.ingest(document_with_mentions("d1")));  // the same document: nothing again
    }
    EXPECT_EQ(mentions_sql("new.db").find("PRIMARY KEY"), std::string::npos);
    {
        SQLite::Database db((dir / "new.db").string(), SQLite::OPEN_READONLY);
        EXPECT_EQ(db.execAndGet("SELECT count(*) FROM mentions").getInt(), 2);
    }
    // A schema-3 file: migrated to 4 without touching its mentions, which keep their key.
    { Store::open(dir / "old.db", Store::Mode::ReadWrite); }
    {
        SQLite::Database db((dir / "old.db").string(), SQLite::OPEN_READWRITE);
        db.exec("DROP TABLE mentions");
        db.exec(kKeyedMentions);
        db.exec("PRAGMA user_version = 3");
    }
    {
        auto store = Store::open(dir / "old.db", Store::Mode::ReadWrite);
        ASSERT_TRUE(store.ingest(document_with_mentions("d1")));
        ASSERT_TRUE(store.ingest(document_with_mentions("d2")));
    }
    EXPECT_NE(mentions_sql("old.db").find("PRIMARY KEY"), std::string::npos);
    SQLite::Database db((dir / "old.db").string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), kSchemaVersion);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM mentions").getInt(), 4);
}

TEST(Store, ABatchIsStoredInOneTransactionAndAnswersPerDocument) {
    tests::TempDir dir;
    auto store = Store::open(dir / "g.db", Store::Mode::ReadWrite);
    auto doc = [](const std::string& id) {
        ExtractionResult r;
        r.document = {id, id + ".txt", "Chile and Peru share a border.", ""};
        Relation rel;
        rel.subject = "country/chile";
        rel.predicate = Predicate::SharesBorderWith;
        rel.object = "country/peru";
        rel.confidence = 0.9f;
        rel.evidence.push_back({id, {0, 30}, {0, 5}, {10, 14}, "Chile and Peru share a border.", "cue:x", Span{0, 30}});
        r.relations = {rel};
        return r;
    };
    const auto a = doc("a"), b = doc("b"), c = doc("c");
    ASSERT_TRUE(store.ingest(a));
    // `a` is stored already and `b` comes twice: the answers say so, and b's evidence is kept once.
    EXPECT_EQ(store.ingest({&a, &b, &c, &b}), (std::vector<bool>{false, true, true, false}));
    EXPECT_EQ(store.stats().documents, 3u);
    EXPECT_EQ(store.stats().evidence, 3u);
    // A batch of documents that are all there changes nothing.
    EXPECT_EQ(store.ingest({&b, &c}), (std::vector<bool>{false, false}));
    EXPECT_EQ(store.stats().documents, 3u);
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
