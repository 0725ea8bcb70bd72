// Text analysis: tokens over the original bytes with a folded (lowercase, accent-free) copy,
// and sentences that survive abbreviations ("U.S.", "Gen.", "No. 5").
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/model.h"

namespace dyad {

enum TokenFlag : std::uint16_t {
    kWord = 1 << 0,         // letters (and digits after a letter)
    kNumber = 1 << 1,       // starts with a digit: "2,000", "1.8", "1950s"
    kPunct = 1 << 2,        // one punctuation character
    kCapitalized = 1 << 3,  // first letter uppercase
    kAllCaps = 1 << 4,      // every letter uppercase, at least two letters ("NAFTA", "U.S.")
    kDotted = 1 << 5,       // letters with periods: "U.S.", "D.C."; folded without the periods
    kDash = 1 << 6,         // any hyphen or dash; folded to "-"
};

/// One token. [begin, end) are bytes of the original text; [fbegin, fend) of the folded buffer.
struct Token {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t fbegin = 0;
    std::uint32_t fend = 0;
    std::uint16_t flags = 0;
    bool has(TokenFlag f) const { return (flags & f) != 0; }
};

/// A sentence: its byte span and its tokens [first, last).
struct Sentence {
    Span span;
    std::uint32_t first = 0;
    std::uint32_t last = 0;
};

/// Word lists that steer sentence splitting, loaded from data/patterns/sentences.tsv.
/// Thread safety: immutable after load.
struct SentenceRules {
    std::unordered_set<std::string> abbreviations;         // "gen", "dr", "st" (folded, no period)
    std::unordered_set<std::string> number_abbreviations;  // "no", "art": only before a number
    std::unordered_set<std::string> sentence_starters;     // "the", "this": end a sentence after "U.S."
    /// @throws Error (Data) when the file is missing or malformed.
    static SentenceRules load(const std::filesystem::path& file);
};

/// Tokens and folded text of a string. Invalid UTF-8 bytes become one-byte punctuation tokens,
/// so offsets always point into the original bytes.
void tokenize(std::string_view text, std::string& folded, std::vector<Token>& tokens);

/// Hash of a folded token, as stored per token in AnnotatedDocument::fhash (TokenTrie edges).
std::uint64_t token_hash(std::string_view folded_token);

/// Splits tokens into sentences; `text` is the string that was tokenized.
void split_sentences(std::string_view text, std::string_view folded, const std::vector<Token>& tokens,
                     const SentenceRules& rules, std::vector<Sentence>& sentences);

/// Tokens, folded text and sentences of one text: what tokenize() and split_sentences() make.
struct Annotation {
    std::string folded;
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
};

/// Folded tokens of `text` joined by single spaces: the matching form of a dictionary name.
std::string fold(std::string_view text);
/// Folded tokens joined by '-', ASCII letters and digits only: the key form of a name.
std::string slug(std::string_view text);
/// A name as stored: trimmed, no leading "the ", no trailing possessive "'s".
std::string clean_name(std::string_view surface);
/// A folded month name ("march"): a date word, never a name after a title or a place noun.
bool is_month(std::string_view folded_word);
/// A folded day name ("monday").
bool is_weekday(std::string_view folded_word);

}  // namespace dyad
