// The SQLite store: documents, entities, aliases, mentions, relations, evidence, qualifiers.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/model.h"

namespace dyad {

struct StoreStats {
    std::size_t documents = 0;
    std::size_t entities = 0;
    std::size_t relations = 0;
    std::size_t evidence = 0;
    std::map<std::string, std::size_t> entities_by_type;
    std::map<std::string, std::size_t> relations_by_predicate;
    std::size_t negated_relations = 0;
};

/// What `Store::merge` did with one source database.
struct MergeSummary {
    std::size_t documents_added = 0;    // documents new to the target
    std::size_t documents_present = 0;  // already in the target (same id): their evidence is not counted again
    std::size_t relations_added = 0;    // relations new to the target
    std::size_t relations_merged = 0;   // relations the target had, now with more evidence
    std::size_t relations_present = 0;  // relations whose every document the target already had
    /// Relations with evidence from documents the target had and from new ones: their confidence
    /// is combined whole and may count the shared documents twice.
    std::size_t relations_overlapping = 0;
};

struct StoreOptions {
    /// How long a write waits for another process that holds the database (--busy-timeout).
    int busy_timeout_ms = 5000;
};

/// What it represents: one dyad database file (WAL journal). Opening checks the schema version
/// (PRAGMA user_version); every write runs in one IMMEDIATE transaction that rolls back on any
/// error, so a crash, a kill, a full disk or a lock never leaves half a document.
/// Thread safety: one Store per thread; SQLite serializes writers across processes, and a busy
/// database is waited for (busy timeout) before a clear error.
class Store {
public:
    enum class Mode { ReadOnly, ReadWrite };

    /// @throws Error (Storage) naming the file: not a database, newer schema, damaged, locked,
    /// read-only, disk full...
    static Store open(const std::filesystem::path& path, Mode mode, const StoreOptions& options = {});
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    /// Whether a document with this id (content hash) is stored.
    bool has_document(const std::string& id) const;
    /// Adds one document's extraction in a single transaction. Returns false (and changes nothing)
    /// when the document (same content hash) is already stored.
    /// @throws Error (Storage); the database is left as it was.
    bool ingest(const ExtractionResult& result);
    /// Adds several documents' extractions in a single transaction: all of them or, on any error,
    /// none. Returns, per document, whether it was added (false: already stored, or given twice).
    /// A corpus run stores in batches: one commit per document cost more than the document's rows.
    /// @throws Error (Storage); the database is left as it was.
    std::vector<bool> ingest(const std::vector<const ExtractionResult*>& batch);
    /// Merges a whole graph (entities, relations, evidence) in one transaction.
    void save_graph(const KnowledgeGraph& graph);
    /// Merges other dyad databases (shards) into this one, in order, in ONE transaction: all of
    /// them or, on any error, nothing. Documents are unified by id, entities by key (aliases
    /// united), relations by (subject, predicate, object, negated) with the same merge rules as
    /// ingest; evidence and mentions are kept. A relation whose documents are all in this database
    /// already adds nothing, so merging the same shard twice changes nothing.
    /// @throws Error (Storage) naming the database that failed; this one is left as it was.
    std::vector<MergeSummary> merge(const std::vector<const Store*>& sources);
    KnowledgeGraph load_graph() const;
    /// Document id -> source (the path or id it was extracted from), to cite evidence.
    std::map<std::string, std::string> document_sources() const;
    StoreStats stats() const;
    const std::filesystem::path& path() const;

private:
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace dyad
