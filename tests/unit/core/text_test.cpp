#include "core/text.h"

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace dyad {
namespace {

const SentenceRules& rules() {
    static const auto r = SentenceRules::load(tests::data_dir() / "patterns" / "sentences.tsv");
    return r;
}

std::vector<std::string> sentences(const std::string& text) {
    std::string folded;
    std::vector<Token> tokens;
    std::vector<Sentence> out;
    tokenize(text, folded, tokens);
    split_sentences(text, folded, tokens, rules(), out);
    std::vector<std::string> s;
    for (const auto& x : out) s.push_back(text.substr(x.span.begin, x.span.end - x.span.begin));
    return s;
}

}  // namespace

TEST(Text, TokensKeepOffsetsIntoTheOriginalBytes) {
    const std::string text = "The Mérida Initiative’s aims";
    std::string folded;
    std::vector<Token> tokens;
    tokenize(text, folded, tokens);
    ASSERT_GE(tokens.size(), 4u);
    EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "Mérida");
    EXPECT_EQ(folded.substr(tokens[1].fbegin, tokens[1].fend - tokens[1].fbegin), "merida");
    EXPECT_EQ(folded.substr(tokens[3].fbegin, tokens[3].fend - tokens[3].fbegin), "'");  // ’ folds to '
}

TEST(Text, DottedAbbreviationFoldsLikeTheAcronym) {
    EXPECT_EQ(fold("U.S."), fold("US"));
    EXPECT_EQ(fold("U.S."), "us");
    std::string folded;
    std::vector<Token> tokens;
    tokenize("the U.S. and us", folded, tokens);
    ASSERT_EQ(tokens.size(), 4u);
    EXPECT_TRUE(tokens[1].has(kAllCaps));
    EXPECT_FALSE(tokens[3].has(kAllCaps));
}

TEST(Text, DashesAndCaseFold) {
    EXPECT_EQ(fold("India–Pakistan"), fold("india-pakistan"));
    EXPECT_EQ(fold("Côte d’Ivoire"), "cote d ' ivoire");
}

TEST(Text, SentencesSurviveAbbreviations) {
    const auto s = sentences("Gen. Smith met the U.S. envoy in No. 5 Street. The talks ended. Dr. Li left.");
    ASSERT_EQ(s.size(), 3u) << ::testing::PrintToString(s);
    EXPECT_EQ(s[1], "The talks ended.");
}

TEST(Text, DottedAbbreviationEndsASentenceBeforeATypicalOpener) {
    const auto s = sentences("Trade grew with the U.S. The deal held.");
    ASSERT_EQ(s.size(), 2u) << ::testing::PrintToString(s);
}

TEST(Text, HeadingsAndBlankLinesSplit) {
    const auto s =
        sentences("A Title\n\nFirst paragraph goes on\nacross a wrapped line. Second one.\nShort heading\nBody text.");
    ASSERT_EQ(s.size(), 5u) << ::testing::PrintToString(s);
    EXPECT_EQ(s[1], "First paragraph goes on\nacross a wrapped line.");
}

TEST(Text, InvalidUtf8AndBomDoNotBreakOffsets) {
    const std::string text = "\xEF\xBB\xBFPeru \xFF\xFE Chile";
    std::string folded;
    std::vector<Token> tokens;
    tokenize(text, folded, tokens);
    ASSERT_EQ(tokens.size(), 4u);
    EXPECT_EQ(tokens[0].begin, 3u);
    EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin), "Chile");
}

TEST(Text, CleanNameDropsArticleAndPossessive) {
    EXPECT_EQ(clean_name("the United States's"), "United States");
    EXPECT_EQ(clean_name("the UK’s"), "UK");
    EXPECT_EQ(clean_name(" Korean\n War "), "Korean War");
}

TEST(Text, SlugIsAsciiAndStable) {
    EXPECT_EQ(slug("Mérida Initiative"), "merida-initiative");
    EXPECT_EQ(slug("US-Mexico border"), "us-mexico-border");
    const auto cjk = slug("日本");
    EXPECT_FALSE(cjk.empty());
    EXPECT_EQ(cjk, slug("日本"));
}

}  // namespace dyad
