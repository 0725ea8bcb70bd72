// dyad diff on two hand-built graphs whose differences are known exactly.
#include "core/diff.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

#include "tests/support/sample_graph.h"

namespace dyad {
namespace {

std::map<std::string, std::string> sources(bool with_d4) {
    std::map<std::string, std::string> s{{"d1", "a.txt"}, {"d2", "b.txt"}, {"d3", "c.txt"}};
    if (with_d4) s.emplace("d4", "d.txt");
    return s;
}

Workspace before() {
    auto g = tests::sample_graph();
    g.add_or_merge(Entity{"agreement/old-pact", EntityType::Agreement, "Old Pact", {}, {}});
    tests::relate(g, "country/chile", Predicate::PartyTo, "agreement/old-pact", "d3", 500,
                  "Chile signed the Old Pact.");
    return Workspace(std::move(g), sources(false));
}

Workspace after() {
    auto g = tests::sample_graph();
    g.add_or_merge(Entity{"country/bolivia", EntityType::Country, "Bolivia", {}, {}});
    g.add_or_merge(Entity{"country/mexico", EntityType::Country, "Mexico", {"United Mexican States"}, {}});
    tests::relate(g, "country/bolivia", Predicate::SharesBorderWith, "country/chile", "d4", 0,
                  "Bolivia and Chile share a border.");
    tests::relate(g, "country/mexico", Predicate::CooperatesWith, "country/united-states", "d4", 40,
                  "Mexico and the United States cooperate.");
    Qualifiers q;
    q.topics = {"topic/security"};
    tests::relate(g, "country/mexico", Predicate::TradingPartnerOf, "country/united-states", "d2", 100,
                  "The United States is Mexico's largest trading partner.", false, q);
    return Workspace(std::move(g), sources(true));
}

}  // namespace

TEST(Diff, GainedLostAndChangedWithTheirSentences) {
    const auto b = before(), a = after();
    const auto d = diff(b, a);
    EXPECT_FALSE(d.empty());
    std::ostringstream out;
    write(d, b, a, OutputFormat::Text, out);
    EXPECT_EQ(out.str(),
              "documents: +1 -0\n"
              "  + d.txt\n"
              "entities: +1 -1 ~1\n"
              "  + country/bolivia (Bolivia, Country)\n"
              "  - agreement/old-pact (Old Pact, Agreement)\n"
              "  ~ country/mexico: alternate names +United Mexican States\n"
              "relations: +1 -1 ~2\n"
              "  + Bolivia sharesBorderWith Chile\n"
              "      \"Bolivia and Chile share a border.\" (d.txt:0-33) [cue:test]\n"
              "  - Chile partyTo Old Pact\n"
              "      \"Chile signed the Old Pact.\" (c.txt:500-526) [cue:test]\n"
              // merging combines confidences as 1 - (1 - a)(1 - b), even for a sentence already there
              "  ~ Mexico tradingPartnerOf United States [topics: security, trade]: topics +topic/security; "
              "confidence: 0.80 -> 0.96\n"
              "  ~ Mexico cooperatesWith United States [topics: security; via: Mérida Initiative]: confidence: 0.96 -> "
              "0.99; evidence +1 -0\n"
              "      + \"Mexico and the United States cooperate.\" (d.txt:40-79) [cue:test]\n");
    std::ostringstream json;
    write(d, b, a, OutputFormat::Json, json);
    rapidjson::Document doc;
    ASSERT_FALSE(doc.Parse(json.str().c_str()).HasParseError()) << json.str();
    EXPECT_TRUE(doc["differ"].GetBool());
    EXPECT_STREQ(doc["relations"]["lost"][0]["evidence"][0]["document"].GetString(), "c.txt");
    EXPECT_EQ(doc["relations"]["changed"][1]["evidence_gained"].Size(), 1u);
}

TEST(Diff, AGraphAgainstItselfIsEmpty) {
    const auto b = before(), again = before();
    const auto d = diff(b, again);
    EXPECT_TRUE(d.empty());
    std::ostringstream out;
    write(d, b, again, OutputFormat::Text, out);
    EXPECT_EQ(out.str(), "documents: +0 -0\nentities: +0 -0 ~0\nrelations: +0 -0 ~0\n");
}

}  // namespace dyad
