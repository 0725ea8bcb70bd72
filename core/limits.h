// Extraction within limits: what stands between a file's bytes and the pipeline. Decodes the
// file (core/decode.h), cuts very large texts into segments, splits overlong sentences, caps the
// relations of one document, and maps every span of the result back to the original bytes.
// Documented in docs/reliability.md.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/pipeline.h"

namespace dyad {

/// The limits that keep one hostile or odd file from taking all the time or memory.
struct Limits {
    /// Larger files are skipped (--max-file-bytes).
    std::uint64_t max_file_bytes = 64ull << 20;
    /// A longer sentence is split into pieces of at most this many tokens (--max-sentence-tokens).
    std::uint32_t max_sentence_tokens = 150;
    /// A document that yields more distinct relations is skipped (--max-relations).
    std::size_t max_relations = 10000;
    /// A text longer than this is analysed in segments of about this size, cut at paragraph,
    /// line or sentence ends; the pair of countries is then found per segment (--segment-bytes).
    std::uint32_t segment_bytes = 64u << 10;
};

/// One document, extracted.
struct GuardedExtraction {
    ExtractionResult result;                    // spans are byte offsets into the original file
    std::vector<std::string> warnings;          // what a guess or a limit changed (--strict fails)
    std::vector<std::string> notes;             // how the file was read, for --verbose
    std::vector<std::string> rejection_quotes;  // with explain: the sentence of each rejection, UTF-8
    bool interrupted = false;                   // `stop` was set between segments: result incomplete
};

/// Decodes `document.bytes`, runs the pipeline within `limits` and maps every span (sentences,
/// subjects, objects, mentions, rejections) back to offsets into `document.bytes`. Quotes and
/// surfaces are UTF-8. `result.document` is `document`, unchanged.
/// @throws Error (Input) naming the document when it is skipped: not text, or over a limit.
GuardedExtraction extract_within_limits(const Pipeline& pipeline, Document document, const ExtractOptions& options,
                                        const Limits& limits, const std::atomic<bool>* stop = nullptr);

/// Where a text longer than `segment_bytes` is cut: [begin, end) byte ranges that cover it,
/// each at most `segment_bytes` long, ending after a blank line, a line break, a sentence end or
/// a space when there is one in the second half of the range.
std::vector<std::pair<std::uint32_t, std::uint32_t>> segment_text(std::string_view text, std::uint32_t segment_bytes);

}  // namespace dyad
