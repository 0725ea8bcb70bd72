// Asking the graph: a database opened for questions (Workspace), and the answers to
// `dyad query neighbors|between|path|conflicts`, written as plain text or JSON.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis.h"
#include "core/graph.h"
#include "core/lexicon.h"
#include "core/store.h"

namespace dyad {

class JsonWriter;

enum class OutputFormat { Text, Json };
/// "text" or "json". @throws Error (Usage) for anything else.
OutputFormat parse_output_format(std::string_view name);

/// What it represents: one graph opened for questions, with where its documents came from (to
/// cite evidence by file and byte offsets) and the names that find its entities.
/// Thread safety: immutable after construction.
class Workspace {
public:
    /// A graph in memory; `sources` maps document ids to file names (ids are cited when absent);
    /// `lexicon` (optional) adds dictionary names ("US", "America") for resolving names.
    explicit Workspace(KnowledgeGraph graph, std::map<std::string, std::string> sources = {},
                       std::optional<Lexicon> lexicon = std::nullopt);
    /// Reads a database (read-only). Names come from the graph only.
    /// @throws Error (Storage) when the database cannot be read.
    static Workspace open(const std::filesystem::path& db);
    /// Reads a database and the dictionary of the data folder (find_data_dir(data_dir)).
    /// @throws Error (Storage, Data).
    static Workspace open(const std::filesystem::path& db, const std::string& data_dir);
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;
    ~Workspace();

    const KnowledgeGraph& graph() const;
    /// @throws Error (Usage) for an unknown or ambiguous name (see NameResolver).
    const Entity& resolve(std::string_view name) const;
    /// The file a document came from, or its id when unknown.
    std::string source(const std::string& doc_id) const;
    /// Document id -> source, as stored.
    const std::map<std::string, std::string>& documents() const;
    /// An entity's name, or the key when the entity is not in the graph.
    std::string name(const std::string& key) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// ---- the answers ------------------------------------------------------------------------------

struct Neighbor {
    const Entity* entity = nullptr;
    std::size_t depth = 0;
    const Entity* via = nullptr;             // the entity it was reached from
    std::vector<const Relation*> relations;  // the links between `via` and it
};

struct NeighborsAnswer {
    const Entity* focus = nullptr;
    std::size_t depth = 1;
    LinkFilter filter;
    std::vector<Neighbor> neighbors;  // by depth, then key
};

/// Entities within `depth` links of `key`, following relations in both directions.
NeighborsAnswer neighbors(const KnowledgeGraph& graph, const std::string& key, std::size_t depth,
                          const LinkFilter& filter = {});

struct BetweenAnswer {
    const Entity* a = nullptr;
    const Entity* b = nullptr;
    std::vector<const Relation*> relations;  // both directions, asserted and negated, in relation order
};

/// Every relation whose ends are `a` and `b` (whichever is the subject) that `predicates` keeps
/// (all when empty), negated ones included.
BetweenAnswer between(const KnowledgeGraph& graph, const std::string& a, const std::string& b,
                      const std::vector<Predicate>& predicates = {});

struct Hop {
    const Entity* from = nullptr;
    const Entity* to = nullptr;
    std::vector<const Relation*> relations;  // the links between the two, each with its evidence
};

struct PathAnswer {
    const Entity* from = nullptr;
    const Entity* to = nullptr;
    bool found = false;
    std::vector<Hop> hops;  // empty when not found, or when from == to
};

/// The shortest chain of relations that connects `from` to `to` (see shortest_path).
PathAnswer path(const KnowledgeGraph& graph, const std::string& from, const std::string& to,
                const LinkFilter& filter = {});

/// The same subject, predicate and object both asserted and negated.
struct Conflict {
    const Relation* asserted = nullptr;
    const Relation* negated = nullptr;
    bool same_document = false;  // some document supports both
};

/// Every conflict of the graph, in relation order.
std::vector<Conflict> conflicts(const KnowledgeGraph& graph);

// ---- writing them -----------------------------------------------------------------------------

void write(const NeighborsAnswer& answer, const Workspace& ws, OutputFormat format, std::ostream& out);
void write(const BetweenAnswer& answer, const Workspace& ws, OutputFormat format, std::ostream& out);
void write(const PathAnswer& answer, const Workspace& ws, OutputFormat format, std::ostream& out);
void write(const std::vector<Conflict>& answer, const Workspace& ws, OutputFormat format, std::ostream& out);

/// The `dyad stats` report: counts by entity type and by predicate; with `analysis` (`--top N`)
/// also components, then the most linked and the most central entities (named through `ws`).
void write(const StoreStats& stats, const GraphAnalysis* analysis, const Workspace* ws, OutputFormat format,
           std::ostream& out);

enum class QueryKind { Neighbors, Between, Path, Conflicts };

struct QueryRequest {
    QueryKind kind = QueryKind::Neighbors;
    std::vector<std::string> names;     // 1 for neighbors, 2 for between and path, 0 for conflicts
    std::size_t depth = 1;              // neighbors
    std::vector<Predicate> predicates;  // neighbors, between, path: only these (all when empty)
    OutputFormat format = OutputFormat::Text;
};

/// Resolves the names, answers the question and writes the answer.
/// @throws Error (Usage) for a bad name or a wrong number of names.
void run_query(const Workspace& ws, const QueryRequest& request, std::ostream& out);

// ---- pieces shared by the reports (assess, diff) ------------------------------------------------

/// "Japan alliedWith United States [topics: security; time: current]" (names, not keys).
std::string describe(const Relation& r, const Workspace& ws);
/// "Japan (country/japan)".
std::string describe(const Entity& e);
/// "\"The quoted sentence.\" (file.txt:120-245)": byte offsets of the sentence in the file.
std::string describe(const Evidence& e, const Workspace& ws);
/// A relation's evidence, one per sentence (several rules may read the same sentence), in order.
std::vector<const Evidence*> sentences_of(const Relation& r);
/// "1 sentence", "3 sentences".
std::string sentences(std::size_t n);
void write_json(JsonWriter& w, const Entity& e);
void write_json(JsonWriter& w, const Evidence& e, const Workspace& ws);
/// The relation with names, qualifiers and every piece of evidence.
void write_json(JsonWriter& w, const Relation& r, const Workspace& ws);

}  // namespace dyad
