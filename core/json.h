// A streaming JSON writer for the reports (query, assess, diff): pretty-printed, deterministic,
// valid UTF-8 in, escaped JSON out. The JSON library stays behind this header.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string_view>

namespace dyad {

/// What it represents: one JSON document being written to a stream, in call order.
/// Thread safety: none; one writer per document.
class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out);
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    JsonWriter& value(std::int64_t n);
    JsonWriter& value(std::size_t n) { return value(static_cast<std::int64_t>(n)); }
    JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
    /// Rounded to 4 decimals, so that reports do not change with the last bits of a sum.
    JsonWriter& value(double d);
    JsonWriter& null();
    /// Ends the document with a newline. @throws Error (Export) when the stream failed.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace dyad
