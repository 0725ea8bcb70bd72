// The two extension interfaces of the extraction pipeline.
#pragma once

#include <vector>

#include "core/annotated_document.h"
#include "core/model.h"

namespace dyad {

/// What it represents: a stage that finds entity mentions (or quantities) and appends them to
/// doc.candidates (or doc.quantities). It may read what earlier stages proposed.
/// Thread safety: find_mentions is const and runs concurrently on different documents.
class EntityExtractor {
public:
    virtual ~EntityExtractor() = default;
    virtual void find_mentions(AnnotatedDocument& doc) const = 0;
};

/// What it represents: a stage that reads chosen mentions and proposes relations, each with one
/// piece of evidence; candidates it drops go to `rejected` with the reason (for --explain).
/// Thread safety: as EntityExtractor.
class RelationExtractor {
public:
    virtual ~RelationExtractor() = default;
    virtual void find_relations(const AnnotatedDocument& doc, std::vector<Relation>& out,
                                std::vector<Rejection>& rejected) const = 0;
};

}  // namespace dyad
