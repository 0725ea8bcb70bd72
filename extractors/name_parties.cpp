// Parties named in a name count as stated (shared/eval/CONVENTIONS.md): the countries inside
// "United States-Mexico-Canada Agreement" are parties to it, those inside "Mexican-American War"
// took part in it (and, for a war, fought each other), those inside "US-Mexico border" share it,
// those inside "Saudi-Jordanian Coordination Council" are members of it, and the demonym of
// "Mexican diaspora" says where the group comes from.
#include <algorithm>
#include <memory>

#include "core/text.h"
#include "extractors/name_shapes.h"
#include "extractors/registry.h"

namespace dyad::extractors {
namespace {

class NameParties final : public RelationExtractor {
public:
    explicit NameParties(const Resources& r)
        : heads_(HeadRules::load(r.knowledge.data_dir / "patterns" / "name_shapes.tsv")) {}

    void find_relations(const AnnotatedDocument& doc, std::vector<Relation>& out,
                        std::vector<Rejection>&) const override {
        for (const auto& m : doc.mentions) {
            if ((m.last - m.first < 2 && m.type != EntityType::Group) || m.key.empty()) continue;
            const auto type = m.type;
            if (type == EntityType::Country || type == EntityType::Topic || type == EntityType::Person) continue;
            // The countries proposed inside the name, in order, once each.
            std::vector<const Mention*> inside;
            for (const auto& c : doc.candidates) {
                if (c.first < m.first || c.last > m.last || (c.first == m.first && c.last == m.last)) continue;
                // Countries and demonyms name parties; a capital inside a name is a place
                // ("Budapest Memorandum", "Treaty of Paris").
                if (c.type != EntityType::Country || c.kind == MentionKind::PairReference ||
                    c.kind == MentionKind::Capital)
                    continue;
                // An ambiguous demonym ("Korean residents": North or South) is no group's origin.
                if (type == EntityType::Group && c.ambiguous) continue;
                // A country inside a place's name inside this one is no party ("Declaration on
                // Shipping in the Gulf of Thailand")
                if (std::any_of(doc.candidates.begin(), doc.candidates.end(), [&](const Mention& p) {
                        return p.type == EntityType::Place && p.first >= m.first && p.last <= m.last &&
                               p.last - p.first < m.last - m.first && p.first <= c.first && c.last <= p.last &&
                               p.last - p.first > c.last - c.first;
                    }))
                    continue;
                if (std::any_of(inside.begin(), inside.end(), [&](const Mention* x) { return x->key == c.key; }))
                    continue;
                inside.push_back(&c);
            }
            std::sort(inside.begin(), inside.end(),
                      [](const Mention* a, const Mention* b) { return a->first < b->first; });
            if (inside.empty()) continue;
            const auto implied = implied_predicate(doc, m);
            const auto& s = doc.sentence_of(m.first);
            auto add = [&](const Mention& subject, Predicate p, const Mention& object) {
                Relation r;
                r.subject = subject.key;
                r.predicate = p;
                r.object = object.key;
                r.confidence = 0.8f;
                r.evidence.push_back({doc.document.id, s.span, subject.span, object.span, std::string(doc.text(s.span)),
                                      "name:parties", std::nullopt});
                out.push_back(std::move(r));
            };
            if (type == EntityType::Organization) {
                // A joint body ("Saudi-Jordanian Coordination Council", "Hungarian-Ukrainian
                // Intergovernmental Commission") has the countries it is named for as members. One
                // country alone names a national body ("Polish Security Council"), not a membership.
                if (implied == Predicate::MemberOf && inside.size() >= 2)
                    for (const auto* c : inside) add(*c, Predicate::MemberOf, m);
                continue;
            }
            if (type == EntityType::Group) {
                // the people's demonym, not the place: "Kosovo Serbs" come from Serbia
                const auto people = std::find_if(inside.begin(), inside.end(),
                                                 [](const Mention* x) { return x->kind == MentionKind::Demonym; });
                add(m, Predicate::OriginatesFrom, people != inside.end() ? **people : *inside.front());
                // "around 20,000 Indonesian students": the count right before the group's name, or
                // the count whose people the name is ("roughly 300,000 Malaysians")
                for (const auto& q : doc.quantities)
                    if (q.first < m.first && m.first <= q.last && q.last <= m.last && q.dimension == "people")
                        out.back().qualifiers.quantity = q.quantity;
                continue;
            }
            for (const auto* c : inside) {
                if (type == EntityType::Agreement || type == EntityType::Initiative) add(*c, Predicate::PartyTo, m);
                else if (type == EntityType::Event) add(*c, Predicate::ParticipantIn, m);
            }
            if (implied && inside.size() >= 2 && info(*implied).symmetric) {
                // "The Greek-Turkish land border follows the Evros for about 125 miles"
                const QuantityMention* length = nullptr;
                if (*implied == Predicate::SharesBorderWith)
                    for (const auto& q : doc.quantities)
                        if (q.first >= s.first && q.last <= s.last && q.dimension == "length") {
                            length = &q;
                            break;
                        }
                for (std::size_t i = 0; i < inside.size(); ++i)
                    for (std::size_t j = i + 1; j < inside.size(); ++j) {
                        // one word read as two countries ("Congo" in "Second Congo War", "Korean")
                        // names one place, not two sides
                        if (inside[i]->first == inside[j]->first && inside[i]->last == inside[j]->last) continue;
                        add(*inside[i], *implied, *inside[j]);
                        if (*implied == Predicate::AtWarWith) out.back().qualifiers.time = "historical";
                        if (length) out.back().qualifiers.quantity = length->quantity;
                    }
            }
        }
    }

private:
    std::optional<Predicate> implied_predicate(const AnnotatedDocument& doc, const Mention& m) const {
        for (auto k = m.first; k < m.last; ++k) {
            const auto f = doc.ftext(k);
            for (auto form : {ShapeForm::Capitalized, ShapeForm::Compound, ShapeForm::Compound1})
                if (const auto* r = heads_.find(form, f); r && r->implies) return r->implies;
        }
        return std::nullopt;
    }

    HeadRules heads_;
};

}  // namespace

std::unique_ptr<RelationExtractor> make_name_parties(const Resources& r) { return std::make_unique<NameParties>(r); }

}  // namespace dyad::extractors
