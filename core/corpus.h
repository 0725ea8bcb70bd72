// Ingesting many documents: input discovery, one transaction per document, one bad file never
// stops the run.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/pipeline.h"
#include "core/store.h"

namespace dyad {

struct DocumentOutcome {
    enum class Status { Added, Unchanged, Skipped };
    std::string source;
    Status status = Status::Added;
    std::string message;  // why it was skipped
    std::size_t bytes = 0;
    std::size_t entities = 0;
    std::size_t relations = 0;
    std::vector<Rejection> rejections;  // with explain
    std::string text;                   // with explain: to quote rejected sentences
};

struct CorpusOptions {
    bool explain = false;
    unsigned threads = 1;                         // extraction workers; 0 = one per core
    std::uint64_t max_file_bytes = 256ull << 20;  // larger files are skipped with a warning
    const std::atomic<bool>* stop = nullptr;      // checked between documents (Ctrl-C)
    std::function<void(const DocumentOutcome&, std::size_t done, std::size_t total)> on_document;
};

struct CorpusSummary {
    std::size_t added = 0;
    std::size_t unchanged = 0;
    std::size_t skipped = 0;
    std::uint64_t bytes = 0;
    bool interrupted = false;
};

/// The .txt files named by `inputs` (files as given, folders searched recursively), sorted.
/// "-" stands for standard input and is passed through.
/// @throws Error (Input) naming a path that does not exist.
std::vector<std::filesystem::path> list_inputs(const std::vector<std::string>& inputs);

/// Reads one input (or standard input for "-") as a Document.
/// @throws Error (Input) naming the file: unreadable, too large, empty, binary.
Document read_document(const std::filesystem::path& path, std::uint64_t max_bytes);

/// Extracts and stores every input; a failing document is skipped and reported, never fatal.
/// Workers extract in parallel; one writer (the calling thread) stores results in input order, so
/// the database is the same whatever the thread count.
CorpusSummary ingest_corpus(const std::vector<std::filesystem::path>& inputs, const Pipeline& pipeline,
                            Store& store, const CorpusOptions& options);

}  // namespace dyad
