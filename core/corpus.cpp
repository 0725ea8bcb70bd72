// The corpus loop: the only place besides the CLI's main that catches dyad::Error.
#include "core/corpus.h"

#include <algorithm>
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

namespace {

// Reads a stream to its end, or until it is over `max_bytes`: standard input and pipes have no
// size to check first.
std::string read_bounded(std::istream& in, std::uint64_t max_bytes, const std::string& source) {
    std::string bytes;
    char buf[64 * 1024];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        bytes.append(buf, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > max_bytes)
            throw input_error(source, "input is over the limit of " + std::to_string(max_bytes) +
                                          " bytes (raise --max-file-bytes)");
    }
    if (in.bad()) throw input_error(source, "read error");
    return bytes;
}

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

Document read_document(const std::filesystem::path& path, std::uint64_t max_bytes) {
    Document d;
    d.source = path.string();
    if (path == "-") {
        d.source = "<stdin>";
        d.bytes = read_bounded(std::cin, max_bytes, d.source);
    } else {
        std::error_code ec;
        const auto status = std::filesystem::status(path, ec);
        if (ec) throw input_error(d.source, "cannot read: " + ec.message());
        if (std::filesystem::is_directory(status)) throw input_error(d.source, "is a folder, not a text file");
        std::ifstream in(path, std::ios::binary);
        if (!in) throw input_error(d.source, "cannot open for reading (permissions?)");
        if (std::filesystem::is_regular_file(status)) {
            const auto size = std::filesystem::file_size(path, ec);
            if (ec) throw input_error(d.source, "cannot read: " + ec.message());
            if (size > max_bytes)
                throw input_error(d.source, "file is " + std::to_string(size) + " bytes, over the limit of " +
                                                std::to_string(max_bytes) + " (raise --max-file-bytes)");
        }
        d.bytes = read_bounded(in, max_bytes, d.source);  // a pipe or device has no size to check
    }
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
            auto document = read_document(inputs[i], options.limits.max_file_bytes);
            outcome.bytes = document.bytes.size();
            summary.bytes += document.bytes.size();
            if (store.has_document(document.id) && !options.explain) {
                outcome.status = DocumentOutcome::Status::Unchanged;
                ++summary.unchanged;
            } else {
                auto extraction =
                    extract_within_limits(pipeline, std::move(document), extract_options, options.limits, options.stop);
                auto& result = extraction.result;
                outcome.entities = result.entities.size();
                outcome.relations = result.relations.size();
                outcome.notes = std::move(extraction.notes);
                if (options.explain) {
                    outcome.rejections = std::move(result.rejections);
                    outcome.quotes = std::move(extraction.rejection_quotes);
                }
                if (extraction.interrupted) {
                    // Stopped inside a long document: nothing of it is stored; the next run redoes it.
                    outcome.status = DocumentOutcome::Status::Interrupted;
                    summary.interrupted = true;
                } else if (store.ingest(result)) {
                    ++summary.added;
                    outcome.warnings = std::move(extraction.warnings);
                    if (!outcome.warnings.empty()) ++summary.warned;
                } else {
                    outcome.status = DocumentOutcome::Status::Unchanged;
                    ++summary.unchanged;
                }
            }
        } catch (const Error& e) {
            // A database error is not about this document: stop, keeping what was committed.
            if (e.kind() == ErrorKind::Storage)
                throw Error(ErrorKind::Storage,
                            std::string(e.what()) + " (" + plural(summary.added, "document") +
                                " saved before this; the same command continues where it stopped)");
            // One bad document never stops the run; its transaction has rolled back.
            outcome.status = DocumentOutcome::Status::Skipped;
            outcome.message = e.what();
            ++summary.skipped;
        }
        if (options.on_document) options.on_document(outcome, i + 1, inputs.size());
        if (summary.interrupted) break;
    }
    return summary;
}

}  // namespace dyad
