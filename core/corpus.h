// Ingesting many documents: input discovery, batches of documents per transaction, one bad file
// never stops the run.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/limits.h"
#include "core/model.h"
#include "core/pipeline.h"

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
    /// Documents handed to the sink at once (one transaction for a Store); a batch also closes
    /// at kBatchBytes of text, and when no finished document is ready after kBatchWait.
    std::size_t batch_documents = 512;
    std::function<void(const DocumentOutcome&, std::size_t done, std::size_t total)> on_document;
    /// When set, run by the extraction workers on each extracted document, concurrently; what it
    /// returns reaches the sink as ExtractionResult::rendered (a serialization made in parallel
    /// rather than on the sink's one thread).
    std::function<std::string(const ExtractionResult&)> render;
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
/// Takes extracted documents, in input order, on the calling thread, a batch at a time, and
/// returns per document whether it was new (false: already there, counted as unchanged). A batch
/// is all or nothing: after an Error (Storage) none of it is counted as saved.
using DocumentSink = std::function<std::vector<bool>(const std::vector<const ExtractionResult*>&)>;

/// The .txt files named by `inputs` (files as given, folders searched recursively), in sorted
/// order, listed lazily: memory holds one folder's names at a time, however large the corpus.
/// "-" stands for standard input and is passed through.
class InputLister {
public:
    /// @throws Error (Input) naming a path that does not exist.
    explicit InputLister(std::vector<std::string> inputs);
    /// The number of files next() will give (the same walk, nothing kept), for progress.
    /// @throws Error (Input) naming a folder that cannot be listed.
    std::size_t count() const;
    /// The next file; false at the end.
    /// @throws Error (Input) naming a folder that cannot be listed.
    bool next(std::filesystem::path& file);

private:
    struct Folder {
        std::vector<std::pair<std::filesystem::path, bool>> entries;  // (path, is a folder), taken from the back
    };
    std::vector<std::string> inputs_;
    std::size_t next_input_ = 0;
    std::vector<Folder> stack_;  // the folders being walked, outermost first
};

/// Reads one input (or standard input for "-") as a Document: its bytes as they are (decoding
/// happens in extract_within_limits).
/// @throws Error (Input) naming the file: unreadable, a folder, too large.
Document read_document(const std::filesystem::path& path, std::uint64_t max_bytes);

/// Whether a document (by id) is stored already; called by the extraction workers, concurrently.
using KnownDocument = std::function<bool(const std::string& id)>;

/// The corpus loop, for any source of inputs and any destination: reads from `next` (`total`
/// inputs, 0 when not known in advance, as for a JSON Lines stream), skips documents that `known`
/// says are stored (unchanged; may be empty), extracts on `options.threads` workers, and hands the
/// results to `sink` in input order, in batches (one transaction each for a Store), on the calling
/// thread, so the result does not depend on the thread count. A document that cannot be read or
/// extracted is skipped and reported, never fatal. A Storage error from the sink stops the run:
/// what was committed stays, and running again continues (documents are keyed by content hash);
/// the error says how many documents were saved. Ctrl-C (`options.stop`) hands what was already
/// extracted to the sink, then stops.
CorpusSummary run_corpus(const InputSource& next, std::size_t total, const Pipeline& pipeline, const DocumentSink& sink,
                         const KnownDocument& known, const CorpusOptions& options);

}  // namespace dyad
