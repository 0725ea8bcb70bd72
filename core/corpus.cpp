// The corpus loop: the only place besides the CLI's main that catches dyad::Error.
#include "core/corpus.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
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

namespace {

struct Work {
    DocumentOutcome outcome;
    std::optional<ExtractionResult> result;
};

// Reads and extracts one input; every failure becomes a skipped outcome.
Work extract_one(const std::filesystem::path& input, const Pipeline& pipeline, const CorpusOptions& options,
                 const std::unordered_set<std::string>& stored) {
    Work w;
    w.outcome.source = input == "-" ? "<stdin>" : input.string();
    try {
        auto document = read_document(input, options.max_file_bytes);
        w.outcome.bytes = document.bytes.size();
        if (stored.count(document.id) && !options.explain) {
            w.outcome.status = DocumentOutcome::Status::Unchanged;
            return w;
        }
        ExtractOptions extract_options;
        extract_options.explain = options.explain;
        w.result = pipeline.extract(document, extract_options);
        w.outcome.entities = w.result->entities.size();
        w.outcome.relations = w.result->relations.size();
        if (options.explain) {
            w.outcome.rejections = std::move(w.result->rejections);
            w.outcome.text = document.bytes;
        }
    } catch (const Error& e) {
        w.outcome.status = DocumentOutcome::Status::Skipped;
        w.outcome.message = e.what();
        w.result.reset();
    } catch (const std::exception& e) {
        w.outcome.status = DocumentOutcome::Status::Skipped;
        w.outcome.message = w.outcome.source + ": internal error: " + e.what();
        w.result.reset();
    }
    return w;
}

}  // namespace

CorpusSummary ingest_corpus(const std::vector<std::filesystem::path>& inputs, const Pipeline& pipeline,
                            Store& store, const CorpusOptions& options) {
    CorpusSummary summary;
    const auto stored = store.document_ids();
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(inputs.size(), 1)));
    // A bounded window of finished documents waits for the writer: memory stays flat.
    const std::size_t window = 4 * static_cast<std::size_t>(threads);

    std::mutex mutex;
    std::condition_variable produced, consumed;
    std::map<std::size_t, Work> done;
    std::size_t next_input = 0, next_write = 0;
    bool stopping = false;

    auto worker = [&] {
        while (true) {
            std::size_t i;
            {
                std::unique_lock lock(mutex);
                consumed.wait(lock, [&] { return stopping || next_input < next_write + window; });
                if (stopping || next_input >= inputs.size()) return;
                i = next_input++;
            }
            auto w = extract_one(inputs[i], pipeline, options, stored);
            {
                std::lock_guard lock(mutex);
                done.emplace(i, std::move(w));
            }
            produced.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    auto stop_workers = [&] {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        consumed.notify_all();
        for (auto& t : pool)
            if (t.joinable()) t.join();
    };
    try {
        for (; next_write < inputs.size();) {
            if (options.stop && options.stop->load()) {
                summary.interrupted = true;
                break;
            }
            Work w;
            {
                std::unique_lock lock(mutex);
                produced.wait(lock, [&] { return done.count(next_write) > 0; });
                w = std::move(done.at(next_write));
                done.erase(next_write);
            }
            summary.bytes += w.outcome.bytes;
            if (w.result) {
                try {
                    if (store.ingest(*w.result)) {
                        ++summary.added;
                    } else {
                        w.outcome.status = DocumentOutcome::Status::Unchanged;
                        ++summary.unchanged;
                    }
                } catch (const Error& e) {
                    // Its transaction rolled back. A full disk ends the run; anything else skips it.
                    if (std::string(e.what()).find("disk is full") != std::string::npos) throw;
                    w.outcome.status = DocumentOutcome::Status::Skipped;
                    w.outcome.message = e.what();
                    ++summary.skipped;
                }
            } else if (w.outcome.status == DocumentOutcome::Status::Unchanged) {
                ++summary.unchanged;
            } else {
                ++summary.skipped;
            }
            {
                std::lock_guard lock(mutex);
                ++next_write;
            }
            consumed.notify_all();
            if (options.on_document) options.on_document(w.outcome, next_write, inputs.size());
        }
    } catch (...) {
        stop_workers();
        throw;
    }
    stop_workers();
    return summary;
}

}  // namespace dyad
