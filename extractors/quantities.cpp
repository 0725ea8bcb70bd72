// Quantities: [hedge] [currency] number [multiplier] [-][unit] [rate], e.g. "nearly 2,000 miles",
// "nearly $2 billion a day", "about 400,000 people", "three major wars". Words come from
// data/quantities/units.tsv and hedges.tsv.
#include <cmath>
#include <cstdlib>
#include <memory>
#include <unordered_map>

#include "core/text.h"
#include "core/tsv.h"
#include "extractors/registry.h"
#include "extractors/token_trie.h"

namespace dyad::extractors {
namespace {

struct UnitWord {
    std::string kind;  // number | multiplier | unit | currency | rate
    double value = 1;
    std::string unit;
    std::string dimension;
};

bool plural_noun(std::string_view f) { return f.size() > 3 && f.back() == 's'; }

class Quantities final : public EntityExtractor {
public:
    explicit Quantities(const Resources& r) {
        TsvReader units(r.knowledge.data_dir / "quantities" / "units.tsv",
                        {"surface", "kind", "value", "unit", "dimension"});
        while (auto row = units.next()) {
            UnitWord w{row->at(1), 1, row->at(3), row->at(4)};
            if (w.kind != "number" && w.kind != "multiplier" && w.kind != "unit" && w.kind != "currency" &&
                w.kind != "rate")
                throw units.error("unknown kind '" + w.kind + "'; expected number, multiplier, unit, currency or rate");
            if (!row->at(2).empty()) {
                char* end = nullptr;
                w.value = std::strtod(row->at(2).c_str(), &end);
                if (!end || *end) throw units.error("value '" + row->at(2) + "' is not a number");
            }
            const auto id = static_cast<std::uint32_t>(words_.size());
            words_.push_back(std::move(w));
            if (!trie_.insert(row->at(0), id)) throw units.error("empty surface");
        }
        TsvReader hedges(r.knowledge.data_dir / "quantities" / "hedges.tsv", {"hedge", "meaning"});
        while (auto row = hedges.next()) {
            hedge_words_.push_back(row->at(0));
            if (!hedges_.insert(row->at(0), static_cast<std::uint32_t>(hedge_words_.size() - 1)))
                throw hedges.error("empty hedge");
        }
    }

    void find_mentions(AnnotatedDocument& doc) const override {
        for (const auto& s : doc.sentences) {
            for (auto i = s.first; i < s.last; ++i) {
                // A quantity starts with a number, a hedge or a vocabulary word (read() finds
                // nothing anywhere else).
                if (!doc.tokens[i].has(kNumber) && !hedges_.starts_at(doc, i) && !trie_.starts_at(doc, i)) continue;
                auto q = read(doc, s, i);
                if (q) {
                    i = q->last - 1;
                    doc.quantities.push_back(std::move(*q));
                }
            }
        }
    }

private:
    // The longest vocabulary word of `kind` at token k: (end token, word).
    std::pair<std::uint32_t, const UnitWord*> word_at(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t k,
                                                      std::string_view kind) const {
        std::pair<std::uint32_t, const UnitWord*> best{k, nullptr};
        if (k >= s.last) return best;
        trie_.match(doc, k, s.last, [&](std::uint32_t end, const std::vector<std::uint32_t>& ids) {
            if (best.second) return;
            for (auto id : ids)
                if (words_[id].kind == kind) {
                    best = {end, &words_[id]};
                    return;
                }
        });
        return best;
    }

    std::optional<QuantityMention> read(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t start) const {
        auto k = start;
        std::string hedge;
        hedges_.match(doc, k, s.last, [&](std::uint32_t end, const std::vector<std::uint32_t>& ids) {
            if (!hedge.empty()) return;
            hedge = hedge_words_[ids.front()];
            k = end;
        });
        const auto [cur_end, currency] = word_at(doc, s, k, "currency");
        if (currency) k = cur_end;
        if (k >= s.last) return std::nullopt;
        double value = 0;
        bool word_number = false;
        const auto& t = doc.tokens[k];
        const auto f = doc.ftext(k);
        if (t.has(kNumber)) {
            std::string digits;
            for (char c : f)
                if (c != ',') digits.push_back(c);
            char* end = nullptr;
            value = std::strtod(digits.c_str(), &end);
            if (!end || *end) return std::nullopt;  // "1950s"
            ++k;
        } else {
            const auto [num_end, number] = word_at(doc, s, k, "number");
            if (!number) return std::nullopt;
            value = number->value;
            word_number = true;
            k = num_end;
        }
        if (const auto [m_end, mult] = word_at(doc, s, k, "multiplier"); mult) {
            value *= mult->value;
            k = m_end;
        }
        QuantityMention q;
        q.quantity.value = value;
        q.quantity.hedge = hedge;
        // "20,000 Indonesian students": people counted by nationality. The quantity ends at the
        // number, so the group name after it stays a name of its own.
        // (Dictionary demonyms start with a capital: the candidates are searched only then.)
        if (!currency && k < s.last && doc.tokens[k].has(kCapitalized)) {
            for (const auto& c : doc.candidates) {
                if (c.first != k || c.kind != MentionKind::Demonym) continue;
                // (name_shapes leaves a counted people's demonym empty: the group took the word)
                const auto name_end = std::max(c.last, k + 1);
                const auto [u_end, unit] = word_at(doc, s, name_end, "unit");
                // "roughly 300,000 Malaysians": a plural demonym counts people by itself
                const bool plural = doc.ftext(name_end - 1).ends_with('s');
                if (unit && unit->dimension != "people") break;
                if (!unit && !plural) break;
                q.quantity.unit = unit ? unit->unit : "people";
                q.dimension = "people";
                q.first = start;
                q.last = k;
                q.span = doc.span(start, k);
                q.quantity.text = std::string(doc.text(doc.span(start, unit ? u_end : name_end)));
                return q;
            }
        }
        // "the 817-kilometre border": a dash joins the number to its unit.
        if (!currency && k + 1 < s.last && doc.ftext(k) == "-" && doc.tokens[k].begin == doc.tokens[k - 1].end &&
            doc.tokens[k + 1].begin == doc.tokens[k].end && word_at(doc, s, k + 1, "unit").second)
            ++k;
        if (currency) {
            q.quantity.unit = currency->unit;
            q.dimension = currency->dimension;
        } else if (const auto [u_end, unit] = word_at(doc, s, k, "unit"); unit) {
            q.quantity.unit = unit->unit;
            q.dimension = unit->dimension;
            k = u_end;
        } else {
            // A count of things: "three major wars". A bare year or number is not a quantity.
            if (!word_number && hedge.empty()) return std::nullopt;
            std::uint32_t end = k;
            while (end < s.last && end - k < 3 && doc.tokens[end].has(kWord) && !doc.tokens[end].has(kCapitalized)) {
                ++end;
                if (plural_noun(doc.ftext(end - 1))) break;
            }
            if (end == k || !plural_noun(doc.ftext(end - 1))) return std::nullopt;
            q.quantity.unit = std::string(doc.text(doc.span(k, end)));
            q.dimension = "count";
            k = end;
        }
        if (const auto [r_end, rate] = word_at(doc, s, k, "rate"); rate && q.dimension != "count") {
            q.quantity.unit += " " + rate->unit;
            k = r_end;
        }
        q.first = start;
        q.last = k;
        q.span = doc.span(start, k);
        q.quantity.text = std::string(doc.text(q.span));
        return q;
    }

    std::vector<UnitWord> words_;
    TokenTrie trie_;
    std::vector<std::string> hedge_words_;
    TokenTrie hedges_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_quantities(const Resources& r) { return std::make_unique<Quantities>(r); }

}  // namespace dyad::extractors
