// Input decoding: every encoding comes out as UTF-8 with offsets that lead back to the file.
#include "core/decode.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace dyad {
namespace {

std::string utf16(const std::u16string& s, bool little, bool bom = true) {
    std::string out;
    auto put = [&](char16_t u) {
        const auto lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
        if (little) {
            out.push_back(lo);
            out.push_back(hi);
        } else {
            out.push_back(hi);
            out.push_back(lo);
        }
    };
    if (bom) put(0xFEFF);
    for (const auto u : s) put(u);
    return out;
}

std::string error_of(std::string_view bytes) {
    try {
        decode_text(bytes, "in.txt");
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Input);
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Decode, ValidUtf8IsUsedAsItIsWithOrWithoutBom) {
    const auto plain = decode_text("Peru and Chile", "a.txt");
    EXPECT_FALSE(plain.transcoded);
    EXPECT_FALSE(plain.bom);
    EXPECT_TRUE(plain.map.identity());
    const auto bom = decode_text("\xEF\xBB\xBFM\xC3\xA9rida", "a.txt");
    EXPECT_FALSE(bom.transcoded);
    EXPECT_TRUE(bom.bom);
    EXPECT_EQ(bom.encoding, Encoding::Utf8);
}

TEST(Decode, Utf16BothOrdersTranscodeAndMapEveryCharacterBack) {
    // A, é (2 UTF-8 bytes), 日 (3), 😀 (a surrogate pair: 4 bytes in both encodings), B
    const std::u16string s = u"A\u00E9\u65E5\U0001F600B";
    for (const bool little : {true, false}) {
        const auto bytes = utf16(s, little);
        const auto d = decode_text(bytes, "u16.txt");
        EXPECT_EQ(d.encoding, little ? Encoding::Utf16LE : Encoding::Utf16BE);
        ASSERT_TRUE(d.transcoded);
        EXPECT_EQ(d.text,
                  "A\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"
                  "B");
        // decoded offset of each character -> original offset (after the 2-byte BOM)
        const std::pair<std::uint32_t, std::uint32_t> expected[] = {{0, 2}, {1, 4}, {3, 6}, {6, 8}, {10, 12}, {11, 14}};
        for (const auto& [dec, orig] : expected) EXPECT_EQ(d.map.to_source(dec), orig) << dec;
        EXPECT_EQ(d.replaced, 0u);
    }
}

TEST(Decode, BrokenUtf16IsRepairedNotFatal) {
    std::u16string s = u"ab";
    s.push_back(static_cast<char16_t>(0xD800));  // an unpaired high surrogate
    s += u"c";
    auto bytes = utf16(s, true);
    bytes.push_back('x');  // an odd trailing byte
    const auto d = decode_text(bytes, "u16.txt");
    EXPECT_EQ(d.text,
              "ab\xEF\xBF\xBD"
              "c\xEF\xBF\xBD");
    EXPECT_EQ(d.replaced, 2u);
    EXPECT_EQ(d.map.to_source(5), 8u);   // 'c'
    EXPECT_EQ(d.map.to_source(9), 11u);  // the end
}

TEST(Decode, NotUtf8FallsBackToWindows1252WithOffsets) {
    const std::string bytes = "Caf\xE9 \x80 \x93quoted\x94";
    const auto d = decode_text(bytes, "latin.txt");
    EXPECT_EQ(d.encoding, Encoding::Windows1252);
    EXPECT_EQ(d.text, "Caf\xC3\xA9 \xE2\x82\xAC \xE2\x80\x9Cquoted\xE2\x80\x9D");
    EXPECT_EQ(d.map.to_source(5), 4u);   // the space after é
    EXPECT_EQ(d.map.to_source(6), 5u);   // €
    EXPECT_EQ(d.map.to_source(13), 8u);  // q
    EXPECT_EQ(d.map.to_source(static_cast<std::uint32_t>(d.text.size())), bytes.size());
}

TEST(Decode, MostlyUtf8WithAStrayByteIsRepairedNotReadAsLatin1) {
    const std::string bytes = "M\xC3\xA9rida and C\xC3\xB4te \xFF end";
    const auto d = decode_text(bytes, "mixed.txt");
    EXPECT_EQ(d.encoding, Encoding::Utf8);
    ASSERT_TRUE(d.transcoded);
    EXPECT_EQ(d.replaced, 1u);
    EXPECT_EQ(d.text, "M\xC3\xA9rida and C\xC3\xB4te \xEF\xBF\xBD end");
    EXPECT_EQ(d.map.to_source(18), 18u);  // U+FFFD -> the stray byte
    EXPECT_EQ(d.map.to_source(21), 19u);  // the space after it
}

TEST(Decode, RefusedInputsSayWhyAndNameTheFile) {
    EXPECT_NE(error_of("").find("in.txt: empty file"), std::string::npos);
    EXPECT_NE(error_of("\xEF\xBB\xBF").find("only a byte order mark"), std::string::npos);
    EXPECT_NE(error_of(std::string("ab\0cd", 5)).find("binary file"), std::string::npos);
    EXPECT_NE(error_of(utf16(u"Peru and Chile", true, false)).find("UTF-16 without a byte order mark"),
              std::string::npos);
    EXPECT_NE(error_of(std::string("\xFF\xFE\0\0P\0\0\0", 8)).find("UTF-32"), std::string::npos);
    EXPECT_NE(error_of(utf16(std::u16string(u"a\0b", 3), true)).find("binary"), std::string::npos);
    EXPECT_NE(error_of(std::string(100, '\x01') + "text").find("control characters"), std::string::npos);
    // Ordinary controls of text files are fine.
    EXPECT_NO_THROW(decode_text("a\tb\r\nc\fd\x1B[0m\v", "ok.txt"));
}

TEST(Decode, ValidUtf8RepairReplacesEachMaximalInvalidSubpart) {
    EXPECT_TRUE(is_valid_utf8("plain \xE2\x80\x99 \xF0\x9F\x98\x80"));
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_EQ(to_valid_utf8("a\xF0\x9F\x98"
                            "b"),
              "a\xEF\xBF\xBD"
              "b");  // truncated: one U+FFFD
    EXPECT_EQ(to_valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(to_valid_utf8("ok \xC3\xA9"), "ok \xC3\xA9");
}

TEST(OffsetMap, InsertedPiecesMapToTheirPosition) {
    OffsetMap m;
    m.append_same(5);  // "hello"
    m.append(2, 0);    // "\n\n" inserted
    m.append_same(6);  // " world"
    EXPECT_EQ(m.to_source(5), 5u);
    EXPECT_EQ(m.to_source(6), 5u);
    EXPECT_EQ(m.to_source(7), 5u);
    EXPECT_EQ(m.to_source(8), 6u);
    EXPECT_EQ(m.to_source(13), 11u);
    EXPECT_EQ(m.runs(), 3u);
    OffsetMap id;
    EXPECT_TRUE(id.identity());
    EXPECT_EQ(id.to_source(42), 42u);
}

TEST(CodePointIndex, CountsCodePointsBeforeAByteOffset) {
    std::string text;
    for (int i = 0; i < 3000; ++i) text += "aé日😀";  // 1 + 2 + 3 + 4 bytes, 4 code points
    const CodePointIndex index(text);
    EXPECT_EQ(index.count(0), 0u);
    EXPECT_EQ(index.count(1), 1u);
    EXPECT_EQ(index.count(3), 2u);
    EXPECT_EQ(index.count(2), 2u);  // inside "é": counts it
    for (std::uint32_t k : {1u, 409u, 410u, 1000u, 2999u})
        EXPECT_EQ(index.count(k * 10), k * 4) << k;  // across checkpoints
    EXPECT_EQ(index.count(static_cast<std::uint32_t>(text.size())), 12000u);
    EXPECT_EQ(index.count(static_cast<std::uint32_t>(text.size()) + 5), 12000u);
    EXPECT_EQ(CodePointIndex("").count(3), 0u);
    // ASCII text (offsets are counts), and one accent late in a long text: only what follows it shifts
    std::string ascii(5000, 'x');
    EXPECT_EQ(CodePointIndex(ascii).count(4321), 4321u);
    EXPECT_EQ(CodePointIndex(ascii).count(6000), 5000u);
    ascii.replace(4000, 1, "é");
    const CodePointIndex late(ascii);
    EXPECT_EQ(late.count(3999), 3999u);
    EXPECT_EQ(late.count(4002), 4001u);
    EXPECT_EQ(late.count(5001), 5000u);
}

}  // namespace dyad
