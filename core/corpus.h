// Ingesting many documents: input discovery, one transaction per document, one bad file never
// stops the run.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/limits.h"
#include "core/model.h"
#include "core/pipeline.h"
#include "core/store.h"

namespace dyad {

struct DocumentOutcome {
    enum class Status { Added, Unchanged, Skipped, Interrupted };
    std::string source;
    Status status = Status::Added;
    std::string message;                // why it was skipped
    std::vector<std::string> warnings;  // what a guess or a limit changed ("source: " not included)
    std::vector<std::string> notes;     // how it was read (encoding, segments)
    std::size_t bytes = 0;
    std::size_t entities = 0;
    std::size_t relations = 0;
    std::vector<Rejection> rejections;  // with explain; sentence spans into the original bytes
    std::vector<std::string> quotes;    // with explain: the sentence of each rejection, UTF-8
};

struct CorpusOptions {
    bool explain = false;
    unsigned threads = 1;                     // extraction workers; 0 = one per core
    Limits limits;                            // file size, sentence length, relations, segments
    const std::atomic<bool>* stop = nullptr;  // checked between documents and segments (Ctrl-C)
    std::function<void(const DocumentOutcome&, std::size_t done, std::size_t total)> on_document;
};

struct CorpusSummary {
    std::size_t added = 0;
    std::size_t unchanged = 0;
    std::size_t skipped = 0;
    std::size_t warned = 0;  // added with warnings
    std::uint64_t bytes = 0;
    bool interrupted = false;
};

/// One unit of work for the corpus loop: a file to read (`path`, or "-" for standard input), a
/// document already read (a JSON Lines record), or a record that could not be read (`error`, the
/// message it is skipped with).
struct CorpusInput {
    std::filesystem::path path;
    std::optional<Document> document;
    std::string label;  // how messages name it: the path, or "FILE:LINE (ID)" for a record
    std::string error;
};

/// Gives the inputs in order, one per call; false at the end. Called by one thread at a time.
using InputSource = std::function<bool(CorpusInput&)>;
/// Takes each extracted document, in input order, on the calling thread. Returns false when the
/// document was already there (it is then counted as unchanged).
using DocumentSink = std::function<bool(const ExtractionResult&)>;

/// The .txt files named by `inputs` (files as given, folders searched recursively), sorted.
/// "-" stands for standard input and is passed through.
/// @throws Error (Input) naming a path that does not exist.
std::vector<std::filesystem::path> list_inputs(const std::vector<std::string>& inputs);

/// Reads one input (or standard input for "-") as a Document: its bytes as they are (decoding
/// happens in extract_within_limits).
/// @throws Error (Input) naming the file: unreadable, a folder, too large.
Document read_document(const std::filesystem::path& path, std::uint64_t max_bytes);

/// Extracts and stores every input, one transaction per document. A document that cannot be read
/// or extracted is skipped and reported, never fatal. A database error stops the run: what was
/// committed stays, and running again continues (documents are keyed by content hash).
/// Workers extract in parallel; one writer (the calling thread) stores results in input order, so
/// the database is the same whatever the thread count.
/// @throws Error (Storage) naming the database, saying how many documents were saved before.
CorpusSummary ingest_corpus(const std::vector<std::filesystem::path>& inputs, const Pipeline& pipeline, Store& store,
                            const CorpusOptions& options);

/// The corpus loop behind ingest_corpus, for any source of inputs and any destination: reads from
/// `next` (`total` inputs, 0 when not known in advance, as for a JSON Lines stream), skips
/// documents whose id is in `known` (unchanged), extracts in parallel, and hands the results to
/// `sink` in input order. A Storage error from the sink stops the run, as in ingest_corpus.
CorpusSummary run_corpus(const InputSource& next, std::size_t total, const Pipeline& pipeline, const DocumentSink& sink,
                         const std::unordered_set<std::string>& known, const CorpusOptions& options);

}  // namespace dyad
