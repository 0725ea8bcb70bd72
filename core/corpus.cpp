// The corpus loop: the only place besides the CLI's main that catches dyad::Error.
#include "core/corpus.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error.h"

namespace dyad {

namespace {

// One folder's .txt files and subfolders (not followed through symbolic links, as
// recursive_directory_iterator does not), sorted in reverse: the walk takes them from the back.
std::vector<std::pair<std::filesystem::path, bool>> list_folder(const std::filesystem::path& folder) {
    std::vector<std::pair<std::filesystem::path, bool>> entries;  // (path, is a folder)
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, std::filesystem::directory_options::skip_permission_denied, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) entries.emplace_back(it->path(), true);
        else if (it->is_regular_file(type_ec) && it->path().extension() == ".txt")
            entries.emplace_back(it->path(), false);
    }
    if (ec) throw input_error(folder.string(), "cannot list folder: " + ec.message());
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return b.first < a.first; });
    return entries;
}

}  // namespace

InputLister::InputLister(std::vector<std::string> inputs) : inputs_(std::move(inputs)) {
    for (const auto& input : inputs_) {
        std::error_code ec;
        if (input != "-" && !std::filesystem::exists(std::filesystem::path(input), ec))
            throw input_error(input, "no such file or folder");
    }
}

std::size_t InputLister::count() const {
    // The same walk as next(), from the start: the count cannot disagree with it.
    InputLister walk(inputs_);
    std::size_t n = 0;
    for (std::filesystem::path file; walk.next(file);) ++n;
    return n;
}

bool InputLister::next(std::filesystem::path& file) {
    for (;;) {
        if (!stack_.empty()) {
            auto& entries = stack_.back().entries;
            if (entries.empty()) {
                stack_.pop_back();
                continue;
            }
            auto [path, is_folder] = std::move(entries.back());
            entries.pop_back();
            if (is_folder) {
                stack_.push_back({list_folder(path)});
                continue;
            }
            file = std::move(path);
            return true;
        }
        if (next_input_ >= inputs_.size()) return false;
        const std::filesystem::path input(inputs_[next_input_++]);
        std::error_code ec;
        if (input != "-" && std::filesystem::is_directory(input, ec)) {
            stack_.push_back({list_folder(input)});
            continue;
        }
        file = input;
        return true;
    }
}

namespace {

// Reads a stream to its end, or until it is over `max_bytes`: standard input and pipes have no
// size to check first.
std::string read_bounded(std::istream& in, std::uint64_t max_bytes, const std::string& source) {
    std::string bytes;
    constexpr std::size_t kChunk = 64 * 1024;
    const std::unique_ptr<char[]> buf(new char[kChunk]);  // not zeroed: read() fills what is used
    while (in.read(buf.get(), static_cast<std::streamsize>(kChunk)) || in.gcount() > 0) {
        bytes.append(buf.get(), static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > max_bytes)
            throw input_error(
                source, "input is over the limit of " + std::to_string(max_bytes) + " bytes (raise --max-file-bytes)");
    }
    if (in.bad()) throw input_error(source, "read error");
    return bytes;
}

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

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
        if (std::filesystem::is_regular_file(status)) {
            const auto size = std::filesystem::file_size(path, ec);
            if (ec) throw input_error(d.source, "cannot read: " + ec.message());
            if (size > max_bytes)
                throw input_error(d.source, "file is " + std::to_string(size) + " bytes, over the limit of " +
                                                std::to_string(max_bytes) + " (raise --max-file-bytes)");
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) throw input_error(d.source, "cannot open for reading (permissions?)");
        d.bytes = read_bounded(in, max_bytes, d.source);  // a pipe or device has no size to check
    }
    d.id = content_id(d.bytes);
    return d;
}

namespace {

struct Work {
    DocumentOutcome outcome;
    std::optional<ExtractionResult> result;
};

// Reads and extracts one input; every failure becomes a skipped outcome.
Work extract_one(CorpusInput input, const Pipeline& pipeline, const CorpusOptions& options,
                 const KnownDocument& known) {
    Work w;
    w.outcome.source = !input.label.empty() ? input.label : input.path == "-" ? "<stdin>" : input.path.string();
    if (!input.error.empty()) {
        w.outcome.status = DocumentOutcome::Status::Skipped;
        w.outcome.message = input.error;
        return w;
    }
    try {
        auto document =
            input.document ? std::move(*input.document) : read_document(input.path, options.limits.max_file_bytes);
        w.outcome.bytes = document.bytes.size();
        if (known && !options.explain && known(document.id)) {
            w.outcome.status = DocumentOutcome::Status::Unchanged;
            return w;
        }
        ExtractOptions extract_options;
        extract_options.explain = options.explain;
        auto extraction =
            extract_within_limits(pipeline, std::move(document), extract_options, options.limits, options.stop);
        w.outcome.notes = std::move(extraction.notes);
        w.outcome.warnings = std::move(extraction.warnings);
        if (extraction.interrupted) {
            // Stopped inside a long document: nothing of it is stored; the next run redoes it.
            w.outcome.status = DocumentOutcome::Status::Interrupted;
            return w;
        }
        w.result = std::move(extraction.result);
        if (options.render) w.result->rendered = options.render(*w.result);
        w.outcome.entities = w.result->entities.size();
        w.outcome.relations = w.result->relations.size();
        if (options.explain) {
            w.outcome.rejections = std::move(w.result->rejections);
            w.outcome.quotes = std::move(extraction.rejection_quotes);
        }
    } catch (const Error& e) {
        w.outcome.status = DocumentOutcome::Status::Skipped;
        w.outcome.message = e.what();
        w.outcome.warnings.clear();
        w.result.reset();
    } catch (const std::exception& e) {
        w.outcome.status = DocumentOutcome::Status::Skipped;
        w.outcome.message = w.outcome.source + ": internal error: " + e.what();
        w.outcome.warnings.clear();
        w.result.reset();
    }
    return w;
}

}  // namespace

CorpusSummary run_corpus(const InputSource& next, std::size_t total, const Pipeline& pipeline, const DocumentSink& sink,
                         const KnownDocument& known, const CorpusOptions& options) {
    CorpusSummary summary;
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    if (total > 0) threads = static_cast<unsigned>(std::min<std::size_t>(threads, total));
    // A bounded window of finished documents waits for the writer: memory stays flat. Large
    // documents also count by size: past the byte budget only the one the writer waits for starts.
    const std::size_t window = 4 * static_cast<std::size_t>(threads);
    constexpr std::uint64_t kInflightBytes = 256ull << 20;

    std::mutex mutex;
    std::condition_variable produced, consumed;
    std::map<std::size_t, Work> done;
    std::size_t next_input = 0, next_write = 0;
    std::uint64_t inflight = 0;  // bytes of documents extracted and not yet written
    bool stopping = false;
    bool exhausted = false;  // `next` has no more inputs: next_input is their number

    auto worker = [&] {
        while (true) {
            std::size_t i;
            CorpusInput input;
            {
                std::unique_lock lock(mutex);
                consumed.wait(lock, [&] {
                    return stopping || exhausted ||
                           (next_input < next_write + window &&
                            (inflight < kInflightBytes || next_input == next_write));
                });
                if (stopping || exhausted) return;
                bool more = false;
                try {
                    more = next(input);
                } catch (const Error& e) {  // the stream itself failed (an I/O error): nothing more from it
                    input = CorpusInput{};
                    input.error = e.what();
                    more = true;
                    exhausted = true;
                }
                if (!more) {
                    exhausted = true;
                    lock.unlock();
                    produced.notify_all();
                    consumed.notify_all();
                    return;
                }
                i = next_input++;
            }
            auto w = extract_one(std::move(input), pipeline, options, known);
            {
                std::lock_guard lock(mutex);
                inflight += w.outcome.bytes;
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
    // Finished documents wait in `batch` and go to the sink together: one transaction for many
    // documents. Their outcomes are reported once the sink has them (committed, for a Store).
    std::vector<Work> batch;
    std::uint64_t batch_bytes = 0;
    std::size_t reported = 0;
    auto flush = [&] {
        if (batch.empty()) return;
        std::vector<const ExtractionResult*> results;
        for (const auto& w : batch)
            if (w.result) results.push_back(&*w.result);
        std::vector<bool> added;
        if (!results.empty()) {
            try {
                added = sink(results);
            } catch (const Error& e) {
                if (e.kind() != ErrorKind::Storage) throw;
                // The batch's transaction rolled back. A database error is not about one document
                // (locked, read-only, full, damaged): stop, keeping what was committed.
                throw Error(e.kind(), std::string(e.what()) + " (" + plural(summary.added, "document") +
                                          " saved before this; the same command continues where it stopped)");
            }
            if (added.size() != results.size())
                throw Error(ErrorKind::Internal, "document sink answered for " + std::to_string(added.size()) + " of " +
                                                     std::to_string(results.size()) + " documents");
        }
        std::size_t k = 0;
        for (auto& w : batch) {
            if (w.result) {
                if (added[k++]) {
                    ++summary.added;
                    if (!w.outcome.warnings.empty()) ++summary.warned;
                } else {
                    w.outcome.status = DocumentOutcome::Status::Unchanged;
                    w.outcome.warnings.clear();
                    ++summary.unchanged;
                }
            } else if (w.outcome.status == DocumentOutcome::Status::Unchanged) {
                ++summary.unchanged;
            } else {
                ++summary.skipped;
            }
            std::size_t count;
            {
                std::lock_guard lock(mutex);
                count = exhausted ? next_input : std::max(total, next_input);
            }
            ++reported;
            if (options.on_document) options.on_document(w.outcome, reported, count);
        }
        batch.clear();
        batch_bytes = 0;
    };
    const std::size_t batch_limit = std::max<std::size_t>(1, options.batch_documents);
    constexpr std::uint64_t kBatchBytes = 8ull << 20;  // a transaction stays short next to --busy-timeout
    constexpr auto kBatchWait = std::chrono::milliseconds(200);
    try {
        for (;;) {
            if (options.stop && options.stop->load()) {
                summary.interrupted = true;
                break;
            }
            Work w;
            bool ready;
            {
                std::unique_lock lock(mutex);
                auto has_next = [&] { return done.count(next_write) > 0 || (exhausted && next_write >= next_input); };
                // A pending batch is not held back by a slow input: it goes out when nothing is ready.
                if (batch.empty()) {
                    produced.wait(lock, has_next);
                    ready = true;
                } else {
                    ready = produced.wait_for(lock, kBatchWait, has_next);
                }
                if (ready) {
                    if (!done.count(next_write)) break;  // every input has been taken
                    w = std::move(done.at(next_write));
                    done.erase(next_write);
                    inflight -= w.outcome.bytes;
                    ++next_write;
                }
            }
            if (!ready) {
                flush();
                continue;
            }
            consumed.notify_all();
            summary.bytes += w.outcome.bytes;
            if (w.outcome.status == DocumentOutcome::Status::Interrupted) {
                summary.interrupted = true;
                break;
            }
            // What the batch holds: the text, and what was rendered from it (N-Quads are some 50
            // times the text: 8 MB of them, not 8 MB of text).
            batch_bytes += w.result && !w.result->rendered.empty() ? w.result->rendered.size() : w.outcome.bytes;
            batch.push_back(std::move(w));
            if (batch.size() >= batch_limit || batch_bytes >= kBatchBytes) flush();
        }
        flush();  // what was extracted before the end or an interruption is kept
    } catch (...) {
        stop_workers();
        throw;
    }
    stop_workers();
    return summary;
}

}  // namespace dyad
