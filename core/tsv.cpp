// TSV reading with file:line errors.
#include "core/tsv.h"

#include <fstream>
#include <sstream>

namespace dyad {
namespace {

std::vector<std::string> split_tabs(std::string_view line) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto tab = line.find('\t', start);
        out.emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
    return s;
}

}  // namespace

TsvReader::TsvReader(const std::filesystem::path& path, std::vector<std::string> columns)
    : path_(path), columns_(std::move(columns)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Data, path.string() + ": cannot read data file; check --data or DYAD_DATA_DIR");
    std::ostringstream ss;
    ss << in.rdbuf();
    content_ = ss.str();
    auto header = read_line();
    if (!header) throw error("no header row; expected: " + join(columns_));
    if (*header != columns_)
        throw error("header is '" + join(*header) + "', expected '" + join(columns_) +
                    "'; the file was written for another format version (see docs/data-formats.md)");
}

std::optional<std::vector<std::string>> TsvReader::read_line() {
    while (pos_ < content_.size()) {
        auto eol = content_.find('\n', pos_);
        if (eol == std::string::npos) eol = content_.size();
        std::string_view line(content_.data() + pos_, eol - pos_);
        pos_ = eol + 1;
        ++line_;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        return split_tabs(line);
    }
    return std::nullopt;
}

std::optional<TsvRow> TsvReader::next() {
    auto fields = read_line();
    if (!fields) return std::nullopt;
    if (fields->size() != columns_.size())
        throw error("expected " + std::to_string(columns_.size()) + " tab-separated columns (" + join(columns_) +
                    "), found " + std::to_string(fields->size()) + "; see docs/data-formats.md");
    return TsvRow{std::move(*fields), line_};
}

Error TsvReader::error(const std::string& message) const { return data_error(path_.string(), line_, message); }

std::vector<std::string> split_list(std::string_view field, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= field.size()) {
        auto end = field.find(separator, start);
        if (end == std::string_view::npos) end = field.size();
        auto part = field.substr(start, end - start);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        if (!part.empty()) out.emplace_back(part);
        start = end + 1;
    }
    return out;
}

}  // namespace dyad
