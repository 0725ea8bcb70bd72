// TokenTrie: hashed edges keyed by (parent node, token).
#include "extractors/token_trie.h"

#include "core/error.h"
#include "core/text.h"

namespace dyad::extractors {
namespace {

// The token's hash is computed once per document token (AnnotatedDocument::fhash); the parent
// node is mixed in here.
std::uint64_t edge_key(std::uint32_t node, std::uint64_t token_hash) {
    return token_hash ^ ((static_cast<std::uint64_t>(node) + 1) * 0x9E3779B97F4A7C15ull);
}

}  // namespace

TokenTrie::TokenTrie() { nodes_.push_back({}); }

std::uint32_t TokenTrie::child(std::uint32_t node, std::string_view token, std::uint64_t hash) const {
    auto it = edges_.find(edge_key(node, hash));
    if (it == edges_.end() || nodes_[it->second].label != token) return kNone;
    return it->second;
}

bool TokenTrie::insert(std::string_view phrase, std::uint32_t payload) {
    std::string folded;
    std::vector<Token> tokens;
    tokenize(phrase, folded, tokens);
    if (tokens.empty()) return false;
    std::uint32_t node = 0;
    for (const auto& t : tokens) {
        std::string_view label(folded.data() + t.fbegin, t.fend - t.fbegin);
        const auto hash = token_hash(label);
        auto next = child(node, label, hash);
        if (next == kNone) {
            next = static_cast<std::uint32_t>(nodes_.size());
            nodes_.push_back({std::string(label), {}});
            if (!edges_.emplace(edge_key(node, hash), next).second)
                throw Error(ErrorKind::Internal, "token trie: hash collision on '" + std::string(phrase) + "'");
        }
        node = next;
    }
    auto& p = nodes_[node].payloads;
    for (auto x : p)
        if (x == payload) return true;
    p.push_back(payload);
    return true;
}

std::vector<std::uint8_t> case_profile(std::string_view phrase) {
    std::string folded;
    std::vector<Token> tokens;
    tokenize(phrase, folded, tokens);
    std::vector<std::uint8_t> profile;
    profile.reserve(tokens.size());
    for (const auto& t : tokens) {
        if (t.has(kAllCaps)) profile.push_back(2);
        else if (t.has(kCapitalized)) profile.push_back(1);
        else profile.push_back(0);
    }
    return profile;
}

bool case_matches(const AnnotatedDocument& doc, std::uint32_t first, const std::vector<std::uint8_t>& profile) {
    for (std::size_t k = 0; k < profile.size(); ++k) {
        const auto& t = doc.tokens[first + k];
        if (profile[k] == 2 && !t.has(kAllCaps)) return false;
        if (profile[k] == 1 && !t.has(kCapitalized)) return false;
    }
    return true;
}

}  // namespace dyad::extractors
