// Fuzz target: the whole extraction on arbitrary bytes, as `dyad extract` runs it (decoding,
// limits, every stage) and, for short inputs, the pipeline alone on the raw bytes. Checks that
// every span lies inside the input, every stored string is valid UTF-8, every relation joins two
// extracted entities, and no internal invariant breaks (Error Internal is a bug).
#include <cstdint>
#include <set>
#include <string>

#include "core/decode.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/pipeline.h"
#include "extractors/registry.h"
#include "tests/fuzz/fuzz_check.h"

using namespace dyad;

namespace {

void check_result(const ExtractionResult& r, std::size_t size, bool utf8) {
    auto in = [&](Span s) { return s.begin <= s.end && s.end <= size; };
    std::set<std::string> keys;
    for (const auto& e : r.entities) {
        keys.insert(e.key);
        if (utf8) FUZZ_CHECK(is_valid_utf8(e.name));
    }
    for (const auto& rel : r.relations) {
        FUZZ_CHECK(keys.count(rel.subject) && keys.count(rel.object));
        FUZZ_CHECK(rel.subject != rel.object);
        FUZZ_CHECK(!rel.evidence.empty());
        for (const auto& e : rel.evidence) {
            FUZZ_CHECK(in(e.sentence) && in(e.subject) && in(e.object));
            if (utf8) FUZZ_CHECK(is_valid_utf8(e.quote));
        }
    }
    for (const auto& m : r.mentions) {
        FUZZ_CHECK(in(m.span));
        if (utf8) FUZZ_CHECK(is_valid_utf8(m.surface));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto pipeline = extractors::make_pipeline(DYAD_FUZZ_DATA_DIR);
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    Document d{content_id(bytes), "fuzz.txt", bytes, ""};
    Limits limits;
    limits.segment_bytes = 4096;  // small inputs still cross segments
    limits.max_sentence_tokens = 40;
    limits.max_relations = 2000;
    try {
        const auto g = extract_within_limits(*pipeline, d, ExtractOptions{true}, limits);
        check_result(g.result, size, true);
        FUZZ_CHECK(g.result.document.bytes == bytes);
        FUZZ_CHECK(g.rejection_quotes.size() == g.result.rejections.size());
    } catch (const Error& e) {
        FUZZ_CHECK(e.kind() == ErrorKind::Input);  // skipped with a reason: fine
    }
    if (size <= 2048) {
        try {
            check_result(pipeline->extract(d, ExtractOptions{true}), size, false);
        } catch (const Error& e) {
            std::fprintf(stderr, "%s\n", e.what());
            FUZZ_CHECK(e.kind() != ErrorKind::Internal);
        }
    }
    return 0;
}
