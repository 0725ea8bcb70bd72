// Line ends: CRLF and a lone CR split sentences exactly as LF does (the splitter counts each as one
// line break), so a file's line-end convention never changes what is extracted.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text.h"
#include "tests/support/test_support.h"

namespace dyad {
namespace {

std::vector<std::string> sentences(const std::string& text) {
    static const auto rules = SentenceRules::load(tests::data_dir() / "patterns" / "sentences.tsv");
    std::string folded;
    std::vector<Token> tokens;
    std::vector<Sentence> out;
    tokenize(text, folded, tokens);
    split_sentences(text, folded, tokens, rules, out);
    std::vector<std::string> s;
    for (const auto& x : out) {
        auto piece = text.substr(x.span.begin, x.span.end - x.span.begin);
        std::string normal;  // compare the sentences with their inner line breaks as LF
        for (std::size_t i = 0; i < piece.size(); ++i) {
            if (piece[i] == '\r') {
                normal += '\n';
                if (i + 1 < piece.size() && piece[i + 1] == '\n') ++i;
            } else {
                normal += piece[i];
            }
        }
        s.push_back(normal);
    }
    return s;
}

std::string with_line_end(const std::string& lf, const std::string& end) {
    std::string out;
    for (const char c : lf) out += c == '\n' ? end : std::string(1, c);
    return out;
}

}  // namespace

TEST(LineEnds, CrlfAndLoneCrSplitLikeLf) {
    const std::string lf =
        "A Title\n\nFirst paragraph goes on\nacross a wrapped line. Second one.\nShort heading\nBody text.\n"
        "- a bullet\n\u2022 another\nLast line without a stop";
    const auto expected = sentences(lf);
    ASSERT_GE(expected.size(), 6u) << ::testing::PrintToString(expected);
    EXPECT_EQ(sentences(with_line_end(lf, "\r\n")), expected);
    EXPECT_EQ(sentences(with_line_end(lf, "\r")), expected);
}

}  // namespace dyad
