// "The treaty", "the bloc", "the war": a definite description refers to the nearest name of its
// type in the same or the previous two sentences (data/patterns/definite_references.tsv). It
// becomes a mention of that entity, so a relation stated about "the treaty" lands on its node.
#include <memory>

#include "core/tsv.h"
#include "extractors/registry.h"
#include "extractors/token_trie.h"

namespace dyad::extractors {
namespace {

class DefiniteReferences final : public EntityExtractor {
public:
    explicit DefiniteReferences(const Resources& r) {
        TsvReader reader(r.knowledge.data_dir / "patterns" / "definite_references.tsv", {"phrase", "type"});
        while (auto row = reader.next()) {
            const auto type = parse_entity_type(row->at(1));
            if (!type) throw reader.error("unknown type '" + row->at(1) + "'");
            types_.push_back(*type);
            if (!trie_.insert(row->at(0), static_cast<std::uint32_t>(types_.size() - 1)))
                throw reader.error("empty phrase");
        }
    }

    void find_mentions(AnnotatedDocument& doc) const override {
        const auto known = doc.candidates.size();
        for (std::size_t si = 0; si < doc.sentences.size(); ++si) {
            const auto& s = doc.sentences[si];
            const auto window_start = doc.sentences[si >= 2 ? si - 2 : 0].first;
            for (auto i = s.first; i < s.last; ++i) {
                std::uint32_t end = 0;
                EntityType type = EntityType::Agreement;
                trie_.match(doc, i, s.last, [&](std::uint32_t e, const std::vector<std::uint32_t>& ids) {
                    if (end) return;
                    end = e;
                    type = types_[ids.front()];
                });
                // "the treaty of Versailles", "the War of the Triple Alliance" are names, not references
                if (!end || doc.tokens[end - 1].has(kCapitalized) || (end < s.last && doc.tokens[end].has(kCapitalized)) ||
                    (end + 1 < s.last && doc.ftext(end) == "of" && doc.tokens[end + 1].has(kCapitalized)))
                    continue;
                const Mention* nearest = nullptr;
                for (std::size_t c = 0; c < known; ++c) {
                    const auto& m = doc.candidates[c];
                    if (m.type != type || m.key.empty() || m.last > i || m.first < window_start) continue;
                    if (m.kind == MentionKind::Reference || !maximal(doc, m, known)) continue;
                    if (!nearest || m.last > nearest->last) nearest = &m;
                }
                if (!nearest) continue;
                Mention ref = *nearest;
                ref.first = i;
                ref.last = end;
                ref.span = doc.span(i, end);
                ref.kind = MentionKind::Reference;
                ref.extractor = "definite_references";
                ref.priority = 5;
                ref.confidence = 0.7f;
                doc.candidates.push_back(std::move(ref));
                i = end - 1;
            }
        }
    }

private:
    // Not inside a longer proposal ("Union" inside "Union of India"): only names that can win.
    static bool maximal(const AnnotatedDocument& doc, const Mention& m, std::size_t known) {
        for (std::size_t c = 0; c < known; ++c) {
            const auto& o = doc.candidates[c];
            if (&o != &m && o.first <= m.first && o.last >= m.last && o.last - o.first > m.last - m.first &&
                o.kind != MentionKind::PairReference)
                return false;
        }
        return true;
    }

    TokenTrie trie_;
    std::vector<EntityType> types_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_definite_references(const Resources& r) {
    return std::make_unique<DefiniteReferences>(r);
}

}  // namespace dyad::extractors
