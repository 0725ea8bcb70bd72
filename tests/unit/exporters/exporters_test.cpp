// Exporters on a small graph with hostile names: JSON-LD parses back, DOT is read back by cgraph,
// SVG is rendered by gvc.
#include <graphviz/cgraph.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

#include "core/error.h"
#include "exporters/registry.h"
#include "tests/support/test_support.h"

namespace dyad {
namespace {

const char* kHostile = "Quote \" back\\slash <b>&amp;</b>\nnew line \"; DROP TABLE entities; {\"@id\": \"x\"} 日本";

KnowledgeGraph sample() {
    KnowledgeGraph g;
    g.add_or_merge(
        Entity{"country/mexico", EntityType::Country, "Mexico", {"Mexican"}, {"http://www.wikidata.org/entity/Q96"}});
    g.add_or_merge(Entity{"country/united-states", EntityType::Country, "United States", {"U.S.", "US"}, {}});
    g.add_or_merge(Entity{"initiative/x", EntityType::Initiative, kHostile, {}, {}});
    g.add_or_merge(Entity{"topic/trade", EntityType::Topic, "trade", {}, {}});
    Relation border;
    border.subject = "country/mexico";
    border.object = "country/united-states";
    border.predicate = Predicate::SharesBorderWith;
    border.confidence = 0.9f;
    border.qualifiers.quantity = Quantity{2000, "mile", "nearly", "nearly 2,000 miles"};
    border.evidence.push_back({"d1", {5, 50}, {5, 11}, {20, 33}, kHostile, "cue:border-share", Span{4, 45}});
    g.add_or_merge(border);
    Relation party = border;
    party.predicate = Predicate::PartyTo;
    party.object = "initiative/x";
    party.qualifiers = {};
    g.add_or_merge(party);
    Relation ally = border;
    ally.predicate = Predicate::AlliedWith;
    ally.negated = true;
    g.add_or_merge(ally);
    Relation coop = border;
    coop.predicate = Predicate::CooperatesWith;
    coop.qualifiers = {};
    coop.qualifiers.topics = {"topic/trade"};
    g.add_or_merge(coop);
    return g;
}

std::string write(const std::string& format, const ExportOptions& options = {}) {
    std::ostringstream out;
    exporters::make_exporter(format)->write(sample(), options, out);
    return out.str();
}

}  // namespace

TEST(JsonLd, IsValidJsonWithInlineContextAndDirectEdges) {
    const auto text = write("jsonld");
    rapidjson::Document doc;
    ASSERT_FALSE(doc.Parse(text.c_str()).HasParseError()) << text;
    ASSERT_TRUE(doc.HasMember("@context"));
    EXPECT_STREQ(doc["@context"]["Country"].GetString(), "schema:Country");
    const auto& graph = doc["@graph"].GetArray();
    bool border_edge = false, negated_edge = false, quantity = false;
    for (const auto& node : graph) {
        if (node.HasMember("sharesBorderWith")) border_edge = true;
        if (node.HasMember("alliedWith")) negated_edge = true;
        if (node.HasMember("quantity")) {
            quantity = true;
            EXPECT_EQ(node["quantity"]["value"].GetInt64(), 2000);
            EXPECT_STREQ(node["quantity"]["unitText"].GetString(), "mile");
        }
    }
    EXPECT_TRUE(border_edge);
    EXPECT_FALSE(negated_edge) << "negated relations stay out of the positive graph";
    EXPECT_TRUE(quantity);
}

TEST(JsonLd, ContextMatchesThePublishedDocsFile) {
    rapidjson::Document exported, published;
    ASSERT_FALSE(exported.Parse(write("jsonld").c_str()).HasParseError());
    const auto docs = tests::read_file(tests::source_dir() / "docs" / "context.jsonld");
    ASSERT_FALSE(published.Parse(docs.c_str()).HasParseError()) << "docs/context.jsonld is not JSON";
    EXPECT_TRUE(exported["@context"] == published["@context"])
        << "docs/context.jsonld is out of date: regenerate it (docs/jsonld.md says how)";
}

TEST(JsonLd, OutputIsDeterministic) { EXPECT_EQ(write("jsonld"), write("jsonld")); }

TEST(Dot, CgraphReadsItBackWithHostileLabels) {
    const auto text = write("dot");
    EXPECT_EQ(text, write("dot"));
    Agraph_t* g = agmemread(text.c_str());
    ASSERT_NE(g, nullptr) << text;
    EXPECT_EQ(agnnodes(g), 3);  // the topic is in an edge label, not a node
    EXPECT_EQ(agnedges(g), 3);  // the negated alliance is left out
    auto* n = agnode(g, const_cast<char*>("initiative/x"), 0);
    ASSERT_NE(n, nullptr);
    const std::string label = agget(n, const_cast<char*>("label"));
    EXPECT_NE(label.find("DROP TABLE"), std::string::npos);
    EXPECT_NE(label.find("\\\\slash"), std::string::npos) << "backslashes stay literal for dot";
    agclose(g);
}

TEST(Dot, PredicateFilterKeepsOnlyThoseEdges) {
    ExportOptions options;
    options.predicates = {Predicate::SharesBorderWith};
    Agraph_t* g = agmemread(write("dot", options).c_str());
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(agnedges(g), 1);
    agclose(g);
}

TEST(Render, WritesSvgAndRefusesUnknownExtensions) {
    tests::TempDir dir;
    exporters::RenderOptions options;
    exporters::render(sample(), options, dir / "g.svg");
    const auto svg = tests::read_file(dir / "g.svg");
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("Mexico"), std::string::npos);
    EXPECT_THROW(exporters::render(sample(), options, dir / "g.bmpx"), Error);
    EXPECT_FALSE(std::filesystem::exists(dir / "g.bmpx"));
}

TEST(Registry, UnknownFormatListsTheKnownOnes) {
    try {
        exporters::make_exporter("xml");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(e.what()).find("jsonld"), std::string::npos);
    }
}

}  // namespace dyad
