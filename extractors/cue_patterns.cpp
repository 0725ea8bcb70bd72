// Relation cues as data (data/patterns/relations.tsv): token patterns with argument slots,
// compiled once. Syntax, documented in docs/patterns.md:
//   {A:Country|Organization}  subject slot (a mention of one of the types; coordinated lists
//                             "X, Y and Z" and pair references "both countries" expand)
//   {B:Agreement}             object slot
//   {X:Event~war}             context slot: must be there, does not become an end ("~war": the
//                             mention must contain the word)
//   {PAIR}                    a pair reference ("the two countries")
//   @pair                     the document's pair fills the subject slot (first element only)
//   @pair-object              the document's pair fills the object slot (first element only)
//   word  word*  a|b*|c       a literal token, a prefix, alternatives
//   ?word                     an optional literal
//   ..  ..N                   a gap of up to 6 (or N) tokens
// Negation, modality and time words around a match come from data/patterns/modifiers.tsv.
#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <span>
#include <unordered_map>

#include "core/text.h"
#include "core/tsv.h"
#include "extractors/registry.h"
#include "extractors/token_trie.h"

namespace dyad::extractors {
namespace {

struct Element {
    enum class Kind { Literal, Gap, Slot } kind = Kind::Literal;
    std::vector<std::string> words;
    std::vector<std::uint8_t> prefix;   // 1: words[w] is a prefix ("cooperat*")
    std::vector<std::uint64_t> hashes;  // token_hash(words[w]), compared before the text
    std::uint64_t hash_bits = 0;        // bit (hash & 63) of every exact word: a quick "none of them"
    bool has_prefix = false;
    bool optional = false;
    unsigned max_gap = 0;
    char slot = 0;  // 'A', 'B', 'X', 'P'
    TypeSet types = 0;
    std::string must_contain;
    bool single = false;  // "{B:Country!}": one mention, never a coordinated list
};

struct Pattern {
    std::string id;
    Predicate predicate = Predicate::CooperatesWith;
    std::vector<Element> elements;
    bool pair_fills_subject = false;
    bool pair_fills_object = false;  // @pair-object: the pair is the object ("live on both sides of the border")
    float confidence = 0.8f;
    std::vector<std::string> quantity;    // dimensions of the quantity this relation takes, if any
    std::vector<std::uint32_t> literals;  // ids of its required literals (CuePatterns::literal_words_)
};

struct Binding {
    std::vector<const Mention*> a, b;
    const Mention* x = nullptr;
    std::uint32_t start = 0, end = 0;
};

// Token k of the document is one of the literal's words (or starts with one of its prefixes).
// "objected", "agreed": a verb in the past tense, not a noun after a list item ("the APEC forum")
bool past_tense(std::string_view w) {
    return w.size() > 4 && w.substr(w.size() - 2) == "ed" && w != "seed" && w != "need" && w != "creed";
}

bool literal_matches(const Element& e, const AnnotatedDocument& doc, std::uint32_t k) {
    const auto hash = doc.fhash[k];
    if (!e.has_prefix && !((e.hash_bits >> (hash & 63)) & 1)) return false;
    const auto token = doc.ftext(k);
    for (std::size_t w = 0; w < e.words.size(); ++w) {
        const auto& word = e.words[w];
        if (e.prefix[w] ? token.starts_with(word) : hash == e.hashes[w] && token == word) return true;
    }
    return false;
}

Element parse_literal(std::string_view text) {
    Element e;
    e.kind = Element::Kind::Literal;
    if (!text.empty() && text.front() == '?') {
        e.optional = true;
        text.remove_prefix(1);
    }
    for (auto& alt : split_list(text)) {
        bool prefix = alt.size() > 1 && alt.back() == '*';
        if (prefix) alt.pop_back();
        // Literals are compared with folded tokens.
        std::string folded = alt == "'" || alt == "-" || alt == "," ? alt : fold(alt);
        e.hashes.push_back(token_hash(folded));
        if (prefix) e.has_prefix = true;
        else e.hash_bits |= std::uint64_t{1} << (e.hashes.back() & 63);
        e.words.push_back(folded);
        e.prefix.push_back(prefix ? 1 : 0);
    }
    return e;
}

// Single words to the ids of the literals that contain them: a flat table probed with the token's
// precomputed hash (AnnotatedDocument::fhash), behind a bit set that answers most misses.
class WordIndex {
public:
    void build(const std::unordered_map<std::string, std::vector<std::uint32_t>>& words) {
        std::size_t size = 16;
        while (size < words.size() * 4) size *= 2;
        slots_.assign(size, Slot{});
        mask_ = size - 1;
        for (const auto& [word, ids] : words) {
            const auto hash = token_hash(word);
            bits_[(hash >> 6) & kBitMask] |= std::uint64_t{1} << (hash & 63);
            auto i = hash & mask_;
            while (slots_[i].entry != kEmpty) i = (i + 1) & mask_;
            slots_[i] = {hash, static_cast<std::uint32_t>(entries_.size())};
            entries_.push_back({word, ids});
        }
    }
    const std::vector<std::uint32_t>* find(std::string_view token, std::uint64_t hash) const {
        if (!((bits_[(hash >> 6) & kBitMask] >> (hash & 63)) & 1)) return nullptr;
        for (auto i = hash & mask_; slots_[i].entry != kEmpty; i = (i + 1) & mask_)
            if (slots_[i].hash == hash && entries_[slots_[i].entry].first == token)
                return &entries_[slots_[i].entry].second;
        return nullptr;
    }

private:
    static constexpr std::uint32_t kEmpty = 0xffffffffu;
    static constexpr std::uint64_t kBitMask = 63;  // 64 words: 4 Kbit
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t entry = kEmpty;
    };
    std::array<std::uint64_t, kBitMask + 1> bits_{};
    std::vector<Slot> slots_;
    std::uint64_t mask_ = 0;
    std::vector<std::pair<std::string, std::vector<std::uint32_t>>> entries_;
};

class CuePatterns final : public RelationExtractor {
public:
    explicit CuePatterns(const Resources& r) {
        TsvReader reader(r.knowledge.data_dir / "patterns" / "relations.tsv",
                         {"id", "predicate", "pattern", "confidence", "quantity", "notes"});
        while (auto row = reader.next()) patterns_.push_back(compile(*row, reader));
        // The literal index: which patterns a sentence can possibly match, found with one hash probe
        // per token (and a prefix test per prefix cue). A pattern can match only where every one
        // of its required literals occurs; "," or "in" alone would wake dozens of patterns in
        // every sentence.
        std::unordered_map<std::string, std::uint32_t> literal_ids;
        std::unordered_map<std::string, std::vector<std::uint32_t>> by_word;
        for (auto& p : patterns_) {
            for (const auto& e : p.elements) {
                if (e.kind != Element::Kind::Literal || e.optional) continue;
                std::string signature;
                for (std::size_t w = 0; w < e.words.size(); ++w)
                    signature += e.words[w] + (e.prefix[w] ? "*" : "") + '\0';
                auto [it, added] = literal_ids.emplace(signature, static_cast<std::uint32_t>(literal_ids.size()));
                if (added)
                    for (std::size_t w = 0; w < e.words.size(); ++w) {
                        if (!e.prefix[w]) {
                            by_word[e.words[w]].push_back(it->second);
                            continue;
                        }
                        prefix_starts_[static_cast<unsigned char>(e.words[w].front())] = true;
                        auto at = std::find_if(by_prefix_.begin(), by_prefix_.end(),
                                               [&](const auto& x) { return x.first == e.words[w]; });
                        if (at == by_prefix_.end()) at = by_prefix_.insert(by_prefix_.end(), {e.words[w], {}});
                        at->second.push_back(it->second);
                    }
                if (std::find(p.literals.begin(), p.literals.end(), it->second) == p.literals.end())
                    p.literals.push_back(it->second);
            }
        }
        literal_count_ = literal_ids.size();
        by_word_.build(by_word);
        // Each pattern is woken by one of its literals, its trigger: the one fewest patterns use
        // ("border" rather than ","), so a common word wakes few patterns. A woken pattern then
        // checks that its other literals are in the sentence too.
        std::vector<std::uint32_t> uses(literal_count_, 0);
        for (const auto& p : patterns_)
            for (auto i : p.literals) ++uses[i];
        std::vector<std::vector<std::uint32_t>> patterns_of(literal_count_);
        for (std::uint32_t pi = 0; pi < patterns_.size(); ++pi) {
            const auto& literals = patterns_[pi].literals;
            if (literals.empty()) {
                unanchored_.push_back(pi);
                continue;
            }
            patterns_of[*std::min_element(literals.begin(), literals.end(), [&](auto a, auto b) {
                return uses[a] < uses[b];
            })].push_back(pi);
        }
        for (auto& list : patterns_of) {
            patterns_of_begin_.push_back(static_cast<std::uint32_t>(patterns_of_.size()));
            patterns_of_.insert(patterns_of_.end(), list.begin(), list.end());
        }
        patterns_of_begin_.push_back(static_cast<std::uint32_t>(patterns_of_.size()));
        TsvReader mods(r.knowledge.data_dir / "patterns" / "modifiers.tsv", {"kind", "phrase"});
        while (auto row = mods.next()) {
            const auto& kind = row->at(0);
            std::uint32_t id = 0;
            if (kind == "negation") id = 0;
            else if (kind == "modality") id = 1;
            else if (kind == "historical") id = 2;
            else if (kind == "current") id = 3;
            else if (kind == "unrealized") id = 4;
            else if (kind == "affirmation") id = 5;
            else
                throw mods.error("unknown kind '" + kind +
                                 "'; expected negation, modality, historical, current, unrealized or affirmation");
            if (!modifiers_.insert(row->at(1), id)) throw mods.error("empty phrase");
        }
    }

    void find_relations(const AnnotatedDocument& doc, std::vector<Relation>& out,
                        std::vector<Rejection>& rejected) const override {
        // Per literal: 0 when it is not in the sentence, else one past the last token where it
        // matches. Per pattern: the least of these over its required literals. Every match covers
        // each of them, at or after its start, so no start after that token can match.
        std::vector<std::uint32_t> seen(literal_count_, 0);
        std::vector<std::uint32_t> seen_list;   // the literals seen in this sentence
        std::vector<std::uint32_t> candidates;  // patterns with all their literals seen
        std::vector<std::uint32_t> active(patterns_.size(), 0);
        Binding b;
        std::vector<const Mention*> in_sentence;
        std::vector<std::uint32_t> slot_starts;
        SentenceModifiers found;
        for (const auto& s : doc.sentences) {
            auto see = [&](std::uint32_t i, std::uint32_t k) {
                if (!seen[i]) seen_list.push_back(i);
                seen[i] = k + 1;
            };
            for (auto k = s.first; k < s.last; ++k) {
                if (doc.in_mention[k]) continue;
                const auto f = doc.ftext(k);
                if (const auto* ids = by_word_.find(f, doc.fhash[k]))
                    for (auto i : *ids) see(i, k);
                if (!f.empty() && prefix_starts_[static_cast<unsigned char>(f.front())])
                    for (const auto& [prefix, ids] : by_prefix_)
                        if (f.starts_with(prefix))
                            for (auto i : ids) see(i, k);
            }
            candidates = unanchored_;
            for (auto i : seen_list)
                for (auto at = patterns_of_begin_[i]; at < patterns_of_begin_[i + 1]; ++at) {
                    const auto pi = patterns_of_[at];
                    const auto& literals = patterns_[pi].literals;
                    if (std::all_of(literals.begin(), literals.end(), [&](auto j) { return seen[j] != 0; }))
                        candidates.push_back(pi);
                }
            std::sort(candidates.begin(), candidates.end());  // patterns run in file order
            for (auto pi : candidates) {
                auto end = s.last;
                for (auto i : patterns_[pi].literals) end = std::min(end, seen[i]);
                active[pi] = end;
            }
            for (auto i : seen_list) seen[i] = 0;
            seen_list.clear();
            // The chosen mentions of this sentence: every slot of a match binds one of them. What
            // they are, as one test per slot: the types named, a pair phrase, a titled person.
            in_sentence.clear();
            slot_starts.clear();
            TypeSet named = 0;
            bool pair_phrase = false, titled_person = false;
            for (auto k = s.first; k < s.last; ++k) {
                const auto* m = mention_at(doc, s, k);
                if (m) {
                    in_sentence.push_back(m);
                    if (m->kind == MentionKind::PairReference) pair_phrase = true;
                    else if (m->type == EntityType::Person && !m->affiliation.empty()) titled_person = true;
                    else named |= type_bit(m->type);
                }
                // Where a pattern that opens with a slot can start: a mention or its article. Not an
                // acronym in brackets after its name: "the Association of Southeast Asian Nations
                // (ASEAN) and members of the Commonwealth" has no subject "ASEAN".
                const bool bracketed =
                    m && k > s.first && m->last < s.last && doc.ftext(k - 1) == "(" && doc.ftext(m->last) == ")";
                if ((doc.mention_at[k] >= 0 && !bracketed) ||
                    (article(doc.ftext(k)) && k + 1 < s.last && doc.mention_at[k + 1] >= 0))
                    slot_starts.push_back(k);
            }
            const auto country = type_bit(EntityType::Country);
            auto fillable = [&](const Element& el) {
                if (el.slot == 'P') return pair_phrase;
                const bool maybe = (el.types & named) || (pair_phrase && el.slot != 'X' && (el.types & country)) ||
                                   (titled_person && ((el.types & type_bit(EntityType::Person)) ||
                                                      (el.slot == 'A' && (el.types & country))));
                if (!maybe || el.must_contain.empty()) return maybe;
                return std::any_of(in_sentence.begin(), in_sentence.end(),
                                   [&](const Mention* m) { return slot_accepts(el, *m, doc); });
            };
            for (auto pi : candidates) {
                const auto& p = patterns_[pi];
                // A pattern with a slot that no mention of the sentence can fill cannot match.
                if (!std::all_of(p.elements.begin(), p.elements.end(),
                                 [&](const Element& el) { return el.kind != Element::Kind::Slot || fillable(el); }))
                    continue;
                const auto& head = p.elements.front();
                const bool slot_head = head.kind == Element::Kind::Slot;
                std::size_t next_slot_start = 0;
                for (auto start = s.first; start < active[pi]; ++start) {
                    // Only where the first element can match: a mention (or its article), or the literal.
                    if (slot_head) {
                        while (next_slot_start < slot_starts.size() && slot_starts[next_slot_start] < start)
                            ++next_slot_start;
                        if (next_slot_start == slot_starts.size()) break;
                        start = slot_starts[next_slot_start];
                        if (start >= active[pi]) break;
                    } else if (head.kind == Element::Kind::Literal && !head.optional &&
                               (doc.in_mention[start] || !literal_matches(head, doc, start))) {
                        continue;
                    }
                    b.a.clear();  // one Binding per document: its vectors keep their capacity
                    b.b.clear();
                    b.x = nullptr;
                    b.end = 0;
                    b.start = start;
                    if (!match(doc, s, p, 0, start, b)) continue;
                    // The next match starts after this one; after a match that could not fill its
                    // ends ("When the Soviet Union collapsed, the two new states fought ...") the
                    // next start is tried too.
                    if (emit(doc, s, in_sentence, found, p, b, out, rejected)) start = std::max(start, b.end - 1);
                }
            }
        }
    }

private:
    static Pattern compile(const TsvRow& row, const TsvReader& reader) {
        Pattern p;
        p.id = row.at(0);
        const auto predicate = parse_predicate(row.at(1));
        if (!predicate) throw reader.error("unknown predicate '" + row.at(1) + "' (see docs/vocabulary.md)");
        p.predicate = *predicate;
        char* end = nullptr;
        p.confidence = std::strtof(row.at(3).c_str(), &end);
        if (!end || *end || p.confidence <= 0 || p.confidence > 1)
            throw reader.error("confidence '" + row.at(3) + "' must be a number in (0, 1]");
        if (!row.at(4).empty()) p.quantity = split_list(row.at(4));
        bool has_a = false, has_b = false;
        for (const auto& part : split_list(row.at(2), ' ')) {
            if (part == "@pair") {
                if (!p.elements.empty()) throw reader.error("'@pair' must come first in the pattern");
                p.pair_fills_subject = true;
                continue;
            }
            if (part == "@pair-object") {
                if (!p.elements.empty()) throw reader.error("'@pair-object' must come first in the pattern");
                p.pair_fills_object = true;
                continue;
            }
            if (part.rfind("..", 0) == 0) {
                Element e;
                e.kind = Element::Kind::Gap;
                e.max_gap = 6;
                if (part.size() > 2) {
                    char* gend = nullptr;
                    const auto n = std::strtoul(part.c_str() + 2, &gend, 10);
                    if (!gend || *gend || n == 0 || n > 30)
                        throw reader.error("in pattern: '" + part + "' must be '..' or '..N' with N in 1..30");
                    e.max_gap = static_cast<unsigned>(n);
                }
                p.elements.push_back(e);
                continue;
            }
            if (part.front() == '{') {
                if (part.back() != '}') throw reader.error("in pattern: '" + part + "' has no closing '}'");
                Element e;
                e.kind = Element::Kind::Slot;
                const auto body = part.substr(1, part.size() - 2);
                if (body == "PAIR") {
                    e.slot = 'P';
                    p.elements.push_back(e);
                    continue;
                }
                if (body.size() < 3 || body[1] != ':' || (body[0] != 'A' && body[0] != 'B' && body[0] != 'X'))
                    throw reader.error("in pattern: '" + part + "' is not {A:Type}, {B:Type}, {X:Type} or {PAIR}");
                e.slot = body[0];
                auto types = body.substr(2);
                if (!types.empty() && types.back() == '!') {
                    e.single = true;
                    types.pop_back();
                }
                if (const auto tilde = types.find('~'); tilde != std::string::npos) {
                    e.must_contain = fold(types.substr(tilde + 1));
                    types = types.substr(0, tilde);
                }
                for (const auto& t : split_list(types)) {
                    const auto type = parse_entity_type(t);
                    if (!type) throw reader.error("in pattern: '" + part + "': unknown type '" + t + "'");
                    e.types |= type_bit(*type);
                }
                has_a = has_a || e.slot == 'A';
                has_b = has_b || e.slot == 'B';
                p.elements.push_back(e);
                continue;
            }
            if (part.find('{') != std::string::npos || part.find('}') != std::string::npos)
                throw reader.error("in pattern: '" + part +
                                   "': a slot cannot be optional or joined to a word; write two patterns instead");
            p.elements.push_back(parse_literal(part));
        }
        if (!has_a && !p.pair_fills_subject &&
            std::none_of(p.elements.begin(), p.elements.end(), [](const Element& e) { return e.slot == 'P'; }))
            throw reader.error("pattern has no subject: add {A:Type}, {PAIR} or @pair");
        if (!info(p.predicate).symmetric && !has_b && !p.pair_fills_object)
            throw reader.error("pattern for " + row.at(1) + " needs an object slot {B:Type}");
        return p;
    }

    static bool slot_accepts(const Element& e, const Mention& m, const AnnotatedDocument& doc) {
        if (e.slot == 'P') return m.kind == MentionKind::PairReference;
        if (m.kind == MentionKind::PairReference)
            return e.slot != 'X' && (e.types & type_bit(EntityType::Country)) != 0;
        // "Egyptian President Anwar Sadat signed ...": a leader acts for the country of his title,
        // where the slot takes countries but not people.
        if (m.type == EntityType::Person && !m.affiliation.empty() && !(e.types & type_bit(EntityType::Person)))
            return e.slot == 'A' && (e.types & type_bit(EntityType::Country)) != 0;  // as actors only
        if (!(e.types & type_bit(m.type))) return false;
        if (!e.must_contain.empty()) {
            for (auto k = m.first; k < m.last; ++k)
                if (doc.ftext(k).substr(0, e.must_contain.size()) == e.must_contain) return true;
            return false;
        }
        return true;
    }

    static bool clause_end(const AnnotatedDocument& doc, std::uint32_t k, const Sentence& s) {
        const auto f = doc.ftext(k);
        if (f == ";") return true;
        if (f != "," || k + 1 >= s.last) return false;
        const auto n = doc.ftext(k + 1);
        return n == "and" || n == "but" || n == "while" || n == "whereas" || n == "although" || n == "though" ||
               n == "yet";
    }

    // A verb that opens a second predicate after "and": "... and is a member", "... and has ...".
    static bool new_predicate(std::string_view f) {
        return f == "is" || f == "are" || f == "was" || f == "were" || f == "has" || f == "have" || f == "had" ||
               f == "became" || f == "becomes" || f == "remains" || f == "remained";
    }

    static bool article(std::string_view f) { return f == "the" || f == "a" || f == "an"; }

    // Up to four words of a title (a demonym among them) before a person: where the person starts,
    // or k. Used only where a slot takes countries, which a titled person stands for: in "Indian
    // Prime Minister X and President Y" the leader rule (a person-only slot) must not give Y X's country.
    static std::uint32_t past_title(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t k) {
        auto t = k;
        while (t < s.last && t - k < 4 && doc.tokens[t].has(kWord) && !doc.tokens[t].has(kNumber)) {
            const auto* inner = mention_at(doc, s, t);
            if (inner && (inner->type == EntityType::Person || inner->kind != MentionKind::Demonym)) break;
            t = inner ? inner->last : t + 1;
        }
        const auto* person = t > k ? mention_at(doc, s, t) : nullptr;
        return person && person->type == EntityType::Person ? t : k;
    }

    // One to three plain lowercase words at k that no mention covers, then "," or "and" (", and")
    // and an optional article: the token after all that, or k when there is no such item.
    static std::uint32_t past_unknown_item(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t k) {
        auto j = k;
        while (j < s.last && j < k + 3 && doc.tokens[j].has(kWord) && !doc.tokens[j].has(kCapitalized) &&
               !doc.in_mention[j] && doc.ftext(j) != "and" && doc.ftext(j) != "or")
            ++j;
        if (j == k || j + 1 >= s.last) return k;
        const bool comma = doc.ftext(j) == ",";
        if (comma) ++j;
        if (j < s.last && doc.ftext(j) == "and") ++j;
        else if (!comma) return k;
        if (j < s.last && article(doc.ftext(j))) ++j;
        return j < s.last ? j : k;
    }

    // A lowercase word right after mention m that is neither a number, a list filler nor "and"/"or".
    static bool verb_follows(const AnnotatedDocument& doc, const Sentence& s, const Mention& m) {
        if (m.last >= s.last) return false;
        const auto& t = doc.tokens[m.last];
        const auto f = doc.ftext(m.last);
        return t.has(kWord) && !t.has(kCapitalized) && !t.has(kNumber) && !list_filler(f) && f != "and" && f != "or";
    }

    static bool list_filler(std::string_view f) {
        return f == "the" || f == "of" || f == "in" || f == "with" || f == "to" || f == "at" || f == "on";
    }

    static const Mention* mention_at(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t k) {
        if (k >= s.last || doc.mention_at[k] < 0) return nullptr;
        const auto& m = doc.mentions[static_cast<std::size_t>(doc.mention_at[k])];
        return m.last <= s.last ? &m : nullptr;
    }

    // Element e comes right after the subject slot.
    static bool after_subject_slot(const Pattern& p, std::size_t e) {
        return e > 0 && p.elements[e - 1].kind == Element::Kind::Slot && p.elements[e - 1].slot == 'A';
    }

    // The gap element e at token k: 0 to max_gap tokens, shortest first, inside one clause.
    bool gap(const AnnotatedDocument& doc, const Sentence& s, const Pattern& p, std::size_t e, std::uint32_t k,
             Binding& b) const {
        const auto& el = p.elements[e];
        const bool after_subject = after_subject_slot(p, e);
        for (unsigned g = 0; g <= el.max_gap && k + g <= s.last; ++g) {
            if (match(doc, s, p, e + 1, k + g, b)) return true;
            // A gap stays inside one clause: not across ";" or ", and ..." / ", but ...".
            if (k + g < s.last && clause_end(doc, k + g, s)) return false;
            // Nor, right after the subject, past "and is/was/has ...": a new predicate of the
            // sentence's subject ("Croatia joined the EU in 2013 and is a member of NATO": not the EU)
            if (g > 0 && after_subject && k + g + 1 < s.last && doc.ftext(k + g) == "and" &&
                new_predicate(doc.ftext(k + g + 1)))
                return false;
            // Nor past a pair phrase that could be the subject itself: in "When the Soviet Union
            // collapsed, the two new states fought ..." the subject is the pair. But after a list
            // a bare "both" floats over it: "Argentina and Chile are both signatories of ...".
            if (g > 0 && after_subject)
                if (const auto* m = mention_at(doc, s, k + g);
                    m && m->kind == MentionKind::PairReference && slot_accepts(p.elements[e - 1], *m, doc) &&
                    !(b.a.size() >= 2 && m->last == m->first + 1 && doc.ftext(m->first) == "both"))
                    return false;
        }
        return false;
    }

    // ", which ... ," or ", who ... ," opening at k: the token of the closing comma, or 0. At most
    // 15 tokens, inside one clause.
    static std::uint32_t relative_clause_end(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t k) {
        if (k + 2 >= s.last || doc.ftext(k) != "," || (doc.ftext(k + 1) != "which" && doc.ftext(k + 1) != "who"))
            return 0;
        for (auto j = k + 2; j < s.last && j <= k + 16; ++j) {
            const auto f = doc.ftext(j);
            if (f == ";" || f == ":" || f == "(") return 0;
            if (f == ",") return clause_end(doc, j, s) || j + 1 >= s.last ? 0 : j;
        }
        return 0;
    }

    bool match(const AnnotatedDocument& doc, const Sentence& s, const Pattern& p, std::size_t e, std::uint32_t k,
               Binding& b) const {
        if (e == p.elements.size()) {
            b.end = k;
            return true;
        }
        const auto& el = p.elements[e];
        switch (el.kind) {
        case Element::Kind::Literal:
            // A cue word inside a name is part of the name ("Asia-Pacific Economic Cooperation").
            if (k < s.last && !doc.in_mention[k] && literal_matches(el, doc, k) && match(doc, s, p, e + 1, k + 1, b))
                return true;
            return el.optional && match(doc, s, p, e + 1, k, b);
        case Element::Kind::Gap:
            // "China, which had backed the Khmer Rouge, responded by attacking Vietnam": a relative
            // clause right after the subject does not count against the gap
            if (after_subject_slot(p, e))
                if (const auto close = relative_clause_end(doc, s, k); close && gap(doc, s, p, e, close + 1, b))
                    return true;
            return gap(doc, s, p, e, k, b);
        case Element::Kind::Slot: {
            // Names never include their article: "members of the United Nations".
            if (k < s.last && !mention_at(doc, s, k) && article(doc.ftext(k))) ++k;
            // "signed by President Alberto Fujimori of Peru": a title before a person
            if (k < s.last && !mention_at(doc, s, k) && (el.types & type_bit(EntityType::Country)))
                k = past_title(doc, s, k);
            if (k < s.last && !mention_at(doc, s, k) && doc.tokens[k].has(kNumber) && doc.ftext(k).size() == 4)
                ++k;  // "the 1994 Budapest Memorandum"
            const auto* m = mention_at(doc, s, k);
            if (!m || !slot_accepts(el, *m, doc)) return false;
            if (el.slot == 'X' || el.slot == 'P') {
                if (el.slot == 'X') b.x = m;
                else b.a = {m};
                return match(doc, s, p, e + 1, m->last, b);
            }
            // A coordinated list: "Mexico, Canada and the United States". Longest first.
            boost::container::small_vector<const Mention*, 8> list{m};  // no allocation for short lists
            // A list after a colon may run on with ";" ("Memberships: United Nations; OAS; CELAC").
            const bool after_colon = k > s.first && doc.ftext(k - 1) == ":";
            boost::container::small_vector<std::uint32_t, 8> ends{m->last};
            auto pos = m->last;
            while (!el.single && pos < s.last) {
                auto q = pos;
                // "Long Name (LN)": the acronym in brackets belongs to the item before it
                if (q + 2 < s.last && doc.ftext(q) == "(" && doc.ftext(q + 2) == ")") q += 3;
                // "the ECSC in 1951 and of the EEC in 1958": a year may follow an item
                if (q + 2 < s.last && (doc.ftext(q) == "in" || doc.ftext(q) == "since") &&
                    doc.tokens[q + 1].has(kNumber) && doc.ftext(q + 1).size() == 4 &&
                    (doc.ftext(q + 2) == "," || doc.ftext(q + 2) == "and"))
                    q += 2;
                // "the APEC forum and the WTO": one common noun may follow an item
                // (not a past-tense verb: "Although Iran objected, Armenia and ..." starts a new clause)
                if (q + 1 < s.last && doc.tokens[q].has(kWord) && !doc.tokens[q].has(kCapitalized) &&
                    !doc.in_mention[q] && (doc.ftext(q + 1) == "," || doc.ftext(q + 1) == "and") &&
                    !past_tense(doc.ftext(q)))
                    ++q;
                // "President Fujimori of Peru and President Mahuad of Ecuador": the person's country
                if (const auto* last_item = list.back();
                    (el.types & type_bit(EntityType::Country)) && last_item->type == EntityType::Person &&
                    !last_item->affiliation.empty() && q + 1 < s.last && doc.ftext(q) == "of")
                    if (const auto* c = mention_at(doc, s, q + 1); c && c->key == last_item->affiliation) q = c->last;
                if (q >= s.last) break;
                const auto f = doc.ftext(q);
                if (f != "," && f != "and" && f != "or" && !(after_colon && f == ";")) break;
                const bool after_comma = f == "," || f == ";";
                ++q;
                const bool comma_and = after_comma && q < s.last && doc.ftext(q) == "and";
                const bool bare_comma = f == "," && q < s.last && doc.ftext(q) != "and" && doc.ftext(q) != "or";
                if (q < s.last && (doc.ftext(q) == "and" || doc.ftext(q) == "or")) ++q;
                // "the EU and of NATO", "the G7, the G20": a preposition and an article may follow
                for (int skip = 0; skip < 2 && q < s.last && list_filler(doc.ftext(q)); ++skip) ++q;
                // "Tinubu and President Biya", "Modi and Bangladeshi interim leader Yunus"
                if (el.types & type_bit(EntityType::Country)) q = past_title(doc, s, q);
                const auto* next = mention_at(doc, s, q);
                // "on climate change, economic resilience, security and education": in a list of
                // topics, one item that no dictionary knows does not end the list (it is skipped)
                if (!next && after_comma && el.types == type_bit(EntityType::Topic))
                    if (const auto after = past_unknown_item(doc, s, q); after != q) {
                        q = after;
                        next = mention_at(doc, s, q);
                    }
                if (!next || next->kind == MentionKind::PairReference || !slot_accepts(el, *next, doc)) break;
                // ", and Chinese officials ...": after a comma a demonym starts a new clause
                if (after_comma && next->kind == MentionKind::Demonym) break;
                // A name before a lowercase word that is no preposition (its verb) opens a new clause:
                // - "... at Al Dhafra in the UAE, and Washington has made clear ...": in an object, after
                //   ", and" following a single name (a list of two takes no comma);
                // - "After X invaded Afghanistan in 1979, Pakistan became ...", "the war between
                //   Argentina and the United Kingdom, Chile remained ...": after a bare comma (a list's
                //   last item follows "and" or "or").
                if (((comma_and && el.slot == 'B' && list.size() == 1) || bare_comma) && verb_follows(doc, s, *next))
                    break;
                // "Somalia and Eritrea, Ethiopia's neighbours": after a comma a possessive is an appositive
                if (after_comma && next->last + 1 < s.last && doc.ftext(next->last) == "'" &&
                    doc.ftext(next->last + 1) == "s")
                    break;
                // "88 Australians, the Australian Federal Police and ...": people, then names
                if (list.back()->kind == MentionKind::Demonym && next->kind != MentionKind::Demonym &&
                    doc.ftext(list.back()->last - 1).back() == 's')
                    break;
                list.push_back(next);
                ends.push_back(next->last);
                pos = next->last;
            }
            // A slot named twice ("{A} against {A}") collects both.
            auto& target = el.slot == 'A' ? b.a : b.b;
            const auto bound = target.size();
            for (auto n = list.size(); n > 0; --n) {
                target.resize(bound);
                target.insert(target.end(), list.begin(), list.begin() + static_cast<std::ptrdiff_t>(n));
                if (match(doc, s, p, e + 1, ends[n - 1], b)) return true;
            }
            target.resize(bound);
            return false;
        }
        }
        return false;
    }

    // The chosen mentions that start in tokens [first, last): doc.mentions is sorted by first token.
    static std::span<const Mention> mentions_from(const AnnotatedDocument& doc, std::uint32_t first,
                                                  std::uint32_t last) {
        auto by_first = [](const Mention& m, std::uint32_t k) { return m.first < k; };
        const auto begin = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), first, by_first);
        const auto end = std::lower_bound(begin, doc.mentions.end(), last, by_first);
        return {begin, end};
    }

    // Both countries of the pair are named in this sentence or the one before, or a plain pair
    // phrase ("both countries") is in either: a pronoun such as "they" may then stand for the pair.
    // A sentence before that only says "they" passes the question on to its own sentence before
    // ("X and Y are not allies. They fought two wars. In 2020 they fought again."), up to three back.
    static bool pair_named_near(const AnnotatedDocument& doc, const Sentence& s) {
        auto here = static_cast<std::size_t>(&s - doc.sentences.data());
        for (int step = 0; step < 3; ++step) {
            const auto before = here > 0 ? here - 1 : here;
            bool a = false, b = false, pronoun_before = false;
            for (const auto& m : mentions_from(doc, doc.sentences[before].first, doc.sentences[here].last)) {
                if (m.last > doc.sentences[here].last) continue;
                if (m.kind == MentionKind::PairReference && !m.ambiguous) return true;
                if (m.kind == MentionKind::PairReference && m.ambiguous && before != here &&
                    m.last <= doc.sentences[before].last)
                    pronoun_before = true;
                a = a || m.key == (*doc.pair)[0];
                b = b || m.key == (*doc.pair)[1];
            }
            if (a && b) return true;
            if (!pronoun_before || before == here) return false;
            here = before;
        }
        return false;
    }

    // "Both are members of ...": a bare "Both" opening its sentence, in a document about a pair, is
    // the pair, unless the sentence before names two other countries ("Chile and Peru are
    // neighbours. Both ...") or the sentence names a third country itself. A pronoun later in such
    // a sentence stands for the pair too ("Both joined NATO in 2004, and they are now allies").
    static bool opens_with_both(const AnnotatedDocument& doc, const Sentence& s) {
        const auto* m = mention_at(doc, s, s.first);
        if (!m || m->kind != MentionKind::PairReference || m->last != m->first + 1 || doc.ftext(m->first) != "both")
            return false;
        auto other_countries = [&](const Sentence& in) {
            std::vector<std::string_view> keys;
            for (const auto& c : mentions_from(doc, in.first, in.last))
                if (c.type == EntityType::Country && c.kind != MentionKind::PairReference && c.key != (*doc.pair)[0] &&
                    c.key != (*doc.pair)[1] && std::find(keys.begin(), keys.end(), c.key) == keys.end())
                    keys.push_back(c.key);
            return keys.size();
        };
        const auto here = static_cast<std::size_t>(&s - doc.sentences.data());
        return other_countries(s) == 0 && (here == 0 || other_countries(doc.sentences[here - 1]) < 2);
    }

    // A comma or a contrastive conjunction between a negation and the end of the match: the
    // negation belongs to another clause ("are not allies, although both cooperate").
    static bool clause_break(const AnnotatedDocument& doc, std::uint32_t from, std::uint32_t to) {
        for (auto k = from; k < to; ++k) {
            const auto f = doc.ftext(k);
            if (f == "," || f == ";" || f == ":" || f == "but" || f == "although" || f == "though" || f == "while" ||
                f == "whereas" || f == "yet" || f == "however")
                return true;
        }
        return false;
    }

    // Negation, modality and time words in [from, to).
    struct Modifiers {
        bool negated = false;
        bool unrealized = false;  // "its bid to join", "hopes to sign": not (yet) a fact
        bool affirmed = false;    // "do not negate", "cannot deny": a double negative affirms
        std::string modality;
        std::string time;
    };
    // The modifier phrases of one sentence, found once for all its matches: (first, end, kind).
    struct SentenceModifiers {
        const Sentence* sentence = nullptr;
        std::vector<std::array<std::uint32_t, 3>> hits;
    };
    Modifiers modifiers(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t from, std::uint32_t to,
                        SentenceModifiers& found) const {
        if (found.sentence != &s) {
            found.sentence = &s;
            found.hits.clear();
            for (auto k = s.first; k < s.last; ++k)
                modifiers_.match(doc, k, s.last, [&](std::uint32_t end, const std::vector<std::uint32_t>& ids) {
                    for (auto id : ids) found.hits.push_back({k, end, id});
                });
        }
        Modifiers mods;
        std::uint32_t modal_first = 0, modal_last = 0;
        for (const auto& [k, end, id] : found.hits) {
            const bool inside = k >= from && end <= to;
            if (id == 0 && inside && !clause_break(doc, end, to)) mods.negated = true;
            if (id == 1 && inside) {
                if (!modal_last) modal_first = k;
                modal_last = end;
            }
            if (id == 4 && inside) mods.unrealized = true;
            if (id == 5 && inside) mods.affirmed = true;
            if (id == 2 && mods.time.empty()) mods.time = "historical";
            if (id == 3 && mods.time.empty()) mods.time = "current";
        }
        if (mods.affirmed) mods.negated = false;
        if (modal_last) {
            if (modal_last - modal_first > 5) modal_last = modal_first + 1;
            mods.modality = fold(doc.text(doc.span(modal_first, modal_last)));
        }
        return mods;
    }

    // False when the match could not fill both ends of a relation.
    // `here`: the chosen mentions of sentence s; `found`: its modifier phrases, once found.
    bool emit(const AnnotatedDocument& doc, const Sentence& s, std::span<const Mention* const> here,
              SentenceModifiers& found, const Pattern& p, const Binding& b, std::vector<Relation>& out,
              std::vector<Rejection>& rejected) const {
        struct End {
            std::string key;
            Span span;
        };
        const std::string rule = "cue:" + p.id;
        bool missing_pair = false;
        auto slot_types = [&](char slot) {
            TypeSet t = 0;
            for (const auto& e : p.elements)
                if (e.slot == slot) t |= e.types;
            return t;
        };
        auto expand = [&](std::span<const Mention* const> list, TypeSet types) {
            std::vector<End> ends;
            for (const auto* m : list) {
                if (m->kind == MentionKind::PairReference) {
                    if (!doc.pair || (m->ambiguous && !pair_named_near(doc, s) && !opens_with_both(doc, s))) {
                        missing_pair = true;
                        continue;
                    }
                    ends.push_back({(*doc.pair)[0], m->span});
                    ends.push_back({(*doc.pair)[1], m->span});
                } else if (m->type == EntityType::Person && !m->affiliation.empty() &&
                           !(types & type_bit(EntityType::Person))) {
                    ends.push_back({m->affiliation, m->span});
                } else {
                    ends.push_back({m->key, m->span});
                }
            }
            return ends;
        };
        auto subjects = expand(b.a, slot_types('A'));
        auto objects = expand(b.b, slot_types('B'));
        if (p.pair_fills_subject || p.pair_fills_object) {
            if (doc.pair) {
                const auto span = doc.span(b.start, b.end);
                (p.pair_fills_subject ? subjects : objects) = {{(*doc.pair)[0], span}, {(*doc.pair)[1], span}};
            } else {
                missing_pair = true;
            }
        }
        // An entity is never related to itself: "BRICS, of which Brazil is a member" binds BRICS
        // and "a member" (a reference to BRICS) at BRICS; the match must not count there, so that
        // the next token (Brazil) gets its turn.
        std::vector<std::pair<End, End>> pairs;
        bool self = false;
        auto add_pair = [&](const End& a, const End& o) {
            if (a.key == o.key) self = true;
            else pairs.push_back({a, o});
        };
        if (!objects.empty()) {
            for (const auto& a : subjects)
                for (const auto& o : objects) add_pair(a, o);
        } else if (info(p.predicate).symmetric) {
            for (std::size_t i = 0; i < subjects.size(); ++i)
                for (std::size_t j = i + 1; j < subjects.size(); ++j) add_pair(subjects[i], subjects[j]);
        }
        if (pairs.empty()) {
            rejected.push_back({rule,
                                missing_pair ? "a pair reference, but no pair to refer to (the document names no pair "
                                               "of countries, or a pronoun has no pair named nearby)"
                                : self       ? "subject and object are the same entity"
                                             : "the rule matched but could not fill both ends",
                                s.span, std::string(doc.text(doc.span(b.start, b.end)))});
            return false;
        }
        const auto mods = modifiers(doc, s, b.start >= s.first + 3 ? b.start - 3 : s.first, b.end, found);
        if (mods.unrealized) {
            rejected.push_back({rule, "not a fact yet (a bid, hope or application)", s.span,
                                std::string(doc.text(doc.span(b.start, b.end)))});
            return true;
        }
        // When the document's pair fills the subject, a third country in the sentence makes the
        // reading unsafe; not one after a match that opens with "their" when the pair was just
        // named ("Their land border runs for about 720 km from the coast to Burkina Faso").
        const bool their_pair = doc.ftext(b.start) == "their" && pair_named_near(doc, s);
        if ((p.pair_fills_subject || p.pair_fills_object) && doc.pair)
            for (const auto* m : here)
                if (m->type == EntityType::Country && m->kind != MentionKind::PairReference &&
                    m->key != (*doc.pair)[0] && m->key != (*doc.pair)[1] && !(their_pair && m->first >= b.end)) {
                    rejected.push_back({rule, "the pair is implied, but another country is named: " + m->key, s.span,
                                        std::string(doc.text(doc.span(b.start, b.end)))});
                    return true;
                }
        Qualifiers q;
        q.time = mods.time;
        q.modality = mods.modality;
        const bool topical = p.predicate == Predicate::CooperatesWith || p.predicate == Predicate::InDisputeWith;
        for (const auto* m : here) {
            if (m->key.empty()) continue;
            if (topical && m->type == EntityType::Topic) q.topics.push_back(m->key);
            if (p.predicate == Predicate::CooperatesWith &&
                (m->type == EntityType::Agreement || m->type == EntityType::Initiative))
                q.vehicles.push_back(m->key);
        }
        std::sort(q.topics.begin(), q.topics.end());
        q.topics.erase(std::unique(q.topics.begin(), q.topics.end()), q.topics.end());
        std::sort(q.vehicles.begin(), q.vehicles.end());
        q.vehicles.erase(std::unique(q.vehicles.begin(), q.vehicles.end()), q.vehicles.end());
        if (!p.quantity.empty()) {
            for (const auto& qm : doc.quantities) {
                if (qm.first < s.first || qm.last > s.last ||
                    std::find(p.quantity.begin(), p.quantity.end(), qm.dimension) == p.quantity.end())
                    continue;
                // "the two countries" is a reference, not a count
                if (std::any_of(here.begin(), here.end(), [&](const Mention* m) {
                        return m->kind == MentionKind::PairReference && m->first < qm.last && qm.first < m->last;
                    }))
                    continue;
                if (qm.dimension == "count" && (qm.first < b.start || qm.last > b.end)) continue;
                q.quantity = qm.quantity;
                break;
            }
        }
        for (const auto& [a, o] : pairs) {
            Relation r;
            r.subject = a.key;
            r.predicate = p.predicate;
            r.object = o.key;
            r.negated = mods.negated;
            r.qualifiers = q;
            r.confidence = p.confidence * (q.modality.empty() ? 1.0f : 0.8f);
            r.evidence.push_back(
                {doc.document.id, s.span, a.span, o.span, std::string(doc.text(s.span)), rule, std::nullopt});
            out.push_back(std::move(r));
        }
        return true;
    }

    std::vector<Pattern> patterns_;
    WordIndex by_word_;
    std::vector<std::pair<std::string, std::vector<std::uint32_t>>> by_prefix_;  // a handful of prefix cues
    std::array<bool, 256> prefix_starts_{};                                      // the first bytes of the prefixes
    std::size_t literal_count_ = 0;
    std::vector<std::uint32_t> unanchored_;         // patterns without a required literal
    std::vector<std::uint32_t> patterns_of_;        // per literal, the patterns requiring it ...
    std::vector<std::uint32_t> patterns_of_begin_;  // ... from patterns_of_[begin[i]] to [begin[i + 1]]
    TokenTrie modifiers_;
};

}  // namespace

std::unique_ptr<RelationExtractor> make_cue_patterns(const Resources& r) { return std::make_unique<CuePatterns>(r); }

}  // namespace dyad::extractors
