// Extraction within limits: decode, segment, split overlong sentences, run, map spans back.
#include "core/limits.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/decode.h"
#include "core/error.h"
#include "core/text.h"

namespace dyad {
namespace {

bool is_break(char c) { return c == '\n' || c == '\r'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// text[k-1] ends a blank line: a line break, then (back over spaces and a CRLF's CR) another one.
bool paragraph_end(std::string_view text, std::size_t lo, std::size_t k) {
    if (k < lo + 2 || !is_break(text[k - 1])) return false;
    std::size_t j = k - 1;
    if (text[j] == '\n' && j > lo && text[j - 1] == '\r') --j;
    while (j > lo && is_blank(text[j - 1])) --j;
    return j > lo && is_break(text[j - 1]);
}

std::size_t find_cut(std::string_view text, std::size_t lo, std::size_t hi) {
    for (auto k = hi; k > lo; --k)
        if (paragraph_end(text, lo, k)) return k;
    for (auto k = hi; k > lo; --k)
        if (is_break(text[k - 1])) return k;
    for (auto k = hi; k > lo + 1; --k)
        if (is_blank(text[k - 1]) && (text[k - 2] == '.' || text[k - 2] == '!' || text[k - 2] == '?')) return k;
    for (auto k = hi; k > lo; --k)
        if (is_blank(text[k - 1])) return k;
    // No space at all: cut at a character boundary.
    auto k = hi;
    while (k > lo && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) --k;
    return k > lo ? k : hi;
}

// Where "\n\n" goes so that no sentence of `text` has more than `max_tokens` tokens: after the
// last comma, semicolon or colon in the second half of each window, else after the window.
// `a` receives the tokens and sentences of `text`.
std::vector<std::uint32_t> sentence_breaks(std::string_view text, const SentenceRules& rules, std::uint32_t max_tokens,
                                           std::size_t& overlong, Annotation& a) {
    auto& folded = a.folded;
    auto& tokens = a.tokens;
    auto& sentences = a.sentences;
    tokenize(text, folded, tokens);
    split_sentences(text, folded, tokens, rules, sentences);
    std::vector<std::uint32_t> at;
    for (const auto& s : sentences) {
        if (s.last - s.first <= max_tokens) continue;
        ++overlong;
        auto k = s.first;
        while (s.last - k > max_tokens) {
            auto cut = k + max_tokens;
            for (auto j = k + max_tokens - 1; j >= k + max_tokens / 2 && j > k; --j) {
                const auto f = std::string_view(folded).substr(tokens[j].fbegin, tokens[j].fend - tokens[j].fbegin);
                if (f == "," || f == ";" || f == ":") {
                    cut = j + 1;
                    break;
                }
            }
            at.push_back(tokens[cut - 1].end);
            k = cut;
        }
    }
    return at;
}

using RelationKey = std::tuple<std::string, Predicate, std::string, bool>;

// merge_relation, with evidence appended as is: evidence from different segments never repeats,
// and merge_relation's duplicate check is linear per item.
void merge_appending(Relation& into, Relation&& r) {
    auto evidence = std::move(r.evidence);
    r.evidence.clear();
    const bool asserted = r.qualifiers.modality.empty() && !evidence.empty();
    merge_relation(into, r);
    if (asserted) into.qualifiers.modality.clear();  // merge_relation's rule, which needs the evidence
    into.evidence.insert(into.evidence.end(), std::make_move_iterator(evidence.begin()),
                         std::make_move_iterator(evidence.end()));
}

void merge_entity(Entity& into, Entity&& e) {
    auto unite = [](std::vector<std::string>& a, std::vector<std::string>&& b) {
        a.insert(a.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
        std::sort(a.begin(), a.end());
        a.erase(std::unique(a.begin(), a.end()), a.end());
    };
    unite(into.alt_names, std::move(e.alt_names));
    std::erase(into.alt_names, into.name);
    unite(into.same_as, std::move(e.same_as));
}

std::string plural(std::size_t n, const std::string& word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> segment_text(std::string_view text, std::uint32_t segment_bytes) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    const std::size_t target = std::max<std::uint32_t>(segment_bytes, 64);
    std::size_t pos = 0;
    while (text.size() - pos > target) {
        const auto cut = find_cut(text, pos + target / 2, pos + target);
        out.emplace_back(static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(cut));
        pos = cut;
    }
    out.emplace_back(static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(text.size()));
    return out;
}

GuardedExtraction extract_within_limits(const Pipeline& pipeline, Document document, const ExtractOptions& options,
                                        const Limits& limits, const std::atomic<bool>* stop) {
    GuardedExtraction out;
    const auto decoded = decode_text(document.bytes, document.source);
    if (decoded.encoding != Encoding::Utf8 || decoded.bom)
        out.notes.push_back("read as " + std::string(to_string(decoded.encoding)) +
                            (decoded.bom ? " with a byte order mark" : ""));
    if (decoded.encoding == Encoding::Windows1252)
        out.warnings.push_back("not valid UTF-8: read as Windows-1252 (Latin-1); convert it to UTF-8 if that is wrong");
    if (decoded.replaced > 0)
        out.warnings.push_back(plural(decoded.replaced, "invalid byte sequence") + " replaced by U+FFFD");
    const std::string_view text =
        decoded.transcoded ? std::string_view(decoded.text) : std::string_view(document.bytes);
    // Evidence also gets code-point offsets into the decoded text, which has no byte order mark
    // (a UTF-8 file with one is analysed as it is; the tokenizer skips the mark).
    const CodePointIndex chars(text);
    const std::uint32_t chars_base = !decoded.transcoded && decoded.bom ? chars.count(3) : 0;
    const auto segments = segment_text(text, limits.segment_bytes);
    if (segments.size() > 1)
        out.notes.push_back("analysed in " + plural(segments.size(), "segment") + " of at most " +
                            std::to_string(limits.segment_bytes) + " bytes");

    const auto& rules = pipeline.knowledge().sentence_rules;
    const std::uint32_t max_tokens = std::max<std::uint32_t>(limits.max_sentence_tokens, 8);
    std::size_t overlong = 0;
    std::map<std::string, Entity> entities;
    std::map<RelationKey, Relation> relations;
    ExtractionResult& result = out.result;

    for (const auto& segment : segments) {
        const auto begin = segment.first, end = segment.second;  // lambdas below capture them
        if (stop && stop->load()) {
            out.interrupted = true;
            break;
        }
        const auto piece = text.substr(begin, end - begin);
        Annotation annotation;
        const auto breaks = sentence_breaks(piece, rules, max_tokens, overlong, annotation);
        // The text the pipeline sees, and the map from its offsets back to `text`.
        OffsetMap inserted;
        Document part{document.id, document.source, {}, document.date};
        const bool whole = segments.size() == 1 && breaks.empty() && !decoded.transcoded;
        if (!whole) {
            part.bytes.reserve(piece.size() + 2 * breaks.size());
            std::uint32_t from = 0;
            for (const auto at : breaks) {
                part.bytes.append(piece.substr(from, at - from));
                inserted.append_same(at - from);
                part.bytes.append("\n\n");
                inserted.append(2, 0);
                from = at;
            }
            part.bytes.append(piece.substr(from));
            inserted.append_same(static_cast<std::uint32_t>(piece.size()) - from);
        }
        // A whole document is analysed as it was tokenized above (`piece` is its bytes).
        auto r = whole ? pipeline.extract(document, options, std::move(annotation)) : pipeline.extract(part, options);
        auto to_original = [&](std::uint32_t x) { return decoded.map.to_source(begin + inserted.to_source(x)); };
        auto char_span = [&](const Span& s) {
            auto at = [&](std::uint32_t x) {
                const auto n = chars.count(begin + inserted.to_source(x));
                return n > chars_base ? n - chars_base : 0;
            };
            return Span{at(s.begin), at(s.end)};
        };
        auto map_span = [&](Span& s) {
            if (s.begin == 0 && s.end == 0) return;  // "no span"
            s = {to_original(s.begin), to_original(s.end)};
        };
        for (auto& e : r.entities) {
            auto [it, fresh] = entities.try_emplace(e.key, e);
            if (!fresh) merge_entity(it->second, std::move(e));
        }
        for (auto& rel : r.relations) {
            for (auto& ev : rel.evidence) {
                ev.sentence_chars = char_span(ev.sentence);
                map_span(ev.sentence);
                map_span(ev.subject);
                map_span(ev.object);
            }
            RelationKey key{rel.subject, rel.predicate, rel.object, rel.negated};
            auto it = relations.find(key);
            if (it == relations.end()) relations.emplace(std::move(key), std::move(rel));
            else merge_appending(it->second, std::move(rel));
        }
        for (auto& m : r.mentions) {
            map_span(m.span);
            result.mentions.push_back(std::move(m));
        }
        for (auto& rej : r.rejections) {
            const std::string_view analysed = whole ? std::string_view(document.bytes) : std::string_view(part.bytes);
            if (rej.sentence.end <= analysed.size() && rej.sentence.begin <= rej.sentence.end)
                out.rejection_quotes.emplace_back(
                    analysed.substr(rej.sentence.begin, rej.sentence.end - rej.sentence.begin));
            else out.rejection_quotes.emplace_back();
            map_span(rej.sentence);
            result.rejections.push_back(std::move(rej));
        }
        if (relations.size() > limits.max_relations)
            throw input_error(document.source, "yields more than " + std::to_string(limits.max_relations) +
                                                   " relations, over the limit; skipped (raise --max-relations "
                                                   "if the text is genuine)");
    }
    if (overlong > 0)
        out.warnings.push_back(plural(overlong, "sentence") + " longer than " + std::to_string(max_tokens) +
                               " tokens split into pieces (--max-sentence-tokens)");
    result.entities.reserve(entities.size());
    for (auto& [key, e] : entities) result.entities.push_back(std::move(e));
    result.relations.reserve(relations.size());
    for (auto& [key, r] : relations) result.relations.push_back(std::move(r));
    result.document = std::move(document);
    return out;
}

}  // namespace dyad
