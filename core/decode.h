// Input decoding, in one place: whatever the bytes of a file are, the analysis sees UTF-8 and
// every offset it reports can be mapped back to the ORIGINAL file's bytes.
//
//   UTF-8 (with or without a byte order mark)   used as is: offsets are the file's offsets
//   UTF-16 LE/BE with a byte order mark          transcoded to UTF-8, offsets mapped back
//   not valid UTF-8, mostly UTF-8                 invalid sequences replaced by U+FFFD, mapped back
//   not valid UTF-8, otherwise                    read as Windows-1252 (a superset of Latin-1), mapped back
//   empty, NUL bytes, mostly control characters,  refused with Error (Input) naming the file
//   UTF-32
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad {

enum class Encoding { Utf8, Utf16LE, Utf16BE, Windows1252 };
std::string_view to_string(Encoding e);

/// What it represents: a monotone map from byte offsets of a derived text (a transcoding, or a
/// copy with inserted breaks) back to offsets of the text it was made from. Stored as runs of
/// equal steps, so plain ASCII transcoded from UTF-16 is one run. Empty means identity.
/// Thread safety: immutable after building.
class OffsetMap {
public:
    /// Extends both texts by one unit: `derived` bytes made from `source` bytes (derived > 0).
    /// An inserted piece is (n, 0).
    void append(std::uint32_t derived, std::uint32_t source);
    /// Extends both texts by `n` bytes copied unchanged.
    void append_same(std::uint32_t n);
    /// Source offset where the derived text begins (a byte order mark that was dropped).
    void start_at(std::uint32_t source);
    /// The source offset of a derived offset; an offset inside a unit maps to the unit's end.
    std::uint32_t to_source(std::uint32_t derived) const;
    bool identity() const { return runs_.empty() && source_start_ == 0; }
    std::size_t runs() const { return runs_.size(); }

private:
    struct Run {
        std::uint32_t derived;
        std::uint32_t source;
        std::uint32_t dstep;
        std::uint32_t sstep;
    };
    std::vector<Run> runs_;
    std::uint32_t dend_ = 0;
    std::uint32_t send_ = 0;
    std::uint32_t source_start_ = 0;
};

/// The result of decoding one file.
struct DecodedText {
    Encoding encoding = Encoding::Utf8;
    bool bom = false;
    /// True when `text` holds a transcoded copy; false when the original bytes are valid UTF-8
    /// and are analysed as they are (`text` is then empty).
    bool transcoded = false;
    std::string text;
    OffsetMap map;             // text offsets -> original offsets (identity when not transcoded)
    std::size_t replaced = 0;  // invalid sequences replaced by U+FFFD
};

/// Decodes a file's bytes. `source` names the file in error messages.
/// @throws Error (Input) "source: why; what to do" for an empty file, a binary file (NUL bytes,
/// mostly control characters) or an unsupported encoding (UTF-32).
DecodedText decode_text(std::string_view bytes, const std::string& source);

/// Counts the code points before a byte offset of well-formed UTF-8 text, in time proportional
/// to the distance from the last checkpoint (one every 4 KiB). Keeps a view of the text, which
/// must outlive it. Thread safety: immutable after construction.
class CodePointIndex {
public:
    explicit CodePointIndex(std::string_view text);
    /// Code points in text[0, byte_offset); an offset past the end counts the whole text, an
    /// offset inside a multi-byte sequence counts that sequence's code point.
    std::uint32_t count(std::uint32_t byte_offset) const;

private:
    // Small steps: evidence asks for two offsets per mention, so a count scans at most this many
    // bytes; the checkpoints cost 4 bytes per step.
    static constexpr std::uint32_t kStep = 128;
    std::string_view text_;
    bool one_byte_each_ = true;               // no continuation byte: offsets are counts
    std::vector<std::uint32_t> checkpoints_;  // code points before byte k * kStep
};

/// True when `text` is well-formed UTF-8 (no surrogates, no overlong forms, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);
/// `text` with every maximal invalid subpart replaced by U+FFFD; valid text comes back unchanged.
std::string to_valid_utf8(std::string_view text);

}  // namespace dyad
