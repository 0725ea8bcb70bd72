// Stage-level checks on the real data folder, with sentences written for these tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "core/pipeline.h"
#include "extractors/registry.h"
#include "tests/support/test_support.h"

namespace dyad {
namespace {

const Pipeline& pipeline() {
    static const auto p = extractors::make_pipeline(tests::data_dir());
    return *p;
}

ExtractionResult run(const std::string& text) {
    Document d;
    d.bytes = text;
    d.id = content_id(text);
    d.source = "test";
    return pipeline().extract(d, ExtractOptions{true});
}

const Entity* entity(const ExtractionResult& r, const std::string& key) {
    auto it = std::find_if(r.entities.begin(), r.entities.end(), [&](const Entity& e) { return e.key == key; });
    return it == r.entities.end() ? nullptr : &*it;
}

}  // namespace

TEST(Gazetteer, AcronymNeedsCapitalsButNamesFoldAccents) {
    const auto r = run("Tell us more. The US and Peru talk. Merida and Mérida both appear near the Merida Initiative.");
    EXPECT_NE(entity(r, "country/united-states"), nullptr);
    const auto* us = entity(r, "country/united-states");
    ASSERT_NE(us, nullptr);
    EXPECT_EQ(std::count(us->alt_names.begin(), us->alt_names.end(), "us"), 0);
    EXPECT_NE(entity(r, "initiative/merida-initiative"), nullptr);
}

TEST(Gazetteer, AmbiguousNameNeedsSupport) {
    EXPECT_EQ(entity(run("Chad said the meeting went well."), "country/chad"), nullptr);
    EXPECT_NE(entity(run("Chad and Sudan share a long desert border."), "country/chad"), nullptr);
}

TEST(Acronyms, DefinitionMakesLaterUsesTheSameEntity) {
    const auto r = run("The Permanent Joint Board on Defense (PJBD) met in May. Canada chairs the PJBD this year.");
    const auto* board = entity(r, "organization/permanent-joint-board-on-defense");
    ASSERT_NE(board, nullptr);
    EXPECT_NE(std::find(board->alt_names.begin(), board->alt_names.end(), "PJBD"), board->alt_names.end());
    std::size_t mentions = 0;
    for (const auto& m : r.mentions) mentions += m.entity == board->key;
    EXPECT_EQ(mentions, 3u);
}

TEST(PairReferences, ResolveToTheTwoMostNamedCountries) {
    const auto r =
        run("Kenya and Tanzania met. Kenya hosted. Tanzania came. Uganda watched. Both countries cooperate on trade.");
    const auto it = std::find_if(r.relations.begin(), r.relations.end(),
                                 [](const Relation& x) { return x.predicate == Predicate::CooperatesWith; });
    ASSERT_NE(it, r.relations.end());
    EXPECT_EQ(it->subject, "country/kenya");
    EXPECT_EQ(it->object, "country/tanzania");
}

TEST(Evidence, OffsetsPointIntoTheOriginalBytes) {
    const std::string text = "Intro line.\nSpain and Morocco share a maritime border near Ceuta.";
    const auto r = run(text);
    ASSERT_FALSE(r.relations.empty());
    const auto& e = r.relations.front().evidence.front();
    EXPECT_EQ(text.substr(e.sentence.begin, e.sentence.end - e.sentence.begin), e.quote);
    EXPECT_EQ(text.substr(e.subject.begin, e.subject.end - e.subject.begin), "Morocco");
    EXPECT_EQ(e.rule.rfind("cue:", 0), 0u);
}

TEST(Explain, RejectionsCarryTheReason) {
    const auto r = run("The two countries cooperate on trade.");
    ASSERT_FALSE(r.rejections.empty());
    EXPECT_NE(r.rejections.front().reason.find("no pair"), std::string::npos);
}

TEST(DomainRange, PartyToAnotherCountryIsRejected) {
    const auto r = run("Peru signed Chile in a strange sentence.");
    for (const auto& rel : r.relations) EXPECT_NE(rel.predicate, Predicate::PartyTo);
}

TEST(StepClock, CountsTimeForEveryStepAndChangesNothing) {
    const std::string text = "Chile and Peru share a border. Both countries signed the Lima Accord in 2010.";
    Document d;
    d.bytes = text;
    d.id = content_id(text);
    StepClock clock;
    ExtractOptions timed;
    timed.clock = &clock;
    const auto with_clock = pipeline().extract(d, timed);
    const auto without = pipeline().extract(d);
    ASSERT_EQ(clock.seconds.size(), pipeline().step_count());
    EXPECT_EQ(pipeline().step_count(), extractors::stages().size() + 3);  // + tokenize, choose, merge
    EXPECT_TRUE(std::all_of(clock.seconds.begin(), clock.seconds.end(), [](double s) { return s >= 0; }));
    EXPECT_GT(std::accumulate(clock.seconds.begin(), clock.seconds.end(), 0.0), 0.0);
    ASSERT_EQ(with_clock.relations.size(), without.relations.size());
    for (std::size_t i = 0; i < without.relations.size(); ++i)
        EXPECT_EQ(with_clock.relations[i].subject + with_clock.relations[i].object,
                  without.relations[i].subject + without.relations[i].object);
    // A second run adds to the same clock.
    const auto before = clock.seconds;
    pipeline().extract(d, timed);
    for (std::size_t k = 0; k < before.size(); ++k) EXPECT_GE(clock.seconds[k], before[k]);
}

}  // namespace dyad
