// Extraction within limits: transcoded and segmented documents keep offsets into the original
// file; overlong sentences are split; a relation flood is refused; Ctrl-C stops between segments.
#include "core/limits.h"

#include <gtest/gtest.h>

#include <set>

#include "core/decode.h"
#include "core/error.h"
#include "core/text.h"
#include "extractors/registry.h"
#include "tests/support/test_support.h"

namespace dyad {
namespace {

const Pipeline& pipeline() {
    static const auto p = extractors::make_pipeline(tests::data_dir());
    return *p;
}

Document doc(const std::string& bytes) { return Document{content_id(bytes), "t.txt", bytes, ""}; }

std::string to_utf16le(const std::string& utf8) {
    std::string out = "\xFF\xFE";
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        char32_t cp = c;
        std::size_t n = 1;
        if (c >= 0xF0) cp = c & 0x07, n = 4;
        else if (c >= 0xE0) cp = c & 0x0F, n = 3;
        else if (c >= 0xC0) cp = c & 0x1F, n = 2;
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        i += n;
        auto put = [&](char32_t u) {
            out.push_back(static_cast<char>(u & 0xFF));
            out.push_back(static_cast<char>(u >> 8));
        };
        if (cp >= 0x10000) {
            put(0xD800 + ((cp - 0x10000) >> 10));
            put(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            put(cp);
        }
    }
    return out;
}

// The UTF-8 text of original UTF-16LE bytes [b, e).
std::string utf16_slice(const std::string& bytes, Span s) {
    return decode_text("\xFF\xFE" + bytes.substr(s.begin, s.end - s.begin), "slice").text;
}

std::set<std::string> relation_keys(const ExtractionResult& r) {
    std::set<std::string> out;
    for (const auto& rel : r.relations)
        out.insert(rel.subject + " " + std::string(to_string(rel.predicate)) + " " + rel.object +
                   (rel.negated ? " not" : ""));
    return out;
}

const char* kText =
    "Peru and Chile share a border of about 1,700 km. Mexico and the United States share a long border.\n\n"
    "The Côte d’Ivoire and Ghana cooperate on cocoa — «日本» and 한국 appear, as do עברית and zero\u200Bwidth "
    "marks and e\u0301 combining ones. Japan and China are trading partners.\n";

}  // namespace

TEST(Limits, PlainUtf8IsExtractedExactlyAsThePipelineDoes) {
    const auto d = doc(kText);
    const auto direct = pipeline().extract(d);
    auto guarded = extract_within_limits(pipeline(), d, {}, Limits{});
    // The guarded run adds code-point offsets, which the pipeline alone does not know.
    for (auto& r : guarded.result.relations)
        for (auto& e : r.evidence) {
            EXPECT_TRUE(e.sentence_chars.has_value());
            e.sentence_chars.reset();
        }
    EXPECT_EQ(guarded.result.relations, direct.relations);
    EXPECT_EQ(guarded.result.entities, direct.entities);
    EXPECT_EQ(guarded.result.mentions, direct.mentions);
    EXPECT_TRUE(guarded.warnings.empty());
    EXPECT_GE(direct.relations.size(), 3u);
}

TEST(Limits, Utf16SpansPointIntoTheOriginalBytes) {
    const std::string utf8 = kText;
    const auto bytes = to_utf16le(utf8);
    const auto g = extract_within_limits(pipeline(), doc(bytes), {}, Limits{});
    const auto plain = extract_within_limits(pipeline(), doc(utf8), {}, Limits{});
    EXPECT_EQ(relation_keys(g.result), relation_keys(plain.result));
    ASSERT_FALSE(g.result.relations.empty());
    EXPECT_EQ(g.result.document.bytes, bytes);  // the document is the original
    for (const auto& r : g.result.relations)
        for (const auto& e : r.evidence) {
            EXPECT_EQ(utf16_slice(bytes, e.sentence), e.quote);
            EXPECT_LE(e.sentence.begin, e.subject.begin);
            EXPECT_LE(e.subject.end, e.sentence.end);
            EXPECT_FALSE(utf16_slice(bytes, e.subject).empty());
            EXPECT_FALSE(utf16_slice(bytes, e.object).empty());
        }
    ASSERT_EQ(g.result.mentions.size(), plain.result.mentions.size());
    for (const auto& m : g.result.mentions) EXPECT_EQ(utf16_slice(bytes, m.span), m.surface);
}

// The code points of `utf8` in [s.begin, s.end) (counted in code points).
std::string code_point_slice(const std::string& utf8, Span s) {
    std::size_t i = 0, cp = 0, from = std::string::npos;
    for (; i <= utf8.size(); ++i) {
        if (i < utf8.size() && (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) continue;
        if (cp == s.begin) from = i;
        if (cp == s.end) break;
        ++cp;
    }
    return from == std::string::npos ? std::string("<out of range>") : utf8.substr(from, i - from);
}

std::multiset<std::pair<std::uint32_t, std::uint32_t>> char_spans(const ExtractionResult& r) {
    std::multiset<std::pair<std::uint32_t, std::uint32_t>> out;
    for (const auto& rel : r.relations)
        for (const auto& e : rel.evidence)
            if (e.sentence_chars) out.emplace(e.sentence_chars->begin, e.sentence_chars->end);
    return out;
}

TEST(Limits, EvidenceHasCodePointOffsetsIntoTheDecodedText) {
    const std::string utf8 = kText;
    const auto plain = extract_within_limits(pipeline(), doc(utf8), {}, Limits{});
    ASSERT_FALSE(plain.result.relations.empty());
    bool differs = false;
    for (const auto& r : plain.result.relations)
        for (const auto& e : r.evidence) {
            ASSERT_TRUE(e.sentence_chars.has_value());
            EXPECT_EQ(code_point_slice(utf8, *e.sentence_chars), e.quote);
            differs |= e.sentence_chars->begin != e.sentence.begin;
        }
    EXPECT_TRUE(differs) << "the text has non-ASCII characters before a sentence";
    // A byte order mark is not counted; UTF-16 (surrogate pairs included) counts the same.
    const auto bom = extract_within_limits(pipeline(), doc("\xEF\xBB\xBF" + utf8), {}, Limits{});
    const auto utf16 =
        extract_within_limits(pipeline(), doc(to_utf16le(utf8 + " 😀 Peru and Chile share a border.")), {}, Limits{});
    const auto plain2 =
        extract_within_limits(pipeline(), doc(utf8 + " 😀 Peru and Chile share a border."), {}, Limits{});
    EXPECT_EQ(char_spans(bom.result), char_spans(plain.result));
    EXPECT_EQ(char_spans(utf16.result), char_spans(plain2.result));
    EXPECT_GT(char_spans(plain2.result).size(), char_spans(plain.result).size());
}

TEST(Limits, SegmentedAndSplitTextsKeepCodePointOffsets) {
    std::string text;
    const char* sentences[] = {"Perú — 日本 😀 Peru and Chile share a border. ",
                               "Japan and China are trading partners, and they cooperate on trade, energy, fishing, "
                               "mining, ports, roads, rails, schools and hospitals. ",
                               "Mexico and the United States share a long border. "};
    for (int i = 0; i < 300; ++i) {
        text += sentences[i % 3];
        if (i % 7 == 6) text += "\n\n";
    }
    Limits small;
    small.segment_bytes = 2048;
    small.max_sentence_tokens = 8;
    const auto g = extract_within_limits(pipeline(), doc(text), {}, small);
    std::size_t n = 0;
    for (const auto& r : g.result.relations)
        for (const auto& e : r.evidence) {
            ASSERT_TRUE(e.sentence_chars.has_value());
            EXPECT_EQ(code_point_slice(text, *e.sentence_chars), e.quote);
            ++n;
        }
    EXPECT_GE(n, 100u);
}

TEST(Limits, Windows1252SpansPointIntoTheOriginalBytes) {
    const std::string bytes =
        "The caf\xE9 owners said Peru and Chile share a border. \x93Japan and China are "
        "trading partners,\x94 she added.";
    const auto g = extract_within_limits(pipeline(), doc(bytes), {}, Limits{});
    ASSERT_FALSE(g.result.relations.empty());
    ASSERT_EQ(g.warnings.size(), 1u);
    EXPECT_NE(g.warnings[0].find("Windows-1252"), std::string::npos);
    for (const auto& r : g.result.relations)
        for (const auto& e : r.evidence) {
            EXPECT_EQ(decode_text(bytes.substr(e.sentence.begin, e.sentence.end - e.sentence.begin), "s").text,
                      e.quote);
            EXPECT_EQ(e.sentence_chars, e.sentence);  // one byte per character
        }
    for (const auto& m : g.result.mentions)
        EXPECT_EQ(bytes.substr(m.span.begin, m.span.end - m.span.begin), m.surface);  // names are ASCII here
}

TEST(Limits, SegmentsCoverTheTextAndCutAtBoundaries) {
    const std::string words(20000, 'x');
    auto segs = segment_text(words, 4096);
    ASSERT_EQ(segs.front().first, 0u);
    ASSERT_EQ(segs.back().second, words.size());
    for (std::size_t i = 0; i < segs.size(); ++i) {
        EXPECT_LE(segs[i].second - segs[i].first, 4096u);
        if (i) {
            EXPECT_EQ(segs[i].first, segs[i - 1].second);
        }
    }
    std::string paragraphs;
    while (paragraphs.size() < 20000) paragraphs += std::string(900, 'a') + ".\r\n\r\n";
    for (const auto& [b, e] : segment_text(paragraphs, 4096))
        if (e != paragraphs.size()) {
            EXPECT_EQ(paragraphs.substr(e - 4, 4), "\r\n\r\n");
        }
    std::string cjk;
    while (cjk.size() < 20000) cjk += "日本";
    for (const auto& [b, e] : segment_text(cjk, 4096)) EXPECT_EQ(b % 3, 0u);  // never inside a character
}

TEST(Limits, LongTextsAreSegmentedAndKeepTheirOffsets) {
    std::string text;
    const char* sentences[] = {"Peru and Chile share a border. ", "Japan and China are trading partners. ",
                               "Mexico and the United States share a long border. "};
    for (int i = 0; i < 300; ++i) {
        text += sentences[i % 3];
        if (i % 7 == 6) text += "\n\n";
    }
    Limits small;
    small.segment_bytes = 2048;
    const auto g = extract_within_limits(pipeline(), doc(text), {}, small);
    const auto whole = extract_within_limits(pipeline(), doc(text), {}, Limits{});
    EXPECT_EQ(relation_keys(g.result), relation_keys(whole.result));
    ASSERT_FALSE(g.notes.empty());
    EXPECT_NE(g.notes.back().find("segments"), std::string::npos);
    std::size_t evidence = 0, whole_evidence = 0;
    for (const auto& r : g.result.relations)
        for (const auto& e : r.evidence) {
            ++evidence;
            EXPECT_EQ(text.substr(e.sentence.begin, e.sentence.end - e.sentence.begin), e.quote);
        }
    for (const auto& r : whole.result.relations) whole_evidence += r.evidence.size();
    EXPECT_EQ(evidence, whole_evidence);
    for (const auto& m : g.result.mentions) EXPECT_EQ(text.substr(m.span.begin, m.span.end - m.span.begin), m.surface);
}

TEST(Limits, OverlongSentencesAreSplitAndEveryPieceIsShort) {
    std::string text = "Peru and Chile share a border";
    for (int i = 0; i < 2000; ++i) text += i % 50 == 49 ? ", and Japan and China are trading partners" : " and more";
    text += ".";
    Limits limits;
    limits.max_sentence_tokens = 40;
    const auto g = extract_within_limits(pipeline(), doc(text), {}, limits);
    ASSERT_EQ(g.warnings.size(), 1u);
    EXPECT_NE(g.warnings[0].find("longer than 40 tokens"), std::string::npos);
    EXPECT_FALSE(g.result.relations.empty());
    for (const auto& r : g.result.relations)
        for (const auto& e : r.evidence) {
            EXPECT_EQ(text.substr(e.sentence.begin, e.sentence.end - e.sentence.begin), e.quote);
            std::string folded;
            std::vector<Token> tokens;
            tokenize(e.quote, folded, tokens);
            EXPECT_LE(tokens.size(), 40u);
        }
}

TEST(Limits, ARelationFloodIsRefused) {
    std::string text;
    const char* countries[] = {"Peru", "Chile", "Japan", "China", "France", "Germany", "Spain", "Italy"};
    for (const auto* a : countries)
        for (const auto* b : countries)
            if (a != b) text += std::string(a) + " and " + b + " share a border. ";
    Limits limits;
    limits.max_relations = 5;
    try {
        extract_within_limits(pipeline(), doc(text), {}, limits);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Input);
        EXPECT_NE(std::string(e.what()).find("t.txt: "), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("--max-relations"), std::string::npos) << e.what();
    }
}

TEST(Limits, AStopRequestEndsTheDocumentBetweenSegments) {
    std::string text;
    while (text.size() < 50000) text += "Peru and Chile share a border.\n\n";
    std::atomic<bool> stop{true};
    Limits small;
    small.segment_bytes = 4096;
    const auto g = extract_within_limits(pipeline(), doc(text), {}, small, &stop);
    EXPECT_TRUE(g.interrupted);
}

}  // namespace dyad
