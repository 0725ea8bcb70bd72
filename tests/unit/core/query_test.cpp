// Name resolution, graph analysis and the four questions, on the hand-built sample graph whose
// every relation is known (tests/support/sample_graph.h).
#include "core/query.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

#include "core/error.h"
#include "core/resolve.h"
#include "tests/support/sample_graph.h"
#include "tests/support/test_support.h"

namespace dyad {
namespace {

const std::string kMx = "country/mexico", kUs = "country/united-states";

std::string usage_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "no error";
    return "";
}

std::vector<std::string> keys(const NeighborsAnswer& a) {
    std::vector<std::string> out;
    for (const auto& n : a.neighbors) out.push_back(std::to_string(n.depth) + " " + n.entity->key);
    return out;
}

}  // namespace

TEST(NameResolver, FindsEntitiesByNameAlternateNameAndKeyFoldedAndAccentFree) {
    const auto g = tests::sample_graph();
    const NameResolver names(g);
    for (const char* n : {"us", "U.S.", "US", "united states", "The United States", "UNITED STATES",
                          "country/united-states", "united-states", "United-States"})
        EXPECT_EQ(names.resolve(n).key, kUs) << n;
    for (const char* n : {"Merida Initiative", "mérida initiative", "MERIDA INITIATIVE", "merida-initiative"})
        EXPECT_EQ(names.resolve(n).key, "initiative/merida-initiative") << n;
    EXPECT_EQ(names.resolve("nafta").key, "agreement/nafta");
    EXPECT_EQ(names.resolve("COUNTRY/MEXICO").key, kMx);
    EXPECT_EQ(names.resolve("Mexican").key, kMx);
}

TEST(NameResolver, TheDictionaryAddsNamesOfEntitiesInTheGraphOnly) {
    const auto g = tests::sample_graph();
    const auto lexicon = Lexicon::load(tests::data_dir());
    const NameResolver names(g, &lexicon);
    EXPECT_EQ(names.resolve("USA").key, kUs);
    EXPECT_EQ(names.resolve("America").key, kUs);
    EXPECT_EQ(names.resolve("Plan Merida").key, "initiative/merida-initiative");
    EXPECT_EQ(names.resolve("United Mexican States").key, kMx);
    const auto message = usage_error([&] { names.resolve("Brazil"); });
    EXPECT_NE(message.find("country/brazil is in the dictionary but no document in the database mentions it"),
              std::string::npos)
        << message;
}

TEST(NameResolver, AmbiguousAndUnknownNamesListTheCandidates) {
    const auto g = tests::sample_graph();
    const NameResolver names(g);
    const auto ambiguous = usage_error([&] { names.resolve("georgia"); });
    EXPECT_EQ(ambiguous,
              "'georgia': ambiguous, it names Georgia (country/georgia, Country); Georgia (place/georgia, "
              "Place); pass the key of the one you mean");
    EXPECT_EQ(names.resolve("place/georgia").key, "place/georgia");
    const auto unknown = usage_error([&] { names.resolve("Mexcio"); });
    EXPECT_EQ(
        unknown.rfind("'Mexcio': no entity of this name in the database; closest: Mexico (country/mexico, Country)", 0),
        0u)
        << unknown;
    const auto closest = names.closest("Pacific", 2);
    ASSERT_EQ(closest.size(), 2u);
    EXPECT_EQ(closest[0]->key, "organization/pacific-alliance");
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(edit_distance("mexico", "mexcio"), 2u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Analysis, ComponentsDegreeAndBetweennessOfTheSampleGraph) {
    const auto a = analyze(tests::sample_graph(), 3);
    EXPECT_EQ(a.linked_entities, 9u);
    EXPECT_EQ(a.isolated_entities, 5u);  // the two Georgias and three topics
    EXPECT_EQ(a.component_sizes, std::vector<std::size_t>{9});
    ASSERT_EQ(a.by_degree.size(), 3u);
    EXPECT_EQ(a.by_degree[0].key, kMx);
    EXPECT_EQ(a.by_degree[0].degree, 5u);
    EXPECT_EQ(a.by_degree[1].key, "agreement/nafta");  // 4, ties by key
    EXPECT_EQ(a.by_degree[2].key, "agreement/usmca");
    ASSERT_EQ(a.by_betweenness.size(), 3u);
    EXPECT_EQ(a.by_betweenness[0].key, kMx);
    EXPECT_DOUBLE_EQ(a.by_betweenness[0].betweenness, 16.5);
    EXPECT_EQ(a.by_betweenness[1].key, "organization/pacific-alliance");
    EXPECT_DOUBLE_EQ(a.by_betweenness[1].betweenness, 12.0);
    EXPECT_EQ(a.by_betweenness[2].key, "agreement/nafta");
    EXPECT_DOUBLE_EQ(a.by_betweenness[2].betweenness, 3.0);
}

TEST(Analysis, PredicateFilterSplitsComponents) {
    LinkFilter f;
    f.predicates = {Predicate::MemberOf, Predicate::SharesBorderWith};
    const auto a = analyze(tests::sample_graph(), 1, f);
    EXPECT_EQ(a.component_sizes, std::vector<std::size_t>{4});  // Chile, Peru, Mexico, Pacific Alliance
    EXPECT_EQ(a.linked_entities, 4u);
}

TEST(Analysis, ReachAndShortestPathFollowBothDirections) {
    const auto g = tests::sample_graph();
    const auto r = reach(g, {"agreement/usmca"}, 1);
    std::vector<std::string> got;
    for (const auto& [k, d] : r.depth) got.push_back(k + "@" + std::to_string(d));
    EXPECT_EQ(got, (std::vector<std::string>{"agreement/nafta@1", "agreement/usmca@0", "country/canada@1",
                                             "country/mexico@1", "country/united-states@1"}));
    EXPECT_EQ(shortest_path(g, "country/chile", "country/canada"),
              (std::vector<std::string>{"country/chile", "organization/pacific-alliance", "country/mexico",
                                        "agreement/nafta", "country/canada"}));
    EXPECT_TRUE(shortest_path(g, "country/chile", "country/georgia").empty());
    EXPECT_THROW(shortest_path(g, "country/chile", "country/nowhere"), Error);
}

TEST(Query, NeighborsByDepthAndPredicate) {
    const auto g = tests::sample_graph();
    EXPECT_EQ(keys(neighbors(g, kMx, 1)),
              (std::vector<std::string>{"1 agreement/nafta", "1 agreement/usmca", "1 country/united-states",
                                        "1 initiative/merida-initiative", "1 organization/pacific-alliance"}));
    LinkFilter members;
    members.predicates = {Predicate::MemberOf};
    const auto two = neighbors(g, kMx, 2, members);
    EXPECT_EQ(keys(two),
              (std::vector<std::string>{"1 organization/pacific-alliance", "2 country/chile", "2 country/peru"}));
    EXPECT_EQ(two.neighbors[1].via->key, "organization/pacific-alliance");
    ASSERT_EQ(two.neighbors[1].relations.size(), 1u);
    EXPECT_EQ(two.neighbors[1].relations[0]->subject, "country/chile");
    // Mexico-United States: four asserted relations link them; the negated alliance does not.
    const auto one = neighbors(g, kMx, 1);
    EXPECT_EQ(one.neighbors[2].relations.size(), 4u);
}

TEST(Query, BetweenListsBothDirectionsAndNegatedRelationsWithEvidence) {
    const Workspace ws(tests::sample_graph(), {{"d1", "a.txt"}, {"d2", "b.txt"}, {"d3", "c.txt"}});
    const auto a = between(ws.graph(), kUs, kMx);
    ASSERT_EQ(a.relations.size(), 5u);
    std::ostringstream out;
    write(a, ws, OutputFormat::Text, out);
    EXPECT_EQ(out.str(),
              "between United States (country/united-states) and Mexico (country/mexico): 5 relations\n"
              "Mexico tradingPartnerOf United States [topics: trade] (1 sentence)\n"
              "  \"The United States is Mexico's largest trading partner.\" (b.txt:100-154)\n"
              "Mexico alliedWith United States (1 sentence)\n"
              "  \"Mexico and the United States are allies.\" (a.txt:100-140)\n"
              "Mexico not alliedWith United States (1 sentence)\n"
              "  \"Mexico and the United States are not allies.\" (c.txt:0-44)\n"
              "Mexico cooperatesWith United States [topics: security; via: Mérida Initiative] (2 sentences)\n"
              "  \"Mexico and the U.S. cooperate on security through the Merida Initiative.\" (a.txt:0-72)\n"
              "  \"Mexico works with the United States on security.\" (b.txt:0-48)\n"
              "Mexico inDisputeWith United States [topics: immigration, trade] (1 sentence)\n"
              "  \"Mexico and the United States quarrel over migrants and tariffs.\" (b.txt:200-263)\n");
    EXPECT_EQ(between(ws.graph(), kUs, kMx, {Predicate::AlliedWith}).relations.size(), 2u);
}

TEST(Query, TwoRulesReadingOneSentenceAreOneSentence) {
    auto g = tests::sample_graph();
    Relation r = *between(g, "country/chile", "country/peru", {Predicate::SharesBorderWith}).relations.at(0);
    r.evidence.at(0).rule = "cue:another-rule";
    g.add_or_merge(r);
    const Workspace ws(std::move(g));
    const auto a = between(ws.graph(), "country/chile", "country/peru", {Predicate::SharesBorderWith});
    ASSERT_EQ(a.relations.at(0)->evidence.size(), 2u);
    EXPECT_EQ(sentences_of(*a.relations[0]).size(), 1u);
    std::ostringstream out;
    write(a, ws, OutputFormat::Text, out);
    EXPECT_EQ(out.str(),
              "between Chile (country/chile) and Peru (country/peru): 1 relation\n"
              "Chile sharesBorderWith Peru (1 sentence)\n"
              "  \"Chile and Peru share a border.\" (d3:300-330)\n");
}

TEST(Query, PathGivesEveryHopWithItsEvidence) {
    const Workspace ws(tests::sample_graph());
    const auto p = path(ws.graph(), "country/peru", "country/united-states");
    ASSERT_TRUE(p.found);
    ASSERT_EQ(p.hops.size(), 3u);
    EXPECT_EQ(p.hops[0].to->key, "organization/pacific-alliance");
    EXPECT_EQ(p.hops[1].to->key, kMx);
    EXPECT_EQ(p.hops[2].relations.size(), 4u);
    std::ostringstream out;
    write(p, ws, OutputFormat::Text, out);
    EXPECT_EQ(out.str().substr(0, out.str().find("1. ")),
              "path from Peru (country/peru) to United States (country/united-states): 3 hops\n"
              "Peru -> Pacific Alliance -> Mexico -> United States\n");
    EXPECT_NE(
        out.str().find("   Peru memberOf Pacific Alliance (1 sentence)\n     \"Chile, Peru and Mexico are members "
                       "of the Pacific Alliance.\" (d3:100-159)\n"),
        std::string::npos)
        << out.str();
    const auto none = path(ws.graph(), "country/peru", "country/georgia");
    EXPECT_FALSE(none.found);
    std::ostringstream no;
    write(none, ws, OutputFormat::Text, no);
    EXPECT_EQ(no.str(), "no path from Peru (country/peru) to Georgia (country/georgia)\n");
}

TEST(Query, ConflictsPairTheAssertionWithTheNegation) {
    const Workspace ws(tests::sample_graph(), {{"d1", "a.txt"}, {"d3", "c.txt"}});
    const auto c = conflicts(ws.graph());
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].asserted->predicate, Predicate::AlliedWith);
    EXPECT_FALSE(c[0].asserted->negated);
    EXPECT_TRUE(c[0].negated->negated);
    EXPECT_FALSE(c[0].same_document);
    std::ostringstream out;
    write(c, ws, OutputFormat::Text, out);
    EXPECT_EQ(out.str(),
              "conflicts: 1\n"
              "Mexico alliedWith United States: asserted and negated (in different documents)\n"
              "  asserted: \"Mexico and the United States are allies.\" (a.txt:100-140)\n"
              "  negated:  \"Mexico and the United States are not allies.\" (c.txt:0-44)\n");
    // The same document saying both is reported as such.
    auto g = tests::sample_graph();
    tests::relate(g, "country/chile", Predicate::SharesBorderWith, "country/peru", "d3", 900,
                  "Chile and Peru do not share a border.", true);
    const auto same = conflicts(g);
    ASSERT_EQ(same.size(), 2u);
    EXPECT_TRUE(same[0].same_document);  // Chile-Peru sorts before Mexico-United States
}

TEST(Query, RunQueryResolvesNamesAndWritesJson) {
    const Workspace ws(tests::sample_graph(), {{"d1", "a.txt"}});
    std::ostringstream out;
    run_query(ws, {QueryKind::Between, {"U.S.", "mexico"}, 1, {Predicate::PartyTo}, OutputFormat::Json}, out);
    rapidjson::Document doc;
    ASSERT_FALSE(doc.Parse(out.str().c_str()).HasParseError()) << out.str();
    EXPECT_STREQ(doc["a"]["key"].GetString(), "country/united-states");
    EXPECT_EQ(doc["relations"].Size(), 0u);  // partyTo links them to agreements, never to each other
    std::ostringstream path_out;
    run_query(ws, {QueryKind::Path, {"Chile", "Canada"}, 1, {}, OutputFormat::Json}, path_out);
    ASSERT_FALSE(doc.Parse(path_out.str().c_str()).HasParseError()) << path_out.str();
    EXPECT_TRUE(doc["found"].GetBool());
    ASSERT_EQ(doc["hops"].Size(), 4u);
    EXPECT_STREQ(doc["hops"][3]["to"].GetString(), "country/canada");
    const auto& ev = doc["hops"][3]["relations"][0]["evidence"][0];
    EXPECT_STREQ(ev["document"].GetString(), "a.txt");
    EXPECT_EQ(ev["begin"].GetInt(), 300);
    EXPECT_NE(usage_error([&] {
                  std::ostringstream o;
                  run_query(ws, {QueryKind::Between, {"Mexico"}, 1, {}, OutputFormat::Text}, o);
              }).find("expected 2 name(s), got 1"),
              std::string::npos);
    EXPECT_THROW(parse_output_format("xml"), Error);
}

}  // namespace dyad

namespace dyad {

TEST(NameResolver, ANameWithASlashIsStillAName) {
    KnowledgeGraph g;
    g.add_or_merge(Entity{"organization/ac-dc", EntityType::Organization, "AC/DC Council", {}, {}});
    const NameResolver names(g);
    EXPECT_EQ(names.resolve("ac/dc council").key, "organization/ac-dc");
    EXPECT_EQ(names.resolve("organization/ac-dc").key, "organization/ac-dc");
}

}  // namespace dyad
