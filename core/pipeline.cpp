// The extraction pipeline: annotate, propose mentions, choose, resolve, relate, canonicalize.
#include "core/pipeline.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"

namespace dyad {

std::unique_ptr<Knowledge> Knowledge::load(const std::filesystem::path& data_dir) {
    auto k = std::make_unique<Knowledge>();
    k->data_dir = data_dir;
    k->lexicon = Lexicon::load(data_dir);
    k->sentence_rules = SentenceRules::load(data_dir / "patterns" / "sentences.tsv");
    return k;
}

AnnotatedDocument::AnnotatedDocument(const Document& d, const Lexicon& lex, const SentenceRules& rules)
    : document(d), lexicon(lex) {
    tokenize(d.bytes, folded, tokens);
    fhash.resize(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) fhash[i] = token_hash(ftext(tokens[i]));
    split_sentences(d.bytes, folded, tokens, rules, sentences);
}

AnnotatedDocument::AnnotatedDocument(const Document& d, const Lexicon& lex, Annotation&& annotation)
    : document(d),
      lexicon(lex),
      folded(std::move(annotation.folded)),
      tokens(std::move(annotation.tokens)),
      sentences(std::move(annotation.sentences)) {
    fhash.resize(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) fhash[i] = token_hash(ftext(tokens[i]));
}

const Sentence& AnnotatedDocument::sentence_of(std::uint32_t token) const {
    auto it = std::upper_bound(sentences.begin(), sentences.end(), token,
                               [](std::uint32_t t, const Sentence& s) { return t < s.last; });
    DYAD_ASSERT(it != sentences.end(), "token outside every sentence");
    return *it;
}

bool after_locative(const AnnotatedDocument& doc, const Mention& m) {
    if (m.first == doc.sentence_of(m.first).first) return false;
    const auto f = doc.ftext(m.first - 1);
    return f == "in" || f == "at" || f == "from" || f == "to" || f == "near" || f == "outside" || f == "via";
}

Pipeline::Pipeline(std::unique_ptr<Knowledge> knowledge, std::vector<std::unique_ptr<EntityExtractor>> entity_stages,
                   std::vector<std::unique_ptr<RelationExtractor>> relation_stages)
    : knowledge_(std::move(knowledge)),
      entity_stages_(std::move(entity_stages)),
      relation_stages_(std::move(relation_stages)) {}

Pipeline::~Pipeline() = default;

std::string content_id(std::string_view bytes) {
    const auto h = XXH3_64bits(bytes.data(), bytes.size());
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

namespace {

void unite(std::vector<std::string>& into, const std::vector<std::string>& more) {
    into.insert(into.end(), more.begin(), more.end());
    std::sort(into.begin(), into.end());
    into.erase(std::unique(into.begin(), into.end()), into.end());
}

// An ambiguous surface ("Georgia", "Chad") or a capital used as a metonym ("Washington") is taken
// only with support: the same entity named plainly elsewhere in the document, or another country
// in the same sentence. A capital is supported by its country named elsewhere only as the opening
// subject of a sentence ("Juba shut down its oil production").
// Candidates inside a longer dictionary name: "Republic of the Congo" inside "Democratic Republic of
// the Congo" names nothing on its own. By candidate index.
std::vector<bool> nested_names(const AnnotatedDocument& doc) {
    const auto& cs = doc.candidates;
    std::vector<std::size_t> order(cs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return cs[a].first != cs[b].first ? cs[a].first < cs[b].first : cs[a].last > cs[b].last;
    });
    std::vector<bool> nested(cs.size(), false);
    std::uint32_t reach = 0;  // the furthest end of a name that starts before the current token
    for (std::size_t g = 0; g < order.size();) {
        const auto first = cs[order[g]].first;
        std::uint32_t group_reach = 0;  // the longest name starting at this token
        auto h = g;
        for (; h < order.size() && cs[order[h]].first == first; ++h) {
            const auto& c = cs[order[h]];
            nested[order[h]] = reach >= c.last || group_reach > c.last;
            if (c.lex && !c.ambiguous && c.kind == MentionKind::Name) group_reach = std::max(group_reach, c.last);
        }
        reach = std::max(reach, group_reach);
        g = h;
    }
    return nested;
}

// Candidate i nests in a longer name. `nested` may be shorter than the candidates: the places
// capitals_as_places adds after computing it nest nothing.
bool nested_at(const std::vector<bool>& nested, std::size_t i) { return i < nested.size() && nested[i]; }

class Support {
public:
    /// `nested`: nested_names(doc), or a copy made before candidates that nest nothing were added.
    Support(const AnnotatedDocument& doc, const std::vector<bool>& nested) : doc_(doc) {
        for (std::size_t i = 0; i < doc.candidates.size(); ++i) {
            const auto& c = doc.candidates[i];
            // a pair phrase ("both countries") is not a named country and supports nothing
            // (an empty candidate is never chosen: it names nothing)
            if (c.ambiguous || c.kind == MentionKind::PairReference || c.last == c.first) continue;
            if (c.kind == MentionKind::Name && !nested_at(nested, i)) named_plainly_.insert(c.key);
            if (c.type == EntityType::Country) countries_.push_back(&c);
        }
        std::sort(countries_.begin(), countries_.end(),
                  [](const Mention* a, const Mention* b) { return a->first < b->first; });
        // A country is named when a plain name of it is, or an ambiguous one that another country
        // in its sentence supports ("Jordan and Israel").
        named_ = named_plainly_;
        for (const auto& c : doc.candidates)
            if (c.ambiguous && c.type == EntityType::Country && c.kind == MentionKind::Name && c.last > c.first &&
                other_country_in_sentence(c))
                named_.insert(c.key);
    }

    bool operator()(const Mention& m) const {
        if (m.kind == MentionKind::PairReference) return true;  // weak ones are checked where used
        if (!m.ambiguous && m.kind != MentionKind::Capital) return true;
        const auto& sentence = doc_.sentence_of(m.first);
        // A capital opening its sentence before a lowercase word acts as its government ("Oslo
        // instead takes part in ...", "Amman froze the project"), when the document names the country.
        const auto& tokens = doc_.tokens;
        const bool capital_subject = m.kind == MentionKind::Capital && !m.ambiguous && m.first == sentence.first &&
                                     m.last < sentence.last && tokens[m.last].has(kWord) &&
                                     !tokens[m.last].has(kCapitalized) && !tokens[m.last].has(kNumber);
        if (capital_subject && named_.count(m.key)) return true;
        // (m itself is ambiguous or a capital: it is not among the plain names)
        if (m.kind != MentionKind::Capital && named_plainly_.count(m.key)) return true;
        return other_country_in_sentence(m);
    }

    /// The document names this country plainly, or by an ambiguous name that is supported.
    bool named(std::string_view key) const { return named_.count(key) > 0; }

private:
    // Another country (not m's own) is named in m's sentence, outside m.
    bool other_country_in_sentence(const Mention& m) const {
        const auto& sentence = doc_.sentence_of(m.first);
        auto it = std::lower_bound(countries_.begin(), countries_.end(), sentence.first,
                                   [](const Mention* c, std::uint32_t k) { return c->first < k; });
        for (; it != countries_.end() && (*it)->first < sentence.last; ++it) {
            const auto& other = **it;
            if (&other != &m && other.last <= sentence.last && other.key != m.key &&
                (other.last <= m.first || other.first >= m.last))
                return true;
        }
        return false;
    }

    const AnnotatedDocument& doc_;
    std::unordered_set<std::string_view> named_plainly_;  // keys (views into the candidates) with a plain name
    std::unordered_set<std::string_view> named_;          // and countries named by a supported ambiguous name
    std::vector<const Mention*> countries_;               // plain country candidates, by first token
};

// A capital of a country the document never names plainly is the city itself ("a summit in Addis
// Ababa" in a text about Nigeria and Cameroon): a place of its own name. After a locative
// preposition it is the city even with another country in the sentence, and even when the surface is
// ambiguous ("the ICJ in The Hague"); the country reading is then dropped.
void capitals_as_places(AnnotatedDocument& doc, const std::vector<bool>& nested) {
    std::vector<Mention> places;
    std::vector<std::size_t> dropped;
    {
        const Support supported(doc, nested);  // reads the candidates, which do not change in this block
        for (std::size_t c = 0; c < doc.candidates.size(); ++c) {
            const auto& m = doc.candidates[c];
            // (a country named by a supported ambiguous name counts: "Chad" beside Niger)
            if (m.kind != MentionKind::Capital || m.last == m.first || supported.named(m.key)) continue;
            const bool locative = after_locative(doc, m);
            if (!locative && (m.ambiguous || supported(m))) continue;
            if (locative) dropped.push_back(c);
            Mention p = m;
            p.type = EntityType::Place;
            p.kind = MentionKind::Shape;
            p.lex = nullptr;
            p.name = clean_name(doc.text(m.span));
            p.key = entity_key(EntityType::Place, slug(p.name));
            p.affiliation.clear();
            p.ambiguous = false;
            places.push_back(std::move(p));
        }
    }
    for (auto c : dropped) doc.candidates[c].last = doc.candidates[c].first;  // never chosen
    for (auto& p : places) doc.candidates.push_back(std::move(p));
}

void choose_mentions(AnnotatedDocument& doc) {
    // Computed once: the places capitals_as_places adds (no dictionary entry) and the capitals it
    // empties (not names) change no other candidate's nesting.
    const auto nested = nested_names(doc);
    capitals_as_places(doc, nested);
    std::vector<const Mention*> order;
    order.reserve(doc.candidates.size());
    // A name inside a quantity is part of its unit ("300 billion US dollars").
    auto inside_quantity = [&](const Mention& m) {
        for (const auto& q : doc.quantities)
            if (q.first <= m.first && m.last <= q.last) return true;
        return false;
    };
    const Support supported(doc, nested);
    for (const auto& m : doc.candidates)
        if (m.last > m.first && supported(m) && !inside_quantity(m)) order.push_back(&m);
    // How often each entity is named plainly: a surface shared by two entries ("Korean" for either
    // Korea) goes to the one the document names more often.
    std::unordered_map<std::string_view, int> plain;  // views of the candidates' keys
    for (std::size_t i = 0; i < doc.candidates.size(); ++i) {
        const auto& m = doc.candidates[i];
        if (!m.ambiguous && m.kind == MentionKind::Name && !m.key.empty() && !nested_at(nested, i)) ++plain[m.key];
    }
    auto plain_count = [&](const Mention* m) {
        const auto it = plain.find(m->key);
        return it == plain.end() ? 0 : it->second;
    };
    std::sort(order.begin(), order.end(), [&](const Mention* a, const Mention* b) {
        if (a->first != b->first) return a->first < b->first;
        if (a->last != b->last) return a->last > b->last;
        // On equal spans a plain reading beats an ambiguous one ("Korea" the place, not a state).
        if (a->ambiguous != b->ambiguous) return !a->ambiguous;
        if (a->ambiguous && a->type == b->type && plain_count(a) != plain_count(b))
            return plain_count(a) > plain_count(b);
        return a->priority < b->priority;
    });
    std::uint32_t covered = 0;
    for (const auto* m : order) {
        if (m->first < covered) continue;
        // A sentence boundary inside a mention means a rule overreached: skip it.
        if (doc.sentence_of(m->first).last < m->last) continue;
        doc.mentions.push_back(*m);
        covered = m->last;
    }
    doc.mention_at.assign(doc.tokens.size(), -1);
    doc.in_mention.assign(doc.tokens.size(), false);
    for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
        const auto& m = doc.mentions[i];
        doc.mention_at[m.first] = static_cast<std::int32_t>(i);
        // Topic phrases are ordinary noun phrases ("bilateral trade") and pair phrases are not
        // names: their words stay usable as cues.
        if (m.type != EntityType::Topic && m.kind != MentionKind::PairReference)
            for (auto k = m.first; k < m.last; ++k) doc.in_mention[k] = true;
    }
}

void resolve_entities(AnnotatedDocument& doc) {
    const auto title_end = doc.sentences.empty() ? 0u : doc.sentences.front().last;
    for (const auto& m : doc.mentions) {
        if (m.kind == MentionKind::PairReference || m.key.empty()) continue;
        auto it = doc.entity_index.find(m.key);  // (emplace would build a node to throw away)
        const bool inserted = it == doc.entity_index.end();
        if (inserted) it = doc.entity_index.emplace(m.key, doc.entities.size()).first;
        if (inserted) {
            DocEntity de;
            de.entity.key = m.key;
            de.entity.type = m.type;
            de.lex = m.lex;
            de.entity.name = m.lex ? m.lex->name : m.name;
            if (m.lex && !m.lex->wikidata.empty())
                de.entity.same_as.push_back("http://www.wikidata.org/entity/" + m.lex->wikidata);
            de.first_token = m.first;
            doc.entities.push_back(std::move(de));
        }
        auto& de = doc.entities[it->second];
        ++de.mentions;
        if (m.first < title_end) ++de.title_mentions;
        if (m.kind != MentionKind::CombiningForm && m.kind != MentionKind::Reference) {
            auto surface = clean_name(doc.text(m.span));
            auto& alt = de.entity.alt_names;
            if (!surface.empty() && surface != de.entity.name &&
                std::find(alt.begin(), alt.end(), surface) == alt.end())
                alt.push_back(std::move(surface));
        }
    }
    for (auto& de : doc.entities) unite(de.entity.alt_names, {});
}

// The pair a document is about: its two most often named countries (a title counts double).
void find_pair(AnnotatedDocument& doc) {
    std::vector<const DocEntity*> countries;
    for (const auto& de : doc.entities)
        if (de.entity.type == EntityType::Country) countries.push_back(&de);
    if (countries.size() < 2) return;
    auto weight = [](const DocEntity* d) { return d->mentions + d->title_mentions; };
    std::stable_sort(countries.begin(), countries.end(), [&](const DocEntity* a, const DocEntity* b) {
        if (weight(a) != weight(b)) return weight(a) > weight(b);
        return a->first_token < b->first_token;
    });
    doc.pair = std::array<std::string, 2>{countries[0]->entity.key, countries[1]->entity.key};
}

}  // namespace

void merge_relation(Relation& into, const Relation& r) {
    unite(into.qualifiers.topics, r.qualifiers.topics);
    unite(into.qualifiers.vehicles, r.qualifiers.vehicles);
    if (!into.qualifiers.quantity && r.qualifiers.quantity) into.qualifiers.quantity = r.qualifiers.quantity;
    // Historical only when every statement is historical; "current" once any says so. The rule
    // is order-independent, so merging documents in any order gives the same time.
    auto& time = into.qualifiers.time;
    const auto& other = r.qualifiers.time;
    if (time != other) {
        if (time == "historical") time = other;
        else if (time.empty() && other == "current") time = other;
    }
    // An unhedged statement outweighs a hedged one.
    if (r.qualifiers.modality.empty() && !r.evidence.empty()) into.qualifiers.modality.clear();
    into.confidence = 1.0f - (1.0f - into.confidence) * (1.0f - r.confidence);
    // The same evidence twice is kept once. The offsets and the rule tell most pieces apart before
    // the strings are compared (a relation seen in hundreds of sentences of one document).
    auto same = [](const Evidence& a, const Evidence& b) {
        return a.sentence == b.sentence && a.subject == b.subject && a.object == b.object && a == b;
    };
    for (const auto& e : r.evidence)
        if (std::none_of(into.evidence.begin(), into.evidence.end(), [&](const Evidence& x) { return same(x, e); }))
            into.evidence.push_back(e);
}

namespace {

// Adds the CPU time of this thread since the last tick to step `k` of the clock, when there is
// one: CPU time, not wall time, so other work on a busy machine does not shift the shares.
class StepTimer {
public:
    explicit StepTimer(StepClock* clock, std::size_t steps) : clock_(clock) {
        if (clock_ && clock_->seconds.size() < steps) clock_->seconds.resize(steps, 0.0);
        if (clock_) last_ = thread_seconds();
    }
    void tick(std::size_t k) {
        if (!clock_) return;
        const auto now = thread_seconds();
        clock_->seconds[k] += now - last_;
        last_ = now;
    }

private:
    static double thread_seconds() {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
    }
    StepClock* clock_;
    double last_ = 0.0;
};

}  // namespace

ExtractionResult Pipeline::extract(const Document& document, const ExtractOptions& options) const {
    StepTimer timer(options.clock, step_count());
    AnnotatedDocument doc(document, knowledge_->lexicon, knowledge_->sentence_rules);
    timer.tick(0);
    return run(doc, options);
}

ExtractionResult Pipeline::extract(const Document& document, const ExtractOptions& options,
                                   Annotation&& annotation) const {
    AnnotatedDocument doc(document, knowledge_->lexicon, std::move(annotation));
    return run(doc, options);
}

ExtractionResult Pipeline::run(AnnotatedDocument& doc, const ExtractOptions& options) const {
    const Document& document = doc.document;
    StepTimer timer(options.clock, step_count());
    std::size_t step = 1;
    for (const auto& stage : entity_stages_) {
        stage->find_mentions(doc);
        timer.tick(step++);
    }
    choose_mentions(doc);
    resolve_entities(doc);
    find_pair(doc);
    timer.tick(step++);

    std::vector<Relation> proposed;
    std::vector<Rejection> rejected;
    for (const auto& stage : relation_stages_) {
        stage->find_relations(doc, proposed, rejected);
        timer.tick(step++);
    }

    ExtractionResult result;
    result.document = document;
    // A relation may end at a dictionary entity named only inside another name ("Canada" in
    // "United States-Mexico-Canada Agreement"): it joins the document's entities.
    for (const auto& r : proposed)
        for (const auto* key : {&r.subject, &r.object})
            if (!doc.entity(*key))
                if (const auto* lex = knowledge_->lexicon.find(*key)) {
                    DocEntity de;
                    de.entity = {lex->key, lex->type, lex->name, {}, {}};
                    if (!lex->wikidata.empty())
                        de.entity.same_as.push_back("http://www.wikidata.org/entity/" + lex->wikidata);
                    de.lex = lex;
                    doc.entity_index.emplace(lex->key, doc.entities.size());
                    doc.entities.push_back(std::move(de));
                }
    std::vector<Relation*> kept;
    for (auto& r : proposed) {
        const auto* s = doc.entity(r.subject);
        const auto* o = doc.entity(r.object);
        const auto sentence = r.evidence.empty() ? Span{} : r.evidence.front().sentence;
        auto rule = [&] { return r.evidence.empty() ? std::string() : r.evidence.front().rule; };
        if (!s || !o) {
            rejected.push_back({rule(), "an end is not an entity of this document", sentence,
                                r.subject + " " + std::string(to_string(r.predicate)) + " " + r.object});
            continue;
        }
        if (r.subject == r.object) {
            rejected.push_back({rule(), "subject and object are the same entity", sentence, r.subject});
            continue;
        }
        if (!fits(r.predicate, s->entity.type, o->entity.type)) {
            rejected.push_back({rule(),
                                "domain/range: " + std::string(to_string(r.predicate)) + " does not take " +
                                    std::string(to_string(s->entity.type)) + " -> " +
                                    std::string(to_string(o->entity.type)),
                                sentence, r.subject + " -> " + r.object});
            continue;
        }
        if (info(r.predicate).symmetric && r.object < r.subject) {
            std::swap(r.subject, r.object);
            for (auto& e : r.evidence) std::swap(e.subject, e.object);
        }
        for (auto& e : r.evidence) e.doc_id = document.id;
        kept.push_back(&r);
    }
    // One relation per (subject, predicate, object, negation), in that order; statements of the
    // same relation merge in the order they were proposed.
    auto key = [](const Relation* r) { return std::tie(r->subject, r->predicate, r->object, r->negated); };
    std::stable_sort(kept.begin(), kept.end(), [&](const Relation* a, const Relation* b) { return key(a) < key(b); });
    for (std::size_t i = 0; i < kept.size();) {
        auto& into = *kept[i];
        auto j = i + 1;
        for (; j < kept.size() && key(kept[j]) == key(kept[i]); ++j) merge_relation(into, *kept[j]);
        result.relations.push_back(std::move(into));
        i = j;
    }
    std::unordered_set<std::string_view> used;  // views into result.relations, which no longer grows
    for (const auto& r : result.relations) {
        used.insert(r.qualifiers.topics.begin(), r.qualifiers.topics.end());
        used.insert(r.object);
    }
    // A topic is a node only when a relation is about it; a passing mention is kept as a
    // mention, not as an entity (precision first).
    for (const auto& de : doc.entities)
        if (de.entity.type != EntityType::Topic || used.count(de.entity.key)) result.entities.push_back(de.entity);
    for (const auto& m : doc.mentions) {
        if (m.key.empty() || !doc.entity(m.key)) continue;
        result.mentions.push_back({m.key, m.span, std::string(doc.text(m.span)), std::string(m.extractor)});
    }
    std::sort(result.entities.begin(), result.entities.end(),
              [](const Entity& a, const Entity& b) { return a.key < b.key; });
    if (options.explain) result.rejections = std::move(rejected);
    timer.tick(step);
    return result;
}

}  // namespace dyad
