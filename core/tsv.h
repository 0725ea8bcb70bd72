// Reader for the project's TSV data files: '#' comments, one header row, fixed columns.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace dyad {

/// A data row with its line number, for error messages.
struct TsvRow {
    std::vector<std::string> fields;
    std::size_t line = 0;
    const std::string& at(std::size_t i) const { return fields.at(i); }
};

/// What it represents: a TSV file being read row by row. The first non-comment line must be
/// exactly the expected header, so a file written for another version is refused.
/// Thread safety: none; one reader per thread.
class TsvReader {
public:
    /// @throws Error (Data) when the file cannot be read or its header differs.
    TsvReader(const std::filesystem::path& path, std::vector<std::string> columns);
    /// The next data row, or nullopt at the end. @throws Error (Data) on a wrong column count.
    std::optional<TsvRow> next();
    /// An error located at the current row: "path:line: message".
    Error error(const std::string& message) const;
    const std::filesystem::path& path() const { return path_; }

private:
    std::optional<std::vector<std::string>> read_line();

    std::filesystem::path path_;
    std::vector<std::string> columns_;
    std::string content_;
    std::size_t pos_ = 0;
    std::size_t line_ = 0;
};

/// Splits "a|b|c" into its non-empty, trimmed parts.
std::vector<std::string> split_list(std::string_view field, char separator = '|');

}  // namespace dyad
