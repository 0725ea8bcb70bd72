// Aliases learned from the text, for the whole document: "North American Free Trade Agreement
// (NAFTA)" makes NAFTA an alias of the long name, and so does "the Quadrilateral Security
// Dialogue, known as the Quad" (also "also known as", "or simply", "formally", "officially"). Every later use of the
// alias is a mention of the same entity.
#include <memory>
#include <unordered_map>

#include "core/text.h"
#include "extractors/registry.h"

namespace dyad::extractors {
namespace {

bool acronym_token(const AnnotatedDocument& doc, std::uint32_t k) {
    const auto& t = doc.tokens[k];
    const auto len = t.end - t.begin;
    return t.has(kWord) && t.has(kAllCaps) && len >= 2 && len <= 12;
}

struct Definition {
    std::vector<std::string> tokens;  // folded tokens of the alias
    std::string key, name;
    EntityType type;
    const LexEntry* lex;
};

class Acronyms final : public EntityExtractor {
public:
    explicit Acronyms(const Resources&) {}

    void find_mentions(AnnotatedDocument& doc) const override {
        std::unordered_map<std::string, std::vector<Definition>> defined;  // first folded token -> aliases
        const auto known = doc.candidates.size();
        // The longest earlier proposal that ends right before token k (a name, not a demonym).
        auto named_before = [&](std::uint32_t k) -> const Mention* {
            const Mention* best = nullptr;
            for (std::size_t c = 0; c < known; ++c) {
                const auto& m = doc.candidates[c];
                if (m.last != k || m.kind == MentionKind::PairReference || m.kind == MentionKind::Demonym) continue;
                if (!best || m.first < best->first) best = &m;
            }
            return best;
        };
        auto define = [&](const Mention& m, std::uint32_t first, std::uint32_t last) {
            Definition d{{}, m.key, m.lex ? m.lex->name : m.name, m.type, m.lex};
            for (auto k = first; k < last; ++k) d.tokens.emplace_back(doc.ftext(k));
            auto& list = defined[d.tokens.front()];
            for (const auto& x : list)
                if (x.tokens == d.tokens) return;
            list.push_back(std::move(d));
        };
        for (std::uint32_t k = 1; k + 2 < doc.tokens.size(); ++k) {
            // "Long Name (LN)"
            if (doc.ftext(k) == "(" && doc.ftext(k + 2) == ")" && acronym_token(doc, k + 1)) {
                if (const auto* m = named_before(k); m && m->last - m->first >= 2) define(*m, k + 1, k + 2);
                continue;
            }
            // "Long Name, known as the Short", "Long Name, also known as Short", "Long Name, or simply Short"
            if (doc.ftext(k) != ",") continue;
            auto q = k + 1;
            if (q < doc.tokens.size() && (doc.ftext(q) == "also" || doc.ftext(q) == "better")) ++q;
            // "the Pretoria agreement, formally the Cessation of Hostilities Agreement"
            const bool formal = q < doc.tokens.size() && (doc.ftext(q) == "formally" || doc.ftext(q) == "officially");
            if (formal) ++q;
            if (q + 1 < doc.tokens.size() && doc.ftext(q) == "known" && doc.ftext(q + 1) == "as") q += 2;
            else if (q + 1 < doc.tokens.size() && doc.ftext(q) == "or" && doc.ftext(q + 1) == "simply") q += 2;
            else if (q < doc.tokens.size() && doc.ftext(q) == "called") ++q;
            else if (!formal) continue;
            if (q < doc.tokens.size() && doc.ftext(q) == "the") ++q;
            // The alias is a name proposed there ("Cessation of Hostilities Agreement"), or else up
            // to 4 capitalized words.
            auto end = q;
            for (std::size_t c = 0; c < known; ++c)
                if (doc.candidates[c].first == q && doc.candidates[c].kind != MentionKind::PairReference)
                    end = std::max(end, doc.candidates[c].last);
            if (end == q)
                while (end < doc.tokens.size() && end - q < 4 && doc.tokens[end].has(kCapitalized)) ++end;
            if (end == q) continue;
            if (const auto* m = named_before(k)) define(*m, q, end);
        }
        if (defined.empty()) return;
        for (std::uint32_t k = 0; k < doc.tokens.size(); ++k) {
            if (!doc.tokens[k].has(kCapitalized)) continue;  // aliases are names: case matters
            auto it = defined.find(std::string(doc.ftext(k)));
            if (it == defined.end()) continue;
            for (const auto& d : it->second) {
                const auto n = static_cast<std::uint32_t>(d.tokens.size());
                if (k + n > doc.tokens.size()) continue;
                bool same = true;
                for (std::uint32_t j = 0; j < n && same; ++j) same = doc.ftext(k + j) == d.tokens[j];
                if (!same) continue;
                Mention m;
                m.first = k;
                m.last = k + n;
                m.span = doc.span(k, k + n);
                m.type = d.type;
                m.kind = MentionKind::Acronym;
                m.key = d.key;
                m.name = d.name;
                m.lex = d.lex;
                m.extractor = "acronyms";
                // A defined alias beats a name guessed by shape on the same words ("formally the
                // Cessation of Hostilities Agreement"), never a dictionary name.
                m.priority = 4;
                bool dictionary = false, shaped = false;
                for (std::size_t c = 0; c < known; ++c) {
                    const auto& o = doc.candidates[c];
                    if (o.first != m.first || o.last != m.last) continue;
                    (o.lex ? dictionary : shaped) = true;
                }
                if (shaped && !dictionary) m.priority = 1;
                m.confidence = 0.9f;
                doc.candidates.push_back(std::move(m));
                break;
            }
        }
    }
};

}  // namespace

std::unique_ptr<EntityExtractor> make_acronyms(const Resources& r) { return std::make_unique<Acronyms>(r); }

}  // namespace dyad::extractors
