// Fuzz target: decoding, the tokenizer and the sentence splitter on arbitrary bytes, with their
// invariants: tokens ordered inside the text, sentences covering the tokens, decoded text valid
// UTF-8 with a monotone map back into the input, segments covering the text.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/decode.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/text.h"
#include "tests/fuzz/fuzz_check.h"

using namespace dyad;

namespace {

void check_analysis(std::string_view text, const SentenceRules& rules) {
    std::string folded;
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
    tokenize(text, folded, tokens);
    std::uint32_t prev_end = 0, prev_fend = 0;
    for (const auto& t : tokens) {
        FUZZ_CHECK(t.begin < t.end && t.end <= text.size());
        FUZZ_CHECK(t.begin >= prev_end);
        FUZZ_CHECK(t.fbegin <= t.fend && t.fend <= folded.size() && t.fbegin >= prev_fend);
        prev_end = t.end;
        prev_fend = t.fend;
    }
    split_sentences(text, folded, tokens, rules, sentences);
    std::uint32_t next = 0;
    for (const auto& s : sentences) {
        FUZZ_CHECK(s.first == next && s.first < s.last && s.last <= tokens.size());
        FUZZ_CHECK(s.span.begin == tokens[s.first].begin && s.span.end == tokens[s.last - 1].end);
        next = s.last;
    }
    FUZZ_CHECK(next == tokens.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto rules = SentenceRules::load(std::string(DYAD_FUZZ_DATA_DIR) + "/patterns/sentences.tsv");
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    check_analysis(bytes, rules);  // the raw bytes, as a caller that skips decoding would pass them

    const auto repaired = to_valid_utf8(bytes);
    FUZZ_CHECK(is_valid_utf8(repaired));
    FUZZ_CHECK(is_valid_utf8(bytes) == (repaired == bytes));

    try {
        const auto d = decode_text(bytes, "fuzz");
        const std::string_view text = d.transcoded ? std::string_view(d.text) : bytes;
        FUZZ_CHECK(is_valid_utf8(text));
        if (d.transcoded) {
            std::uint32_t prev = d.map.to_source(0);
            for (std::uint32_t i = 1; i <= d.text.size(); ++i) {
                const auto o = d.map.to_source(i);
                FUZZ_CHECK(o >= prev && o <= size);
                prev = o;
            }
            FUZZ_CHECK(d.map.to_source(static_cast<std::uint32_t>(d.text.size())) == size);
        }
        check_analysis(text, rules);
        const auto segments = segment_text(text, 64);
        std::uint32_t at = 0;
        for (const auto& [b, e] : segments) {
            FUZZ_CHECK(b == at && b < e && e - b <= 64);
            at = e;
        }
        FUZZ_CHECK(at == text.size());
    } catch (const Error& e) {
        FUZZ_CHECK(e.kind() == ErrorKind::Input);  // refused as not text: fine
    }

    if (size <= 4096) {  // the name helpers, on short strings as they see in practice
        const auto s = slug(bytes);
        for (const char c : s) FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
        fold(bytes);
        const auto name = clean_name(bytes);
        FUZZ_CHECK(name.size() <= size);
    }
    return 0;
}
