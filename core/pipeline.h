// One document in, entities and relations with evidence out.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/extractor.h"
#include "core/lexicon.h"
#include "core/model.h"
#include "core/text.h"

namespace dyad {

/// Dictionaries and word lists shared by every stage.
struct Knowledge {
    std::filesystem::path data_dir;
    Lexicon lexicon;
    SentenceRules sentence_rules;
    /// @throws Error (Data) for a missing or malformed file.
    static std::unique_ptr<Knowledge> load(const std::filesystem::path& data_dir);
};

/// CPU time of the calling thread per step of extract(), summed over calls: where a corpus run's time goes. The
/// steps, in order: tokenizing, each entity stage (registry order), choosing and resolving
/// mentions, each relation stage, merging relations into the result (Pipeline::step_count()).
struct StepClock {
    std::vector<double> seconds;
};

struct ExtractOptions {
    bool explain = false;        // keep rejected candidates in the result
    StepClock* clock = nullptr;  // when given, extract() adds its time per step (not thread-safe)
};

/// What it represents: the configured extraction stages, in registry order.
/// Thread safety: extract() is const and may run concurrently on different documents.
class Pipeline {
public:
    Pipeline(std::unique_ptr<Knowledge> knowledge, std::vector<std::unique_ptr<EntityExtractor>> entity_stages,
             std::vector<std::unique_ptr<RelationExtractor>> relation_stages);
    ~Pipeline();

    /// Runs every stage on one document. Never throws for odd text; a broken invariant throws
    /// Error (Internal).
    ExtractionResult extract(const Document& document, const ExtractOptions& options = {}) const;
    /// The same, for a document whose bytes were already tokenized and split into sentences with
    /// this pipeline's sentence rules (extract_within_limits does so first): not done twice.
    ExtractionResult extract(const Document& document, const ExtractOptions& options, Annotation&& annotation) const;
    const Knowledge& knowledge() const { return *knowledge_; }
    /// The number of steps a StepClock counts: entity stages + relation stages + 3.
    std::size_t step_count() const { return entity_stages_.size() + relation_stages_.size() + 3; }

private:
    ExtractionResult run(AnnotatedDocument& doc, const ExtractOptions& options) const;

    std::unique_ptr<Knowledge> knowledge_;
    std::vector<std::unique_ptr<EntityExtractor>> entity_stages_;
    std::vector<std::unique_ptr<RelationExtractor>> relation_stages_;
};

/// Content hash of a document's bytes (xxh3-64, hex): its stable id.
std::string content_id(std::string_view bytes);

/// Merges `r` into `into` (same subject, predicate, object and negation): evidence appended,
/// topics and vehicles united, confidence combined as 1 - prod(1 - c).
void merge_relation(Relation& into, const Relation& r);

}  // namespace dyad
