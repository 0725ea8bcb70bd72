// The only file that knows every extractor. Adding one = its .cpp file + one X(...) line here.
#include "extractors/registry.h"

#include <array>

namespace dyad::extractors {

// Entity stages run in this order; each may read what the earlier ones proposed. On equal spans
// the earlier stage wins.
#define DYAD_ENTITY_EXTRACTORS(X)                                                                      \
    X(gazetteer, "dictionary names: countries, demonyms, capitals, organizations, agreements, topics") \
    X(pair_references, "'both countries', 'the two nations': the pair the document is about")          \
    X(name_shapes, "unknown names by shape: '... Agreement', 'the X-Y border', 'X diaspora'")          \
    X(persons, "people by title: 'President X', 'X became Prime Minister of Y'")                       \
    X(acronyms, "'Long Name (LN)' makes LN an alias of the long name")                                 \
    X(definite_references, "'the treaty', 'the bloc': the nearest preceding name of that type")        \
    X(place_cues, "unknown places by their noun: 'the city of X', 'the X region'")                     \
    X(quantities, "numbers with unit and hedge: 'nearly 2,000 miles', '$2 billion a day'")
#define DYAD_RELATION_EXTRACTORS(X)                                   \
    X(cue_patterns, "relation cues from data/patterns/relations.tsv") \
    X(name_parties, "parties named in a name: 'United States-Mexico-Canada Agreement', 'X-Y war'")

#define DYAD_DECLARE_ENTITY(name, summary) std::unique_ptr<EntityExtractor> make_##name(const Resources&);
#define DYAD_DECLARE_RELATION(name, summary) std::unique_ptr<RelationExtractor> make_##name(const Resources&);
DYAD_ENTITY_EXTRACTORS(DYAD_DECLARE_ENTITY)
DYAD_RELATION_EXTRACTORS(DYAD_DECLARE_RELATION)

namespace {
#define DYAD_ENTITY_ROW(name, summary) StageInfo{#name, summary, false},
#define DYAD_RELATION_ROW(name, summary) StageInfo{#name, summary, true},
constexpr StageInfo kStages[] = {DYAD_ENTITY_EXTRACTORS(DYAD_ENTITY_ROW) DYAD_RELATION_EXTRACTORS(DYAD_RELATION_ROW)};
}  // namespace

std::span<const StageInfo> stages() { return kStages; }

std::unique_ptr<Pipeline> make_pipeline(const std::filesystem::path& data_dir) {
    auto knowledge = Knowledge::load(data_dir);
    Resources resources{*knowledge};
    std::vector<std::unique_ptr<EntityExtractor>> entity_stages;
    std::vector<std::unique_ptr<RelationExtractor>> relation_stages;
#define DYAD_MAKE_ENTITY(name, summary) entity_stages.push_back(make_##name(resources));
#define DYAD_MAKE_RELATION(name, summary) relation_stages.push_back(make_##name(resources));
    DYAD_ENTITY_EXTRACTORS(DYAD_MAKE_ENTITY)
    DYAD_RELATION_EXTRACTORS(DYAD_MAKE_RELATION)
    return std::make_unique<Pipeline>(std::move(knowledge), std::move(entity_stages), std::move(relation_stages));
}

}  // namespace dyad::extractors
