// JSON Lines input: one document per line, {"id": ..., "text": ..., "date": ..., "source": ...},
// read one line at a time (memory stays bounded by the longest allowed line).
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "core/corpus.h"

namespace dyad {

/// What it represents: one JSON Lines stream (a file, or standard input for "-") read as corpus
/// inputs. A record becomes a Document: `bytes` is the UTF-8 of "text", `id` its content hash
/// (as for a file with those bytes), `source` the record's "id", `date` its "date". A line that
/// is not such a record, or is longer than `max_line_bytes`, becomes an input with an error
/// ("FILE:LINE: what is wrong; what to do"), which the corpus loop skips and counts.
/// Thread safety: none; the corpus loop calls next() under its lock.
class JsonlReader {
public:
    /// @throws Error (Input) naming the file when it cannot be opened.
    JsonlReader(const std::filesystem::path& path, std::uint64_t max_line_bytes);
    ~JsonlReader();
    JsonlReader(const JsonlReader&) = delete;
    JsonlReader& operator=(const JsonlReader&) = delete;

    /// The next record (blank lines are passed over); false at the end of the stream.
    /// @throws Error (Input) when reading fails (an I/O error, not a bad line).
    bool next(CorpusInput& out);
    /// How messages name the stream: the path, or "<stdin>".
    const std::string& name() const { return name_; }

private:
    enum class Line { End, Ok, TooLong };
    Line read_line();

    std::string name_;
    std::uint64_t max_line_bytes_;
    std::unique_ptr<std::istream> owned_;
    std::istream* in_ = nullptr;
    std::string buffer_;      // bytes read and not yet consumed
    std::size_t offset_ = 0;  // start of the unconsumed part of buffer_
    std::string line_;
    std::uint64_t line_number_ = 0;
    bool eof_ = false;
};

/// Parses one JSON Lines record. On success fills `document` and returns an empty string; else
/// returns what is wrong with it (without the "FILE:LINE: " prefix).
std::string parse_jsonl_record(std::string_view line, Document& document);

}  // namespace dyad
