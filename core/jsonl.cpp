// JSON Lines input (docs/cli.md, "extract --jsonl"). RapidJSON stays behind this file.
#include "core/jsonl.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstring>
#include <fstream>
#include <iostream>

#include "core/error.h"
#include "core/pipeline.h"

namespace dyad {

JsonlReader::JsonlReader(const std::filesystem::path& path, std::uint64_t max_line_bytes)
    : name_(path == "-" ? "<stdin>" : path.string()), max_line_bytes_(max_line_bytes) {
    if (path == "-") {
        in_ = &std::cin;
        return;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw input_error(name_, "is a folder; --jsonl takes a file or -");
    if (!std::filesystem::exists(path, ec)) throw input_error(name_, "no such file");
    owned_ = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*owned_) throw input_error(name_, "cannot open for reading (permissions?)");
    in_ = owned_.get();
}

JsonlReader::~JsonlReader() = default;

// Reads the next line into line_ without its "\n" (and "\r"), holding at most max_line_bytes_ of
// it: the rest of a longer line is read and dropped.
JsonlReader::Line JsonlReader::read_line() {
    line_.clear();
    bool too_long = false, any = false;
    for (;;) {
        if (offset_ >= buffer_.size()) {
            if (eof_) break;
            buffer_.resize(256 * 1024);
            in_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
            buffer_.resize(static_cast<std::size_t>(in_->gcount()));
            offset_ = 0;
            if (in_->bad()) throw input_error(name_, "read error after line " + std::to_string(line_number_));
            if (!*in_) eof_ = true;
            if (buffer_.empty()) break;
        }
        any = true;
        const char* begin = buffer_.data() + offset_;
        const auto left = buffer_.size() - offset_;
        const auto* nl = static_cast<const char*>(std::memchr(begin, '\n', left));
        const std::size_t take = nl ? static_cast<std::size_t>(nl - begin) : left;
        if (!too_long) {
            if (line_.size() + take > max_line_bytes_) {
                too_long = true;
                line_.clear();
                line_.shrink_to_fit();
            } else {
                line_.append(begin, take);
            }
        }
        offset_ += take + (nl ? 1 : 0);
        if (nl) break;
    }
    if (!any) return Line::End;
    ++line_number_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    return too_long ? Line::TooLong : Line::Ok;
}

bool JsonlReader::next(CorpusInput& out) {
    for (;;) {
        const auto kind = read_line();
        if (kind == Line::End) return false;
        out = CorpusInput{};
        out.label = name_ + ":" + std::to_string(line_number_);
        if (kind == Line::TooLong) {
            out.error = out.label + ": line is over the limit of " + std::to_string(max_line_bytes_) +
                        " bytes (raise --max-file-bytes)";
            return true;
        }
        if (line_.find_first_not_of(" \t") == std::string::npos) continue;  // a blank line is no record
        Document d;
        const auto problem = parse_jsonl_record(line_, d);
        if (!problem.empty()) {
            out.error = out.label + ": " + problem;
            return true;
        }
        out.label += " (" + d.source + ")";
        out.document = std::move(d);
        return true;
    }
}

std::string parse_jsonl_record(std::string_view line, Document& document) {
    rapidjson::Document json;
    json.Parse(line.data(), line.size());
    if (json.GetParseError() == rapidjson::kParseErrorDocumentRootNotSingular)
        return "more than one JSON value on the line; write one JSON object per line";
    if (json.HasParseError()) {
        std::string what = rapidjson::GetParseError_En(json.GetParseError());
        if (!what.empty() && what.back() == '.') what.pop_back();
        return "not valid JSON (" + what + " at byte " + std::to_string(json.GetErrorOffset()) +
               "); write one JSON object per line";
    }
    if (!json.IsObject()) return "not a JSON object; write one {\"id\": ..., \"text\": ...} object per line";
    auto field = [&](const char* name, bool required, std::string& into) -> std::string {
        const auto it = json.FindMember(name);
        if (it == json.MemberEnd() || it->value.IsNull())
            return required ? std::string("no \"") + name + "\" field; every record needs \"id\" and \"text\"" : "";
        if (!it->value.IsString()) return std::string("\"") + name + "\" is not a string";
        into.assign(it->value.GetString(), it->value.GetStringLength());
        return "";
    };
    std::string id, source;
    for (const auto& problem : {field("id", true, id), field("text", true, document.bytes),
                                field("date", false, document.date), field("source", false, source)})
        if (!problem.empty()) return problem;
    if (id.empty()) return "\"id\" is empty; give every record a stable id";
    document.source = id;
    document.id = content_id(document.bytes);
    return "";
}

}  // namespace dyad
