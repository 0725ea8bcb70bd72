// The dyad assessment on the hand-built sample graph: items, scores, topics, verdicts, exactly.
#include "core/assess.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

#include "core/error.h"
#include "tests/support/sample_graph.h"

namespace dyad {
namespace {

const std::string kMx = "country/mexico", kUs = "country/united-states";

std::vector<std::string> lines(const Assessment& r, const Workspace& ws) {
    std::vector<std::string> out;
    for (const auto& i : r.items)
        out.push_back(std::string(to_string(i.stance)) + (i.negated ? " not " : " ") + i.kind +
                      (i.shared ? " " + i.shared->key : "") + " " + formula(i) + (i.contradicted ? " !" : ""));
    (void)ws;
    return out;
}

}  // namespace

TEST(Assess, MexicoAndTheUnitedStatesScoreByTheDocumentedFormula) {
    const Workspace ws(tests::sample_graph());
    const auto r = assess(ws.graph(), kMx, kUs);
    EXPECT_EQ(lines(r, ws), (std::vector<std::string>{
                                "cooperation tradingPartnerOf 2 x 1 x 1 = 2.00",
                                "cooperation alliedWith 3 x 1 x 1 = 3.00 !",
                                "cooperation cooperatesWith 2 x 1 x 2 = 4.00",
                                // NAFTA was replaced by USMCA: its parties are historical parties
                                "cooperation shared agreement agreement/nafta 1 x 0.25 x 1 = 0.25",
                                "cooperation shared agreement agreement/usmca 1 x 1 x 1 = 1.00",
                                "cooperation shared initiative initiative/merida-initiative 1 x 1 x 1 = 1.00",
                                "cooperation not alliedWith 3 x 1 x 1 = 0.00 !",
                                "tension inDisputeWith 2 x 1 x 1 = 2.00",
                            }));
    EXPECT_DOUBLE_EQ(r.cooperation, 11.25);
    EXPECT_DOUBLE_EQ(r.tension, 2.0);
    EXPECT_DOUBLE_EQ(r.balance, 9.25 / 13.25);
    EXPECT_EQ(r.verdict, "close partners with frictions on immigration and trade");
    EXPECT_EQ(r.cooperation_topics, (std::vector<std::string>{"topic/security", "topic/trade"}));
    EXPECT_EQ(r.tension_topics, (std::vector<std::string>{"topic/immigration", "topic/trade"}));
    ASSERT_EQ(r.contradictions.size(), 1u);
    EXPECT_EQ(r.contradictions[0].asserted->predicate, Predicate::AlliedWith);
    EXPECT_EQ(r.items[3].note, "replaced by United States-Mexico-Canada Agreement");
    EXPECT_EQ(r.items[3].time, "historical");
    // The Pacific Alliance has Mexico but not the United States: not shared.
    for (const auto& i : r.items) EXPECT_TRUE(!i.shared || i.shared->key != "organization/pacific-alliance");
}

TEST(Assess, OrderOfTheTwoDoesNotChangeTheNumbers) {
    const auto g = tests::sample_graph();
    const auto ab = assess(g, kMx, kUs), ba = assess(g, kUs, kMx);
    EXPECT_DOUBLE_EQ(ab.balance, ba.balance);
    EXPECT_EQ(ab.verdict, ba.verdict);
    EXPECT_EQ(ab.items.size(), ba.items.size());
}

TEST(Assess, VerdictsAcrossTheRange) {
    const auto g = tests::sample_graph();
    // A historical dispute counts a quarter; the border is context; the alliance is shared.
    const auto cp = assess(g, "country/chile", "country/peru");
    EXPECT_DOUBLE_EQ(cp.cooperation, 1.0);
    EXPECT_DOUBLE_EQ(cp.tension, 0.5);
    EXPECT_EQ(cp.verdict, "partners with frictions");
    ASSERT_EQ(cp.items.size(), 3u);
    EXPECT_EQ(cp.items[2].kind, "sharesBorderWith");
    EXPECT_EQ(cp.items[2].stance, Stance::Context);
    EXPECT_EQ(assess(g, "country/mexico", "country/canada").verdict, "close partners");
    const auto none = assess(g, "country/georgia", "country/canada");
    EXPECT_EQ(none.verdict, "no cooperation or tension on record");
    EXPECT_DOUBLE_EQ(none.balance, 0.0);
    // Tension only, with a hedge: strained, then hostile.
    auto h = tests::sample_graph();
    Qualifiers hedged;
    hedged.modality = "may";
    hedged.topics = {"topic/trade"};
    tests::relate(h, "country/chile", Predicate::InDisputeWith, "country/canada", "d9", 0,
                  "Chile may dispute Canada's trade terms.", false, hedged);
    const auto cc = assess(h, "country/chile", "country/canada");
    EXPECT_DOUBLE_EQ(cc.tension, 1.0);  // 2 x 0.5 x 1
    EXPECT_EQ(cc.verdict, "adversaries");
    tests::relate(h, "country/canada", Predicate::CooperatesWith, "country/chile", "d9", 100,
                  "Canada cooperates with Chile on mining.");
    tests::relate(h, "country/chile", Predicate::AtWarWith, "country/canada", "d9", 200,
                  "Chile is at war with Canada.");
    EXPECT_EQ(assess(h, "country/chile", "country/canada").verdict, "strained relations despite some cooperation");
    EXPECT_THROW(assess(g, kMx, kMx), Error);
    EXPECT_THROW(assess(g, kMx, "country/atlantis"), Error);
}

TEST(Assess, DivergenceWhenOneIsStatedNotToBeAParty) {
    auto g = tests::sample_graph();
    tests::relate(g, "country/chile", Predicate::PartyTo, "agreement/usmca", "d9", 0,
                  "Chile is not party to the USMCA.", true);
    const auto r = assess(g, "country/chile", "country/canada");
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].kind, "divergence");
    EXPECT_EQ(r.items[0].relations[0]->subject, "country/canada");
    EXPECT_TRUE(r.items[0].relations[1]->negated);
    EXPECT_DOUBLE_EQ(r.items[0].score, 0.0);
}

TEST(Assess, TextAndJsonCarryEveryNumberWithItsSentences) {
    const Workspace ws(tests::sample_graph(), {{"d1", "a.txt"}, {"d2", "b.txt"}, {"d3", "c.txt"}});
    const auto r = assess(ws.graph(), kMx, kUs);
    std::ostringstream text;
    write(r, ws, OutputFormat::Text, text);
    const auto t = text.str();
    EXPECT_EQ(t.substr(0, t.find("\n\n")),
              "Mexico (country/mexico) and United States (country/united-states)\n"
              "verdict: close partners with frictions on immigration and trade\n"
              "balance: +0.70 (cooperation 11.25, tension 2.00; -1 all tension, +1 all cooperation)");
    EXPECT_NE(t.find("  shared agreement: North American Free Trade Agreement (agreement/nafta) [time: historical "
                     "(replaced by United States-Mexico-Canada Agreement)]  1 x 0.25 x 1 = 0.25\n"
                     "    Mexico partyTo North American Free Trade Agreement\n"
                     "      \"Mexico, the United States and Canada signed NAFTA.\" (a.txt:300-350)\n"),
              std::string::npos)
        << t;
    EXPECT_NE(t.find("  Mexico alliedWith United States  3 x 1 x 1 = 3.00  CONTRADICTED\n"), std::string::npos) << t;
    EXPECT_NE(t.find("stated as not holding (not scored)\n  Mexico not alliedWith United States  (1 sentence)"),
              std::string::npos);
    EXPECT_NE(t.find("shared agreements and initiatives: North American Free Trade Agreement (historical), United "
                     "States-Mexico-Canada Agreement, Mérida Initiative\n"),
              std::string::npos)
        << t;

    std::ostringstream json;
    write(r, ws, OutputFormat::Json, json);
    rapidjson::Document doc;
    ASSERT_FALSE(doc.Parse(json.str().c_str()).HasParseError()) << json.str();
    EXPECT_STREQ(doc["verdict"].GetString(), r.verdict.c_str());
    EXPECT_DOUBLE_EQ(doc["balance"].GetDouble(), 0.6981);
    EXPECT_DOUBLE_EQ(doc["cooperation"].GetDouble(), 11.25);
    ASSERT_EQ(doc["items"].Size(), 8u);
    const auto& coop = doc["items"][2];
    EXPECT_STREQ(coop["kind"].GetString(), "cooperatesWith");
    EXPECT_EQ(coop["sentences"].GetInt(), 2);
    EXPECT_EQ(coop["relations"][0]["evidence"].Size(), 2u);
    EXPECT_STREQ(coop["relations"][0]["evidence"][1]["document"].GetString(), "b.txt");
    EXPECT_EQ(doc["shared"]["agreements"].Size(), 3u);
    EXPECT_EQ(doc["contradictions"].Size(), 1u);
}

}  // namespace dyad
