// "both countries", "the two nations", "these neighboring nations": phrases that refer to the pair
// of countries the document is about (data/patterns/pair_references.tsv).
#include <memory>

#include "core/tsv.h"
#include "extractors/registry.h"
#include "extractors/token_trie.h"

namespace dyad::extractors {
namespace {

class PairReferences final : public EntityExtractor {
public:
    explicit PairReferences(const Resources& r) {
        TsvReader reader(r.knowledge.data_dir / "patterns" / "pair_references.tsv", {"phrase", "notes"});
        std::uint32_t id = 0;
        while (auto row = reader.next())
            if (!trie_.insert(row->at(0), id++)) throw reader.error("empty phrase");
    }

    void find_mentions(AnnotatedDocument& doc) const override {
        for (const auto& sentence : doc.sentences) {
            for (auto i = sentence.first; i < sentence.last; ++i) {
                bool taken = false;
                trie_.match(doc, i, sentence.last, [&](std::uint32_t end, const std::vector<std::uint32_t>&) {
                    if (taken) return;  // longest only
                    taken = true;
                    Mention m;
                    m.first = i;
                    m.last = end;
                    m.span = doc.span(i, end);
                    m.type = EntityType::Country;
                    m.kind = MentionKind::PairReference;
                    m.extractor = "pair_references";
                    m.priority = 1;
                    m.confidence = 0.9f;
                    doc.candidates.push_back(std::move(m));
                });
            }
        }
    }

private:
    TokenTrie trie_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_pair_references(const Resources& r) {
    return std::make_unique<PairReferences>(r);
}

}  // namespace dyad::extractors
