// The corpus loop: the only place besides the CLI's main that catches dyad::Error.
#include "core/corpus.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "core/error.h"

namespace dyad {

std::vector<std::filesystem::path> list_inputs(const std::vector<std::string>& inputs) {
    std::vector<std::filesystem::path> files;
    for (const auto& input : inputs) {
        if (input == "-") {
            files.emplace_back("-");
            continue;
        }
        std::error_code ec;
        const std::filesystem::path path(input);
        if (std::filesystem::is_directory(path, ec)) {
            std::vector<std::filesystem::path> found;
            for (auto it = std::filesystem::recursive_directory_iterator(
                     path, std::filesystem::directory_options::skip_permission_denied, ec);
                 !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec) && it->path().extension() == ".txt") found.push_back(it->path());
            }
            if (ec) throw input_error(input, "cannot list folder: " + ec.message());
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (std::filesystem::exists(path, ec)) {
            files.push_back(path);
        } else {
            throw input_error(input, "no such file or folder");
        }
    }
    return files;
}

Document read_document(const std::filesystem::path& path, std::uint64_t max_bytes) {
    Document d;
    d.source = path.string();
    if (path == "-") {
        d.source = "<stdin>";
        d.bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        if (ec) throw input_error(d.source, "cannot read: " + ec.message());
        if (size > max_bytes)
            throw input_error(d.source, "file is " + std::to_string(size) + " bytes, over the limit of " +
                                            std::to_string(max_bytes) + " (raise --max-file-bytes)");
        std::ifstream in(path, std::ios::binary);
        if (!in) throw input_error(d.source, "cannot open for reading (permissions?)");
        std::ostringstream ss;
        ss << in.rdbuf();
        if (in.bad()) throw input_error(d.source, "read error");
        d.bytes = ss.str();
    }
    if (d.bytes.size() > max_bytes)
        throw input_error(d.source, "input is over the limit of " + std::to_string(max_bytes) + " bytes");
    if (d.bytes.empty()) throw input_error(d.source, "empty file, nothing to extract");
    if (std::memchr(d.bytes.data(), '\0', d.bytes.size()))
        throw input_error(d.source, "binary file (contains NUL bytes); convert it to UTF-8 text first");
    d.id = content_id(d.bytes);
    return d;
}

CorpusSummary ingest_corpus(const std::vector<std::filesystem::path>& inputs, const Pipeline& pipeline,
                            Store& store, const CorpusOptions& options) {
    CorpusSummary summary;
    ExtractOptions extract_options;
    extract_options.explain = options.explain;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (options.stop && options.stop->load()) {
            summary.interrupted = true;
            break;
        }
        DocumentOutcome outcome;
        outcome.source = inputs[i] == "-" ? "<stdin>" : inputs[i].string();
        try {
            const auto document = read_document(inputs[i], options.max_file_bytes);
            outcome.bytes = document.bytes.size();
            summary.bytes += document.bytes.size();
            if (store.has_document(document.id) && !options.explain) {
                outcome.status = DocumentOutcome::Status::Unchanged;
                ++summary.unchanged;
            } else {
                auto result = pipeline.extract(document, extract_options);
                outcome.entities = result.entities.size();
                outcome.relations = result.relations.size();
                if (options.explain) {
                    outcome.rejections = std::move(result.rejections);
                    outcome.text = document.bytes;
                }
                if (store.ingest(result)) {
                    ++summary.added;
                } else {
                    outcome.status = DocumentOutcome::Status::Unchanged;
                    ++summary.unchanged;
                }
            }
        } catch (const Error& e) {
            // One bad document never stops the run; its transaction has rolled back.
            if (e.kind() == ErrorKind::Storage && std::string(e.what()).find("disk is full") != std::string::npos)
                throw;
            outcome.status = DocumentOutcome::Status::Skipped;
            outcome.message = e.what();
            ++summary.skipped;
        }
        if (options.on_document) options.on_document(outcome, i + 1, inputs.size());
    }
    return summary;
}

}  // namespace dyad
